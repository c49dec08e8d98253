#!/usr/bin/env python3
"""Hard-wrap the WMS manual the way an old text export does it.

Input: one paragraph per line.  Output: each paragraph cut into lines of
38-44 characters (only the last line of a paragraph may be shorter), with
a blank line between paragraphs.  Breaks fall wherever the width runs out,
i.e. inside words, numbers and units.

Some strings (the "wrapped" answers of questions.tsv) must be cut by a line
break; a small dynamic programme chooses, per paragraph, line widths in
38..44 (preferring 41) so that no line contains a whole occurrence of any
of them.  Usage: wrap.py SRC DST
"""
import sys

MIN_W, MAX_W, PREF_W = 38, 44, 41
MUST_SPLIT = ["HT-760", "批次不符", "6021", "500条", "25分钟", "3%"]
NO_LINE_START = set("，。；：、）》」”！？%")


def occurrences(s):
    occ = []
    for word in MUST_SPLIT:
        i = s.find(word)
        while i >= 0:
            occ.append((i, i + len(word)))
            i = s.find(word, i + 1)
    return occ


def contains_target(a, b, occ):
    return any(a <= s and e <= b for s, e in occ)


def wrap_paragraph(s):
    n = len(s)
    occ = occurrences(s)
    if n <= MAX_W:
        if occ:
            raise SystemExit(f"short paragraph holds a must-split string: {s}")
        return [s]
    INF = float("inf")
    best = [INF] * (n + 1)   # best[i]: cost of breaking the paragraph at i
    prev = [None] * (n + 1)
    best[0] = 0
    for a in range(n):
        if best[a] == INF:
            continue
        for w in range(MIN_W, MAX_W + 1):
            b = a + w
            if b >= n:
                break
            if contains_target(a, b, occ):
                continue
            cost = abs(w - PREF_W) + (5 if s[b] in NO_LINE_START else 0)
            if best[a] + cost < best[b]:
                best[b], prev[b] = best[a] + cost, a
    # choose the last break: the remaining tail must be 1..MAX_W long
    end, end_cost = None, INF
    for a in range(max(0, n - MAX_W), n):
        if best[a] < end_cost and not contains_target(a, n, occ):
            end, end_cost = a, best[a]
    if end is None:
        raise SystemExit(f"cannot wrap paragraph: {s[:30]}...")
    cuts = [n]
    while end is not None:
        cuts.append(end)
        end = prev[end]
    cuts.reverse()
    return [s[cuts[i]:cuts[i + 1]] for i in range(len(cuts) - 1)]


def main(src, dst):
    paras = [p.strip() for p in open(src, encoding="utf-8").read().split("\n") if p.strip()]
    out = ["\n".join(wrap_paragraph(p)) for p in paras]
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
