package answer

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/kg"
)

func cultureGraph(t testing.TB) *kg.Graph {
	t.Helper()
	g, err := kg.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	for _, name := range []string{"idioms.txt", "poet.tang.0.json", "ci.song.0.json", "authors.tang.json", "xiehouyu.json", "shijing.json"} {
		p := filepath.Join("..", "corpora", "testdata", "culture", name)
		docs, err := corpora.ReadFile(corpora.File{Path: p, ID: name})
		if err != nil {
			t.Fatal(err)
		}
		addDocs(t, g, docs...)
	}
	return g
}

// addDocs writes documents' facts into the graph.
func addDocs(t testing.TB, g *kg.Graph, docs ...corpora.Document) {
	t.Helper()
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	if err := g.Replace(context.Background(), ids, docs); err != nil {
		t.Fatal(err)
	}
}

func TestCulture(t *testing.T) {
	g := cultureGraph(t)
	for _, c := range []struct{ q, want, doc string }{
		{"洛阳纸贵是什么意思？", "比喻著作有价值，流传广。", "idioms.txt#6612"},
		{"「洛陽紙貴」的出處是什麼", "《晋书·左思传》：“于是豪贵之家竞相传写，洛阳为之纸贵。”", "idioms.txt#6612"},
		{"洛阳纸贵怎么读", "luò yáng zhǐ guì", "idioms.txt#6612"},
		{"用洛阳纸贵造个句", "人说“洛阳纸贵”，谁知今日闹到“长安扇贵”。", "idioms.txt#6612"},
		{"洛阳纸贵", "比喻著作有价值，流传广。", "idioms.txt#6612"},
		{"床前看月光的下一句是什么？", "疑是地上霜", "poet.tang.0.json#0"},
		{"“床前看月光”下面是哪句", "疑是地上霜", "poet.tang.0.json#0"},
		{"疑是地上霜的上一句", "牀前看月光", "poet.tang.0.json#0"},
		{"白日依山尽，下一句", "黄河入海流", "poet.tang.0.json#1"},
		{"静夜思是谁写的？", "李白", "poet.tang.0.json#0"},
		{"《靜夜思》的作者", "李白", "poet.tang.0.json#0"},
		{"举头望山月出自哪首诗", "《靜夜思》，唐·李白", "poet.tang.0.json#0"},
		{"欲穷千里目是哪个朝代的诗", "唐", "poet.tang.0.json#1"},
		{"李白是哪个朝代的人", "唐", "authors.tang.json#0"},
		{"外甥打灯笼的下一句是什么？", "照旧（舅）", "xiehouyu.json#0"},
		{"歇后语：外甥打灯笼——", "照旧（舅）", "xiehouyu.json#0"},
		{"水调歌头是谁写的", "苏轼", "ci.song.0.json#0"},
		{"关雎出自哪里", "《诗经·国风·周南》", "shijing.json#0"},
		{"luoyangzhigui是什么成语", "洛阳纸贵", "idioms.txt#6612"},
		{"luò yáng zhǐ guì", "洛阳纸贵", "idioms.txt#6612"},
		{"luoyangzhigui是什么意思", "比喻著作有价值，流传广。", "idioms.txt#6612"},
	} {
		a, ok := graphAnswer(t, g, c.q)
		if !ok || a.Answer != c.want || !a.Found || a.Mode != ModeGraph || len(a.Citations) == 0 || a.Citations[0].Doc != c.doc {
			t.Errorf("%s → %q (%v) %+v; want %q from %s", c.q, a.Answer, ok, a.Citations, c.want, c.doc)
		}
	}
	// No entity, or nothing the facts hold: left to the text answerer.
	// A poet's name among words that ask for something else (程序 is a
	// Tang poet's name too: 程序文件装在哪个目录) is not asked about.
	for _, q := range []string{"年假有几天？", "洛阳纸贵的反义词是什么", "今天天气怎么样", "哪个成语的意思是比喻著作洛阳纸贵有价值", "李白的诗集放在图书馆哪个书架？"} {
		if a, ok := graphAnswer(t, g, q); ok {
			t.Errorf("%s answered %q from the graph", q, a.Answer)
		}
	}
}

