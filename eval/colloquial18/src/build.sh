#!/bin/sh
# Rebuilds the four documents in docs/ from src/.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SRC=src
OUT=docs
TMP=$(mktemp -d /tmp/c18-build.XXXXXX)
LO="soffice --headless -env:UserInstallation=file:///tmp/c18-lo"
mkdir -p "$OUT"

# 1. Staff handbook: HTML -> LibreOffice Writer -> DOCX
$LO --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir "$OUT" "$SRC/员工手册.html"

# 2. Business rules: HTML -> LibreOffice Writer -> DOCX -> writer_pdf_Export -> PDF (only the PDF is shipped)
$LO --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir "$TMP" "$SRC/供水营业规则.html"
$LO --convert-to "pdf:writer_pdf_Export" --outdir "$OUT" "$TMP/供水营业规则.docx"

# 3. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
python3 "$SRC/make_xlsx.py" "$TMP/服务收费与网点一览.fods"
$LO --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$OUT" "$TMP/服务收费与网点一览.fods"

# 4. System manual: hard-wrapped plain text
python3 ../wrap.py "$SRC/客服工单系统操作手册.src.txt" "$OUT/客服工单系统操作手册.txt" 76

rm -rf "$TMP"
ls -l "$OUT"
