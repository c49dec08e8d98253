#!/bin/sh
# Rebuilds the four documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c18
. ../colloquialbuild.sh

# 1. Staff handbook: HTML -> LibreOffice Writer -> DOCX
html_docx 员工手册
# 2. Business rules: HTML -> LibreOffice Writer -> DOCX -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_docx_pdf 供水营业规则
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 服务收费与网点一览
# 4. System manual: hard-wrapped plain text
wrap_txt 客服工单系统操作手册
finish
