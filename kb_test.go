package wenda

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/sample"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/retrieve/embed"
)

// sampleDir writes the sample corpus (or one of its folders) to a
// temporary folder.
func sampleDir(t *testing.T, sub string) string {
	t.Helper()
	dir := t.TempDir()
	if err := sample.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, sub)
}

func mustOpen(t *testing.T, cfg Config) *KB {
	t.Helper()
	k, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { k.Close() })
	return k
}

func mustIngest(t *testing.T, k *KB, paths ...string) {
	t.Helper()
	sum, err := k.IngestPaths(context.Background(), paths, IngestOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Failed) > 0 {
		t.Fatalf("ingest %v: failed %v", paths, sum.Failed)
	}
}

func hitDocs(res Results) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Doc)
	}
	return out
}

// bigramEmbedder is a model of hashed character bigrams: texts sharing
// words get similar vectors. The name is hashed in, so two models differ.
type bigramEmbedder struct {
	name string
	dim  int
}

func (e bigramEmbedder) Model() string  { return e.name }
func (e bigramEmbedder) Dimension() int { return e.dim }
func (e bigramEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, text := range texts {
		v := make([]float32, e.dim)
		rs := []rune(zh.Normalize(text))
		for j := 0; j+1 < len(rs); j++ {
			h := fnv.New32a()
			h.Write([]byte(e.name + string(rs[j:j+2])))
			v[h.Sum32()%uint32(e.dim)]++
		}
		out[i] = v
	}
	return out, nil
}

