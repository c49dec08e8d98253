package answer

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora/zh"
)

// span is a half-open rune range.
type span struct{ s, e int }

// extract narrows a sentence to the answer span the question asks for,
// cutting words with seg (nil: none). It aligns the question's words before
// and after its question word with the sentence (the answer usually stands
// where the question word stands), then, for dates and numbers, prefers a
// date or number inside or near that gap.
func extract(seg *zh.Segmenter, q question, s []rune) span {
	if sp, ok := calledName(q, s); ok {
		return sp
	}
	if sp, ok := nameOrigin(q, s); ok {
		return sp
	}
	if sp, ok := copulaInverted(q, s); ok {
		return sp
	}
	if sp, ok := nounSaid(q, s); ok {
		return sp
	}
	if consequenceAskedRe.MatchString(string(q.folded)) {
		// 系统30分钟不动会怎么样 … 连续30分钟无任何操作的，系统自动退出
		// 登录: what follows the case the question's words align with, in
		// its own clause (not a later case's: …按旷工处理，情节严重的，予以
		// 辞退).
		if gap, ok := alignGap(q, s, kindWord(seg, q)); ok {
			b := -1
			if j := strings.Index(string(s[gap.s:]), "的,"); j >= 0 && !strings.ContainsAny(string(s[gap.s:])[:j], ",，;；。") {
				b = gap.s + utf8.RuneCountInString(string(s[gap.s:])[:j]) + 2
			} else if e := clauseEnd(s, gap.s); e < len(s) && s[e] == ',' && e-gap.e <= 1 {
				b = e + 1 // 擅自离岗会怎么样 … 未经批准擅自离岗，按旷工处理: the clause after the case
			}
			if b >= 0 {
				e := b
				for e < len(s) && !strings.ContainsRune("；;。", s[e]) {
					e++
				}
				if sp := clean(s, span{b, e}); sp.e-sp.s >= 2 {
					return sp
				}
			}
		}
	}
	sp := fieldValue(s, withKind(seg, q, s, tighten(s, extractSpan(seg, q, s), q)), q.kind)
	if q.kind == kindPhrase && len(q.right) >= 2 && contentRunes(s[sp.s:max(sp.s, sp.e)]) <= 2 && (strings.HasSuffix(strings.TrimSpace(string(q.left)), "有") || seg != nil && (strings.HasPrefix(seg.PartOfSpeech(string(q.right)), "n") || seg.PartOfSpeech(string(q.right)) == "vn")) {
		// 锦旗 有啥奖励 … 收到锦旗的，每次奖励100元: what the question's
		// noun after its question word (有什么 …, or a noun) says in the
		// clause that names it, not the few characters before the noun
		// (，每次). (Not a verb's: 要用什么打卡.)
		if i := strings.Index(string(s[sp.e:min(len(s), sp.e+3)]), string(q.right)); i >= 0 {
			at := sp.e + utf8.RuneCountInString(string(s[sp.e:min(len(s), sp.e+3)])[:i])
			if e := clauseEnd(s, at); e-at > len(q.right) {
				sp = clean(s, span{clauseStart(s, at), e})
			}
		}
	}
	if asksWorkRe.MatchString(string(q.folded)) && !strings.ContainsRune(string(s[sp.s:max(sp.s, sp.e)]), '《') {
		// 根据什么小说改编, 在哪部剧集里: the title the sentence gives, in
		// its 《》, nearest the span found.
		if t, ok := nearestMatchOf(titleRe, s, sp, q.folded, ""); ok {
			sp = t
		}
	}
	if suffix := q.kindEnds; suffix != "" && !hasAnySuffix(string(s[sp.s:max(sp.s, sp.e)]), strings.Split(suffix, "|")...) {
		// 以什么语言为主 … 粤语, 属于什么科 … 鸦科: a thing of that kind
		// names itself by its last character.
		if t, ok := nearestMatchOf(suffixedRe[suffix], s, sp, q.folded, nameJoiners); ok {
			sp = t
		}
	} else if suffix != "" {
		sp = kindName(s, sp, strings.Split(suffix, "|"))
	}
	if asksCountryRe.MatchString(string(q.folded)) && !countryRe.MatchString(string(s[sp.s:max(sp.s, sp.e)])) {
		// 哪个国家的人 … 意大利: the country the sentence names nearest.
		if t, ok := nearestMatchOf(countryRe, s, sp, q.folded, ""); ok {
			sp = t
		}
	}
	if asksList.MatchString(string(q.folded)) {
		// 有哪些, 哪几个, 哪三条 ask for all of a list: the list the sentence
		// gives there.
		if l, ok := listAt(s, sp); ok {
			sp = l
		}
	}
	if q.kind == kindPlace && (sp.e-sp.s <= 1 || 5*(sp.e-sp.s) >= 4*len(s)) {
		// 刘节的籍贯是哪里: nothing found where the question's words align
		// (or the whole sentence); the place the sentence locates
		// something in. (Not over a span found that names no
		// administrative unit: 鹿耳门, 江西德安 are places too.)
		if p, ok := placeSaid(s, sp, q.folded); ok {
			return p
		}
	}
	if sp.e-sp.s >= 2 && sp.s > 0 && strings.ContainsRune("和与及或", s[sp.s]) && strings.ContainsRune(cnNumerals+"0123456789", s[sp.s+1]) && !strings.ContainsRune("，,、。；;：: ", s[sp.s-1]) && q.kind != kindNumber {
		// 和一张门禁卡 of …发放一台笔记本电脑和一张门禁卡, asked 去哪里: a
		// list's second item is no answer (和歌山 is a name); the sentence
		// says what there is.
		return clean(s, span{0, len(s)})
	}
	if sp.e-sp.s == 1 && sp.s >= 2 && q.kind != kindNumber && unicode.Is(unicode.Han, s[sp.s]) && !slices.Contains(q.folded, s[sp.s]) && wordEndedOtherwise(q.folded, s[sp.s-2:sp.s]) {
		// 器 of 除颤器 asked 除颤仪放在哪: the end of a word the question
		// says otherwise, cut off; the sentence says it.
		return clean(s, span{0, len(s)})
	}
	if sp.e-sp.s == 1 && seg != nil && unicode.Is(unicode.Han, s[sp.s]) && !strings.ContainsRune(cnNumerals+"半", s[sp.s]) && !slices.Contains(q.folded, s[sp.s]) && (q.kind == kindPerson || q.kind == kindPlace || q.kind == kindPhrase) {
		// 下 of 雷赛布领导下, 物: one character that is no noun or
		// adjective (狼, 金, 红 answer) is a word cut apart, not an answer;
		// the sentence says it.
		if pos := seg.PartOfSpeech(string(s[sp.s])); !strings.HasPrefix(pos, "n") && pos != "a" {
			return clean(s, span{0, len(s)})
		}
	}
	if sp.e > sp.s && strings.ContainsRune(string(s[sp.s:sp.e]), '|') && isTableLine(strings.TrimSpace(string(s))) {
		// 以上 | 企业版集群 of | 2000人以上 | 企业版集群，每个节点16核 |: a
		// span from inside a row's key into its values is the values it
		// reaches, whole cells.
		sp = pastKey(s, sp)
	}
	if seg != nil && sp.e-sp.s >= 2 && sp.e-sp.s < len(s) && q.kind != kindNumber && q.kind != kindDate {
		// 描、拍照和无线网络功能 of 扫描、拍照…, 用水结束后结 of …结算: a span
		// that begins or ends inside a word takes the word whole.
		sp = wholeWords(seg, s, sp)
	}
	return sp
}

// pastKey is sp without the part of a table's row key (its first cell)
// it begins in, ending with the cell it ends in; sp as it is when it does
// not begin inside the key.
func pastKey(s []rune, sp span) span {
	first := slices.Index(s, '|')
	if first >= 0 && strings.TrimSpace(string(s[:first])) == "" {
		first = slices.Index(s[first+1:], '|') + first + 1 // (| key | … : the bar after the key)
	}
	if first <= sp.s || first >= sp.e-1 {
		return sp
	}
	end := sp.e
	for end < len(s) && s[end] != '|' {
		end++
	}
	return clean(s, span{first + 1, end})
}

// looseChars are prepositions, locatives and particles a cut may join to
// a word (在内|蒙古, 故宫|中): one of them is no part of a span's word.
const looseChars = "在于从向对把被将和与及或的了着过中上下前后时里内外间会"

// wholeWords widens the span to the words it begins or ends inside, words
// of two Chinese characters or more that the dictionary counts, as seg
// cuts s.
func wholeWords(seg *zh.Segmenter, s []rune, sp span) span {
	at, text := 0, string(s)
	for _, w := range seg.Cut(text) {
		i := strings.Index(text, w)
		if i < 0 {
			continue // (a word the cut normalized)
		}
		n := utf8.RuneCountInString(w)
		b := at + utf8.RuneCountInString(text[:i])
		e := b + n
		at, text = e, text[i+len(w):]
		if n < 2 || !seg.Counted(w) || !allHan(w) {
			continue
		}
		if b < sp.s && sp.s < e && !(sp.s-b == 1 && strings.ContainsRune(looseChars, s[b])) {
			sp.s = b
		}
		if b < sp.e && sp.e < e && !(e-sp.e == 1 && strings.ContainsRune(looseChars, s[sp.e])) {
			if b == sp.e-1 && b > sp.s && unicode.IsDigit(s[b-1]) {
				sp.e = b // 6021人 of 分机6021人工解锁: the number, not the word after it
			} else {
				sp.e = e
			}
		}
		if b >= sp.e {
			break
		}
	}
	return sp
}

// echoFillers are the modals and particles a span saying the question back
// may hold besides its words (可办理金卡).
var echoFillers = []string{"可", "能", "可以", "能够", "会", "要", "的", "了", "就", "才", "都", "也", "还", "再"}

// echoes reports whether every word of span (as seg cuts it) is a modal or
// particle, a word of the question's, or the verb the question ends with
// said in two characters (办 of 金卡怎么办 … 办理): the question said back.
func echoes(seg *zh.Segmenter, q, span []rune) bool {
	qs := string(q)
	for _, w := range seg.Cut(string(span)) {
		r := []rune(w)
		if !hasContent(r) || slices.Contains(echoFillers, w) {
			continue
		}
		// A word of the question's, or the verb it ends with said in two
		// characters (办 … 办理).
		if !strings.Contains(qs, w) && !(len(r) == 2 && strings.HasSuffix(strings.TrimRight(qs, trailing), string(r[0]))) {
			return false
		}
	}
	return true
}

// wordEndedOtherwise reports whether the question says the two
// characters before a span of one (除颤 of 除颤器) and goes on with
// another character of the same word (除颤仪), no question word (是马 of 是
// 什么动物演化 asks for 马).
func wordEndedOtherwise(q, before []rune) bool {
	for i := 0; i+2 < len(q); i++ {
		if q[i] == before[0] && q[i+1] == before[1] {
			if next := q[i+2:]; unicode.Is(unicode.Han, next[0]) && !hasWh(string(next[:min(2, len(next))])) && !strings.ContainsRune(stopChars, next[0]) {
				return true
			}
		}
	}
	return false
}

// nextField reports whether s begins another field: a space, or a name
// of up to eight Chinese characters and its colon (更新日期：).
func nextField(s []rune) bool {
	for i, r := range s {
		switch {
		case i == 0 && r == ' ':
			return true
		case (r == '：' || r == ':') && i > 0:
			return true
		case i >= 8 || !unicode.Is(unicode.Han, r):
			return false
		}
	}
	return false
}

// originAskedRe finds a question asking where a name comes from (这个名字
// 是怎么来的, 名称的由来, 为什么叫, 因何得名); originRe the clause that says
// it (因地处劲松街道辖区得名, 以…的名字命名, 取自…).
var (
	originAskedRe = mustScan(`(?:名字|名称|名|姓|号|称号|外号|绰号|别名)(?:是)?(?:怎么|如何|怎样|从哪)(?:来|得)|由来|来历|得名|(?:为什么|为何|为啥)(?:会|要)?(?:被)?(?:人们|大家|后人|世人)?(?:叫|称|名为|誉为)|(?:怎么|如何|怎样|因何)命名`)
	originRe      = mustScan(`因[^。；]{2,40}?得名|以[^。；]{2,40}?命名|(?:取自|源自|来自|源于)[^，。；]{2,30}`)
	// thereforeNamedRe finds a name given for what the clause before it
	// says (…开荒耕种，因而自号“东坡居士”; …表现出优异性能，因此被誉为…):
	// the clause is the name's origin.
	thereforeNamedRe = mustScan(`([^，。；,;]{2,40})[，,](?:因而|因此|所以|故而|故|于是|遂)(?:又|也|便|就)?(?:被)?(?:人们|后人|世人)?(?:(?:自号|号|称|叫|名|誉为|尊为)(?:其|之|为|作|做)*[“「"《]|得名|命名)`)
)

// nameOrigin answers a question asking where a name comes from by the
// clause a sentence says it in, whole (因坐落于…丛林之中而得名).
func nameOrigin(q question, s []rune) (span, bool) {
	if !originAskedRe.MatchString(string(q.folded)) {
		return span{}, false
	}
	str := string(s)
	m := originRe.FindStringIndex(str)
	if m == nil {
		if t := thereforeNamedRe.FindStringSubmatchIndex(str); t != nil {
			m = t[2:4]
		} else {
			return span{}, false
		}
	}
	return clean(s, span{utf8.RuneCountInString(str[:m[0]]), utf8.RuneCountInString(str[:m[1]])}), true
}

// personName reports whether seg's dictionary tags w as a person's name,
// or w is a transliterated or Latin one.
func personName(seg *zh.Segmenter, w string) bool {
	if strings.ContainsRune(w, '·') || latinName(w) {
		return true
	}
	return seg != nil && strings.HasPrefix(seg.PartOfSpeech(w), "nr")
}

// titledRe finds a person's name after the title or trade a text gives
// them (僧人乐僔, 谋士朱升, 植物学教授亨斯洛, 主教练袁伟民): two or three
// characters, cut by titledName.
var titledRe = mustScan(`(?:僧人|道士|谋士|将军|大将|元帅|大臣|丞相|宰相|太守|知府|知州|知县|县令|皇帝|国王|王子|公主|诗人|词人|作家|画家|书法家|音乐家|作曲家|科学家|数学家|物理学家|化学家|生物学家|天文学家|植物学家|动物学家|地质学家|考古学家|历史学家|哲学家|思想家|发明家|企业家|探险家|登山家|航海家|学者|教授|博士|院士|医生|医师|工程师|建筑师|设计师|导演|演员|歌手|主持人|记者|摄影师|主教练|教练|队长|船长|总统|总理|首相|主席|校长|院长|所长|创始人|助手|弟子|学生|商人|航天员|宇航员|飞行员)([\p{Han}·]{2,5})`)

// titledStops are characters a titled name is seldom followed by but a
// word after it begins with (乐僔|路经, 李明|在): nameStops and more.
const titledStops = nameStops + "路以从对向又便率带发提说认指经担任主执导首获因后先即亲"

// titledName is the titled name (titledRe) nearest gap that the question
// does not say: two characters, or three when the third starts no word
// after it (亨斯洛推荐); not a transliteration with its dot (nearestName
// reads those).
func titledName(seg *zh.Segmenter, s []rune, gap span, question []rune) (span, bool) {
	n := newNearestTo(gap)
	str := string(s)
	var toRune []int
	for _, m := range titledRe.FindAllStringSubmatchIndex(str, -1) {
		if toRune == nil {
			toRune = runeOffsets(str)
		}
		c := span{toRune[m[2]], toRune[m[3]]}
		name := s[c.s:c.e]
		switch {
		case slices.Contains(name, '·') || strings.ContainsRune(titledStops+"兼", name[0]):
			continue // (a transliterated name, nearestName's; 设计师为…: no name after the title)
		case len(name) >= 3 && !strings.ContainsRune(titledStops, name[2]):
			c.e = c.s + 3
		default:
			c.e = c.s + 2
		}
		name = s[c.s:c.e]
		if strings.Contains(string(question), string(name)) {
			continue
		}
		if w := string(name); seg != nil && seg.HasWord(w) && !strings.HasPrefix(seg.PartOfSpeech(w), "nr") {
			continue // 建筑师事务所, 医生诊疗: a word after the title, no name
		}
		n.add(c)
	}
	return n.found()
}

