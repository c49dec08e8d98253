package corpora

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func readCulture(t *testing.T, name, format string) []Document {
	t.Helper()
	p := filepath.Join("testdata", "culture", name)
	docs, err := ReadFileAs(File{Path: p, ID: name}, format)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return docs
}

func TestCultureReaders(t *testing.T) {
	idioms := readCulture(t, "idioms.txt", FormatAuto)
	if len(idioms) != 2 {
		t.Fatalf("%d idioms", len(idioms))
	}
	r := idioms[0].Record
	if idioms[0].ID != "idioms.txt#6612" || idioms[0].Title != "洛阳纸贵" || r == nil || r.Kind != RecordIdiom ||
		r.Fields[FieldPinyin] != "luò yáng zhǐ guì" || r.Fields[FieldExplanation] != "比喻著作有价值，流传广。" ||
		!strings.HasPrefix(r.Fields[FieldSource], "《晋书·左思传》") || !strings.Contains(r.Fields[FieldExample], "人说“洛阳纸贵”") {
		t.Errorf("idiom = %+v %+v", idioms[0], r)
	}
	if !strings.Contains(idioms[0].Text, "释义：比喻著作有价值") || strings.Contains(idioms[1].Text, "出处") {
		t.Errorf("idiom texts: %q / %q", idioms[0].Text, idioms[1].Text)
	}

	poems := readCulture(t, "poet.tang.0.json", FormatAuto)
	p := poems[0]
	if p.Title != "靜夜思" || p.Record.Kind != RecordPoem || p.Record.Fields[FieldAuthor] != "李白" || p.Record.Fields[FieldDynasty] != "唐" ||
		strings.Join(p.Record.Lines, "|") != "牀前看月光，|疑是地上霜。|舉頭望山月，|低頭思故鄉。" {
		t.Errorf("poem = %+v %+v", p, p.Record)
	}
	if got := strings.Join(poems[1].Record.Lines, "|"); got != "白日依山尽，|黄河入海流。|欲穷千里目，|更上一层楼。" {
		t.Errorf("lines of one paragraph: %s", got)
	}
	ci := readCulture(t, "ci.song.0.json", FormatPoetry)[0]
	if ci.Title != "水调歌头" || ci.Record.Fields[FieldRhythmic] != "水调歌头" || ci.Record.Fields[FieldDynasty] != "宋" || ci.Record.Lines[0] != "明月几时有？" {
		t.Errorf("ci = %+v %+v", ci, ci.Record)
	}
	poet := readCulture(t, "authors.tang.json", FormatAuto)[0]
	if poet.Record.Kind != RecordPoet || poet.Record.Fields[FieldName] != "李白" || poet.Record.Fields[FieldDynasty] != "唐" || !strings.Contains(poet.Text, "青莲居士") {
		t.Errorf("poet = %+v", poet.Record)
	}
	sj := readCulture(t, "shijing.json", FormatAuto)[0]
	if sj.Title != "关雎" || sj.Record.Fields[FieldWork] != "诗经·国风·周南" || sj.Record.Fields[FieldDynasty] != "先秦" {
		t.Errorf("shijing = %+v", sj.Record)
	}
	ly := readCulture(t, "lunyu.json", FormatAuto)[0]
	if ly.Title != "论语·学而篇" || ly.Record.Kind != RecordClassic {
		t.Errorf("lunyu = %+v", ly)
	}
	xh := readCulture(t, "xiehouyu.json", FormatXiehouyu)
	if len(xh) != 2 || xh[0].Text != "外甥打灯笼——照旧（舅）" || xh[0].Record.Fields[FieldAnswer] != "照旧（舅）" {
		t.Errorf("xiehouyu = %+v", xh)
	}

	// Wrong formats are refused by name; a layout without text is not
	// taken for poetry.
	if _, err := ReadFileAs(File{Path: "testdata/culture/xiehouyu.json", ID: "x"}, FormatIdioms); !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "xiehouyu.json") {
		t.Errorf("xiehouyu as idioms: %v", err)
	}
	if _, err := ReadFileAs(File{Path: "testdata/culture/rank.json", ID: "r"}, FormatPoetry); !errors.Is(err, ErrFormat) {
		t.Errorf("rank as poetry: %v", err)
	}
	if _, err := ReadFile(File{Path: "testdata/culture/rank.json", ID: "r"}); err == nil {
		t.Error("rank.json read as something")
	}
	if _, err := ReadFileAs(File{Path: "testdata/culture/idioms.txt", ID: "i"}, "csv"); err == nil || !strings.Contains(err.Error(), "want one of") {
		t.Errorf("unknown format: %v", err)
	}
	// Forced to text, the idiom file is one plain document.
	if d := readCulture(t, "idioms.txt", FormatText); len(d) != 1 || d[0].Record != nil {
		t.Errorf("idioms as text = %d documents", len(d))
	}
}