// TestSegmentationPerKB: two knowledge bases in one process, a word in
// A's dictionary: A cuts it whole; B's documents and queries are cut
// exactly as without it.
func TestSegmentationPerKB(t *testing.T) {
	ctx := context.Background()
	const term = "云栖数据湖仓"
	src := t.TempDir()
	texts := map[string]string{
		"whole.txt": "我们团队的全部业务日志、监控指标和审计记录，按照公司的规定，都统一存放在" + term + "里，查询起来很快。",
		"parts.txt": "云栖的数据，湖边的仓。",
	}
	for name, text := range texts {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dict := filepath.Join(t.TempDir(), "terms.txt")
	if err := os.WriteFile(dict, []byte(term+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := NewLibrary(t.TempDir(), Config{NoVectors: true})
	defer lib.Close()
	a, err := lib.Create(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := lib.Create(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddDictionary(dict); err != nil {
		t.Fatal(err)
	}
	mustIngest(t, a, src)
	mustIngest(t, b, src)

	base, err := zh.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range append([]string{term, "年假" + term + "在哪里"}, texts["whole.txt"], texts["parts.txt"]) {
		if got := a.Segmenter().CutSearch(text); strings.Contains(text, term) && !slices.Contains(got, term) {
			t.Errorf("A cuts %q into %q; want %q whole", text, got, term)
		}
		if got, want := b.Segmenter().CutSearch(text), base.Layer().CutSearch(text); !reflect.DeepEqual(got, want) {
			t.Errorf("B cuts %q into %q; without A's dictionary: %q", text, got, want)
		}
	}
	words := SearchOptions{K: 2, Lexical: LexicalWords}
	if res, err := a.Search(ctx, term, words); err != nil || len(res.Hits) == 0 || res.Hits[0].Doc != "whole.txt" {
		t.Errorf("A, words search for %q: %q, %v; want whole.txt first (the word whole)", term, hitDocs(res), err)
	}
	if res, err := b.Search(ctx, term, words); err != nil || len(res.Hits) == 0 || res.Hits[0].Doc != "parts.txt" {
		t.Errorf("B, words search for %q: %q, %v; want parts.txt first (the word cut into its parts)", term, hitDocs(res), err)
	}
	// The graph's names are the other way a knowledge base gains words:
	// A's idioms are cut whole in A, and B still cuts them as the base
	// dictionary does.
	mustIngest(t, a, sampleDir(t, "culture"))
	for _, name := range []string{"洛阳纸贵", "登鹳雀楼"} {
		text := "他说" + name + "的故事"
		if got := a.Segmenter().CutSearch(text); !slices.Contains(got, name) {
			t.Errorf("A, after its graph named %q: cuts %q into %q", name, text, got)
		}
		if got, want := b.Segmenter().CutSearch(text), base.Layer().CutSearch(text); !reflect.DeepEqual(got, want) {
			t.Errorf("B, after A's graph named %q: cuts %q into %q; without it %q", name, text, got, want)
		}
	}
	// Reopened, A still has its word (kept in the knowledge base).
	lib.Close()
	a2 := mustOpen(t, Config{Dir: filepath.Join(lib.Dir(), "a"), ReadOnly: true, NoVectors: true})
	if got := a2.Segmenter().CutSearch(term); !slices.Contains(got, term) {
		t.Errorf("A reopened cuts %q into %q", term, got)
	}
}

// TestVectorsRightAfterIngest: the offline model's statistics follow the
// ingest in the same process — vector search right after it ranks by the
// knowledge base's document frequencies, not all zeros.
func TestVectorsRightAfterIngest(t *testing.T) {
	ctx := context.Background()
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	mustIngest(t, k, sampleDir(t, "handbook"))
	for q, want := range map[string]string{"出差補助每天多少錢": "expenses.txt", "密碼多久更換一次": "it.html"} {
		res, err := k.Search(ctx, q, SearchOptions{K: 3, Mode: ModeVector})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Doc != want {
			t.Errorf("vector search %q = %q; want %s first", q, hitDocs(res), want)
		}
		for _, h := range res.Hits {
			if h.Scores[0] <= 0 {
				t.Errorf("vector search %q: %s scored %v; want a positive similarity", q, h.Doc, h.Scores[0])
			}
		}
	}
}

// recordingLLM answers "[1]" and keeps the sources it was given.
type recordingLLM struct {
	mu      sync.Mutex
	prompts []string
}

func (r *recordingLLM) Generate(ctx context.Context, msgs []answer.Message) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString(m.Content)
	}
	r.prompts = append(r.prompts, b.String())
	return "见资料[1]。", nil
}

func (r *recordingLLM) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.prompts[len(r.prompts)-1]
}

// TestGraphListAfterFirstFacts: a knowledge base that gains its first
// facts while open answers as it does after a restart — the graph's list
// joins the fusion of Answer as it does of Search.
func TestGraphListAfterFirstFacts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	llm := &recordingLLM{}
	cfg := Config{Dir: dir, Create: true, LLM: llm}
	k := mustOpen(t, cfg)
	mustIngest(t, k, sampleDir(t, "handbook"))
	if res, err := k.Search(ctx, "年假", SearchOptions{}); err != nil || slices.Contains(res.Signals, "graph") {
		t.Fatalf("before any fact: signals %q, %v; want no graph", res.Signals, err)
	}
	mustIngest(t, k, sampleDir(t, "culture"))
	const q = "洛阳纸贵出自哪里？"
	res, err := k.Search(ctx, q, SearchOptions{})
	if err != nil || !slices.Contains(res.Signals, "graph") {
		t.Fatalf("after the facts: signals %q, %v; want the graph among them", res.Signals, err)
	}
	if _, err := k.Answer(ctx, answer.Request{Question: q}); err != nil {
		t.Fatal(err)
	}
	live := llm.last()
	k.Close()
	cfg.Create = false
	k2 := mustOpen(t, cfg)
	if _, err := k2.Answer(ctx, answer.Request{Question: q}); err != nil {
		t.Fatal(err)
	}
	if restarted := llm.last(); live != restarted {
		t.Errorf("the LLM's sources differ before and after reopening:\nlive:\n%s\nreopened:\n%s", live, restarted)
	}
}

func TestIngestIdempotentAndRemove(t *testing.T) {
	ctx := context.Background()
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	docs := []corpora.Document{
		{ID: "a.md", Title: "年假", Text: "员工每年享有带薪年假十五天。"},
		{ID: "b.md", Title: "报销", Text: "出差补助标准为每天一百元。"},
	}
	sum, err := k.IngestDocuments(ctx, docs, IngestOptions{})
	if err != nil || sum.Docs != 2 {
		t.Fatalf("first ingest: %+v, %v; want 2 documents", sum, err)
	}
	if sum, err = k.IngestDocuments(ctx, docs, IngestOptions{}); err != nil || sum.Docs != 0 || sum.Unchanged != 2 {
		t.Fatalf("second ingest: %+v, %v; want 2 unchanged", sum, err)
	}
	docs[1].Text = "出差补助标准调整为每天一百二十元。"
	if sum, err = k.IngestDocuments(ctx, docs, IngestOptions{}); err != nil || sum.Docs != 1 || sum.Unchanged != 1 {
		t.Fatalf("changed ingest: %+v, %v; want 1 written, 1 unchanged", sum, err)
	}
	if res, _ := k.Search(ctx, "一百二十元", SearchOptions{K: 1, Mode: ModeBM25}); len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Text, "一百二十元") {
		t.Errorf("the changed text is not found: %+v", res.Hits)
	}
	if err := k.Remove(ctx, "b.md"); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{ModeBM25, ModeVector} {
		res, err := k.Search(ctx, "出差补助", SearchOptions{K: 5, Mode: mode})
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(hitDocs(res), "b.md") {
			t.Errorf("%s search finds the removed document: %q", mode, hitDocs(res))
		}
	}
	if err := k.Remove(ctx, "no/such.md", "a.md"); !errors.Is(err, ErrNoDocument) || !strings.Contains(err.Error(), "no/such.md") {
		t.Errorf("removing a missing document: %v; want ErrNoDocument naming it", err)
	}
	if st, _ := k.Stats(ctx); st.Documents != 0 {
		t.Errorf("after removing both: %d documents; want 0 (the missing one does not stop the other)", st.Documents)
	}
}

