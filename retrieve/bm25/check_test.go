package bm25

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

// TestCheckDamage damages each file of an index (a byte flipped at 30
// random offsets, the file cut at 30 random lengths). Before Check, bleve
// crashed the process on a cut root.bolt (a fault in its memory map),
// loaded an older snapshot without a word on a cut segment (a third of
// the documents gone) and served flipped segments as they were. Now each
// case is either refused by Check or New with a DamageError naming the
// file, or opens with every document and chunk, their text as written.
func TestCheckDamage(t *testing.T) {
	ctx := context.Background()
	master := filepath.Join(t.TempDir(), "bm25")
	x, err := New(ctx, Config{Dir: master})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for b := 0; b < 3; b++ { // three batches: three segments, and merges
		var recs []corpora.DocRecord
		var chunks []corpora.Chunk
		for d := 0; d < 20; d++ {
			id := fmt.Sprintf("d%d-%d", b, d)
			c := corpora.Chunk{ID: corpora.ChunkID(id, 0), DocID: id, Title: id, Text: fmt.Sprintf("第%d批第%d篇：图书馆的借阅期限是三十天。", b, d)}
			recs = append(recs, corpora.DocRecord{ID: id, Hash: "h", Chunks: 1})
			chunks = append(chunks, c)
			want[c.ID] = c.Text
		}
		if err := x.Write(ctx, recs, chunks); err != nil {
			t.Fatal(err)
		}
	}
	x.Close()
	if err := Check(master); err != nil {
		t.Fatalf("Check of a whole index: %v", err)
	}
	var files []string
	filepath.WalkDir(master, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			r, _ := filepath.Rel(master, p)
			files = append(files, filepath.ToSlash(r))
		}
		return err
	})
	rng := rand.New(rand.NewPCG(1, 2))
	refused := 0
	for _, f := range files {
		orig, err := os.ReadFile(filepath.Join(master, f))
		if err != nil {
			t.Fatal(err)
		}
		for trial := 0; trial < 60; trial++ {
			damaged := slices.Clone(orig)
			what := ""
			if trial < 30 {
				i := rng.IntN(len(damaged))
				damaged[i] ^= byte(1 + rng.IntN(255))
				what = fmt.Sprintf("%s: byte %d of %d flipped", f, i, len(orig))
			} else {
				n := rng.IntN(len(damaged))
				damaged = damaged[:n]
				what = fmt.Sprintf("%s: cut at %d of %d", f, n, len(orig))
			}
			dir := filepath.Join(t.TempDir(), "bm25")
			if err := os.CopyFS(dir, os.DirFS(master)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, f), damaged, 0o644); err != nil {
				t.Fatal(err)
			}
			err := Check(dir)
			var y *Index
			if err == nil {
				y, err = New(ctx, Config{Dir: dir, ReadOnly: true})
			}
			if err != nil {
				var d *DamageError
				if !errors.As(err, &d) || !errors.Is(err, ErrDamaged) {
					t.Errorf("%s: refused without a DamageError: %v", what, err)
				}
				refused++
				continue
			}
			got := map[string]string{}
			err = y.EachChunk(ctx, func(c corpora.Chunk) error { got[c.ID] = c.Text; return nil })
			st, serr := y.Stats(ctx)
			hits, herr := y.Search(ctx, "借阅期限", 100)
			y.Close()
			if err != nil || serr != nil || herr != nil {
				t.Errorf("%s: opened, then failed: %v, %v, %v", what, err, serr, herr)
				continue
			}
			if !maps.Equal(got, want) || st.Documents != 60 || len(hits) != 60 {
				t.Errorf("%s: opened with %d of %d chunks (%d documents, %d hits) and no word of damage", what, len(got), len(want), st.Documents, len(hits))
			}
		}
	}
	t.Logf("%d files, %d damaged copies: %d refused naming the file, the rest whole", len(files), 60*len(files), refused)
}

// FuzzCheck: any root.bolt beside a real index's segments is refused by
// Check (or bleve's open) with a DamageError, or opens and answers; never
// a panic or a fault.
func FuzzCheck(f *testing.F) {
	ctx := context.Background()
	master := filepath.Join(f.TempDir(), "bm25")
	x, err := New(ctx, Config{Dir: master})
	if err != nil {
		f.Fatal(err)
	}
	c := corpora.Chunk{ID: corpora.ChunkID("d", 0), DocID: "d", Title: "d", Text: "图书馆的借阅期限是三十天。"}
	if err := x.Write(ctx, []corpora.DocRecord{{ID: "d", Hash: "h", Chunks: 1}}, []corpora.Chunk{c}); err != nil {
		f.Fatal(err)
	}
	x.Close()
	root, err := os.ReadFile(filepath.Join(master, "store", "root.bolt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(root)
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := filepath.Join(t.TempDir(), "bm25")
		if err := os.CopyFS(dir, os.DirFS(master)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "store", "root.bolt"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		err := Check(dir)
		var y *Index
		if err == nil {
			y, err = New(ctx, Config{Dir: dir, ReadOnly: true})
		}
		if err != nil {
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("refused without a DamageError: %v", err)
			}
			return
		}
		defer y.Close()
		if _, err := y.Search(ctx, "借阅期限", 10); err != nil {
			t.Logf("search: %v", err)
		}
	})
}
