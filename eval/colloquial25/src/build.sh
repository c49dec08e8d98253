#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.html is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c25
. ../colloquialbuild.sh

# 1. Admission and daily-life rules: HTML -> LibreOffice Writer -> DOCX (only the DOCX is shipped)
html_docx 入住与生活服务管理规定
# 2. Nursing-safety rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 护理安全管理制度
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 房间与收费一览
# 4. Care-records system manual: hard-wrapped plain text
wrap_txt 颐宁智慧护理系统操作手册
finish
