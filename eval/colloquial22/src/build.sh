#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.md is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c22
. ../colloquialbuild.sh

# 1. Ticketing, cable-car and sightseeing-bus rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 票务与索道观光车运营管理规定
# 2. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 景区点位与作息一览
# 3. Training deck: flat ODP written by make_fodp.py -> LibreOffice Impress -> PPTX (speaker notes kept)
fodp_pptx 新员工岗前培训
# 4. Ticketing-system manual: hard-wrapped plain text
wrap_txt 智慧票务系统操作手册
finish
