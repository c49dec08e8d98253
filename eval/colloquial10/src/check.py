import os
# Writes questions.tsv from questions_src.py and checks it against the documents.
import sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from questions_src import Q
from extract import all_texts
B=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..') + '/'
texts=all_texts()
key={'H':'员工手册.docx','X':'课时与收费标准.xlsx','T':'教务系统操作手册.txt'}
raw_txt=texts['教务系统操作手册.txt']
joined={k:(v.replace('\n','') if k.endswith('.txt') else v) for k,v in texts.items()}
alltext='\n'.join(joined.values())+'\n'+'\n'.join(texts.values())
errs=[]
with open(B+'questions.tsv','w',encoding='utf-8') as f:
    f.write('question\tanswers\tcategory\n')
    for q,a,c,d,x in Q:
        assert '\t' not in q+a
        f.write(f'{q}\t{a}\t{c}\n')
want={'number':8,'condition':8,'yesno':8,'table':7,'fact':6,'faq':4,'multi':4,'wrapped':6,'refuse':9}
cnt=collections.Counter(c for _,_,c,_,_ in Q)
print('counts',dict(cnt),'total',len(Q))
if cnt!=want: errs.append('category counts')
tw=sum('tw' in x.split('|') for *_,x in Q); print('traditional',tw)
if tw!=10: errs.append('tw count')
for q,a,c,d,x in Q:
    alts=a.split('|')
    if c=='refuse':
        terms=[t for t in x.split('|') if t!='tw']
        hit=[t for t in terms if t in alltext]
        print(f'refuse  {q}: absent {terms}' + (f'  PRESENT {hit}' if hit else ''))
        if hit: errs.append(q)
        continue
    doc=key[d]
    found=[s for s in alts if s in joined[doc]]
    if not found: errs.append(q); print('MISSING',q,alts)
    if c=='wrapped':
        if alts[0] in raw_txt or alts[0] not in joined[doc]:
            errs.append(q); print('NOT WRAPPED',q)
    if c=='yesno' and '可以' in alts and alts[0]!='可以': pass
    print(f'ok {c:9} {q} -> {found} in {doc}')
print('ERRORS',errs if errs else 'none')
