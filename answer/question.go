package answer

import "strings"

// Kind is what a question asks for, read from its question word.
type Kind int

const (
	KindPhrase Kind = iota // 什么, 哪个 … : the phrase standing in the gap
	KindPerson             // 谁, 哪位
	KindDate               // 哪一年, 何时
	KindNumber             // 多少, 几
	KindPlace              // 哪里, 什么地方
	KindReason             // 为什么, 如何: a clause
)

func (k Kind) String() string {
	return [...]string{"phrase", "person", "date", "number", "place", "reason"}[k]
}

// whWord is a question word and the kind of answer it asks for. The list is
// searched longest first so that 哪一年 wins over 哪.
type whWord struct {
	text string
	kind Kind
}

var whWords = sortWh([]whWord{
	{"哪一年", KindDate}, {"哪年", KindDate}, {"何年", KindDate}, {"哪一天", KindDate}, {"哪天", KindDate},
	{"何时", KindDate}, {"什么时候", KindDate}, {"什么时间", KindDate}, {"哪个时候", KindDate}, {"几月", KindDate},
	{"几号", KindDate}, {"几年", KindDate}, {"哪个年代", KindDate}, {"哪个朝代", KindDate}, {"什么年代", KindDate},
	{"哪一时期", KindDate}, {"什么时期", KindDate}, {"哪个时期", KindDate}, {"多少年", KindDate},
	{"多少", KindNumber}, {"几", KindNumber}, {"多大", KindNumber}, {"多长", KindNumber}, {"多高", KindNumber},
	{"多远", KindNumber}, {"多久", KindNumber}, {"多重", KindNumber}, {"多深", KindNumber}, {"多宽", KindNumber},
	{"谁", KindPerson}, {"哪位", KindPerson}, {"哪个人", KindPerson}, {"什么人", KindPerson}, {"何人", KindPerson},
	{"哪一位", KindPerson},
	{"哪里", KindPlace}, {"哪儿", KindPlace}, {"什么地方", KindPlace}, {"何处", KindPlace}, {"何地", KindPlace},
	{"哪个国家", KindPlace}, {"哪个城市", KindPlace}, {"哪个地区", KindPlace}, {"哪个省", KindPlace}, {"哪国", KindPlace},
	{"为什么", KindReason}, {"为何", KindReason}, {"如何", KindReason}, {"怎样", KindReason}, {"怎么", KindReason},
	{"什么原因", KindReason},
	{"什么", KindPhrase}, {"哪个", KindPhrase}, {"哪些", KindPhrase}, {"哪种", KindPhrase}, {"哪一个", KindPhrase},
	{"哪一种", KindPhrase}, {"哪部", KindPhrase}, {"哪家", KindPhrase}, {"何种", KindPhrase}, {"哪", KindPhrase},
	{"啥", KindPhrase}, {"何", KindPhrase},
})

func sortWh(ws []whWord) []whWord {
	for i := 1; i < len(ws); i++ {
		for j := i; j > 0 && len([]rune(ws[j].text)) > len([]rune(ws[j-1].text)); j-- {
			ws[j], ws[j-1] = ws[j-1], ws[j]
		}
	}
	return ws
}

// question is a folded question split around its question word: Left + Wh
// + Right, with the trailing particles and punctuation dropped.
type question struct {
	folded      []rune
	left, right []rune
	wh          string
	kind        Kind
	unit        string // the measure word after 多少/几 (多少人 → 人)
}

const trailing = "？?。.！!吗呢呀啊呐嘛 "

func parseQuestion(folded []rune) question {
	q := question{folded: folded}
	end := len(folded)
	for end > 0 && strings.ContainsRune(trailing, folded[end-1]) {
		end--
	}
	body := string(folded[:end])
	best, bestAt := -1, -1
	for i, w := range whWords {
		at := strings.Index(body, w.text)
		if at < 0 {
			continue
		}
		// Prefer the earliest question word; among those at the same place,
		// the longest (the list is longest first).
		if bestAt < 0 || at < bestAt {
			best, bestAt = i, at
		}
	}
	if best < 0 {
		q.left = []rune(body)
		return q
	}
	w := whWords[best]
	startRunes := len([]rune(body[:bestAt]))
	endRunes := startRunes + len([]rune(w.text))
	b := []rune(body)
	q.left, q.right, q.wh, q.kind = b[:startRunes], b[endRunes:], w.text, w.kind
	if w.kind == KindNumber && len(q.right) > 0 {
		q.unit = measureAfter(q.right)
	}
	return q
}

// measureAfter returns the measure word at the start of r: 多少人 → 人,
// 几个国家 → 个, 多少平方公里 → 平方公里.
func measureAfter(r []rune) string {
	s := string(r)
	for _, u := range units {
		if strings.HasPrefix(s, u) {
			return u
		}
	}
	return ""
}

// units are measure words, longest first.
var units = []string{
	"个工作日", "工作日", "个小时", "个星期", "个月", "平方公里", "平方千米", "公分", "万人", "亿元", "万元", "平方米", "立方米", "公里", "千米", "厘米", "毫米", "英里", "英尺", "公顷", "公斤", "千克",
	"美元", "人民币", "港元", "欧元", "日元", "小时", "分钟", "世纪", "周年", "岁", "米", "克", "吨", "元",
	"个", "名", "人", "位", "年", "月", "日", "天", "次", "种", "部", "座", "家", "所", "层", "条", "首", "集",
	"场", "款", "卷", "册", "本", "枚", "项", "届", "秒", "倍", "度", "颗", "只", "辆", "架", "艘", "支", "期",
	"章", "话", "张", "号", "页", "代", "任", "片", "份", "间", "局", "轮", "季", "节", "门", "篇", "块", "点",
}
