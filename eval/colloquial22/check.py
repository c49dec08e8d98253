#!/usr/bin/env python3
"""Consistency checks for colloquial22 (scenic-area operator staff documents).

Standard library only, plus the `pdftotext` and `pdfinfo` programs from poppler-utils.
Prints ALL CHECKS PASSED when every check holds, otherwise lists the failures
and exits with status 1.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from colloquialcheck import (  # noqa: E402 (the checks the colloquial sets share)
    check_anchors, check_questions, load_deck_set)

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, 'docs')
QUESTIONS = os.path.join(HERE, 'questions.tsv')

MD = '员工手册.md'
PDF = '票务与索道观光车运营管理规定.pdf'
XLSX = '景区点位与作息一览.xlsx'
PPTX = '新员工岗前培训.pptx'
TXT = '智慧票务系统操作手册.txt'
WRAP = 76

# What the PDF must say, and what no workbook cell may be (a number with its unit).
PDF_KEYWORDS = ('门票', '优惠票', '免票', '退票', '索道', '停止运行', '观光车', '除外', '承载量')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|米|公里|个|辆|条|座|人|次|张)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '年终奖一般发几个月': ['年终奖', '年终', '年底双薪', '十三薪'],
    '公司给交公积金不': ['公积金', '社保', '社会保险', '五险'],
    '员工有宿舍住吗': ['宿舍', '住宿', '公寓', '员工房'],
    '游客能牵狗进景区不': ['宠物', '狗', '犬'],
    '有游客想在山顶放无人机航拍 让不让': ['无人机', '航拍', '飞行器'],
    '景区停车场一天收多少钱': ['停车场', '停车费', '车位', '泊车'],
    '员工吃饭有补贴没': ['餐补', '饭补', '伙食', '食堂', '工作餐', '误餐'],
    '我一年有幾天年假': ['年假', '年休', '带薪休假', '特休'],
    '公司有幫員工買意外險嗎': ['保险', '保險', '意外险', '意外險', '商业险'],
}

# Questions whose answer is held in the deck's speaker notes (not on the slides).
NOTES_ONLY = {
    '新员工试用期几个月',
    '新人跟着师傅跟岗要跟多少天',
    '上岗实操只考了七十二分 会咋样',
    '新来的索道操作员 试用期能一个人守控制室吗',
    '岗前培训那几天有事要请假 找谁',
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (六十块, 一百五) of the figures
# of an accepted answer that is written in it. An answer taken from the
# wrong band, row or rule fails here even though it occurs elsewhere in the
# documents.
ANCHORS = {
    # number
    '卖票的早上最晚几点得刷卡': (MD, r'售检票员和讲解员应当在7:30前签到'),
    '結婚可以休幾天婚假': (MD, r'员工依法享受婚假15天'),
    '工资一般每个月几号到账': (MD, r'工资每月10日发放至本人工资卡'),
    '开观光车下坡最快能跑多少码': (PDF, r'在下坡路段和急弯处不超过15公里'),
    '刚才打雷索道停了 得等多久才能再开': (PDF, r'最后一次雷声后30分钟内没有再次出现雷电的'),
    '游客投诉了 最晚多久要给人家回复': (MD, r'由游客服务中心统一受理，受理后24小时内答复游客'),
    '新员工试用期几个月': (PPTX, r'新员工的试用期为2个月'),
    '新人跟着师傅跟岗要跟多少天': (PPTX, r'跟随本岗位的带教师傅跟岗不少于10个工作日'),
    # condition
    '早上打卡迟了二十分钟 要扣多少': (MD, r'迟到15分钟以上、不满30分钟的，扣款60元'),
    '这个季度服务评分九十二分 能拿多少奖金': (MD, r'综合评分90分以上、不满95分的，奖励800元'),
    '今天最高氣溫三十六度 中午還要上山巡邏嗎': (MD, r'日最高气温达到35℃、不满38℃的，11:00至15:00暂停巡山'),
    '有游客说孩子跟丢快二十分钟了 还没找着 咋弄': (MD, r'走失15分钟以上、不满30分钟的，由总调度中心通知各出入口和索道站协查'),
    '山顶风刮到六级了 索道还跑不跑': (PDF, r'风力达到6级的，减速运行，并暂停售出上行索道票'),
    '有个大爷六十二了 门票咋收': (PDF, r'下列游客凭有效证件购买优惠票，按全价票的半价收取：60周岁至64周岁的老年人'),
    '园里人已经到最大承载量的八成五了 窗口还能卖票不': (PDF, r'达到日最大承载量80%以上、不满95%的，暂停窗口售票，只接受网上预约'),
    '上岗实操只考了七十二分 会咋样': (PPTX, r'实操考核60分至79分的，延长跟岗5个工作日后补考一次'),
    # yesno
    '朋友来玩 我从员工通道带他进去 不买票行不': (MD, r'严禁私自带人进园，不得利用员工通道'),
    '带团的时候领游客去店里买东西 拿点提成行吗': (MD, r'严禁收取购物回扣，不得诱导或者强迫游客到指定商店购物'),
    '在驗票口值班能不能戴耳機聽歌': (MD, r'当班期间不得佩戴耳机、玩手机'),
    '一家九口想挤一个厢坐索道 让不让': (PDF, r'揽月索道每厢限乘8人，严禁超员，儿童也计入人数'),
    '游客在观云台上点根烟抽 行不': (MD, r'景区全域禁止吸烟，严禁在景区内吸烟和使用明火'),
    '新来的索道操作员 试用期能一个人守控制室吗': (PPTX, r'新入职的索道操作员在试用期内不得单独值守索道控制室'),
    '游客出去吃个饭 下午还能再进来不': (PDF, r'可以在出园时到出入口服务台办理二次入园登记，凭登记当天可以再次入园一次'),
    '坐轮椅的游客能坐缆车吗': (XLSX, r'坐轮椅的游客可以由工作人员协助从无障碍通道优先乘坐'),
    # table
    '巡山的值一个夜班补多少钱': (MD, r'巡山护林员\s*650\s*150\s'),
    '开索道的高温补贴一天多少': (MD, r'索道操作员\s*800\s*120\s*25\s'),
    '旅行社团队票旺季一张多少钱': (PDF, r'团队票\s*15人以上的旅行社团队\s*旺季130元'),
    '观云台那边值班电话多少': (XLSX, r'观云台\s*揽月峰片区\s*1350\s*焦雨桐\s*69527231'),
    '揽月索道上山单程票多少钱': (XLSX, r'揽月索道\s*八人吊厢\s*松涛站\s*揽月站\s*2460\s*12\s*90\s'),
    '西門的負責人是誰': (XLSX, r'西门\s*西麓片区\s*410\s*石晓峰'),
    '旺季一天最多能进多少人': (XLSX, r'旺季\s*4月1日至10月31日\s*7:00\s*16:30\s*18:30\s*160\s*30000'),
    # fact
    '公司總經理是哪位': (MD, r'公司总经理为符嘉禾'),
    '晚上山里出事了 打哪个电话找调度': (MD, r'景区总调度中心实行24小时值班，值班电话69527110'),
    '游客问投诉电话 我告诉他打哪个号': (PDF, r'游客对票务、索道和观光车有疑问或者投诉的，可以拨打游客服务热线69527000'),
    '分管安全的副总是谁': (MD, r'分管安全与运营的副总经理为裴映雪'),
    '卖票验票这摊归哪个部门管': (PDF, r'公司票务部负责门票、索道票和观光车票的统一销售、检票和结算'),
    '岗前培训那几天有事要请假 找谁': (PPTX, r'中心主任是应思远。培训期间有任何问题，包括请假'),
    # faq
    '游客捡了个手机交给我 我咋处理': (MD, r'答：当面清点并请游客留下联系方式，交东门游客中心失物招领处登记'),
    '打雷下大雨 山顶还有一帮游客 咋整': (MD, r'答：引导游客到就近的避雨亭或者索道站房内躲避'),
    '有遊客爬過欄杆去拍照 我該怎麼辦': (MD, r'答：先礼貌劝阻，说明危险；劝阻无效的，请片区安保人员到场处理'),
    '游客爬到半山腰说胸口疼 咋办': (MD, r'答：就近送观云台或者东门游客中心的医务点，同时报告总调度中心；情况危急的立即拨打120'),
    # multi
    '国庆不是不批事假吗 我爸突然住院了 咋办': (MD, r'但本人或者家属突发急病住院.{0,30}可以先电话向部门经理请假，事后2个工作日内'),
    '我爸媽來景區玩 坐纜車也免費嗎': (MD, r'凭员工亲属卡每年可以免费游览4次，但索道票和观光车票不予减免'),
    '游客上午检票进来 中午暴雨景区临时封了 票能退不 不是说检了票不退吗':
        (PDF, r'已检票入园的门票不予退票，但因景区临时封闭导致当天无法游览的除外，按原价全额退还'),
    '车上有个游客晕车吐了 能半路停车让他下去不 不是说不能中途停吗':
        (PDF, r'不得中途停车上下客，但游客突发身体不适的除外，驾驶员应当在安全地点停车'),
    # manual
    '票务系统密码输错几次被锁了 要多久才解': (TXT, r'连续输错密码5次的，账号锁定45分钟'),
    '票务系统新密码至少几位': (TXT, r'新密码至少12位'),
    '窗口有个游客一下子要退八张票 我能直接给他退吗': (TXT, r'超过5张或者金额超过1000元的，须由值班主管在系统中审批后办理'),
    '驗票機跳出E207是什麼意思': (TXT, r'E207\s*重复检票：该票今天已检票入园'),
    '验票机没网的时候能存多少条记录': (TXT, r'离线状态下最多可以在本机缓存3000条检票记录'),
    '日结对账差了八十块 咋办': (TXT, r'现金长款或者短款超过50元的，须在系统中填写差异说明，由票务部经理确认后方可交班'),
}


if __name__ == '__main__':
    texts, variants, extra = load_deck_set(DOCS, MD, PDF, XLSX, PPTX, TXT, WRAP, PDF_KEYWORDS, XLSX_UNIT)
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT, NOTES_ONLY, extra)
