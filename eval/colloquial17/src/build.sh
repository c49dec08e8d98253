#!/bin/sh
# Rebuild eval/colloquial17/docs from src/.  Needs LibreOffice (Writer + Calc)
# and python3.  The LibreOffice conversions run one at a time with a private
# profile so that they do not disturb other LibreOffice users.
set -eu
SRC=$(cd "$(dirname "$0")" && pwd)
DOCS=$(cd "$SRC/.." && pwd)/docs
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
LO="soffice -env:UserInstallation=file:///tmp/c17-lo --headless"
mkdir -p "$DOCS"

# 1. staff handbook: HTML -> DOCX -> PDF (only the PDF is shipped)
cp "$SRC/员工手册.html" "$TMP/"
$LO --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$TMP" "$TMP/员工手册.html"
$LO --convert-to 'pdf:writer_pdf_Export' --outdir "$TMP" "$TMP/员工手册.docx"
cp "$TMP/员工手册.pdf" "$DOCS/员工手册.pdf"

# 2. workbook: flat ODS -> XLSX
python3 "$SRC/make_xlsx.py" "$TMP/收费与工单标准.fods"
$LO --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$TMP" "$TMP/收费与工单标准.fods"
cp "$TMP/收费与工单标准.xlsx" "$DOCS/收费与工单标准.xlsx"

# 3. operations manual: hard-wrapped plain text
python3 "$SRC/wrap.py" "$SRC/QH-Link管家系统操作手册.src.txt" "$DOCS/QH-Link管家系统操作手册.txt"

# 4. holiday duty notice: a hand-written HTML page, written in docs/ itself
#    (国庆中秋值班安排通知.html): nothing to build.

ls -l "$DOCS"