// TestIdiomAskedTwice: a question asking two things of an idiom at once
// (its meaning and its source; its meaning and how it is read) gets both,
// labelled, each cited; so does a poem asked for its poet and dynasty, a
// line asked for the next and its poet.
func TestIdiomAskedTwice(t *testing.T) {
	g := cultureGraph(t)
	for q, want := range map[string]string{
		"洛阳纸贵是什么意思，出自哪本书":  "释义：比喻著作有价值，流传广。\n出处：《晋书·左思传》：“于是豪贵之家竞相传写，洛阳为之纸贵。”",
		"洛阳纸贵什么意思 怎么读":     "释义：比喻著作有价值，流传广。\n拼音：luò yáng zhǐ guì。",
		"静夜思是谁写的，哪个朝代的":    "唐·李白",
		"床前看月光的下一句是什么，谁写的": "疑是地上霜（出自《靜夜思》，唐·李白）",
	} {
		a, ok := graphAnswer(t, g, q)
		if !ok || a.Answer != want || len(a.Citations) < 2 {
			t.Errorf("%s → %q (%v, %d citations); want %q, each fact cited", q, a.Answer, ok, len(a.Citations), want)
		}
	}
}

func TestImportedFacts(t *testing.T) {
	g := cultureGraph(t)
	for _, name := range []string{"facts.csv", "facts.jsonl"} {
		p := filepath.Join("..", "corpora", "testdata", "culture", name)
		docs, err := corpora.ReadFileAs(corpora.File{Path: p, ID: name}, corpora.FormatFacts)
		if err != nil {
			t.Fatal(err)
		}
		addDocs(t, g, docs...)
	}
	for _, c := range []struct{ q, want, doc, cite string }{
		{"星河科技的创始人是谁", "王小明", "facts.csv#星河科技", "（来源：公司年报2025）"},
		{"星河科技总部在哪个城市？", "杭州", "facts.csv#星河科技", "总部：杭州"},
		{"王小明的毕业院校", "浙江大学", "facts.csv#王小明", ""},
		{"洛阳纸贵的近义词是什么", "一时纸贵", "facts.csv#洛阳纸贵", ""},         // a relation the idiom dictionary lacks
		{"洛阳纸贵是什么意思？", "比喻著作有价值，流传广。", "idioms.txt#6612", ""}, // still the dictionary's
		{"静夜思是谁写的？", "李白", "facts.jsonl#静夜思", ""},             // documents in the order of their ids
	} {
		a, ok := graphAnswer(t, g, c.q)
		if !ok || a.Answer != c.want || a.Citations[0].Doc != c.doc || !strings.Contains(a.Citations[0].Text, c.cite) {
			t.Errorf("%s → %q (%v) %+v; want %q from %s", c.q, a.Answer, ok, a.Citations, c.want, c.doc)
		}
	}
	// author → 作者: the imported fact is asked for as the graph's own.
	if fs := g.DocFacts("facts.jsonl#静夜思"); len(fs) != 1 || fs[0].Relation != corpora.RelAuthor || fs[0].Field != "line 1" {
		t.Errorf("facts = %+v", fs)
	}
}

