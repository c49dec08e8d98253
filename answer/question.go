package answer

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// answerKind is what a question asks for, read from its question word.
type answerKind int

const (
	kindPhrase answerKind = iota // 什么, 哪个 … : the phrase standing in the gap
	kindPerson                   // 谁, 哪位
	kindDate                     // 哪一年, 何时
	kindNumber                   // 多少, 几
	kindPlace                    // 哪里, 什么地方
	kindReason                   // 为什么, 如何: a clause
)

func (k answerKind) String() string {
	return [...]string{"phrase", "person", "date", "number", "place", "reason"}[k]
}

// whWord is a question word and the kind of answer it asks for. The list is
// searched longest first so that 哪一年 wins over 哪.
type whWord struct {
	text string
	kind answerKind
}

var whWords = sortWh([]whWord{
	{"哪一年", kindDate}, {"哪年", kindDate}, {"何年", kindDate}, {"哪一天", kindDate}, {"哪天", kindDate},
	{"哪几个月", kindDate}, {"哪个月", kindDate}, {"几月份", kindDate}, {"哪几天", kindDate}, {"星期几", kindDate}, {"周几", kindDate},
	{"何时", kindDate}, {"什么时候", kindDate}, {"什么时间", kindDate}, {"哪个时候", kindDate}, {"几月", kindDate},
	{"几号", kindDate}, {"几年", kindDate}, {"哪个年代", kindDate}, {"哪个朝代", kindDate}, {"哪个世纪", kindDate}, {"什么世纪", kindDate}, {"哪一世纪", kindDate}, {"什么朝代", kindDate}, {"哪朝", kindDate}, {"什么年代", kindDate},
	{"哪一时期", kindDate}, {"什么时期", kindDate}, {"哪个时期", kindDate}, {"多少年", kindDate},
	{"多少", kindNumber}, {"几点", kindNumber}, {"几", kindNumber}, {"多大", kindNumber}, {"多长", kindNumber}, {"多高", kindNumber},
	{"多远", kindNumber}, {"多快", kindNumber}, {"多久", kindNumber}, {"多重", kindNumber}, {"多深", kindNumber}, {"多宽", kindNumber},
	{"谁", kindPerson}, {"哪位", kindPerson}, {"哪个人", kindPerson}, {"什么人", kindPerson}, {"何人", kindPerson},
	{"哪一位", kindPerson},
	{"哪里", kindPlace}, {"哪儿", kindPlace}, {"什么地方", kindPlace}, {"何处", kindPlace}, {"何地", kindPlace},
	{"哪个国家", kindPlace}, {"哪个城市", kindPlace}, {"哪个地区", kindPlace}, {"哪个省", kindPlace}, {"哪国", kindPlace},
	{"哪个区", kindPlace}, {"哪个市", kindPlace}, {"哪个县", kindPlace}, {"哪个镇", kindPlace}, {"哪个州", kindPlace}, {"哪个岛", kindPlace}, {"哪座城市", kindPlace},
	{"为什么", kindReason}, {"为何", kindReason}, {"如何", kindReason}, {"怎样", kindReason}, {"怎么", kindReason},
	{"什么原因", kindReason},
	{"什么", kindPhrase}, {"哪个", kindPhrase}, {"哪些", kindPhrase}, {"哪种", kindPhrase}, {"哪一个", kindPhrase},
	{"哪一种", kindPhrase}, {"哪部", kindPhrase}, {"哪家", kindPhrase}, {"何种", kindPhrase}, {"哪", kindPhrase},
	{"啥", kindPhrase}, {"何", kindPhrase},
})

func sortWh(ws []whWord) []whWord {
	sort.SliceStable(ws, func(i, j int) bool { return utf8.RuneCountInString(ws[i].text) > utf8.RuneCountInString(ws[j].text) })
	return ws
}

