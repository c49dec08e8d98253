package vector

import (
	"container/heap"
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"

	"github.com/wenda-rag/wenda/corpora"
)

// Filter restricts a search to some documents; empty means all.
type Filter struct {
	Docs []string
	// EF overrides Config.EF for this search; -1 forces an exact scan
	// (for measuring the approximate index against it).
	EF int
}

// Search returns the k chunks whose vectors are most similar (cosine) to q.
// Hits carry ids and scores; the chunk text lives in the lexical index.
func (x *Index) Search(ctx context.Context, q []float32, k int, f Filter) ([]corpora.Hit, error) {
	if len(q) != x.cfg.Dimension {
		return nil, fmt.Errorf("vector: query of dimension %d, index %d: %w", len(q), x.cfg.Dimension, ErrModel)
	}
	if k <= 0 {
		k = 10
	}
	qq := newQuery(normalized(q))
	x.mu.RLock()
	defer x.mu.RUnlock()
	var top *topK
	if len(f.Docs) > 0 {
		top = newTopK(k)
		for _, doc := range f.Docs {
			for _, s := range x.byDoc[doc] {
				top.push(s, qq.score(x.vec(s)))
			}
		}
	} else if x.ann != nil && len(x.slot) >= x.cfg.ANNMin && f.EF >= 0 {
		ef := f.EF
		if ef == 0 {
			ef = x.cfg.EF
		}
		if ef <= 0 {
			ef = DefaultEF
		}
		top = x.ann.search(ctx, x, qq, k, ef)
	} else {
		top = x.scan(ctx, qq, k)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]corpora.Hit, 0, top.Len())
	for _, c := range top.sorted() {
		_, ord, _ := corpora.SplitChunkID(x.ids[c.slot])
		out = append(out, corpora.Hit{Chunk: corpora.Chunk{ID: x.ids[c.slot], DocID: x.docs[c.slot], Ordinal: ord}, Score: float64(c.score)})
	}
	return out, nil
}

// scan compares q with every vector, split across the cores for large
// indexes, and keeps the k best.
func (x *Index) scan(ctx context.Context, q query, k int) *topK {
	n := len(x.ids)
	workers := runtime.GOMAXPROCS(0)
	if n < 20000 {
		workers = 1
	}
	parts := make([]*topK, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func(w, lo, hi int) {
			defer wg.Done()
			t := newTopK(k)
			d := x.cfg.Dimension
			// Block by block, so the inner loop is a plain walk over
			// contiguous memory.
			for s := lo; s < hi && ctx.Err() == nil; {
				blk := x.vecs[s/blockRows]
				end := min(hi, (s/blockRows+1)*blockRows)
				for ; s < end; s++ {
					if x.ids[s] == "" {
						continue
					}
					o := (s % blockRows) * d
					sc := q.score(blk[o : o+d : o+d])
					if len(t.items) < k || sc > t.items[0].score {
						t.push(s, sc)
					}
				}
			}
			parts[w] = t
		}(w, lo, hi)
	}
	wg.Wait()
	top := parts[0]
	for _, p := range parts[1:] {
		for _, c := range p.items {
			top.push(c.slot, c.score)
		}
	}
	return top
}

// query is a search vector. A sparse one (as the offline model's are: a
// few dozen features in thousands of components) is scored through its
// non-zero components only, which reads a fraction of each vector.
type query struct {
	dense []float32
	idx   []int32 // non-zero components, when sparse
	val   []float32
}

func newQuery(q []float32) query {
	nz := 0
	for _, f := range q {
		if f != 0 {
			nz++
		}
	}
	if nz*8 > len(q) {
		return query{dense: q}
	}
	out := query{dense: q, idx: make([]int32, 0, nz), val: make([]float32, 0, nz)}
	for i, f := range q {
		if f != 0 {
			out.idx = append(out.idx, int32(i))
			out.val = append(out.val, f)
		}
	}
	return out
}

func (q query) score(v []float32) float32 {
	if q.idx == nil {
		return dot(q.dense, v)
	}
	var s float32
	for i, c := range q.idx {
		s += q.val[i] * v[c]
	}
	return s
}

func normalized(v []float32) []float32 {
	var ss float64
	for _, f := range v {
		ss += float64(f) * float64(f)
	}
	out := make([]float32, len(v))
	if ss == 0 {
		return out
	}
	inv := float32(1 / math.Sqrt(ss))
	for i, f := range v {
		out[i] = f * inv
	}
	return out
}

// dot is the inner product, unrolled by eight with independent sums so the
// CPU can overlap the multiplications (Go does not vectorize this loop).
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		aa, bb := a[i:i+8:i+8], b[i:i+8:i+8]
		s0 += aa[0] * bb[0]
		s1 += aa[1] * bb[1]
		s2 += aa[2] * bb[2]
		s3 += aa[3] * bb[3]
		s4 += aa[4] * bb[4]
		s5 += aa[5] * bb[5]
		s6 += aa[6] * bb[6]
		s7 += aa[7] * bb[7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3) + (s4 + s5) + (s6 + s7)
}

// topK keeps the k highest scores in a min-heap.
type topK struct {
	k     int
	items []cand
}

type cand struct {
	slot  int
	score float32
}

func newTopK(k int) *topK { return &topK{k: k, items: make([]cand, 0, k+1)} }

func (t *topK) Len() int           { return len(t.items) }
func (t *topK) Less(i, j int) bool { return t.items[i].score < t.items[j].score }
func (t *topK) Swap(i, j int)      { t.items[i], t.items[j] = t.items[j], t.items[i] }
func (t *topK) Push(v any)         { t.items = append(t.items, v.(cand)) }
func (t *topK) Pop() any {
	v := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return v
}

func (t *topK) push(slot int, score float32) {
	if len(t.items) < t.k {
		heap.Push(t, cand{slot, score})
		return
	}
	if score > t.items[0].score {
		t.items[0] = cand{slot, score}
		heap.Fix(t, 0)
	}
}

// sorted returns the candidates best first.
func (t *topK) sorted() []cand {
	out := make([]cand, len(t.items))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(t).(cand)
	}
	return out
}
