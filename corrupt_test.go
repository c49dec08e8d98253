package wenda

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDir copies a knowledge base's folder.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// kbState is what a knowledge base holds, to compare with a clean one.
type kbState struct{ docs, chunks, facts, vectors int }

func stateOf(t *testing.T, k *KB) kbState {
	st, err := k.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return kbState{st.Documents, st.Chunks, st.Facts, vectorCount(k)}
}

// TestCorruption damages each file wenda itself writes in a knowledge base
// — the vector log, the graph's log and snapshot, the record of the
// embedding model, the offline model's statistics — by flipping a byte at
// 10 random offsets and by cutting it at 10 random lengths. After each:
// a read-only open works with what is intact and says what was lost (or
// refuses with a message naming the file), never panics, changes no
// file; a writer's open and an ingest of the same files bring back a
// knowledge base equal to a clean one. bleve's own files too (under bm25/:
// its metadata, root.bolt, the segments), which bm25.Check verifies
// before bleve reads them.
func TestCorruption(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: 200 damaged copies of a knowledge base")
	}
	ctx := context.Background()
	src := sampleDir(t, "")
	master := t.TempDir()
	k := mustOpen(t, Config{Dir: master, Create: true})
	mustIngest(t, k, src)
	// A snapshot of the graph too, as a large log leaves on close.
	if err := k.graph.Checkpoint(); err != nil {
		t.Fatal(err)
	}
	// A log after the snapshot: one document's facts changed.
	culture := sampleDir(t, "culture")
	p := filepath.Join(culture, "xiehouyu.json")
	raw, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(raw), "]", ",{\"riddle\":\"外甥打灯笼\",\"answer\":\"照旧（舅）\"}]", 1)), 0o644)
	mustIngest(t, k, culture)
	want := stateOf(t, k)
	k.Close()

	files := []string{
		filepath.Join("vectors", "vectors.log"), filepath.Join("kg", "facts.log"), filepath.Join("kg", "facts.snap"),
		embeddingFile, dfFile,
	}
	// And bleve's: its metadata, root.bolt and every segment.
	filepath.WalkDir(filepath.Join(master, "bm25"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(master, p)
			files = append(files, rel)
		}
		return err
	})
	rng := rand.New(rand.NewPCG(7, 11))
	for _, f := range files {
		orig, err := os.ReadFile(filepath.Join(master, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(orig) == 0 {
			t.Fatalf("%s is empty: nothing to damage", f)
		}
		for trial := 0; trial < 20; trial++ {
			damaged := append([]byte{}, orig...)
			what := ""
			if trial < 10 {
				i := rng.IntN(len(damaged))
				damaged[i] ^= byte(1 + rng.IntN(255))
				what = fmt.Sprintf("byte %d of %d flipped", i, len(orig))
			} else {
				n := rng.IntN(len(damaged))
				damaged = damaged[:n]
				what = fmt.Sprintf("cut at %d of %d", n, len(orig))
			}
			t.Run(fmt.Sprintf("%s/%s", filepath.Base(f), strings.ReplaceAll(what, " ", "_")), func(t *testing.T) {
				dir := t.TempDir()
				copyDir(t, master, dir)
				if err := os.WriteFile(filepath.Join(dir, f), damaged, 0o644); err != nil {
					t.Fatal(err)
				}
				before := fileSums(t, dir)
				r, err := Open(ctx, Config{Dir: dir, ReadOnly: true})
				if err != nil {
					// Refused: the message must name what is wrong.
					if !strings.Contains(err.Error(), filepath.Base(f)) && !errors.Is(err, ErrModelChanged) {
						t.Errorf("read-only open refused with a message naming no file: %v", err)
					}
				} else {
					if _, err := r.Search(ctx, "出差补助", SearchOptions{K: 3}); err != nil {
						t.Errorf("search: %v", err)
					}
					if _, err := r.Ask(ctx, "洛阳纸贵是什么意思？"); err != nil {
						t.Errorf("ask: %v", err)
					}
					got := stateOf(t, r)
					if got != want && len(r.Damage()) == 0 && got.vectors != 0 {
						t.Errorf("%s: holds %+v, clean %+v, and says nothing was damaged", what, got, want)
					}
					r.Close()
				}
				after := fileSums(t, dir)
				for name, sum := range before {
					if after[name] != sum {
						t.Errorf("a read-only open changed %s", name)
					}
				}
				w, err := Open(ctx, Config{Dir: dir})
				if err != nil {
					t.Fatalf("a writer's open after %s: %v", what, err)
				}
				if _, err := w.IngestPaths(ctx, []string{src}, IngestOptions{}); err != nil {
					t.Fatal(err)
				}
				if _, err := w.IngestPaths(ctx, []string{culture}, IngestOptions{}); err != nil {
					t.Fatal(err)
				}
				if got := stateOf(t, w); got != want {
					t.Errorf("after %s and an ingest of the same files: %+v; clean %+v", what, got, want)
				}
				w.Close()
			})
		}
	}
}

// TestGraphLogCutAtRecord cuts the graph's log at a record's end — each
// record left is whole, so the log alone cannot tell — and expects the
// facts lost to be found (facts.len records how long the log was; the
// documents' records say which have facts), reported by a reader without
// a change to any file, and brought back by the next ingest.
func TestGraphLogCutAtRecord(t *testing.T) {
	ctx := context.Background()
	culture := sampleDir(t, "culture")
	dir := t.TempDir()
	k := mustOpen(t, Config{Dir: dir, Create: true})
	mustIngest(t, k, culture)
	want := stateOf(t, k)
	k.Close()
	p := filepath.Join(dir, "kg", "facts.log")
	log, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// Drop the last record: cut after the newline before it.
	last := strings.LastIndexByte(string(log[:len(log)-1]), '\n') + 1
	if last <= 0 {
		t.Fatalf("the log holds one record: nothing to cut at a record's end")
	}
	if err := os.WriteFile(p, log[:last], 0o644); err != nil {
		t.Fatal(err)
	}
	before := fileSums(t, dir)
	r := mustOpen(t, Config{Dir: dir, ReadOnly: true})
	var found *Damage
	for _, d := range r.Damage() {
		if d.Store == "graph" {
			found = &d
		}
	}
	if found == nil || len(found.Docs) == 0 || found.Bytes != int64(len(log)-last) {
		t.Fatalf("a log cut at a record's end: damage %+v; want the graph's, %d bytes and the documents", r.Damage(), len(log)-last)
	}
	t.Logf("found: %v (%v)", found, found.Docs)
	r.Close()
	for name, sum := range fileSums(t, dir) {
		if before[name] != sum {
			t.Errorf("a read-only open changed %s", name)
		}
	}
	w := mustOpen(t, Config{Dir: dir})
	if _, err := w.IngestPaths(ctx, []string{culture}, IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := stateOf(t, w); got != want {
		t.Errorf("after the ingest: %+v; clean %+v", got, want)
	}
	w.Close()
	again := mustOpen(t, Config{Dir: dir, ReadOnly: true})
	if d := again.Damage(); len(d) > 0 {
		t.Errorf("after the ingest, an open still finds %v", d)
	}
}
