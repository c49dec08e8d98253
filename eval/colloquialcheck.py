"""Checks the colloquial evaluation sets share (eval/colloquial18 onwards):
reading their documents as their check.py does (DOCX, XLSX, PDF through
poppler's pdftotext, PPTX slides and speaker notes, Markdown, hard-wrapped
text), numbers said in Chinese, the structure checks the sets make alike
(check_handbook_rules, check_manual_sections; load_deck_set reads and checks
all five documents of a set made of a Markdown handbook, a PDF, a workbook,
a training deck and a manual, as colloquial20 and 21 are), and the checks of
questions.tsv against the documents. Each set's check.py holds what is its
own (its files, its refusal terms, what its documents must say) and calls
check_questions.

Standard library only, plus the `pdftotext` and `pdfinfo` programs from
poppler-utils.
"""
import collections
import csv
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

CATEGORIES = collections.OrderedDict([
    ('number', 8), ('condition', 8), ('yesno', 8), ('table', 7), ('fact', 6),
    ('faq', 4), ('multi', 4), ('manual', 6), ('refuse', 9),
])
TRAD_PER_CATEGORY = {c: 1 for c in CATEGORIES}
TRAD_PER_CATEGORY['refuse'] = 2
TRAD_TOTAL = 10

NEGATIONS = {'不得', '不能', '不可以', '不行', '不允许', '严禁', '禁止', '不准', '不予'}
BARE_POSITIVE = {'可以', '能', '行', '可', '是', '对', '允许'}

failures = []


def fail(msg):
    failures.append(msg)


def is_cjk(ch):
    return '\u4e00' <= ch <= '\u9fff'


def cjk_count(text):
    return sum(1 for ch in text if is_cjk(ch))


def in_gb2312(ch):
    try:
        ch.encode('gb2312')
        return True
    except UnicodeEncodeError:
        return False


def in_big5(ch):
    try:
        ch.encode('big5')
        return True
    except UnicodeEncodeError:
        return False


def non_gb2312(text):
    return [ch for ch in text if is_cjk(ch) and not in_gb2312(ch)]


def width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in ('W', 'F') else 1 for ch in s)


W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'


S = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'


R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'


def read_docx(path):
    """Paragraph texts (body and table cells, in order) and the tables as row lists."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    paras = []
    for p in root.iter(W + 'p'):
        paras.append(''.join(t.text or '' for t in p.iter(W + 't')))
    tables = []
    for tbl in root.iter(W + 'tbl'):
        rows = []
        for tr in tbl.iter(W + 'tr'):
            rows.append([''.join(t.text or '' for t in tc.iter(W + 't')) for tc in tr.iter(W + 'tc')])
        tables.append(rows)
    return paras, tables


def read_pdf(path):
    out = subprocess.run(['pdftotext', '-enc', 'UTF-8', path, '-'], check=True,
                         stdout=subprocess.PIPE).stdout.decode('utf-8')
    return out


LATIN = r'[0-9A-Za-z%.+\-/]'


CJKP = r'[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]'


def despace(text):
    text = re.sub(r'(?<=%s)[ \t]+(?=%s)' % (CJKP, LATIN), '', text)
    text = re.sub(r'(?<=%s)[ \t]+(?=%s)' % (LATIN, CJKP), '', text)
    return text


def col_index(ref):
    letters = re.match(r'[A-Z]+', ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_xlsx(path):
    """[(sheet name, [[(kind, value), ...] rows])] with kind 'n' (number) or 's' (string)."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        shared = []
        if 'xl/sharedStrings.xml' in names:
            for si in ET.fromstring(z.read('xl/sharedStrings.xml')).iter(S + 'si'):
                shared.append(''.join(t.text or '' for t in si.iter(S + 't')))
        wb = ET.fromstring(z.read('xl/workbook.xml'))
        rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
        target = {r.get('Id'): r.get('Target') for r in rels}
        sheets = []
        for sh in wb.iter(S + 'sheet'):
            t = target[sh.get(R + 'id')]
            t = t.lstrip('/')
            if not t.startswith('xl/'):
                t = 'xl/' + t
            root = ET.fromstring(z.read(t))
            rows = []
            for row in root.iter(S + 'row'):
                cells = []
                for c in row.iter(S + 'c'):
                    idx = col_index(c.get('r'))
                    while len(cells) < idx:
                        cells.append(('s', ''))
                    typ = c.get('t')
                    v = c.find(S + 'v')
                    if typ == 's':
                        cells.append(('s', shared[int(v.text)]))
                    elif typ == 'inlineStr':
                        cells.append(('s', ''.join(x.text or '' for x in c.iter(S + 't'))))
                    elif typ == 'str':
                        cells.append(('s', v.text or ''))
                    elif v is not None:
                        num = float(v.text)
                        cells.append(('n', str(int(num)) if num == int(num) else repr(num)))
                    else:
                        cells.append(('s', ''))
                rows.append(cells)
            sheets.append((sh.get('name'), rows))
    return sheets


