package answer

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// keyTerm is a word of the question with how much it says.
type keyTerm struct {
	w    string
	info float64
	// typ marks a word saying the answer's kind (多少礼金 → 礼金): not
	// what ranks sentences, but a passage that never says it is unlikely
	// to answer.
	typ bool
	// light is the share of info the word counts for in refusal's
	// coverage (lightness): 买台 and 那个 are how people talk, not words a
	// passage must hold. Sentences are ranked by info whole.
	light float64
}

// questionTerms are the words of q that a passage answering it should
// hold: q's words as seg cuts them, without the question word and stop
// characters. The words right after the question word that say the
// answer's kind (多少礼金 → 礼金, 哪家酒店 → 酒店) are marked typ: sentences
// are ranked without them (the passage holds the answer, not its type:
// 哪两个公司), but refusal counts them — a knowledge base that never says
// 礼金 likely does not say how much it is. (This and refuse's stricter
// test of a sentence lacking the answer's shape: eval/enterprise 0.6823 →
// 0.7002, eval/office 0.7525 → 0.7673, CMRC dev F1 58.75 → 58.74.)
// (refuse leaves out the quantity the question states, when the passage
// sets conditions on it.)
func questionTerms(seg *zh.Segmenter, q question, everywhere string) []keyTerm {
	var out []keyTerm
	for pi, part := range [][]rune{q.left, q.right} {
		var words []string
		if pi == 0 {
			words = seg.Cut(aNotAForms(string(part)))
		} else {
			words = slices.Clone(q.afterWords(seg))
		}
		if unitCutAcross(words) || strings.ContainsAny(string(part), "毛角") && spokenDimes(string(part)) != string(part) {
			// 一小时下了三十毫米, cut 一小/时下: cut with its quantities in
			// digits (1小时), which are givens, no words to find; so is a
			// sum in 毛 (五毛钱, which the dictionary has as a word).
			words = seg.Cut(arabicNumerals(spokenTimes.Replace(string(part))))
		}
		words = recut(words, everywhere, seg.Counted)
		words = verbOff(seg, words, everywhere)
		kept := len(words)
		if pi == 1 && q.wh != "" && !typed(q.wh) {
			kept = len(dropAnswerType(words))
		}
		for wi, w := range words {
			if wi > 0 && isQuantityUnit(w) {
				if pr := []rune(words[wi-1]); len(pr) > 0 && (unicode.IsDigit(pr[len(pr)-1]) || strings.ContainsRune("万千亿百十", pr[len(pr)-1])) {
					// 8000块钱: the quantity's unit, said with its number,
					// is no word a passage must hold (it says 元).
					// (eval/enterprise 0.7360 → 0.7383.)
					continue
				}
			}
			if r := []rune(w); wi > 0 && len(r) >= 2 && isQuantityUnit(string(r[:1])) && !isQuantityUnit(w) && !seg.Counted(w) {
				if pr := []rune(words[wi-1]); len(pr) > 0 && (unicode.IsDigit(pr[len(pr)-1]) || strings.ContainsRune(cnNumerals, pr[len(pr)-1])) {
					// 一千五百/节课: the quantity's unit cut onto the noun it
					// counts; the noun is the word (授课 holds 课).
					w = string(r[1:])
				}
			}
			typ := wi < len(words)-kept
			if typ && (isCount(w) || q.unit != "" && strings.HasPrefix(w, q.unit)) {
				// 多少天 (or 天会, as 多少天会被辞退 is cut): the unit is the
				// answer's shape (answerShape), not a word to find (5个工
				// 作日).
				continue
			}
			// 一节课, 一张票: per what it counts — the noun after the count
			// is the word (the passage says 课时, 票价).
			if r := []rune(w); len(r) >= 3 && strings.ContainsRune(cnNumerals, r[0]) && strings.ContainsRune(measureChars+"节", r[1]) && !seg.Counted(w) {
				w = string(r[2:])
			}
			// 签了, 用过, 看着: the verb; its aspect particle is no word.
			if r := []rune(w); len(r) >= 2 && strings.ContainsRune("了过着", r[len(r)-1]) {
				w = string(r[:len(r)-1])
			}
			// 能报, 会扣, 能带: a modal verb cut onto the verb after it, a
			// pair the dictionary does not count: the verb alone.
			if r := []rune(w); len(r) == 2 && strings.ContainsRune("能会要可", r[0]) && !seg.Counted(w) {
				w = string(r[1])
			} else if len(r) == 2 && r[0] == '能' && strings.HasPrefix(seg.PartOfSpeech(string(r[1])), "v") && !strings.Contains(" 能力 能源 能量 能够 能否 能耗 能效 能手 能人 能干 ", " "+w+" ") {
				w = string(r[1]) // 能带 (the dictionary's energy band) of 能带小孩来吗: the verb
			}
			if !hasContent([]rune(w)) || w[0] >= '0' && w[0] <= '9' && !strings.Contains(string(part), w) {
				continue // (1 of 一小时, cut in digits: a given, no word)
			}
			if utf8.RuneCountInString(w) == 1 && strings.ContainsRune(stopChars, []rune(w)[0]) {
				continue
			}
			if w == "了得" {
				continue // 搞丢了得赔多少: the aspect and the modal, cut as one word
			}
			if hasWh(w) {
				continue // 几张 of a 吗 question ("some"), 几楼 of 哪栋几楼: no word to find
			}
			if wi+1 < len(words) && slices.Contains(moneyVerbs, w) && len(words[wi+1]) > 0 && words[wi+1][0] >= '0' && words[wi+1][0] <= '9' {
				continue // 花800块: the verb of the sum the question states, a given as the sum is
			}
			if aNotA(w) || w == "不能" && wi > 0 && words[wi-1] == "能" {
				continue // 算不算, 行不行, 有没有 (能/不能): the question's form, as a question word is
			}
			if spokenQuantityRe.MatchString(w) {
				continue // 十二年, 一万二, 六百块: a quantity the question states, a given (q.quantities)
			}
			out = append(out, keyTerm{w, seg.Information(w), typ, lightness(seg, w)})
		}
	}
	return out
}

