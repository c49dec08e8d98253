package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

// cmrcLine is the first n CMRC 2018 passages as one line of text, as a
// single-line file of a user's holds it.
func cmrcLine(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	for _, d := range cmrcDocuments(t)[:n] {
		b.WriteString(strings.ReplaceAll(d.Text, "\n", ""))
	}
	return b.String()
}

// TestRunLargeDocument: documents larger than BatchChars are split across
// batches, so no write holds more than 2×BatchChars of text (a 50 MB
// document was one batch of 85,000 chunks), and each ends ingested exactly
// as a whole one would be, also when it changes to fewer or more chunks.
func TestRunLargeDocument(t *testing.T) {
	const batchChars = 4 << 10
	versions := []struct {
		name     string
		passages int // of the first large file; the second has twice as many
	}{
		{"first", 20}, {"shorter", 8}, {"longer", 40}, {"again", 40},
	}
	tests := []struct {
		name    string
		vectors func(*memVectors) Vectors
		writers int
	}{
		{"plain vectors, one writer", func(v *memVectors) Vectors { return v }, 1},
		{"replacer, one writer", func(v *memVectors) Vectors { return replacer{v} }, 1},
		{"replacer, three writers", func(v *memVectors) Vectors { return replacer{v} }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			index, vectors := newIndex(), newVectors()
			cfg := Config{Embedder: lengths, Vectors: tt.vectors(vectors), BatchChars: batchChars, Writers: tt.writers, Workers: 2}
			var before []corpora.Document
			for _, v := range versions {
				// The handbook's chapters, each smaller than a batch, between
				// and beside the two large files.
				files := writeFiles(t, dir, handbook)
				files = append(files, writeFiles(t, dir, map[string]string{
					"一行.txt": cmrcLine(t, v.passages), "二行.txt": cmrcLine(t, 2*v.passages)})...)
				docs := read(t, files)
				want := Summary{Files: len(files), Bytes: bytesOf(files)}
				for i, d := range docs {
					if i < len(before) && Hash(d, chunkSize) == Hash(before[i], chunkSize) {
						want.Unchanged++
						continue
					}
					want.Docs++
					want.Chunks += len(Chunk(d, chunkSize))
				}
				index.most, index.writes = 0, 0
				sum, err := run(t, cfg, index, files)
				sum.Elapsed = 0
				if err != nil || fmt.Sprint(sum) != fmt.Sprint(want) {
					t.Errorf("%s: Run = %+v, %v; want %+v", v.name, sum, err, want)
				}
				if index.most > 2*batchChars {
					t.Errorf("%s: a write held %d bytes of chunk text; want at most 2×BatchChars = %d", v.name, index.most, 2*batchChars)
				}
				if big := len(docs[len(docs)-1].Text); want.Chunks > 0 && index.writes < big/batchChars {
					t.Errorf("%s: %d writes for a document of %d bytes; want it split in batches of %d", v.name, index.writes, big, batchChars)
				}
				checkIngested(t, index, vectors, docs)
				if len(index.docs) != len(docs) {
					t.Errorf("%s: index records %d documents; want %d", v.name, len(index.docs), len(docs))
				}
				before = docs
			}
		})
	}
}

// TestRunLargeDocumentCrash: a write failing in the middle of a large
// document (a crash) leaves it recorded without a hash, with a count
// covering every chunk written of it, so the next run writes it again and
// deletes what the interrupted one left — even a shorter version of it
// whose count is below the chunks that run wrote.
func TestRunLargeDocumentCrash(t *testing.T) {
	const batchChars = 2 << 10
	errDisk := errors.New("disk full")
	tests := []struct {
		name   string
		before int // passages ingested before (0: the document is new)
		failed int // passages of the run that fails
		after  int // passages of the run after it
	}{
		{"new document", 0, 20, 20},
		{"grown, then shrunk", 10, 30, 5},
		{"shrunk, then grown", 30, 10, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			index, vectors := newIndex(), newVectors()
			cfg := Config{Embedder: lengths, Vectors: replacer{vectors}, BatchChars: batchChars, Writers: 1}
			ingest := func(passages int) []corpora.Document {
				files := writeFiles(t, dir, map[string]string{"一行.txt": cmrcLine(t, passages)})
				if _, err := run(t, cfg, index, files); err != nil {
					t.Fatalf("Run of %d passages: %v", passages, err)
				}
				return read(t, files)
			}
			if tt.before > 0 {
				ingest(tt.before)
			}

			writes := 0
			index.write = func(ctx context.Context, docs []corpora.DocRecord) error {
				if writes++; writes == 4 {
					return errDisk
				}
				return nil
			}
			files := writeFiles(t, dir, map[string]string{"一行.txt": cmrcLine(t, tt.failed)})
			doc := read(t, files)[0]
			if len(doc.Text) < 5*batchChars {
				t.Fatalf("the document is %d bytes; want more than four batches of %d", len(doc.Text), batchChars)
			}
			if _, err := run(t, cfg, index, files); !errors.Is(err, errDisk) {
				t.Fatalf("Run with the fourth write failing = %v; want %v", err, errDisk)
			}
			index.write = nil
			rec, ok := index.docs[doc.ID]
			if !ok || rec.Hash != "" {
				t.Errorf("after the failure, record of %s = %+v, %v; want one without a hash", doc.ID, rec, ok)
			}
			for id, c := range index.chunks {
				if c.DocID == doc.ID && c.Ordinal >= rec.Chunks {
					t.Errorf("after the failure, chunk %s is past the record's count %d: nothing would delete it", id, rec.Chunks)
				}
			}

			checkIngested(t, index, vectors, ingest(tt.after))
		})
	}
}