// TestModelRecorded: the embedding model is recorded; another is refused
// for reading and writing until Reembed; vectors off cannot write to a
// knowledge base that has them; a model cannot be added to documents
// that have none without Reembed.
func TestModelRecorded(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	m1, m2 := bigramEmbedder{"m1", 64}, bigramEmbedder{"m2", 96}
	k := mustOpen(t, Config{Dir: dir, Create: true, Embedder: m1})
	mustIngest(t, k, sampleDir(t, "handbook"))
	k.Close()
	for _, ro := range []bool{false, true} {
		if _, err := Open(ctx, Config{Dir: dir, Embedder: m2, ReadOnly: ro}); !errors.Is(err, ErrModelChanged) {
			t.Errorf("open (read-only %v) with another model: %v; want ErrModelChanged", ro, err)
		}
	}
	if _, err := Open(ctx, Config{Dir: dir, NoVectors: true}); !errors.Is(err, ErrVectorsOff) {
		t.Errorf("open to write with vectors off: %v; want ErrVectorsOff", err)
	}
	r := mustOpen(t, Config{Dir: dir, NoVectors: true, ReadOnly: true})
	if _, err := r.Search(ctx, "出差", SearchOptions{Mode: ModeVector}); !errors.Is(err, ErrNoVectors) {
		t.Errorf("vector search with vectors off: %v; want ErrNoVectors", err)
	}
	r.Close()
	// Opened to rebuild, closed before Reembed: the knowledge base says
	// its vectors are not all there, rather than search without them.
	k = mustOpen(t, Config{Dir: dir, Embedder: m2, Reembed: true})
	k.Close()
	if _, err := Open(ctx, Config{Dir: dir, Embedder: m2}); !errors.Is(err, ErrNotEmbedded) {
		t.Errorf("open after an abandoned reembed: %v; want ErrNotEmbedded", err)
	}
	k = mustOpen(t, Config{Dir: dir, Embedder: m2, Reembed: true})
	n, err := k.Reembed(ctx, nil)
	if err != nil || n == 0 {
		t.Fatalf("reembed: %d chunks, %v", n, err)
	}
	if e := k.Embedding(); e == nil || e.Model != "m2" || e.Dimension != 96 || e.Pending {
		t.Errorf("after reembed the record is %+v; want m2, 96, done", e)
	}
	k.Close()
	k = mustOpen(t, Config{Dir: dir, Embedder: m2, ReadOnly: true})
	if res, err := k.Search(ctx, "出差补助每天多少钱", SearchOptions{K: 1, Mode: ModeVector}); err != nil || len(res.Hits) == 0 || res.Hits[0].Doc != "expenses.txt" {
		t.Errorf("vector search after reembed: %q, %v", hitDocs(res), err)
	}
	k.Close()

	bare := t.TempDir()
	k = mustOpen(t, Config{Dir: bare, Create: true, NoVectors: true})
	mustIngest(t, k, sampleDir(t, "handbook"))
	k.Close()
	if _, err := Open(ctx, Config{Dir: bare, Embedder: m1}); !errors.Is(err, ErrNotEmbedded) {
		t.Errorf("adding a model to documents without vectors: %v; want ErrNotEmbedded", err)
	}
}

