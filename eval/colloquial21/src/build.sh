#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/教职工手册.md is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c21
. ../colloquialbuild.sh

# 1. School-bus and canteen rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 校车与食堂管理规定
# 2. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 校区与班级一览
# 3. Training deck: flat ODP written by make_fodp.py -> LibreOffice Impress -> PPTX (speaker notes kept)
fodp_pptx 新教师入职培训
# 4. Campus-platform manual: hard-wrapped plain text
wrap_txt 智慧校园平台操作手册
finish
