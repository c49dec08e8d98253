#!/bin/sh
# Rebuild the three documents in ../docs from the sources in this folder.
# Run LibreOffice conversions one at a time (sequentially).
set -e
cd "$(dirname "$0")"
python3 make_xlsx.py
python3 make_pptx.py
soffice --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir ../docs 员工手册.html
soffice --headless --convert-to xlsx --outdir ../docs 会员与课程价目.fods
soffice --headless --convert-to pptx --outdir ../docs 前台系统操作指南.fodp