// TestPhrasings: other ways people ask the same things.
func TestPhrasings(t *testing.T) {
	g := cultureGraph(t)
	for _, c := range []struct{ q, want string }{
		{"洛阳纸贵指的是什么", "比喻著作有价值，流传广。"},
		{"洛阳纸贵这个成语怎么理解？", "比喻著作有价值，流传广。"},
		{"洛阳纸贵这个成语是怎么来的", "《晋书·左思传》：“于是豪贵之家竞相传写，洛阳为之纸贵。”"},
		{"洛阳纸贵的发音", "luò yáng zhǐ guì"},
		{"luo4 yang2 zhi3 gui4 是什么意思", "比喻著作有价值，流传广。"},
		{"床前看月光后面接什么", "疑是地上霜"},
		{"床前看月光，疑是地上霜的下一句", "舉頭望山月"},
		{"举头望山月，低头思故乡的上一句", "疑是地上霜"},
		{"静夜思全文", "牀前看月光，疑是地上霜。舉頭望山月，低頭思故鄉。"},
		{"背一下静夜思", "牀前看月光，疑是地上霜。舉頭望山月，低頭思故鄉。"},
		{"静夜思的第一句是什么", "牀前看月光"},
		{"静夜思最后一句", "低頭思故鄉"},
		{"李白是谁", "李白，字太白，号青莲居士。"},
		{"李白生活在哪个时期", "唐"},
		{"jingyesi是谁写的", "李白"},
		{"外甥打灯笼的答案", "照旧（舅）"},
	} {
		a, ok := graphAnswer(t, g, c.q)
		if !ok || a.Answer != c.want {
			t.Errorf("%s → %q (%v); want %q", c.q, a.Answer, ok, c.want)
		}
	}
	for _, q := range []string{"用一个成语来形容著作有价值", "著作有价值用成语怎么说"} {
		if !asksForIdiom(q) {
			t.Errorf("%s: not read as asking for an idiom", q)
		}
	}
}

func TestPhrasingsMore(t *testing.T) {
	g := cultureGraph(t)
	for _, c := range []struct{ q, want string }{
		{"《静夜思》的作者是哪个朝代的诗人？", "唐"},
		{"李白是什么时候的人", "唐"},
		{"举头望山月这首诗叫什么", "《靜夜思》，唐·李白"},
		{"比喻著作有价值，流传广，打一成语", ""}, // asks for an idiom: left to retrieval
	} {
		a, ok := graphAnswer(t, g, c.q)
		if c.want == "" {
			if ok || !asksForIdiom(c.q) {
				t.Errorf("%s → %q (%v), asks for an idiom %v", c.q, a.Answer, ok, asksForIdiom(c.q))
			}
			continue
		}
		if !ok || a.Answer != c.want {
			t.Errorf("%s → %q (%v); want %q", c.q, a.Answer, ok, c.want)
		}
	}
}

func TestSimplifiedDisplay(t *testing.T) {
	g := cultureGraph(t)
	a, ok := graphAnswer(t, g, "静夜思全文")
	if !ok || !strings.Contains(a.Answer, "舉頭望山月") {
		t.Fatalf("as written: %q", a.Answer)
	}
	s := a.Simplified()
	if s.Answer != "床前看月光，疑是地上霜。举头望山月，低头思故乡。" || !strings.Contains(s.Citations[0].Text, "静夜思") || !strings.Contains(a.Citations[0].Text, "靜夜思") {
		t.Errorf("simplified %q %+v; the original changed? %+v", s.Answer, s.Citations, a.Citations)
	}
}

