#!/usr/bin/env python3
"""Sanity checks for a held-out reading-comprehension set (eval/rcN), standard
library only. Each set's check.py calls main() with its own counts.

A set is a folder holding traditional.json (DRCD style) and simplified.json
(CMRC 2018 style), both in the SQuAD v1.1 layout. Checked:
  - the layout: {"version", "data": [{"id", "title", "paragraphs": [{"id",
    "context", "qas": [{"id", "question", "answers": [{"text",
    "answer_start"}]}]}]}]}, one paragraph per article;
  - the number of articles and of questions per paragraph;
  - each context's length, in code points;
  - 1-3 answers per question, each equal to
    context[answer_start:answer_start+len(text)], at most answer_max long
    when one is given;
  - unique ids, titles, contexts and questions; no question copied from its
    context word for word;
  - script purity: no simplified-only character in traditional.json and no
    traditional-only character in simplified.json.
Prints ALL CHECKS PASSED and returns 0, or lists the failures and returns 1.
"""
import json
import os

# Characters that occur only in Simplified Chinese, and their Traditional
# forms. Characters that are also ordinary Traditional ones (后 里 万 于 干 台
# 只 几 云 系 …) are left out.
SIMPLIFIED_ONLY = set(
    "这们说时为国会对发经问长门开关见车东现实进还过么从没样种学间无体电语"
    "区应产处点头书请让认读议记设证调边钱与义乐业专丝两严丰临举习乡买乱亚"
    "亲仅仓仪众优伤价传伟个华动岁军农变师达运听图场报带帮线织给统继续结构"
    "据总员条观规视计论质转轮输际陆隐难风飞马鱼鸟龙齐湾来医写决减击刘则刚"
    "创别剧劳势协单卖卫压县参双号吗响黄内争温户谁话铁银题约红终纪级罗网"
    "维续觉访评识译试诗讲谈备"
)
TRADITIONAL_ONLY = set(
    "這們說時為國會對發經問長門開關見車東現實進還過麼從沒樣種學間無體電語"
    "區應產處點頭書請讓認讀議記設證調邊錢與義樂業專絲兩嚴豐臨舉習鄉買亂亞"
    "親僅倉儀眾優傷價傳偉個華動歲軍農變師達運聽圖場報帶幫線織給統繼續結構"
    "據總員條觀規視計論質轉輪輸際陸隱難風飛馬魚鳥龍齊灣來醫寫決減擊劉則剛"
    "創別劇勞勢協單賣衛壓縣參雙號嗎響黃內爭溫戶誰話鐵銀題約紅終紀級羅網"
    "維續覺訪評識譯試詩講談備後裡於並臺"
)


def check_file(path, articles, per, context, answer_max, forbidden, label, seen, err):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        err(f"{path}: {e}")
        return 0
    if not isinstance(doc, dict) or set(doc) != {"version", "data"}:
        err(f"{path}: top level must be an object with version and data")
        return 0
    data = doc["data"]
    if not isinstance(data, list) or len(data) != articles:
        err(f"{path}: want {articles} articles, got {len(data) if isinstance(data, list) else type(data).__name__}")
        return 0
    questions = 0
    for art in data:
        if not isinstance(art, dict) or set(art) != {"id", "title", "paragraphs"}:
            err(f"{path}: an article must have id, title and paragraphs: {str(art)[:60]}")
            continue
        aid = art["id"]
        for key, value in (("id", aid), ("title", art["title"])):
            if (key, value) in seen:
                err(f"{path} {aid}: duplicate {key} {value!r}")
            seen.add((key, value))
        paras = art["paragraphs"]
        if not isinstance(paras, list) or len(paras) != 1:
            err(f"{path} {aid}: want one paragraph")
            continue
        p = paras[0]
        if not isinstance(p, dict) or set(p) != {"id", "context", "qas"}:
            err(f"{path} {aid}: a paragraph must have id, context and qas")
            continue
        ctx = p["context"]
        if not context[0] <= len(ctx) <= context[1]:
            err(f"{path} {aid}: context of {len(ctx)} characters, want {context[0]}-{context[1]}")
        if ("context", ctx) in seen:
            err(f"{path} {aid}: duplicate context")
        seen.add(("context", ctx))
        bad = sorted(set(ctx + art["title"]) & forbidden)
        if bad:
            err(f"{path} {aid}: {label} characters {''.join(bad)}")
        qas = p["qas"]
        if not isinstance(qas, list) or len(qas) != per:
            err(f"{path} {aid}: want {per} questions")
            continue
        for qa in qas:
            if not isinstance(qa, dict) or set(qa) != {"id", "question", "answers"}:
                err(f"{path} {aid}: a question must have id, question and answers")
                continue
            questions += 1
            qid, q = qa["id"], qa["question"]
            for key, value in (("id", qid), ("question", q)):
                if (key, value) in seen:
                    err(f"{path} {qid}: duplicate {key} {value!r}")
                seen.add((key, value))
            if q.rstrip("？?") in ctx:
                err(f"{path} {qid}: question copied word for word from its context")
            bad = sorted(set(q) & forbidden)
            if bad:
                err(f"{path} {qid}: {label} characters {''.join(bad)}")
            answers = qa["answers"]
            if not isinstance(answers, list) or not 1 <= len(answers) <= 3:
                err(f"{path} {qid}: want 1-3 answers")
                continue
            for a in answers:
                if not isinstance(a, dict) or set(a) != {"text", "answer_start"}:
                    err(f"{path} {qid}: an answer must have text and answer_start")
                    continue
                t, s = a["text"], a["answer_start"]
                if not isinstance(s, int) or ctx[s:s + len(t)] != t:
                    err(f"{path} {qid}: {t!r} is not at {s}")
                if answer_max and len(t) > answer_max:
                    err(f"{path} {qid}: answer of {len(t)} characters, want at most {answer_max}")
                bad = sorted(set(t) & forbidden)
                if bad:
                    err(f"{path} {qid}: {label} characters {''.join(bad)} in an answer")
    return questions


def main(folder, articles, per=5, context=(300, 650), answer_max=0):
    errors = []
    seen = set()
    total = 0
    for name, forbidden, label in (("traditional.json", SIMPLIFIED_ONLY, "simplified-only"),
                                   ("simplified.json", TRADITIONAL_ONLY, "traditional-only")):
        n = check_file(os.path.join(folder, name), articles, per, context, answer_max, forbidden, label, seen, errors.append)
        print(f"{name}: {articles} articles, {n} questions")
        total += n
    if total != 2 * articles * per:
        errors.append(f"{total} questions in all, want {2 * articles * per}")
    for e in errors:
        print("FAIL:", e)
    if errors:
        return 1
    print("ALL CHECKS PASSED")
    return 0
