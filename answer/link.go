package answer

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora/zh"
)

// link finds the longest entity of the graph named in the question,
// first outside the words that frame a question (是什么, 哪个朝代, 下一句 …)
// — in a large graph 是什么 or 朝代的人 is itself some poem's title or line,
// longer than the 张继 asked about — and only then across them. Its cost
// is linear in the question's length (zh.Link); it stops with ctx's error
// when ctx is done.
func link(ctx context.Context, g Graph, q string) (string, error) {
	k := zh.Key(q)
	framed := frameWords.Replace(k)
	best := ""
	for _, seg := range strings.Split(framed, "|") {
		l, err := zh.Link(ctx, g.Has, seg)
		if err != nil {
			return "", err
		}
		if utf8.RuneCountInString(l) > utf8.RuneCountInString(best) {
			best = l
		}
	}
	if best != "" || framed == k {
		// No frame word: the question was looked through whole already.
		return best, nil
	}
	return zh.Link(ctx, g.Has, q)
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
