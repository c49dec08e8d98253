package answer

import (
	"sort"
	"strings"

	"github.com/wenda-rag/wenda/corpora/zh"
)

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
