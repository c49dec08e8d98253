package zh

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSentences: sentences and clauses of any text are in order, inside
// the text, on character boundaries, and cover every letter of it.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"第一句。第二句！“第三句？”", "没有标点的一句话", "", "。。。", "a.b. c", "\xff\xfe中文。", "问：几点？答：九点。"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		covered := make([]bool, len(s))
		for _, sp := range Sentences(s) {
			if sp.Start < prev || sp.End < sp.Start || sp.End > len(s) {
				t.Fatalf("Sentences(%q): span %+v after %d", s, sp, prev)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[sp.Start]) || (sp.End < len(s) && !utf8.RuneStart(s[sp.End]))) {
				t.Fatalf("Sentences(%q): span %+v cuts a character", s, sp)
			}
			for i := sp.Start; i < sp.End; i++ {
				covered[i] = true
			}
			for _, c := range Clauses(s, sp) {
				if c.Start < sp.Start || c.End > sp.End || c.End < c.Start {
					t.Fatalf("Clauses(%q, %+v): %+v outside the sentence", s, sp, c)
				}
			}
			prev = sp.End
		}
		if !utf8.ValidString(s) {
			return
		}
		for i, r := range s {
			if IsWord(string(r)) && !covered[i] {
				t.Fatalf("Sentences(%q) leave out %q at %d", s, r, i)
			}
		}
	})
}

// FuzzNormalize: normalizing any text gives valid UTF-8, is stable (a
// second pass changes nothing) and keys of it hold letters and digits
// only.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"駱賓王ＡＢＣ１２３", "軟體工程師", "\u200b\ufeff", "\xff", "ǖǘǚǜ", strings.Repeat("臺", 100), "中文 abc 1", " 中", "中 ", "中  文", "中\t文", "Ab中", "發", "乾燥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: not UTF-8", s, n)
		}
		if normal(s) && fold(s) != s {
			t.Fatalf("%q taken as normal, but folding gives %q", s, fold(s))
		}
		if again := Normalize(n); again != n {
			t.Fatalf("Normalize is not stable on %q: %q then %q", s, n, again)
		}
		for _, r := range Key(s) {
			if !IsWord(string(r)) {
				t.Fatalf("Key(%q) holds %q", s, r)
			}
		}
		QueryText(s)
	})
}
