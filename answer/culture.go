package answer

import (
	"sort"
	"strings"
	"unicode"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// Graph is the knowledge graph as the answerer reads it.
type Graph interface {
	Facts(name string) []corpora.Fact
	Has(key string) bool
	Resolve(key string) (ent string, alias, ok bool)
	DocFacts(doc string) []corpora.Fact
	Stats() (entities, facts, docs int)
	Works(author string) int
}

// popularDoc is, among the documents an entity's facts come from, the
// poem most likely meant: the one copied into the most documents (a famous
// poem is in 唐诗三百首 and 宋词三百首 as well as in its poet's collection),
// then the one whose author wrote the most; ties to the first. Of the
// forty-odd 西河 in the whole chinese-poetry package, 周邦彦's (three
// copies) rather than 辛弃疾's. The anonymous count for nothing.
func popularDoc(g Graph, facts []corpora.Fact) string {
	var cands []poemCand
	for _, f := range facts {
		if f.Relation == corpora.RelAuthor {
			cands = append(cands, poemCand{f: f, author: f.Object})
		}
	}
	switch len(cands) {
	case 0:
		return facts[0].Doc
	case 1:
		return cands[0].f.Doc
	}
	for i, c := range cands {
		cands[i].poem = zh.Key(c.author) + "|" + openingLine(g, c.f.Doc)
	}
	return mostLikely(g, cands).Doc
}

// poemCand is one of the poems a question may mean: the fact it was found
// by, its author, and what two documents of the same poem share.
type poemCand struct {
	f      corpora.Fact
	author string
	poem   string
}

// mostLikely picks the poem copied into the most documents, then the one
// whose author wrote the most (the anonymous count for nothing); ties to
// the first.
func mostLikely(g Graph, cands []poemCand) corpora.Fact {
	copies := map[string]int{}
	for _, c := range cands {
		copies[c.poem]++
	}
	best, bestCopies, bestWorks := 0, -1, -1
	for i, c := range cands {
		n, w := copies[c.poem], works(g, c.author)
		if w == 0 {
			n = 0
		}
		if n > bestCopies || (n == bestCopies && w > bestWorks) {
			best, bestCopies, bestWorks = i, n, w
		}
	}
	return cands[best].f
}

// openingLine is the Key of a poem's first line.
func openingLine(g Graph, doc string) string {
	for _, f := range g.DocFacts(doc) {
		if f.Relation == corpora.RelInPoem {
			return zh.Key(f.Subject)
		}
	}
	return ""
}

// works is how many works an author has in the graph; none for the
// anonymous (无名氏 has the most of all).
func works(g Graph, author string) int {
	switch zh.Key(author) {
	case "无名氏", "佚名", "不详", "阙名":
		return 0
	}
	return g.Works(author)
}

// popularLine is, among the poems a line is in, the one most likely meant:
// the poem (title and author) the line is found in most often, then the
// author with the most works; ties to the first.
func popularLine(g Graph, facts []corpora.Fact) (corpora.Fact, bool) {
	var cands []poemCand
	for _, f := range facts {
		if f.Relation != corpora.RelInPoem {
			continue
		}
		author := ""
		for _, pf := range g.Facts(f.Object) {
			if pf.Doc == f.Doc && pf.Relation == corpora.RelAuthor {
				author = pf.Object
				break
			}
		}
		cands = append(cands, poemCand{f: f, author: author, poem: zh.Key(f.Object) + "|" + zh.Key(author)})
	}
	if len(cands) == 0 {
		return corpora.Fact{}, false
	}
	return mostLikely(g, cands), true
}

// reverseWords ask for an idiom by its meaning: 哪个成语的意思是…,
// 形容…的成语. They win over an idiom named inside the description.
var reverseWords = []string{"哪个成语", "什么成语", "哪一个成语", "哪条成语", "的成语", "是哪个", "哪一个", "这是哪个", "成语是", "有个成语",
	"一个成语", "成语意思是", "成语叫", "用成语", "成语怎么说", "成语来形容", "成语形容", "成语表达", "成语概括", "哪些成语", "四字成语", "打一成语"}

var thisIdiom = strings.NewReplacer("这个成语", "", "该成语", "", "此成语", "", "这条成语", "", "这句成语", "", "这一成语", "")

// AsksForIdiom reports whether a question asks which idiom means
// something.
func AsksForIdiom(q string) bool {
	// 这个成语是怎么来的 asks about an idiom already named.
	qn := thisIdiom.Replace(zh.Normalize(q))
	if !strings.Contains(qn, "成语") {
		return false
	}
	for _, w := range reverseWords {
		if strings.Contains(qn, w) {
			return true
		}
	}
	return false
}

// ModeGraph marks answers taken from the knowledge graph's facts.
const ModeGraph = "graph"

// intents: what a culture question asks for, by the words that ask it,
// in the order they are tried (下一句 before 句, 朝代 before 作者 — 作者是哪个朝代的 asks
// for a dynasty —, 作者 before 出自 …).
var intents = []struct {
	rel   string
	words []string
}{
	{whole, []string{"全文", "全诗", "原文", "全首", "全篇", "背诵", "背一下", "背一遍", "整首", "完整", "内容是"}},
	{firstLine, []string{"第一句", "首句", "开头", "起句", "头一句"}},
	{lastLine, []string{"最后一句", "末句", "尾句", "结尾"}},
	{corpora.RelNext, []string{"下一句", "下句", "后一句", "后句", "下半句", "后半句", "接下来", "接下去", "下面一句", "后面一句", "下面是",
		"后面是", "接着是", "下联", "对下句", "后面那句", "下面那句", "后面接", "怎么接", "接什么", "接哪句", "接的是", "之后是", "后边"}},
	{corpora.RelPrev, []string{"上一句", "上句", "前一句", "前句", "上半句", "前半句", "上面一句", "前面一句", "上联", "上面是", "前面是",
		"上面那句", "前面那句", "之前是", "前边"}},
	{corpora.RelDynasty, []string{"朝代", "哪个朝", "什么朝", "哪一朝", "哪朝", "什么时代", "哪个时代", "年代", "时期", "什么时候的人", "哪个年代"}},
	{corpora.RelAuthor, []string{"谁写", "作者", "谁的", "谁作", "哪位诗人", "哪个诗人", "什么人写", "谁所作", "出自谁", "是谁", "诗人是", "词人是", "哪位词人", "谁创作"}},
	{corpora.RelInPoem, []string{"哪首诗", "什么诗", "诗名", "题目", "标题", "诗题", "哪一首", "哪首词", "什么词", "出自哪首", "叫什么"}},
	{corpora.RelPinyin, []string{"拼音", "怎么读", "读音", "怎么念", "如何读", "注音", "发音", "怎么拼", "如何念", "咋读", "咋念"}},
	{corpora.RelExample, []string{"例句", "造句", "造个句", "造一个句", "怎么用", "用法", "举个例子", "举例", "例子"}},
	{corpora.RelSource, []string{"出处", "出自", "来源", "典故", "出于", "语出", "来自", "从哪里来", "哪本书", "源自", "由来", "来历", "怎么来的",
		"见于", "哪部书", "故事", "典出", "出典"}},
	{corpora.RelMeaning, []string{"意思", "含义", "释义", "意义", "解释", "什么意", "寓意", "指什么", "比喻什么", "涵义", "指的是", "是指",
		"讲的是", "说的是", "何意", "啥意", "理解", "形容什么", "比喻"}},
	{corpora.RelRhythmic, []string{"词牌"}},
	{corpora.RelBio, []string{"简介", "生平", "介绍", "是什么人", "何许人", "经历"}},
}

// Asks the graph answers from a poem's lines rather than one fact.
const (
	whole     = "全文"
	firstLine = "第一句"
	lastLine  = "最后一句"
)

// asks reports whether text holds a word of the intent rel.
func asks(text, rel string) bool {
	for _, in := range intents {
		if in.rel == rel {
			for _, w := range in.words {
				if strings.Contains(text, w) {
					return true
				}
			}
		}
	}
	return false
}

// unheld are asks the graph holds no facts for: 洛阳纸贵的反义词 must not
// be answered with its meaning.
var unheld = []string{"反义", "近义", "同义", "英文", "英语", "翻译", "相反"}

func intentOf(q string) string {
	for _, w := range unheld {
		if strings.Contains(q, w) {
			return "unheld"
		}
	}
	for _, in := range intents {
		for _, w := range in.words {
			if strings.Contains(q, w) {
				return in.rel
			}
		}
	}
	return ""
}

// link finds the longest entity of the graph named in the question,
// first outside the words that frame a question (是什么, 哪个朝代, 下一句 …)
// — in a large graph 是什么 or 朝代的人 is itself some poem's title or line,
// longer than the 张继 asked about — and only then across them.
func link(g Graph, q string) string {
	best := ""
	for _, seg := range strings.Split(frameWords.Replace(zh.Key(q)), "|") {
		if l := zh.Link(g.Has, seg); len([]rune(l)) > len([]rune(best)) {
			best = l
		}
	}
	if best != "" {
		return best
	}
	return zh.Link(g.Has, q)
}

// frameWords replaces the words of question frames and intents by a
// boundary.
var frameWords = func() *strings.Replacer {
	words := []string{"是什么", "什么", "哪个", "哪一", "哪位", "是谁", "的人", "的诗", "的词", "请问", "一下", "这个", "这句", "这首"}
	for _, in := range intents {
		words = append(words, in.words...)
	}
	words = append(words, reverseWords...)
	// Longest first: the replacer takes the first match at a position.
	sort.Slice(words, func(i, j int) bool { return len(words[i]) > len(words[j]) })
	var pairs []string
	for _, w := range words {
		pairs = append(pairs, w, "|")
	}
	return strings.NewReplacer(pairs...)
}()

// hasKind reports whether one of an entity's documents is of kind.
func hasKind(facts []corpora.Fact, kind string) bool {
	for _, f := range facts {
		if f.Relation == corpora.RelKind && f.Object == kind {
			return true
		}
	}
	return false
}

// kindOf is an entity's kind (成语, 诗, 词, 诗人, 歇后语, 经典), or "句" for a
// line of a poem.
func kindOf(facts []corpora.Fact) string {
	line := false
	for _, f := range facts {
		if f.Relation == corpora.RelKind {
			return f.Object
		}
		if f.Relation == corpora.RelInPoem {
			line = true
		}
	}
	if line {
		return "句"
	}
	for _, f := range facts {
		if f.Relation == corpora.RelDynasty {
			return "诗人" // an author known from poems only
		}
	}
	return ""
}

func first(facts []corpora.Fact, rel, doc string) (corpora.Fact, bool) {
	for _, f := range facts {
		if f.Relation == rel && (doc == "" || f.Doc == doc) {
			return f, true
		}
	}
	return corpora.Fact{}, false
}

// trimLine drops a line's closing punctuation for the answer.
func trimLine(s string) string {
	return strings.TrimRight(s, "，。？！；、,.?!;")
}

// Culture answers a question about an idiom, a poem or a line, a poet or
// a 歇后语 from the graph's facts, citing each. ok is false when the
// question names no entity or asks what the facts do not hold; the text
// answerer then takes it.
func Culture(g Graph, q string) (Answer, bool) {
	linked := link(g, q)
	return culture(g, q, linked, linked)
}

// culture answers q about the entity linked, named in the question's Key
// by span: the entity's own key, or a line as the question misquotes it
// (LineFor). A line named exactly must stand alone in its clause.
func culture(g Graph, q, linked, span string) (Answer, bool) {
	a := Answer{Question: q, Answer: NotFound, Mode: ModeGraph, Citations: []Citation{}}
	qn := zh.Normalize(q)
	if linked == "" {
		return a, false
	}
	ent, byPinyin, _ := g.Resolve(linked)
	facts := g.Facts(ent)
	if byPinyin {
		// Named by its pinyin: unless something else is asked, the
		// answer is the idiom itself.
		if in := intentOf(strings.Replace(zh.Key(qn), linked, " ", 1)); in == "" || AsksForIdiom(q) {
			if f, ok := first(facts, corpora.RelPinyin, ""); ok {
				return answerWith(a, f.Subject, f)
			}
		}
	} else if AsksForIdiom(q) && len([]rune(linked)) < len([]rune(zh.Key(q)))/2 {
		// 哪个成语的意思是“…欺软怕硬”: an idiom inside the description
		// is not the one asked for.
		return a, false
	}
	kind := kindOf(facts)
	// The entity itself is not the question's words: 下一句 in 下一句是什么
	// must not be read inside the name.
	rest := strings.Replace(zh.Key(qn), span, " ", 1)
	intent := intentOf(rest)
	answer := func(text string, fs ...corpora.Fact) (Answer, bool) { return answerWith(a, text, fs...) }
	// One name, several kinds: the kind the question names (歇后语：竹篮打水
	// is the saying, not the idiom); a line asked for its neighbours or its
	// poem is the line (少小离家老大回 is also a 歇后语's first half, 学而时习之
	// also an idiom).
	for _, named := range []string{"歇后语", "成语"} {
		if strings.Contains(qn, named) && hasKind(facts, named) {
			kind = named
		}
	}
	if _, isLine := first(facts, corpora.RelInPoem, ""); isLine && kind != "句" {
		switch {
		case kind == "歇后语" && !strings.Contains(qn, "歇后语"),
			kind == "成语" && !strings.Contains(qn, "成语") && (intent == corpora.RelNext || intent == corpora.RelPrev || intent == corpora.RelInPoem):
			kind = "句"
		}
	}
	if kind == "句" && linked == span && partOfClause(g, qn, linked) {
		// 床前明月光 names the line 明月光 only by its end: another
		// line, or another text of it (LineFor).
		return a, false
	}
	if f, ok := namedRelation(facts, rest); ok {
		return answer(f.Object, f)
	}
	switch kind {
	case "歇后语":
		if f, ok := first(facts, corpora.RelAnswer, ""); ok && (intent == "" || intent == corpora.RelNext || intent == corpora.RelMeaning) {
			return answer(f.Object, f)
		}
	case "句":
		poem, ok := popularLine(g, facts)
		if !ok {
			break
		}
		switch intent {
		case corpora.RelNext, "", corpora.RelPrev:
			rel := corpora.RelNext
			if intent == corpora.RelPrev {
				rel = corpora.RelPrev
			}
			// 床前明月光，疑是地上霜 的下一句: past every line the
			// question quotes after the one linked (before it, for the
			// line before).
			qk := zh.Key(qn)
			var after, before string
			if at := strings.Index(qk, span); at >= 0 {
				after, before = qk[at+len(span):], qk[:at]
			}
			f, ok := first(facts, rel, poem.Doc)
			for i := 0; ok && i < 8; i++ {
				k := zh.Key(f.Object)
				if rel == corpora.RelNext && strings.HasPrefix(after, k) {
					after = after[len(k):]
				} else if rel == corpora.RelPrev && strings.HasSuffix(before, k) {
					before = before[:len(before)-len(k)]
				} else {
					break
				}
				nf, more := first(g.Facts(f.Object), rel, poem.Doc)
				if !more {
					break
				}
				f = nf
			}
			if ok {
				return answer(trimLine(f.Object), f)
			}
		case whole, firstLine, lastLine:
			return linesAnswer(g, poem.Doc, poem.Object, intent, answer)
		case corpora.RelMeaning:
			// No line's meaning is in the data: say so, and where the
			// line comes from, rather than hand the line back as its own
			// meaning.
			if pa, ok := poemAnswer(g, poem, answer, true); ok {
				pa.Answer, pa.Found = "资料中没有找到这句诗的解释；它出自"+pa.Answer+"。", false
				return pa, true
			}
		case corpora.RelInPoem, corpora.RelSource:
			return poemAnswer(g, poem, answer, true)
		case corpora.RelAuthor:
			// 出自哪首诗？作者是谁？ asks for both.
			return poemAnswer(g, poem, answer, asks(rest, corpora.RelInPoem))
		case corpora.RelDynasty:
			pf := g.Facts(poem.Object)
			if f, ok := first(pf, corpora.RelDynasty, poem.Doc); ok {
				return answer(f.Object, poem, f)
			}
		}
	case "诗", "词", "经典":
		doc := popularDoc(g, facts)
		switch intent {
		case whole, firstLine, lastLine:
			return linesAnswer(g, doc, facts[0].Subject, intent, answer)
		case corpora.RelAuthor, "", corpora.RelSource:
			if f, ok := first(facts, corpora.RelAuthor, doc); ok {
				return answer(f.Object, f)
			}
			if f, ok := first(facts, corpora.RelWork, doc); ok {
				return answer("《"+f.Object+"》", f)
			}
		case corpora.RelDynasty:
			if f, ok := first(facts, corpora.RelDynasty, doc); ok {
				return answer(f.Object, f)
			}
		case corpora.RelRhythmic:
			if f, ok := first(facts, corpora.RelRhythmic, doc); ok {
				return answer(f.Object, f)
			}
		}
	case "成语":
		switch intent {
		case corpora.RelSource:
			if f, ok := first(facts, corpora.RelSource, ""); ok {
				return answer(f.Object, f)
			}
		case corpora.RelPinyin:
			if f, ok := first(facts, corpora.RelPinyin, ""); ok {
				return answer(f.Object, f)
			}
		case corpora.RelExample:
			if f, ok := first(facts, corpora.RelExample, ""); ok {
				return answer(f.Object, f)
			}
		case corpora.RelMeaning, "":
			if f, ok := first(facts, corpora.RelMeaning, ""); ok {
				return answer(f.Object, f)
			}
		}
	case "诗人":
		// Prefer the poet's own record to the poems that name him.
		own := ""
		if f, ok := first(facts, corpora.RelKind, ""); ok {
			own = f.Doc
		}
		switch intent {
		case corpora.RelDynasty, "":
			if f, ok := first(facts, corpora.RelDynasty, own); ok {
				return answer(f.Object, f)
			}
			if f, ok := first(facts, corpora.RelDynasty, ""); ok {
				return answer(f.Object, f)
			}
		case corpora.RelBio, corpora.RelAuthor: // 李白是谁
			if f, ok := first(facts, corpora.RelBio, ""); ok {
				return answer(f.Object, f)
			}
		}
	}
	// Any other entity (a user's own facts): the relation asked for.
	if intent != "" && intent != "unheld" {
		if f, ok := first(facts, intent, ""); ok {
			return answer(f.Object, f)
		}
	}
	return a, false
}

// builtin are the relations the graph's own records have, asked for by
// intents.
var builtin = map[string]bool{corpora.RelMeaning: true, corpora.RelSource: true, corpora.RelWork: true, corpora.RelPinyin: true, corpora.RelExample: true,
	corpora.RelAuthor: true, corpora.RelDynasty: true, corpora.RelBio: true, corpora.RelRhythmic: true, corpora.RelNext: true, corpora.RelPrev: true, corpora.RelInPoem: true,
	corpora.RelAnswer: true, corpora.RelKind: true}

// namedRelation finds, among an entity's facts, one whose relation the
// question names and no intent stands for — a user's own 创始人 or 年假天数
// — the longest named first.
func namedRelation(facts []corpora.Fact, rest string) (corpora.Fact, bool) {
	var best corpora.Fact
	n := 0
	for _, f := range facts {
		if builtin[f.Relation] {
			continue
		}
		r := zh.Key(f.Relation)
		if l := len([]rune(r)); l > n && l >= 2 && strings.Contains(rest, r) {
			best, n = f, l
		}
	}
	return best, n > 0
}

// linesAnswer answers with a poem's lines: all of them, the first or the
// last.
func linesAnswer(g Graph, doc, title, intent string, answer func(string, ...corpora.Fact) (Answer, bool)) (Answer, bool) {
	var lines []string
	for _, f := range g.DocFacts(doc) {
		if f.Relation == corpora.RelInPoem {
			lines = append(lines, f.Subject)
		}
	}
	if len(lines) == 0 {
		return Answer{}, false
	}
	text := strings.Join(lines, "")
	switch intent {
	case firstLine:
		text = trimLine(lines[0])
	case lastLine:
		text = trimLine(lines[len(lines)-1])
	}
	return answer(text, corpora.Fact{Subject: title, Relation: intent, Object: text, Doc: doc, Field: "lines"})
}

// linePrefixes may stand before a line in its clause: 请接 床前明月光,
// 李白的 床前明月光.
var linePrefixes = []string{"的", "请接", "接", "诗句", "句子", "请问", "问", "下一句", "上一句", "下句", "上句", "这句", "一句", "诗"}

// partOfClause reports whether a line is only part of the clause of the
// question that holds it, with words before it that do not frame it — a
// poem's title or poet does (水调歌头明月几时有).
func partOfClause(g Graph, qn, line string) bool {
	for _, clause := range strings.FieldsFunc(qn, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		ck := zh.Key(clause)
		at := strings.Index(ck, line)
		if at < 0 {
			continue
		}
		prefix := ck[:at]
		if prefix == "" {
			return false
		}
		for _, p := range linePrefixes {
			if strings.HasSuffix(prefix, p) {
				return false
			}
		}
		pr := []rune(prefix)
		for n := 2; n <= min(len(pr), 12); n++ {
			if g.Has(string(pr[len(pr)-n:])) {
				return false
			}
		}
		return true
	}
	return false
}

// LineFor answers a question about a line the question quotes in another
// text than the graph's (床前明月光 for 牀前看月光): among the lines of
// the retrieved poems (best first), the longest found in the question with
// at most one character different (two from seven characters up). ok is
// false when none is.
func LineFor(g Graph, q string, docs []string) (Answer, bool) {
	qk := []rune(zh.Key(zh.Normalize(q)))
	best, bestSpan, bestMiss := "", "", 0
	for _, d := range docs {
		for _, f := range g.DocFacts(d) {
			if f.Relation != corpora.RelInPoem {
				continue
			}
			lk := zh.Key(f.Subject)
			l := []rune(lk)
			if len(l) < 5 || len(l) < len([]rune(best)) {
				continue
			}
			allowed := 1
			if len(l) >= 7 {
				allowed = 2
			}
			for i := 0; i+len(l) <= len(qk); i++ {
				miss := 0
				for j := range l {
					if qk[i+j] != l[j] {
						if miss++; miss > allowed {
							break
						}
					}
				}
				if miss <= allowed && (len(l) > len([]rune(best)) || miss < bestMiss) {
					best, bestSpan, bestMiss = lk, string(qk[i:i+len(l)]), miss
				}
			}
		}
	}
	if best == "" {
		return Answer{}, false
	}
	return culture(g, q, best, bestSpan)
}

// answerWith is a with text as its answer, citing the facts it came from.
func answerWith(a Answer, text string, fs ...corpora.Fact) (Answer, bool) {
	a.Answer, a.Found = text, true
	for _, f := range fs {
		text := f.Subject + " " + f.Relation + "：" + f.Object
		if f.Source != "" {
			text += "（来源：" + f.Source + "）"
		}
		a.Citations = append(a.Citations, Citation{N: len(a.Citations) + 1, Doc: f.Doc, Title: f.Subject, Text: text, Field: f.Field})
	}
	return a, true
}

// poemAnswer answers who wrote the poem a line is in (and, if title, its
// title first).
func poemAnswer(g Graph, poem corpora.Fact, answer func(string, ...corpora.Fact) (Answer, bool), title bool) (Answer, bool) {
	pf := g.Facts(poem.Object)
	au, hasAu := first(pf, corpora.RelAuthor, poem.Doc)
	dy, hasDy := first(pf, corpora.RelDynasty, poem.Doc)
	text := "《" + poem.Object + "》"
	if !title {
		text = ""
	}
	if hasAu {
		by := au.Object
		if hasDy {
			by = dy.Object + "·" + by
		}
		if title {
			text += "，" + by
		} else {
			text = au.Object
		}
	}
	if text == "" {
		return Answer{}, false
	}
	fs := []corpora.Fact{poem}
	if hasAu {
		fs = append(fs, au)
	}
	return answer(text, fs...)
}

// BestIdiom picks, among the idioms of retrieved documents (best first),
// the one whose meaning is nearest the text: the Dice coefficient of
// their character bigrams, ties to the better-ranked document. Retrieval
// alone ranks by the whole entry — the example sentence, the source, an
// idiom named inside another's explanation — when the question is a
// meaning. ok is false when no document is an idiom.
func BestIdiom(g Graph, text string, docs []string) (meaning corpora.Fact, ok bool) {
	qb := bigrams(zh.Key(text))
	best := -1.0
	for rank, d := range docs {
		fs := g.DocFacts(d)
		k, isIdiom := first(fs, corpora.RelKind, "")
		if !isIdiom || k.Object != "成语" {
			continue
		}
		m, hasMeaning := first(fs, corpora.RelMeaning, "")
		if !hasMeaning {
			continue
		}
		mb := bigrams(zh.Key(m.Object))
		score := containment(qb, mb) + dice(qb, mb) - 0.001*float64(rank)
		if score > best {
			best, meaning, ok = score, m, true
		}
	}
	return meaning, ok
}

func bigrams(s string) map[string]int {
	r := []rune(s)
	out := map[string]int{}
	for i := 0; i+1 < len(r); i++ {
		out[string(r[i:i+2])]++
	}
	return out
}

// containment is the share of a's bigrams found in b: 1 when the question
// is a clause of the meaning, however long the meaning.
func containment(a, b map[string]int) float64 {
	common, na := 0, 0
	for k, n := range a {
		na += n
		common += min(n, b[k])
	}
	if na == 0 {
		return 0
	}
	return float64(common) / float64(na)
}

func dice(a, b map[string]int) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common, na, nb := 0, 0, 0
	for k, n := range a {
		na += n
		common += min(n, b[k])
	}
	for _, n := range b {
		nb += n
	}
	return 2 * float64(common) / float64(na+nb)
}

// IdiomFor answers a question that asks which idiom means something
// (AsksForIdiom) with the idiom of a retrieved passage (BestIdiom). ok is
// false when no hit is an idiom.
func IdiomFor(g Graph, q string, docs []string) (Answer, bool) {
	m, ok := BestIdiom(g, q, docs)
	if !ok {
		return Answer{}, false
	}
	return answerWith(Answer{Question: q, Mode: ModeGraph}, m.Subject, m)
}
