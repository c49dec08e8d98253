package corpora

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// File is a file found under an ingested root.
type File struct {
	Path string // as found on disk
	ID   string // path relative to the root, forward slashes
	Size int64
	// Progress, when set, hears how far a long read has got: a PDF's
	// pages, done of total.
	Progress func(done, total int)
}

// Supported reports whether ReadFile reads files with this name.
func Supported(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".json", ".csv", ".jsonl":
		return true
	}
	return officeExts[strings.ToLower(filepath.Ext(path))]
}

// Walk lists the files under each path, recursively for folders, sorted, with
// their document ids: the path relative to the folder given, or the file's
// own name when a file is given. Hidden files and folders (.git) are passed
// over. Files of unsupported types are returned too; ReadFile reports them.
func Walk(paths []string) ([]File, error) {
	var out []File
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("corpora: %w", err)
		}
		if !info.IsDir() {
			out = append(out, File{Path: root, ID: filepath.Base(root), Size: info.Size()})
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			out = append(out, File{Path: p, ID: filepath.ToSlash(rel), Size: fi.Size()})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("corpora: walk %s: %w", root, err)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// ReadFile reads one file into documents: a whole .txt or .md file is one
// document titled by its first line (a Markdown heading's text) or its name;
// an HTML file is one document of its visible text titled by its <title>; a
// .json file in SQuAD layout gives one document per paragraph, with the
// paragraph's id under the file's (qa.json#P1). Errors name the file.
//
// Structured files are recognized by their content: the idiom
// dictionary's CSV (one document per idiom), the chinese-poetry package's
// JSON (one per poem, 词, poet, 诗经 poem or 论语 chapter) and the 歇后语
// JSON (one per saying), each document carrying its Record.
func ReadFile(f File) ([]Document, error) {
	return ReadFileAs(f, FormatAuto)
}

// ReadFileAs is ReadFile with the format given (one of Formats) rather
// than recognized.
func ReadFileAs(f File, format string) ([]Document, error) {
	if format == FormatAuto && !Supported(f.Path) {
		return nil, fmt.Errorf("%s: %w", f.Path, ErrUnsupported)
	}
	if format == FormatAuto && strings.EqualFold(filepath.Ext(f.Path), ".json") {
		skip, err := jsonElsewhere(f.Path)
		if err != nil {
			return nil, err
		}
		if skip {
			return nil, fmt.Errorf("%s: %w", f.Path, ErrLayout)
		}
	}
	raw, err := os.ReadFile(f.Path)
	if err != nil {
		return nil, err
	}
	docs, err := ParseAs(f, raw, format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", f.Path, err)
	}
	return docs, nil
}

// sniffSize is how much of a JSON file jsonElsewhere reads.
const sniffSize = 64 << 10

// jsonElsewhere reports whether a JSON file's beginning shows it to be an
// array in a layout wenda does not read (chinese-poetry's rank files run
// to tens of megabytes), so that it is passed over without being read
// whole.
func jsonElsewhere(path string) (bool, error) {
	fh, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer fh.Close()
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(fh, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return false, err
	}
	return arrayElsewhere(head[:n]), nil
}

// arrayElsewhere reports whether head, the beginning of a file, is UTF-8
// text of a JSON array whose first record is whole and in no layout
// parseJSONRecords reads: Parse would pass the file over. Anything unclear
// — an object, a first record longer than head, an encoding other than
// UTF-8 — is left to Parse.
func arrayElsewhere(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	// The beginning may end inside a character: cut it there.
	for i := 0; i < utf8.UTFMax && len(head) > 0 && !utf8.Valid(head); i++ {
		head = head[:len(head)-1]
	}
	if !utf8.Valid(head) {
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(head))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') || !dec.More() {
		return false
	}
	var v any
	if err := dec.Decode(&v); err != nil {
		return false
	}
	m, _ := v.(map[string]any)
	_, known := jsonRecord(m, "")
	return !known
}

// Parse turns the raw bytes of a file into documents, as ReadFile does.
func Parse(f File, raw []byte) ([]Document, error) {
	return ParseAs(f, raw, FormatAuto)
}