// question is a folded question split around its question word: Left + Wh
// + Right, with the trailing particles and punctuation dropped.
type question struct {
	folded      []rune
	left, right []rune
	wh          string
	kind        answerKind
	unit        string // the measure word after 多少/几 (多少人 → 人)
	// implied says the unit is not said but implied by the noun asked
	// about (预算是多少: money).
	implied bool
	// quantities are the quantities it states (工龄8年, 80万的合同), read
	// once for every sentence's conditions and table's cells.
	quantities []quantity
	// after is right cut into words (withWords), once for the kind of
	// answer named after the question word and for the words to find.
	after []string
	// aliases are the question's words a document may write otherwise
	// (zh.Aliases), found once.
	aliases []zh.Alias
	// letterCode is the shape of a code it asks for by its letters and 几
	// (P几: letterCodeFor), compiled once; nil for other questions.
	letterCode *scanRe
	// codes are the codes it names (questionCodes: E05), found once for
	// the sentences' ranking and for refusal.
	codes []string
	// places are the places it names (questionPlaces): a table's row may
	// be keyed by their class (省会城市) or be the rest's (其他城市).
	places []string
	// period is the period it counts a quantity over (一年 … 年: periodOf),
	// found once for every sentence's numbers.
	period string
	// kindEnds are the ends of the names of the kind the question asks
	// for by name (什么学校 → 学校|大学|…; kindSuffix), "" for none: read
	// once, not for every sentence.
	kindEnds string
	// defs are the retrieved passages' definitions of classes, read when
	// a table's row first needs them (its key or a column may be a class
	// the question's words are in); shared by q's copies.
	defs *classDefs
}

// classDefs are the definitions of classes some passages make
// (definitions), read once, when first asked for.
type classDefs struct {
	hits []corpora.Hit
	read bool
	m    map[string]string
}

// get is the definitions, read now if they were not; none for no passages.
func (c *classDefs) get() map[string]string {
	if c == nil {
		return nil
	}
	if !c.read {
		c.m, c.read = definitions(c.hits), true
	}
	return c.m
}

// withWords gives q its words after the question word, as seg cuts them.
func (q question) withWords(seg *zh.Segmenter) question {
	if seg != nil && len(q.right) > 0 {
		q.after = seg.Cut(string(q.right))
	}
	q.places = questionPlaces(seg, string(q.folded))
	return q
}

// afterWords is q's words after the question word: as cut by withWords,
// else cut now.
func (q question) afterWords(seg *zh.Segmenter) []string {
	if q.after != nil || seg == nil || len(q.right) == 0 {
		return q.after
	}
	return seg.Cut(string(q.right))
}

const trailing = "？?。.！!吗呢呀啊呐嘛 "

// questionTags end a question asking yes or no after what it asks (我爬上
// 去拿行吧, 借我账号登一下 行吗, 先放着可以不): how it asks, not what.
var questionTags = []string{"行不行", "可不可以", "好不好", "对不对", "成不成", "行", "可以", "没问题", "没事", "对", "好", "成"}

// withoutTag is body without the tag that asks it (questionTags), when
// 吗, 吧 or 不 follows the tag (tail, what was trimmed after body; 不 is
// body's) and enough is left to ask about.
func withoutTag(body, tail string) string {
	asked := strings.ContainsAny(tail, "吗吧")
	if !asked {
		if b, ok := strings.CutSuffix(body, "吧"); ok {
			body, asked = b, true
		} else if b, ok := strings.CutSuffix(body, "不"); ok && !strings.HasSuffix(b, "不") {
			body, asked = b, true
		}
		if !asked {
			return body
		}
	}
	for _, t := range questionTags {
		if rest, ok := strings.CutSuffix(body, t); ok && utf8.RuneCountInString(strings.TrimSpace(rest)) >= 4 {
			return strings.TrimRight(rest, " ，,")
		}
	}
	return body
}

// unsaidWh is the question word a question ending in 是 or 为 leaves
// unsaid (开埠的时间是 → 什么时候, 作者是 → 谁, 目的是 → 什么), by the noun
// before it.
func unsaidWh(body string) (string, bool) {
	before, ok := strings.CutSuffix(body, "是")
	if !ok {
		if before, ok = strings.CutSuffix(body, "为"); !ok {
			return "", false
		}
	}
	if utf8.RuneCountInString(before) < 3 {
		return "", false // 是？, 就是: no noun said
	}
	if hasAnySuffix(body, "行为", "认为", "作为", "成为", "以为", "称为", "视为", "因为", "还是", "但是", "于是", "就是", "总是", "或是", "只是", "正是", "凡是", "要是") {
		return "", false // 违规行为, 被认为: a word ending in 是 or 为, no question left unsaid
	}
	switch {
	case hasAnySuffix(before, "时间", "日期", "时候", "年份", "年代", "时期"):
		return "什么时候", true
	case hasAnySuffix(before, "地点", "地方", "位置", "地址", "所在地"):
		return "哪里", true
	case hasAnySuffix(before, "原因", "缘故", "理由"):
		return "为什么", true
	case hasAnySuffix(before, "作者", "者", "人", "主演", "导演", "创始人", "负责人"):
		return "谁", true
	}
	return "什么", true
}

