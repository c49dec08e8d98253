// Package eval scores retrieval and answers against reference data: recall
// and MRR over ranked documents, and answer EM/F1 computed as the CMRC 2018
// official evaluator does; Questions runs a question set through a
// retriever and a reader with them. Its subpackages measure the rest: ann
// the approximate vector index against the exact scan, load an HTTP server
// under concurrent clients, llmbench the time before a model's first
// token. The root package wenda never imports eval.
package eval

import (
	"sort"
	"strings"
	"time"
	"unicode"
)

// cmrcPunct is the punctuation the CMRC 2018 evaluator removes (its sp_char).
const cmrcPunct = "-:_*^/\\~`+=，。：？！“”；’《》…·、「」（）－～『』"

func isPunct(r rune) bool { return strings.ContainsRune(cmrcPunct, r) }

// segments splits text as the CMRC evaluator's mixed_segmentation does:
// every CJK character or punctuation mark alone, runs of other characters
// (Latin words, numbers) together, white space dropped. Punctuation is
// removed when rmPunct is set. Text is lower-cased first.
func segments(s string, rmPunct bool) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	var out []string
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush()
		case r < 0x80 && unicode.IsPunct(r) && !isPunct(r):
			// nltk.word_tokenize, which the evaluator runs on non-CJK runs,
			// splits these off as tokens of their own.
			flush()
			out = append(out, string(r))
		case isPunct(r) || (r >= 0x4e00 && r <= 0x9fa5):
			flush()
			if rmPunct && isPunct(r) {
				continue
			}
			out = append(out, string(r))
		default:
			word.WriteRune(r)
		}
	}
	flush()
	return out
}

func removePunct(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if !isPunct(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lcs is the length of the longest common substring of two token lists.
func lcs(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	best := 0
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				if cur[j] > best {
					best = cur[j]
				}
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// F1 is the CMRC 2018 F1 of a prediction against its references, 0–1: the
// maximum over references of the F1 from the longest common substring of
// their segments, punctuation removed.
func F1(prediction string, refs []string) float64 {
	p := segments(prediction, true)
	best := 0.0
	for _, ref := range refs {
		r := segments(ref, true)
		n := lcs(p, r)
		if n == 0 {
			continue
		}
		prec, rec := float64(n)/float64(len(p)), float64(n)/float64(len(r))
		if f := 2 * prec * rec / (prec + rec); f > best {
			best = f
		}
	}
	return best
}

// EM is 1 when the prediction equals a reference once punctuation and space
// are removed, else 0.
func EM(prediction string, refs []string) float64 {
	p := removePunct(prediction)
	for _, ref := range refs {
		if removePunct(ref) == p {
			return 1
		}
	}
	return 0
}

// Contains reports whether any reference occurs in text.
func Contains(text string, refs []string) bool {
	for _, r := range refs {
		if r = strings.TrimSpace(r); r != "" && strings.Contains(text, r) {
			return true
		}
	}
	return false
}

// Rank is the 1-based position of want in ranked, 0 if absent.
func Rank(ranked []string, want string) int {
	for i, r := range ranked {
		if r == want {
			return i + 1
		}
	}
	return 0
}

// Percentile returns the p-th percentile (0–100) of durations, in
// milliseconds, by the nearest-rank method.
func Percentile(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(p/100*float64(len(s))+0.999999) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return float64(s[i]) / float64(time.Millisecond)
}
