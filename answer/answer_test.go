package answer

import (
	"context"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

func hit(doc, text string) corpora.Hit {
	return corpora.Hit{Chunk: corpora.Chunk{ID: corpora.ChunkID(doc, 0), DocID: doc, Title: doc, Text: text}}
}

func TestFromHits(t *testing.T) {
	passages := []corpora.Hit{
		hit("game", "《战国无双3》（）是由光荣和ω-force开发的战国无双系列的正统第三续作。本作以三大故事为主轴。"),
		hit("bishop", "范廷颂枢机于1911年6月15日在越南宁平省天主教发艳教区出生。1940年他被任命为主教。"),
		hit("lake", "华北陆块面积达170万平方公里，是中国最古老的陆块之一。"),
		hit("poem", "《静夜思》是唐代诗人李白写的一首五言绝句。"),
		hit("alias", "班卡雀鲷，又称细点齿鲷，俗名为厚壳仔，为辐鳍鱼纲鲈形目的一种。"),
	}
	e, err := New(Config{Passages: 5}, nil)
	if err == nil || e != nil {
		t.Fatal("New without a retriever succeeded")
	}
	e, err = New(Config{Passages: 5}, fixed(passages))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q, want, doc string
	}{
		{"《战国无双3》是由哪两个公司合作开发的？", "光荣和ω-force", "game"},
		{"范廷颂是哪一年出生的？", "1911年6月15日", "bishop"},
		{"华北陆块面积达多少平方公里？", "170万平方公里", "lake"},
		{"《静夜思》是谁写的？", "李白", "poem"},
		{"班卡雀鲷又称什么？", "细点齿鲷", "alias"},
		{"《靜夜思》是誰寫的", "李白", "poem"}, // traditional characters, no question mark
		{"火星上有没有液态水？", NotFound, ""},
	}
	for _, tt := range tests {
		a := ask(t, e, tt.q)
		if a.Answer != tt.want {
			t.Errorf("Ask(%q) = %q; want %q", tt.q, a.Answer, tt.want)
		}
		if tt.doc == "" {
			if a.Found || len(a.Citations) != 0 {
				t.Errorf("Ask(%q) found %+v; want not found without citations", tt.q, a)
			}
			continue
		}
		if len(a.Citations) != 1 || a.Citations[0].Doc != tt.doc || !strings.Contains(a.Citations[0].Text, tt.want) {
			t.Errorf("Ask(%q) citations = %+v; want one from %s quoting %q", tt.q, a.Citations, tt.doc, tt.want)
		}
		if a.Mode != ModeExtractive {
			t.Errorf("Ask(%q) mode = %q; want %q", tt.q, a.Mode, ModeExtractive)
		}
	}
}

// fixed is a Retriever returning the same passages for every question, so
// the test exercises the answerer alone.
type fixed []corpora.Hit

func (f fixed) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	if k > len(f) {
		k = len(f)
	}
	return f[:k], nil
}

// offline is an engine with no model, retrieving hits for every question
// (none: it answers only what FromHits is given).
func offline(t *testing.T, hits ...corpora.Hit) *Engine {
	t.Helper()
	e, err := New(Config{}, fixed(hits))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// wantAnswers checks e's answer to each question, from hits, word for
// word.
func wantAnswers(t *testing.T, e *Engine, hits []corpora.Hit, cases map[string]string) {
	t.Helper()
	for q, want := range cases {
		if a := e.FromHits(q, hits); a.Answer != want {
			t.Errorf("%s → %q; want %q", q, a.Answer, want)
		}
	}
}

// ask is e.Ask with the test failing on an error.
func ask(t *testing.T, e *Engine, q string) Answer {
	t.Helper()
	a, err := e.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestParseQuestion(t *testing.T) {
	tests := []struct {
		q          string
		kind       answerKind
		left, unit string
	}{
		{"范廷颂是什么时候被任为主教的？", kindDate, "范廷颂是", ""},
		{"有多少人参赛", kindNumber, "有", "人"},
		{"谁发明了电灯", kindPerson, "", ""},
		{"首都在哪里？", kindPlace, "首都在", ""},
		{"为什么天空是蓝色的", kindReason, "", ""},
		{"这是什么", kindPhrase, "这是", ""},
		// 几 another question word follows is "some"; how it is done and
		// who decides, asked last, asks who.
		{"几个销售一起跟的单子，提成怎么分由谁定？", kindPerson, "几个销售一起跟的单子，提成怎么分由", ""},
		{"报销单要几个人签字", kindNumber, "报销单要", "个"},
	}
	for _, tt := range tests {
		q := parseQuestion([]rune(tt.q))
		if q.kind != tt.kind || string(q.left) != tt.left || q.unit != tt.unit {
			t.Errorf("parseQuestion(%q) = kind %v, left %q, unit %q; want %v, %q, %q", tt.q, q.kind, string(q.left), q.unit, tt.kind, tt.left, tt.unit)
		}
	}
}

// FuzzFromHits checks that no question and passage make the answerer panic
// or cite text the passage does not hold.
func FuzzFromHits(f *testing.F) {
	for _, seed := range [][2]string{
		{"王永吉的表字是什么？", "王永吉（），字修之，一字六谦，号铁山。"},
		{"（（（", "）））（（"},
		{"哪一年", "民国10年（1921年）5月14日"},
		{"", ""},
		{"what is this?", "This is a test. 这是测试。"},
	} {
		f.Add(seed[0], seed[1])
	}
	e, err := New(Config{}, fixed(nil))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q, passage string) {
		if !utf8.ValidString(passage) {
			t.Skip("passages are valid UTF-8: corpora.Decode makes them so")
		}
		a := e.FromHits(q, []corpora.Hit{hit("d", passage)})
		for _, c := range a.Citations {
			if !strings.Contains(passage, c.Text) {
				t.Errorf("citation %q is not in the passage %q", c.Text, passage)
			}
		}
	})
}

func TestPersonNames(t *testing.T) {
	e := offline(t,
		hit("bcpl", "BCPL语言，1966年由剑桥大学的马丁·理察德（Martin Richards）所发展。"),
		hit("film", "《林投姐》是1988年由丁善玺执导的电影作品。"),
		hit("tables", "纽康的太阳表的作者是美国天文学家兼数学家西蒙·纽康，为连续性出版物。"),
	)
	for q, want := range map[string]string{
		"BCPL由谁提出来的？":  "马丁·理察德",
		"林投姐的导演是谁？":    "丁善玺",
		"纽康的太阳表的作者是谁？": "西蒙·纽康",
	} {
		if a, _ := e.Ask(context.Background(), q); a.Answer != want {
			t.Errorf("Ask(%q) = %q; want %q", q, a.Answer, want)
		}
	}
}

// TestSegmenter checks that an engine cuts questions with its knowledge
// base's segmenter: a word that knowledge base's dictionary holds whole
// (年假天数) is one term the passage must hold, while the default
// dictionary cuts it into words the passage holds. (The passage holds two
// of its three bigrams, enough to answer either way.)
func TestSegmenter(t *testing.T) {
	base, err := zh.Default()
	if err != nil {
		t.Skipf("no default segmenter: %v", err)
	}
	kb := base.Layer()
	kb.AddWords([]zh.Word{{Text: "年假天数"}})
	hits := fixed{hit("handbook", "员工的年假的天数是十五天。")}
	const q = "年假天数是多少？"
	for _, tt := range []struct {
		name string
		seg  *zh.Segmenter
		want string
	}{
		{"default", nil, "十五天"},
		{"the default, given", base, "十五天"},
		{"the knowledge base's", kb, "十五天"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := New(Config{Segmenter: tt.seg}, hits)
			if err != nil {
				t.Fatal(err)
			}
			a := ask(t, e, q)
			if a.Answer != tt.want {
				t.Errorf("Ask(%q) cutting %v = %q; want %q", q, e.seg.Cut("年假天数是"), a.Answer, tt.want)
			}
			whole := false
			for _, term := range questionTerms(e.seg, parseQuestion(zh.Fold(q)), "") {
				whole = whole || term.w == "年假天数"
			}
			if whole != (tt.seg == kb) {
				t.Errorf("terms of %q hold 年假天数 whole: %v; want %v", q, whole, tt.seg == kb)
			}
		})
	}
}

// TestClauseThatSaysIt: of clauses that match the question's words around
// the gap equally near, the answer comes from the one that agrees with
// the question longest (满20年, not 不满20年).
func TestClauseThatSaysIt(t *testing.T) {
	e := offline(t)
	p := "正式员工入职满一年后享有带薪年假。工作满1年不满10年的员工每年有10天年假；工作满10年不满20年的员工每年有15天年假；工作满20年的员工每年有20天年假。"
	if a := e.FromHits("工作满20年的员工每年有几天年假？", []corpora.Hit{hit("leave.md", p)}); a.Answer != "20天" {
		t.Errorf("answer %q; want 20天", a.Answer)
	}
}

// TestUnitsAndRanges: a quantity keeps its percent sign or unit, a time
// its form, a range both ends.
func TestUnitsAndRanges(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"研发人员占多大比例？", "在全体员工中，研发人员占62%，销售人员占20%。", "62%"},
		{"每天几点上班？", "公司实行标准工时制，每天上班时间为9:00—18:00，午休一小时。", "9:00—18:00"},
		{"年假申请要提前几天？", "年假须提前3至5天在系统中提交申请。", "3至5天"},
		{"服务器最低要几核CPU？", "服务器的最低配置为4核CPU、8 GB内存和100 GB系统盘。", "4核"},
		{"单个文件最大能传多少MB？", "单个文件最大上传100 MB，超过的请用客户端上传。", "100 MB"},
		// A number keeps its sign, not a range's dash.
		{"冻品要存在多少度", "冷藏食品应存于0-4℃，冻品应存于-18℃以下的冷冻库。", "-18℃"},
		{"冷藏要几度", "冷藏食品应存于0-4℃，冻品应存于-18℃以下的冷冻库。", "0-4℃"},
		// 一件 is said 单件 in the rule: the sum for each one, not the year's.
		{"送客户的礼品一件最多多少钱？", "赠送客户礼品的，单件价值不超过500元，同一客户单位每年累计不超过2000元。", "500元"},
		// 哪家公司, 什么医院, 哪个小程序: the name of that kind.
		{"云杉同步盘是哪家公司出的？", "适用版本：云杉同步盘标准版、专业版、企业版 V4.2　编写：苏州云杉信息技术有限公司", "苏州云杉信息技术有限公司"},
		{"服务端用的是什么数据库", "服务端默认使用PostgreSQL 14数据库，超过500人的部署建议改用外置数据库。", "PostgreSQL 14数据库"},
		{"病假条要去什么医院开", "员工因病需要休息的，应提供二级及以上医院出具的病假证明。", "二级及以上医院"},
		{"双因素认证可以用哪个微信小程序？", "双因素认证支持TOTP动态口令（例如微信小程序\"云杉令牌\"或Google Authenticator）。", "云杉令牌"},
		// Units of sound and pressure; a form's number; a telephone number
		// in groups.
		{"报警音量默认开多大", "控制器主机报警音量出厂默认值为80分贝，可调范围为70—95分贝。", "80分贝"},
		{"稳压泵压力掉到多少会启动", "稳压泵的默认设定值为启泵压力0.30兆帕、停泵压力0.38兆帕。", "0.30兆帕"},
		{"开发票的税号是多少", "发票抬头须为“苏州星禾科技有限公司”，纳税人识别号为91320594MA1N7H2K3Q。", "91320594MA1N7H2K3Q"},
		{"误报记录表表号多少", "经确认为误报的，须填写《误报记录表》（表号HY-XF-03）。", "HY-XF-03"},
		{"电梯维保救援电话多少", "电梯维保24小时救援电话0512-6876 3310。", "0512-6876 3310"},
		// 电话几号 asks the number, not a day of the month.
		{"灭菌锅的厂商客服电话几号", "1.1 本手册适用于恒洁HJ-B23型压力蒸汽灭菌器。9.2 非工作时间联系总部值班电话分机8000；厂家售后客服电话400-826-7135。", "400-826-7135"},
		// 全勤奖 … 给多少 asks a sum however often it is paid (一个月).
		{"全勤奖一个月给多少", "（4）一个自然月内迟到、早退累计达到5次的，取消当月全勤奖。\n第九条 当月无迟到、早退、旷工记录的员工，发放全勤奖300元。", "300元"},
		// The name quoted right before its kind (哪个APP).
		{"打卡用的是哪个APP", "第六条 员工统一使用\"恒悦通\"APP定位打卡，上、下班各打卡一次。", "恒悦通"},
		// A day of the month after (次月20日), whole.
		{"协议客户挂账的钱最晚啥时候结清", "协议客户可申请月结挂账。挂账款项须在次月20日前结清，逾期超过30天的，暂停该客户的挂账资格。", "次月20日"},
		// A number in a bracketed aside qualifies the one before it.
		{"婚假能休几天", "**第十九条 婚假** 员工依法登记结婚的，享受婚假13天（含法定婚假3天），须在领取结婚证后1年内一次性休完。", "13天"},
		// 下班 is said of the 上班时间 a rule gives.
		{"几点下班", "第一条 员工每天上班时间为9:00—18:00，午休12:00—13:00。", "9:00—18:00"},
		// A time that bounds a case (21:30以后离开的) is no time of the
		// schedule asked.
		{"晚班几点上几点下", "第二十一条 上晚班的员工于21:30以后离开门诊的，可乘坐出租车回家，单次报销不超过60元。\n第八条 门诊实行两班制：\n（1）早班：8:30—17:00；\n（2）晚班：12:30—21:00，其中晚餐休息30分钟。", "12:30—21:00"},
		// A quantity in brackets is no list item's number (（1）).
		{"熔炼那边夜班几点开始", "熔炼工段夜班（23:00—次日7:00）每班发放夜班津贴30元。", "23:00—次日7:00"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestFAQ: a question an FAQ asks is answered by its 答 part, not by words
// of the question.
func TestFAQ(t *testing.T) {
	e := offline(t)
	p := "## 常见问题\n\n问：账号被锁定了怎么办？\n\n答：请拨打IT服务台分机8000，说明工号后由值班工程师解锁。\n\n问：打印纸在哪里领？\n\n答：在各楼层的行政柜领取。\n"
	for q, want := range map[string]string{
		"账号被锁了怎么办？": "请拨打IT服务台分机8000，说明工号后由值班工程师解锁。",
		"打印纸在哪里领？":  "在各楼层的行政柜领取。",
	} {
		a := e.FromHits(q, []corpora.Hit{hit("faq.md", p)})
		if a.Answer != want || len(a.Citations) == 0 || !strings.Contains(p, a.Citations[0].Text) {
			t.Errorf("%s → %q (%+v); want %q", q, a.Answer, a.Citations, want)
		}
	}
}

// TestYesNo: a yes-or-no question is answered yes or no in its own verb,
// then the sentence that says so — no when it says it with 不得, 禁止,
// 无权, 不予.
func TestYesNo(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"实习生可以申请住房补贴吗？", "住房补贴仅限正式员工申请，实习生不得申请住房补贴。", "不可以。"},
		{"客户数据能拷到U盘里吗？", "严禁将客户数据拷到个人U盘里。", "不能。"},
		{"正式员工能申请住房补贴吗？", "正式员工入职满半年后可以申请住房补贴。", "能。"},
		{"出差有伙食补助吗？", "出差期间每天发放伙食补助120元。", "有。"},
		// Asked as people type: a verb and its negation (算不算, 行不行),
		// or the negation ending the question (算出差不).
		{"在合肥市区跑客户算出差不", "员工在公司所在地合肥市区范围内的公务外出，不属于出差。", "不算。"},
		{"在合肥市区跑客户算不算出差", "员工在公司所在地合肥市区范围内的公务外出，不属于出差。", "不算。"},
		{"无证人员驾驶叉车行不行", "无证人员严禁驾驶叉车，包括短距离挪车和试车。", "不行。"},
		// The verb asked, negated in the sentence (negatesAsked).
		{"新客户第一单合同只有4万，提成能上浮吗？", "首单合同额不满5万元的，不上浮。", "不能。"},
		// A charge the rule says is not made (不收取) is a rule, though the
		// question's 水管 is in no passage.
		{"入户修水管要收上门费吗", "第4条 维修人员入户维修不收取上门费。", "不收。"},
		// A yes-or-no clause with an afterthought after it.
		{"叉车没电了能自己充电不 就充十分钟", "叉车没电时，非电工人员严禁自行为叉车充电。", "不能。"},
		// No longer (不再报销, 不再支持), of a word the question says; not
		// of another (已调休的不再支付加班费 for 调休).
		{"领了交通补贴还能报电动车换电的钱吗", "已领取交通补贴的，不再报销市内交通费、电动车充电换电费和手机话费。", "不能。"},
		{"Windows 7的电脑还能装同步盘客户端吗？", "V4.2起不再支持Windows 7和Windows 8.1客户端。", "不能。"},
		{"周末加班能换调休吗", "休息日加班可优先安排同等时长的调休，已调休的不再支付加班费。", "能。"},
		// Free of charge (免费) what the question asks whether one pays for.
		{"晚上加班吃晚饭要钱吗？", "食堂晚餐时间17:30—19:00，晚上加班的同事晚餐免费。", "不要。"},
		{"维保到期了，装安全补丁还要花钱吗", "安全补丁版本在维保期满后也可以免费安装。", "不要。"},
		// A deed the rule punishes; a class the rule's list leaves out.
		{"病人想直接微信转账给我 行不行", "病人直接通过微信向员工个人转账的，视为私收费用，一经查实予以辞退。", "不行。"},
		{"C级客户能先开票后付款吗？", "客户要求先开票后付款的，须经财务经理批准，且仅限于A级和B级客户。", "不能。"},
		{"B级客户能先开票后付款吗？", "客户要求先开票后付款的，须经财务经理批准，且仅限于A级和B级客户。", "能。"},
		// The part of a rule and its qualification the question asks of;
		// an exception sharing only the rule's own verb is no case the
		// question names.
		{"可以给客户推荐理财产品吗", "柜员可以向客户推荐本行理财产品，但不得承诺保本保收益。", "可以。"},
		{"经理休假了 采购单能找别人代批不", "审批人休假期间，可在OA系统中授权同级人员代为审批采购单，但不得授权给申请人本人。", "能。"},
		{"密码重置能代办吗", "密码重置须本人办理，不得代办；但被代理人因重病住院无法到场的，可由其配偶代办。", "不能。"},
		// The case the rule excepts, in the sentence after it (…的除外).
		{"客户不识字 柜员能帮他填取款凭条吗", "柜员不得为客户代填取款凭条。客户不识字或肢体残疾无法书写的除外，但须由另一名柜员在场见证。", "能。"},
		{"柜员能帮客户填取款凭条吗", "柜员不得为客户代填取款凭条。客户不识字或肢体残疾无法书写的除外，但须由另一名柜员在场见证。", "不能。"},
		// 未成年人 is no negation.
		{"15岁小孩开户要家长陪着吗", "16周岁以下的未成年人开户须由监护人陪同，并提供户口簿。", "要。"},
		// Without what the rule requires one to attach.
		{"没有发票可以报账吗", "零星费用须在30日内提交报销申请，并附发票原件或电子发票。", "不可以。"},
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)})
		if !strings.HasPrefix(a.Answer, c.want) || !strings.Contains(a.Answer, c.passage) {
			t.Errorf("%s → %q; want %q and the sentence", c.q, a.Answer, c.want)
		}
	}
	if _, ok := yesNo("年假有几天？"); ok {
		t.Errorf("年假有几天 asks for a number, not yes or no")
	}
	if v, ok := yesNo("出差预算超标了 算谁的"); ok {
		t.Errorf("出差预算超标了 算谁的 asks who, not yes or no (%s)", v)
	}
	if v, ok := yesNo("我外地的，宿舍在哪"); ok {
		t.Errorf("我外地的，宿舍在哪 asks where, not yes or no (%s)", v)
	}
	if v, ok := yesNo("出差预算超标了算谁的"); ok {
		t.Errorf("出差预算超标了算谁的 asks who, not yes or no (%s)", v)
	}
}

