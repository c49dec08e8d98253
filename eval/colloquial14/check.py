#!/usr/bin/env python3
"""Consistency checks for eval/colloquial14.

Standard library only.  Text is extracted straight from the files:
  * 员工制度.docx          word/document.xml (paragraphs and table cells)
  * 收费与提成.xlsx        xl/sharedStrings.xml + xl/worksheets/*.xml
  * 预约系统操作手册.txt   lines joined inside each paragraph (blank line = paragraph end)

Run:  python3 eval/colloquial14/check.py      (prints ALL CHECKS PASSED or exits 1)
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "docs")
DOCX = os.path.join(DOCS, "员工制度.docx")
XLSX = os.path.join(DOCS, "收费与提成.xlsx")
TXT = os.path.join(DOCS, "预约系统操作手册.txt")
TXT_SRC = os.path.join(HERE, "src", "预约系统操作手册.unwrapped.txt")
TRAD_CHARS = os.path.join(HERE, "src", "trad_chars.txt")
QUESTIONS = os.path.join(HERE, "questions.tsv")

EXPECTED_COUNTS = {"number": 8, "condition": 8, "yesno": 8, "table": 7, "fact": 6,
                   "faq": 4, "multi": 4, "wrapped": 6, "refuse": 9}
# categories that must hold exactly this many traditional-character questions
EXPECTED_TRAD = {"number": 1, "condition": 1, "yesno": 1, "table": 1, "fact": 1,
                 "faq": 1, "multi": 1, "wrapped": 1, "refuse": 2}
MIN_W, MAX_W = 34, 40
CJK_RANGE = (2400, 3200)   # "about 2,500-3,000" CJK characters per document

# Refuse questions: terms that make up the topic; none may occur in any document.
REFUSE_TERMS = {
    "公积金公司给交多少": ["公积金"],
    "种植牙坏了保修几年": ["保修", "质保", "保固"],
    "会员卡能转给别人用不": ["转给", "转让", "转赠", "过户"],
    "值夜班有补贴没": ["夜班", "值夜"],
    "禾约通能导出英文版病历不": ["英文", "英语"],
    "年终奖一般啥时候发": ["年终奖", "年底双薪", "十三薪"],
    "公司有没有员工宿舍": ["宿舍", "住宿"],
    "洗牙可以刷健保嗎": ["健保", "医保", "医疗保险"],
    "今年員工旅遊去哪裡": ["旅遊", "旅游", "团建"],
}

# Table questions: (document, sheet, row label, column-header prefix, cell value).
# The cell value must be one of the question's accepted answers.
TABLE_SPECS = {
    "护士岗位津贴一个月多少": ("docx", 0, "护士", "岗位津贴", "500"),
    "前台的话费补贴给多少": ("docx", 0, "前台客服", "通讯补贴", "100"),
    "銀卡會員積分算幾倍": ("xlsx", "会员折扣", "银卡", "积分倍数", "1.2"),
    "后牙做根管多少钱": ("xlsx", "价目表", "根管治疗（后牙）", "价格", "1800"),
    "主治医生一个月业绩指标多少": ("xlsx", "提成比例", "主治医师", "月度业绩目标", "12"),
    "金卡打几折": ("xlsx", "会员折扣", "金卡", "折扣", "9"),
    "医助提成拿几个点": ("xlsx", "提成比例", "医生助理", "提成比例", "1.5"),
}

# Each document names the other two (cross references).
CROSS_REFS = {"docx": ["《收费与提成》", "禾约通预约系统操作手册"],
              "xlsx": ["禾约通", "《员工制度》"],
              "txt": ["《员工制度》", "《收费与提成》"]}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL:", msg)


# ---------------------------------------------------------------- extraction
def docx_extract(path):
    """Return (text, tables). Tables are lists of rows of cell strings."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))

    def ptext(p):
        out = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                out.append(el.text)
            elif el.tag == W + "tab":
                out.append("\t")
        return "".join(out)

    lines, tables = [], []
    body = root.find(W + "body")
    for child in body:
        if child.tag == W + "p":
            lines.append(ptext(child))
        elif child.tag == W + "tbl":
            rows = []
            for tr in child.iter(W + "tr"):
                rows.append(["".join(ptext(p) for p in tc.iter(W + "p")) for tc in tr.iter(W + "tc")])
            tables.append(rows)
            lines.extend("\t".join(r) for r in rows)
    return "\n".join(lines), tables


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def xlsx_extract(path):
    """Return (text, {sheet name: rows})."""
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(S + "si"):
                shared.append("".join(t.text or "" for t in si.iter(S + "t")))
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        sheets = {}
        for sh in wb.iter(S + "sheet"):
            name = sh.get("name")
            t = target[sh.get(R + "id")].lstrip("/")
            t = t if t.startswith("xl/") else "xl/" + t
            root = ET.fromstring(z.read(t))
            rows = []
            for row in root.iter(S + "row"):
                cells = {}
                for c in row.iter(S + "c"):
                    typ, v = c.get("t"), c.find(S + "v")
                    if typ == "s":
                        val = shared[int(v.text)]
                    elif typ == "inlineStr":
                        val = "".join(x.text or "" for x in c.iter(S + "t"))
                    else:
                        val = v.text if v is not None else ""
                    cells[col_index(c.get("r"))] = val
                if cells:
                    rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
            sheets[name] = rows
    text = "\n".join(name + "\n" + "\n".join("\t".join(r) for r in rows)
                     for name, rows in sheets.items())
    return text, sheets