func parseQuestion(folded []rune) question {
	q := question{folded: folded, quantities: questionQuantities(string(folded)), aliases: zh.Aliases(string(folded)), codes: questionCodes(folded), period: periodOf(folded)}
	end := len(folded)
	for end > 0 && strings.ContainsRune(trailing, folded[end-1]) {
		end--
	}
	body := string(folded[:end])
	body = withoutTag(body, string(folded[end:]))
	if onlyYesNo(string(folded)) {
		q.left = []rune(body)
		return q
	}
	best, bestAt := -1, -1
	for i, w := range whWords {
		at := strings.Index(body, w.text)
		if at < 0 {
			continue
		}
		// Prefer the earliest question word; among those at the same place,
		// the longest (the list is longest first).
		if bestAt < 0 || at < bestAt {
			best, bestAt = i, at
		}
	}
	if best >= 0 && strings.HasPrefix(whWords[best].text, "几") {
		// 几个销售一起跟的单子，提成怎么分: a 几 another question word
		// follows is "some" (几个人一起), not what is asked.
		next, nextAt := -1, -1
		from := bestAt + len(whWords[best].text)
		for i, w := range whWords {
			if at := strings.Index(body[from:], w.text); at >= 0 && !strings.HasPrefix(w.text, "几") && !strings.HasPrefix(w.text, "多少") {
				if at += from; nextAt < 0 || at < nextAt {
					next, nextAt = i, at
				}
			}
		}
		if next >= 0 && strings.ContainsAny(body[bestAt:nextAt], "，, ") {
			best, bestAt = next, nextAt
		}
	}
	if best >= 0 && slices.Contains([]string{"怎么", "如何", "怎样", "怎么样"}, whWords[best].text) {
		// 提成怎么分由谁定: how it is done, and who decides it, asked
		// last — the question asks who.
		for _, who := range []string{"由谁", "归谁", "谁来", "谁定", "谁说了算"} {
			if at := strings.LastIndex(body, who); at > bestAt {
				i := slices.IndexFunc(whWords, func(x whWord) bool { return x.text == "谁" })
				if i >= 0 {
					best, bestAt = i, at+strings.Index(who, "谁")
				}
				break
			}
		}
	}
	if best < 0 {
		// 开埠的时间是？, 他的职业是？: a question left unsaid after 是 asks
		// what the noun before it names — a time, a place, a cause, a
		// person or a thing.
		w, ok := unsaidWh(body)
		if !ok {
			q.left = []rune(body)
			return q
		}
		best, bestAt = slices.IndexFunc(whWords, func(x whWord) bool { return x.text == w }), len(body)
		body += w
	}
	w := whWords[best]
	startRunes := len([]rune(body[:bestAt]))
	endRunes := startRunes + len([]rune(w.text))
	b := []rune(body)
	q.left, q.right, q.wh, q.kind = b[:startRunes], b[endRunes:], w.text, w.kind
	if w.kind == kindPhrase && hasAnySuffix(strings.TrimSuffix(string(q.left), "的"), "原因是", "原因为", "缘故是", "理由是", "目的是", "目的为", "用意是", "原因") {
		// 灭绝的原因是什么, 修筑长城的主要目的是什么: a cause or a purpose
		// asked as a thing.
		q.kind = kindReason
	}
	// A second question word (几点上班几点下班, 几点到几点) asks the same
	// again: it is no evidence to look for.
	q.right = dropWh(q.right)
	if w.text == "几点" {
		q.unit = "点"
	} else if w.kind == kindNumber && len(q.right) > 0 {
		q.unit = measureAfter(q.right)
		if len(q.right) > 1 && slices.Contains(measureNouns, string(q.right[:2])) {
			q.unit = "" // 多少个税, 多少名额: a noun, not a count and a word (多少个人 is 个)
		}
		if q.unit == "" && (strings.HasPrefix(string(q.right), "钱") || strings.HasPrefix(string(q.right), "块")) {
			q.unit = "元" // 多少钱, 多少块
		}
	}
	if q.unit == "" && (w.text == "多久" || w.text == "多长" && (strings.HasPrefix(string(q.right), "时间") || periodNoun(q.left))) {
		q.unit = unitDuration // 多久, 多长时间: any length of time
		if r := string(q.right); strings.Contains(r, "一次") || strings.Contains(r, "一回") {
			q.unit = unitFrequency // 多久查一次: how often (每月1次)
		}
	}
	if q.unit == "" && w.text == "多大" && !strings.HasPrefix(string(q.right), "年纪") && !strings.HasPrefix(string(q.right), "岁") {
		q.unit = unitSize // 多大, 多大的空间: a size or a share
	}
	switch {
	case q.unit != "":
	case w.text == "多远" || w.text == "多高" || w.text == "多深" || w.text == "多宽" || w.text == "多长" && !strings.HasPrefix(string(q.right), "时间") && !periodNoun(q.left):
		q.unit = unitLength // 离消防栓得留多远: a length, 1米 or 0.5 m
	case w.text == "多重":
		q.unit = unitWeight
	case w.text == "多快":
		q.unit = unitLength // 最快能开多快 … 每小时5公里: a speed, said in a length per hour
	}
	if q.unit == "" && (w.text == "多少" || w.text == "几") {
		q.unit = impliedUnit(q.left, q.right)
		q.implied = q.unit != ""
	}
	q.letterCode = letterCodeFor(q)
	q.kindEnds = kindSuffix(q)
	return q
}

