#!/usr/bin/env python3
"""Sanity checks for the rc1 reading-comprehension evaluation set.

Usage: python3 eval/rc1/check.py   (from the repository root, or anywhere)

Checks, for traditional.json and simplified.json:
  * exact SQuAD v1.1 layout (version/data/title/paragraphs/context/qas/answers)
  * unique ids, one paragraph per article, 5 questions per paragraph
  * 24 paragraphs and 120 questions per file
  * context length 300-700 characters
  * 1-3 reference answers per question, each equal to
    context[answer_start:answer_start+len(text)]
  * script: no simplified-only characters in traditional.json,
    no traditional-only characters in simplified.json
Prints ALL CHECKS PASSED and exits 0 on success; exits 1 otherwise.
Uses only the Python standard library.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Characters that occur only in Simplified Chinese (their traditional forms
# differ).  Ambiguous characters that are also ordinary traditional
# characters (后 里 万 于 干 台 只 几 云 系 ...) are deliberately left out.
SIMPLIFIED_ONLY = set(
    "这们说时为国会对发经问长门开关见车东现实进还过么从没样种学间无体电语"
    "区应产处点头书请让认读议记设证调边钱与义乐业专丝两严丰临举习乡买乱亚"
    "亲仅仓仪众优伤价传伟个华动岁军农变师达运听图场报带帮线织给统继续结构"
    "据总员条观规视计论质转轮输际陆隐难风飞马鱼鸟龙齐湾"
)

# Characters that occur only in Traditional Chinese (their simplified forms
# differ).
TRADITIONAL_ONLY = set(
    "這們說時為國會對發經問長門開關見車東現實進還過麼從沒樣種學間無體電語"
    "區應產處點頭書請讓認讀議記設證調邊錢與義樂業專絲兩嚴豐臨舉習鄉買亂亞"
    "親僅倉儀眾優傷價傳偉個華動歲軍農變師達運聽圖場報帶幫線織給統繼續結構"
    "據總員條觀規視計論質轉輪輸際陸隱難風飛馬魚鳥龍齊後裡於並灣臺"
)

EXPECT_PARAGRAPHS = 24
EXPECT_QUESTIONS = 120
QUESTIONS_PER_PARAGRAPH = 5

errors = []


def err(msg):
    errors.append(msg)


def expect_keys(obj, keys, where):
    if not isinstance(obj, dict):
        err(f"{where}: expected an object, got {type(obj).__name__}")
        return False
    got = set(obj.keys())
    if got != set(keys):
        err(f"{where}: keys {sorted(got)} != expected {sorted(keys)}")
        return False
    return True


def check_script(text, forbidden, where, label):
    bad = sorted({c for c in text if c in forbidden})
    if bad:
        err(f"{where}: contains {label} characters: {''.join(bad)}")


def check_file(name, id_prefix, forbidden, label):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8") as f:
        root = json.load(f)
    if not expect_keys(root, ["version", "data"], name):
        return 0, 0
    if root["version"] != "v1.0":
        err(f"{name}: version is {root['version']!r}, expected 'v1.0'")
    if not isinstance(root["data"], list):
        err(f"{name}: data is not a list")
        return 0, 0
    ids = set()
    n_par = n_q = 0
    for ai, art in enumerate(root["data"]):
        aw = f"{name}: data[{ai}]"
        if not expect_keys(art, ["id", "title", "paragraphs"], aw):
            continue
        if art["id"] != f"{id_prefix}_{ai}":
            err(f"{aw}: id {art['id']!r}, expected {id_prefix}_{ai}")
        if not isinstance(art["title"], str) or not art["title"].strip():
            err(f"{aw}: empty title")
        else:
            check_script(art["title"], forbidden, f"{aw} title", label)
        pars = art["paragraphs"]
        if not isinstance(pars, list) or len(pars) != 1:
            err(f"{aw}: expected exactly one paragraph")
            continue
        par = pars[0]
        pw = f"{aw}.paragraphs[0]"
        if not expect_keys(par, ["id", "context", "qas"], pw):
            continue
        n_par += 1
        if par["id"] != art["id"]:
            err(f"{pw}: id {par['id']!r} differs from article id {art['id']!r}")
        ctx = par["context"]
        if not isinstance(ctx, str):
            err(f"{pw}: context is not a string")
            continue
        if not 300 <= len(ctx) <= 700:
            err(f"{pw}: context length {len(ctx)} outside 300-700")
        check_script(ctx, forbidden, f"{pw} context", label)
        qas = par["qas"]
        if not isinstance(qas, list) or len(qas) != QUESTIONS_PER_PARAGRAPH:
            err(f"{pw}: expected {QUESTIONS_PER_PARAGRAPH} questions")
        for qi, qa in enumerate(qas if isinstance(qas, list) else []):
            qw = f"{pw}.qas[{qi}]"
            if not expect_keys(qa, ["id", "question", "answers"], qw):
                continue
            n_q += 1
            want_id = f"{par['id']}_Q_{qi}"
            if qa["id"] != want_id:
                err(f"{qw}: id {qa['id']!r}, expected {want_id}")
            if qa["id"] in ids:
                err(f"{qw}: duplicate id {qa['id']}")
            ids.add(qa["id"])
            q = qa["question"]
            if not isinstance(q, str) or not q.strip():
                err(f"{qw}: empty question")
            else:
                check_script(q, forbidden, f"{qw} question", label)
            ans = qa["answers"]
            if not isinstance(ans, list) or not 1 <= len(ans) <= 3:
                err(f"{qw}: expected 1-3 answers")
                continue
            seen = set()
            for ki, a in enumerate(ans):
                kw = f"{qw}.answers[{ki}]"
                if not expect_keys(a, ["text", "answer_start"], kw):
                    continue
                t, s = a["text"], a["answer_start"]
                if not isinstance(t, str) or not t:
                    err(f"{kw}: empty text")
                    continue
                if not isinstance(s, int) or isinstance(s, bool) or s < 0:
                    err(f"{kw}: bad answer_start {s!r}")
                    continue
                if ctx[s:s + len(t)] != t:
                    err(f"{kw}: text {t!r} != context[{s}:{s + len(t)}] "
                        f"{ctx[s:s + len(t)]!r}")
                if (t, s) in seen:
                    err(f"{kw}: duplicate answer {t!r}@{s}")
                seen.add((t, s))
    if n_par != EXPECT_PARAGRAPHS:
        err(f"{name}: {n_par} paragraphs, expected {EXPECT_PARAGRAPHS}")
    if n_q != EXPECT_QUESTIONS:
        err(f"{name}: {n_q} questions, expected {EXPECT_QUESTIONS}")
    print(f"{name}: {n_par} paragraphs, {n_q} questions")
    return n_par, n_q


def main():
    overlap = SIMPLIFIED_ONLY & TRADITIONAL_ONLY
    if overlap:
        err(f"character lists overlap: {''.join(sorted(overlap))}")
    check_file("traditional.json", "T", SIMPLIFIED_ONLY, "simplified-only")
    check_file("simplified.json", "S", TRADITIONAL_ONLY, "traditional-only")
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} check(s) failed")
        return 1
    print("ALL CHECKS PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