// unitCutAcross reports whether the segmenter cut a quantity's unit
// across two words, with its numeral (一小/时下 of 一小时下了, 三十毫/米).
func unitCutAcross(words []string) bool {
	for i := 0; i+1 < len(words); i++ {
		r := []rune(words[i])
		if len(r) < 2 || !strings.ContainsRune(cnNumerals, r[0]) {
			continue
		}
		j := 0 // the numeral's end
		for j < len(r) && strings.ContainsRune(cnNumerals, r[j]) {
			j++
		}
		if j == len(r) {
			continue
		}
		tail := string(r[j:]) + words[i+1]
		for _, u := range [...]string{"小时", "分钟", "毫米", "厘米", "公里", "公斤", "平米", "立方"} {
			if strings.HasPrefix(tail, u) && !strings.HasPrefix(string(r[j:]), u) {
				return true
			}
		}
	}
	return false
}

// lightness is how much of its information a word of the question keeps
// as a word a passage should hold: a word of how people talk rather than of
// what they ask about — a pronoun, a numeral or measure word, a direction
// word, a particle (那个, 自己, 一笔, 以前, 得), or a verb said with a
// measure word (买台, 买个) — keeps a third; the others all of it. (Not
// adverbs: the dictionary tags 同步 and 先 so.) (Asked
// 买台3万块的服务器谁来审批, the passage holds 服务器 and 审批, and 买台 is
// no word it lacks.)
func lightness(seg *zh.Segmenter, w string) float64 {
	if strings.Contains(addressWords, " "+w+" ") {
		return 1.0 / 3 // 保洁阿姨, 切肉的师傅: how people call a worker, not what they ask about
	}
	if strings.Contains(spokenWords, " "+w+" ") {
		return 1.0 / 3 // 谁点头才算数: how people say it counts, not what they ask about
	}
	switch pos := seg.PartOfSpeech(w); {
	case pos == "r", pos == "m", pos == "q", pos == "f", strings.HasPrefix(pos, "u"), pos == "y", pos == "e", pos == "c", pos == "p":
		return 1.0 / 3
	case pos == "" && utf8.RuneCountInString(w) == 2 && strings.ContainsRune(measureChars, []rune(w)[1]) && !seg.Counted(w):
		return 1.0 / 3
	}
	if r := []rune(w); len(r) == 2 && strings.ContainsRune("这那哪每某", r[0]) && strings.ContainsRune(measureChars+demonstratedMeasures, r[1]) {
		return 1.0 / 3 // 那箱, 这批, 每袋: which one, said with its measure word (a pronoun's part)
	}
	return 1
}

// spokenWords are words of speech that say whether a thing holds or
// counts (才算数, 才管用, 靠谱吗), not what is asked about.
const spokenWords = " 算数 作数 管用 顶用 好使 靠谱 属于 算作 算是 "

// addressWords are what people call one another by (阿姨, 师傅, 小哥).
const addressWords = " 阿姨 师傅 大姐 大哥 小哥 大叔 大爷 老师傅 小伙子 小姑娘 姐姐 哥哥 兄弟 同志 "

// demonstratedMeasures are measure words said after 这, 那, 每 (那箱货,
// 这批料, 每袋粉) beside measureChars.
const demonstratedMeasures = "箱包袋盒瓶桶批车条双对间层棵头根支片趟单"

// measureChars are measure words said after a verb without a numeral
// (买台, 订个, 开张).
const measureChars = "个台张件笔份次本位辆套块只把"

// aNotAForms blanks, in a question's text, the verb said with its
// negation to ask yes or no (叉车行不行, 能不能, 有没有, 可不可以): the
// question's form, which the segmenter otherwise cuts into the words
// around it (叉车行/不行, where 叉车 and 行不行 were said).
func aNotAForms(s string) string { return aNotASaid(s, false) }

// aNotASaid is s with each verb said with its negation to ask yes or no
// (用不用, 可不可以, 有没有) blanked, or, when once, said once (用, 可以, 有).
func aNotASaid(s string, once bool) string {
	r := []rune(s)
	out := make([]rune, 0, len(r))
	for i := 0; i < len(r); i++ {
		if i+3 < len(r) && r[i+1] == '不' && r[i] == r[i+2] && r[i] == '可' && r[i+3] == '以' {
			if once {
				out = append(out, '可', '以')
			} else {
				out = append(out, ' ') // 可不可以
			}
			i += 3
			continue
		}
		if i+2 < len(r) && (r[i+1] == '不' || r[i+1] == '没') && r[i] == r[i+2] && unicode.Is(unicode.Han, r[i]) {
			if once {
				out = append(out, r[i])
			} else {
				out = append(out, ' ')
			}
			i += 2
			continue
		}
		out = append(out, r[i])
	}
	return string(out)
}

// aNotA reports whether w asks yes or no by a verb and its negation (算不
// 算, 行不行, 有没有, 能不能).
func aNotA(w string) bool {
	r := []rune(w)
	return len(r) == 3 && (r[1] == '不' || r[1] == '没') && r[0] == r[2]
}

// spokenQuantityRe matches a word that is a quantity in Chinese numerals,
// with its unit or multiplier (十二年, 四年, 一万二, 六百块, 三天).
var spokenQuantityRe = mustScan(`^[` + cnNumerals + `]*[二两三四五六七八九十百千万][` + cnNumerals + `]*(?:[年天月周次个人元块岁分钟小时]|块钱|个月)?$`)

