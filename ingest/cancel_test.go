package ingest

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/corpora"
)

// TestRunCancelledWhileBlocked: a run whose context is cancelled while one
// of its steps is stuck (an abandoned upload, a slow disk) returns with the
// context's error, and has recorded no document it did not finish. The
// stores block until their context is done, as the real ones do; reading a
// file takes no context at all, so a read that never ends must not hold
// the run either.
func TestRunCancelledWhileBlocked(t *testing.T) {
	const batchChars = 2 << 10
	tests := []struct {
		name string
		// setup makes one step of the run block, calling stuck when it
		// does; release ends a block that ignores the context.
		setup func(cfg *Config, index *memIndex, read *func(corpora.File) ([]corpora.Document, error), stuck func(), release <-chan struct{})
	}{
		{"index write", func(cfg *Config, index *memIndex, _ *func(corpora.File) ([]corpora.Document, error), stuck func(), _ <-chan struct{}) {
			var writes atomic.Int32 // the pipeline's writers run at once
			index.write = func(ctx context.Context, docs []corpora.DocRecord) error {
				if writes.Add(1) < 3 {
					return nil // the document's first parts go in
				}
				stuck()
				<-ctx.Done()
				return ctx.Err()
			}
		}},
		{"index lookup", func(cfg *Config, index *memIndex, _ *func(corpora.File) ([]corpora.Document, error), stuck func(), _ <-chan struct{}) {
			index.lookup = func(ctx context.Context, docID string) error {
				stuck()
				<-ctx.Done()
				return ctx.Err()
			}
		}},
		{"embedder", func(cfg *Config, _ *memIndex, _ *func(corpora.File) ([]corpora.Document, error), stuck func(), _ <-chan struct{}) {
			cfg.Embedder = embedFunc(func(ctx context.Context, texts []string) ([][]float32, error) {
				stuck()
				<-ctx.Done()
				return nil, ctx.Err()
			})
		}},
		{"graph", func(cfg *Config, _ *memIndex, _ *func(corpora.File) ([]corpora.Document, error), stuck func(), _ <-chan struct{}) {
			cfg.Graph = graphFunc(func(ctx context.Context, ids []string, docs []corpora.Document) error {
				stuck()
				<-ctx.Done()
				return ctx.Err()
			})
		}},
		{"reading, deaf to the context", func(_ *Config, _ *memIndex, read *func(corpora.File) ([]corpora.Document, error), stuck func(), release <-chan struct{}) {
			next := *read
			*read = func(f corpora.File) ([]corpora.Document, error) {
				stuck()
				<-release
				return next(f)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := writeFiles(t, t.TempDir(), map[string]string{"一行.txt": cmrcLine(t, 20)})
			index, vectors := newIndex(), newVectors()
			cfg := Config{ChunkSize: chunkSize, Embedder: lengths, Vectors: replacer{vectors}, BatchChars: batchChars, Writers: 2}
			read := func(f corpora.File) ([]corpora.Document, error) { return corpora.ReadFile(f) }
			blocked, release := make(chan struct{}), make(chan struct{})
			defer close(release)
			var once sync.Once
			tt.setup(&cfg, index, &read, func() { once.Do(func() { close(blocked) }) }, release)
			p, err := New(cfg, index)
			if err != nil {
				t.Fatal(err)
			}

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			type result struct {
				sum Summary
				err error
			}
			done := make(chan result, 1)
			go func() {
				sum, err := p.run(ctx, files, read)
				done <- result{sum, err}
			}()
			select {
			case <-blocked:
			case r := <-done:
				t.Fatalf("Run returned %+v, %v before its step blocked", r.sum, r.err)
			}
			cancel()
			// Not a measure of speed: a run that waits for the blocked
			// step never returns at all.
			select {
			case r := <-done:
				if !errors.Is(r.err, context.Canceled) {
					t.Errorf("Run cancelled while its %s blocked = %v; want %v", tt.name, r.err, context.Canceled)
				}
				if r.sum.Docs != 0 || len(r.sum.Failed) > 0 {
					t.Errorf("Run cancelled while its %s blocked: summary %+v; want no document written, no file failed", tt.name, r.sum)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("Run still running 10 s after its context was cancelled while its %s blocked", tt.name)
			}
			for id, d := range index.docs {
				if d.Hash != "" {
					t.Errorf("document %s recorded as ingested by the cancelled run: %+v", id, d)
				}
			}
		})
	}
}
