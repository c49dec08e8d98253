package wenda

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/ingest"
	"github.com/wenda-rag/wenda/internal/atomicfile"
	"github.com/wenda-rag/wenda/retrieve"
	"github.com/wenda-rag/wenda/retrieve/embed"
	"github.com/wenda-rag/wenda/retrieve/qdrant"
	"github.com/wenda-rag/wenda/retrieve/vector"
)

// vectorStore is what a knowledge base needs of the embedded index and of
// Qdrant alike.
type vectorStore interface {
	ingest.Vectors
	search(ctx context.Context, q []float32, k int) ([]corpora.Hit, error)
	Close() error
}

type embeddedStore struct{ *vector.Index }

func (s embeddedStore) search(ctx context.Context, q []float32, k int) ([]corpora.Hit, error) {
	return s.Search(ctx, q, k, vector.Filter{})
}

type qdrantStore struct{ *qdrant.Store }

func (s qdrantStore) search(ctx context.Context, q []float32, k int) ([]corpora.Hit, error) {
	return s.Search(ctx, q, k)
}

// EmbeddingInfo is what a knowledge base records about its vectors, so
// that a different model is refused rather than mixed in.
type EmbeddingInfo struct {
	Model     string `json:"model"`
	Dimension int    `json:"dimension"`
	Store     string `json:"store"` // "embedded" or "qdrant"
	// Pending marks vectors being rebuilt (Config.Reembed) and not yet
	// all there: until KB.Reembed finishes, writers are refused
	// (ErrNotEmbedded) and readers search without vectors.
	Pending bool `json:"pending,omitempty"`

	recovered bool // read from the vectors' own record, the file being damaged
}

const embeddingFile = "embedding.json"

func readEmbeddingInfo(dir string) (*EmbeddingInfo, error) {
	path := filepath.Join(dir, embeddingFile)
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("wenda: %w", err)
	}
	var e EmbeddingInfo
	if err := json.Unmarshal(raw, &e); err != nil || e.Model == "" || e.Dimension <= 0 || (e.Store != "embedded" && e.Store != "qdrant") {
		// Damaged: the embedded index records its model and dimension
		// too (its meta.json); a writer writes the record again.
		if m, merr := readVectorMeta(dir); merr == nil {
			m.recovered = true
			return m, nil
		}
		return nil, fmt.Errorf("wenda: %s is damaged and the vectors' own record (vectors/meta.json) cannot stand in for it: %w", path, errors.Join(err, ErrModelChanged))
	}
	return &e, nil
}

// readVectorMeta is the embedded index's record of its model.
func readVectorMeta(dir string) (*EmbeddingInfo, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "vectors", "meta.json"))
	if err != nil {
		return nil, err
	}
	var m struct {
		Model     string `json:"model"`
		Dimension int    `json:"dimension"`
	}
	if err := json.Unmarshal(raw, &m); err != nil || m.Model == "" || m.Dimension <= 0 {
		return nil, fmt.Errorf("vectors/meta.json: unreadable")
	}
	return &EmbeddingInfo{Model: m.Model, Dimension: m.Dimension, Store: "embedded"}, nil
}

func writeEmbeddingInfo(dir string, e EmbeddingInfo) error {
	raw, _ := json.MarshalIndent(e, "", "  ")
	return atomicfile.WriteFile(filepath.Join(dir, embeddingFile), raw, 0o644)
}

// queryEmbedder is a model that embeds queries differently from documents
// (the offline model weighs them by IDF).
type queryEmbedder interface {
	EmbedQuery(ctx context.Context, q string) ([]float32, error)
}

// vectors is the vector side of an open knowledge base.
type vectors struct {
	info   EmbeddingInfo // as recorded
	base   vectorStore   // the store itself, without the offline model's bookkeeping around it
	emb    Embedder
	store  vectorStore
	hashed *embed.Hashed // the offline model, when it is the one in use
	df     *dfTracker    // the offline model's counts, when writing
}