// TestConditions: the clause whose condition the question's number meets.
func TestConditions(t *testing.T) {
	e := offline(t)
	tiers := "提成按季度完成率分为三档：完成率不满60%的为第一档，60%（含）至100%的为第二档，100%及以上的为第三档。季度中途入职的销售人员，当季不考核完成率，一律按第二档计算提成。"
	for _, c := range []struct{ q, passage, want string }{
		{"工龄8年的员工探亲假几天？", "工龄满1年不满5年的员工，探亲假3天；工龄满5年不满10年的员工，探亲假7天；工龄满10年的员工，探亲假12天。", "7天"},
		{"工龄12年的员工探亲假几天？", "工龄满1年不满5年的员工，探亲假3天；工龄满5年不满10年的员工，探亲假7天；工龄满10年的员工，探亲假12天。", "12天"},
		{"报销6000元由谁审批？", "报销3000元以下的由部门经理审批；报销3000元及以上的由总监审批。", "总监"},
		{"签一个80万的合同要谁审批？", "合同额（含税） | 审批人\n20万元及以下 | 销售经理\n超过20万元、不超过100万元 | 区域销售总监\n超过100万元 | 销售副总裁\n", "区域销售总监"},
		{"客户一年签了150万，算什么等级？", "客户等级按最近12个月的累计签约额评定：300万元及以上为A级；100万元（含）至300万元为B级；20万元（含）至100万元为C级；不满20万元为D级。", "B级"},
		{"办一场8万块钱的沙龙要谁批？", "举办客户沙龙按单场预算审批：5万元以下由销售经理审批；5万元及以上、不满20万元由区域销售总监审批；20万元及以上由销售副总裁审批。", "区域销售总监"},
		// Clauses joined by commas, beside a sentence that names one of
		// the answers without a condition.
		{"这季度完成率只有55%，提成按第几档？", tiers, "第一档"},
		{"完成率正好100%算第几档？", tiers, "第三档"},
		// The question's own comparison: 超过2万 is past the row that ends
		// at 20000元.
		{"报销8000块钱要哪些人审批？", "三、审批权限\n单笔报销金额 | 审批人\n5000元以下 | 直属经理\n5000元至20000元 | 直属经理、部门总监\n20000元以上 | 直属经理、部门总监、财务总监，并报总经理审批\n", "部门总监"},
		{"单笔报销超过2万，最后要谁批？", "三、审批权限\n单笔报销金额 | 审批人\n5000元以下 | 直属经理\n5000元至20000元 | 直属经理、部门总监\n20000元以上 | 直属经理、部门总监、财务总监，并报总经理审批\n", "总经理"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); !strings.Contains(a.Answer, c.want) {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestConditionsAcrossPassages: the row whose condition the question's
// quantity meets wins over a sentence of a better-ranked passage sharing
// more of the question's characters.
func TestConditionsAcrossPassages(t *testing.T) {
	e := offline(t)
	hits := []corpora.Hit{
		hit("a.md", "售前顾问按其所支持合同提成总额的15%另行计提，合同批准后不从客户经理的提成中扣除。"),
		hit("b.md", "季度中途入职的销售人员，入职当季不考核完成率。"),
		hit("c.md", "合同额（含税） | 审批人\n20万元及以下 | 销售经理\n超过20万元、不超过100万元 | 区域销售总监\n"),
	}
	if a := e.FromHits("15万的合同谁批就行？", hits); !strings.Contains(a.Answer, "销售经理") {
		t.Errorf("15万的合同谁批就行？ → %q; want 销售经理", a.Answer)
	}
}

// TestColloquialConditions: a question as people type it — a filler verb
// with a measure word (买台), a sum in 万块, a threshold list cut across
// chunks — is answered from the clause whose
// condition its quantity meets, not refused, and not from a sentence on
// the thing bought.
func TestColloquialConditions(t *testing.T) {
	e := offline(t)
	rules := "第五条 常规采购应至少提前10个工作日提交申请；电脑、服务器等IT设备采购应至少提前15个工作日提交申请。\n\n" +
		"第六条 采购申请按采购金额实行分级审批：\n\n（一）采购金额在5,000元以下（不含5,000元）的，由需求部门经理审批；\n\n" +
		"（二）采购金额在5,000元（含）以上、50,000元以下（不含50,000元）的，由需求部门经理审核后，报财务经理审批；\n\n" +
		"（三）采购金额在50,000元（含）以上、200,000元（含）以下的，由财务经理审核后，报分管副总经理审批；"
	rest := "（四）采购金额在200,000元以上的，由总经理审批；其中采购金额超过500,000元的，还须提交总经理办公会集体审议。"
	others := []corpora.Hit{
		hit("a.md", "同一需求部门在30天内向同一供应商采购同类物品的，合并计算采购金额。"),
		hit("b.md", "打印机硒鼓、墨盒等耗材由信息技术部统一更换，需要更换时请拨打分机8050。"),
	}
	hits := append([]corpora.Hit{hit("r.md", rules)}, others...)
	hits = append(hits, hit("c.md", "验收合格后，财务部在15个工作日内付款。"), hit("r2.md", rest))
	for _, c := range []struct{ q, want string }{
		{"买台3万块的服务器，谁来审批", "财务经理"},
		{"一笔30万的采购找谁批", "总经理"}, // (四) is the fifth passage: past the three read
	} {
		if a := e.FromHits(c.q, hits); !strings.Contains(a.Answer, c.want) || strings.Contains(a.Answer, "财务经理审核") {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
	// 签字 is 审批 as people say it, and the verb of the sum stated (花) no
	// word a passage must hold.
	bands := "第三条 单笔报销按金额分级审批：\n（一）1,000元以下的，由部门经理审批；\n（二）1,000元（含）以上、10,000元以下的，由财务经理审批；\n（三）10,000元（含）以上的，报总经理审批。"
	if a := e.FromHits("花800块要谁签字", []corpora.Hit{hit("b.md", bands)}); a.Answer != "部门经理" {
		t.Errorf("花800块要谁签字 → %q; want 部门经理", a.Answer)
	}
	if qs := questionQuantities("花4800买个打印机"); len(qs) != 1 || qs[0].unit != "元" || qs[0].n != 4800 {
		t.Errorf("花4800: %v; want 4800元", qs)
	}
	// A band written with thousands separators (5,000元（含）以上、50,000元
	// 以下) is one condition, not clauses cut at its commas.
	approvals := "表3　单笔费用审批权限\n单笔金额 | 审批人\n5,000元以下 | 部门经理\n5,000元（含）以上、50,000元以下 | 部门经理、门店总经理\n50,000元（含）以上、200,000元以下 | 门店总经理、集团财务总监\n200,000元（含）以上 | 集团财务总监、集团总裁"
	if a := e.FromHits("报销五万二要找谁审批", []corpora.Hit{hit("p.html", approvals)}); a.Answer != "门店总经理、集团财务总监" {
		t.Errorf("报销五万二要找谁审批 → %q; want 门店总经理、集团财务总监", a.Answer)
	}
	// The case the question states by a negation (调休不了) is the clause
	// the rule opens with it (不能调休的).
	if a := e.FromHits("周末来加班又调休不了 加班费咋算", []corpora.Hit{hit("h.txt", "第二十三条 工作日加班按本人小时工资的150%支付加班费；休息日加班优先安排调休，不能调休的按200%支付；法定节假日加班按300%支付。")}); a.Answer != "按200%支付" {
		t.Errorf("调休不了 加班费咋算 → %q; want 按200%%支付", a.Answer)
	}
	// Of tiers each met (满5,000元…满20,000元…), the one whose bound is
	// nearest the quantity.
	tiers := "第九条 患者累计实际支付金额达到以下标准的，自动升级为相应会员：累计满5,000元为银卡会员，满20,000元为金卡会员，满50,000元为钻石会员。"
	if a := e.FromHits("病人累计花了三万块 算啥会员", []corpora.Hit{hit("p.html", tiers)}); !strings.Contains(a.Answer, "金卡") {
		t.Errorf("累计花了三万块 算啥会员 → %q; want 金卡", a.Answer)
	}
	// 有什么限制 asks the rule whole, its exception too.
	if a := e.FromHits("出差坐飞机有什么限制", []corpora.Hit{hit("p.html", "第二十条 出差乘坐高铁的，总监及以上人员可乘坐一等座。单程超过1,000公里的方可乘坐飞机，但经区域经理批准的紧急出差除外。")}); !strings.Contains(a.Answer, "1,000公里") || !strings.Contains(a.Answer, "除外") {
		t.Errorf("出差坐飞机有什么限制 → %q; want the rule and its exception", a.Answer)
	}
	// A condition's word before a few words of what it bounds (超过承诺时限7天).
	overdue := "第八条 快件超过承诺时限48小时以上仍未送达的，视为延误；超过承诺时限7天仍未送达且无法查明下落的，按丢失处理。"
	if a := e.FromHits("包裹超过承诺时间十天还没送到，要怎么算", []corpora.Hit{hit("p.html", overdue)}); !strings.Contains(a.Answer, "按丢失处理") {
		t.Errorf("超过承诺时间十天 → %q; want 按丢失处理", a.Answer)
	}
	if met, any := conditionsMet("客户满意度达到90%的，另发奖金；不满足条件的3天内整改。", questionQuantities("工作满3天")); !met || any {
		t.Errorf("满意度, 满足: read as conditions on days (met %v, any %v)", met, any)
	}
	// 几成 asks a share; 负担 is the rule's 承担; 四百块 meets 500元以下.
	share := "第十三条 因员工个人过错导致公司对外赔偿的，按下列比例由责任人承担：单次赔款500元以下的，责任人承担50%；单次赔款500元（含）以上的，责任人承担30%，但最高不超过2,000元。"
	if a := e.FromHits("我害公司赔了四百块，自己要负担几成", []corpora.Hit{hit("p.html", share)}); a.Answer != "50%" {
		t.Errorf("赔了四百块 负担几成 → %q; want 50%%", a.Answer)
	}
	// Asked who approves a sum, the clause naming who whose condition the
	// sum meets, though a table of rates by post says more of the words.
	rates := "第十八条 员工出差住宿费在下表标准内凭票据实报销，超出部分由个人承担。\n表2 住宿费标准（单位：元/晚）\n人员类别 | 一线城市 | 省会城市 | 其他城市\n总部总监及以上 | 700 | 550 | 450\n区域经理、店长 | 550 | 450 | 350\n"
	approvals2 := "第二十四条 员工费用报销按以下权限审批：\n表3 费用审批权限\n单笔金额 | 审批人\n2,000元以下 | 店长\n2,000元（含）以上、20,000元以下 | 区域经理\n20,000元（含）以上 | 总经理\n"
	if a := e.FromHits("报销一万五找谁批", []corpora.Hit{hit("p.html", rates), hit("p.html", approvals2)}); a.Answer != "区域经理" {
		t.Errorf("报销一万五找谁批 → %q; want 区域经理", a.Answer)
	}
	// The condition met answers however the rest is said (睡过头, 早上).
	late := "第九条 员工迟到、早退的，按以下规定处理：\n（1）迟到或早退不超过15分钟的，每次扣款20元；\n（2）迟到或早退超过15分钟、不超过60分钟的，每次扣款50元；\n（3）迟到或早退超过60分钟的，按旷工半天处理；\n（4）每月迟到、早退累计达5次的，取消当月全勤奖。"
	hours := "第八条 公司实行标准工时制，每天工作8小时，早上8:30上班，下午17:30下班，中午休息1小时。加班须经主管同意，按实际时长计算。"
	if a := e.FromHits("早上睡过头迟到一个半小时 咋算", []corpora.Hit{hit("h.md", late), hit("h.md", hours)}); !strings.Contains(a.Answer, "旷工半天") {
		t.Errorf("迟到一个半小时 → %q; want 旷工半天", a.Answer)
	}
}

// TestYesNoInTheRulesWords: asked whether one may, in words the rule does
// not use (自己随便转转), the rule saying what one must not do answers.
func TestYesNoInTheRulesWords(t *testing.T) {
	e := offline(t)
	// 不适用 says no as 不得 does.
	if a := e.FromHits("国庆假期能用员工价订酒店吗", []corpora.Hit{hit("h.txt", "第二十六条 员工入职满6个月后，可凭工牌以员工价预订集团旗下任一酒店的客房。员工价不适用于春节、五一、国庆假期。")}); !strings.HasPrefix(a.Answer, "不能。") {
		t.Errorf("国庆假期能用员工价订酒店吗 → %q; want 不能 first", a.Answer)
	}
	// An FAQ's question that the answer's rule decides (答：…不得收受).
	faq := "问：业主送的水果、饮料能收吗？\n答：价值50元以下的水果、饮料可以收下，但须向主管报备；购物卡、现金、礼品卡一律不得收受。"
	if a := e.FromHits("业主硬塞给我购物卡 能收不", []corpora.Hit{hit("faq.md", faq)}); !a.Found {
		t.Errorf("业主硬塞给我购物卡 能收不 → refused; want the FAQ's answer")
	}
	p := "四、访客接待\n接待访客的员工须至少提前1个工作日在OA系统中登记访客姓名。访客在大楼内须由接待员工全程陪同，不得单独活动。"
	if a := e.FromHits("访客进了大楼能自己随便转转吗", []corpora.Hit{hit("g.txt", p)}); !strings.HasPrefix(a.Answer, "不能") || !strings.Contains(a.Answer, "不得单独活动") {
		t.Errorf("→ %q; want 不能 and the rule", a.Answer)
	}
	if a := e.FromHits("访客能在大楼里吃饭吗", []corpora.Hit{hit("g.txt", "四、访客接待\n接待访客的员工须至少提前1个工作日在OA系统中登记访客姓名。")}); a.Found {
		t.Errorf("→ %q; want a refusal (the passage says nothing of eating)", a.Answer)
	}
}

// TestNotListed: asked whether a thing named in Latin letters is
// supported, a sentence listing what is, without it, says no; one listing
// it, or a question naming something listed, says yes.
func TestNotListed(t *testing.T) {
	s := "Web端支持Chrome 100、Edge 100、Firefox 102及以上版本。"
	for _, c := range []struct {
		q    string
		want bool
	}{
		{"网页版能用IE浏览器打开吗", true},
		{"网页版能用Edge打开吗", false},
		{"Web端支持Firefox吗", false}, // Web is the sentence's subject, Firefox listed
		{"网页版能在手机上打开吗", false},
	} {
		if got := notListed(c.q, s); got != c.want {
			t.Errorf("%s: notListed %v; want %v", c.q, got, c.want)
		}
	}
	if got := polarity(nil, "网页版能用IE浏览器打开吗", nil, "能", s); got != "不能" {
		t.Errorf("polarity %q; want 不能", got)
	}
}

// TestLengthAndWeight: 多远 and 多重 ask for a length and a weight; the
// clause that holds one of the thing asked about answers.
func TestLengthAndWeight(t *testing.T) {
	e := offline(t)
	p := "4. 货架与堆垛\n4.1 堆垛与墙体的间距不小于0.5米，与灯具的间距不小于0.5米，与消防栓、灭火器等消防设施的间距不小于1米。\n4.2 单层货架的额定载荷为800 kg，严禁超载。"
	wantAnswers(t, e, []corpora.Hit{hit("m.txt", p)}, map[string]string{
		"货堆离消防栓得留多远":   "1米",
		"单层货架最多能放多重的货": "800 kg",
	})
	// A length or weight asked by its noun (海拔是多少, 载重多少), in the
	// units Taiwan writes (公尺).
	p = "翠湖位于山区，湖面海拔约760公尺，湖中有一座小岛。湖区共有三个码头，游船长约12公尺，载重为2吨。"
	wantAnswers(t, e, []corpora.Hit{hit("lake.txt", p)}, map[string]string{
		"翠湖的湖面海拔大约是多少": "约760公尺",
		"游船的载重是多少":     "2吨",
	})
	if q := parseQuestion(zh.Fold("青藏铁路的总长度是多少？")); q.unit != unitLength || !q.implied {
		t.Errorf("总长度是多少: unit %q, implied %v; want %q, implied", q.unit, q.implied, unitLength)
	}
}

// TestFeeColumnUnit: a bare number in the column of a fee is a sum in
// 元; one in a column of a share or a count is left as it is.
func TestFeeColumnUnit(t *testing.T) {
	e := offline(t)
	p := "第六条 出差住宿费和伙食补助标准如下表。\n\n| 城市类别 | 部门经理住宿费 | 主管及以下员工住宿费 | 伙食补助 |\n|---|---|---|---|\n| 一类城市（北京、上海、广州、深圳） | 550 | 400 | 120 |\n| 三类城市（其他地级市及县城） | 350 | 260 | 80 |\n"
	wantAnswers(t, e, []corpora.Hit{hit("r.html", p)}, map[string]string{
		"主管去上海出差住酒店能报多少": "400元",
		"去北京出差一天伙食补助多少":  "120元",
	})
	if !namesMoney("伙食补助") || namesMoney("返点比例") || namesMoney("名额") {
		t.Error("namesMoney: 伙食补助 names money, 返点比例 and 名额 do not")
	}
}

// TestListLeadPolarity: an item of a list says yes or no by the list's
// lead-in (下列费用一律不予报销：), each item a line.
func TestListLeadPolarity(t *testing.T) {
	e := offline(t)
	p := "第二十条 下列费用一律不予报销：\n个人物品购置、洗衣、美容美发等个人消费；\n酒店迷你吧、收费电视及房间内饮用的酒水饮料；\n交通违章罚款。\n第二十一条 出差期间的市内交通费凭票报销。"
	numbered := "第三十二条 员工在工作期间及厂区内不得有下列行为：\n\n1. 在厂区内吸烟，但在指定吸烟区内的除外；\n2. 酒后上岗或在工作时间饮酒；\n5. 在车间内使用手机拍照、录像，但经安全环保部批准的除外；\n6. 带无关人员进入车间。"
	if a := e.FromHits("车间里能拿手机拍照吗", []corpora.Hit{hit("h.md", numbered)}); !strings.HasPrefix(a.Answer, "不能。") {
		t.Errorf("a numbered item → %q; want 不能 first", a.Answer)
	}
	// The list's lead-in in an earlier chunk, carried as the Header.
	rest := hit("r.html", "（三）烟、酒；\n（四）购物卡、加油卡、话费充值卡等预付卡；\n（五）向未列入名录的供应商采购的物品。")
	rest.Header = "第二十二条 下列费用及物品，一律不予报销，也不得以公司名义采购："
	if a := e.FromHits("加油卡能报销吗", []corpora.Hit{rest}); !strings.HasPrefix(a.Answer, "不能。") {
		t.Errorf("an item of a list led in an earlier chunk → %q; want 不能 first", a.Answer)
	}
	for _, c := range []struct{ q, want string }{
		{"酒店迷你吧喝的饮料可以报吗", "不可以"},
		{"出差时市内交通费能报销吗", "能"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("r.html", p)}); !strings.HasPrefix(a.Answer, c.want+"。") {
			t.Errorf("%s → %q; want %s first", c.q, a.Answer, c.want)
		}
	}
}

// TestRecut: a question's word the segmenter ran into the character after
// a word the passages say gives it back; words the passages say stay.
func TestRecut(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "在冷冻库内连续作业的时间每次不得超过40分钟。打印机硒鼓由信息技术部更换。两班制中班每班发放夜班津贴15元。住房公积金缴存比例为12%。"
	for _, c := range []struct{ in, want []string }{
		{[]string{"上中", "班", "一个班"}, []string{"上", "中班", "一个班"}}, // the character before a word of theirs, given to it
		{[]string{"企业", "年金", "缴"}, []string{"企业", "年金", "缴"}},   // 金缴 is in the text, no word
		{[]string{"冷冻", "库里", "一次"}, []string{"冷冻库", "里", "一次"}},
		{[]string{"打印", "机要", "谁"}, []string{"打印机", "要", "谁"}},
		{[]string{"连续", "作业"}, []string{"连续", "作业"}},
		{[]string{"店里", "买", "东西", "打"}, []string{"店里", "买东西", "打"}}, // a word of an alias group, cut in two
	} {
		if got := recut(slices.Clone(c.in), text, seg.Counted); !slices.Equal(got, c.want) {
			t.Errorf("recut(%v) = %v; want %v", c.in, got, c.want)
		}
	}
	// A verb the segmenter ran into a word of theirs (付现金 … 不得以现金
	// 方式支付) is cut off it; a word they say is left whole.
	cash := "第二十一条 不得以现金方式支付赔款。现金日记账由出纳登记。"
	for _, c := range []struct{ in, want []string }{
		{[]string{"能", "给", "客户", "付现金"}, []string{"能", "给", "客户", "付", "现金"}},
		{[]string{"现金日记账", "谁", "登记"}, []string{"现金日记账", "谁", "登记"}},
	} {
		if got := verbOff(seg, slices.Clone(c.in), cash); !slices.Equal(got, c.want) {
			t.Errorf("verbOff(%v) = %v; want %v", c.in, got, c.want)
		}
	}
}

// TestCityClasses: a table of city classes answers for a city its rows
// name only by class (南京, a provincial capital: 省会城市), by name in a
// gloss (无锡), or not at all (芜湖: the row of 其他地级市); of two columns
// sharing the question's characters, the one sharing more of them.
func TestCityClasses(t *testing.T) {
	e := offline(t)
	p := "| 城市类别 | 总经理、副总经理住宿费 | 部门经理住宿费 | 主管及以下员工住宿费 | 伙食补助 |\n|---|---|---|---|---|\n| 一类城市（北京、上海、广州、深圳） | 800 | 550 | 400 | 120 |\n| 二类城市（省会城市、计划单列市及苏州、无锡） | 600 | 450 | 330 | 100 |\n| 三类城市（其他地级市及县城） | 450 | 350 | 260 | 80 |\n"
	wantAnswers(t, e, []corpora.Hit{hit("r.html", p)}, map[string]string{
		"部门经理去南京出差住宿标准是多少": "450元",
		"部门经理去无锡出差住宿标准是多少": "450元",
		"部门经理去芜湖出差住宿标准是多少": "350元",
		"部门经理去上海出差住宿标准是多少": "550元",
		"去芜湖出差伙食补助一天多少钱":   "80元",
	})
}

// TestSaidQuantities: quantities as people say them (七级, 满意度九十二,
// 两个多月) are read in the units rules set conditions in; 上一级, 一回事
// and 汇率7 state none.
func TestSaidQuantities(t *testing.T) {
	for q, want := range map[string]quantity{
		"今天风有七级 还能上楼顶干活吗": {n: 7, unit: "级", ok: true},
		"这季满意度九十二 奖金多少":   {n: 92, unit: "%", ok: true},
		"出勤率才85 扣不扣":      {n: 85, unit: "%", ok: true},
		// a unit the numerals' pattern does not take with them
		"今年开了三万六千公里 奖多少": {n: 36000, unit: "公里", ok: true},
		"上了两百课时 算几级":     {n: 200, unit: "课时", ok: true},
		// a unit's character beginning the word after the number: money
		"估损8万核损要几天":    {n: 80000, unit: "元", ok: true},
		"估损八万核损要几天":    {n: 80000, unit: "元", ok: true},
		"签了3万人民币的合同":   {n: 30000, unit: "元", ok: true},
		"报销300人民币要谁批":  {n: 300, unit: "元", ok: true},
		"迟到5次年终奖扣多少":   {n: 5, unit: "次", ok: true},
		"赔款三万块多久要付":    {n: 30000, unit: "元", ok: true},  // (多久 asks; no 三万多)
		"车跑了两万五坏了 保不保": {n: 25000, unit: "公里", ok: true}, // (a car's distance, no money)
	} {
		if qs := questionQuantities(string(zh.Fold(q))); len(qs) != 1 || qs[0] != want {
			t.Errorf("%s: %v; want %v", q, qs, want)
		}
	}
	if qs := questionQuantities("两个多月没休假了"); len(qs) != 1 || qs[0].unit != "个月" || qs[0].n <= 2 {
		t.Errorf("两个多月: %v; want just past 2个月", qs)
	}
	if !conditionsMetFor("遇6级以上大风或雷雨天气，须停止室外高处作业。", "今天风有七级 还能上楼顶干活吗") ||
		!conditionsMetFor("满意度达到90%以上、不满95%的，每人奖励300元；", "这季满意度九十二 奖金多少") {
		t.Error("七级, 九十二: conditions not met")
	}
	for _, q := range []string{"报销要找上一级领导批吗", "这是怎么一回事", "汇率7怎么算"} {
		if qs := questionQuantities(string(zh.Fold(q))); len(qs) != 0 {
			t.Errorf("%s: %v; want none", q, qs)
		}
	}
}

// TestSpokenTimes: lengths of time as people say them (一刻钟, 半个多小时,
// 两个小时, 一个多钟头) meet a rule's conditions in minutes; 几倍 is
// answered by a share (300%).
func TestSpokenTimes(t *testing.T) {
	for _, c := range []struct {
		q    string
		want float64
	}{
		{"迟到了一刻钟", 15}, {"温度超标半个多小时了", 30}, {"加班两个小时", 120}, {"开会开了一个半小时", 90},
		{"台风天迟到一个多小时", 60}, {"迟到一个多钟头", 60}, // (past 60: 1小时以上 holds it)
	} {
		qs := questionQuantities(string(zh.Fold(c.q)))
		if len(qs) != 1 || qs[0].unit != "分钟" || qs[0].n < c.want || qs[0].n > c.want+0.001 {
			t.Errorf("%s: %v; want %g分钟", c.q, qs, c.want)
		}
	}
	e := offline(t)
	p := "第十条 迟到10分钟以内的，每次扣款20元；迟到10分钟以上、60分钟以内的，每次扣款50元；迟到超过60分钟的按旷工半天处理。"
	if a := e.FromHits("早上迟到了一刻钟要扣多少钱", []corpora.Hit{hit("h.md", p)}); !strings.Contains(a.Answer, "50元") {
		t.Errorf("迟到了一刻钟 → %q; want 50元", a.Answer)
	}
	if a := e.FromHits("早上迟到了半个多小时要扣多少钱", []corpora.Hit{hit("h.md", p)}); !strings.Contains(a.Answer, "50元") {
		t.Errorf("迟到了半个多小时 → %q; want 50元", a.Answer)
	}
	if a := e.FromHits("法定节假日上班给几倍工资", []corpora.Hit{hit("h.md", "第二十条 休息日加班的，按200%支付加班工资；法定节假日加班的，按300%支付加班工资。")}); !strings.Contains(a.Answer, "300%") {
		t.Errorf("几倍 → %q; want 300%%", a.Answer)
	}
}

// TestCodeAndExtension: a code the question names (E05) picks the line
// that says it over lines of codes like it, and is answered though the
// question's other words (屏幕) are nowhere; asked 哪个分机, the number by
// 分机 answers, also in a clause whose condition the question meets.
func TestCodeAndExtension(t *testing.T) {
	e := offline(t)
	codes := "9. 设备报警代码\nE01：叉车超载，载荷超过额定载荷的105%，系统自动限制举升。\nE02：蓄电池电量低于20%，应停止作业并返回充电区。\nE05：货叉倾斜传感器故障，应立即停止使用并报设备科。\nE07：座椅安全开关未闭合。"
	if a := e.FromHits("叉车屏幕上报E05是什么意思", []corpora.Hit{hit("m.txt", codes)}); !strings.Contains(a.Answer, "倾斜传感器") {
		t.Errorf("E05 → %q; want 货叉倾斜传感器故障", a.Answer)
	}
	if a := e.FromHits("自助收银机报E50是啥问题", []corpora.Hit{hit("m.txt", codes+"\nE08：电子秤称重超过30千克时自动报警并暂停结算。")}); a.Found {
		t.Errorf("E50, which no passage says → %q; want a refusal", a.Answer)
	}
	p := "5.3 库内温度超出设定范围持续超过30分钟的，当班库管员应立即报告冷库主管（分机8231），并在2小时内完成货物转移。"
	if a := e.FromHits("冷库温度超标半个多小时了 打哪个分机", []corpora.Hit{hit("m.txt", p)}); a.Answer != "8231" {
		t.Errorf("分机 → %q; want 8231", a.Answer)
	}
}

// TestQuestionFormsAreNoTerms: a question's yes-or-no form (算不算, 行不
// 行) and the quantities it states in Chinese numerals (十二年, 六百块) are
// no words a passage must hold; a condition the quantity meets outweighs
// a telling word the passages lack (拍板).
func TestQuestionFormsAreNoTerms(t *testing.T) {
	for _, w := range []string{"算不算", "行不行", "有没有"} {
		if !aNotA(w) {
			t.Errorf("aNotA(%s) = false", w)
		}
	}
	for w, want := range map[string]bool{"十二年": true, "六百块": true, "一万二": true, "四年": true, "一般": false, "统一": false, "二维码": false} {
		if spokenQuantityRe.MatchString(w) != want {
			t.Errorf("spokenQuantityRe(%s) = %v; want %v", w, !want, want)
		}
	}
	e := offline(t)
	p := "第二十五条 顾客单笔退货金额500元以下的，由值班经理授权办理；500元（含）以上的，须经店长授权。"
	if a := e.FromHits("顾客要退六百块的货 谁能拍板", []corpora.Hit{hit("h.html", p)}); !strings.Contains(a.Answer, "店长") {
		t.Errorf("六百块 → %q; want 店长", a.Answer)
	}
}

// TestTableOfSums: a table of bare numbers under a heading that names a
// fee (第二章 差旅费) is of sums: its cell is answered in 元; its column is
// named by the class of the city asked (成都: 省会城市), its row by a rank
// without its 级 (主管 of 主管级) or a member its gloss names (店长).
func TestTableOfSums(t *testing.T) {
	e := offline(t)
	p := "第六条 住宿费在下表标准以内凭发票据实报销，超出部分由个人承担：\n表1 住宿费报销标准（元/人·晚）\n职级 | 一类城市（北京、上海、广州、深圳） | 二类城市（省会城市、计划单列市） | 三类城市（其他地级市及县城）\n总监及以上 | 700 | 550 | 400\n经理级（含店长、区域经理） | 500 | 400 | 300\n主管级（含值班经理） | 400 | 320 | 250\n普通员工 | 320 | 260 | 200\n第七条 两名同性别员工同行出差的，原则上合住一间，按其中较高职级的标准报销一间的住宿费。"
	h := hit("m.html", p)
	h.Section = "费用报销管理办法 › 第二章 差旅费"
	wantAnswers(t, e, []corpora.Hit{h}, map[string]string{
		"店长去上海出差 酒店一晚能报多少": "500元",
		"主管去成都出差住宿最多报多少":   "320元",
		"普通员工出差去县城住宿标准多少":  "200元",
	})
}

// TestDegrees: 几度 asks for a temperature, said in ℃.
func TestDegrees(t *testing.T) {
	e := offline(t)
	p := "2.1.1 冷藏库用于存放果蔬、乳制品及熟食半成品，温度设定默认值为4℃，允许设定范围为2℃至8℃。"
	if a := e.FromHits("冷藏库温度默认设几度", []corpora.Hit{hit("m.txt", p)}); a.Answer != "4℃" {
		t.Errorf("→ %q; want 4℃", a.Answer)
	}
}

// TestHowInTheMetClause: asked how a case is dealt with (咋算, 怎么处理),
// the clause whose condition the question's quantity meets answers with
// what it says after its condition.
func TestHowInTheMetClause(t *testing.T) {
	e := offline(t)
	p := "**第10条** 迟到按每次迟到时长分档处理：\n（一）迟到5分钟以内（含5分钟）的，每月前两次不扣款，第三次起每次扣款10元；\n（二）迟到超过5分钟、不超过30分钟的，每次扣款30元；\n（三）迟到超过30分钟、不超过2小时的，按旷工半天处理；\n（四）迟到超过2小时的，按旷工一天处理。"
	for q, want := range map[string]string{"迟到四十分钟咋算": "按旷工半天处理", "迟到三个小时怎么处理": "按旷工一天处理"} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", p)}); a.Answer != want {
			t.Errorf("%s → %q; want %q", q, a.Answer, want)
		}
	}
	// Asked how much, the clause's number after its condition, not its
	// bounds.
	p = "第十条 迟到、早退按下列标准处理：\n（一）迟到5分钟以内（含5分钟）的，每月累计不超过3次不作处理；\n（二）迟到5分钟以上、30分钟以内（含30分钟）的，每次扣款20元；\n（三）迟到30分钟以上、60分钟以内（含60分钟）的，每次扣款50元；"
	if a := e.FromHits("今天迟到了十几分钟 扣多少", []corpora.Hit{hit("h.md", p)}); a.Answer != "20元" {
		t.Errorf("十几分钟 → %q; want 20元", a.Answer)
	}
	// Asked who, the condition first: who the clause names after it
	// approves, the last named.
	p = "（三）采购金额在50,000元（含）以上、200,000元（含）以下的，由财务经理审核后，报分管副总经理审批；"
	if a := e.FromHits("采购金额刚好5万整，最后谁批", []corpora.Hit{hit("p.md", p)}); a.Answer != "分管副总经理" {
		t.Errorf("5万整 → %q; want 分管副总经理", a.Answer)
	}
	// Clauses a line each under a lead-in naming what they rule (装修工程),
	// the question naming that and a sum only.
	p = "第十七条 非商品采购（设备、耗材、装修工程、办公用品、外包服务等）按单笔金额实行分级审批：\n（一）单笔金额5,000元以下的，由部门负责人审批；\n（二）5,000元（含）以上、50,000元以下的，由部门负责人和财务经理审批；\n（三）50,000元（含）以上、200,000元以下的，在前项审批基础上报分管副总经理审批；\n（四）200,000元（含）以上的，报总经理审批，并提交采购委员会审议。\n第二十二条 设备类采购到货后，使用部门须在5个工作日内完成验收并签署验收单。"
	if a := e.FromHits("装修花十二万要谁批", []corpora.Hit{hit("p.html", p)}); a.Answer != "分管副总经理" {
		t.Errorf("装修花十二万 → %q; want 分管副总经理", a.Answer)
	}
}

// TestDefinedClasses: a table of classes defined elsewhere (A类为总经理、
// 副总经理；B类为部门经理…; 二类城市为天津、重庆、各省会城市…) answers for a
// post and a city the table never names: the row and the column of the
// classes they are defined to be in.
func TestDefinedClasses(t *testing.T) {
	e := offline(t)
	defs := "第七条 差旅费标准按职级分为四类：A类为总经理、副总经理；B类为部门经理、部门副经理；C类为主管、工程师、班组长；D类为其他员工。\n第八条 出差城市分为三类：一类城市为北京、上海、广州、深圳；二类城市为天津、重庆、各省会城市、计划单列市及苏州、无锡；三类城市为一、二类城市以外的境内其他地区。"
	table := "第十二条 住宿费在下表限额内凭发票据实报销：\n表1 住宿费报销限额（单位：元/人·晚）\n职级 | 一类城市 | 二类城市 | 三类城市\nA类 | 800 | 600 | 480\nB类 | 550 | 450 | 380\nC类 | 420 | 360 | 300\nD类 | 350 | 280 | 230\n第十三条 两名及以上同性别员工同行出差的，原则上两人合住一间。"
	hs := []corpora.Hit{hit("t.html", table), hit("d.html", defs)}
	hs[0].Section = "差旅费管理制度 › 第五章 住宿费与补助"
	if d := definitions(hs); !strings.Contains(d["b类"], "部门经理") || !strings.Contains(d["二类城市"], "省会城市") {
		t.Errorf("definitions %v; want B类 and 二类城市 defined", d)
	}
	// A note defines no term: every record has a 备注 column.
	note := hit("deck.pptx", "集团概况\n备注：线路分为普通线路、快线、城乡线和夜班线路四类。")
	if d := definitions([]corpora.Hit{note}); d["备注"] != "" {
		t.Errorf("definitions %v; want no definition of 备注", d)
	}
	row := hit("t.xlsx", "线路：K6；类别：快线；首班：6:20；高峰间隔（分钟）：12；平峰间隔（分钟）：20；备注：周六、周日只按平峰间隔发车，全程票价3元")
	if a := e.FromHits("K6快线早高峰多久来一趟", []corpora.Hit{row, note}); a.Answer != "12分钟" {
		t.Errorf("K6快线早高峰多久来一趟 → %q; want 12分钟, not the note", a.Answer)
	}
	wantAnswers(t, e, hs, map[string]string{
		"部门经理去杭州出差酒店能报多少": "450元",
		"主管去北京出差住宿最多报多少":  "420元",
	})
}

// TestPerUnit: a unit said with 一 before what is given per it (饭补一天给
// 多少钱, 一次最多能借多少) states no quantity; one said of the asker's case
// (工作一年了, 请一天假) does; 多少个钟 asks for hours.
func TestPerUnit(t *testing.T) {
	for q, want := range map[string]int{"饭补一天给多少钱": 0, "备用金一次最多能借多少": 0, "工作一年了年假几天": 1, "请一天假扣多少钱": 1} {
		if got := len(questionQuantities(string(zh.Fold(q)))); got != want {
			t.Errorf("%s: %d quantities; want %d", q, got, want)
		}
	}
	e := offline(t)
	p := "第二十条 每月加班时间累计不得超过36小时，每次加班不得超过3个小时。"
	if a := e.FromHits("一个月加班最多能加多少个钟", []corpora.Hit{hit("h.md", p)}); a.Answer != "36小时" {
		t.Errorf("多少个钟 → %q; want 36小时", a.Answer)
	}
}

// TestBareCount: a parameter table's bare number answers how many, with
// the measure word asked, over a sentence saying a count of one.
func TestBareCount(t *testing.T) {
	e := offline(t)
	p := "每次修改文件，服务端都会保留一个历史版本；\n| 参数 | 默认值 | 取值范围 | 说明 |\n|---|---|---|---|\n| version_keep | 30 | 1～100 | 每个文件保留的历史版本数，可在线修改 |\n"
	if a := e.FromHits("每个文件在服务器上默认留几个历史版本？", []corpora.Hit{hit("m.md", p)}); a.Answer != "30个" {
		t.Errorf("→ %q; want 30个", a.Answer)
	}
}

// TestYesNoException: a rule whose exception is the next sentence (…不发
// 放全勤奖；但休年休假…的除外) is read with it: the question's case in the
// exception turns the rule's answer.
func TestYesNoException(t *testing.T) {
	e := offline(t)
	p := "第十三条 全勤奖每月200元，随当月工资发放。当月有迟到、早退、事假、病假、旷工任一情形的，不发放全勤奖；但休年休假、婚假、产假、陪产假、丧假或工伤假的除外。"
	for q, want := range map[string]string{"这个月请了两天年假 全勤奖还有吗": "有。", "这个月请了两天事假 全勤奖还有吗": "没有。"} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", p)}); !strings.HasPrefix(a.Answer, want) {
			t.Errorf("%s → %q; want %s first", q, a.Answer, want)
		}
	}
}

// TestLetterCode: a code asked by its letters and 几 (P几) is answered
// with those letters and a number; asked the highest, the greatest.
func TestLetterCode(t *testing.T) {
	e := offline(t)
	p := "- 职级体系：专业序列P1—P12，管理序列M1—M6\n- 晋升评审每年两次，分别在4月和10月"
	wantAnswers(t, e, []corpora.Hit{hit("o.pptx", p)}, map[string]string{"专业序列的职级最高到P几？": "P12", "管理序列最低是M几": "M1"})
	// A longer name, a space before its number, asked by its Chinese name
	// (安卓几: Android 9).
	clients := "| 客户端 | 系统要求 | 获取方式 |\n|---|---|---|\n| Windows客户端 | Windows 10及以上 | 从管理控制台下载 |\n| Android客户端 | Android 9及以上 | 从应用市场下载 |\n"
	wantAnswers(t, e, []corpora.Hit{hit("m.md", clients)}, map[string]string{"安卓客户端最低要安卓几？": "Android 9"})
}