// periodNoun reports whether the words before 多长 name a span of time
// (见习期多长, 假多长, 有效期有多长, 时长多长): it asks how long it lasts, not
// a length.
func periodNoun(left []rune) bool {
	l := withoutSuffixes(strings.TrimSpace(string(left)), "有", "是", "一般", "大概", "能")
	return hasAnySuffix(l, "期", "假", "时间", "时长", "期限", "年限", "周期", "间隔", "工期", "假期")
}

// impliedUnit is the kind of quantity a bare 多少 asks for, read from the
// noun it asks about, right after it (多少预算) or right before it (返点是多
// 少, 手机能报销多少): money for 费, 价, 预算, 补贴, 保证金 …, a share for
// 比例, 折扣, 返点 …; "" when the noun does not say.
func impliedUnit(left, right []rune) string {
	r := string(right)
	if n := []rune(r); len(n) > 4 {
		r = string(n[:4])
	}
	if strings.ContainsRune(string(left), '占') {
		return unitShare // 占预算的多少
	}
	const modal = "是为有能可以要得该应的大概约一般最多最少最高最低总共共计合计一共 "
	tail := func(s string) string {
		if n := []rune(s); len(n) > 4 {
			return string(n[len(n)-4:])
		}
		return s
	}
	l := strings.TrimRight(string(left), modal)
	for _, per := range perPhrases {
		// 全勤奖一个月给多少: the noun before how often it is paid.
		if i := strings.LastIndex(l, per); i > 0 && utf8.RuneCountInString(l[i+len(per):]) <= 2 {
			l = l[:i] + l[i+len(per):]
			break
		}
	}
	kind := func(s string, suffix bool) string {
		for _, c := range impliedUnits {
			if suffix && hasAnySuffix(s, c.nouns...) || !suffix && hasAnyPrefix(s, c.nouns...) {
				return c.unit
			}
		}
		return ""
	}
	if u := kind(r, false); u != "" {
		return u
	}
	if u := kind(tail(l), true); u != "" {
		return u // (续费折扣是多少: the noun ends in a paying verb's character)
	}
	if strings.HasSuffix(l, "报") || strings.HasSuffix(l, "赔") || strings.HasSuffix(l, "罚") || strings.HasSuffix(l, "补") || strings.HasSuffix(l, "奖") {
		return unitMoney // 一晚能报多少: 报 is 报销 said short; 得赔多少, 罚多少, 另外补多少, 奖多少: a sum
	}
	// 保证金要交多少, 礼金发多少: the verb of paying between the noun
	// and the question word (工资最多能涨到多少: with where it reaches).
	if n := []rune(strings.TrimSuffix(l, "到")); len(n) > 1 && strings.ContainsRune("交发给拿付收扣补赔花领缴退存罚涨降", n[len(n)-1]) {
		return kind(tail(strings.TrimRight(string(n[:len(n)-1]), modal)), true)
	}
	return ""
}

