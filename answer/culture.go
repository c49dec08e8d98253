package answer

import (
	"context"
	"strings"

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

// ModeGraph marks answers taken from the knowledge graph's facts.
const ModeGraph = "graph"

// fromGraph answers a question about an idiom, a poem or a line, a poet or
// a 歇后语 from the graph's facts, citing each. ok is false when the
// question names no entity or asks what the facts do not hold; the text
// answerer then takes it.
func fromGraph(ctx context.Context, g Graph, q string) (Answer, bool, error) {
	linked, err := link(ctx, g, q)
	if err != nil {
		return Answer{}, false, err
	}
	a, ok := culture(g, q, linked, linked)
	return a, ok, nil
}

// cultureWords say that a question is about idioms, poetry or 歇后语 though
// it names none (描写春天的诗, 形容勤奋的成语).
var cultureWords = []string{"成语", "歇后语", "诗", "词牌", "宋词", "元曲", "诗句", "名句", "古文", "文言", "典故", "出处",
	"下一句", "上一句", "下句", "上句", "后半句", "前半句", "诗人", "词人", "朝代", "谜底"}

// asksCulture reports whether q asks about idioms, poetry or 歇后语 by its
// words.
func asksCulture(q string) bool { return says(q, cultureWords) || asksForIdiom(q) }

// proseFirst moves the records of the culture corpora (an idiom's, a
// poem's, a 歇后语's entry: documents the graph holds a kind for) after the
// other passages, in their order, or leaves them out when three others
// remain: a question that names no culture entity
// and asks nothing of one is about the user's own documents, and a short
// entry that shares a word with it (梦里结婚 for 结婚能休几天婚假) must not
// crowd the handbook out of the passages read.
func proseFirst(g Graph, hits []corpora.Hit) []corpora.Hit {
	out := make([]corpora.Hit, 0, len(hits))
	var records []corpora.Hit
	for _, h := range hits {
		if cultureRecord(g.DocFacts(h.DocID)) {
			records = append(records, h)
		} else {
			out = append(out, h)
		}
	}
	if len(out) >= 3 {
		// Enough of the user's own passages: the entries are no
		// evidence on what the knowledge base says of the question either
		// (refuse).
		return out
	}
	return append(out, records...)
}

// culture answers q about the entity linked, named in the question's Key
// by span: the entity's own key, or a line as the question misquotes it
// (lineFor). A line named exactly must stand alone in its clause.
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
		if in := intentOf(strings.Replace(zh.Key(qn), linked, " ", 1)); in == "" || asksForIdiom(q) {
			if f, ok := first(facts, corpora.RelPinyin, ""); ok {
				return answerWith(a, f.Subject, f)
			}
		}
	} else if asksForIdiom(q) && len([]rune(linked)) < len([]rune(zh.Key(q)))/2 {
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
	for _, named := range []string{corpora.KindXiehouyu, corpora.KindIdiom} {
		if strings.Contains(qn, named) && hasKind(facts, named) {
			kind = named
		}
	}
	if _, isLine := first(facts, corpora.RelInPoem, ""); isLine && kind != kindLine {
		switch {
		case kind == corpora.KindXiehouyu && !strings.Contains(qn, corpora.KindXiehouyu),
			kind == corpora.KindIdiom && !strings.Contains(qn, corpora.KindIdiom) && (intent == corpora.RelNext || intent == corpora.RelPrev || intent == corpora.RelInPoem):
			kind = kindLine
		}
	}
	if kind == kindLine && linked == span && partOfClause(g, qn, linked) {
		// 床前明月光 names the line 明月光 only by its end: another
		// line, or another text of it (lineFor).
		return a, false
	}
	if f, ok := namedRelation(facts, rest); ok {
		return answer(f.Object, f)
	}
	switch kind {
	case corpora.KindXiehouyu:
		if f, ok := first(facts, corpora.RelAnswer, ""); ok && (intent == "" || intent == corpora.RelNext || intent == corpora.RelMeaning) {
			return answer(f.Object, f)
		}
	case kindLine:
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
				if asksWho(rest) || asks(rest, corpora.RelInPoem) {
					// 下一句是什么，谁写的: the line, and its poem and poet.
					var pfs []corpora.Fact
					collect := func(text string, fs ...corpora.Fact) (Answer, bool) {
						pfs = fs
						return Answer{Answer: text, Found: true}, true
					}
					if pa, found := poemAnswer(g, poem, collect, true); found {
						return answer(trimLine(f.Object)+"（出自"+pa.Answer+"）", append([]corpora.Fact{f}, pfs...)...)
					}
				}
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
	case corpora.KindPoem, corpora.KindCi, corpora.KindClassic:
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
				if au, hasAu := first(facts, corpora.RelAuthor, doc); hasAu && asksWho(rest) {
					// 谁写的，哪个朝代的: both (作者是哪个朝代的 asks the
					// dynasty alone).
					return answer(f.Object+"·"+au.Object, f, au)
				}
				return answer(f.Object, f)
			}
		case corpora.RelRhythmic:
			if f, ok := first(facts, corpora.RelRhythmic, doc); ok {
				return answer(f.Object, f)
			}
		}
	case corpora.KindIdiom:
		if ia, ok := idiomFacts(facts, rest, answer); ok {
			return ia, true
		}
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
	case corpora.KindPoet:
		// Prefer the poet's own record to the poems that name him.
		own := ""
		if f, ok := first(facts, corpora.RelKind, ""); ok {
			own = f.Doc
		}
		if intent == "" && asksOther(rest) {
			// 同步盘的程序文件装在哪个目录: a poet's name (程序) is a
			// word of the question, which asks for something the poet's
			// record does not hold.
			break
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

// asksOther reports whether the words around a named entity ask for a
// thing of their own (哪个目录, 多少钱, 几点): a question word no intent
// stands for.
func asksOther(rest string) bool {
	for _, w := range []string{"哪", "什么", "多少", "几", "怎么", "如何", "多久", "多大", "为什么"} {
		if strings.Contains(rest, w) {
			return true
		}
	}
	return false
}

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

// hasKind reports whether one of an entity's documents is of kind.
func hasKind(facts []corpora.Fact, kind string) bool {
	for _, f := range facts {
		if f.Relation == corpora.RelKind && f.Object == kind {
			return true
		}
	}
	return false
}

// cultureRecord reports whether a document's facts make it an entry of a
// culture corpus: an idiom, a poem, a 词, a poet, a 歇后语, a classic.
func cultureRecord(facts []corpora.Fact) bool {
	for _, f := range facts {
		if f.Relation == corpora.RelKind {
			switch f.Object {
			case corpora.KindIdiom, corpora.KindPoem, corpora.KindCi, corpora.KindPoet, corpora.KindXiehouyu, corpora.KindClassic:
				return true
			}
		}
	}
	return false
}

// kindLine is what the answerer takes an entity for when it is a line of a
// poem: not one of the graph's kinds (no RelKind fact names it), which
// are corpora's.
const kindLine = "句"

// kindOf is an entity's kind (corpora.KindIdiom …), or kindLine for a
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
		return kindLine
	}
	for _, f := range facts {
		if f.Relation == corpora.RelDynasty {
			return corpora.KindPoet // an author known from poems only
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

// idiomAsks are what a question may ask of an idiom at once (一字千金是什么
// 意思，出自哪本书), in the order an answer gives them, with their labels.
var idiomAsks = []struct{ rel, label string }{
	{corpora.RelMeaning, "释义"}, {corpora.RelSource, "出处"}, {corpora.RelPinyin, "拼音"}, {corpora.RelExample, "例句"},
}

// idiomFacts answers a question asking two or more things of an idiom
// (its meaning and its source …) with each, labelled, each fact cited;
// ok is false when it asks one or none, or the graph holds fewer than two.
func idiomFacts(facts []corpora.Fact, rest string, answer func(string, ...corpora.Fact) (Answer, bool)) (Answer, bool) {
	var parts []string
	var fs []corpora.Fact
	for _, k := range idiomAsks {
		if !asks(rest, k.rel) {
			continue
		}
		if f, ok := first(facts, k.rel, ""); ok {
			text := strings.TrimRight(f.Object, "。")
			if !strings.HasSuffix(text, "”") && !strings.HasSuffix(text, "）") && !strings.HasSuffix(text, ")") {
				text += "。"
			}
			parts = append(parts, k.label+"："+text)
			fs = append(fs, f)
		}
	}
	if len(fs) < 2 {
		return Answer{}, false
	}
	return answer(strings.Join(parts, "\n"), fs...)
}

// asksWho reports whether a question asks who (谁写的, 哪位诗人), not only
// of the author (作者是哪个朝代的).
func asksWho(q string) bool {
	return strings.Contains(q, "谁") || strings.Contains(q, "哪位") || strings.Contains(q, "什么人")
}