// isQuantityUnit reports whether w is a unit a question's quantity is said
// in (块钱, 万元, 个月).
func isQuantityUnit(w string) bool {
	if w == "万" || w == "千" || w == "亿" {
		return true // 30万: the multiplier, money's (toQuantity)
	}
	if r := []rune(w); len(r) > 1 && strings.ContainsRune("万千百亿", r[0]) {
		w = string(r[1:]) // 3万块: the multiplier cut with the unit
	}
	if _, ok := unitAliases[w]; ok {
		return true
	}
	for _, u := range units {
		if u == w {
			return true
		}
	}
	return false
}

// typed reports whether a question word says the kind of its answer
// itself (几点, 多久, 哪里, 谁): the word after it is not the answer's type
// (几点上班: 上班 must be found).
func typed(wh string) bool {
	switch wh {
	case "几点", "几号", "几月", "几年", "哪一年", "哪年", "何年", "哪一天", "哪天", "何时", "什么时候", "什么时间",
		"多久", "多长", "多大", "多远", "多高", "多重", "多深", "多宽", "哪里", "哪儿", "什么地方", "何处", "何地",
		"谁", "哪位", "何人", "为什么", "为何", "如何", "怎样", "怎么":
		return true
	}
	return false
}

// presence is how much of w a text holds: 1 for the word itself, else the
// share of its character bigrams (of its characters, for a word of one
// character) found in the text.
func presence(w string, text string) float64 { return formsOf(w).in(text) }

// wordForms are what presence looks for of a word: the word, the words a
// text may write for it, its rewordings, and the bigrams of the word and
// of each rewording — found once for a word looked for in many texts.
type wordForms struct {
	w          string
	aliases    []string
	rewordings []string
	bigrams    [][]string // of w, then of each rewording
}

func formsOf(w string) wordForms {
	f := wordForms{w: w, aliases: zh.AliasesOf(w), rewordings: zh.Rewordings(w)}
	for _, v := range append([]string{w}, f.rewordings...) {
		f.bigrams = append(f.bigrams, bigramsOf(v))
	}
	return f
}

// in is presence(f.w, text).
func (f wordForms) in(text string) float64 {
	if strings.Contains(text, f.w) || containsAny(text, f.aliases) {
		return 1 // (or a word a text may write for it: 工作时间 for 上班时间)
	}
	p := shareIn(f.bigrams[0], text)
	for i, v := range f.rewordings {
		// 吃晚饭 of a text saying 晚餐: the word with its part said as the
		// text says it.
		if strings.Contains(text, v) {
			return 1
		}
		p = max(p, shareIn(f.bigrams[i+1], text))
	}
	return p
}

// bigramShare is the share of w's character bigrams found in text (0 for
// a word of one character).
func bigramShare(w, text string) float64 { return shareIn(bigramsOf(w), text) }

// bigramsOf are w's character bigrams, in order.
func bigramsOf(w string) []string {
	r := []rune(w)
	var bs []string
	for i := 0; i+1 < len(r); i++ {
		bs = append(bs, string(r[i:i+2]))
	}
	return bs
}

// shareIn is the share of bigrams text holds (0 for none).
func shareIn(bigrams []string, text string) float64 {
	if len(bigrams) == 0 {
		return 0 // (a word of one character)
	}
	n := 0
	for _, b := range bigrams {
		if strings.Contains(text, b) {
			n++
		}
	}
	return float64(n) / float64(len(bigrams))
}

// verbOff cuts a verb off the word the segmenter ran it into (付/现金 of
// 付现金, which the passages never say), when the passages say the rest
// and the dictionary counts it as a word: the question asks of that word
// (现金方式支付), not of a word of its own.
func verbOff(seg *zh.Segmenter, words []string, everywhere string) []string {
	for i := 0; i < len(words); i++ {
		r := []rune(words[i])
		if len(r) < 3 || strings.Contains(everywhere, words[i]) {
			continue
		}
		head, rest := string(r[:1]), string(r[1:])
		if seg.Counted(rest) && strings.Contains(everywhere, rest) && strings.HasPrefix(seg.PartOfSpeech(head), "v") {
			words = slices.Replace(words, i, i+1, head, rest)
			i++
		}
	}
	return words
}

