#!/usr/bin/env bash
# Builds the office test corpus from the sources in src/ with LibreOffice
# (headless), and LibreOffice's own text export of each file as the
# reference for `wenda eval extract`. See README.md.
#
#   src/handbook.md   → build/handbook.html → docs/handbook.odt → docs/handbook.docx, docs/handbook.pdf
#   src/travel.csv, src/extensions.csv → build/travel.fods → docs/travel.ods → docs/travel.xlsx
#   src/onboarding.md → build/onboarding.fodp → docs/onboarding.odp → docs/onboarding.pptx, docs/onboarding.pdf
#
# The small converters (Markdown → HTML, CSV → flat ODS and CSV → Markdown
# tables in lotools.py, shared with eval/enterprise/make.sh; Markdown
# outline → flat ODP below) only lay the text out; every binary
# file is written by LibreOffice (lib.sh), one conversion at a time
# (soffice is heavy).
#
# Needs: soffice (libreoffice-writer-nogui, -calc-nogui, -impress-nogui),
# fonts-wqy-zenhei, pdftotext (poppler-utils), python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
. "$here/lib.sh"
lo_start office

py=$build/tools.py
lo_tools "$py" <<'PY'
def md2fodp(path, out):
    """A slide per "## " heading: its text as the title placeholder,
    paragraphs and lists in the outline placeholder, a pipe table as an
    Impress table, and ::: notes as the speaker notes."""
    bs = blocks(open(path, encoding="utf-8").read())
    title = next((p[1] for k, p in bs if k == "h" and p[0] == 1), "")
    slides, cur = [], None
    for kind, p in bs:
        if kind == "h" and p[0] == 2:
            cur = {"title": p[1], "body": [], "notes": []}
            slides.append(cur)
        elif cur is not None and kind == "notes":
            cur["notes"] = p
        elif cur is not None:
            cur["body"].append((kind, p))
    W, H = 28.0, 15.75
    w = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">' % NS,
         "<office:meta><dc:title>%s</dc:title></office:meta>" % esc(title),
         "<office:styles>",
         '<style:style style:name="standard" style:family="graphic"><style:graphic-properties draw:stroke="none" draw:fill="none"/>'
         '<style:text-properties style:font-name-asian="WenQuanYi Zen Hei" fo:font-size="18pt" style:font-size-asian="18pt"/></style:style>',
         "</office:styles>",
         "<office:automatic-styles>",
         '<style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="%scm" fo:page-height="%scm" style:print-orientation="landscape"/></style:page-layout>' % (W, H),
         '<style:style style:name="dp1" style:family="drawing-page"><style:drawing-page-properties draw:fill="solid" draw:fill-color="#ffffff"/></style:style>',
         '<style:style style:name="title" style:family="presentation"><style:graphic-properties draw:stroke="none" draw:fill="none" draw:textarea-vertical-align="middle"/>'
         '<style:paragraph-properties fo:text-align="start"/><style:text-properties fo:color="#1f4e79" fo:font-size="30pt" style:font-size-asian="30pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>',
         '<style:style style:name="outline" style:family="presentation"><style:graphic-properties draw:stroke="none" draw:fill="none" draw:textarea-vertical-align="top"/>'
         '<style:text-properties fo:font-size="18pt" style:font-size-asian="18pt"/></style:style>',
         '<style:style style:name="notes" style:family="presentation"><style:text-properties fo:font-size="12pt" style:font-size-asian="12pt"/></style:style>',
         '<style:style style:name="cell" style:family="table-cell"><style:graphic-properties draw:fill="solid" draw:fill-color="#ffffff"/>'
         '<style:paragraph-properties fo:border="0.5pt solid #000000"/><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>',
         '<style:style style:name="headcell" style:family="table-cell"><style:graphic-properties draw:fill="solid" draw:fill-color="#dde8f3"/>'
         '<style:paragraph-properties fo:border="0.5pt solid #000000"/><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>',
         '<text:list-style style:name="Lul"><text:list-level-style-bullet text:level="1" text:bullet-char="•">'
         '<style:list-level-properties text:space-before="0.3cm" text:min-label-width="0.7cm"/></text:list-level-style-bullet></text:list-style>',
         '<text:list-style style:name="Lol"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix=".">'
         '<style:list-level-properties text:space-before="0.3cm" text:min-label-width="0.7cm"/></text:list-level-style-number></text:list-style>',
         "</office:automatic-styles>",
         '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1" draw:style-name="dp1"/></office:master-styles>',
         "<office:body><office:presentation>"]
    for n, s in enumerate(slides, 1):
        w.append('<draw:page draw:name="slide%d" draw:master-page-name="Default">' % n)
        w.append('<draw:frame presentation:style-name="title" presentation:class="title" svg:x="1.2cm" svg:y="0.6cm" svg:width="%.2fcm" svg:height="2.2cm"><draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>'
                 % (W - 2.4, esc(s["title"])))
        text = [(k, p) for k, p in s["body"] if k != "table"]
        tables = [p for k, p in s["body"] if k == "table"]
        y = 3.2
        if text:
            h = 1.1 * sum(len(p) if k in ("ul", "ol") else 1 for k, p in text) + 0.6
            parts = []
            for k, p in text:
                if k == "p":
                    parts.append("<text:p>%s</text:p>" % esc(p))
                elif k in ("ul", "ol"):
                    parts.append('<text:list text:style-name="%s">%s</text:list>' % (
                        "L" + k, "".join("<text:list-item><text:p>%s</text:p></text:list-item>" % esc(x) for x in p)))
            w.append('<draw:frame presentation:style-name="outline" presentation:class="outline" svg:x="1.2cm" svg:y="%.2fcm" svg:width="%.2fcm" svg:height="%.2fcm"><draw:text-box>%s</draw:text-box></draw:frame>'
                     % (y, W - 2.4, h, "".join(parts)))
            y += h + 0.3
        for rows in tables:
            ncol = len(rows[0])
            rh = 1.5
            tw = W - 2.4
            cols = "".join('<table:table-column/>' for _ in range(ncol))
            trs = []
            for ri, r in enumerate(rows):
                style = "headcell" if ri == 0 else "cell"
                trs.append("<table:table-row>%s</table:table-row>" % "".join(
                    '<table:table-cell table:style-name="%s"><text:p>%s</text:p></table:table-cell>' % (style, esc(c)) for c in r))
            w.append('<draw:frame draw:name="table%d" svg:x="1.2cm" svg:y="%.2fcm" svg:width="%.2fcm" svg:height="%.2fcm"><table:table table:use-first-row-styles="true">%s%s</table:table></draw:frame>'
                     % (n, y, tw, rh * len(rows), cols, "".join(trs)))
            y += rh * len(rows) + 0.3
        if s["notes"]:
            paras = "".join("<text:p>%s</text:p>" % esc(p if k == "p" else "；".join(p)) for k, p in s["notes"])
            w.append('<presentation:notes draw:style-name="dp1">'
                     '<draw:page-thumbnail presentation:class="page" svg:x="2cm" svg:y="2cm" svg:width="17cm" svg:height="9.56cm" draw:page-number="%d"/>'
                     '<draw:frame presentation:style-name="notes" presentation:class="notes" svg:x="2cm" svg:y="12.5cm" svg:width="17cm" svg:height="12cm"><draw:text-box>%s</draw:text-box></draw:frame>'
                     "</presentation:notes>" % (n, paras))
        w.append("</draw:page>")
    w.append("</office:presentation></office:body></office:document>")
    open(out, "w", encoding="utf-8").write("\n".join(w) + "\n")

