package fidelity

import (
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

func TestCompare(t *testing.T) {
	ref := "出差补助标准为每天100元。Hello"
	if s := Compare(ref, ref); s.HanF1 != 1 || s.BigramRecall != 1 || s.AlnumF1 != 1 {
		t.Errorf("a text against itself: %+v", s)
	}
	// Order matters to bigrams only; full-width digits are digits.
	s := Compare(ref, "元天每为准标助补差出１００hello")
	if s.HanF1 != 1 || s.AlnumF1 != 1 || s.BigramRecall != 0 {
		t.Errorf("reversed: %+v; want every character, no bigram", s)
	}
	// Half the text: recall 0.5, precision 1.
	s = Compare("一二三四", "一二")
	if s.HanP != 1 || s.HanR != 0.5 || s.BigramRecall != 1.0/3 {
		t.Errorf("half: %+v", s)
	}
	if s := Compare("", ""); s.HanF1 != 0 {
		t.Errorf("empty: %+v", s)
	}
}

func TestCells(t *testing.T) {
	text := "差旅标准\n城市：上海；每晚上限：650元\n城市：北京；每晚上限：600元\n"
	parts := []corpora.Part{{Start: 0}, {Start: 5, Row: true, Header: "城市；每晚上限"}, {Start: 20, Row: true, Header: "城市；每晚上限"}}
	if got := Cells(text, parts); got != "差旅标准\n城市：上海；每晚上限：650元\n北京；600元\n" {
		t.Errorf("Cells = %q", got)
	}
}
