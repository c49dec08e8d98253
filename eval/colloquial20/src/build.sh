#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.md is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c20
. ../colloquialbuild.sh

# 1. Fare and ticketing rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 票务规则
# 2. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 线路与车场一览
# 3. Training deck: flat ODP written by make_fodp.py -> LibreOffice Impress -> PPTX (speaker notes kept)
fodp_pptx 新驾驶员岗前培训
# 4. Dispatch-system manual: hard-wrapped plain text
wrap_txt 智能调度系统操作手册
finish