// TestMisquotedLine: the line as people know it (床前明月光), not as the
// graph's text has it (牀前看月光), is neither linked to a shorter line
// inside it nor left unanswered.
func TestMisquotedLine(t *testing.T) {
	g := cultureGraph(t)
	short := corpora.Document{ID: "song#698", Title: "燭", Record: &corpora.Record{Kind: corpora.RecordPoem,
		Fields: map[string]string{corpora.FieldName: "燭", corpora.FieldAuthor: "某"}, Lines: []string{"明月光。", "熒煌九華燭，"}}}
	addDocs(t, g, short)
	if a, ok := graphAnswer(t, g, "明月光的下一句"); !ok || a.Answer != "熒煌九華燭" {
		t.Errorf("the short line itself: %q %v", a.Answer, ok)
	}
	if a, ok := graphAnswer(t, g, "床前明月光的下一句是什么"); ok {
		t.Errorf("answered %q from a partial match", a.Answer)
	}
	for q, want := range map[string]string{
		"床前明月光的下一句是什么": "疑是地上霜",
		"举头望明月的上一句":    "疑是地上霜",
		"举头望明月出自哪首诗":   "《靜夜思》，唐·李白",
	} {
		a, ok := lineForT(t, g, q, []string{"idioms.txt#6612", "poet.tang.0.json#0"})
		if !ok || a.Answer != want {
			t.Errorf("%s → %q (%v), want %q", q, a.Answer, ok, want)
		}
	}
	if a, ok := lineForT(t, g, "今天天气怎么样", []string{"poet.tang.0.json#0"}); ok {
		t.Errorf("answered %q", a.Answer)
	}
}

// TestPopular: a title or line in several poems is answered from the poem
// copied into the most documents, then the one whose author wrote the
// most, the anonymous counting for nothing.
func TestPopular(t *testing.T) {
	g := cultureGraph(t)
	poem := func(id, title, author string, lines ...string) corpora.Document {
		return corpora.Document{ID: id, Title: title, Record: &corpora.Record{Kind: corpora.RecordPoem,
			Fields: map[string]string{corpora.FieldName: title, corpora.FieldAuthor: author}, Lines: lines}}
	}
	docs := []corpora.Document{
		poem("a#0", "秋思", "无名氏", "甲乙丙丁戊，", "己庚辛壬癸。"), poem("a#1", "秋思", "无名氏", "一"), poem("a#2", "春思", "无名氏", "二"),
		poem("b#0", "秋思", "张三", "天地玄黄远，", "宇宙洪荒长。"), poem("b#1", "冬思", "张三", "甲乙丙丁戊，", "子丑寅卯辰。"),
		poem("c#0", "秋思", "李四", "日月盈昃时，", "辰宿列张处。"),
	}
	// 秋思: 张三 wrote more, the anonymous most; then 李四's is copied
	// into an anthology, and is the famous one.
	copied := []corpora.Document{poem("d#0", "秋思", "李四", "日月盈昃时，", "辰宿列张处。"), poem("b#2", "夏思", "张三", "寒来暑往，", "秋收冬藏。")}
	addDocs(t, g, docs...)
	for q, want := range map[string]string{"秋思是谁写的": "张三", "甲乙丙丁戊的下一句": "子丑寅卯辰"} {
		if a, ok := graphAnswer(t, g, q); !ok || a.Answer != want {
			t.Errorf("%s → %q %v, want %q", q, a.Answer, ok, want)
		}
	}
	addDocs(t, g, copied...)
	if a, ok := graphAnswer(t, g, "秋思是谁写的"); !ok || a.Answer != "李四" {
		t.Errorf("after the copy: %q %v, want 李四", a.Answer, ok)
	}
}

