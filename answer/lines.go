package answer

import (
	"context"
	"strings"
	"unicode"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// trimLine drops a line's closing punctuation for the answer.
func trimLine(s string) string {
	return strings.TrimRight(s, "，。？！；、,.?!;")
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

// lineFor answers a question about a line the question quotes in another
// text than the graph's (床前明月光 for 牀前看月光): among the lines of
// the retrieved poems (best first), the longest found in the question with
// at most one character different (two from seven characters up). ok is
// false when none is. Its cost is the question's length times the
// lines': it stops with ctx's error when ctx is done.
func lineFor(ctx context.Context, g Graph, q string, docs []string) (Answer, bool, error) {
	qk := []rune(zh.Key(zh.Normalize(q)))
	best, bestSpan, bestMiss := "", "", 0
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Answer{}, false, err
		}
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
		return Answer{}, false, nil
	}
	a, ok := culture(g, q, best, bestSpan)
	return a, ok, nil
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