// nounAskedRe reads a question asking what A means, as A是什么意思 (洛阳纸
// 贵是什么意思) or A的含义是什么.
var nounAskedRe = mustScan(`^(\p{Han}{2,12}?)(?:是什么|是啥|指什么|是指什么)(意思|含义|意义|寓意|释义|本义)$|^(\p{Han}{2,12}?)的(意思|含义|意义|寓意|释义|本义)是(?:什么|啥)$`)

// nounSaid answers what A means from a sentence saying 「A的意思是…」 (洛阳
// 纸贵的意思是一部作品写得好，…): all it says after 是, to the sentence's end
// (not the question's own 的意思).
func nounSaid(q question, s []rune) (span, bool) {
	m := nounAskedRe.FindStringSubmatch(strings.TrimRight(string(q.folded), trailing))
	if m == nil {
		return span{}, false
	}
	a, n := m[1], m[2]
	if a == "" {
		a, n = m[3], m[4]
	}
	text := string(s)
	for _, said := range []string{a + "的" + n + "是", a + "的" + n + "为", a + n + "是", a + "的" + n + "："} {
		if i := strings.Index(text, said); i >= 0 {
			b := utf8.RuneCountInString(text[:i+len(said)])
			sp := clean(s, span{b, len(s)})
			return sp, sp.e-sp.s >= 2
		}
	}
	return span{}, false
}

// copulaInverted answers a question asking what A's N is (敦煌研究院的前身是
// 什么) from a sentence saying it the other way round (1944年成立的国立敦
// 煌艺术研究所是今天敦煌研究院的前身): what stands before 是 in that
// clause, from after its last 的 (国立敦煌艺术研究所).
func copulaInverted(q question, s []rune) (span, bool) {
	if q.kind != kindPhrase || q.wh != "什么" || strings.Trim(string(q.right), "？?。 ") != "" {
		return span{}, false
	}
	left := strings.TrimSuffix(strings.TrimSuffix(string(q.left), "是"), "为")
	i := strings.LastIndex(left, "的")
	if i <= 0 || utf8.RuneCountInString(left[i:]) < 2 {
		return span{}, false
	}
	tail, entity := []rune(left[i:]), []rune(left[:i])
	str := string(s)
	at := strings.Index(str, string(tail))
	if at < 0 {
		return span{}, false
	}
	end := utf8.RuneCountInString(str[:at]) // where 的N begins
	if after := end + len(tail); after < len(s) && (s[after] == '：' || s[after] == ':') {
		return span{}, false // 以下是请假的流程：… opens a list, says no name
	}
	start := clauseStart(s, end)
	is := -1 // the 是 before it, within its clause
	for j := end - 1; j >= start && end-j <= 12; j-- {
		if s[j] == '是' {
			is = j
			break
		}
	}
	if is < start+2 || !strings.Contains(string(s[is:end]), string(entity[max(0, len(entity)-2):])) {
		return span{}, false // (A said between 是 and 的N: its last two characters at least)
	}
	x := span{start, is}
	if slices.Contains(pointers, strings.TrimSpace(string(s[x.s:x.e]))) {
		return span{}, false // 下面是差旅报销的标准: a pointer, no name
	}
	x = pastDeictic(s, x) // (其中高阳山)
	if k := strings.LastIndex(string(s[x.s:x.e]), "的"); k >= 0 && strings.ContainsAny(string(s[x.s:x.e])[:k], "0123456789") {
		// (1944年成立的国立敦煌艺术研究所: what it was, when; not 丰富的故事
		// of 幽默与丰富的故事)
		if from := x.s + utf8.RuneCountInString(string(s[x.s:x.e])[:k]) + 1; x.e-from >= 2 {
			x.s = from
		}
	}
	return clean(s, x), true
}

// pointers point to what a text says next or said before: never a name.
var pointers = []string{"以下", "如下", "下面", "下列", "以上", "上述", "这", "这些", "这个", "那", "那些", "那个", "其", "此"}

// callingRe finds a name a sentence gives in quotation marks after a verb
// of calling: 称其为「岁星」, 俗称“金銮殿”, 又名《…》, 被称作“活化石”.
var callingRe = mustScan(`(?:称|叫|名|号)(?:其|之|它|他|她|作|做|为)*[「“"《]([^」”"》]{1,24})[」”"》]`)

// askedCallingRe finds a question asking what a thing is called: 把木星称作
// 什么, 俗称什么, 叫什么名字, 又名什么.
var askedCallingRe = mustScan(`(?:称|叫|名|号)(?:作|做|为)?(?:什么|何)|(?:的|之)(?:字|号|别名|原名|旧称|古称|别称|简称)(?:是|叫|为)?(?:什么|何)`)

// callings are the ways a name is asked for and the words a sentence
// gives it bare with (no quotation marks), the question's word choosing
// the sentence's: 孔子的字是什么 … 名丘，字仲尼; 黄山以前叫什么名字 … 原名
// 黟山; 这个临界尺度叫做什么 … 称为史瓦西半径; 又叫什么 … 又称A、B或C.
// A name runs to its clause's end, a list of names whole; 字 and 号 only
// open a clause.
var callings = func() (out []struct {
	asked, re *scanRe
}) {
	name := `[\p{Han}A-Za-z0-9·]{1,12}`
	for _, c := range [][2]string{
		{`[的之]字|字什么`, `(?:^|[，,])字`},
		{`[的之]号|号什么`, `(?:^|[，,])(?:号|自号|别号)`},
		{`本名|原名|以前|原来|旧称|古称|前称|旧名|曾名|原称|最初`, `原名|本名|旧称|古称|旧名|曾名|原称|前称|初名|旧时称|古时称`},
		{`俗名|俗称`, `俗名|俗称`},
		{`简称`, `简称`},
		{`[又也还另亦](?:可以|可|能|被)?[叫称名]|别名|别称`, `[又也亦]被称[为作]|又称|又名|又叫|别名|别称|亦称|也称|也叫|或称|另称`},
		{`[叫称名][做作为]?什么|名字`, `称为|称作|叫做|叫作|(?:^|[^俗学原本英别小乳化艺])名为|命名为`},
	} {
		out = append(out, struct{ asked, re *scanRe }{mustScan(c[0]),
			mustScan(`(?:` + c[1] + `)(?:是|为|叫)?(` + name + `(?:(?:、|或|和|及|或者)` + name + `)*)(?:[，。；,;（(]|$)`)})
	}
	return out
}()

// calls reports whether s gives a name the way the question asks for
// one (calledName finds it).
func calls(q question, s []rune) bool {
	_, ok := calledName(q, s)
	return ok
}

// callingBoost raises a sentence that gives a name as asked (CMRC dev
// EM / F1 with 1, 1.2, 1.3, 1.4, 1.6: 42.19 / 63.69, 42.34 / 63.81,
// 42.37 / 63.86, 42.40 / 63.86, 42.31 / 63.77; eval/rc3's CMRC-style
// part 42.50 → 43.75 for every raise, the other sets the same).
const callingBoost = 1.3

// calledName answers a question asking what a thing is called (中国古代把
// 木星称作什么) by the name a sentence quotes after a verb of calling (因此
// 称其为「岁星」), when it quotes one the question does not say.
func calledName(q question, s []rune) (span, bool) {
	if q.kind != kindPhrase || !askedCallingRe.MatchString(string(q.folded)) {
		return span{}, false
	}
	str := string(s)
	// A name said bare, by the words the question asks with.
	bare := func() (span, int) {
		found, out := 0, span{}
		for _, c := range callings {
			if !c.asked.MatchString(string(q.folded)) {
				continue
			}
			for _, m := range c.re.FindAllStringSubmatchIndex(str, -1) {
				if strings.Contains(string(q.folded), str[m[2]:m[3]]) {
					continue
				}
				found++
				out = span{utf8.RuneCountInString(str[:m[2]]), utf8.RuneCountInString(str[:m[3]])}
			}
			break
		}
		return out, found
	}
	if callings[0].asked.MatchString(string(q.folded)) || callings[1].asked.MatchString(string(q.folded)) {
		// Asked for one's 字 or 号 (李白的号是什么 … 号青莲居士，…被后人称为
		// “诗仙”): the name after that word, before a name in marks after
		// another verb of calling.
		if out, found := bare(); found == 1 {
			return out, true
		}
	}
	found, out := 0, span{}
	for _, m := range callingRe.FindAllStringSubmatchIndex(str, -1) {
		if found > 1 {
			break // (two names: neither is the one)
		}
		if strings.Contains(string(q.folded), str[m[2]:m[3]]) {
			continue
		}
		if before, _ := utf8.DecodeLastRuneInString(str[:m[0]]); strings.ContainsRune("职声宣对提著姓报排签署知", before) {
			continue // 职称「指挥」, 声称, 提名「最佳…」: no name given
		}
		found++
		out = span{utf8.RuneCountInString(str[:m[2]]), utf8.RuneCountInString(str[:m[3]])}
		// “中国一汽”、“一汽”、“第一汽车”; 「临界量」或「转捩点」: the names
		// said together, all of them, in their marks.
		if more := quotedListRe.FindStringIndex(str[m[3]:]); more != nil {
			_, open := utf8.DecodeLastRuneInString(str[:m[2]])
			out = span{utf8.RuneCountInString(str[:m[2]-open]), utf8.RuneCountInString(str[:m[3]+more[1]])}
		}
	}
	if found == 0 {
		out, found = bare() // no name in marks
	}
	return out, found == 1
}

// quotedListRe finds more names after a quoted one: its closing mark, then
// 、, 或, 或者, 和 or 及 and another quoted name, again and again.
var quotedListRe = mustScan(`^[」”"》](?:\s*(?:、|或|和|及|或者)\s*[「“"《][^」”"》]{1,24}[」”"》])+`)

// asksWorkRe finds a question asking for a work by its kind: 什么小说,
// 哪部剧集, 哪本杂志, 什么作品.
var asksWorkRe = mustScan(`(?:什么|哪部|哪一部|哪首|哪一首|哪本|哪一本|哪个|哪一个)\p{Han}{0,2}(?:剧|电影|影片|作品|歌曲|专辑|小说|游戏|节目|书|杂志|漫画|动画|戏|诗|词|曲|著作|刊物|报)`)

// titleRe finds a work's title in its marks.
var titleRe = mustScan(`《[^《》]{1,30}》`)

// kindSuffixes are kinds of thing whose names end in one character or
// one of a few words (| between them): a language in 语, a colour in 色,
// a family in 科, a department in 部, 组, 处, 室, 中心….
var kindSuffixes = [][2]string{{"语言", "语"}, {"颜色", "色"}, {"科目", "科"}, {"科", "科"}, {"部门", departmentEnds},
	{"球队", "队"}, {"大学", "大学"}, {"学校", "学校|大学|学院|中学|小学"}, {"寺庙", "寺|庙"}, {"寺", "寺"},
	{"河流", "河|江|溪"}, {"湖泊", "湖|泊"}, {"火箭", "火箭"}, {"会议", "会议|大会|峰会|全会"}, {"车站", "站"}, {"矿场", "矿场|矿"}, {"矿山", "矿山|矿"}, {"矿", "矿"}, {"历法", "历"},
	{"战役", "战役|之战|战争"}, {"条约", "条约|协定|公约|协议"}, {"宗教", "教"}, {"奖项", "奖"}, {"奖", "奖"}, {"机场", "机场"}, {"医院", "医院"},
	{"博物馆", "博物馆|馆"}, {"港口", "港"}, {"岛屿", "岛"}, {"乐团", "乐团|乐队"}, {"法律", "法"}, {"酒店", "酒店|宾馆|饭店"}, {"机构", "大会|委员会|理事会|总局|局|署|院"}, {"建筑", "殿|楼|塔|宫|阁|亭|桥|堂|坛|院|馆|寺"}, {"证书", "证书|证"}, {"证件", "证|证书|执照"}, {"证", "证书|证|执照"}, {"执照", "执照"}}

// departmentEnds are what an organisation's department's name ends in
// (人力资源部, 销售运营组, 财务处, 信息中心).
const departmentEnds = "部|组|处|室|中心|科|委员会"

// suffixedRe finds a name ending in each of kindSuffixes' last characters
// (nearestMatchOf with nameJoiners reads it from after the words joining it).
var suffixedRe = func() map[string]*scanRe {
	m := map[string]*scanRe{}
	for _, k := range kindSuffixes {
		if k[1] == departmentEnds {
			// (ending a word: not 办 of 办法, 部 of 部署)
			m[k[1]] = mustScan(`(\p{Han}{1,8}(?:` + k[1] + `))(?:[^\p{Han}]|$|[和与及或、负在的是对向将应须会统按审核制办出提发牵组])`)
			continue
		}
		// (第33届世界卫生大会: an ordinal opens the name)
		m[k[1]] = mustScan(`(?:第[0-9零一二三四五六七八九十百]+[届次])?\p{Han}{1,10}(?:` + k[1] + `)`)
	}
	return m
}()

// kindSuffix is the last character of the names of the kind a question
// asks for with 什么 or 哪 (什么语言 → 语), "" for other questions.
func kindSuffix(q question) string {
	if q.kind != kindPhrase || !strings.HasPrefix(q.wh, "什么") && !strings.HasPrefix(q.wh, "哪") {
		return ""
	}
	r := strings.TrimPrefix(string(q.right), "样的")
	if ends := kindNamed(r, true); ends != "" {
		return ends
	}
	if q.wh == "哪" {
		// 哪一座, 哪所学校: the measure word is not the kind (部门 of 哪部门
		// is, above).
		r = strings.TrimPrefix(r, "一")
		if m, size := utf8.DecodeRuneInString(r); size > 0 && strings.ContainsRune(whMeasures, m) {
			r = r[size:]
		}
		if ends := kindNamed(r, true); ends != "" {
			return ends
		}
	}
	if strings.TrimRight(r, "？?。 ") == "" {
		// 沿丝绸之路传入中国的宗教是什么, 这座城市的机场是哪个: the kind
		// named before 是.
		return kindNamed(strings.TrimSuffix(strings.TrimSuffix(string(q.left), "是"), "为"), false)
	}
	return ""
}

// kindNamed is the ends of the names of the kind text begins (or, start
// false, ends) with as a word of its own (kindSuffixes), "" for none.
func kindNamed(text string, start bool) string {
	for _, k := range kindSuffixes {
		if wordAt(text, k[0], start) {
			return k[1]
		}
	}
	return ""
}

// wordAt reports whether text begins (or, start false, ends) with w as a
// word of its own: 学校 of 学校任教, not 证 of 证明, 奖 of 奖励, 会议 of
// 会议室. Without a dictionary, whether it begins or ends with w.
func wordAt(text, w string, start bool) bool {
	if start && !strings.HasPrefix(text, w) || !start && !strings.HasSuffix(text, w) {
		return false
	}
	seg, err := zh.Default()
	if err != nil || len(text) == len(w) {
		return true
	}
	// w is whole words of the text's cut, at its start (or end).
	words := seg.Cut(text)
	n := 0
	for i := range words {
		if !start {
			i = len(words) - 1 - i
		}
		if n += len(words[i]); n >= len(w) {
			return n == len(w)
		}
	}
	return false
}

// kindName is the name of the kind asked that a span ending in one of
// the kind's ends holds: from after the last verb holding it (司机须持特种
// 设备作业人员证 → 特种设备作业人员证), with the longer end the sentence
// goes on to (操作员证 → 操作员证书).
func kindName(s []rune, sp span, ends []string) span {
	text := string(s[sp.s:sp.e])
	after := -1 // the end of the last verb holding it
	for _, v := range holdVerbs {
		if i := strings.LastIndex(text, v); i >= 0 && i+len(v) > after {
			after = i + len(v)
		}
	}
	if after >= 0 {
		if rest := []rune(text[after:]); len(rest) >= 3 {
			sp.s = sp.e - len(rest)
		}
	}
	for _, end := range ends {
		if e := []rune(end); len(e) > 1 && sp.e < len(s) && sp.e-sp.s >= 1 && s[sp.e-1] == e[0] && strings.HasPrefix(string(s[sp.e:]), string(e[1:])) {
			sp.e += len(e) - 1
			break
		}
	}
	return sp
}