// everywhereOf is all the retrieved passages say, with their titles and
// headings, folded: what tells whether the knowledge base knows a word.
func everywhereOf(retrieved []corpora.Hit) string {
	var b strings.Builder
	n := 0
	for _, r := range retrieved {
		n += len(r.Title) + len(r.Section) + len(r.Header) + len(r.Text) + 4
	}
	b.Grow(n)
	for _, r := range retrieved {
		for _, s := range [...]string{r.Title, r.Section, r.Header, r.Text} {
			last := 0 // folded as it is written, the runs fold keeps copied whole: no copy of each text
			for i, c := range s {
				if f := zh.FoldRune(c); f != c || c == utf8.RuneError {
					b.WriteString(s[last:i])
					b.WriteRune(f)
					_, size := utf8.DecodeRuneInString(s[i:])
					last = i + size
				}
			}
			b.WriteString(s[last:])
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// recut mends the segmenter's cut of a question by the words the passages
// (everywhere) say: a word it ran into the character after a word of
// theirs (冷冻/库里 of 冷冻库里, 打印/机要 of 打印机要谁签字) gives that
// character back to the word before it, when the passages say the longer
// word and not the one cut; two words that make a word of an alias group
// (买/东西) are one.
func recut(words []string, everywhere string, counted func(string) bool) []string {
	if everywhere == "" {
		return words
	}
	for i := 0; i+1 < len(words); i++ {
		if ab := words[i] + words[i+1]; zh.AliasesOf(ab) != nil && !strings.Contains(everywhere, ab) {
			// 买/东西: a word of speech the segmenter cut in two, whose
			// written form the passages may say (购物).
			words = slices.Replace(words, i, i+2, ab)
			continue
		}
		a, b := words[i], []rune(words[i+1])
		if ra := []rune(a); len(ra) >= 2 && len(b) >= 1 && !strings.Contains(everywhere, a) && hasContent(b) {
			// 上中/班 of 上中班一个班补多少钱: a word run into the character
			// before a word of theirs gives that character to the word
			// after it, when the passages say that word (中班), a word the
			// dictionary counts, and not the one cut (not 金缴 of 年金/缴,
			// which 住房公积金缴存 holds).
			if longer := string(ra[len(ra)-1:]) + words[i+1]; counted(longer) && strings.Contains(everywhere, longer) && (len(b) == 1 || !strings.Contains(everywhere, words[i+1])) {
				words[i], words[i+1] = string(ra[:len(ra)-1]), longer
				continue
			}
		}
		if len(b) < 2 || strings.Contains(everywhere, words[i+1]) || !hasContent([]rune(a)) {
			continue
		}
		if longer := a + string(b[0]); strings.Contains(everywhere, longer) {
			words[i], words[i+1] = longer, string(b[1:])
		}
	}
	return words
}

// keyCoverage is the information-weighted share of the question's terms
// the passage holds; a term that none of the retrieved passages
// (everywhere, folded) holds weighs double: the knowledge base likely
// lacks what the question is about.
func keyCoverage(terms []keyTerm, passage, everywhere string) float64 {
	text := string(zh.Fold(passage))
	total, found := 0.0, 0.0
	for _, t := range terms {
		p, w := presence(t.w, text), t.info*t.light
		if p == 0 && presence(t.w, everywhere) == 0 {
			total += w
		}
		total += w
		found += p * w
	}
	if total == 0 {
		return 1
	}
	return found / total
}

// A telling noun is one of the question's nouns (or a word the dictionary
// lacks) carrying at least tellingInfo nats: rarer in general Chinese than
// about one word in 36,000 (年终奖, 停车场, 意外险, 晋升; not 公司, 时间).
// (11, 10.5, 10 and 9.5 nats gave eval/enterprise 0.8143, 0.8188, 0.8166,
// 0.8121; eval/office 0.8663, 0.8713, 0.8663, 0.8663; eval/colloquial
// 0.7333, 0.7444, 0.7333, 0.7444; eval/colloquial2 0.7333 at all.)
const tellingInfo = 10.5

// missingNoun is the information of the most telling noun of the question
// that no retrieved passage holds, even in part (0 when there is none):
// a question about 年终奖 asked of documents that never say 年终奖.
func (e *Engine) missingNoun(parts questionParts, terms []keyTerm, everywhere string) float64 {
	worst := 0.0
	for _, t := range terms {
		if t.info < tellingInfo || t.light < 1 || utf8.RuneCountInString(t.w) < 2 || presence(t.w, everywhere) > 0 {
			continue
		}
		if parts.inSituation(t.w) || oneCharOff(t.w, everywhere, e.seg.Counted) {
			continue
		}
		pos := e.seg.PartOfSpeech(t.w)
		if (pos == "ns" || pos == "nr" || pos == "nrt" || pos == "nz") && !e.seg.Counted(t.w) {
			// A name the dictionary lists with no count of its use (太大
			// and 后牙 as places, 那箱): an entry for the segmenter's walk,
			// no telling noun.
			continue
		}
		switch {
		// A word the dictionary lacks counts when it is long enough not
		// to be a cut across words (盘报 of 同步盘报E1005, 能补 of 能补卡).
		case pos == "" && !isASCIIWord(t.w) && utf8.RuneCountInString(t.w) >= 3, strings.HasPrefix(pos, "n"), pos == "vn":
			worst = math.Max(worst, t.info)
		}
	}
	return worst
}

// oneCharOff reports whether text holds a word of three characters — its
// first two a word the dictionary counts (word), its last not run into
// the next — that differs from w only in its middle one (住宿生 for 住校生, 值班费 for
// 值夜费): a word the passages say otherwise, not one they lack.
func oneCharOff(w, text string, word func(string) bool) bool {
	r := []rune(w)
	if len(r) != 3 {
		return false
	}
	head, tail := string(r[0]), string(r[2])
	for at := 0; ; {
		i := strings.Index(text[at:], head)
		if i < 0 {
			return false
		}
		at += i + len(head)
		if m, size := utf8.DecodeRuneInString(text[at:]); size > 0 && unicode.Is(unicode.Han, m) && strings.HasPrefix(text[at+size:], tail) && word(head+string(m)) {
			// (its first two characters a word, its last no word's first
			// with the character after it: 住宿/生和…, not 公司/金额 for 公积金
			// nor 学历/证书 for 学生证)
			next, _ := utf8.DecodeRuneInString(text[at+size+len(tail):])
			if !word(tail + string(next)) {
				return true
			}
		}
	}
}

// questionParts are a question's clauses, cut at spaces and punctuation
// as well as where clausesOf cuts a sentence, and whether each asks (the
// last always does): read once a question.
type questionParts struct {
	text []string
	asks []bool
}

func partsOf(q []rune) questionParts {
	text := strings.FieldsFunc(string(q), func(r rune) bool { return strings.ContainsRune(" ，,；;。!！", r) })
	asks := make([]bool, len(text))
	for i, c := range text {
		asks[i] = i == len(text)-1 || clauseAsks([]rune(c))
	}
	return questionParts{text, asks}
}

// told reports whether the question tells a situation in a clause before
// the one that asks.
func (c questionParts) told() bool { return len(c.text) >= 2 && !c.asks[0] }

// inSituation reports whether w stands in no clause of the question that
// asks, only in ones telling the situation (顾客想刷医保买两罐蛋白粉 行不,
// 抽屉里现金多了 到多少得上交店长) — or in none as written, a term the
// question's words were recut or folded into: a thing of the moment, which
// the rules name by its kind (保健食品) if at all, not what is asked about.
func (c questionParts) inSituation(w string) bool {
	if len(c.text) < 2 {
		return false
	}
	for i, t := range c.text {
		if c.asks[i] && strings.Contains(t, w) {
			return false
		}
	}
	return true
}

// situationRelief is what the thresholds keep for a question that tells
// its situation first. (1, 0.8, 0.7 and 0.6 over eval/enterprise and the
// colloquial and trial sets: 10, 10 and 11 more right at 0.8, 0.7 and 0.6
// than at 1, enterprise refusal precision 0.81, 0.84, 0.85, 0.87 at
// recall 0.64 throughout; CMRC dev and eval/rc1–4 the same.)
var situationRelief = 0.7

// clauseAsks reports whether a clause asks something: a question word, or a
// yes/no question's ending.
func clauseAsks(c []rune) bool {
	if _, yn := yesNo(string(c)); yn {
		return true
	}
	return parseQuestion(c).wh != ""
}

// closedList reports whether a sentence lists what there is after a colon
// (支持以下操作系统：A、B、C): one it does not list is not among them, an
// answer (不是) rather than a matter the passages do not know.
func closedList(s []rune) bool {
	i := strings.IndexAny(string(s), "：:")
	return i >= 0 && strings.Count(string(s)[i:], "、") >= 2
}

// latinName reports whether w is a name in Latin letters of three or
// more (Docker, Oracle), no code (E05) or abbreviation of two.
func latinName(w string) bool {
	if len(w) < 3 {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func isASCIIWord(w string) bool {
	for _, r := range w {
		if r >= 0x80 {
			return false
		}
	}
	return true
}

// refuse decides that the passages do not answer q, though s is the best
// sentence they hold (its share of the question's evidence support), from
// h. It refuses when the sentence holds too little of the question, when
// the passage holds too little of what the question's words say, and when
// a telling noun of the question is in none of the retrieved passages
// while the passage holds less than 0.4 of what the question says
// (measured on eval/enterprise: 0.3, 0.4, 0.5, 0.6 and always gave
// accuracy 0.6264, 0.6309, 0.6264, 0.6197, 0.6130). A table row with
// a cell in the column the question names is refused only for that
// missing noun. Measured on eval/office (202 questions, 30 unanswerable):
// see the README's refusal figures.
func (e *Engine) refuse(q question, all []keyTerm, s sentence, support float64, h corpora.Hit, everywhere string, excepted bool) (bool, *Refusal) {
	given := ""
	if len(q.quantities) > 0 {
		if _, any := conditionsMet(h.Text, q.quantities); any {
			// A quantity the question states is a given, not a word to
			// find, when the passage sets conditions on its unit (报销6000元
			// … 3000元及以上).
			if m := qtyRe.FindStringSubmatch(string(q.folded)); m != nil {
				given = m[1]
			}
		}
	}
	terms := all
	if given != "" {
		terms = nil
		for _, t := range all {
			if !strings.HasPrefix(t.w, given) {
				terms = append(terms, t)
			}
		}
	}
	if len(q.places) > 0 && s.cell && keyedRow("", string(s.orig), true) {
		// A row for the rest (三类城市（其他地级市及县城）) answers for a
		// place the passages never name (芜湖): the place is a given,
		// not a word to find.
		kept := terms[:0:0]
		for _, t := range terms {
			if !slices.Contains(q.places, t.w) {
				kept = append(kept, t)
			}
		}
		terms = kept
	}
	passage := h.Title + "\n" + h.Section + "\n" + h.Header + "\n" + h.Text
	if s.article != nil && !strings.Contains(h.Text, strings.TrimSpace(string(s.article))) {
		// (the article's first sentence, in the chunk before: 第二十条 费用
		// 报销须在…提交 for 超过2000元、不满1万元的，由分管副总审批)
		passage += "\n" + string(s.article)
	}
	cov := keyCoverage(terms, passage, everywhere)
	parts := partsOf(q.folded)
	missing := e.missingNoun(parts, terms, everywhere)
	if s.cell {
		return missing > 0 || otherPlaceRow(e.seg, q, string(s.orig)), nil
	}
	minSupport := e.cfg.MinSupport
	condMet := false
	if met, any := conditionsMet(s.conditionText(), q.quantities); met && any {
		condMet = true
		// A clause whose condition the question's quantity meets (8万 …
		// 5万元及以上、不满20万元由…) says little else of the question.
		// (0.5, 0.35 and 0.25 of the threshold: the same on every set but
		// colloquial10 and colloquial13, 0.8000 → 0.8167 and 0.6500 →
		// 0.6667 at 0.35 and 0.25: 想请两天假 找谁批 … 超过1天不满3天的，由
		// 项目经理审批.)
		minSupport *= 0.35
	}
	minWords := e.cfg.MinWords
	if condMet {
		minWords *= 0.5 // (迟到一个半小时 … 迟到或早退超过60分钟的: 睡过头, 早上 are how it was said)
	}
	codes := q.codes
	codeHeld := len(codes) > 0 && HoldsCode(s.text(), codes...)
	for _, c := range codes {
		// (Not F1, 4G, 518b: words or names more than codes.)
		if len(c) >= 3 && c[0] >= 'a' && c[0] <= 'z' && zh.IndexWord(everywhere, c) < 0 {
			// A code the question names (自助收银机报E50) that no passage
			// says: the knowledge base does not say what it means, however
			// much the passages say of the rest.
			return true, nil
		}
	}
	for _, t := range terms {
		if latinName(t.w) && !strings.Contains(everywhere, t.w) && !containsAny(everywhere, zh.AliasesOf(t.w)) && !closedList(s.folded) {
			// A name in Latin letters (Docker, Oracle, Teams) that no
			// passage says, even inside a longer one (version of
			// version_keep): as a code no passage says, the knowledge
			// base does not say what the question asks of it.
			// (eval/enterprise 0.8479 → 0.8501, colloquial8 0.95 → 0.97,
			// the other sets, CMRC dev and eval/rc1–3 the same.)
			return true, nil
		}
	}
	typed, holds := answerShape(q)
	held := typed && holds(s)
	_, yn := yesNo(string(q.folded))
	rule := yn && deonticRe.MatchString(string(s.lead)+s.text())
	if ans, _, _, ok := faqAnswer([]rune(h.Text), s.start, s.start+len(s.orig)); yn && !rule && ok {
		// An FAQ's question (问：业主送的水果能收吗？): its answer says what one
		// may or must do (答：不得收受…).
		rule = deonticRe.MatchString(ans)
	}
	if held && !q.implied {
		// The sentence holds what is asked for, in its shape (多久 … 6个月
		// 内): it needs less of the question's wording. (eval/enterprise
		// with 1, 0.8, 0.6, 0.5, 0.4 of the thresholds: 0.6711, 0.6734,
		// 0.6801, 0.6823, 0.6823.)
		minSupport *= 0.5
		minWords *= 0.5
	} else if codeHeld {
		// The sentence says the code the question names (叉车屏幕上报E05
		// 是什么意思 … E05：货叉倾斜传感器故障): what the code means, in the
		// document's words, not the asker's.
		minSupport *= 0.5
		minWords *= 0.5
	} else if rule && !typed || excepted {
		// Asked whether one may (…能收吗, 能自己随便转转吗) and the
		// sentence says what one may, must or must not (不得单独活动):
		// it answers in the rule's words, not the asker's. So does a
		// rule with an exception asked for (冷冻区是不是一定要两个人一起进
		// 啥情况一个人也行 … 实行双人制…；但…的除外).
		// (excepted: colloquial15 0.6833 → 0.70, the other sets the same.)
		minSupport *= yesNoRelief
		minWords *= yesNoRelief
	} else if held {
		// (A sum asked by its noun, 赔多少, and the sentence holds one: the
		// thresholds as they are.)
	} else if typed {
		// Asked for a thing of a shape the sentence lacks (多少钱 … 由许可
		// 证决定): it must hold more of the question. (eval/enterprise
		// with 1, 1.3, 1.6, 2, 3 of the thresholds: 0.6935, 0.7002,
		// 0.7002, 0.6957, 0.6913; eval/office 0.7525, 0.7624, 0.7574,
		// 0.7525, 0.7426; CMRC dev F1 58.74 at 1 and 1.3.)
		minSupport *= 1.3
		minWords *= 1.3
	}
	if t := zh.Fold(strings.TrimSpace(h.Title)); len(t) >= 2 && len(t) <= 12 && namesTitle(t, q.folded) {
		// The passage is the article on what the question names (长城 …
		// 古人修筑长城的主要目的是什么; 北京故宫 … 故宫北面的门): it answers
		// in its own words, not the asker's, as a rule does.
		minSupport *= titleRelief
		minWords *= titleRelief
	}
	if parts.told() {
		// The question tells its situation before it asks (游客出去吃个饭
		// 下午还能再进来不): the situation's words are the asker's, not
		// the rule's.
		minSupport *= situationRelief
		minWords *= situationRelief
	}
	// (A telling noun missing weighs nothing beside the code said — 叉车屏
	// 幕上报E05 … E05：货叉倾斜传感器故障 — nor beside the condition the
	// question's quantity meets: 顾客要赔六百块谁能拍板 … 500元（含）以上的，
	// 须经店长授权.)
	weak := missing > 0 && cov < 0.4 && !codeHeld && !condMet
	if yn && !rule && !excepted && missing > 0 && !codeHeld && !condMet {
		// Asked whether (有没有封顶, 备份文件能加密吗) of a matter a telling
		// noun of which no passage says, and the sentence is no rule on
		// what one may do: the passages do not say. (Over eval/enterprise
		// and the colloquial sets, such questions answered were 3
		// unanswerable, none answerable; with a rule, 9 answerable to 1.)
		weak = true
	}
	r := &Refusal{Refused: support < minSupport || cov < minWords || weak}
	if e.cfg.Unrefused {
		// What the decision weighs, for fitting it (wenda eval qa
		// --signals): only then, not on every answer.
		folded := string(zh.Fold(passage))
		r.Signals = []float64{
			support, cov, support - minSupport, cov - minWords,
			b2f(support < minSupport), b2f(cov < minWords), b2f(missing > 0), b2f(weak),
			b2f(codeHeld), b2f(condMet), b2f(held && !q.implied), b2f(typed && !held), b2f(rule), b2f(yn),
			unknownShare(terms, everywhere), keyCoverage(terms, string(s.orig)+"\n"+string(s.context), everywhere),
			b2f(typeMissing(terms, folded)), worstAbsent(terms, folded) / 15, b2f(s.hit > 0),
			e.unknownWord(terms, everywhere, false) / 15, e.unknownWord(terms, everywhere, true) / 15,
		}
	}
	return r.Refused, r
}

// Refusal is what decided whether the passages answer a question: the
// decision and, when Config.Unrefused asks for them, the signals weighed
// (RefusalSignals names them).
type Refusal struct {
	Signals []float64
	Refused bool
}

// RefusalSignals names the signals of a Refusal, in order.
var RefusalSignals = []string{"support", "cov", "support_margin", "cov_margin",
	"below_support", "below_cov", "missing_noun", "missing_weak",
	"code_held", "cond_met", "shape_held", "shape_lacking", "yesno_rule", "yesno",
	"unknown_share", "sentence_cov", "type_missing", "worst_absent", "later_hit",
	"unknown_word", "unknown_content"}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// unknownShare is the information-weighted share of the question's terms
// that none of the retrieved passages holds, even in part.
func unknownShare(terms []keyTerm, everywhere string) float64 {
	total, gone := 0.0, 0.0
	for _, t := range terms {
		w := t.info * t.light
		total += w
		if presence(t.w, everywhere) == 0 {
			gone += w
		}
	}
	if total == 0 {
		return 0
	}
	return gone / total
}

// unknownWord is the information of the most telling word of the question
// that no retrieved passage holds even in part (0 for none); content, only
// a noun, verb or word the dictionary lacks of two characters or more.
func (e *Engine) unknownWord(terms []keyTerm, everywhere string, content bool) float64 {
	worst := 0.0
	for _, t := range terms {
		if presence(t.w, everywhere) > 0 {
			continue
		}
		if content {
			pos := e.seg.PartOfSpeech(t.w)
			if utf8.RuneCountInString(t.w) < 2 || !(strings.HasPrefix(pos, "n") || strings.HasPrefix(pos, "v") || pos == "") {
				continue
			}
		}
		worst = max(worst, t.info*t.light)
	}
	return worst
}

// typeMissing reports whether a word of the question saying the answer's
// kind (哪家酒店 → 酒店) is not in the passage (folded).
func typeMissing(terms []keyTerm, passage string) bool {
	for _, t := range terms {
		if t.typ && presence(t.w, passage) < 0.5 {
			return true
		}
	}
	return false
}

// worstAbsent is the information of the most telling word of the question
// the passage (folded) lacks, even in good part.
func worstAbsent(terms []keyTerm, passage string) float64 {
	worst := 0.0
	for _, t := range terms {
		if presence(t.w, passage) < 0.5 {
			worst = max(worst, t.info*t.light)
		}
	}
	return worst
}

// ownQuantities blanks, in a sentence, the quantities q states in the unit
// it asks for (24小时 of 24小时动态心电图多久出报告): nil when it states none.
func ownQuantities(q question) *strings.Replacer {
	text := arabicNumerals(string(q.folded))
	var pairs []string
	for _, m := range numRe.FindAllStringIndex(text, -1) {
		if m[0] == m[1] || text[m[0]] < '0' || text[m[0]] > '9' {
			continue
		}
		after := text[m[1]:]
		if strings.HasPrefix(after, q.unit) {
			pairs = append(pairs, text[m[0]:m[1]]+q.unit, "")
		} else if u := measureAfter([]rune(after)); u != "" && sameUnitKind(q.unit, u) {
			pairs = append(pairs, text[m[0]:m[1]]+u, "")
		}
	}
	if pairs == nil {
		return nil
	}
	return strings.NewReplacer(pairs...)
}

// answerShape says whether q asks for something whose shape a sentence can
// be seen to hold — a quantity in a unit (几点, 几天, 多少钱), a date, an
// identifier (邮箱, 目录), a class's label (第几档) — and gives the test.
func answerShape(q question) (bool, func(sentence) bool) {
	if re := identifierFor(q); re != nil {
		// (one the question does not say itself: Wi-Fi of 员工用的Wi-Fi叫什么)
		return true, func(s sentence) bool {
			for _, m := range re.FindAllString(string(s.orig), -1) {
				if !strings.Contains(string(q.folded), string(zh.Fold(m))) {
					return true
				}
			}
			return false
		}
	}
	if asksLabel(q) {
		return true, func(s sentence) bool { return labelRe.MatchString(s.text()) }
	}
	if re := placeOfRank(q); re != nil {
		return true, func(s sentence) bool { return namesPlace(re, s.text()) }
	}
	if suffix := q.kindEnds; suffix != "" {
		// A thing of a kind named by its last characters (什么颜色 … 深灰
		// 色, 哪家酒店, 哪个部门 … 信息中心): one the question does not say.
		return true, func(s sentence) bool {
			_, ok := nearestMatchOf(suffixedRe[suffix], s.folded, span{}, q.folded, nameJoiners)
			return ok
		}
	}
	switch {
	case q.kind == kindNumber && q.unit == "点":
		// (a time that bounds a case — 晚于22:00的, 21:30以后离开的 — is no
		// time of the schedule asked)
		return true, func(s sentence) bool {
			return holdsUnit([]rune(boundTimeRe.ReplaceAllString(s.text(), "")), q.unit)
		}
	case q.kind == kindNumber && q.unit != "":
		own := ownQuantities(q)
		return true, func(s sentence) bool {
			if own != nil {
				// (24小时动态心电图多久出报告: the question's own 24小时 is no
				// length the sentence gives)
				return holdsUnit([]rune(own.Replace(s.text())), q.unit)
			}
			return holdsUnit(s.folded, q.unit)
		}
	case q.kind == kindDate:
		return true, func(s sentence) bool {
			return holdsDate(s.text()) || dayRe.MatchString(s.text())
		}
	}
	return false, nil
}

// boundTimeRe finds a time of day that bounds a case (晚于22:00的, 于21:30
// 以后离开门诊的).
var boundTimeRe = mustScan(`(?:晚于|早于|迟于|超过|过了)[0-9]{1,2}[:：][0-9]{2}|[0-9]{1,2}[:：][0-9]{2}(?:以后|以前|之后|之前)`)

// placeOfRank is the shape of the place 哪个区, 哪个县, 哪个市 … asks for: a
// name ending in that rank, the rank ending a word (滨江区, not 区域 or 市
// 场); nil for other questions.
func placeOfRank(q question) *scanRe {
	r := []rune(q.wh)
	if q.kind != kindPlace || len(r) != 3 || !strings.HasPrefix(q.wh, "哪个") || !strings.ContainsRune("区县市省镇州", r[2]) {
		return nil
	}
	return rankRes[r[2]]
}

// namesPlace reports whether text names a place re finds, not a common
// noun ending in its rank (所在地区, 社区, 城市, 超市, 上市).
func namesPlace(re *scanRe, text string) bool {
	for _, m := range re.FindAllStringIndex(text, -1) {
		r := []rune(strings.TrimRightFunc(text[m[0]:m[1]], func(r rune) bool { return !unicode.Is(unicode.Han, r) || strings.ContainsRune("的和与及", r) }))
		if len(r) >= 2 && !strings.Contains(rankNouns, string(r[len(r)-2:])) {
			return true
		}
	}
	return false
}

// rankNouns are common nouns ending in a place's rank.
const rankNouns = "地区 社区 园区 市区 城区 小区 景区 校区 片区 辖区 郊区 山区 灾区 街区 专区 分区 展区 城市 超市 上市 都市 股市 门市 省市 县市 夜市 城镇 乡镇 集镇 全省 本省 外省 全县 本县 本州 全市 本市 本区"

var rankRes = func() map[rune]*scanRe {
	m := map[rune]*scanRe{}
	for _, r := range "区县市省镇州" {
		m[r] = mustScan(`\p{Han}{2,6}` + string(r) + `(?:$|[^\p{Han}]|[的和与及])`)
	}
	return m
}()

// dayRe finds a month, or a day of the month or week, said alone (4月,
// 每月10日, 15号, 周二、周四).
var dayRe = mustScan(`[0-9]{1,2}月份?(?:[0-9]{1,2}[日号])?|[0-9]{1,2}[日号]|(?:每)?周[一二三四五六日天](?:[、和及与]周?[一二三四五六日天])*|星期[一二三四五六日天]`)

// deonticRe finds what a rule says one may, must or must not do, or what
// it does not charge (不收取上门费 for 入户修水管要收上门费吗).
var deonticRe = mustScan(`不收取|不收|免收|不得|禁止|严禁|不准|不允许|不可以|不能|不予|无权|不可|可以|允许|必须|须|应当|不需要|无需|不享受|享受|不支持|支持|不适用|适用`)

// yesNoRelief is the share of the thresholds a yes-or-no question must
// meet when the sentence says what one may or must do, as for a sentence
// holding the answer's shape. (1, 0.8, 0.7, 0.6, 0.5 gave eval/enterprise
// 0.8188, 0.8188, 0.8188, 0.8210, 0.8210 — refusal precision 0.7302 →
// 0.7627, recall 0.6301 → 0.6164 at 0.5; eval/colloquial2 0.7333, 0.7333,
// 0.7500, 0.7667, 0.7833; eval/office and eval/colloquial unchanged, CMRC
// dev unchanged.)
const yesNoRelief = 0.5

// namesTitle reports whether a question names a title: the title whole,
// or its end (its head noun) of half of it or more — 北京故宫 named by 故宫,
// not 员工手册 by 员工.
func namesTitle(title, q []rune) bool {
	for k := len(title); k >= max(2, (len(title)+1)/2); k-- {
		if strings.Contains(string(q), string(title[len(title)-k:])) {
			return true
		}
	}
	return false
}

// titleRelief is what the thresholds keep for a passage whose title the
// question names.
const titleRelief = 0.6

// orgUnitEnds end the names of an organisation's units at a place
// (北京分公司, 望京门店, 滨江校区).
var orgUnitEnds = []string{"分公司", "子公司", "办事处", "分行", "支行", "分店", "门店", "店", "校区", "分部", "分厂", "工厂", "仓库", "分院", "营业部", "分中心", "网点", "站"}

// otherPlaceRow reports whether a table's row (or record) is keyed by a
// unit of the organisation at a place other than the ones the question
// names, and says none of them:
// 上海分公司的负责人是谁 is not answered by 部门：北京分公司；负责人：韩冰.
// (A row for a class of places, 二类城市, or for the rest, names none.)
func otherPlaceRow(seg *zh.Segmenter, q question, row string) bool {
	if len(q.places) == 0 || seg == nil {
		return false
	}
	key := cellsOf(row)[0]
	if f, _, ok := strings.Cut(key, "；"); ok {
		key = f
	}
	if _, v, ok := strings.Cut(key, "："); ok {
		key = v // a record's first field: its value
	}
	key = string(zh.Fold(beforeGloss(key)))
	if !hasAnySuffix(strings.TrimSpace(key), orgUnitEnds...) {
		return false // (浙江 | 李娜 for 杭州的客户: a province's row holds its cities)
	}
	var named []string
	for _, w := range seg.Cut(key) {
		if utf8.RuneCountInString(w) >= 2 && seg.PartOfSpeech(w) == "ns" && !strings.Contains(w, "城市") {
			named = append(named, w) // (a place, not a class of them: 一类城市)
		}
	}
	if len(named) == 0 {
		return false
	}
	folded, asked := string(zh.Fold(row)), askedWith(q)
	for _, p := range named {
		if strings.Contains(asked, p) {
			return false
		}
	}
	for _, p := range q.places {
		if strings.Contains(folded, p) {
			return false
		}
	}
	return true
}
