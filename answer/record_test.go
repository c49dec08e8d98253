package answer

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// recordStart matches what the expression it stands for matches.
func TestRecordStart(t *testing.T) {
	re := regexp.MustCompile(`^[^：；|]{1,30}：[^；]*；[^：；]{1,30}：`)
	for _, line := range []string{
		"年级：初三；一对一（元/课时）：420", "城市：上海；上限：650元", "：空；名：值", "说明：很长的一段话；没有冒号的一段；备注：有", "a|b：c；d：e",
		"名称：值；；下一个：值", "名称：值；一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一：值", "名称：值；短：", "没有冒号；也没有", "名称：值；后面：",
		"第一条 为规范管理：制定本办法；本办法适用于：全体员工", "问：能不能；答：不能",
	} {
		if got, want := recordStart(line), re.MatchString(line); got != want {
			t.Errorf("recordStart(%q) = %v; the expression says %v", line, got, want)
		}
	}
}

// TestFieldValue: a span that is a field's name (发布部门：) gives way to
// the field's value, up to the next field; a time's colon and a long span
// are left as they are.
func TestFieldValue(t *testing.T) {
	for _, c := range []struct{ s, span, want string }{
		{"发布部门：人力资源部 更新日期：2024年2月20日", "发布部门", "人力资源部"},
		{"发布部门：人力资源部　更新日期：2024年2月20日", "部门", "人力资源部"},
		{"负责人：王立诚；电话：8001", "负责人", "王立诚"},
		{"上班时间10:30开始", "10", "10"},
		{"本办法由人力资源部负责解释：", "人力资源部负责解释", "人力资源部负责解释"},
		{"张经理：这个事我来审批，大家放心", "张经理", "张经理"},
	} {
		r := []rune(c.s)
		i := strings.Index(c.s, c.span)
		b := utf8.RuneCountInString(c.s[:i])
		kind := kindPhrase
		if strings.HasSuffix(c.span, "经理") {
			kind = kindPerson
		}
		sp := fieldValue(r, span{b, b + utf8.RuneCountInString(c.span)}, kind)
		if got := string(r[sp.s:sp.e]); got != c.want {
			t.Errorf("%s [%s]: %q, want %q", c.s, c.span, got, c.want)
		}
	}
}

// TestSoleRole: the one office a sentence names answers 谁 when the
// question's words leave no one in their gap; of two, none does.
func TestSoleRole(t *testing.T) {
	for _, c := range []struct{ s, q, want string }{
		{"设备科每月对每台叉车进行一次全面保养并填写保养记录。", "叉车每个月的保养是谁负责", "设备科"},
		{"动火作业须经安全环保部审批。", "动火谁批", "安全环保部"},
		{"请假1天以内的，由班组长审批，报仓库经理备案。", "请假谁批", ""},
		{"部门经理负责审批。", "部门经理是谁", ""},
	} {
		sp, ok := soleRole([]rune(c.s), []rune(c.q))
		got := ""
		if ok {
			got = string([]rune(c.s)[sp.s:sp.e])
		}
		if got != c.want {
			t.Errorf("%s (%s): %q, want %q", c.s, c.q, got, c.want)
		}
	}
}