// TestNamesOfSeveralKinds: a name that is a line and an idiom, or an idiom
// and a 歇后语, is read as the question names it or asks of it.
func TestNamesOfSeveralKinds(t *testing.T) {
	g := cultureGraph(t)
	p := filepath.Join("..", "corpora", "testdata", "culture", "lunyu.json")
	lunyu, err := corpora.ReadFile(corpora.File{Path: p, ID: "lunyu.json"})
	if err != nil {
		t.Fatal(err)
	}
	extra := append(lunyu,
		corpora.Document{ID: "idioms#学而", Record: &corpora.Record{Kind: corpora.RecordIdiom, Fields: map[string]string{corpora.FieldName: "学而时习之", corpora.FieldExplanation: "学过的内容要经常复习它。"}}},
		corpora.Document{ID: "idioms#竹篮", Record: &corpora.Record{Kind: corpora.RecordIdiom, Fields: map[string]string{corpora.FieldName: "竹篮打水", corpora.FieldExplanation: "比喻白费气力，劳而无功。"}}},
		corpora.Document{ID: "xhy#竹篮", Record: &corpora.Record{Kind: corpora.RecordXiehouyu, Fields: map[string]string{corpora.FieldName: "竹篮打水", corpora.FieldAnswer: "一场空"}}})
	addDocs(t, g, extra...)
	for q, want := range map[string]string{
		"学而时习之的下一句":    "不亦说乎", // the 论语 line (子曰：“ is not part of it)
		"学而时习之是什么意思":   "学过的内容要经常复习它。",
		"歇后语：竹篮打水":     "一场空",
		"竹篮打水这个成语什么意思": "比喻白费气力，劳而无功。",
		"水调歌头明月几时有的作者": "苏轼", // a title before the line frames it
	} {
		if a, ok := graphAnswer(t, g, q); !ok || a.Answer != want {
			t.Errorf("%s → %q %v; want %q", q, a.Answer, ok, want)
		}
	}
}

func TestTitleAndAuthor(t *testing.T) {
	g := cultureGraph(t)
	if a, ok := graphAnswer(t, g, "“举头望山月”出自哪首诗？作者是谁？"); !ok || a.Answer != "《靜夜思》，唐·李白" {
		t.Errorf("got %q %v", a.Answer, ok)
	}
	if a, ok := graphAnswer(t, g, "举头望山月是谁写的"); !ok || a.Answer != "李白" {
		t.Errorf("got %q %v", a.Answer, ok)
	}
}

func TestLineMeaningNotHeld(t *testing.T) {
	g := cultureGraph(t)
	a, ok := graphAnswer(t, g, "举头望山月是什么意思")
	if !ok || a.Found || a.Answer != "资料中没有找到这句诗的解释；它出自《靜夜思》，唐·李白。" || len(a.Citations) == 0 {
		t.Errorf("got %+v %v", a, ok)
	}
}

// graphAnswer is fromGraph with no deadline.
func graphAnswer(t *testing.T, g Graph, q string) (Answer, bool) {
	t.Helper()
	a, ok, err := fromGraph(context.Background(), g, q)
	if err != nil {
		t.Fatalf("fromGraph(%q): %v", q, err)
	}
	return a, ok
}

// lineForT is lineFor with no deadline.
func lineForT(t *testing.T, g Graph, q string, docs []string) (Answer, bool) {
	t.Helper()
	a, ok, err := lineFor(context.Background(), g, q, docs)
	if err != nil {
		t.Fatalf("lineFor(%q): %v", q, err)
	}
	return a, ok
}

// FuzzQuestion: any question, parsed for a culture lookup (its intent, the
// names linked in it, the relation asked) over a graph of the test corpora,
// neither panics nor answers without a citation the graph holds.
func FuzzQuestion(f *testing.F) {
	for _, q := range []string{"洛阳纸贵出自哪里？", "床前明月光的下一句", "哪个成语比喻著作有价值", "李白是哪个朝代的",
		"静夜思全文", "luoyangzhigui是什么成语", "外甥打灯笼", "“”《》？？", "的的的的的的的的", ""} {
		f.Add(q)
	}
	g := cultureGraph(f)
	f.Fuzz(func(t *testing.T, q string) {
		intentOf(q)
		a, ok, err := fromGraph(context.Background(), g, q)
		if err != nil {
			t.Fatalf("fromGraph(%q): %v", q, err)
		}
		if ok && a.Found && len(a.Citations) == 0 {
			t.Fatalf("fromGraph(%q) answered %q citing nothing", q, a.Answer)
		}
		for _, c := range a.Citations {
			if c.Doc == "" {
				t.Fatalf("fromGraph(%q) cites no document: %+v", q, c)
			}
		}
	})
}

