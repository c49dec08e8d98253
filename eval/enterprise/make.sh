#!/usr/bin/env bash
# Builds the enterprise evaluation documents from the sources in src/ with
# LibreOffice (headless), and LibreOffice's own text export of each file as
# the reference for `wenda eval extract`. See README.md.
#
#   src/sprucesync-manual.md → docs/sprucesync-manual.txt (hard-wrapped plain text, by the python below)
#                            → build/….html → build/….odt → docs/sprucesync-manual.docx, docs/sprucesync-manual.pdf
#   src/sales-rules.md       → build/….html → build/….odt → docs/sales-rules.docx, docs/sales-rules.pdf
#   src/commission.csv, src/discount.csv, src/grades.csv → build/sales-tables.fods → build/sales-tables.ods → docs/sales-tables.xlsx
#
# The small converters below (Markdown → HTML, Markdown → hard-wrapped
# text, CSV → flat ODS) only lay the text out; every binary file is written
# by LibreOffice. The Markdown → HTML converter is eval/office/lotools.py,
# shared with eval/office/make.sh (eval/office/lib.sh runs LibreOffice for
# both). Conversions run one at a time (soffice is heavy).
#
# Needs: soffice (libreoffice-writer-nogui, -calc-nogui), fonts-wqy-zenhei,
# python3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
. "$here/../office/lib.sh"
lo_start enterprise

py=$build/tools.py
lo_tools "$py" <<'PY'
# ---- this corpus's own converters (the shared ones: eval/office/lotools.py) ----

def tokens(s):
    """Units a line may break between: a run of ASCII non-space characters
    (a word, a number, a path) is one unit; every other character is a
    unit of its own, so Chinese breaks anywhere, inside words too."""
    return re.findall(r"[!-~]+| +|[^\x00-\x7f]", s)

def fill(text, width, first="", rest=""):
    """Greedy filling to `width` columns, as a plain-text converter does:
    spaces at a break are dropped; a word longer than a line stands alone."""
    out, line = [], first
    base = len(first)
    for t in tokens(text):
        if t.startswith(" "):
            if cols(line) + len(t) <= width and len(line) > base:
                line += " "
            elif len(line) > base:
                out.append(line.rstrip())
                line = rest
                base = len(rest)
            continue
        if cols(line) + cols(t) > width and len(line) > base:
            out.append(line.rstrip())
            line = rest
            base = len(rest)
        line += t
    if len(line) > base:
        out.append(line.rstrip())
    return out

def md2txt(path, out, width="72"):
    """Markdown → hard-wrapped plain text, the way a manual converted to
    text looks: headings as their own lines (their numbers kept, 3.2 配置参数),
    paragraphs and list items filled to `width` columns, tables as aligned
    columns under a rule of dashes (rows not wrapped)."""
    width = int(width)
    w = []
    for kind, p in blocks(open(path, encoding="utf-8").read()):
        if kind == "h":
            w += [p[1], ""]
        elif kind == "p":
            w += fill(p, width) + [""]
        elif kind in ("ul", "ol"):
            for n, x in enumerate(p, 1):
                lead = "-   " if kind == "ul" else ("%d.  " % n)
                w += fill(x, width, lead, " " * len(lead))
            w.append("")
        elif kind == "table":
            ncol = len(p[0])
            wid = [max(cols(r[c]) for r in p) for c in range(ncol)]
            def row(r):
                return "  " + " ".join(r[c] + " " * (wid[c] - cols(r[c])) for c in range(ncol)).rstrip()
            w.append(row(p[0]))
            w.append("  " + " ".join("-" * wid[c] for c in range(ncol)))
            w += [row(r) for r in p[1:]]
            w.append("")
    open(out, "w", encoding="utf-8").write("\n".join(w).rstrip("\n") + "\n")

cmd, *args = sys.argv[1:]
{"md2html": md2html, "md2txt": md2txt, "csv2fods": csv2fods, "md_table": md_table}[cmd](*args)
PY

sheets=(提成比例="$src/commission.csv" 折扣权限="$src/discount.csv" 客户等级权益="$src/grades.csv")

echo "sources → build/, docs/sprucesync-manual.txt"
python3 "$py" md2txt "$src/sprucesync-manual.md" "$docs/sprucesync-manual.txt" 72
python3 "$py" md2html "$src/sprucesync-manual.md" "$build/sprucesync-manual.html" "云杉同步盘 V4.2 用户与管理员手册　第3版"
python3 "$py" md2html "$src/sales-rules.md" "$build/sales-rules.html" "青岚科技销售提成与销售费用管理办法（2025版）　内部资料"
python3 "$py" csv2fods "$build/sales-tables.fods" "青岚科技销售政策附表（2025版）" "${sheets[@]}"

echo "LibreOffice: documents → docs/"
# Each text is opened as a Writer document (not Writer/Web) and saved as
# ODT; the DOCX and PDF are made from the ODT, as an author would. The
# workbook is opened from the flat ODS, saved as ODS, then as XLSX.
for d in sprucesync-manual sales-rules; do
	convert "$build/$d.html" "$build" odt:writer8 "HTML (StarWriter)"
	convert "$build/$d.odt" "$docs" "docx:MS Word 2007 XML"
	convert "$build/$d.odt" "$docs" pdf:writer_pdf_Export
done
convert "$build/sales-tables.fods" "$build" ods:calc8
convert "$build/sales-tables.ods" "$docs" "xlsx:Calc MS Excel 2007 XML"

echo "LibreOffice: references → ref/"
# Writer documents: LibreOffice's plain-text export of the DOCX; the PDF
# was exported from the same ODT, so its reference is the same text
# (without the running header and page numbers, which a reader should drop).
mkdir -p "$build/txt"
for d in sprucesync-manual sales-rules; do
	convert "$docs/$d.docx" "$build/txt" "txt:Text (encoded):UTF8"
	mv "$build/txt/$d.txt" "$ref/$d.docx.txt"
	cp "$ref/$d.docx.txt" "$ref/$d.pdf.txt"
done
# The workbook: Calc's CSV export of every sheet (sheet option -1), one
# after the other.
convert "$docs/sales-tables.xlsx" "$build" 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
: >"$ref/sales-tables.xlsx.txt"
for s in 提成比例 折扣权限 客户等级权益; do
	cat "$build/sales-tables-$s.csv" >>"$ref/sales-tables.xlsx.txt"
	echo >>"$ref/sales-tables.xlsx.txt"
done

echo "plain/: the same content as text"
cp "$src/sprucesync-manual.md" "$plain/sprucesync-manual.md"
cp "$src/sales-rules.md" "$plain/sales-rules.md"
python3 "$py" md_table "$plain/sales-tables.md" "青岚科技销售政策附表（2025版）" "${sheets[@]}"

rm -rf "$build"
du -sh "$docs" "$ref" "$plain" "$src"
total=$(du -sck "$docs" "$ref" "$plain" "$src" | tail -1 | cut -f1)
if [ "$total" -gt 2048 ]; then
	echo "make.sh: the documents take ${total} KiB, over 2 MiB" >&2
	exit 1
fi
