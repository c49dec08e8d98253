package corpora

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// The fuzz targets below feed every reader of outside data arbitrary
// bytes. Beyond not panicking, what a reader returns must hold what the
// rest of wenda relies on: valid UTF-8 (checkDocs).
//
//	go test -run XXX -fuzz FuzzSQuAD -fuzztime 2m ./corpora

// addFile seeds a target with a file of testdata/culture.
func addFile(f *testing.F, name string) {
	f.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "culture", name))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
}

// checkDocs asserts what every reader's documents hold: ids present,
// unique, and the file's own or under it (file#record); valid UTF-8
// everywhere; text that is not blank; a record's lines within its text,
// a fact's line within the file.
func checkDocs(t *testing.T, f File, raw []byte, docs []Document, err error) {
	t.Helper()
	if err != nil {
		if len(docs) > 0 {
			t.Errorf("%d documents with error %v", len(docs), err)
		}
		return
	}
	if len(docs) == 0 {
		t.Errorf("no documents and no error for %q", raw)
	}
	lines := bytes.Count(raw, []byte("\n")) + 1
	seen := map[string]bool{}
	for _, d := range docs {
		if d.ID == "" || seen[d.ID] {
			t.Errorf("document id %q empty or repeated, of %q", d.ID, raw)
		}
		seen[d.ID] = true
		if d.ID != f.ID && !strings.HasPrefix(d.ID, f.ID+"#") {
			t.Errorf("document id %q is not the file's %q nor under it", d.ID, f.ID)
			continue
		}
		if d.Source != f.Path {
			t.Errorf("document %q: source %q, not the file's %q", d.ID, d.Source, f.Path)
		}
		// Ids and sources are the file's name, as the file system has it.
		for _, s := range []string{d.ID[len(f.ID):], d.Title, d.Text, d.Source[min(len(f.Path), len(d.Source)):]} {
			if !utf8.ValidString(s) {
				t.Errorf("document %q holds invalid UTF-8 %q", d.ID, s)
			}
		}
		if strings.TrimSpace(d.Text) == "" {
			t.Errorf("document %q has no text, of %q", d.ID, raw)
		}
		// Replaced is the file's damage: each byte a U+FFFD of the decoded
		// file, in the text unless markup held it (an attribute, a hidden
		// element), which the text leaves out.
		fffd := strings.Count(d.Text, "\uFFFD")
		if text, _, err := Decode(raw); err == nil {
			fffd = max(fffd, strings.Count(text, "\uFFFD"))
		}
		if d.Replaced < 0 || d.Replaced > len(raw) || d.Replaced > fffd && d.Record == nil {
			t.Errorf("document %q: Replaced %d of %d bytes, %d U+FFFD in its text or file", d.ID, d.Replaced, len(raw), fffd)
		}
		r := d.Record
		if r == nil {
			continue
		}
		for k, v := range r.Fields {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Errorf("document %q: field %q = %q: invalid UTF-8", d.ID, k, v)
			}
		}
		for _, l := range r.Lines {
			if l == "" || !strings.Contains(d.Text, l) {
				t.Errorf("document %q: line %q is not in its text %q", d.ID, l, d.Text)
			}
		}
		if r.Kind == RecordFacts && len(r.Triples) == 0 {
			t.Errorf("document %q: a facts record without facts", d.ID)
		}
		for _, tr := range r.Triples {
			if tr.Line < 1 || tr.Line > lines {
				t.Errorf("document %q: fact %+v on line %d of a file of %d lines", d.ID, tr, tr.Line, lines)
			}
			if tr.Relation == "" || tr.Object == "" || !strings.Contains(d.Text, tr.Relation+"："+tr.Object) {
				t.Errorf("document %q: fact %+v not in its text %q", d.ID, tr, d.Text)
			}
		}
	}
}

