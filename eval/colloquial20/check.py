#!/usr/bin/env python3
"""Consistency checks for colloquial20 (city bus company documents).

Standard library only, plus the `pdftotext` and `pdfinfo` programs from poppler-utils.
Prints ALL CHECKS PASSED when every check holds, otherwise lists the failures
and exits with status 1.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from colloquialcheck import (  # noqa: E402 (the checks the colloquial sets share)
    check_questions, check_sizes, cjk_count, fail, pdf_text, R, width, workbook_text,
    wrapped_manual)

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
QUESTIONS = os.path.join(HERE, 'questions.tsv')

MD = '员工手册.md'
PDF = '票务规则.pdf'
XLSX = '线路与车场一览.xlsx'
PPTX = '新驾驶员岗前培训.pptx'
TXT = '智能调度系统操作手册.txt'
WRAP = 76


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '年底有没有年终奖 发几个月': ['年终奖', '年终', '十三薪', '双薪'],
    '乘客要报销 车上能开发票吗': ['发票', '票据'],
    '驾驶员多大岁数退休': ['退休'],
    '车场食堂中午几点开饭': ['食堂', '开饭', '午饭', '就餐', '用餐'],
    '公司给司机买意外险吗': ['意外险', '保险'],
    '坐地铁转公交有优惠吗': ['地铁', '轨道交通', '轻轨'],
    '咱们的公交卡去外地能刷吗': ['外地', '互联互通', '全国', '交通联合', '异地'],
    '司機可以申請育嬰留職停薪嗎': ['育婴', '育嬰', '留职停薪', '留職停薪', '育儿假'],
    '公車上可以刷信用卡嗎': ['信用卡', '银联', '闪付'],
}

# Questions whose answer is held in the deck's speaker notes (not on the slides).
NOTES_ONLY = {
    '新来的司机跟车实习要跟多少天',
    '进站停车 车身离站台边最多能隔多远',
    '结业考核实操考了八十分 理论九十二 算过了没',
    '新司机刚独立上岗 能排他开夜班线吗',
    '新進司機訓練有問題要找誰',
}


# ---------------------------------------------------------------- readers

A = '{http://schemas.openxmlformats.org/drawingml/2006/main}'
P = '{http://schemas.openxmlformats.org/presentationml/2006/main}'
PKG = '{http://schemas.openxmlformats.org/package/2006/relationships}'


def md_plain(text):
    """Markdown with emphasis markers and table pipes removed."""
    text = text.replace('**', '')
    lines = []
    for ln in text.split('\n'):
        if re.match(r'^\|[-| ]+\|$', ln):
            continue
        if ln.startswith('|'):
            ln = '\t'.join(c.strip() for c in ln.strip('|').split('|'))
        ln = re.sub(r'^#+\s*', '', ln)
        ln = re.sub(r'^>\s*', '', ln)
        lines.append(ln)
    return '\n'.join(lines)


def pdf_producer(path):
    out = subprocess.run(['pdfinfo', path], check=True, stdout=subprocess.PIPE).stdout.decode('utf-8', 'replace')
    m = re.search(r'^Producer:\s*(.*)$', out, re.M)
    return m.group(1) if m else ''


def read_pptx(path):
    """[(slide paragraphs, notes paragraphs)] in presentation order, and the producing application."""
    with zipfile.ZipFile(path) as z:
        pres = ET.fromstring(z.read('ppt/presentation.xml'))
        prels = ET.fromstring(z.read('ppt/_rels/presentation.xml.rels'))
        ptarget = {r.get('Id'): r.get('Target') for r in prels}
        app = ''
        if 'docProps/app.xml' in z.namelist():
            app = z.read('docProps/app.xml').decode('utf-8', 'replace')
        slides = []
        for sid in pres.iter(P + 'sldId'):
            spath = 'ppt/' + ptarget[sid.get(R + 'id')].lstrip('/').replace('ppt/', '', 1)
            body = paragraphs(ET.fromstring(z.read(spath)))
            relpath = os.path.dirname(spath) + '/_rels/' + os.path.basename(spath) + '.rels'
            notes = []
            if relpath in z.namelist():
                for r in ET.fromstring(z.read(relpath)):
                    if r.get('Type', '').endswith('/notesSlide'):
                        npath = os.path.normpath(os.path.join(os.path.dirname(spath), r.get('Target')))
                        notes = paragraphs(ET.fromstring(z.read(npath)), notes=True)
            slides.append((body, notes))
    return slides, app


def paragraphs(root, notes=False):
    out = []
    for sp in root.iter(P + 'sp'):
        ph = sp.find('.//' + P + 'ph')
        if notes and (ph is None or ph.get('type') not in ('body',)):
            continue  # skip the slide image, number and header placeholders of a notes page
        for p in sp.iter(A + 'p'):
            s = ''.join(t.text or '' for t in p.iter(A + 't'))
            if s.strip():
                out.append(s)
    return out


# ---------------------------------------------------------------- documents

def load_documents():
    texts = {}
    variants = {}
    extra = {}

    # Markdown handbook
    with open(os.path.join(DOCS, MD), encoding='utf-8') as f:
        raw = f.read()
    plain = md_plain(raw)
    texts[MD] = plain
    variants[MD] = [raw, plain]
    if not re.search(r'^# ', raw, re.M) or len(re.findall(r'^## 第[一二三四五六七八九十]+章', raw, re.M)) < 5:
        fail('MD: want a # title and at least five ## 第X章 headings')
    arts = re.findall(r'^\*\*第(\d+)条\*\*', raw, re.M)
    if len(arts) < 20 or [int(a) for a in arts] != list(range(1, len(arts) + 1)):
        fail('MD: %d **第N条** articles, or not numbered 1..N in order' % len(arts))
    if len(re.findall(r'^（\d+）', raw, re.M)) < 10:
        fail('MD: too few （1）（2） items')
    q = len(re.findall(r'^问：', raw, re.M))
    a = len(re.findall(r'^答：', raw, re.M))
    if not (6 <= q <= 8 and q == a):
        fail('MD: FAQ has %d 问 and %d 答 (want 6-8 pairs)' % (q, a))
    if not re.search(r'按下列标准处理，但.+的除外：', raw):
        fail('MD: no exception in a list lead-in line')
    for kw in ('不得', '严禁', '不予', '除外'):
        if kw not in raw:
            fail('MD: missing %s' % kw)
    table = [ln for ln in raw.split('\n') if ln.startswith('|')]
    if len(table) < 7 or '岗位' not in table[0] or not re.match(r'^\|[-| ]+\|$', table[1]):
        fail('MD: expected one pipe table with a 岗位 header and a separator line')
    else:
        ncols = table[0].count('|')
        if any(ln.count('|') != ncols for ln in table):
            fail('MD: pipe table rows have different column counts')
        if not all(re.search(r'（[^）]+）', c) for c in table[0].strip('|').split('|')[1:]):
            fail('MD: pipe table headers lack units')

    # PDF fare rules
    path = os.path.join(DOCS, PDF)
    raw, joined, variants[PDF] = pdf_text(path)
    texts[PDF] = raw
    if 'LibreOffice' not in pdf_producer(path):
        fail('PDF: not produced by LibreOffice')
    for kw in ('分段计价', '换乘', '半价', '导盲犬', '补票', '失物招领', '工本费', '招手停'):
        if kw not in joined:
            fail('PDF: missing %s' % kw)
    if not re.search(r'^第[一二三四五六七八九十]+条', raw, re.M) or '第三十条' not in joined:
        fail('PDF: want 第X条 articles (30 or more)')
    if not re.search(r'\d 元', raw):
        fail('PDF: no CJK/Latin gap in the extracted text (e.g. "2 元")')

    # XLSX workbook
    sheets, t = workbook_text(os.path.join(DOCS, XLSX), re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|米|公里|个|辆|条|亩|人)\s*$'),
                              header_units=3, min_numeric=10)
    if len(sheets) != 3:
        fail('XLSX: %d sheets (want 3)' % len(sheets))
    texts[XLSX] = t
    variants[XLSX] = [t]

    # PPTX training deck
    slides, app = read_pptx(os.path.join(DOCS, PPTX))
    if 'LibreOffice' not in app and 'Impress' not in app:
        fail('PPTX: not produced by LibreOffice Impress')
    if len(slides) < 12:
        fail('PPTX: only %d slides' % len(slides))
    if any(not notes for _, notes in slides):
        fail('PPTX: some slides have no speaker notes')
    body = '\n'.join(p for b, _ in slides for p in b)
    notes = '\n'.join(p for _, n in slides for p in n)
    t = body + '\n' + notes
    texts[PPTX] = t
    variants[PPTX] = [t]
    extra['pptx_body'] = body
    extra['pptx_notes'] = notes
    if cjk_count(notes) < cjk_count(body) * 2:
        fail('PPTX: notes should carry most of the text')

    # TXT manual
    raw, tl, un = wrapped_manual(os.path.join(DOCS, TXT), WRAP)
    inside_num = sum(1 for a, b in zip(tl, tl[1:]) if width(a) >= WRAP - 1 and a[-1:].isdigit() and b[:1].isdigit())
    if inside_num < 2:
        fail('TXT: want at least two wraps inside numbers (found %d)' % inside_num)
    texts[TXT] = un
    variants[TXT] = [raw, un]
    if not re.search(r'^一、', raw, re.M) or not re.search(r'^2\.1 ', raw, re.M):
        fail('TXT: no 一、 / 2.1 section numbering')
    if len(re.findall(r'^E\d{3} ', un, re.M)) < 6:
        fail('TXT: too few E-codes')

    # sizes and script
    check_sizes(texts)
    return texts, variants, extra


if __name__ == '__main__':
    texts, variants, extra = load_documents()
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT, NOTES_ONLY, extra)
