package retrieve

import (
	"context"
	"reflect"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

func hits(ids ...string) []corpora.Hit {
	out := make([]corpora.Hit, len(ids))
	for i, id := range ids {
		out[i] = corpora.Hit{Chunk: corpora.Chunk{ID: id}}
	}
	return out
}

func ids(hs []corpora.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

func TestFuse(t *testing.T) {
	got := Fuse(60, hits("a", "b", "c"), hits("c", "b", "d"))
	// b: 1/62+1/62, c: 1/63+1/61, a: 1/61, d: 1/63
	want := []string{"c", "b", "a", "d"}
	if !reflect.DeepEqual(ids(got), want) {
		t.Errorf("Fuse = %v; want %v", ids(got), want)
	}
	if got := Fuse(60); len(got) != 0 {
		t.Errorf("Fuse of nothing = %v; want empty", ids(got))
	}
}

type store map[string]corpora.Chunk

func (s store) Chunks(ctx context.Context, ids []string) ([]corpora.Chunk, error) {
	var out []corpora.Chunk
	for _, id := range ids {
		if c, ok := s[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

func TestHybridLoadsTextAndDropsVanished(t *testing.T) {
	st := store{"a": {ID: "a", Text: "甲"}, "c": {ID: "c", Text: "丙"}}
	list := func(hs ...string) Searcher {
		return SearchFunc(func(ctx context.Context, q string, k int) ([]corpora.Hit, error) { return hits(hs...), nil })
	}
	h, err := New(Config{}, st, list("a", "b"), list("c", "a"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := h.Search(context.Background(), "问题", 3)
	if err != nil {
		t.Fatal(err)
	}
	// b is in no store (deleted since it was ranked): left out.
	if want := []string{"a", "c"}; !reflect.DeepEqual(ids(got), want) || got[0].Text != "甲" {
		t.Errorf("Search = %v (%q); want %v with text loaded", ids(got), got[0].Text, want)
	}
	if _, err := New(Config{}, st); err == nil {
		t.Error("New with no lists succeeded")
	}
}

func TestFuseWeighted(t *testing.T) {
	// With the second list weighted 3, its first item outranks the first list's.
	got := FuseWeighted(60, []float64{1, 3}, hits("a", "b"), hits("b", "c"))
	if want := []string{"b", "c", "a"}; !reflect.DeepEqual(ids(got), want) {
		t.Errorf("FuseWeighted = %v; want %v", ids(got), want)
	}
}
