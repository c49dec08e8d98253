// Package corpora is the text model every other package shares — Document,
// Chunk, Hit — and the readers that turn files on disk into Documents.
//
// A Document's Text is the original text, decoded to UTF-8 but otherwise as
// written; chunk offsets point into it and citations quote it. Matching uses
// normalized text (corpora/zh), never stored in place of the original.
package corpora

import (
	"fmt"
	"strconv"
	"strings"
)

// Document is one unit of ingestion: a file, or one record of a structured
// file (a SQuAD paragraph).
type Document struct {
	// ID is the path relative to the ingested root, with forward slashes;
	// a record of a structured file has the file's id and its own, joined
	// by # (qa.json#P1, idioms.txt#6612): unique within the file, and never
	// another file's.
	ID     string
	Title  string
	Text   string
	Source string // the file it was read from
	// Record is the entry's structure when the document is one record of
	// a dictionary or a poetry collection; nil for prose.
	Record *Record
	// Replaced counts the bytes of the file that were not text in its
	// encoding and are U+FFFD in the decoded file (Decoding.Replaced) —
	// in Text unless markup held them (an HTML attribute, a hidden
	// element): the same on every document of the file. Non-zero means a damaged file was read
	// rather than refused; ingestion should say so.
	Replaced int
	// Parts says where each stretch of Text is in the file — its section
	// (the headings above it), page, sheet and row, slide — and marks a
	// table's rows, which chunks are not cut inside. Sorted by Start; the
	// first starts at 0. Nil: the text is one plain stretch.
	Parts []Part
	// Loss says what of the file could not be read although the rest was
	// ("3 of 251 pages could not be read"); ingestion reports the file as
	// damaged with it. Empty: nothing lost.
	Loss string
}

// Part is a stretch of a Document's Text, from Start to the next Part's
// Start (or the text's end), and where it stands in the file.
type Part struct {
	Start   int      // rune offset into the Document's Text
	Section []string // the headings above it, outermost first: ["第一章 总则", "一、年假天数"]
	Page    int      // 1-based page of a PDF; 0: none
	Where   string   // a place a reader names otherwise: "工作表 差旅标准 第 5 行", "第 3 张幻灯片"
	// Row marks one row of a table (its text ends with a newline); a
	// chunk is cut between rows, never inside one, and a chunk that goes
	// on with a table begins with its Header row.
	Row    bool
	Header string // the table's header row, as text, for the chunks that continue it (after its caption's line, when it has one)
}

// SectionPath joins a section's headings for display and search: 第一章 总则 › 一、年假天数.
func SectionPath(section []string) string { return strings.Join(section, " › ") }

// Chunk is a run of whole sentences of a Document, the unit that is indexed,
// retrieved and cited.
type Chunk struct {
	ID      string // ChunkID(DocID, Ordinal)
	DocID   string
	Ordinal int
	// Start and End are character (rune) offsets into the Document's Text.
	Start, End int
	Title      string
	Text       string // the original text of the chunk
	// Section is the section path of the chunk's start (SectionPath of
	// its Part), Page its page, Where its place otherwise named: what a
	// citation shows besides the title.
	Section string
	Page    int
	Where   string
	// Header is the header row of the table the chunk begins in, or the
	// lead-in of the list it begins in (下列费用一律不予报销：, ListLead):
	// indexed and embedded with the text, so that a row is found by its
	// column's name and an item by what its list says of it, and given to
	// the answerer beside it.
	Header string
	// Places are where the chunk's text goes on to another page or named
	// place (a sheet's next row, a slide) after its start, in order: the
	// rune offset in Text where each begins, and its Page and Where. A
	// citation of a sentence inside the chunk names the place it stands
	// in (PlaceAt), not the chunk's.
	Places []Place
}

// Place is where a stretch of a chunk's text stands in its file.
type Place struct {
	Start int // rune offset in the chunk's Text
	Page  int
	Where string
	// Section is the section path there (SectionPath); "" in knowledge
	// bases ingested before places said it: the chunk's.
	Section string
}

// PlaceAt is the page and place of the rune offset at in the chunk's
// text: of the last of Places beginning at or before it, else the chunk's.
func (c Chunk) PlaceAt(at int) (page int, where string) {
	page, where = c.Page, c.Where
	for _, p := range c.Places {
		if p.Start > at {
			break
		}
		page, where = p.Page, p.Where
	}
	return page, where
}

// SectionAt is the section path of the rune offset at in the chunk's
// text: of the last of Places beginning at or before it that says one,
// else the chunk's (a chunk may hold the end of one section and the start
// of the next: 三、报销时限 … 四、票据要求).
func (c Chunk) SectionAt(at int) string {
	section := c.Section
	for _, p := range c.Places {
		if p.Start > at {
			break
		}
		if p.Section != "" {
			section = p.Section
		}
	}
	return section
}

// EncodePlaces writes places as one string (a stored field): start,
// page, where and section joined by U+001F, places by U+001E; "" for
// none. (DecodePlaces reads those written without the section too.)
func EncodePlaces(places []Place) string {
	var b strings.Builder
	for i, p := range places {
		if i > 0 {
			b.WriteByte(0x1e)
		}
		clean := strings.NewReplacer("\x1e", " ", "\x1f", " ")
		fmt.Fprintf(&b, "%d\x1f%d\x1f%s\x1f%s", p.Start, p.Page, clean.Replace(p.Where), clean.Replace(p.Section))
	}
	return b.String()
}

// DecodePlaces reads what EncodePlaces wrote; a malformed place is
// skipped.
func DecodePlaces(s string) []Place {
	if s == "" {
		return nil
	}
	var out []Place
	for _, f := range strings.Split(s, "\x1e") {
		parts := strings.SplitN(f, "\x1f", 4)
		if len(parts) < 3 {
			continue
		}
		start, err1 := strconv.Atoi(parts[0])
		page, err2 := strconv.Atoi(parts[1])
		if err1 != nil || err2 != nil {
			continue
		}
		pl := Place{Start: start, Page: page, Where: parts[2]}
		if len(parts) == 4 {
			pl.Section = parts[3]
		}
		out = append(out, pl)
	}
	return out
}

// Hit is a retrieved chunk with its score in the list that produced it.
type Hit struct {
	Chunk
	Score float64
}

// ChunkID names a chunk: its document id and ordinal, "doc#3". Ids are
// deterministic so that re-ingesting a document overwrites its chunks.
func ChunkID(docID string, ordinal int) string {
	return fmt.Sprintf("%s#%d", docID, ordinal)
}

// SplitChunkID is the inverse of ChunkID.
func SplitChunkID(id string) (docID string, ordinal int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	if _, err := fmt.Sscanf(id[i+1:], "%d", &ordinal); err != nil {
		return "", 0, false
	}
	return id[:i], ordinal, true
}

// DocRecord is what an index keeps about each document so that ingestion is
// idempotent: an unchanged Hash means nothing to do.
type DocRecord struct {
	ID, Title, Source string
	Hash              string
	Chunks            int // chunks 0..Chunks-1 exist
	// Facts says the knowledge graph holds facts from the document (a
	// structured record): a graph missing them lost them.
	Facts bool
}

// Embedding is a chunk's vector, as vector stores keep it.
type Embedding struct {
	ChunkID, DocID string
	Vector         []float32
}
