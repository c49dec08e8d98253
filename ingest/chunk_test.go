package ingest

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
)

func TestChunk(t *testing.T) {
	text := "第一句话在这里。第二句话稍微长一点，带有逗号。第三句！\n\n第四段的第一句？第五句；最后一句"
	doc := corpora.Document{ID: "d", Title: "标题", Text: text}
	tests := []struct {
		size int
		want []string
	}{
		{1000, []string{text}},
		{20, []string{"第一句话在这里。", "第一句话在这里。第二句话稍微长一点，带有逗号。", "第二句话稍微长一点，带有逗号。第三句！", "第三句！\n\n第四段的第一句？第五句；", "第五句；最后一句"}},
	}
	for _, tt := range tests {
		chunks := Chunk(doc, tt.size)
		var got []string
		runes := []rune(text)
		for i, c := range chunks {
			got = append(got, c.Text)
			if c.Ordinal != i || c.ID != corpora.ChunkID("d", i) || c.Title != "标题" || c.DocID != "d" {
				t.Errorf("size %d: chunk %d = %+v; want ordinal %d of d titled 标题", tt.size, i, c, i)
			}
			if string(runes[c.Start:c.End]) != c.Text {
				t.Errorf("size %d: chunk %d offsets [%d,%d) give %q; want %q", tt.size, i, c.Start, c.End, string(runes[c.Start:c.End]), c.Text)
			}
		}
		if tt.size == 1000 && strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Chunk(size %d) = %q; want %q", tt.size, got, tt.want)
		}
		if tt.size == 20 {
			for _, c := range chunks {
				if n := utf8.RuneCountInString(c.Text); n > 2*tt.size {
					t.Errorf("size %d: chunk %q has %d characters", tt.size, c.Text, n)
				}
			}
			// Every sentence is in some chunk, and neighbours overlap.
			for _, s := range []string{"第一句话在这里。", "第三句！", "第五句；", "最后一句"} {
				if !strings.Contains(strings.Join(got, "|"), s) {
					t.Errorf("size %d: no chunk holds %q: %q", tt.size, s, got)
				}
			}
		}
	}
}

func TestChunkLongSentence(t *testing.T) {
	long := strings.Repeat("很长的句子没有句号", 10) + "，" + strings.Repeat("字", 50) + "。"
	chunks := Chunk(corpora.Document{ID: "x", Text: long}, 30)
	if len(chunks) < 3 {
		t.Fatalf("Chunk of a %d-character sentence at size 30 = %d chunks; want it split", utf8.RuneCountInString(long), len(chunks))
	}
	for _, c := range chunks {
		if n := utf8.RuneCountInString(c.Text); n > 60 {
			t.Errorf("chunk %q has %d characters; want at most 60 (two pieces of 30)", c.Text, n)
		}
	}
}

func TestHashChangesWithChunkSize(t *testing.T) {
	d := corpora.Document{ID: "a", Title: "t", Text: "内容"}
	if Hash(d, 300) == Hash(d, 200) {
		t.Error("Hash ignores the chunk size; re-chunking would be skipped")
	}
	d2 := d
	d2.Text = "内容改了"
	if Hash(d, 300) == Hash(d2, 300) {
		t.Error("Hash ignores the text")
	}
	// A record read differently (its lines) is ingested again, for its
	// facts.
	r1 := d
	r1.Record = &corpora.Record{Kind: corpora.RecordPoem, Fields: map[string]string{corpora.FieldName: "t"}, Lines: []string{"子曰：“学而时习之，"}}
	r2 := r1
	r2.Record = &corpora.Record{Kind: corpora.RecordPoem, Fields: map[string]string{corpora.FieldName: "t"}, Lines: []string{"学而时习之，"}}
	if Hash(r1, 300) == Hash(r2, 300) || Hash(r1, 300) == Hash(d, 300) || Hash(r1, 300) != Hash(r1, 300) {
		t.Error("Hash ignores the record, or is not stable")
	}
}

// FuzzChunk holds Chunk to its promises on any text: offsets that cut the
// chunk's text from the document, ordinals in order, no chunk far over the
// size, and every sentence in some chunk.
func FuzzChunk(f *testing.F) {
	f.Add("第一句。第二句！第三句？", 5)
	f.Add(strings.Repeat("长", 100)+"，短。", 7)
	f.Add("a.b. c\n\nd", 1)
	f.Add("\ufeff标题\u3000正文", 3)
	f.Fuzz(func(t *testing.T, text string, size int) {
		if !utf8.ValidString(text) || size <= 0 || size > 1000 {
			t.Skip()
		}
		runes := []rune(text)
		chunks := Chunk(corpora.Document{ID: "d", Text: text}, size)
		var all strings.Builder
		for i, c := range chunks {
			if c.Ordinal != i || c.Start < 0 || c.End > len(runes) || c.Start > c.End || string(runes[c.Start:c.End]) != c.Text {
				t.Fatalf("chunk %d = %+v of %q (size %d)", i, c, text, size)
			}
			if n := utf8.RuneCountInString(c.Text); n > 2*size+2 {
				t.Errorf("chunk %d has %d characters at size %d", i, n, size)
			}
			all.WriteString(c.Text)
		}
		for _, r := range text {
			// Space and the byte-order mark are trimmed from sentences.
			if !unicode.IsSpace(r) && r != '\ufeff' && !strings.ContainsRune(all.String(), r) {
				t.Fatalf("character %q of %q is in no chunk", r, text)
			}
		}
	})
}