// FuzzDecode: Decode gives valid UTF-8 or one of its errors; valid UTF-8
// comes back as it was; what it returns decodes to itself.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(simpText))
	f.Add(append([]byte{0xEF, 0xBB, 0xBF}, simpText...))
	for _, enc := range []func() ([]byte, error){
		func() ([]byte, error) { return simplifiedchinese.GBK.NewEncoder().Bytes([]byte(simpText)) },
		func() ([]byte, error) { return traditionalchinese.Big5.NewEncoder().Bytes([]byte(tradText)) },
		func() ([]byte, error) {
			return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(simpText))
		},
		func() ([]byte, error) {
			return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("年假 15 天\r\n"))
		},
	} {
		b, err := enc()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("星河数据\xa4的员工\xff每年有十天年假，出差补助为每天一百二十元。"))
	f.Add([]byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d})
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, d, err := Decode(raw)
		if err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) && !errors.Is(err, ErrUndecodable) {
				t.Errorf("Decode(%q) error %v: not one of its sentinels", raw, err)
			}
			if s != "" || d != (Decoding{}) {
				t.Errorf("Decode(%q) = %q, %+v with error %v", raw, s, d, err)
			}
			return
		}
		if !utf8.ValidString(s) || strings.TrimSpace(s) == "" {
			t.Fatalf("Decode(%q) = %q: invalid UTF-8 or blank", raw, s)
		}
		switch d.Encoding {
		case "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "gb18030", "big5":
		default:
			t.Errorf("Decode(%q): encoding %q", raw, d.Encoding)
		}
		if d.Replaced < 0 || d.Replaced > strings.Count(s, "\uFFFD") {
			t.Errorf("Decode(%q): Replaced %d, yet %d U+FFFD in %q", raw, d.Replaced, strings.Count(s, "\uFFFD"), s)
		}
		if utf8.Valid(raw) && bytes.IndexByte(raw, 0) < 0 && !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) && (s != string(raw) || d.Encoding != "utf-8" || d.Replaced != 0) {
			t.Errorf("Decode(valid UTF-8 %q) = %q, %+v; want it unchanged", raw, s, d)
		}
		if !strings.HasPrefix(s, "\uFEFF") {
			if again, d2, err := Decode([]byte(s)); err != nil || again != s || d2 != (Decoding{Encoding: "utf-8"}) {
				t.Errorf("Decode(Decode(%q) = %q) = %q, %+v, %v; want it unchanged", raw, s, again, d2, err)
			}
		}
	})
}

// FuzzParse: every reader, chosen by the file's extension and content.
func FuzzParse(f *testing.F) {
	f.Add([]byte(simpText), ".txt")
	f.Add([]byte("<html><title>标题</title><p>段落"), ".html")
	f.Add([]byte(`{"data":[{"paragraphs":[{"context":"上下文"}]}]}`), ".json")
	f.Add([]byte(`[{"riddle":"外甥打灯笼","answer":"照旧（舅）"}]`), ".json")
	f.Add([]byte("6612,\"洛阳纸贵\",\"luò yáng zhǐ guì\",\"比喻著作有价值。\",\"\",\"\",\"LYZG\"\n"), ".csv")
	f.Add([]byte("{\"s\":\"年假\",\"r\":\"天数\",\"o\":\"15天\"}\n"), ".jsonl")
	f.Add([]byte{0xFF, 0xFE, 0x00}, ".md")
	f.Add([]byte{0xB0, 0xA1, 0xA4, 0x40}, ".txt")
	f.Fuzz(func(t *testing.T, raw []byte, ext string) {
		file := File{Path: "f" + ext, ID: "f" + ext}
		docs, err := Parse(file, raw)
		checkDocs(t, file, raw, docs, err)
	})
}

// FuzzText: a plain-text file is one document, its text as decoded.
func FuzzText(f *testing.F) {
	f.Add([]byte(simpText))
	f.Add([]byte("第一行\r\n第二行\n"))
	f.Add([]byte("\xb0\xa1\xb0\xa2"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "notes.txt", ID: "dir/notes.txt"}
		docs, err := ParseAs(file, raw, FormatText)
		checkDocs(t, file, raw, docs, err)
		if err != nil {
			return
		}
		text, _, _ := Decode(raw)
		if len(docs) != 1 || docs[0].ID != file.ID || docs[0].Text != text {
			t.Errorf("ParseAs(%q, text) = %+v; want one document %s of the decoded text", raw, docs, file.ID)
		}
	})
}

// FuzzMarkdown: a Markdown file is one document titled by its first
// heading, a line of its text, else by the file's name.
func FuzzMarkdown(f *testing.F) {
	f.Add([]byte("# 使用指南\n\n正文。"))
	f.Add([]byte("前言\n## 第二章 ##\n内容"))
	f.Add([]byte("#\n# \n#  标题  \n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "guide.md", ID: "docs/guide.md"}
		docs, err := Parse(file, raw)
		checkDocs(t, file, raw, docs, err)
		if err != nil || len(docs) != 1 {
			return
		}
		d := docs[0]
		if d.Title != "guide" && (d.Title == "" || strings.ContainsAny(d.Title, "\r\n") || !strings.Contains(d.Text, d.Title)) {
			t.Errorf("Parse(%q).Title = %q; want a heading of the text or the file's name", raw, d.Title)
		}
	})
}

