#!/usr/bin/env python3
"""Consistency checks for colloquial27 (a regional chain of petrol stations with convenience stores).

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
DOCX = '加油卡与便利店管理规定.docx'
PDF = '加油站安全与卸油操作规程.pdf'
XLSX = '站点与人员一览.xlsx'
TXT = '沣岚手持POS操作手册.txt'
WRAP = 76

# As in colloquial25 and 26, six questions are in traditional characters:
# one each in condition, yesno, table, fact, manual and refuse.
# check_questions reads these two names from colloquialcheck when it runs.
colloquialcheck.TRAD_PER_CATEGORY = {c: 0 for c in colloquialcheck.CATEGORIES}
colloquialcheck.TRAD_PER_CATEGORY.update(condition=1, yesno=1, table=1, fact=1, manual=1, refuse=1)
colloquialcheck.TRAD_TOTAL = 6

# What the DOCX and the PDF must say, and what no workbook cell may be (a number with its unit).
DOCX_KEYWORDS = ('加油卡', '记名卡', '车队卡', '工本费', '发票', '便利店', '临期', '报损', '除外', '严禁', '不予')
PDF_KEYWORDS = ('静电接地夹', '油罐车', '卸油', '液位', '灭火器', '吸油毡', '保供卸油', '油品质量',
                '除外', '严禁', '不予')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|人|年|分钟|台|立方米|小时|天|%)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '咱站里有洗车的没 客人老问': ['洗车', '洗車', '擦车', '洗车机'],
    '开电车的客人问 能不能在咱站充电': ['充电桩', '充电站', '电动汽车', '新能源', '电车'],
    '加油卡能在微信上充钱不': ['微信', '小程序', '公众号', 'APP', '网上充值', '线上充值'],
    '咱公司有工会没': ['工会'],
    '我是外地来的 站里给安排住的地方不': ['宿舍', '住宿', '租房', '房补', '住房'],
    '公司给交公积金不': ['公积金', '社保', '五险', '医保'],
    '干到年底有年终奖没': ['年终奖', '年终', '奖金', '双薪', '十三薪'],
    '在便利店上班 要办健康证不': ['健康证', '体检', '健康检查'],
    '公司有辦員工旅遊嗎': ['旅游', '旅遊', '团建', '出游', '聚餐'],
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (五十块, 三百五) of the figures
# of an accepted answer that is written in it. An answer taken from the
# wrong band, row or rule fails here even though it occurs elsewhere in the
# documents.
ANCHORS = {
    # number
    '我排的早班 最晚几点得到站里': (HTML, r'早班人员应当在6:40前到站参加班前会'),
    '工资每个月几号发': (HTML, r'工资每月15日发放'),
    '我已经转正了 不想干了 得提前多久打招呼': (HTML, r'试用期内应当提前3天、转正后应当提前1个月书面提出'),
    '送油的车刚进站 得等多久才能开始卸': (PDF, r'油罐车停稳后先连接静电接地夹，静置不少于15分钟，方可计量和卸油'),
    '卸完油 那个静电夹子过多久才能拆': (PDF, r'油罐车再静置不少于10分钟，方可拆除静电接地夹'),
    '客人加油卡丢了 补一张得花多少钱': (DOCX, r'补办的每张收取工本费20元'),
    '客人加完油没要发票 过几天回来还能补不 最多几天': (DOCX, r'可以在加油之日起30日内凭加油小票到原站点补开'),
    '店里的烤肠烤好了 能放多久': (DOCX, r'关东煮、烤肠等热食加热后保存不超过4小时'),
    # condition
    '我今天迟到了十五分钟 扣多少钱': (HTML, r'迟到10分钟以上、不满30分钟的，每次扣款50元'),
    '我在這間加油站做滿兩年了 年資津貼一個月多少': (HTML, r'满1年、不满3年的，每月60元'),
    '客人要往卡里充两千块 能送多少': (DOCX, r'满1000元、不满3000元的，赠送充值金额的1%'),
    '货架上的酸奶还有五天就到期了 咋处理': (DOCX, r'3天以上、不满7天的，贴临期标签，按八折销售'),
    '柴油罐里就剩百分之十了 咋办': (PDF, r'低于15%的，该油品的加油机暂停加油'),
    '给摩托车加油 洒了大概半升 咋弄': (PDF, r'不超过1升的，用吸油毡吸干'),
    '这车油卸完一对数 差了千分之三 咋办':
        (PDF, r'差额超过千分之二、不超过千分之五的，由站长与司机共同签字确认后签收'),
    '外头刮七级大风 今天还卸油不': (PDF, r'风力6级以上、不满8级的，停止卸油'),
    # yesno
    '给客人加着油呢 手机响了 能接不': (HTML, r'当班员工不得在加油区接打手机'),
    '我自己的零钱能先放收银抽屉里不': (HTML, r'严禁将个人现金放入收银台'),
    '有个穿校服的学生来店里买烟 能卖给他不': (DOCX, r'严禁向未成年人出售烟酒'),
    '客人卡里还剩三百多 想退成现金 行不': (DOCX, r'加油卡内的余额不得兑换现金'),
    '有人拎个塑料桶来打汽油 给不给加': (PDF, r'严禁向塑料桶等非金属容器加注汽油'),
    '卸油的時候 我可以先去幫忙加油嗎': (PDF, r'卸油过程中，计量员和油罐车司机不得离开卸油现场'),
    '上夜班实在熬不住了 能眯一会儿不': (HTML, r'夜班人员可以在值班室轮流休息，休息时间安排在凌晨1:00至5:00之间'),
    '下架的临期面包 我们自己能买不': (DOCX, r'下架的临期食品，员工可以按进价购买自用'),
    # table
    '我是加油员 上一个夜班补多少钱': (HTML, r'加油员\s*300\s*30\s*120\s*3(?!\d)'),
    '当收银员的每个月岗位津贴多少': (HTML, r'收银员\s*350\s*28\s*120\s*2(?!\d)'),
    '跑运输的车队办的那种卡 加柴油一升便宜多少':
        (DOCX, r'车队卡\s*运输公司、物流车队\s*凭营业执照办理，主卡一张，副卡不超过50张\s*每升0\.3元\s*每升0\.45元'),
    '卸油用的那个静电报警器 多久得查一回': (PDF, r'静电接地报警器\s*每次卸油前'),
    '城北站一共有几台加油机': (XLSX, r'城北站\s*北塘区\s*北塘路218号\s*6(?!\d)'),
    '管便利店那块的经理 分机号多少': (XLSX, r'孔雪菲\s*非油品业务部\s*非油品业务部经理\s*总部\s*2019\s*8300(?!\d)'),
    '油罐車從油庫開到青石站 單程要多久': (XLSX, r'青石站\s*江南油库\s*每周三、六\s*10:00\s*55(?!\d)'),
    # fact
    '咱公司的老总是谁': (HTML, r'总经理为覃振宇，负责公司的全面管理'),
    '半夜站里出事了 站长电话打不通 该打哪个电话': (HTML, r'公司设24小时应急值班电话86512190，由当晚的总部值班经理接听'),
    '站长老是针对我 想反映一下 打哪个电话':
        (HTML, r'员工对站长或者其他管理人员有意见.{0,30}可以拨打员工关怀热线86512300反映'),
    '客人要挂失加油卡 让他打哪个电话': (DOCX, r'加油卡的挂失、余额查询和顾客投诉，由加油卡客服热线86512888受理'),
    '發票開錯了 要找哪個單位處理': (DOCX, r'发票开错或者顾客要求更改抬头的，由财务部统一作废并重新开具'),
    '客人说加了咱家的油车就打不着火了 油到底有没有问题谁说了算': (PDF, r'油品质量的判定由安全质量部负责'),
    # faq
    '给人家汽油车加成柴油了 咋办': (HTML, r'答：立即停止加油，请顾客不要启动车辆'),
    '有个司机在加油机边上抽烟 劝了也不听 咋弄': (HTML, r'答：上前礼貌劝阻，请顾客熄灭烟头；劝阻无效的，暂停为其加油'),
    '有辆车加完油没给钱 一脚油门跑了 咋办': (HTML, r'答：不要追赶车辆，记下车牌号、车型和离开的时间'),
    '司机油枪没拔就把车开走了 枪都扯断了 咋整': (HTML, r'答：先按下这台加油机的停机键，不要拉扯油枪'),
    # multi
    '交班的时候钱少了八十块 后来查出来是收银机出毛病了 还得我自己补不':
        (HTML, r'收银员交班时现金短款的，按下列标准处理，但经站长核实属于收银系统故障所致的除外'),
    '不是说工服坏了得赔钱吗 我这身穿了一年多 领口磨破了 也得赔吗':
        (HTML, r'工服人为损坏或者丢失的，照价赔偿，但穿着满1年后正常磨损的除外'),
    '不是说晚上十点以后不让卸油吗 罐里快见底了 半夜能卸不':
        (PDF, r'每天22:00至次日6:00不得卸油，但经区域经理批准的保供卸油除外'),
    '不是说店里卖出去的东西不给退吗 客人买了箱矿泉水没拆 拿着小票第二天来退 行不':
        (DOCX, r'便利店售出的商品，除质量问题外不予退换，但包装未拆封并凭购物小票在7天内要求退换的除外'),
    # manual
    'POS密码输错好几回被锁了 得等多久': (TXT, r'连续输错密码5次的，账号锁定25分钟'),
    '断网了 POS机还能存多少笔': (TXT, r'离线状态下单台最多可保存800笔交易'),
    '授权加油的时候跳出个E202 咋回事': (TXT, r'E202\s*油枪未挂好：上一笔加油结束后油枪没有挂回加油机，请把油枪挂好后重新授权'),
    '客人付款方式点错了 想退回去重新付 POS上咋弄':
        (TXT, r'由收银员在“撤销”中扫描小票上的二维码，输入站长授权码后，款项原路退回'),
    '交班的时候 POS上得咋操作':
        (TXT, r'交班人在“交班”中核对本班的油品销售量、现金和非现金收款，确认无误后打印交班单'),
    'POS機放著不用 多久會自動鎖螢幕': (TXT, r'POS机无操作180秒后自动锁屏'),
}


# ---------------------------------------------------------------- documents

def load_documents():
    # the handbook (HTML), fuel-card and convenience-store rules (DOCX), station safety and unloading rules (PDF), the workbook and the manual
    return colloquialcheck.load_five_documents(
        DOCS, HTML, DOCX, PDF, XLSX, TXT, WRAP,
        docx_keywords=DOCX_KEYWORDS, docx_table=('卡种', 'card types'),
        pdf_keywords=PDF_KEYWORDS, pdf_gap=('个月|小时|分钟|天|秒|升', '15 分钟'),
        pdf_table=('检查项目', '检查频次', 'fire-equipment check table'),
        xlsx_unit=XLSX_UNIT, sheet_names=['站点一览', '人员与分机', '油品配送'], code_re=r'^E\d{3} ')


if __name__ == '__main__':
    texts, variants = load_documents()
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
