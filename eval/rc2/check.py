#!/usr/bin/env python3
"""Sanity checks for the rc2 reading-comprehension sets (standard library only).

Usage: python3 eval/rc2/check.py
Checks traditional.json and simplified.json (next to this script) for:
  - SQuAD v1.1 layout: {"version", "data": [{"id", "title", "paragraphs": [{"id", "context", "qas"}]}]}
  - 20 articles x 1 paragraph x 5 questions = 100 questions per file
  - context length 300-650 code points
  - 1-3 answers per question; each answer text == context[answer_start:answer_start+len(text)]
  - unique ids
  - script purity: no simplified-only characters in traditional.json,
    no traditional-only characters in simplified.json
Prints ALL CHECKS PASSED and exits 0 on success; otherwise lists failures and exits 1.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Characters that occur only in Simplified Chinese (their Traditional forms are different code points).
SIMPLIFIED_ONLY = set(
    "这们说国会时学对发过来关经还进动没种开长问门见现让从实电车东书为产风业乐买亲华岁历区医军湾"
    "个两严丰临举义习乡乱亚亿仅众优传伤体写农决减击刘则刚创别剧劳势协单卖卫压县参双变号吗听员响"
    "黄内着争温户么语谁读话认论记设线统铁银钱龙鸟鱼飞"
)

# Characters that occur only in Traditional Chinese (their Simplified forms are different code points).
TRADITIONAL_ONLY = set(
    "這們說國會時學對發過來關經還進動沒種開長問門見現讓從實電車東書為產風業樂買親華歲歷區醫軍灣"
    "個兩嚴豐臨舉義習鄉亂亞億僅眾優傳傷體寫農決減擊劉則剛創別劇勞勢協單賣衛壓縣參雙變號嗎聽員響"
    "黃內爭溫戶麼語誰讀話認論記設線統鐵銀錢龍鳥魚飛於後臺裡"
)

N_ARTICLES = 20
N_QUESTIONS = 5
MIN_LEN, MAX_LEN = 300, 650

errors = []


def err(msg):
    errors.append(msg)


def expect_keys(obj, keys, where):
    if not isinstance(obj, dict):
        err(f"{where}: expected an object")
        return False
    got = set(obj.keys())
    if got != set(keys):
        err(f"{where}: keys {sorted(got)} != expected {sorted(keys)}")
        return False
    return True


def check_file(name, prefix, forbidden, forbidden_label):
    path = os.path.join(HERE, name)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except Exception as e:  # noqa: BLE001
        err(f"{name}: cannot load: {e}")
        return 0
    if not expect_keys(doc, ["version", "data"], name):
        return 0
    if doc["version"] != "v1.0":
        err(f"{name}: version is {doc['version']!r}, expected 'v1.0'")
    data = doc["data"]
    if not isinstance(data, list) or len(data) != N_ARTICLES:
        err(f"{name}: expected {N_ARTICLES} articles, got {len(data) if isinstance(data, list) else type(data)}")
        return 0
    ids = set()
    nq = 0
    texts = []
    for i, art in enumerate(data):
        where = f"{name}[{i}]"
        if not expect_keys(art, ["id", "title", "paragraphs"], where):
            continue
        if art["id"] != f"{prefix}_{i}":
            err(f"{where}: id {art['id']!r} != {prefix}_{i}")
        if not isinstance(art["title"], str) or not art["title"]:
            err(f"{where}: empty title")
        texts.append(art["title"])
        paras = art["paragraphs"]
        if not isinstance(paras, list) or len(paras) != 1:
            err(f"{where}: expected exactly one paragraph")
            continue
        para = paras[0]
        if not expect_keys(para, ["id", "context", "qas"], where + ".paragraphs[0]"):
            continue
        if para["id"] != art["id"]:
            err(f"{where}: paragraph id {para['id']!r} != article id {art['id']!r}")
        ctx = para["context"]
        if not isinstance(ctx, str):
            err(f"{where}: context is not a string")
            continue
        texts.append(ctx)
        if not (MIN_LEN <= len(ctx) <= MAX_LEN):
            err(f"{where}: context length {len(ctx)} outside {MIN_LEN}-{MAX_LEN}")
        qas = para["qas"]
        if not isinstance(qas, list) or len(qas) != N_QUESTIONS:
            err(f"{where}: expected {N_QUESTIONS} questions, got {len(qas) if isinstance(qas, list) else type(qas)}")
            continue
        seen_q = set()
        for j, qa in enumerate(qas):
            qwhere = f"{where}.qas[{j}]"
            if not expect_keys(qa, ["id", "question", "answers"], qwhere):
                continue
            nq += 1
            want_id = f"{art['id']}_Q_{j}"
            if qa["id"] != want_id:
                err(f"{qwhere}: id {qa['id']!r} != {want_id}")
            if qa["id"] in ids:
                err(f"{qwhere}: duplicate id {qa['id']}")
            ids.add(qa["id"])
            q = qa["question"]
            if not isinstance(q, str) or len(q) < 4:
                err(f"{qwhere}: question too short or not a string")
                continue
            if q in seen_q:
                err(f"{qwhere}: duplicate question")
            seen_q.add(q)
            if q in ctx:
                err(f"{qwhere}: question is copied verbatim from the context")
            texts.append(q)
            answers = qa["answers"]
            if not isinstance(answers, list) or not (1 <= len(answers) <= 3):
                err(f"{qwhere}: expected 1-3 answers")
                continue
            seen_a = set()
            for k, ans in enumerate(answers):
                awhere = f"{qwhere}.answers[{k}]"
                if not expect_keys(ans, ["text", "answer_start"], awhere):
                    continue
                t, s = ans["text"], ans["answer_start"]
                if not isinstance(t, str) or not t:
                    err(f"{awhere}: empty answer text")
                    continue
                if not isinstance(s, int) or isinstance(s, bool) or s < 0:
                    err(f"{awhere}: bad answer_start {s!r}")
                    continue
                if ctx[s:s + len(t)] != t:
                    err(f"{awhere}: context[{s}:{s + len(t)}] = {ctx[s:s + len(t)]!r} != {t!r}")
                if t in seen_a:
                    err(f"{awhere}: duplicate answer text {t!r}")
                seen_a.add(t)
                texts.append(t)
    bad = {}
    for t in texts:
        for ch in t:
            if ch in forbidden:
                bad[ch] = bad.get(ch, 0) + 1
    if bad:
        err(f"{name}: contains {forbidden_label} characters: "
            + " ".join(f"{c}x{n}" for c, n in sorted(bad.items())))
    return nq


def main():
    overlap = SIMPLIFIED_ONLY & TRADITIONAL_ONLY
    if overlap:
        err(f"character lists overlap: {''.join(sorted(overlap))}")
    nt = check_file("traditional.json", "T", SIMPLIFIED_ONLY, "simplified-only")
    ns = check_file("simplified.json", "S", TRADITIONAL_ONLY, "traditional-only")
    print(f"traditional.json: {nt} questions; simplified.json: {ns} questions")
    print(f"character lists: {len(SIMPLIFIED_ONLY)} simplified-only, {len(TRADITIONAL_ONLY)} traditional-only")
    if nt != N_ARTICLES * N_QUESTIONS or ns != N_ARTICLES * N_QUESTIONS:
        err(f"expected {N_ARTICLES * N_QUESTIONS} questions per file")
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} CHECK(S) FAILED")
        return 1
    print("ALL CHECKS PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
