#!/bin/sh
# Rebuild docs/ from src/. Run from eval/colloquial15: sh src/build.sh
# LibreOffice runs are kept sequential.
set -e
cd "$(dirname "$0")/.."
B=$(mktemp -d)
# 1. PDF: HTML -> ODT -> (autospace off) -> PDF
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt:writer8 --outdir "$B" src/仓库作业规范.html
python3 src/fix_odt.py "$B/仓库作业规范.odt"
soffice --headless --convert-to pdf --outdir docs "$B/仓库作业规范.odt"
# 2. HTML intranet page: written by hand in docs/, its own source (no copy here)
# 3. TXT manual: hard-wrapped at 38-44 characters per line
python3 src/wrap.py src/WMS系统使用说明.src.txt docs/WMS系统使用说明.txt
rm -rf "$B"