// ParseAs is Parse with the format given.
func ParseAs(f File, raw []byte, format string) ([]Document, error) {
	if format == FormatAuto || format == "" {
		// Office documents, PDF, EPUB: by their extension, or by content
		// (a zip or an OLE container is never text, whatever its name).
		if k := Sniff(raw); officeExts[strings.ToLower(filepath.Ext(f.Path))] || k == "zip" || k == "ole" {
			return parseBinary(f, raw)
		}
	}
	text, dec, err := Decode(raw)
	if err != nil {
		return nil, err
	}
	docs, err := parseText(f, text, format)
	if err != nil {
		return nil, err
	}
	for i := range docs {
		docs[i].Replaced = dec.Replaced
	}
	return docs, nil
}

// parseText is ParseAs after decoding.
func parseText(f File, text string, format string) ([]Document, error) {
	ext := strings.ToLower(filepath.Ext(f.Path))
	switch format {
	case FormatAuto, "":
	case FormatText:
		return []Document{textDocument(f, text)}, nil
	case FormatIdioms:
		if !looksLikeIdioms(text) {
			return nil, fmt.Errorf("want the idiom dictionary's CSV (id,\"idiom\",\"pinyin\",\"explanation\",\"source\",\"example\",\"initials\"): %w", ErrFormat)
		}
		return parseIdioms(f, text)
	case FormatPoetry, FormatXiehouyu:
		docs, ok, err := parseJSONRecords(f, text)
		if !ok {
			return nil, fmt.Errorf("want a JSON array of %s records: %w", format, ErrFormat)
		}
		return docs, err
	case FormatFacts:
		return parseFacts(f, text)
	case FormatSQuAD:
		ext = ".json"
	default:
		return nil, fmt.Errorf("format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	if (ext == ".txt" || ext == ".csv") && format != FormatSQuAD && looksLikeIdioms(text) {
		return parseIdioms(f, text)
	}
	switch ext {
	case ".jsonl": // JSON Lines: a user's facts
		return parseFacts(f, text)
	case ".html", ".htm":
		title, body, parts := HTMLDoc(text)
		if strings.TrimSpace(body) == "" {
			return nil, fmt.Errorf("no visible text: %w", ErrEmpty)
		}
		if title == "" {
			title = baseTitle(f.ID)
		}
		return []Document{{ID: f.ID, Title: title, Text: body, Source: f.Path, Parts: parts}}, nil
	case ".json":
		if format != FormatSQuAD {
			docs, ok, err := parseJSONRecords(f, text)
			if ok || errors.Is(err, ErrLayout) { // an array, never SQuAD
				return docs, err
			}
		}
		raw := []byte(text)
		sq, err := ParseSQuAD(raw)
		if err != nil {
			if format != FormatSQuAD && json.Valid(raw) {
				return nil, ErrLayout
			}
			return nil, err
		}
		sq.File = f.ID
		docs := sq.Documents()
		for i := range docs {
			docs[i].Source = f.Path
		}
		return docs, nil
	default:
		return []Document{textDocument(f, text)}, nil
	}
}

// textDocument is a text or Markdown file as one document, its headings
// (Markdown's, or numbered ones) and Markdown tables its parts.
func textDocument(f File, text string) Document {
	d := Document{ID: f.ID, Title: textTitle(text, f.ID), Text: text, Source: f.Path}
	switch strings.ToLower(filepath.Ext(f.Path)) {
	case ".md", ".markdown":
		d.Parts = lineParts(text, MarkdownHeading)
	default:
		// A hard-wrapped plain text's lines are joined into its
		// paragraphs before anything is cut (Markdown keeps its lines:
		// its blocks are marked), its tables aligned with spaces first
		// made tables whose rows are not.
		d.Text = unwrap(simpleTables(text))
		d.Parts = lineParts(d.Text, numberedHeadings())
	}
	return d
}

// baseTitle is a file's name without its extension. File names are bytes on
// Linux and may be in GBK (zips from Windows): what is not UTF-8 becomes
// U+FFFD rather than invalid text in titles and output.
func baseTitle(id string) string {
	b := filepath.Base(id)
	return strings.ToValidUTF8(strings.TrimSuffix(b, filepath.Ext(b)), "\uFFFD")
}

// textTitle is a Markdown file's first heading, else the file's name.
func textTitle(text, id string) string {
	for _, line := range strings.SplitN(text, "\n", 20) {
		// A lone carriage return ends a line too (old Mac files): the
		// title is the heading's line alone.
		for _, line := range strings.SplitN(line, "\r", 20) {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "#") {
				if t := strings.TrimSpace(strings.TrimLeft(line, "#")); t != "" {
					return t
				}
			}
		}
	}
	return baseTitle(id)
}