// TestLock: one writer or many readers; another opener fails within a
// second, told who holds the knowledge base.
func TestLock(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := mustOpen(t, Config{Dir: dir, Create: true, NoVectors: true, Holder: Holder{Command: "wenda serve", Addr: "http://127.0.0.1:8080"}})
	for _, ro := range []bool{false, true} {
		start := time.Now()
		_, err := Open(ctx, Config{Dir: dir, NoVectors: true, ReadOnly: ro})
		var held *HeldError
		if !errors.As(err, &held) || !errors.Is(err, ErrHeld) {
			t.Fatalf("open (read-only %v) beside a writer: %v; want a HeldError", ro, err)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("refused after %s; want within a second", d)
		}
		if len(held.Holders) != 1 || held.Holders[0].PID != os.Getpid() || held.Addr() != "http://127.0.0.1:8080" ||
			!strings.Contains(err.Error(), "wenda serve") {
			t.Errorf("held by %+v (%v); want this process, its command and address", held.Holders, err)
		}
	}
	w.Close()
	r1 := mustOpen(t, Config{Dir: dir, NoVectors: true, ReadOnly: true})
	r2 := mustOpen(t, Config{Dir: dir, NoVectors: true, ReadOnly: true})
	if _, err := r2.Stats(ctx); err != nil {
		t.Errorf("a second reader: %v", err)
	}
	if _, err := Open(ctx, Config{Dir: dir, NoVectors: true}); !errors.Is(err, ErrHeld) {
		t.Errorf("a writer beside readers: %v; want ErrHeld", err)
	}
	if _, err := r1.IngestDocuments(ctx, []corpora.Document{{ID: "x", Text: "文字"}}, IngestOptions{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("ingest into a read-only knowledge base: %v; want ErrReadOnly", err)
	}
	r1.Close()
	r2.Close()
	if _, err := r1.Stats(ctx); !errors.Is(err, ErrClosed) {
		t.Errorf("a call after Close: %v; want ErrClosed", err)
	}
	mustOpen(t, Config{Dir: dir, NoVectors: true})
}

// TestOfflineModelCounts: the offline model's document frequencies, kept
// in step through ingests, changes and removals, equal a recount, and
// never needed one.
func TestOfflineModelCounts(t *testing.T) {
	ctx := context.Background()
	src := sampleDir(t, "handbook")
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	recounts := dfRecounts.Load()
	mustIngest(t, k, src)
	p := filepath.Join(src, "leave.md")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(raw, []byte("\n\n## 陪产假\n\n男员工的配偶生育时，可享受陪产假十五天。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	mustIngest(t, k, src)
	if err := k.Remove(ctx, "it.html"); err != nil {
		t.Fatal(err)
	}
	kept, err := embed.ReadDF(filepath.Join(k.Dir(), dfFile))
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := k.countDF(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if kept.Docs != fresh.Docs || !reflect.DeepEqual(kept.Counts, fresh.Counts) {
		t.Errorf("kept counts: %d chunks, %d features; recounted: %d, %d", kept.Docs, len(kept.Counts), fresh.Docs, len(fresh.Counts))
	}
	if n := dfRecounts.Load() - recounts; n != 0 {
		t.Errorf("%d recounts: the counts kept in step drifted", n)
	}
	if res, _ := k.Search(ctx, "陪产假有几天", SearchOptions{K: 1, Mode: ModeVector}); len(res.Hits) == 0 || res.Hits[0].Doc != "leave.md" {
		t.Errorf("changed document: vector search = %q", hitDocs(res))
	}
}

func TestLibrary(t *testing.T) {
	ctx := context.Background()
	lib := NewLibrary(filepath.Join(t.TempDir(), "data"), Config{NoVectors: true})
	defer lib.Close()
	if names, err := lib.List(); err != nil || len(names) != 0 {
		t.Errorf("a new data directory lists %q, %v", names, err)
	}
	for _, name := range []string{"", ".hidden", "a/b", `a\b`} {
		if _, err := lib.Create(ctx, name); !errors.Is(err, ErrName) {
			t.Errorf("Create(%q): %v; want ErrName", name, err)
		}
	}
	if _, err := lib.Create(ctx, "hr"); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Create(ctx, "hr"); !errors.Is(err, ErrExists) {
		t.Errorf("creating hr twice: %v; want ErrExists", err)
	}
	if _, err := lib.Open(ctx, "legal"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(legal): %v; want ErrNotFound", err)
	}
	if names, _ := lib.List(); !reflect.DeepEqual(names, []string{"hr"}) {
		t.Errorf("List = %q; want [hr]", names)
	}
	if _, ok := lib.Loaded("hr"); !ok {
		t.Error("hr, created, is not loaded")
	}
	if err := lib.Delete(ctx, "hr"); err != nil {
		t.Fatal(err)
	}
	if err := lib.Delete(ctx, "hr"); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting hr twice: %v; want ErrNotFound", err)
	}
	if names, _ := lib.List(); len(names) != 0 {
		t.Errorf("after Delete, List = %q", names)
	}
}

// TestConcurrentUse: searches and answers run beside ingests and removals
// of the same knowledge base, and Close waits for the calls in flight;
// a call after Close is refused, never a crash. (Run with -race.)
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	k, err := Open(ctx, Config{Dir: t.TempDir(), Create: true})
	if err != nil {
		t.Fatal(err)
	}
	mustIngest(t, k, sampleDir(t, "handbook"))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				if (i+n)%2 == 0 {
					_, err = k.Search(ctx, "出差补助", SearchOptions{K: 3})
				} else {
					_, err = k.Ask(ctx, "年假有几天？")
				}
				if err != nil && !errors.Is(err, ErrClosed) {
					errs <- err
					return
				}
			}
		}(i)
	}
	for i := 0; i < 5; i++ {
		doc := corpora.Document{ID: "notice.md", Title: "通知", Text: strings.Repeat("本周五下午组织团建活动，地点在公司楼下。", i+1)}
		if _, err := k.IngestDocuments(ctx, []corpora.Document{doc}, IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := k.Remove(ctx, "notice.md"); err != nil {
			t.Fatal(err)
		}
	}
	if err := k.Close(); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a call beside writes: %v", err)
	}
}

