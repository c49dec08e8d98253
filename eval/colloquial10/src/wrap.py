import os
# Hard-wrap the manual at 38-42 chars per line; choose widths so that the
# target strings below straddle a line break (brute force over width sequences).
import itertools
SRC=os.path.join(os.path.dirname(os.path.abspath(__file__)), '教务系统操作手册.src.txt')
DST=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'docs', '教务系统操作手册.txt')
TARGETS=['90天','2000条','180天','45天','12小时','3名学员']
def score(para, widths):
    cuts=list(itertools.accumulate(widths))
    hit=0
    for t in TARGETS:
        i=para.find(t)
        while i!=-1:
            if any(i<c<i+len(t) for c in cuts): hit+=1
            i=para.find(t,i+1)
    return (hit, -sum(abs(w-40) for w in widths))
def wrap(para):
    if len(para)<=42: return [para]
    best=None
    n=0
    # number of full lines: enough that remainder <=42
    for n in range(1,20):
        if len(para)-38*n<=42: break
    cands=[]
    for k in range(max(1,n-1),n+3):
        for ws in itertools.product(range(38,43),repeat=k):
            s=sum(ws)
            if s>=len(para) or len(para)-s>42: continue
            sc=score(para,ws)
            if best is None or sc>best[0]: best=(sc,ws)
    ws=best[1]; out=[]; pos=0
    for w in ws: out.append(para[pos:pos+w]); pos+=w
    out.append(para[pos:])
    return out
out=[]
for para in open(SRC,encoding='utf-8').read().split('\n'):
    out+=wrap(para)
open(DST,'w',encoding='utf-8').write('\n'.join(out)+'\n')
raw=open(DST,encoding='utf-8').read()
for t in TARGETS:
    print(t,'UNSPLIT' if t in raw else 'split', raw.replace('\n','').count(t))
print('max line',max(len(l) for l in raw.split('\n')))
