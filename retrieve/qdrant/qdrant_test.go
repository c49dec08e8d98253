package qdrant

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/retrieve/qdrant/qdranttest"
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

// target is where the suite runs: the in-process server, or a live Qdrant
// when QDRANT_URL is set (a fresh collection per run).
type target struct {
	url, apiKey, collection string
	fake                    *qdranttest.Server
}

func targets(t *testing.T) []target {
	f := qdranttest.Start(t, "secret")
	out := []target{{url: f.Addr, apiKey: "secret", collection: "wenda_test", fake: f}}
	if live := os.Getenv("QDRANT_URL"); live != "" {
		out = append(out, target{url: live, apiKey: os.Getenv("QDRANT_API_KEY"), collection: fmt.Sprintf("wenda_test_%d", time.Now().UnixNano())})
	} else {
		t.Log("live Qdrant skipped: set QDRANT_URL (gRPC, e.g. localhost:6334) to run this suite against a real server")
	}
	return out
}

func TestStoreSuite(t *testing.T) {
	for _, tg := range targets(t) {
		name := "in-process"
		if tg.fake == nil {
			name = "live"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s, err := New(ctx, Config{URL: tg.url, APIKey: tg.apiKey, Collection: tg.collection, KB: "kb1", Dimension: 3, BatchSize: 2})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if tg.fake != nil {
				c := tg.fake.Collections[tg.collection]
				if c == nil || c.Size != 3 || c.Dist.String() != "Cosine" || len(c.Indexes) != 2 {
					t.Fatalf("collection created as %+v; want size 3, cosine, indexes on kb and doc", c)
				}
			}
			// Another knowledge base in the same collection must not leak in.
			other, err := New(ctx, Config{URL: tg.url, APIKey: tg.apiKey, Collection: tg.collection, KB: "kb2", Dimension: 3})
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			if err := other.Upsert(ctx, []corpora.Embedding{emb("a", 0, 1, 0, 0)}); err != nil {
				t.Fatal(err)
			}

			items := []corpora.Embedding{emb("a", 0, 1, 0, 0), emb("a", 1, 0.8, 0.2, 0), emb("b", 0, 0, 1, 0), emb("c", 0, 0, 0, 1), emb("c", 1, 0, 0.1, 1)}
			if err := s.Upsert(ctx, items); err != nil {
				t.Fatal(err)
			}
			if tg.fake != nil && tg.fake.Upserts != 1+3 {
				t.Errorf("5 points in batches of 2 took %d upserts (1 from kb2); want 1+3", tg.fake.Upserts)
			}
			hs, err := s.Search(ctx, []float32{1, 0, 0}, 2)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(hs); len(got) != 2 || got[0] != "a#0" || got[1] != "a#1" || hs[1].DocID != "a" || hs[1].Ordinal != 1 {
				t.Errorf("Search = %+v; want a#0, a#1 of kb1 only", hs)
			}
			// Re-upsert overwrites: same ids, new vector.
			if err := s.Upsert(ctx, []corpora.Embedding{emb("b", 0, 1, 0, 0)}); err != nil {
				t.Fatal(err)
			}
			hs, _ = s.Search(ctx, []float32{1, 0, 0}, 10)
			if len(hs) != 5 {
				t.Errorf("after re-upsert, kb1 holds %d points; want 5 (overwritten, not added)", len(hs))
			}
			// Filtered query.
			hs, _ = s.Search(ctx, []float32{1, 0, 0}, 10, "c")
			if got := ids(hs); len(got) != 2 || !strings.HasPrefix(got[0], "c#") || !strings.HasPrefix(got[1], "c#") {
				t.Errorf("Search filtered to document c = %v", got)
			}
			hs, _ = s.Search(ctx, []float32{1, 0, 0}, 10, "b", "c")
			if len(hs) != 3 {
				t.Errorf("Search filtered to b, c = %v; want 3", ids(hs))
			}
			// Delete by document.
			if err := s.DeleteDoc(ctx, "a"); err != nil {
				t.Fatal(err)
			}
			hs, _ = s.Search(ctx, []float32{1, 0, 0}, 10)
			for _, h := range hs {
				if h.DocID == "a" {
					t.Errorf("document a still found after DeleteDoc: %v", ids(hs))
				}
			}
			if hs, _ := other.Search(ctx, []float32{1, 0, 0}, 10); len(hs) != 1 {
				t.Errorf("kb2 lost its points when kb1 deleted a: %v", ids(hs))
			}
			// Dimension mismatches: a vector, and the collection itself.
			if err := s.Upsert(ctx, []corpora.Embedding{emb("d", 0, 1, 2)}); !errors.Is(err, ErrDimension) {
				t.Errorf("Upsert of a 2-dimensional vector: %v; want ErrDimension", err)
			}
			if _, err := New(ctx, Config{URL: tg.url, APIKey: tg.apiKey, Collection: tg.collection, KB: "kb1", Dimension: 4}); !errors.Is(err, ErrDimension) {
				t.Errorf("New with dimension 4 on a 3-dimensional collection: %v; want ErrDimension", err)
			}
		})
	}
}

func TestPointIDsAreStable(t *testing.T) {
	a, b := PointID("kb", "doc#1"), PointID("kb", "doc#1")
	if a != b || len(a) != 36 {
		t.Errorf("PointID not stable or not a UUID: %q, %q", a, b)
	}
	if PointID("kb", "doc#1") == PointID("kb2", "doc#1") || PointID("kb", "doc#1") == PointID("kb", "doc#2") {
		t.Error("PointID collides across knowledge bases or chunks")
	}
}

func TestUnreachableAndRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := New(ctx, Config{URL: addr, KB: "kb", Dimension: 3}); !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), addr) {
		t.Errorf("New against a closed port: %v; want ErrUnreachable naming %s", err, addr)
	}
	fakeAddr := qdranttest.Start(t, "secret").Addr
	if _, err := New(ctx, Config{URL: fakeAddr, APIKey: "wrong", KB: "kb", Dimension: 3}); err == nil || !strings.Contains(err.Error(), "API key") {
		t.Errorf("New with a wrong API key: %v; want an error about the key", err)
	}
	if _, err := New(ctx, Config{URL: "http://localhost:6333", KB: "kb", Dimension: 3}); err == nil || !strings.Contains(err.Error(), "REST") {
		t.Errorf("New with the REST port: %v; want a hint about gRPC", err)
	}
}
