package answer

import (
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

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
