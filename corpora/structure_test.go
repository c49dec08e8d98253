package corpora

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// partAt is the part a rune offset falls in.
func partAt(parts []Part, at int) Part {
	var p Part
	for _, q := range parts {
		if q.Start <= at {
			p = q
		}
	}
	return p
}

func runeIndex(text, sub string) int {
	i := strings.Index(text, sub)
	if i < 0 {
		return -1
	}
	return len([]rune(text[:i]))
}

func TestMarkdownSections(t *testing.T) {
	text := "# 员工手册\n\n引言。\n\n## 一、年假\n\n满一年可休五天。\n\n### 申请\n\n提前三天申请。\n\n## 二、差旅\n\n| 城市 | 每晚上限 |\n|---|---|\n| 上海 | 650元 |\n| 北京 | 600元 |\n\n表后的话。\n\n```\n# 不是标题\n```\n"
	docs, err := Parse(File{Path: "h.md", ID: "h.md"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	for _, c := range []struct {
		at, section string
		row         bool
		header      string
	}{
		{"引言", "员工手册", false, ""},
		{"满一年", "员工手册 › 一、年假", false, ""},
		{"提前三天", "员工手册 › 一、年假 › 申请", false, ""},
		{"| 上海", "员工手册 › 二、差旅", true, "城市 | 每晚上限"},
		{"| 北京", "员工手册 › 二、差旅", true, "城市 | 每晚上限"},
		{"表后", "员工手册 › 二、差旅", false, ""},
		{"# 不是标题", "员工手册 › 二、差旅", false, ""},
	} {
		p := partAt(d.Parts, runeIndex(d.Text, c.at))
		if got := SectionPath(p.Section); got != c.section || p.Row != c.row || p.Header != c.header {
			t.Errorf("%q: section %q row %v header %q; want %q %v %q", c.at, got, p.Row, p.Header, c.section, c.row, c.header)
		}
	}
}

func TestNumberedSections(t *testing.T) {
	text := "公司制度汇编\n第一章 总则\n第一条 为规范管理，制定本制度。\n一、适用范围\n本制度适用于全体员工。\n二、假期\n（一）年假\n工龄满一年的员工可休年假五天。\n第二章 附则\n本制度自发布之日起施行。\n"
	docs, err := Parse(File{Path: "z.txt", ID: "z.txt"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	for _, c := range []struct{ at, section string }{
		{"第一条 为规范", "第一章 总则"}, // a 条 with its sentence is text, not a heading
		{"本制度适用", "第一章 总则 › 一、适用范围"},
		{"工龄满一年", "第一章 总则 › 二、假期 › （一）年假"},
		{"本制度自发布", "第二章 附则"},
	} {
		if got := SectionPath(partAt(d.Parts, runeIndex(d.Text, c.at)).Section); got != c.section {
			t.Errorf("%q: section %q; want %q", c.at, got, c.section)
		}
	}
}

func TestHTMLSections(t *testing.T) {
	page := `<html><head><title>差旅制度</title></head><body>
<h1>差旅制度</h1><p>总则。</p>
<h2>住宿标准</h2>
<table><thead><tr><th>城市</th><th>每晚上限</th></tr></thead>
<tbody><tr><td>上海</td><td>650元</td></tr><tr><td>北京</td><td>600<b>元</b></td></tr></tbody></table>
<p>超出部分自理。</p>
<h2>交通</h2><p>高铁二等座。</p></body></html>`
	title, body, parts := HTMLDoc(page)
	if title != "差旅制度" {
		t.Errorf("title %q", title)
	}
	if !strings.Contains(body, "城市 | 每晚上限\n上海 | 650元\n北京 | 600元\n") {
		t.Errorf("rows not one line each:\n%s", body)
	}
	for _, c := range []struct {
		at, section string
		row         bool
		header      string
	}{
		{"总则", "差旅制度", false, ""},
		{"上海", "差旅制度 › 住宿标准", true, "城市 | 每晚上限"},
		{"北京", "差旅制度 › 住宿标准", true, "城市 | 每晚上限"},
		{"超出部分", "差旅制度 › 住宿标准", false, ""},
		{"高铁", "差旅制度 › 交通", false, ""},
	} {
		p := partAt(parts, runeIndex(body, c.at))
		if got := SectionPath(p.Section); got != c.section || p.Row != c.row || p.Header != c.header {
			t.Errorf("%q: section %q row %v header %q; want %q %v %q", c.at, got, p.Row, p.Header, c.section, c.row, c.header)
		}
	}
}

// joinedText is the text read from a plain-text manual; it fails t unless
// para stands in it whole (its hard-wrapped lines joined).
func joinedText(t *testing.T, text, para string) string {
	t.Helper()
	docs, err := Parse(File{Path: "manual.txt", ID: "manual.txt"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got := docs[0].Text
	if !strings.Contains(got, para) {
		t.Errorf("paragraph not joined:\n%s", got)
	}
	return got
}

// wrapAt hard-wraps s every w characters, as a converter would.
func wrapAt(s string, w int) string {
	var lines []string
	r := []rune(s)
	for len(r) > w {
		lines = append(lines, string(r[:w]))
		r = r[w:]
	}
	return strings.Join(append(lines, string(r)), "\n")
}

// TestUnwrap: a hard-wrapped manual's lines are joined into paragraphs,
// inside a word too; lists, headings and short lines keep their breaks;
// a text that is not hard-wrapped is left alone.
func TestUnwrap(t *testing.T) {
	para := "本手册介绍系统的安装与配置。在命令行中运行分页程序时，系统会使用默认的分页程序显示长文本，用户可以通过环境变量选择其他的分页程序，例如设置为less或者more，设置后重新登录即可生效，无需重启计算机。安装完成后请检查配置文件的权限，确保只有管理员可以修改，并定期备份配置文件以便在出错时恢复原来的设置。"
	text := "第一章 安装\n" + wrapAt(para, 30) + "\n1. 下载安装包\n2. 运行安装程序\n"
	got := joinedText(t, text, para)
	if !strings.Contains(got, "第一章 安装\n") || !strings.Contains(got, "\n1. 下载安装包\n2. 运行安装程序\n") {
		t.Errorf("a heading or a list lost its line breaks:\n%s", got)
	}
	// A number cut at its decimal point is joined without a space.
	num := "卖场主通道宽度不得小于2.4米，次通道宽度不得小于1.5米。安全出口前1.5米范围内严禁堆放任何物品，促销堆头距消火栓不得小于1米，货架与灯具之间的距离不得小于0.5米，通道内不得停放手推车和叉车。卖场内的消防栓、灭火器和应急照明由门店安全员每周检查一次，检查结果记入安全台账；发现损坏的，应当在当天报告行政部并在三个工作日内完成维修或者更换，维修期间须在现场放置临时替代器材。"
	w := utf8.RuneCountInString(num[:strings.Index(num, ".5米范围")]) // the break right after 前1
	if got := joinedText(t, "6. 通道\n"+wrapAt(num, w)+"\n", num); !strings.Contains(got, "安全出口前1.5米") {
		t.Errorf("a number cut at its point was not joined whole:\n%s", got)
	}
	// So is one cut right after its point (超过0. / 5%).
	point := "货架与灯具之间的距离不得小于0.5米，" + num
	w = utf8.RuneCountInString(point[:strings.Index(point, "5米，")]) // the break right after 0.
	if got := joinedText(t, "6. 通道\n"+wrapAt(point, w)+"\n", point); !strings.Contains(got, "不得小于0.5米") {
		t.Errorf("a number cut after its point was not joined whole:\n%s", got)
	}
	// A time cut between its digits (9:00—1 / 8:00) is joined without a
	// space.
	hours := "第五条　行政、财务、销售等职能部门实行标准工时制，工作时间为9:00—18:00，其中12:00—13:00为午休时间。前厅、客房、餐饮等部门实行综合计算工时制，由部门经理按月排班，每月排班须于上月25日前公布，员工不得私自调换班次。确需调换的，须提前一天在系统中提交申请，经部门经理批准后方可调换；调换后员工连续工作时间不得超过十二小时，两个班次之间的休息时间不得少于八小时。夜班员工可在员工餐厅领取夜宵一份，夜班补贴随当月工资一并发放。"
	hw := utf8.RuneCountInString(hours[:strings.Index(hours, "8:00，其中")]) // the break right after 9:00—1
	if got := joinedText(t, "第二章 工时\n"+wrapAt(hours, hw)+"\n", hours); !strings.Contains(got, "9:00—18:00") {
		t.Errorf("a time cut between its digits was not joined whole:\n%s", got)
	}
	// Lines wrapped at widths that vary (36 to 42 characters, as a
	// converter's justified lines or a proportional font's do) are joined
	// too.
	var varied []string
	for i, r := 0, []rune(para+para); len(r) > 0; i++ {
		w := min(len(r), 36+i%7)
		if w < len(r) && strings.ContainsRune("。；：", r[w-1]) {
			w-- // (a line ending a sentence or clause is not joined: none here)
		}
		varied = append(varied, string(r[:w]))
		r = r[w:]
	}
	if got := joinedText(t, "第三章 杂项\n"+strings.Join(varied, "\n")+"\n", para+para); !strings.Contains(got, "第三章 杂项\n") {
		t.Errorf("a heading lost its line break:\n%s", got)
	}
	// A title line a little short of the width, ending in a bracket, is a
	// line of its own.
	title := "差旅费用报销标准及审批流程说明（适用于全体正式员工及试用期员工）"
	if got := unwrap(wrapAt(para, 36) + "\n" + title + "\n" + wrapAt(para, 36) + "\n"); !strings.Contains(got, "\n"+title+"\n") {
		t.Errorf("a title line ending in a bracket was joined:\n%s", got)
	}
	short := "第一行\n第二行\n第三行\n第四行\n第五行\n第六行\n"
	if unwrap(short) != short {
		t.Errorf("a text that is not hard-wrapped changed: %q", unwrap(short))
	}
}

// TestUnwrapColumns: a manual wrapped at 72 columns — a Chinese character
// taking two, so that lines with paths and names in Latin letters hold more
// characters than lines of Chinese alone — is joined too, and a table
// aligned with spaces keeps its lines.
func TestUnwrapColumns(t *testing.T) {
	para := "服务端程序sprucesyncd默认安装在/opt/sprucesync目录，配置文件为/etc/sprucesync/server.conf，日志写入/var/log/sprucesync。升级前请先停止服务并备份配置文件和数据库，升级完成后用sprucesyncd --check检查配置是否有效，再启动服务。客户端默认每30秒与服务端同步一次，可以在设置中调整为10秒至600秒之间的任意值，调整后立即生效。"
	var lines []string
	var cur []rune
	for _, r := range para {
		if columns(string(append(cur, r))) > 72 {
			lines = append(lines, string(cur))
			cur = nil
		}
		cur = append(cur, r)
	}
	lines = append(lines, string(cur))
	table := "参数          默认值    说明\nsync_interval  30        同步间隔（秒）\nmax_upload     100       单文件上限（MB）\n"
	text := "3.2 配置参数\n" + strings.Join(lines, "\n") + "\n\n" + table
	got := joinedText(t, text, para)
	if !strings.Contains(got, "sync_interval  30        同步间隔（秒）\nmax_upload") {
		t.Errorf("the aligned table lost its lines:\n%s", got)
	}
}

// TestUnwrapWordAnyCase: a break inside a word of Latin letters found
// elsewhere in the text in another case (V|PN … vpn.example.cn) joins it
// without a space.
func TestUnwrapWordAnyCase(t *testing.T) {
	text := "请用公司发放的V\nPN客户端连接，服务器地址为vpn.\nexample.cn。"
	lower := ""
	if !cutWord(&lower, text, "请用公司发放的V", "PN客户端连接，服务器地址为vpn.") {
		t.Errorf("V|PN: not a word cut, though vpn is in the text")
	}
	other := ""
	if cutWord(&other, "服务器地址为vpn.exam\nple.cn。", "地址为vpn.exam", "ple.cn") {
		t.Errorf("exam|ple: a word cut, though example is nowhere in the text")
	}
	if !dottedName("服务器地址为vpn.", 'e') || dottedName("版本2.0发布。", 'N') || dottedName("见第3节.", '下') {
		t.Errorf("dottedName: vpn. / example not a name's dot, or a sentence's end taken for one")
	}
}

// TestSimpleTables: a plain-text table aligned with spaces under a dashed
// rule (columns counted in display columns, a cell running into the next
// split at its spaces) becomes table rows with their header, and a
// hard-wrapped list item's continuation loses its indent when joined.
func TestSimpleTables(t *testing.T) {
	text := "2.4 网络与端口\n\n" +
		"  端口    协议  用途\n" +
		"  ------- ----- ----------------------------------------\n" +
		"  8443    HTTPS 控制台和客户端访问（可修改）\n" +
		"  8444    TCP   集群节点之间的数据复制，仅企业版集群使用\n\n" +
		"  项目                   标准版 专业版\n" +
		"  ---------------------- ------ ------\n" +
		"  单点登录（SAML、OIDC） 不支持 不支持\n" +
		"  最大用户数             50     500\n"
	docs, err := Parse(File{Path: "manual.txt", ID: "manual.txt"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	got := docs[0].Text
	for _, want := range []string{"| 8444 | TCP | 集群节点之间的数据复制，仅企业版集群使用 |", "| 单点登录（SAML、OIDC） | 不支持 | 不支持 |", "| 最大用户数 | 50 | 500 |"} {
		if !strings.Contains(got, want) {
			t.Errorf("no row %q in:\n%s", want, got)
		}
	}
	p := partAt(docs[0].Parts, runeIndex(got, "8444"))
	if !p.Row || p.Header != "端口 | 协议 | 用途" {
		t.Errorf("row 8444: row %v header %q; want a row under 端口 | 协议 | 用途", p.Row, p.Header)
	}
	var lines []string
	item := "-   节点：运行sprucesyncd服务的一台服务器；企业版可由多个节点组成高可用集群，节点之间通过8444端口复制数据，任何一台停机都不影响访问。"
	r := []rune(item)
	cut := 0
	for cut < len(r) && columns(string(r[:cut+1])) <= 70 {
		cut++
	}
	lines = append(lines, string(r[:cut]), "    "+string(r[cut:]))
	at := string(r[cut-3 : cut+3]) // the words across the break
	wrapped := strings.Repeat("这一行是为了让全文看起来像按固定宽度折行的手册而写的，一共三十六个字。\n", 6) + strings.Join(lines, "\n") + "\n"
	docs, err = Parse(File{Path: "m.txt", ID: "m.txt"}, []byte(wrapped))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs[0].Text, at) {
		t.Errorf("list item not joined without its indent:\n%s", docs[0].Text)
	}
}

// TestUnwrapArticles: a rulebook whose every paragraph is a numbered
// article (第一条　…) wrapped at one width is joined too: an article's first
// line counts for the width like any other, and the next article or item
// still starts a line of its own.
func TestUnwrapArticles(t *testing.T) {
	text := "第一条　为规范公司费用报销管理，合理控制经营成本，根据国家财务会\n" +
		"计制度和公司实际情况，制定本制度。\n" +
		"第二条　本制度适用于公司苏州总部及南京、杭州、合肥分公司的全体\n" +
		"员工。实习生因公发生的费用，由其带教导师代为在系统中提交报销。\n" +
		"第三条　报销遵循事前申请、据实报销、分级审批的原则。所有报销均\n" +
		"通过禾办App的费用报销模块在线提交，财务部不再接受纸质报销单。\n" +
		"第四条　单笔报销按金额分级审批：\n" +
		"（一）2000元以下的，由直属上级审批；\n" +
		"（二）2000元（含）至10000元（不含）的，由直属上级、部门负责人\n" +
		"审批；\n" +
		"第五条　因公自驾私家车出差的，须事先经部门负责人批准，按每公里\n" +
		"0.8元给予补贴，过路费、停车费凭票另行报销。第六条　本制度的各条款按3.1至\n" +
		"3.7 本条由财务部负责解释。\n"
	got := unwrap(text)
	for _, want := range []string{
		"第一条　为规范公司费用报销管理，合理控制经营成本，根据国家财务会计制度和公司实际情况，制定本制度。\n",
		"由直属上级、部门负责人审批；\n",
		"按每公里0.8元给予补贴",
		"\n第二条　",
		"\n（一）2000元以下",
		"\n3.7 本条由财务部负责解释。",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("unwrapped text lacks %q:\n%s", want, got)
		}
	}
}

// TestListLeadHeading: a numbered heading (二、审批流程) is no list item, and
// a line after a spaced number is not joined into it (8080 / 8443).
func TestListLeadHeading(t *testing.T) {
	text := "一、报销范围\n下列费用不予报销：\n（一）无发票的；\n（二）个人消费。\n二、审批流程\n报销单由部门经理审批。\n"
	if l := ListLead(text, strings.Index(text, "二、审批流程")); l != "" {
		t.Errorf("a heading took the lead-in %q", l)
	}
	if l := ListLead(text, strings.Index(text, "（二）")); l != "下列费用不予报销：" {
		t.Errorf("an item's lead-in: %q", l)
	}
}

// TestUnwrapSpacedNumbers: a wrapped line that ended in a space before its
// number's line break keeps the two numbers apart (8080 / 8443).
func TestUnwrapSpacedNumbers(t *testing.T) {
	const w = 20
	head := strings.Repeat("安装程序会检查两个端口是否被占用，被占用时提示改用其他端口。", 4) + "默认端口为 8080 "
	for utf8.RuneCountInString(head)%w != 0 {
		head = "请" + head
	}
	para := head + "8443，请在防火墙中同时放行这两个端口，否则客户端无法连接服务端，也无法同步文件，同步失败时客户端会在通知栏中提示。"
	got := unwrap("第一章 安装\n" + wrapAt(para, w) + "\n")
	if strings.Contains(got, "80808443") || !strings.Contains(got, "8080") {
		t.Errorf("two numbers joined into one, or the text not unwrapped:\n%s", got)
	}
}
