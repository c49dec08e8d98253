package ingest

import (
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/sample"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// cmrcDev is the CMRC 2018 dev set, beside the checkout as CI has it.
var cmrcDev = filepath.Join("..", "..", "shared", "data", "cmrc2018", "dev.json")

// cmrcDocuments returns the CMRC 2018 dev passages as documents, skipping
// the test or benchmark when the data is not there.
func cmrcDocuments(tb testing.TB) []corpora.Document {
	tb.Helper()
	sq, err := corpora.ReadSQuAD(cmrcDev)
	if err != nil {
		tb.Skipf("skipped: CMRC 2018 dev set not read (CI has ../shared/data beside the checkout): %v", err)
	}
	return sq.Documents()
}

// TestChunkMatchesOld holds Chunk to the chunks it made before it was made
// linear, on real documents: the CMRC 2018 passages, all of them as one
// document, and the sample corpus, at the default size and smaller ones
// that exercise the comma and hard splits. Citations store these offsets.
func TestChunkMatchesOld(t *testing.T) {
	cmrc := cmrcDocuments(t)
	var all []string
	for _, d := range cmrc {
		all = append(all, d.Text)
	}
	// A hundred passages keep the quadratic oracle quick.
	docs := append(cmrc, corpora.Document{ID: "cmrc-all", Title: "CMRC", Text: strings.Join(all[:100], "\n\n")})
	err := fs.WalkDir(sample.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(sample.FS(), p)
		if err != nil {
			return err
		}
		ds, err := corpora.Parse(corpora.File{Path: p, ID: p}, raw)
		for i := range ds {
			ds[i].Parts = nil // the oracle knows no sections (TestChunkSections tests them)
		}
		docs = append(docs, ds...)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{DefaultChunkSize, 100, 30, 3} {
		for _, d := range docs {
			got, want := Chunk(d, size), oldChunk(d, size)
			if len(got) != len(want) {
				t.Errorf("Chunk(%s, %d) = %d chunks; want %d", d.ID, size, len(got), len(want))
				continue
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("Chunk(%s, %d)[%d] = %+v; want %+v", d.ID, size, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// oldChunk is Chunk as it was before it was made linear (commit bcf144e),
// kept as the oracle the new one must agree with on ordinary documents:
// the same boundaries, offsets and overlap. It is quadratic in the size of
// a document and lets white space between sentences make a chunk of any
// length; tests use it on real passages only.
func oldChunk(doc corpora.Document, size int) []corpora.Chunk {
	if size <= 0 {
		size = DefaultChunkSize
	}
	text := doc.Text
	var units []zh.Span
	for _, s := range zh.Sentences(text) {
		if utf8.RuneCountInString(text[s.Start:s.End]) <= size {
			units = append(units, s)
			continue
		}
		for _, c := range zh.Clauses(text, s) {
			units = append(units, oldHardSplit(text, c, size)...)
		}
	}
	if len(units) == 0 {
		return nil
	}
	runeAt := &oldRuneCounter{text: text}

	var out []corpora.Chunk
	for i := 0; i < len(units); {
		j, n := i, 0
		for j < len(units) {
			l := runeAt.between(units[j].Start, units[j].End)
			if j > i && n+l > size {
				break
			}
			n += l
			j++
		}
		start, end := units[i].Start, units[j-1].End
		out = append(out, corpora.Chunk{
			ID:      corpora.ChunkID(doc.ID, len(out)),
			DocID:   doc.ID,
			Ordinal: len(out),
			Start:   runeAt.at(start),
			End:     runeAt.at(end),
			Title:   doc.Title,
			Text:    text[start:end],
		})
		if j >= len(units) {
			break
		}
		if j-i > 1 {
			i = j - 1
		} else {
			i = j
		}
	}
	return out
}

func oldHardSplit(text string, sp zh.Span, size int) []zh.Span {
	var out []zh.Span
	start, n := sp.Start, 0
	for i := sp.Start; i < sp.End; {
		_, w := utf8.DecodeRuneInString(text[i:])
		if n == size {
			out = append(out, zh.Span{Start: start, End: i})
			start, n = i, 0
		}
		i += w
		n++
	}
	if start < sp.End {
		out = append(out, zh.Span{Start: start, End: sp.End})
	}
	return out
}

type oldRuneCounter struct {
	text       string
	byteOff, n int
}

func (c *oldRuneCounter) at(b int) int {
	if b < c.byteOff {
		c.byteOff, c.n = 0, 0
	}
	c.n += utf8.RuneCountInString(c.text[c.byteOff:b])
	c.byteOff = b
	return c.n
}

func (c *oldRuneCounter) between(a, b int) int { return utf8.RuneCountInString(c.text[a:b]) }