// TestRetrievalCases runs the retrieval regressions kept as data:
// testdata/retrieval/<case>/{docs/, queries.tsv}, each query with the
// document that must rank first. Phrasings vary as users' do: full-width
// letters, traditional characters, Taiwan words, mixed Latin.
func TestRetrievalCases(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("testdata", "retrieval", "*"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no retrieval cases: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
			mustIngest(t, k, filepath.Join(dir, "docs"))
			raw, err := os.ReadFile(filepath.Join(dir, "queries.tsv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(raw), "\n") {
				if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				q, want, ok := strings.Cut(line, "\t")
				if !ok {
					t.Fatalf("queries.tsv line %q: want QUERY<TAB>DOC", line)
				}
				res, err := k.Search(context.Background(), q, SearchOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if got := hitDocs(res); len(got) == 0 || got[0] != want {
					t.Errorf("search %q = %q; want %s first", q, got, want)
				}
			}
		})
	}
}

// TestOfflineModelPerKB: two knowledge bases of one library given the same
// offline model keep their own document frequencies: writing to one does
// not change how the other ranks.
func TestOfflineModelPerKB(t *testing.T) {
	ctx := context.Background()
	lib := NewLibrary(t.TempDir(), Config{Embedder: embed.NewHashed(256)})
	defer lib.Close()
	a, err := lib.Create(ctx, "a")
	if err != nil {
		t.Fatal(err)
	}
	mustIngest(t, a, sampleDir(t, "handbook"))
	opt := SearchOptions{K: 3, Mode: ModeVector}
	before, err := a.Search(ctx, "出差补助每天多少钱", opt)
	if err != nil || len(before.Hits) == 0 {
		t.Fatalf("search A: %+v, %v", before, err)
	}
	b, err := lib.Create(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	var docs []corpora.Document
	for i := 0; i < 50; i++ {
		docs = append(docs, corpora.Document{ID: fmt.Sprintf("d%d", i), Text: fmt.Sprintf("出差补助每天多少钱？第%d号通知说明了补助标准。", i)})
	}
	if _, err := b.IngestDocuments(ctx, docs, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	after, err := a.Search(ctx, "出差补助每天多少钱", opt)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before.Hits, after.Hits) {
		t.Errorf("A's vector search changed when B was written to:\nbefore %+v\nafter  %+v", before.Hits, after.Hits)
	}
}

// TestDeleteWhileOpening: a knowledge base deleted while another caller
// waits to open it is gone for that caller — not made again, empty, by
// opening its stores.
func TestDeleteWhileOpening(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	lib := NewLibrary(data, Config{NoVectors: true})
	defer lib.Close()
	if _, err := lib.Create(ctx, "hr"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		dir := filepath.Join(data, fmt.Sprintf("x%d", i))
		k := mustOpen(t, Config{Dir: dir, Create: true, NoVectors: true})
		// The holder deletes while another waits for the lock.
		done := make(chan error, 1)
		go func() {
			_, err := Open(ctx, Config{Dir: dir, NoVectors: true, LockWait: 5 * time.Second})
			done <- err
		}()
		time.Sleep(50 * time.Millisecond)
		lock, err := k.closeStores()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		lock.release()
		if err := <-done; !errors.Is(err, ErrNotFound) {
			t.Errorf("open while the knowledge base was deleted: %v; want ErrNotFound", err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the deleted knowledge base's folder is back: %v", err)
		}
	}
	if err := lib.Delete(ctx, "hr"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(data, "hr")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Delete: %v", err)
	}
}

// TestGraphWithoutVectors: with vectors off, the graph's list still joins
// the fusion once the graph holds facts.
func TestGraphWithoutVectors(t *testing.T) {
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true, NoVectors: true})
	mustIngest(t, k, sampleDir(t, "culture"))
	res, err := k.Search(context.Background(), "洛阳纸贵", SearchOptions{})
	if err != nil || !reflect.DeepEqual(res.Signals, []string{"bm25", "graph"}) {
		t.Errorf("signals %q, %v; want bm25 and graph", res.Signals, err)
	}
	if _, err := Open(context.Background(), Config{Dir: t.TempDir(), Create: true, Retrieval: SearchOptions{Mode: "dense"}}); !errors.Is(err, ErrOption) {
		t.Errorf("open with mode dense: %v; want ErrOption", err)
	}
}