cmd, *args = sys.argv[1:]
{"md2html": md2html, "csv2fods": csv2fods, "md2fodp": md2fodp, "md_table": md_table}[cmd](*args)
PY

echo "sources → build/"
python3 "$py" md2html "$src/handbook.md" "$build/handbook.html" "青岚科技员工手册（V3.2）　内部资料"
python3 "$py" csv2fods "$build/travel.fods" "青岚科技差旅标准表" "差旅标准=$src/travel.csv" "分机号码=$src/extensions.csv"
python3 "$py" md2fodp "$src/onboarding.md" "$build/onboarding.fodp"

echo "LibreOffice: documents → docs/"
# The handbook is opened as a Writer document (not Writer/Web), saved as
# ODT, and the DOCX and PDF are made from the ODT, as an author would.
convert "$build/handbook.html" "$docs" odt:writer8 "HTML (StarWriter)"
convert "$docs/handbook.odt" "$docs" "docx:MS Word 2007 XML"
convert "$docs/handbook.odt" "$docs" pdf:writer_pdf_Export
convert "$build/travel.fods" "$docs" ods:calc8
convert "$docs/travel.ods" "$docs" "xlsx:Calc MS Excel 2007 XML"
convert "$build/onboarding.fodp" "$docs" odp:impress8
convert "$docs/onboarding.odp" "$docs" "pptx:Impress MS PowerPoint 2007 XML"
convert "$docs/onboarding.odp" "$docs" pdf:impress_pdf_Export

