package answer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora/zh"
)

// cityClasses are the classes Chinese rules sort cities into by name
// (差旅标准: 一类城市为直辖市, 二类城市为省会城市、计划单列市): a question
// naming 南京 is keyed to the row of 省会城市 though the row never says
// 南京. General knowledge, as a dictionary's: the municipalities, the
// provincial capitals, the cities specifically designated in the state
// plan, the special economic zones.
var cityClasses = func() map[string][]string {
	m := map[string][]string{}
	add := func(class string, cities string) {
		for _, c := range strings.Fields(cities) {
			m[c] = append(m[c], class)
		}
	}
	add("直辖市", "北京 上海 天津 重庆")
	add("省会城市", "石家庄 太原 呼和浩特 沈阳 长春 哈尔滨 南京 杭州 合肥 福州 南昌 济南 郑州 武汉 长沙 广州 南宁 海口 成都 贵阳 昆明 拉萨 西安 兰州 西宁 银川 乌鲁木齐")
	add("计划单列市", "大连 青岛 宁波 厦门 深圳")
	add("经济特区", "深圳 珠海 汕头 厦门 海口")
	return m
}()

// questionPlaces are the places q (folded) names: the cities of
// cityClasses, and the words the segmenter tags as places (芜湖, 拉萨).
func questionPlaces(seg *zh.Segmenter, q string) []string {
	var out []string
	for c := range cityClasses {
		if strings.Contains(q, c) {
			out = append(out, c)
		}
	}
	if seg != nil {
		for _, w := range seg.Cut(q) {
			if utf8.RuneCountInString(w) >= 2 && seg.PartOfSpeech(w) == "ns" && !slices.ContainsFunc(out, func(c string) bool { return strings.Contains(c, w) }) {
				out = append(out, w)
			}
		}
	}
	return out
}

// placeClassText is the classes of the places q names, as words a table's
// row may be keyed by (省会城市 for 南京).
func placeClassText(places []string) string {
	var b strings.Builder
	for _, p := range places {
		for _, c := range cityClasses[p] {
			b.WriteString(" " + c)
			if s, ok := strings.CutSuffix(c, "城市"); ok {
				b.WriteString(" " + s) // 省会
			}
		}
	}
	return b.String()
}

// otherRowItem reports whether a row's key item is the rest of a list of
// places (其他城市, 其他地级市及县城, 其余地区).
func otherRowItem(item string) bool {
	for _, p := range []string{"其他", "其它", "其余"} {
		if strings.HasPrefix(item, p) {
			return true
		}
	}
	return false
}

// unnamedPlace reports whether q names a place that the passage (folded)
// does not name, nor any class of it: a row of 其他城市 is the one for it.
func unnamedPlace(places []string, passage string) bool {
	for _, p := range places {
		if strings.Contains(passage, p) {
			continue
		}
		named := false
		for _, c := range cityClasses[p] {
			named = named || strings.Contains(passage, c)
		}
		if !named {
			return true
		}
	}
	return false
}
