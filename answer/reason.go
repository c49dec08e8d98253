package answer

import (
	"strings"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// reasonWords ask for an explanation, an analysis or a judgement, which
// an extractive answerer cannot give: it can show the facts that bear on
// the question.
var reasonWords = []string{"为什么", "为何", "怎么会", "何以", "原因", "角度", "分析", "评价", "比较", "区别", "异同", "启示",
	"谈谈", "看法", "如何理解", "怎么理解", "怎样理解", "道理", "说明了什么", "有何影响", "有什么影响", "有什么不同", "有何不同",
	"差别", "有什么联系"}

// explainNote tells an offline user what the answer above it is.
const explainNote = "（解释和分析需要配置大模型，当前没有配置。以上是资料中与问题相关的内容。）"

// reasons reports whether q asks why, or for an analysis or a judgement.
func reasons(q string) bool {
	if !says(q, reasonWords) {
		return false
	}
	// 比较 as an adverb of degree (哪个比较稳妥, 比较好, 比较划算) asks
	// which is best, not for a comparison: the question is asked without
	// it. Not 比较 opening the question (比较常规体检和深度体检的项目) or
	// before two things named (比较安卓版和iOS版的功能), nor before a pair
	// of opposites (比较大小): the verb.
	n := zh.Normalize(q)
	return says(adverbBijiao.ReplaceEach(n, func(m []int) (string, int, bool) {
		before, after := strings.TrimLeft(n[:m[0]], "请帮我麻烦你们想问一下"), n[m[0]+len("比较"):]
		return "", m[1], before != "" && !strings.ContainsAny(after, "和与跟及、") && !hasAnyPrefix(after, contraries...)
	}), reasonWords)
}

// contraries are pairs of opposites a comparison weighs (比较大小).
var contraries = []string{"大小", "高低", "多少", "长短", "快慢", "好坏", "优劣", "轻重", "远近", "早晚", "难易", "贵贱"}

// adverbBijiao finds 比较 before a word of degree or manner (比较稳妥, 比较
// 好, 比较快): the adverb, not the verb "compare".
var adverbBijiao = mustScan(`比较(?:[好快慢早晚多少大小高低贵便近远稳安方划合靠省常容难简复重轻严宽]|适合|适宜)`)

// statesCause reports whether an answer's sentence gives a cause (因为,
// 由于, 所以 …): then the extract answers a why.
func statesCause(a Answer) bool {
	text := a.Answer + a.Evidence
	return causeRe.MatchString(text) || strings.Contains(text, "所以") || strings.Contains(text, "因此")
}

// factRelations are the facts that bear on an explanation of an entity,
// in the order they are shown.
var factRelations = []string{corpora.RelMeaning, corpora.RelSource, corpora.RelWork, corpora.RelAuthor, corpora.RelDynasty, corpora.RelBio}

// factsFor answers a question asking to explain or judge the entity
// linked (从经济学角度解释洛阳纸贵), or to compare it with other, with the
// entities' facts that bear on it, each cited, and the note that the
// explanation itself needs a model: not the 释义 alone as if it answered.
func factsFor(g Graph, q, linked, other string) (Answer, bool) {
	a := Answer{Question: q, Answer: NotFound, Mode: ModeGraph, Citations: []Citation{}}
	var b strings.Builder
	var used []corpora.Fact
	for _, name := range []string{linked, other} {
		ent, _, ok := g.Resolve(name)
		if name == "" || !ok {
			continue
		}
		facts := g.Facts(ent)
		n := 0
		for _, rel := range factRelations {
			if f, ok := first(facts, rel, ""); ok && n < 4 {
				b.WriteString(f.Subject + " " + rel + "：" + clip(f.Object, 120) + "\n")
				used = append(used, f)
				n++
			}
		}
	}
	if len(used) == 0 {
		return a, false
	}
	b.WriteString(explainNote)
	return answerWith(a, b.String(), used...)
}

// spelledEntry is the name of a culture entry among the hits whose name
// the question holds in order, its characters at most three apart (洛阳纸贵
// in 为什么洛阳的纸会变贵), a name of three characters or more; "" when
// none does.
func spelledEntry(g Graph, q string, hits []corpora.Hit) string {
	qr := []rune(zh.Normalize(q))
	for _, h := range hits {
		name := []rune(zh.Normalize(h.Title))
		if len(name) < 3 || len(name) > 8 || !cultureRecord(g.DocFacts(h.DocID)) {
			continue
		}
		if spellsOut(qr, name) {
			return h.Title
		}
	}
	return ""
}

// spellsOut reports whether name's characters stand in q in order, each
// within three characters of the one before.
func spellsOut(q, name []rune) bool {
	for start := range q {
		if q[start] != name[0] {
			continue
		}
		i, last := 1, start
		for j := start + 1; j < len(q) && i < len(name) && j-last <= 3; j++ {
			if q[j] == name[i] {
				i, last = i+1, j
			}
		}
		if i == len(name) {
			return true
		}
	}
	return false
}
