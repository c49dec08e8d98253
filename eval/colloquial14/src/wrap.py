#!/usr/bin/env python3
"""Hard-wrap the system manual to 34-40 characters per line.

Input : 预约系统操作手册.unwrapped.txt  (one paragraph per line)
Output: ../docs/预约系统操作手册.txt     (paragraphs separated by a blank line)

Every line except the last line of a paragraph is 34-40 characters long
(characters, not display columns).  Breaks fall wherever the width lands,
so they cut through words, numbers and units.  Break points are planned per
paragraph with a small dynamic programme so that

  * every occurrence of a MUST_SPLIT string (the answers of the "wrapped"
    questions) is cut by a line break, and
  * no occurrence of an AVOID_SPLIT string (answers of other questions that
    live in this manual) is cut, so those stay ordinary one-line lookups.

Among the allowed widths a seeded random choice keeps the right edge ragged.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "预约系统操作手册.unwrapped.txt")
OUT = os.path.join(HERE, "..", "docs", "预约系统操作手册.txt")
MIN_W, MAX_W = 34, 40

MUST_SPLIT = ["15分钟", "50MB", "时段冲突", "90天", "凌晨2点", "8008"]
AVOID_SPLIT = ["60天", "3小时", "10人", "区域经理授权码", "暂停其线上预约权限",
               "恶劣天气", "经前台核实", "不能直接修改", "成都云牙信息技术有限公司",
               "信息部停用", "设备授权", "核对患者手机号", "重发", "E203", "E102"]


def occurrences(text, words):
    out = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append((i, i + len(w)))
            i = text.find(w, i + 1)
    return out


def plan(text, must, avoid, rng):
    n = len(text)
    if n <= MAX_W and not must:
        return []

    def bad_break(q):
        return any(s < q < e for s, e in avoid)

    def unsplit_must(p, q):
        return any(s >= p and e <= q for s, e in must)

    feasible = {}
    for p in range(n, -1, -1):
        if n - p <= MAX_W and not unsplit_must(p, n):
            feasible[p] = True
            continue
        feasible[p] = any(
            p + w < n and feasible.get(p + w) and not bad_break(p + w)
            and not unsplit_must(p, p + w)
            for w in range(MIN_W, MAX_W + 1))
    if not feasible[0]:
        return None
    breaks, p = [], 0
    while True:
        if n - p <= MAX_W and not unsplit_must(p, n):
            # stop here unless a must-split string still needs a later break
            return breaks
        options = [p + w for w in range(MIN_W, MAX_W + 1)
                   if p + w < n and feasible.get(p + w) and not bad_break(p + w)
                   and not unsplit_must(p, p + w)]
        splitting = [q for q in options if any(s < q < e for s, e in must)]
        q = rng.choice(splitting or options)
        breaks.append(q)
        p = q


def wrap_paragraph(text, rng):
    must = occurrences(text, MUST_SPLIT)
    avoid = occurrences(text, AVOID_SPLIT)
    breaks = plan(text, must, avoid, rng)
    if breaks is None:
        print("warning: relaxing AVOID_SPLIT for:", text[:30], file=sys.stderr)
        breaks = plan(text, must, [], rng)
    if breaks is None:
        sys.exit("cannot wrap paragraph: " + text[:30])
    cuts = [0] + breaks + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def main():
    rng = random.Random(14)
    paragraphs = [l.strip() for l in open(SRC, encoding="utf-8") if l.strip()]
    blocks = ["\n".join(wrap_paragraph(p, rng)) for p in paragraphs]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n\n".join(blocks) + "\n")


if __name__ == "__main__":
    main()
