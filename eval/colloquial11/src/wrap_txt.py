# Builds docs/收银系统操作手册.txt from the paragraph source: lines starting
# with '#' are headings kept as-is; every other line is hard-wrapped at 36-40
# characters. Per paragraph, the line widths are chosen (exhaustive search)
# so that a few target phrases straddle a line break (for the "wrapped"
# questions), preferring width 38 and avoiding lines that start with
# punctuation.
import itertools
TARGETS = ['4小时', '15分钟', '200笔', '8866 2300', '150元', '30分钟', '12:00']
PUNCT = '，。；：、）'
WIDTHS = (36, 37, 38, 39, 40)

def best_wrap(line):
    best = None
    def rec(pos, breaks, score):
        nonlocal best
        if len(line) - pos <= 40:
            s = score
            for tg in TARGETS:
                i = line.find(tg)
                while i != -1:
                    if any(i < b < i + len(tg) for b in breaks):
                        s += 10
                    i = line.find(tg, i + 1)
            if best is None or s > best[0]:
                best = (s, breaks)
            return
        for w in WIDTHS:
            b = pos + w
            pen = -abs(w - 38) * 0.1 - (2 if line[b] in PUNCT else 0)
            rec(b, breaks + [b], score + pen)
    rec(0, [], 0)
    breaks = best[1]
    parts, prev = [], 0
    for b in breaks:
        parts.append(line[prev:b]); prev = b
    parts.append(line[prev:])
    return parts

out = []
for line in open('收银系统操作手册.src.txt', encoding='utf-8'):
    line = line.rstrip('\n')
    if line.startswith('#'):
        out.append(line[1:]); continue
    out.extend(best_wrap(line))
open('../docs/收银系统操作手册.txt', 'w', encoding='utf-8').write('\n'.join(out) + '\n')