// FuzzHTML: an HTML page gives its visible text, laid out as HTMLText
// promises: one space or one line break between words, nothing hidden.
func FuzzHTML(f *testing.F) {
	f.Add(`<html><head><title>帮助 中心</title><style>p{}</style></head><body><h1>标题</h1><p>第一段<b>加粗</b>。</p></body></html>`)
	f.Add(`<div hidden><p>藏</div><p style="display: none">藏<p>见<template>藏</template><dialog>藏</dialog><span aria-hidden=true>藏</span>`)
	f.Add(`<ul><li>一<li>二</ul><table><tr><td>甲<td>乙</table><pre>  多  空格  </pre>`)
	f.Add("<svg><title>图</title><text>图</text></svg>&nbsp;&amp;&#x4e2d;<p>\u3000全角空格\u3000</p>")
	// Stray bytes in an attribute: the file's damage, not in the text.
	f.Add(`<p title="` + "\xff\xfe" + `">` + strings.Repeat("中文内容", 30) + `</p>`)
	f.Fuzz(func(t *testing.T, src string) {
		title, body := HTMLText(src)
		if utf8.ValidString(src) && (!utf8.ValidString(title) || !utf8.ValidString(body)) {
			t.Errorf("HTMLText(%q) = %q, %q: invalid UTF-8", src, title, body)
		}
		if body != strings.TrimSpace(body) || strings.Contains(body, "  ") || strings.Contains(body, " \n") ||
			strings.Contains(body, "\n ") || strings.Contains(body, "\n\n") {
			t.Errorf("HTMLText(%q) body %q: white space not laid out", src, body)
		}
		if strings.ContainsAny(title, "\r\n\t") || title != strings.TrimSpace(title) {
			t.Errorf("HTMLText(%q) title %q: not one line", src, title)
		}
		// What a hidden element holds never shows: before the page, or
		// after a page of text (after markup, the parser may be inside a
		// tag, a comment or an element of raw text, which take it in).
		const secret = "隐藏的秘密"
		if !strings.Contains(src, secret) {
			if _, b := HTMLText(`<p style="display:none">` + secret + `</p>` + src); strings.Contains(b, secret) {
				t.Errorf("HTMLText of %q after a hidden element shows it: %q", src, b)
			}
			if !strings.Contains(src, "<") {
				if _, b := HTMLText(src + `<div hidden>` + secret + `</div>`); strings.Contains(b, secret) {
					t.Errorf("HTMLText of %q before a hidden element shows it: %q", src, b)
				}
			}
		}
		file := File{Path: "page.html", ID: "site/page.html"}
		docs, err := Parse(file, []byte(src))
		checkDocs(t, file, []byte(src), docs, err)
	})
}

