# Writes src/工时与配件价格表.fods (two sheets), converted to xlsx with LibreOffice Calc.
from xml.sax.saxutils import escape
sheets = {
 "工时价格": [
  ["项目", "车型级别", "工时费（元）", "备注"],
  ["更换机油、机油滤清器", "A级（禾阳S3、S5）", "120", "首保免收工时费"],
  ["更换机油、机油滤清器", "B级（禾阳S7、V7）", "150", "首保免收工时费"],
  ["四轮定位", "A级（禾阳S3、S5）", "180", "更换悬挂部件后的定位免费"],
  ["四轮定位", "B级（禾阳S7、V7）", "220", "更换悬挂部件后的定位免费"],
  ["更换前刹车片", "A级（禾阳S3、S5）", "150", "按一轴计，后刹车片同价"],
  ["更换前刹车片", "B级（禾阳S7、V7）", "200", "按一轴计，后刹车片同价"],
  ["空调系统清洗", "A级（禾阳S3、S5）", "260", "含清洗剂"],
  ["空调系统清洗", "B级（禾阳S7、V7）", "300", "含清洗剂"],
  ["发动机积碳清洗", "A级（禾阳S3、S5）", "380", "建议每40,000公里一次"],
  ["发动机积碳清洗", "B级（禾阳S7、V7）", "450", "建议每40,000公里一次"],
  ["全车打蜡", "A级（禾阳S3、S5）", "200", "金卡会员每年免费一次"],
  ["全车打蜡", "B级（禾阳S7、V7）", "260", "金卡会员每年免费一次"],
  ["更换蓄电池", "全部车型", "50", "旧电池由本店回收"],
  ["钣金喷漆（每面）", "全部车型", "600", "不含配件；前、后保险杠各按一面计"],
  ["补胎", "全部车型", "30", "金卡、银卡会员免费"],
  ["故障诊断（电脑检测）", "全部车型", "100", "当次在本店维修的，免收诊断费"],
 ],
 "授权审批": [
  ["岗位", "姓名", "分机", "单笔减免权限", "索赔审批权限", "备注"],
  ["服务顾问", "各服务顾问", "8201", "不满200元", "无", "减免原因须在工单中注明"],
  ["服务经理", "覃晓芸", "8206", "200元以上不满1,000元", "单笔5,000元以内", "回访不满意客户由其24小时内联系"],
  ["售后总监", "林嘉铭", "8202", "1,000元（含）以上不满5,000元", "单笔20,000元以内", "重大投诉2小时内上报至此"],
  ["总经理", "孟庆华", "8001", "5,000元及以上", "单笔超过20,000元", "须附书面报告"],
  ["索赔员", "邓文博", "8215", "无", "无审批权，负责提交索赔申请", "完工后3个工作日内提交"],
  ["客服主管", "严佳", "8230", "无", "无", "负责回访和投诉登记"],
 ],
}
out = ['<?xml version="1.0" encoding="UTF-8"?>',
 '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
 'office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">',
 '<office:body><office:spreadsheet>']
for name, rows in sheets.items():
    out.append(f'<table:table table:name="{escape(name)}">')
    for r in rows:
        out.append('<table:table-row>')
        for c in r:
            if c.isdigit():
                out.append(f'<table:table-cell office:value-type="float" office:value="{c}"><text:p>{c}</text:p></table:table-cell>')
            else:
                out.append(f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>')
        out.append('</table:table-row>')
    out.append('</table:table>')
out.append('</office:spreadsheet></office:body></office:document>')
open('src/工时与配件价格表.fods', 'w').write('\n'.join(out))
