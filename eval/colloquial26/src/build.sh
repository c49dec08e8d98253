#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.html is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c26
. ../colloquialbuild.sh

# 1. Dormitory and canteen rules: HTML -> LibreOffice Writer -> DOCX (only the DOCX is shipped)
html_docx 宿舍与食堂管理规定
# 2. Workshop production and quality rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 车间生产与品质管理制度
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 产线与人员一览
# 4. MES handheld-scanner manual: hard-wrapped plain text
wrap_txt 启澜MES扫描枪操作手册
finish
