package bm25

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

func TestBigramTokenizer(t *testing.T) {
	var got []string
	for _, tok := range (bigramTokenizer{}).Tokenize([]byte("中华人民 abc12,好 x")) {
		got = append(got, string(tok.Term))
	}
	want := []string{"中华", "华人", "人民", "abc12", "好", "x"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bigrams = %q; want %q", got, want)
	}
}

func TestIndexWriteSearchRemove(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "bm25")
	x, err := New(context.Background(), Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	chunk := func(doc string, n int, text string) corpora.Chunk {
		return corpora.Chunk{ID: corpora.ChunkID(doc, n), DocID: doc, Ordinal: n, Title: doc, Text: text, Start: n * 10, End: n*10 + 5}
	}
	recs := []corpora.DocRecord{{ID: "a", Hash: "h1", Chunks: 2}, {ID: "b", Hash: "h2", Chunks: 1}}
	chunks := []corpora.Chunk{chunk("a", 0, "臺灣的圖書館藏書豐富。"), chunk("a", 1, "借閱期限為三十天。"), chunk("b", 0, "仓库的货物需要登记。")}
	if err := x.Write(ctx, recs, chunks); err != nil {
		t.Fatal(err)
	}
	// Reopen: the index is persistent.
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if x, err = New(context.Background(), Config{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rec, ok, err := x.Lookup(ctx, "a")
	if err != nil || !ok || rec.Hash != "h1" || rec.Chunks != 2 {
		t.Fatalf("Lookup(a) = %+v, %v, %v; want hash h1 with 2 chunks", rec, ok, err)
	}
	const q = "图书馆的借阅期限是多少？" // simplified query, traditional text
	for name, search := range map[string]func() ([]corpora.Hit, error){
		"sum":     func() ([]corpora.Hit, error) { return x.Search(ctx, q, 5) },
		"words":   func() ([]corpora.Hit, error) { return x.SearchField(ctx, Words, q, 5) },
		"bigrams": func() ([]corpora.Hit, error) { return x.SearchField(ctx, Bigrams, q, 5) },
	} {
		hs, err := search()
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) == 0 || hs[0].DocID != "a" {
			t.Errorf("%s: Search = %+v; want document a first", name, hs)
		}
	}
	got, err := x.Chunks(ctx, []string{"a#1", "zzz#0", "b#0"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Text != "借閱期限為三十天。" || got[0].Start != 10 || got[0].End != 15 || got[1].DocID != "b" {
		t.Errorf("Chunks = %+v; want a#1 (offsets 10–15) and b#0", got)
	}
	// A new version of a with one chunk replaces both old ones.
	if err := x.Write(ctx, []corpora.DocRecord{{ID: "a", Hash: "h3", Chunks: 1}}, []corpora.Chunk{chunk("a", 0, "新的内容。")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := x.Chunks(ctx, []string{"a#1"}); len(got) != 0 {
		t.Errorf("a#1 survived a rewrite of a with one chunk: %+v", got)
	}
	st, err := x.Stats(ctx)
	if err != nil || st.Documents != 2 || st.Chunks != 2 || st.Bytes == 0 {
		t.Errorf("Stats = %+v, %v; want 2 documents, 2 chunks, some bytes", st, err)
	}
	if err := x.Remove(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	if err := x.Remove(ctx, "b"); err == nil {
		t.Error("removing a missing document succeeded")
	}
	if st, _ := x.Stats(ctx); st.Documents != 1 || st.Chunks != 1 {
		t.Errorf("Stats after Remove = %+v; want 1 document, 1 chunk", st)
	}
}

func TestDocuments(t *testing.T) {
	x, err := New(context.Background(), Config{Dir: filepath.Join(t.TempDir(), "bm25")})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ctx := context.Background()
	var docs []corpora.DocRecord
	var chunks []corpora.Chunk
	for _, id := range []string{"b.md", "a.md", "c.md"} {
		docs = append(docs, corpora.DocRecord{ID: id, Title: "标题" + id, Source: "/src/" + id, Hash: "h", Chunks: 1})
		chunks = append(chunks, corpora.Chunk{ID: corpora.ChunkID(id, 0), DocID: id, Text: "正文" + id})
	}
	if err := x.Write(ctx, docs, chunks); err != nil {
		t.Fatal(err)
	}
	got, total, err := x.Documents(ctx, 1, 5)
	if err != nil || total != 3 || len(got) != 2 || got[0].ID != "b.md" || got[0].Title != "标题b.md" || got[0].Chunks != 1 || got[1].ID != "c.md" {
		t.Errorf("Documents(1, 5) = %+v, %d, %v", got, total, err)
	}
}

// wordTerms is what the words analyzer of this index makes of text.
func wordTerms(t *testing.T, x *Index, text string) []string {
	t.Helper()
	var out []string
	for _, tok := range x.idx.Mapping().AnalyzerNamed(wordAnalyzer).Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// TestSegmenterPerIndex: two indexes in one process, a word added to the
// first one's segmenter: the first cuts it whole, at index and query time;
// the second cuts exactly as the shared dictionary does.
func TestSegmenterPerIndex(t *testing.T) {
	base, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	segA, segB := base.Layer(), base.Layer()
	a, err := New(context.Background(), Config{Dir: filepath.Join(t.TempDir(), "a"), Segmenter: segA})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := New(context.Background(), Config{Dir: filepath.Join(t.TempDir(), "b"), Segmenter: segB})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	const text, term = "我们使用云栖数据湖仓存储日志", "云栖数据湖仓"
	want := wordTerms(t, b, text)
	segA.AddWords([]zh.Word{{Text: term}})
	if got := wordTerms(t, a, text); !slices.Contains(got, term) {
		t.Errorf("index A, %q in its dictionary: words = %q; want it whole", term, got)
	}
	if got := wordTerms(t, b, text); !reflect.DeepEqual(got, want) || slices.Contains(got, term) {
		t.Errorf("index B after A's word: words = %q; want %q", got, want)
	}
	ctx := context.Background()
	rec := []corpora.DocRecord{{ID: "d", Hash: "h", Chunks: 1}}
	ch := []corpora.Chunk{{ID: corpora.ChunkID("d", 0), DocID: "d", Text: text}}
	for _, x := range []*Index{a, b} {
		if err := x.Write(ctx, rec, ch); err != nil {
			t.Fatal(err)
		}
	}
	// The whole word is a term of A's index only.
	for name, x := range map[string]*Index{"A": a, "B": b} {
		q := bleve.NewTermQuery(term)
		q.SetField(string(Words))
		hits, err := x.run(ctx, q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(hits), map[string]int{"A": 1, "B": 0}[name]; got != want {
			t.Errorf("index %s: %d chunks hold the term %q; want %d", name, got, term, want)
		}
	}
}

// TestBusy: an index another holder has open is refused within about a
// second, not waited for.
func TestBusy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bm25")
	x, err := New(context.Background(), Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	start := time.Now()
	y, err := New(context.Background(), Config{Dir: dir})
	if err == nil {
		y.Close()
		t.Fatal("a second open of a held index succeeded")
	}
	if !errors.Is(err, ErrBusy) || time.Since(start) > 3*time.Second {
		t.Errorf("second open: %v after %s; want ErrBusy within about a second", err, time.Since(start))
	}
}
