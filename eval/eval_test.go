package eval

import (
	"math"
	"testing"
	"time"
)

func TestF1EM(t *testing.T) {
	tests := []struct {
		pred   string
		refs   []string
		f1, em float64
	}{
		{"光荣和ω-force", []string{"光荣和ω-force"}, 1, 1},
		{"约4", []string{"约4公分"}, 2.0 / 3, 0},
		{"“勋位”", []string{"勋位"}, 1, 1}, // punctuation removed
		{"1970年代", []string{"1970年代初期", "1970年代"}, 1, 1},
		{"完全无关", []string{"李白"}, 0, 0},
		{"New York City", []string{"new york"}, 0.8, 0},
		{"", []string{"李白"}, 0, 0},
	}
	for _, tt := range tests {
		if got := F1(tt.pred, tt.refs); math.Abs(got-tt.f1) > 1e-9 {
			t.Errorf("F1(%q, %q) = %v; want %v", tt.pred, tt.refs, got, tt.f1)
		}
		if got := EM(tt.pred, tt.refs); got != tt.em {
			t.Errorf("EM(%q, %q) = %v; want %v", tt.pred, tt.refs, got, tt.em)
		}
	}
}

func TestRankPercentile(t *testing.T) {
	if r := Rank([]string{"a", "b", "c"}, "c"); r != 3 {
		t.Errorf("Rank = %d; want 3", r)
	}
	if r := Rank([]string{"a"}, "z"); r != 0 {
		t.Errorf("Rank of a missing id = %d; want 0", r)
	}
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	if p := Percentile(d, 50); p != 50 {
		t.Errorf("p50 = %v; want 50", p)
	}
	if p := Percentile(d, 99); p != 99 {
		t.Errorf("p99 = %v; want 99", p)
	}
}