// FuzzSQuAD: a SQuAD-layout file's paragraphs are documents under the
// file's id, and each question names the document of its paragraph.
func FuzzSQuAD(f *testing.F) {
	f.Add([]byte(`{"data":[{"title":"标题","paragraphs":[{"id":"P1","context":"上下文一。","qas":[{"id":"Q1","question":"问？","answers":[{"text":"上下文","answer_start":0}]}]},{"id":"P2","context":"上下文二。"}]}]}`))
	f.Add([]byte(`{"version":"v2.0","data":[{"id":"A","paragraphs":[{"context":"一"},{"id":"A_1","context":"二"},{"context":"三","qas":[{"id":"q"}]}]}]}`))
	f.Add([]byte(`{"data":[{"paragraphs":[{"id":"x","context":" "},{"id":"x","context":"文"},{"id":"x~2","context":"字"}]}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "dev.json", ID: "cmrc/dev.json"}
		docs, err := ParseAs(file, raw, FormatSQuAD)
		checkDocs(t, file, raw, docs, err)
		sq, err := ParseSQuAD(raw)
		if err != nil {
			return
		}
		sq.File = file.ID
		ids := map[string]bool{}
		for _, d := range sq.Documents() {
			ids[d.ID] = true
		}
		for ai, a := range sq.Data {
			for pi, p := range a.Paragraphs {
				id := sq.paragraphIDs()[ai][pi]
				if strings.TrimSpace(p.Context) != "" && !ids[id] {
					t.Errorf("paragraph %d/%d: id %q is no document's", ai, pi, id)
				}
			}
		}
		for _, q := range sq.Questions() {
			if !strings.HasPrefix(q.DocID, file.ID+"#") {
				t.Errorf("question %q: document %q not under the file's id", q.ID, q.DocID)
			}
		}
	})
}

// FuzzIdioms: the idiom dictionary's CSV, one document per idiom.
func FuzzIdioms(f *testing.F) {
	addFile(f, "idioms.txt")
	f.Add([]byte("1,\"一\",\"yi\",\"释义\"\n1,\"二\",\"er\",\"释义\",\"\",\"～～\"\nx,\"三\",\"san\",\"\"\n"))
	f.Add([]byte("1,\"一\",\"yi\"\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "idioms.txt", ID: "idioms.txt"}
		docs, err := ParseAs(file, raw, FormatIdioms)
		checkDocs(t, file, raw, docs, err)
		for _, d := range docs {
			if d.Record == nil || d.Record.Kind != RecordIdiom || d.Record.Fields[FieldName] != d.Title || d.Title == "" {
				t.Errorf("idiom %q: record %+v", d.ID, d.Record)
			}
		}
	})
}

// FuzzPoetry: chinese-poetry's JSON, one document per poem, poet or
// chapter; and the beginning of a file that is passed over unread is
// one Parse passes over too.
func FuzzPoetry(f *testing.F) {
	for _, name := range []string{"poet.tang.0.json", "ci.song.0.json", "authors.tang.json", "shijing.json", "lunyu.json", "rank.json"} {
		addFile(f, name)
	}
	f.Add([]byte(`[{"title":"题","paragraphs":["“一，二。”"]}, 3, null, {"x":1}]`))
	f.Add([]byte(`[{"author":"李白","baidu":1},{"title":"题","paragraphs":["句。"]}]`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "poet.tang.0.json", ID: "poetry/poet.tang.0.json"}
		docs, err := ParseAs(file, raw, FormatPoetry)
		checkDocs(t, file, raw, docs, err)
		for _, d := range docs {
			if d.Record == nil || d.Record.Kind == RecordXiehouyu && d.Record.Fields[FieldAnswer] == "" {
				t.Errorf("poetry %q: record %+v", d.ID, d.Record)
			}
		}
		docs, err = Parse(file, raw)
		checkDocs(t, file, raw, docs, err)
		for _, n := range []int{len(raw), len(raw) / 2, 64} {
			if arrayElsewhere(raw[:min(n, len(raw))]) && err == nil {
				t.Errorf("the beginning of %q says pass it over; Parse reads %d documents", raw, len(docs))
			}
		}
	})
}

// FuzzXiehouyu: the 歇后语 JSON, one document per saying.
func FuzzXiehouyu(f *testing.F) {
	addFile(f, "xiehouyu.json")
	f.Add([]byte(`[{"riddle":" 谜 ","answer":"底"},{"riddle":"","answer":"x"},{"riddle":"谜","answer":"底"}]`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "xiehouyu.json", ID: "xiehouyu.json"}
		docs, err := ParseAs(file, raw, FormatXiehouyu)
		checkDocs(t, file, raw, docs, err)
	})
}

// FuzzFacts: a user's facts as CSV, TSV or JSON Lines, one document per
// subject, each fact on a line of the file.
func FuzzFacts(f *testing.F) {
	for _, name := range []string{"facts.csv", "facts.tsv", "facts.jsonl"} {
		addFile(f, name)
	}
	f.Add([]byte("# 只有注释\n"))
	f.Add([]byte("subject,relation,object\n\"多\n行\",关系,\"值\"\"引号\"\"\"\n"))
	f.Add([]byte("{\"subject\":\"甲\",\"relation\":\"是\",\"object\":1}\n\n{\"s\":\"甲\",\"r\":\"有\",\"o\":true,\"src\":\"书\"}\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		file := File{Path: "facts.csv", ID: "kg/facts.csv"}
		docs, err := ParseAs(file, raw, FormatFacts)
		checkDocs(t, file, raw, docs, err)
		for _, d := range docs {
			if d.Record == nil || d.Record.Kind != RecordFacts || d.ID != file.ID+"#"+d.Title {
				t.Errorf("facts document %q titled %q: record %+v", d.ID, d.Title, d.Record)
			}
		}
	})
}