// TestQuestionLimit: an empty question and one over MaxQuestion
// characters are refused, by Search and Answer alike.
func TestQuestionLimit(t *testing.T) {
	ctx := context.Background()
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true, NoVectors: true})
	for _, q := range []string{"", "  ", strings.Repeat("月", MaxQuestion+1)} {
		if _, err := k.Search(ctx, q, SearchOptions{}); !errors.Is(err, ErrOption) {
			t.Errorf("Search of %d characters: %v; want ErrOption", len([]rune(q)), err)
		}
		if _, err := k.Ask(ctx, q); !errors.Is(err, ErrOption) {
			t.Errorf("Ask of %d characters: %v; want ErrOption", len([]rune(q)), err)
		}
	}
	if _, err := k.Ask(ctx, strings.Repeat("月", MaxQuestion)); err != nil {
		t.Errorf("Ask of %d characters: %v", MaxQuestion, err)
	}
}

// TestDocument: a document's chunks in order, with the section paths its
// Markdown headings give; ErrNoDocument for none.
func TestDocument(t *testing.T) {
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	mustIngest(t, k, sampleDir(t, "handbook"))
	rec, chunks, err := k.Document(context.Background(), "leave.md")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Chunks != len(chunks) || len(chunks) < 2 {
		t.Fatalf("record %+v with %d chunks", rec, len(chunks))
	}
	sections := map[string]bool{}
	for i, c := range chunks {
		if c.Ordinal != i {
			t.Errorf("chunk %d is #%d", i, c.Ordinal)
		}
		sections[c.Section] = true
	}
	if !sections["星河数据员工手册：休假制度 › 年假"] {
		t.Errorf("sections %v; want the 年假 section among them", sections)
	}
	if _, _, err := k.Document(context.Background(), "missing.md"); !errors.Is(err, ErrNoDocument) {
		t.Errorf("a missing document: %v", err)
	}
}

