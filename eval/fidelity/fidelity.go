// Package fidelity scores text read from a document against a reference
// text of the same document: Han characters, letters and digits as
// multisets (precision, recall, F1), and Han character bigrams in reading
// order (recall) — how much of the text came out, and in what order.
package fidelity

import (
	"strings"
	"unicode"

	"github.com/wenda-rag/wenda/corpora"

	"golang.org/x/text/unicode/norm"
)

// Score compares what was read with the reference.
type Score struct {
	HanP, HanR, HanF1       float64 // Han characters
	AlnumP, AlnumR, AlnumF1 float64 // letters and digits other than Han, folded to lower case
	BigramRecall            float64 // of the reference's Han bigrams (consecutive Han characters, other text removed)
	RefHan, GotHan          int     // Han characters in each
}

// Compare scores got against ref. Both are NFKC-folded first (full-width
// letters are letters), so the forms a reader and a reference choose for
// the same character do not count.
func Compare(ref, got string) Score {
	rh, ra := split(ref)
	gh, ga := split(got)
	var s Score
	s.HanP, s.HanR, s.HanF1 = prf(count(rh), count(gh), len(rh), len(gh))
	s.AlnumP, s.AlnumR, s.AlnumF1 = prf(count(ra), count(ga), len(ra), len(ga))
	rb, gb := bigrams(rh), bigrams(gh)
	total, hit := 0, 0
	for k, n := range rb {
		total += n
		hit += min(n, gb[k])
	}
	if total > 0 {
		s.BigramRecall = float64(hit) / float64(total)
	}
	s.RefHan, s.GotHan = len(rh), len(gh)
	return s
}

// split returns the Han characters and the other letters and digits, in
// order.
func split(s string) (han, alnum []rune) {
	for _, r := range norm.NFKC.String(s) {
		switch {
		case unicode.Is(unicode.Han, r):
			han = append(han, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			alnum = append(alnum, unicode.ToLower(r))
		}
	}
	return han, alnum
}

func count(rs []rune) map[rune]int {
	m := make(map[rune]int, len(rs)/4)
	for _, r := range rs {
		m[r]++
	}
	return m
}

func prf(ref, got map[rune]int, nref, ngot int) (p, r, f float64) {
	common := 0
	for k, n := range got {
		common += min(n, ref[k])
	}
	if ngot > 0 {
		p = float64(common) / float64(ngot)
	}
	if nref > 0 {
		r = float64(common) / float64(nref)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func bigrams(rs []rune) map[[2]rune]int {
	m := make(map[[2]rune]int, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		m[[2]rune{rs[i], rs[i+1]}]++
	}
	return m
}

// Cells is a document's text with the column names that spreadsheet
// records repeat on every row (城市：上海；每晚上限：650元) taken out, so
// that it can be scored against a reference holding each name once (a
// CSV export): the cells as read, without the labels wenda adds — but
// on each table's first record.
func Cells(text string, parts []corpora.Part) string {
	runes := []rune(text)
	var b strings.Builder
	for i, p := range parts {
		end := len(runes)
		if i+1 < len(parts) {
			end = min(parts[i+1].Start, len(runes))
		}
		if i == 0 && p.Start > 0 {
			b.WriteString(string(runes[:min(p.Start, len(runes))]))
		}
		s := string(runes[min(p.Start, end):end])
		// The first record of a table keeps its labels: the only copy of
		// the header's names, which the reference holds once.
		first := i == 0 || parts[i-1].Header != p.Header
		if p.Row && strings.Contains(p.Header, "；") && !first {
			for _, name := range strings.Split(p.Header, "；") {
				if name != "" {
					s = strings.ReplaceAll(s, name+"：", "")
				}
			}
		}
		b.WriteString(s)
	}
	if len(parts) == 0 {
		return text
	}
	return b.String()
}
