#!/usr/bin/env python3
"""Consistency checks for colloquial25 (an elderly care home's staff documents).

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
DOCX = '入住与生活服务管理规定.docx'
PDF = '护理安全管理制度.pdf'
XLSX = '房间与收费一览.xlsx'
TXT = '颐宁智慧护理系统操作手册.txt'
WRAP = 76

# This set has six questions in traditional characters, not the ten of
# colloquial18-24: one each in condition, yesno, table, fact, manual and refuse.
# check_questions reads these two names from colloquialcheck when it runs.
colloquialcheck.TRAD_PER_CATEGORY = {c: 0 for c in colloquialcheck.CATEGORIES}
colloquialcheck.TRAD_PER_CATEGORY.update(condition=1, yesno=1, table=1, fact=1, manual=1, refuse=1)
colloquialcheck.TRAD_TOTAL = 6

# What the DOCX and the PDF must say, and what no workbook cell may be (a number with its unit).
DOCX_KEYWORDS = ('护理等级', '探视', '外出', '饮食类别', '零用金', '代管', '押金', '陪住', '除外', '严禁', '不予')
PDF_KEYWORDS = ('交接班', '巡视', '跌倒', '约束带', '医嘱', '护士长', '物理降温', '除外', '严禁', '不予')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|张|间|人|年|餐|次|小时|分钟|天|%)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '老人想在屋里养只猫 行不': ['宠物', '猫', '狗'],
    '老人的护理费能走长护险报销不': ['长护险', '长期护理', '医保', '报销'],
    '中心给员工安排宿舍不': ['宿舍', '员工公寓', '住宿'],
    '老人过八十大寿 家属想在餐厅摆几桌 行不': ['寿宴', '祝寿', '大寿', '生日', '摆桌', '包场'],
    '老人要是走了 后事咋安排': ['去世', '死亡', '殡葬', '丧葬', '后事', '遗体', '临终'],
    '老人自己点了外卖 能让送进楼里不': ['外卖', '外送', '跑腿'],
    '女员工怀孕了 产假有几天': ['产假', '怀孕', '生育', '哺乳', '陪产'],
    '可以幫老人剪頭髮嗎': ['理发', '剪发', '头发', '理髮', '剪髮', '頭髮', '美发'],
    '老人想做针灸 院里能做不': ['针灸', '中医', '推拿', '按摩', '理疗'],
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (五十块, 两千四) of the figures
# of an accepted answer that is written in it. An answer taken from the
# wrong band, row or rule fails here even though it occurs elsewhere in the
# documents.
ANCHORS = {
    # number
    '我明天上早班 最晚几点得到': (HTML, r'早班人员应当在6:50前到岗'),
    '家属来看老人 晚上最晚能待到几点': (DOCX, r'探视时间为每天9:00至11:00和15:00至19:30'),
    '老人屋里放的现金 到多少就得劝他交给财务': (DOCX, r'老人房间内存放的现金超过500元的，护理员应当提醒老人或者家属交财务部代管'),
    '家属自己带来的药 离过期起码还得剩几个月才收': (PDF, r'家属自带的药品.{0,30}剩余有效期不少于6个月'),
    '老人摔了一跤 看着没啥伤 还得观察多久': (PDF, r'老人跌倒后，即使没有明显外伤，也应当连续观察72小时'),
    '工资一般每个月几号发': (HTML, r'工资每月10日发放'),
    '老人办入住 押金得交多少': (DOCX, r'老人入住时交纳押金10000元'),
    '食堂每顿饭留的样 得放多久才能扔': (DOCX, r'每餐的饭菜由膳食科留样，每个品种不少于125克，冷藏保存48小时'),
    # condition
    '我今天迟到了一刻钟 扣多少钱': (HTML, r'迟到10分钟以上、不满30分钟的，每次扣款50元'),
    '新来的老太太脑子挺清楚 评估打了七十二分 算啥护理等级': (DOCX, r'60分以上、不满90分的，评定为半护理'),
    '老人发烧了 量了三十八度 咋处理': (PDF, r'37\.3℃以上、不满38\.5℃的，给予物理降温，鼓励老人多喝水，每4小时复测一次体温'),
    '老爷子测了个血糖才三点二 咋弄': (PDF, r'低于3\.9mmol/L的，立即给予含糖食物或者糖水，15分钟后复测'),
    '老人住院住了十二天了 这个月伙食费能退不': (DOCX, r'离院7天以上、不满30天的，按天退还伙食费'),
    '老人让我帮他买个一百多块的收音机 得谁签字': (DOCX, r'50元以上、不满200元的，须经护士长签字同意'),
    '老人跌倒评估打了五十分 床头该挂啥牌子': (PDF, r'45分以上的，为高风险，床头挂红色防跌倒标识'),
    '我想請兩天事假 要找誰批': (HTML, r'超过1天、不超过3天的，由护理部主任批准'),
    # yesno
    '老人闺女过节硬塞给我个红包 能收不': (HTML, r'严禁收受老人及其家属的红包、礼品和购物卡'),
    '老人说头疼 我能给他多吃一片降压药不': (PDF, r'护理员不得自行给老人增减药量或者更换药品'),
    '老人半夜老想拔胃管 我先拿带子把他手绑床栏上行不': (PDF, r'护理员不得自行对老人使用约束带'),
    '老人儿子来看他 想给他带两瓶白酒 行不': (DOCX, r'严禁给老人带酒类和香烟'),
    '值夜班没啥事 我在老人屋里刷会儿短视频行不': (HTML, r'员工不得在老人房间内使用手机看视频、玩游戏'),
    '阿嬤要我幫她保管提款卡跟密碼 可以嗎': (HTML, r'严禁替老人保管银行卡、存折和密码'),
    '五楼专护的老人病重 家属想晚上留下来陪着 行不':
        (DOCX, r'全护理和专护的老人病重期间，家属可以申请陪住，在前台办理陪住登记'),
    '老人想把家里用惯的藤椅搬过来放屋里 行不': (DOCX, r'老人可以携带小件家具、照片和日常生活用品布置自己的房间'),
    # table
    '当护士的每个月岗位补贴能拿多少': (HTML, r'护士\s*500\s*80\s*100\s*3(?!\d)'),
    '护理员上一个夜班补多少钱': (HTML, r'护理员\s*300\s*60\s*50\s*3(?!\d)'),
    '糖尿病老人的饭一天分几顿': (DOCX, r'糖尿病饮食\s*患糖尿病的老人\s*控制主食和含糖食物，少量多餐\s*4餐'),
    '全护理的老人半夜隔多久得去看一眼': (PDF, r'全护理\s*每1小时\s*每90分钟'),
    '五楼一共多少张床': (XLSX, r'5楼\s*专护区\s*专护老人\s*单人间、双人间\s*18\s*30(?!\d)'),
    '三楼管护理员的组长是哪个': (XLSX, r'郜立春\s*护理组长\s*3楼'),
    '雙人房一個月床位費多少錢': (XLSX, r'床位费\s*双人间\s*入住双人间的老人\s*2400\s*80(?!\d)'),
    # fact
    '咱中心的主任是谁': (HTML, r'中心主任为甘慕言，负责中心的全面管理'),
    '半夜楼里出了事 找不着领导 打哪个电话报告': (HTML, r'中心设24小时值班电话58614110，由当班的值班护士接听'),
    '老人存在中心的零花钱 归哪个部门管': (DOCX, r'老人的零用金可以交财务部代管'),
    '家属要投诉 让他打哪个号': (DOCX, r'中心设家属服务热线58614000，受理家属的咨询、建议和投诉'),
    '老人想换成糖尿病餐 得通知哪个科': (DOCX, r'需要变更饮食类别的，由护士填写饮食变更单，当天15:00前送膳食科'),
    '護理部主任是哪位': (HTML, r'护理部主任詹若苇负责护士和护理员的排班'),
    # faq
    '老爷子死活不肯吃药 咋整': (HTML, r'答：不要强行喂药.{0,60}报告当班护士'),
    '老人吃饭噎住了 脸都憋红了 咋办': (HTML, r'答：让老人身体前倾，用手掌根部在两肩胛骨之间用力拍击背部，同时大声呼叫护士'),
    '吃完午饭发现有个老太太找不着了 咋办': (HTML, r'答：先在本楼层.{0,40}报告值班护士长，由前台通知门岗暂停老人出门并调取监控'),
    '给老爷子擦身子 他突然扇了我一巴掌 我该咋办': (HTML, r'答：保持冷静，不得还手.{0,40}请同事接替照护'),
    # multi
    '那个认知症的老太太非说我偷她钱 还投诉了我 也要扣钱吗':
        (HTML, r'员工被老人或者家属有效投诉的，按下列标准处理，但经护士长核实属于老人认知障碍所致的除外'),
    '都晚上九点多了 家属说老人病危想进来看看 放不放':
        (DOCX, r'探视时间以外不接待探视，但老人病危或者病情突然变化的除外'),
    '不是说药都得护士管吗 自理的老爷子想自己拿着药自己吃 行不':
        (PDF, r'老人的药品由护士统一保管和发放，但自理老人经医生评估可以自行保管和服用的除外'),
    '外出不是得家属陪着吗 自理的老头想自己出去遛个弯 行不':
        (DOCX, r'老人外出须由家属陪同.{0,40}但自理老人经护理部评估同意在8:30至17:00之间独自外出的除外'),
    # manual
    '平板密码输错好几回被锁了 得等多久': (TXT, r'连续输错密码5次的，账号锁定25分钟'),
    '楼里断网了 平板还能存多少条记录': (TXT, r'离线记录最多可保存800条'),
    '发药扫码跳出个E3102 咋回事': (TXT, r'E3102\s*药袋与腕带不匹配：扫描的药袋不属于这位老人。立即停止发药'),
    '老人让闺女接出去吃饭了 我在平板上咋登记': (TXT, r'老人随家属外出的，前台在“离院管理”中选择老人，点击“外出”'),
    '夜班漏记了一次翻身 交完班还能补上不': (TXT, r'漏记的护理记录，可以在班次结束后12小时内在“补录”中补录'),
    '平板多久沒碰會自動鎖螢幕': (TXT, r'平板无操作120秒后自动锁屏'),
}


# ---------------------------------------------------------------- documents

def load_documents():
    # the handbook (HTML), admission and daily-life rules (DOCX), nursing-safety rules (PDF), the workbook and the manual
    return colloquialcheck.load_five_documents(
        DOCS, HTML, DOCX, PDF, XLSX, TXT, WRAP,
        docx_keywords=DOCX_KEYWORDS, docx_table=('饮食类别', 'diets'),
        pdf_keywords=PDF_KEYWORDS, pdf_gap=('个月|小时|分钟|天', '72 小时'),
        pdf_table=('护理等级', '夜间巡视', 'rounds table'),
        xlsx_unit=XLSX_UNIT, sheet_names=['楼层与房间', '护理人员', '收费标准'], code_re=r'^E\d{4} ')


if __name__ == '__main__':
    texts, variants = load_documents()
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
