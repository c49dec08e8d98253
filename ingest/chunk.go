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
//
// The white space between sentences is not counted against size, but it
// cannot make a chunk unbounded: a chunk's text never exceeds 2×size
// characters, so a chunk ends early rather than take in a run of blank space
// that would carry it past that. Start and End are offsets in characters
// (runes) into doc.Text, as citations use them. The cost is linear in the
// size of the document.
//
// A document with Parts is chunked section by section — no chunk straddles
// two sections, except that a section too short to stand alone (a heading
// with its subsection right after it) joins the next — and each chunk
// carries the section path, page and place of the part under its middle.
func Chunk(doc corpora.Document, size int) []corpora.Chunk {
	if size <= 0 {
		size = DefaultChunkSize
	}
	if len(doc.Parts) == 0 {
		out := chunkText(doc, size, nil, 0)
		listLeads(doc.Text, out)
		return out
	}
	var out []corpora.Chunk
	// The table rows, as rune spans: no chunk is cut inside one.
	var rows [][2]int
	for i, p := range doc.Parts {
		if p.Row {
			end := utf8.RuneCountInString(doc.Text) // only for the last part
			if i+1 < len(doc.Parts) {
				end = doc.Parts[i+1].Start
			}
			rows = append(rows, [2]int{p.Start, end})
		}
	}
	sections(doc, size, func(runeStart, byteStart, byteEnd int) {
		sub := doc
		sub.Text, sub.Parts = doc.Text[byteStart:byteEnd], nil
		for _, c := range chunkText(sub, size, rows, runeStart) {
			c.Start += runeStart
			c.End += runeStart
			c.Ordinal = len(out)
			c.ID = corpora.ChunkID(doc.ID, c.Ordinal)
			out = append(out, c)
		}
	})
	// The part under each chunk's middle: chunks and parts both in order.
	p := 0
	for i := range out {
		mid := (out[i].Start + out[i].End) / 2
		for p+1 < len(doc.Parts) && doc.Parts[p+1].Start <= mid {
			p++
		}
		part := doc.Parts[p]
		out[i].Section, out[i].Page, out[i].Where = corpora.SectionPath(part.Section), part.Page, part.Where
	}
	// Where each chunk's text goes on to another page, place or section:
	// the part at its start, then each part beginning inside it that names
	// another.
	p = 0
	for i := range out {
		for p+1 < len(doc.Parts) && doc.Parts[p+1].Start <= out[i].Start {
			p++
		}
		page, where, section := doc.Parts[p].Page, doc.Parts[p].Where, corpora.SectionPath(doc.Parts[p].Section)
		places := []corpora.Place{{Start: 0, Page: page, Where: where, Section: section}}
		for q := p + 1; q < len(doc.Parts) && doc.Parts[q].Start < out[i].End; q++ {
			pt := doc.Parts[q]
			if sp := corpora.SectionPath(pt.Section); pt.Page != page || pt.Where != where || sp != section {
				page, where, section = pt.Page, pt.Where, sp
				places = append(places, corpora.Place{Start: pt.Start - out[i].Start, Page: page, Where: where, Section: section})
			}
		}
		if len(places) > 1 || places[0].Page != out[i].Page || places[0].Where != out[i].Where || places[0].Section != out[i].Section {
			out[i].Places = places
		}
	}
	// A chunk that begins inside a table carries the table's header row.
	p = 0
	for i := range out {
		for p+1 < len(doc.Parts) && doc.Parts[p+1].Start <= out[i].Start {
			p++
		}
		if part := doc.Parts[p]; part.Row {
			out[i].Header = part.Header
		}
	}
	listLeads(doc.Text, out)
	return out
}

// listLeads gives each chunk that begins inside a list, after its lead-in,
// the lead-in as its Header (corpora.ListLead): 下列费用一律不予报销： for
// the chunk of items （五） to （九）. One pass over the text for the
// chunks' byte offsets.
func listLeads(text string, chunks []corpora.Chunk) {
	r, b := 0, 0 // a rune offset and its byte offset
	for i := range chunks {
		for r < chunks[i].Start && b < len(text) {
			_, n := utf8.DecodeRuneInString(text[b:])
			b += n
			r++
		}
		if i == 0 || chunks[i].Header != "" || b > 0 && text[b-1] != '\n' || chunks[i].Section != chunks[i-1].Section {
			continue // (a chunk that begins mid-line begins no item; nor does one under another heading)
		}
		chunks[i].Header = corpora.ListLead(text, b)
	}
}