A = '{http://schemas.openxmlformats.org/drawingml/2006/main}'


P = '{http://schemas.openxmlformats.org/presentationml/2006/main}'


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


def unwrap(lines, wrap):
    """Undo hard wraps: a line filled to the wrap width continues on the next line."""
    out, cur = [], ''
    for ln in lines:
        cur += ln
        if width(ln) >= wrap - 1:
            continue
        out.append(cur)
        cur = ''
    if cur:
        out.append(cur)
    return '\n'.join(out)


DIG = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
       '六': 6, '七': 7, '八': 8, '九': 9}


UNIT = {'十': 10, '百': 100, '千': 1000}


def cn_int(s):
    """Chinese integer with spoken abbreviation: 三千五 = 3500, 两百 = 200, 十二 = 12."""
    if not s:
        return None
    total, section, num, last_unit = 0, 0, None, None
    for ch in s:
        if ch in DIG:
            num = DIG[ch]
        elif ch in UNIT:
            u = UNIT[ch]
            section += (num if num is not None else 1) * u
            num, last_unit = None, u
        elif ch == '万':
            section += num or 0
            total += section * 10000
            section, num, last_unit = 0, None, 10000
        else:
            return None
    if num is not None:
        # a digit right after 百/千/万 is the next lower place: 三千五 = 3500, 两万五 = 25000
        if last_unit and last_unit >= 100 and len(s) >= 2 and s[-2] in '百千万':
            section += num * (last_unit // 10)
        else:
            section += num
    return total + section


def spoken_numbers(s):
    """Numbers written in a string, as decimal strings."""
    nums = []
    body = re.sub(r'[百千万]分之', ' ', s)
    for m in re.finditer(r'([零〇一二两三四五六七八九十百千万]+)块([一二三四五六七八九])(?:毛)?', body):
        a = cn_int(m.group(1))
        if a is not None:
            nums.append('%d.%d' % (a, DIG[m.group(2)]))
    body = re.sub(r'([零〇一二两三四五六七八九十百千万]+)块([一二三四五六七八九])(?:毛)?', ' ', body)
    for m in re.finditer(r'([零〇一二两三四五六七八九十百千万]+)点([零〇一二三四五六七八九]+)', body):
        a = cn_int(m.group(1))
        if a is not None:
            nums.append('%d.%s' % (a, ''.join(str(DIG[c]) for c in m.group(2))))
    body = re.sub(r'([零〇一二两三四五六七八九十百千万]+)点([零〇一二三四五六七八九]+)', ' ', body)
    for m in re.finditer(r'[零〇一二两三四五六七八九十百千万]+', body):
        v = cn_int(m.group(0))
        if v is not None:
            nums.append(str(v))
    for m in re.finditer(r'\d+(?:\.\d+)?', body):
        nums.append(m.group(0))
    return nums


def number_in(num, text):
    if '.' in num:
        a, b = num.split('.')
        pat = r'(?<![\d.])%s\.%s0*(?!\d)' % (a, b)
    else:
        pat = r'(?<![\d.])%s(?![\d])' % num
    return re.search(pat, text) is not None

# ---------------------------------------------------------------- documents, read and checked alike


def pdf_text(path):
    """A PDF's text as pdftotext gives it, and its readings: raw, its lines
    joined, and joined without the spaces pdftotext puts between Chinese and
    Latin (2 元). A file that is no PDF fails."""
    with open(path, 'rb') as f:
        if f.read(5) != b'%PDF-':
            fail('PDF: not a PDF file')
    raw = read_pdf(path)
    joined = raw.replace('\n', '')
    return raw, joined, [raw, joined, despace(joined)]


def workbook_text(path, unit_re, header_units=1, min_numeric=1, text_sheets=()):
    """A workbook's sheets and its text (each sheet's name, then its rows,
    tab-separated). Each sheet's header row is text with at least
    header_units units in brackets (价格（元）); no cell is a number with its
    unit (unit_re); a sheet not in text_sheets has min_numeric numeric
    cells or more."""
    sheets = read_xlsx(path)
    lines = []
    for name, rows in sheets:
        lines.append(name)
        if not rows:
            fail('XLSX %s: empty' % name)
            continue
        header = rows[0]
        if any(k != 's' or not v for k, v in header):
            fail('XLSX %s: header row is not all text' % name)
        units = sum(1 for _, v in header if re.search(r'（[^）]+）$', v))
        if units < header_units:
            fail('XLSX %s: %d units in the headers (want %d or more)' % (name, units, header_units))
        numeric = 0
        for r in rows[1:]:
            for k, v in r:
                if k == 's' and unit_re.match(v):
                    fail('XLSX %s: unit inside a cell: %r' % (name, v))
            numeric += sum(1 for k, _ in r if k == 'n')
        if numeric < min_numeric and name not in text_sheets:
            fail('XLSX %s: %d numeric cells (want %d or more)' % (name, numeric, min_numeric))
        for r in rows:
            lines.append('\t'.join(v for _, v in r))
    return sheets, '\n'.join(lines)


def wrapped_manual(path, wrap, min_full=30):
    """A hard-wrapped manual: its text, its lines and its text unwrapped.
    No line is wider than wrap columns, and min_full lines or more are
    filled to it."""
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    lines = raw.rstrip('\n').split('\n')
    too_wide = [ln for ln in lines if width(ln) > wrap]
    if too_wide:
        fail('TXT: %d lines wider than %d columns' % (len(too_wide), wrap))
    full = [ln for ln in lines if width(ln) >= wrap - 1]
    if len(full) < min_full:
        fail('TXT: only %d lines filled to the wrap width; not hard-wrapped?' % len(full))
    return raw, lines, unwrap(lines, wrap)


def check_sizes(texts, low=2500, high=3000):
    """Each document holds low to high CJK characters, all in GB2312."""
    for name, t in texts.items():
        n = cjk_count(t)
        if not low <= n <= high:
            fail('%s: %d CJK characters (want %d-%d)' % (name, n, low, high))
        bad = non_gb2312(t)
        if bad:
            fail('%s: characters outside GB2312 (traditional?): %s' % (name, ''.join(sorted(set(bad)))))


def check_handbook_rules(kind, text):
    """A handbook's rules as every set writes them: ten or more （1） items,
    6-8 问/答 pairs, an exception in a list lead-in and the words 不得, 严禁,
    不予, 除外. kind names the format in the failures (DOCX, MD)."""
    if len(re.findall(r'^（\d+）', text, re.M)) < 10:
        fail('%s: too few （1）（2） items' % kind)
    q = len(re.findall(r'^问：', text, re.M))
    a = len(re.findall(r'^答：', text, re.M))
    if not (6 <= q <= 8 and q == a):
        fail('%s: FAQ has %d 问 and %d 答 (want 6-8 pairs)' % (kind, q, a))
    if not re.search(r'按下列标准处理，但.+的除外：', text):
        fail('%s: no exception in a list lead-in line' % kind)
    for kw in ('不得', '严禁', '不予', '除外'):
        if kw not in text:
            fail('%s: missing %s' % (kind, kw))


def check_manual_sections(raw, text, code_re, codes):
    """A manual's sections are numbered 一、 and 2.1, and six or more lines
    of its unwrapped text start with an error code (code_re, named codes
    in the failure)."""
    if not re.search(r'^一、', raw, re.M) or not re.search(r'^2\.1 ', raw, re.M):
        fail('TXT: no 一、 / 2.1 section numbering')
    if len(re.findall(code_re, text, re.M)) < 6:
        fail('TXT: too few %s' % codes)


def load_manual(path, name, wrap, code_re, texts, variants):
    """The hard-wrapped TXT manual: at least two wraps inside numbers, its
    numbered sections and codes (code_re); its text unwrapped in texts[name],
    raw and unwrapped in variants[name]."""
    raw, tl, un = wrapped_manual(path, wrap)
    inside_num = sum(1 for a, b in zip(tl, tl[1:]) if width(a) >= wrap - 1 and a[-1:].isdigit() and b[:1].isdigit())
    if inside_num < 2:
        fail('TXT: want at least two wraps inside numbers (found %d)' % inside_num)
    texts[name] = un
    variants[name] = [raw, un]
    check_manual_sections(raw, un, code_re, 'E-codes')


def load_deck_set(docs, md, pdf, xlsx, pptx, txt, wrap, pdf_keywords, unit_re):
    """Reads and checks the documents of a set made of a Markdown handbook
    (md), a PDF of rules made by LibreOffice (pdf, which must say each of
    pdf_keywords), a three-sheet workbook (xlsx, no cell a number with its
    unit, unit_re), a training deck with speaker notes (pptx) and a manual
    hard-wrapped at wrap columns (txt), all in the folder docs
    (colloquial20 onwards). Returns the texts, the variants and the deck's
    slide and notes texts for check_questions."""
    texts = {}
    variants = {}
    extra = {}

    # Markdown handbook
    with open(os.path.join(docs, md), encoding='utf-8') as f:
        raw = f.read()
    plain = md_plain(raw)
    texts[md] = plain
    variants[md] = [raw, plain]
    if not re.search(r'^# ', raw, re.M) or len(re.findall(r'^## 第[一二三四五六七八九十]+章', raw, re.M)) < 5:
        fail('MD: want a # title and at least five ## 第X章 headings')
    arts = re.findall(r'^\*\*第(\d+)条\*\*', raw, re.M)
    if len(arts) < 20 or [int(a) for a in arts] != list(range(1, len(arts) + 1)):
        fail('MD: %d **第N条** articles, or not numbered 1..N in order' % len(arts))
    check_handbook_rules('MD', raw)
    table = [ln for ln in raw.split('\n') if ln.startswith('|')]
    if len(table) < 7 or '岗位' not in table[0] or not re.match(r'^\|[-| ]+\|$', table[1]):
        fail('MD: expected one pipe table with a 岗位 header and a separator line')
    else:
        ncols = table[0].count('|')
        if any(ln.count('|') != ncols for ln in table):
            fail('MD: pipe table rows have different column counts')
        if not all(re.search(r'（[^）]+）', c) for c in table[0].strip('|').split('|')[1:]):
            fail('MD: pipe table headers lack units')

    # PDF rules
    path = os.path.join(docs, pdf)
    raw, joined, variants[pdf] = pdf_text(path)
    texts[pdf] = raw
    if 'LibreOffice' not in pdf_producer(path):
        fail('PDF: not produced by LibreOffice')
    for kw in pdf_keywords:
        if kw not in joined:
            fail('PDF: missing %s' % kw)
    if not re.search(r'^第[一二三四五六七八九十]+条', raw, re.M) or '第三十条' not in joined:
        fail('PDF: want 第X条 articles (30 or more)')
    if not re.search(r'\d 元', raw):
        fail('PDF: no CJK/Latin gap in the extracted text (e.g. "2 元")')

    # XLSX workbook
    sheets, t = workbook_text(os.path.join(docs, xlsx), unit_re, header_units=3, min_numeric=10)
    if len(sheets) != 3:
        fail('XLSX: %d sheets (want 3)' % len(sheets))
    texts[xlsx] = t
    variants[xlsx] = [t]

    # PPTX training deck
    slides, app = read_pptx(os.path.join(docs, pptx))
    if 'LibreOffice' not in app and 'Impress' not in app:
        fail('PPTX: not produced by LibreOffice Impress')
    if len(slides) < 12:
        fail('PPTX: only %d slides' % len(slides))
    if any(not notes for _, notes in slides):
        fail('PPTX: some slides have no speaker notes')
    body = '\n'.join(p for b, _ in slides for p in b)
    notes = '\n'.join(p for _, n in slides for p in n)
    t = body + '\n' + notes
    texts[pptx] = t
    variants[pptx] = [t]
    extra['pptx_body'] = body
    extra['pptx_notes'] = notes
    if cjk_count(notes) < cjk_count(body) * 2:
        fail('PPTX: notes should carry most of the text')

    load_manual(os.path.join(docs, txt), txt, wrap, r'^E\d{3} ', texts, variants)

    # sizes and script
    check_sizes(texts)
    return texts, variants, extra



def check_questions(questions, texts, variants, refuse_terms, txt, notes_only=frozenset(), extra=None):
    """Checks questions.tsv against the documents and exits: texts are the
    documents' texts by file name, variants each document's readings (a
    wrapped manual joined and not), refuse_terms the words no document may
    say for each unanswerable question, txt the manual the manual answers
    come from; notes_only the questions answered only in a deck's speaker
    notes (extra's pptx_notes, not its pptx_body)."""
    number_text = '\n'.join(v for vs in variants.values() for v in vs)

    def verbatim(a, names=None):
        names = names or list(variants)
        return any(a in v for n in names for v in variants[n])

    with open(questions, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    if rows[0] != ['question', 'answers', 'category']:
        fail('questions.tsv: bad header %r' % rows[0])
    rows = rows[1:]
    if len(rows) != 60:
        fail('questions.tsv: %d rows (want 60)' % len(rows))
    counts = collections.Counter()
    trad = collections.Counter()
    seen = set()
    source = collections.Counter()
    notes_seen = set()
    for i, r in enumerate(rows, 2):
        if len(r) != 3:
            fail('line %d: %d fields' % (i, len(r)))
            continue
        q, ans, cat = r
        if q in seen:
            fail('line %d: duplicate question' % i)
        seen.add(q)
        if cat not in CATEGORIES:
            fail('line %d: unknown category %r' % (i, cat))
            continue
        counts[cat] += 1
        if non_gb2312(q):
            trad[cat] += 1
            simp = [ch for ch in q if is_cjk(ch) and not in_big5(ch)]
            if simp:
                fail('line %d: traditional question mixes in simplified forms: %s' % (i, ''.join(simp)))
        answers = ans.split('|')
        if any(not a.strip() or a != a.strip() for a in answers):
            fail('line %d: empty or padded answer' % i)
        for a in answers:
            if non_gb2312(a):
                fail('line %d: traditional characters in answer %r' % (i, a))
        if cat == 'refuse':
            if ans != 'REFUSE':
                fail('line %d: refuse answer is %r' % (i, ans))
            terms = refuse_terms.get(q)
            if not terms:
                fail('line %d: no key terms listed for refusal %r' % (i, q))
                continue
            for term in terms:
                for name, vs in variants.items():
                    if any(term in v for v in vs):
                        fail('line %d: refusal term %r occurs in %s' % (i, term, name))
            continue
        if 'REFUSE' in answers:
            fail('line %d: REFUSE in an answerable question' % i)
        if not any(verbatim(a) for a in answers):
            fail('line %d: no accepted answer verbatim in the documents: %r' % (i, q))
        for n in variants:
            if any(verbatim(a, [n]) for a in answers if a not in NEGATIONS):
                source[n] += 1
        for a in answers:
            if verbatim(a):
                continue
            if cat == 'yesno' and a in NEGATIONS:
                continue
            nums = spoken_numbers(a)
            if not nums:
                fail('line %d: %r is neither in the documents nor a number form' % (i, a))
                continue
            for n in nums:
                if not number_in(n, number_text):
                    fail('line %d: %r -> %s does not occur in the documents' % (i, a, n))
        if cat == 'yesno':
            for a in answers:
                if a in BARE_POSITIVE:
                    fail('line %d: bare positive answer %r' % (i, a))
        if cat == 'manual':
            if not any(verbatim(a, [txt]) for a in answers):
                fail('line %d: manual answer not in the .txt' % i)
            others = [n for n in variants if n != txt]
            for a in answers:
                if verbatim(a, others):
                    fail('line %d: manual answer %r also occurs outside the .txt' % (i, a))
        if q in notes_only:
            notes_seen.add(q)
            keys = [a for a in answers if a not in NEGATIONS]
            if not any(a in extra['pptx_notes'] for a in keys):
                fail('line %d: answer not in the deck notes' % i)
            for a in keys:
                if a in extra['pptx_body']:
                    fail('line %d: notes answer %r also on a slide' % (i, a))
    for q in notes_only - notes_seen:
        fail('notes_only question not in questions.tsv: %r' % q)
    for q in refuse_terms:
        if q not in seen:
            fail('refuse_terms question not in questions.tsv: %r' % q)
    for cat, n in CATEGORIES.items():
        if counts[cat] != n:
            fail('category %s: %d questions (want %d)' % (cat, counts[cat], n))
        if trad[cat] != TRAD_PER_CATEGORY[cat]:
            fail('category %s: %d traditional questions (want %d)' % (cat, trad[cat], TRAD_PER_CATEGORY[cat]))
    if sum(trad.values()) != TRAD_TOTAL:
        fail('%d traditional questions (want %d)' % (sum(trad.values()), TRAD_TOTAL))

    for name, t in texts.items():
        print('%-24s %5d CJK characters, answers %2d questions' % (name, cjk_count(t), source[name]))
    print('questions: %d, %s; traditional %d; notes-only %d' % (
        sum(counts.values()), ', '.join('%s %d' % (c, counts[c]) for c in CATEGORIES),
        sum(trad.values()), len(notes_seen)))
    if failures:
        for m in failures:
            print('FAIL:', m)
        sys.exit(1)
    print('ALL CHECKS PASSED')


def check_anchors(questions, anchors, variants):
    """Each answerable question's accepted answers lie in the passage that
    answers it: anchors maps a question to (document, pattern of its
    passage); variants maps a document to its texts as read. A bare number
    must stand alone (25 is not in 250); a spoken form (六十块, 一百五) must
    say the same figures as an answer in the passage."""
    def norm(text):
        return despace(re.sub(r'\s+', ' ', text))
    with open(questions, encoding='utf-8', newline='') as f:
        rows = [ln.split('\t') for ln in f.read().split('\n')[1:] if ln]
    seen = set()
    for i, r in enumerate(rows, 2):
        if len(r) != 3 or r[2] == 'refuse':
            continue
        q, ans, _ = r
        seen.add(q)
        if q not in anchors:
            fail('line %d: no passage listed for %r' % (i, q))
            continue
        doc, pat = anchors[q]
        m = None
        for v in variants[doc]:
            m = re.search(pat, norm(v))
            if m:
                break
        if not m:
            fail('line %d: passage %r not found in %s' % (i, pat, doc))
            continue
        passage = m.group(0)
        answers = [a for a in ans.split('|') if a not in NEGATIONS]
        inside = [a for a in answers if norm(a) in passage
                  and (not re.fullmatch(r'[\d.]+', a) or number_in(a, passage))]
        if not inside:
            fail('line %d: no accepted answer in the passage: %s' % (i, passage))
            continue
        figures = [sorted(spoken_numbers(a)) for a in inside]
        for a in answers:
            if a in inside:
                continue
            nums = sorted(spoken_numbers(a))
            if not nums or nums not in figures or not all(number_in(n, passage) for n in nums):
                fail('line %d: answer %r is not what the passage says: %s' % (i, a, passage))
    for q in anchors:
        if q not in seen:
            fail('ANCHORS question not in questions.tsv: %r' % q)


class _Text(HTMLParser):
    """An HTML page's body as text: block elements on lines of their own,
    table cells separated by tabs; <head>, <style> and <script> skipped."""
    BLOCK = {'p', 'div', 'br', 'tr', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3',
             'table', 'caption', 'footer'}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('head', 'style', 'script'):
            self.skip += 1
        if tag in ('td', 'th'):
            self.parts.append('\t')
        if tag in self.BLOCK:
            self.parts.append('\n')

    def handle_endtag(self, tag):
        if tag in ('head', 'style', 'script'):
            self.skip -= 1
        if tag in self.BLOCK:
            self.parts.append('\n')

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(re.sub(r'\s+', ' ', data))


def html_text(raw):
    """A hand-written HTML page's text as _Text reads it, one block a line."""
    p = _Text()
    p.feed(raw)
    lines = [ln.strip(' ') for ln in ''.join(p.parts).split('\n')]
    lines = [re.sub(r'^\t', '', ln).strip() for ln in lines]
    return '\n'.join(ln for ln in lines if ln)


# --------------------------------------------------- five-document sets

def load_five_documents(docs, html, docx, pdf, xlsx, txt, wrap, *, docx_keywords, docx_table,
                        pdf_keywords, pdf_gap, xlsx_unit, sheet_names, code_re, pdf_table=None,
                        header_units=1):
    """Reads and checks the five documents of a set laid out as colloquial23
    onwards: a hand-written HTML handbook, a DOCX and a PDF that LibreOffice
    Writer made from HTML, an XLSX workbook and a hard-wrapped text manual.
    Only what differs between the sets is passed: docx_table is the DOCX
    table's first header and what the table lists; pdf_gap the units a
    figure is spaced from in pdftotext's text (an alternation) and an
    example; pdf_table, for a PDF with a table, two of its words and what
    it is; sheet_names the workbook's sheets and header_units how many of
    their headers give a unit; code_re the manual's error codes. Returns
    the texts and their variants by file name (colloquial23 onwards)."""
    texts = {}
    variants = {}

    # HTML handbook (written by hand)
    with open(os.path.join(docs, html), encoding='utf-8') as f:
        raw = f.read()
    t = html_text(raw)
    texts[html] = t
    variants[html] = [t]
    if not raw.lstrip().lower().startswith('<!doctype html') or '<meta charset="utf-8">' not in raw:
        fail('HTML: not a UTF-8 HTML page')
    if len(re.findall(r'<h1>', raw)) != 1 or len(re.findall(r'<h2>第[一二三四五六七八九十]+章', raw)) < 5:
        fail('HTML: want one <h1> and at least five <h2>第X章 headings')
    starts = [int(s) for s in re.findall(r'<ol class="articles" start="(\d+)">', raw)]
    counts = [len(re.findall(r'^<li>(?!（)', block, re.M))
              for block in re.findall(r'<ol class="articles"[^>]*>(.*?)\n</ol>', raw, re.S)]
    if len(starts) < 5 or len(counts) != len(starts):
        fail('HTML: want at least five <ol class="articles"> lists')
    else:
        nxt = 1
        for s, n in zip(starts, counts):
            if s != nxt:
                fail('HTML: article list starts at %d, want %d' % (s, nxt))
            nxt = s + n
        if nxt - 1 < 20:
            fail('HTML: only %d articles' % (nxt - 1))
    check_handbook_rules('HTML', t)
    tables = re.findall(r'<table>(.*?)</table>', raw, re.S)
    if len(tables) != 1:
        fail('HTML: want exactly one <table>')
    else:
        heads = re.findall(r'<th>(.*?)</th>', tables[0])
        rows = re.findall(r'<tr>(.*?)</tr>', tables[0], re.S)
        if not heads or heads[0] != '岗位' or len(rows) < 6:
            fail('HTML: the table wants a 岗位 header and five or more rows')
        elif not all(re.search(r'（[^）]+）$', h) for h in heads[1:]):
            fail('HTML: table headers lack units')
        if any(len(re.findall(r'<t[dh]>', r)) != len(heads) for r in rows):
            fail('HTML: table rows have different cell counts')
    if len(re.findall(r'<dt>问：', raw)) != len(re.findall(r'<dd>答：', raw)):
        fail('HTML: FAQ <dt>问 and <dd>答 do not pair up')

    # DOCX rules (Writer from HTML)
    path = os.path.join(docs, docx)
    paras, tables = read_docx(path)
    t = '\n'.join(paras)
    texts[docx] = t
    variants[docx] = [t, despace(t)]
    with zipfile.ZipFile(path) as z:
        app = z.read('docProps/app.xml').decode('utf-8', 'replace') if 'docProps/app.xml' in z.namelist() else ''
    if 'LibreOffice' not in app:
        fail('DOCX: not written by LibreOffice Writer')
    if len(re.findall(r'^第[一二三四五六七八九十]+章', t, re.M)) < 6:
        fail('DOCX: want six or more 第X章 headings')
    if not re.search(r'^第三十条 ', t, re.M):
        fail('DOCX: want 第X条 articles (30 or more)')
    if len(re.findall(r'^（[一二三四五]）', t, re.M)) < 4:
        fail('DOCX: too few （一）（二） items')
    for kw in docx_keywords:
        if kw not in t:
            fail('DOCX: missing %s' % kw)
    if len(tables) != 1 or tables[0][0][0] != docx_table[0] or len(tables[0]) < 5:
        fail('DOCX: expected one table of %s with a %s header' % (docx_table[1], docx_table[0]))

    # PDF rules (Writer from HTML)
    path = os.path.join(docs, pdf)
    raw, joined, variants[pdf] = pdf_text(path)
    texts[pdf] = raw
    if 'LibreOffice' not in pdf_producer(path):
        fail('PDF: not produced by LibreOffice')
    for kw in pdf_keywords:
        if kw not in despace(joined):
            fail('PDF: missing %s' % kw)
    if not re.search(r'^第[一二三四五六七八九十]+条', raw, re.M) or '第三十条' not in joined:
        fail('PDF: want 第X条 articles (30 or more)')
    if not re.search(r'\d (%s)' % pdf_gap[0], raw):
        fail('PDF: no CJK/Latin gap in the extracted text (e.g. "%s")' % pdf_gap[1])
    if pdf_table and (pdf_table[0] not in raw or pdf_table[1] not in raw):
        fail('PDF: no %s (%s, %s)' % (pdf_table[2], pdf_table[0], pdf_table[1]))

    # XLSX workbook
    sheets, t = workbook_text(os.path.join(docs, xlsx), xlsx_unit, header_units=header_units, min_numeric=10)
    if [name for name, _ in sheets] != sheet_names:
        fail('XLSX: sheets are %r' % [name for name, _ in sheets])
    texts[xlsx] = t
    variants[xlsx] = [t]

    load_manual(os.path.join(docs, txt), txt, wrap, code_re, texts, variants)

    # sizes and script
    check_sizes(texts)
    return texts, variants
