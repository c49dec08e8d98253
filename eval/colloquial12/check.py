#!/usr/bin/env python3
"""Checks questions.tsv against the document texts (stdlib only)."""
import csv, re, sys, zipfile, html, collections, os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'docs')

def docx_text(p):
    x = zipfile.ZipFile(p).read('word/document.xml').decode('utf-8')
    x = re.sub(r'</w:p>', '\n', x)
    return html.unescape(re.sub(r'<[^>]+>', '', x))

def html_text(p):
    x = open(p, encoding='utf-8').read()
    return html.unescape(re.sub(r'<[^>]+>', '', x))

raw_txt = open(os.path.join(D, 'DMS系统操作手册.txt'), encoding='utf-8').read()
texts = {
    '员工手册.docx': docx_text(os.path.join(D, '员工手册.docx')),
    '售后服务管理办法.html': html_text(os.path.join(D, '售后服务管理办法.html')),
    'DMS系统操作手册.txt': raw_txt.replace('\n', ''),
}
allt = '\n'.join(texts.values())
cjk = lambda s: len(re.findall(r'[\u4e00-\u9fff]', s))
for k, v in texts.items():
    n = cjk(v)
    print(f'{k}: {n} CJK chars', '' if 2500 <= n <= 5000 else '  <-- OUT OF RANGE')

# refuse key terms (per question) that must appear in no document
REFUSE_TERMS = {
    '年终奖一般啥时候发': ['年终奖', '年终'],
    '公司一年组织几次团建': ['团建', '团队建设'],
    '体检能带家属一起去吗': ['家属'],
    '卖一单延保能提多少': ['延保', '延长保修'],
    '客户拿二手车来置换 有补贴吗': ['二手车', '置换'],
    '技师考到高级工证书有补贴吗': ['高级工', '技能等级'],
    '加班晚了打车回家能报销吗': ['打车', '报销'],
    '尾牙有沒有抽獎': ['尾牙', '抽奖'],
    '員工旅遊一年幾次': ['旅游', '员工旅'],
}
TRAD = set('資幾裡廳電業獎發麼貸買筆號碼編賠張進兩沒員遊嗎錄單車員體開鐘說這個們')
EXPECT = dict(number=8, condition=8, yesno=8, table=7, fact=6, faq=4, multi=4, wrapped=6, refuse=9)
NEG = ('不能', '不可以', '不得', '严禁', '禁止', '不行')

rows = list(csv.DictReader(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'questions.tsv'), encoding='utf-8'), delimiter='\t'))
err = 0
def bad(msg):
    global err; err += 1; print('FAIL', msg)

cnt = collections.Counter(r['category'] for r in rows)
print('rows', len(rows), dict(cnt))
if len(rows) != 60 or dict(cnt) != EXPECT: bad('category counts')
if len({r['question'] for r in rows}) != 60: bad('duplicate questions')
trad = [r['question'] for r in rows if set(r['question']) & TRAD]
print('traditional questions:', len(trad), collections.Counter(r['category'] for r in rows if set(r['question']) & TRAD))
if len(trad) != 10: bad('traditional count')
yes_neg = 0
for r in rows:
    q, a, c = r['question'], r['answers'], r['category']
    if set(a) & TRAD: bad(f'traditional char in answers: {q}')
    if c == 'refuse':
        if a != 'REFUSE': bad(f'refuse answer: {q}')
        for t in REFUSE_TERMS[q]:
            if t in allt: bad(f'refuse term {t} present ({q})')
        continue
    alts = a.split('|')
    hits = [(x, [k for k, v in texts.items() if x in v]) for x in alts]
    if not any(h for _, h in hits): bad(f'no answer found: {q} {a}')
    if c == 'yesno' and any(x in NEG for x in alts):
        yes_neg += 1
        if '可以' in alts: bad(f'bare 可以 on negative: {q}')
    if c == 'wrapped':
        first = alts[0]
        if first not in texts['DMS系统操作手册.txt'] or first in raw_txt:
            bad(f'wrapped answer does not span a line break: {q} {first}')
    print(f'ok  [{c}] {q} -> ' + '; '.join(f'{x}@{",".join(h)}' for x, h in hits if h))
print('negative yesno:', yes_neg)
if yes_neg < 4: bad('too few negative yes/no')
# line-length check of the wrapped manual
lens = collections.Counter(len(l) for l in raw_txt.split('\n') if len(l) > 42)
if lens: bad(f'lines longer than 42: {lens}')
print('refuse terms checked:', sorted({t for v in REFUSE_TERMS.values() for t in v}))
print('ERRORS:', err)
sys.exit(1 if err else 0)
