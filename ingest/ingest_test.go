package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
)

// The fakes below keep what the pipeline writes in memory. They lock, as
// the real stores do, because the pipeline reads and writes from several
// goroutines at once, and they honour the context as the real ones do.

// memIndex is an Index in memory. Write keeps the contract bm25.Index
// does: chunks are overwritten and each recorded document's old chunks past
// its new count deleted, so a wrong DocRecord.Chunks leaves stale chunks
// behind. It also checks what the pipeline gives it: a document's chunks in
// order, a document recorded with its hash only with its last chunks and
// all the others already there, and no chunks of a document that is
// neither recorded in the same write nor begun (recorded without a hash) —
// chunks that nothing would delete.
type memIndex struct {
	mu     sync.Mutex
	docs   map[string]corpora.DocRecord
	chunks map[string]corpora.Chunk
	writes int
	most   int // the most bytes of chunk text one Write held
	// lookup and write, when set, fail a call before it does anything.
	lookup func(ctx context.Context, docID string) error
	write  func(ctx context.Context, docs []corpora.DocRecord) error
	events *events
}

func newIndex() *memIndex {
	return &memIndex{docs: map[string]corpora.DocRecord{}, chunks: map[string]corpora.Chunk{}}
}

func (x *memIndex) Lookup(ctx context.Context, docID string) (corpora.DocRecord, bool, error) {
	if err := ctx.Err(); err != nil {
		return corpora.DocRecord{}, false, err
	}
	if x.lookup != nil {
		if err := x.lookup(ctx, docID); err != nil {
			return corpora.DocRecord{}, false, err
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	d, ok := x.docs[docID]
	return d, ok, nil
}

func (x *memIndex) Write(ctx context.Context, docs []corpora.DocRecord, chunks []corpora.Chunk) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if x.write != nil {
		if err := x.write(ctx, docs); err != nil {
			return err
		}
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	// Each document's chunks in order, from where its part begins.
	first, next := map[string]int{}, map[string]int{}
	var order []string
	for _, c := range chunks {
		n, ok := next[c.DocID]
		if !ok {
			first[c.DocID], n = c.Ordinal, c.Ordinal
			order = append(order, c.DocID)
		}
		if c.Ordinal != n || c.ID != corpora.ChunkID(c.DocID, c.Ordinal) {
			return fmt.Errorf("memIndex: chunk %s (ordinal %d) out of order", c.ID, c.Ordinal)
		}
		next[c.DocID] = n + 1
	}
	recorded := map[string]bool{}
	for _, d := range docs {
		recorded[d.ID] = true
		n, ok := next[d.ID]
		switch {
		case d.Hash == "" && (!ok || first[d.ID] != 0 || n > d.Chunks):
			return fmt.Errorf("memIndex: document %s begun with %d chunks, given chunks %d to %d; want its first ones, fewer than its count", d.ID, d.Chunks, first[d.ID], n-1)
		case d.Hash != "" && ok && n != d.Chunks:
			return fmt.Errorf("memIndex: document %s says %d chunks; its last given is %d", d.ID, d.Chunks, n-1)
		case d.Hash != "" && !ok && d.Chunks > 0:
			return fmt.Errorf("memIndex: document %s recorded with %d chunks, none given", d.ID, d.Chunks)
		}
	}
	for _, id := range order {
		if old := x.docs[id]; !recorded[id] && (old.ID == "" || old.Hash != "" || next[id] > old.Chunks) {
			return fmt.Errorf("memIndex: chunks %d to %d of %s, which is neither among the documents written nor begun with as many (its record %+v)", first[id], next[id]-1, id, old)
		}
	}
	for _, c := range chunks {
		x.chunks[c.ID] = c
	}
	for _, d := range docs {
		for i := d.Chunks; i < x.docs[d.ID].Chunks; i++ {
			delete(x.chunks, corpora.ChunkID(d.ID, i))
		}
		x.docs[d.ID] = d
		if d.Hash == "" {
			continue
		}
		for i := range d.Chunks {
			if _, ok := x.chunks[corpora.ChunkID(d.ID, i)]; !ok {
				return fmt.Errorf("memIndex: document %s recorded with %d chunks before its chunk %d was written", d.ID, d.Chunks, i)
			}
		}
	}
	x.writes++
	chars := 0
	for _, c := range chunks {
		chars += len(c.Text)
	}
	x.most = max(x.most, chars)
	var done, begun []string
	for _, d := range docs {
		if d.Hash == "" {
			begun = append(begun, d.ID)
		} else {
			done = append(done, d.ID)
		}
	}
	x.events.add("chunks", order)
	x.events.add("begin", begun)
	x.events.add("write", done)
	return nil
}

// texts returns the text of every chunk the index holds for a document,
// in order of ordinal.
func (x *memIndex) texts(docID string) []string {
	var cs []corpora.Chunk
	for _, c := range x.chunks {
		if c.DocID == docID {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Ordinal < cs[j].Ordinal })
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

// memVectors is a plain Vectors store: DeleteDoc and Upsert.
type memVectors struct {
	mu                      sync.Mutex
	vecs                    map[string]corpora.Embedding // by chunk id
	upserts, deletes, repls int
	events                  *events
}

func newVectors() *memVectors { return &memVectors{vecs: map[string]corpora.Embedding{}} }

func (v *memVectors) Upsert(ctx context.Context, items []corpora.Embedding) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.mu.Lock()
	var ids []string
	for _, e := range items {
		v.vecs[e.ChunkID] = e
		if !slices.Contains(ids, e.DocID) {
			ids = append(ids, e.DocID)
		}
	}
	v.upserts++
	v.mu.Unlock()
	v.events.add("vectors", ids)
	return nil
}

func (v *memVectors) DeleteDoc(ctx context.Context, docID string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.deleteDoc(docID)
	v.deletes++
	return nil
}

func (v *memVectors) deleteDoc(docID string) {
	for id, e := range v.vecs {
		if e.DocID == docID {
			delete(v.vecs, id)
		}
	}
}

// chunkIDs returns the ids of the vectors held for a document, sorted.
func (v *memVectors) chunkIDs(docID string) []string {
	var out []string
	for id, e := range v.vecs {
		if e.DocID == docID {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// replacer is a Vectors store that is also a Replacer, as the embedded
// vector index is.
type replacer struct{ *memVectors }

func (r replacer) Replace(ctx context.Context, docs []string, items []corpora.Embedding) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.mu.Lock()
	for _, d := range docs {
		r.deleteDoc(d)
	}
	for _, e := range items {
		r.vecs[e.ChunkID] = e
	}
	r.repls++
	r.mu.Unlock()
	ids := slices.Clone(docs)
	for _, e := range items {
		if !slices.Contains(ids, e.DocID) {
			ids = append(ids, e.DocID)
		}
	}
	r.events.add("vectors", ids)
	return nil
}

type embedFunc func(ctx context.Context, texts []string) ([][]float32, error)

func (f embedFunc) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	return f(ctx, texts)
}

// lengths is an embedder whose vector of a text is its length in
// characters.
var lengths = embedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = []float32{float32(utf8.RuneCountInString(t))}
	}
	return out, ctx.Err()
})