echo "LibreOffice: references → ref/"
# Writer documents: LibreOffice's plain-text export of each file.
for f in handbook.odt handbook.docx; do
	convert "$docs/$f" "$build" "txt:Text (encoded):UTF8"
	mv "$build/handbook.txt" "$ref/$f.txt"
done
# The PDF was exported from the ODT: its reference is the ODT's text.
cp "$ref/handbook.odt.txt" "$ref/handbook.pdf.txt"
# Spreadsheets: the CSV export of every sheet (sheet option -1), one after
# the other, sheet by sheet.
for f in travel.ods travel.xlsx; do
	rm -f "$build"/travel-*.csv
	convert "$docs/$f" "$build" 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
	: >"$ref/$f.txt"
	for sheet in 差旅标准 分机号码; do
		cat "$build/travel-$sheet.csv" >>"$ref/$f.txt"
		echo >>"$ref/$f.txt"
	done
done
# Presentations: LibreOffice has no text export for Impress. The reference
# is pdftotext over a PDF that LibreOffice exported from the file itself as
# notes pages only (each page: the slide, then its speaker notes), so it
# holds the slides' text and the notes once each. The slide PDF's reference
# is pdftotext over itself (it has no notes).
for f in onboarding.odp onboarding.pptx; do
	mkdir -p "$build/notes"
	cp "$docs/$f" "$build/notes/$f"
	convert "$build/notes/$f" "$build/notes" 'pdf:impress_pdf_Export:{"ExportNotesPages":{"type":"boolean","value":"true"},"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}'
	pdftotext -enc UTF-8 -layout "$build/notes/onboarding.pdf" "$ref/$f.txt"
	rm -rf "$build/notes"
done
pdftotext -enc UTF-8 -layout "$docs/onboarding.pdf" "$ref/onboarding.pdf.txt"

echo "plain/: the same content as text"
cp "$src/handbook.md" "$plain/handbook.md"
cp "$src/onboarding.md" "$plain/onboarding.md"
python3 "$py" md_table "$plain/travel.md" "青岚科技差旅标准表" "差旅标准=$src/travel.csv" "分机号码=$src/extensions.csv"

rm -rf "$build"
du -sh "$docs" "$ref" "$plain" "$src"
total=$(du -sck "$docs" "$ref" "$plain" "$src" | tail -1 | cut -f1)
if [ "$total" -gt 2048 ]; then
	echo "make.sh: the corpus takes ${total} KiB, over 2 MiB" >&2
	exit 1
fi
