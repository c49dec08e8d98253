package zh

import (
	"reflect"
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
			if got := seg.cutDAG(run, nil); !reflect.DeepEqual(got, wantCut) {
				t.Errorf("cutDAG(%q) = %q; gse Cut = %q", run, got, wantCut)
			}
			if got := seg.cutSearchDAG(run, nil); !reflect.DeepEqual(got, wantSearch) {
				t.Errorf("cutSearchDAG(%q) = %q; gse CutSearch = %q", run, got, wantSearch)
			}
		}
	}
	t.Logf("%d runs compared", n)
}