type graphFunc func(ctx context.Context, ids []string, docs []corpora.Document) error

func (f graphFunc) Replace(ctx context.Context, ids []string, docs []corpora.Document) error {
	return f(ctx, ids, docs)
}

// events is the order in which the stores were written, each write with
// the documents it wrote. A nil *events records nothing.
type events struct {
	mu   sync.Mutex
	list []event
}

type event struct {
	// vectors, graph; of the index: chunks (documents whose chunks were
	// written), begin (documents recorded without a hash), write (recorded
	// with their hashes)
	store string
	docs  []string
}

func (e *events) add(store string, docs []string) {
	if e == nil || len(docs) == 0 {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.list = append(e.list, event{store, docs})
}

func docIDs(docs []corpora.DocRecord) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

// handbook is a short staff handbook, one file per chapter, in the three
// kinds of file a user drops into a knowledge base.
var handbook = map[string]string{
	"总则.md":   "# 总则\n\n本手册适用于星河科技全体员工。公司实行弹性工作制，核心工作时间为上午十点至下午四点。员工应遵守保密制度，不得向外界透露客户资料。\n",
	"假期.txt":  "假期制度\n\n员工入职满一年后，每年享有带薪年假十五天。病假每年十天，须提供医院证明。婚假三天。产假按国家规定执行，陪产假十五天。\n",
	"报销.html": "<html><head><title>差旅报销</title></head><body><h1>差旅报销</h1><p>出差前须在办公系统中提交申请，经部门经理批准。</p><p>住宿标准为一线城市每晚六百元，其他城市每晚四百元。报销须在返回后十个工作日内提交发票。</p></body></html>",
}

// chunkSize is small, so that every file of the handbook is several chunks.
const chunkSize = 20

// writeFiles writes files into dir and returns them, sorted by name, as
// corpora.Walk would.
func writeFiles(t *testing.T, dir string, files map[string]string) []corpora.File {
	t.Helper()
	var out []corpora.File
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, corpora.File{Path: p, ID: name, Size: int64(len(text))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// read returns the documents of files as the pipeline reads them.
func read(t *testing.T, files []corpora.File) []corpora.Document {
	t.Helper()
	var out []corpora.Document
	for _, f := range files {
		docs, err := corpora.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, docs...)
	}
	return out
}

func chunkTexts(d corpora.Document) []string {
	var out []string
	for _, c := range Chunk(d, chunkSize) {
		out = append(out, c.Text)
	}
	return out
}

func bytesOf(files []corpora.File) int64 {
	var n int64
	for _, f := range files {
		n += f.Size
	}
	return n
}

func run(t *testing.T, cfg Config, index Index, files []corpora.File) (Summary, error) {
	t.Helper()
	if cfg.ChunkSize == 0 {
		cfg.ChunkSize = chunkSize
	}
	p, err := New(cfg, index)
	if err != nil {
		t.Fatal(err)
	}
	return p.Run(context.Background(), files)
}

// checkIngested fails unless index and vectors hold docs exactly as the
// pipeline is to write them: their records with their hashes, their chunks
// and a vector of each chunk. vectors may be nil.
func checkIngested(t *testing.T, index *memIndex, vectors *memVectors, docs []corpora.Document) {
	t.Helper()
	for _, d := range docs {
		rec, ok := index.docs[d.ID]
		want := chunkTexts(d)
		if !ok || rec.Hash != Hash(d, chunkSize) || rec.Title != d.Title || rec.Source != d.Source || rec.Chunks != len(want) {
			t.Errorf("index record of %s = %+v, %v; want title %q, source %q, hash %s, %d chunks", d.ID, rec, ok, d.Title, d.Source, Hash(d, chunkSize), len(want))
		}
		if got := index.texts(d.ID); !slices.Equal(got, want) {
			t.Errorf("index chunks of %s = %q; want %q", d.ID, got, want)
		}
		if vectors == nil {
			continue
		}
		var wantIDs []string
		for _, c := range Chunk(d, chunkSize) {
			wantIDs = append(wantIDs, c.ID)
			e := vectors.vecs[c.ID]
			if n := float32(utf8.RuneCountInString(EmbedText(c))); e.DocID != d.ID || len(e.Vector) != 1 || e.Vector[0] != n {
				t.Errorf("vector of %s = %+v; want [%v] of %s, the embedding of its title and text", c.ID, e, n, d.ID)
			}
		}
		sort.Strings(wantIDs)
		if got := vectors.chunkIDs(d.ID); !slices.Equal(got, wantIDs) {
			t.Errorf("vectors of %s = %q; want %q", d.ID, got, wantIDs)
		}
	}
}

func TestNewNoIndex(t *testing.T) {
	if p, err := New(Config{}, nil); err == nil {
		t.Errorf("New(Config{}, nil) = %v, nil; want an error", p)
	}
}

func TestRunFirst(t *testing.T) {
	files := writeFiles(t, t.TempDir(), handbook)
	docs := read(t, files)
	chunks := 0
	for _, d := range docs {
		chunks += len(Chunk(d, chunkSize))
	}
	if chunks <= len(docs) {
		t.Fatalf("the handbook is %d chunks of %d documents; want several a document", chunks, len(docs))
	}
	tests := []struct {
		name string
		cfg  Config
	}{
		{"defaults", Config{}},
		{"one document a batch", Config{BatchChars: 1, Writers: 2, Workers: 2}},
		{"one worker, one writer", Config{Workers: 1, Writers: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			index, vectors := newIndex(), newVectors()
			cfg := tt.cfg
			cfg.Embedder, cfg.Vectors = lengths, vectors
			sum, err := run(t, cfg, index, files)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			want := Summary{Files: len(files), Bytes: bytesOf(files), Docs: len(docs), Chunks: chunks}
			sum.Elapsed = 0
			if fmt.Sprint(sum) != fmt.Sprint(want) {
				t.Errorf("Run(%d handbook files) = %+v; want %+v", len(files), sum, want)
			}
			if len(index.docs) != len(docs) || len(index.chunks) != chunks || len(vectors.vecs) != chunks {
				t.Errorf("index holds %d documents and %d chunks, vectors %d; want %d, %d and %d", len(index.docs), len(index.chunks), len(vectors.vecs), len(docs), chunks, chunks)
			}
			checkIngested(t, index, vectors, docs)
		})
	}
}

func TestRunIdempotent(t *testing.T) {
	// A chapter that grows shorter: its old chunks past the new count must
	// go, from the index and from the vectors.
	long := "# 考勤\n\n" + strings.Repeat("员工每天上班须打卡。迟到三次计旷工半天。", 6)
	short := "# 考勤\n\n员工每天上班须打卡。"
	tests := []struct {
		name    string
		vectors func(*memVectors) Vectors
		// wantCalls are the calls of the store when the changed file is
		// ingested again: upserts, deletes, replaces.
		wantCalls [3]int
	}{
		{"plain vectors", func(v *memVectors) Vectors { return v }, [3]int{1, 1, 0}},
		{"replacer", func(v *memVectors) Vectors { return replacer{v} }, [3]int{0, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := writeFiles(t, dir, handbook)
			files = append(files, writeFiles(t, dir, map[string]string{"考勤.md": long})...)
			index, vectors := newIndex(), newVectors()
			embeds := 0
			var mu sync.Mutex
			cfg := Config{Vectors: tt.vectors(vectors), Embedder: embedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
				mu.Lock()
				embeds++
				mu.Unlock()
				return lengths(ctx, texts)
			})}
			if _, err := run(t, cfg, index, files); err != nil {
				t.Fatalf("first Run: %v", err)
			}
			oldChunks := len(Chunk(read(t, files[len(files)-1:])[0], chunkSize))

			writes, embedded := index.writes, embeds
			vectors.upserts, vectors.deletes, vectors.repls = 0, 0, 0
			sum, err := run(t, cfg, index, files)
			want := Summary{Files: len(files), Bytes: bytesOf(files), Unchanged: len(files)}
			sum.Elapsed = 0
			if err != nil || fmt.Sprint(sum) != fmt.Sprint(want) {
				t.Errorf("second Run = %+v, %v; want %+v", sum, err, want)
			}
			if index.writes != writes || embeds != embedded || vectors.upserts+vectors.deletes+vectors.repls != 0 {
				t.Errorf("second Run wrote %d index batches, embedded %d times and wrote vectors %d times; want nothing",
					index.writes-writes, embeds-embedded, vectors.upserts+vectors.deletes+vectors.repls)
			}

			changed := writeFiles(t, dir, map[string]string{"考勤.md": short})
			files[len(files)-1] = changed[0]
			newDoc := read(t, changed)[0]
			if n := len(Chunk(newDoc, chunkSize)); n >= oldChunks {
				t.Fatalf("the changed chapter is %d chunks, the old %d; want fewer", n, oldChunks)
			}
			sum, err = run(t, cfg, index, files)
			want = Summary{Files: len(files), Bytes: bytesOf(files), Docs: 1, Chunks: len(Chunk(newDoc, chunkSize)), Unchanged: len(files) - 1}
			sum.Elapsed = 0
			if err != nil || fmt.Sprint(sum) != fmt.Sprint(want) {
				t.Errorf("Run after 考勤.md changed = %+v, %v; want %+v", sum, err, want)
			}
			checkIngested(t, index, vectors, read(t, files))
			if got := [3]int{vectors.upserts, vectors.deletes, vectors.repls}; got != tt.wantCalls {
				t.Errorf("vector store calls (upsert, delete, replace) = %v; want %v", got, tt.wantCalls)
			}
		})
	}
}

