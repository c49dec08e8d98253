#!/usr/bin/env python3
"""Checks questions.tsv against the documents in docs/.

- every answerable question: at least one accepted alternative occurs verbatim
  in the document text (Markdown as is; PDF via `pdftotext -layout` with line
  breaks removed; .txt with line breaks removed);
- wrapped questions: some accepted alternative occurs in the .txt only once the
  line breaks are removed (i.e. it straddles a break in the file);
- refuse questions: the listed key terms occur in no document;
- category counts, and the number of questions in traditional characters.
"""
import csv, re, subprocess, sys, collections
D = 'docs/'
md = open(D + '员工手册.md', encoding='utf-8').read()
pdf_raw = subprocess.run(['pdftotext', '-layout', D + '食品安全与门店运营规范.pdf', '-'],
                         capture_output=True, text=True, check=True).stdout
pdf = re.sub(r'\s*\n\s*', '', pdf_raw)          # drop line breaks (and the layout indentation around them)
txt_raw = open(D + '收银系统操作手册.txt', encoding='utf-8').read()
txt = txt_raw.replace('\n', '')
docs = {'md': md, 'pdf': pdf, 'txt': txt}
alltext = md + pdf + txt + pdf_raw + txt_raw

EXPECTED = dict(number=8, condition=8, yesno=8, table=7, fact=6, faq=4, multi=4, wrapped=6, refuse=9)
REFUSE_TERMS = ['年终奖', '年終獎', '年终', '公积金', '团建', '團建', '加盟费', '加盟費', '意外险', '意外險',
                '盘点', '盤點', '库存', '庫存', '打车', '打車', '车费', '交通费', '推荐', '推薦', '内推',
                '会员生日', '生日优惠', '生日特权']
TRAD = set('體檢後場嗎薪資幾號發記打卡怎麼辦這個請獎還調職特內員溫補貼斷網時銀機筆訂單終會費')
# characters that only occur in traditional spelling (their simplified forms differ)
TRAD_ONLY = set('體檢後場嗎資幾號發記麼辦這個請獎還調職內員溫補貼斷網時銀機筆訂單終會費')

rows = list(csv.DictReader(open('questions.tsv', encoding='utf-8'), delimiter='\t'))
ok = True
cnt = collections.Counter(r['category'] for r in rows)
print('total', len(rows), dict(cnt))
if dict(cnt) != EXPECTED:
    ok = False; print('!! category counts differ from', EXPECTED)
trad = [r['question'] for r in rows if set(r['question']) & TRAD_ONLY]
print('traditional questions:', len(trad))
for q in trad: print('   ', q)
for r in rows:
    q, a, c = r['question'], r['answers'], r['category']
    if a == 'REFUSE':
        continue
    alts = a.split('|')
    if c == 'yesno' and '可以' in alts:
        ok = False; print('!! bare 可以 accepted:', q)
    hits = [(alt, k) for alt in alts for k, t in docs.items() if alt in t]
    if not hits:
        ok = False; print('!! NO MATCH:', q, a)
    else:
        print('ok  %-10s %-32s %s' % (c, q, sorted(set(f'{x}@{k}' for x, k in hits))[:4]))
    if c == 'wrapped':
        spans = [alt for alt in alts if alt in txt and alt not in txt_raw]
        if not spans:
            ok = False; print('!! wrapped answer does not straddle a line break:', q)
        else:
            print('    straddles a line break in the .txt:', spans)
present = [t for t in REFUSE_TERMS if t in alltext]
print('refuse terms checked absent:', ' '.join(REFUSE_TERMS))
if present:
    ok = False; print('!! refuse terms present in documents:', present)
# document sizes in CJK characters
for name, t in (('员工手册.md', md), ('食品安全与门店运营规范.pdf', pdf), ('收银系统操作手册.txt', txt)):
    n = len(re.findall(r'[\u4e00-\u9fff]', t))
    print(f'{name}: {n} CJK characters', '' if 2500 <= n <= 5000 else '!! out of range')
    ok &= 2500 <= n <= 5000
print('ALL CHECKS PASSED' if ok else 'CHECKS FAILED')
sys.exit(0 if ok else 1)
