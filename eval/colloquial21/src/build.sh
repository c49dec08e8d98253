#!/bin/sh
# Rebuilds the generated documents in docs/ from src/.
# docs/教职工手册.md is written by hand and is not generated.
# The LibreOffice conversions run one at a time with a private profile.
set -eu
cd "$(dirname "$0")/.."
SRC=src
OUT=docs
TMP=$(mktemp -d /tmp/c21-build.XXXXXX)
LO="soffice --headless -env:UserInstallation=file:///tmp/c21-lo"
mkdir -p "$OUT"

# 1. School-bus and canteen rules: HTML -> LibreOffice Writer -> writer_pdf_Export -> PDF (only the PDF is shipped)
$LO --infilter="HTML (StarWriter)" --convert-to "pdf:writer_pdf_Export" --outdir "$OUT" "$SRC/校车与食堂管理规定.html"

# 2. Workbook: flat ODS written by make_xlsx.py -> LibreOffice Calc -> XLSX
python3 "$SRC/make_xlsx.py" "$TMP/校区与班级一览.fods"
$LO --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$OUT" "$TMP/校区与班级一览.fods"

# 3. Training deck: flat ODP written by make_fodp.py -> LibreOffice Impress -> PPTX (speaker notes kept)
python3 "$SRC/make_fodp.py" "$TMP/新教师入职培训.fodp"
$LO --convert-to "pptx:Impress MS PowerPoint 2007 XML" --outdir "$OUT" "$TMP/新教师入职培训.fodp"

# 4. Campus-platform manual: hard-wrapped plain text
python3 ../wrap.py "$SRC/智慧校园平台操作手册.src.txt" "$OUT/智慧校园平台操作手册.txt" 76

rm -rf "$TMP"
ls -l "$OUT"
