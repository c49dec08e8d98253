#!/bin/sh
# Rebuilds the generated documents in docs/ from src/, with the steps of ../colloquialbuild.sh.
# docs/员工手册.html is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SET=c23
. ../colloquialbuild.sh

# 1. Store operating rules: HTML -> LibreOffice Writer -> DOCX (only the DOCX is shipped)
html_docx 门店营业管理规定
# 2. Quality-management rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
html_pdf 药品质量管理制度
# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
fods_xlsx 门店与冷链设备一览
# 4. POS system manual: hard-wrapped plain text
wrap_txt 门店POS系统操作手册
finish
