# Hard-wraps the DMS manual source at 36-42 characters per line, forcing
# line breaks inside the target strings used by the "wrapped" questions.
import re, sys
TARGETS = ['180天', '90天', '5,000元', '72小时', '5MB', '48小时']
PREF = [39, 40, 38, 41, 37, 42, 36]

def wrap(par):
    spans = []
    for tg in TARGETS:
        for m in re.finditer(re.escape(tg), par):
            spans.append((m.start(), m.end()))
    n = len(par)
    def ok_so_far(breaks, upto):
        # every span ending before 'upto' must contain a break strictly inside
        for s, e in spans:
            if e <= upto and not any(s < b < e for b in breaks):
                return False
        return True
    def dfs(pos, breaks):
        if n - pos <= 42:
            return breaks if ok_so_far(breaks, n + 1) else None
        for L in PREF:
            b = pos + L
            if b >= n:
                continue
            nb = breaks + [b]
            if ok_so_far(nb, b):
                r = dfs(b, nb)
                if r is not None:
                    return r
        return None
    br = dfs(0, [])
    if br is None:
        sys.exit('cannot wrap: ' + par[:30])
    cuts = [0] + br + [n]
    return [par[a:b] for a, b in zip(cuts, cuts[1:])]

src = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = []
for line in src:
    out.extend(wrap(line) if len(line) > 42 else [line])
open(sys.argv[2], 'w', encoding='utf-8').write('\n'.join(out).rstrip('\n') + '\n')
