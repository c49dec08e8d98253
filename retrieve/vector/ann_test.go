package vector

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

// clustered returns n vectors around 40 random centres, the shape real
// embeddings have.
func clustered(n, dim int, seed uint64) []corpora.Embedding {
	r := rand.New(rand.NewPCG(seed, 1))
	centres := make([][]float32, 40)
	for i := range centres {
		centres[i] = make([]float32, dim)
		for j := range centres[i] {
			centres[i][j] = float32(r.NormFloat64())
		}
	}
	out := make([]corpora.Embedding, n)
	for i := range out {
		c := centres[r.IntN(len(centres))]
		v := make([]float32, dim)
		for j := range v {
			v[j] = c[j] + 0.6*float32(r.NormFloat64())
		}
		doc := fmt.Sprintf("doc%d", i/3)
		out[i] = corpora.Embedding{ChunkID: corpora.ChunkID(doc, i%3), DocID: doc, Vector: v}
	}
	return out
}

func recallAt10(t *testing.T, x *Index, queries []corpora.Embedding) float64 {
	t.Helper()
	ctx := context.Background()
	found, total := 0, 0
	for _, q := range queries {
		exact := x.scan(ctx, newQuery(normalized(q.Vector)), 10).sorted()
		want := map[string]bool{}
		for _, c := range exact {
			want[x.ids[c.slot]] = true
		}
		hs, err := x.Search(ctx, q.Vector, 10, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if want[h.ID] {
				found++
			}
		}
		total += len(want)
	}
	return float64(found) / float64(total)
}

func TestApproximateIndex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := Config{Dir: dir, Model: "m", Dimension: 32, ANNMin: 2000}
	x, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	all := clustered(6200, 32, 3)
	items, queries := all[:6000], all[6000:] // queries: held out
	if err := x.Upsert(ctx, items); err != nil {
		t.Fatal(err)
	}
	if x.approximate() {
		t.Fatal("approximate before Optimize")
	}
	built, err := x.Optimize(ctx)
	if err != nil || !built || !x.approximate() {
		t.Fatalf("Optimize = %v, %v; approximate %v", built, err, x.approximate())
	}
	if r := recallAt10(t, x, queries); r < 0.95 {
		t.Errorf("recall@10 = %.3f, want ≥ 0.95", r)
	}
	// Changes after the build: a new vector is found, a deleted document
	// is not, an overwritten vector is found where it now points.
	probe := queries[0].Vector
	if err := x.Upsert(ctx, []corpora.Embedding{{ChunkID: "new#0", DocID: "new", Vector: probe}}); err != nil {
		t.Fatal(err)
	}
	if hs, _ := x.Search(ctx, probe, 1, Filter{}); len(hs) != 1 || hs[0].ID != "new#0" {
		t.Errorf("new vector not found first: %v", ids(hs))
	}
	if err := x.DeleteDoc(ctx, "new"); err != nil {
		t.Fatal(err)
	}
	if err := x.Upsert(ctx, []corpora.Embedding{{ChunkID: items[5].ChunkID, DocID: items[5].DocID, Vector: queries[1].Vector}}); err != nil {
		t.Fatal(err)
	}
	hs, _ := x.Search(ctx, probe, 10, Filter{})
	for _, h := range hs {
		if h.ID == "new#0" {
			t.Errorf("deleted vector still found")
		}
	}
	// Overwriting in place (reembedding) drops the graph; Optimize
	// rebuilds it.
	if x.approximate() {
		t.Error("graph kept after a vector changed in place")
	}
	if built, err := x.Optimize(ctx); !built || err != nil {
		t.Fatalf("rebuild: %v, %v", built, err)
	}
	if hs, _ := x.Search(ctx, queries[1].Vector, 1, Filter{}); len(hs) != 1 || hs[0].ID != items[5].ChunkID {
		t.Errorf("overwritten vector not found where it points: %v", ids(hs))
	}
	before, _ := x.Search(ctx, queries[2].Vector, 10, Filter{})
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopened, the index loads the saved lists and answers the same.
	x, err = Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !x.approximate() {
		t.Fatal("approximate index not loaded on Open")
	}
	after, _ := x.Search(ctx, queries[2].Vector, 10, Filter{})
	if fmt.Sprint(ids(before)) != fmt.Sprint(ids(after)) {
		t.Errorf("after reopening: %v, before %v", ids(after), ids(before))
	}
	x.Close()
	// A damaged file is ignored: search is exact, and still right.
	p := filepath.Join(dir, annName)
	raw, _ := os.ReadFile(p)
	raw[len(raw)/2] ^= 0xff
	os.WriteFile(p, raw, 0o644)
	x, err = Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if x.approximate() {
		t.Error("damaged approximate index used")
	}
	if r := recallAt10(t, x, queries); r != 1 {
		t.Errorf("exact recall = %.3f", r)
	}
}

// TestApproximateIndexDeletes removes a third of the documents from a
// built graph: the nodes that pointed to them are relinked, the freed
// slots are reused by new vectors, and recall holds.
func TestApproximateIndexDeletes(t *testing.T) {
	ctx := context.Background()
	cfg := Config{Dir: t.TempDir(), Model: "m", Dimension: 32, ANNMin: 1000, EF: 128}
	x, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	all := clustered(5200, 32, 11)
	items, queries := all[:4500], all[5000:]
	if err := x.Upsert(ctx, items); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1500; i += 3 {
		if err := x.DeleteDoc(ctx, items[i].DocID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := x.Optimize(ctx); err != nil { // purges the deleted nodes
		t.Fatal(err)
	}
	if len(x.ann.tomb) != 0 || x.ann.nodes != x.Len() {
		t.Fatalf("after purge: %d tombstones, %d nodes for %d vectors", len(x.ann.tomb), x.ann.nodes, x.Len())
	}
	for s, l := range x.ann.level {
		for layer := 0; layer <= int(l); layer++ {
			for _, n := range x.ann.neighbours(int32(s), layer) {
				if x.ids[n] == "" {
					t.Fatalf("node %d links to deleted slot %d", s, n)
				}
			}
		}
	}
	slots := len(x.ids)
	if err := x.Upsert(ctx, all[4500:5000]); err != nil {
		t.Fatal(err)
	}
	if len(x.ids) != slots {
		t.Errorf("freed slots not reused: %d slots, was %d", len(x.ids), slots)
	}
	if r := recallAt10(t, x, queries); r < 0.95 {
		t.Errorf("recall@10 after deletes = %.3f, want ≥ 0.95", r)
	}
}
