#!/usr/bin/env python3
"""Hard-wrap the manual at 78 display columns (about 39 Chinese characters).

    python3 wrap.py SRC DST
Each non-blank line of SRC is one paragraph; it is broken wherever the column
limit falls, including inside words and numbers.  Blank lines are kept.
"""
import sys
import unicodedata

WIDTH = 78


def w(ch):
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def wrap(line):
    out, cur, n = [], "", 0
    for ch in line:
        if n + w(ch) > WIDTH:
            out.append(cur)
            cur, n = "", 0
        cur += ch
        n += w(ch)
    out.append(cur)
    return out


src, dst = sys.argv[1], sys.argv[2]
lines = []
for line in open(src, encoding="utf-8").read().split("\n"):
    lines.extend(wrap(line) if line else [""])
with open(dst, "w", encoding="utf-8") as f:
    f.write("\n".join(lines).rstrip("\n") + "\n")
