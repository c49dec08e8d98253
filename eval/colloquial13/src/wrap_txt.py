#!/usr/bin/env python3
"""Hard-wrap the APP manual at 36-42 characters per line.

Each source line is a paragraph.  Paragraphs longer than 42 characters are
cut into lines of 36-42 characters (preferring 40), choosing widths so that
the listed target strings are split across a line break.
"""
import sys

SRC = "工地管理APP操作手册.unwrapped.txt"
DST = "../docs/工地管理APP操作手册.txt"
MIN_W, MAX_W, PREF = 36, 42, 40

# (context, inner): the occurrence of `inner` inside `context` must be split.
TARGETS = [
    ("最多上传12张", "12张"),
    ("默认为48小时", "48小时"),
    ("默认为300米", "300米"),
    ("金额在5000元", "5000元"),
    ("最多保存7天", "7天"),
    ("8—20位", "8—20位"),
]

ORDER = sorted(range(MIN_W, MAX_W + 1), key=lambda w: (abs(w - PREF), -w))


def spans(par):
    out = []
    for ctx, inner in TARGETS:
        i = par.find(ctx)
        if i >= 0:
            s = i + ctx.find(inner)
            out.append((s, s + len(inner)))
    return out


def search(par, pos, need, breaks):
    rest = len(par) - pos
    if rest <= MAX_W:
        ok = all(any(s < b < e for b in breaks) for s, e in need)
        return breaks if ok else None
    for w in ORDER:
        b = pos + w
        if len(par) - b < 1:
            continue
        r = search(par, b, need, breaks + [b])
        if r is not None:
            return r
    return None


def wrap(par):
    if len(par) <= MAX_W:
        return [par]
    need = spans(par)
    breaks = search(par, 0, need, [])
    if breaks is None:
        sys.exit("cannot split targets in: " + par)
    cuts = [0] + breaks + [len(par)]
    return [par[a:b] for a, b in zip(cuts, cuts[1:])]


def main():
    lines = open(SRC, encoding="utf-8").read().split("\n")
    out = []
    for ln in lines:
        out.extend(wrap(ln))
    open(DST, "w", encoding="utf-8").write("\n".join(out).rstrip("\n") + "\n")


main()