// openVectors opens the knowledge base's vectors unless they are turned
// off. A writer is refused what would leave the two stores disagreeing:
// writing without the recorded model, or adding vectors to a knowledge
// base whose documents have none (ErrVectorsOff, ErrNotEmbedded);
// Config.Reembed allows the latter and a change of model. A reader of a
// knowledge base without vectors searches BM25 alone.
func (k *KB) openVectors(ctx context.Context) (*vectors, error) {
	cfg := k.cfg
	forWrite := !cfg.ReadOnly
	rec, err := readEmbeddingInfo(k.dir)
	if err != nil {
		return nil, err
	}
	if cfg.NoVectors {
		switch {
		case cfg.Reembed:
			return nil, fmt.Errorf("wenda: reembed %s: %w", k.dir, ErrVectorsOff)
		case rec != nil && forWrite:
			return nil, fmt.Errorf("wenda: %s has vectors from %s (dimension %d): %w", k.dir, rec.Model, rec.Dimension, ErrVectorsOff)
		}
		return nil, nil
	}
	emb := cfg.Embedder
	switch e := emb.(type) {
	case nil:
		emb = embed.NewHashed(0)
	case *embed.Hashed:
		// The offline model holds the knowledge base's document
		// frequencies: one of its own for each (a Library's template
		// hands every knowledge base the same one).
		emb = embed.NewHashed(e.Dimension())
	}
	if rec != nil && rec.recovered {
		k.damage = append(k.damage, Damage{Store: "record", File: filepath.Join(k.dir, embeddingFile) + " (read again from vectors/meta.json)"})
		if forWrite {
			r := *rec
			r.recovered = false
			if err := writeEmbeddingInfo(k.dir, r); err != nil {
				return nil, fmt.Errorf("wenda: %w", err)
			}
		}
		rec.recovered = false
	}
	if rec != nil && rec.Pending && !cfg.Reembed {
		if forWrite {
			return nil, fmt.Errorf("wenda: %s: rebuilding its vectors with %s did not finish: %w", k.dir, rec.Model, ErrNotEmbedded)
		}
		return nil, nil // BM25 alone until the vectors are all there
	}
	if rec == nil && !forWrite {
		// A reader of a knowledge base without vectors searches BM25
		// alone; no need to ask the model anything.
		return nil, nil
	}
	dim := emb.Dimension()
	switch {
	case dim == 0 && rec != nil && rec.Model == emb.Model() && !cfg.Reembed:
		// The knowledge base knows the model's dimension; a vector of
		// another is refused when it arrives.
		dim = rec.Dimension
	case dim == 0:
		// Learn the dimension from the model itself.
		if _, err := emb.Embed(ctx, []string{"维度"}); err != nil {
			return nil, fmt.Errorf("wenda: embed: %w", err)
		}
		dim = emb.Dimension()
	}
	want := EmbeddingInfo{Model: emb.Model(), Dimension: dim, Store: "embedded"}
	if cfg.Qdrant != nil {
		want.Store = "qdrant"
	}
	switch {
	case rec != nil && (rec.Model != want.Model || rec.Dimension != want.Dimension || rec.Store != want.Store) && !cfg.Reembed:
		return nil, fmt.Errorf("wenda: %s was embedded with %s (dimension %d, %s store); configured: %s (dimension %d, %s store): %w",
			k.dir, rec.Model, rec.Dimension, rec.Store, want.Model, want.Dimension, want.Store, ErrModelChanged)
	case rec == nil && !cfg.Reembed:
		st, err := k.index.Stats(ctx)
		if err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
		if st.Documents > 0 {
			if forWrite {
				return nil, fmt.Errorf("wenda: %s holds %d documents without vectors for %s: %w", k.dir, st.Documents, want.Model, ErrNotEmbedded)
			}
			return nil, nil // nothing to search yet: BM25 alone
		}
	}
	if cfg.Reembed && rec != nil && rec.Store == "embedded" {
		// A new model means new vectors: start the embedded index afresh.
		if err := os.RemoveAll(filepath.Join(k.dir, "vectors")); err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
	}
	var store vectorStore
	if want.Store == "qdrant" {
		s, err := qdrant.New(ctx, qdrant.Config{URL: cfg.Qdrant.URL, APIKey: cfg.Qdrant.APIKey, Collection: cfg.Qdrant.Collection,
			KB: k.Name(), Dimension: want.Dimension})
		if err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
		store = qdrantStore{s}
	} else {
		vc := vector.Config{Dir: filepath.Join(k.dir, "vectors"), Model: want.Model, Dimension: want.Dimension, ReadOnly: cfg.ReadOnly}
		if _, ok := emb.(*embed.Hashed); ok {
			// The offline model's queries are sparse (a few dozen
			// features): the exact scan reads only those components of
			// each vector and beats a graph walk at full recall.
			vc.ANNMin = -1
		}
		x, err := vector.Open(ctx, vc)
		if errors.Is(err, vector.ErrModel) {
			return nil, fmt.Errorf("wenda: %w: %w", ErrModelChanged, err)
		}
		if err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
		store = embeddedStore{x}
	}
	if forWrite && (rec == nil || cfg.Reembed) {
		// A rebuild is pending until Reembed has written every vector.
		want.Pending = cfg.Reembed
		if err := writeEmbeddingInfo(k.dir, want); err != nil {
			store.Close()
			return nil, fmt.Errorf("wenda: %w", err)
		}
	}
	v := &vectors{emb: emb, store: store, info: want, base: store}
	if h, ok := emb.(*embed.Hashed); ok {
		// The offline model weighs queries by the knowledge base's
		// document frequencies, kept in step with every write (dfTracker)
		// and saved by refresh.
		v.hashed = h
		df, err := embed.ReadDF(filepath.Join(k.dir, dfFile))
		if err != nil {
			if df, err = k.countDF(ctx); err != nil {
				store.Close()
				return nil, err
			}
		}
		h.SetIDF(df)
		if forWrite {
			t := &dfTracker{k: k, df: df.Clone()}
			v.emb = trackedEmbedder{h, t}
			v.store = trackedStore{store, t}
			if r, ok := store.(ingest.Replacer); ok {
				// Keep the one-write batches of a store that has them.
				v.store = trackedReplacer{trackedStore{store, t}, r}
			}
			v.df = t
		}
	}
	return v, nil
}