// SQuAD is a reading-comprehension file in the SQuAD v1.1 layout (CMRC 2018,
// DRCD).
type SQuAD struct {
	// File is the id of the file (File.ID) the passages are ingested
	// from; ReadSQuAD sets its base name, the id Walk gives a file named
	// alone. A paragraph's document id is File#paragraph-id, as ReadFile
	// gives it: ids written inside a file cannot name, and so replace,
	// documents of other files.
	File string `json:"-"`
	Data []struct {
		ID         string `json:"id"`
		Title      string `json:"title"`
		Paragraphs []struct {
			ID      string `json:"id"`
			Context string `json:"context"`
			QAs     []struct {
				ID       string `json:"id"`
				Question string `json:"question"`
				Answers  []struct {
					Text  string `json:"text"`
					Start int    `json:"answer_start"`
				} `json:"answers"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

// Question is one SQuAD question with the document holding its answer.
type Question struct {
	ID, Text, DocID string
	Answers         []string
}

// ParseSQuAD decodes a SQuAD-layout file, refusing other JSON.
func ParseSQuAD(raw []byte) (*SQuAD, error) {
	var sq SQuAD
	if err := json.Unmarshal(raw, &sq); err != nil {
		return nil, fmt.Errorf("json: %w", err)
	}
	n := 0
	for _, a := range sq.Data {
		for _, p := range a.Paragraphs {
			if strings.TrimSpace(p.Context) != "" {
				n++
			}
		}
	}
	if n == 0 {
		return nil, fmt.Errorf("json without SQuAD data[].paragraphs[].context: %w", ErrUnsupported)
	}
	return &sq, nil
}

// ReadSQuAD reads a SQuAD-layout file from disk, its documents' ids
// under the file's base name: those ReadFile gives when the file is
// ingested as File{Path: path, ID: filepath.Base(path)}.
func ReadSQuAD(path string) (*SQuAD, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sq, err := ParseSQuAD(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sq.File = filepath.Base(path)
	return sq, nil
}

// paragraphIDs are the document ids of every paragraph, by article and
// paragraph: File#id, with the paragraph's own id, else one made from its
// article's id (or position) and its position; an id the file gives twice
// is made unique (id~2), so that no paragraph replaces another.
func (sq *SQuAD) paragraphIDs() [][]string {
	ids := uniqueIDs{}
	out := make([][]string, len(sq.Data))
	for ai, a := range sq.Data {
		out[ai] = make([]string, len(a.Paragraphs))
		for pi, p := range a.Paragraphs {
			id := strings.TrimSpace(p.ID)
			if id == "" {
				article := strings.TrimSpace(a.ID)
				if article == "" {
					article = fmt.Sprintf("article%d", ai)
				}
				id = fmt.Sprintf("%s_%d", article, pi)
			}
			if sq.File != "" {
				id = sq.File + "#" + id
			}
			out[ai][pi] = ids.of(id)
		}
	}
	return out
}

// uniqueIDs hands out the ids of a file's documents: each id as given,
// a repeated one as id~2, id~3 … It keeps the next suffix of every id, so
// that a file repeating one id n times costs n steps, not n².
type uniqueIDs map[string]int

func (u uniqueIDs) of(id string) string {
	n, seen := u[id]
	if !seen {
		u[id] = 2
		return id
	}
	for ; ; n++ {
		c := fmt.Sprintf("%s~%d", id, n)
		if _, taken := u[c]; !taken {
			u[id], u[c] = n+1, 2
			return c
		}
	}
}

// Documents returns one document per paragraph that has text.
func (sq *SQuAD) Documents() []Document {
	ids := sq.paragraphIDs()
	var out []Document
	for ai, a := range sq.Data {
		for pi, p := range a.Paragraphs {
			if strings.TrimSpace(p.Context) == "" {
				continue
			}
			out = append(out, Document{ID: ids[ai][pi], Title: a.Title, Text: p.Context})
		}
	}
	return out
}

// Questions returns every question with its reference answers; DocID is
// the id Documents gives its paragraph.
func (sq *SQuAD) Questions() []Question {
	ids := sq.paragraphIDs()
	var out []Question
	for ai, a := range sq.Data {
		for pi, p := range a.Paragraphs {
			id := ids[ai][pi]
			for _, qa := range p.QAs {
				q := Question{ID: qa.ID, Text: qa.Question, DocID: id}
				for _, ans := range qa.Answers {
					q.Answers = append(q.Answers, ans.Text)
				}
				out = append(out, q)
			}
		}
	}
	return out
}
