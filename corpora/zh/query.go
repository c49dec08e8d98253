package zh

import "strings"

// questionWords carry the shape of a question, not its subject: 什么, 哪个,
// 多少 … match documents only by accident and their character bigrams
// (是什, 么时) add noise, so queries are matched without them.
var questionWords = strings.NewReplacer(append([]string{
	"为什么", " ", "什么样", " ", "什么", " ", "哪一个", " ", "哪一些", " ", "哪一", " ", "哪些", " ", "哪个", " ",
	"哪里", " ", "哪儿", " ", "哪", " ", "谁", " ", "多少", " ", "何时", " ", "如何", " ", "怎么样", " ", "怎么", " ",
	"怎样", " ", "为何", " ", "是否", " ", "吗", " ", "呢", " ", "?", " ",
	// 的 joins words; a bigram across it (天的 of 每天的餐补) matches short
	// titles by accident (旱天的井), not the subject.
	"的", " ",
	"几个人", " 人", // (not 个人, "personal")
}, askedMeasures("号", "点", "天", "个", "次", "年", "月", "岁", "名", "位", "家", "种", "条", "张", "台", "分", "周", "层", "楼", "级", "成", "折", "倍", "小时")...)...)

// askedMeasures are the replacements of 几 before each measure word (几号 →
// " 号"): the measure asked stays, the question word not (几号 matched a
// code's 号 and 每个月 before the 工资 asked of); 几何, 几乎, 茶几 are words
// of their own.
func askedMeasures(measures ...string) []string {
	out := make([]string, 0, 2*len(measures))
	for _, m := range measures {
		out = append(out, "几"+m, " "+m)
	}
	return out
}

// QueryText prepares a question for lexical matching: question words and
// particles become spaces, so neither they nor bigrams across them count.
// Text that is all question words is returned unchanged.
func QueryText(q string) string {
	s := questionWords.Replace(spokenPer.Replace(Normalize(q))) // 什麼 is 什么 too
	if strings.TrimSpace(s) == "" {
		return q
	}
	return s
}

// spokenPer writes "each" as documents do: 每个月 → 每月, 每个星期 → 每周.
var spokenPer = strings.NewReplacer("每个月", "每月", "每个星期", "每周", "每个礼拜", "每周", "每一天", "每天", "每个人", "每人")