// TestGradeBand: a class defined by a band of grades (员工级：P1至P5级)
// holds the grade the question names within it.
func TestGradeBand(t *testing.T) {
	def := "p1至p5级\n"
	for asked, want := range map[string]bool{"我p2去无锡出差": true, "我是p5": true, "我是p6": false, "我是m2": false} {
		if got := definedAs(def, asked); got != want {
			t.Errorf("definedAs(%q, %q) = %v; want %v", def, asked, got, want)
		}
	}
	e := offline(t)
	p := "- 员工级：P1至P5级；\n- 经理级：P6至P8级，以及M1、M2级；\n\n第二十五条 住宿标准 住宿费每晚不超过下表标准：\n\n| 城市类别 | 员工级 | 经理级 | 总监级及以上 |\n|---|---|---|---|\n| 一类城市 | 500元 | 650元 | 900元 |\n| 三类城市 | 300元 | 400元 | 550元 |\n"
	if a := e.FromHits("我P7，去一类城市出差住宿能报多少", []corpora.Hit{hit("h.md", p)}); a.Answer != "650元" {
		t.Errorf("P7 → %q; want 650元 (经理级)", a.Answer)
	}
}

// TestMoneyOfAnotherKind: asked how much money, a passage whose only
// number is of another kind (1盒) does not answer.
func TestMoneyOfAnotherKind(t *testing.T) {
	e := offline(t)
	p := "需要印制名片的员工，在OA系统中提交申请。每次申请印制1盒（100张），印制周期为5个工作日。"
	if a := e.FromHits("印一盒名片多少钱", []corpora.Hit{hit("g.md", p)}); a.Found {
		t.Errorf("→ %q; want a refusal", a.Answer)
	}
	if a := e.FromHits("印一盒名片多少钱", []corpora.Hit{hit("g.md", p+"名片每盒收费30元。")}); !strings.Contains(a.Answer, "30元") {
		t.Errorf("→ %q; want 30元", a.Answer)
	}
	// 工资…涨多少 asks a sum: a number of days does not answer it.
	if a := e.FromHits("工龄工资一年涨多少", []corpora.Hit{hit("h.txt", "年休假天数按在集团的工作年限（工龄）计算：满1年不满5年的，年假5天；满5年不满10年的，年假10天。"), hit("p.txt", "工资于每月15日发放，工资条在系统中查看。")}); a.Found {
		t.Errorf("工龄工资一年涨多少 → %q; want a refusal", a.Answer)
	}
}

// TestLengthNoClock: asked how long, a time of day (到校时间：8:00) is no
// length of time, nor is the 二年 of 二年级 a number of years.
func TestLengthNoClock(t *testing.T) {
	e := offline(t)
	q := "初中每天书面作业最多布置多长时间"
	row := "校区：滨江校区；年级：八年级；学段：初中部；到校时间：8:00；放学时间：17:30"
	rule := "书面家庭作业按年级控制总量：一、二年级不布置书面家庭作业；三至六年级每天不超过60分钟；七至九年级每天不超过90分钟。"
	if a := e.FromHits(q, []corpora.Hit{hit("a.xlsx", row), hit("b.md", rule)}); a.Answer != "90分钟" {
		t.Errorf("%s → %q; want 90分钟", q, a.Answer)
	}
	if otherKind([]rune("8:00"), unitDuration) != true || otherKind([]rune("90分钟"), unitDuration) {
		t.Errorf("otherKind: 8:00 is of another kind than a length of time, 90分钟 is not")
	}
}

// TestPeriodAsked: 多长 after a span of time (见习期多长) asks how long it
// lasts, and the sentence saying the span's value (见习期为1年) answers
// over one that only has it (延长见习期3个月).
func TestPeriodAsked(t *testing.T) {
	e := offline(t)
	q := "新老师见习期多长"
	hits := []corpora.Hit{
		hit("a.pptx", "转正考核\n备注：转正考核以汇报课评分为主，结合师傅鉴定意见和考勤情况。汇报课评分85分以上、师傅鉴定合格的，按期转正。\n汇报课评分在70分至84分的，延长见习期3个月，期满后重新上一次汇报课；评分低于70分的，不予转正，按见习期考核不合格处理。见习期内累计迟到5次以上的，也不予转正。"),
		hit("b.pptx", "班主任工作\n备注：新教师见习期内不得单独担任班主任，由师傅或者其他有经验的教师担任正班主任，新教师担任副班主任，协助做晨检、考勤和家校沟通。\n见习期满考核合格后，由校区根据需要安排担任班主任。"),
		hit("c.pptx", "培训安排\n备注：入职培训分三个阶段。第一阶段是集中培训，共5天。\n第二阶段是校区跟岗，共2周，新教师跟随本学科的师傅听课。第三阶段是见习上岗，新教师的见习期为1年，从入职之日起计算，见习期满参加转正考核。"),
	}
	if a := e.FromHits(q, hits); a.Answer != "1年" {
		t.Errorf("%s → %q; want 1年", q, a.Answer)
	}
	if parseQuestion([]rune("这根管子多长")).unit != unitLength || parseQuestion([]rune("试用期有多长")).unit != unitDuration {
		t.Errorf("管子多长 asks a length, 试用期有多长 a length of time")
	}
	if n := valueNouns([]rune("新老师见习期")); !statesValue(n, []rune("新教师的见习期为1年")) || statesValue(n, []rune("延长见习期3个月")) {
		t.Errorf("statesValue: 见习期为1年 says the value of 见习期, 延长见习期3个月 does not")
	}
}

// TestPhoneAsked: asked which telephone to call for a matter (顾客要投诉
// 我让他打哪个电话), the number said with the matter's words answers, not
// one said with the word 电话 (信息部服务台电话67318066); 打哪个号 asks a
// telephone number too.
func TestPhoneAsked(t *testing.T) {
	e := offline(t)
	q := "顾客要投诉 我让他打哪个电话"
	rule := hit("rules.docx", "第三条 顾客对门店服务、药品质量或者医保结算有意见的，可以拨打公司顾客服务热线67318000。")
	desk := hit("pos.txt", "需要提前解锁的，由店长在“员工管理”中办理，或者拨打信息部服务台电话67318066。")
	if a := e.FromHits(q, []corpora.Hit{rule, desk}); !strings.Contains(a.Answer, "67318000") {
		t.Errorf("%s → %q; want 67318000", q, a.Answer)
	}
	if re, n := identifierNoun(parseQuestion([]rune("游客问投诉电话 我告诉他打哪个号"))); re != phoneRe || n != "号" {
		t.Errorf("打哪个号 asks a telephone number")
	}
}

// TestOneCharOff: a telling noun the passages say with another middle
// character (住校生 … 住宿生) is not one the knowledge base lacks: the
// question is answered, not refused.
func TestOneCharOff(t *testing.T) {
	e := offline(t)
	q := "住校生晚饭一顿多少钱"
	table := hit("canteen.docx", "| 餐次 | 供应对象 | 供应时间 | 价格 |\n| 午餐 | 全体学生 | 11:40至12:30 | 15元/餐 |\n| 晚餐 | 住宿生和参加晚自习的学生 | 17:30至18:10 | 12元/餐 |")
	if a := e.FromHits(q, []corpora.Hit{table}); !strings.Contains(a.Answer, "12元") {
		t.Errorf("%s → %q; want 12元", q, a.Answer)
	}
	w := e.seg.Counted
	if !oneCharOff("住校生", "住宿生和参加晚自习的学生", w) || oneCharOff("住校生", "住在校外的学生", w) || oneCharOff("校生", "校园", w) || oneCharOff("公积金", "公司金额", w) {
		t.Errorf("oneCharOff: 住宿生 is 住校生 one character off; 住在校外的学生, 公司金额 and two-character words are not")
	}
}

// TestExemptionAsked: asked whether a rule has an exception, and the
// exception is an article of its own a few clauses on (…可以不受签约额的限
// 制直接评为A级), that article answers, with 有.
func TestExemptionAsked(t *testing.T) {
	e := offline(t)
	q := "客户等级都是按签约额评的吗，有没有例外？"
	p := "第三十九条 客户等级按最近12个月的累计签约额评定：300万元及以上为A级；100万元（含）至300万元为B级；20万元（含）至100万元为C级；不满20万元为D级。客户等级每年1月和7月各评定一次。\n第四十条 政府机关、中央企业和上市公司等战略客户，经销售副总裁批准，可以不受签约额的限制直接评为A级，每年的名额不超过10家。"
	if a := e.FromHits(q, []corpora.Hit{hit("sales.docx", p)}); !strings.HasPrefix(a.Answer, "有。") || !strings.Contains(a.Answer, "战略客户") {
		t.Errorf("%s → %q; want 有 and the 战略客户 article", q, a.Answer)
	}
}

// TestFAQScenario: an FAQ whose question sets a case of its own in
// figures (第二季度我完成了120%的目标，回款100万元…) answers a question
// stating that case, not one that does not (季度回款目标一般定多少钱).
func TestFAQScenario(t *testing.T) {
	e := offline(t)
	faq := hit("rules.docx", "第十章 常见问题\n问：第二季度我完成了120%的目标，回款100万元（不含税）的青鸟智能客服SaaS首年订阅，能拿多少提成？\n答：完成率120%属于第三档，青鸟智能客服SaaS订阅首年的提成比例为10%，提成为10万元。")
	rule := hit("rules.docx", "第十一条 季度回款目标由区域销售总监在每季度开始前5个工作日内下达，经销售副总裁确认后录入CRM。")
	if a := e.FromHits("季度回款目标一般定多少钱？", []corpora.Hit{faq, rule}); strings.Contains(a.Answer, "10万元") {
		t.Errorf("季度回款目标一般定多少钱 → %q; want no answer from the FAQ's case", a.Answer)
	}
	if a := e.FromHits("完成了120%的目标，回款100万元的青鸟智能客服SaaS首年订阅能拿多少提成？", []corpora.Hit{faq}); !strings.Contains(a.Answer, "10万元") {
		t.Errorf("the FAQ's own case → %q; want 10万元", a.Answer)
	}
}

// TestOnlyOther: asked whether a thing also holds something (自动备份会把用
// 户文件也备份了吗), and the rule says it holds only something else (自动备份
// 只包含数据库): no.
func TestOnlyOther(t *testing.T) {
	e := offline(t)
	q := "同步盘的自动备份会把用户文件也备份了吗？"
	p := "已经清空回收站或者超过保留期的，只能请系统管理员从备份中恢复，但自动备份只包含数据库，文件内容能否找回，取决于贵单位是否另外备份了用户文件。"
	if a := e.FromHits(q, []corpora.Hit{hit("faq.md", p)}); !strings.HasPrefix(a.Answer, "不会") {
		t.Errorf("%s → %q; want 不会", q, a.Answer)
	}
	for q, p := range map[string]string{"自动备份包含数据库吗": "自动备份只包含数据库。", "公司福利包括年度体检吗": "公司福利不仅包括五险一金，还包括年度体检。"} {
		if onlyOther(askedWords(e.seg, q), p) {
			t.Errorf("onlyOther(%s, %s): yes, not no", q, p)
		}
	}
}