// impliedUnits are the nouns that say the kind of quantity they are, by
// kind; a share's before money's (提成比例 is a share, 提成 alone says
// neither).
var impliedUnits = []struct {
	unit  string
	nouns []string
}{
	{unitShare, []string{"比例", "比率", "折扣", "返点", "税率", "利率", "费率", "占比", "涨幅", "降幅", "增幅", "上浮", "下浮", "百分比", "提成点", "佣金比例", "佣金", "抽成"}},
	{unitMoney, []string{"费用", "费", "价格", "价钱", "售价", "单价", "钱", "预算", "补贴", "补助", "津贴", "奖金", "礼金", "押金", "保证金", "定金", "罚款",
		"工资", "薪水", "薪资", "月薪", "年薪", "底薪", "金额", "签约额", "回款额", "销售额", "报销", "成本", "收入", "利润", "营收", "经费", "奖励金",
		"奖", "饭补", "餐补", "房补", "车补", "话补"}}, // (全勤奖, 推荐奖: a sum)
	{unitLength, []string{"长度", "总长", "全长", "距离", "高度", "海拔", "深度", "宽度", "身高", "直径", "半径", "周长", "里程", "落差"}},
	{unitWeight, []string{"重量", "体重", "载重", "净重", "毛重"}},
}

// onlyYesNo reports whether q (folded) asks yes or no and nothing else
// though it holds a question word: it ends in 吗, and the question word
// says "some" (能拆成几张报价吗, 能告诉客户别的客户拿的是什么价吗). Not two
// questions in one (会锁多久？管理员也一样吗 asks the first's), nor a
// question asked politely (能告诉我几点上班吗, 你知道总部在哪吗: they ask
// for the thing).
func onlyYesNo(q string) bool {
	t := strings.TrimRight(strings.TrimSpace(q), "？?。.！! ")
	if !strings.HasSuffix(t, "吗") || strings.ContainsAny(t, "？?") {
		return false
	}
	for _, w := range []string{"告诉我", "知道", "请问", "问一下", "问下", "说一下", "说说", "查一下", "想问", "了解一下", "清楚"} {
		if strings.Contains(t, w) {
			return false
		}
	}
	return true
}

// measureNouns are nouns that begin with a measure word: after 多少 they
// are what is counted, not a count in that measure.
var measureNouns = []string{"个税", "名额", "名单", "家属", "位置", "人数", "次数", "天数", "年限", "台账"}

// separableRe finds a verb of taking leave split by how long (请两天假,
// 休三天年假, 放七天假), or of working a shift (加几个钟的班, 值两晚夜班,
// 上三天班).
var separableRe = mustScan(`(请|休|放)([零一二两三四五六七八九十0-9半]+(?:个)?(?:天|日|周|星期|个月))的?(\p{Han}{0,2}假)|(加|值|上)了?([零一二两三四五六七八九十0-9半几多]+(?:个)?(?:小时|钟头|钟|天|晚|周|星期|个月))的?(夜班|班)`)

// pigeonRe finds 放鸽子 (not turning up) split by how many times: 放了两次鸽子.
var pigeonRe = mustScan(`放了?([零一二两三四五六七八九十几0-9]+(?:回|次))鸽子`)

