// Package retrieve ranks chunks for a query: it runs each ranked list it is
// given (lexical now; vectors and graph facts later), fuses them by
// reciprocal rank fusion and loads the winners' text.
//
// Every list must rank chunks by the same ids (corpora.ChunkID), and every
// list's index must have been built with the analysis and model it queries
// with; Hybrid only combines ranks.
package retrieve

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/wenda-rag/wenda/corpora"
)

// Searcher is one ranked list.
type Searcher interface {
	Search(ctx context.Context, query string, k int) ([]corpora.Hit, error)
}

// SearchFunc lets a function be a Searcher.
type SearchFunc func(ctx context.Context, query string, k int) ([]corpora.Hit, error)

// Search calls f.
func (f SearchFunc) Search(ctx context.Context, query string, k int) ([]corpora.Hit, error) {
	return f(ctx, query, k)
}

// ChunkStore loads chunk text by id.
type ChunkStore interface {
	Chunks(ctx context.Context, ids []string) ([]corpora.Chunk, error)
}

// Config configures a Hybrid. Zero values are the defaults.
type Config struct {
	// Depth is how many hits each list contributes to fusion; default 50
	// (at least k).
	Depth int
	// RRFK is the k of reciprocal rank fusion, score = Σ w/(RRFK + rank);
	// default 60, as in Cormack et al. (2009).
	RRFK float64
	// Weights are the lists' weights w, in the order given to New; a
	// missing or zero weight is 1. They tune keyword against vector.
	Weights []float64
}

// Hybrid fuses ranked lists.
type Hybrid struct {
	cfg   Config
	store ChunkStore
	lists []Searcher
}

// New returns a Hybrid over lists, loading text from store.
func New(cfg Config, store ChunkStore, lists ...Searcher) (*Hybrid, error) {
	if store == nil {
		return nil, errors.New("retrieve: no chunk store")
	}
	if len(lists) == 0 {
		return nil, errors.New("retrieve: no ranked lists")
	}
	if cfg.Depth <= 0 {
		cfg.Depth = 50
	}
	if cfg.RRFK <= 0 {
		cfg.RRFK = 60
	}
	return &Hybrid{cfg: cfg, store: store, lists: lists}, nil
}

// Search returns the k best chunks with their text. With one list its scores
// are kept; with several, Score is the fused RRF score.
func (h *Hybrid) Search(ctx context.Context, query string, k int) ([]corpora.Hit, error) {
	ranked, err := h.Explain(ctx, query, k)
	if err != nil {
		return nil, err
	}
	out := make([]corpora.Hit, len(ranked))
	for i, r := range ranked {
		out[i] = r.Hit
	}
	return out, nil
}

// Ranked is a fused hit with its rank and score in each list (rank 0: not
// in that list's top).
type Ranked struct {
	corpora.Hit
	Ranks  []int
	Scores []float64
}

// Explain is Search with each hit's place in every list, in the order the
// lists were given: what each signal contributed.
func (h *Hybrid) Explain(ctx context.Context, query string, k int) ([]Ranked, error) {
	if k <= 0 {
		k = 10
	}
	var fused []corpora.Hit
	lists := make([][]corpora.Hit, len(h.lists))
	if len(h.lists) == 1 {
		hits, err := h.lists[0].Search(ctx, query, k)
		if err != nil {
			return nil, err
		}
		fused, lists[0] = hits, hits
	} else {
		depth := h.cfg.Depth
		if depth < k {
			depth = k
		}
		// The lists run at once: a query costs the slowest, not the sum.
		errs := make([]error, len(h.lists))
		var wg sync.WaitGroup
		for i, l := range h.lists {
			wg.Add(1)
			go func() {
				defer wg.Done()
				lists[i], errs[i] = l.Search(ctx, query, depth)
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				return nil, fmt.Errorf("retrieve: list %d: %w", i, err)
			}
		}
		fused = FuseWeighted(h.cfg.RRFK, h.cfg.Weights, lists...)
		if len(fused) > k {
			fused = fused[:k]
		}
	}
	ids := make([]string, len(fused))
	for i, f := range fused {
		ids[i] = f.ID
	}
	chunks, err := h.store.Chunks(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("retrieve: %w", err)
	}
	byID := make(map[string]corpora.Chunk, len(chunks))
	for _, c := range chunks {
		byID[c.ID] = c
	}
	out := make([]Ranked, 0, len(fused))
	for _, f := range fused {
		c, ok := byID[f.ID]
		if !ok {
			continue
		}
		r := Ranked{Hit: corpora.Hit{Chunk: c, Score: f.Score}, Ranks: make([]int, len(lists)), Scores: make([]float64, len(lists))}
		for li, l := range lists {
			for rank, hit := range l {
				if hit.ID == f.ID {
					r.Ranks[li], r.Scores[li] = rank+1, hit.Score
					break
				}
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// Fuse merges ranked lists by reciprocal rank fusion: a chunk scores
// Σ 1/(k + rank) over the lists it appears in (rank from 1). Ties keep the
// order of first appearance.
func Fuse(k float64, lists ...[]corpora.Hit) []corpora.Hit {
	return FuseWeighted(k, nil, lists...)
}

// FuseWeighted is Fuse with a weight per list: Σ w/(k + rank).
func FuseWeighted(k float64, weights []float64, lists ...[]corpora.Hit) []corpora.Hit {
	score := map[string]float64{}
	first := map[string]corpora.Hit{}
	var order []string
	for i, l := range lists {
		w := 1.0
		if i < len(weights) && weights[i] > 0 {
			w = weights[i]
		}
		for r, h := range l {
			if _, ok := first[h.ID]; !ok {
				first[h.ID] = h
				order = append(order, h.ID)
			}
			score[h.ID] += w / (k + float64(r+1))
		}
	}
	out := make([]corpora.Hit, len(order))
	for i, id := range order {
		h := first[id]
		h.Score = score[id]
		out[i] = h
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
