package zh

import "strings"

// questionWords carry the shape of a question, not its subject: 什么, 哪个,
// 多少 … match documents only by accident and their character bigrams
// (是什, 么时) add noise, so queries are matched without them.
var questionWords = strings.NewReplacer(
	"为什么", " ", "什么样", " ", "什么", " ", "哪一个", " ", "哪一些", " ", "哪一", " ", "哪些", " ", "哪个", " ",
	"哪里", " ", "哪儿", " ", "哪", " ", "谁", " ", "多少", " ", "何时", " ", "如何", " ", "怎么样", " ", "怎么", " ",
	"怎样", " ", "为何", " ", "是否", " ", "吗", " ", "呢", " ", "?", " ",
	// 几号, 几点, 几天: the measure asked stays, the question word not
	// (几号 matched a code's 号 and 每个月 before the 工资 asked of).
	"几乎", "几乎", "几", " ",
	// 的 joins words; a bigram across it (天的 of 每天的餐补) matches short
	// titles by accident (旱天的井), not the subject.
	"的", " ",
)

// QueryText prepares a question for lexical matching: question words and
// particles become spaces, so neither they nor bigrams across them count.
// Text that is all question words is returned unchanged.
func QueryText(q string) string {
	s := questionWords.Replace(Normalize(q)) // 什麼 is 什么 too
	if strings.TrimSpace(s) == "" {
		return q
	}
	return s
}