// joinSeparable writes such a verb whole, the length after it (请两天假 →
// 请假两天, 休三天年假 → 休年假三天, 加几个钟的班 → 加班几个钟), as
// documents write it, for retrieval and the question's evidence:
// the words match theirs (请假, 年假). (Asked how long, 休几天年假, the
// verb right before the length tells the answer: verbBonus.)
func joinSeparable(q string) string {
	q = writtenDates(q)
	q = writtenTemperatures(q)
	q = separableRe.ReplaceAllString(q, "$1$3$2$4$6$5")
	if strings.Contains(q, "鸽子") {
		q = pigeonRe.ReplaceAllString(q, "放鸽子$1") // 放几回鸽子 → 放鸽子几回, as 爽约 is said
	}
	if !casualRe.MatchString(q) {
		return q
	}
	// (a loop, not ReplaceAll: 个人, 点心 are words, not a measure and a
	// noun; 会, 支 and 口 count only as 会儿 and after a numeral: 开会,
	// 开支, 开口, 会员 are words)
	seg, _ := zh.Default()
	var b strings.Builder
	at := 0
	for _, m := range casualRe.FindAllStringSubmatchIndex(q, -1) {
		verbEnd, measureEnd := m[3], m[5]
		if m[2] < 0 {
			verbEnd, measureEnd = m[7], m[9]
		}
		obj, n := utf8.DecodeLastRuneInString(q[:m[1]])
		last, _ := utf8.DecodeLastRuneInString(q[:measureEnd])
		if seg != nil && seg.HasWord(string([]rune{last, obj})) {
			continue // (个人, 点心: the measure and the next character are a word)
		}
		b.WriteString(q[at:verbEnd])
		at = m[1] - n
	}
	b.WriteString(q[at:])
	return b.String()
}

// spokenDateRe finds a day of a month as people say it: 十月三号, 10月3号,
// 十月三日.
var spokenDateRe = mustScan(`([一二三四五六七八九十]{1,3}|[0-9]{1,2})月([一二三四五六七八九十]{1,3}|[0-9]{1,2})[号日]`)

// writtenDates writes the days q says as documents write them (十月三号 →
// 10月3日), so that a row keyed 10月3日 is found by them.
func writtenDates(q string) string {
	if !strings.Contains(q, "月") || !spokenDateRe.MatchString(q) {
		return q
	}
	return spokenDateRe.ReplaceEach(q, func(m []int) (string, int, bool) {
		month, okM := dayNumber(q[m[2]:m[3]])
		day, okD := dayNumber(q[m[4]:m[5]])
		ok := okM && okD && month >= 1 && month <= 12 && day >= 1 && day <= 31
		return strconv.Itoa(month) + "月" + strconv.Itoa(day) + "日", m[1], ok
	})
}

// spokenTemperatureRe finds a temperature as people say it: 三十九度,
// 三十七度五 (37.5℃), 37度5, 零下十八度.
var spokenTemperatureRe = mustScan(`(零下)?([零一二两三四五六七八九十]{1,4}|[0-9]{1,3})度([一二三四五六七八九]|[0-9])?`)

// temperatureWords tell that a question's 度 is a temperature, not an
// angle (坡度超过二十度, 鞠躬三十度).
var temperatureWords = []string{"体温", "气温", "温度", "发烧", "发热", "烧到", "高温", "低温", "冷库", "冷藏", "冷冻", "零下", "天气", "今天", "明天", "室外", "室内", "最高", "最低", "摄氏"}

// bodyTemperatureRe finds a body's temperature said with its tenth (晨检量
// 出来三十七度八): a temperature though no word of temperatureWords says so.
var bodyTemperatureRe = mustScan(`三十[五六七八九]度[一二三四五六七八九]`)

// writtenTemperatures writes the temperatures q says as documents write
// them (体温三十七度五 → 体温37.5℃, 今天三十九度 → 今天39℃), so that a
// rule's bounds (37.3℃及以上) read them: of ten degrees or more, or below
// zero, and not water or power (两百度水, 一度电) nor 一度 (once).
func writtenTemperatures(q string) string {
	if !strings.Contains(q, "度") || !containsAny(q, temperatureWords) && !bodyTemperatureRe.MatchString(q) || !spokenTemperatureRe.MatchString(q) {
		return q
	}
	return spokenTemperatureRe.ReplaceEach(q, func(m []int) (string, int, bool) {
		n, ok := dayNumber(q[m[4]:m[5]])
		after := q[m[1]:]
		if !ok || (n < 10 && m[2] < 0) || hasAnyPrefix(after, "水", "电", "的水", "的电") || m[0] > 0 && strings.ContainsRune("角经纬第", []rune(q[:m[0]])[len([]rune(q[:m[0]]))-1]) {
			return "", 0, false
		}
		t := strconv.Itoa(n)
		end := m[1]
		if m[6] >= 0 {
			if next, _ := utf8.DecodeRuneInString(q[m[7]:]); m[7] < len(q) && unicode.Is(unicode.Han, next) && !strings.ContainsRune("了的还就都也吗呢啊呀", next) {
				end = m[6] // 三十九度一直不退: 一 begins the next word, no tenth
			} else {
				d, _ := dayNumber(q[m[6]:m[7]])
				t += "." + strconv.Itoa(d)
			}
		}
		if m[2] >= 0 {
			t = "-" + t
		}
		return t + "℃", end, true
	})
}

