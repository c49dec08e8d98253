#!/bin/sh
# Convert the HTML source of the staff handbook into a real Word document.
set -e
cd "$(dirname "$0")"
soffice --headless --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir ../docs 员工制度.html