func TestFactsReader(t *testing.T) {
	docs := readCulture(t, "facts.csv", FormatFacts)
	if len(docs) != 3 || docs[1].ID != "facts.csv#星河科技" || docs[1].Record.Kind != RecordFacts || len(docs[1].Record.Triples) != 2 {
		t.Fatalf("docs = %+v", docs)
	}
	tr := docs[1].Record.Triples[1]
	if tr != (Triple{Relation: "总部", Object: "杭州", Source: "公司年报2025", Line: 4}) || docs[2].Record.Triples[0].Line != 6 {
		t.Errorf("triple = %+v, line of 王小明 %d", tr, docs[2].Record.Triples[0].Line)
	}
	if !strings.Contains(docs[1].Text, "创始人：王小明（公司年报2025）") {
		t.Errorf("text %q", docs[1].Text)
	}
	js := readCulture(t, "facts.jsonl", FormatAuto) // .jsonl is read as facts
	if len(js) != 2 || js[1].Title != "年假" || js[1].Record.Triples[0] != (Triple{Relation: "天数", Object: "15天", Source: "员工手册第3章", Line: 3}) {
		t.Errorf("jsonl = %+v %+v", js, js[1].Record)
	}
	tsv := readCulture(t, "facts.tsv", FormatFacts)
	if len(tsv) != 2 || tsv[1].Record.Triples[0].Object != "10天" {
		t.Errorf("tsv = %+v", tsv)
	}
	for _, bad := range []struct{ text, want string }{
		{"a,b,c\nd,e\n", "line 2: 2 columns"},
		{"a,,c\n", "line 1: want subject, relation and object"},
		{"{\"s\":\"a\",\"r\":\"b\",\"o\":\"c\"}\n{oops\n", "line 2: not a JSON object"},
	} {
		_, err := ParseAs(File{Path: "bad.csv", ID: "bad.csv"}, []byte(bad.text), FormatFacts)
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: err %v, want %q", bad.text, err, bad.want)
		}
	}
}

func TestPoemLines(t *testing.T) {
	got := poemLines([]string{"子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？”", "床前明月光，疑是地上霜。"})
	want := "学而时习之，|不亦说乎？|有朋自远方来，|不亦乐乎？|床前明月光，|疑是地上霜。"
	if strings.Join(got, "|") != want {
		t.Errorf("poemLines = %q; want %q", strings.Join(got, "|"), want)
	}
}

// Issue 12 item 11: a facts CSV holding only comments made kg import panic.
func TestFactsOnlyComments(t *testing.T) {
	for _, text := range []string{"# 只有注释\n# comment\n", "#\n", "subject,relation,object\n# nothing yet\n"} {
		_, err := ParseAs(File{Path: "f.csv", ID: "f.csv"}, []byte(text), FormatFacts)
		if !errors.Is(err, ErrEmpty) {
			t.Errorf("ParseAs(%q, facts) error = %v; want ErrEmpty", text, err)
		}
	}
}