// TestRunWriteOrder holds every batch to its order: vectors, then graph,
// then the lexical write that records the documents' hashes, so that a
// crash before the last leaves the documents to be ingested again. A
// document split across batches (BatchChars smaller than a document) is
// recorded with its hash after every part of it: its vectors, its chunks
// and its facts.
func TestRunWriteOrder(t *testing.T) {
	tests := []struct {
		name       string
		vectors    func(*memVectors) Vectors
		batchChars int
		wantSplit  bool
	}{
		{"plain vectors, whole documents", func(v *memVectors) Vectors { return v }, 0, false},
		{"replacer, whole documents", func(v *memVectors) Vectors { return replacer{v} }, 0, false},
		{"plain vectors, split documents", func(v *memVectors) Vectors { return v }, 1, true},
		{"replacer, split documents", func(v *memVectors) Vectors { return replacer{v} }, 1, true},
		{"replacer, a few chunks a batch", func(v *memVectors) Vectors { return replacer{v} }, 50, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := writeFiles(t, t.TempDir(), handbook)
			ev := &events{}
			index, vectors := newIndex(), newVectors()
			index.events, vectors.events = ev, ev
			graph := graphFunc(func(ctx context.Context, ids []string, docs []corpora.Document) error {
				ev.add("graph", ids)
				return nil
			})
			cfg := Config{Embedder: lengths, Vectors: tt.vectors(vectors), Graph: graph, BatchChars: tt.batchChars, Writers: 2}
			if _, err := run(t, cfg, index, files); err != nil {
				t.Fatalf("Run: %v", err)
			}
			seen := map[string]map[string]bool{} // document → stores written so far
			written, begun := 0, 0
			for _, e := range ev.list {
				for _, d := range e.docs {
					if seen[d] == nil {
						seen[d] = map[string]bool{}
					}
					if seen[d]["write"] {
						t.Errorf("%s: %s after the write that recorded its hash (events %v)", d, e.store, ev.list)
					}
					switch e.store {
					case "write":
						written++
						if !seen[d]["vectors"] || !seen[d]["graph"] || !seen[d]["chunks"] {
							t.Errorf("%s written to the index after %v; want after its vectors, graph and chunks (events %v)", d, seen[d], ev.list)
						}
					case "begin":
						begun++
						if !seen[d]["vectors"] {
							t.Errorf("%s begun in the index before its first vectors (events %v)", d, ev.list)
						}
					case "graph":
						if !seen[d]["vectors"] {
							t.Errorf("%s written to the graph before its vectors (events %v)", d, ev.list)
						}
					}
					seen[d][e.store] = true
				}
			}
			if written != len(files) {
				t.Errorf("%d documents written to the index; want %d (events %v)", written, len(files), ev.list)
			}
			if split := begun > 0; split != tt.wantSplit {
				t.Errorf("%d documents split across batches at BatchChars %d; want some: %v (events %v)", begun, tt.batchChars, tt.wantSplit, ev.list)
			}
			checkIngested(t, index, vectors, read(t, files))
		})
	}
}

