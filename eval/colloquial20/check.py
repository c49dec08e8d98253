#!/usr/bin/env python3
"""Consistency checks for colloquial20 (city bus company documents).

Standard library only, plus the `pdftotext` and `pdfinfo` programs from poppler-utils.
Prints ALL CHECKS PASSED when every check holds, otherwise lists the failures
and exits with status 1.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from colloquialcheck import (  # noqa: E402 (the checks the colloquial sets share)
    check_questions, load_deck_set)

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
QUESTIONS = os.path.join(HERE, 'questions.tsv')

MD = '员工手册.md'
PDF = '票务规则.pdf'
XLSX = '线路与车场一览.xlsx'
PPTX = '新驾驶员岗前培训.pptx'
TXT = '智能调度系统操作手册.txt'
WRAP = 76

# What the PDF must say, and what no workbook cell may be (a number with its unit).
PDF_KEYWORDS = ('分段计价', '换乘', '半价', '导盲犬', '补票', '失物招领', '工本费', '招手停')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|米|公里|个|辆|条|亩|人)\s*$')


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


if __name__ == '__main__':
    texts, variants, extra = load_deck_set(DOCS, MD, PDF, XLSX, PPTX, TXT, WRAP, PDF_KEYWORDS, XLSX_UNIT)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT, NOTES_ONLY, extra)