// TestUnsaidWh: a question ending in 是 asks what the noun before it
// names.
func TestUnsaidWh(t *testing.T) {
	for q, want := range map[string]string{
		"上海正式开埠的时间是": "什么时候", "罗克鲁瓦战役爆发的具体时间是": "什么时候", "乔许·哈却森的职业是": "什么",
		"这本书的作者是": "谁", "事故发生的地点是": "哪里", "停产的原因是": "为什么", "就是": "",
		"员工的违规行为": "", "这种做法属于违规行为": "", "他被认为": "",
	} {
		if got, _ := unsaidWh(q); got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
	if q := parseQuestion([]rune("上海正式开埠的时间是？")); q.kind != kindDate || string(q.left) != "上海正式开埠的时间是" {
		t.Errorf("上海正式开埠的时间是？: kind %v, left %q", q.kind, string(q.left))
	}
}

// TestCauseAskedAsThing: 原因是什么 and 目的是什么 ask a cause or a purpose,
// answered by the clause its word opens.
func TestCauseAskedAsThing(t *testing.T) {
	for _, c := range []struct{ q, s, want string }{
		{"银杏在欧洲和北美洲灭绝的原因是什么？", "由于第四纪冰期的影响，银杏在欧洲和北美洲相继灭绝。", "第四纪冰期的影响"},
		{"村民往江里投米饭的目的是什么？", "村民们把米饭投入江中，以免鱼虾啃食他的身体。", "以免鱼虾啃食他的身体"},
	} {
		q := parseQuestion([]rune(c.q))
		if q.kind != kindReason {
			t.Errorf("%s: kind %v, want a reason", c.q, q.kind)
		}
		s := []rune(c.s)
		if sp := extract(nil, q, s); string(s[sp.s:sp.e]) != c.want {
			t.Errorf("%s: %q, want %q", c.q, string(s[sp.s:sp.e]), c.want)
		}
	}
}

// TestVerbAfterGap: of two dates, the one the question's verb after its
// question word follows.
func TestVerbAfterGap(t *testing.T) {
	q := parseQuestion(zh.Fold("嘉南大圳的工程於何時完工？"))
	s := zh.Fold("嘉南大圳於1920年9月動工，歷時十年，於1930年4月完工。")
	if sp := extract(nil, q, s); string(s[sp.s:sp.e]) != "1930年4月" {
		t.Errorf("%q, want 1930年4月", string(s[sp.s:sp.e]))
	}
}

// TestOneCharacterIsNoName: asked who, a span of one character that is no
// numeral (下 of 雷赛布领导下) gives way to the sentence.
func TestOneCharacterIsNoName(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	q := parseQuestion(zh.Fold("法国人开凿巴拿马运河时是由谁领导？"))
	s := zh.Fold("法國人在蘇伊士運河的開發者雷賽布領導下，於1881年率先動工，但因黃熱病與瘧疾肆虐以及工程困難，造成約2萬2千名工人死亡，最終於1889年宣告失敗。")
	if sp := extract(seg, q, s); sp.e-sp.s < 2 {
		t.Errorf("%q: one character", string(s[sp.s:sp.e]))
	}
}

// TestCalledName: asked what a thing is called, the name the sentence
// quotes after a verb of calling, all of them when it gives several; not
// a 职称 or a 提名.
func TestCalledName(t *testing.T) {
	for _, c := range []struct{ q, s, want string }{
		{"中国古代把木星称作什么？", "木星自转一圈只需约9小时56分钟，中国古代以其位置纪年，因此称其为「岁星」。", "岁星"},
		{"令群众行为转变的数量叫做什么？", "令群众行为转变的这个数量被称作「临界量」或「转捩点」。", "「临界量」或「转捩点」"},
		{"他的电影叫什么？", "他主演的电影《武松》由张鑫海打鼓（职称「指挥」）。", ""},
		// Bare names, by the word the question asks with.
		{"墨子的字是什么？", "墨翟，名翟，字子墨，战国初期宋国人。", "子墨"},
		{"这座山以前叫什么名字？", "该山原名玉屏山，清代改名为翠微山。", "玉屏山"},
		{"白枕鹤又叫什么？", "白枕鹤又称红面鹤、白顶鹤或土鹤，是一种大型涉禽。", "红面鹤、白顶鹤或土鹤"},
		{"班纹鱼还可以叫什么？", "班纹鱼，俗名为石狗仔，又称细点鱼，为鲈形目的一种。", "细点鱼"},
		{"这种鸟又被称作什么？", "它俗称山娘，又被称为长尾陈。", "长尾陈"},
		{"这个极限叫做什么？", "当质量超过这一极限时会坍缩，这个极限称为钱德拉塞卡极限。", "钱德拉塞卡极限"},
		{"他的号是什么？", "他名春，字子和，号柳岸居士，清代画家。", "柳岸居士"},
		{"这种材料叫什么？", "这种材料的数字编号为三号，俗名为钢玉。", ""},
	} {
		checkSpan(t, calledName, c.q, c.s, c.want)
	}
}

// TestNamedAfterKind: the name right after the noun of the kind of person
// asked, up to what the question says the person did.
func TestNamedAfterKind(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	q := parseQuestion(zh.Fold("哪一位建築師設計了2009年世界運動會的主場館？"))
	s := zh.Fold("2009年7月，高雄主辦第八屆世界運動會，主場館由日本建築師伊東豐雄設計，外形如一條盤旋的龍。")
	if sp, ok := namedAfterKind(seg, q, s); !ok || string(s[sp.s:sp.e]) != "伊东丰雄" {
		t.Errorf("%v %q, want 伊东丰雄", ok, string(s[sp.s:sp.e]))
	}
}

// TestDoerBefore: 担任指挥的人是谁 … 邬析零担任指挥; not a post alone
// (接任董事长的是谁 … 刘德音担任董事长).
func TestDoerBefore(t *testing.T) {
	for _, c := range []struct{ q, s, want string }{
		{"首演时担任指挥的人是谁？", "1939年4月13日，《黄河大合唱》在延安首演，由抗敌演剧队第三队演出，邬析零担任指挥。", "邬析零"},
		{"接任台积电董事长的是谁？", "张忠谋于2018年退休，刘德音担任董事长。", ""},
	} {
		checkSpan(t, doerBefore, c.q, c.s, c.want)
	}
}

// TestOneMoneyColumn: asked 多少钱 of a record whose one money column the
// question does not name, that column's sum.
func TestOneMoneyColumn(t *testing.T) {
	row := "项目编码：ZL04；项目名称：根管治疗（后牙）；类别：治疗；价格（元）：1800；单位：颗；备注：疗程通常为二至三次就诊"
	if v, ok := tableCell(parseQuestion(zh.Fold("后牙做根管多少钱")), row, "", false); !ok || v != "1800元" {
		t.Errorf("%q %v, want 1800元", v, ok)
	}
}

// TestRelationName: 朱祐杬的母亲是谁 … 其母亲为邵宸妃; up to what the
// question says of the one asked.
func TestRelationName(t *testing.T) {
	for _, c := range []struct{ q, s, want string }{
		{"朱祐杬的母亲是谁？", "朱祐杬是明宪宗第四子，母亲为邵宸妃，成化二十三年受封兴王。", "邵宸妃"},
		{"长期与周杰伦合作的作词人是谁？", "周杰伦的作词人方文山长期合作，写下多首歌曲。", "方文山"},
		{"谁是作者？", "作者不详。", ""},
	} {
		checkSpan(t, relationName, c.q, c.s, c.want)
	}
}

// TestPlaceSaid: the place a sentence locates a thing in, after 位于 or 籍贯.
func TestPlaceSaid(t *testing.T) {
	for _, c := range []struct{ s, want string }{
		{"海宁西站位于浙江省嘉兴市海宁市许村镇，站房南侧设有广场。", "浙江省嘉兴市海宁市许村镇"},
		{"刘节，字子植，籍贯浙江省温州府永嘉县，历史学家。", "浙江省温州府永嘉县"},
	} {
		s := zh.Fold(c.s)
		sp, ok := placeSaid(s, span{0, 0}, nil)
		if got := string(s[sp.s:sp.e]); !ok || got != c.want {
			t.Errorf("%s: %q, want %q", c.s, got, c.want)
		}
	}
}

// TestSeventhPass: what the seventh pass's held-out sets showed, each at
// its mechanism.
func TestSeventhPass(t *testing.T) {
	q := func(n float64, unit string) []quantity { return []quantity{{n: n, unit: unit, ok: true}} }
	// A range whose lower end says 以上, the band after one up to it.
	for _, c := range []struct {
		s         string
		qs        []quantity
		met, cond bool
	}{
		{"5分钟以上至30分钟（含）", q(40, "分钟"), false, true},
		{"30分钟以上至60分钟（含）", q(40, "分钟"), true, true},
		{"5分钟以上至30分钟（含）", q(5, "分钟"), false, true},
		{"5分钟以上至30分钟（含）", q(30, "分钟"), true, true},
		{"101箱至1000箱的，按10%抽检", q(600, "箱"), true, true},
		{"工龄满3年以上至12月31日仍在职的", q(2, "年"), false, true},
	} {
		met, cond := conditionsMet(c.s, c.qs)
		if met != c.met || cond != c.cond {
			t.Errorf("%s %v: met %v cond %v, want %v %v", c.s, c.qs, met, cond, c.met, c.cond)
		}
	}
	// Quantities said as people say them.
	for s, want := range map[string]string{"这批到了六百箱 要抽几箱": "600箱", "我们这个工地三万平": "30000平方米", "盘点差了百分之零点八": "0.8%", "差了百分之百": "100%", "公司唯一平台账号找谁开": "", "差了百分之二十几": ""} {
		got := ""
		for _, x := range questionQuantities(s) {
			got += strconv.FormatFloat(x.n, 'f', -1, 64) + x.unit
		}
		if got != want {
			t.Errorf("%s: %q, want %q", s, got, want)
		}
	}
	// A yes said with 吧 asks yes or no.
	if v, ok := yesNo("高处那箱货够不着 我爬货架上去拿行吧"); !ok || v != "行" {
		t.Errorf("行吧: %q %v", v, ok)
	}
	// 多快 asks a speed, said as a length per hour.
	if pq := parseQuestion(zh.Fold("叉车在仓库里最快可以开多快")); pq.unit != unitLength {
		t.Errorf("多快: unit %q", pq.unit)
	}
	// An exception asked for; not 什么时候.
	if !asksException(parseQuestion(zh.Fold("冷冻区是不是一定要两个人一起进 啥情况一个人也行"))) || asksException(parseQuestion(zh.Fold("什么时候发工资"))) {
		t.Error("asksException")
	}
	// A title named by its whole or its end.
	if !namesTitle(zh.Fold("北京故宫"), zh.Fold("故宫北面城墙上的门叫什么名字")) || namesTitle(zh.Fold("员工手册"), zh.Fold("员工年假有几天")) {
		t.Error("namesTitle")
	}
	// Taiwan's words as the mainland writes them; everyday words as rules do.
	if got := taiwanUsage.Replace("堆高机最快可以开多快"); got != "叉车最快可以开多快" {
		t.Errorf("taiwanUsage: %q", got)
	}
	for _, w := range []string{"买", "放鸽子", "点头", "工资条", "带回家", "借给"} {
		if len(zh.AliasesOf(w)) == 0 {
			t.Errorf("%s: no alias", w)
		}
	}
	// Which one, said with its measure word, is a light word.
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	if l := lightness(seg, "那箱"); l >= 1 {
		t.Errorf("那箱: lightness %v", l)
	}
	// How people say a thing counts (才算数) is a light word too: the rule
	// that says who approves answers 加班得谁点头才算数.
	if l := lightness(seg, "算数"); l >= 1 {
		t.Errorf("算数: lightness %v", l)
	}
	e := offline(t, hit("h.md", "第十二条 加班须提前在系统中提交加班申请，经班组长批准后方可加班；未经批准的不计加班。"))
	if a, _ := e.Ask(context.Background(), "加班得谁点头才算数"); a.Answer != "班组长" {
		t.Errorf("加班得谁点头才算数 → %q; want 班组长", a.Answer)
	}
}

// TestCaseNamed: a clause after the answer setting a case the question
// names (当天往返的减半发放 … 当天来回) widens the answer to the rule.
func TestCaseNamed(t *testing.T) {
	q := zh.Fold("当天来回伙食补助给多少")
	if !caseNamed("出差期间伙食补助每天", "，当天往返的减半发放。", q) {
		t.Error("当天往返的: not a case the question names")
	}
	if caseNamed("当天出差期间伙食补助每天", "，当天往返的减半发放。", q) {
		t.Error("当天, said before the answer too, names no case of its own")
	}
	if caseNamed("出差期间伙食补助每天", "，另发交通补贴。", q) {
		t.Error("a clause with no 的 sets no case")
	}
}

// TestListAt: 有哪些 asks for the whole list, without the words leading to
// its first item; a span already a list or a range stays.
func TestListAt(t *testing.T) {
	s := zh.Fold("中国旺旺的产品包括米果、乳品、饮料、休闲食品及酒类，销往全球。")
	if sp, ok := listAt(s, span{0, 2}); !ok || string(s[sp.s:sp.e]) != "米果、乳品、饮料、休闲食品及酒类" {
		t.Errorf("%v %q", ok, string(s[sp.s:sp.e]))
	}
	r := zh.Fold("鬣齿兽科分布在北美洲至非洲，是渐新世欧亚大陆、非洲及北美洲上的大型肉食动物。")
	b := strings.Index(string(r), "北美洲至非洲")
	at := utf8.RuneCountInString(string(r)[:b])
	if _, ok := listAt(r, span{at, at + 6}); ok {
		t.Error("a range was replaced by a list")
	}
	for q, want := range map[string]bool{"有哪些口味": true, "由哪几个部分组成": true, "哪三条支流": true, "哪个公司": false, "哪一年": false} {
		if asksList.MatchString(q) != want {
			t.Errorf("%s: asks a list %v", q, !want)
		}
	}
}

// TestNameOrigin: asked where a name comes from, the clause that says it,
// whole; not for a question that only says 命名.
func TestNameOrigin(t *testing.T) {
	s := zh.Fold("劲松站位于北京市朝阳区，因地处劲松街道辖区得名。")
	if sp, ok := nameOrigin(parseQuestion(zh.Fold("劲松站这个名字怎么来的？")), s); !ok || string(s[sp.s:sp.e]) != "因地处劲松街道辖区得名" {
		t.Errorf("%v %q", ok, string(s[sp.s:sp.e]))
	}
	if _, ok := nameOrigin(parseQuestion(zh.Fold("以居里夫人的祖国波兰命名的元素是什么？")), zh.Fold("其中一种以她的祖国波兰命名为「钋」。")); ok {
		t.Error("命名 alone asks no origin")
	}
	// A name given for what the clause before it says (…，因而自号…).
	for q, c := range map[string][2]string{
		"陆游“放翁”这一号的由来是什么？":     {"晚年他退居山阴，常在田间与农人往来，因而自号“放翁”。", "常在田间与农人往来"},
		"这种矿物为什么会被人们称为“工业味精”？": {"由于性能特殊，这种矿物在冶炼中用量极少却作用显著，因此被誉为“工业味精”。", "这种矿物在冶炼中用量极少却作用显著"},
	} {
		s := zh.Fold(c[0])
		if sp, ok := nameOrigin(parseQuestion(zh.Fold(q)), s); !ok || string(s[sp.s:sp.e]) != c[1] {
			t.Errorf("%s: %v %q; want %q", q, ok, string(s[sp.s:sp.e]), c[1])
		}
	}
}

// TestTitleNear: asked for a work by its kind (根据什么小说改编), the title
// the sentence gives in 《》, not one the question says.
func TestTitleNear(t *testing.T) {
	q := parseQuestion(zh.Fold("九命奇冤根据什么小说改编而成？"))
	if !asksWorkRe.MatchString(string(q.folded)) {
		t.Fatal("什么小说: no work asked")
	}
	s := zh.Fold("《九命奇冤》是吴沃尧根据旧小说《梁天来警富奇书》改编而成的。")
	if sp, ok := nearestMatchOf(titleRe, s, span{0, 2}, q.folded, ""); !ok || string(s[sp.s:sp.e]) != "《梁天来警富奇书》" {
		t.Errorf("%v %q", ok, string(s[sp.s:sp.e]))
	}
}

// TestKindSuffix: 以什么语言为主 asks a name ending in 语, 属于什么科 one
// ending in 科, without the words joining it to the sentence.
func TestKindSuffix(t *testing.T) {
	q := parseQuestion(zh.Fold("珠江频道以什么语言为主？"))
	if kindSuffix(q) != "语" {
		t.Fatalf("什么语言: suffix %q", kindSuffix(q))
	}
	s := zh.Fold("珠江频道以粤语播出为主，现有节目三十余档。")
	if sp, ok := nearestMatchOf(suffixedRe["语"], s, span{0, 0}, q.folded, nameJoiners); !ok || string(s[sp.s:sp.e]) != "粤语" {
		t.Errorf("%v %q", ok, string(s[sp.s:sp.e]))
	}
}

// TestDepartmentAsked: 哪个部门 asks a name ending in 部, 组, 处, 中心…
// that ends a word (not 办 of 办法, 部 of 部署), nearest the span found.
func TestDepartmentAsked(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"销售提成是哪个部门负责算的？", "第五十五条 本办法由财务部和销售运营组负责解释，自2025年1月1日起施行，原《销售提成管理办法（2023版）》同时废止。", "销售运营组"},
		{"电脑报修是哪个部门处理？", "办公电脑的报修办法：在OA提交工单后，信息中心在2个工作日内派人上门处理。", "信息中心"},
		// Schools, teams, rivers asked by their kind.
		{"林静毕业于什么学校？", "林静是一位演员，早年毕业于上海戏剧学院表演系，与陈立等人同为杨老师的学生。", "上海戏剧学院"},
		{"1971年高峰加入了哪个球队？", "1971年，高峰接受了辽宁飞豹队提供的合同，成为职业球员。", "辽宁飞豹队"},
		// The kind named before 是 when 什么 ends the question.
		{"沿着商路传入南诏的宗教是什么？", "九世纪时，商人沿着商路把密教带到南诏，当地的白族首领很快接受了它。", "密教"},
		{"沿着商路传入南诏的宗教是什么？", "九世纪时，密教随印度僧人沿着商路传入南诏，其后寺院遍布洱海周边。", "密教"},
		{"这座城市的机场是哪个？", "这座城市由宝安国际机场服务，航线通往全国各地。", "宝安国际机场"},
		// 哪一座, 哪所: the measure word is not the kind; 其中 points to
		// the name; a name of more than six characters before its end.
		{"全线海拔最高的车站是哪一座？", "全线约有900公里位于海拔4,000米以上，其中风火山站海拔5,010米，是全线海拔最高的车站。", "风火山站"},
		{"请假的流程是什么？", "以下是请假的流程：员工在OA提交申请，部门负责人审批。", "员工在OA提交申请"},
		{"李明开始研究稻种时在哪所学校任教？", "1958年，江西省南昌农业学校的教师李明在田间发现了一株矮秆稻，从此开始了稻种的研究。", "江西省南昌农业学校"},
		{"协会中负责审议预算的是哪个机构？", "协会的最高决策机构是会员代表大会，负责审议预算和选举理事长。", "会员代表大会"},
		{"开叉车要持什么证？", "第十二条 叉车司机须持特种设备作业人员证上岗，每两年复审一次。", "特种设备作业人员证"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestCountryAsked: 哪个国家 … the country the sentence names nearest, not
// one the question says; 印度尼西亚 whole.
func TestCountryAsked(t *testing.T) {
	q := parseQuestion(zh.Fold("雷切尔·墨索里尼是哪个国家的人？"))
	if !asksCountryRe.MatchString(string(q.folded)) {
		t.Fatal("哪个国家: no country asked")
	}
	s := zh.Fold("雷切尔是意大利独裁者墨索里尼的妻子，战后移居印度尼西亚。")
	if sp, ok := nearestMatchOf(countryRe, s, span{0, 2}, q.folded, ""); !ok || string(s[sp.s:sp.e]) != "意大利" {
		t.Errorf("%v %q", ok, string(s[sp.s:sp.e]))
	}
	if sp, ok := nearestMatchOf(countryRe, s, span{len(s) - 2, len(s)}, q.folded, ""); !ok || string(s[sp.s:sp.e]) != "印度尼西亚" {
		t.Errorf("%v %q", ok, string(s[sp.s:sp.e]))
	}
	e := offline(t)
	if a := e.FromHits("最后一位感染这种病的患者是哪个国家的人？", []corpora.Hit{hit("h.md", "1977年，索马里的一名厨师成为最后一位感染这种病的患者。")}); a.Answer != "索马里" {
		t.Errorf("哪个国家 … 索马里: %q", a.Answer)
	}
}

// checkSpan asks find the span of sentence that answers question, both
// folded, and reports it unless it is want ("" for none).
func checkSpan(t *testing.T, find func(question, []rune) (span, bool), q, sentence, want string) {
	t.Helper()
	s := zh.Fold(sentence)
	got := ""
	if sp, ok := find(parseQuestion(zh.Fold(q)), s); ok {
		got = string(s[sp.s:sp.e])
	}
	if got != want {
		t.Errorf("%s: %q, want %q", q, got, want)
	}
}

// TestClassCue: holdsClassCue, which finds the cues from their verbs,
// says what looking for each cue says, on every line of the office
// documents' texts and on lines made to hold a cue at their ends.
func TestClassCue(t *testing.T) {
	naive := func(line string) bool {
		for _, c := range classDefCues {
			if strings.Contains(line, c) {
				return true
			}
		}
		return false
	}
	lines := []string{"A类为总经理", "差旅费标准按职级分为四类：A类为总经理、副总经理；", "二类城市是", "为什么", "是", "一级指", "第三档为", "员工为", "员工", "类包"}
	for _, f := range []string{"../eval/office/plain/handbook.md", "../eval/office/plain/travel.md", "../eval/enterprise/plain/sales-rules.md"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	held := 0
	for _, l := range lines {
		if got, want := holdsClassCue(l), naive(l); got != want {
			t.Errorf("holdsClassCue(%q) = %v; want %v", l, got, want)
		} else if got {
			held++
		}
	}
	if held < 5 {
		t.Errorf("only %d lines hold a cue", held)
	}
}

// TestKindShape: a kind asked by name (什么颜色, 哪家酒店, 哪个部门) is a
// shape a sentence holds or lacks: one naming a thing of the kind answers
// in fewer of the question's words; one naming none is refused.
func TestKindShape(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"秩序维护员的工服是什么颜色？", "第二十一条 员工在岗期间须穿着公司统一服装。客服夏季为浅蓝色衬衫；秩序维护员为深灰色制服；维修工为橙色工装。", "深灰色"},
		{"门市价是哪个部门订的？", "第三条 门市价由集团收益管理部按季度制定，各门店不得自行调整门市价。", "集团收益管理部"},
		{"年会在哪家酒店办？", "公司年会每年12月举办，具体时间另行通知。", ""},
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)})
		if got := a.Answer; c.want == "" && a.Found || c.want != "" && got != c.want {
			t.Errorf("%s → %q (found %v); want %q", c.q, got, a.Found, c.want)
		}
	}
}