// dayNumber reads a month's or a day's number, in digits or Chinese
// numerals (三, 十二, 二十三).
func dayNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	n, ok := cnNumber([]rune(s))
	return int(n), ok
}

// casualRe finds a verb split from its object by a casual amount (抽根烟,
// 喝两杯啤酒, 喝了两杯啤酒, 喝点酒, 打个电话, 睡个觉, 玩会儿手机): joinSeparable writes the
// verb and object together (抽烟, 喝啤酒), as rules write them.
var casualRe = mustScan(`([抽吸喝吃睡打洗玩刷看开])了?((?:[一两几半]|[0-9]+)?(?:根|杯|瓶|罐|个)|(?:[一两几半]|[0-9]+)(?:支|口)|会儿)\p{Han}|([喝吃])(点儿|点)\p{Han}`)

// hasWh reports whether t holds a question word (几, 谁, 哪, 多久, 什么 …;
// not 何 alone, which 任何 holds).
func hasWh(t string) bool {
	for _, w := range whWords {
		if w.text != "何" && strings.Contains(t, w.text) {
			return true
		}
	}
	return false
}

// dropWh takes the question words of several characters (几点, 多少, 什么)
// out of part.
func dropWh(part []rune) []rune {
	s := string(part)
	for _, w := range whWords {
		if len([]rune(w.text)) >= 2 {
			s = strings.ReplaceAll(s, w.text, " ")
		}
	}
	return []rune(s)
}

// unitDuration stands for the units of a length of time, asked by 多久;
// unitSize for those of a size or share, asked by 多大; unitLength and
// unitWeight for a length (多远, 多高, 多深, 多宽, 多长) and a weight (多
// 重); unitMoney and
// unitShare for those of a sum of money and a share, implied by the noun
// a bare 多少 asks about (impliedUnit).
const (
	unitDuration = "时长"
	unitSize     = "大小"
	unitLength   = "长度"
	unitWeight   = "重量"
	unitMoney    = "金额"
	unitShare    = "比例"
	// unitFrequency is how often, asked by 多久…一次: 每月1次, 每季度一次.
	unitFrequency = "频次"
)

// frequencyRe finds how often a thing is done: a period with 每 and, within
// a few characters, the count of times (每月1次, 每季度检查一次, 每周两次).
// saysFrequency says whether text says how often, when unit asks it; and
// the unit text is otherwise read in: a length of time for how often
// (每90天, 90天 answer 多久…一次 too), else unit itself.
func saysFrequency(unit, text string) (bool, string) {
	if unit != unitFrequency {
		return false, unit
	}
	return frequencyRe.MatchString(text), unitDuration
}

var frequencyRe = mustScan(`每个?(?:天|日|周|星期|月|季度|季|半年|年|班)[^，。；,;|]{0,8}?[0-9一二两三四五]+次`)

// measureAfter returns the measure word at the start of r: 多少人 → 人,
// 几个国家 → 个, 多少平方公里 → 平方公里.
func measureAfter(r []rune) string {
	if len(r) == 0 {
		return ""
	}
	if us := unitsByFirst[r[0]]; us != nil {
		s := string(r[:min(len(r), maxUnitRunes)])
		for _, u := range us {
			if strings.HasPrefix(s, u) {
				return u
			}
		}
	}
	if r[0] != ' ' && !(r[0] < utf8.RuneSelf && isLatinLetter(byte(r[0]))) {
		return ""
	}
	return latinUnitAt(string(r[:min(len(r), maxUnitRunes)]))
}

