#!/usr/bin/env python3
"""Write 前台系统操作指南.fodp (flat ODP) for LibreOffice Impress to convert to PPTX.

Usage: python3 make_pptx.py  (writes src/前台系统操作指南.fodp next to this script)
Then:  soffice --headless --convert-to pptx --outdir ../docs 前台系统操作指南.fodp
"""
import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from colloquialmake import NS  # noqa: E402 (the ODF namespaces the colloquial sets' decks declare)

# (title, [bullets], notes or None).  The first slide is a title slide; its
# "bullets" are subtitle lines.
SLIDES = [
    ("沐光健身 MG-Desk前台系统操作指南",
     ["新员工上岗培训课件（MG-Desk 3.2版）",
      "编制：人力资源部、信息技术部　　适用：全部门店前台接待、销售顾问及店长",
      "配套文件：《员工手册》《会员与课程价目》"],
     "本课件配合《员工手册》第六章“会员服务规范”使用，培训时长约九十分钟。讲解时请结合门店前台的实际电脑演示每一步操作，培训结束后学员须在员工端完成上岗测试。"),

    ("一、系统简介与登录",
     ["MG-Desk是沐光健身全部门店统一使用的会员与前台管理系统，分为前台端、教练端和员工端",
      "登录账号为本人工号，初始密码为工号后6位，首次登录必须修改密码",
      "连续输错密码6次，账号自动锁定，锁定期间无法登录",
      "前台端连续15分钟无操作将自动退出登录，离开前台时请主动锁屏",
      "严禁将本人账号借给他人使用，系统中所有操作均按账号记录责任人"],
     "账号被锁定后不要反复尝试，请店长在管理端为你解锁，解锁后须立即重新设置密码。新密码不能与前三次使用过的密码相同。"),

    ("二、会员签到入场",
     ["支持三种签到方式：实体卡刷卡、人脸识别、会员小程序二维码",
      "门店营业时间为6:00至23:00，签到成功时屏幕显示绿色，失败时显示红色并给出错误代码",
      "同一会员两次签到间隔须满2小时，用于防止一卡多人使用",
      "次卡会员每次签到系统自动扣减1次，剩余次数显示在签到结果页",
      "早鸟卡仅能在规定时段签到，超出时段系统会直接拒绝"],
     "晚上到22:30以后，系统自动关闭新的入场签到，已经在馆内的会员不受影响，可以正常训练到闭店。遇到会员晚上十点多赶来要求入场的，请礼貌解释，并提醒会员第二天早上六点开门。"),

    ("三、访客与体验",
     ["新访客凭手机号可领取免费体验券1张，每个手机号限用1次",
      "访客入场须登记有效身份证件，并由销售顾问全程陪同参观",
      "员工亲友体验券在“访客—亲友券”菜单中核销，核销时须录入员工工号",
      "体验结束后24小时内，销售顾问须在系统中填写跟进记录"],
     "体验券领取后7天内有效，过期自动失效。访客未满十八周岁的，须由监护人陪同入场并签署知情同意书；同一手机号再次来访的，只能按付费单次入场办理。"),

    ("四、会员卡冻结",
     ["菜单路径：会员 → 卡务 → 冻结",
      "可冻结天数和次数以《会员与课程价目》“会员卡”表为准，月卡和次卡不能冻结",
      "每次冻结不少于7天，系统默认冻结天数为7天，可手动调整",
      "冻结期间有效期自动顺延，冻结期满系统自动解冻",
      "会员在冻结期间到店签到的，系统自动提前解冻，剩余的冻结天数作废"],
     "常见投诉：会员以为冻结后随时可以恢复而且天数保留。办理冻结前务必向会员说明提前解冻后剩余天数作废，并让会员在平板上签字确认。"),

    ("五、转卡办理",
     ["仅半年卡、年卡、两年卡可以转让，其他卡种在系统中不显示“转让”按钮",
      "转卡手续费200元，由转出方支付，收款后系统才会生成转让单",
      "剩余有效期不足30天的会员卡不能转让",
      "每张会员卡只能转让1次，受让人须本人到店录入人脸",
      "菜单路径：会员 → 卡务 → 转让"],
     "转卡最容易出错的是收错手续费的对象：手续费由转出方支付，不是受让人。转让成功后，原持卡人的人脸信息会被系统自动删除，原持卡人再来就只能按访客办理。"),

    ("六、退款办理",
     ["开卡7天内未签到的，可全额退款（活动特价卡除外）",
      "超过7天或已经签到的，按剩余天数折算退款，并扣除已赠送私教课的费用和10%的手续费",
      "退款审核权限：1000元以下由店长审核；1000元（含）至5000元（不含）由区域经理审核；5000元及以上由财务总监审核",
      "退款按原支付方式退回，一般3至7个工作日到账",
      "菜单路径：财务 → 退款申请"],
     "退款单提交后审核人会收到系统消息，超过48小时未审核的，系统会自动提醒上一级审核人。前台不得私下用现金给会员退款。"),

    ("七、储物柜租赁",
     ["长租柜：月租60元，季租160元，年租580元",
      "长租柜押金100元，退柜时原路退还；钥匙遗失的赔偿80元",
      "临时柜免费使用，每天23:00系统自动清柜",
      "清柜时发现的遗留物品由前台登记，保存15天后统一处理",
      "菜单路径：增值服务 → 储物柜"],
     "会员续租长租柜须在到期前3天内办理，逾期没有续租的，前台须在店长或会员在场的情况下开柜清点，物品拍照后登记保管。"),

    ("八、私教课签单与核销",
     ["私教课程包的节数、价格和适用教练等级见《会员与课程价目》“私教课程包”表，任何人不得私自改价",
      "签单后系统自动生成电子合同，并向会员发送短信确认",
      "每节课结束后，会员在小程序扫码确认核销；会员未确认的课时不计入教练课时",
      "会员取消已预约的私教课须提前12小时，否则视为已上课并扣除课时",
      "员工本人购买课程包须在签单时勾选“员工价”，由店长审核"],
     "教练私下改价或者口头承诺额外赠课的，一经查实按《员工手册》有关规定处理。会员对已扣课时有异议的，前台可在“课程—核销记录”中调出扫码时间给会员核对。"),

    ("九、常见错误代码（一）",
     ["E101：会员卡已过期，请引导会员续卡，不得手动放行",
      "E102：会员卡处于冻结状态，确认会员本人同意后办理解冻",
      "E204：人脸识别失败，请会员摘下帽子或口罩重试，仍失败的改用刷卡或二维码签到",
      "E305：次卡次数已用完，请引导会员续卡",
      "E306：两次签到间隔不足2小时"],
     "冬天会员戴帽子、围巾时人脸识别的成功率会明显下降，可以提醒会员在前台重新录入人脸照片。出现E305时，先在签到结果页确认剩余次数，再向会员介绍合适的卡种。"),

    ("十、常见错误代码（二）",
     ["E407：网络中断，前台端自动切换为离线模式",
      "E509：小票打印机未连接，请检查数据线和电源",
      "E610：现金收款超过单笔上限，请改用扫码或刷卡支付",
      "E701：会员卡时段不符（早鸟卡在规定时段以外签到）",
      "出现列表以外的错误代码，请截图后联系信息技术部"],
     "打印机经常卡纸的门店，先关闭打印机电源，打开后盖取出纸屑，不要硬拽。系统自己解决不了的问题，拨打信息技术部服务热线分机8008，工作日9:00至18:00有人值守，夜间紧急故障请打店长电话。"),

    ("十一、离线模式",
     ["网络中断时前台端自动切换为离线模式，屏幕右上角显示橙色“离线”标志",
      "离线模式下只能办理签到，不能办卡、转卡、退款或租柜",
      "离线状态下最多缓存500条签到记录，超出后无法继续签到",
      "网络恢复后系统自动同步离线记录，同步完成前请勿关机或退出登录"],
     None),

    ("十二、限额与默认值",
     ["单笔现金收款上限5000元，超出部分须使用扫码或刷卡支付",
      "每班前台现金备用金为500元，交班时须当面清点",
      "交接班现金差额超过20元的，须在系统中填写差异说明",
      "小票默认打印1联，会员需要时可在订单详情中补打",
      "会员小程序签到二维码每60秒自动刷新一次"],
     "备用金由店长每周一统一补足。会员用现金支付大额费用时，请先提醒会员改用扫码支付，避免前台存放过多现金。"),

    ("十三、交接班与日结",
     ["每次交接班须清点现金、长租柜钥匙和未核销的体验券",
      "晚班须在23:10前完成当日日结并上传，日结报表自动发送至店长邮箱",
      "日结未完成的，系统次日早上无法开班",
      "交接过程中发现的异常须在系统“交班备注”中记录"],
     "日结时最常见的错误是漏记手工收款。请记住：所有收款都必须在系统中下单，系统以外的收款一律视为违规。"),

    ("十四、上岗测试与帮助",
     ["完成本课件学习后，在员工端参加上岗测试，80分及格，不及格的可在三天后补考一次",
      "考勤、假期、提成等规定以《员工手册》为准",
      "卡种价格、私教课程包和教练等级以《会员与课程价目》为准",
      "本课件如有更新，以信息技术部在系统公告中发布的最新版本为准"],
     "上岗测试从题库中随机抽取三十道题，覆盖签到、冻结、转卡、退款、储物柜和错误代码六个部分，考试时间四十分钟，中途退出按交卷处理。"),
]

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document %s office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:styles>
 <style:style style:name="standard" style:family="graphic"/>
 <style:presentation-page-layout style:name="AL1T1">
  <presentation:placeholder presentation:object="title" svg:x="1.4cm" svg:y="0.6cm" svg:width="25.2cm" svg:height="2.4cm"/>
  <presentation:placeholder presentation:object="outline" svg:x="1.4cm" svg:y="3.4cm" svg:width="25.2cm" svg:height="11.4cm"/>
 </style:presentation-page-layout>
 <style:presentation-page-layout style:name="AL0T1">
  <presentation:placeholder presentation:object="title" svg:x="1.4cm" svg:y="0.6cm" svg:width="25.2cm" svg:height="2.4cm"/>
  <presentation:placeholder presentation:object="subtitle" svg:x="1.4cm" svg:y="4.2cm" svg:width="25.2cm" svg:height="8cm"/>
 </style:presentation-page-layout>
 <style:style style:name="Default-title" style:family="presentation"><style:graphic-properties draw:fill="none" draw:stroke="none"/><style:text-properties fo:font-size="30pt"/></style:style>
 <style:style style:name="Default-subtitle" style:family="presentation"><style:graphic-properties draw:fill="none" draw:stroke="none"/><style:text-properties fo:font-size="18pt"/></style:style>
 <style:style style:name="Default-outline1" style:family="presentation"><style:graphic-properties draw:fill="none" draw:stroke="none"/><style:text-properties fo:font-size="18pt"/></style:style>
 <style:style style:name="Default-notes" style:family="presentation"><style:graphic-properties draw:fill="none" draw:stroke="none"/><style:text-properties fo:font-size="12pt"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="PM1">
  <style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>
 </style:page-layout>
 <style:page-layout style:name="PM2">
  <style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"/>
 </style:page-layout>
 <style:style style:name="dp1" style:family="drawing-page"/>
 <style:style style:name="Ptitle" style:family="paragraph"><style:text-properties fo:font-size="30pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Pbody" style:family="paragraph"><style:text-properties fo:font-size="18pt"/></style:style>
 <style:style style:name="Pnote" style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Default" style:page-layout-name="PM1" draw:style-name="dp1">
  <draw:frame presentation:style-name="Default-title" presentation:class="title" presentation:placeholder="true" svg:x="1.4cm" svg:y="0.6cm" svg:width="25.2cm" svg:height="2.4cm"><draw:text-box/></draw:frame>
  <draw:frame presentation:style-name="Default-outline1" presentation:class="outline" presentation:placeholder="true" svg:x="1.4cm" svg:y="3.4cm" svg:width="25.2cm" svg:height="11.4cm"><draw:text-box/></draw:frame>
  <presentation:notes style:page-layout-name="PM2">
   <draw:page-thumbnail presentation:class="page" svg:x="2cm" svg:y="2cm" svg:width="17cm" svg:height="9.5cm"/>
   <draw:frame presentation:style-name="Default-notes" presentation:class="notes" presentation:placeholder="true" svg:x="2cm" svg:y="13cm" svg:width="17cm" svg:height="13cm"><draw:text-box/></draw:frame>
  </presentation:notes>
 </style:master-page>
