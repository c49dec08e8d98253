package corpora

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Record is the structure of a document read from a dictionary or a
// poetry collection: what kind of entry it is and its fields, as written.
// The knowledge graph takes its facts from records; the text is indexed
// like any other document's.
type Record struct {
	Kind   string            // RecordIdiom, RecordPoem, …
	Fields map[string]string // by the Field… names
	// Lines are a poem's lines (sentences of its paragraphs), in order.
	Lines []string
	// Triples are a RecordFacts record's facts, in the file's order.
	Triples []Triple
}

// Kinds of record.
const (
	RecordIdiom    = "idiom"    // 成语
	RecordPoem     = "poem"     // 诗, 词, 诗经
	RecordPoet     = "poet"     // 诗人 with biography
	RecordXiehouyu = "xiehouyu" // 歇后语
	RecordClassic  = "classic"  // a chapter of 论语
)

// Fields of records.
const (
	FieldName        = "name"        // idiom, poem title, poet, riddle
	FieldPinyin      = "pinyin"      // idiom
	FieldExplanation = "explanation" // idiom 释义
	FieldSource      = "source"      // idiom 出处
	FieldExample     = "example"     // idiom 例句
	FieldAuthor      = "author"      // poem
	FieldDynasty     = "dynasty"     // poem, poet
	FieldRhythmic    = "rhythmic"    // 词牌
	FieldWork        = "work"        // the collection: 诗经·国风·周南, 论语
	FieldBiography   = "biography"   // poet
	FieldAnswer      = "answer"      // 歇后语's second half
)

// Formats ReadFileAs accepts.
const (
	FormatAuto     = "auto"
	FormatText     = "text"
	FormatSQuAD    = "squad"
	FormatIdioms   = "idioms"
	FormatPoetry   = "poetry"
	FormatXiehouyu = "xiehouyu"
)

// Formats lists the formats, for flags and messages.
var Formats = []string{FormatAuto, FormatText, FormatSQuAD, FormatIdioms, FormatPoetry, FormatXiehouyu, FormatFacts}

// ErrFormat is returned when a file is not in the format asked for.
var ErrFormat = errors.New("not in the expected format")

// ErrLayout is returned for valid JSON in none of the layouts wenda reads
// (chinese-poetry's rank and strains files hold numbers and tone
// patterns): such files are passed over, not failed.
var ErrLayout = fmt.Errorf("JSON in a layout wenda does not read (%w)", ErrUnsupported)

var idiomLine = regexp.MustCompile(`^\d+,"[^"]+","[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ ]+",`)

// looksLikeIdioms reports whether text is the idiom dictionary's CSV.
func looksLikeIdioms(text string) bool {
	line, _, _ := strings.Cut(text, "\n")
	return idiomLine.MatchString(line)
}

// parseIdioms reads the idiom dictionary's CSV (id, idiom, pinyin,
// explanation, source, example, initials): one document per idiom.
func parseIdioms(f File, text string) ([]Document, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var docs []Document
	ids := uniqueIDs{}
	for n := 1; ; n++ {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %v: %w", n, err, ErrFormat)
		}
		if len(row) < 4 {
			return nil, fmt.Errorf("line %d: %d columns, want 7 (id, idiom, pinyin, explanation, source, example, initials): %w", n, len(row), ErrFormat)
		}
		for len(row) < 7 {
			row = append(row, "")
		}
		name := strings.TrimSpace(row[1])
		if name == "" {
			return nil, fmt.Errorf("line %d: empty idiom: %w", n, ErrFormat)
		}
		rec := &Record{Kind: RecordIdiom, Fields: map[string]string{
			FieldName:        name,
			FieldPinyin:      strings.Join(strings.Fields(row[2]), " "),
			FieldExplanation: strings.TrimSpace(row[3]),
			FieldSource:      strings.TrimSpace(row[4]),
			FieldExample:     strings.ReplaceAll(strings.TrimSpace(row[5]), "～", name),
		}}
		var b strings.Builder
		fmt.Fprintf(&b, "%s（%s）", name, rec.Fields[FieldPinyin])
		for _, kv := range [][2]string{{"释义", FieldExplanation}, {"出处", FieldSource}, {"例句", FieldExample}} {
			if v := rec.Fields[kv[1]]; v != "" {
				fmt.Fprintf(&b, "\n%s：%s", kv[0], v)
			}
		}
		id := strings.TrimSpace(row[0])
		if _, err := strconv.Atoi(id); err != nil {
			id = strconv.Itoa(n)
		}
		docs = append(docs, Document{ID: ids.of(f.ID + "#" + id), Title: name, Text: b.String(), Source: f.Path, Record: rec})
	}
	if len(docs) == 0 {
		return nil, ErrEmpty
	}
	return docs, nil
}

