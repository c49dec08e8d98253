#!/bin/sh
# Rebuilds the generated documents in docs/ from src/.
# docs/员工手册.md is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SRC=src
OUT=docs
TMP=$(mktemp -d /tmp/c20-build.XXXXXX)
LO="soffice --headless -env:UserInstallation=file:///tmp/c20-lo"
mkdir -p "$OUT"

# 1. Fare and ticketing rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
$LO --infilter="HTML (StarWriter)" --convert-to "pdf:writer_pdf_Export" --outdir "$OUT" "$SRC/票务规则.html"

# 2. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
python3 "$SRC/make_xlsx.py" "$TMP/线路与车场一览.fods"
$LO --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$OUT" "$TMP/线路与车场一览.fods"

# 3. Training deck: flat ODP written by make_fodp.py -> LibreOffice Impress -> PPTX (speaker notes kept)
python3 "$SRC/make_fodp.py" "$TMP/新驾驶员岗前培训.fodp"
$LO --convert-to "pptx:Impress MS PowerPoint 2007 XML" --outdir "$OUT" "$TMP/新驾驶员岗前培训.fodp"

# 4. Dispatch-system manual: hard-wrapped plain text
python3 ../wrap.py "$SRC/智能调度系统操作手册.src.txt" "$OUT/智能调度系统操作手册.txt" 76

rm -rf "$TMP"
ls -l "$OUT"
