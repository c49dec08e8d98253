#!/usr/bin/env python3
"""Write the flat ODP of the new-teacher training deck; build.sh converts it to PPTX with LibreOffice Impress.

Each slide has a title, bullet points and speaker notes. Several figures appear
only in the notes.
usage: make_fodp.py OUT.fodp
"""
import sys
from xml.sax.saxutils import escape

SLIDES = [
    ("知行学校新教师入职培训",
     ["集团教师发展中心", "2024年秋季版"],
     ["各位新同事好，欢迎加入鹭川知行教育集团。本课件由集团教师发展中心编制，供新入职教师入职培训使用。每页下方的备注是讲课要点，很多具体要求只写在备注里，请大家课后自行复习。",
      "教师发展中心设在滨江校区行政楼三楼，中心主任是廖清扬。培训期间有任何问题，包括请假、调课和考核安排，都可以直接找廖主任，电话58816066。"]),
    ("培训安排",
     ["第一阶段：集中培训", "第二阶段：校区跟岗", "第三阶段：见习上岗", "见习期满参加转正考核"],
     ["入职培训分三个阶段。第一阶段是集中培训，共5天，在滨江校区行政楼三楼培训室进行，内容包括集团制度、学生安全、家校沟通和智慧校园平台操作。",
      "第二阶段是校区跟岗，共2周，新教师跟随本学科的师傅听课、批改作业和参加教研活动。第三阶段是见习上岗，新教师的见习期为1年，从入职之日起计算，见习期满参加转正考核。"]),
    ("集团概况",
     ["四个校区：滨江、桂园、南山、新城", "一至九年级", "集团总值班室24小时值班"],
     ["集团举办的知行学校是九年一贯制民办学校，四个校区中只有南山校区设有学生宿舍，桂园校区只设小学部。",
      "各校区的年级、班级数量、到校和放学时间都可以在《校区与班级一览》中查到，上岗前请先熟悉本校区的作息。集团总值班室的电话请存在手机里，遇到紧急情况随时可以打。"]),
    ("师徒结对",
     ["每位新教师配一名师傅", "听课与被听课", "师傅的鉴定意见"],
     ["每位新教师由校区指定一名同学科的骨干教师担任师傅，师傅须有8年以上教龄，每名师傅同时最多带2名新教师。",
      "见习期内，新教师每学期听课不少于20节，其中听师傅的课不少于10节；师傅每月至少听新教师的课2节，并在平台填写听课记录。见习期满时，师傅要填写鉴定意见，写明新教师的优点和不足，鉴定意见是转正的重要依据。师徒之间有矛盾、确实无法继续结对的，可以向校区教务主任申请更换师傅。"]),
    ("备课与上课",
     ["提前一周备课", "课前候课", "不拖堂"],
     ["教案要提前一周完成，新教师的教案由师傅每周检查签字，师傅签字后才能上课。",
      "上课铃响前2分钟到教室门口候课，下课铃响后不得拖堂，课间要让学生离开座位活动。上课期间手机一律静音，放在讲台抽屉里，具体规定见教职工手册。"]),
    ("作业与批改",
     ["控制作业总量", "全批全改", "及时反馈"],
     ["书面作业总量按年级控制，一、二年级不布置书面家庭作业，三年级以上的上限见教职工手册，同一班级各科作业由班主任统筹，避免同一天集中布置。",
      "作业要全批全改，一般在下一节课前发还，作文可以在一周内发还。批改要写评语，不要只打勾叉，错题要督促学生订正。周末作业量的要求也写在手册里，新教师布置周末作业前最好先和师傅商量。"]),
    ("班主任工作",
     ["晨检与考勤", "班会与家访", "副班主任的职责"],
     ["新教师见习期内不得单独担任班主任，由师傅或者其他有经验的教师担任正班主任，新教师担任副班主任，协助做晨检、考勤和家校沟通。",
      "副班主任每周至少参加一次班会，每学期在正班主任带领下完成不少于5户家访。见习期满考核合格后，由校区根据需要安排担任班主任。"]),
    ("学生安全",
     ["晨检与体温", "课间巡查", "放学交接"],
     ["晨检体温的处理标准和放学交接的规定都写在教职工手册第四章里，请大家一定背下来。课间每层楼有一名值周教师巡查，轮到值周的不得离开本楼层。",
      "学生在课堂上受伤或者身体不适的，先安排学生到校医室，再通知班主任。任何情况下都不得让学生单独离开校园。"]),
    ("家校沟通",
     ["统一使用平台", "一对一推送成绩", "耐心答复家长"],
     ["和家长联系一律使用智慧校园平台，不要用个人微信群布置作业或者通知事项。成绩只能一对一推送，不得在群里公布排名。",
      "家长在平台上的留言，原则上当天答复，答复不了的告诉家长什么时候给答复。不要在晚上很晚的时候给家长发消息，确有急事的直接打电话。家长情绪激动的，不要在电话里争论，记下诉求后报告年级组长。新教师第一次给家长打电话前，可以请师傅先听一听要说的内容。"]),
    ("智慧校园平台",
     ["人脸签到", "成绩录入", "家校消息", "请假审批"],
     ["平台账号在集中培训第一天发放，账号就是本人工号，首次登录要修改密码。密码要求和锁定规则见智慧校园平台操作手册。",
      "平台上的学生信息和成绩属于个人信息，不得截图转发，离开电脑要锁屏。平台出现故障代码的，先按操作手册处理，处理不了的打信息中心值班电话。"]),
    ("公开课与汇报课",
     ["每学期一次公开课", "见习期满前一次汇报课", "评课"],
     ["新教师每学期上一次校区公开课，由教研组长组织本学科教师听课评课。见习期满前一个月，上一次汇报课，由教师发展中心组织三名评委打分。",
      "汇报课评分是转正考核的主要部分，评分标准在集中培训时发放，内容包括教学目标、课堂组织、学生参与和板书。"]),
    ("转正考核",
     ["汇报课评分", "师傅鉴定意见", "考核结果"],
     ["转正考核以汇报课评分为主，结合师傅鉴定意见和考勤情况。汇报课评分85分以上、师傅鉴定合格的，按期转正。",
      "汇报课评分在70分至84分的，延长见习期3个月，期满后重新上一次汇报课；评分低于70分的，不予转正，按见习期考核不合格处理。见习期内累计迟到5次以上的，也不予转正。"]),
    ("师德红线",
     ["不得有偿补课", "不得收受礼品", "不得体罚学生"],
     ["这几条是集团的师德红线，写在教职工手册里，新教师一条都不能碰。近两年有老师因为给本班学生有偿补课被解聘，请大家引以为戒。体罚和变相体罚同样是红线，罚站、罚抄作业都算在内，学生违纪的，先交给班主任处理。",
      "家长送礼的，要婉言谢绝，实在推不掉的按手册交给校区登记后退还，不要自己收下再想办法。"]),
    ("校车与食堂",
     ["随车照管", "陪餐", "食品安全"],
     ["校车和食堂的规定见校车与食堂管理规定。新教师可能被安排轮流陪餐，陪餐时和学生吃一样的饭菜，陪餐后要在平台填写记录。",
      "学生过生日家长要送蛋糕到班上的，要耐心解释学校的规定，不能收。学生在食堂出现呕吐、腹痛等情况的，立即送校医室并报告年级组长。"]),
    ("应急疏散",
     ["火灾疏散", "地震避险", "集合清点"],
     ["每学期每个校区组织两次应急疏散演练。听到警报后，任课教师负责本节课所在班级的疏散，按墙上的疏散路线图带学生到操场指定位置集合。",
      "到达集合点后立即清点人数，向年级组长报告实到人数，发现学生不在的，不要自己返回楼内寻找，报告后由保安和消防人员处理。演练结束后，各班在平台填写演练记录，写明用时和发现的问题。"]),
    ("考勤与请假",
     ["人脸签到", "请假审批", "调课与代课"],
     ["新教师的签到、请假和迟到扣款与其他教职工相同，具体见教职工手册第二章。请假有课的要同时提交调课安排，没有安排好调课的不予批准。",
      "集中培训期间请假的，要先找教师发展中心批准，缺课超过一天的须在下一期培训中补上。"]),
    ("新教师常见问题",
     ["课堂纪律失控", "作业量过大", "与家长沟通不当", "忘记签到"],
     ["这是近两年新教师最常遇到的四类问题。课堂纪律失控的，多请师傅来听课，学习师傅的课堂组织办法，不要用罚站来维持纪律。",
      "作业量过大的，和班主任商量统筹安排。忘记签到的，当天在平台补卡，补卡次数有限制，请大家养成进校门就刷脸的习惯。"]),
    ("联系方式",
     ["集团总值班室：58816000", "家长服务热线：58816999", "信息中心：58816088"],
     ["培训结束后请保存好这份课件。日常工作中遇到制度问题先查教职工手册，校车和伙食问题查校车与食堂管理规定，平台操作问题查智慧校园平台操作手册。遇到学生安全方面的紧急情况，先保护学生，再打电话报告。"]),
]

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"')