// TestRunWriteFails is a crash between the vectors and the lexical write:
// the run fails, the document is not recorded, and the next run ingests
// it again.
func TestRunWriteFails(t *testing.T) {
	files := writeFiles(t, t.TempDir(), handbook)
	docs := read(t, files)
	errDisk := errors.New("disk full")
	index, vectors := newIndex(), newVectors()
	index.write = func(ctx context.Context, docs []corpora.DocRecord) error {
		if slices.Contains(docIDs(docs), "假期.txt") {
			return errDisk
		}
		return nil
	}
	cfg := Config{Embedder: lengths, Vectors: vectors, BatchChars: 1, Writers: 1}
	sum, err := run(t, cfg, index, files)
	if !errors.Is(err, errDisk) {
		t.Fatalf("Run with a failing index = %v; want %v", err, errDisk)
	}
	if _, ok := index.docs["假期.txt"]; ok || len(index.texts("假期.txt")) > 0 {
		t.Errorf("假期.txt recorded after its write failed: %+v", index.docs["假期.txt"])
	}
	if sum.Docs != len(index.docs) || sum.Docs >= len(docs) {
		t.Errorf("Run with a failing index: summary counts %d documents, the index holds %d; want the same, fewer than %d", sum.Docs, len(index.docs), len(docs))
	}

	index.write = nil
	before := len(index.docs)
	sum, err = run(t, cfg, index, files)
	if err != nil || sum.Docs != len(docs)-before || sum.Unchanged != before {
		t.Errorf("Run after the failure = %+v, %v; want %d documents written, %d unchanged", sum, err, len(docs)-before, before)
	}
	checkIngested(t, index, vectors, docs)
}