// dfRecounts counts the recounts refresh fell back to, for tests.
var dfRecounts atomic.Int64

// dfTracker keeps the offline model's document frequencies in step with
// the writes: chunks embedded are counted in, the chunks of documents
// replaced or removed counted out (read from the lexical index before it
// changes). refresh checks the count of chunks against the lexical index
// and recounts from scratch when they disagree (a failed write).
type dfTracker struct {
	k  *KB
	mu sync.Mutex
	df *embed.DF
}

func (t *dfTracker) remove(ctx context.Context, docs []string) error {
	for _, d := range docs {
		rec, ok, err := t.k.index.Lookup(ctx, d)
		if err != nil {
			return err
		}
		if !ok || rec.Chunks == 0 {
			continue
		}
		ids := make([]string, rec.Chunks)
		for i := range ids {
			ids[i] = corpora.ChunkID(d, i)
		}
		chunks, err := t.k.index.Chunks(ctx, ids)
		if err != nil {
			return err
		}
		t.mu.Lock()
		for _, ch := range chunks {
			t.df.Sub(ingest.EmbedText(ch))
		}
		t.mu.Unlock()
	}
	return nil
}

type trackedEmbedder struct {
	*embed.Hashed
	t *dfTracker
}

func (e trackedEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	var feats [][]uint64
	vs, err := e.Hashed.EmbedFeatures(ctx, texts, func(f []uint64) { feats = append(feats, slices.Clone(f)) })
	if err != nil {
		return nil, err
	}
	e.t.mu.Lock()
	for _, f := range feats {
		e.t.df.AddFeatures(f)
	}
	e.t.mu.Unlock()
	return vs, nil
}

type trackedStore struct {
	vectorStore
	t *dfTracker
}

func (s trackedStore) DeleteDoc(ctx context.Context, doc string) error {
	if err := s.t.remove(ctx, []string{doc}); err != nil {
		return err
	}
	return s.vectorStore.DeleteDoc(ctx, doc)
}

// trackedReplacer is a trackedStore over a store that replaces a batch in
// one write (the embedded index; ingest.Replacer). Qdrant is not one: the
// pipeline deletes and upserts through trackedStore instead.
type trackedReplacer struct {
	trackedStore
	r ingest.Replacer
}

func (s trackedReplacer) Replace(ctx context.Context, docs []string, items []corpora.Embedding) error {
	if err := s.t.remove(ctx, docs); err != nil {
		return err
	}
	return s.r.Replace(ctx, docs, items)
}

// dfFile holds the offline model's document frequencies.
const dfFile = "df.bin"

