#!/usr/bin/env python3
"""Consistency checks for colloquial19 (a private hospital group).

Standard library only, plus the `pdftotext` program from poppler-utils.
Prints ALL CHECKS PASSED when every check holds, otherwise lists the failures
and exits with status 1.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from colloquialcheck import (  # noqa: E402 (the checks the colloquial sets share)
    check_handbook_rules, check_manual_sections, check_questions, check_sizes, despace, fail,
    pdf_text, read_docx, workbook_text, wrapped_manual)

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
QUESTIONS = os.path.join(HERE, 'questions.tsv')

DOCX = '员工手册.docx'
PDF = '收费与医保规则.pdf'
XLSX = '科室项目与院区一览.xlsx'
TXT = 'HIS操作手册.txt'
WRAP = 76


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '医院给员工买补充医疗保险吗': ['补充医疗', '补充保险', '商业医疗'],
    '咱们医院能做试管婴儿吗': ['试管', '辅助生殖', '生殖中心'],
    '年终奖一般啥时候发 发几个月': ['年终奖', '年终', '十三薪'],
    '病人问医院停车场停一天多少钱': ['停车'],
    '新来的规培生一个月补贴多少': ['规培', '规范化培训'],
    '咱这能打九价HPV疫苗吗 多少钱': ['HPV', '九价', '疫苗'],
    '病人想用商业保险在窗口直接理赔 能办吗': ['商业保险', '直赔', '理赔'],
    '院內有托兒所嗎 小孩可以帶來上班嗎': ['托儿', '托兒', '幼儿园', '幼兒園'],
    '大夜班下班可以報計程車錢嗎': ['出租车', '打车', '计程车', '計程車'],
}


# ---------------------------------------------------------------- documents


def load_documents():
    texts = {}
    variants = {}

    # DOCX handbook
    paras, tables = read_docx(os.path.join(DOCS, DOCX))
    t = '\n'.join(paras)
    texts[DOCX] = t
    variants[DOCX] = [t, despace(t)]
    # structure
    if not re.search(r'^第[一二三四五六七八九十]+章', t, re.M):
        fail('DOCX: no 第X章 headings')
    arts = re.findall(r'^第(\d+)条', t, re.M)
    if len(arts) < 20:
        fail('DOCX: only %d 第X条 articles' % len(arts))
    check_handbook_rules('DOCX', t)
    if len(tables) != 1 or not tables[0] or '岗位' not in tables[0][0][0] or len(tables[0]) < 5:
        fail('DOCX: expected one allowance table with a 岗位 header')
    for kw in ('病假', '夜班', '体温', '手卫生', '口头医嘱', '有效投诉'):
        if kw not in t:
            fail('DOCX: missing %s' % kw)

    # PDF rulebook
    raw, joined, variants[PDF] = pdf_text(os.path.join(DOCS, PDF))
    texts[PDF] = raw
    for kw in ('起付标准', '支付比例', '住院押金', '欠费出院', '退费', '退号', '诊查费'):
        if kw not in joined:
            fail('PDF: missing %s' % kw)
    if not re.search(r'第[一二三四五六七八九十]+条', raw):
        fail('PDF: no 第X条 articles')

    # XLSX workbook
    sheets, t = workbook_text(os.path.join(DOCS, XLSX), re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|米|次|张|间|个|秒)\s*$'), text_sheets=())
    if not 2 <= len(sheets) <= 3:
        fail('XLSX: %d sheets (want 2-3)' % len(sheets))
    texts[XLSX] = t
    variants[XLSX] = [t]

    # TXT manual
    raw, tl, un = wrapped_manual(os.path.join(DOCS, TXT), WRAP)
    texts[TXT] = un
    variants[TXT] = [raw, un]
    check_manual_sections(raw, un, r'^H\d{3}', 'H-codes')

    # sizes and script
    check_sizes(texts)
    return texts, variants


if __name__ == '__main__':
    texts, variants = load_documents()
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