// measureAfterIn is measureAfter of the text s starts: no copy of it.
func measureAfterIn(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	for _, u := range unitsByFirst[r] {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	if r != ' ' && !(r < utf8.RuneSelf && isLatinLetter(byte(r))) {
		return ""
	}
	return latinUnitAt(s)
}

// latinUnitAt is the unit in Latin letters, in either case (the text may
// be folded to lower case), at the start of s, after a space or not: 8
// GB, 30 ms.
func latinUnitAt(s string) string {
	sp := ""
	if strings.HasPrefix(s, " ") {
		sp, s = " ", s[1:]
	}
	for _, u := range latinUnits {
		if len(s) >= len(u) && strings.EqualFold(s[:len(u)], u) && (len(s) == len(u) || !isLatinLetter(s[len(u)])) {
			return sp + s[:len(u)]
		}
	}
	return ""
}

// unitsByFirst are the units by their first character, each list in
// units' order (longest first); maxUnitRunes is past the longest unit
// and the Latin one after a space (its next letter read).
var unitsByFirst, maxUnitRunes = func() (map[rune][]string, int) {
	m := map[rune][]string{}
	for _, u := range units {
		r, _ := utf8.DecodeRuneInString(u)
		m[r] = append(m[r], u)
	}
	return m, 8
}()

// latinUnits are units written in Latin letters, longest first.
var latinUnits = []string{"GB", "MB", "TB", "KB", "Gbps", "Mbps", "ms", "GHz", "MHz", "kg", "km", "G", "M", "T"}

func isLatinLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// units are measure words, longest first (sorted so at start: 个点 before
// 个).
var units = byLength([]string{
	"%", "％", "‰", "℃", "°C", "个百分点", "平方英里", "平方公尺", "万人次", "人次", "摄氏度", "公尺", "英寸", "公升", "毫升", "海里", "光年", "号线", "克拉", "英镑", "新台币", "澳元", "卢布", "韩元", "法郎", "个工作日", "个自然日", "等座", "等舱", "折", "工作日", "个小时", "个星期", "个月", "平方公里", "平方千米", "公分", "万人", "亿元", "万元", "平方米", "立方米", "公里", "千米", "厘米", "毫米", "英里", "英尺", "公顷", "公斤", "千克",
	"美元", "人民币", "港元", "欧元", "日元", "小时", "分钟", "世纪", "周年", "周岁", "岁", "米", "克", "吨", "元",
	"个", "名", "人", "位", "年", "月", "日", "天", "次", "种", "部", "座", "家", "所", "层", "条", "首", "集",
	"场", "款", "卷", "册", "本", "枚", "项", "届", "秒", "倍", "度", "颗", "只", "辆", "架", "艘", "支", "期",
	"章", "话", "张", "号", "页", "代", "任", "片", "份", "间", "局", "轮", "季", "节", "门", "篇", "块", "点", "周",
	"楼", "台", "晚", "笔", "套", "课时", "学时", "学分", "积分", "个点", "分", "核", "毫秒",
	"趟", "步", "列", "升", "亩", "户", "组", "队", "匹", "头", "棵", "株", "粒", "幅", "件", "双", "对", "排", "句",
	"字", "票", "遍", "瓶", "杯", "箱", "袋", "盒", "站", "斤", "磅", "尺", "寸", "里", "立方", "方",
	"分贝", "兆帕", "千帕", "帕", "赫兹", "千瓦", "瓦", "伏", "安培", "毫安", "勒克斯", // (80分贝, not 80分)
})

// perPhrases say how often or for what a sum is paid (一个月, 每天, 一次).
var perPhrases = []string{"一个月", "每个月", "一个季度", "每季度", "一年", "每年", "一天", "每天", "每月", "一次", "每次", "一晚", "每晚", "一周", "每周"}

// byLength sorts words longest first, keeping the order of equal lengths.
func byLength(ws []string) []string {
	sort.SliceStable(ws, func(i, j int) bool { return utf8.RuneCountInString(ws[i]) > utf8.RuneCountInString(ws[j]) })
	return ws
}

// extreme says whether q asks for a most (1: 最长, 最多, 最高, 最大, 上限,
// 最晚) or a least (-1: 最短, 最少, 最低, 最小, 下限, 最早), or neither (0).
func extreme(q question) int {
	f := string(q.folded)
	for _, w := range []string{"最长", "最多", "最高", "最大", "上限", "最晚"} {
		if strings.Contains(f, w) {
			return 1
		}
	}
	for _, w := range []string{"最短", "最少", "最低", "最小", "下限", "最早"} {
		if strings.Contains(f, w) {
			return -1
		}
	}
	return 0
}