def page(i, title, bullets, notes):
    items = ''.join('<text:list-item><text:p>%s</text:p></text:list-item>' % escape(b) for b in bullets)
    note = ''.join('<text:p>%s</text:p>' % escape(n) for n in notes)
    return (
        '<draw:page draw:name="slide%d" draw:master-page-name="Default" '
        'presentation:presentation-page-layout-name="AL1T1">' % i
        + '<draw:frame presentation:style-name="Default-title" draw:layer="layout" presentation:class="title" '
          'svg:x="1cm" svg:y="0.6cm" svg:width="26cm" svg:height="2.4cm">'
          '<draw:text-box><text:p>%s</text:p></draw:text-box></draw:frame>' % escape(title)
        + '<draw:frame presentation:style-name="Default-outline1" draw:layer="layout" presentation:class="outline" '
          'svg:x="1.5cm" svg:y="3.5cm" svg:width="25cm" svg:height="11cm">'
          '<draw:text-box><text:list>%s</text:list></draw:text-box></draw:frame>' % items
        + '<presentation:notes>'
          '<draw:page-thumbnail draw:layer="layout" presentation:class="page" svg:x="2cm" svg:y="2cm" '
          'svg:width="17cm" svg:height="9.6cm" draw:page-number="%d"/>' % i
        + '<draw:frame presentation:style-name="Default-notes" draw:layer="layout" presentation:class="notes" '
          'svg:x="2cm" svg:y="12.5cm" svg:width="17cm" svg:height="13cm">'
          '<draw:text-box>%s</draw:text-box></draw:frame>' % note
        + '</presentation:notes></draw:page>')


