#!/usr/bin/env python3
"""Sanity checks for eval/colloquial17 (standard library plus pdftotext).

Reads the four documents in docs/ (the PDF through poppler's pdftotext, the
XLSX straight from its zip XML, the text manual and the HTML page as text)
and checks questions.tsv against them.  Prints ALL CHECKS PASSED when
everything holds, otherwise lists every failure and exits with status 1.

    python3 eval/colloquial17/check.py
"""
import csv
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
PDF = os.path.join(DOCS, "员工手册.pdf")
XLSX = os.path.join(DOCS, "收费与工单标准.xlsx")
TXT = os.path.join(DOCS, "QH-Link管家系统操作手册.txt")
HTML = os.path.join(DOCS, "国庆中秋值班安排通知.html")

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

EXPECTED = {"number": 8, "condition": 8, "yesno": 8, "table": 7, "fact": 6,
            "faq": 4, "multi": 4, "manual": 6, "refuse": 9}
# one traditional-character question in each answerable category, two in refuse
EXPECTED_TRAD = {c: 1 for c in EXPECTED}
EXPECTED_TRAD["refuse"] = 2

# Key terms of each refuse question: none may occur in any document.
REFUSE_TERMS = {
    "小区会所的网球场怎么预约": ["网球", "会所"],
    "业主交物业费能刷信用卡吗": ["信用卡"],
    "业主要开物业费的增值税专票 找谁开": ["专票", "增值税", "发票"],
    "电动车充电桩一度电多少钱": ["充电桩", "充电", "电动车"],
    "电梯里的广告费怎么分": ["广告"],
    "公司有没有企业年金": ["年金"],
    "年底有没有十三薪": ["十三薪", "双薪", "年终"],
    "公司有員工餐廳嗎": ["餐廳", "餐厅", "食堂"],
    "住戶養狗要登記嗎": ["養狗", "养狗", "宠物", "寵物", "犬"],
}

# generic negations accepted for negative yes/no questions besides the rule's key phrase
GENERIC_NO = {"不得", "不能", "不可以"}

# The manual is hard-wrapped at this many display columns (CJK = 2).
WRAP_WIDTH = 78

# Simplified/traditional pairs (simplified first) for the characters of the
# traditional questions; used to catch half-converted traditional questions
# and any traditional character in answers or documents.
PAIRS = ("来來个個们們两兩区區员員吗嗎几幾厅廳张張户戶换換时時旷曠满滿奖獎发發"
         "绍紹号號记記办辦这這迟遲钱錢门門头頭颜顏风風台颱养養么麼龙龍")
SIMP = set(PAIRS[0::2]) - set(PAIRS[1::2])
TRAD = set(PAIRS[1::2]) - set(PAIRS[0::2])

failures = []


def fail(msg):
    failures.append(msg)


# ---------------------------------------------------------------- extraction
def pdf_text(path):
    """pdftotext output: raw, lines joined, and lines joined with the
    inter-script spaces (18 个 -> 18个) that LibreOffice's autospacing leaves
    in the extracted text removed."""
    try:
        raw = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], check=True,
                             capture_output=True).stdout.decode("utf-8")
    except (OSError, subprocess.CalledProcessError) as e:
        fail("pdftotext failed on %s: %s (install poppler-utils)" % (path, e))
        return "", "", "", 0
    pages = raw.count("\f") + 1
    joined = "".join(l.strip() for l in raw.replace("\f", "\n").split("\n"))
    despaced = re.sub(r"(?<=[^\x00-\x7f]) (?=[\x21-\x7e])|(?<=[\x21-\x7e]) (?=[^\x00-\x7f])",
                      "", joined)
    return raw, joined, despaced, pages