// TestMixedKnowledgeBase: with the culture corpora in the same knowledge
// base, a handbook question that names no culture entity is answered from
// the handbook though a 歇后语's entry ranked first (it shares 打灯笼 and
// 照旧); a question that asks of the 歇后语 still gets it.
func TestMixedKnowledgeBase(t *testing.T) {
	g := cultureGraph(t)
	record := func(doc, title, text string) corpora.Hit {
		return corpora.Hit{Chunk: corpora.Chunk{ID: doc + "#0", DocID: doc, Title: title, Text: text}}
	}
	// Three entries ahead of the handbook: without putting them last, the
	// three passages read are theirs.
	hits := fixed{
		record("xiehouyu.json#0", "外甥打灯笼", "外甥打灯笼——照旧（舅）"),
		record("xiehouyu.json#1", "做贼碰上劫路人", "做贼碰上劫路人——坏到一块了；冤家路窄"),
		record("idioms.txt#6612", "洛阳纸贵", "洛阳纸贵：比喻著作有价值，流传广。"),
		hit("handbook.md", "元宵节晚上公司在园区打灯笼猜灯谜，活动照旧在19:00开始。"),
	}
	e, err := New(Config{Graph: g}, hits)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ q, want string }{
		{"元宵节打灯笼活动几点开始？", "19:00"},
		{"外甥打灯笼的下一句是什么？", "照旧（舅）"},
	} {
		a := ask(t, e, c.q)
		if a.Answer != c.want {
			t.Errorf("%s → %q; want %q", c.q, a.Answer, c.want)
		}
	}
}

// TestMixedFarDown: a question about the user's documents reads past a
// score of culture entries that share a word with it (一场) to the
// handbook's passage ranked below them.
func TestMixedFarDown(t *testing.T) {
	g := cultureGraph(t)
	var hits fixed
	for i := 0; i < 20; i++ {
		doc := []string{"xiehouyu.json#0", "xiehouyu.json#1", "idioms.txt#6612"}[i%3] // entries of the graph
		hits = append(hits, corpora.Hit{Chunk: corpora.Chunk{ID: fmt.Sprintf("%s#%d", doc, i), DocID: doc, Title: "筛子盛水", Text: "筛子盛水——一场空"}})
	}
	hits = append(hits, hit("sales.md", "举办客户沙龙的，单场预算由区域销售总监审批。"))
	e, err := New(Config{Graph: g}, hits)
	if err != nil {
		t.Fatal(err)
	}
	a := ask(t, e, "办一场客户沙龙要谁审批？")
	if a.Answer != "区域销售总监" {
		t.Errorf("→ %q; want 区域销售总监, from the handbook past the entries", a.Answer)
	}
}

// TestReasoningOffline: asked offline to explain, analyse or compare, the
// answer is the facts that bear on it and a note that the explanation
// needs a model — not the 释义 as if it answered; a question asking the
// meaning still gets the meaning alone.
func TestReasoningOffline(t *testing.T) {
	g := cultureGraph(t)
	entry := corpora.Hit{Chunk: corpora.Chunk{ID: "idioms.txt#6612#0", DocID: "idioms.txt#6612", Title: "洛阳纸贵", Text: "洛阳纸贵 释义：比喻著作有价值，流传广。"}}
	e, err := New(Config{Graph: g}, fixed{entry})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		note bool
	}{
		{"从经济学角度解释洛阳纸贵", true},
		{"为什么洛阳的纸会变贵？", true},
		{"洛阳纸贵是什么意思？", false},
	} {
		a := ask(t, e, c.q)
		if !strings.Contains(a.Answer, "比喻著作有价值，流传广") || strings.Contains(a.Answer, explainNote) != c.note {
			t.Errorf("%s → %q; want the 释义, with the note: %v", c.q, a.Answer, c.note)
		}
		if c.note && !strings.Contains(a.Answer, "晋书·左思传") {
			t.Errorf("%s → %q; want its source too", c.q, a.Answer)
		}
	}
}