// holdVerbs say one holds or gains a thing named after them (持有消防设施
// 操作员证书, 获得茅盾文学奖).
var holdVerbs = []string{"持有", "获得", "取得", "考取", "具备", "领取", "荣获", "持", "获"}

// whMeasures are the measure words said after 哪 (哪一座, 哪所, 哪部).
const whMeasures = "个座所部位家支条项本种只间名首片架艘台届场次"

// asksCountryRe finds a question asking for a country; countryRe the
// countries' names as Chinese writes them (longest first where one holds
// another: 印度尼西亚 before 印度).
var (
	asksCountryRe = mustScan(`(?:哪个|哪一个|哪一|什么)国家|哪国`)
	countryRe     = mustScan(`印度尼西亚|沙特阿拉伯|阿拉伯联合酋长国|阿联酋|马来西亚|新加坡|菲律宾|孟加拉国|斯里兰卡|巴基斯坦|阿富汗|哈萨克斯坦|乌兹别克斯坦|土库曼斯坦|吉尔吉斯斯坦|塔吉克斯坦|中华人民共和国|中华民国|中国|美国|英国|法国|德国|意大利|西班牙|葡萄牙|荷兰|比利时|卢森堡|瑞士|奥地利|瑞典|挪威|丹麦|芬兰|冰岛|爱尔兰|希腊|土耳其|俄罗斯|苏联|乌克兰|白俄罗斯|波兰|捷克|斯洛伐克|匈牙利|罗马尼亚|保加利亚|塞尔维亚|克罗地亚|斯洛文尼亚|波黑|阿尔巴尼亚|马其顿|黑山|立陶宛|拉脱维亚|爱沙尼亚|日本|韩国|朝鲜|蒙古|越南|泰国|缅甸|老挝|柬埔寨|文莱|东帝汶|印度|尼泊尔|不丹|伊朗|伊拉克|叙利亚|以色列|巴勒斯坦|约旦|黎巴嫩|卡塔尔|科威特|巴林|阿曼|也门|埃及|利比亚|突尼斯|阿尔及利亚|摩洛哥|苏丹|南非|尼日利亚|肯尼亚|埃塞俄比亚|加纳|津巴布韦|坦桑尼亚|乌干达|安哥拉|莫桑比克|马达加斯加|喀麦隆|塞内加尔|加拿大|墨西哥|古巴|牙买加|巴拿马|哥斯达黎加|危地马拉|巴西|阿根廷|智利|秘鲁|哥伦比亚|委内瑞拉|乌拉圭|巴拉圭|玻利维亚|厄瓜多尔|澳大利亚|新西兰|斐济|巴布亚新几内亚|索马里|刚果民主共和国|刚果|卢旺达|布隆迪|马里|尼日尔|乍得|毛里塔尼亚|几内亚比绍|赤道几内亚|几内亚|塞拉利昂|利比里亚|科特迪瓦|布基纳法索|多哥|贝宁|加蓬|中非共和国|南苏丹|厄立特里亚|吉布提|赞比亚|马拉维|纳米比亚|博茨瓦纳|莱索托|斯威士兰|毛里求斯|塞舌尔|科摩罗|佛得角|冈比亚|摩纳哥|列支敦士登|圣马力诺|梵蒂冈|安道尔|马耳他|塞浦路斯|摩尔多瓦|格鲁吉亚|亚美尼亚|阿塞拜疆|科索沃|马尔代夫|海地|多米尼加|多米尼克|洪都拉斯|萨尔瓦多|尼加拉瓜|伯利兹|巴哈马|特立尼达和多巴哥|巴巴多斯|圭亚那|苏里南|汤加|萨摩亚|瓦努阿图|所罗门群岛|基里巴斯|图瓦卢|瑙鲁|帕劳|马绍尔群岛|密克罗尼西亚`)
)

// nearestTo keeps, of the spans it is given, the one nearest sp.
type nearestTo struct {
	sp, best span
	d        int // the best's distance from sp; -1 before any
}

func newNearestTo(sp span) nearestTo { return nearestTo{sp: sp, d: -1} }

func (n *nearestTo) add(c span) {
	if d := distance(c, n.sp); n.d < 0 || d < n.d {
		n.best, n.d = c, d
	}
}

// found is the nearest span given, if any was.
func (n nearestTo) found() (span, bool) { return n.best, n.d >= 0 }

// nameJoiners join a name to the words before it (以粤语, 属于鸦科, 说英语,
// 接受了辽宁飞豹队的合同, 被火箭队选中).
const nameJoiners = "以用说讲于在为是的和与及或属了被从由把将"

// nearestMatchOf is re's match in s nearest sp (nil re: none), one the
// question does not say itself, with or without its marks (《》). A match
// starts after the last of joiners in it but its final character (以粤语 →
// 粤语), and is two characters at least.
func nearestMatchOf(re *scanRe, s []rune, sp span, question []rune, joiners string) (span, bool) {
	n := newNearestTo(sp)
	if re == nil {
		return n.found()
	}
	str, qs := string(s), string(question)
	var toRune []int // (byte offsets to runes, counted once: linear in the sentence)
	for _, m := range re.FindAllStringSubmatchIndex(str, -1) {
		if len(m) >= 4 && m[2] >= 0 {
			m = m[2:4] // the name, without what shows where it ends
		}
		if toRune == nil {
			toRune = runeOffsets(str)
		}
		c := span{toRune[m[0]], toRune[m[1]]}
		for i := c.e - 2; joiners != "" && i >= c.s; i-- {
			if strings.ContainsRune(joiners, s[i]) {
				c.s = i + 1
				break
			}
		}
		c = pastDeictic(s, c) // (其中唐古拉山站, 该校: the word pointing to it is not the name)
		name := string(s[c.s:c.e])
		if c.e-c.s < 2 || strings.Contains(qs, name) || strings.Contains(qs, strings.Trim(name, "《》")) {
			continue
		}
		n.add(c)
	}
	return n.found()
}

// leadingDeictics point to a name right after them (其中唐古拉山站海拔
// 5,068米): nearestMatchOf reads the name from after them.
var leadingDeictics = []string{"其中", "其", "该", "此", "即", "这"}

// pastDeictic is sp without a word pointing to the name it opens with,
// when two characters at least remain.
func pastDeictic(s []rune, sp span) span {
	for _, w := range leadingDeictics {
		if r := []rune(w); sp.e-sp.s-len(r) >= 2 && string(s[sp.s:sp.s+len(r)]) == w {
			sp.s += len(r)
			break
		}
	}
	return sp
}

// asksList finds a question asking for several things: 哪些, 哪几, 哪三.
var asksList = mustScan(`哪(?:些|几|两|三|四|五|六)`)

// enumRe finds a list said with 、 (米果、乳品、饮料、休闲食品及酒类): two
// items or more, the last perhaps after 和, 及, 与, 以及 or 或.
var enumRe = mustScan(`[^，,。；;：:、\s（）()]{1,20}(?:、[^，,。；;：:、\s（）()]{1,20})+`)

// listOpeners end the words before a list's first item (包括米果, 分别是…).
var listOpeners = []string{"分别是", "分别为", "主要有", "包括", "包含", "例如", "比如", "如", "有", "是", "为", "在", "于", "由", "和", "与"}

// listAt is the list a sentence gives at or nearest sp, when sp is not a
// list already: its first item without the words that lead to it.
func listAt(s []rune, sp span) (span, bool) {
	if sp.e > sp.s && strings.ContainsAny(string(s[sp.s:sp.e]), "、及和与至或") {
		return sp, false // a list already, or two things said with 及, 和, 与, or a range (北美洲至非洲)
	}
	str := string(s)
	n := newNearestTo(sp)
	for _, m := range enumRe.FindAllStringIndex(str, -1) {
		b, e := utf8.RuneCountInString(str[:m[0]]), utf8.RuneCountInString(str[:m[1]])
		items := strings.Split(string(s[b:e]), "、")
		longest := 0
		for _, it := range items[1:] {
			longest = max(longest, utf8.RuneCountInString(it))
		}
		first := []rune(items[0])
		cut := -1
		for _, o := range listOpeners {
			if i := strings.LastIndex(items[0], o); i >= 0 {
				if c := utf8.RuneCountInString(items[0][:i]) + utf8.RuneCountInString(o); c > cut && c < len(first) {
					cut = c
				}
			}
		}
		if cut < 0 && len(first) > longest+1 {
			cut = len(first) - longest - 1
		}
		if cut > 0 {
			b += cut
		}
		n.add(span{b, e})
	}
	if best, ok := n.found(); ok && n.d <= 12 {
		return clean(s, best), true
	}
	return sp, false
}

// fieldValue is the value of the field whose name sp is (发布部门：人力资
// 源部　更新日期：…, asked 哪个部门发的): a name is no answer, what it
// names is — up to the next field, clause or sentence. sp as it is when it
// is no field's name, or a person or post asked who (张经理：…). (A value run into the next
// field's name with no space between, 人力资源部更新日期：, is read whole.)
func fieldValue(s []rune, sp span, kind answerKind) span {
	if sp.e >= len(s) || sp.e-sp.s > 8 || sp.e <= sp.s || (s[sp.e] != '：' && s[sp.e] != ':') {
		return sp
	}
	if !allHan(string(s[sp.s:sp.e])) {
		return sp // (10:30, 比例：8%: a time's or a number's colon)
	}
	if kind == kindPerson && roleRe.MatchString(string(s[sp.s:sp.e])) {
		return sp // 张经理：这个事我来审批, asked 谁: the one who speaks, no field's name
	}
	b := sp.e + 1
	for b < len(s) && (s[b] == ' ' || s[b] == '\u3000') {
		b++
	}
	e := b
	for e < len(s) && e-b <= 40 && !strings.ContainsRune("\u3000；;。，,\n|", s[e]) && !(s[e] == ' ' && nextField(s[e+1:])) {
		e++
	}
	if e == b || e-b > 40 {
		return sp
	}
	return span{b, e}
}

// oneOfRe finds "one of" said of the answer after it (的一个, 的一支, 的一座).
var oneOfRe = mustScan(`的一[个支篇座种位部家所条只名项间处片首本套款类]`)

// kindWord is the word right after q's question word that names the
// answer's kind (哪个大学 → 大学, 哪两个公司 → 公司), or "".
func kindWord(seg *zh.Segmenter, q question) string {
	if seg == nil || len(q.right) == 0 {
		return ""
	}
	words := q.afterWords(seg)
	if len(words) > 1 && isCount(words[0]) {
		words = words[1:] // 哪两个公司
	}
	if len(words) == 0 {
		return ""
	}
	w := []rune(words[0])
	if strings.ContainsRune(stopChars, w[0]) || !hasContent(w) {
		return ""
	}
	if pos := seg.PartOfSpeech(string(w)); pos != "" && !strings.HasPrefix(pos, "n") && pos != "q" {
		return ""
	}
	return string(w)
}

// namedKind finds the name of the kind a 哪家公司, 什么医院, 哪个小程序
// question asks for: a name the sentence ends with that kind's noun (苏州云
// 杉信息技术有限公司, 二级及以上医院), read back from the noun over the
// words that make a name (not a verb, preposition, particle, adverb or
// pronoun), or the quotation the sentence gives right after the noun (微信
// 小程序"云杉令牌"). The one nearest the question's gap; none the question
// says itself.
func namedKind(seg *zh.Segmenter, q question, s []rune, gap span) (span, bool) {
	if seg == nil || q.kind != kindPhrase && q.kind != kindPlace || !strings.HasPrefix(q.wh, "哪") && q.wh != "什么" {
		return span{}, false
	}
	k := []rune(kindWord(seg, q))
	if len(k) < 2 {
		return span{}, false
	}
	best, bestDist := span{}, -1
	for _, at := range indexAll(s, k) {
		end := at + len(k)
		var sp span
		if in, ok := quoted(s, span{end, min(len(s), end+16)}, q); ok && strings.Contains(string(q.right), strings.TrimRight(string(s[end:in.s]), "「“『《\"'")) {
			// (after the rest of the kind the question says: 微信 小程序)
			sp = in
		} else if in, ok := quoted(s, span{max(0, at-16), at}, q); ok && in.e >= at-1 {
			sp = in // "恒悦通"APP: the name quoted right before its kind
		} else {
			b := at
			for b > 0 {
				if b >= 2 && s[b-1] == ' ' && isAlnumRune(s[b-2]) && isAlnumRune(s[b]) {
					b-- // PostgreSQL 14数据库: a space between a name's Latin words
					continue
				}
				j := b - 1 // the word ending at b: its start
				for j > 0 && b-j < 8 && seg.Counted(string(s[j-1:b])) {
					j--
				}
				w := string(s[j:b])
				pos := seg.PartOfSpeech(w)
				if !unicode.Is(unicode.Han, s[b-1]) && !unicode.IsLetter(s[b-1]) && !unicode.IsDigit(s[b-1]) ||
					strings.HasPrefix(pos, "v") || strings.HasPrefix(pos, "p") || strings.HasPrefix(pos, "u") || strings.HasPrefix(pos, "d") || strings.HasPrefix(pos, "r") || pos == "y" ||
					len([]rune(w)) == 1 && strings.ContainsRune("的是在由向给对从为和与或将把被", []rune(w)[0]) {
					break
				}
				b = j
			}
			if at-b < 2 {
				continue
			}
			sp = span{b, end}
		}
		if strings.Contains(string(q.folded), string(s[sp.s:sp.e])) {
			continue
		}
		if d := distance(sp, gap); bestDist < 0 || d < bestDist {
			best, bestDist = sp, d
		}
	}
	return best, bestDist >= 0
}

