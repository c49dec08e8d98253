package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/ingest"
	"github.com/wenda-rag/wenda/retrieve"
	"github.com/wenda-rag/wenda/retrieve/embed"
	"github.com/wenda-rag/wenda/retrieve/qdrant"
	"github.com/wenda-rag/wenda/retrieve/vector"
)

// vectorStore is what the commands need of the embedded index and of
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

// kbEmbedding is what a knowledge base records about its vectors, so that
// a different model is refused rather than mixed in.
type kbEmbedding struct {
	Model     string `json:"model"`
	Dimension int    `json:"dimension"`
	Store     string `json:"store"` // "embedded" or "qdrant"
}

const embeddingFile = "embedding.json"

func readKBEmbedding(dir string) (*kbEmbedding, error) {
	raw, err := os.ReadFile(filepath.Join(dir, embeddingFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var e kbEmbedding
	if err := json.Unmarshal(raw, &e); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, embeddingFile), err)
	}
	return &e, nil
}

func writeKBEmbedding(dir string, e kbEmbedding) error {
	raw, _ := json.MarshalIndent(e, "", "  ")
	tmp := filepath.Join(dir, embeddingFile+".tmp")
	if err := os.WriteFile(tmp, raw, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, embeddingFile))
}

// embedderFromEnv returns the configured embedder: an OpenAI-compatible
// endpoint when WENDA_EMBED_BASE_URL is set, none when WENDA_EMBED_MODEL is
// "none" (BM25 only), else the offline model.
func embedderFromEnv() (embedder, error) {
	url := os.Getenv("WENDA_EMBED_BASE_URL")
	if url == "" {
		switch m := os.Getenv("WENDA_EMBED_MODEL"); m {
		case "none", "off":
			return nil, nil
		case "", embed.NewHashed(0).Model():
		default:
			return nil, fmt.Errorf("WENDA_EMBED_MODEL=%q needs WENDA_EMBED_BASE_URL, the endpoint that serves it (unset both for the offline model, or set the model to none for BM25 only)", m)
		}
		dim := 0
		if v := os.Getenv("WENDA_EMBED_DIM"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 64 {
				return nil, fmt.Errorf("WENDA_EMBED_DIM=%q: want a whole number of at least 64", v)
			}
			dim = n
		}
		return embed.NewHashed(dim), nil
	}
	cfg := embed.Config{BaseURL: url, APIKey: os.Getenv("WENDA_EMBED_API_KEY"), Model: os.Getenv("WENDA_EMBED_MODEL")}
	for name, dst := range map[string]*int{"WENDA_EMBED_DIM": &cfg.Dimension, "WENDA_EMBED_BATCH": &cfg.BatchSize} {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("%s=%q: want a positive whole number", name, v)
			}
			*dst = n
		}
	}
	cfg.SendDimension = os.Getenv("WENDA_EMBED_SEND_DIM") == "1"
	e, err := embed.NewOpenAI(cfg)
	if err != nil {
		return nil, err // not a typed nil in the interface
	}
	return e, nil
}

// embedder is a model that turns texts into vectors and names itself, so a
// knowledge base can record which model its vectors came from.
type embedder interface {
	ingest.Embedder
	Model() string
	Dimension() int
}

// queryEmbedder is a model that embeds queries differently from documents
// (the offline model weighs them by IDF).
type queryEmbedder interface {
	EmbedQuery(ctx context.Context, q string) ([]float32, error)
}

// vectors is the vector side of an open knowledge base.
type vectors struct {
	emb   embedder
	store vectorStore
	df    *dfTracker // the offline model's counts, when writing
}

