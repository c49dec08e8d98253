package wenda

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/retrieve/rerank"
)

// rerankFunc is a Reranker in one line.
type rerankFunc func(ctx context.Context, q string, docs []string) ([]float64, error)

func (f rerankFunc) Rerank(ctx context.Context, q string, docs []string) ([]float64, error) {
	return f(ctx, q, docs)
}

// prefer is a reranker that puts the passages holding word first.
func prefer(word string, asked *[]int) rerankFunc {
	return func(ctx context.Context, q string, docs []string) ([]float64, error) {
		*asked = append(*asked, len(docs))
		scores := make([]float64, len(docs))
		for i, d := range docs {
			if strings.Contains(d, word) {
				scores[i] = 1
			}
		}
		return scores, nil
	}
}

// TestRerank: the configured reranker reorders the fused top candidates
// of Search and of the passages an answer is read from; NoRerank and a
// reranker that fails leave the fused order, the failure a warning.
func TestRerank(t *testing.T) {
	dir := t.TempDir()
	plain := mustOpen(t, Config{Dir: dir, Create: true})
	mustIngest(t, plain, sampleDir(t, "handbook"))
	const q = "年假可以顺延到什么时候？"
	fused, err := plain.Search(context.Background(), q, SearchOptions{K: 30})
	if err != nil || len(fused.Hits) < 3 || fused.Reranked {
		t.Fatalf("fused: %+v %v", fused, err)
	}
	// A passage the fusion ranks low, which the reranker will prefer.
	low := fused.Hits[len(fused.Hits)-1]
	marker := "" // six characters of its text, in no other passage
	for r, i := []rune(low.Text), 0; marker == "" && i+6 <= len(r); i++ {
		m, other := string(r[i:i+6]), false
		for _, h := range fused.Hits[:len(fused.Hits)-1] {
			other = other || strings.Contains(h.Title+"\n"+h.Text, m)
		}
		if !other && strings.TrimSpace(m) == m {
			marker = m
		}
	}
	if marker == "" {
		t.Fatalf("no marker in %q", low.Text)
	}
	plain.Close()

	var asked []int
	var logged []string
	llm := &recordingLLM{}
	k := mustOpen(t, Config{Dir: dir, Reranker: prefer(marker, &asked), RerankDepth: 30, LLM: llm,
		Logf: func(f string, a ...any) { logged = append(logged, f) }})
	res, err := k.Search(context.Background(), q, SearchOptions{K: 3})
	if err != nil || !res.Reranked || res.Warning != "" || len(res.Hits) != 3 || res.Hits[0].Doc != low.Doc || res.Hits[0].Chunk != low.Chunk ||
		res.Hits[0].Rerank == nil || *res.Hits[0].Rerank != 1 || len(asked) != 1 || asked[0] != len(fused.Hits) {
		t.Errorf("reranked: %+v %v (asked about %v); want %s#%d first", res, err, asked, low.Doc, low.Chunk)
	}
	// Answers read the reranked passages: the model's first source.
	if _, err := k.Answer(context.Background(), answer.Request{Question: q}); err != nil {
		t.Fatal(err)
	}
	if p := llm.last(); !strings.Contains(p, `<资料 编号="1" 标题="`+low.Title+`" 来源="`+low.Doc+"#"+strconv.Itoa(low.Chunk)+`"`) {
		t.Errorf("the model's sources, not reranked:\n%s", p)
	}
	r, _ := k.Ranker(SearchOptions{})
	hits, err := r.Search(context.Background(), q, 1)
	if err != nil || len(hits) != 1 || hits[0].DocID != low.Doc || hits[0].Ordinal != low.Chunk {
		t.Errorf("ranker: %+v %v", hits, err)
	}
	// Turned off for one search: the fused order.
	if res, err := k.Search(context.Background(), q, SearchOptions{K: 3, NoRerank: true}); err != nil || res.Reranked || hitDocs(res)[0] != fused.Hits[0].Doc {
		t.Errorf("NoRerank: %+v %v", res, err)
	}
	k.Close()

	// A failing reranker: the fused order, a warning, never an error.
	failing := rerankFunc(func(context.Context, string, []string) ([]float64, error) { return nil, errors.New("endpoint down") })
	k = mustOpen(t, Config{Dir: dir, Reranker: failing, Logf: func(f string, a ...any) { logged = append(logged, f) }})
	res, err = k.Search(context.Background(), q, SearchOptions{K: 3})
	if err != nil || res.Reranked || !strings.Contains(res.Warning, "endpoint down") || res.Hits[0].Doc != fused.Hits[0].Doc || res.Hits[0].Chunk != fused.Hits[0].Chunk {
		t.Errorf("failing reranker: %+v %v", res, err)
	}
	if a, err := k.Answer(context.Background(), answer.Request{Question: q}); err != nil || !a.Found {
		t.Errorf("answer with a failing reranker: %+v %v", a, err)
	}
	if len(logged) < 2 {
		t.Errorf("logged %q; want the failures", logged)
	}
}

// TestRerankEndpoint wires the /rerank client (TEI's API, found at the
// first call) into a knowledge base against an in-process server.
func TestRerankEndpoint(t *testing.T) {
	var texts int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Query string   `json:"query"`
			Texts []string `json:"texts"`
		}
		if json.NewDecoder(r.Body).Decode(&req); req.Texts == nil {
			http.Error(w, "missing field `texts`", http.StatusUnprocessableEntity)
			return
		}
		texts = len(req.Texts)
		type rank struct {
			Index int     `json:"index"`
			Score float64 `json:"score"`
		}
		var out []rank
		for i, t := range req.Texts {
			s := 0.0
			if strings.Contains(t, "报销") {
				s = 1
			}
			out = append(out, rank{i, s})
		}
		json.NewEncoder(w).Encode(out)
	}))
	defer srv.Close()
	rr, err := rerank.New(rerank.Config{BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	k := mustOpen(t, Config{Dir: t.TempDir(), Create: true, Reranker: rr, RerankDepth: 10})
	mustIngest(t, k, sampleDir(t, "handbook"))
	res, err := k.Search(context.Background(), "年假可以顺延到什么时候？", SearchOptions{K: 3})
	if err != nil || !res.Reranked || texts == 0 || texts > 10 || !strings.Contains(res.Hits[0].Text, "报销") {
		t.Errorf("%+v %v (%d texts sent)", res, err, texts)
	}
}