func isAlnumRune(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// withKind extends a phrase answer by the noun the question put after its
// question word when the sentence says it right after the answer: 哪个大学
// … 香港中文大学 → 香港中文大学, not 香港中文; 什么奖 … 法朗基奖; 哪个队 …
// 旧金山勇士队. (The question's words after the question word anchor the
// answer's end, so the span stops before the noun they share.) Measured on
// CMRC dev: EM 34.86 → 36.35 with nouns of two characters or more, → 36.87
// with one-character ones too (奖, 队, 科); F1 58.74 → 59.28;
// eval/enterprise and eval/office unchanged.
func withKind(seg *zh.Segmenter, q question, s []rune, sp span) span {
	if seg == nil || (q.kind != kindPhrase && q.kind != kindPlace) || sp.e <= sp.s || len(q.right) == 0 {
		return sp
	}
	if identifierFor(q) != nil || asksLabel(q) {
		return sp // a shape of its own (/opt/sprucesync, not …目录; B级)
	}
	w := []rune(kindWord(seg, q))
	if len(w) == 0 {
		return sp
	}
	if len(w) >= 2 {
		// 哪个女演员 … 演员冯宝宝: the kind said before the answer is
		// not the answer. (CMRC dev EM 38.33 → 38.46.)
		if i := strings.LastIndex(string(s[sp.s:sp.e]), string(w)); i >= 0 {
			b := sp.s + len([]rune(string(s[sp.s:sp.e])[:i])) + len(w)
			if c := clean(s, span{b, sp.e}); c.e-c.s >= 2 {
				return c
			}
		}
	}
	if sp.e+len(w) <= len(s) && string(s[sp.e:sp.e+len(w)]) == string(w) {
		sp.e += len(w)
	}
	return sp
}

// tighten narrows a phrase answer to what it quotes, when it quotes one
// thing the question does not (意为「齿河的盗贼」, 笔名「近畿魔王」获得…:
// 齿河的盗贼, 近畿魔王; a title keeps its 《》), and past a 位于 that
// opens it (一所位于香港离岛区东涌 → 香港离岛区东涌). Measured on CMRC dev:
// EM 31.97 → 33.58 (the quotes), → 33.61 (位于); cutting a trailing 的 and
// the words after it that restate the question measured worse (33.61).
func tighten(s []rune, sp span, q question) span {
	if sp.e-sp.s < 4 || q.kind == kindNumber || q.kind == kindDate {
		return sp
	}
	if in, ok := quoted(s, sp, q); ok {
		return in
	}
	text := string(s[sp.s:sp.e])
	if i := strings.Index(text, "位于"); i >= 0 && len([]rune(text[:i])) <= 3 && len([]rune(text[i:])) > 4 {
		return span{sp.s + len([]rune(text[:i])) + 2, sp.e}
	}
	return sp
}

// quoted finds the one quotation in s[sp] that the question does not hold:
// its words (「」, “”, 『』) or a title with its 《》.
func quoted(s []rune, sp span, q question) (span, bool) {
	text := string(s[sp.s:sp.e])
	for _, pair := range [][2]rune{{'「', '」'}, {'“', '”'}, {'『', '』'}, {'《', '》'}, {'"', '"'}} {
		i := strings.IndexRune(text, pair[0])
		j := strings.IndexRune(text, pair[1])
		if pair[0] == pair[1] { // "云杉令牌": a straight quote opens and closes
			if i < 0 || strings.Count(text, `"`) != 2 {
				continue
			}
			j = i + 1 + strings.IndexRune(text[i+1:], pair[1])
		} else if i < 0 || j <= i || strings.Count(text, string(pair[0])) != 1 {
			continue
		}
		inner := []rune(text[i+len(string(pair[0])) : j])
		if len(inner) < 2 || strings.Contains(string(q.folded), string(inner)) {
			continue
		}
		b := sp.s + len([]rune(text[:i]))
		e := b + 1 + len(inner) + 1
		if pair[0] != '《' {
			b, e = b+1, e-1
		}
		return span{b, e}, true
	}
	return span{}, false
}

func extractSpan(seg *zh.Segmenter, q question, s []rune) span {
	gap, ok := alignGap(q, s, kindWord(seg, q))
	if !ok {
		gap = span{0, len(s)}
	}
	if l := q.left; q.kind == kindPhrase && q.wh == "什么" && len(l) >= 2 && strings.ContainsRune("做干办", l[len(l)-1]) && strings.ContainsRune(doAdverbs, l[len(l)-2]) {
		// 许可证得先做什么 … 请先联系技术支持迁移许可证，…: what is to be
		// done is the clause the question's adverb opens.
		if i := strings.LastIndex(string(s), string(l[len(l)-2])); i >= 0 {
			b := len([]rune(string(s)[:i])) + 1
			if sp := clean(s, span{b, clauseEnd(s, b)}); sp.e-sp.s >= 2 {
				return sp
			}
		}
	}
	if ok && len(q.left) > 0 && unicode.Is(unicode.Han, q.left[len(q.left)-1]) {
		// …卫星由什么运载火箭发射 … 于西昌卫星发射中心由长征三号乙: the
		// character right before the question word (a preposition, 是, a
		// verb's last) marks where its slot opens, at its last use in the
		// gap as a word of its own (not 是否's 是). (CMRC dev EM 38.52 →
		// 39.36 with the prepositions and 是; 39.48 → 39.61 with any
		// character; F1 60.11 → 60.54, 60.58 → 60.59.)
		p := q.left[len(q.left)-1]
		for i := gap.e - 3; i >= gap.s; i-- {
			if s[i] != p || seg != nil && (i > 0 && seg.PartOfSpeech(string(s[i-1:i+1])) != "" || i+1 < len(s) && seg.PartOfSpeech(string(s[i:i+2])) != "") {
				continue
			}
			gap.s = i + 1
			break
		}
	}
	if a := skipAside(s, gap.s); a > gap.s && (q.kind == kindNumber || q.kind == kindDate) && strings.ContainsFunc(string(s[gap.s:a]), unicode.IsDigit) {
		// 夜班（23:00—次日7:00） for 夜班几点开始: the bracket holds the
		// quantity asked, no gloss to pass over.
	} else if gap.s = a; gap.s >= gap.e {
		// The aside filled the gap (王永吉（），字修之): the answer is the
		// clause after it.
		gap.e = clauseEnd(s, gap.s)
	}
	// 邮箱是多少, 哪个目录, 用什么命令: an identifier of its own shape
	// (support@…, /opt/…, spructl restore, 400-820-7316, QL-FIN-012).
	if re := q.letterCode; re != nil && extreme(q) != 0 {
		// 最高到P几 … 专业序列P1—P12: the code with the greatest number
		// (the least, asked 最低).
		if m, ok := extremeCode(re, s, extreme(q)); ok {
			return m
		}
	}
	if re := identifierFor(q); re != nil {
		if m, ok := nearestMatch(re, s, gap, "", q); ok {
			return m
		}
	}
	// 什么等级, 第几档, 哪一类, 几级: a class's label (B级, 第三档, 二类).
	if asksLabel(q) {
		if m, ok := nearestMatch(labelRe, s, gap, "", q); ok {
			return m
		}
	}
	if m, ok := namedKind(seg, q, s, gap); ok {
		return m
	}
	if q.unit == unitFrequency {
		// 多久备份一次 … 建议每天至少备份一次: how often, period and count
		// together.
		if m, ok := nearestMatch(frequencyRe, s, gap, "", q); ok {
			return clean(s, m)
		}
	}
	switch q.kind {
	case kindDate:
		if m, ok := nearestMatch(dateRe, s, gap, "", q); ok {
			m = clean(s, m)
			// 20世纪初, 1969年至1970年间, 2005年底: the part of the time said.
			if m.e < len(s) && strings.ContainsRune("初末底间", s[m.e]) {
				m.e++
			}
			return m
		}
		if m, ok := nearestMatch(dayRe, s, gap, "", q); ok {
			return clean(s, m) // 4月, 每月10日, 周二、周四
		}
	case kindNumber:
		if m, ok := nearestMatch(numRe, s, gap, q.unit, q); ok {
			m = clean(s, m)
			if ext := extreme(q); ext != 0 {
				m = spanRangeEnd(s, m, ext) // 定金最多能填多少 … 1,000至20,000元: 20,000元
			}
			// 第几届 … 第八届: an ordinal keeps its 第.
			if len(q.left) > 0 && q.left[len(q.left)-1] == '第' && m.s > 0 && s[m.s-1] == '第' {
				m.s--
			}
			return m
		}
	case kindReason:
		// 为什么 … 因为一般电离辐射是看不到的，…: the clause the cause opens.
		if loc := causeRe.FindStringIndex(string(s)); loc != nil {
			b := len([]rune(string(s)[:loc[0]]))
			// The cause itself, after its word (由于他在冰淇淋上… → 他在…).
			word := 1
			switch string(s)[loc[0]:loc[1]] {
			case "因为", "由于", "为了":
				word = 2
			case "以免":
				word = 0 // 以免鱼虾啃食: the purpose says it with its word
			}
			if e := clauseEnd(s, b+word); e > b+word {
				return clean(s, span{b + word, e})
			}
		}
		// 为什么 … 马赛罗出生于塞尔希培州，所以在巴西国内被称为…: the cause
		// is said before the word that opens its result (所以, 因此 …):
		// the clauses before it, from a 但 that turns from a concession.
		// (CMRC dev EM 38.06 → 38.33, F1 59.77 → 60.07.)
		if asksCause(q) {
			if loc := resultRe.FindStringIndex(string(s)); loc != nil {
				m := len([]rune(string(s)[:loc[0]]))
				e := clauseStart(s, m)
				if m-e > 6 {
					// 所以 deep in its clause (大环道因此…: a subject before
					// it, at most): no cause said before it.
					break
				}
				b := 0
				if c := concessionRe.FindAllStringIndex(string(s[:max(e-1, 0)]), -1); len(c) > 0 {
					b = len([]rune(string(s)[:c[len(c)-1][1]]))
				}
				if sp := clean(s, span{b, e}); sp.e-sp.s >= 2 {
					return sp
				}
			}
		}
	case kindPerson:
		// 纪念哪位运动员 … 纪念著名网球运动员罗德·拉沃: the name follows the
		// noun the question put after its question word.
		if m, ok := namedAfterKind(seg, q, s); ok {
			return m
		}
		if m, ok := doerBefore(q, s); ok {
			return m
		}
		if m, ok := relationName(q, s); ok {
			return m
		}
		m, found := nearestName(seg, s, gap, q.folded)
		if t, ok := titledName(seg, s, gap, q.folded); ok && (!found || distance(t, gap) < distance(m, gap) && !personName(seg, string(s[m.s:m.e]))) {
			// A name its title tells (僧人乐僔, 谋士朱升), nearer the
			// question's words than what was found, which the dictionary
			// does not know as a person's name (万佛, 应天府).
			return t
		}
		if found {
			return m
		}
	}
	if !ok {
		return clean(s, span{0, len(s)})
	}
	if q.kind == kindPerson {
		if g := clean(s, gap); len(q.quantities) == 0 && !roleRe.MatchString(string(s[g.s:g.e])) {
			// 设备科每月对每台叉车进行一次全面保养并填写保养记录, asked 每个月
			// 的保养是谁负责: the gap the question's words leave holds no
			// one; the office or post the sentence names does. (Not
			// when the question states a quantity: which post is the
			// clause's whose condition it meets.)
			if r, ok := soleRole(s, q.folded); ok {
				return r
			}
		}
		sp := trimRole(s, clean(s, gap))
		// 以大律师余若薇, 与林古度: the preposition that joins the person.
		for sp.e-sp.s > 2 && strings.ContainsRune("以与和跟同对向给被经", s[sp.s]) {
			sp.s++
		}
		return sp
	}
	sp := clean(s, gap)
	if q.kind == kindPlace {
		// 杭州市滨江区 asked 杭州哪个区: the 市 ends the name the question
		// gave, not the answer's.
		for sp.e-sp.s > 2 && sp.s >= 2 && strings.ContainsRune("省市县", s[sp.s]) && strings.Contains(string(q.folded), string(s[sp.s-2:sp.s])) {
			sp.s++
		}
	}
	{
		// 纽西兰威灵顿的一支…, 浙江省嘉兴市海盐县的一个镇: what the place or
		// thing is one of follows the answer. (CMRC dev EM 39.45 → 39.48.)
		if m := oneOfRe.FindStringIndex(string(s[sp.s:sp.e])); m != nil {
			if i := len([]rune(string(s[sp.s:sp.e])[:m[0]])); i >= 2 {
				sp = clean(s, span{sp.s, sp.s + i})
			}
		}
	}
	if seg != nil {
		// 何塞·波萨达于, 海象则: a word that joins the answer to what
		// follows it is not the answer's, unless it ends a word (关于,
		// 难以). (CMRC dev EM 39.36 → 39.45.)
		for sp.e-sp.s > 2 && strings.ContainsRune("于以则是而并也都及", s[sp.e-1]) && seg.PartOfSpeech(string(s[sp.e-2:sp.e])) == "" {
			sp.e--
		}
	}
	return sp
}

// bareSum reports whether text is a number with at most a unit after it
// (1元, 30%, 5个): no thing named.
func bareSum(text []rune) bool {
	t := strings.TrimSpace(string(text))
	loc := numRe.FindStringIndex(t)
	return loc != nil && loc[0] == 0 && utf8.RuneCountInString(t[loc[1]:]) <= 2
}

// alignGap finds where the question word's slot lies in the sentence. Its
// left anchor is the end of the sentence's match of the question's words
// just before the question word (the bigram nearest to it that the sentence
// holds, extended while both texts agree); its right anchor is the start of
// the match of the words just after it. The answer lies between.
func alignGap(q question, s []rune, kind string) (span, bool) {
	manner := q.kind == kindReason && !asksCause(q)
	lefts, lagree := anchorsAgreeing(trimRunes(q.left), s, true)
	rights, ragree := anchorsAgreeing(trimRunes(q.right), s, false)
	if kind != "" {
		// 像什么动物的中爪兽科 … 像狼的中爪兽科: the noun naming the answer's
		// kind is seldom said beside it; the words after it are. (CMRC
		// dev EM 37.81 → 38.06, F1 59.57 → 59.77.)
		if rest := trimRunes([]rune(strings.TrimPrefix(string(q.right), kind))); len(rest) >= 2 {
			r2, a2 := anchorsAgreeing(rest, s, false)
			rights, ragree = append(rights, r2...), append(ragree, a2...)
		}
	}
	best, found, bestAgree := span{}, false, 0
	for i, l := range lefts {
		for j, r := range rights {
			if r <= l {
				continue
			}
			// The narrowest gap; of equal ones, the one whose anchors agree
			// with the question the longest (工作满20年的员工 … over
			// 不满20年的员工 …: the clause that says what was asked).
			agree := lagree[i] + ragree[j]
			if !found || r-l < best.e-best.s || (r-l == best.e-best.s && agree > bestAgree) {
				best, found, bestAgree = span{l, r}, true, agree
			}
		}
	}
	if found && best.e-best.s <= 40 {
		return best, true
	}
	if len(lefts) > 0 {
		// Question word at the end (X的首都是哪里): the rest of the clause.
		l := lefts[0]
		if manner && l < len(s) && strings.ContainsRune(clauseMarks, s[l]) {
			// 数据库要怎么处理 … 建议改用外置数据库，支持…: the words matched
			// end their clause; what it says to do is that clause.
			// (eval/enterprise 0.7517 → 0.7539; CMRC dev EM 40.29 → 40.26.)
			b := clauseStart(s, l)
			return span{b, l}, l > b
		}
		e := clauseEnd(s, l)
		if q.kind == kindPhrase && bareSum(s[l:e]) {
			// 积分能抵扣啥 … 每100积分可抵扣1元，只能用于抵扣工时费: what
			// is asked is a thing, not the sum after the verb's first
			// saying; the verb said again with a thing answers.
			for _, l2 := range lefts[1:] {
				if e2 := clauseEnd(s, l2); e2 > l2 && !bareSum(s[l2:e2]) {
					return span{l2, e2}, true
				}
			}
		}
		return span{l, e}, e > l
	}
	if len(rights) > 0 {
		// Question word first (谁发明了电灯): the clause before the anchor.
		r := rights[len(rights)-1]
		b := clauseStart(s, r)
		return span{b, r}, r > b
	}
	return span{}, false
}

// anchorsAgreeing returns the anchors of part in s — for the bigram of
// part nearest its end (fromEnd: the positions just after its matches,
// each extended rightwards while s and part agree) or nearest its start
// (the positions where its matches begin, extended leftwards) — with, for
// each, how many characters of s agree with part around the match, away
// from the question word.
func anchorsAgreeing(part, s []rune, fromEnd bool) ([]int, []int) {
	for n := 0; n+2 <= len(part); n++ {
		k := n // bigram part[k:k+2], nearest the question word first
		if fromEnd {
			k = len(part) - 2 - n
		}
		bg := part[k : k+2]
		if !hasContent(bg) {
			continue
		}
		pos := indexAll(s, bg)
		if len(pos) == 0 {
			continue
		}
		agree := make([]int, len(pos))
		for i, p := range pos {
			// Away from the question word: leftwards of a left anchor's
			// bigram, rightwards of a right one's.
			if fromEnd {
				for b, j := p-1, k-1; b >= 0 && j >= 0 && s[b] == part[j]; b, j = b-1, j-1 {
					agree[i]++
				}
			} else {
				for e, j := p+2, k+2; e < len(s) && j < len(part) && s[e] == part[j]; e, j = e+1, j+1 {
					agree[i]++
				}
			}
			if fromEnd {
				e, j := p+2, k+2
				for e < len(s) && j < len(part) && s[e] == part[j] {
					e++
					j++
				}
				pos[i] = e
			} else {
				b, j := p, k
				for b > 0 && j > 0 && s[b-1] == part[j-1] {
					b--
					j--
				}
				pos[i] = b
			}
		}
		return pos, agree
	}
	if len(part) == 1 && hasContent(part) {
		pos := indexAll(s, part)
		if fromEnd {
			for i := range pos {
				pos[i]++
			}
		}
		return pos, make([]int, len(pos))
	}
	return nil, nil
}

func hasContent(rs []rune) bool {
	for _, r := range rs {
		if isContent(r) && !strings.ContainsRune("的是了在和与", r) {
			return true
		}
	}
	return false
}

func trimRunes(rs []rune) []rune {
	for len(rs) > 0 && !isContent(rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 0 && !isContent(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
}

func indexAll(s, needle []rune) []int {
	var out []int
	for i := 0; i+len(needle) <= len(s); i++ {
		match := true
		for j, r := range needle {
			if s[i+j] != r {
				match = false
				break
			}
		}
		if match {
			out = append(out, i)
		}
	}
	return out
}

const clauseMarks = "，。；！？,;!?：:（）()"

func clauseEnd(s []rune, from int) int {
	for i := from; i < len(s); i++ {
		if clauseMark(s, i) && i > from {
			return i
		}
	}
	return len(s)
}

func clauseStart(s []rune, to int) int {
	for i := to - 1; i >= 0; i-- {
		if clauseMark(s, i) {
			return i + 1
		}
	}
	return 0
}

// clauseMark reports whether s[i] ends a clause: a mark of clauseMarks,
// but not a time's colon (9:00).
func clauseMark(s []rune, i int) bool {
	if s[i] == ':' || s[i] == '：' || s[i] == ',' {
		// (9:30, 50,000: a time's, a number's)
		if i > 0 && i+1 < len(s) && unicode.IsDigit(s[i-1]) && unicode.IsDigit(s[i+1]) {
			return false
		}
	}
	return strings.ContainsRune(clauseMarks, s[i])
}

// nearestMatch finds the match of re in s that answers q: of the matches,
// the one whose clause holds the most of the question's words (一类城市每天
// 120元，二类城市每天100元 for 二类城市…多少), then the one inside gap or
// nearest to it. A number keeps its unit; with a unit asked for (几天), a
// number in that unit or one of its kind (3个工作日) wins. A bare numeral
// that labels a class (一类, 二等) answers only when its label is asked. A
// match the question itself holds (华堡于1957年的售价) is not the answer.
// wordsEndingInYue are words whose last character is 约 (爽约3次, 签约2
// 单): before a number it is the word's, not "about".
const wordsEndingInYue = " 爽约 预约 合约 签约 违约 履约 节约 失约 赴约 邀约 公约 条约 契约 特约 相约 制约 解约 续约 毁约 "

// statedNumbers are the quantities the question states of ten or more
// (十万以上 → 100000元): no count of one digit, which many sentences say
// otherwise.
func statedNumbers(q question) []quantity {
	var out []quantity
	for _, qt := range q.quantities {
		if math.Abs(qt.n) >= 10 {
			out = append(out, qt)
		}
	}
	return out
}

// stated reports whether text, a number with its multiplier and unit
// (10万元), is one of the quantities (statedNumbers): its value, in its
// unit (20天 is not the 20年 stated).
func stated(qs []quantity, text string) bool {
	m := qtyRe.FindStringSubmatch(text)
	if m == nil || m[0] != text {
		return false
	}
	c, ok := toQuantity(m[1], m[2], m[3])
	if !ok {
		return false
	}
	for _, qt := range qs {
		if math.Abs(qt.n-c.n) <= 1e-6*math.Max(1, math.Abs(qt.n)) && (qt.unit == c.unit || qt.unit == "" || c.unit == "") {
			return true
		}
	}
	return false
}

func nearestMatch(re *scanRe, s []rune, gap span, unit string, q question) (span, bool) {
	str := string(s)
	idx := re.FindAllStringIndex(str, -1)
	if len(idx) == 0 {
		return span{}, false
	}
	// Byte offsets to rune offsets.
	toRune := runeOffsets(str)
	own := ownBigrams(q)
	qb := saidBigrams(questionBigrams(q), q, str, own)
	var cands []cand
	for _, m := range idx {
		sp := span{toRune[m[0]], toRune[m[1]]}
		if sp.e-sp.s == 0 {
			continue
		}
		if s[sp.s] == '约' && sp.s > 0 && strings.Contains(wordsEndingInYue, string(s[sp.s-1:sp.s+1])) {
			sp.s++ // 爽约3次: the word's 约, no "about"
		}
		if string(s[sp.s:sp.e]) == "一" && sp.s > 0 && (s[sp.s-1] == '上' || s[sp.s-1] == '下') && !(sp.s > 1 && strings.ContainsRune("以地", s[sp.s-2])) && hasAnyPrefix(string(ahead(s, sp.e)), beforeAfterUnits...) {
			// 上一年度, 下一季度, 上一级: the one before or after, no
			// quantity (以上一年: 以上 ends first; 地下一层 and 上一次课 are
			// counted)
			continue
		}
		after := ""
		if strings.ContainsAny(string(s[sp.s:sp.e]), "周期") {
			// 周四: a day, not a number before a unit (周四集中付款)
		} else if unit != "" && strings.HasPrefix(string(ahead(s, sp.e)), unit) {
			after = unit
		} else if u := measureAfter(ahead(s, sp.e)); u != "" {
			after = u // 约4公分: the number with its unit; 8%: never a bare number
		}
		sp.e += len([]rune(after))
		if after == "点" && sp.e < len(s) && s[sp.e] == '半' {
			sp.e++ // 8点半: half past, a time whole
		}
		// A range keeps both ends: 9:00—18:00, 3至5天, 10%-20%.
		if m := rangeTail.FindString(string(ahead(s, sp.e))); m != "" {
			sp.e += len([]rune(m))
			if sp.s >= 2 && strings.Contains(" 上午 下午 早上 晚上 中午 凌晨 ", " "+string(s[sp.s-2:sp.s])+" ") {
				sp.s -= 2 // 上午9:30至晚上9:00: the part of the day the range opens with
			}
			if after == "" { // 3至5天: the range's unit, said once at its end
				for _, u := range units {
					if strings.HasSuffix(m, u) {
						after = u
						break
					}
				}
				if after == "" { // 5至40公尺: a unit the dash's pattern lacks
					after = measureAfter(ahead(s, sp.e))
					sp.e += len([]rune(after))
				}
			}
		}
		if sp.s > 0 && s[sp.s-1] == '第' && !(len(q.left) > 0 && q.left[len(q.left)-1] == '第') {
			continue // 第十七条: an ordinal, no quantity, unless 第几 is asked
		}
		if unit == unitDuration && datePart(string(s[max(0, sp.s-1):sp.s]), string(s[sp.s:sp.e-len([]rune(after))]), ahead(s, sp.e-len([]rune(after)))) {
			continue // 多久 … 2025年3月18日: a date's part, no length of time
		}
		if codeNumber(s, sp.s) {
			continue // P6, M2, E1005: a grade's or a code's number
		}
		if after == "" && (string(s[sp.s:sp.e]) == "半" || string(s[sp.s:sp.e]) == "一" && sp.s > 0 && unicode.Is(unicode.Han, s[sp.s-1]) && !strings.ContainsRune("第约近共为是有和或及至到", s[sp.s-1])) {
			// 一半, 半数: no quantity (半天 and 半年 are); nor is the 一
			// of 同一, 统一, 唯一, which would part the words before a
			// number from it.
			continue
		}
		if sp.s > 0 && minusAt(s, sp.s-1) {
			sp.s-- // -18℃: a number keeps its sign
		} else if sp.s >= 2 && string(s[sp.s-2:sp.s]) == "零下" {
			sp.s -= 2
			if n := len(cands); n > 0 && cands[n-1].sp.s >= sp.s {
				cands = cands[:n-1] // (its 零, taken for a number of its own)
			}
		}
		sp = formula(s, sp)
		if listMarker(s, sp) || len(cands) > 0 && sp.s < cands[len(cands)-1].sp.e {
			continue // a list's number, or the second end of a range already taken
		}
		// 一类城市, 二等座: a numeral that labels a class is no quantity,
		// unless the class is asked (几类, 几等).
		if (after == "" || after == "年") && !unicode.IsDigit(s[sp.s]) && labels(s, sp.e) && !(len(q.right) > 0 && q.right[0] == s[sp.e]) {
			continue
		}
		cands = append(cands, cand{sp, after})
	}
	// What the question names, said before each number (down to the
	// previous number or the clause's start) or, counting half, after it
	// (up to the next): 连续旷工3个工作日或一年内累计旷工5个工作日. A word
	// said beside every number (城市, 每天) tells them apart less than one
	// said beside one (二类).
	near := make([]map[[2]rune]float64, len(cands))
	df := map[[2]rune]int{}
	for i, c := range cands {
		from, to := 0, len(s)
		if i > 0 {
			from = cands[i-1].sp.e
		}
		if i+1 < len(cands) {
			to = cands[i+1].sp.s
		}
		near[i] = map[[2]rune]float64{}
		for b := range clauseBigrams(s, span{c.sp.e, to}, c.sp.e, qb) {
			near[i][b] = 0.5
			// The noun the quantity measures, right after it (8 GB内存,
			// 4核CPU), says what it is as the words before do.
			if c.sp.e+1 < len(s) && (b == [2]rune{s[c.sp.e], s[c.sp.e+1]} || c.sp.e+2 < len(s) && b == [2]rune{s[c.sp.e+1], s[c.sp.e+2]}) {
				near[i][b] = 1
			}
		}
		for b := range clauseBigrams(s, span{from, c.sp.s}, c.sp.s, qb) {
			near[i][b] = 1
		}
		for b := range near[i] {
			df[b]++
		}
	}
	alike := map[string]int{} // the candidates in each unit
	said := map[string]int{}  // of them, those said beside some of the question's words
	for i, c := range cands {
		if c.unit != "" {
			alike[c.unit]++
			if len(near[i]) > 0 {
				said[c.unit]++
			}
		}
	}
	unitHeld := false // a candidate is in the unit asked (said, not implied), or one of its kind
	for _, c := range cands {
		unitHeld = unitHeld || unit != "" && unit != "点" && !q.implied && sameUnitKind(unit, c.unit)
	}
	var verb rune // the question's character right before its question word, when it says something
	if l := q.left; len(l) > 0 && unicode.Is(unicode.Han, l[len(l)-1]) && !strings.ContainsRune("是有为能要会可的了在于和与及或到至把被给对占按每第约近共", l[len(l)-1]) {
		verb = l[len(l)-1]
	}
	// The question's word right after its question word, when it says
	// something (何时完工: 完工), for the candidate it follows.
	next := ""
	if r := q.right; len(r) >= 2 && unicode.Is(unicode.Han, r[0]) && unicode.Is(unicode.Han, r[1]) && !strings.ContainsRune("是有为能要会可的了在于和与及或到至把被给对占按每第约近共个次", r[0]) {
		next = string(r[:2])
	}
	// The period each number is counted over, and the question's when a
	// number is counted over it: 事假一年最多几天 … 每次不超过3天，全年累计
	// 不超过15天 asks the one of 全年, not that of 每次. (每工作满1年，每月
	// 增加30元: no number of the question's period, none set aside.)
	qp, periods := "", make([]string, len(cands))
	if len(cands) > 1 {
		qp = q.period
	}
	if qp != "" {
		held := false
		for i, c := range cands {
			periods[i] = periodOf(s[max(clauseStart(s, c.sp.s), prevEnd(cands, i)):c.sp.s])
			held = held || periods[i] == qp
		}
		if !held {
			qp = ""
		}
	}
	ext := 0
	if len(cands) > 1 {
		ext = extreme(q)
	}
	best, bestDist, found := span{}, 0.0, false
	values := statedNumbers(q)
	bounds := 0 // the candidates whose rule bounds them the way asked
	if ext != 0 {
		for _, c := range cands {
			if boundBefore(s, c.sp.s, ext) {
				bounds++
			}
		}
	}
	ownBound := func(i int) bool {
		// The bound's clause names nothing the question does not before
		// its bound word (…，最高不超过30万元), not another thing's (其中流
		// 量费最多报销50元 asked of 通讯补贴).
		pre := string(s[clauseStart(s, i):i])
		at := -1 // where the first bound word begins (最高不超过: 最高)
		for _, w := range boundWords {
			if k := strings.Index(pre, w); k >= 0 && (at < 0 || k < at) {
				at = k
			}
		}
		if at < 0 {
			return false
		}
		foreign := 0
		for _, r := range pre[:at] {
			if unicode.Is(unicode.Han, r) && !strings.ContainsRune(string(q.folded), r) && !strings.ContainsRune("其中每且并但均应须可", r) {
				foreign++
			}
		}
		return foreign < 2
	}
	for i, c := range cands {
		sp, after := c.sp, c.unit
		if strings.Contains(string(q.folded), string(s[sp.s:sp.e])) || len(values) > 0 && stated(values, string(s[sp.s:sp.e])) {
			// The question's own quantity (十万以上那段 … 10万元以上至最高
			// 支付限额 | 90 | 95 | 80): the question echoed, no answer.
			continue
		}
		d := float64(distance(sp, gap))
		isTime := strings.ContainsAny(string(s[sp.s:sp.e]), ":：")
		switch {
		case unit == "点" && isTime: // 几点 … 9:30
		case unit == "点" && after != "点":
			continue // 几点 asks for a time of day, not 两次
		case unit != "" && !sameUnitKind(unit, after) && unitHeld:
			continue // 几家报价 … 10,000元 … 3家: one in the unit asked is there
		case unit != "" && !sameUnitKind(unit, after):
			d += 50
		}
		if verb != 0 && sp.s > 0 && s[sp.s-1] == verb {
			d -= verbBonus // 能休几天 … 可休2天: the question's verb right before the number
		}
		if next != "" && strings.HasPrefix(string(ahead(s, sp.e)), next) {
			d -= verbBonus // 於何時完工 … 1920年9月動工，1930年4月完工: the question's verb right after it
		}
		if ext != 0 && boundBefore(s, sp.s, ext) {
			d -= boundBonus // 最多能涨到多少 … 最高不超过300元: the bound the rule sets
			if bounds == 1 && ownBound(sp.s) {
				// the sentence's only bound of that way (…预算为上一年度回款额
				// 的2%，最高不超过30万元 asked 上限): the one asked, however
				// near another number the question's words stand
				d -= uniqueBoundBonus
			}
		}
		if qp != "" && periods[i] == qp {
			d -= periodWeight // as a label the question says (二类城市 … 二类城市每天80元)
		} else if qp != "" && periods[i] != "" {
			d += periodWeight
		}
		if len(cands) > 1 && inAside(s, sp.s) {
			// 享受婚假13天（含法定婚假3天）: a number in a bracketed aside
			// qualifies the one before it; it answers only alone.
			d += asidePenalty
		}
		for b, w := range near[i] {
			k := 12.0 // CMRC dev F1 with 0, 4, 8, 12, 20: 55.52, 55.54, 55.61, 55.56, 55.42
			if df[b] == 1 && alike[c.unit] >= 2 && said[c.unit] >= 2 {
				// Of a list's quantities in one unit (一类城市每天100元，二类
				// 城市每天80元，三类、四类城市每天60元), the one whose label
				// the question says, however far from where the question's
				// words align. (Not when only one is said beside the
				// question's words: 工龄工资自司龄满1年起计发…此后每增加1年
				// names the sentence's subject, no list's label.)
				k = 30
				if !own[b] {
					// (a label the question says, 转正员工, over a word a
					// document may write for one of its words, 离职 for 辞
					// 职: 试用期员工离职须提前3天提出，转正员工须提前30天)
					k = 15
				}
			}
			d -= k * w / float64(df[b])
		}
		if !found || d < bestDist {
			best, bestDist, found = sp, d, true
		}
	}
	if !found || bestDist > 60 {
		return span{}, false
	}
	return best, true
}

// cand is a number nearestMatch weighs, with the unit said after it.
type cand struct {
	sp   span
	unit string
}

// minusAt reports whether s[i] is a minus sign: a hyphen or minus before
// a digit that does not end a range or a code (0-4℃'s, 第5层-8层's and
// SPS-UM-420's dashes are none).
func minusAt(s []rune, i int) bool {
	if !strings.ContainsRune("-－−", s[i]) || i+1 >= len(s) || !unicode.IsDigit(s[i+1]) {
		return false
	}
	if i > 0 && (unicode.IsLetter(s[i-1]) && s[i-1] < 0x80 || strings.ContainsRune("%％℃)）", s[i-1])) {
		return false // SPS-UM-420, 5%-10%
	}
	// A number with its unit just before the dash, in the same clause,
	// begins a range (第5层-8层, 3天-5天).
	for j := i - 1; j >= 0 && j >= i-3 && !strings.ContainsRune("，。；、,; ", s[j]); j-- {
		if unicode.IsDigit(s[j]) {
			return false
		}
	}
	return true
}

// inAside reports whether position i of s is inside a bracketed aside
// (（含法定婚假3天）).
func inAside(s []rune, i int) bool {
	depth := 0
	for j := i - 1; j >= 0; j-- {
		switch s[j] {
		case '）', ')':
			depth++
		case '（', '(':
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// periodRe finds the period a quantity is counted over: 每次, 单笔, 全年,
// 一年内, 每月, 当月, 年度, 日均. periodOf checks the characters around a
// match (not 一次性, 第一年, 十一月, 本单位, 一年级, 全日制, 一月份).
var periodRe = mustScan(`(?:每|全|单|本|当|一|整)个?(年|季度|季|月|周|星期|天|日|次|笔|单|票|件)|(年|月|季)度|日(均)|(年)内`)

// periodOf is the last period text says a quantity is counted over (年,
// 季, 月, 周, 天, 次: 每笔, 每单, 每票 and 每件 count each one as 每次 does);
// "" for none.
func periodOf(text []rune) string {
	str := string(text)
	unit := ""
	for _, m := range periodRe.FindAllStringSubmatchIndex(str, -1) {
		u := ""
		for g := 1; g <= 4; g++ {
			if m[2*g] >= 0 {
				u = str[m[2*g]:m[2*g+1]]
			}
		}
		before, _ := utf8.DecodeLastRuneInString(str[:m[0]])
		after, _ := utf8.DecodeRuneInString(str[m[1]:])
		if m[2] >= 0 && (m[0] > 0 && strings.ContainsRune("第统同唯初十〇零一二两三四五六七八九百千万0123456789", before) || m[1] < len(str) && strings.ContainsRune("性级制位否期事份游", after)) {
			continue
		}
		unit = u
	}
	switch unit {
	case "季度":
		return "季"
	case "星期":
		return "周"
	case "日", "均": // (日均)
		return "天"
	case "笔", "单", "票", "件":
		return "次"
	}
	return unit
}

// prevEnd is where the candidate before the i-th ends (0 for the first).
func prevEnd(cands []cand, i int) int {
	if i == 0 {
		return 0
	}
	return cands[i-1].sp.e
}

// upperWords and lowerWords set a rule's bound on a quantity, said right
// before its number (最高不超过300元, 至少提前3天): the alias groups of 最多
// and 最少, and a few more.
var (
	upperWords = append(append([]string{"最多"}, zh.AliasesOf("最多")...), "不能超过", "不高于", "封顶")
	lowerWords = append(append([]string{"最少"}, zh.AliasesOf("最少")...), "不低于")
	boundWords = append(slices.Clone(upperWords), lowerWords...) // either way
)

// boundBefore reports whether a word setting an upper bound (ext 1) or a
// lower one (-1) stands in the six characters of the clause before
// position i of s.
func boundBefore(s []rune, i, ext int) bool {
	b := max(clauseStart(s, i), i-6)
	before := string(s[b:i])
	if ext > 0 {
		return containsAny(before, upperWords)
	}
	return containsAny(before, lowerWords)
}

// boundBonus is how much nearer a number counts whose rule bounds it the
// way the question asks (最多 … 最高不超过300元) (nearestMatch's distance).
const boundBonus = 20

// beforeAfterUnits follow the 一 of 上一, 下一 that means the one before
// or after (上一年度, 下一季度, 上一级).
var beforeAfterUnits = []string{"年", "季度", "个月", "月份", "财年", "级", "轮", "届", "阶段", "步", "个工作日", "周期"}

// uniqueBoundBonus is how much nearer still the sentence's one number so
// bounded counts.
const uniqueBoundBonus = 1000

// periodWeight is how much nearer a number counted over the question's
// period counts, and how much farther one counted over another
// (nearestMatch's distance).
const periodWeight = 30

// asidePenalty is what a number inside a bracketed aside costs
// (nearestMatch's distance).
const asidePenalty = 20

// doAdverbs say when or how a thing is to be done, before 做什么 (先做什么,
// 再做什么) and in the rule that says it (请先联系…).
const doAdverbs = "先再后还也"

// codeNumber reports whether the number at i is a grade's or a code's
// (P6, M2, E1005): one or two Latin letters right before it, not a
// currency's code (USD80, RMB1500 are sums).
func codeNumber(s []rune, i int) bool {
	if i == 0 || !unicode.IsDigit(s[i]) {
		return false
	}
	b := i
	for b > 0 && s[b-1] < utf8.RuneSelf && isLatinLetter(byte(s[b-1])) {
		b--
	}
	return i-b >= 1 && i-b <= 2
}

// verbBonus is how much nearer a number counts when the question's verb
// stands right before it (eval/enterprise with 0, 15, 20, 30: 0.7673,
// 0.7673, 0.7696, 0.7696; eval/office 0.8069, 0.8069, 0.8119, 0.8119;
// CMRC dev the same).
const verbBonus = 20.0

// identifiers are the shapes of the identifiers questions ask for, by the
// noun that names them.
// identifierShape is a kind of identifier: the nouns that name it and its
// shape.
type identifierShape struct {
	nouns []string
	re    *scanRe
}

var identifiers = []identifierShape{
	{[]string{"邮箱", "邮件地址", "电子邮件", "email", "e-mail", "mail"}, mustScan(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)},
	{[]string{"分机", "分机号", "内线", "内线电话"}, mustScan(`[0-9]{3,6}`)},                                                                     // 分机8231: the number nearest the word
	{[]string{"电话", "热线", "手机号", "联系电话", "号码"}, mustScan(`\+?[0-9]{2,4}[-－][0-9]{3,4}(?:[-－ ][0-9]{3,4})?|1[3-9][0-9]{9}|[0-9]{5,}`)}, // (0512-6876 3310)
	{[]string{"网址", "链接", "网站", "url", "域名", "官网"}, mustScan(`https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+|(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|io)(?:/[A-Za-z0-9._/-]*)?`)},
	{[]string{"目录", "路径", "文件夹"}, mustScan(`(?:/[A-Za-z0-9._-]+)+/?|[A-Za-z]:\\[A-Za-z0-9._\\ -]+|~/[A-Za-z0-9._/-]+|[A-Za-z0-9._-]+子?(?:目录|文件夹)`)},
	{[]string{"扩展名", "后缀名", "后缀", "文件类型", "格式"}, mustScan(`\.[A-Za-z0-9]{1,6}(?:\s*(?:和|与|及|、|,|，|或|/)\s*\.[A-Za-z0-9]{1,6})*`)},
	{[]string{"命令", "指令"}, mustScan(`[a-z][a-z0-9_.-]*(?: +(?:--?[A-Za-z0-9_-]+|[a-z0-9_./-]+))*`)},
	{[]string{"文件名", "配置文件", "安装包"}, mustScan(`[A-Za-z0-9_.-]+\.(?:conf|cfg|ini|yaml|yml|json|xml|toml|log|txt|sh|exe|msi|dmg|deb|rpm|apk|zip)`)},
	{[]string{"wi-fi", "wifi", "无线网", "ssid", "热点"}, mustScan(`(?i)[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+|[a-z]{2,}[0-9]+[a-z0-9]*`)},                                                         // a network's name: QL-Staff, CORP_5G
	{[]string{"税号", "纳税人识别号", "信用代码", "社会信用代码"}, mustScan(`(?i)[0-9a-z]{15,20}`)},                                                                                                       // 91320594MA1N7H2K3Q
	{[]string{"端口", "端口号"}, mustScan(`[0-9]{2,5}`)},                                                                                                                                     // 8443 端口
	{[]string{"编号", "代码", "型号", "版本号", "文件号", "工号", "代号", "错误码", "表号", "编码", "文号", "单号", "批号"}, mustScan(`(?i)[a-z][a-z0-9]*(?:-[a-z0-9]+)+|v[0-9]+(?:\.[0-9]+)+|[a-z]{1,4}[0-9]{2,}`)}, // (the sentence is folded: lower case)
}

// identifierFor is the shape of the identifier q asks for — 邮箱是多少,
// 哪个目录, 用什么命令, 文件编号是什么 — when the noun naming it stands right
// before or after the question word; nil when q asks for something else.
func identifierFor(q question) *scanRe {
	if q.letterCode != nil {
		return q.letterCode
	}
	re, _ := identifierNoun(q)
	return re
}

// identifierNoun is identifierFor's shape with the noun that names it (电话
// of 投诉电话是多少, 号 of 打哪个号); nil and "" when q asks no identifier.
func identifierNoun(q question) (*scanRe, string) {
	if q.kind != kindPhrase && q.kind != kindPlace && !(q.kind == kindNumber && q.unit == "") && q.wh != "几号" {
		return nil, "" // (电话几号: a number, not a day, when an identifier's noun says so)
	}
	left := strings.TrimRight(string(q.left), "是为的叫:： ")
	lr := []rune(left)
	before := string(lr[max(0, len(lr)-5):])
	rr := []rune(string(q.right))
	if m := countRe.FindString(string(rr)); m != "" {
		rr = rr[len([]rune(m)):] // 哪两种扩展名
	}
	after := string(rr[:min(len(rr), 5)])
	for _, id := range identifiers {
		for _, n := range id.nouns {
			if n == "格式" && !containsAny(string(q.folded), fileWords) {
				continue // 每一行是什么格式: a line's form, not a file's extension
			}
			if strings.HasSuffix(strings.ToLower(before), n) || strings.HasPrefix(strings.ToLower(after), n) {
				return id.re, n
			}
		}
	}
	if strings.HasPrefix(after, "号") && hasAnySuffix(before, "打", "拨") {
		return phoneRe, "号" // 打哪个号: a telephone's
	}
	return nil, ""
}

// phoneRe is the shape of a telephone number (identifiers' 电话).
var phoneRe = identifiers[slices.IndexFunc(identifiers, func(id identifierShape) bool { return slices.Contains(id.nouns, "电话") })].re

// letterCodeFor is the shape of a code asked by its letters and 几 (职级最
// 高到P几 … P12, M几 … M6): those letters and a number; nil for other
// questions. parseQuestion keeps it in q.letterCode.
func letterCodeFor(q question) *scanRe {
	if q.wh != "几" {
		return nil
	}
	l := q.left
	i := len(l)
	for i > 0 && i > len(l)-10 && l[i-1] < 0x80 && unicode.IsLetter(l[i-1]) {
		i--
	}
	if i == len(l) || i > 0 && l[i-1] < 0x80 && unicode.IsLetter(l[i-1]) {
		return nil
	}
	return newScan(`(?i)\b` + regexp.QuoteMeta(string(l[i:])) + ` ?[0-9]+`) // (P12, Android 9)
}

// extremeCode is the match of re in s whose number is the greatest (ext >
// 0) or the least (ext < 0).
func extremeCode(re *scanRe, s []rune, ext int) (span, bool) {
	str := string(s)
	toRune := runeOffsets(str)
	best, bestN, found := span{}, 0, false
	for _, m := range re.FindAllStringIndex(str, -1) {
		d := strings.IndexFunc(str[m[0]:m[1]], unicode.IsDigit)
		n, err := strconv.Atoi(str[m[0]+d : m[1]])
		if err != nil {
			continue
		}
		if !found || ext > 0 && n > bestN || ext < 0 && n < bestN {
			best, bestN, found = span{toRune[m[0]], toRune[m[1]]}, n, true
		}
	}
	return best, found
}

// fileWords name files, whose 格式 is an extension.
var fileWords = []string{"文件", "图片", "附件", "视频", "照片", "文档", "安装包", "表格"}

// ahead is the text from i on, as far as a unit or a range's second end
// can reach: each number looks no further, so a sentence's numbers cost
// time in proportion to its length.
func ahead(s []rune, i int) []rune {
	return s[i:min(len(s), i+32)]
}

// formula widens a number multiplied or divided by other terms to the
// whole formula (用户数×平均配额×1.3: the size is the formula, not 1.3);
// a term runs over letters, digits and Han characters.
func formula(s []rune, sp span) span {
	// (Not * : Markdown's bold, **5**天, is no product.)
	isOp := func(r rune) bool { return r == '×' || r == '÷' }
	// A term is a word or a number, up to eight characters, and stops at
	// the words that join it to the sentence (按出差天数×100元: 出差天数).
	term := func(r rune) bool {
		return (unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '%') && !strings.ContainsRune("的按为是在将以和与及或即", r)
	}
	const maxTerm, maxTerms = 8, 6
	b, e := sp.s, sp.e
	for n := 0; n < maxTerms && b > 0 && isOp(s[b-1]); n++ {
		b--
		for k := 0; k < maxTerm && b > 0 && term(s[b-1]); k++ {
			b--
		}
	}
	for n := 0; n < maxTerms && e < len(s) && isOp(s[e]); n++ {
		e++
		for k := 0; k < maxTerm && e < len(s) && term(s[e]); k++ {
			e++
		}
	}
	return span{b, e}
}

// countRe finds a count at the start of a question's words after its
// question word (两种, 几个, 一个).
var countRe = mustScan(`^[一二两三四五六七八九十几0-9]+[个种类条项位款]?`)

// labelRe finds a class's label: B级, 第三档, 二类, 五星, A类.
var labelRe = mustScan(`第?[A-Za-z0-9一二三四五六七八九十]{1,3}(?:级|档|类|等|星)`)

// asksLabel reports whether q asks which class something falls in: the
// question word stands before 级, 档, 类, 等级 … or after 第.
func asksLabel(q question) bool {
	r := string(q.right)
	for _, w := range []string{"等级", "级别", "档次", "类别", "级", "档", "类", "星"} {
		if strings.HasPrefix(r, w) {
			return true
		}
	}
	return strings.HasSuffix(string(q.left), "第") && (q.wh == "几" || q.wh == "多少")
}

// listMarker reports whether the number at sp numbers a list item — （1）,
// 1., 2、 at a sentence's start — rather than says a quantity.
func listMarker(s []rune, sp span) bool {
	if sp.s > 0 && sp.e < len(s) && strings.ContainsRune("（(", s[sp.s-1]) && strings.ContainsRune("）)", s[sp.e]) {
		// (1), （十二）: an item's number, not a quantity said in brackets
		// (夜班（23:00—次日7:00）, （含30分钟）).
		return sp.e-sp.s <= 2 && !strings.ContainsFunc(string(s[sp.s:sp.e]), func(r rune) bool { return !unicode.IsDigit(r) && !strings.ContainsRune(cnNumerals, r) })
	}
	i := sp.s
	for i > 0 && unicode.IsSpace(s[i-1]) {
		i--
	}
	return i == 0 && sp.e < len(s) && strings.ContainsRune("、.．", s[sp.e]) && (sp.e+1 >= len(s) || !unicode.IsDigit(s[sp.e+1]))
}

// unitKinds group measure words that answer the same question: 几天 is
// answered by 3个工作日 as well as by 3天.
var unitKinds = [][]string{
	{"天", "日", "个工作日", "工作日", "个自然日", "自然日", "晚"},
	{"月", "个月"},
	{"小时", "个小时", "钟头"},
	{"周", "个星期", "星期", "个周"},
	{"分钟", "分"},
	moneyUnits,
	{"人", "名", "位", "个", "万人"},
	{"楼", "层"},
	{"度", "℃", "°C", "摄氏度"},
	{"次", "回", "遍", "趟"},
	{"台", "部", "个"},
	{"GB", "MB", "TB", "KB", "G", "M", "T"},
	shareUnits,
}

// lengthUnits and weightUnits are the units of a length and of a weight.
var (
	lengthUnits = []string{"米", "厘米", "毫米", "公里", "千米", "里", "公尺", "公分", "公厘", "公釐", "英里", "英尺", "英寸", "海里", "光年", "km", "m", "cm", "mm"}
	weightUnits = []string{"吨", "公斤", "千克", "克", "斤", "公吨", "磅", "t", "kg", "g"}
)

// moneyUnits and shareUnits are the units of a sum of money and of a share
// (几个点 … 7%, 打几折 … 90%).
var (
	moneyUnits = []string{"元", "块", "块钱", "万元", "亿元", "美元", "港元", "欧元", "日元"}
	shareUnits = []string{"%", "％", "‰", "折", "个点", "个百分点"}
)

// sameUnitKind reports whether found (the unit after a number) answers a
// question asking in unit asked.
func sameUnitKind(asked, found string) bool {
	found, asked = strings.TrimSpace(found), strings.TrimSpace(asked)
	if found == "" {
		return false
	}
	if asked == found || strings.HasSuffix(found, asked) || strings.EqualFold(asked, found) {
		return true
	}
	if asked == "回" || asked == "次" {
		return found == "次" || found == "回" // 放几回鸽子 … 爽约3次
	}
	if asked == "方" || asked == "立方" {
		return found == "立方米" || found == "立方" || found == "方" || found == "m³" // 几方水 … 5立方米
	}
	if asked == unitSize {
		for _, u := range []string{"GB", "MB", "TB", "KB", "G", "M", "T", "平方米", "平方公里", "平方千米", "公顷", "亩", "%", "％", "倍"} {
			if strings.EqualFold(found, u) {
				return true
			}
		}
		return false
	}
	if asked == unitMoney {
		return slices.Contains(moneyUnits, found)
	}
	if asked == unitLength || asked == unitWeight {
		us := lengthUnits
		if asked == unitWeight {
			us = weightUnits
		}
		return slices.ContainsFunc(us, func(u string) bool { return strings.EqualFold(found, u) })
	}
	if asked == unitShare || asked == "倍" {
		// (几倍工资 … 按300%支付: a multiple said as a share)
		return slices.Contains(shareUnits, found) || found == "倍"
	}
	if asked == unitDuration || asked == unitFrequency {
		for _, u := range []string{"天", "日", "个工作日", "工作日", "个自然日", "个月", "月", "年", "周", "个星期", "星期", "小时", "个小时", "分钟", "秒"} {
			if found == u {
				return true
			}
		}
		return false
	}
	for _, k := range unitKinds {
		a, f := false, false
		for _, u := range k {
			a = a || u == asked
			f = f || u == found
		}
		if a && f {
			return true
		}
	}
	return false
}

// labels reports whether the numeral ending at i names a class rather than
// counts (一类城市, 二等座, 三级, 二年级): the character after it is a
// label word.
func labels(s []rune, i int) bool {
	return i < len(s) && (strings.ContainsRune("类等级档型号期线批届", s[i]) || strings.HasPrefix(string(s[i:min(i+2, len(s))]), "年级"))
}

// questionBigrams are the content bigrams of the question around its
// question word.
func questionBigrams(q question) map[[2]rune]bool {
	out := ownBigrams(q)
	add := func(part []rune) { addBigrams(out, part) }
	// 一件, 一笔, 一次 said of each one: a document writes 单件, 每笔, 单次;
	// 一年, 一天 said of each: 全年, 每年, 每天.
	for _, part := range [][]rune{q.left, q.right} {
		for i := 0; i+1 < len(part); i++ {
			if part[i] != '一' || i > 0 && strings.ContainsRune(cnNumerals+"第同统唯", part[i-1]) {
				continue
			}
			switch m := part[i+1]; {
			case strings.ContainsRune(measureChars, m):
				out[[2]rune{'单', m}], out[[2]rune{'每', m}] = true, true
			case m == '年' || m == '天' || m == '月' || m == '周':
				out[[2]rune{'全', m}], out[[2]rune{'每', m}] = true, true
			}
		}
	}
	// And those of the words a document may write for the question's (一
	// 年里 … 全年, 加起来 … 累计).
	for _, a := range q.aliases {
		for _, o := range a.Others {
			add([]rune(o))
		}
	}
	return out
}

// saidBigrams is qb without the bigrams of an alias of the question's
// words longer than two characters that text does not hold whole (试用 of
// 试用期满 for 转正, beside 试用期员工 … 转正员工 …), unless the question's
// own words (own) hold them: a part of a word a document may write for the
// question's is not that word. qb is changed.
func saidBigrams(qb map[[2]rune]bool, q question, text string, own map[[2]rune]bool) map[[2]rune]bool {
	for _, a := range q.aliases {
		for _, o := range a.Others {
			r := []rune(o)
			if len(r) <= 2 || strings.Contains(text, o) {
				continue
			}
			for i := 0; i+1 < len(r); i++ {
				if b := [2]rune{r[i], r[i+1]}; !own[b] {
					delete(qb, b)
				}
			}
		}
	}
	return qb
}

// ownBigrams are the bigrams of the question's own words, without those
// of the words a document may write for them.
func ownBigrams(q question) map[[2]rune]bool {
	out := map[[2]rune]bool{}
	for _, part := range [][]rune{q.left, q.right} {
		addBigrams(out, part)
	}
	return out
}

// addBigrams adds to set the bigrams of part's content characters.
func addBigrams(set map[[2]rune]bool, part []rune) {
	for i := 0; i+1 < len(part); i++ {
		if isContent(part[i]) && isContent(part[i+1]) {
			set[[2]rune{part[i], part[i+1]}] = true
		}
	}
}

// clauseBigrams are the question's bigrams in the part of within that is
// in the same clause as the position at (a clause ends at 。，；、 and the
// like, and at a list's lead-in colon, not at a time's).
func clauseBigrams(s []rune, within span, at int, qb map[[2]rune]bool) map[[2]rune]bool {
	mark := func(i int) bool {
		if s[i] == ':' || s[i] == '：' {
			return !(i > 0 && i+1 < len(s) && unicode.IsDigit(s[i-1]) && unicode.IsDigit(s[i+1]))
		}
		return strings.ContainsRune("，。；！？,;!?、\n", s[i])
	}
	// Back from at, a 、 joins the labels the quantity is said of (三类、
	// 四类城市每天60元), and within stops at the number before.
	b := at
	for b > within.s && (!mark(b-1) || s[b-1] == '、') {
		b--
	}
	e := at
	for e < within.e && !mark(e) {
		e++
	}
	out := map[[2]rune]bool{}
	for i := b; i+1 < e; i++ {
		if k := [2]rune{s[i], s[i+1]}; qb[k] {
			out[k] = true
		}
	}
	return out
}

// rangeTail is the second end of a range after a number: a dash or 至/到,
// then a number or time with its unit.
var rangeTail = mustScan(`^\s*(?:—|–|-|~|～|至|到)\s*(?:次年|翌年|次月|次日|早上|上午|中午|下午|晚上|凌晨)?(?:[0-9]{1,2}[:：][0-9]{2}|[0-9][0-9,]*(?:\.[0-9]+)?)(?:%|％|个工作日|个月|小时|分钟|元|天|年|日|周|次|人|岁|点半|点|倍)?`)

// leadWords join an answer to what comes before it in its sentence; they
// are trimmed from its start, longest first.
var leadWords = []string{"又称为", "也称为", "被称为", "又称", "又名", "也称", "别称", "俗称", "简称", "亦称", "也叫",
	"又叫", "称为", "叫做", "名为", "是由", "是在", "位于", "是", "为", "于", "在", "由", "被", "叫", "称", "有", "即", "的"}

// startsWord reports whether the first n characters of text begin a
// longer word of the dictionary (以色列, 如果, 字母): then they are not a
// joining word to trim.
func startsWord(text []rune, n int) bool {
	seg, err := zh.Default()
	if err != nil {
		return true // no dictionary to tell: keep the text whole
	}
	words := seg.Cut(string(text[:min(len(text), 8)]))
	return len(words) > 0 && utf8.RuneCountInString(words[0]) > n
}

// endsWord reports whether the last n characters of text end a longer
// word of the dictionary (研究所, 派出所).
func endsWord(text []rune, n int) bool {
	seg, err := zh.Default()
	if err != nil {
		return true
	}
	words := seg.Cut(string(text[max(0, len(text)-8):]))
	return len(words) > 0 && utf8.RuneCountInString(words[len(words)-1]) > n
}

// moreLeadWords and tailWords join an answer to its sentence too: a verb
// or preposition before it (呈米黄色, 与夏侯玄, 字修之), a title or particle
// after it (何佩芳女士, 四尖兽所). Each was measured alone on CMRC dev and
// kept only if EM rose and F1 did not fall (至, 取, 将, 地区, 时期 … fell);
// together EM / F1 34.02 / 58.28 → 34.73 / 58.41.
var (
	moreLeadWords = []string{"呈", "如", "与", "字", "号", "以"}
	tailWords     = []string{"女士", "先生", "所", "之一", "一样"}
)

// clean trims an answer span of punctuation, space and the function words
// that join it to its sentence (是, 为, 的 …).
func clean(s []rune, sp span) span {
	sp.s, sp.e = max(0, min(sp.s, len(s))), max(0, min(sp.e, len(s)))
	if sp.e < sp.s {
		sp.e = sp.s
	}
	for sp.s < sp.e && (unicode.IsSpace(s[sp.s]) || unicode.IsPunct(s[sp.s]) && !strings.ContainsRune("《“「（(", s[sp.s]) && !minusAt(s, sp.s)) {
		sp.s++
	}
	// A closing mark and a percent sign stay: they are the answer's own
	// (8%, not 8).
	for sp.e > sp.s && (unicode.IsSpace(s[sp.e-1]) || unicode.IsPunct(s[sp.e-1]) && !strings.ContainsRune("》”」）)%％‰", s[sp.e-1])) {
		sp.e--
	}
	for _, p := range leadWords {
		pr := []rune(p)
		if sp.e-sp.s > len(pr)+1 && string(s[sp.s:sp.s+len(pr)]) == p {
			sp.s += len(pr)
			break
		}
	}
	for _, p := range moreLeadWords {
		pr := []rune(p)
		if sp.e-sp.s > len(pr)+1 && string(s[sp.s:sp.s+len(pr)]) == p && !startsWord(s[sp.s:sp.e], len(pr)) {
			sp.s += len(pr)
			break
		}
	}
	for _, p := range []string{"的", "了", "等"} {
		pr := []rune(p)
		if sp.e-sp.s > len(pr)+1 && string(s[sp.e-len(pr):sp.e]) == p {
			sp.e -= len(pr)
		}
	}
	for _, p := range tailWords {
		pr := []rune(p)
		if sp.e-sp.s > len(pr)+1 && string(s[sp.e-len(pr):sp.e]) == p && !endsWord(s[sp.s:sp.e], len(pr)) {
			sp.e -= len(pr)
			break
		}
	}
	for sp.s < sp.e && unicode.IsSpace(s[sp.s]) {
		sp.s++
	}
	for sp.e > sp.s && unicode.IsSpace(s[sp.e-1]) {
		sp.e--
	}
	return sp
}

// roleWords stand before a person's name (唐代诗人李白): an answer naming a
// person keeps what follows the last of them.
var roleWords = []string{"诗人", "词人", "作家", "画家", "文学家", "哲学家", "思想家", "政治家", "军事家", "科学家",
	"数学家", "物理学家", "化学家", "学者", "作者", "导演", "演员", "歌手", "皇帝", "总统", "主席", "教授", "将军",
	"律师", "牧师", "医生", "院长", "会长", "大师", "主教", "法师", "博士", "总干事", "主持人", "设计师", "建筑师"}

func trimRole(s []rune, sp span) span {
	for _, r := range roleWords {
		rr := []rune(r)
		for i := sp.e - len(rr); i >= sp.s; i-- {
			if string(s[i:i+len(rr)]) == r {
				if sp.e-(i+len(rr)) >= 2 {
					sp.s = i + len(rr)
				}
				break
			}
		}
	}
	return sp
}

// locatingRe finds the words that locate a thing, the place after them
// (位于菲律宾吕宋岛…, 地址为…, 籍贯浙江…).
var locatingRe = mustScan(`位于|坐落于|坐落在|地处|设于|设在|地址为|地址是|地址：|籍贯为|籍贯是|籍贯|出生于|生于|流入|注入|迁至|迁往|搬到`)

// placeSaid is the place a sentence locates something in, nearest sp: the
// clause after a word that locates (位于, 地址为, 籍贯) — none the question
// says itself. (Addresses found by their parts, 省, 市, 区 …, were tried as
// well and measured no better: CMRC dev the same, their starts hard to
// tell.)
func placeSaid(s []rune, sp span, question []rune) (span, bool) {
	str := string(s)
	n := newNearestTo(sp)
	for _, m := range locatingRe.FindAllStringIndex(str, -1) {
		b := utf8.RuneCountInString(str[:m[1]])
		if c := clean(s, span{b, clauseEnd(s, b)}); c.e-c.s >= 2 && c.e-c.s <= 30 && !strings.Contains(string(question), string(s[c.s:c.e])) {
			n.add(c)
		}
	}
	return n.found()
}

// soleRole is the office or post (roleRe) a sentence names, when it names
// one, with the words before it that name whose it is (仓库经理, 设备科,
// 安全环保部) — not one the question names itself. Of several, which one
// answers is the one a condition or an order picks (销售经理可以赠送不超过5
// 人天，区域销售总监不超过15人天), not the nearest: none.
func soleRole(s []rune, question []rune) (span, bool) {
	str := string(s)
	var ms [][]int
	for _, m := range roleRe.FindAllStringIndex(str, -1) {
		if next, _ := utf8.DecodeRuneInString(str[m[1]:]); strings.ContainsRune("技学分门件署位", next) {
			continue // 信息科技, 工程科学, 产品部分, 质检部门: inside a longer word
		}
		ms = append(ms, m)
	}
	if len(ms) != 1 {
		return span{}, false
	}
	b, e := utf8.RuneCountInString(str[:ms[0][0]]), utf8.RuneCountInString(str[:ms[0][1]])
	if roleOwnsPrefix(str[ms[0][0]:ms[0][1]]) {
		// 经理, 主管: whose post it is, said before it (仓库经理), up to
		// four characters.
		for at := b; b > 0 && at-b < 4 && unicode.Is(unicode.Han, s[b-1]) && !strings.ContainsRune(roleStops, s[b-1]); {
			b--
		}
	}
	if strings.Contains(string(question), string(s[b:e])) {
		return span{}, false
	}
	return span{b, e}, true
}

// roleOwnsPrefix reports whether a post roleRe found is said bare (经理,
// 主管, 负责人), so that the words before it say whose it is; an office
// found with its own name (设备科, 安全环保部) is whole.
func roleOwnsPrefix(role string) bool {
	switch {
	case strings.HasSuffix(role, "部"), strings.HasSuffix(role, "组"), strings.HasSuffix(role, "处"), strings.HasSuffix(role, "科"), strings.HasSuffix(role, "中心"):
		return utf8.RuneCountInString(role) <= 2 // (部门 alone: 研发部门)
	}
	return true
}

// roleStops are the characters that end the words naming whose an office
// or post is, read back from it: prepositions, conjunctions, particles,
// verbs of asking and approving (由仓库经理, 报部门经理, 经设备科).
const roleStops = "由经向对给被让请须应在和与及或并的了是为报交送找各每该本即后前时"

// skipAside moves a position past an aside that opens there — a bracketed
// gloss (（英语：…）, (学名…)) and the comma after it — which stands between
// a subject and what is said of it.
func skipAside(s []rune, i int) int {
	for i < len(s) && (s[i] == '（' || s[i] == '(') {
		depth, j := 0, i
		for ; j < len(s); j++ {
			if s[j] == '（' || s[j] == '(' {
				depth++
			} else if s[j] == '）' || s[j] == ')' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j >= len(s) {
			return i
		}
		i = j + 1
		for i < len(s) && (s[i] == '，' || s[i] == ',' || s[i] == ' ') {
			i++
		}
	}
	return i
}

// typeNoun is the noun right after the question word (哪位运动员 → 运动员).
func typeNoun(seg *zh.Segmenter, q question) string {
	if seg == nil || len(q.right) == 0 {
		return ""
	}
	words := q.afterWords(seg)
	if len(words) == 0 || utf8.RuneCountInString(words[0]) < 2 {
		return ""
	}
	// A noun (谁作为使者: 作为 is a verb, not the kind of person asked).
	if pos := seg.PartOfSpeech(words[0]); pos != "" && !strings.HasPrefix(pos, "n") {
		return ""
	}
	return words[0]
}

// namedAfterKind is the name a sentence gives right after the noun of the
// kind of person asked (哪一位建筑师设计了主场馆 … 主场馆由日本建筑师伊东
// 丰雄设计: 伊东丰雄), wherever the question's other words align: up to the
// clause's end, a word the question says (设计) or a word that joins it to
// what it did (的, 在, 于 …). None when the sentence says the noun more than
// once, or the name is the question's own.
func namedAfterKind(seg *zh.Segmenter, q question, s []rune) (span, bool) {
	t := typeNoun(seg, q)
	if t == "" {
		return span{}, false
	}
	b, ok := afterSole(s, t)
	if !ok {
		return span{}, false
	}
	return nameAfter(s, b, q, "", false) // (设计 of 伊东丰雄设计: what the question says the person did)
}

// afterSole is where the one use of w in s ends (ok false when s says it
// less or more than once).
func afterSole(s []rune, w string) (int, bool) {
	str := string(s)
	if w == "" || strings.Count(str, w) != 1 {
		return 0, false
	}
	return utf8.RuneCountInString(str[:strings.Index(str, w)]) + utf8.RuneCountInString(w), true
}

// nameAfter is the name a sentence gives from position b: Chinese
// characters and · (and Latin letters when latin), fewer than twelve, up
// to a word joining it to what follows (nameStops and stops) or to words
// the question says of the one asked (伊东丰雄设计, 方文山长期合作); none
// shorter than two or the question's own.
func nameAfter(s []rune, b int, q question, stops string, latin bool) (span, bool) {
	qb := questionBigrams(q)
	e := b
	for e < len(s) && e-b < 12 && (unicode.Is(unicode.Han, s[e]) || s[e] == '·' || latin && unicode.IsLetter(s[e])) && !strings.ContainsRune(nameStops+stops, s[e]) {
		if e+1 < len(s) && e > b && qb[[2]rune{s[e], s[e+1]}] {
			break
		}
		e++
	}
	if e-b < 2 || e-b >= 12 || strings.Contains(string(q.folded), string(s[b:e])) {
		return span{}, false
	}
	return span{b, e}, true
}

// nameStops join a name to what follows it in a sentence.
const nameStops = "的是在于和与及并等了被由把将为曾也则就都所"

// doerBefore answers 担任指挥的人是谁 by who a sentence says did it: the
// words opening the clause in which the question's deed follows them (…，邬
// 析零担任指挥。: 邬析零) — the deed the longest end of the question's
// words before 的(人)是谁 that the sentence says.
func doerBefore(q question, s []rune) (span, bool) {
	if q.wh != "谁" {
		return span{}, false
	}
	left := string(q.left)
	deed := ""
	if right := string(trimRunes(q.right)); right != "" {
		// 转正考核谁来考, 转正考核由谁负责 … 由店长或部门负责人进行转正
		// 考核: the matter said before 谁, and a doing after it.
		if !doingAskedRe.MatchString(right) {
			return span{}, false
		}
		deed = strings.TrimSuffix(left, "由")
	}
	for _, suf := range []string{"的人是", "的人为", "的人物是", "的是", "者是"} {
		if d, ok := strings.CutSuffix(left, suf); ok && deed == "" {
			deed = d
			break
		}
	}
	str := string(s)
	r := []rune(deed)
	for k := 2; k <= len(r); k++ {
		if !strings.Contains(str, string(r[len(r)-k:])) {
			r = r[len(r)-k+1:]
			break
		}
	}
	if len(r) < 4 || !strings.Contains(str, string(r)) {
		return span{}, false // (董事长 of 接任台积电董事长: a post, no deed said)
	}
	at := utf8.RuneCountInString(str[:strings.Index(str, string(r))])
	b := clauseStart(s, at)
	for i := at - 1; i > b; i-- {
		if strings.ContainsRune("由经", s[i]) {
			b = i + 1 // 当时由邬析零担任指挥: who, after the 由 that names them
			break
		}
	}
	for b < at && strings.ContainsRune("由则并且而便即就", s[b]) {
		b++
	}
	if at-b > 2 && hasAnySuffix(string(s[b:at]), "进行", "负责", "组织", "实施", "开展", "统一") {
		at -= 2 // 由店长或部门负责人进行转正考核: who, not the light verb
	}
	for i := b; i < at; i++ {
		if !unicode.Is(unicode.Han, s[i]) && s[i] != '·' {
			return span{}, false
		}
	}
	if at-b < 2 || at-b > 8 || strings.Contains(string(q.folded), string(s[b:at])) {
		return span{}, false
	}
	return span{b, at}, true
}

// spanRangeEnd is the end of the range m of a sentence (1,000至20,000元,
// 9:00—18:00) the question's extreme asks: its upper end for 最多, 最晚
// (ext 1); its lower for 最少, 最早 when that end carries its own unit; m
// itself when it is no range. (rangeEnd does it for a table's cell, whose
// value is a string of its own and may take the unit from the other end.)
func spanRangeEnd(s []rune, m span, ext int) span {
	for k := m.s + 1; k < m.e-1; k++ {
		if !strings.ContainsRune("至到—–~～", s[k]) {
			continue
		}
		lo, hi := clean(s, span{m.s, k}), clean(s, span{k + 1, m.e})
		if !unicode.IsDigit(s[lo.e-1]) && !strings.ContainsRune("元天年月日次人岁时分点%", s[lo.e-1]) || hi.e-hi.s == 0 || lo.e-lo.s == 0 {
			return m
		}
		if ext > 0 {
			return hi
		}
		if !unicode.IsDigit(s[lo.e-1]) || strings.ContainsAny(string(s[lo.s:lo.e]), ":：") {
			return lo // 8:30—9:00 … 最早: 8:30; 3天至5天: 3天
		}
		return m
	}
	return m
}

// consequenceAskedRe finds a question asking what follows a case (会怎么样,
// 会怎样, 有什么后果).
var consequenceAskedRe = mustScan(`(?:会|将)(?:怎么样|怎样|咋样|如何)[?？]?$|(?:有|会有)(?:什么|啥)(?:后果|影响)[?？]?$`)

// contentRunes counts the letters and digits of s.
func contentRunes(s []rune) int {
	n := 0
	for _, r := range s {
		if isContent(r) {
			n++
		}
	}
	return n
}

// doingAskedRe is what a question asks who does after its 谁 (谁来考,
// 谁负责, 由谁审批, 谁说了算).
var doingAskedRe = mustScan(`^(?:来|去)?(?:考|做|办|管|批|审批|审核|负责|处理|定|决定|组织|安排|签字|评定|考核|主持|说了算)(?:呢|啊|呀)?$`)

// relationName answers 《张居正》的作者是谁, 朱椿的母亲是谁 by the name a
// sentence gives right after the relation the question names (作者熊召政,
// 母亲为郭惠妃), when it names that relation once.
func relationName(q question, s []rune) (span, bool) {
	if q.wh != "谁" || len(trimRunes(q.right)) > 0 {
		return span{}, false
	}
	left := strings.TrimSuffix(string(q.left), "是")
	if left == string(q.left) {
		return span{}, false
	}
	r := []rune(left)
	i := len(r)
	for i > 0 && len(r)-i < 4 && unicode.Is(unicode.Han, r[i-1]) && r[i-1] != '的' {
		i--
	}
	rel := string(r[i:])
	if utf8.RuneCountInString(rel) < 2 {
		return span{}, false
	}
	b, ok := afterSole(s, rel)
	if !ok {
		return span{}, false
	}
	for b < len(s) && strings.ContainsRune("是为：:", s[b]) {
		b++
	}
	return nameAfter(s, b, q, "其", true)
}

// resultRe finds the word that opens a result after its cause; concessionRe
// the word that turns from a concession to what holds (虽然…，但…).
var (
	resultRe     = mustScan(`所以|因此|因而|于是|以致|故而|从而`)
	concessionRe = mustScan(`但是|但|然而|不过`)
)

// why reports whether q asks for a cause (为什么, 为何, 什么原因).
func why(q question) bool {
	return q.wh == "为什么" || q.wh == "为何" || q.wh == "什么原因"
}

// asksCause reports whether q asks for a cause or a purpose: why, or 原因
// and 目的 asked as a thing (parseQuestion).
func asksCause(q question) bool {
	return why(q) || q.kind == kindReason && q.wh == "什么"
}

// purposeRe finds a purpose said with 为…而 (为抵御北方游牧民族侵袭而修筑);
// it also finds 认为…而, 作为…而, 因为…而: it only weighs a sentence as one
// saying a cause or a purpose, which those do too.
var purposeRe = mustScan(`为([^，。；：、而为]{2,24})而`)

// causeRe finds where a cause or a purpose is stated: 因为, 由于, 因 (but
// not 因此, 因而), 为了, 以免.
var causeRe = mustScan(`因为|由于|为了|以免|因[^此而]`)

var (
	// 马丁·理察德, 高德菲·哈罗德·哈代, 史蒂芬·金
	foreignNameRe = mustScan(`\p{Han}{1,6}(·\p{Han}{1,8})+`)
	// Georg Marcgraf
	latinNameRe = mustScan(`[A-Z][a-zA-Z]+( [A-Z][a-zA-Z]+)+`)
	// 由丁善玺执导, 由黄韵诗主唱: the doer after 由, before the deed.
	byWhomRe = mustScan(`由(\p{Han}{2,4}?)(执导|导演|主演|主唱|演唱|设计|提出|发明|创立|建立|创办|编写|编撰|所著|撰写|著|出版|发行|领导|率领|主持|描述|命名|发现|担任|开发|制作|作曲|作词|演出|饰演|负责)`)
	// 由区域销售总监审批, 须经部门总监批准, 报总经理审批: who approves, in
	// a rule (a role, as often as a name).
	approverRe = mustScan(`(?:须由|需由|还须由|由|须经|需经|应经|须报|报请|还须|还需|须|需|报|经)((?:\p{Han}|[、和及与]){2,16}?)(?:共同|统一|负责)?(审批|批准|审核|签批|核准|签字|同意|承担|处理|办理|受理)`)
)

// nearestName finds a person's name in s inside or nearest the gap: a
// transliterated name joined by ·, a Latin name, the doer after 由, or a
// word seg's dictionary tags as a person name (none when seg is nil). Names
// the question holds are not answers.
func nearestName(seg *zh.Segmenter, s []rune, gap span, question []rune) (span, bool) {
	str := string(s)
	toRune := runeOffsets(str)
	var cands []span
	for _, m := range foreignNameRe.FindAllStringIndex(str, -1) {
		c := span{toRune[m[0]], toRune[m[1]]}
		// The regexp takes up to six characters before the first ·; a name
		// does not run across 的, 和, 由 … (剑桥大学的马丁·理察德).
		for i := c.s; i < c.e && s[i] != '·'; i++ {
			if strings.ContainsRune("的之和与由是在了被及为", s[i]) {
				c.s = i + 1
			}
		}
		// Nor across a word before it (兼数学家西蒙·纽康): the given name
		// is the last word the segmenter cuts from what stands before ·.
		if seg != nil {
			dot := c.s
			for dot < c.e && s[dot] != '·' {
				dot++
			}
			if words := seg.Cut(string(s[c.s:dot])); len(words) > 1 {
				last := words[len(words)-1]
				if n := utf8.RuneCountInString(last); n >= 2 {
					c.s = dot - n
				}
			}
		}
		{
			// After its last ·, a name runs over the characters names are
			// transliterated with (哈代, 科夫斯基), not into the words after
			// it (哈代首先在, 曼森第二张). (CMRC dev EM 39.61 → 40.04, F1
			// 60.59 → 60.67; the same set bounding the name before its
			// first ·, instead of the segmenter's last word: EM 39.98.) A
			// character the table lacks goes on the name unless it starts a
			// word (斯大林, not 哈代首先): EM 40.23 → 40.29.
			last := c.e - 1
			for last > c.s && s[last] != '·' {
				last--
			}
			e := last + 1
			for e < c.e && (strings.ContainsRune(translit, s[e]) || nameGoesOn(seg, s, e)) {
				e++
			}
			if e > last+1 {
				c.e = e
			}
		}
		cands = append(cands, c)
	}
	for _, m := range latinNameRe.FindAllStringIndex(str, -1) {
		cands = append(cands, span{toRune[m[0]], toRune[m[1]]})
	}
	for _, m := range byWhomRe.FindAllStringSubmatchIndex(str, -1) {
		cands = append(cands, span{toRune[m[2]], toRune[m[3]]})
	}
	for _, m := range approverRe.FindAllStringSubmatchIndex(str, -1) {
		cands = append(cands, span{toRune[m[2]], toRune[m[3]]})
	}
	if seg != nil {
		pos := 0
		for _, w := range seg.Cut(str) {
			i := strings.Index(str[pos:], w)
			if i < 0 {
				continue
			}
			b := pos + i
			pos = b + len(w)
			if strings.HasPrefix(seg.PartOfSpeech(w), "nr") && utf8.RuneCountInString(w) >= 2 {
				c := span{toRune[b], toRune[pos]}
				if allTranslit(s[c.s:c.e]) {
					// A name the segmenter cut short (吉利舍/维奇): as far
					// as the transliterating characters go. (CMRC dev EM
					// 40.04 → 40.17.)
					for c.s > 0 && strings.ContainsRune(translit, s[c.s-1]) && c.e-c.s < 8 {
						c.s--
					}
					for c.e < len(s) && strings.ContainsRune(translit, s[c.e]) && c.e-c.s < 8 {
						c.e++
					}
				}
				cands = append(cands, c)
			}
		}
	}
	best, bestDist := span{}, -1
	for _, c := range cands {
		if strings.Contains(string(question), string(s[c.s:c.e])) {
			continue
		}
		d := distance(c, gap)
		// Prefer the longer of two equally near names (马丁·理察德 over 马丁).
		if bestDist < 0 || d < bestDist || (d == bestDist && c.e-c.s > best.e-best.s) {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 || bestDist > 20 {
		return span{}, false
	}
	return best, true
}

// nameGoesOn reports whether a character the transliteration table lacks
// still belongs to a name (斯大林's 大): a Han character that is no joining
// word and starts no dictionary word of two characters or more within the
// name's run (not 首 of 首先, 第 of 第二, 在).
func nameGoesOn(seg *zh.Segmenter, s []rune, i int) bool {
	if !unicode.Is(unicode.Han, s[i]) || strings.ContainsRune(stopChars, s[i]) || seg == nil {
		return false
	}
	words := seg.Cut(string(s[i:min(len(s), i+4)]))
	return len(words) == 0 || utf8.RuneCountInString(words[0]) < 2 || seg.PartOfSpeech(words[0]) == ""
}

// translit are the characters foreign names are transliterated with
// (Xinhua's table, the common ones): 阿, 德, 斯, 基, 娜 …
const translit = "阿埃艾爱安昂奥巴白拜班邦保鲍贝本比彼毕宾波伯勃布查达戴丹道德登邓迪蒂丁东杜敦多厄恩尔法范菲费芬丰冯佛弗福富盖甘冈高戈格葛根贡古瓜圭哈海汉豪赫亨洪胡华怀惠霍基吉加贾杰捷金卡凯坎康考柯科克肯库夸奎昆拉莱赖兰朗劳勒雷蕾黎里理利丽莉连列林琳留卢鲁路伦罗洛马玛迈麦曼芒毛梅门蒙孟米密敏明摩莫墨默姆穆纳娜奈南内妮尼涅宁纽努诺欧帕潘庞佩彭皮珀普齐奇恰乔切钦琴丘琼萨塞赛桑瑟森沙莎尚绍舍申圣施史舒斯松苏索塔泰坦汤唐陶特滕提汀通图托瓦万旺威韦维温文翁沃乌吾伍西希锡席夏辛休修徐雅亚扬杨耶叶伊因英尤约泽扎詹芝朱卓兹茨佐代娃迦琪黛莲薇丝露芙菈顿逊柏得哥什察彻楚翠狄季津喀寇律谢欣哲珍茹若瑞芮萝璐梦洁玲莹蓓蕊婕娅碧琦瑾缇妲姬瑙赞嘉佳契楠裴浦璞朵"

func allTranslit(rs []rune) bool {
	for _, r := range rs {
		if !strings.ContainsRune(translit, r) {
			return false
		}
	}
	return true
}

// runeOffsets maps each byte offset of str that starts a rune (and the end)
// to its rune offset.
func runeOffsets(str string) []int {
	m := make([]int, len(str)+1) // (a slice, not a map: read for every number of every sentence)
	n := 0
	for b := range str {
		m[b] = n
		n++
	}
	m[len(str)] = n
	return m
}

// distance is how far a candidate lies outside the gap, in characters (0
// inside it).
func distance(c, gap span) int {
	switch {
	case c.e <= gap.s:
		return gap.s - c.e + 1
	case c.s >= gap.e:
		return c.s - gap.e + 1
	}
	return 0
}