func TestRunEmbedderFails(t *testing.T) {
	errModel := errors.New("model not loaded")
	tests := []struct {
		name   string
		embed  embedFunc
		want   string // in the error
		wantIs error
	}{
		{"error", func(ctx context.Context, texts []string) ([][]float32, error) { return nil, errModel }, errModel.Error(), errModel},
		{"too few vectors", func(ctx context.Context, texts []string) ([][]float32, error) {
			v, err := lengths(ctx, texts)
			return v[1:], err
		}, "vectors for", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := writeFiles(t, t.TempDir(), handbook)
			index, vectors := newIndex(), newVectors()
			graphed := false
			graph := graphFunc(func(ctx context.Context, ids []string, docs []corpora.Document) error {
				graphed = true
				return nil
			})
			// One batch: the failure is that of every document.
			sum, err := run(t, Config{Embedder: tt.embed, Vectors: replacer{vectors}, Graph: graph, Writers: 1}, index, files)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run = %v; want an error saying %q", err, tt.want)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("Run = %v; want it to wrap %v", err, tt.wantIs)
			}
			if len(index.docs) != 0 || len(vectors.vecs) != 0 || graphed || sum.Docs != 0 || sum.Chunks != 0 {
				t.Errorf("after the embedder failed: index %d documents, vectors %d, graph written %v, summary %+v; want nothing written",
					len(index.docs), len(vectors.vecs), graphed, sum)
			}
		})
	}
}