// countDF counts the offline model's features over every chunk of the
// knowledge base.
func (k *KB) countDF(ctx context.Context) (*embed.DF, error) {
	df := embed.NewDF()
	err := k.index.EachChunk(ctx, func(ch corpora.Chunk) error {
		df.Add(ingest.EmbedText(ch))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("wenda: count document frequencies: %w", err)
	}
	return df, nil
}

// refresh brings what is derived from the whole knowledge base up to date
// after a write: the offline model's document frequencies, and the
// embedded index's approximate index once it is large enough. Both are
// caches of what the stores hold: a crash before refresh leaves them stale,
// not wrong, and the next write refreshes them. The caller holds the
// write.
func (k *KB) refresh(ctx context.Context) error {
	if k.vec == nil {
		return nil
	}
	if t := k.vec.df; t != nil {
		st, err := k.index.Stats(ctx)
		if err != nil {
			return fmt.Errorf("wenda: %w", err)
		}
		t.mu.Lock()
		df := t.df.Clone()
		t.mu.Unlock()
		if df.Docs != st.Chunks {
			dfRecounts.Add(1)
			if df, err = k.countDF(ctx); err != nil {
				return err
			}
			t.mu.Lock()
			t.df = df.Clone()
			t.mu.Unlock()
		}
		if err := df.WriteFile(filepath.Join(k.dir, dfFile)); err != nil {
			return fmt.Errorf("wenda: %w", err)
		}
		k.vec.hashed.SetIDF(df)
	}
	if s, ok := k.vec.embedded(); ok {
		t0 := time.Now()
		built, err := s.Optimize(ctx)
		if err != nil {
			return fmt.Errorf("wenda: %w", err)
		}
		if built && k.cfg.Logf != nil {
			k.cfg.Logf("近似索引 (HNSW) 已建立：%d 个向量，用时 %s", s.Len(), time.Since(t0).Round(time.Millisecond))
		}
	}
	return nil
}

// embedded is the embedded index, when the vectors are kept there (not
// in Qdrant, not turned off): what has an approximate index to build and
// a log that can be found damaged.
func (v *vectors) embedded() (embeddedStore, bool) {
	if v == nil {
		return embeddedStore{}, false
	}
	x, ok := v.base.(embeddedStore)
	return x, ok
}

// defaultWeight is the vector list's weight in hybrid fusion when not
// given. The offline model is lexical, like BM25, and stronger alone
// than fused at equal weight: 0.2 measured best on CMRC 2018 (README). A
// real embedding model brings what BM25 lacks and gets an equal vote, the
// usual RRF setting (not measured here: no model can be run on this
// machine).
func (v *vectors) defaultWeight() float64 {
	if v.hashed != nil {
		return 0.2
	}
	return 1
}

// searcher ranks chunks by the similarity of their vectors to the query's.
func (v *vectors) searcher() retrieve.Searcher {
	return retrieve.SearchFunc(func(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
		if qe, ok := v.emb.(queryEmbedder); ok {
			qv, err := qe.EmbedQuery(ctx, q)
			if err != nil {
				return nil, err
			}
			return v.store.search(ctx, qv, k)
		}
		qv, err := v.emb.Embed(ctx, []string{q})
		if err != nil {
			return nil, err
		}
		return v.store.search(ctx, qv[0], k)
	})
}

// Embedding is the model and store of the knowledge base's vectors, nil
// when it has none open.
func (k *KB) Embedding() *EmbeddingInfo {
	if k.vec == nil {
		return nil
	}
	info := k.vec.info
	return &info
}

// Reembed rebuilds the vectors of every chunk with the configured model
// (open with Config.Reembed), reporting the chunks done to progress (nil:
// none). It returns how many chunks were embedded.
func (k *KB) Reembed(ctx context.Context, progress func(done int)) (int, error) {
	done, err := k.write()
	if err != nil {
		return 0, err
	}
	defer done()
	if k.vec == nil {
		return 0, fmt.Errorf("wenda: reembed %s: %w", k.dir, ErrVectorsOff)
	}
	v := k.vec
	if v.df != nil {
		// Every chunk is embedded again: counted from nothing.
		v.df.mu.Lock()
		v.df.df = embed.NewDF()
		v.df.mu.Unlock()
	}
	var batch []corpora.Chunk
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		texts := make([]string, len(batch))
		for i, ch := range batch {
			texts[i] = ingest.EmbedText(ch)
		}
		vecs, err := v.emb.Embed(ctx, texts)
		if err != nil {
			return err
		}
		items := make([]corpora.Embedding, len(batch))
		for i, ch := range batch {
			items[i] = corpora.Embedding{ChunkID: ch.ID, DocID: ch.DocID, Vector: vecs[i]}
		}
		if err := v.store.Upsert(ctx, items); err != nil {
			return err
		}
		n += len(batch)
		if progress != nil {
			progress(n)
		}
		batch = batch[:0]
		return nil
	}
	err = k.index.EachChunk(ctx, func(ch corpora.Chunk) error {
		batch = append(batch, ch)
		if len(batch) == 256 {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = k.refresh(ctx)
	}
	if err == nil && v.info.Pending {
		v.info.Pending = false
		err = writeEmbeddingInfo(k.dir, v.info)
	}
	if err != nil {
		return n, fmt.Errorf("wenda: reembed %s: %w", k.dir, err)
	}
	return n, nil
}