// sections calls fn with each stretch of doc's text under one section
// path, in order, as its rune start and byte span; a stretch shorter than
// a quarter of size joins the next. One pass over the text.
func sections(doc corpora.Document, size int, fn func(runeStart, byteStart, byteEnd int)) {
	text := doc.Text
	// The rune offsets where the section path changes.
	var cuts []int
	for i := 1; i < len(doc.Parts); i++ {
		if corpora.SectionPath(doc.Parts[i].Section) != corpora.SectionPath(doc.Parts[i-1].Section) {
			cuts = append(cuts, doc.Parts[i].Start)
		}
	}
	startRune, startByte := 0, 0
	r, b := 0, 0 // a rune offset and its byte offset
	for _, cut := range cuts {
		for r < cut && b < len(text) {
			_, n := utf8.DecodeRuneInString(text[b:])
			b += n
			r++
		}
		if r-startRune < size/4 {
			continue // too short alone: it joins the next
		}
		fn(startRune, startByte, b)
		startRune, startByte = r, b
	}
	if startByte < len(text) {
		fn(startRune, startByte, len(text))
	}
}

// chunkText is Chunk over a document's text as one stretch. rows are the
// document's table rows as rune spans, offset the stretch's rune offset in
// it: the sentences of one row are one unit, when the row fits in size.
func chunkText(doc corpora.Document, size int, rows [][2]int, offset int) []corpora.Chunk {
	text := doc.Text
	us := units(text, size)
	if len(rows) > 0 {
		us = joinRows(us, rows, offset, size)
	}
	if len(us) == 0 {
		return nil
	}
	var out []corpora.Chunk
	for i := 0; i < len(us); {
		// The first unit always fits: no unit is longer than size.
		j, n := i+1, us[i].runeEnd-us[i].runeStart
		for ; j < len(us); j++ {
			l := us[j].runeEnd - us[j].runeStart
			if n+l > size || us[j].runeEnd-us[i].runeStart > 2*size {
				break
			}
			n += l
		}
		first, last := us[i], us[j-1]
		out = append(out, corpora.Chunk{
			ID:      corpora.ChunkID(doc.ID, len(out)),
			DocID:   doc.ID,
			Ordinal: len(out),
			Start:   first.runeStart,
			End:     last.runeEnd,
			Title:   doc.Title,
			Text:    text[first.Start:last.End],
		})
		if j >= len(us) {
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

// joinRows merges the units that start inside one table row (rows sorted,
// as rune spans of the document; units' offsets are offset from it) into
// one, as long as it fits in size.
func joinRows(us []unit, rows [][2]int, offset, size int) []unit {
	out := us[:0]
	r := 0
	rowOf := func(at int) int {
		for r < len(rows) && rows[r][1] <= at {
			r++
		}
		if r < len(rows) && rows[r][0] <= at {
			return r
		}
		return -1
	}
	last := -1 // the row of the last unit out
	for _, u := range us {
		row := rowOf(u.runeStart + offset)
		if n := len(out); n > 0 && row >= 0 && row == last && u.runeEnd-out[n-1].runeStart <= size {
			out[n-1].End, out[n-1].runeEnd = u.End, u.runeEnd
			continue
		}
		out = append(out, u)
		last = row
	}
	return out
}

// unit is a sentence, or a piece of one too long to keep whole, with its
// byte span and its offsets in runes.
type unit struct {
	zh.Span
	runeStart, runeEnd int
}

// units cuts text into sentences of at most size runes, splitting longer
// ones at commas and then hard, and counts their rune offsets in one pass
// from the start: units come in order, so each byte is counted once.
func units(text string, size int) []unit {
	var out []unit
	at, runes := 0, 0 // the rune offset of byte at
	add := func(sp zh.Span, n int) {
		runes += utf8.RuneCountInString(text[at:sp.Start])
		out = append(out, unit{Span: sp, runeStart: runes, runeEnd: runes + n})
		at, runes = sp.End, runes+n
	}
	for _, s := range zh.Sentences(text) {
		if n := utf8.RuneCountInString(text[s.Start:s.End]); n <= size {
			add(s, n)
			continue
		}
		for _, c := range zh.Clauses(text, s) {
			hardSplit(text, c, size, add)
		}
	}
	return out
}

// hardSplit cuts a span into pieces of at most size runes, passing each to
// emit with its length in runes.
func hardSplit(text string, sp zh.Span, size int, emit func(zh.Span, int)) {
	start, n := sp.Start, 0
	for i := sp.Start; i < sp.End; {
		_, w := utf8.DecodeRuneInString(text[i:])
		if n == size {
			emit(zh.Span{Start: start, End: i}, n)
			start, n = i, 0
		}
		i += w
		n++
	}
	if start < sp.End {
		emit(zh.Span{Start: start, End: sp.End}, n)
	}
}
