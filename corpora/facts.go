package corpora

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// RecordFacts is a subject's facts from a user's own file: CSV, TSV or
// JSON Lines of (subject, relation, object[, source]).
const RecordFacts = "facts"

// FormatFacts reads such a file (`wenda kg import`).
const FormatFacts = "facts"

// Triple is one of a RecordFacts record's facts: its subject is the
// record's name.
type Triple struct {
	Relation, Object string
	Source           string // where the user says it comes from (optional)
	Line             int    // the line of the file it was read from
}

// headerWords name the columns of a facts file's optional header row.
var headerWords = map[string]bool{"subject": true, "relation": true, "object": true, "predicate": true, "source": true,
	"主体": true, "主语": true, "实体": true, "关系": true, "属性": true, "客体": true, "宾语": true, "值": true, "来源": true, "出处": true}

// parseFacts reads a facts file: JSON Lines ({"subject", "relation",
// "object", "source"}; s/r/o/src too) when its first character is {, else
// CSV (tab-separated when the first line has a tab and no comma), with or
// without a header row. One document per subject, in the order of first
// appearance, its ID the file's and the subject's; its text the facts one
// per line, so they are searchable too. A malformed row fails the file,
// naming its line.
func parseFacts(f File, text string) ([]Document, error) {
	type row struct {
		s string
		t Triple
	}
	var rows []row
	add := func(line int, cells []string) error {
		for len(cells) < 4 {
			cells = append(cells, "")
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if cells[0] == "" || cells[1] == "" || cells[2] == "" {
			return fmt.Errorf("line %d: want subject, relation and object, all non-empty (got %q): %w", line, cells[:3], ErrFormat)
		}
		rows = append(rows, row{cells[0], Triple{Relation: cells[1], Object: cells[2], Source: cells[3], Line: line}})
		return nil
	}
	trimmed := strings.TrimLeftFunc(text, unicode.IsSpace)
	if strings.HasPrefix(trimmed, "{") {
		sc := bufio.NewScanner(strings.NewReader(text))
		sc.Buffer(make([]byte, 1<<16), 1<<24)
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				return nil, fmt.Errorf("line %d: not a JSON object: %v: %w", n, err, ErrFormat)
			}
			get := func(keys ...string) string {
				for _, k := range keys {
					switch v := m[k].(type) {
					case string:
						return v
					case float64, bool:
						return fmt.Sprint(v)
					}
				}
				return ""
			}
			if err := add(n, []string{get("subject", "s", "主体"), get("relation", "r", "predicate", "关系"), get("object", "o", "客体"), get("source", "src", "来源")}); err != nil {
				return nil, err
			}
		}
		if err := sc.Err(); err != nil {
			return nil, err
		}
	} else {
		r := csv.NewReader(strings.NewReader(text))
		first, _, _ := strings.Cut(text, "\n")
		if strings.Contains(first, "\t") && !strings.Contains(first, ",") {
			r.Comma = '\t'
		}
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		r.Comment = '#'
		for {
			cells, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				// Ask the error, not the reader, for the line: the reader
				// knows positions only of a record it returned, and a file
				// of comments has none.
				line := 0
				var pe *csv.ParseError
				if errors.As(err, &pe) {
					line = pe.StartLine
				}
				return nil, fmt.Errorf("line %d: %v: %w", line, err, ErrFormat)
			}
			line, _ := r.FieldPos(0)
			if len(cells) == 1 && strings.TrimSpace(cells[0]) == "" {
				continue
			}
			if len(rows) == 0 && len(cells) >= 3 && headerWords[strings.ToLower(strings.TrimSpace(cells[0]))] && headerWords[strings.ToLower(strings.TrimSpace(cells[1]))] {
				continue
			}
			if len(cells) < 3 {
				return nil, fmt.Errorf("line %d: %d columns, want subject, relation, object[, source]: %w", line, len(cells), ErrFormat)
			}
			if err := add(line, cells[:min(len(cells), 4)]); err != nil {
				return nil, err
			}
		}
	}
	if len(rows) == 0 {
		return nil, ErrEmpty
	}
	bySubject := map[string]*Document{}
	var order []string
	for _, r := range rows {
		d := bySubject[r.s]
		if d == nil {
			d = &Document{ID: f.ID + "#" + r.s, Title: r.s, Text: r.s, Source: f.Path,
				Record: &Record{Kind: RecordFacts, Fields: map[string]string{FieldName: r.s}}}
			bySubject[r.s] = d
			order = append(order, r.s)
		}
		d.Record.Triples = append(d.Record.Triples, r.t)
		d.Text += "\n" + r.t.Relation + "：" + r.t.Object
		if r.t.Source != "" {
			d.Text += "（" + r.t.Source + "）"
		}
	}
	docs := make([]Document, len(order))
	for i, s := range order {
		docs[i] = *bySubject[s]
	}
	return docs, nil
}
