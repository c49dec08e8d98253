#!/usr/bin/env python3
"""Consistency checks for colloquial21 (school group staff documents).

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

MD = '教职工手册.md'
PDF = '校车与食堂管理规定.pdf'
XLSX = '校区与班级一览.xlsx'
PPTX = '新教师入职培训.pptx'
TXT = '智慧校园平台操作手册.txt'
WRAP = 76

# What the PDF must say, and what no workbook cell may be (a number with its unit).
PDF_KEYWORDS = ('校车费', '随车照管员', '超员', '除外', '伙食费', '替代餐', '留样', '陪餐')
XLSX_UNIT = re.compile(r'^\s*[\d.]+\s*(元|小时|分钟|天|分|%|米|公里|个|辆|条|亩|人|节|次)\s*$')


# Key terms of each refusal question; none may occur in any document.
REFUSE_TERMS = {
    '评职称要啥条件': ['职称', '评职', '职级', '高级教师', '一级教师'],
    '教师节发不发过节费': ['教师节', '过节费', '节日费', '慰问金'],
    '学校给老师交公积金不': ['公积金', '社保', '社会保险', '五险', '住房'],
    '孩子的校服一套多少钱': ['校服', '制服'],
    '孩子要转学 手续咋办': ['转学', '转校', '插班', '学籍'],
    '家长会一般啥时候开': ['家长会'],
    '今年寒假哪天开始放': ['寒假', '放假', '校历', '春节'],
    '老師可以申請留職停薪去進修嗎': ['留职停薪', '留職停薪', '停薪', '进修', '進修', '脱产'],
    '學生的意外保險要怎麼申請理賠': ['意外险', '保险', '保險', '理赔', '理賠', '赔偿'],
}

# Questions whose answer is held in the deck's speaker notes (not on the slides).
NOTES_ONLY = {
    '新老师见习期多长',
    '新来的老师一学期得听多少节课',
    '汇报课只打了七十八分 会咋样',
    '新老师第一年能自己带个班当班主任不',
    '新老师培训期间有事请假找谁',
}

# The passage that answers each answerable question: (document, regular
# expression). The passage must occur in the document (whitespace runs read
# as one space, and no space between Chinese and Latin, as pdftotext puts
# them), and every accepted answer other than a generic negation must lie
# inside it: as written, or as a spoken form (八十块, 7点15, 三个月) of the
# figures of an accepted answer that is written in it. An answer taken from
# the wrong band, row or rule fails here even though it occurs elsewhere in
# the documents.
ANCHORS = {
    # number
    '当班主任的早上几点前得打卡': (MD, r'班主任和早读值班教师应当在7:15前签到'),
    '我下個月要結婚了 婚假可以請幾天': (MD, r'教职工依法享受婚假13天'),
    '初中的娃一天书面作业最多布置多长时间': (MD, r'七至九年级每天不超过90分钟'),
    '工资每个月几号打到卡上': (MD, r'工资每月15日发放至本人工资卡'),
    '校车到站了孩子还没下楼 最多等几分钟': (PDF, r'校车在站点停靠等候不超过2分钟'),
    '食堂每个菜留样得留多久': (PDF, r'每餐每个品种的成品留样.{0,30}保存48小时以上'),
    '新老师见习期多长': (PPTX, r'新教师的见习期为1年'),
    '新来的老师一学期得听多少节课': (PPTX, r'见习期内，新教师每学期听课不少于20节'),
    # condition
    '早上签到晚了二十分钟 扣多少钱': (MD, r'迟到15分钟以上、不满30分钟的，扣款80元'),
    '班上有个孩子晨检量出来三十七度八 咋处理': (MD, r'体温37\.3℃以上、不满38\.5℃的，由校医带到留观室复测'),
    '今年评教满意率九十二 教学质量奖能拿多少': (MD, r'满意率90%以上、不满95%的，奖励1000元'),
    '我家离学校八公里 坐校车一学期多少钱': (PDF, r'超过5公里、不超过10公里的，每学期1600元'),
    '校车堵在路上了 估计要晚二十分钟 得报给谁': (PDF, r'晚点10分钟以上、不满30分钟的，报告校区安全办公室'),
    '汇报课只打了七十八分 会咋样': (PPTX, r'汇报课评分在70分至84分的，延长见习期3个月'),
    '今天氣溫三十三度 體育課還能在操場上嗎': (MD, r'室外气温达到32℃、不满35℃的，户外体育课和大课间的户外活动时间不超过20分钟'),
    '班上有个学生连着四天没来了 也没请假 我该咋办': (MD, r'学生连续缺勤3天以上的，班主任应当家访或者约谈家长'),
    # yesno
    '周末给自己班上的学生补补课 收点钱行不': (MD, r'严禁有偿补课'),
    '考完试能把全班成绩排名发家长群里不': (MD, r'严禁在家长群公布学生考试成绩和排名'),
    '老師上課的時候可以滑手機嗎': (MD, r'上课期间不得使用手机，不得接打电话'),
    '校车座位坐满了 还有两个孩子 让他们站着坐一趟行不': (PDF, r'校车严禁超员，每名学生一个座位。座位坐满的，不得让学生站立乘车'),
    '有个家长说孩子过生日 想订个蛋糕送到教室分给全班 行吗': (PDF, r'学生过生日等活动不得在班级分发蛋糕'),
    '新老师第一年能自己带个班当班主任不': (PPTX, r'新教师见习期内不得单独担任班主任'),
    '孩子对花生过敏 能不能让他自己带饭': (PDF, r'学生因食物过敏.{0,60}由食堂提供替代餐；食堂无法提供的，经校区后勤主任同意，学生可以自带午餐'),
    '开学一个礼拜了 孩子的课后服务不想上了 还能退吗': (XLSX, r'课后服务费\s*自愿参加的学生.*?开学后两周内可以退出并按周退费'),
    # table
    '生活老师值一次夜班补多少': (MD, r'生活老师\s*450\s*85'),
    '班主任每个月岗位津贴多少': (MD, r'班主任\s*900\s'),
    '住校生晚饭一顿多少钱': (PDF, r'晚餐\s*住宿生和参加晚自习的学生\s*17:30\s*至\s*18:10\s*12元/餐'),
    '桂园校区值班电话多少': (XLSX, r'桂园校区\s*桂园区\s*桂园北路17号\s*严立成\s*58816201'),
    '七年级一个班最多能收多少人': (XLSX, r'七年级\s*初中部\s*\d+\s*\d+\s*45'),
    '初中部住宿费一学期交多少': (XLSX, r'住宿费\s*南山校区住宿生\s*3200\s*3600'),
    '新城校區的執行校長是誰': (XLSX, r'新城校区\s*高新区\s*新城二路5号\s*柯志航'),
    # fact
    '學校的總校長叫什麼名字': (MD, r'集团总校长为温景行'),
    '集团总值班室电话多少': (MD, r'集团总值班室实行24小时值班，值班电话58816000'),
    '家长要投诉该打哪个电话': (PDF, r'家长对校车和伙食有疑问或者投诉的，可以拨打家长服务热线58816999'),
    '管安全的副校长是谁': (MD, r'分管安全与后勤的副校长为鲍雅琴'),
    '校车这块归哪个部门管': (PDF, r'集团后勤保障部负责校车和食堂的统一管理'),
    '新老师培训期间有事请假找谁': (PPTX, r'中心主任是廖清扬。培训期间有任何问题，包括请假'),
    # faq
    '有家长硬塞给我一张购物卡 推都推不掉 咋整': (MD, r'答：婉言谢绝；无法当面退还的，交校区纪检监察员登记后退还'),
    '早上进校门忘了刷脸 咋补': (MD, r'答：当天在智慧校园平台提交补卡申请，由年级组长确认'),
    '放学好一会儿了 有个孩子家长还没来接 咋办': (MD, r'答：把学生带到校门口值班室等候'),
    '學生上課突然流鼻血 我該怎麼處理': (MD, r'答：安排一名学生陪同到校医室'),
    # multi
    '孩子半夜发高烧住院了 来不及提前两天请假 咋办': (MD, r'但本人或者家属突发急病住院.{0,40}可以先电话向年级组长请假，事后3个工作日内'),
    '孩子刚上一年级 头几天我能陪他坐校车不 不是说家长不能跟车吗': (PDF, r'家长不得跟车乘坐校车，但一年级新生开学第一周由家长陪同乘车的除外'),
    '孩子住院请了两个礼拜假 伙食费能退不 不是说学期中不退吗': (PDF, r'学期中不予退还，但学生因病连续请假5个上学日以上的除外，凭病假条按天退还'),
    '我小孩在本校唸書 校車費也能打折嗎': (MD, r'学费减免50%，但住宿费、校车费和伙食费不予减免'),
    # manual
    '密码输错了好几次账号被锁了 要等多久': (TXT, r'连续输错密码6次的，账号锁定25分钟'),
    '家长在APP上给娃请了假 我得多长时间内批': (TXT, r'为学生请假后，班主任须在45分钟内审批'),
    '晚上十点在平台上给家长发通知 家长啥时候能收到': (TXT, r'每天21:00至次日7:00期间发送的非紧急消息，平台先暂存，次日7:00统一推送'),
    '录成绩的时候弹出个E309 啥意思': (TXT, r'E309\s*录入分数超出该科目满分'),
    '成绩已经发给家长了 发现录错了一个 咋改': (TXT, r'成绩发布后发现错误的.{0,40}提交成绩更正申请.{0,30}经教务主任审批'),
    '智慧校園平台的密碼最少要設幾位': (TXT, r'新密码至少10位'),
}


if __name__ == '__main__':
    texts, variants, extra = load_deck_set(DOCS, MD, PDF, XLSX, PPTX, TXT, WRAP, PDF_KEYWORDS, XLSX_UNIT)
    check_anchors(QUESTIONS, ANCHORS, variants)
    check_questions(QUESTIONS, texts, variants, REFUSE_TERMS, TXT, NOTES_ONLY, extra)
