package wenda

import (
	"context"
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileSums hashes every file of a knowledge base but the lock's own
// (the lock file and the holders' records, which say who has it open).
func fileSums(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel == lockFile || strings.HasPrefix(rel, holdersDir+string(filepath.Separator)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[rel] = sha256.Sum256(b)
		return nil
	})
	return out
}

// vectorCount is how many vectors the knowledge base holds.
func vectorCount(k *KB) int {
	x, ok := k.vec.embedded()
	if !ok {
		return 0
	}
	return x.Len()
}

// TestDamagedLogs: a byte flipped in the middle of the vector log and of
// the graph's log. A read-only command works with what is intact, says
// what was lost and changes no file; the next ingest of the same files
// writes the affected documents again, and the knowledge base equals a
// clean one.
func TestDamagedLogs(t *testing.T) {
	ctx := context.Background()
	src := sampleDir(t, "")
	clean := mustOpen(t, Config{Dir: t.TempDir(), Create: true})
	mustIngest(t, clean, src)
	cleanStats, _ := clean.Stats(ctx)
	cleanVectors := vectorCount(clean)

	dir := t.TempDir()
	k := mustOpen(t, Config{Dir: dir, Create: true})
	mustIngest(t, k, src)
	k.Close()
	for _, f := range []string{filepath.Join("vectors", "vectors.log"), filepath.Join("kg", "facts.log")} {
		p := filepath.Join(dir, f)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// Land the flip inside a record, not on a record's mark or a
		// line's end, which the tests of each store cover.
		i := len(b) / 2
		for b[i] == '\n' || b[i] == 0xf7 {
			i++
		}
		b[i] ^= 0x20
		os.WriteFile(p, b, 0o644)
	}

	before := fileSums(t, dir)
	r := mustOpen(t, Config{Dir: dir, ReadOnly: true})
	damage := r.Damage()
	stores := map[string]bool{}
	for _, d := range damage {
		stores[d.Store] = true
	}
	if !stores["graph"] || !stores["vectors"] {
		t.Errorf("damage reported: %+v; want the graph's and the vectors'", damage)
	}
	if res, err := r.Search(ctx, "出差补助", SearchOptions{K: 3}); err != nil || len(res.Hits) == 0 {
		t.Errorf("search of a damaged knowledge base: %+v, %v; want what is intact", res, err)
	}
	if st, _ := r.Stats(ctx); st.Facts == 0 || st.Facts >= cleanStats.Facts && vectorCount(r) >= cleanVectors {
		t.Errorf("damaged: %d facts, %d vectors; clean %d, %d: want fewer, not none", st.Facts, vectorCount(r), cleanStats.Facts, cleanVectors)
	}
	r.Close()
	if after := fileSums(t, dir); len(after) != len(before) {
		t.Errorf("a read-only open changed the files: %d before, %d after", len(before), len(after))
	} else {
		for f, sum := range before {
			if after[f] != sum {
				t.Errorf("a read-only open changed %s", f)
			}
		}
	}

	w := mustOpen(t, Config{Dir: dir})
	if n, all := w.Pending(); n == 0 && !all {
		t.Error("a writer's open marked no document to write again")
	}
	mustIngest(t, w, src)
	st, _ := w.Stats(ctx)
	if st.Facts != cleanStats.Facts || st.Documents != cleanStats.Documents || vectorCount(w) != cleanVectors {
		t.Errorf("after re-ingesting: %d documents, %d facts, %d vectors; clean: %d, %d, %d",
			st.Documents, st.Facts, vectorCount(w), cleanStats.Documents, cleanStats.Facts, cleanVectors)
	}
	if n, all := w.Pending(); n != 0 || all {
		t.Errorf("after re-ingesting: %d documents still marked (all %v)", n, all)
	}
	w.Close()
	if _, err := os.Stat(filepath.Join(dir, rewriteFile)); !os.IsNotExist(err) {
		t.Errorf("the mark outlived the re-ingest: %v", err)
	}
	// The writer made the files whole (the damaged ones kept aside): the
	// next open finds nothing damaged and marks nothing.
	again := mustOpen(t, Config{Dir: dir})
	if d := again.Damage(); len(d) != 0 {
		t.Errorf("reopened after the repair and the re-ingest: damage %+v", d)
	}
	if n, all := again.Pending(); n != 0 || all {
		t.Errorf("reopened: %d documents marked (all %v)", n, all)
	}
	for _, f := range []string{filepath.Join("vectors", "vectors.log.damaged"), filepath.Join("kg", "facts.log.damaged")} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("the damaged file was not kept aside: %v", err)
		}
	}
}

// TestDamagedGraphWithoutVectors: a writer opening a knowledge base with
// vectors turned off and a damaged graph log marks and repairs the graph
// (a path that once reached for the vectors it does not have).
func TestDamagedGraphWithoutVectors(t *testing.T) {
	dir := t.TempDir()
	k := mustOpen(t, Config{Dir: dir, Create: true, NoVectors: true})
	mustIngest(t, k, sampleDir(t, "culture"))
	k.Close()
	p := filepath.Join(dir, "kg", "facts.log")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := len(b) / 2
	for b[i] == '\n' {
		i++
	}
	b[i] ^= 0x20
	os.WriteFile(p, b, 0o644)
	w := mustOpen(t, Config{Dir: dir, NoVectors: true})
	if d := w.Damage(); len(d) == 0 || d[0].Store != "graph" {
		t.Errorf("damage %+v; want the graph's", d)
	}
	if n, all := w.Pending(); n == 0 && !all {
		t.Error("no document marked to write again")
	}
}
