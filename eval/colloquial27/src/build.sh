#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.html is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c27
. ../colloquialbuild.sh

# 1. Fuel card and convenience store rules: HTML -> LibreOffice Writer -> DOCX (only the DOCX is shipped)
html_docx 加油卡与便利店管理规定
# 2. Station safety and fuel unloading rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 加油站安全与卸油操作规程
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 站点与人员一览
# 4. Handheld POS / dispenser controller manual: hard-wrapped plain text
wrap_txt 沣岚手持POS操作手册
finish
