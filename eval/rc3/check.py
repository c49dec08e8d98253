#!/usr/bin/env python3
"""Sanity checks for the rc3 reading-comprehension evaluation set.

Standard library only.  Run from anywhere:  python3 eval/rc3/check.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

FILES = {
    # file name: (id prefix, script)
    "traditional.json": ("T", "traditional"),
    "simplified.json": ("S", "simplified"),
}
N_ARTICLES = 16
N_QUESTIONS = 5
CONTEXT_MIN, CONTEXT_MAX = 300, 650
ANSWER_MAX = 30  # characters

# Characters used only in Simplified Chinese (their Traditional forms differ).
SIMPLIFIED_ONLY = (
    "这们个来为说时国会对发还进过动学经么没样现点开实关问题长门见书与从东"
    "车马鸟鱼龙业产亚义习买乐亲仅众优伟传备华图区县级纪约红线织终结给统继"
    "续维网罗观规视觉计认让议记讲论设访证评识译试诗语读调谈谁"
)
# Characters used only in Traditional Chinese (their Simplified forms differ).
TRADITIONAL_ONLY = (
    "這們個來為說時國會對發還進過動學經麼沒樣現點開實關問題長門見書與從東"
    "車馬鳥魚龍業產亞義習買樂親僅眾優偉傳備華圖區縣級紀約紅線織終結給統繼"
    "續維網羅觀規視覺計認讓議記講論設訪證評識譯試詩語讀調談誰"
)

errors = []


def err(msg):
    errors.append(msg)


def expect_keys(obj, keys, where):
    if not isinstance(obj, dict):
        err(f"{where}: expected an object")
        return False
    if set(obj) != set(keys):
        err(f"{where}: keys {sorted(obj)} != {sorted(keys)}")
        return False
    return True


def all_strings(doc):
    for art in doc.get("data", []):
        yield art.get("id"), art.get("title", "")
        for p in art.get("paragraphs", []):
            yield p.get("id"), p.get("context", "")
            for qa in p.get("qas", []):
                yield qa.get("id"), qa.get("question", "")
                for a in qa.get("answers", []):
                    yield qa.get("id"), a.get("text", "")


def check_file(name, prefix, script, seen_titles, seen_contexts):
    path = os.path.join(HERE, name)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        err(f"{name}: cannot load: {e}")
        return 0
    if not expect_keys(doc, ["version", "data"], name):
        return 0
    if doc["version"] != "v1.0":
        err(f"{name}: version is {doc['version']!r}, want 'v1.0'")
    data = doc["data"]
    if not isinstance(data, list) or len(data) != N_ARTICLES:
        err(f"{name}: want {N_ARTICLES} articles, got {len(data) if isinstance(data, list) else data!r}")
        return 0
    n_q = 0
    ids = set()
    for i, art in enumerate(data):
        aid = f"{prefix}_{i}"
        if not expect_keys(art, ["id", "title", "paragraphs"], f"{name}[{i}]"):
            continue
        if art["id"] != aid:
            err(f"{name}[{i}]: id {art['id']!r}, want {aid!r}")
        if not isinstance(art["title"], str) or not art["title"].strip():
            err(f"{aid}: empty title")
        elif art["title"] in seen_titles:
            err(f"{aid}: duplicate title {art['title']!r}")
        seen_titles.add(art["title"])
        paras = art["paragraphs"]
        if not isinstance(paras, list) or len(paras) != 1:
            err(f"{aid}: want exactly one paragraph")
            continue
        p = paras[0]
        if not expect_keys(p, ["id", "context", "qas"], f"{aid}.paragraph"):
            continue
        if p["id"] != aid:
            err(f"{aid}: paragraph id {p['id']!r}, want {aid!r}")
        ctx = p["context"]
        if not isinstance(ctx, str):
            err(f"{aid}: context is not a string")
            continue
        if not CONTEXT_MIN <= len(ctx) <= CONTEXT_MAX:
            err(f"{aid}: context has {len(ctx)} characters, want {CONTEXT_MIN}-{CONTEXT_MAX}")
        if ctx != ctx.strip() or "\n" in ctx:
            err(f"{aid}: context has leading/trailing whitespace or newlines")
        if ctx in seen_contexts:
            err(f"{aid}: duplicate context")
        seen_contexts.add(ctx)
        qas = p["qas"]
        if not isinstance(qas, list) or len(qas) != N_QUESTIONS:
            err(f"{aid}: want {N_QUESTIONS} questions")
            continue
        questions = set()
        for j, qa in enumerate(qas):
            qid = f"{aid}_Q_{j}"
            if not expect_keys(qa, ["id", "question", "answers"], qid):
                continue
            n_q += 1
            if qa["id"] != qid:
                err(f"{qid}: id is {qa['id']!r}")
            if qa["id"] in ids:
                err(f"{qid}: duplicate id")
            ids.add(qa["id"])
            q = qa["question"]
            if not isinstance(q, str) or not q.endswith("？") or len(q) < 5:
                err(f"{qid}: question must be a string ending with a full-width question mark")
            if q in questions:
                err(f"{qid}: duplicate question")
            questions.add(q)
            if isinstance(q, str) and q in ctx:
                err(f"{qid}: question copied verbatim from context")
            answers = qa["answers"]
            if not isinstance(answers, list) or not 1 <= len(answers) <= 3:
                err(f"{qid}: want 1-3 answers")
                continue
            texts = set()
            for k, a in enumerate(answers):
                where = f"{qid}.answers[{k}]"
                if not expect_keys(a, ["text", "answer_start"], where):
                    continue
                t, s = a["text"], a["answer_start"]
                if not isinstance(t, str) or not t or t != t.strip():
                    err(f"{where}: bad text {t!r}")
                    continue
                if not isinstance(s, int) or isinstance(s, bool) or s < 0:
                    err(f"{where}: bad answer_start {s!r}")
                    continue
                if ctx[s:s + len(t)] != t:
                    err(f"{where}: context[{s}:{s + len(t)}] = {ctx[s:s + len(t)]!r} != {t!r}")
                if len(t) > ANSWER_MAX:
                    err(f"{where}: answer longer than {ANSWER_MAX} characters")
                if t in texts:
                    err(f"{where}: duplicate answer text")
                texts.add(t)
    forbidden = SIMPLIFIED_ONLY if script == "traditional" else TRADITIONAL_ONLY
    bad = set(forbidden)
    for where, s in all_strings(doc):
        hits = sorted(set(c for c in (s or "") if c in bad))
        if hits:
            other = "simplified" if script == "traditional" else "traditional"
            err(f"{name} {where}: {other}-only characters {''.join(hits)} in {s[:30]!r}")
    print(f"{name}: {len(data)} articles, {n_q} questions")
    return n_q


def main():
    # Self-check of the character lists.
    for label, chars in (("SIMPLIFIED_ONLY", SIMPLIFIED_ONLY), ("TRADITIONAL_ONLY", TRADITIONAL_ONLY)):
        if len(set(chars)) != len(chars):
            err(f"{label} has repeated characters")
    if set(SIMPLIFIED_ONLY) & set(TRADITIONAL_ONLY):
        err("character lists overlap")
    if not re.fullmatch(r"[\u4e00-\u9fff]+", SIMPLIFIED_ONLY + TRADITIONAL_ONLY):
        err("character lists contain non-CJK characters")
    titles, contexts = set(), set()
    total = 0
    for name, (prefix, script) in FILES.items():
        total += check_file(name, prefix, script, titles, contexts)
    if total != N_ARTICLES * N_QUESTIONS * len(FILES):
        err(f"total questions {total}, want {N_ARTICLES * N_QUESTIONS * len(FILES)}")
    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s) found")
        return 1
    print("ALL CHECKS PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