def display_width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def txt_text(path):
    """The manual with its hard wraps undone: a line filled to the wrap width
    continues on the next line."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    widths = [display_width(l) for l in lines]
    out = []
    for l, w in zip(lines, widths):
        out.append(l)
        out.append("" if w >= WRAP_WIDTH - 1 else "\n")
    return "".join(out), lines, widths


class _Text(HTMLParser):
    BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "caption", "table", "title"}

    def __init__(self):
        super().__init__()
        self.parts, self.skip, self.captions, self.tables = [], 0, 0, 0
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        if tag == "caption":
            self.captions += 1
        if tag == "table":
            self.tables += 1
        if tag in ("td", "th"):
            self.parts.append("\t")
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path):
    p = _Text()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    return "".join(p.parts), p.tables, p.captions


def xlsx_text(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        shared = []
        if "xl/sharedStrings.xml" in names:
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(S + "si"):
                shared.append("".join(t.text or "" for t in si.iter(S + "t")))
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        sheets = [s.get("name") for s in wb.iter(S + "sheet")]
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        out = []
        headers = {}
        for s in wb.iter(S + "sheet"):
            t = target[s.get(R + "id")].lstrip("/")
            t = t if t.startswith("xl/") else "xl/" + t
            root = ET.fromstring(z.read(t))
            out.append("## " + s.get("name"))
            for ri, row in enumerate(root.iter(S + "row")):
                vals = []
                for c in row.iter(S + "c"):
                    v = c.find(S + "v")
                    if c.get("t") == "s" and v is not None:
                        vals.append(shared[int(v.text)])
                    elif c.get("t") == "inlineStr":
                        vals.append("".join(x.text or "" for x in c.iter(S + "t")))
                    elif v is not None:
                        x = v.text or ""
                        if re.fullmatch(r"-?\d+\.0+", x):
                            x = x.split(".")[0]
                        vals.append(x)
                if ri == 0:
                    headers[s.get("name")] = vals
                out.append("\t".join(vals))
    return "\n".join(out), sheets, headers


# --------------------------------------------------------- number handling
CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def cn_to_int(s):
    """Spoken Chinese numeral -> int, incl. colloquial 一万二, 一千五, 两千九百八."""
    total, section, num, last_unit = 0, 0, 0, 1
    for ch in s:
        if ch in CN_DIGIT:
            num = CN_DIGIT[ch]
        else:
            u = CN_UNIT[ch]
            if u == 10000:
                total += (section + num) * 10000
                section, num, last_unit = 0, 0, 10000
                continue
            if num == 0 and u == 10:
                num = 1
            section += num * u
            num, last_unit = 0, u
    if num:  # trailing digit after a unit: 一万二 = 12000, 一千五 = 1500
        num *= last_unit // 10 if last_unit >= 10 else 1
    return total + section + num


CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+")


def digit_forms(answer):
    """Digit strings an accepted spoken or unit-bearing variant stands for."""
    m = re.fullmatch(r"([零〇一二两三四五六七八九十]+)块([一二三四五六七八九])", answer)
    if m:  # 两块八 = 2.8
        return ["%d.%d" % (cn_to_int(m.group(1)), cn_to_int(m.group(2)))]
    m = re.search(r"百分之([零〇一二两三四五六七八九十]+)", answer)
    if m:
        return [str(cn_to_int(m.group(1)))]
    forms = [str(cn_to_int(run)) for run in CN_RUN.findall(answer)]
    # digits with a unit the document or table header carries (35元, 8%, 5次)
    forms += re.findall(r"\d+(?:\.\d+)?", answer)
    return forms


def has_number(text, digits):
    return re.search(r"(?<![\d.])%s(?![\d])" % re.escape(digits), text) is not None


def is_gb2312(ch):
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def cjk(s):
    return [c for c in s if "\u4e00" <= c <= "\u9fff"]


def is_traditional(q):
    return any(not is_gb2312(c) for c in cjk(q)) or any(c in TRAD for c in q)


# ------------------------------------------------------------------- checks
def main():
    for p in (PDF, XLSX, TXT, HTML):
        if not os.path.exists(p):
            fail("missing document %s" % p)
    if failures:
        report()
    pdf_raw, pdf_joined, pdf_despaced, npages = pdf_text(PDF)
    xlsx, sheets, headers = xlsx_text(XLSX)
    txt, txt_lines, txt_widths = txt_text(TXT)
    html, ntables, ncaptions = html_text(HTML)
    if failures:
        report()
    # texts in which an accepted answer may be found verbatim
    texts = {"pdf": pdf_raw + "\n" + pdf_joined + "\n" + pdf_despaced,
             "xlsx": xlsx, "txt": txt, "html": html}
    alltext = "\n".join(texts.values())
    not_txt = "\n".join(v for k, v in texts.items() if k != "txt")

    # documents themselves
    sizes = {"pdf": pdf_raw, "xlsx": xlsx, "txt": txt, "html": html}
    for name, t in sizes.items():
        n = len(cjk(t))
        print("%-5s %5d CJK characters" % (name, n))
        if not 2300 <= n <= 3200:
            fail("%s has %d CJK characters, expected about 2500-3000" % (name, n))
        bad = sorted({c for c in cjk(t) if not is_gb2312(c) or c in TRAD})
        if bad:
            fail("%s contains traditional characters: %s" % (name, "".join(bad)))
    if not re.search(r"第[一二三四五六七八九十]+章", pdf_raw) or not re.search(r"第[一二三四五六七八九十]+条", pdf_raw):
        fail("PDF lacks 第X章 / 第X条 headings")
    if "问：" not in pdf_raw or "答：" not in pdf_raw:
        fail("PDF lacks the 问/答 FAQ")
    if "岗位津贴（元/月）" not in pdf_despaced:
        fail("PDF lacks the allowance table")
    if not 2 <= len(sheets) <= 3:
        fail("xlsx has %d sheets" % len(sheets))
    for name, hdr in headers.items():
        if not hdr or any(re.fullmatch(r"-?\d+(\.\d+)?", h) for h in hdr):
            fail("xlsx sheet %s has no text header in row 1" % name)
    for name, hdr in headers.items():
        if not any(re.search(r"（[^）]+）$", h) for h in hdr):
            fail("xlsx sheet %s has no unit in its headers" % name)
    if re.search(r"(?m)(^|\t)\d+(\.\d+)?(元|天|小时|分钟|%)(\t|$)", xlsx):
        fail("xlsx has a number cell carrying its unit")
    if ntables != 1 or ncaptions != 1:
        fail("html page should have one table with a caption (tables %d, captions %d)"
             % (ntables, ncaptions))
    full = [w for l, w in zip(txt_lines, txt_widths) if w >= WRAP_WIDTH - 1]
    if len(full) < 30 or max(txt_widths) > WRAP_WIDTH:
        fail("manual is not hard-wrapped at %d columns" % WRAP_WIDTH)
    print("pdf pages: %d; xlsx sheets: %s; txt lines: %d (%d wrapped); html tables: %d"
          % (npages, ", ".join(sheets), len(txt_lines), len(full), ntables))

    # questions file
    path = os.path.join(HERE, "questions.tsv")
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    lines = raw.rstrip("\n").split("\n")
    if lines[0] != "question\tanswers\tcategory":
        fail("bad header: %r" % lines[0])
    rows = list(csv.reader(lines[1:], delimiter="\t", quoting=csv.QUOTE_NONE))
    if len(rows) != 60:
        fail("expected 60 questions, found %d" % len(rows))
    counts, trad_counts = {}, {}
    seen = set()
    for i, r in enumerate(rows, 2):
        if len(r) != 3:
            fail("line %d: expected 3 fields, got %d" % (i, len(r)))
            continue
        q, ans, cat = r
        if q in seen:
            fail("line %d: duplicate question" % i)
        seen.add(q)
        if cat not in EXPECTED:
            fail("line %d: unknown category %r" % (i, cat))
            continue
        counts[cat] = counts.get(cat, 0) + 1
        trad = is_traditional(q)
        if trad:
            trad_counts[cat] = trad_counts.get(cat, 0) + 1
            half = sorted({c for c in q if c in SIMP})
            if half:
                fail("line %d: traditional question contains simplified %s" % (i, "".join(half)))
        answers = ans.split("|")
        for a in answers:
            if not a or a != a.strip():
                fail("line %d: empty or padded answer %r" % (i, a))
            bad = [c for c in cjk(a) if not is_gb2312(c) or c in TRAD]
            if bad:
                fail("line %d: traditional characters in answer %r" % (i, a))

        if cat == "refuse":
            if ans != "REFUSE":
                fail("line %d: refuse question must have answer REFUSE" % i)
            terms = REFUSE_TERMS.get(q)
            if not terms:
                fail("line %d: no key terms recorded for refuse question %r" % (i, q))
                continue
            if not any(t in q for t in terms):
                fail("line %d: none of the key terms %s is in the question" % (i, terms))
            for t in terms:
                if t in alltext:
                    fail("line %d: refuse term %r occurs in a document" % (i, t))
            continue

        if "REFUSE" in answers:
            fail("line %d: answerable question has REFUSE" % i)
        verbatim = [a for a in answers if a in alltext]
        if not verbatim:
            fail("line %d: no accepted answer occurs verbatim in any document: %s" % (i, q))
        for a in answers:
            if a in alltext:
                continue
            if cat == "yesno" and a in GENERIC_NO:
                continue
            forms = digit_forms(a)
            if not forms:
                fail("line %d: answer %r is neither verbatim nor a spoken number" % (i, a))
            elif not any(has_number(alltext, d) for d in forms):
                fail("line %d: spoken variant %r (%s) has no digit form in the documents"
                     % (i, a, "/".join(forms)))

        if cat == "yesno":
            for a in answers:
                if a in ("可以", "能", "行", "可", "是", "是的"):
                    fail("line %d: yes/no answer %r is too bare" % (i, a))
        if cat == "manual":
            in_txt = [a for a in verbatim if a in txt]
            if not in_txt:
                fail("line %d: manual answer not found in the .txt manual" % i)
            for a in verbatim:
                if a in not_txt:
                    fail("line %d: manual answer %r also occurs outside the .txt" % (i, a))

    for c, n in EXPECTED.items():
        if counts.get(c, 0) != n:
            fail("category %s: expected %d, found %d" % (c, n, counts.get(c, 0)))
    ntrad = sum(trad_counts.values())
    if ntrad != 10:
        fail("expected exactly 10 traditional questions, found %d" % ntrad)
    for c, n in EXPECTED_TRAD.items():
        if trad_counts.get(c, 0) != n:
            fail("traditional questions in %s: expected %d, found %d" % (c, n, trad_counts.get(c, 0)))
    if set(REFUSE_TERMS) - {r[0] for r in rows if len(r) == 3}:
        fail("REFUSE_TERMS lists questions not in questions.tsv")
    print("categories:", ", ".join("%s %d" % (c, counts.get(c, 0)) for c in EXPECTED))
    print("traditional questions: %d" % ntrad)
    report()


def report():
    if failures:
        for m in failures:
            print("FAIL:", m)
        sys.exit(1)
    print("ALL CHECKS PASSED")
    sys.exit(0)


if __name__ == "__main__":
    main()