// TestTitledAndInverted: a person asked for by 谁 is the name a title
// gives (僧人乐尊, 谋士李升) when nothing nearer is a name the dictionary
// knows; what A's N is, from a
// sentence saying B是A的N; a name opened by an ordinal (第33届…大会).
func TestTitledAndInverted(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"据记载，石窟最早的洞窟是谁开凿的？", "据碑文记载，前秦年间，僧人乐尊路经此地，忽见光芒闪耀，于是开凿了第一个洞窟。", "乐尊"},
		{"吴王采纳的“先稳后进”这一建议出自谁？", "吴王采纳谋士李升“先稳后进”的建议，以江宁为根据地稳步发展。", "李升"},
		{"艺术研究院的前身是什么？", "1950年成立的国立艺术研究所是今天艺术研究院的前身，首任所长为王平。", "国立艺术研究所"},
		{"作品中最重要的元素是什么？", "幽默与丰富的故事是作品中最重要的元素。", "幽默与丰富的故事"},
		{"宣布这种病已被根除的是哪次会议？", "1980年5月，第33届世界卫生大会正式宣布这种病已被根除。", "第33届世界卫生大会"},
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)})
		if a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestKindWholeWord: a kind is a word of its own in the question (证 of
// 什么证, not of 什么证明; 会议 not of 会议室), and a name of it is not cut
// inside a word (诊断证明, not 诊断证).
func TestKindWholeWord(t *testing.T) {
	for q, want := range map[string]string{"开叉车要持什么证": "证书|证|执照", "请病假需要什么证明": "", "在哪个会议室开会": "", "有什么奖励": ""} {
		if got := kindSuffix(parseQuestion(zh.Fold(q))); got != want {
			t.Errorf("kindSuffix(%s) = %q; want %q", q, got, want)
		}
	}
	e := offline(t)
	if a := e.FromHits("请病假需要什么证明？", []corpora.Hit{hit("h.md", "请病假须提交二级以上医院出具的诊断证明，病假3天以上的还须附病历。")}); !strings.HasSuffix(a.Answer, "诊断证明") {
		t.Errorf("什么证明 → %q; want the 诊断证明 whole", a.Answer)
	}
}
