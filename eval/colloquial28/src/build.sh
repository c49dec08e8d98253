#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.html is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c28
. ../colloquialbuild.sh

# 1. Reader-services rules: HTML -> LibreOffice Writer -> DOCX (only the DOCX is shipped)
html_docx 读者服务管理规定
# 2. Special-collections rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 古籍特藏与文献保护管理办法
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 馆舍与文印服务一览
# 4. LIB system manual: hard-wrapped plain text
wrap_txt 书澄LIB馆员工作站与自助设备操作手册
finish
