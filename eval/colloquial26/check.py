#!/usr/bin/env python3
"""Consistency checks for colloquial26 (an electronics assembly factory's staff documents).

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
DOCX = '宿舍与食堂管理规定.docx'
PDF = '车间生产与品质管理制度.pdf'
XLSX = '产线与人员一览.xlsx'
TXT = '启澜MES扫描枪操作手册.txt'
WRAP = 76

# As in colloquial25, six questions are in traditional characters, not the ten
# of colloquial18-24: one each in condition, yesno, table, fact, manual and refuse.
# check_questions reads these two names from colloquialcheck when it runs.
colloquialcheck.TRAD_PER_CATEGORY = {c: 0 for c in colloquialcheck.CATEGORIES}
colloquialcheck.TRAD_PER_CATEGORY.update(condition=1, yesno=1, table=1, fact=1, manual=1, refuse=1)
colloquialcheck.TRAD_TOTAL = 6

# What the DOCX and the PDF must say, and what no workbook cell may be (a number with its unit).
DOCX_KEYWORDS = ('宿舍', '押金', '住宿费', '探亲房', '饭卡', '餐补', '夜宵', '关门', '除外', '严禁', '不予')
PDF_KEYWORDS = ('防静电', '腕带', '无尘车间', '风淋', '锡膏', '湿敏元件', '首件', '不良品', '报废', '除外', '严禁', '不予')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|人|年|分钟|个|片|小时|天|%)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '宿舍有WiFi没': ['WiFi', 'wifi', 'WIFI', '无线网', '宽带', '上网', '网线'],
    '电动车能停厂里充电不': ['电动车', '电瓶车', '停车', '充电桩'],
    '介绍老乡进厂有奖励不': ['介绍费', '推荐奖', '内推', '老乡', '介绍', '推荐'],
    '宿舍能收快递不': ['快递', '包裹', '驿站', '网购', '收件'],
    '厂里有工会没': ['工会'],
    '下班想打个球 厂里有篮球场没': ['篮球', '球场', '健身', '运动', '体育'],
    '考电工证的钱厂里给报不': ['电工证', '考证', '报销', '学费', '证书'],
    '过年回家的车票厂里给报不': ['车票', '路费', '返乡', '火车票', '春节', '过年'],
    '可以預支薪水嗎': ['预支', '預支', '借支', '薪水', '薪資'],
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (四十块, 三百六) of the figures
# of an accepted answer that is written in it. An answer taken from the
# wrong band, row or rule fails here even though it occurs elsewhere in the
# documents.
ANCHORS = {
    # number
    '我上白班 最晚几点得到车间': (HTML, r'白班人员应当在7:45前到车间参加班前会'),
    '工资每个月几号发': (HTML, r'工资每月12日发放'),
    '我已经转正了 想辞职得提前几天说': (HTML, r'试用期内应当提前3天、转正后应当提前30天书面申请'),
    '宿舍晚上几点关门': (DOCX, r'宿舍楼每天23:30关门'),
    '住宿舍押金得交多少': (DOCX, r'员工入住时交纳住宿押金200元'),
    '厂里每个月往饭卡里打多少餐补': (DOCX, r'工厂每月1日向员工的饭卡发放餐补360元'),
    '锡膏从冰箱拿出来 得回温多久才能开': (PDF, r'锡膏从冰箱取出后，在室温下回温不少于4小时方可开封'),
    '进无尘室 风淋得吹多久': (PDF, r'风淋时间不少于15秒'),
    # condition
    '我今天迟到了二十分钟 扣多少钱': (HTML, r'迟到5分钟以上、不满30分钟的，每次扣款40元'),
    '我在廠裡做滿四年了 年資津貼一個月多少': (HTML, r'满3年、不满5年的，每月150元'),
    '我们宿舍这个月用了九十度电 要交钱不': (DOCX, r'超过60度、不超过120度的部分，按每度0\.6元收取'),
    '我在宿舍才住了俩月 现在要搬出去 押金能退多少': (DOCX, r'入住不满3个月的，退还押金的一半'),
    '车间湿度才百分之二十五 咋办': (PDF, r'低于30%的，开启加湿器'),
    '湿敏的料拆开放了十天了 还能直接上线不': (PDF, r'7天以上、不满14天的，经125℃ ?烘烤24小时后方可使用'),
    '线上不良率到百分之五了 咋办': (PDF, r'超过3%的，立即停线，通知品质部工程师到场分析'),
    '这批板子要报废 大概三千多块钱 得谁签字': (PDF, r'500元以上、不满5000元的，由品质部经理审批'),
    # yesno
    '同事让我帮他打个卡 给我五十块 行不': (HTML, r'严禁代打卡或者请人代打卡'),
    '上班能把手机揣兜里带进车间不': (HTML, r'员工不得携带手机进入车间'),
    '宿舍里让不让用电饭锅': (DOCX, r'宿舍内严禁使用电饭锅、电磁炉、热得快、电热毯等大功率电器'),
    '老乡来找我 能不能在我宿舍挤一晚': (DOCX, r'严禁留宿外来人员'),
    '没戴静电手环 能直接用手拿板子不': (PDF, r'未佩戴防静电腕带的人员不得触摸电路板和元器件'),
    '進無塵室可以化妝嗎': (PDF, r'进入无尘车间的人员不得化妆'),
    '我老婆过来看我 想在厂里住五天 行不':
        (DOCX, r'员工的配偶、父母和子女来厂探亲的，员工可以申请入住C栋探亲房.{0,40}每次入住不超过7天'),
    '我戴眼镜的 能戴着进无尘车间不': (PDF, r'员工可以佩戴眼镜进入无尘车间'),
    # table
    '当线长的每个月岗位津贴多少': (HTML, r'线长\s*650\s*45\s*100\s*3(?!\d)'),
    '作业员上一个夜班补多少钱': (HTML, r'作业员\s*200\s*25\s*120\s*3(?!\d)'),
    '我是技术员 住的六人间 一个月住宿费扣多少': (DOCX, r'六人间\s*品检员、技术员\s*6张\s*100元'),
    '静电手环多久得测一次': (PDF, r'防静电腕带\s*每班上岗前'),
    '组装手环整机的那条线 线长是哪个': (XLSX, r'A4\s*组装车间\s*3楼\s*智能手环整机\s*380\s*20\s*蒋东来'),
    'SMT车间主任的分机号是多少': (XLSX, r'隋志鹏\s*生产部\s*SMT车间主任\s*常白班\s*2016\s*8201(?!\d)'),
    '往東湖的交通車單程要坐多久': (XLSX, r'东湖线\s*东湖站、东湖花园、临湾中学、工厂北门\s*6:50\s*18:50\s*35(?!\d)'),
    # fact
    '咱厂的厂长是谁': (HTML, r'厂长为邵景川，负责工厂的全面管理'),
    '半夜车间出事了 找不着领导 打哪个电话': (HTML, r'工厂设24小时总值班电话62394110，由当晚的值班经理接听'),
    '受了线长的气 想投诉 打哪个电话': (HTML, r'员工对管理人员有意见或者受到不公正对待的，可以拨打员工关爱热线62394000反映'),
    '饭卡丢了 去哪个部门补办': (DOCX, r'饭卡丢失的，立即到后勤部挂失，并到后勤部补办'),
    '宿舍的舍監是誰': (DOCX, r'宿舍管理处隶属人事行政部.{0,40}由宿管组长樊秀芝负责'),
    '板子到底算不算不良 谁说了算': (PDF, r'不良品的判定由品质部负责'),
    # faq
    '焊东西让烙铁烫了手 起了个泡 咋办': (HTML, r'答：立即用流动的冷水冲洗烫伤处.{0,40}到医务室处理'),
    '贴片机里卡了块板子 我能伸手进去拿不 咋弄': (HTML, r'答：不得把手伸进设备里取板.{0,40}通知本线的技术员处理'),
    '线上的料快用完了 物料员还没来 咋办': (HTML, r'答：剩下约半小时的用量时按工位上的呼叫灯通知物料员补料.{0,40}不要自己去仓库拿料'),
    '这个月工资好像少了三百多 咋办': (HTML, r'答：先核对工资条上的出勤天数和加班时数.{0,60}到人事行政部核对'),
    # multi
    '我漏检了块板子 品质部一查是来料本来就坏的 还扣我钱不':
        (HTML, r'员工出现漏检、错料、混料等品质异常的，按下列标准处理，但经品质部核实属于来料不良所致的除外'),
    '不是说上班不让出车间吗 我想回宿舍拿个药 能出去不': (HTML, r'当班期间不得离开车间，但经线长同意并领取离岗牌的除外'),
    '住宿费不是按月扣吗 我这个月刚进厂 也要扣吗': (DOCX, r'住宿费按月从工资中扣除，但新员工入职当月的除外'),
    '不是说一块板子最多返修两回吗 都修两回了 还能再修不':
        (PDF, r'同一块电路板返修不得超过2次，超过的按报废处理，但经品质部工程师确认可以再次返修的除外'),
    # manual
    '扫描枪密码输错好几回被锁了 得等多久': (TXT, r'连续输错密码5次的，账号锁定20分钟'),
    '断网了扫描枪还能存多少条': (TXT, r'离线记录最多可保存1500条'),
    '上料扫码跳出个E204 咋回事': (TXT, r'E204\s*物料与站位不符：扫描的物料不属于这个站位。立即停止上料'),
    '测出来一块坏板 在扫描枪上咋登记': (TXT, r'作业员或者品检员发现不良品的，在“不良登记”中扫描产品条码'),
    '过站漏扫了一块板 还能补上不': (TXT, r'发现漏扫的，由线长在“补扫”中扫描产品条码补录'),
    '掃描槍閒置多久會自動登出': (TXT, r'扫描枪无操作300秒后自动退出登录'),
}


# ---------------------------------------------------------------- documents

def load_documents():
    # the handbook (HTML), dormitory and canteen rules (DOCX), workshop production and quality rules (PDF), the workbook and the manual
    return colloquialcheck.load_five_documents(
        DOCS, HTML, DOCX, PDF, XLSX, TXT, WRAP,
        docx_keywords=DOCX_KEYWORDS, docx_table=('房型', 'room types'),
        pdf_keywords=PDF_KEYWORDS, pdf_gap=('个月|小时|分钟|天|秒', '4 小时'),
        pdf_table=('检测项目', '检测频次', 'ESD check table'),
        xlsx_unit=XLSX_UNIT, sheet_names=['产线一览', '人员与分机', '班车线路'], code_re=r'^E\d{3} ')


if __name__ == '__main__':
    texts, variants = load_documents()
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT)
