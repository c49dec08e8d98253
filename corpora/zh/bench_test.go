package zh

import (
	"strings"
	"testing"

	"github.com/go-ego/gse"
)

// cmrcTexts returns the CMRC 2018 dev passages and their size in bytes.
func cmrcTexts(b *testing.B) ([]string, int64) {
	texts, err := cmrcPassages()
	if err != nil {
		b.Skipf("skipped: %v", err)
	}
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return texts, n
}

// BenchmarkCut compares gse's own Cut with wenda's search-mode cut, and
// normalization, on the same text: read them as ratios within one run.
func BenchmarkCut(b *testing.B) {
	texts, size := cmrcTexts(b)
	seg, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	run := func(name string, f func(string)) {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(size)
			for i := 0; i < b.N; i++ {
				for _, t := range texts {
					f(t)
				}
			}
		})
	}
	run("gse-cut", func(s string) { seg.GseCut(s) })
	run("wenda-cutsearch", func(s string) { seg.CutSearch(s) })
	run("normalize", func(s string) { Normalize(s) })
}

// BenchmarkDictionary compares loading gse's dictionaries: wenda's loader of
// the simplified one (New), gse's own loader of the simplified one, and of
// the full simplified+traditional one. B/op is what each allocates.
func BenchmarkDictionary(b *testing.B) {
	b.Run("wenda-zh_s", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := New(); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, dict := range []string{"zh_s", "zh"} {
		b.Run("gse-"+dict, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var seg gse.Segmenter
				seg.SkipLog = true
				if err := seg.LoadDictEmbed(dict); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFold: folding Chinese text rune by rune (full width, case,
// traditional characters), as the answerer does for every passage it
// reads.
func BenchmarkFold(b *testing.B) {
	text := strings.Repeat("第十二条 員工出差住宿標準按ＡＢＣ三類城市執行，上海属于一类城市，员工的住宿上限为每晚650元。", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fold(text)
	}
}