// TestSpokenQuantities: quantities as people say them are written in
// figures — one numeral before a unit of two characters (离学校八公里), a
// height or a share in tenths (一米三, 八成五), an age after a word for a
// person (有个大爷六十二了) — and the band each falls in answers.
func TestSpokenQuantities(t *testing.T) {
	e := offline(t)
	for q, want := range map[string]string{"离学校八公里 一公斤": "离学校8公里 1公斤", "带个一米三的小孩": "带个1.3米的小孩", "承载量的八成五了": "承载量的85%了",
		"一米三五": "1.35米", "一成不变": "一成不变", "有个大爷六十二了": "有个大爷62岁了", "老人七十五 能办吗": "老人75岁 能办吗", "今年十二月": "今年12月", "统一": "统一",
		"护栏每隔两米一根": "护栏每隔两米一根", "首付三成一次性": "首付三成1次性", "十一米三": "11米三", "周六9:30来人上门吗": "周六9:30来人上门吗", "等了四十来分钟": "等了40分钟"} {
		if got := arabicNumerals(q); got != want {
			t.Errorf("arabicNumerals(%s) = %q; want %q", q, got, want)
		}
	}
	for _, q := range []string{"今年一百二十万的合同提成多少", "给儿子两万 要交税吗", "我妈三千的退休金"} {
		for _, qty := range questionQuantities(joinSeparable(q)) {
			if qty.unit == "岁" {
				t.Errorf("%s: %g岁 is a sum, no age", q, qty.n)
			}
		}
	}
	for _, c := range []struct{ q, passage, want string }{
		{"我家离学校八公里 坐校车一学期多少钱", "第五条 校车费按学期收取，按家庭住址到校区的单程距离计算：单程5公里以内（含5公里）的，每学期1200元；超过5公里、不超过10公里的，每学期1600元；超过10公里、不超过15公里的，每学期2000元；超过15公里的，原则上不提供校车服务。", "1600元"},
		{"带个一米三的小孩坐车 要买票不", "第十条 身高不足1.2米的儿童，由成年乘客携带的，每名成年乘客限带1名免费乘车；身高1.2米（含）至1.5米（不含）的儿童，购买半价票；身高1.5米（含）以上的，购买全价票。", "半价票"},
		{"有个大爷六十二了 门票咋收", "第八条 60周岁（含）以上、不满70周岁的老年人凭身份证购买优惠票，按全价票的半价收取；70周岁（含）以上的老年人免票。", "半价"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("rules.pdf", c.passage)}); !strings.Contains(a.Answer, c.want) {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
}

// TestSpokenForms: a body's temperature with its tenth though no word says
// temperature (晨检量出来三十七度八), 俩 for 两个, and millimetres are
// quantities, as is a number after what is left of a sum (余额还有三百);
// a rule halting the deed asked of (暂停户外抄表) says no.
func TestSpokenForms(t *testing.T) {
	e := offline(t)
	for q, want := range map[string]string{"晨检量出来三十七度八 咋处理": "37.8 ℃", "有盒药还有俩月就过期了": "2 个月", "一小时下了三十毫米": "30 毫米", "卡里余额还有三百 够吗": "300 元", "等了四十来分钟": "40 分钟"} {
		qs := questionQuantities(joinSeparable(q))
		if len(qs) == 0 || strconv.FormatFloat(qs[len(qs)-1].n, 'g', -1, 64)+" "+qs[len(qs)-1].unit != want {
			t.Errorf("questionQuantities(%s) = %+v; want %s", q, qs, want)
		}
	}
	q := "外面一小时下了三十毫米 还用出去抄表吗"
	p := "第九条 遇暴雨时：（1）1小时降雨量达到20毫米以上、不满50毫米的，暂停户外抄表，已出门的就近避雨；（2）1小时降雨量达到50毫米以上的，全员停止外勤。"
	if a := e.FromHits(q, []corpora.Hit{hit("rules.pdf", p)}); !strings.HasPrefix(a.Answer, "不") || !strings.Contains(a.Answer, "暂停户外抄表") {
		t.Errorf("%s → %q; want no, by 暂停户外抄表", q, a.Answer)
	}
}

// TestBrokenSpan: a span cut inside a phrase (a start on 且, an end on 向
// or 对 cut from what it governs) gives way to the whole sentence, or
// loses its dangling end; a title cut is made whole.
func TestBrokenSpan(t *testing.T) {
	e := offline(t)
	for ans, want := range map[string]bool{"东西向": false, "150对": false, "配对": false, "且通过试用期的，公司向": true, "12月对": true, "或者其他财物": true,
		"《员工手册》": false, "5000元（含）": false, "经产品部确认": false, "向": false} {
		if brokenSpan(ans, e.word) != want {
			t.Errorf("brokenSpan(%s) = %v; want %v", ans, !want, want)
		}
	}
	s := []rune("被列在《濒危野生动植物种国际贸易公约》的附录一中。")
	if sp := wholeTitles(s, span{3, 17}); string(s[sp.s:sp.e]) != "《濒危野生动植物种国际贸易公约》" {
		t.Errorf("wholeTitles → %q", string(s[sp.s:sp.e]))
	}
	p := "员工推荐人才入职且通过试用期的，公司向推荐人发放推荐奖金：普通岗位5000元，关键岗位10000元。"
	if a := e.FromHits("推荐的朋友入职了，什么时候能拿到推荐奖金？", []corpora.Hit{hit("h.md", p)}); a.Found && brokenSpan(a.Answer, e.word) {
		t.Errorf("→ %q: a broken span", a.Answer)
	}
}

// TestShapeFurtherDown: asked for a size none of the passages read holds,
// the answer comes from a passage retrieved after them that holds one.
func TestShapeFurtherDown(t *testing.T) {
	e := offline(t)
	hits := []corpora.Hit{
		hit("a.md", "放入同步根目录的文件会自动上传；单个同步根目录中的文件数建议不超过50万个。"),
		hit("b.md", "云杉同步盘分为标准版、专业版和企业版，三个版本使用同一个安装包。"),
		hit("c.md", "服务端的变化会在规定的间隔内同步到本机，默认每个文件都会同步。"),
		hit("d.md", "参数 | 默认值 | 说明\nmax_upload_size | 4 GB | 单个文件的上传大小上限\n"),
	}
	if a := e.FromHits("同步盘单个文件默认最大能传多大？", hits); a.Answer != "4 GB" {
		t.Errorf("→ %q; want 4 GB", a.Answer)
	}
}

// TestNoEcho: an answer is never the question's own words; the sentence
// holding the evidence is given instead.
func TestNoEcho(t *testing.T) {
	e := offline(t)
	q := "财务总监叫什么名字？"
	p := "20000元以上的报销，审批人依次为直属经理、部门总监、财务总监。"
	a := e.FromHits(q, []corpora.Hit{hit("h.md", p)})
	t.Logf("%s → %q", q, a.Answer)
	if !a.Found || strings.Contains(q, a.Answer) {
		t.Errorf("%s → %q: the question's own words", q, a.Answer)
	}
}

// TestTableCell: a question naming a row's key and a column is answered
// from that cell — a spreadsheet's record, or a Markdown row under its
// header — with the unit its column's name gives (（元/晚） → 500元).
func TestTableCell(t *testing.T) {
	e := offline(t)
	records := "城市：上海；城市类别：一类；员工住宿上限（元/晚）：650；伙食补助（元/天）：120\n城市：厦门；城市类别：二类；员工住宿上限（元/晚）：500；伙食补助（元/天）：100\n"
	discounts := "表1　协议客户房价折扣比例（按门市价的百分比计，单位：%）\n客户等级 | 上年度累计间夜量 | 标准间 | 豪华间\n银卡 | 200—499 | 90 | 90\n金卡 | 500—999 | 85 | 85\n白金卡 | 1,000—1,999 | 80 | 82\n"
	posts := "| 岗位 | 夜班补贴（元/班） | 通讯补贴（元/月） | 餐费补贴（元/工作日） |\n|---|---|---|---|\n| 秩序维护员 | 30 | 50 | 15 |\n| 保洁员 | — | — | 12 |\n| 项目经理 | — | 300 | 20 |\n"
	limits := "表2 项目部日常耗材月度限额（单位：元/月）\n项目类型 | 清洁用品 | 办公用品 | 绿化用品\n住宅小区（1,000户以下） | 3000 | 800 | 1500\n住宅小区（1,000户及以上） | 5000 | 1200 | 2500\n写字楼 | 4000 | 1500 | 1000\n"
	md := "| 会员等级 | 折扣 | 积分倍数 |\n|---|---|---|\n| 普通会员 | 无折扣 | 1倍 |\n| 银卡会员 | 九五折 | 1.5倍 |\n| 金卡会员 | 九折 | 2倍 |\n"
	for _, c := range []struct{ q, passage, want string }{
		{"去厦门出差，员工住宿上限多少？", records, "500元"},
		{"厦门的伙食补助每天多少？", records, "100元"},
		{"银卡会员打几折？", md, "九五折"},
		{"财务总监叫什么名字？", "部门：财务部；负责人：王立诚；职务：财务总监；分机：8300\n", "王立诚"},
		{"软件许可完成率第三档提成几个点？", "产品线：岚图；业务类型：软件许可；第一档（完成率不满60%）：3%；第二档（60%至不满100%）：5%；第三档（100%至不满150%）：7%\n", "7%"},
		// 阿姨 is how people call 保洁员, no word the table lacks.
		{"保洁阿姨的饭补一天多少", posts, "12元"},
		// The caption's unit (单位：%) for the bare numbers of the columns
		// not of a count (上年度累计间夜量).
		{"金卡客户订豪华间打几折", discounts, "85%"},
		// The column by the word people say for the document's (话补 … 通讯补贴).
		{"前台话补多少钱", "| 岗位 | 岗位津贴（元/月） | 通讯补贴（元/月） |\n|---|---|---|\n| 前台客服 | 300 | 150 |\n| 医生 | 800 | 200 |\n", "150元"},
		// A row that is the bound itself (最长时长): its value, not its range.
		{"断网了离线模式最多能撑多久", "| 参数 | 默认值 | 取值范围 | 说明 |\n|---|---|---|---|\n| 离线模式最长时长 | 4小时 | 1—8小时 | 断网后可离线办理业务的最长时间 |\n| 夜审开始时间 | 2:00 | 0:00—4:00 | 夜审开始的最早时间 |\n", "4小时"},
		// A band of the key column, its unit in the column's name (收入（元）);
		// 幾趴 is Taiwan's 几个点.
		{"新簽的客戶這個月業績十二萬 抽成幾趴", "表2 销售人员月度提成比例\n当月协议客房收入（元） | 新签客户提成比例（%） | 维护客户提成比例（%）\n50,000以下 | 3 | 1\n50,000（含）以上、200,000以下 | 4 | 1.5\n200,000（含）以上 | 5 | 2\n", "4%"},
		// A column named by the document's word for the question's, a
		// bigram of it at least (种牙 … 种植).
		{"金卡种牙打几折", "表1 会员等级结算比例（单位：%）\n会员等级 | 基础治疗 | 种植 | 正畸\n银卡会员 | 95 | 98 | 98\n金卡会员 | 90 | 95 | 96\n", "95%"},
		// The key's gloss says what the question adds (夜班).
		{"夜班分拣员餐补一天多少", "| 岗位 | 餐补（元/天） | 夜班补贴（元/班） | 交通补贴（元/月） |\n|---|---|---|---|\n| 分拣员（白班） | 20 | — | 150 |\n| 分拣员（夜班） | 25 | 40 | 150 |\n", "25元"},
		// A band of values in the caption's unit (单位：元) keys the row.
		{"客户保价一万二 收多少保价费", "表1 保价费收取标准（单位：元）\n声明价值区间 | 保价费 | 全部丢失或损毁时最高赔偿\n1—500 | 2 | 500\n3,001—10,000 | 40 | 10000\n10,001—20,000 | 80 | 20000\n", "80元"},
		// The row's cell holds the sum asked, its unit in the column's
		// name: no other sentence's sum is looked for.
		{"压铸工岗位津贴一个月多少", "第二十五条 岗位津贴按下表执行：\n| 岗位 | 岗位津贴（元/月） | 工作服（套/年） |\n|---|---|---|\n| 压铸操作工 | 400 | 4 |\n| 熔炼工 | 600 | 4 |\n第二十六条 试用期员工岗位津贴按标准的80%发放，每月不少于300元。", "400元"},
		// A band of households, the number said in Chinese numerals; 额度
		// is the document's 限额.
		{"我们小区一千二百户 清洁用品每月能花多少", limits, "5000元"},
		{"写字楼项目办公用品一个月额度多少", limits, "1500元"}, // (the caption's 单位：元/月)
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("t.md", c.passage)})
		if a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestEvidence: a short answer comes with the whole sentence it was taken
// from, as a search engine shows it beneath.
func TestEvidence(t *testing.T) {
	e := offline(t)
	p := "星河数据科技有限公司成立于2016年。公司总部位于杭州市滨江区，现有员工约420人。"
	a := e.FromHits("公司总部在哪个区？", []corpora.Hit{hit("h.md", p)})
	if !a.Found || a.Evidence != "公司总部位于杭州市滨江区，现有员工约420人。" || a.Evidence == a.Answer {
		t.Errorf("answer %q, evidence %q", a.Answer, a.Evidence)
	}
}

// TestNumberByClause: of a sentence's numbers, the answer is the one whose
// clause names what the question names, in the unit asked or one of its
// kind; list numbers and numerals that label a class are not quantities.
func TestNumberByClause(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"去二类城市出差，每天伙食补助是多少？", "（1）出差伙食补助按天包干：一类城市每天120元，二类城市每天100元，三类城市每天80元。", "100元"},
		{"连续旷工几天可以解除合同？", "连续旷工3个工作日或一年内累计旷工5个工作日的，公司可以解除劳动合同。", "3个工作日"},
		{"一年累计旷工多少天会被辞退？", "连续旷工3个工作日或一年内累计旷工5个工作日的，公司可以解除劳动合同。", "5个工作日"},
		{"服务台在几楼？", "IT服务台：5楼东侧，分机8000。", "5楼"},
		{"每年免费体检的标准是多少钱？", "员工入职满6个月后，每年享受一次免费体检，标准为每人800元。", "800元"},
		{"食堂午餐几点开始？", "食堂在2楼，午餐时间11:30—13:00。", "11:30—13:00"},
		{"晋升评审一年在哪几个月？", "晋升评审每年两次，分别在4月和10月。", "4月"},
		{"财务每周哪几天付款？", "财务部每周二、周四集中付款。", "每周二、周四"},
		{"入职多久以后才能享受免费体检？", "员工入职满6个月后，每年享受一次免费体检，标准为每人800元。", "6个月"},
		// Measure words beyond the common ones; an ordinal keeps its 第;
		// a time keeps the part of it said.
		// A formula's terms stop at the words joining it (按); ** is
		// Markdown's bold, not a product.
		{"出差补贴每天多少钱？", "出差补贴按出差天数×100元计算，随工资发放。", "出差天数×100元"},
		{"正式员工的年假是多少天？", "正式员工的年假为**5**天，试用期员工没有年假。", "5"},
		{"数据盘该买多大，怎么估算？", "数据盘的容量建议按\"用户数×平均配额×1.3\"估算。", "用户数×平均配额×1.3"},
		{"这个站每天有多少趟列车停靠？", "该站每天有24趟旅客列车停靠，其中高铁16趟。", "24趟"},
		{"这种鱼生活在水深多少的海域？", "这种鱼栖息于水深5至40公尺的珊瑚礁海域。", "5至40公尺"},
		{"他当选了第几届人大代表？", "2018年，他当选第十三届全国人大代表。", "第十三届"},
		{"这座桥是什么时候建成的？", "这座桥建成于20世纪初，由当地商会出资。", "20世纪初"},
		{"三亚的旺季是哪几个月？", "三亚的旺季为12月至次年2月，住宿标准可上浮30%。", "12月至次年2月"},
		{"年假可以顺延到什么时候？", "当年未休完的年假最多可以顺延到次年3月31日，逾期作废。", "次年3月31日"},
		// 元 after a number is money, not the Yuan dynasty.
		{"暂缓发的质量保证金什么时候发？", "暂缓发放的质量保证金按5000元计，于次年3月31日前随工资发放。", "次年3月31日"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestOfficeTableRow: a table as the Office readers write it — cells
// joined by " | ", a two-column row too, the header its first row — is
// answered from the row whose condition the question meets, and its
// header row answers nothing.
func TestOfficeTableRow(t *testing.T) {
	e := offline(t)
	leave := "一、年休假\n员工享受带薪年休假的天数按累计工作年限确定：\n累计工作年限 | 法定年休假\n满1年不满10年 | 5天\n满10年不满20年 | 10天\n满20年及以上 | 15天\n在法定年休假之外，公司另设司龄假：连续工作满3年的，每满1年增加1天司龄假。"
	travel := "二、交通工具标准\n职级 | 飞机 | 火车、高铁 | 轮船\n员工（P1—P5） | 经济舱 | 二等座、硬卧 | 三等舱\n经理（P6—P8） | 经济舱 | 一等座、软卧 | 二等舱\n单程600公里以内、有高铁直达的城市，原则上乘坐高铁，不乘坐飞机。"
	for _, c := range []struct{ q, passage, want string }{
		{"工作满12年的人法定年假有几天？", leave, "10天"},
		{"普通员工出差坐高铁能坐什么座位？", travel, "二等座、硬卧"},
		{"经理坐船出差坐几等舱？", travel, "二等舱"},
		// Asked the least of a table of tiers, naming no tier.
		{"服务端的内存最少要多少？", "用户规模 | CPU | 内存\n2000人以上 | 企业版集群，每个节点16核 | 每个节点32 GB\n101～500人 | 8核 | 16 GB\n100人及以下 | 4核 | 8 GB\n", "8 GB"},
		// Asked the most, the range column's high end.
		{"session_timeout最长能设多少？", "参数 | 默认值 | 取值范围 | 说明\nsession_timeout | 120分钟 | 15～1440分钟 | Web会话无操作后自动退出的时间\n", "1440分钟"},
		{"max_upload_size最大能设多少？", "参数 | 默认值 | 取值范围 | 说明\nmax_upload_size | 4 GB | 1 MB～100 GB（可在线修改） | 单个文件的上传大小上限\n", "100 GB"},
		{"session_timeout最短能设多少？", "参数 | 默认值 | 取值范围 | 说明\nsession_timeout | 120分钟 | 15～1440分钟 | Web会话无操作后自动退出的时间\n", "15分钟"},
		// The unit in the field's name (付款账期（天）), against a row
		// holding 1个工作日 elsewhere.
		{"A级客户的付款账期是多少天？", "客户等级：A级；付款账期（天）：60；工单响应时限：4小时\n客户等级：D级；付款账期（天）：款到发货；工单响应时限：1个工作日\n", "60天"},
		// The key said only in part (青鸟智能客服 of 研发二部（青鸟智能客服）).
		{"青鸟智能客服研发部门的总监是谁？", "部门：研发一部（岚图数据）；负责人：周然；职务：研发总监\n部门：研发二部（青鸟智能客服）；负责人：马骁；职务：研发总监\n", "马骁"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.docx", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestRefusal: a question whose telling noun no retrieved passage holds is
// refused, though its other words match (年终奖 over a passage about
// 生日礼金 and 工资); a question in other words than the passage's (餐补,
// 多少钱) is answered.
func TestRefusal(t *testing.T) {
	p := "（3）生日礼金：公司在员工生日当月发放生日礼金300元。\n（4）餐补：每个工作日发放午餐补贴25元，随工资发放。\n（5）调休须在加班发生之日起6个月内使用，逾期自动作废。"
	for _, c := range []struct{ q, want string }{
		{"公司年终奖一般发几个月？", NotFound},
		{"员工宿舍每月房租多少？", NotFound},
		{"每天的餐补是多少钱？", "25元"},
		{"过生日公司给多少礼金？", "300元"},
		{"攒下来的调休多久之内要用掉？", "6个月"},
		// Asked for a price where no sentence holds one.
		{"企业版的许可证一年多少钱？", NotFound},
		// Asked how many, and the best sentence holds no number.
		{"许可证到期前多少天开始提醒续费？", NotFound},
	} {
		p := p + "\n（6）三个版本使用同一个安装包，可用的功能由导入的许可证决定。\n（7）许可证到期以后，每位用户登录时都会看到续费提醒。"
		e := offline(t, hit("h.md", p))
		if a, _ := e.Ask(context.Background(), c.q); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestSituationNoun: a telling noun the passages lack counts against
// answering only when it stands in a clause that asks, not in one that
// tells the situation first (抽屉 of 抽屉里现金多了 到多少得上交店长); a
// question telling its situation first is told.
func TestSituationNoun(t *testing.T) {
	for _, c := range []struct {
		q, w string
		want bool
	}{
		{"抽屉里现金多了 到多少得上交店长", "抽屉", true},
		{"顾客想刷医保买两罐蛋白粉，行不", "蛋白粉", true},
		{"公司年终奖一般发几个月", "年终奖", false},     // one clause
		{"夏天有高温补贴吗，多少钱", "高温补贴", false},   // the clause asks
		{"现金多了 抽屉里的钱到多少得上交", "抽屉", false}, // in the last clause
	} {
		if g := partsOf(zh.Fold(c.q)).inSituation(c.w); g != c.want {
			t.Errorf("inSituation(%s, %s) = %v; want %v", c.q, c.w, g, c.want)
		}
	}
	for q, want := range map[string]bool{"游客出去吃个饭 下午还能再进来不": true, "抽屉里现金多了，到多少得上交店长": true, "夏天有高温补贴吗，多少钱": false, "年假有几天": false} {
		if partsOf(zh.Fold(q)).told() != want {
			t.Errorf("told(%s) = %v; want %v", q, !want, want)
		}
	}
	p := "第三章 收银与现金\n第十一条 收银台的现金超过3000元的，收银员应当及时交店长存入门店保险柜，收银台不得存放大额现金。\n第十二条 收银员交接班时应当当面清点现金。"
	e := offline(t, hit("h.md", p))
	if a, _ := e.Ask(context.Background(), "抽屉里现金多了 到多少得上交店长"); !strings.Contains(a.Answer, "3000元") {
		t.Errorf("→ %q; want 3000元", a.Answer)
	}
	if a, _ := e.Ask(context.Background(), "抽屉里的现金有多少"); a.Found {
		t.Errorf("抽屉里的现金有多少 → %q; want a refusal", a.Answer)
	}
}

// TestQuestionTag: the tag that asks yes or no after what is asked (行吧,
// 行吗, 可以不) is how the question asks, not words a passage must hold:
// the rule that answers is not refused for lacking them.
func TestQuestionTag(t *testing.T) {
	for _, c := range []struct{ body, tail, want string }{
		{"高处那箱货够不着 我爬货架上去拿行吧", "", "高处那箱货够不着 我爬货架上去拿"},
		{"同事想借我账号登一下系统 行", "吗", "同事想借我账号登一下系统"},
		{"扫描枪下班带回家可以不", "", "扫描枪下班带回家"},
		{"这样行", "吗", "这样行"},           // too little left to ask about
		{"员工出差能坐飞机", "吗", "员工出差能坐飞机"}, // no tag
	} {
		if got := withoutTag(c.body, c.tail); got != c.want {
			t.Errorf("withoutTag(%q, %q) = %q; want %q", c.body, c.tail, got, c.want)
		}
	}
	p := "第二十八条 叉车作业时，无关人员不得进入作业区域。\n第二十九条 严禁攀爬货架，严禁在货架横梁上站人或放置工具。\n第三十条 消防通道内不得堆放货物。"
	e := offline(t, hit("h.md", p))
	if a, _ := e.Ask(context.Background(), "高处那箱货够不着 我爬货架上去拿行吧"); !strings.HasPrefix(a.Answer, "不") {
		t.Errorf("爬货架 … 行吧 → %q; want 不…", a.Answer)
	}
}

// TestRefusalLatinName: a name in Latin letters the question asks about
// (Docker) that no passage says is refused, as a code no passage says is;
// one a passage says inside a longer word (version of version_keep) is
// not, nor one asked of a list that does not name it.
func TestRefusalLatinName(t *testing.T) {
	p := "服务端支持以下64位操作系统：银河麒麟高级服务器操作系统V10 SP2及以上、统信UOS服务器版20、Ubuntu Server 22.04。\n\n服务端自带PostgreSQL 14数据库，适合500人及以下的部署；超过500人的部署建议改用外置数据库，支持PostgreSQL 12至16和达梦DM8。\n\n参数version_keep为每个文件保留的历史版本数，默认30个。"
	for _, c := range []struct{ q, want string }{
		{"同步盘服务端支持用Docker部署吗？", NotFound},
		{"外置数据库能用Oracle吗？", NotFound},
		// One a list after a colon does not name: not among them.
		{"服务端支持装在Debian上吗？", "不是。服务端支持以下64位操作系统：银河麒麟高级服务器操作系统V10 SP2及以上、统信UOS服务器版20、Ubuntu Server 22.04。"},
		{"外置数据库支持PostgreSQL哪些版本？", "12至16和达梦DM8"},
		{"服务端支持装在Ubuntu上吗？", "是。服务端支持以下64位操作系统：银河麒麟高级服务器操作系统V10 SP2及以上、统信UOS服务器版20、Ubuntu Server 22.04。"},
		{"version默认保留多少个？", "30个"},
	} {
		h := hit("manual.txt", p)
		h.Section = "2.1 服务端"
		e := offline(t, h)
		if a, _ := e.Ask(context.Background(), c.q); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestRefusalAnswerKind: the kind of answer a question names (多少礼金)
// counts among the words a passage that answers must hold, though
// sentences are ranked without it.
func TestRefusalAnswerKind(t *testing.T) {
	p := "第五十条 渠道返点只能抵扣后续订单的货款，不得提现。\n第五十一条 代理商签约后须在30日内完成报备，保证金按合同约定缴纳。"
	for _, c := range []struct{ q, want string }{
		{"代理商签约要交多少押金？", NotFound},
		{"代理商签约后多少天内要报备？", "30日"},
	} {
		e := offline(t, hit("h.md", p))
		if a, _ := e.Ask(context.Background(), c.q); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestKindNoun: a phrase answer keeps the noun the question asked it as
// (哪个大学 → …大学, 什么奖 → …奖), when the sentence says it right after.
func TestKindNoun(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"林一鸣毕业于哪个大学？", "林一鸣毕业于浙江工商大学，后留校任教。", "浙江工商大学"},
		{"这部电影获得了什么奖？", "这部电影获得了金鸡奖，导演是陈凯。", "金鸡奖"},
		{"他退役前效力于哪个队？", "他退役前效力于上海申花队，司职后卫。", "上海申花队"},
		{"哪个女演员主演了这部剧？", "这部剧由女演员林晓岚主演，共40集。", "林晓岚"},
		{"这座教堂是哪个世纪建的？", "这座教堂始建于12世纪，历时百年完工。", "12世纪"},
		// The preposition before the question word opens the slot.
		{"这部小说由哪家出版社出版？", "这部小说于1998年首次由人民文学出版社出版。", "人民文学出版社"},
		// 哪个县 asks for a place.
		{"这座寺庙在哪个县？", "这座寺庙位于云南省大理州宾川县，始建于唐代。", "云南省大理州宾川县"},
		// What the answer is one of follows it.
		{"这个镇隶属于哪里？", "这个镇隶属于浙江省嘉兴市海盐县的一个街道办事处，面积60平方公里。", "浙江省嘉兴市海盐县"},
		// A transliterated name ends where its characters do.
		{"这项定理是谁首先证明的？", "这项定理由美国数学家约翰·纳什首先证明，后被广泛应用。", "约翰·纳什"},
		{"这个理论是谁首先提出的？", "这个理论由卡尔·马克思首先提出，后来几经发展。", "卡尔·马克思"},
		{"这座会堂的创始人是谁？", "这座会堂由犹太人吉利舍维奇于1937年创办。", "吉利舍维奇"},
		// A joining word after the answer is not the answer's.
		{"现存的什么动物也用前后肢游泳？", "海豹用后肢游泳，现存的海象则用前后肢游泳。", "海象"},
		// The kind named but not said beside the answer: the words after
		// it anchor the answer's end.
		{"这种化石兽是一类像什么动物的古代哺乳动物？", "这种化石兽是一类像狼的古代哺乳动物，生活在5600万年前。", "狼"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestCauseBeforeResult: asked why, the cause said before 所以 / 因此,
// from the 但 that turns from a concession.
func TestCauseBeforeResult(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"为什么他被称为小诸葛？", "他自幼熟读兵书，所以被同乡称为小诸葛。", "他自幼熟读兵书"},
		{"为什么这条线路的客量一直很高？", "虽然这条线路受地铁竞争，但沿途经过三个大型屋苑，所以客量仍然很高。", "沿途经过三个大型屋苑"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestMannerClause: asked how to do something, when the question's words
// end their clause, the answer is that clause.
func TestMannerClause(t *testing.T) {
	e := offline(t)
	q, p := "用户超过500人，数据库要怎么处理？", "超过500人的部署建议改用外置数据库，支持PostgreSQL 12至16和达梦DM8。"
	if a := e.FromHits(q, []corpora.Hit{hit("h.md", p)}); a.Answer != "超过500人的部署建议改用外置数据库" {
		t.Errorf("%s → %q; want the clause that says what to do", q, a.Answer)
	}
}

// TestWholeRule: a rule that goes on with an exception is answered whole,
// in the same sentence or the next; one without an exception keeps its
// short answer.
func TestWholeRule(t *testing.T) {
	for _, c := range []struct{ q, passage, want string }{
		{"退货运费谁承担？", "七天内可无理由退货。退货运费由买家承担；但因质量问题退货的，运费由卖家承担。", "退货运费由买家承担；但因质量问题退货的，运费由卖家承担。"},
		{"出差住宿费谁出？", "出差住宿费由公司承担。但超出住宿标准的部分由个人承担。", "出差住宿费由公司承担。但超出住宿标准的部分由个人承担。"},
		{"报销最晚要在多少天内提交？", "报销须在30天内提交。出差机票由行政部预订。", "30天"},
		// A yes or no said first stays first; a list's next item is no
		// exception (因个人原因…的), a condition after an item is.
		{"开车被拍了违章 罚款公司给报不", "第九条 下列费用不予报销：\n交通违章罚款、停车超时罚款；\n因个人原因改签、退票产生的手续费；\n未取得合规发票的费用。", "不能。交通违章罚款、停车超时罚款；"},
		{"从V4.1升上来，访问端口会自动变成8443吗？", "V4.2的主要变化：\n- Web访问端口的默认值由8080改为8443；从旧版本升级的系统保留原来的端口设置。\n- 新增对达梦数据库的支持。", "会。- Web访问端口的默认值由8080改为8443；从旧版本升级的系统保留原来的端口设置。"},
		{"卸载同步盘会把数据也删掉吗？", "卸载默认会同时删除数据目录；\n如需保留数据，请在卸载命令后加 --keep-data 参数。", "会。卸载默认会同时删除数据目录；如需保留数据，请在卸载命令后加 --keep-data 参数。"},
	} {
		e := offline(t, hit("rules.md", c.passage))
		a := ask(t, e, c.q)
		if a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
		if cit := a.Citations; len(cit) != 1 || !strings.Contains(c.passage, cit[0].Text) || []rune(c.passage)[cit[0].Start] != []rune(cit[0].Text)[0] {
			t.Errorf("%s: citation %+v does not point at its text", c.q, cit)
		}
	}
}

// TestIdentifiers: a question asking for an e-mail address, a phone
// number, a directory, a command or a document number gets one of that
// shape, whole (a path keeps its leading slash, a phone number is no
// range).
func TestIdentifiers(t *testing.T) {
	e := offline(t)
	support := "技术支持热线为400-820-7316，服务时间为工作日8:30—17:30；电子邮箱为support@sprucesync.cn。"
	for _, c := range []struct{ q, passage, want string }{
		{"技术支持的邮箱是多少？", support, "support@sprucesync.cn"},
		{"技术支持热线电话是多少？", support, "400-820-7316"},
		{"程序文件装在哪个目录？", "按提示选择数据目录（默认为/data/sprucesync）。程序文件固定安装在/opt/sprucesync目录下，不能修改。", "/opt/sprucesync"},
		{"恢复数据库用什么命令？", "恢复数据库时执行 spructl restore --from 加备份文件名。", "spructl restore --from"},
		{"这份办法的文件编号是多少？", "文件编号：QL-FIN-012　版本：2025版", "QL-FIN-012"},
		{"哪两种扩展名的文件不会同步？", "以下文件不会同步：Office临时文件、扩展名为.tmp和.part的文件。", ".tmp和.part"},
		{"自动备份放在哪个目录？", "系统每天凌晨2:00自动备份数据库，备份保存在数据目录的backup子目录中。", "backup子目录"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("m.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestYesNoLimits: no, when the rule sets a limit the question goes past
// or makes a condition of what the question leaves out.
func TestYesNoLimits(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"一台电脑上能设两个同步目录吗？", "每个账号在一台电脑上只能设置一个同步目录。", "不能"},
		{"一台电脑上能设一个同步目录吗？", "每个账号在一台电脑上只能设置一个同步目录。", "能"},
		{"改了配置文件不重启服务能生效吗？", "修改配置文件后，须执行 systemctl restart sprucesyncd 重启服务才能生效。", "不能"},
		{"改了配置文件重启服务后能生效吗？", "修改配置文件后，须执行 systemctl restart sprucesyncd 重启服务才能生效。", "能"},
		{"标准版能接AD域账号吗？", "项目 | 标准版 | 专业版\n最大用户数 | 50 | 500\nLDAP/AD账号集成 | 不支持 | 支持\n", "不能"},
		{"专业版能接AD域账号吗？", "项目 | 标准版 | 专业版\n最大用户数 | 50 | 500\nLDAP/AD账号集成 | 不支持 | 支持\n", "能"},
		// A condition on the question's quantity, not met.
		{"商机预计25万，能申请售前顾问支持吗？", "商机预计金额在30万元及以上的，客户经理可以在CRM中申请售前顾问支持。", "不能"},
		{"商机预计50万，能申请售前顾问支持吗？", "商机预计金额在30万元及以上的，客户经理可以在CRM中申请售前顾问支持。", "能"},
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("m.md", c.passage)})
		if got, _, _ := strings.Cut(a.Answer, "。"); got != c.want {
			t.Errorf("%s → %q; want %s first", c.q, a.Answer, c.want)
		}
	}
}

// TestFAQFirst: a question an FAQ asks in other words is answered by the
// FAQ's 答, though a table row holds a cell of the column it names.
func TestFAQFirst(t *testing.T) {
	e := offline(t)
	p := "客户等级：A级；付款账期：60天；年度客户答谢会名额（人）：3；专属客户经理：有\n问：A级客户想多带几个人来参加年底的答谢会，可以吗？\n答：名额不足时，可由区域销售总监申请增加，每家最多增加2个。\n"
	a := e.FromHits("A级客户答谢会想多来几个人，行不行？", []corpora.Hit{hit("f.md", p)})
	if !strings.Contains(a.Answer, "最多增加2个") {
		t.Errorf("answer %q; want the FAQ's 答", a.Answer)
	}
}

// TestTraditionalQuestion: a question in traditional characters with
// Taiwan usage (程式檔案, 嗎) is answered from simplified passages as its
// simplified form is.
func TestTraditionalQuestion(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"同步盤的程式檔案裝在哪個目錄？", "按提示选择数据目录。程序文件固定安装在/opt/sprucesync目录下，不能修改。", "/opt/sprucesync"},
		{"C級客戶能先開票後付款嗎？", "客户要求先开票后付款的，仅限于A级和B级客户，C级客户不得先开票后付款。", "不能"},
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("m.md", c.passage)})
		if !strings.HasPrefix(a.Answer, c.want) {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
}

// TestQuotedAnswer: a phrase answer that quotes one thing the question
// does not is that thing (a title with its 《》); a place after 位于; a
// cause after its 由于.
func TestQuotedAnswer(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"环望1986年以什么笔名获得漫画大赏佳作？", "1986年以笔名「近畿魔王」获得小学馆漫画大赏佳作入选。", "近畿魔王"},
		{"青木广彰的冰淇淋生意为什么能成功？", "青木广彰的冰淇淋生意能够成功，是由于他在冰淇淋上插上日式小纸伞。", "他在冰淇淋上插上日式小纸伞"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("p.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestJoiningWords: a preposition or title joining an answer to its
// sentence is trimmed (呈米黄色, 何佩芳女士), not the start or end of a
// word (以色列, 研究所).
func TestJoiningWords(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"呈米黄色", "米黄色"},
		{"与夏侯玄、诸葛诞", "夏侯玄、诸葛诞"},
		{"以色列", "以色列"},
		{"何佩芳女士", "何佩芳"},
		{"中央研究所", "中央研究所"},
	} {
		s := []rune(c.text)
		if sp := clean(s, span{0, len(s)}); string(s[sp.s:sp.e]) != c.want {
			t.Errorf("clean(%q) = %q; want %q", c.text, string(s[sp.s:sp.e]), c.want)
		}
	}
}

// TestImpliedUnit: a bare 多少 asks for money when the noun it asks about
// is a sum (预算, 保证金, 报销) and for a share when it is one (返点, 比例,
// 占…的多少); the answer is the quantity of that kind, not the first
// number of the sentence.
func TestImpliedUnit(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"每人每年的培训预算有多少？", "员工每年至少参加两次内部培训，每人每年的外部培训预算为3000元。", "3000元"},
		{"金牌代理商的返点是多少？", "金牌代理商签约满2年、年度回款达到500万元的，返点为12%。", "12%"},
		{"市场活动费最多能占个人预算的多少？", "每名销售人员的年度预算为5万元，其中市场活动费最多只能占个人年度预算的60%。", "60%"},
	} {
		q := parseQuestion(zh.Fold(c.q))
		if want := map[bool]string{true: unitShare, false: unitMoney}[strings.HasSuffix(c.want, "%")]; q.unit != want || !q.implied {
			t.Errorf("%s: unit %q (implied %v); want %s", c.q, q.unit, q.implied, want)
		}
		a := e.FromHits(c.q, []corpora.Hit{hit("p.md", c.passage)})
		if a.Answer != c.want {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
	// The verb of paying between the noun and 多少 (要交多少); a noun that
	// starts with a measure word (个税, 名额) is not that measure word.
	for q, unit := range map[string]string{"投标保证金一般要交多少？": unitMoney, "结婚礼金发多少？": unitMoney, "销售提成要交多少个税？": "", "培训还有多少名额？": "", "续费折扣是多少？": unitShare, "去年营收多少？": unitMoney, "会议室能坐多少个人？": "个", "出差住酒店一晚能报多少？": unitMoney, "夜里被叫去抢修一次另外补多少": unitMoney, "拿了先进个人奖多少": unitMoney} {
		if got := parseQuestion(zh.Fold(q)).unit; got != unit {
			t.Errorf("%s: unit %q; want %q", q, got, unit)
		}
	}
	// Asked for money, a quantity of another kind is no answer.
	if a := e.FromHits("押金是多少？", []corpora.Hit{hit("p.md", "签约时须交押金，押金须在30日内缴纳。")}); a.Found {
		t.Errorf("押金是多少 → %q; want a refusal (30日 is no sum)", a.Answer)
	}
}

// TestListLabel: of a list's quantities in one unit, the answer is the one
// whose label the question says (三类), also when the label shares its
// quantity with another (三类、四类城市每天60元) and stands far from where
// the question's words align.
func TestListLabel(t *testing.T) {
	e := offline(t)
	p := "（3）市内交通费按天包干：一类城市每天100元，二类城市每天80元，三类、四类城市每天60元。往返机场的出租车费用可凭票另行报销。"
	gifts := "第四十六条 赠送客户礼品的，单件价值不超过500元，同一客户单位每年累计不超过2000元。"
	if a := e.FromHits("同一家客户一年礼品最多送多少钱？", []corpora.Hit{hit("r.md", gifts)}); a.Answer != "2000元" {
		t.Errorf("同一家客户… → %q; want 2000元 (同一's 一 is no quantity)", a.Answer)
	}
	for q, want := range map[string]string{
		"在三类城市出差，市内交通费每天包干多少？": "60元",
		"去二类城市出差，市内交通费每天包干多少？": "80元",
		"市内交通费在一类城市每天包干多少？":    "100元",
	} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", p)}); a.Answer != want {
			t.Errorf("%s → %q; want %s", q, a.Answer, want)
		}
	}
}

// TestHalf: 半天, 半年, 一个半小时 are quantities; 一半 and 半数 are not.
func TestHalf(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"年假最少可以请多长时间？", "年假最小单位为半天，至少提前3个工作日申请。", "半天"},
		{"培训考试要考多久？", "考试时长一个半小时，一半为笔试。", "一个半小时"},
		{"试用期多久？", "新员工试用期为半年，其间薪资按转正后的80%发放。", "半年"},
		{"合格线是多少？", "考试的合格线为满分的一半，即60分。", "60分"}, // 一半: no quantity
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
}

// TestVerbBeforeNumber: the number the question's verb stands right
// before (能休几天 … 可休2天) is the answer, not the nearer one (按5天的标准).
func TestVerbBeforeNumber(t *testing.T) {
	e := offline(t)
	p := "如果入职前您的累计工作年限已满1年，今年的年休假按剩余日历天数折算，例如按5天的标准、7月1日起算，可休2天（5×184÷365≈2.5天，不足1整天部分不计）。"
	if a := e.FromHits("7月1日入职的员工，今年的年休假能休几天？", []corpora.Hit{hit("h.md", p)}); a.Answer != "2天" {
		t.Errorf("answer %q; want 2天", a.Answer)
	}
}

// TestTableColumns: asked no extreme, a parameter's default answers, not
// its range; a row with no quantity in the column asked (不支持) does not
// answer how many.
func TestTableColumns(t *testing.T) {
	e := offline(t)
	params := "### 参数\n\n| 参数 | 默认值 | 取值范围 | 说明 |\n| --- | --- | --- | --- |\n| session_timeout | 120分钟 | 15～1440分钟 | Web会话无操作后自动退出的时间 |\n| max_upload | 5 GB | 1 MB～100 GB | 单个文件上传的大小上限 |\n"
	fees := "### 收费标准\n\n| 业务 | 标准收费 | 60周岁以上客户 | 代发工资客户 |\n| --- | --- | --- | --- |\n| 借记卡挂失 | 10元/次 | 免收 | 10元/次 |\n| 补办借记卡 | 5元/张 | 5元/张 | 免收 |\n| 开立存款证明 | 20元/份 | 10元/份 | 20元/份 |\n"
	editions := "### 版本区别\n\n| 项目 | 标准版 | 专业版 | 企业版 |\n| --- | --- | --- | --- |\n| 最大用户数 | 50 | 500 | 不限 |\n| 历史版本保留数上限 | 10个 | 50个 | 100个 |\n| 高可用集群 | 不支持 | 不支持 | 支持，最多8个节点 |\n"
	for _, c := range []struct{ q, passage, want string }{
		{"网页版多久不操作会自动退出？", params, "120分钟"},
		{"网页会话无操作最长能设多久自动退出？", params, "1440分钟"},
		{"专业版最多支持多少用户？", editions, "500"},
		// The column of the case the question's quantity falls in (70岁 …
		// 60周岁以上客户); whether one pays, by its cell.
		{"70岁客户开存款证明多少钱", fees, "10元/份"},
		{"65岁的老人挂失卡收费吗", fees, "不收。免收"},
		{"挂失借记卡收费吗", fees, "收。10元/次"},
		{"代发工资客户补卡要钱吗", fees, "不要。免收"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("m.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
}

// TestIdentifierFurther: asked for an identifier (邮箱), a sentence holding
// one answers though a sentence without one shares more of the question's
// words.
func TestIdentifierFurther(t *testing.T) {
	e := offline(t)
	head := "文档编号：SPS-UM-420　适用版本：云杉同步盘（SpruceSync）标准版、专业版、企业版 V4.2.x　编写：苏州云杉信息技术有限公司"
	support := "## 10.3 技术服务\n\n热线为400-820-7316，服务时间为工作日8:30—17:30；电子邮箱为support@sprucesync.cn。"
	a := e.FromHits("云杉同步盘技术支持的邮箱是多少？", []corpora.Hit{hit("m.md", head), hit("m.md", support)})
	if a.Answer != "support@sprucesync.cn" {
		t.Errorf("answer %q; want support@sprucesync.cn", a.Answer)
	}
}

// TestKeyedRow: a table's row the question keys by an item of a cell (南京
// of 杭州、南京、苏州) and a column (总监) answers, over a sentence after the
// table sharing more of the question's words.
func TestKeyedRow(t *testing.T) {
	e := offline(t)
	p := "## 三、住宿标准\n\n公司按城市类别和职级设定住宿费上限，在上限以内凭发票实报实销，超出部分由个人承担。\n\n| 城市类别 | 代表城市 | 员工（元/晚） | 经理（元/晚） | 总监及以上（元/晚） |\n| --- | --- | --- | --- | --- |\n| 一类城市 | 北京、上海、广州、深圳 | 650 | 850 | 1100 |\n| 二类城市 | 杭州、南京、苏州、成都 | 500 | 650 | 850 |\n| 四类城市 | 县级市、县城及以下 | 300 | 380 | 480 |\n"
	next := "（2）在展会、大型活动期间或旅游旺季，当地酒店价格明显上涨的，可在出差申请中说明，经部门总监批准后住宿上限上浮不超过30%。"
	seats := "## 二、交通工具标准\n\n| 职级 | 飞机 | 火车、高铁 | 轮船 |\n| --- | --- | --- | --- |\n| 员工（P1—P5） | 经济舱 | 二等座、硬卧 | 三等舱 |\n| 经理（P6—P8、M1—M3） | 经济舱 | 一等座、软卧 | 二等舱 |\n\n单程600公里以内、有高铁直达的城市，原则上乘坐高铁，不乘坐飞机。"
	if a := e.FromHits("普通员工出差坐高铁能坐什么座位？", []corpora.Hit{hit("h.md", seats)}); !strings.HasPrefix(a.Answer, "二等座") {
		t.Errorf("普通员工…高铁 → %q; want 二等座 (员工 keys 员工（P1—P5）)", a.Answer)
	}
	for q, want := range map[string]string{
		"总监在南京出差，酒店上限是多少？":   "850",
		"普通员工去县城出差，住宿上限是多少？": "300",
	} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", p), hit("h.md", next)}); !strings.HasPrefix(a.Answer, want) {
			t.Errorf("%s → %q; want %s", q, a.Answer, want)
		}
	}
}

// TestAliases: a question's everyday word matches the word the document
// writes for it (国庆节 … 法定节假日, 降了 … 下调), and that word is no
// answer to the question that says it otherwise.
func TestAliases(t *testing.T) {
	e := offline(t)
	overtime := "## 四、加班\n\n（2）工作日延长工作时间的，优先安排同等时长调休；无法安排调休的，按本人小时工资的150%支付加班费。\n\n（3）休息日加班的，优先安排调休；无法调休的，按200%支付加班费。\n\n（4）法定节假日加班的，一律按300%支付加班费，不以调休代替。\n"
	if a := e.FromHits("国庆节来公司加班，工资按多少算？", []corpora.Hit{hit("h.md", overtime)}); a.Answer != "300%" {
		t.Errorf("国庆节… → %q; want 300%%", a.Answer)
	}
	// The document's word for the question's is no answer; and a time's
	// colon ends no clause (9:00, not 9).
	hours := "标准工作时间为周一至周五9:00—18:00，其中12:00—13:00为午休时间。"
	if a := e.FromHits("上班时间是什么？", []corpora.Hit{hit("h.md", hours)}); a.Answer != "周一至周五9:00—18:00" {
		t.Errorf("上班时间是什么 → %q; want 周一至周五9:00—18:00", a.Answer)
	}
	if a := e.FromHits("生病可以请几天？", []corpora.Hit{hit("h.md", "员工患病的，凭医院证明可请病假，每年累计不超过30天。")}); a.Answer != "30天" {
		t.Errorf("生病… → %q; want 30天 (生病 said as 病假, 患病)", a.Answer)
	}
}

// TestColumnWithoutKey: a column is chosen by the question's words other
// than the row's key it says (查看者 … 上传: 上传和修改, not 查看和下载).
func TestColumnWithoutKey(t *testing.T) {
	e := offline(t)
	p := "### 5.6 团队空间\n\n| 角色 | 查看和下载 | 上传和修改 | 删除 | 管理成员 |\n| --- | --- | --- | --- | --- |\n| 所有者 | 可以 | 可以 | 可以 | 可以 |\n| 查看者 | 可以 | 不可以 | 不可以 | 不可以 |\n"
	if a := e.FromHits("团队空间的查看者能上传文件吗？", []corpora.Hit{hit("m.md", p)}); !strings.HasPrefix(a.Answer, "不") {
		t.Errorf("answer %q; want no", a.Answer)
	}
}

// TestCellOfKind: a record's cell in a unit of another kind than asked
// does not answer (能上浮多少, a share … 住宿上限（元/晚）：600); shares are
// one kind (几个点 … 7%); 个点 is read whole, not as 个.
func TestCellOfKind(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, row, want string }{
		{"去三亚出差碰上旺季，住宿标准能上浮多少？", "城市：三亚；城市类别：三类；员工住宿上限（元/晚）：380；经理住宿上限（元/晚）：480；总监及以上住宿上限（元/晚）：600；备注：每年12月至次年2月为旺季，住宿上限上浮30%，无需另行审批", "30%"},
		{"岚图平台软件许可，完成率第三档提成几个点？", "产品线：岚图数据治理平台；业务类型：软件许可；第一档（完成率不满60%）：3%；第二档（60%至不满100%）：5%；第三档（100%至不满150%）：7%；第四档（150%及以上）：9%", "7%"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("t.xlsx", c.row)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
	if u := parseQuestion(zh.Fold("提成几个点？")).unit; u != "个点" {
		t.Errorf("几个点: unit %q", u)
	}
}

// TestYesNoVerbInWord: a verb's character inside a longer word (能 of 功能,
// 会 of 会议) is not the verb a yes-or-no question asks with.
func TestYesNoVerbInWord(t *testing.T) {
	for q, want := range map[string]string{
		"试用许可证的功能比正式版少吗？":   "是",
		"年底的会议要全员参加吗？":      "要",
		"同步盘能设两个同步目录吗？":     "能",
		"返点比例每年会调整吗？":       "会",
		"审批后才能报销吗？":         "能", // 才能 is the verb, not a talent
		"能告诉客户别的客户拿的是什么价吗？": "能", // a question word inside a 吗 question says "some"
	} {
		if v, ok := yesNo(q); !ok || v != want {
			t.Errorf("%s: verb %q (%v); want %s", q, v, ok, want)
		}
	}
}

// TestYesNoWithQuestionWord: a question ending in 吗 asks yes or no though
// it holds a question word (能拆成几张报价吗); two questions in one ask the
// first's (会锁多久？管理员也一样吗).
func TestYesNoWithQuestionWord(t *testing.T) {
	e := offline(t)
	p := "## 第四章 报价与折扣\n\n第二十八条 免费赠送实施人天的，计入折扣审批：销售经理可以赠送不超过5人天，区域销售总监不超过15人天，超过15人天的须经销售副总裁审批。\n\n第二十九条 同一客户在12个月内的多笔订单，不得为了规避折扣审批而拆分报价；被认定为拆单的，按合并后的金额重新审批。\n"
	faq := "## 第五章 合同与回款\n\n第三十条 合同须在签订后3个工作日内上传CRM，一个合同只能对应一个商机，大单须附客户的采购文件。\n"
	if a := e.FromHits("为了不走审批，能把一个大单拆成几张报价吗？", []corpora.Hit{hit("r.md", p), hit("f.md", faq)}); !strings.HasPrefix(a.Answer, "不能") {
		t.Errorf("answer %q; want 不能 first", a.Answer)
	}
	// Two questions in one, and a question asked politely (能告诉我…吗),
	// ask for the thing.
	for q, wh := range map[string]string{"同步盘输错密码会锁多久？管理员账号也一样吗？": "多久", "能告诉我每天几点上班吗？": "几点", "你知道公司总部在哪里吗？": "哪里"} {
		if got := parseQuestion(zh.Fold(q)).wh; got != wh {
			t.Errorf("%s: wh %q; want %s", q, got, wh)
		}
		if _, yn := yesNo(q); yn {
			t.Errorf("%s: asked as yes or no", q)
		}
	}
}

// TestPlaceOfRank: 哪个区 asks for a place of that rank, named (滨江区), and
// a sentence holding one answers over one that names only the question's
// words (区域 is no place); the 市 of the city the question gave is not
// the answer's.
func TestPlaceOfRank(t *testing.T) {
	e := offline(t)
	hits := []corpora.Hit{
		hit("h.md", "三个办公地点：杭州总部、北京分公司、成都分公司。区域销售总监负责本区域的客户。"),
		hit("s.pptx", "## 公司简介\n\n成立于2016年，公司总部位于杭州市滨江区，员工约420人。"),
	}
	if a := e.FromHits("公司总部在杭州哪个区？", hits); a.Answer != "滨江区" {
		t.Errorf("answer %q; want 滨江区", a.Answer)
	}
}

// TestWhatToDo: 先做什么 is answered by the clause the adverb opens in the
// rule (请先联系技术支持迁移许可证), not by the sentence's other clause.
func TestWhatToDo(t *testing.T) {
	e := offline(t)
	p := "### 7.2 更换服务器\n\n同步盘更换服务器或重装操作系统之前，请先联系技术支持迁移许可证，每份许可证每年可以免费迁移2次。"
	if a := e.FromHits("同步盘要换台服务器，许可证得先做什么？", []corpora.Hit{hit("m.md", p)}); a.Answer != "联系技术支持迁移许可证" {
		t.Errorf("answer %q; want 联系技术支持迁移许可证", a.Answer)
	}
}

// TestMoneyColumn: asked for a sum by its noun (预算是多少), a record's
// column neither in money nor named for it (答谢会名额：3) is no answer; one
// that is (礼品预算（元）) is.
func TestMoneyColumn(t *testing.T) {
	e := offline(t)
	row := "客户等级：C级；近12个月签约额：20万元（含）至100万元；付款账期（天）：30；专属客户经理：无；免费培训（人天/年）：2；工单响应时限：8小时；续费折扣：95%；年度答谢会名额：1"
	rules := "第四十六条 赠送客户礼品的，须在CRM中登记礼品名称和接收人；年度客户答谢会的预算由市场部统一申请。"
	if a := e.FromHits("客户答谢会的礼品预算是多少？", []corpora.Hit{hit("t.xlsx", row), hit("r.md", rules)}); a.Found {
		t.Errorf("answer %q; want a refusal (名额 is no sum)", a.Answer)
	}
	row = "客户等级：A级；付款账期（天）：60；年度客户答谢会名额：3；年度礼品预算（元）：2000"
	if a := e.FromHits("A级客户一年的礼品预算是多少？", []corpora.Hit{hit("t.xlsx", row)}); a.Answer != "2000元" {
		t.Errorf("answer %q; want 2000元", a.Answer)
	}
}

// TestNoStopAnswer: a span of function characters alone (的) is no answer;
// the sentence holding the evidence is given instead.
func TestNoStopAnswer(t *testing.T) {
	e := offline(t)
	p := "## 第四章 报价与折扣\n\n第二十八条 免费赠送客户实施人天的，计入折扣审批：销售经理可以赠送不超过5人天，区域销售总监不超过15人天，超过15人天的须经销售副总裁审批。"
	if a := e.FromHits("想免费送客户12个实施人天，谁能批？", []corpora.Hit{hit("r.md", p)}); !strings.Contains(a.Answer, "区域销售总监") {
		t.Errorf("answer %q; want the sentence naming 区域销售总监", a.Answer)
	}
}

// TestWhoByCondition: asked who approves an amount, the answer is who
// stands before the condition the amount meets (销售经理可以赠送不超过5人天，
// 区域销售总监不超过15人天).
func TestWhoByCondition(t *testing.T) {
	e := offline(t)
	p := "## 第四章 报价与折扣\n\n第二十八条 免费赠送客户实施人天的，计入折扣审批：销售经理可以赠送不超过5人天，区域销售总监不超过15人天，超过15人天的须经销售副总裁审批。"
	wantAnswers(t, e, []corpora.Hit{hit("r.md", p)}, map[string]string{"免费送客户12人天，谁能批？": "区域销售总监", "免费送客户3人天要谁批？": "销售经理", "免费送客户20人天，谁批？": "销售副总裁"})
	// Words before the condition that name no role are not who.
	money := "## 报销审批\n\n报销金额在5000元以下的由部门经理审批，5000元及以上的由总经理审批。"
	if a := e.FromHits("报销3000元谁批？", []corpora.Hit{hit("r.md", money)}); strings.HasPrefix(a.Answer, "金额") || strings.HasPrefix(a.Answer, "报销金额") {
		t.Errorf("报销3000元谁批 → %q: no role", a.Answer)
	}
	// A currency's code before a number is no grade's (USD80 is a sum).
	if a := e.FromHits("境外出差伙食补助每天多少？", []corpora.Hit{hit("r.md", "境外出差的伙食补助标准为每天USD80。")}); !strings.Contains(a.Answer, "80") {
		t.Errorf("USD80 → %q", a.Answer)
	}
}

// TestAliasNearNumber: the words a document writes for the question's
// (一年里 … 全年, 加起来 … 累计, 最多 … 不超过) tell a sentence's numbers apart
// as the question's own would.
func TestAliasNearNumber(t *testing.T) {
	e := offline(t)
	p := "## 三、事假\n\n（2）单次事假原则上不超过3个工作日，全年累计不超过10个工作日。"
	if a := e.FromHits("一年里事假加起来最多能请几天？", []corpora.Hit{hit("h.md", p)}); a.Answer != "10个工作日" {
		t.Errorf("answer %q; want 10个工作日", a.Answer)
	}
}

// TestDistinctHits: a passage said again by a worse-ranked hit, but for
// spaces and punctuation (the same handbook as DOCX and as ODT), is read
// once.
func TestDistinctHits(t *testing.T) {
	hits := []corpora.Hit{
		hit("handbook.docx", "年假最小单位为半天，至少提前3个工作日申请。"),
		hit("handbook.odt", "年假最小单位为半天,至少提前3个工作日申请.\n"),
		hit("onboarding.pptx", "年假最小单位为半天"),
	}
	got := distinct(hits)
	if len(got) != 2 || got[0].DocID != "handbook.docx" || got[1].DocID != "onboarding.pptx" {
		var ids []string
		for _, h := range got {
			ids = append(ids, h.DocID)
		}
		t.Errorf("distinct kept %v; want handbook.docx, onboarding.pptx", ids)
	}
	if len(hits) != 3 || hits[1].DocID != "handbook.odt" {
		t.Error("distinct changed its argument")
	}
}

// TestTextKey: textKey is FNV-1a over the text but for its spaces and
// punctuation, as unicode tells them, on every character class.
func TestTextKey(t *testing.T) {
	naive := func(text string) uint64 {
		f := fnv.New64a()
		for _, r := range text {
			if !unicode.IsSpace(r) && !unicode.IsPunct(r) {
				f.Write([]byte(string(r)))
			}
		}
		return f.Sum64()
	}
	texts := []string{"", " ", "年假最小单位为半天，至少提前3个工作日申请。", "A-1 $5+3=8 <x> ^~|`", "\u3000全角　空格\t",
		"《静夜思》“床前明月光”——李白…", "𠮷野家 ㊙ ①② Ⅻ ｆｕｌｌ！", "\xff\xfe broken", "ΑΒΓ кириллица ½"}
	for r := rune(0); r < 0x3000; r += 7 {
		texts = append(texts, string(r)+"x")
	}
	for _, s := range texts {
		if got, want := textKey(s), naive(s); got != want && utf8.ValidString(s) {
			t.Errorf("textKey(%q) = %x; want %x", s, got, want)
		}
	}
	if textKey("年假，半天") != textKey("年假 半天.") || textKey("年假半天") == textKey("年假半日") {
		t.Error("textKey tells apart what differs only in punctuation, or not what differs in words")
	}
}

// TestNetworkName: a Wi-Fi's name is an identifier of its own shape, and a
// token the question says itself (Wi-Fi) is not one held; 格式 is a file's
// extension only when the question names a file.
func TestNetworkName(t *testing.T) {
	e := offline(t)
	hits := []corpora.Hit{
		hit("h.md", "## 信息安全\n\n公共场所的免费Wi-Fi下禁止处理员工的机密数据。"),
		hit("s.pptx", "办公与IT\nWi-Fi：员工网络CORP-Office，访客网络CORP-Guest"),
	}
	if a := e.FromHits("员工用的Wi-Fi叫什么名字？", hits); a.Answer != "CORP-Office" {
		t.Errorf("answer %q; want CORP-Office", a.Answer)
	}
	if identifierFor(parseQuestion(zh.Fold("配置文件里每一行是什么格式？"))) == nil {
		t.Error("配置文件…格式: no extension asked? the question names a file")
	}
	if identifierFor(parseQuestion(zh.Fold("日志里每一行是什么格式？"))) != nil {
		t.Error("每一行是什么格式 read as a file's extension")
	}
}

// TestOrdinalsAndCodes: an article's ordinal (第十七条) and a grade's or a
// code's number (P6, E1005) are no quantities to answer with.
func TestOrdinalsAndCodes(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, passage, want string }{
		{"自己开车出差每公里补多少钱？", "第十七条　因公自驾私家车出差的，须事先经部门负责人批准，按每公里0.8元给予补贴。", "0.8元"},
		{"经理级的住宿标准是多少？", "- 经理级：P6至P8级，住宿标准为每晚500元。", "500元"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("r.md", c.passage)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
	// With no amount said, neither is the answer.
	for q, p := range map[string]string{
		"自己开车出差每公里补多少钱？": "第十七条　因公自驾私家车出差的，每公里补贴须事先经部门负责人批准。",
		"经理级住宿每晚能报多少？":   "经理级：P6至P8级，住宿每晚按经理级标准报销。",
		"经理级每晚住宿能报几晚？":   "经理级指P6级，住宿按经理级标准报销。",
	} {
		if a := e.FromHits(q, []corpora.Hit{hit("r.md", p)}); strings.Contains(a.Answer, "十七") || strings.HasPrefix(a.Answer, "6") || strings.HasPrefix(a.Answer, "P6") {
			t.Errorf("%s → %q: an ordinal or a grade's number", q, a.Answer)
		}
	}
}

// TestChineseNumerals: a question's quantities said in Chinese numerals
// are read (请两天假 → 2天, 报销一万二 → 12000元, 两千五, 十五分钟, 一百零五),
// a numeral inside a word (一起, 统一) and a digit's multiplier (8万块) are
// left as they are; a leave verb split by its length is written whole for
// retrieval (请两天假 → 请假两天).
func TestChineseNumerals(t *testing.T) {
	for in, want := range map[string]string{
		"请两天假要谁批":    "请2天假要谁批",
		"报销一万二需要谁批":  "报销12000元需要谁批",
		"两千五百元以内":    "2500元以内",
		"两千五能报吗":     "2500元能报吗",
		"迟到十五分钟":     "迟到15分钟",
		"一百零五人":      "105人",
		"一起去统一办":     "一起去统一办",
		"办一场8万块钱的沙龙": "办一场8万块钱的沙龙",
		"二零二四年入职":    "二零二四年入职", // digits in a row: a year said, not a number read
		"请一两天假":      "请一两天假",
		"万一出差超标了":    "万一出差超标了",
		"几十块钱":       "几十块钱",
		"两万五千元":      "25000元",
		"三千零五十元":     "3050元",
	} {
		if got := arabicNumerals(in); got != want {
			t.Errorf("arabicNumerals(%q) = %q; want %q", in, got, want)
		}
	}
	if qs := questionQuantities(string(zh.Fold("请两天假要谁批"))); len(qs) != 1 || qs[0].n != 2 || qs[0].unit != "天" {
		t.Errorf("请两天假: quantities %+v; want 2天", qs)
	}
	for in, want := range map[string]string{"请两天假要谁批？": "请假两天要谁批？", "休三天年假要提前几天申请": "休年假三天要提前几天申请", "休几天年假": "休几天年假"} {
		if got := joinSeparable(in); got != want {
			t.Errorf("joinSeparable(%q) = %q; want %q", in, got, want)
		}
	}
}

// TestKin: kin said as people say them (爷爷, 外婆) key the row a leave
// table names them in (祖父母, 外祖父母).
func TestKin(t *testing.T) {
	e := offline(t)
	p := "**第十九条 丧假**\n\n| 去世的亲属 | 丧假天数 |\n|---|---|\n| 配偶的父母、祖父母、外祖父母、兄弟姐妹 | 1天 |\n| 父母、配偶、子女 | 3天 |\n"
	wantAnswers(t, e, []corpora.Hit{hit("h.md", p)}, map[string]string{"爷爷去世了能请几天丧假？": "1天", "妈妈去世了丧假有几天？": "3天"})
}

// TestFAQTwoQuestions: an FAQ line asking two things (问：食堂在哪里？几点开
// 放？) is answered by the 答 line after it.
func TestFAQTwoQuestions(t *testing.T) {
	e := offline(t)
	p := "## 常见问题\n\n问：公司食堂在哪里？几点开放？\n答：在总部B座2楼，午餐11:30—13:00。\n\n问：可以带宠物来公司吗？\n答：不可以。\n"
	if a := e.FromHits("食堂在哪栋几楼？", []corpora.Hit{hit("h.md", p)}); !strings.Contains(a.Answer, "B座2楼") {
		t.Errorf("answer %q; want the 答 line (B座2楼)", a.Answer)
	}
}

// TestDefinedRow: a table keyed by a term (二类城市) answers for a name the
// question says when a line defines the term by it (二类城市：…成都…).
func TestDefinedRow(t *testing.T) {
	e := offline(t)
	p := "**第二十四条 城市类别**\n\n- 一类城市：北京、上海、广州、深圳；\n- 二类城市：除一类城市以外的省会城市（如南京、杭州、成都等）；\n- 三类城市：其他城市。\n\n**第二十六条 伙食补助**\n\n| 城市类别 | 伙食补助（元/天） | 市内交通补助（元/天） |\n|---|---|---|\n| 一类城市 | 120 | 80 |\n| 二类城市 | 100 | 60 |\n| 三类城市 | 80 | 50 |\n"
	wantAnswers(t, e, []corpora.Hit{hit("h.md", p)}, map[string]string{"去成都出差一天伙食补助多少？": "100元", "在上海出差市内交通补助一天多少？": "80元"})
}

// byWord retrieves the hits of the first of its words the query holds.
type byWord []struct {
	word string
	hits []corpora.Hit
}

func (b byWord) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	for _, w := range b {
		if strings.Contains(q, w.word) {
			return w.hits, nil
		}
	}
	return nil, nil
}

// TestAliasRetry: a question whose own words retrieve nothing that answers
// is asked once more with the words a document writes for them (饭补 …
// 餐补).
func TestAliasRetry(t *testing.T) {
	r := byWord{
		{"餐补", []corpora.Hit{hit("h.md", "## 福利\n\n1. 餐补：每个出勤日25元，发放至员工钱包。")}},
		{"饭补", []corpora.Hit{hit("h.md", "## 入职\n\n问：入职第一天需要带什么材料？\n答：身份证和学历证书原件。")}},
	}
	e, err := New(Config{}, r)
	if err != nil {
		t.Fatal(err)
	}
	a := ask(t, e, "每天的饭补有多少钱？")
	if a.Answer != "25元" {
		t.Errorf("answer %q; want 25元", a.Answer)
	}
}

// TestModalCut: a modal verb the segmenter cut onto the verb after it (能报,
// 会扣), a pair its dictionary does not count, is the verb alone among the
// words a passage must hold.
func TestModalCut(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"迟到了会扣钱吗？", "住宿能报多少？"} {
		for _, term := range questionTerms(seg, parseQuestion(zh.Fold(q)).withWords(seg), "") {
			if term.w == "会扣" || term.w == "能报" {
				t.Errorf("%s: term %q; want the verb alone", q, term.w)
			}
		}
	}
}

// TestNotDone: asked what happens when a thing is not done (没定…怎么办),
// the rule for its not being done (逾期未确定的，…) answers, not the rule for
// doing it that holds more of the question's words.
func TestNotDone(t *testing.T) {
	e := offline(t)
	p := "第十七条 同一合同由多名销售人员共同跟进的，由区域销售总监在合同签订后10个工作日内在CRM中确定提成分配比例；逾期未确定的，提成全部计入合同的主签销售。"
	if a := e.FromHits("多名销售共同跟进的合同，总监10个工作日内没定提成分配比例怎么办？", []corpora.Hit{hit("r.md", p)}); !strings.Contains(a.Answer, "主签销售") {
		t.Errorf("answer %q; want the rule for 逾期未确定", a.Answer)
	}
}

// TestThousands: amounts with their thousands set apart (5,000元, 50,000元)
// are read whole in conditions, and asked in a unit (几家), a number in
// that unit answers though another stands nearer (10,000元 … 3家).
func TestThousands(t *testing.T) {
	e := offline(t)
	quotes := "**第九条** 采购应根据采购金额进行询价比价：\n\n（一）采购金额在10,000元以下（不含10,000元）的，可以直接采购，无需比价；\n\n（二）采购金额在10,000元（含）以上、100,000元以下（不含100,000元）的，应取得至少3家供应商的书面报价；\n\n（三）采购金额在100,000元（含）以上的，应取得至少5家供应商的书面报价。\n"
	if a := e.FromHits("6万的采购需要几家供应商报价？", []corpora.Hit{hit("r.md", quotes)}); a.Answer != "3家" {
		t.Errorf("6万 … 几家 → %q; want 3家", a.Answer)
	}
	if qs := conditionsMetFor("采购金额在5,000元（含）以上、50,000元以下（不含50,000元）的", "买台3万块的服务器"); !qs {
		t.Error("3万 does not meet 5,000元（含）以上、50,000元以下")
	}
	// The bound said after the condition (以下（不含50,000元）) leaves it out.
	if conditionsMetFor("采购金额在5,000元（含）以上、50,000元以下（不含50,000元）的", "采购金额刚好5万整") {
		t.Error("5万 meets 50,000元以下（不含50,000元）")
	}
	if !conditionsMetFor("采购金额在50,000元（含）以上、200,000元（含）以下的", "采购金额刚好5万整") {
		t.Error("5万 does not meet 50,000元（含）以上")
	}
}

// conditionsMetFor reports whether the quantities question states meet the
// conditions sentence sets.
func conditionsMetFor(sentence, question string) bool {
	met, any := conditionsMet(sentence, questionQuantities(string(zh.Fold(question))))
	return met && any
}

// TestRowUnit: a parameter's bare value takes the unit a cell of its row
// states (单位：分钟).
func TestRowUnit(t *testing.T) {
	e := offline(t)
	p := "## 4.2 考勤参数\n\n| 参数 | 默认值 | 取值范围 | 说明 |\n|---|---|---|---|\n| late_grace | 5 | 0～30 | 迟到宽限时间，单位：分钟；宽限时间内打卡不算迟到 |\n| punch_radius | 300 | 50～1000 | 打卡允许半径，单位：米 |\n"
	if a := e.FromHits("迟到宽限默认是几分钟？", []corpora.Hit{hit("m.md", p)}); a.Answer != "5分钟" {
		t.Errorf("answer %q; want 5分钟", a.Answer)
	}
}

// TestCaptionInHeader: a chunk that goes on with a table carries its
// caption before its header row (corpora.Part.Header): the caption's unit
// is the bare numbers', the header row alone names the columns.
func TestCaptionInHeader(t *testing.T) {
	e := offline(t)
	h := hit("p.html", "金卡 | 500—999 | 85 | 85\n白金卡 | 1,000—1,999 | 80 | 82\n")
	h.Header = "表1 协议客户房价折扣比例（单位：%）\n客户等级 | 上年度累计间夜量 | 标准间 | 豪华间"
	for q, want := range map[string]string{"白金卡豪华间几折": "82%", "金卡要多少间夜": "500—999"} {
		if a := e.FromHits(q, []corpora.Hit{h}); a.Answer != want {
			t.Errorf("%s → %q; want %q", q, a.Answer, want)
		}
	}
}

// TestClauseMark: a number's thousands separator and a time's colon do not
// end a clause; a comma between words does.
func TestClauseMark(t *testing.T) {
	s := []rune("单笔50,000元以上的，9:30前提交")
	for i, want := range map[int]bool{4: false, 12: true, 14: false} {
		if got := clauseMark(s, i); got != want {
			t.Errorf("clauseMark at %d (%q) = %v; want %v", i, s[i], got, want)
		}
	}
}

// recording is a Retriever returning the same passages for every question
// and keeping the queries it was asked.
type recording struct {
	hits    []corpora.Hit
	queries []string
}

func (r *recording) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	r.queries = append(r.queries, q)
	return r.hits[:min(k, len(r.hits))], nil
}

// TestTaiwanUsage: a question in traditional characters with Taiwan's
// words (特休) is looked up and answered in the mainland's (年休假); the
// answer keeps the question as it was asked.
func TestTaiwanUsage(t *testing.T) {
	r := &recording{hits: []corpora.Hit{hit("h.md", "第十七条 员工累计工作已满1年不满10年的，年休假5天；已满10年不满20年的，年休假10天；已满20年的，年休假15天。")}}
	e, err := New(Config{}, r)
	if err != nil {
		t.Fatal(err)
	}
	q := "我在這邊待了十二年了 特休有幾天"
	a, err := e.Ask(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answer != "10天" || a.Question != q {
		t.Errorf("%s → %q (question %q); want 10天", q, a.Answer, a.Question)
	}
	if len(r.queries) == 0 || !strings.Contains(r.queries[0], "年休假") {
		t.Errorf("queries %q; want 年休假 asked", r.queries)
	}
}

// TestReviewGuards: a work unit is no caption's unit (填报单位：财务部); a
// bound past 按 or a prize is no condition (超过标准部分按50%, 满勤奖300元);
// a two-column table's Header after a long caption is still its header.
func TestReviewGuards(t *testing.T) {
	if got := withCaptionUnit("岗位 | 津贴", "填报单位：财务部"); got != "岗位 | 津贴" {
		t.Errorf("填报单位 gave the header %q", got)
	}
	for _, s := range []string{"超过标准部分按50%由个人承担。", "当月满勤奖300元随工资发放。"} {
		if _, any := conditionsMet(s, questionQuantities("报销了20%和200元")); any {
			t.Errorf("%s: read as a condition", s)
		}
	}
	e := offline(t)
	h := hit("p.html", "标准间 | 85\n豪华间 | 82\n")
	h.Header = "表1 协议客户在旺季以外的平日预订门店客房时适用的房价折扣比例一览（单位：%）\n房型 | 折扣"
	if a := e.FromHits("豪华间的折扣是多少", []corpora.Hit{h}); a.Answer != "82%" {
		t.Errorf("豪华间的折扣 under a long caption → %q; want 82%%", a.Answer)
	}
}

// A number counted over the period the question asks (一年 … 全年) answers
// before one counted over another (每次), when the sentence holds both;
// a sentence with no number of the question's period sets none aside.
func TestPeriodOfQuantity(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, text, want string }{
		{"病假一年最多能请几天", "第八条 病假每次不超过5天，全年累计不超过20天，超过的按事假处理。", "20天"},
		{"一次最多请几天病假", "第八条 病假每次不超过5天，全年累计不超过20天，超过的按事假处理。", "5天"},
		{"一天最多加班几个小时", "第九条 加班每月累计不超过36小时，每日不超过3小时。", "3小时"},
		{"一个月最多加班多久", "第九条 加班每日不超过3小时，每月累计不超过36小时。", "36小时"},
		{"司龄津贴每年加多少", "第十条 员工每工作满1年，每月增加司龄津贴50元，最高不超过500元。", "50元"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.text)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
	for _, c := range []struct{ text, want string }{
		{"每次不超过", "次"}, {"全年累计", "年"}, {"单笔金额", "次"}, {"日均派件", "天"}, {"一次性支付", ""}, {"第一年", ""}, {"当月", "月"}, {"年度预算", "年"},
		{"本单位", ""}, {"一年级", ""}, {"全日制", ""}, {"一月份", ""}, {"一票否决", ""}, {"单日单笔", "次"}, {"每年每次", "次"}, {"十一月", ""},
	} {
		if got := periodOf([]rune(c.text)); got != c.want {
			t.Errorf("periodOf(%s) = %q; want %q", c.text, got, c.want)
		}
	}
}

// Asked in speech (明年, 家里人, 补习班), a rule written formally (次年,
// 亲属, 培训机构) answers.
func TestSpeechForRuleWords(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, text, want string }{
		{"今年的年假没休完 明年还能接着休吗", "第十五条 当年未休完的年休假，可顺延至次年3月31日前休完，逾期作废。", "3月31日"},
		{"收银的能给自己家里人打折不", "4.2 收银员不得为本人或亲属的消费订单办理折扣。", "不能。"},
		{"可以去别的补习班上课赚钱吗", "第三十四条 员工在职期间不得在其他培训机构兼职，但经公司书面批准的除外。", "不可以。"},
		{"我下个月领证 婚假能休几天", "第十九条 员工依法登记结婚的，享受婚假13天。", "13天"},
		{"展厅里面可以抽烟吗", "第八条 展厅、维修车间和配件仓库严禁吸烟。", "不可以。"},
		{"门店晚上几点关门", "第九条 门店营业时间为每日10:30—21:30。", "21:30"},
	} {
		a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.text), hit("o.md", "第二条 本制度适用于公司全体员工。")})
		if !a.Found || !strings.Contains(a.Answer, c.want) || strings.HasSuffix(c.want, "。") && !strings.HasPrefix(a.Answer, c.want) {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// Of tiers a quantity meets every one of (满500元 … 满1000元 for 一千), the
// one whose bound is nearest answers.
func TestEveryTierMet(t *testing.T) {
	e := offline(t)
	text := "4.3 会员卡充值满300元赠送20元，充值满800元赠送80元，赠送金额不可提现。"
	for _, c := range []struct{ q, want string }{
		{"会员卡一次充八百送多少", "80元"},
		{"会员卡充五百送多少", "20元"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("m.txt", text)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// Asked for a most (最多能涨到多少), the number the rule bounds that way
// (最高不超过300元) answers, in the unit the asked noun implies (工资 … 元);
// the sentence's subject before its first number (工龄津贴自司龄满1年) is
// no list's label.
func TestBoundAsked(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, text, want string }{
		{"工龄津贴最多能涨到多少", "第二十一条 工龄津贴自司龄满1年起计发，每月50元，此后司龄每增加1年，每月增加50元，最高不超过300元。", "300元"},
		{"备用金最少借多少", "第九条 备用金借款每次最低500元，最高不超过5000元，须在30日内归还。", "500元"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.text)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
	if u := impliedUnit([]rune("工资最多能涨到"), nil); u != unitMoney {
		t.Errorf("impliedUnit(工资最多能涨到多少) = %q; want %q", u, unitMoney)
	}
}

// 一节课 asks per lesson: the noun after the count is the word a passage
// holds (课时), not the count with it.
func TestPerCountNoun(t *testing.T) {
	e := offline(t)
	row := "年级：初二；一对一（元/课时）：380；小班课（元/课时）：170\n年级：初三；一对一（元/课时）：420；小班课（元/课时）：190"
	if a := e.FromHits("初三一对一多少钱一节课", []corpora.Hit{hit("p.xlsx", row)}); !strings.HasPrefix(a.Answer, "420") {
		t.Errorf("初三一对一多少钱一节课 → %q; want 420", a.Answer)
	}
}

// A clause whose condition the question's quantity meets answers a short
// question that says little else of it (想请两天假 找谁批).
func TestMetClauseAnswersShortQuestion(t *testing.T) {
	e := offline(t)
	text := "第十五条 请假按天数分级审批：\n（1）1天以内（含）的，由班组长审批；\n（2）超过1天不满3天的，由项目经理审批；\n（3）3天及以上的，报公司人力资源部审批。"
	if a := e.FromHits("想请两天假 找谁批", []corpora.Hit{hit("h.md", text), hit("o.md", "第二条 本制度适用于公司全体员工。")}); a.Answer != "项目经理" {
		t.Errorf("想请两天假 找谁批 → %q; want 项目经理", a.Answer)
	}
}

// Cases a review of the sixth pass found: a condition with a limit is no
// pair of tiers; 零下 takes its number, not a 零 of its own; a range's
// second end after an ordinal has no sign; 提交 and 补充 are no verbs of
// paying, and 八百份 counts copies.
func TestSixthPassReview(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ q, text, want string }{
		{"我工龄三年，借款最长能借几年", "第二十条 工龄满2年的员工可申请购房借款，借款期限最长不超过5年。", "5年"},
		{"入职两年了，年假最多能攒几年", "第十一条 入职满1年的员工，未休年假可以累计，累计不超过3年。", "3年"},
		{"冷冻室多少度", "3.2 冷冻室温度不得高于零下18℃。", "零下18℃"},
		{"办公区在几层", "第二条 办公区位于大楼第5层-8层。", "8层"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("h.md", c.text)}); !strings.Contains(a.Answer, c.want) || strings.HasPrefix(a.Answer, "-") {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
	for _, q := range []string{"论文需要提交3000字吗", "自我介绍要补充500字吗", "提交八百份问卷要多久"} {
		for _, qt := range questionQuantities(q) {
			if qt.unit == "元" {
				t.Errorf("questionQuantities(%s) = %v; no sum of money", q, questionQuantities(q))
			}
		}
	}
	if qs := questionQuantities("会员一次充八百送多少"); len(qs) == 0 || qs[len(qs)-1].unit != "元" || qs[len(qs)-1].n != 800 {
		t.Errorf("充八百: %v; want 800元", qs)
	}
}

// 多久…一次 asks how often: a table's cell saying it (每月1次) answers, and
// a length of time (每90天) still does.
func TestHowOften(t *testing.T) {
	e := offline(t)
	table := "表1 主要设备检查周期\n设备设施 | 日常检查 | 定期检查 | 检查责任人\n塔式起重机 | 每班作业前 | 每月1次 | 设备管理员\n电焊机 | 每次使用前 | 每季度1次 | 电工\n灭火器 | 每周 | 每月1次 | 安全员"
	for _, c := range []struct{ q, want string }{
		{"电焊机多久做一次定期检查", "每季度1次"},
		{"灭火器定期检查多久查一次", "每月1次"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("rules.pdf", table)}); a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
	if a := e.FromHits("密码多久要换一次", []corpora.Hit{hit("m.txt", "2.3 登录密码每90天须修改一次，新密码不得与最近5次使用过的密码相同。")}); !strings.Contains(a.Answer, "90天") {
		t.Errorf("密码多久要换一次 → %q; want 90天", a.Answer)
	}
	// The period and the count a few words apart (每天至少备份一次, 每季度试
	// 水一次): how often, whole; 比较稳妥 asks which is best, no comparison
	// to explain.
	backup := "自动备份不包含用户文件本身；用户文件请通过存储快照或备份软件另行备份，建议每天至少备份一次。"
	for _, q := range []string{"用户文件多久备份一次比较稳妥", "用户文件多久备份一次"} {
		if a := e.FromHits(q, []corpora.Hit{hit("m.txt", backup)}); a.Answer != "每天至少备份一次" {
			t.Errorf("%s → %q; want 每天至少备份一次", q, a.Answer)
		}
	}
	if q := parseQuestion([]rune("灭火器多久查一次")); q.unit != unitFrequency {
		t.Errorf("灭火器多久查一次: unit %q; want %q", q.unit, unitFrequency)
	}
}

// 比较 before a word of degree (比较稳妥, 比较好) is the adverb: the
// question asks which is best, not for a comparison; 比较 as a verb, and
// before a pair of opposites (比较大小), still asks to compare.
func TestAdverbBijiao(t *testing.T) {
	for q, want := range map[string]bool{
		"用户文件多久备份一次比较稳妥": false, "哪种报销方式比较快": false, "住哪个酒店比较合适": false,
		"比较一下年假和调休": true, "年假和调休有什么区别": true, "比较大小的方法是什么": true, "为什么比较好": true,
		// (a question mark after the adverb's word; 比较 opening the
		// question, or before two things named: the verb)
		"高铁和飞机哪个比较快？": false, "哪种比较好!": false, "哪个比较快a": false,
		"比较常规体检和深度体检的项目": true, "比较方案A和方案B的成本": true, "请比较安卓版和iOS版的功能": true,
	} {
		if got := reasons(q); got != want {
			t.Errorf("reasons(%s) = %v; want %v", q, got, want)
		}
	}
}

// A verb of working a shift split by how long (加几个钟的班) is read whole
// (加班几个小时), as the rule writes it; 上一个夜班 (per night shift) is
// no such split.
func TestSeparableShift(t *testing.T) {
	for in, want := range map[string]string{"一个月最多能加几个钟的班": "一个月最多能加班几个钟", "值两晚夜班": "值夜班两晚", "上一个夜班补多少钱": "上一个夜班补多少钱", "请两天假": "请假两天"} {
		if got := joinSeparable(in); got != want {
			t.Errorf("joinSeparable(%s) = %s; want %s", in, got, want)
		}
	}
	e := offline(t)
	rule := "第十二条 加班须经部门经理批准。每名员工每日加班不得超过3小时，每月加班时间累计不得超过36小时。"
	other := "4.3 每月最后一个工作日17:00以后，系统冻结出入库操作，单次冻结时间最长为4小时。"
	if a := e.FromHits("一个月最多能加几个钟的班", []corpora.Hit{hit("m.txt", other), hit("h.docx", rule)}); a.Answer != "36小时" {
		t.Errorf("一个月最多能加几个钟的班 → %q; want 36小时", a.Answer)
	}
}

// TestEverywhereOf: everywhereOf is every retrieved text folded rune by
// rune (traditional, full-width, capitals, bytes not UTF-8), each ended
// by a line break.
func TestEverywhereOf(t *testing.T) {
	hits := []corpora.Hit{
		{Chunk: corpora.Chunk{Title: "員工手冊", Section: "第三章 ＡＢＣ", Header: "職級 | 標準", Text: "年假\t天數：Ａ類為15天。\xff\xfe末尾"}},
		{Chunk: corpora.Chunk{Text: "普通的简体文字，没有要折叠的。"}},
		{Chunk: corpora.Chunk{Text: "\xe4\xb8"}},
	}
	var want strings.Builder
	for _, h := range hits {
		for _, s := range []string{h.Title, h.Section, h.Header, h.Text} {
			for _, c := range s {
				want.WriteRune(zh.FoldRune(c))
			}
			want.WriteByte('\n')
		}
	}
	if got := everywhereOf(hits); got != want.String() {
		t.Errorf("everywhereOf = %q; want %q", got, want.String())
	}
}

// TestArticleAcrossChunks: a rule's tiers in a chunk after the one opening
// its article (第二十条 费用报销…) are of what the article names: the tier the
// question's sum meets answers, and is not refused for the words the
// chunk before holds.
func TestArticleAcrossChunks(t *testing.T) {
	first := corpora.Hit{Chunk: corpora.Chunk{ID: corpora.ChunkID("h", 3), DocID: "h", Ordinal: 3, Title: "员工手册",
		Text: "第十九条 工资每月10日发放。第二十条 费用报销须在费用发生之日起30天内提交，逾期不予报销。单笔金额2000元以下（含2000元）的，由项目经理审批；"}}
	next := corpora.Hit{Chunk: corpora.Chunk{ID: corpora.ChunkID("h", 4), DocID: "h", Ordinal: 4, Title: "员工手册",
		Text: "单笔金额2000元以下（含2000元）的，由项目经理审批；超过2000元、不满1万元的，由分管副总审批；1万元以上的，由总经理审批。"}}
	e := offline(t)
	for _, hits := range [][]corpora.Hit{{first, next}, {next, first}} {
		if a := e.FromHits("我报销一笔三千五的 谁来批", hits); a.Answer != "分管副总" {
			t.Errorf("%s first → %q; want 分管副总", hits[0].ID, a.Answer)
		}
	}
}

// TestCasualAmount: a verb split from its object by a casual amount (抽根
// 烟, 喝两杯啤酒) is read whole, as rules write it (抽烟 … 吸烟, 喝啤酒 …
// 饮酒); 个人 stays a word.
func TestCasualAmount(t *testing.T) {
	for q, want := range map[string]string{
		"去业主家修东西能抽根烟吗": "去业主家修东西能抽烟吗", "值班时可以喝两杯啤酒吗": "值班时可以喝啤酒吗", "喝点酒行吗": "喝酒行吗",
		"看个人情况": "看个人情况", "打个电话给他": "打电话给他", "玩会儿手机": "玩手机",
		"开会迟到扣钱吗": "开会迟到扣钱吗", "差旅开支超过多少要审批": "差旅开支超过多少要审批", "怎么看会员等级": "怎么看会员等级",
		"看会议纪要": "看会议纪要", "吃点心": "吃点心", "开口说话": "开口说话", "抽两支烟": "抽烟",
	} {
		if got := joinSeparable(q); got != want {
			t.Errorf("%s → %s; want %s", q, got, want)
		}
	}
	e := offline(t)
	p := "第二十三条 严禁在岗期间饮酒，严禁酒后上岗。第二十四条 入户维修须穿鞋套，不得在业主家中吸烟、进食，完工后须清理现场。"
	for _, q := range []string{"值班的时候可以喝两杯啤酒吗", "去业主家修东西能抽根烟吗"} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", p)}); !strings.HasPrefix(a.Answer, "不") {
			t.Errorf("%s → %q; want 不…", q, a.Answer)
		}
	}
}

// TestOwnCase: a clause naming a case of its own (获得…表扬信的，奖励100元)
// does not inherit the case the clause before it names (获得…锦旗的，奖励
// 200元；); one going on with it (入职不满一年的销售人员，当年预算为5万元)
// keeps the topic it names.
func TestOwnCase(t *testing.T) {
	e := offline(t)
	for q, c := range map[string][2]string{
		"业主给我送了面锦旗 奖多少钱":     {"第三十六条 员工获得业主赠送锦旗的，奖励200元；获得业主书面表扬信的，奖励100元。", "200元"},
		"业主写了表扬信 奖多少钱":       {"第三十六条 员工获得业主赠送锦旗的，奖励200元；获得业主书面表扬信的，奖励100元。", "100元"},
		"新来的销售头一年有多少销售费用预算？": {"第四十四条 每名销售人员的年度销售费用预算为上一年度回款额的2%，最高不超过30万元；入职不满一年的销售人员，当年预算为5万元。", "5万元"},
	} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", c[0])}); a.Answer != c[1] {
			t.Errorf("%s → %q; want %q", q, a.Answer, c[1])
		}
	}
}

// TestExactCase: a clause naming its case by a bare number (有效投诉2次的，)
// sets the condition of that many; 两回 is 2次. The clause the question's
// count meets answers, not the list's lead-in.
func TestExactCase(t *testing.T) {
	if !conditionsMetFor("（2）有效投诉2次的，扣发当月绩效工资的30%；", "被业主投诉了两回") ||
		conditionsMetFor("（1）有效投诉1次的，给予书面警告；", "被业主投诉了两回") {
		t.Error("2次的: the condition of two, met by 两回 alone")
	}
	if met, any := conditionsMet("购买500元的设备，须经主管同意。", questionQuantities("买了800元的东西")); !met || any {
		t.Error("500元的设备: no case named")
	}
	e := offline(t)
	p := "第三十五条 员工当月被业主有效投诉的，按下列规定处理：\n（1）有效投诉1次的，给予书面警告；\n（2）有效投诉2次的，扣发当月绩效工资的30%；\n（3）有效投诉3次以上的，予以调岗。"
	if a := e.FromHits("这个月被业主投诉了两回 会咋样", []corpora.Hit{hit("h.md", p)}); !strings.Contains(a.Answer, "30%") {
		t.Errorf("投诉了两回 → %q; want the clause of 2次", a.Answer)
	}
}

// TestParallelCases: of two clauses alike but for the case each names
// (试用期员工离职须提前3天，转正员工须提前30天), the one naming the question's
// own word (转正) answers, over the one holding a part of a word a
// document may write for it (试用 of 试用期满) or a word written for
// another of its words (离职 for 辞职).
func TestParallelCases(t *testing.T) {
	e := offline(t)
	p := "第三十七条 试用期员工离职须提前3天提出，转正员工须提前30天书面提出。"
	for q, want := range map[string]string{"我转正了 想辞职要提前多少天说": "30天", "试用期辞职要提前几天": "3天"} {
		if a := e.FromHits(q, []corpora.Hit{hit("h.md", p)}); a.Answer != want {
			t.Errorf("%s → %q; want %q", q, a.Answer, want)
		}
	}
}

// byQuery is a Retriever returning more passages when the query holds a
// word.
type byQuery struct {
	word        string
	plain, with []corpora.Hit
}

func (r byQuery) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	if strings.Contains(q, r.word) {
		return r.with, nil
	}
	return r.plain, nil
}

// TestShapeAgain: an answer without what the question asks for (几点上班
// … 至少打卡两次, no time) has the passages looked up once more with the
// words a document may write for the question's (下班 … 工作时间), and one
// that holds it answers instead.
func TestShapeAgain(t *testing.T) {
	clock := hit("h.md", "第二章 工作时间与考勤\n二、打卡\n（1）员工须每日通过OA手机端或门禁闸机进行上下班打卡，每天至少打卡两次。")
	hours := hit("hours.md", "一、工作时间\n公司实行标准工时制度，每天的上班时间为9:00—18:00，其中12:00—13:00为午休时间。")
	r := byQuery{word: "工作时间", plain: []corpora.Hit{clock}, with: []corpora.Hit{clock, hours}}
	e, err := New(Config{}, r)
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Ask(context.Background(), "每天几点上班几点下班？")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Answer, "9:00—18:00") {
		t.Errorf("几点上班几点下班 → %q; want the hours 9:00—18:00", a.Answer)
	}
}

// TestHandlerAgain: asked who handles a matter (校车这块归哪个部门管) and
// the passages its words bring do not say, the passages are looked up once
// more with 负责, and the article on who answers for what answers.
func TestHandlerAgain(t *testing.T) {
	rules := hit("bus.pdf", "第十九条 遇暴雨、大雾等恶劣天气或者道路中断的，由集团总值班室统一决定校车停运或者改线，并通过平台通知家长。第二十条 校车均安装定位终端。")
	duty := hit("rules.pdf", "第二条 集团后勤保障部负责校车和食堂的统一管理，各校区后勤主任负责日常管理，校区安全办公室负责校车运行的安全监督。")
	r := byQuery{word: handlerWord, plain: []corpora.Hit{rules}, with: []corpora.Hit{duty, rules}}
	e, err := New(Config{}, r)
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Ask(context.Background(), "校车这块归哪个部门管")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Answer, "后勤保障部") {
		t.Errorf("校车这块归哪个部门管 → %q; want 后勤保障部", a.Answer)
	}
}

// TestLeadException: a yes-or-no question whose case is the exception a
// list's lead-in makes (台风天 … 但因台风…导致迟到…的除外) is answered by
// the item's rule turned, with the exception; the same question without
// that case keeps the rule's answer. So when the lead-in is in the chunk
// before (the item's Header).
func TestLeadException(t *testing.T) {
	lead := "第九条 员工迟到的，按下列标准处理，但因台风、暴雨、道路积水等恶劣天气导致迟到，并经部门负责人确认的除外："
	items := "（1）迟到15分钟以内（含15分钟）的，每次扣款20元；\n（2）迟到超过15分钟、不满1小时的，每次扣款50元；\n（3）迟到1小时以上的，按旷工半天处理。\n第十条 连续旷工3天以上的，视为严重违纪。"
	whole := hit("h.md", lead+"\n"+items)
	cut := hit("h.md", items)
	cut.Header = lead
	e := offline(t)
	for _, h := range []corpora.Hit{whole, cut} {
		for q, want := range map[string]string{
			"颱風天遲到一個多小時也算曠工嗎": "不算。（3）迟到1小时以上的，按旷工半天处理；但因台风、暴雨、道路积水等恶劣天气导致迟到，并经部门负责人确认的除外。",
			"迟到一个多小时算旷工吗":     "算。（3）迟到1小时以上的，按旷工半天处理。",
		} {
			if a := e.FromHits(q, []corpora.Hit{h}); a.Answer != want {
				t.Errorf("%s (header %q) → %q; want %q", q, h.Header, a.Answer, want)
			}
		}
	}
	// A condition in the lead-in (若因台风…，一律…) is no exception to turn
	// the rule by.
	cond := hit("h.md", items)
	cond.Header = "第九条 员工迟到的，按下列标准处理，若因台风导致迟到的，一律按旷工一天处理："
	if a := e.FromHits("台风天迟到一个多小时算旷工吗", []corpora.Hit{cond}); strings.HasPrefix(a.Answer, "不") {
		t.Errorf("若因台风…一律: %q; want no turned answer", a.Answer)
	}
}

// TestRowKeyNamed: a day said as people say it (十月三号) is the row keyed
// 10月3日, and the question naming that row's key is not answered by
// another row of the table whose other cells say more of its words
// (10月8日 … 总经理值班), from a passage ranked higher.
// A row keyed by a place (部门：北京分公司) does not answer for another
// place the question names (上海分公司): the passages do not say; a row
// for a class of places (一类城市) still does.
func TestOtherPlaceRow(t *testing.T) {
	e := offline(t)
	rec := hit("contacts.xlsx", "部门：北京分公司（华北区销售）；负责人：韩冰；职务：分公司总经理；分机：8900")
	if a := e.FromHits("北京分公司的负责人是谁", []corpora.Hit{rec}); a.Answer != "韩冰" {
		t.Errorf("北京分公司 → %q; want 韩冰", a.Answer)
	}
	if a := e.FromHits("上海分公司的负责人是谁", []corpora.Hit{rec}); a.Found {
		t.Errorf("上海分公司 → %q; want a refusal", a.Answer)
	}
	table := hit("travel.xlsx", "城市类别 | 住宿上限（元/晚） | 伙食补助（元/天）\n一类城市 | 650 | 100\n二类城市 | 500 | 80")
	if a := e.FromHits("去北京出差住宿上限多少", []corpora.Hit{table}); !strings.Contains(a.Answer, "650") {
		t.Errorf("去北京出差住宿上限 → %q; want 650", a.Answer)
	}
}

func TestRowKeyNamed(t *testing.T) {
	for q, want := range map[string]string{"十月三号谁值班": "10月3日谁值班", "10月3号": "10月3日", "十二月二十五号": "12月25日", "十三月三号": "十三月三号"} {
		if got := writtenDates(q); got != want {
			t.Errorf("writtenDates(%s) = %s; want %s", q, got, want)
		}
	}
	hd := "假期总部值班表\n日期 | 星期 | 值班经理 | 值班短号 | 备注"
	late := hit("n.html", "10月7日 | 星期二 | 朱海峰 | 6607 | 返程高峰\n10月8日 | 星期三 | 沈嘉诚 | 6608 | 假期最后一天，总经理值班，次日恢复正常工作时间")
	late.Header = hd
	mid := hit("n.html", "10月4日 | 星期六 | 顾晓雯 | 6604 | 无锡片区由孙立新协助值班\n10月5日 | 星期日 | 韩立 | 6605 | 加强夜间巡逻")
	mid.Header = hd
	early := hit("n.html", "日期 | 星期 | 值班经理 | 值班短号 | 备注\n10月2日 | 星期四 | 许静怡 | 6602 | 电梯例行巡检\n10月3日 | 星期五 | 钱国平 | 6603 | 门岗加派人员")
	intro := hit("n.html", "二、总部值班安排\n假期期间总部每天安排一名值班经理，负责当天各项目突发事件的协调处理。")
	e := offline(t)
	if a := e.FromHits("十月三号总部值班经理是谁", []corpora.Hit{late, mid, early, intro}); a.Answer != "钱国平" {
		t.Errorf("十月三号 → %q; want 钱国平", a.Answer)
	}
	// Another table's rows are not the named table's other rows.
	canteen := corpora.Hit{Chunk: corpora.Chunk{ID: corpora.ChunkID("canteen.md", 0), DocID: "canteen.md", Title: "食堂", Section: "食堂开放时间",
		Text: "餐次 | 开放时间\n午餐 | 11:30—13:00\n晚餐 | 17:30—19:00"}}
	if a := e.FromHits("十月三号食堂午餐几点开饭", []corpora.Hit{early, canteen}); !strings.Contains(a.Answer, "11:30") {
		t.Errorf("十月三号食堂午餐几点 → %q; want 11:30—13:00", a.Answer)
	}
}

// TestWhetherUnsaid: asked whether of a matter whose telling noun no
// passage says (员工食堂), a sentence that is no rule on what one may do is
// no answer; a rule is (带宠物 … 不得携带宠物进入办公区).
func TestWhetherUnsaid(t *testing.T) {
	e := offline(t)
	p := "第九条 公司为员工提供免费通勤班车，员工可在OA上查看班车线路和发车时间。第十条 员工不得携带宠物进入办公区。"
	if a := e.FromHits("公司有员工食堂吗？", []corpora.Hit{hit("h.md", p)}); a.Found {
		t.Errorf("员工食堂 → %q; want a refusal", a.Answer)
	}
	if a := e.FromHits("可以带宠物狗来办公室吗？", []corpora.Hit{hit("h.md", p)}); !strings.HasPrefix(a.Answer, "不") {
		t.Errorf("带宠物狗 → %q; want 不…", a.Answer)
	}
}

// TestDateIsNoDuration: asked how long (多久), a date's year, month or day
// (2025年3月18日) is no length of time; 10分钟 is.
func TestDateIsNoDuration(t *testing.T) {
	e := offline(t)
	hits := []corpora.Hit{
		hit("m.txt", "同步盘服务端安装手册 文档编号：SPS-UM-420 发布日期：2025年3月18日 适用版本：同步盘服务端V4.2"),
		hit("install.txt", "3.2 安装同步盘服务端：运行安装脚本后按提示选择数据目录，整个安装过程约需10分钟。"),
	}
	if a := e.FromHits("同步盘服务端装一遍大概要多久？", hits); a.Answer != "10分钟" {
		t.Errorf("多久 → %q; want 10分钟", a.Answer)
	}
	for _, c := range []struct {
		before, number, after string
		want                  bool
	}{{"", "2025", "年3月", true}, {"年", "3", "月18日", true}, {"月", "18", "日", true}, {"满", "3", "年", false}, {"", "18", "天", false}} {
		if got := datePart(c.before, c.number, []rune(c.after)); got != c.want {
			t.Errorf("datePart(%q, %q, %q) = %v", c.before, c.number, c.after, got)
		}
	}
}

// TestUnsaidAlias: an answer whose sentence says none of the question's
// words that documents write otherwise (饭补 … 餐补) has the passages looked
// up once more with those words, and an answer saying one wins.
func TestUnsaidAlias(t *testing.T) {
	trip := hit("trip.md", "第十二条 出差补助：每天给100元，按实际出差天数计发。")
	meal := hit("pay.md", "第八条 员工餐补：每天给30元，随当月工资一起发放。")
	e, err := New(Config{}, byQuery{word: "餐补", plain: []corpora.Hit{trip}, with: []corpora.Hit{trip, meal}})
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Ask(context.Background(), "饭补一天给多少？")
	if err != nil {
		t.Fatal(err)
	}
	if a.Answer != "30元" {
		t.Errorf("饭补一天给多少 → %q; want 30元 (餐补)", a.Answer)
	}
	// A table's row says the question's words in its header (住宿 for
	// 酒店): its cell stands.
	row := hit("travel.md", "| 城市类别 | 员工住宿上限 | 总监住宿上限 |\n|---|---|---|\n| 二类城市（杭州、南京） | 500 | 850 |")
	rise := hit("travel.md", "（2）在旅游旺季当地酒店价格明显上涨的，经部门总监批准后住宿上限上浮不超过30%。")
	e, err = New(Config{}, byQuery{word: "住宿", plain: []corpora.Hit{row}, with: []corpora.Hit{rise, row}})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := e.Ask(context.Background(), "总监在南京出差，酒店上限是多少？"); err != nil || !strings.Contains(a.Answer, "850") {
		t.Errorf("总监…酒店上限 → %q (%v); want 850 from the row", a.Answer, err)
	}
}

// TestAsksTwice: two things asked in two clauses (是什么意思，出自哪里) are
// answered by the sentence that says them, whole; 任何人 and 几内亚 hold no
// question word.
func TestAsksTwice(t *testing.T) {
	if !asksTwice("洛阳纸贵是什么意思，出自哪里") || asksTwice("1965年几内亚和法国断交后，采用新的货币叫什么？") || asksTwice("采用了什么样的设计，使得任何人都能使用") {
		t.Error("asksTwice: wrong clauses counted")
	}
	e := offline(t)
	p := "这个成语出自《晋书·左思传》：左思花了十年写成《三都赋》，洛阳的富贵人家竞相传抄，洛阳的纸因此变贵。"
	if a := e.FromHits("洛阳纸贵是什么意思，出自哪里", []corpora.Hit{hit("idioms.md", p)}); a.Answer != p {
		t.Errorf("asked twice → %q; want the sentence whole", a.Answer)
	}
}

// TestUnitCutAcross: a quantity's unit cut across two words with its
// numeral (一小/时下 of 一小时下了) is cut again with the quantity in
// digits, and no word of the mis-cut is one a passage must hold.
func TestUnitCutAcross(t *testing.T) {
	for words, want := range map[string]bool{
		"外面 一小 时下 了 三十 毫米": true,
		"一般 情况":            false,
		"一次 性":             false,
		"三十 毫米":            false,
		"两小 时后":            true,
	} {
		if got := unitCutAcross(strings.Fields(words)); got != want {
			t.Errorf("unitCutAcross(%s) = %v, want %v", words, got, want)
		}
	}
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	q := parseQuestion(zh.Fold("外面一小时下了三十毫米 还用出去抄表吗")).withWords(seg)
	for _, term := range questionTerms(seg, q, "") {
		if term.w == "时下" || term.w == "一小" || term.w[0] >= '0' && term.w[0] <= '9' {
			t.Errorf("term %q of a quantity cut across words", term.w)
		}
	}
}

// TestCasualAmountWithAspect: a verb split from its object by 了 and an
// amount (喝了两杯啤酒) is read whole, as 喝两杯啤酒 is, and a rule
// saying it as documents do (严禁酒后上岗) answers.
func TestCasualAmountWithAspect(t *testing.T) {
	if got := joinSeparable("中午喝了两杯啤酒 下午还能开车不"); got != "中午喝啤酒 下午还能开车不" {
		t.Errorf("joinSeparable = %q", got)
	}
	if !slices.Contains(zh.AliasesOf("喝啤酒"), "酒后") {
		t.Errorf("AliasesOf(喝啤酒) = %q, want 酒后 among them", zh.AliasesOf("喝啤酒"))
	}
}

// TestRecordValueWithSemicolon: a record whose last value holds ；
// (说明：…；…) is a record still, its value whole; and asked how long of a
// row whose key states a length (24小时动态心电图多久出报告), the key's length
// is the question's own, not the answer's shape.
func TestRecordValueWithSemicolon(t *testing.T) {
	row := "项目：24小时动态心电图；价格（元）：260；出报告时间（小时）：48；说明：佩戴期间不能洗澡；佩戴期间照常活动"
	if !isRecord(row) {
		t.Fatalf("isRecord(%q) = false", row)
	}
	if isRecord("佩戴期间不能洗澡；价格（元）：260；说明：甲") {
		t.Error("a line opening without a field is a record")
	}
	q := parseQuestion(zh.Fold("24小时动态心电图多久出报告"))
	typed, holds := answerShape(q)
	if !typed {
		t.Fatal("多久: no shape")
	}
	key := sentence{orig: []rune("项目：24小时动态心电图；"), folded: zh.Fold("项目：24小时动态心电图；")}
	if holds(key) {
		t.Error("the question's own 24小时 held as the length asked")
	}
	if !holds(sentence{orig: []rune(row), folded: zh.Fold(row)}) {
		t.Error("the row's 出报告时间（小时）：48 not held")
	}
	hits := []corpora.Hit{hit("检查检验价目", "项目：常规心电图；价格（元）：25；出报告时间（小时）：0.5；说明：安静休息5分钟\n"+row)}
	if a := offline(t, hits...).FromHits("24小时动态心电图多久出报告", hits); !strings.Contains(a.Answer, "48") {
		t.Errorf("answer %q, want 48小时", a.Answer)
	}
}

// TestSecondLook: when the passages read do not answer, the others
// retrieved may: their best sentence answers if it is not refused.
func TestSecondLook(t *testing.T) {
	e := offline(t,
		hit("营业厅", "用户可在营业厅查询每月用水量。"),
		hit("表箱", "水表箱损坏的，由供水公司免费更换。"),
		hit("到岗", "抄表员须按时到岗，不得迟到。"),
		hit("入户", "5.4 用户家里没人、无法入户的，系统向用户发送拍照上报的短信链接，用户自己拍水表读数上报，由抄表员审核后生效。"),
	)
	if a := ask(t, e, "用户家里没人 能不能让他自己拍水表读数发过来"); !strings.Contains(a.Answer, "拍照上报") {
		t.Errorf("answer %q, want the fourth passage's rule (拍照上报)", a.Answer)
	}
	// A table's cell, which refusal weighs only for a missing noun, is no
	// second look's answer.
	e = offline(t,
		hit("手册", "本手册由人力资源部负责解释。"),
		hit("考勤", "考勤异常须在3日内书面说明。"),
		hit("会议", "部门例会每周一上午召开。"),
		hit("差旅标准", "城市：厦门；城市类别：二类；员工住宿上限（元/晚）：500；经理住宿上限（元/晚）：650"),
	)
	if a := ask(t, e, "员工离职有没有竞业限制补偿，标准多少？"); a.Found {
		t.Errorf("answer %q from a table's cell, want a refusal", a.Answer)
	}
}

// TestShareForMoney: asked how much is paid (医保给报多少), a guess of
// money; a table whose columns are shares answers from the column the
// question names (城乡居民支付比例（%）), and the question's own 十万 is no
// answer.
func TestShareForMoney(t *testing.T) {
	text := "第二十五条 参保患者住院发生的政策范围内费用，按下表比例由医保统筹基金支付，其余由个人负担。\n费用段 | 在职职工支付比例（%） | 退休人员支付比例（%） | 城乡居民支付比例（%）\n起付标准以上至3万元（含） | 85 | 90 | 70\n3万元以上至10万元（含） | 88 | 92 | 75\n10万元以上至最高支付限额 | 90 | 95 | 80\n第二十六条 住院起付标准为：在职职工每次800元。"
	hits := []corpora.Hit{hit("医保结算", text)}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"城乡居民住院 十万以上那段医保给报多少": "80%",
		"退休的人住院三万以内医保报多少":     "90%",
	})
	q := parseQuestion(zh.Fold("城乡居民住院十万以上的部分自付多少"))
	if v := statedNumbers(q); !stated(v, "10万元") || stated(v, "3万元") || stated(v, "10万次") {
		t.Errorf("statedNumbers = %v: 10万元 not stated, or 3万元 stated", v)
	}
}

// TestNegativeCell: asked yes or no of a row's column said in everyday
// words (礼拜天 … 周日门诊), a short cell saying no (不开诊) answers no.
func TestNegativeCell(t *testing.T) {
	row := "院区：西岭门诊部；所在区：西岭区；门诊时间：8:00—17:00；周日门诊：不开诊；电话：86617400"
	hits := []corpora.Hit{hit("院区与门诊部", "院区：城南门诊部；所在区：城南区；门诊时间：8:00—17:00；周日门诊：8:00—12:00；电话：86617300\n"+row)}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"西嶺門診部禮拜天有看診嗎": "没有。不开诊",
	})
	for v, want := range map[string]bool{"不开诊": true, "暂不开放": true, "无": true, "8:00—12:00": false, "不开诊，节假日另行通知": false} {
		if negativeCell(v) != want {
			t.Errorf("negativeCell(%q) = %v", v, !want)
		}
	}
}

