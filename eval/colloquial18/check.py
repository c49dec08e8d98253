#!/usr/bin/env python3
"""Consistency checks for eval/colloquial18.

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
PDF = '供水营业规则.pdf'
XLSX = '服务收费与网点一览.xlsx'
TXT = '客服工单系统操作手册.txt'
WRAP = 76


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '今年公司组织旅游吗 去哪': ['旅游', '团建', '疗休养'],
    '公司给交补充公积金吗': ['公积金'],
    '用户想用数字人民币交水费 行不行': ['数字人民币'],
    '小区二次供水的水箱多久洗一次': ['水箱', '二次供水'],
    '公司卖不卖桶装水': ['桶装水', '纯净水'],
    '装个净水器多少钱': ['净水器'],
    '员工孩子考上大学 公司给奖学金吗': ['奖学金', '大学', '子女'],
    '公司有員工宿舍嗎': ['宿舍'],
    '離職以後勞保要怎麼轉': ['劳保', '勞保', '社保', '社会保险'],
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

    # PDF rulebook
    raw, joined, variants[PDF] = pdf_text(os.path.join(DOCS, PDF))
    texts[PDF] = raw
    for kw in ('第一阶梯', '第二阶梯', '第三阶梯', '违约金', '退费', '恢复供水', '抄表'):
        if kw not in joined:
            fail('PDF: missing %s' % kw)
    if not re.search(r'第[一二三四五六七八九十]+条', raw):
        fail('PDF: no 第X条 articles')

    # XLSX workbook
    sheets, t = workbook_text(os.path.join(DOCS, XLSX), re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|米|立方米)\s*$'), text_sheets=('营业厅',))
    if not 2 <= len(sheets) <= 3:
        fail('XLSX: %d sheets (want 2-3)' % len(sheets))
    texts[XLSX] = t
    variants[XLSX] = [t]

    # TXT manual
    raw, tl, un = wrapped_manual(os.path.join(DOCS, TXT), WRAP)
    texts[TXT] = un
    variants[TXT] = [raw, un]
    check_manual_sections(raw, un, r'^E\d{3}', 'E-codes')

    # sizes and script
    check_sizes(texts)
    return texts, variants


if __name__ == '__main__':
    texts, variants = load_documents()
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
