# Shared by eval/office/make.sh and eval/enterprise/make.sh: the small
# converters that lay sources out for LibreOffice (Markdown → HTML, CSV
# sheets → flat ODS) and as text (CSV sheets → Markdown tables). Each
# make.sh appends its own converters and the command dispatch to this
# file's text.
import csv, html, re, sys, unicodedata
from decimal import Decimal

def esc(s):
    return html.escape(s, quote=True)

def inline(s):
    s = esc(s)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)

def cells(line):
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip() for c in line.split("|")]

def is_rule(line):
    return re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", line.strip()) is not None

def blocks(text):
    """Markdown blocks: (kind, payload). Headings, pipe tables, lists
    (- or 1.), ::: notes fences and paragraphs; HTML comments dropped."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    lines = text.split("\n")
    i, out = 0, []
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        m = re.match(r"(#{1,6})\s+(.*)", line)
        if m:
            out.append(("h", (len(m.group(1)), m.group(2).strip())))
            i += 1
            continue
        if line.strip().startswith(":::"):
            j = i + 1
            body = []
            while j < len(lines) and lines[j].strip() != ":::":
                body.append(lines[j])
                j += 1
            out.append(("notes", blocks("\n".join(body))))
            i = j + 1
            continue
        if line.lstrip().startswith("|") and i + 1 < len(lines) and is_rule(lines[i + 1]):
            rows = [cells(line)]
            j = i + 2
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                rows.append(cells(lines[j]))
                j += 1
            out.append(("table", rows))
            i = j
            continue
        m = re.match(r"\s*([-*]|\d+\.)\s+(.*)", line)
        if m:
            ordered = m.group(1)[0].isdigit()
            items = []
            j = i
            while j < len(lines):
                m = re.match(r"\s*([-*]|\d+\.)\s+(.*)", lines[j])
                if not m:
                    break
                items.append(m.group(2).strip())
                j += 1
            out.append(("ol" if ordered else "ul", items))
            i = j
            continue
        para = [line.strip()]
        j = i + 1
        while j < len(lines) and lines[j].strip() and not re.match(r"(#{1,6}\s|\s*([-*]|\d+\.)\s|\s*\||:::)", lines[j]):
            para.append(lines[j].strip())
            j += 1
        out.append(("p", "".join(para)))
        i = j
    return out

def md2html(path, out, header=""):
    """header, when given, is a running header on every page, with page
    numbers in the footer (LibreOffice's HTML dialect: div title=header,
    title=footer, sdfield type=PAGE)."""
    bs = blocks(open(path, encoding="utf-8").read())
    title = next((t for k, (l, t) in ((k, p) for k, p in bs if k == "h") if l == 1), "")
    w = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
         "<title>%s</title>" % esc(title),
         "<style>body{font-family:'WenQuanYi Zen Hei',sans-serif;font-size:11pt}"
         "table{border-collapse:collapse}td,th{border:1px solid #000;padding:2pt 4pt}</style>",
         "</head><body>"]
    if header:
        w.append('<div title="header"><p align="right">%s</p></div>' % esc(header))
        w.append('<div title="footer"><p align="center">第 <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> 页</p></div>')
    for kind, p in bs:
        if kind == "h":
            w.append("<h%d>%s</h%d>" % (p[0], inline(p[1]), p[0]))
        elif kind == "p":
            w.append("<p>%s</p>" % inline(p))
        elif kind in ("ul", "ol"):
            w.append("<%s>%s</%s>" % (kind, "".join("<li>%s</li>" % inline(x) for x in p), kind))
        elif kind == "table":
            rows = ["<tr>%s</tr>" % "".join("<th>%s</th>" % inline(c) for c in p[0])]
            rows += ["<tr>%s</tr>" % "".join("<td>%s</td>" % inline(c) for c in r) for r in p[1:]]
            w.append('<table border="1" cellpadding="3">%s</table>' % "".join(rows))
    w.append("</body></html>")
    open(out, "w", encoding="utf-8").write("\n".join(w) + "\n")


def md_table(out, title, *sheets):
    """The sheets as Markdown tables, for ingesting the same content as text."""
    w = ["# %s" % title, ""]
    for spec in sheets:
        name, path = spec.split("=", 1)
        rows = list(csv.reader(open(path, encoding="utf-8")))
        w += ["## %s" % name, ""]
        w.append("| %s |" % " | ".join(rows[0]))
        w.append("|%s|" % "|".join(" --- " for _ in rows[0]))
        w += ["| %s |" % " | ".join(c or " " for c in r) for r in rows[1:]]
        w.append("")
    open(out, "w", encoding="utf-8").write("\n".join(w))


def cols(s):
    """Display width: East Asian wide and fullwidth characters take two
    columns, others one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

def csv2fods(out, title, *sheets):
    """sheets: NAME=FILE.csv. Numbers become numeric cells; a percentage
    (12%, 1.5%) a numeric cell holding 0.12 or 0.015 with a percent
    format, as a person typing "12%" into Calc or Excel gets."""
    w = ['<?xml version="1.0" encoding="UTF-8"?>',
         '<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">' % NS,
         "<office:meta><dc:title>%s</dc:title></office:meta>" % esc(title),
         "<office:automatic-styles>",
         '<number:percentage-style style:name="P0"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>',
         '<number:percentage-style style:name="P1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>',
         '<style:style style:name="pct0" style:family="table-cell" style:data-style-name="P0"/>',
         '<style:style style:name="pct1" style:family="table-cell" style:data-style-name="P1"/>',
         '<style:style style:name="head" style:family="table-cell"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>']
    body = []
    for si, spec in enumerate(sheets):
        name, path = spec.split("=", 1)
        rows = list(csv.reader(open(path, encoding="utf-8")))
        ncol = max(len(r) for r in rows)
        for c in range(ncol):
            chars = max(cols(r[c]) if c < len(r) else 0 for r in rows)
            w.append('<style:style style:name="s%dc%d" style:family="table-column"><style:table-column-properties style:column-width="%.2fcm"/></style:style>'
                     % (si, c, min(max(chars * 0.2 + 0.4, 1.6), 12)))
        body.append('<table:table table:name="%s">' % esc(name))
        body += ['<table:table-column table:style-name="s%dc%d"/>' % (si, c) for c in range(ncol)]
        for ri, r in enumerate(rows):
            body.append("<table:table-row>")
            for v in r:
                m = re.fullmatch(r"(\d+(?:\.(\d+))?)%", v)
                if ri == 0:
                    body.append('<table:table-cell table:style-name="head" office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(v))
                elif m:
                    frac = Decimal(m.group(1)) / 100
                    body.append('<table:table-cell table:style-name="pct%d" office:value-type="percentage" office:value="%s"><text:p>%s</text:p></table:table-cell>'
                                % (1 if m.group(2) else 0, frac, v))
                elif re.fullmatch(r"-?\d+(\.\d+)?", v):
                    body.append('<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (v, v))
                elif v:
                    body.append('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % esc(v))
                else:
                    body.append("<table:table-cell/>")
            body.append("</table:table-row>")
        body.append("</table:table>")
    w.append("</office:automatic-styles>")
    w.append("<office:body><office:spreadsheet>")
    w += body
    w.append("</office:spreadsheet></office:body></office:document>")
    open(out, "w", encoding="utf-8").write("\n".join(w) + "\n")
