# The build steps the colloquial sets share (eval/colloquial18 onwards). A set's
# src/build.sh sets SET (c18, c19 …), changes to the set's folder and sources
# this file; each step then names a document by its base name:
#   html_docx NAME      src/NAME.html -> LibreOffice Writer -> docs/NAME.docx
#   html_docx_pdf NAME  src/NAME.html -> Writer -> DOCX (not shipped) -> writer_pdf_Export -> docs/NAME.pdf
#   html_pdf NAME       src/NAME.html -> Writer -> writer_pdf_Export -> docs/NAME.pdf
#   fods_xlsx NAME      flat ODS written by src/make_xlsx.py -> LibreOffice Calc -> docs/NAME.xlsx
#   fodp_pptx NAME      flat ODP written by src/make_fodp.py -> LibreOffice Impress -> docs/NAME.pptx
#   wrap_txt NAME       src/NAME.src.txt hard-wrapped at 76 columns by ../wrap.py -> docs/NAME.txt
#   finish              removes the scratch folder and lists docs/
# The LibreOffice conversions run one at a time with a private profile (/tmp/$SET-lo).
SRC=src
OUT=docs
TMP=$(mktemp -d "/tmp/$SET-build.XXXXXX")
LO="soffice --headless -env:UserInstallation=file:///tmp/$SET-lo"
mkdir -p "$OUT"

html_docx() {
    $LO --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir "$OUT" "$SRC/$1.html"
}

html_docx_pdf() {
    $LO --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir "$TMP" "$SRC/$1.html"
    $LO --convert-to "pdf:writer_pdf_Export" --outdir "$OUT" "$TMP/$1.docx"
}

html_pdf() {
    $LO --infilter="HTML (StarWriter)" --convert-to "pdf:writer_pdf_Export" --outdir "$OUT" "$SRC/$1.html"
}

fods_xlsx() {
    python3 "$SRC/make_xlsx.py" "$TMP/$1.fods"
    $LO --convert-to "xlsx:Calc MS Excel 2007 XML" --outdir "$OUT" "$TMP/$1.fods"
}

fodp_pptx() {
    python3 "$SRC/make_fodp.py" "$TMP/$1.fodp"
    $LO --convert-to "pptx:Impress MS PowerPoint 2007 XML" --outdir "$OUT" "$TMP/$1.fodp"
}

wrap_txt() {
    python3 ../wrap.py "$SRC/$1.src.txt" "$OUT/$1.txt" 76
}

finish() {
    rm -rf "$TMP"
    ls -l "$OUT"
}
