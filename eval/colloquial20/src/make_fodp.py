#!/usr/bin/env python3
"""Write the flat ODP of the new-driver training deck; build.sh converts it to PPTX with LibreOffice Impress.

Each slide has a title, bullet points and speaker notes. Several figures appear
only in the notes.
usage: make_fodp.py OUT.fodp
"""
import sys
from xml.sax.saxutils import escape

SLIDES = [
    ("澄阳公交集团新驾驶员岗前培训",
     ["集团培训中心", "2024年版"],
     ["各位新同事好。本课件由集团培训中心编制，供新入职驾驶员岗前培训使用。每页下方的备注是讲课要点，很多具体要求只写在备注里，请大家课后自行复习。",
      "培训中心设在西岭车场二楼，培训中心主任是蒋蔚然。培训期间有任何问题，包括请假、调课和考核安排，都可以直接找蒋主任，电话66217260。"]),
    ("培训安排",
     ["第一阶段：理论培训", "第二阶段：实操训练", "第三阶段：跟车实习", "三个阶段完成后参加结业考核"],
     ["岗前培训分三个阶段。第一阶段是理论培训，共5天，在西岭车场二楼教室上课；第二阶段是实操训练，共10天，在西岭车场的模拟站台和坡道练习区进行。",
      "第三阶段是跟车实习，由车场安排带教师傅，跟车实习不少于20个工作日，实习期间不得单独驾驶载客车辆。三个阶段都完成后才能参加结业考核。"]),
    ("集团概况",
     ["五个车场：东郊、西岭、南湖、北站、高新", "七类线路", "运营调度中心24小时值班"],
     ["集团下设五个车场，线路分为普通线路、社区微循环线、快线、城乡线、夜班线路、旅游专线和定制公交七类。",
      "各线路的首末班时间、发车间隔和所属车场都可以在《线路与车场一览》中查到，上岗前请先熟悉本车场的线路。运营调度中心通过智能调度系统统一监控全部车辆，车场的线路调度员负责本车场线路的日常发车和临时调整。"]),
    ("出车前检查：一看二听三试",
     ["一看：车身、轮胎、灯光、仪表", "二听：电机和空调的声音", "三试：制动、车门、终端和刷卡机"],
     ["一看，是绕车一周，看轮胎、灯光、后视镜、车门和车身有无损伤，看仪表盘有无故障灯；二听，是启动后听电机和空调有无异响；三试，是试制动、试车门开关、试车载终端和刷卡机。",
      "检查中发现问题的，要在车载终端上报修，不得带故障出车。检查完毕后在终端上点选检查完成，才能接收发车指令。整个检查一般需要10分钟左右，所以签到一定不能迟。"]),
    ("进站与出站",
     ["提前减速，打右转向灯", "靠边停稳再开门", "车门关好、乘客站稳再起步"],
     ["进站要提前50米减速，打右转向灯，车身右侧距离站台边缘不超过20厘米，前门对准候车区。",
      "雨天站台边缘积水的，可以适当前移停靠，但不得停在路口或者人行横道上。站台已有车辆停靠的，在后方依次排队进站，不得在站台外第二排开门。出站前要确认车门关好、乘客站稳，再看左后视镜起步。"]),
    ("车载终端",
     ["刷员工卡签到", "接收并确认调度指令", "一键报警", "与调度员通话"],
     ["车载终端是大家和调度员之间的主要联系方式。上车后先刷员工卡签到，签到后终端会显示当天的班次和发车时间。",
      "调度员发来的指令要点确认，不确认的系统会反复提醒。遇到紧急情况，按下终端右下角的红色一键报警按钮，调度台会立即收到车辆位置。行车中不要操作终端，到站播报是自动进行的。"]),
    ("乘客服务",
     ["文明用语，耐心解释", "照顾老、弱、病、残、孕乘客", "票务问题按《票务规则》处理"],
     ["优惠卡、儿童票和扫码乘车的规定以《票务规则》为准，大家至少要记住身高标尺的用法和各类优惠卡的样子。刷卡机提示卡片异常的，请乘客到车场服务窗口处理，不要在车上扣留乘客的卡。",
      "遇到乘客拿不出钱或者逃票的，不要和乘客争执，把情况报给调度员，由稽查员处理。车上的每一位乘客都可能成为投诉人，说话要耐心。"]),
    ("安全驾驶要点",
     ["控制车速", "保持跟车距离", "转弯防内轮差", "恶劣天气谨慎驾驶"],
     ["市区道路最高时速50公里，进出车场时速不超过5公里。城市道路跟车距离不少于40米，雨雪天气加倍。",
      "右转弯时要停车观察右侧的非机动车和行人，防止内轮差事故。路面积水和恶劣天气的处理标准见员工手册，不要凭经验冒险涉水。"]),
    ("雨雾冰雪天气行车",
     ["开启灯光，降低车速", "加大跟车距离", "随时报告路况"],
     ["大雾天气能见度低于100米的，开启雾灯和近光灯，时速不超过30公里；能见度低于50米的，时速不超过20公里，并通过车载终端报告调度员，由调度员决定是否暂停发车。",
      "冰雪天气起步要轻踩电门，弯道和桥面提前减速，不得急打方向。路面积水的通行标准员工手册里写得很清楚，请大家一定背下来。"]),
    ("突发事件处置",
     ["车辆起火", "乘客突发急病", "交通事故"],
     ["车辆起火时，第一时间靠边停车、打开全部车门疏散乘客，再用车上的灭火器灭火。每辆车配有2具灭火器，分别在驾驶座后方和后门旁边。",
      "车门打不开时，用车窗旁的安全锤击破车窗的四个角。乘客突发急病的，停车后拨打120并报告调度员。发生交通事故的，按员工手册的规定报警并保护现场。"]),
    ("带教与跟车实习",
     ["车场选派带教师傅", "跟车实习期间的要求"],
     ["带教师傅由车场从安全驾驶满8年、近3年没有责任事故的驾驶员中选派，每名师傅同时最多带2名新驾驶员。",
      "实习期间由师傅驾驶，新驾驶员在调度员同意后，可以在空车回场时在师傅陪同下练习驾驶。实习结束时师傅要填写实习鉴定表，写明新驾驶员熟悉了哪些线路、还有哪些不足，鉴定表是转正的重要依据。"]),
    ("结业考核",
     ["理论考试", "实操考核", "考核结果"],
     ["结业考核包括理论考试和实操考核，满分各100分。两项都达到85分以上的为合格，可以独立上岗。",
      "任何一项在70分至84分的，可以在7日内补考一次；任何一项低于70分的，延长跟车实习10个工作日后重新考核。补考仍不合格的，按试用期考核不合格处理。"]),
    ("独立上岗以后",
     ["排班", "安全积分", "带教师傅回访"],
     ["独立上岗后的前3个月，车场不得安排新驾驶员驾驶夜班线路和快线，也不安排其单独驾驶双层车型。",
      "前3个月内每月由带教师傅随车回访一次，回访发现问题的及时纠正。安全积分的扣分和处理见员工手册。"]),
    ("服务礼仪",
     ["统一着装，佩戴工号牌", "主动问候，耐心答问", "车厢整洁"],
     ["上岗必须穿着集团统一发放的工作服，佩戴工号牌，不得穿拖鞋或者背心上岗。夏季工作服和冬季工作服的换季时间由车场统一通知。",
      "乘客问路的要耐心回答，自己不清楚的，可以请乘客拨打96178查询，不要随口乱指。每个单程到达终点站后，要利用停站时间检查车厢，清理座位上的垃圾和遗留物品。"]),
    ("收车与充电",
     ["回场登记", "停车并接入充电", "交回钥匙"],
     ["末班收车回场后，先在车场门岗刷卡登记，再把车停到指定车位。电量低于40%的车辆须当晚接入充电桩，充电枪插好后要在车载终端上确认充电已经开始。",
      "车上发现乘客遗失物品的，收车后交车场值班室登记。离车前关闭总电源、关好车窗、锁好车门，把钥匙交回值班室后才能离开车场。"]),
    ("试用期须知",
     ["试用期", "考勤与请假", "转正"],
     ["新驾驶员试用期为6个月，从入职之日起计算。试用期内的签到、请假和迟到扣款与正式员工相同，具体见员工手册。",
      "试用期内累计迟到3次以上或者安全积分扣6分以上的，不予转正。试用期满前半个月，由车场根据带教师傅的鉴定和考勤情况提出转正意见，报人力资源部审核。"]),
    ("新驾驶员常见错误",
     ["带故障出车", "站外开门", "行车中看手机", "与乘客争执"],
     ["这是近两年新驾驶员最常见的四类错误，每一类都会扣安全积分，有的还会被乘客投诉。带故障出车大多是因为出车前检查走过场；行车中看手机大多是想看导航或者消息，这在员工手册里是严禁的。",
      "特别提醒：乘客在站外要求下车的，要耐心解释，不能图省事开门。"]),
    ("联系方式",
     ["运营调度中心：66217000", "乘客服务热线：96178", "培训中心：66217260"],
     ["培训结束后请保存好这份课件。日常工作中遇到制度问题先查员工手册，票务问题查票务规则，系统操作问题查智能调度系统操作手册。行车中遇到紧急情况，不要先打电话，先用车载终端报告调度员。"]),
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
