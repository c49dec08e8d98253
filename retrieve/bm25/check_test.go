package bm25

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestCheckLoopingTree: a root.bolt whose page tree points back up at
// itself — a bucket whose root is the page holding it, a branch page whose
// child is itself — is refused by Check, naming the loop, before bolt's
// cursor follows it down for ever. (Without the check, the branch case
// grows the process by gigabytes in seconds; a damaged copy in
// TestCheckDamage did so under -race now and then, as bleve's merges laid
// the file out differently, and .ci/run was killed for memory.)
func TestCheckLoopingTree(t *testing.T) {
	for _, c := range []struct {
		name string
		loop func(page []byte, root uint64) bool
	}{
		{"a bucket whose root is the page holding it", func(page []byte, root uint64) bool {
			le := binary.LittleEndian
			for i := 0; i < int(le.Uint16(page[10:])); i++ {
				e := page[boltPageHeader+i*boltElem:]
				if le.Uint32(e)&boltBucketElem != 0 {
					v := boltPageHeader + i*boltElem + int(le.Uint32(e[4:])+le.Uint32(e[8:]))
					le.PutUint64(page[v:], root)
					return true
				}
			}
			return false
		}},
		{"a branch page whose child is itself", func(page []byte, root uint64) bool {
			le := binary.LittleEndian
			le.PutUint16(page[8:], boltBranch)
			le.PutUint16(page[10:], 1)
			e := page[boltPageHeader:]
			le.PutUint32(e, boltElem) // its key: right after the element
			le.PutUint32(e[4:], 1)
			le.PutUint64(e[8:], root)
			return true
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			dir := filepath.Join(t.TempDir(), "bm25")
			x, err := New(ctx, Config{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			ch := corpora.Chunk{ID: corpora.ChunkID("d", 0), DocID: "d", Title: "d", Text: "图书馆的借阅期限是三十天。"}
			if err := x.Write(ctx, []corpora.DocRecord{{ID: "d", Hash: "h", Chunks: 1}}, []corpora.Chunk{ch}); err != nil {
				t.Fatal(err)
			}
			x.Close()
			path := filepath.Join(dir, "store", "root.bolt")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			le := binary.LittleEndian
			// The newer meta page names the root bucket's page.
			meta0, meta1 := b[boltPageHeader:], b[4096+boltPageHeader:]
			meta := meta0
			if le.Uint64(meta1[48:]) > le.Uint64(meta0[48:]) {
				meta = meta1
			}
			ps, root := uint64(le.Uint32(meta[8:])), le.Uint64(meta[16:])
			if !c.loop(b[root*ps:], root) {
				t.Fatal("nothing on the root page to loop")
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			err = Check(dir)
			var d *DamageError
			if !errors.As(err, &d) || !strings.Contains(err.Error(), "twice") {
				t.Fatalf("Check: %v; want a DamageError naming the loop", err)
			}
		})
	}
}
