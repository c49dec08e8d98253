#!/usr/bin/env python3
"""Consistency checks for colloquial23 (regional retail-pharmacy chain staff documents).

Standard library only, plus the `pdftotext` and `pdfinfo` programs from poppler-utils.
Prints ALL CHECKS PASSED when every check holds, otherwise lists the failures
and exits with status 1.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import colloquialcheck  # noqa: E402 (the checks the colloquial sets share)
from colloquialcheck import check_anchors, check_questions  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
QUESTIONS = os.path.join(HERE, 'questions.tsv')

HTML = '员工手册.html'
DOCX = '门店营业管理规定.docx'
PDF = '药品质量管理制度.pdf'
XLSX = '门店与冷链设备一览.xlsx'
TXT = '门店POS系统操作手册.txt'
WRAP = 76

# What the DOCX and the PDF must say, and what no workbook cell may be (a number with its unit).
DOCX_KEYWORDS = ('医保', '处方药', '含麻黄碱', '退换', '日结', '夜间售药窗口', '购物凭证', '除外', '严禁')
PDF_KEYWORDS = ('处方', '执业药师', '冷藏柜', '近效期', '拆零', '不合格药品', '报损', '严禁', '2℃至8℃')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|升|℃|台|人|平方米|折|个|笔|次)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '店里能卖给猫狗用的兽药不': ['兽药', '兽用', '宠物', '猫', '狗'],
    '顾客想用花呗分期付款 行不': ['花呗', '分期', '信用卡', '白条'],
    '公司给交住房公积金不': ['公积金', '社保', '社会保险', '五险'],
    '网上下单的药能给顾客送货上门吗': ['送货上门', '送药上门', '外卖', '配送到家', '快递'],
    '店里的中药能帮顾客代煎不': ['代煎', '煎药', '煎煮', '熬药'],
    '顾客要开增值税专用发票 咋开': ['发票', '专票', '增值税', '税'],
    '上夜班有没有夜宵补贴': ['夜宵', '夜餐', '餐补', '饭补', '误餐', '伙食'],
    '藥局可以幫客人量血壓嗎': ['量血压', '量血壓', '测血压', '测量血压', '血压测量'],
    '公司有幫員工保團體保險嗎': ['团体保险', '團體保險', '团险', '商业保险', '意外险', '补充医疗'],
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (三十块, 一百二) of the figures
# of an accepted answer that is written in it. An answer taken from the
# wrong band, row or rule fails here even though it occurs elsewhere in the
# documents.
ANCHORS = {
    # number
    '我上夜班 最晚几点要赶到店里': (HTML, r'夜班员工应当在21:45前到店'),
    '我在自己店里买药能打几折': (HTML, r'员工本人在公司门店购买药品，凭工号享受零售价的八八折'),
    '顾客的处方单咱们得留多久': (PDF, r'处方原件或者复印件由门店保存不少于2年'),
    '抽屉里现金多了 到多少得上交店长': (DOCX, r'收银台的现金超过3000元的，收银员应当及时交店长存入门店保险柜'),
    '胰岛素从冰箱里拿出来 最多能在外头放多久': (PDF, r'药品离开冷藏柜的时间不得超过10分钟'),
    '我已经转正了 想辞职得提前几天打招呼': (HTML, r'试用期内应当提前3天、转正后应当提前30天书面通知店长和人力资源部'),
    '晚上几点开始就只能从小窗口卖药了': (DOCX, r'24小时营业的门店，22:00至次日8:00通过夜间售药窗口售药'),
    '藥師一年要上幾個學時的繼續教育': (HTML, r'执业药师每年参加继续教育不少于90学时'),
    # condition
    '这个月销售任务完成了百分之一百零五 能拿多少奖励': (HTML, r'完成率100%以上、不满110%的，奖励300元'),
    '我这个月病了五天 请的病假 工资咋算': (HTML, r'当月病假累计4天至10天的，病假期间按基本工资的80%发放'),
    '今天日结现金短了五十块 咋办': (DOCX, r'差额超过10元、不超过100元的，由收银员写出书面说明，店长签字确认'),
    '藥品冰箱溫度跑到十二度了 裡面的藥怎麼辦':
        (PDF, r'温度高于10℃、不超过15℃，或者低于2℃的，立即将药品转移到备用冷藏柜，柜内药品暂停销售'),
    '有盒药还有俩月就过期了 还能卖不': (PDF, r'距有效期不足3个月、不少于1个月的，集中放到近效期专柜，销售时必须告知顾客有效期'),
    '有个顾客一次要买三千多块钱的药 能再给点优惠不':
        (DOCX, r'一次购买2000元以上、不满5000元的，由店长批准，可以在会员折扣之外再优惠2%'),
    '我在公司干满四年了 工龄津贴一个月多少': (HTML, r'满3年、不满5年的，每月120元'),
    '早上睡过头了 晚到了二十分钟 扣多少': (HTML, r'迟到10分钟以上、不满30分钟的，扣款30元'),
    # yesno
    '顾客想刷医保买两罐蛋白粉 行不': (DOCX, r'严禁用医保结算保健食品、化妆品和日用品'),
    '药师去吃饭了 有人拿着处方来买药 我先给他拿行不': (PDF, r'执业药师不在岗时，门店应当挂出“执业药师不在岗”标牌，暂停销售处方药'),
    '有人要一口气买五盒含麻黄碱的感冒药 卖不卖': (DOCX, r'含麻黄碱类复方制剂.{0,40}每人每次不得超过2个最小包装'),
    '厂家业务员塞给我一个红包 让我多推他家的药 能收不': (HTML, r'严禁收受药品生产企业、供应商及其业务员的回扣、红包和购物卡'),
    '我感冒了 先从货架上拿盒药吃 回头再补钱行不': (HTML, r'员工购药须先到收银台付款，不得先从货架上拿药自用、事后补款'),
    '我能不能把便當放在藥品冰箱裡': (PDF, r'冷藏柜内严禁存放食品、饮料和个人物品'),
    '老太太腿脚不方便 让她儿子拿她的医保卡来买药 能刷不':
        (DOCX, r'参保人年老或者行动不便的，其配偶、父母或者子女可以持参保人的医保卡和代购人本人的身份证代为购药'),
    '顾客就想买几片布洛芬 不要整盒 能拆开卖不': (PDF, r'口服固体制剂可以拆零销售。拆零在门店拆零专区进行'),
    # table
    '收银员上一个夜班补多少钱': (HTML, r'收银员\s*250\s*75\s'),
    '执业药师的岗位津贴一个月多少': (HTML, r'执业药师\s*600\s*90\s'),
    '顾客买的血压计 多少天内还能换': (DOCX, r'家用医疗器械（血压计、血糖仪、雾化器等）\s*购买后15天内'),
    '阴凉区的温度最高不能超过多少度': (PDF, r'阴凉区\s*不高于20℃'),
    '人民醫院店的店長是誰': (XLSX, r'人民医院店\s*ZQ10\s*老城区\s*罗晓岚'),
    '北站店那台冰箱断了电能保温几个小时': (XLSX, r'LC-501\s*北站店\s*医用冷藏柜\s*320\s*5\s*2\s*8\s*6(?!\d)'),
    '金卡会员买东西打几折': (XLSX, r'金卡会员\s*上一自然年消费满3000元\s*3000\s*9\.5\s'),
    # fact
    '我們公司總經理叫什麼名字': (HTML, r'公司总经理为岑佑安'),
    '半夜店里出了急事 打哪个电话': (HTML, r'营运部设24小时值班电话67318110。门店在夜间或者节假日遇到'),
    '公司管药品质量的总负责人是谁': (PDF, r'公司质量负责人由质量管理部经理柏知远担任，对公司药品质量管理工作负总责'),
    '顾客要投诉 我让他打哪个电话': (DOCX, r'可以拨打公司顾客服务热线67318000'),
    '刷医保的钱跟顾客对不上 吵起来了 归哪个部门管': (DOCX, r'医保办（电话67318033）负责医保结算的政策解释、对账和医保结算争议的处理'),
    '过期药要报损 得哪个部门批': (PDF, r'过期药品和下架的近效期药品需要报损的，由门店在系统中提交报损申请，经质量管理部审核批准'),
    # faq
    '顾客拿来的方子上医生没签字 咋弄': (HTML, r'答：不能调配。请顾客回开方医院请医生补签，或者由执业药师电话联系开方医生确认后再调配'),
    '店里停电了 冰箱里的胰岛素咋整': (HTML, r'答：先保持冷藏柜门关闭.{0,80}把药品装入带冰排的冷藏箱，转到就近门店存放'),
    '有个老爷子在店里突然晕倒了 咋办': (HTML, r'答：立即拨打120，让顾客平躺.{0,50}不要自行给顾客喂药'),
    '客人拿假鈔來付錢 我該怎麼處理': (HTML, r'答：礼貌地告诉顾客这张钞票无法收取，请顾客更换'),
    # multi
    '路上出车祸封路了 我晚到了四十分钟 也得扣钱吗': (HTML, r'员工迟到的，按下列标准处理，但因道路封闭、恶劣天气等原因经店长核实的除外'),
    '不是说药卖出去就不退吗 顾客买的胶囊打开全受潮粘一块了 能退不':
        (DOCX, r'药品售出后不予退换，但经执业药师确认属于药品质量问题的除外'),
    '晚上不是不开门吗 有个顾客说心口疼想进来坐会儿 让不让':
        (DOCX, r'不开店门，但顾客突发疾病需要进店休息或者等候急救车的除外'),
    '我用健保卡買藥 也能打員工折扣嗎': (HTML, r'享受零售价的八八折，但特价商品和医保结算的部分不享受员工折扣'),
    # manual
    '收银机密码输错好几回被锁了 得等多久': (TXT, r'连续输错登录密码6次的，系统将账号锁定20分钟'),
    '店里断网了 收银机还能收多少单': (TXT, r'收银终端自动转入离线模式，屏幕显示“离线”字样，最多可以保存1500笔销售记录'),
    '刷健保卡跳出E3104是什麼意思': (TXT, r'E3104\s*医保卡读卡失败：医保卡未插到位或者芯片污损'),
    '顾客昨天买的保健品没拆封 今天拿来退 收银机上我能直接点退货不': (TXT, r'跨日退货须由店长刷授权卡确认后方可办理'),
    '顾客没带会员卡 咋给他积分': (TXT, r'顾客未带会员卡的，在“会员查询”中输入顾客手机号，核对姓名后完成积分'),
    '顾客小票丢了 能再给他打一张不': (TXT, r'在“单据查询”中按日期和金额找到原单，点击“补打”；补打的凭证上印有“补打”字样，每张销售单只能补打一次'),
}


# ---------------------------------------------------------------- documents

def load_documents():
    # the handbook (HTML), store operating rules (DOCX), quality-management rules (PDF), the workbook and the manual
    return colloquialcheck.load_five_documents(
        DOCS, HTML, DOCX, PDF, XLSX, TXT, WRAP,
        docx_keywords=DOCX_KEYWORDS, docx_table=('商品类别', 'returns'),
        pdf_keywords=PDF_KEYWORDS, pdf_gap=('年|分钟|个月|次', '2 年'),
        xlsx_unit=XLSX_UNIT, sheet_names=['门店', '冷链设备', '价格与积分'], code_re=r'^E\d{4} ', header_units=3)


if __name__ == '__main__':
    texts, variants = load_documents()
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