// TestTableRest: a retrieved chunk that ends inside a table is given to
// the answerer with the rest of the table the next chunk holds, the text
// joined being the document's own from the first chunk's start to the next
// one's end (the chunks overlap); a chunk that ends outside a table is
// left as it is.
func TestTableRest(t *testing.T) {
	var b strings.Builder
	b.WriteString("2.1 服务端\n\n服务器的推荐配置按用户规模确定，部署前请确认机房的电源和网络满足要求。\n\n")
	b.WriteString("  用户规模    CPU   内存    系统盘\n  ----------- ----- ------- ----------\n")
	pad := func(s string, w int) string { // to w display columns (Han: two)
		n := 0
		for _, r := range s {
			n++
			if r > 0x7f {
				n++
			}
		}
		return s + strings.Repeat(" ", max(w-n, 1))
	}
	for i := 1; i <= 20; i++ {
		b.WriteString("  " + pad(fmt.Sprintf("%d～%d人", i*100-99, i*100), 12) + pad(fmt.Sprintf("%d核", 4+i), 6) + pad(fmt.Sprintf("%d GB", 8+2*i), 8) + fmt.Sprintf("%d GB SSD\n", 100+10*i))
	}
	b.WriteString("\n以上为推荐值。\n")
	k, chunks := ingestText(t, "servers.txt", b.String())
	ctx := context.Background()
	if len(chunks) < 3 {
		t.Fatalf("%d chunks; want the table cut into several", len(chunks))
	}
	var doc []rune // the document's text, from its overlapping chunks
	for _, c := range chunks {
		doc = append(doc[:c.Start], []rune(c.Text)...)
	}
	hits := make([]corpora.Hit, len(chunks))
	for i, c := range chunks {
		hits[i] = corpora.Hit{Chunk: c}
	}
	got, err := tableRest{fixedHits(hits), k}.Search(ctx, "内存", len(hits))
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range got {
		if string(doc[h.Start:h.End]) != h.Text {
			t.Errorf("hit %d: its text is not the document's from %d to %d", i, h.Start, h.End)
		}
		switch {
		case i+1 < len(chunks) && endsInTable(chunks[i].Text) && h.End != chunks[i+1].End:
			t.Errorf("hit %d ends inside the table but does not take the next chunk's rows", i)
		case !endsInTable(chunks[i].Text) && h.Text != chunks[i].Text:
			t.Errorf("hit %d ends outside a table but was changed", i)
		}
	}
}

// ingestText writes text to a file named name, ingests it into a new
// knowledge base and gives the knowledge base and the document's chunks.
func ingestText(t *testing.T, name, text string) (*KB, []corpora.Chunk) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	mustIngest(t, k, path)
	_, chunks, err := k.Document(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return k, chunks
}

type fixedHits []corpora.Hit

func (f fixedHits) Search(ctx context.Context, q string, n int) ([]corpora.Hit, error) {
	return append([]corpora.Hit(nil), f...), nil
}

// TestCodeInQuestion: a question naming a code (an error code) is answered
// from the passage holding it, though its other words rank passages that
// say them more often higher.
func TestCodeInQuestion(t *testing.T) {
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	mustIngest(t, k, filepath.Join("eval", "enterprise", "docs", "sprucesync-manual.txt"))
	a, err := k.Ask(context.Background(), "同步盘报E2010是什么意思？")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Answer, "被其他用户锁定") || len(a.Citations) == 0 || !strings.Contains(a.Citations[0].Text, "E2010") {
		t.Errorf("answer %q citing %+v; want the E2010 row's 被其他用户锁定", a.Answer, a.Citations)
	}
}