// TestClassByCount: a count said with 节 (一千五百节课) is a quantity
// whose unit is no word to find (授课 holds 课), and asked which class it
// is in (算啥级别), the class the met clause names after its condition.
func TestClassByCount(t *testing.T) {
	p := "第十五条 教练等级按累计授课节数评定：（1）累计授课不满500节的，为初级教练；（2）累计授课满500节不满1200节的，为中级教练；（3）累计授课满1200节不满2500节的，为高级教练；（4）累计授课满2500节的，为资深教练。"
	hits := []corpora.Hit{hit("教练等级", p)}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"我累计带了一千五百节课了 现在算啥级别": "高级教练",
		"上了六百节课属于哪个级别":        "中级教练",
	})
	for _, c := range []struct {
		q    string
		want bool
	}{{"现在算啥级别", true}, {"属于哪一档", true}, {"年假有几天", false}, {"什么时候发工资", false}} {
		if got := asksClass(parseQuestion(zh.Fold(c.q))); got != c.want {
			t.Errorf("asksClass(%s) = %v", c.q, got)
		}
	}
}

// TestCubicMetres: water said in 方 (两百五十方, 几方水) is in 立方米, read
// against a rule's bounds and answered in the unit written.
func TestCubicMetres(t *testing.T) {
	p := "第八条 低保家庭和特困供养人员，每户每月减免5立方米水费，凭民政部门出具的证明办理，每年复核一次。第九条 居民用户一年用水180立方米以下（含）的，按第一阶梯计价；180立方米以上、300立方米以下（含）的，按第二阶梯计价；300立方米以上的，按第三阶梯计价。"
	hits := []corpora.Hit{hit("水价", p)}
	e := offline(t, hits...)
	if a := e.FromHits("低保户每个月能少交几方水", hits); a.Answer != "5立方米" {
		t.Errorf("低保户每个月能少交几方水 → %q, want 5立方米", a.Answer)
	}
	if a := e.FromHits("有户人家一年用了两百五十方水 按哪一档算", hits); !strings.Contains(a.Answer, "第二阶梯") {
		t.Errorf("两百五十方 → %q, want 第二阶梯", a.Answer)
	}
	if qs := questionQuantities("签了三方协议还能改吗"); len(qs) != 0 {
		t.Errorf("三方协议 read as a volume: %v", qs)
	}
}

