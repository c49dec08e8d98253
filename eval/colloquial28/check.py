#!/usr/bin/env python3
"""Consistency checks for colloquial28 (a university library's staff documents).

Standard library only, plus the `pdftotext` and `pdfinfo` programs from poppler-utils.
Prints ALL CHECKS PASSED when every check holds, otherwise lists the failures
and exits with status 1.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import colloquialcheck  # noqa: E402 (the checks the colloquial sets share)
from colloquialcheck import check_anchors, check_questions, fail  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
QUESTIONS = os.path.join(HERE, 'questions.tsv')

HTML = '员工手册.html'
DOCX = '读者服务管理规定.docx'
PDF = '古籍特藏与文献保护管理办法.pdf'
XLSX = '馆舍与文印服务一览.xlsx'
TXT = '书澄LIB馆员工作站与自助设备操作手册.txt'
WRAP = 76

# What the DOCX and the PDF must say, and what no workbook cell may be (a number with its unit).
DOCX_KEYWORDS = ('临时阅览证', '逾期费', '续借', '研讨间', '暂离', '占座', '三分之一', '除外', '严禁', '不予')
PDF_KEYWORDS = ('善本', '古籍特藏部', '数字化影像', '相对湿度', '调阅', '双人双锁', '严禁', '除外', '16℃至22℃')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|张|页|本|份|版|个|人|小时|分钟|天|册|英寸|平方米|次|折)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '图书馆能帮忙查论文重复率不': ['查重', '重复率', '检测', '知网', '相似度'],
    '馆里有共享充电宝借不': ['充电宝', '充电'],
    '暑假值班有高温补贴没': ['高温', '防暑', '降温'],
    '书能寄到我老家不 我在外地实习': ['邮寄', '快递', '寄送', '馆际', '文献传递'],
    '毕业季能在馆里拍毕业照不': ['毕业照', '婚纱', '写真'],
    '图书馆招志愿者不': ['志愿者', '义工', '志愿服务'],
    '我有一箱旧书想捐给图书馆 收不收': ['捐赠', '捐书', '赠书', '捐'],
    '圖書館有借雨傘嗎': ['雨伞', '雨傘', '伞'],
    '館員可以申請員工宿舍嗎': ['宿舍', '住宿', '公寓'],
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (九十块, 一百五) of the figures
# of an accepted answer that is written in it. An answer taken from the
# wrong band, row or rule fails here even though it occurs elsewhere in the
# documents.
ANCHORS = {
    # number
    '我排的晚班 最晚几点得到岗': (HTML, r'晚班人员应当在14:20前到岗'),
    '我当学生助理 一个礼拜最多能干几个钟头': (HTML, r'学生助理每周工作不超过16小时'),
    '館員一年要上幾個學時的培訓': (HTML, r'馆员每年参加业务培训不少于40学时'),
    '约了研讨间 去晚了多久就给取消了': (DOCX, r'超过15分钟未签到的，预约自动取消，记违约一次'),
    '下午出去办点事 座位最多能给我留多久': (DOCX, r'暂离时间最长45分钟'),
    '我预约的书到了 得几天之内去拿': (DOCX, r'图书在预约书架上保留5天，逾期未取的取消预约'),
    '古籍书库的温度要控制在多少度': (PDF, r'古籍书库的温度控制在16℃至22℃'),
    '想看善本 得提前几天约': (PDF, r'阅览善本的，须提前2个工作日'),
    # condition
    '我有本书超了俩月还没还 会咋样': (DOCX, r'逾期超过30天、不超过90天的，除缴纳逾期费外，暂停借阅权限30天'),
    '这个月约了研讨间没去 已经放了三回鸽子了': (DOCX, r'一个月内累计违约3次以上的，暂停研讨间预约权限15天'),
    '我要印六百多张讲义 能便宜点不': (DOCX, r'单次满300张、不满1000张的，按价格表打九折'),
    '我在馆里干了六年了 工龄津贴一个月多少': (HTML, r'满5年、不满10年的，每月150元'),
    '今天迟到了二十分钟 扣多少钱': (HTML, r'迟到15分钟以上、不满1小时的，扣发当月岗位津贴50元'),
    '捡到个钱包 里面有一千多块现金 交给谁': (HTML, r'现金或者贵重物品价值500元以上的，当班交保卫组登记保管'),
    '書庫濕度到了百分之七十 該怎麼處理':
        (PDF, r'相对湿度超过65%或者温度超过24℃的，立即开启备用除湿机，报告古籍特藏部主任'),
    '我想要五十页善本的电子版 收钱不': (PDF, r'超过20拍、不超过100拍的，每拍收费2元'),
    # yesno
    '同学没带卡 我拿我的工作证帮他借本书 行不': (HTML, r'员工不得用本人的工作证或者借阅证替读者借书'),
    '卖书的业务员给我塞了张购物卡 能收不': (HTML, r'严禁收受书商、设备供应商及其业务员的回扣、礼品和购物卡'),
    '我去吃个饭 拿书包先占着座 行吧': (DOCX, r'读者不得用书包、书本、水杯等物品占座'),
    '看古籍的時候可以用原子筆抄東西嗎': (PDF, r'阅览室只允许带入铅笔、笔记本和电脑，严禁使用钢笔、圆珠笔和荧光笔'),
    '善本能给复印一份不': (PDF, r'善本、手稿与书札一律不提供复印'),
    '外边来的访客能把书借回去看不': (DOCX, r'临时阅览证只限馆内阅览，不能外借图书'),
    '外校的同学想进来看书 让进不': (DOCX, r'校外访客凭本人身份证在一楼总服务台登记，办理当日有效的临时阅览证后入馆'),
    '普通古籍我能拿手机拍几张不': (PDF, r'普通古籍可以使用手机自行拍照'),
    # table
    '保安值一回闭馆班补多少钱': (HTML, r'保安\s*350\s*90\s'),
    '修复师的岗位津贴一个月多少': (HTML, r'古籍修复师\s*650\s'),
    '我是研究生 一次能借几本': (DOCX, r'研究生\s*25册'),
    '民国那会儿的老书一次能调几本出来看': (PDF, r'民国文献\s*当班馆员\s*8册'),
    '三楼自科阅览室一共多少个座位': (XLSX, r'自科阅览室\s*主馆三楼\s*8:00至22:00\s*210\s'),
    'Y506研讨间最多能进几个人': (XLSX, r'Y506\s*主馆五楼\s*12\s'),
    '彩色列印一張A4要多少錢': (XLSX, r'彩色打印\s*A4单面\s*1\.5(?![\d.])'),
    # fact
    '我們圖書館的館長是誰': (HTML, r'本馆馆长为夏承泽'),
    '半夜馆里水管漏水了 该打哪个电话': (HTML, r'本馆设24小时值班电话63825110。夜间、周末或者寒暑假遇到漏水'),
    '古籍部的主任是谁': (PDF, r'古籍特藏部负责特藏文献的保管、阅览、修复和数字化，主任由蒋墨卿担任'),
    '有读者要投诉 让他打哪个号': (DOCX, r'读者对本馆服务有意见或者投诉的.{0,20}拨打总服务台电话63825120'),
    '我要毕业了 离校手续上哪办': (DOCX, r'毕业生和离职教职工应当还清全部图书、缴清全部费用后，在一楼总服务台办理离校手续'),
    '外面博物馆想借咱们的古籍去办展 得谁点头': (PDF, r'校外机构申请借展的，须提交借展协议和安全保障方案，经馆长批准'),
    # faq
    '有个学生说自助打印机扣了钱没出纸 咋办':
        (HTML, r'答：请读者到文印中心柜台登记校园卡号、打印时间和设备编号，文印中心核实后在3个工作日内把费用退回读者的校园卡'),
    '有人打电话说是家长 要查他孩子借过啥书 能告诉他不': (HTML, r'答：不能告诉。请对方持书面查询手续到馆办办理'),
    '閉館時間到了 有學生賴著不走 怎麼辦': (HTML, r'答：再次提醒读者已到闭馆时间.{0,30}请保安到场劝离，不要与读者发生争执'),
    '读者把水洒书上了 页都皱了 咋处理': (HTML, r'答：请读者到总服务台，馆员用吸水纸夹在湿页之间，平放压干，不要用吹风机吹'),
    # multi
    '寒假回家忘了还书 开学第三天才拿回来 也要交逾期费吗':
        (DOCX, r'逾期费按自然日计算，但寒暑假期间到期的图书，在开学后14天内归还的除外'),
    '阅览室不是不让带吃的吗 带瓶水进去行不': (DOCX, r'读者不得携带食品进入阅览室和研讨间，但有盖的饮用水除外'),
    '閉館後學生說鑰匙忘在座位上 保全可以帶他進去拿嗎':
        (HTML, r'闭馆后不得放读者进馆取物，但读者遗落钥匙、校园卡或者随身药品，当场核实后由保安陪同取回的除外'),
    '善本不是只给看电子版吗 我要看原书上的印章 有办法不':
        (PDF, r'善本只提供数字化影像阅览，不提供原件，但数字化影像无法满足研究需要、经古籍特藏部主任批准的除外'),
    # manual
    '工作站密码输错好几回被锁了 得等多久': (TXT, r'在工作站上连续输错密码5次的，账号锁定30分钟'),
    '自助還書機跳出LIB-305是什麼意思': (TXT, r'LIB-305\s*图书标签无法识别：请读者将图书放入人工还书箱'),
    '学生没带校园卡 打印的东西咋取出来': (TXT, r'读者未带校园卡的，在终端上选择“扫码释放”'),
    '文件传到打印系统里 多久不打就没了': (TXT, r'打印任务在服务器保留12小时，超时未打印的自动删除'),
    '有学生校园卡丢了 系统里咋给他挂失': (TXT, r'读者校园卡丢失的，在“读者管理”中查找读者，核对身份后点击“挂失”'),
    '馆里断网了 工作站还能借书不': (TXT, r'离线模式下只能办理还书，不能办理借书、续借和缴费'),
}


# ---------------------------------------------------------------- documents

def check_faq(path):
    """The handbook's FAQ is 问/答 headings and paragraphs (<h3>问：… / <p>答：…),
    not colloquial23's <dl>: 6-8 pairs, each <h3> followed by its <p>."""
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    pairs = re.findall(r'<h3>问：[^<]+</h3>\n<p>答：[^<]+</p>', raw)
    if not 6 <= len(pairs) <= 8 or len(pairs) != len(re.findall(r'<h3>', raw)):
        fail('HTML: FAQ wants 6-8 <h3>问 / <p>答 pairs (found %d)' % len(pairs))
    if '<dl' in raw:
        fail('HTML: FAQ should not be a <dl>')


def load_documents():
    # the handbook (HTML), reader-services rules (DOCX), special-collections rules (PDF), the workbook and the manual
    texts, variants = colloquialcheck.load_five_documents(
        DOCS, HTML, DOCX, PDF, XLSX, TXT, WRAP,
        docx_keywords=DOCX_KEYWORDS, docx_table=('读者类型', 'borrowing limits'),
        pdf_keywords=PDF_KEYWORDS, pdf_gap=('个工作日|年|元|拍|分钟', '2 个工作日'),
        pdf_table=('文献类别', '每次调阅上限', 'special-collections table'),
        xlsx_unit=XLSX_UNIT, sheet_names=['开放区域', '研讨间', '文印价格'], code_re=r'^LIB-\d{3} ',
        header_units=3)
    check_faq(os.path.join(DOCS, HTML))
    return texts, variants


if __name__ == '__main__':
    texts, variants = load_documents()
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
