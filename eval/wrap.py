#!/usr/bin/env python3
"""Hard-wrap a UTF-8 text file at WIDTH display columns (CJK = 2 columns).

Lines are broken wherever the next character would not fit, so wraps fall
inside words and numbers. usage: wrap.py SRC DST [WIDTH]
"""
import sys
import unicodedata

WIDTH = 76


def cw(ch):
    return 2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1


def wrap_line(line, width):
    out, cur, w = [], [], 0
    for ch in line:
        c = cw(ch)
        if w + c > width:
            out.append(''.join(cur))
            cur, w = [], 0
        cur.append(ch)
        w += c
    out.append(''.join(cur))
    return out


def main():
    src, dst = sys.argv[1], sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else WIDTH
    lines = open(src, encoding='utf-8').read().rstrip('\n').split('\n')
    out = []
    for ln in lines:
        ln = ln.rstrip()
        if sum(cw(c) for c in ln) in (width - 1, width):
            print('warning: source line exactly fills the width:', ln[:20], file=sys.stderr)
        out.extend(wrap_line(ln, width))
    with open(dst, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