// TestHoldsCodeAndTableEnd: a code is held whole, never as part of a longer
// one; a chunk ends in a table with an Office row (a | b) as with a bar row.
func TestHoldsCodeAndTableEnd(t *testing.T) {
	for _, c := range []struct {
		text, code string
		want       bool
	}{
		{"| E1001 | 用户名或密码错误 |", "E10", false},
		{"| E1001 | 用户名或密码错误 |", "e1001", true},
		{"设置session_timeout为120分钟", "session_timeout", true},
		{"设置session_timeout_max为120分钟", "session_timeout", false},
	} {
		if got := answer.HoldsCode(c.text, c.code); got != c.want {
			t.Errorf("HoldsCode(%q, %q) = %v; want %v", c.text, c.code, got, c.want)
		}
	}
	for text, want := range map[string]bool{
		"说明如下：\n| 用户规模 | 内存 |\n| 100人 | 8 GB |\n": true,
		"说明如下：\n用户规模 | 内存\n100人 | 8 GB":           true,
		"说明如下：\n| 100人 | 8 GB |\n以上为推荐值。":         false,
	} {
		if got := endsInTable(text); got != want {
			t.Errorf("endsInTable(%q) = %v; want %v", text, got, want)
		}
	}
}

// TestListAcrossChunks: a rule whose lead-in ends a chunk (…按单笔金额实行
// 分级审批：) is read with its clauses from the next chunk, and the clause
// whose condition the question's sum meets answers.
func TestListAcrossChunks(t *testing.T) {
	var b strings.Builder
	b.WriteString("# 费用管理办法\n\n## 第四章 采购管理\n\n")
	b.WriteString("第十六条 采购分为商品采购和非商品采购。商品采购由商品中心统一负责，门店不得自行向供应商采购商品；但社区店经区域经理批准的本地蔬菜直采除外，直采金额每店每月不得超过30,000元。供应商的选择应当遵循公开、公平、公正的原则，同等条件下优先选择本地供应商。" + strings.Repeat("采购人员应当廉洁自律，", 8) + "\n\n")
	b.WriteString("第十七条 非商品采购（设备、耗材、装修工程、办公用品、外包服务等）按单笔金额实行分级审批：\n")
	b.WriteString("（一）单笔金额5,000元以下的，由部门负责人审批；\n（二）5,000元（含）以上、50,000元以下的，由部门负责人和财务经理审批；\n")
	b.WriteString("（三）50,000元（含）以上、200,000元以下的，在前项审批基础上报分管副总经理审批；\n（四）200,000元（含）以上的，报总经理审批，并提交采购委员会审议。\n\n")
	b.WriteString("第十八条 单笔金额10,000元（含）以上的采购，须取得不少于3家供应商的书面报价并进行比价。\n")
	k, chunks := ingestText(t, "policy.md", b.String())
	ctx := context.Background()
	lead := -1
	for i, c := range chunks {
		if endsInList(c.Text) {
			lead = i
		}
	}
	if lead < 0 {
		t.Fatalf("no chunk ends with the lead-in: the test's text no longer makes the case (%d chunks)", len(chunks))
	}
	got, err := tableRest{fixedHits([]corpora.Hit{{Chunk: chunks[lead]}}), k}.Search(ctx, "装修", 1)
	if err != nil {
		t.Fatal(err)
	}
	if h := got[0]; !strings.Contains(h.Text, "（三）50,000元") || !strings.HasPrefix(h.Text, chunks[lead].Text) {
		t.Errorf("the chunk ending with the lead-in was not read on with its clauses: %q", h.Text)
	}
	a, err := k.Ask(ctx, "装修花十二万要谁批")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Answer, "分管副总经理") {
		t.Errorf("answer %q; want 分管副总经理 (the clause of 50,000元（含）以上、200,000元以下)", a.Answer)
	}
}
