package answer

import (
	"strings"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// reverseWords ask for an idiom by its meaning: 哪个成语的意思是…,
// 形容…的成语. They win over an idiom named inside the description.
var reverseWords = []string{"哪个成语", "什么成语", "哪一个成语", "哪条成语", "的成语", "是哪个", "哪一个", "这是哪个", "成语是", "有个成语",
	"一个成语", "成语意思是", "成语叫", "用成语", "成语怎么说", "成语来形容", "成语形容", "成语表达", "成语概括", "哪些成语", "四字成语", "打一成语"}

var thisIdiom = strings.NewReplacer("这个成语", "", "该成语", "", "此成语", "", "这条成语", "", "这句成语", "", "这一成语", "")

// asksForIdiom reports whether a question asks which idiom means
// something.
func asksForIdiom(q string) bool {
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
		if !isIdiom || k.Object != corpora.KindIdiom {
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

// idiomFor answers a question that asks which idiom means something
// (asksForIdiom) with the idiom of a retrieved passage (BestIdiom). ok is
// false when no hit is an idiom.
func idiomFor(g Graph, q string, docs []string) (Answer, bool) {
	m, ok := BestIdiom(g, q, docs)
	if !ok {
		return Answer{}, false
	}
	return answerWith(Answer{Question: q, Mode: ModeGraph}, m.Subject, m)
}
