# Shared by eval/office/make.sh and eval/enterprise/make.sh: the small
# converters that lay sources out for LibreOffice (Markdown → HTML) and as
# text (CSV sheets → Markdown tables). Each make.sh appends its own
# converters and the command dispatch to this file's text.
import csv, html, re, sys

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
