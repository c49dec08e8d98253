package ingest

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
)

// BenchmarkChunk chunks real Chinese text (the CMRC 2018 passages, about
// 430,000 characters) once, 4 and 16 times over, reporting nanoseconds per
// character: linear cost keeps that figure flat as the input grows. The
// text comes in three shapes: paragraphs on their own lines; one line with
// its punctuation (sentences but no line breaks); and one line with no
// punctuation at all, which only the hard split can cut.
func BenchmarkChunk(b *testing.B) {
	var passages []string
	for _, d := range cmrcDocuments(b) {
		passages = append(passages, d.Text)
	}
	unpunctuated := strings.Map(func(r rune) rune {
		switch r {
		case '。', '！', '？', '；', '…', '!', '?', ';', '.', '，', ',', '、', '：', ':', '\n', '\r':
			return -1
		}
		return r
	}, strings.Join(passages, ""))
	shapes := []struct{ name, text string }{
		{"paragraphs", strings.Join(passages, "\n")},
		{"line", strings.ReplaceAll(strings.Join(passages, ""), "\n", "")},
		{"unpunctuated", unpunctuated},
	}
	for _, sh := range shapes {
		for _, times := range []int{1, 4, 16} {
			text := strings.Repeat(sh.text, times)
			chars := utf8.RuneCountInString(text)
			doc := corpora.Document{ID: "bench", Title: "CMRC", Text: text}
			b.Run(fmt.Sprintf("%s/%dx", sh.name, times), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Chunk(doc, DefaultChunkSize)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(chars), "ns/char")
			})
		}
	}
}
