package vector

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

func emb(doc string, n int, v ...float32) corpora.Embedding {
	return corpora.Embedding{ChunkID: corpora.ChunkID(doc, n), DocID: doc, Vector: v}
}

func ids(hs []corpora.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

func open(t *testing.T, dir string) *Index {
	t.Helper()
	x, err := Open(context.Background(), Config{Dir: dir, Model: "test-model", Dimension: 3})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestUpsertSearchDeletePersist(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x := open(t, dir)
	if err := x.Upsert(ctx, []corpora.Embedding{
		emb("a", 0, 1, 0, 0), emb("a", 1, 0.9, 0.1, 0), emb("b", 0, 0, 1, 0), emb("c", 0, 0, 0, 5),
	}); err != nil {
		t.Fatal(err)
	}
	hs, err := x.Search(ctx, []float32{2, 0, 0}, 2, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(hs); len(got) != 2 || got[0] != "a#0" || got[1] != "a#1" || math.Abs(hs[0].Score-1) > 1e-6 || hs[1].Ordinal != 1 || hs[1].DocID != "a" {
		t.Errorf("Search = %+v; want a#0 (cosine 1) then a#1", hs)
	}
	if hs, _ := x.Search(ctx, []float32{1, 0, 0}, 5, Filter{Docs: []string{"b", "c"}}); len(hs) != 2 || hs[0].DocID == "a" || hs[1].DocID == "a" {
		t.Errorf("Search filtered to b, c = %v", ids(hs))
	}
	// Re-upsert overwrites: c#0 now points the other way.
	if err := x.Upsert(ctx, []corpora.Embedding{emb("c", 0, 1, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	if x.Len() != 4 {
		t.Errorf("Len after re-upsert = %d; want 4", x.Len())
	}
	if err := x.DeleteDoc(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	x = open(t, dir)
	defer x.Close()
	if x.Len() != 2 {
		t.Errorf("Len after reopen = %d; want 2 (b#0, c#0)", x.Len())
	}
	hs, _ = x.Search(ctx, []float32{1, 0, 0}, 3, Filter{})
	if got := ids(hs); len(got) != 2 || got[0] != "c#0" {
		t.Errorf("Search after delete and reopen = %v; want c#0 first, no a", got)
	}
	// Freed slots are reused.
	if err := x.Upsert(ctx, []corpora.Embedding{emb("d", 0, 0, 1, 1)}); err != nil || x.Len() != 3 {
		t.Errorf("Upsert into a freed slot: %v, Len %d", err, x.Len())
	}
}

func TestModelAndDimensionRefused(t *testing.T) {
	dir := t.TempDir()
	x := open(t, dir)
	if err := x.Upsert(context.Background(), []corpora.Embedding{emb("a", 0, 1, 2)}); !errors.Is(err, ErrModel) {
		t.Errorf("Upsert of a 2-dimensional vector into a 3-dimensional index: %v; want ErrModel", err)
	}
	if _, err := x.Search(context.Background(), []float32{1}, 1, Filter{}); !errors.Is(err, ErrModel) {
		t.Errorf("Search with a 1-dimensional query: %v; want ErrModel", err)
	}
	x.Close()
	if _, err := Open(context.Background(), Config{Dir: dir, Model: "other-model", Dimension: 3}); !errors.Is(err, ErrModel) {
		t.Errorf("Open with another model: %v; want ErrModel", err)
	}
	if _, err := Open(context.Background(), Config{Dir: dir, Model: "test-model", Dimension: 4}); !errors.Is(err, ErrModel) {
		t.Errorf("Open with another dimension: %v; want ErrModel", err)
	}
}

func TestTornTail(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x := open(t, dir)
	if err := x.Upsert(ctx, []corpora.Embedding{emb("a", 0, 1, 0, 0), emb("b", 0, 0, 1, 0)}); err != nil {
		t.Fatal(err)
	}
	x.Close()
	// A crash mid-write: half of a record at the end of the log.
	p := filepath.Join(dir, logName)
	rec := appendRecord(nil, record{op: opUpsert, chunk: "c#0", doc: "c", vec: []float32{0, 0, 1}})
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(rec[:len(rec)/2])
	f.Close()
	before, _ := os.Stat(p)

	x = open(t, dir)
	if x.Len() != 2 {
		t.Errorf("Len after a torn write = %d; want the 2 whole records", x.Len())
	}
	after, _ := os.Stat(p)
	if after.Size() != before.Size()-int64(len(rec)/2) {
		t.Errorf("log is %d bytes after Open; want the torn %d cut off", after.Size(), len(rec)/2)
	}
	// Writing goes on after the cut.
	if err := x.Upsert(ctx, []corpora.Embedding{emb("c", 0, 0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	x.Close()
	if x = open(t, dir); x.Len() != 3 {
		t.Errorf("Len after writing past the cut and reopening = %d; want 3", x.Len())
	}
	x.Close()
}

func TestCompaction(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x := open(t, dir)
	for round := 0; round < 30; round++ {
		var items []corpora.Embedding
		for i := 0; i < 100; i++ {
			items = append(items, emb("d", i, float32(round), float32(i), 1))
		}
		if err := x.Upsert(ctx, items); err != nil {
			t.Fatal(err)
		}
	}
	fi, _ := os.Stat(filepath.Join(dir, logName))
	if full := int64(30 * 100 * len(appendRecord(nil, record{op: opUpsert, chunk: "d#10", doc: "d", vec: make([]float32, 3)}))); fi.Size() >= full/2 {
		t.Errorf("log is %d bytes after 30 rewrites of 100 vectors; want it compacted well under %d", fi.Size(), full)
	}
	x.Close()
	// Compaction replaces the log whole: no temporary file is left.
	if es, _ := os.ReadDir(dir); len(es) != 2 {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Errorf("index folder holds %q; want only %s and %s", names, metaName, logName)
	}
	x = open(t, dir)
	defer x.Close()
	hs, _ := x.Search(ctx, []float32{29, 50, 1}, 1, Filter{})
	if x.Len() != 100 || len(hs) != 1 || hs[0].ID != "d#50" {
		t.Errorf("after compaction and reopen: Len %d, best %v; want 100 and d#50", x.Len(), ids(hs))
	}
}

// TestExactMatchesBruteForce checks the parallel scan against a plain sort.
func TestExactMatchesBruteForce(t *testing.T) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(1, 2))
	const n, dim = 30000, 16
	x, err := Open(context.Background(), Config{Dir: t.TempDir(), Model: "m", Dimension: dim})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var items []corpora.Embedding
	for i := 0; i < n; i++ {
		v := make([]float32, dim)
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		items = append(items, corpora.Embedding{ChunkID: corpora.ChunkID("doc", i), DocID: "doc", Vector: v})
	}
	if err := x.Upsert(ctx, items); err != nil {
		t.Fatal(err)
	}
	q := items[123].Vector
	hs, err := x.Search(ctx, q, 10, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	nq := normalized(q)
	type sc struct {
		id string
		s  float32
	}
	var all []sc
	for _, it := range items {
		all = append(all, sc{it.ChunkID, dot(nq, normalized(it.Vector))})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].s > all[j].s })
	for i := range hs {
		if hs[i].ID != all[i].id {
			t.Fatalf("rank %d: %s; brute force says %s", i, hs[i].ID, all[i].id)
		}
	}
}

// TestLogDamage: a byte flipped in the middle of the log loses the record
// it hits and no other: the replay resynchronises at the next record's
// mark, says what it skipped and whose it was; a read-only open changes
// nothing on disk; a writer cuts only a torn tail.
func TestLogDamage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x := open(t, dir)
	for i := 0; i < 20; i++ {
		if err := x.Upsert(ctx, []corpora.Embedding{emb(fmt.Sprintf("doc%d", i), 0, float32(i), 1, 0)}); err != nil {
			t.Fatal(err)
		}
	}
	x.Close()
	p := filepath.Join(dir, logName)
	raw, _ := os.ReadFile(p)
	at := func(i int) int { // where record i starts
		off := 0
		for j := 0; j < i; j++ {
			off += len(appendRecord(nil, record{op: opUpsert, chunk: fmt.Sprintf("doc%d#0", j), doc: fmt.Sprintf("doc%d", j), vec: make([]float32, 3)}))
		}
		return off
	}
	// Damage record 7's vector (its ids stay readable), record 12's
	// length, and leave half a record at the end.
	raw[at(8)-6] ^= 0xff
	raw[at(12)+5] ^= 0x40
	raw = append(raw, appendRecord(nil, record{op: opUpsert, chunk: "late#0", doc: "late", vec: []float32{1, 0, 0}})[:10]...)
	os.WriteFile(p, raw, 0o644)

	r, err := Open(ctx, Config{Dir: dir, Model: "test-model", Dimension: 3, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	d := r.Damage()
	if r.Len() != 18 || d.Records != 2 || d.Torn != 10 || !slices.Contains(d.Docs, "doc7") {
		t.Errorf("read-only open: %d vectors, damage %+v; want 18 kept, 2 records skipped (doc7 named), 10 torn bytes", r.Len(), d)
	}
	r.Close()
	if after, _ := os.ReadFile(p); !bytes.Equal(after, raw) {
		t.Error("a read-only open changed the log")
	}
	w := open(t, dir)
	if w.Len() != 18 {
		t.Errorf("writer: %d vectors; want 18", w.Len())
	}
	w.Close()
	if after, _ := os.ReadFile(p); !bytes.Equal(after, raw[:len(raw)-10]) {
		t.Errorf("a writer's open left %d bytes; want the torn 10 cut and the rest kept", len(after))
	}
}

// TestOldLogLayout: a log written before records carried their mark is
// read as it was, and appended to.
func TestOldLogLayout(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	x := open(t, dir)
	x.Close()
	var old []byte
	for i, v := range [][]float32{{1, 0, 0}, {0, 1, 0}} {
		rec := appendRecord(nil, record{op: opUpsert, chunk: fmt.Sprintf("old%d#0", i), doc: fmt.Sprintf("old%d", i), vec: v})
		old = append(old, rec[len(recordMark):]...) // the first layout: no mark
	}
	os.WriteFile(filepath.Join(dir, logName), old, 0o644)
	x = open(t, dir)
	if x.Len() != 2 || x.Damage().Any() {
		t.Errorf("old layout: %d vectors, damage %+v; want 2, none", x.Len(), x.Damage())
	}
	if err := x.Upsert(ctx, []corpora.Embedding{emb("new", 0, 0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	x.Close()
	if x = open(t, dir); x.Len() != 3 {
		t.Errorf("old and new records: %d vectors; want 3", x.Len())
	}
	x.Close()
}

// TestLongID: an id longer than a record can hold is refused, not written
// as another document's.
func TestLongID(t *testing.T) {
	x := open(t, t.TempDir())
	defer x.Close()
	long := strings.Repeat("长", MaxID/3+1)
	if err := x.DeleteDoc(context.Background(), long); err == nil {
		t.Error("DeleteDoc of an id over MaxID bytes succeeded")
	}
}
