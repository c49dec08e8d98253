#!/bin/sh
# Rebuilds the four documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c19
. ../colloquialbuild.sh

# 1. Staff handbook: HTML -> LibreOffice Writer -> DOCX
html_docx 员工手册
# 2. Charging and insurance rules: HTML -> LibreOffice Writer -> DOCX -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_docx_pdf 收费与医保规则
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 科室项目与院区一览
# 4. HIS manual: hard-wrapped plain text
wrap_txt HIS操作手册
finish
