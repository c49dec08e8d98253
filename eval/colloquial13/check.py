#!/usr/bin/env python3
"""Sanity checks for the colloquial13 question set (run from this folder)."""
import collections, csv, re, subprocess, sys

DOCS = "docs/"
md = open(DOCS + "员工手册.md", encoding="utf-8").read()
pdf_raw = subprocess.run(["pdftotext", DOCS + "施工安全管理规定.pdf", "-"],
                         capture_output=True, text=True, check=True).stdout
pdf = re.sub(r"[\n\f]", "", pdf_raw)
txt_raw = open(DOCS + "工地管理APP操作手册.txt", encoding="utf-8").read()
txt = txt_raw.replace("\n", "")
TEXTS = {"md": md, "pdf": pdf, "txt": txt}

EXPECTED = {"number": 8, "condition": 8, "yesno": 8, "table": 7, "fact": 6,
            "faq": 4, "multi": 4, "wrapped": 6, "refuse": 9}

# Key terms of each refuse question; none may occur in any document.
REFUSE_TERMS = {
    "公积金": ["公积金"],
    "年终奖": ["年终奖", "年终"],
    "职业病": ["职业病", "职业健康"],
    "產假": ["产假", "生育"],
    "饭卡": ["食堂", "饭卡", "充值"],
    "网页版": ["网页", "电脑", "PC端"],
    "租赁费": ["租赁", "租金"],
    "繳稅": ["缴税", "纳税", "个税", "所得税", "扣税"],
    "工伤": ["工伤", "伤残", "理赔"],
}

# Characters that only occur in traditional script (enough for these questions).
TRAD = set("過車報錢資幾電證幫線嗎員貼個誰責發時動現東碼設數產請費繳稅")

rows = list(csv.DictReader(open("questions.tsv", encoding="utf-8"), delimiter="\t"))
errors = []
counts = collections.Counter(r["category"] for r in rows)
if len(rows) != 60:
    errors.append(f"expected 60 rows, got {len(rows)}")
if dict(counts) != EXPECTED:
    errors.append(f"category counts {dict(counts)} != {EXPECTED}")

trad = [r["question"] for r in rows if TRAD & set(r["question"])]
if len(trad) != 10:
    errors.append(f"expected 10 traditional questions, got {len(trad)}")
for r in rows:
    if TRAD & set(r["answers"]):
        errors.append(f"traditional characters in answers: {r['answers']}")

for r in rows:
    q, alts, cat = r["question"], r["answers"].split("|"), r["category"]
    if cat == "refuse":
        if alts != ["REFUSE"]:
            errors.append(f"refuse row without REFUSE: {q}")
        keys = [k for k in REFUSE_TERMS if k in q]
        if not keys:
            errors.append(f"refuse question has no registered key term: {q}")
        for k in keys:
            for term in REFUSE_TERMS[k]:
                for name, t in TEXTS.items():
                    if term in t:
                        errors.append(f"refuse term {term!r} occurs in {name}: {q}")
        continue
    hits = {a: [n for n, t in TEXTS.items() if a in t] for a in alts}
    if not any(hits.values()):
        errors.append(f"no accepted answer found in any document: {q} {alts}")
    if cat == "wrapped":
        first = alts[0]
        if first not in txt:
            errors.append(f"wrapped answer not in txt: {q}")
        pat = "\n?".join(map(re.escape, first))
        occ = list(re.finditer(pat, txt_raw))
        if not any("\n" in m.group(0) for m in occ):
            errors.append(f"wrapped answer {first!r} never spans a line break: {q}")
        for m in occ:
            if "\n" not in m.group(0):  # other, unrelated mentions of a generic string
                ctx = txt_raw[max(0, m.start() - 12):m.end() + 4].replace("\n", "/")
                print(f"  note: {first!r} also unbroken in: {ctx}")
        if first in md or first in pdf:
            errors.append(f"wrapped answer {first!r} also occurs in md/pdf: {q}")
    if cat == "yesno" and "可以" in alts:
        errors.append(f"bare 可以 accepted for yes/no: {q}")
    found = ", ".join(f"{a}→{'/'.join(v)}" for a, v in hits.items() if v)
    print(f"[{cat:9}] {q}  ::  {found}")

# Line widths of the hard-wrapped manual: continuation lines must be 36-42.
# Compare the hard-wrapped manual with its one-paragraph-per-line source:
# every line except a paragraph's last must be 36-42 characters long.
src = open("src/工地管理APP操作手册.unwrapped.txt", encoding="utf-8").read()
lines = txt_raw.rstrip("\n").split("\n")
i = 0
for par in src.rstrip("\n").split("\n"):
    got = ""
    start = i
    while len(got) < len(par) or (not par and i == start):
        got += lines[i]
        i += 1
    if got != par:
        errors.append(f"wrapped text differs from source near line {start + 1}")
        break
    for ln in lines[start:i - 1]:
        if not 36 <= len(ln) <= 42:
            errors.append(f"continuation line of {len(ln)} characters: {ln}")
    if len(lines[i - 1]) > 42:
        errors.append(f"line longer than 42 characters: {lines[i - 1]}")
if i != len(lines):
    errors.append("wrapped file has extra lines")

print("\ncategory counts:", dict(counts))
print("traditional questions:", len(trad))
for name, t in TEXTS.items():
    print(f"{name}: {len(re.findall(r'[一-鿿]', t))} CJK characters")
if errors:
    print("\nERRORS:")
    print("\n".join(errors))
    sys.exit(1)
print("\nALL CHECKS PASSED")
