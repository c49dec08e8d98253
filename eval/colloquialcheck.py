"""Checks the colloquial evaluation sets share (eval/colloquial18 onwards):
reading their documents as their check.py does (DOCX, XLSX, PDF through
poppler's pdftotext, hard-wrapped text), numbers said in Chinese, and the
checks of questions.tsv against the documents. Each set's check.py holds
what is its own (its files, its refusal terms, how its documents are read)
and calls check_questions.

Standard library only, plus the `pdftotext` program from poppler-utils.
"""
import collections
import csv
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

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
