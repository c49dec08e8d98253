package ingest

import (
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// DefaultChunkSize is the chunk size, in characters, when none is configured.
const DefaultChunkSize = 300

// Chunk splits a document at sentence ends and packs whole sentences into
// chunks of at most size characters, each chunk starting with the last
// sentence of the one before (one sentence of overlap) so an answer spanning
// two sentences is whole in at least one chunk. A sentence longer than size
// is split at commas, and a clause still too long is cut hard.
func Chunk(doc corpora.Document, size int) []corpora.Chunk {
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
			units = append(units, hardSplit(text, c, size)...)
		}
	}
	if len(units) == 0 {
		return nil
	}
	// Rune offsets of every unit boundary, counted once.
	runeAt := newRuneCounter(text)

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
			i = j - 1 // overlap: the last sentence starts the next chunk
		} else {
			i = j
		}
	}
	return out
}

// hardSplit cuts a span into pieces of at most size characters.
func hardSplit(text string, sp zh.Span, size int) []zh.Span {
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

// runeCounter converts increasing byte offsets to rune offsets without
// rescanning the text from the start each time.
type runeCounter struct {
	text       string
	byteOff, n int
}

func newRuneCounter(text string) *runeCounter { return &runeCounter{text: text} }

func (c *runeCounter) at(b int) int {
	if b < c.byteOff {
		c.byteOff, c.n = 0, 0
	}
	c.n += utf8.RuneCountInString(c.text[c.byteOff:b])
	c.byteOff = b
	return c.n
}

func (c *runeCounter) between(a, b int) int { return utf8.RuneCountInString(c.text[a:b]) }
