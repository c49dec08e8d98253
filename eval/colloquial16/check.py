#!/usr/bin/env python3
"""Sanity checks for eval/colloquial16 (standard library only).

Reads the three documents in docs/ straight from their zip XML and checks
questions.tsv against them.  Prints ALL CHECKS PASSED when everything holds,
otherwise lists every failure and exits with status 1.

    python3 eval/colloquial16/check.py
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
DOCX = os.path.join(DOCS, "员工手册.docx")
XLSX = os.path.join(DOCS, "会员与课程价目.xlsx")
PPTX = os.path.join(DOCS, "前台系统操作指南.pptx")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

EXPECTED = {"number": 8, "condition": 8, "yesno": 8, "table": 7, "fact": 6,
            "faq": 4, "multi": 4, "slides": 6, "refuse": 9}
# one traditional-character question in each answerable category, two in refuse
EXPECTED_TRAD = {c: 1 for c in EXPECTED}
EXPECTED_TRAD["refuse"] = 2

# Key terms of each refuse question: none may occur in any document.
REFUSE_TERMS = {
    "游泳池几点开门": ["游泳", "泳池"],
    "办卡能用花呗分期吗": ["花呗", "分期"],
    "公司公积金按几个点交": ["公积金"],
    "会员开车来停车免费吗？": ["停车", "车位"],
    "年终奖一般发几个月": ["年终奖", "年终"],
    "店里的蛋白粉多少钱一桶": ["蛋白粉"],
    "瑜伽团课要提前几个小时约": ["瑜伽"],
    "公司有提供員工宿舍嗎": ["宿舍", "住宿"],
    "會員生日當天有什麼優惠嗎": ["生日"],
}

# generic negations accepted for negative yes/no questions besides the rule's key phrase
GENERIC_NO = {"不得", "不能", "不可以"}

# slides questions whose answer is only in the speaker notes
NOTES_ONLY = {"晚上几点以后就不能进场签到了", "系统出毛病了打哪个分机"}

# Simplified/traditional pairs (simplified first) for characters that occur in
# the questions; used to catch half-converted traditional questions and any
# traditional character in answers or documents.
PAIRS = ("会會员員时時间間机機说說职職离離几幾讲講满滿业業试試个個总總经經们們换換"
         "处處带帶运運动動储儲柜櫃长長钱錢吗嗎当當么麼优優请請问問这這还還该該费費"
         "发發话話对對过過没沒门門练練课課视視频頻后後里裡体體验驗报報网網"
         "单單应應")
SIMP = set(PAIRS[0::2]) - set(PAIRS[1::2])
TRAD = set(PAIRS[1::2]) - set(PAIRS[0::2])

failures = []


def fail(msg):
    failures.append(msg)


# ---------------------------------------------------------------- extraction
def docx_text(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        lines.append("".join(t.text or "" for t in p.iter(W + "t")))
    ntables = len(list(root.iter(W + "tbl")))
    return "\n".join(lines), ntables


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


def pptx_text(path):
    def num(n):
        return int(re.search(r"(\d+)\.xml$", n).group(1))

    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        slides = sorted((n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=num)
        notes = sorted((n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)), key=num)

        def paras(n, skip_sldnum=False):
            root = ET.fromstring(z.read(n))
            lines = []
            for sp in root.iter("{http://schemas.openxmlformats.org/presentationml/2006/main}sp"):
                ph = sp.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph")
                if skip_sldnum and ph is not None and ph.get("type") in ("sldNum", "sldImg"):
                    continue
                for p in sp.iter(A + "p"):
                    lines.append("".join(t.text or "" for t in p.iter(A + "t")))
            return "\n".join(lines)

        slide_text = "\n".join(paras(n) for n in slides)
        notes_text = "\n".join(paras(n, True) for n in notes)
    return slide_text, notes_text, len(slides), len(notes)


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
    forms = []
    m = re.fullmatch(r"(.*?)([零〇一二两三四五六七八九十]+)点半", answer)
    if m:
        h = cn_to_int(m.group(2))
        return ["%d:30" % h, "%d:30" % (h + 12)]
    m = re.search(r"百分之([零〇一二两三四五六七八九十]+)", answer)
    if m:
        return [str(cn_to_int(m.group(1)))]
    for run in CN_RUN.findall(answer):
        forms.append(str(cn_to_int(run)))
    # digits with a unit the table header carries (2980元, 35%, 3个月)
    forms += re.findall(r"\d+", answer)
    return forms


def has_number(text, digits):
    if ":" in digits:
        return digits in text
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
    for p in (DOCX, XLSX, PPTX):
        if not os.path.exists(p):
            fail("missing document %s" % p)
    if failures:
        report()
    docx, ntables = docx_text(DOCX)
    xlsx, sheets, headers = xlsx_text(XLSX)
    slides, notes, nslides, nnotes = pptx_text(PPTX)
    pptx = slides + "\n" + notes
    texts = {"docx": docx, "xlsx": xlsx, "pptx": pptx}
    alltext = "\n".join(texts.values())

    # documents themselves
    for name, t in texts.items():
        n = len(cjk(t))
        print("%-5s %5d CJK characters" % (name, n))
        if not 2300 <= n <= 3200:
            fail("%s has %d CJK characters, expected about 2500-3000" % (name, n))
        bad = sorted({c for c in cjk(t) if not is_gb2312(c) or c in TRAD})
        if bad:
            fail("%s contains traditional characters: %s" % (name, "".join(bad)))
    if ntables < 1:
        fail("docx has no Word table")
    if not 2 <= len(sheets) <= 3:
        fail("xlsx has %d sheets" % len(sheets))
    if not 12 <= nslides <= 16:
        fail("pptx has %d slides" % nslides)
    if nnotes < 2:
        fail("pptx has speaker notes on only %d slides" % nnotes)
    print("docx tables: %d; xlsx sheets: %s; pptx slides: %d (notes on %d)"
          % (ntables, ", ".join(sheets), nslides, nnotes))

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
        if cat == "slides":
            for a in verbatim:
                if a in docx or a in xlsx:
                    fail("line %d: slides answer %r also occurs outside the PPTX" % (i, a))
            if q in NOTES_ONLY:
                in_notes = [a for a in verbatim if a in notes]
                if not in_notes:
                    fail("line %d: notes-only answer not found in speaker notes" % i)
                for a in verbatim:
                    if a in slides:
                        fail("line %d: notes-only answer %r also on a slide body" % (i, a))

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
    if len(NOTES_ONLY) != 2:
        fail("expected two notes-only slides questions")
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