// openVectors opens the knowledge base's vectors when an embedder is
// configured. forWrite refuses what would leave the two stores
// disagreeing: writing without the recorded model, or adding vectors to a
// knowledge base whose existing documents have none (reembed first).
// reembed allows the latter and a change of model.
func (c *cli) openVectors(ctx context.Context, k *kb, forWrite, reembed bool) (*vectors, error) {
	rec, err := readKBEmbedding(k.dir)
	if err != nil {
		return nil, err
	}
	emb, err := embedderFromEnv()
	if err != nil {
		return nil, err
	}
	if emb == nil {
		if rec != nil && forWrite {
			return nil, fmt.Errorf("knowledge base %s has vectors from %s (dimension %d): configure that model to write to it (WENDA_EMBED_MODEL=none turns vectors off)", k.dir, rec.Model, rec.Dimension)
		}
		if reembed {
			return nil, errors.New("reembed: vectors are turned off (WENDA_EMBED_MODEL=none)")
		}
		return nil, nil
	}
	dim := emb.Dimension()
	switch {
	case dim == 0 && rec != nil && rec.Model == emb.Model() && !reembed:
		// The knowledge base knows the model's dimension; a vector of
		// another is refused when it arrives (ErrModel, ErrDimension).
		dim = rec.Dimension
	case dim == 0:
		// Learn the dimension from the model itself.
		if _, err := emb.Embed(ctx, []string{"维度"}); err != nil {
			return nil, err
		}
		dim = emb.Dimension()
	}
	want := kbEmbedding{Model: emb.Model(), Dimension: dim, Store: "embedded"}
	if c.g.qdrant != "" {
		want.Store = "qdrant"
	}
	switch {
	case rec != nil && *rec != want && !reembed:
		return nil, fmt.Errorf("knowledge base %s was embedded with %s (dimension %d, %s store); configured: %s (dimension %d, %s store). Run `wenda reembed` to rebuild its vectors with the configured model",
			k.dir, rec.Model, rec.Dimension, rec.Store, want.Model, want.Dimension, want.Store)
	case rec == nil && !reembed:
		st, err := k.index.Stats(ctx)
		if err != nil {
			return nil, err
		}
		if st.Documents > 0 {
			if forWrite {
				return nil, fmt.Errorf("knowledge base %s holds %d documents without vectors: run `wenda reembed` to embed them with %s first", k.dir, st.Documents, want.Model)
			}
			return nil, nil // nothing to search yet: BM25 alone
		}
	}
	if reembed && rec != nil && rec.Store == "embedded" {
		// A new model means new vectors: start the embedded index afresh.
		if err := os.RemoveAll(filepath.Join(k.dir, "vectors")); err != nil {
			return nil, err
		}
	}
	var store vectorStore
	if want.Store == "qdrant" {
		s, err := qdrant.New(ctx, qdrant.Config{URL: c.g.qdrant, APIKey: os.Getenv("QDRANT_API_KEY"), Collection: os.Getenv("QDRANT_COLLECTION"),
			KB: filepath.Base(k.dir), Dimension: want.Dimension})
		if err != nil {
			return nil, err
		}
		store = qdrantStore{s}
	} else {
		cfg := vector.Config{Dir: filepath.Join(k.dir, "vectors"), Model: want.Model, Dimension: want.Dimension}
		if _, ok := emb.(*embed.Hashed); ok {
			// The offline model's queries are sparse (a few dozen
			// features): the exact scan reads only those components of
			// each vector and beats a graph walk at full recall.
			cfg.ANNMin = -1
		}
		x, err := vector.Open(cfg)
		if err != nil {
			return nil, err
		}
		store = embeddedStore{x}
	}
	if forWrite && (rec == nil || reembed) {
		if err := writeKBEmbedding(k.dir, want); err != nil {
			store.Close()
			return nil, err
		}
	}
	v := &vectors{emb: emb, store: store}
	if h, ok := emb.(*embed.Hashed); ok {
		// The offline model weighs queries by the knowledge base's
		// document frequencies, kept in step with every write (dfTracker)
		// and saved by refresh.
		df, err := embed.ReadDF(filepath.Join(k.dir, dfFile))
		if err != nil {
			if df, err = countDF(ctx, k); err != nil {
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

// hashed is the offline model, when it is the one in use.
func (v *vectors) hashed() *embed.Hashed {
	switch e := v.emb.(type) {
	case *embed.Hashed:
		return e
	case trackedEmbedder:
		return e.Hashed
	}
	return nil
}

// dfTracker keeps the offline model's document frequencies in step with
// the writes: chunks embedded are counted in, the chunks of documents
// replaced or removed counted out (read from the lexical index before it
// changes). refresh checks the count of chunks against the lexical index
// and recounts from scratch when they disagree (a failed write).
type dfTracker struct {
	k  *kb
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
func countDF(ctx context.Context, k *kb) (*embed.DF, error) {
	df := embed.NewDF()
	err := k.index.EachChunk(ctx, func(ch corpora.Chunk) error {
		df.Add(ingest.EmbedText(ch))
		return nil
	})
	return df, err
}

// refresh brings what is derived from the whole knowledge base up to date
// after a change: the offline model's document frequencies, and the
// embedded index's approximate index once it is large enough. Both are
// caches of what the stores hold: a crash before refresh leaves them stale,
// not wrong, and the next change refreshes them.
func (c *cli) refresh(ctx context.Context, k *kb) error {
	if k.vec == nil {
		return nil
	}
	if t := k.vec.df; t != nil {
		st, err := k.index.Stats(ctx)
		if err != nil {
			return err
		}
		t.mu.Lock()
		df := t.df.Clone()
		t.mu.Unlock()
		if df.Docs != st.Chunks {
			dfRecounts.Add(1)
			if df, err = countDF(ctx, k); err != nil {
				return err
			}
			t.mu.Lock()
			t.df = df.Clone()
			t.mu.Unlock()
		}
		if err := df.WriteFile(filepath.Join(k.dir, dfFile)); err != nil {
			return err
		}
		k.vec.hashed().SetIDF(df)
	}
	if s, ok := k.vec.store.(embeddedStore); ok {
		t0 := time.Now()
		built, err := s.Optimize(ctx)
		if err != nil {
			return err
		}
		if built {
			fmt.Fprintf(c.stderr, "近似索引 (HNSW) 已建立：%d 个向量，用时 %s\n", s.Len(), time.Since(t0).Round(time.Millisecond))
		}
	}
	return nil
}

// defaultWeight is the vector list's weight in hybrid fusion when not
// given. The offline model is lexical, like BM25, and stronger alone
// than fused at equal weight: 0.2 measured best on CMRC 2018 (README). A
// real embedding model brings what BM25 lacks and gets an equal vote, the
// usual RRF setting (not measured here: no model can be run on this
// machine).
func (v *vectors) defaultWeight() float64 {
	if v.hashed() != nil {
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

// reembed rebuilds the vectors of every chunk with the configured model.
func (c *cli) reembed(ctx context.Context, args []string) error {
	fs := c.flags("reembed")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	k, err := openKB(c.kbDir(c.g.kb), false)
	if err != nil {
		return err
	}
	defer k.Close()
	v, err := c.openVectors(ctx, k, true, true)
	if err != nil {
		return err
	}
	k.vec = v // closed with the knowledge base
	var batch []corpora.Chunk
	done := 0
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
		done += len(batch)
		fmt.Fprintf(c.stderr, "\r已嵌入 %d 个块", done)
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
	fmt.Fprintln(c.stderr)
	if err == nil {
		err = c.refresh(ctx, k)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "知识库 %s：%d 个块已用 %s（%d 维）重新嵌入\n", c.g.kb, done, v.emb.Model(), v.emb.Dimension())
	return nil
}