def txt_paragraphs(path):
    """Paragraphs of the wrapped manual as lists of lines."""
    paras, cur = [], []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            paras.append(cur)
            cur = []
    if cur:
        paras.append(cur)
    return paras


def header_units(header):
    """Units given only in a header, e.g. 价格（元） -> ['元'], 月度业绩目标（万元） -> ['万元', '万']."""
    m = re.search(r"（([^）]*)）", header)
    if not m:
        return []
    unit = m.group(1).split("，")[-1].split("/")[0].strip()
    units = [unit] if unit else []
    if unit == "万元":
        units.append("万")
    return units


def derived_cell_strings(tables):
    """number+unit strings for numeric cells whose unit is only in the header row."""
    out = set()
    for rows in tables:
        if not rows:
            continue
        header = rows[0]
        for row in rows[1:]:
            for i, cell in enumerate(row):
                if i < len(header) and re.fullmatch(r"\d+(\.\d+)?", cell):
                    for u in header_units(header[i]):
                        out.add(cell + u)
    return out


# ------------------------------------------------------------ spoken numbers
CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
            "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_int(s):
    total, cur, last_unit = 0, 0, None
    for ch in s:
        if ch in CN_DIGIT:
            cur = CN_DIGIT[ch]
            if ch == "零":
                last_unit = None
        else:
            u = CN_UNIT[ch]
            total += (cur or 1) * u
            cur, last_unit = 0, u
    if cur:
        # colloquial 二百八 = 280, 一千八 = 1800
        total += cur * (last_unit // 10) if last_unit and last_unit >= 100 else cur
    return total


def cn_run(run):
    if "万" in run:
        a, b = run.split("万", 1)
        if not b:
            return str(cn_int(a)) + "万"
        return str(cn_int(a) * 10000 + (cn_int(b) * 1000 if len(b) == 1 else cn_int(b)))
    return str(cn_int(run))


def normalize_spoken(s):
    """Map a spoken variant to digit form: 十五号->15日, 两百->200, 半小时->30分钟, 三成->30%."""
    s = s.replace("半小时", "30分钟").replace("半个小时", "30分钟")
    s = re.sub(r"([一二两三四五六七八九十])成", lambda m: str(cn_int(m.group(1)) * 10) + "%", s)
    s = re.sub(r"[零一二两三四五六七八九十][零一二两三四五六七八九十百千万]*", lambda m: cn_run(m.group(0)), s)
    s = re.sub(r"(\d)号", r"\1日", s)
    s = re.sub(r"(\d)块", r"\1元", s)
    return s


# --------------------------------------------------------------------- main
def main():
    docx_text, docx_tables = docx_extract(DOCX)
    xlsx_text, xlsx_sheets = xlsx_extract(XLSX)
    paras = txt_paragraphs(TXT)
    txt_joined = "\n".join("".join(p) for p in paras)
    txt_lines = [l for p in paras for l in p]
    derived = derived_cell_strings(docx_tables) | derived_cell_strings(xlsx_sheets.values())
    derived_text = "\n".join(sorted(derived))
    texts = {"docx": docx_text, "xlsx": xlsx_text, "txt": txt_joined, "table-units": derived_text}
    corpus = "\n".join(texts.values())

    # documents: size, cross references
    for name, t in (("docx", docx_text), ("xlsx", xlsx_text), ("txt", txt_joined)):
        n = len(re.findall(r"[\u4e00-\u9fff]", t))
        print(f"{name}: {n} CJK characters")
        if not CJK_RANGE[0] <= n <= CJK_RANGE[1]:
            fail(f"{name} has {n} CJK characters, outside {CJK_RANGE}")
        for ref in CROSS_REFS[name]:
            if ref not in t:
                fail(f"{name} does not mention {ref}")
    if len(docx_tables) != 1:
        fail(f"docx should hold exactly one Word table, found {len(docx_tables)}")
    if sorted(xlsx_sheets) != sorted(["价目表", "提成比例", "会员折扣"]):
        fail(f"unexpected sheet names {list(xlsx_sheets)}")

    # txt layout: widths, and same text as the unwrapped source
    for p in paras:
        for i, line in enumerate(p):
            last = i == len(p) - 1
            if len(line) > MAX_W or (not last and len(line) < MIN_W):
                fail(f"txt line width {len(line)}: {line}")
    if os.path.exists(TXT_SRC):
        src = [l.strip() for l in open(TXT_SRC, encoding="utf-8") if l.strip()]
        if src != ["".join(p) for p in paras]:
            fail("wrapped txt does not join back to src/预约系统操作手册.unwrapped.txt")
    digit_breaks = sum(1 for p in paras for a, b in zip(p, p[1:])
                       if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum())
    print(f"txt: {len(txt_lines)} lines in {len(paras)} paragraphs, {digit_breaks} breaks inside numbers/codes")
    if digit_breaks < 3:
        fail("too few line breaks fall inside numbers or codes")

    # questions
    trad = set()
    for line in open(TRAD_CHARS, encoding="utf-8"):
        if not line.startswith("#"):
            trad.update(line.strip())
    with open(QUESTIONS, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows[0] != ["question", "answers", "category"]:
        fail(f"bad header {rows[0]}")
    rows = rows[1:]
    if len(rows) != 60:
        fail(f"{len(rows)} questions, expected 60")
    counts, trad_counts = {}, {}
    seen = set()
    n_verbatim = n_spoken = 0
    for q, ans, cat in rows:
        counts[cat] = counts.get(cat, 0) + 1
        if q in seen:
            fail(f"duplicate question {q}")
        seen.add(q)
        if any(c in trad for c in q):
            trad_counts[cat] = trad_counts.get(cat, 0) + 1
        if any(c in trad for c in ans):
            fail(f"traditional character in answers of {q}: {ans}")
        if "?" in q or "？" in q:
            print(f"note: question mark in {q}")

        if cat == "refuse":
            if ans != "REFUSE":
                fail(f"refuse question with answers {ans}: {q}")
            terms = REFUSE_TERMS.get(q)
            if not terms:
                fail(f"no key terms listed for refuse question {q}")
                continue
            if not any(t in q for t in terms):
                fail(f"refuse question {q} contains none of its key terms {terms}")
            for t in terms:
                for name, text in texts.items():
                    if t in text:
                        fail(f"refuse term {t} ({q}) occurs in {name}")
            continue
        if ans == "REFUSE":
            fail(f"REFUSE answer outside refuse category: {q}")
            continue

        accepted = ans.split("|")
        verbatim = [a for a in accepted if a in corpus]
        if not verbatim:
            fail(f"no accepted answer of {q} occurs in any document")
        for a in accepted:
            if not a.strip() or a != a.strip():
                fail(f"empty or padded answer in {q}")
            if a in corpus:
                n_verbatim += 1
                continue
            norm = normalize_spoken(a)
            if norm != a and norm in corpus and any(norm in v or v in norm for v in verbatim):
                n_spoken += 1
                continue
            fail(f"answer {a!r} of {q} occurs in no document (normalized: {norm!r})")

        if cat == "wrapped":
            for a in verbatim:
                joined = txt_joined.count(a)
                inline = sum(l.count(a) for l in txt_lines)
                if joined == 0:
                    fail(f"wrapped answer {a} of {q} not in the txt")
                if inline:
                    fail(f"wrapped answer {a} of {q} occurs unbroken on a txt line")
                for name in ("docx", "xlsx", "table-units"):
                    if a in texts[name]:
                        fail(f"wrapped answer {a} of {q} also occurs in {name}")
        else:
            # non-wrapped answers must be findable without joining txt lines
            for a in verbatim:
                if a not in docx_text and a not in xlsx_text and a not in derived_text \
                        and not any(a in l for l in txt_lines):
                    fail(f"answer {a} of {cat} question {q} only occurs across a txt line break")

        if cat == "table":
            spec = TABLE_SPECS.get(q)
            if not spec:
                fail(f"no table spec for {q}")
                continue
            kind, sheet, row_label, col_prefix, value = spec
            table = docx_tables[sheet] if kind == "docx" else xlsx_sheets[sheet]
            cols = [i for i, h in enumerate(table[0]) if h.startswith(col_prefix)]
            hits = [r for r in table[1:] if row_label in r]
            if len(cols) != 1 or len(hits) != 1:
                fail(f"table spec of {q} matches {len(hits)} rows / {len(cols)} columns")
                continue
            cell = hits[0][cols[0]]
            if cell != value:
                fail(f"table cell for {q} is {cell!r}, spec says {value!r}")
            if value not in accepted:
                fail(f"table value {value} not among accepted answers of {q}")

    if counts != EXPECTED_COUNTS:
        fail(f"category counts {counts} != {EXPECTED_COUNTS}")
    if sum(trad_counts.values()) != 10:
        fail(f"{sum(trad_counts.values())} traditional-character questions, expected 10")
    if trad_counts != EXPECTED_TRAD:
        fail(f"traditional questions per category {trad_counts} != {EXPECTED_TRAD}")
    print(f"questions: {len(rows)}; accepted answers verbatim: {n_verbatim}, "
          f"spoken variants of a verbatim answer: {n_spoken}; traditional: {sum(trad_counts.values())}")

    if failures:
        print(f"{len(failures)} CHECK(S) FAILED")
        sys.exit(1)
    print("ALL CHECKS PASSED")


if __name__ == "__main__":
    main()
