#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.html is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c24
. ../colloquialbuild.sh

# 1. Operating rules: HTML -> LibreOffice Writer -> DOCX (only the DOCX is shipped)
html_docx 营业部操作规定
# 2. Claims rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 快件理赔管理办法
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 价格与人员一览
# 4. Handheld scanner and sorting-line manual: hard-wrapped plain text
wrap_txt 巴枪与分拣系统操作手册
finish