def main():
    out = sys.argv[1]
    parts = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<office:document %s office:version="1.3" '
             'office:mimetype="application/vnd.oasis.opendocument.presentation">' % NS,
             '<office:styles>'
             '<style:style style:name="Default-title" style:family="presentation">'
             '<style:paragraph-properties fo:text-align="start"/>'
             '<style:text-properties fo:font-size="32pt" style:font-size-asian="32pt"/></style:style>'
             '<style:style style:name="Default-outline1" style:family="presentation">'
             '<style:text-properties fo:font-size="24pt" style:font-size-asian="24pt"/></style:style>'
             '<style:style style:name="Default-notes" style:family="presentation">'
             '<style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>'
             '</office:styles>',
             '<office:automatic-styles><style:page-layout style:name="PM1"><style:page-layout-properties '
             'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" '
             'fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>'
             '</style:page-layout>'
             '<style:page-layout style:name="PM0"><style:page-layout-properties '
             'fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" '
             'fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"/>'
             '</style:page-layout></office:automatic-styles>',
             '<office:master-styles><style:master-page style:name="Default" style:page-layout-name="PM1">'
             '<draw:frame presentation:style-name="Default-title" draw:layer="backgroundobjects" '
             'presentation:class="title" presentation:placeholder="true" '
             'svg:x="1cm" svg:y="0.6cm" svg:width="26cm" svg:height="2.4cm"><draw:text-box/></draw:frame>'
             '<draw:frame presentation:style-name="Default-outline1" draw:layer="backgroundobjects" '
             'presentation:class="outline" presentation:placeholder="true" '
             'svg:x="1.5cm" svg:y="3.5cm" svg:width="25cm" svg:height="11cm"><draw:text-box/></draw:frame>'
             '<presentation:notes style:page-layout-name="PM0">'
             '<draw:page-thumbnail draw:layer="backgroundobjects" presentation:class="page" '
             'svg:x="2cm" svg:y="2cm" svg:width="17cm" svg:height="9.6cm"/>'
             '<draw:frame presentation:style-name="Default-notes" draw:layer="backgroundobjects" '
             'presentation:class="notes" presentation:placeholder="true" '
             'svg:x="2cm" svg:y="12.5cm" svg:width="17cm" svg:height="13cm"><draw:text-box/></draw:frame>'
             '</presentation:notes></style:master-page></office:master-styles>',
             '<office:body><office:presentation>']
    for i, (title, bullets, notes) in enumerate(SLIDES, 1):
        parts.append(page(i, title, bullets, notes))
    parts.append('</office:presentation></office:body></office:document>')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(parts) + '\n')


if __name__ == '__main__':
    main()