// TestSpokenTemperature: a temperature as people say it (三十七度五, 三十九度)
// is read as documents write it (37.5℃) and against a rule's bound; water
// and power in 度, and 一度 (once), are left as they are.
func TestSpokenTemperature(t *testing.T) {
	for in, want := range map[string]string{
		"早上量体温三十七度五 还能去上班吗": "早上量体温37.5℃ 还能去上班吗",
		"今天三十九度 还要出去吗":      "今天39℃ 还要出去吗",
		"冷库零下十八度要穿啥":        "冷库-18℃要穿啥",
		"一年用了两百度水":          "一年用了两百度水",
		"这款一度很火":            "这款一度很火",
	} {
		if got := writtenTemperatures(in); got != want {
			t.Errorf("writtenTemperatures(%s) = %s, want %s", in, got, want)
		}
	}
	p := "第20条 员工每日上岗前须测量体温。体温达到37.3℃以上的，不得上岗，应到发热门诊就诊；体温正常的，照常上岗。"
	hits := []corpora.Hit{hit("感染防控", p)}
	if a := offline(t, hits...).FromHits("早上量体温三十七度五 还能去上班吗", hits); !strings.HasPrefix(a.Answer, "不能") || !strings.Contains(a.Answer, "不得上岗") {
		t.Errorf("answer %q, want 不能 … 不得上岗", a.Answer)
	}
}