func TestRunBadFiles(t *testing.T) {
	bad := []struct {
		name, text string
		want       error // nil: ingested
		skipped    bool
	}{
		{"二进制.txt", "员工\x00\x01\x02\x00数据", corpora.ErrBinary, false},
		{"空白.md", " \n\t\n", corpora.ErrEmpty, false},
		{"乱码.txt", "\xEF\xBB\xBF\xff\xfe\xfa员工", corpora.ErrUndecodable, false},
		{"空白.html", "<html><body><script>x()</script></body></html>", corpora.ErrEmpty, false},
		{"合影.png", "\x89PNG\r\n\x1a\n", corpora.ErrUnsupported, true},
		{"层级.json", `{"rank": [1, 2]}`, corpora.ErrUnsupported, true},
	}
	dir := t.TempDir()
	good := writeFiles(t, dir, handbook)
	files := slices.Clone(good)
	for _, b := range bad {
		files = append(files, writeFiles(t, dir, map[string]string{b.name: b.text})...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	index := newIndex()
	sum, err := run(t, Config{Workers: 2}, index, files)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if sum.Files != len(good) || sum.Docs != len(good) || sum.Bytes != bytesOf(files) {
		t.Errorf("Run = %+v; want %d files and documents and %d bytes", sum, len(good), bytesOf(files))
	}
	checkIngested(t, index, nil, read(t, good))
	failed := map[string]error{}
	for _, f := range sum.Failed {
		failed[f.Path] = f.Err
	}
	skipped := map[string]error{}
	for _, f := range sum.Skipped {
		skipped[f.Path] = f.Err
	}
	for _, b := range bad {
		path := filepath.Join(dir, b.name)
		list, other := failed, skipped
		if b.skipped {
			list, other = skipped, failed
		}
		if err, ok := list[path]; !ok || !errors.Is(err, b.want) {
			t.Errorf("%s (%q): Failed %v, Skipped %v; want it in %s with %v", b.name, b.text, failed[path], skipped[path], map[bool]string{false: "Failed", true: "Skipped"}[b.skipped], b.want)
		}
		if _, ok := other[path]; ok {
			t.Errorf("%s is both failed and skipped", b.name)
		}
	}
	if len(sum.Failed)+len(sum.Skipped) != len(bad) {
		t.Errorf("Failed %v, Skipped %v; want only the %d bad files", sum.Failed, sum.Skipped, len(bad))
	}
}

func TestRunProgress(t *testing.T) {
	tests := []struct {
		name  string
		extra map[string]string
	}{
		{"good files", nil},
		{"with bad files", map[string]string{"空白.md": "\n", "合影.png": "\x89PNG"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := writeFiles(t, dir, handbook)
			files = append(files, writeFiles(t, dir, tt.extra)...)
			index := newIndex()
			for _, pass := range []string{"first run", "second run"} {
				var got []Progress
				sum, err := run(t, Config{Progress: func(p Progress) { got = append(got, p) }}, index, files)
				if err != nil {
					t.Fatalf("%s: %v", pass, err)
				}
				if len(got) == 0 {
					t.Fatalf("%s: Progress not called", pass)
				}
				for _, p := range got[:len(got)-1] {
					if p.Done {
						t.Errorf("%s: Progress %+v before the last is Done", pass, p)
					}
				}
				last := got[len(got)-1]
				want := Progress{Files: len(files), FilesTotal: len(files), Bytes: sum.Bytes, BytesTotal: bytesOf(files),
					Docs: sum.Docs, Chunks: sum.Chunks, Done: true}
				last.Elapsed = 0
				if last != want || sum.Bytes != bytesOf(files) {
					t.Errorf("%s: last Progress = %+v; want %+v (summary %+v)", pass, last, want, sum)
				}
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	// Twenty chapters, each its own batch, written one at a time.
	chapters := map[string]string{}
	for i := range 20 {
		chapters[fmt.Sprintf("第%02d章.txt", i+1)] = fmt.Sprintf("第%d章\n\n本章说明第%d项制度。员工须遵守。", i+1, i+1)
	}
	tests := []struct {
		name string
		// cancelAt is the index write that cancels the run (after it
		// succeeds); 0 cancels before the run.
		cancelAt int
	}{
		{"before the run", 0},
		{"after the first batch", 1},
		{"after the fifth batch", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := writeFiles(t, t.TempDir(), chapters)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			index, vectors := newIndex(), newVectors()
			if tt.cancelAt == 0 {
				cancel()
			}
			n := 0
			index.write = func(context.Context, []corpora.DocRecord) error {
				if n++; n == tt.cancelAt {
					defer cancel()
				}
				return nil
			}
			p, err := New(Config{ChunkSize: chunkSize, Embedder: lengths, Vectors: vectors, BatchChars: 1, Writers: 1, Workers: 2}, index)
			if err != nil {
				t.Fatal(err)
			}
			sum, err := p.Run(ctx, files)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("Run cancelled %s = %v; want %v", tt.name, err, context.Canceled)
			}
			if sum.Docs < tt.cancelAt || sum.Docs >= len(files) || sum.Docs != len(index.docs) {
				t.Errorf("Run cancelled %s wrote %d documents (index holds %d); want at least %d, fewer than %d", tt.name, sum.Docs, len(index.docs), tt.cancelAt, len(files))
			}
			if len(sum.Failed) > 0 {
				t.Errorf("Run cancelled %s: Failed = %v; want no file failed for the cancellation", tt.name, sum.Failed)
			}
			var written []corpora.File
			for _, f := range files {
				if _, ok := index.docs[f.ID]; ok {
					written = append(written, f)
				}
			}
			checkIngested(t, index, vectors, read(t, written))
		})
	}
}

// TestRunLookupFails: an index that cannot say what it holds stops the run,
// as any failure of the index does; the files are not to blame.
func TestRunLookupFails(t *testing.T) {
	files := writeFiles(t, t.TempDir(), handbook)
	errIO := errors.New("input/output error")
	index := newIndex()
	index.lookup = func(ctx context.Context, docID string) error {
		if docID == "假期.txt" {
			return errIO
		}
		return nil
	}
	sum, err := run(t, Config{}, index, files)
	if !errors.Is(err, errIO) {
		t.Errorf("Run with a failing Lookup = %v; want %v", err, errIO)
	}
	if len(sum.Failed) > 0 {
		t.Errorf("Run with a failing Lookup: Failed = %v; want the run to fail, not the file", sum.Failed)
	}
	if _, ok := index.docs["假期.txt"]; ok {
		t.Errorf("假期.txt written though its Lookup failed")
	}
}

func TestRunDocuments(t *testing.T) {
	docs := []corpora.Document{
		{ID: "faq/1", Title: "年假", Text: "员工入职满一年后，每年享有带薪年假十五天。年假须提前一周申请。", Source: "faq"},
		{ID: "faq/2", Title: "加班", Text: "工作日加班按一点五倍工资计算。周末加班可以调休。", Source: "faq"},
		{ID: "faq/3", Title: "空", Text: "", Source: "faq"},
	}
	index, vectors := newIndex(), newVectors()
	p, err := New(Config{ChunkSize: chunkSize, Embedder: lengths, Vectors: vectors}, index)
	if err != nil {
		t.Fatal(err)
	}
	chunks := 0
	for _, d := range docs {
		chunks += len(Chunk(d, chunkSize))
	}
	tests := []struct {
		name string
		docs []corpora.Document
		want Summary
	}{
		{"first", docs, Summary{Files: 1, Docs: len(docs), Chunks: chunks}},
		{"again", docs, Summary{Files: 1, Unchanged: len(docs)}},
		{"one changed", []corpora.Document{docs[0], {ID: "faq/2", Title: "加班", Text: "加班须经部门经理批准。", Source: "faq"}, docs[2]},
			Summary{Files: 1, Docs: 1, Chunks: 1, Unchanged: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum, err := p.RunDocuments(context.Background(), tt.docs)
			sum.Elapsed = 0
			if err != nil || fmt.Sprint(sum) != fmt.Sprint(tt.want) {
				t.Errorf("RunDocuments(%d documents) = %+v, %v; want %+v", len(tt.docs), sum, err, tt.want)
			}
			checkIngested(t, index, vectors, tt.docs)
		})
	}
}

// TestRunRecords: structured documents (idioms) reach the graph with their
// records; every written document's id is given, so a document that lost
// its record loses its facts.
func TestRunRecords(t *testing.T) {
	idioms := `6612,"洛阳纸贵","luò  yáng  zhǐ  guì","比喻著作有价值，流传广。","《晋书·左思传》：“于是豪贵之家竞相传写，洛阳为之纸贵。”","人说“～”，谁知今日闹到“长安扇贵”。","lyzg"
14,"哀思如潮","āi  sī  rú  cháo","哀伤的思绪如同潮涌一般。形容极度悲痛。",,,"asrc"
`
	prose := corpora.Document{ID: "手册", Title: "总则", Text: "本手册适用于全体员工。"}
	idiom := corpora.Document{ID: "成语#1", Title: "一诺千金", Text: "一诺千金（yī nuò qiān jīn）\n释义：许下的一个诺言有千金的价值。",
		Record: &corpora.Record{Kind: corpora.RecordIdiom, Fields: map[string]string{corpora.FieldName: "一诺千金"}}}
	tests := []struct {
		name        string
		run         func(p *Pipeline, dir string) (Summary, error)
		format      string
		wantIDs     []string
		wantRecords []string // ids of the documents given with their records
	}{
		{"idiom CSV by format", func(p *Pipeline, dir string) (Summary, error) {
			return p.Run(context.Background(), writeFiles(t, dir, map[string]string{"成语.csv": idioms}))
		}, corpora.FormatIdioms, []string{"成语.csv#14", "成语.csv#6612"}, []string{"成语.csv#14", "成语.csv#6612"}},
		{"idiom CSV recognized", func(p *Pipeline, dir string) (Summary, error) {
			return p.Run(context.Background(), writeFiles(t, dir, map[string]string{"成语.txt": idioms}))
		}, "", []string{"成语.txt#14", "成语.txt#6612"}, []string{"成语.txt#14", "成语.txt#6612"}},
		{"documents in memory", func(p *Pipeline, dir string) (Summary, error) {
			return p.RunDocuments(context.Background(), []corpora.Document{prose, idiom})
		}, "", []string{"成语#1", "手册"}, []string{"成语#1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				mu      sync.Mutex
				ids     []string
				records []string
				calls   int
			)
			graph := graphFunc(func(ctx context.Context, batch []string, docs []corpora.Document) error {
				mu.Lock()
				defer mu.Unlock()
				calls++
				ids = append(ids, batch...)
				for _, d := range docs {
					if d.Record == nil || d.Record.Kind != corpora.RecordIdiom || d.Record.Fields[corpora.FieldName] != d.Title {
						t.Errorf("graph given %s with record %+v; want an idiom record named %q", d.ID, d.Record, d.Title)
					}
					if !slices.Contains(batch, d.ID) {
						t.Errorf("graph given the record of %s, not among the batch's ids %q", d.ID, batch)
					}
					records = append(records, d.ID)
				}
				return nil
			})
			p, err := New(Config{Graph: graph, Format: tt.format}, newIndex())
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			sum, err := tt.run(p, dir)
			if err != nil || sum.Docs != len(tt.wantIDs) {
				t.Fatalf("Run = %+v, %v; want %d documents", sum, err, len(tt.wantIDs))
			}
			sort.Strings(ids)
			sort.Strings(records)
			if !slices.Equal(ids, tt.wantIDs) || !slices.Equal(records, tt.wantRecords) {
				t.Errorf("graph given ids %q and records of %q; want %q and %q", ids, records, tt.wantIDs, tt.wantRecords)
			}

			// Unchanged, they are not given again.
			calls = 0
			if sum, err := tt.run(p, dir); err != nil || sum.Unchanged != len(tt.wantIDs) || calls != 0 {
				t.Errorf("second Run = %+v, %v, graph called %d times; want %d unchanged, graph not called", sum, err, calls, len(tt.wantIDs))
			}
		})
	}
}

// TestRunSameID: two files of one id (the same relative path under two
// folders) would overwrite each other: the second is listed as failed,
// naming the first, and the first is ingested.
func TestRunSameID(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a", "说明.txt"), filepath.Join(dir, "b", "说明.txt")
	for path, text := range map[string]string{a: "甲部门的报销截止日期是每月5日。", b: "乙部门的报销截止日期是每月20日。"} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := corpora.Walk([]string{filepath.Dir(a), filepath.Dir(b)})
	if err != nil {
		t.Fatal(err)
	}
	idx := newIndex()
	p, err := New(Config{}, idx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := p.Run(context.Background(), files)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 1 || len(sum.Failed) != 1 || sum.Failed[0].Path != b || !strings.Contains(sum.Failed[0].Error(), a) {
		t.Errorf("summary %+v; want one document and %s failed naming %s", sum, b, a)
	}
}

// TestRunDamagedBytes: a file with a few bytes that are not text in its
// encoding is ingested, and listed in Summary.Damaged with their count.
func TestRunDamagedBytes(t *testing.T) {
	dir := t.TempDir()
	text := strings.Repeat("员工每年享有带薪年假十五天。", 40)
	p := filepath.Join(dir, "handbook.txt")
	if err := os.WriteFile(p, append([]byte(text[:60]), append([]byte{0xff, 0xfe}, text[60:]...)...), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := newIndex()
	pl, err := New(Config{}, idx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := pl.Run(context.Background(), []corpora.File{{Path: p, ID: "handbook.txt", Size: int64(len(text) + 2)}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Docs != 1 || len(sum.Damaged) != 1 || !strings.Contains(sum.Damaged[0].Error(), "handbook.txt") {
		t.Errorf("summary %+v; want the file ingested and listed as damaged", sum)
	}
}
