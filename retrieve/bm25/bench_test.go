package bm25

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

var cmrcDev = filepath.Join("..", "..", "..", "shared", "data", "cmrc2018", "dev.json")

// BenchmarkSearch measures a query against the CMRC 2018 dev passages in
// each mode; compare the modes as ratios within one run.
func BenchmarkSearch(b *testing.B) {
	sq, err := corpora.ReadSQuAD(cmrcDev)
	if err != nil {
		b.Skipf("skipped: %v", err)
	}
	ctx := context.Background()
	x, err := New(context.Background(), Config{Dir: filepath.Join(b.TempDir(), "bm25")})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	var recs []corpora.DocRecord
	var chunks []corpora.Chunk
	for _, d := range sq.Documents() {
		recs = append(recs, corpora.DocRecord{ID: d.ID, Chunks: 1})
		chunks = append(chunks, corpora.Chunk{ID: corpora.ChunkID(d.ID, 0), DocID: d.ID, Title: d.Title, Text: d.Text})
	}
	if err := x.Write(ctx, recs, chunks); err != nil {
		b.Fatal(err)
	}
	qs := sq.Questions()
	for _, mode := range []struct {
		name   string
		search func(q string) ([]corpora.Hit, error)
	}{
		{"words", func(q string) ([]corpora.Hit, error) { return x.SearchField(ctx, Words, q, 20) }},
		{"bigrams", func(q string) ([]corpora.Hit, error) { return x.SearchField(ctx, Bigrams, q, 20) }},
		{"sum", func(q string) ([]corpora.Hit, error) { return x.Search(ctx, q, 20) }},
	} {
		b.Run(mode.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := mode.search(qs[i%len(qs)].Text); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite measures indexing the CMRC passages (analysis with gse and
// bigrams, and bleve's segment building), in MB/s of text.
func BenchmarkWrite(b *testing.B) {
	sq, err := corpora.ReadSQuAD(cmrcDev)
	if err != nil {
		b.Skipf("skipped: %v", err)
	}
	docs := sq.Documents()
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text))
	}
	ctx := context.Background()
	b.SetBytes(size)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "bm25")
		x, err := New(context.Background(), Config{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		var recs []corpora.DocRecord
		var chunks []corpora.Chunk
		for _, d := range docs {
			recs = append(recs, corpora.DocRecord{ID: d.ID, Chunks: 1})
			chunks = append(chunks, corpora.Chunk{ID: corpora.ChunkID(d.ID, 0), DocID: d.ID, Title: d.Title, Text: d.Text})
		}
		b.StartTimer()
		if err := x.Write(ctx, recs, chunks); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		x.Close()
		os.RemoveAll(dir)
		b.StartTimer()
	}
}