// TestTierByShare: a rate said bare (依从率九十二) is a share; asked yes or
// no, or which of two, of a rule whose tiers follow its lead-in, the tier
// whose condition the share meets answers (不奖不罚: no).
func TestTierByShare(t *testing.T) {
	text := "第26条 手卫生依从率由院感科按月抽查，按下列标准奖惩：\n（1）科室依从率达到95%以上的，当月奖励科室500元；\n（2）依从率85%以上、不满95%的，不奖不罚；\n（3）依从率低于85%的，每低1个百分点扣科室绩效100元。"
	hits := []corpora.Hit{hit("感染防控", text)}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"我们科这个月手卫生依从率九十二 会扣钱不": "不会。（2）依从率85%以上、不满95%的，不奖不罚；",
		"依从率九十二 是有奖还是扣钱":       "不奖不罚",
	})
	if !ratioBefore("手卫生依从率") || ratioBefore("今天的汇率") || ratioBefore("心率") {
		t.Error("ratioBefore: 依从率 a share, 汇率 and 心率 not")
	}
}

// TestAgeExempted: an age in 周岁 is in 岁 (80周岁以上 holds 85岁), and
// asked whether one pays a charge the met clause exempts from (免收): 不收.
func TestAgeExempted(t *testing.T) {
	p := "第七条 普通门诊诊查费每人次10元。80周岁以上的老年人免收普通门诊诊查费，挂副主任医师以上门诊的按标准收取。"
	hits := []corpora.Hit{hit("挂号", p)}
	if a := offline(t, hits...).FromHits("阿公八十五歲了 掛普通門診要收診察費嗎", hits); !strings.HasPrefix(a.Answer, "不收。") {
		t.Errorf("answer %q, want 不收。…", a.Answer)
	}
	if qs := questionQuantities("满80周岁的"); len(qs) != 1 || qs[0].unit != "岁" || qs[0].n != 80 {
		t.Errorf("80周岁 read as %v", qs)
	}
}

// TestTimesAsked: 放几回鸽子 is 放鸽子 (爽约) asked how many times; 回 is
// 次; and the 约 of 爽约 before a number is the word's, no "about".
func TestTimesAsked(t *testing.T) {
	hits := []corpora.Hit{hit("预约", "一个自然月内累计爽约3次的，暂停其网上预约资格60天，暂停期间可以到窗口现场挂号。")}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"一个月放几回鸽子就不能网上约号了": "3次",
		"一个月爽约几次就不能网上预约了":  "3次",
	})
	if got := joinSeparable("放了两次鸽子会怎样"); got != "放鸽子两次会怎样" {
		t.Errorf("joinSeparable = %q", got)
	}
}

// TestWordEndCutOff: one character ending a word the question says
// otherwise (器 of 除颤器, asked 除颤仪) is no answer: the sentence says
// where. 厕所 is 卫生间.
func TestWordEndCutOff(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := []rune("第三十条　每家门店在前台左侧配备AED（自动体外除颤器）和急救箱，店长每月检查一次并签字确认。")
	q := parseQuestion(zh.Fold("除颤仪放在哪")).withWords(seg)
	if sp := extract(seg, q, s); !strings.Contains(string(s[sp.s:sp.e]), "前台左侧") {
		t.Errorf("extract = %q, want what says 前台左侧", string(s[sp.s:sp.e]))
	}
	if !slices.Contains(zh.AliasesOf("厕所"), "卫生间") {
		t.Error("厕所 is not 卫生间")
	}
}

// TestReviewedYesNo: what a review found of this pass's yes/no and
// reading changes, each answered as it should be.
func TestReviewedYesNo(t *testing.T) {
	for _, c := range []struct{ q, p, want string }{
		// The exemption is the staff's, not the visitor's.
		{"访客停车要交停车费吗", "员工车辆停放在地下停车场的免收停车费，访客车辆按每小时5元收取停车费。", "要"},
		// A fee exempted is not the payment asked about.
		{"能用微信付款吗", "缴费方式：支持微信、支付宝和银行卡付款，免收手续费。", "能"},
		// 不限次数 is yes.
		{"金卡会员能用游泳馆吗", "卡种：金卡；年费（元）：2400；游泳馆：不限次数；健身房：不限次数", "能"},
	} {
		hits := []corpora.Hit{hit("规则", c.p)}
		if a := offline(t, hits...).FromHits(c.q, hits); !strings.HasPrefix(a.Answer, c.want) {
			t.Errorf("%s → %q, want %s…", c.q, a.Answer, c.want)
		}
	}
	for in, want := range map[string]string{
		"烧到三十九度一直不退怎么办": "烧到39℃一直不退怎么办",
		"坡度超过二十度还能施工吗":  "坡度超过二十度还能施工吗",
	} {
		if got := writtenTemperatures(in); got != want {
			t.Errorf("writtenTemperatures(%s) = %s, want %s", in, got, want)
		}
	}
	if asksWhich("迟到四十分钟还是扣多少钱") || !asksWhich("准确率九十九是有奖还是扣钱") {
		t.Error("asksWhich: 还是 as still taken for a choice, or a choice missed")
	}
	if q := parseQuestion(zh.Fold("销售要完成多少回款才有提成")); q.unit == "回" || q.unit == "次" {
		t.Errorf("多少回款 asks in %q", q.unit)
	}
	if a := zh.Aliases("会员年费至少交多少"); len(a) != 1 || a[0].Word != "至少" {
		t.Errorf("至少交 read as %v, want 至少 (not 少交)", a)
	}
}

// TestNextLineOverProse: asked the line after one quoted, of prose that
// quotes the poem (…全诗是：床前明月光，疑是地上霜。), the next line whole, not
// 地上霜; asked who wrote it too, with the sentence saying so.
func TestNextLineOverProse(t *testing.T) {
	e := offline(t, hit("poems.txt", "《静夜思》是唐代诗人李白写的一首五言绝句，全诗是：床前明月光，疑是地上霜。举头望明月，低头思故乡。"))
	for q, want := range map[string]string{
		"床前明月光的下一句是什么？":  "疑是地上霜",
		"举头望明月的下一句":      "低头思故乡",
		"床前明月光下一句是啥，谁写的": "疑是地上霜。《静夜思》是唐代诗人李白写的一首五言绝句，全诗是：床前明月光，疑是地上霜。",
	} {
		if a := ask(t, e, q); a.Answer != want {
			t.Errorf("%s → %q, want %q", q, a.Answer, want)
		}
	}
}

// TestMeaningSaid: asked what A means (洛阳纸贵是什么意思) of a sentence
// saying 「A的意思是…」, all it says after 是, not the question's own 的意思.
func TestMeaningSaid(t *testing.T) {
	p := "洛阳纸贵的意思是一部作品写得好，大家争相传抄，以致纸张都涨价了，常用来称赞著作风行一时、流传很广。这个成语出自《晋书·左思传》。"
	hits := []corpora.Hit{hit("成语小札", p)}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"洛阳纸贵是什么意思":   "一部作品写得好，大家争相传抄，以致纸张都涨价了，常用来称赞著作风行一时、流传很广",
		"洛阳纸贵的意思是什么？": "一部作品写得好，大家争相传抄，以致纸张都涨价了，常用来称赞著作风行一时、流传很广",
	})
}

// TestListSecondItem: a counted list's second item (和一张门禁卡) is no
// answer to where; a name beginning with 和 (和歌山) is.
func TestListSecondItem(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := []rune("新员工入职当天，IT部会发放一台笔记本电脑和一张门禁卡")
	q := parseQuestion(zh.Fold("新员工领电脑去哪里")).withWords(seg)
	if sp := extract(seg, q, s); strings.HasPrefix(string(s[sp.s:sp.e]), "和") {
		t.Errorf("extract = %q, a list's second item", string(s[sp.s:sp.e]))
	}
}

// TestSpokenTimeRange: a time said 8点半 is whole, and a range of times
// with the part of the day said at its ends (早上…到晚上7点) keeps both.
func TestSpokenTimeRange(t *testing.T) {
	hits := []corpora.Hit{hit("it.html", "设备故障请拨打 IT 服务热线 8008。IT 部的服务时间是工作日早上8点半到晚上7点。")}
	wantAnswers(t, offline(t, hits...), hits, map[string]string{
		"IT部的服务时间是几点到几点": "早上8点半到晚上7点",
	})
}

// TestNameByItsWord: asked one's 号 (or 字), the name after that word, not
// a name in marks after another verb of calling (被后人称为“诗仙”).
func TestNameByItsWord(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	s := []rune("李白，字太白，号青莲居士，是唐朝最著名的浪漫主义诗人，被后人称为“诗仙”。")
	for q, want := range map[string]string{"李白的号是什么": "青莲居士", "李白的字是什么": "太白"} {
		if sp, ok := calledName(parseQuestion(zh.Fold(q)).withWords(seg), s); !ok || string(s[sp.s:sp.e]) != want {
			t.Errorf("%s → %q, want %s", q, string(s[sp.s:sp.e]), want)
		}
	}
}

// TestMoreNoes: 不参加, 不安排 … say no; a holiday asked by name (国庆)
// finds a rule on 节假日.
func TestMoreNoes(t *testing.T) {
	p := "员工购书享受八折优惠，每月限购10本；教辅类图书不参加员工折扣。员工每月可以申请调休2天，须提前3天在排班表上登记并经店长同意；节假日前后3天不安排调休。"
	hits := []corpora.Hit{hit("守则", p)}
	e := offline(t, hits...)
	for q, want := range map[string]string{"教辅书能打折吗": "不能", "国庆前一天能调休吗": "不能"} {
		if a := e.FromHits(q, hits); !strings.HasPrefix(a.Answer, want) {
			t.Errorf("%s → %q, want %s…", q, a.Answer, want)
		}
	}
}

// TestRoleNameNotSaid: asked the name of a role's holder (店长叫什么名字)
// of passages that name none, no word near the role (经店长同意 → 同意)
// answers; a name that is one does (店长是王立诚).
func TestRoleNameNotSaid(t *testing.T) {
	e := offline(t, hit("守则", "员工每月可以申请调休2天，须提前3天在排班表上登记并经店长同意。"))
	if a := ask(t, e, "店长叫什么名字"); a.Found {
		t.Errorf("answer %q, want a refusal", a.Answer)
	}
	e = offline(t, hit("守则", "本店店长为王立诚，负责排班和调休审批。"))
	if a := ask(t, e, "店长叫什么名字"); !strings.Contains(a.Answer, "王立诚") {
		t.Errorf("answer %q, want 王立诚", a.Answer)
	}
	if surnamed("同意") || !surnamed("邹建平") {
		t.Error("surnamed: 同意 a name, or 邹建平 not")
	}
}

// TestModalVerbAndFAQLine: 能带 (a noun the dictionary lists) of 能带小孩
// 来吗 is the verb 带; 小孩 is 孩子; a yes or no from an FAQ's answer line
// does not repeat its 答：.
func TestModalVerbAndFAQLine(t *testing.T) {
	hits := []corpora.Hit{hit("守则", "问：可以带孩子来店里吗？\n答：上班时间不得带孩子到岗；休息日来店购书不受限制。")}
	a := offline(t, hits...).FromHits("能带小孩来上班吗", hits)
	if !strings.HasPrefix(a.Answer, "不能。上班时间不得带孩子到岗") {
		t.Errorf("answer %q, want 不能。上班时间不得带孩子到岗…", a.Answer)
	}
}

// TestKeyedRowBelow: a table row whose key the question says whole, in a
// passage ranked below those read, is read when none of them says the key
// (去泰国 … 国家：泰国、越南 ranked fourth under passages on other places);
// a key the passages read say already keeps them as they are.
func TestKeyedRowBelow(t *testing.T) {
	e := offline(t)
	faq := hit("h.md", "问：去广州培训住酒店能报多少？\n答：广州属于一类城市，员工的住宿标准为每晚600元，主管为800元。")
	rule := hit("h.md", "（1）两人同行出差的，原则上合住一间，住宿标准按较高职级的1.5倍执行。\n（2）展会期间酒店涨价的，经总监批准后标准可上浮不超过20%。")
	apply := hit("h.md", "（1）员工出差须在出发前提交出差申请，写明事由、地点、日期和预算。\n（2）出境出差须提前10个工作日申请。")
	rows := hit("t.xlsx", "国家：新加坡；类别：境外；员工住宿标准（元/晚）：1100；主管住宿标准（元/晚）：1400\n国家：泰国、越南；类别：境外；员工住宿标准（元/晚）：900；主管住宿标准（元/晚）：1250")
	hits := []corpora.Hit{faq, rule, apply, rows}
	if got := keyedRowRead(zh.Fold("主管去泰国出差，酒店一晚最多报多少？"), hits, 3); len(got) != 3 || got[2].Text != rows.Text {
		t.Fatalf("泰国: the passages read are %v; want the rows in place of the third", got)
	}
	if got := keyedRowRead(zh.Fold("主管去广州出差，酒店一晚最多报多少？"), hits, 3); got[2].Text != apply.Text {
		t.Errorf("广州 (said by the FAQ read): the rows were read in place of the third passage")
	}
	if a := e.FromHits("主管去泰国出差，酒店一晚最多报多少？", hits); !strings.Contains(a.Answer, "1250") {
		t.Errorf("泰国 → %q; want 1250元", a.Answer)
	}
}

// TestRoleHolder: asked who holds a role (质检主管是谁, 谁是质检主管), a
// list of approvers naming the role is no answer; a record whose field is
// that role names its holder.
func TestRoleHolder(t *testing.T) {
	e := offline(t,
		hit("h.md", "单笔金额 | 审批人\n1万元以下 | 班组长\n1万元及以上 | 班组长、车间主任、质检主管，并报厂长审批"),
		hit("t.xlsx", "部门：质检部；负责人：邹建平；职务：质检主管；分机：6210\n部门：设备部；负责人：林海燕；职务：设备主管；分机：6230"))
	for _, q := range []string{"质检主管是谁", "谁是质检主管", "质检主管叫什么名字"} {
		if a := ask(t, e, q); a.Answer != "邹建平" {
			t.Errorf("%s → %q; want 邹建平", q, a.Answer)
		}
	}
	if a := ask(t, e, "设备主管叫什么名字"); a.Answer != "林海燕" {
		t.Errorf("设备主管 → %q; want 林海燕", a.Answer)
	}
	// In prose, the role said by the end of the question's words for it,
	// the rest of its word allowed (副总 … 副总经理).
	e = offline(t,
		hit("h.md", "第九条 损失超过5万元的事故，报分管生产的副总经理，由事故调查组处理。"),
		hit("h.md", "第二条 公司总经理为韩立群，分管生产的副总经理为邓卫东，分管销售的副总经理为苗雨。"))
	for q, want := range map[string]string{"管生产的副总是谁": "邓卫东", "分管销售的副总经理是谁": "苗雨", "谁是总经理": "韩立群"} {
		if a := ask(t, e, q); a.Answer != want {
			t.Errorf("%s → %q; want %s", q, a.Answer, want)
		}
	}
	if got := roleAsked(string(zh.Fold("管生产的副总叫什么名字？"))); got != "管生产的副总" {
		t.Errorf("roleAsked = %q; want 管生产的副总", got)
	}
}

// TestDataRowSaysNoYesNo: a row of data (a record with no cell saying yes
// or no, whose key the question does not name) answers no yes-or-no
// question: a rule nearly as good does, or, with none, it is refused; a
// row saying it in a cell (解冻后不得再次冷冻) still answers.
func TestDataRowSaysNoYesNo(t *testing.T) {
	e := offline(t)
	rows := hit("t.xlsx", "线路：12路；类别：普通线路；起点站：东站；终点站：白沙港；首班：6:00；末班车：22:30；发车间隔（分钟）：10；夜间停靠：不停靠\n线路：15路；类别：普通线路；起点站：西站；终点站：白沙港；首班：6:10；末班车：22:00；发车间隔（分钟）：12；夜间停靠：不停靠")
	rule := hit("h.md", "第八条 驾驶员应当按行车计划准点发车，不得提前发车。")
	if a := e.FromHits("末班车没人了能提前发车不", []corpora.Hit{rows, rule}); !strings.HasPrefix(a.Answer, "不能。第八条") {
		t.Errorf("with the rule → %q; want 不能。第八条…", a.Answer)
	}
	if a := e.FromHits("末班车没人了能提前发车不", []corpora.Hit{rows}); a.Found {
		t.Errorf("the rows alone → %q; want a refusal", a.Answer)
	}
	// Three characters of a long note are no key (早上可以 of …当天早上可以
	// 少量喝白开水); its first value is.
	note := "项目：血脂四项；价格（元）：40；说明：检查前三天清淡饮食，检查当天早上可以少量喝白开水"
	if q := parseQuestion(zh.Fold("同事叫我明天早上替她打卡可以吗")); !dataRow(q, sentence{orig: []rune(note), folded: zh.Fold(note)}) {
		t.Errorf("a note sharing 早上可以 made the record one the question names")
	}
	if q := parseQuestion(zh.Fold("血脂四项检查前能喝水吗")); dataRow(q, sentence{orig: []rune(note), folded: zh.Fold(note)}) {
		t.Errorf("血脂四项, the record's key, named: a row of data all the same")
	}
	// A tier the question's quantity falls in (25万 … 20万元以上) is a row
	// it names.
	tiers := hit("r.docx", "估损金额 | 审批人 | 核损时限 | 是否需要复勘\n不满5万元 | 主管 | 1个工作日 | 否\n5万元以上不满20万元 | 经理 | 3个工作日 | 否\n20万元以上 | 副总经理 | 5个工作日 | 是，并报总公司备案")
	if a := e.FromHits("估损25万要复勘吗", []corpora.Hit{tiers}); !strings.HasPrefix(a.Answer, "要") || !strings.Contains(a.Answer, "20万元以上") {
		t.Errorf("a tier met → %q; want 要。20万元以上 | …", a.Answer)
	}
	cell := hit("t.xlsx", "品类 | 温度（℃） | 保质时限 | 要求\n生鲜猪肉（冷藏） | 0～4 | 48小时 | 解冻后不得再次冷冻")
	if a := e.FromHits("解冻了的猪肉能再冻回去吗", []corpora.Hit{cell}); !strings.HasPrefix(a.Answer, "不能") {
		t.Errorf("a cell saying it → %q; want 不能。…", a.Answer)
	}
}

// TestUnbolded: an answer is the text without Markdown's ** for bold.
func TestUnbolded(t *testing.T) {
	e := offline(t, hit("h.md", "**第2条** 公司总经理为韩立群，分管生产的副总经理为邓卫东。\n\n**第3条** 员工须每日打卡两次。"))
	if a := ask(t, e, "员工每天要打卡几次"); strings.Contains(a.Answer, "**") || strings.Contains(a.Evidence, "**") || !a.Found {
		t.Errorf("answer %q, evidence %q; want them found, without **", a.Answer, a.Evidence)
	}
	if got := corpora.Unbolded("2**3 与 **加粗**"); got != "2**3 与 **加粗**" {
		t.Errorf("unbolded = %q; want ** left unpaired", got)
	}
}

// TestMeasureAsked: a measure the question asks in that is no unit of the
// list (行: 不行, 执行), said right after the number, is the answer's.
func TestMeasureAsked(t *testing.T) {
	e := offline(t)
	h := hit("m.txt", "6.1 单张出库单最多300行明细，超出的须拆分为多张单据。")
	if a := e.FromHits("一张出库单最多能录多少行", []corpora.Hit{h}); a.Answer != "300行" {
		t.Errorf("多少行 → %q; want 300行", a.Answer)
	}
}

// TestTrialFindings: what a new user's trial found — a cell saying 无
// answers no (was 有。无); 还须…审批 names the approver (was 元的，还须财务
// 总监审); a clause saying it includes the sum (2000元以上（含2000元）)
// is met by exactly that sum, not the clause before whose bound it is; a
// given name is not cut from its surname (林卫东, not 卫东).
func TestTrialFindings(t *testing.T) {
	e := offline(t)
	rows := hit("a.html", "会议室 | 楼层 | 容纳人数 | 投影仪\n长江厅 | 3楼 | 20人 | 有\n泰山室 | 5楼 | 6人 | 无")
	if a := e.FromHits("泰山室有投影仪吗", []corpora.Hit{rows}); !strings.HasPrefix(a.Answer, "没有") {
		t.Errorf("泰山室有投影仪吗 → %q; want 没有…", a.Answer)
	}
	rule := hit("h.md", "第十条 单笔费用在3000元以下的，由部门经理审批；\n3000元以上（含3000元）不满20000元的，还须财务总监审批；\n20000元以上的，须总经理审批。")
	for q, want := range map[string]string{"报销4500块要谁批": "财务总监", "报销3000元要谁批": "财务总监", "报销2999元谁批": "部门经理"} {
		if a := e.FromHits(q, []corpora.Hit{rule}); a.Answer != want {
			t.Errorf("%s → %q; want %s", q, a.Answer, want)
		}
	}
	heads := hit("h.md", "第二条 公司总经理为林卫东，人力资源部经理为赵敏，财务总监为孙晓峰。")
	if a := e.FromHits("总经理叫什么", []corpora.Hit{heads}); a.Answer != "林卫东" {
		t.Errorf("总经理叫什么 → %q; want 林卫东", a.Answer)
	}
}

// TestAskedOfUnmetClause: what a yes-or-no question asks whether of, said
// only in a clause whose condition its quantity does not meet, is no; in
// the one it meets, yes (the topic before the first number is every
// clause's).
func TestAskedOfUnmetClause(t *testing.T) {
	e := offline(t)
	h := hit("h.md", "第八条 事假2天以内（含2天）由部门经理审批，2天以上须提交书面说明并由分管副总审批。")
	for q, want := range map[string]string{"事假一天需要书面说明吗": "不需要", "事假四天需要书面说明吗": "需要"} {
		if a := e.FromHits(q, []corpora.Hit{h}); !strings.HasPrefix(a.Answer, want+"。") {
			t.Errorf("%s → %q; want %s。…", q, a.Answer, want)
		}
	}
}