</office:master-styles>
<office:body>
<office:presentation>
''' % NS

TAIL = '''</office:presentation>
</office:body>
</office:document>
'''


def frame(cls, x, y, w, h, inner):
    style = "Default-outline1" if cls == "outline" else "Default-" + cls
    return ('<draw:frame presentation:style-name="%s" presentation:class="%s" presentation:user-transformed="true" '
            'svg:x="%s" svg:y="%s" svg:width="%s" svg:height="%s">'
            '<draw:text-box>%s</draw:text-box></draw:frame>\n' % (style, cls, x, y, w, h, inner))


def para(t, style):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, escape(t))


def main():
    out = [HEAD]
    for i, (title, bullets, notes) in enumerate(SLIDES, 1):
        out.append('<draw:page draw:name="slide%d" draw:master-page-name="Default" draw:style-name="dp1" '
                   'presentation:presentation-page-layout-name="%s">\n' % (i, "AL0T1" if i == 1 else "AL1T1"))
        out.append(frame("title", "1.4cm", "0.6cm", "25.2cm", "2.4cm", para(title, "Ptitle")))
        if i == 1:
            out.append(frame("subtitle", "1.4cm", "4.2cm", "25.2cm", "8cm",
                             ''.join(para(b, "Pbody") for b in bullets)))
        else:
            items = ''.join('<text:list-item>%s</text:list-item>' % para(b, "Pbody") for b in bullets)
            out.append(frame("outline", "1.4cm", "3.4cm", "25.2cm", "11.4cm",
                             '<text:list>%s</text:list>' % items))
        if notes:
            out.append('<presentation:notes draw:style-name="dp1">\n')
            out.append('<draw:page-thumbnail presentation:class="page" svg:x="2cm" svg:y="2cm" '
                       'svg:width="17cm" svg:height="9.5cm" draw:page-number="%d"/>\n' % i)
            out.append(frame("notes", "2cm", "13cm", "17cm", "13cm", para(notes, "Pnote")))
            out.append('</presentation:notes>\n')
        out.append('</draw:page>\n')
    out.append(TAIL)
    path = os.path.join(HERE, "前台系统操作指南.fodp")
    with open(path, "w", encoding="utf-8") as f:
        f.write(''.join(out))
    print("wrote", path, len(SLIDES), "slides")


if __name__ == "__main__":
    main()
