package zh

import (
	"reflect"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"
)

// hanRuns returns the runs of non-ASCII letters of text, as cut hands them
// to cutDAG.
func hanRuns(text string) []string {
	var out []string
	start := -1
	for i, r := range text + "\x00" {
		letter := r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
		if letter && start < 0 {
			start = i
		}
		if !letter && start >= 0 {
			out = append(out, text[start:i])
			start = -1
		}
	}
	return out
}

// TestCutMatchesGse holds wenda's DAG cut to gse's own Cut and CutSearch
// (with HMM) on the same runs: the rewrite is for speed only.
func TestCutMatchesGse(t *testing.T) {
	seg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"上海交通大学的学生在参加比赛", "战国无双系列的正统第三续作", "西陆蝉声唱南冠客思侵", "范廷颂枢机于越南宁平省出生",
		"中华人民共和国成立", "云栖数据湖仓", "的的的的", "乒乓球拍卖完了", "研究生命起源", "结婚的和尚未结婚的",
	}
	if passages, err := cmrcPassages(); err == nil {
		texts = append(texts, passages...)
	} else {
		t.Logf("CMRC passages not compared: %v", err)
	}
	n := 0
	for _, text := range texts {
		for _, run := range hanRuns(Normalize(text)) {
			n++
			seg.mu.RLock()
			wantCut := seg.seg.Cut(run, true)
			wantSearch := seg.seg.CutSearch(run, true)
			seg.mu.RUnlock()
			if got := seg.cutDAG(run, nil, true); !reflect.DeepEqual(got, wantCut) {
				t.Errorf("cutDAG(%q) = %q; gse Cut = %q", run, got, wantCut)
			}
			if got := seg.cutSearchDAG(run, nil); !reflect.DeepEqual(got, wantSearch) {
				t.Errorf("cutSearchDAG(%q) = %q; gse CutSearch = %q", run, got, wantSearch)
			}
		}
	}
	t.Logf("%d runs compared", n)
}

// TestLayerMatchesAddedWords holds a layer's added words to the same words
// put into gse's own dictionary: cutting with the overlay is cutting with
// the words in the dictionary. gse's SuggestFreq over the base gives the
// frequencies the layer computes.
func TestLayerMatchesAddedWords(t *testing.T) {
	base, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// Words that interact (李白 inside 李白诗选, 数据湖 inside 云栖数据湖仓):
	// each is scored against the base alone, whatever came before it.
	words := []Word{{Text: "云栖数据湖仓"}, {Text: "数据湖"}, {Text: "床前明月光"}, {Text: "洛阳纸贵"}, {Text: "宁平省出生", Freq: 50},
		{Text: "战国无双系列"}, {Text: "上海交通"}, {Text: "李白诗选"}, {Text: "李白"}, {Text: "诗选集"}}
	layer := base.Layer()
	layer.AddWords(words)
	for _, w := range words {
		if w.Freq > 0 {
			continue
		}
		base.mu.RLock()
		want := max(base.seg.SuggestFreq(w.Text), 10)
		base.mu.RUnlock()
		if old, _, ok := base.seg.Find(w.Text); ok && old > 0 {
			continue // kept at its frequency, not added
		}
		if got := layer.words[w.Text]; got != want {
			t.Errorf("layer frequency of %q = %v; gse SuggestFreq = %v", w.Text, got, want)
		}
	}
	ref, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for w, f := range layer.words {
		if err := ref.seg.AddToken(w, f); err != nil {
			t.Fatal(err)
		}
	}
	texts := []string{"我们使用云栖数据湖仓存储日志", "床前明月光，疑是地上霜", "一时洛阳纸贵", "范廷颂枢机于越南宁平省出生", "战国无双系列的正统第三续作", "上海交通大学"}
	if passages, err := cmrcPassages(); err == nil {
		texts = append(texts, passages[:min(len(passages), 200)]...)
	}
	for _, text := range texts {
		if got, want := layer.CutSearch(text), ref.CutSearch(text); !reflect.DeepEqual(got, want) {
			t.Errorf("layer CutSearch(%q) = %q; with the words in gse's dictionary = %q", text, got, want)
		}
	}
}

// TestLayersAreSeparate: a word added to one layer changes its cuts and no
// other layer's, nor the base's.
func TestLayersAreSeparate(t *testing.T) {
	base, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a, b := base.Layer(), base.Layer()
	const text, term = "我们使用云栖数据湖仓存储日志", "云栖数据湖仓"
	before := base.CutSearch(text)
	a.AddWords([]Word{{Text: term}})
	if got := a.CutSearch(text); !slices.Contains(got, term) {
		t.Errorf("layer A with %q: CutSearch = %q; want the word whole", term, got)
	}
	for name, s := range map[string]*Segmenter{"layer B": b, "base": base} {
		if got := s.CutSearch(text); !reflect.DeepEqual(got, before) {
			t.Errorf("%s after A added %q: CutSearch = %q; want %q", name, term, got, before)
		}
		if s.HasWord(term) {
			t.Errorf("%s has %q, added to A only", name, term)
		}
	}
}