// dynastyOf guesses a chinese-poetry file's dynasty from its path, the
// package's own naming (poet.tang.0.json, ci.song.0.json, …).
func dynastyOf(path string) string {
	p := strings.ToLower(filepath.ToSlash(path))
	switch {
	case strings.Contains(p, "shijing"), strings.Contains(p, "chuci"), strings.Contains(p, "lunyu"):
		return "先秦"
	case strings.Contains(p, "wudai"):
		return "五代"
	case strings.Contains(p, "yuanqu"):
		return "元"
	case strings.Contains(p, "nalan"):
		return "清"
	case strings.Contains(p, "caocao"):
		return "汉"
	case strings.Contains(p, "tang"), strings.Contains(p, "唐"):
		return "唐"
	case strings.Contains(p, "song"), strings.Contains(p, "宋"):
		return "宋"
	}
	return ""
}

// parseJSONRecords reads the JSON layouts of chinese-poetry and of the
// 歇后语 dictionary: an array of objects, one document per object. ok is
// false when the layout is none of them, with ErrLayout when the text is a
// JSON array all the same. The layout is told by the first object, and
// the rest of an array in another layout is not read: a large file costs
// no more than its first record. Records are decoded one at a time, so
// memory holds one record besides the documents. Later objects without
// text (the package's rank and strains files have some) are passed over.
func parseJSONRecords(f File, text string) (docs []Document, ok bool, err error) {
	dec := json.NewDecoder(strings.NewReader(text))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, false, nil
	}
	dyn := dynastyOf(f.Path)
	for i := 0; dec.More(); i++ {
		var v any
		if err := dec.Decode(&v); err != nil {
			if i == 0 {
				return nil, false, nil
			}
			return nil, true, fmt.Errorf("json: record %d: %v: %w", i, err, ErrFormat)
		}
		m, _ := v.(map[string]any)
		d, known := jsonRecord(m, dyn)
		if !known {
			if i == 0 {
				return nil, false, ErrLayout
			}
			continue
		}
		d.ID, d.Source = fmt.Sprintf("%s#%d", f.ID, i), f.Path
		docs = append(docs, d)
	}
	if _, err := dec.Token(); err != nil {
		if len(docs) == 0 {
			return nil, false, nil
		}
		return nil, true, fmt.Errorf("json: after record %d: %v: %w", len(docs)-1, err, ErrFormat)
	}
	if _, err := dec.Token(); err != io.EOF {
		if len(docs) == 0 {
			return nil, false, nil
		}
		return nil, true, fmt.Errorf("json: text after the array: %w", ErrFormat)
	}
	if len(docs) == 0 {
		return nil, false, ErrLayout // []
	}
	return docs, true, nil
}