// TestRuleBeforeUnmetCase: a rule's case the question's quantity is not
// in (不满1万元的…) gives way to the rule in the clause before it.
func TestRuleBeforeUnmetCase(t *testing.T) {
	e := offline(t)
	h := hit("h.md", "第四章 赔款支付\n第十九条 对属于保险责任的案件，应当在与客户达成赔偿协议后10日内支付赔款；赔款金额不满1万元的，应当在3个工作日内支付。\n第二十条 赔款只支付到被保险人本人的银行账户。支付给修理厂或者其他第三方的，须提供被保险人签字的《赔款转账授权书》；金额在5万元以上的，被保险人还须到柜面当面签字确认。\n第二十一条 不得以现金方式支付赔款；单笔赔款在2000元以下且被保险人年满70周岁的除外。")
	next := hit("h2.md", "第二十二条 事故责任明确但损失金额暂时无法确定的，可以预付赔款，预付金额不超过估损金额的50%，最高不超过10万元。\n第二十三条 暴雨、台风等重大灾害期间，分公司启动大灾应急预案，查勘和定损时限可以延长一倍，但赔款支付时限不得延长。")
	for q, want := range map[string]string{"赔款三万元多久内支付": "10日", "赔款五千块多久内支付": "3个工作日"} {
		if a := e.FromHits(q, []corpora.Hit{h, next}); a.Answer != want {
			t.Errorf("%s → %q; want %s", q, a.Answer, want)
		}
	}
	// Asked yes or no, the case not met says no; the rule before is no
	// answer.
	rule := hit("r.md", "第二十条 报销单据须在费用发生后30日内提交；单笔金额超过5000元的，须附合同。")
	if a := e.FromHits("报销3000元要附合同吗", []corpora.Hit{rule}); !strings.HasPrefix(a.Answer, "不要。") {
		t.Errorf("报销3000元要附合同吗 → %q; want 不要。…", a.Answer)
	}
}

// TestWeekendOutside: asked of a weekend day, a sentence giving weekdays
// only says no; one naming the weekend or every day does not.
func TestWeekendOutside(t *testing.T) {
	e := offline(t)
	h := hit("m.txt", "IT服务台分机6100，服务时间为周一至周五8:30至17:30。")
	if a := e.FromHits("礼拜六IT服务台有人吗", []corpora.Hit{h}); !strings.HasPrefix(a.Answer, "没有") {
		t.Errorf("礼拜六 → %q; want 没有…", a.Answer)
	}
	if weekendOutside("周六前台有人吗", "前台每天8:30至17:30有人值守。") || weekendOutside("周二前台有人吗", h.Text) {
		t.Errorf("every day, or a weekday asked: no answer turned")
	}
}

// TestRoleAndName: asked whom to contact, and what was found is no one
// (主管, or 宕机, which the dictionary tags a name), the role and name the
// sentence gives answer.
func TestRoleAndName(t *testing.T) {
	e := offline(t)
	h := hit("m.txt", "紧急故障（例如服务器宕机、全公司断网）可以直接联系网络主管钱立新，手机号码为13800001111。")
	for _, q := range []string{"紧急故障联系谁", "服务器宕机了找谁"} {
		if a := e.FromHits(q, []corpora.Hit{h}); a.Answer != "网络主管钱立新" {
			t.Errorf("%s → %q; want 网络主管钱立新", q, a.Answer)
		}
	}
	if _, ok := roleAndName([]rune("由部门经理审批，报总监备案。")); ok {
		t.Errorf("roleAndName found a name where none is")
	}
}

// TestFAQAskedOtherwise: a question refused on its words, though an FAQ
// among the passages asks the same in other words, is answered by the
// FAQ's 答; a question sharing a word or two with an FAQ's is not.
func TestFAQAskedOtherwise(t *testing.T) {
	hits := []corpora.Hit{
		hit("手册", "第六章 常见问题\n问：乘客在车上摔倒了怎么办？\n答：立即在安全地点停车，查看乘客伤情，伤情较重的拨打120，并报告调度员。\n问：员工卡丢了怎么办？\n答：当天到值班室挂失，再到人力资源部补办，工本费20元。"),
		hit("规则", "第十六条 记名乘车卡丢失的，乘客可以凭身份证件到服务窗口挂失。"),
	}
	e := offline(t, hits...)
	// (One clause: 一跤 in a clause telling the situation before the one
	// asking would not count against answering: inSituation.)
	q := "有乘客在车上摔了一跤我该干啥"
	if a := e.FromHits(q, hits); !strings.Contains(a.Answer, "查看乘客伤情") {
		t.Errorf("%s → %q; want the FAQ's answer", q, a.Answer)
	}
	defer func(v float64) { faqLike = v }(faqLike)
	faqLike = 2 // (none is so alike: the question is refused on its words)
	if a := e.FromHits(q, hits); a.Found {
		t.Errorf("%s, no FAQ matched → %q; want a refusal (the test shows nothing otherwise)", q, a.Answer)
	}
	faqLike = 0.6
	// Answered otherwise, by a sentence that is no FAQ's, though an FAQ
	// asks the same in a word the question says otherwise (掉了 … 丢失).
	hits = append(hits, hit("福利", "第31条 员工凭员工卡在本公司门店购物享受9.5折优惠，但特价商品、烟酒、奶粉除外。"))
	hits[0].Text = strings.Replace(hits[0].Text, "员工卡丢了怎么办", "员工卡丢失了怎么办", 1)
	e = offline(t, hits...)
	if a := e.FromHits("员工卡掉了怎么办", hits); !strings.Contains(a.Answer, "工本费20元") {
		t.Errorf("员工卡掉了怎么办 → %q; want the FAQ's answer", a.Answer)
	}
	// (the word said otherwise counts: alike as 员工卡掉 and 员工卡掉)
	q = string(zh.Fold("员工卡掉了怎么办"))
	if _, _, _, like := faqMatch([]rune(q), zh.Aliases(q), hits); like < faqSure {
		t.Errorf("员工卡掉了怎么办 is only %.2f alike to 员工卡丢失了怎么办 with its aliases", like)
	}
	if _, _, _, like := faqMatch([]rune(q), nil, hits); like >= faqSure {
		t.Errorf("员工卡掉了怎么办 is %.2f alike to 员工卡丢失了怎么办 without its aliases (the test shows nothing)", like)
	}
	if _, _, _, like := faqMatch(zh.Fold("乘客的卡丢了 补一张要多少钱"), nil, hits); like >= faqLike {
		t.Errorf("乘客的卡丢了 补一张要多少钱 is as alike as %.2f to an FAQ asking of a staff card", like)
	}
}

// TestNegatesAsked: the verb a yes-or-no question asks of, negated in the
// sentence, says no; the question's own negated case, a bound or a clause's
// join do not.
func TestNegatesAsked(t *testing.T) {
	for _, c := range []struct {
		q, s string
		want bool
	}{
		{"提成能上浮吗", "首单合同额不满5万元的，不上浮。", true},
		{"离职后还能领取补贴吗", "离职后不再领取补贴。", true},
		{"今年年假没休完 明年还能接着休吗", "当年未休完的，可顺延至次年3月31日前休完。", false},
		{"病人忘带医保卡了 能先自费吗", "患者未带医保电子凭证的，可以先按自费结算。", false},
		{"能超过三天吗", "不超过三天的，由经理审批。", false},
		{"提成能上浮吗", "首单提成上浮20%。", false},
	} {
		if got := negatesAsked(c.q, c.s); got != c.want {
			t.Errorf("negatesAsked(%q, %q) = %v; want %v", c.q, c.s, got, c.want)
		}
	}
}

// TestNegatesSaid: a word the question says, negated in the sentence, says
// no; a case the rule sets (…的，), a word inside a longer one, a thing a
// negated clause says of (未休完的年假) do not.
func TestNegatesSaid(t *testing.T) {
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q, s string
		want bool
	}{
		{"同步盘里的文件会传到云杉公司的服务器上吗", "全部文件都保存在企业自己的数据目录中，不经过云杉公司的任何服务器。", true},
		{"法定节假日加班可以拿调休抵吗", "法定节假日加班的，一律按300%支付加班费，不以调休代替。", true},
		{"病人忘带医保卡了 能先自费 回头再走医保吗", "患者就诊时未带医保电子凭证或社保卡的，可以先按自费结算。", false},
		{"今年年假没休完 明年还能接着用吗", "当年未休完的年假可顺延至次年3月31日前使用，逾期作废。", false},
		{"周末加班能换调休吗", "可优先安排同等时长的调休，已调休的不再支付加班费。", false},
		{"能超过三天吗", "请假不超过三天的，由经理审批。", false},
	} {
		if got := negatesSaid(seg, c.q, c.s); got != c.want {
			t.Errorf("negatesSaid(%q, %q) = %v; want %v", c.q, c.s, got, c.want)
		}
	}
}

// TestANotAForms: a verb asked with its negation (行不行, 可不可以) is the
// question's form: it is no word of the question's terms, and the words
// before it are cut as the asker said them (叉车, not 叉车行).
func TestANotAForms(t *testing.T) {
	if got := aNotAForms("没叉车证帮忙挪下叉车行不行"); got != "没叉车证帮忙挪下叉车 " {
		t.Errorf("aNotAForms = %q", got)
	}
	if got := aNotAForms("我可不可以带家属"); got != "我 带家属" {
		t.Errorf("aNotAForms = %q", got)
	}
	seg, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for _, term := range questionTerms(seg, parseQuestion(zh.Fold("没叉车证帮忙挪下叉车行不行")).withWords(seg), "") {
		words = append(words, term.w)
	}
	if slices.Contains(words, "叉车行") || slices.Contains(words, "不行") || !slices.Contains(words, "叉车") {
		t.Errorf("terms of 没叉车证帮忙挪下叉车行不行 = %v; want 叉车 and neither 叉车行 nor 不行", words)
	}
}

// TestWhoOfListItem: asked who of an item of a list whose lead-in names
// who, the answer is the lead-in's who, cited with the item.
func TestWhoOfListItem(t *testing.T) {
	e := offline(t)
	p := "第十一条 下列业务须运营主管现场授权：（一）单笔转账50万元以上；（二）挂失与解挂；（三）冲正交易；（四）修改客户姓名。"
	a := e.FromHits("冲正要谁授权", []corpora.Hit{hit("h.md", p)})
	if a.Answer != "运营主管" || len(a.Citations) != 1 || !strings.Contains(a.Citations[0].Text, "冲正交易") || !strings.Contains(a.Citations[0].Text, "下列业务") {
		t.Errorf("冲正要谁授权 → %q %+v; want 运营主管, the lead-in and the item cited", a.Answer, a.Citations)
	}
}

// TestConditionUnitGloss: a bound written with its unit's other word in
// brackets (5张（枚）以上) is a condition: what to do when the question's
// quantity meets it, and not when it does not.
func TestConditionUnitGloss(t *testing.T) {
	e := offline(t)
	p := "第八条 发现假币应当面收缴。一次发现假币5张（枚）以上的，须立即报告当地公安机关。"
	if a := e.FromHits("一次发现6张假币怎么办", []corpora.Hit{hit("h.md", p)}); !strings.Contains(a.Answer, "报告当地公安机关") {
		t.Errorf("一次发现6张假币怎么办 → %q; want what to do (报告当地公安机关), not the bound", a.Answer)
	}
	if a := e.FromHits("一次发现3张假币要报告公安机关吗", []corpora.Hit{hit("h.md", p)}); !strings.HasPrefix(a.Answer, "不要。") {
		t.Errorf("一次发现3张假币要报告公安机关吗 → %q; want 不要", a.Answer)
	}
}

// TestDateNoDays: a month's day (3月1日) holds no count of days; days
// said as 日 do.
func TestDateNoDays(t *testing.T) {
	if holdsUnit([]rune("本规程自2025年3月1日起施行。"), "天") {
		t.Error("3月1日 read as a count of days")
	}
	if !holdsUnit([]rune("应当在10日内支付赔款。"), "天") {
		t.Error("10日 not read as a count of days")
	}
}

// TestNamedConditions: a record's conditions are read from the field the
// question names (减免 … 单笔减免权限), not from another field its sum
// would meet (索赔审批权限：单笔5,000元以内).
func TestNamedConditions(t *testing.T) {
	e := offline(t)
	rows := hit("t.xlsx", "岗位：服务经理；姓名：覃晓芸；单笔减免权限：200元以上不满1,000元；索赔审批权限：单笔5,000元以内\n岗位：售后总监；姓名：林嘉铭；单笔减免权限：1,000元（含）以上不满5,000元；索赔审批权限：单笔20,000元以内")
	for q, want := range map[string]string{"减免刚好一千块找谁签字": "林嘉铭", "减免三百找谁批": "覃晓芸"} {
		if a := e.FromHits(q, []corpora.Hit{rows}); !strings.Contains(a.Answer, want) {
			t.Errorf("%s → %q; want %s", q, a.Answer, want)
		}
	}
}

// TestWithinCase: a bound said with 内 is a condition when its clause
// names a case (30天内…返修的，); a deadline (3个工作日内完成) is none. A
// charge exempted for that case answers 收不收 with 不收.
func TestWithinCase(t *testing.T) {
	qs := questionQuantities("交车二十天又回来修")
	if met, any := conditionsMet("交车后30天内或行驶1,000公里内因同一故障返修的，免收返修工时费。", qs); !met || !any {
		t.Errorf("30天内…的 for 20天: met %v, any %v; want both", met, any)
	}
	if met, any := conditionsMet("交车后30天内因同一故障返修的，免收返修工时费。", questionQuantities("交车四十天又回来修")); met || !any {
		t.Errorf("30天内…的 for 40天: met %v, any %v; want a condition not met", met, any)
	}
	if _, any := conditionsMet("审批须在3个工作日内完成。", questionQuantities("请假5天")); any {
		t.Error("a deadline read as a condition")
	}
	e := offline(t)
	h := hit("r.md", "第二十三条　交车后30天内或行驶1,000公里内因同一故障返修的，免收返修工时费，并计入返修考核。")
	if a := e.FromHits("交车二十天，同一个毛病又回来修，工时费收不收", []corpora.Hit{h}); !strings.HasPrefix(a.Answer, "不收。") {
		t.Errorf("工时费收不收 → %q; want 不收。…", a.Answer)
	}
}

// TestDealerFindings: what a new user's trial on a car dealership's rules
// showed, each in one sentence or FAQ: a negation before a coverb's phrase
// (不与…同时使用) says no of the verb after it; asked whether a thing still
// holds (还算不算), a sentence saying it ends (过户后终止) says no; 啥 after
// a verb asks a thing, not the sum after the verb's first saying; asked
// how (金卡咋办), a span saying back the question's words (可办理金卡, 办
// said as 办理) gives way to the sentence.
func TestDealerFindings(t *testing.T) {
	e := offline(t)
	for _, c := range []struct {
		text, q string
		ok      func(string) bool
		want    string
	}{
		{"第十六条　会员折扣不与店内其他促销活动同时使用，但厂家发放的保养券除外。", "会员折扣能跟店里搞的活动一起用吗",
			func(a string) bool { return strings.HasPrefix(a, "不能。") }, "不能。…"},
		{"问：二手车还能保修吗？\n答：整车质保随车转移；但首任车主享有的发动机延长质保在过户后终止（配偶、父母、子女之间过户的除外）。", "客户车卖给别人了，发动机延保还算不算",
			func(a string) bool { return strings.HasPrefix(a, "不算。") }, "不算。…"},
		{"问：积分怎么使用？\n答：每消费1元积1分，每100积分可抵扣1元，只能用于抵扣工时费，不能抵扣配件费。", "积分能抵扣啥",
			func(a string) bool { return a == "工时费" }, "工时费"},
		{"问：会员卡怎么办？\n答：累计消费满3,000元可办理银卡；累计消费满10,000元或购买B级车型（禾阳S7、V7）的可办理金卡。会员卡有效期两年。", "金卡咋办",
			func(a string) bool { return strings.Contains(a, "10,000元") }, "the sentence with its condition"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit("r.md", c.text)}); !c.ok(a.Answer) {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
}

// A span that begins or ends inside a word takes the word whole (描、拍照
// of 扫描、拍照, 用水结束后结 of …结算); a number's stray next character is
// dropped (6021人 of 分机6021人工解锁).
func TestWholeWords(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ s, span, want string }{
		{"目前在用的终端集成条码扫描、拍照和无线网络功能。", "描、拍照和无线网络功能", "扫描、拍照和无线网络功能"},
		{"临时用水在用水结束后结算。", "用水结束后结", "用水结束后结算"},
		{"急需使用的，可拨打服务热线分机6021人工解锁。", "6021人", "6021"},
		{"由财务部审批。", "财务部", "财务部"},
	} {
		s := []rune(c.s)
		b := strings.Index(c.s, c.span)
		sp := span{len([]rune(c.s[:b])), len([]rune(c.s[:b])) + len([]rune(c.span))}
		if got := wholeWords(e.seg, s, sp); string(s[got.s:got.e]) != c.want {
			t.Errorf("wholeWords(%s, %s) = %s; want %s", c.s, c.span, string(s[got.s:got.e]), c.want)
		}
	}
}

// A rule for a special kind of employee (试用期员工) does not answer a
// question that names none (要提前多久说: the ordinary case, 转正员工), nor
// a newcomer's question the ordinary one; 18周岁 is an age, no length of
// time.
func TestSpecialCase(t *testing.T) {
	e := offline(t)
	h := hit("handbook.md", "第三十六条 试用期员工辞职的，应提前3天通知公司；转正员工辞职的，应提前30天以书面形式通知公司。")
	if a := e.FromHits("辞职要提前多久说", []corpora.Hit{h}); !strings.Contains(a.Answer, "30天") {
		t.Errorf("辞职要提前多久 → %q; want 30天", a.Answer)
	}
	if a := e.FromHits("试用期辞职要提前多久说", []corpora.Hit{h}); !strings.Contains(a.Answer, "3天") || strings.Contains(a.Answer, "30天") {
		t.Errorf("试用期辞职 → %q; want 3天", a.Answer)
	}
	if specialCase("见习教师每学期听课不少于20节", unsaidCases("新来的老师一学期得听多少节课")) {
		t.Error("新来的老师: the trainee's rule is theirs")
	}
	if u := measureAfter([]rune("周岁的顾客")); u != "周岁" {
		t.Errorf("measureAfter(周岁的顾客) = %q; want 周岁", u)
	}
}

// Asked how much, and the best sentence opens the matter without a
// number: the number in the next sentences that say a word of the
// question's answers (问：出差时住在亲戚家，公司有补贴吗？ … 答：…每晚可以领
// 取100元住宿节约补贴 → 100元).
func TestNumberInNextSentence(t *testing.T) {
	e := offline(t)
	h := hit("handbook.docx", "问：出差时住在亲戚家，公司有补贴吗？\n答：有。不报销住宿费，但每晚可以领取100元住宿节约补贴。\n问：发票丢了怎么办？\n答：请开票单位重开。")
	if a := e.FromHits("出差时住在亲戚家，每晚补贴多少钱", []corpora.Hit{h}); a.Answer != "100元" {
		t.Errorf("住在亲戚家每晚补贴多少 → %q; want 100元", a.Answer)
	}
}

// A question saying a deed is done (批下来了) is answered by the rule's
// case after it (审批通过后不得撤回), not the one before (审批完成前可以撤回).
func TestDeedDone(t *testing.T) {
	for q, want := range map[string]string{"请假都批下来了 还能撤回不": "批", "合同已经签了还能改吗": "签", "我工作十二年了": "", "请假能撤回吗": ""} {
		if got := deedDone(q); got != want {
			t.Errorf("deedDone(%s) = %q; want %q", q, got, want)
		}
	}
	e := offline(t)
	h := hit("manual.md", "4.2 撤回申请\n请假申请提交后、审批完成前可以撤回；审批通过后不得撤回，须提交销假申请。")
	if a := e.FromHits("请假都批下来了 还能撤回不", []corpora.Hit{h}); !strings.HasPrefix(a.Answer, "不能") {
		t.Errorf("批下来了 还能撤回不 → %q; want 不能", a.Answer)
	}
	if a := e.FromHits("请假还没批 能撤回吗", []corpora.Hit{h}); !strings.HasPrefix(a.Answer, "能") && !strings.HasPrefix(a.Answer, "可以") {
		t.Errorf("还没批 能撤回吗 → %q; want 能", a.Answer)
	}
}

// The sixteenth pass's review: the rules above on text they must leave
// alone.
func TestSixteenthPassReview(t *testing.T) {
	e := offline(t)
	for _, c := range []struct{ doc, text, q, want string }{
		// A rule that includes the special case (含试用期员工), 8小时工作制,
		// and a newcomer said otherwise (刚毕业) read as before.
		{"h.md", "第十条 所有员工（含试用期员工）每月享受交通补贴200元。外派驻点员工每月另享受交通补贴500元。", "交通补贴每月多少", "200元"},
		{"h.md", "第五条 公司实行每日8小时工作制，每周工作40小时。综合工时制岗位每周工作时间不超过44小时。", "一周上班多少个小时", "40小时"},
		{"h.md", "第三十六条 试用期员工辞职的，应提前3天通知公司；转正员工辞职的，应提前30天以书面形式通知公司。", "刚毕业进公司两个月想辞职要提前几天说", "3天"},
		// The next sentence's number only in the unit asked, and a number
		// in characters is one.
		{"h.md", "员工出差可预借差旅费，借款额度一般为三千余元。差旅费须在出差结束后10个工作日内报销。", "差旅费借款额度是多少", "三千"},
		// A province's row holds its cities.
		{"t.xlsx", "省份 | 客户经理\n浙江 | 李娜\n江苏 | 王磊", "杭州的客户找谁", "李娜"},
		// A command's pipe is no table's bar.
		{"m.md", "可执行 ps aux | grep nginx 查看nginx进程是否在运行。", "怎么查看nginx进程是否在运行", "ps aux"},
	} {
		if a := e.FromHits(c.q, []corpora.Hit{hit(c.doc, c.text)}); !strings.Contains(a.Answer, c.want) {
			t.Errorf("%s → %q; want %s", c.q, a.Answer, c.want)
		}
	}
	if a := e.FromHits("拓展训练在哪里进行", []corpora.Hit{hit("h.md", "公司每年组织一次拓展训练，拓展训练在内蒙古锡林郭勒草原进行。")}); strings.HasPrefix(a.Answer, "在") {
		t.Errorf("拓展训练在哪里进行 → %q; want no 在", a.Answer)
	}
	if qs := questionQuantities("病假请到第3天了需要什么证明"); len(qs) != 1 || qs[0].n != 3 {
		t.Errorf("第3天: %+v; want 3天 (days counted whole)", qs)
	}
}

// hitCase is a question asked of one passage (rules.md) and what its
// answer must hold and must not.
type hitCase struct{ text, q, want, not string }

// checkHitCases asks each case's question of its passage alone.
func checkHitCases(t *testing.T, e *Engine, cases []hitCase) {
	t.Helper()
	for _, c := range cases {
		if a := e.FromHits(c.q, []corpora.Hit{hit("rules.md", c.text)}); !strings.Contains(a.Answer, c.want) || strings.Contains(a.Answer, c.not) {
			t.Errorf("%s → %q; want %s, not %s", c.q, a.Answer, c.want, c.not)
		}
	}
}

// TestSeventeenthPass: the seventeenth pass's mechanisms, each on a
// passage of its own.
func TestSeventeenthPass(t *testing.T) {
	e := offline(t)
	budget := "第四十四条 每名销售人员的年度销售费用预算为上一年度回款额的2%，最高不超过30万元；入职不满一年的销售人员，当年预算为5万元。"
	checkHitCases(t, e, []hitCase{
		// A rule for those who joined less than a year ago weighs less when
		// the question names no newcomer; a newcomer said otherwise (入职才
		// 半年) still reads it.
		{budget, "一个销售一年的销售费用预算最多多少", "30万元", "5万元"},
		{budget, "我入职才半年，销售费用预算有多少", "5万元", "30万元"},
		// The sentence's one bound of the way asked, however near another
		// number the question's words stand.
		{budget, "销售人员的年度销售费用预算上限是多少", "30万元", "2%"},
		// 上一年度 holds no quantity.
		{"每名销售人员的年度销售费用预算为上一年度回款额的2%。", "销售人员的年度销售费用预算是多少", "2%", "一年"},
		// 行吗 is answered in its verb; a yes-or-no tag after a clause
		// with 几 (a few) asks yes or no.
		{"第十二条 严禁将本人账号借给他人使用。", "同事借我账号用一下 行吗", "不行", "不是"},
		{"第八条 国庆节前后各7天为门店销售旺季，门店员工在此期间不得申请年休假。", "国庆前后想请几天年假 行不行", "不行", "资料中没有"},
		// 红包 is a 礼金, 牙片 an image (corpora/zh's alias groups).
		{"第27条 严禁收受游客、旅行社和商户的礼金、礼品和购物卡。", "旅行社给的红包能拿吗", "不能", "资料中没有"},
		// What the question's noun after 有啥 says, in its clause.
		{"第二十七条 员工收到业主书面表扬或锦旗的，每次奖励100元；拾金不昧的，每次奖励200元。", "业主给我送了面锦旗 有啥奖励", "奖励100元", "，每次"},
		// A range's end the extreme asks.
		{"定金金额的可填写范围为1,000至20,000元，系统默认值为5,000元。", "定金最多能填多少", "20,000元", "1,000至"},
		{"员工的医疗期为3个月至24个月，按累计工作年限确定。", "医疗期最短多久", "3个月", "24个月"},
		// A rule's own exception (…，但…的除外) turns the answer when the
		// question tells its case in words the rule does not say, or in a
		// quantity it meets; not when it asks whether it is not allowed.
		{"严禁在非站点开门上下客，但夜班线路实行招手停的和紧急疏散乘客的除外。", "晚上跑夜班线有人招手 不在站点能停车开门吗", "能。", "不能"},
		{"第二十条 下列采购一律不予批准：\n（五）向未列入《合格供应商名录》的供应商采购的物品，但单笔1,000元以下的零星采购除外。", "一百块钱的小东西 供应商不在名录里能买吗", "能。", "不能"},
		{"第九条 因电梯故障等紧急抢修所需的材料，可先行采购、事后补办手续，但单次金额超过20,000元的除外。", "电梯坏了急着修 买材料花了三万能先买后补手续吗", "不能。", "资料中没有"},
		{"第九条 因电梯故障等紧急抢修所需的材料，可先行采购、事后补办手续，但单次金额超过20,000元的除外。", "电梯坏了急着修 买材料花了五千能先买后补手续吗", "能。", "不能"},
		{"（3）不得在后厨操作区使用手机，但店长因工作需要接听电话的除外；", "后厨不让用手机 那店长接个工作电话也不行吗", "不是。", "资料中没有"},
		{"会员折扣不与店内其他促销活动同时使用，但厂家发放的保养券除外。", "厂家发的保养券能跟会员折扣一起用不", "能。", "不能"},
		{"会员折扣不与店内其他促销活动同时使用，但厂家发放的保养券除外。", "会员折扣能跟店里的满减活动一起用吗", "不能。", "资料中没有"},
		// 在哪 asks where: with a second question (电话多少), the sentence
		// that says both, whole.
		{"人力资源部办公室位于综合楼二楼，内线分机6020。", "人事在哪办公 电话多少", "综合楼二楼", "资料中没有"},
		// Of a record's columns in money, the one whose name says its unit.
		{"服务项目：户内管道维修（暗管）；价格（元）：280；上门时限（小时）：48；说明：需要开槽的另收开槽及修复费，每米60元", "暗管漏了上门修多少钱", "280", "60元"},
		// A sum in 毛 is one in yuan (五毛钱: 0.5元).
		{"收费员每日日结对账，与现金、银行卡和扫码收款逐项核对，差额超过1元的须在日结单上说明原因。", "日结对账差了五毛钱要写原因吗", "不要。", "资料中没有"},
		{"收费员每日日结对账，与现金、银行卡和扫码收款逐项核对，差额超过1元的须在日结单上说明原因。", "日结对账差了三块钱要写原因吗", "要。", "不要"},
		// What follows a list's cases, said once in its lead-in.
		{"第26条 有下列情形之一的，予以通报表扬并奖励300元：在突发事件中保护学生安全表现突出的；拾到贵重物品主动上交的；当学期收到家长书面表扬3次以上的。", "家长表扬了四次有什么奖励", "奖励300元", "3次以上"},
		{"第九条 有下列情形之一的，予以辞退：连续旷工3天以上的；泄露业主个人信息的；收受贿赂的。", "连着旷工四天会怎么处理", "予以辞退", "3天以上"},
		{"第八条 有下列情形之一的，给予警告处分并扣发当月绩效奖金：\n（一）一个月内迟到3次以上的；\n（二）未经批准擅自离岗的；\n（三）与业主发生争吵的。", "擅自离岗会怎样", "给予警告处分并扣发当月绩效奖金", "（一）"},
		// What follows the case asked of (会怎么样).
		{"登录后连续30分钟无任何操作的，系统自动退出登录，未保存的数据将丢失。", "系统30分钟不动会怎么样", "系统自动退出登录", "无任何操作"},
		// Who does the matter said before 谁 (谁来考, 谁负责): who the
		// sentence says does it, not the light verb after them.
		{"第七条 试用期满前，由店长或部门负责人进行转正考核：考核得分80分以上（含）的，按期转正。", "转正考核谁来考", "店长或部门负责人", "进行"},
		{"第七条 试用期满前，由店长或部门负责人进行转正考核：考核得分80分以上（含）的，按期转正。", "转正考核由谁负责", "店长或部门负责人", "进行"},
	})
}
