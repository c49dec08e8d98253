package zh

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ＡＢＣ１２３", "abc123"},
		{"  多个　　空格\n\t这里 ", "多个 空格 这里"},
		{"在嶽詠蟬", "在岳咏蝉"},
		{"駱賓王：西陸蟬聲唱", "骆宾王:西陆蝉声唱"},
		{"乾卦之象", "乾卦之象"},
		{"天氣乾燥", "天气干燥"},
		{"Hello World", "hello world"},
		{"這套軟體的資訊安全", "这套软件的信息安全"},   // Taiwan usage to mainland usage
		{"預設執行檔存在伺服器", "默认执行档存在服务器"}, // not OpenCC's 缺省 and 运行
		{"简体不变", "简体不变"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	text := "第一句。第二句！“第三句？”\n第四句；end. Last"
	var got []string
	for _, sp := range Sentences(text) {
		got = append(got, text[sp.Start:sp.End])
	}
	want := []string{"第一句。", "第二句！", "“第三句？”", "第四句；", "end.", "Last"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sentences(%q) = %q; want %q", text, got, want)
	}
}

func TestCutDropsPunctuation(t *testing.T) {
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got := s.CutSearch("中华人民共和国成立于1949年，wenda 很好！")
	for _, w := range got {
		if !IsWord(w) {
			t.Errorf("CutSearch kept punctuation token %q in %q", w, got)
		}
	}
	joined := strings.Join(got, "/")
	for _, want := range []string{"中华", "共和国", "中华人民共和国", "1949", "wenda"} {
		if !strings.Contains("/"+joined+"/", "/"+want+"/") {
			t.Errorf("CutSearch = %s; want it to contain %q", joined, want)
		}
	}
}

func TestUserDict(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	const term = "云栖数据湖仓"
	before := s.Cut("我们使用云栖数据湖仓存储日志")
	for _, w := range before {
		if w == term {
			t.Fatalf("gse already keeps %q whole (%q); pick a term it splits", term, before)
		}
	}
	words, err := ParseDict(strings.NewReader("# 领域词\n云栖数据湖仓\n上海交通大学 2000\n"), "test.dict")
	if err != nil {
		t.Fatal(err)
	}
	s.AddWords(words)
	after := s.Cut("我们使用云栖数据湖仓存储日志")
	found := false
	for _, w := range after {
		found = found || w == term
	}
	if !found {
		t.Errorf("after AddWords, Cut = %q; want %q whole", after, term)
	}
	if _, err := ParseDict(strings.NewReader("词 abc\n"), "bad.dict"); err == nil || !strings.Contains(err.Error(), "bad.dict line 1") {
		t.Errorf("ParseDict with a bad frequency: err = %v; want one naming bad.dict line 1", err)
	}
}

func TestQueryText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"范廷颂是什么时候被任为主教的？", "范廷颂是 时候被任为主教"},
		{"范廷頌是什麼時候被任為主教的？", "范廷颂是 时候被任为主教"}, // traditional: the same
		{"每天的餐补是多少钱？", "每天 餐补是 钱"},          // no bigram across 的 (天的)
		{"什么", "什么"}, // nothing left: keep the question
		{"工资每个月几号发", "工资每月 号发"}, // the measure asked stays, 几 not; 每个月 as documents write it
		{"他几乎没来过", "他几乎没来过"}, {"几何学是什么", "几何学是"}, {"夜班要几个人", "夜班要 人"},
	}
	for _, tt := range tests {
		if got := strings.TrimSpace(QueryText(tt.in)); got != tt.want {
			t.Errorf("QueryText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCut runs normalization and both cuts on any text: no panic, and every
// word is a piece of the normalized text.
func FuzzCut(f *testing.F) {
	for _, s := range []string{"上海交通大学的学生", "駱賓王ＡＢＣ１２３", "ω-force开发", "", "\u200b\ufeff", "a1b2中文"} {
		f.Add(s)
	}
	seg, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		for _, cut := range []func(string) []string{seg.Cut, seg.CutSearch} {
			for _, w := range cut(n) {
				if !strings.Contains(n, w) || !IsWord(w) {
					t.Fatalf("word %q of %q is not a word of it", w, n)
				}
			}
		}
	})
}

// TestFoldTable: FoldRune through its table of the Basic Multilingual
// Plane folds every rune as the converters' tables do, and runes beyond
// it too.
func TestFoldTable(t *testing.T) {
	for r := rune(0); r < 0x11000; r++ {
		if got, want := FoldRune(r), foldRune(r); got != want {
			t.Fatalf("FoldRune(%U) = %U; want %U", r, got, want)
		}
	}
	for _, c := range [][2]rune{{'Ａ', 'a'}, {'\t', ' '}, {'\u3000', ' '}, {'員', '员'}, {'B', 'b'}} {
		if got := FoldRune(c[0]); got != c[1] {
			t.Errorf("FoldRune(%q) = %q; want %q", c[0], got, c[1])
		}
	}
}
