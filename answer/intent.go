package answer

import (
	"strings"

	"github.com/wenda-rag/wenda/corpora"
)

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
	{corpora.RelNext, []string{"下一句", "下一行", "下句", "后一句", "后句", "下半句", "后半句", "接下来", "接下去", "下面一句", "后面一句", "下面是",
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
func asks(text, rel string) bool { return askedAt(text, rel, "") >= 0 }

// askedAt is the byte offset in text of the first word of the intent rel
// it holds, of those holding a character of within when it is given (句
// or 行: a line, not 接下来), -1 for none.
func askedAt(text, rel, within string) int {
	at := -1
	for _, in := range intents {
		if in.rel == rel {
			for _, w := range in.words {
				if i := strings.Index(text, w); i >= 0 && (at < 0 || i < at) && (within == "" || strings.ContainsAny(w, within)) {
					at = i
				}
			}
		}
	}
	return at
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