// jsonRecord is the document of one record of a JSON layout wenda reads,
// without its ID and Source; known is false for any other object.
func jsonRecord(m map[string]any, dyn string) (d Document, known bool) {
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return strings.TrimSpace(s)
	}
	list := func(m map[string]any, k string) []string {
		var out []string
		if a, ok := m[k].([]any); ok {
			for _, v := range a {
				if s, ok := v.(string); ok && strings.TrimSpace(s) != "" {
					out = append(out, strings.TrimSpace(s))
				}
			}
		}
		return out
	}
	switch {
	case str(m, "riddle") != "" && str(m, "answer") != "":
		riddle, answer := str(m, "riddle"), str(m, "answer")
		return Document{Title: riddle, Text: riddle + "——" + answer,
			Record: &Record{Kind: RecordXiehouyu, Fields: map[string]string{FieldName: riddle, FieldAnswer: answer}}}, true
	case str(m, "name") != "" && (str(m, "desc") != "" || str(m, "description") != ""):
		bio := str(m, "desc")
		if bio == "" {
			bio = str(m, "description")
		}
		name := str(m, "name")
		head := name
		if dyn != "" {
			head += "（" + dyn + "）"
		}
		return Document{Title: name, Text: head + "\n" + bio,
			Record: &Record{Kind: RecordPoet, Fields: map[string]string{FieldName: name, FieldDynasty: dyn, FieldBiography: bio}}}, true
	case len(list(m, "paragraphs")) > 0 && str(m, "author") == "" && str(m, "chapter") != "":
		chapter := str(m, "chapter")
		paras := list(m, "paragraphs")
		return Document{Title: "论语·" + chapter, Text: "论语·" + chapter + "\n" + strings.Join(paras, "\n"),
			Record: &Record{Kind: RecordClassic, Fields: map[string]string{FieldName: chapter, FieldWork: "论语", FieldDynasty: dyn}, Lines: poemLines(paras)}}, true
	case len(list(m, "content")) > 0 && str(m, "title") != "":
		title := str(m, "title")
		work := strings.Join(nonEmpty("诗经", str(m, "chapter"), str(m, "section")), "·")
		paras := list(m, "content")
		return Document{Title: title, Text: title + "\n" + work + "\n" + strings.Join(paras, "\n"),
			Record: &Record{Kind: RecordPoem, Fields: map[string]string{FieldName: title, FieldWork: work, FieldDynasty: dyn}, Lines: poemLines(paras)}}, true
	case len(list(m, "paragraphs")) > 0 && (str(m, "title") != "" || str(m, "rhythmic") != ""):
		title, rhythmic, author := str(m, "title"), str(m, "rhythmic"), str(m, "author")
		if title == "" {
			title = rhythmic
		}
		paras := list(m, "paragraphs")
		head := title
		if author != "" {
			head += "\n" + author
			if dyn != "" {
				head += "（" + dyn + "）"
			}
		}
		if rhythmic != "" && rhythmic != title {
			head += "\n词牌：" + rhythmic
		}
		rec := &Record{Kind: RecordPoem, Fields: map[string]string{FieldName: title, FieldAuthor: author, FieldDynasty: dyn}, Lines: poemLines(paras)}
		if rhythmic != "" {
			rec.Fields[FieldRhythmic] = rhythmic
		}
		return Document{Title: title, Text: head + "\n" + strings.Join(paras, "\n"), Record: rec}, true
	}
	return Document{}, false
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// poemLines splits a poem's paragraphs into its lines: the text up to
// each ，。？！；、： (the mark kept), so 床前明月光，疑是地上霜。 gives two.
// A speaker's tag (子曰：) is not a line, and quotation marks around a
// line are dropped: 子曰：“学而时习之，不亦说乎？ gives 学而时习之， and
// 不亦说乎？.
func poemLines(paras []string) []string {
	var out []string
	add := func(line string) {
		line = strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "“”‘’「」『』\"'"))
		if utf8.RuneCountInString(line) <= 1 || speakerTag.MatchString(line) {
			return
		}
		out = append(out, line)
	}
	for _, p := range paras {
		start := 0
		for i, r := range p {
			if strings.ContainsRune("，。？！；、：,.?!;:", r) {
				add(p[start : i+utf8.RuneLen(r)])
				start = i + utf8.RuneLen(r)
			}
		}
		add(p[start:])
	}
	return out
}

// speakerTag is a line that only says who speaks: 子曰：, 孔子对曰：.
var speakerTag = regexp.MustCompile(`^[\p{Han}]{1,5}曰[：:]?$`)
