package wenda

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/retrieve"
)

// Reranker scores passages against a query, as a cross-encoder does
// (retrieve/rerank.New: bge-reranker through TEI, SiliconFlow or Jina):
// scores[i] is docs[i]'s relevance, higher more relevant.
type Reranker interface {
	Rerank(ctx context.Context, query string, docs []string) ([]float64, error)
}

// DefaultRerankDepth is how many fused candidates the reranker reorders
// when Config.RerankDepth is 0.
const DefaultRerankDepth = 30

// Ranker ranks passages as Search and Answer do: the fused lists
// (Retriever), their top Config.RerankDepth reordered by the configured
// reranker. A reranker that fails leaves the fused order, with a warning
// (Config.Logf): it never fails a question.
type Ranker struct {
	h      *retrieve.Hybrid
	rr     Reranker // nil: the fused order
	depth  int
	logf   func(format string, args ...any)
	failed atomic.Int64
}

// Ranker is the ranking for opt (Config.Retrieval where zero): Retriever's,
// reordered by the reranker when one is configured and opt does not turn
// it off (NoRerank).
func (k *KB) Ranker(opt SearchOptions) (*Ranker, error) {
	h, _, err := k.retriever(opt)
	if err != nil {
		return nil, err
	}
	r := &Ranker{h: h, depth: k.RerankDepth(), logf: k.cfg.Logf}
	if !opt.NoRerank {
		r.rr = k.cfg.Reranker
	}
	if r.logf == nil {
		r.logf = func(string, ...any) {}
	}
	return r, nil
}

// RerankDepth is how many fused candidates the reranker reorders.
func (k *KB) RerankDepth() int {
	if k.cfg.RerankDepth > 0 {
		return k.cfg.RerankDepth
	}
	return DefaultRerankDepth
}

// Reranks reports whether the ranking goes through a reranker.
func (r *Ranker) Reranks() bool { return r.rr != nil }

// Failures counts the searches whose reranking failed (the fused order
// kept).
func (r *Ranker) Failures() int64 { return r.failed.Load() }

// Search returns the k best passages.
func (r *Ranker) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	ranked, _, err := r.explain(ctx, q, k)
	if err != nil {
		return nil, err
	}
	out := make([]corpora.Hit, len(ranked))
	for i, rk := range ranked {
		out[i] = rk.Hit
	}
	return out, nil
}

// reranked is a fused hit with the reranker's score (nil: not reranked).
type reranked struct {
	retrieve.Ranked
	score *float64
}

// explain is the k best passages with what each list said of them and
// the reranker's score, and the reranker's failure as a warning ("" when
// none).
func (r *Ranker) explain(ctx context.Context, q string, k int) ([]reranked, string, error) {
	if k <= 0 {
		k = 10
	}
	n := k
	if r.rr != nil {
		n = max(k, r.depth)
	}
	fused, err := r.h.Explain(ctx, q, n)
	if err != nil {
		return nil, "", err
	}
	out := make([]reranked, len(fused))
	for i, f := range fused {
		out[i] = reranked{Ranked: f}
	}
	warning := ""
	if r.rr != nil && len(out) > 1 {
		top := out[:min(r.depth, len(out))]
		docs := make([]string, len(top))
		for i, h := range top {
			docs[i] = passage(h.Hit)
		}
		scores, err := r.rr.Rerank(ctx, q, docs)
		if err == nil && len(scores) != len(docs) {
			err = fmt.Errorf("%d scores for %d passages", len(scores), len(docs))
		}
		if err != nil {
			r.failed.Add(1)
			warning = fmt.Sprintf("wenda: rerank: %v (the fused order is kept)", err)
			r.logf("%s", warning)
		} else {
			for i := range top {
				top[i].score = &scores[i]
			}
			sort.SliceStable(top, func(i, j int) bool { return *top[i].score > *top[j].score })
		}
	}
	return out[:min(k, len(out))], warning, nil
}

// passage is a hit as the reranker reads it: its title, its table's
// header, its text.
func passage(h corpora.Hit) string {
	var b strings.Builder
	for _, s := range []string{h.Title, h.Header, h.Text} {
		if s = strings.TrimSpace(s); s != "" {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(s)
		}
	}
	return b.String()
}
