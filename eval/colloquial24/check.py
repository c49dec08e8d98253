#!/usr/bin/env python3
"""Consistency checks for colloquial24 (an express-delivery outlet's staff documents).

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
DOCX = '营业部操作规定.docx'
PDF = '快件理赔管理办法.pdf'
XLSX = '价格与人员一览.xlsx'
TXT = '巴枪与分拣系统操作手册.txt'
WRAP = 76

# What the DOCX and the PDF must say, and what no workbook cell may be (a number with its unit).
DOCX_KEYWORDS = ('收寄', '验视', '代收货款', '滞留件', '问题件', '快递柜', '驿站', '除外', '严禁', '不予收寄')
PDF_KEYWORDS = ('保价', '声明价值', '延误', '不予赔偿', '审批', '复核', '责任人', '除外', '理赔专员')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|天|件|公里|组|年|公斤|%)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '寄个件到日本大概多少钱': ['国际', '日本', '境外', '海外', '出口'],
    '网点给交五险一金不': ['社保', '公积金', '五险', '社会保险', '养老保险'],
    '顾客寄件能用优惠券抵运费不': ['优惠券', '优惠', '积分', '抵扣', '满减'],
    '顾客要开发票 咋开': ['发票', '开票', '税'],
    '过年发年终奖不': ['年终奖', '年终', '十三薪', '双薪'],
    '入职体检的钱公司给报不': ['体检', '健康证'],
    '顾客想寄大闸蟹 有冷链没': ['冷链', '螃蟹', '大闸蟹', '冰袋', '冷藏'],
    '可以寄電子煙嗎': ['电子烟', '電子煙', '烟弹', '雾化', '香烟'],
    '網點有員工旅遊嗎': ['旅游', '旅遊', '团建', '出游'],
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (五十块, 三千六) of the figures
# of an accepted answer that is written in it.
ANCHORS = {
    # number
    '跑派件的早上最晚几点得到网点': (HTML, r'快递员应当在7:30前到营业部参加早会'),
    '三轮车在小区里头最快能开多快': (HTML, r'在小区、学校和市场内行驶速度不得超过10公里/小时'),
    '代收的货款当天最晚几点得交上去': (DOCX, r'快递员收取的代收货款和到付运费，应当在当天19:00前全部交网点文员'),
    '工资每个月几号发': (HTML, r'工资每月15日发放'),
    '联系不上人的件在网点能放几天': (DOCX, r'滞留件由网点文员登记保管7天'),
    '顾客保价最多能保多少钱': (PDF, r'单票快件的声明价值最高不超过20000元'),
    '东西丢了顾客最晚多少天内得来找我们赔': (PDF, r'寄件人或者收件人应当自寄件之日起60天内提出索赔'),
    '新人試用期是幾個月': (HTML, r'试用期为2个月'),
    # condition
    '顾客要寄个三十五公斤的大箱子 能收不': (DOCX, r'30公斤以上、不满50公斤的，须经站点主管同意，并另收超重操作费20元'),
    '这单要赔八百块 谁来批': (PDF, r'500元以上、不满3000元的，由分公司客服部经理审批'),
    '我弄丢个件赔了六百 我自己得掏多少': (PDF, r'超过200元、不超过1000元的，由责任人承担40%'),
    '这个月派了四千二百件 有奖励不': (HTML, r'4000件以上、不满5000件的，奖励400元'),
    '件比说好的晚到了两天 顾客要赔 咋整': (PDF, r'超过时效24小时以上、不满72小时的，退还50%运费'),
    '早会迟到了二十五分钟 扣多少钱': (HTML, r'迟到15分钟以上、不满1小时的，每次扣款50元'),
    '顾客要保八千块的价 保价费咋收': (PDF, r'5000元以上、不超过20000元的，按声明价值的0\.8%收取'),
    '今天氣溫三十八度 中午還要出去送件嗎': (HTML, r'37℃以上、不满40℃的，12:00至15:00暂停户外派送'),
    # yesno
    '顾客不在家 件能直接塞快递柜不': (DOCX, r'未经收件人同意，不得将快件放入智能快递柜或者驿站'),
    '送上楼能找顾客多要五块钱不': (HTML, r'严禁以上楼、搬运等名义向顾客加收费用'),
    '三轮车能捎上我老婆一块儿跑不': (HTML, r'快递员使用营业部配发的电动三轮车派送，严禁载人'),
    '顾客扫我自己的微信付运费行不': (DOCX, r'严禁快递员用个人收款码收取运费'),
    '寄件的人不让看里头是啥 我能收不': (DOCX, r'寄件人拒绝验视的，不予收寄'),
    '客人的託運單可以拍照傳到臉書嗎': (HTML, r'严禁拍摄、传播面单'),
    '顾客不在家 让邻居帮着签收行不':
        (DOCX, r'收件人不在的，经收件人电话或者短信同意，可以由其指定的代收人签收'),
    '顾客能先拆开看看东西再签不': (DOCX, r'收件人可以当面开箱验视内件后再签收'),
    # table
    '分拣的底薪一个月多少': (HTML, r'分拣员\s*3600\s*0\s*50\s*15\s*2'),
    '送快递的话费补贴一个月给多少': (HTML, r'快递员\s*2600\s*1\.2\s*150\s*15\s*2'),
    '顾客寄白酒 一票最多几瓶': (DOCX, r'白酒、葡萄酒\s*原包装完好，外加防震包装\s*不超过2瓶'),
    '寄西藏首重多少钱': (XLSX, r'五区\s*新疆、西藏、青海\s*乌鲁木齐、拉萨、西宁\s*22\s*16\s*6\s'),
    '网点文员分机多少': (XLSX, r'蒲小禾\s*网点文员\s*8015\s*661015'),
    '寄广东一般几天能到': (XLSX, r'三区\s*广东、广西、山西、陕西、四川、重庆、贵州、云南\s*广州[^ ]*?\s*16\s*9\s*3\s'),
    '錦華苑那一區是哪位快遞員負責': (XLSX, r'A2\s*锦华片\s*卓一鸣\s*锦华苑、'),
    # fact
    '咱网点最大的头儿是谁': (HTML, r'营业部站点主管为郁博涛，负责营业部的全面管理'),
    '送件路上出车祸了 打哪个电话报': (HTML, r'营业部设24小时值班电话83562110。员工在派送途中遇到交通事故'),
    '理赔的事归谁管': (PDF, r'营业部理赔专员阚志成负责索赔的受理、调查和赔款支付'),
    '顾客要投诉该打啥电话': (DOCX, r'顾客查询快件或者投诉的，可以拨打公司客服热线83562000'),
    '顾客嫌赔得少不服 能找哪儿': (PDF, r'顾客对赔偿结论有异议的，可以在收到结论之日起15天内向分公司客服部申请复核'),
    '分揀組長是誰': (HTML, r'分拣组长满德旺负责到件卸车、分拣和发件'),
    # faq
    '顾客电话一直没人接 咋整':
        (HTML, r'答：间隔30分钟后再拨打一次，仍打不通的，在巴枪上做问题件扫描，给收件人发短信说明'),
    '送件让狗给咬了 咋办': (HTML, r'答：马上到就近的医院处理伤口并注射狂犬疫苗'),
    '电动车半道上没电了 咋整': (HTML, r'答：打营业部前台电话83562200，前台会安排附近的快递员或者网点文员送备用电池过来'),
    '巴槍弄丟了怎麼辦': (HTML, r'答：立即报告站点主管，由网点文员在系统中挂失'),
    # multi
    '是顾客自己把地址写错了被投诉 也扣我钱吗':
        (HTML, r'快递员被顾客有效投诉的，按下列标准处理，但经客服核实属于寄件人或者收件人原因的除外'),
    '顾客寄的瓷瓶碎了 他包了防震也保了价 赔不赔':
        (PDF, r'易碎物品在寄递中破损的，营业部不予赔偿，但寄件人已按《营业部操作规定》加防震包装并办理保价的除外'),
    '下午四点半那班车到的件 今天必须送完吗':
        (DOCX, r'快件到达营业部后应当当天派送，但16:00以后到达的快件除外，该部分快件在次日12:00前派送完毕'),
    '旺季值夜班可以在網點過夜嗎': (HTML, r'员工不得在营业部内留宿，但旺季期间值夜班的分拣员经站点主管同意的除外'),
    # manual
    '巴枪密码老输错被锁了 得等多久': (TXT, r'连续输错密码5次的，账号锁定25分钟'),
    '断网了巴枪还能存多少单': (TXT, r'最多缓存3000条扫描记录'),
    '巴枪上跳出个E305 啥意思': (TXT, r'E305\s*离线缓存已满'),
    '出车前扫派件按哪个键': (TXT, r'F2派件扫描'),
    '建包的时候一个包最多装多少件': (TXT, r'单个集包最多200件'),
    '巴槍多久沒動會自己鎖螢幕': (TXT, r'巴枪无操作90秒后自动锁屏'),
}


# ---------------------------------------------------------------- documents

def load_documents():
    # the handbook (HTML), operating rules (DOCX), claims rules (PDF), the workbook and the manual
    return colloquialcheck.load_five_documents(
        DOCS, HTML, DOCX, PDF, XLSX, TXT, WRAP,
        docx_keywords=DOCX_KEYWORDS, docx_table=('物品类别', 'restricted items'),
        pdf_keywords=PDF_KEYWORDS, pdf_gap=('天|元|小时', '60 天'),
        xlsx_unit=XLSX_UNIT, sheet_names=['寄件价格', '人员与分机', '派送片区'], code_re=r'^E\d{3} ')


if __name__ == '__main__':
    texts, variants = load_documents()
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
