// Package wenda is a Chinese retrieval-augmented question-answering engine
// as a Go package: a knowledge base (KB) holds a BM25 index, dense vectors
// (embedded, or in Qdrant), a knowledge graph and a user dictionary, keeps
// them in step, and searches and answers over them with citations. A
// Library is a data directory of knowledge bases. The command wenda and its
// HTTP server are built on this package; a Go program uses it the same way:
//
//	kb, err := wenda.Open(ctx, wenda.Config{Dir: "kb", Create: true})
//	…
//	defer kb.Close()
//	kb.IngestDocuments(ctx, docs, wenda.IngestOptions{})
//	a, err := kb.Ask(ctx, "年假有几天？")
//
// Every rule that keeps the stores in step lives in KB's methods, not in
// their callers: the knowledge base's words (user dictionary, graph names)
// are loaded before anything is cut, and cut only its own text; the
// offline model's document frequencies and the approximate vector index
// are refreshed after every write; deletes go vectors, graph, then BM25;
// the embedding model is recorded and a different one refused; the graph
// list joins the fusion whenever the graph holds facts. A KB is safe for
// concurrent use: searches and answers run beside one write at a time.
//
// A knowledge base's directory is locked while it is open: by one writer,
// or by any number of read-only openers. Another process's open fails
// within a second with ErrHeld, naming the holder (HeldError).
package wenda

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/kg"
	"github.com/wenda-rag/wenda/retrieve/bm25"
)

// Errors a caller may tell apart (errors.Is). They name no flag or
// environment variable: the program using the package says how to fix
// them in its own terms.
var (
	// ErrNotFound: no knowledge base at the directory (Config.Create was
	// not set), or of that name.
	ErrNotFound = errors.New("no such knowledge base")
	// ErrNoDocument: KB.Remove of a document the knowledge base does not
	// hold.
	ErrNoDocument = errors.New("no such document")
	// ErrExists: Library.Create of a name already taken.
	ErrExists = errors.New("knowledge base exists")
	// ErrName: a knowledge base name that is not a plain name.
	ErrName = errors.New("invalid knowledge base name")
	// ErrReadOnly: a write to a knowledge base opened read-only.
	ErrReadOnly = errors.New("knowledge base opened read-only")
	// ErrClosed: a call on a closed knowledge base.
	ErrClosed = errors.New("knowledge base closed")
	// ErrHeld: another process holds the knowledge base (see HeldError).
	ErrHeld = errors.New("knowledge base held by another process")
	// ErrModelChanged: the knowledge base's vectors were made by another
	// embedding model or dimension, or kept in another store, than the
	// one configured; KB.Reembed (opened with Config.Reembed) rebuilds
	// them.
	ErrModelChanged = errors.New("embedding model differs from the knowledge base's")
	// ErrNotEmbedded: writing vectors to a knowledge base whose documents
	// have none; Reembed first.
	ErrNotEmbedded = errors.New("knowledge base has documents without vectors")
	// ErrVectorsOff: writing with vectors turned off to a knowledge base
	// that has them (its vectors would go stale).
	ErrVectorsOff = errors.New("vectors are turned off but the knowledge base has them")
	// ErrNoVectors: a vector or hybrid search of a knowledge base without
	// vectors for the configured model.
	ErrNoVectors = errors.New("knowledge base has no vectors")
	// ErrIndexDamaged: a read-only open found the BM25 index's files
	// damaged; a writer's open sets the damaged index aside and starts a
	// new one, which an ingest of the documents fills again.
	ErrIndexDamaged = errors.New("BM25 index damaged")
	// ErrOption: a search option out of its range (mode, lexical).
	ErrOption = errors.New("invalid option")
)

// Config configures a knowledge base. Zero values are the defaults.
type Config struct {
	Dir string // the knowledge base's directory; required

	// Create makes the knowledge base when Dir holds none; else Open
	// returns ErrNotFound.
	Create bool
	// ReadOnly opens for searching and answering only: several
	// processes may then hold it at once, and writes fail (ErrReadOnly).
	ReadOnly bool

	// Embedder makes the dense vectors: an OpenAI-compatible endpoint
	// (retrieve/embed.NewOpenAI) or any model. nil: the offline model
	// (retrieve/embed.NewHashed), unless NoVectors. Stored and query
	// vectors must come from one model: the knowledge base records it
	// and refuses another (ErrModelChanged).
	Embedder Embedder
	// NoVectors turns vectors off: BM25 and the graph alone.
	NoVectors bool
	// Qdrant keeps the vectors in a Qdrant server instead of the embedded
	// index.
	Qdrant *QdrantConfig
	// Reembed opens a knowledge base whose vectors are missing or from
	// another model, to rebuild them with KB.Reembed.
	Reembed bool

	// Retrieval is how Answer ranks passages (Search takes its own).
	Retrieval SearchOptions
	// LLM writes answers from the sources (answer/openai.New, or any
	// answer.Generator); nil: offline, extractive answers.
	LLM answer.Generator
	// ContextChars is the budget of the sources given to the LLM; default
	// answer.DefaultContextChars.
	ContextChars int
	// Unrefused answers offline even where the passages are judged not to
	// answer, the judgement kept in Answer.Refusal: what the refusal
	// decision is fitted on (wenda eval qa --signals).
	Unrefused bool
	// Reranker, if set, reorders the top RerankDepth fused candidates of
	// Search and Answer (retrieve/rerank.New for a /rerank endpoint). When
	// it fails the fused order stands, with a warning (Results.Warning,
	// Logf): a question never fails for it.
	Reranker Reranker
	// RerankDepth is how many fused candidates the reranker reorders;
	// default DefaultRerankDepth.
	RerankDepth int

	// Holder says who holds the knowledge base while it is open, for the
	// message another process gets (HeldError): default the command line.
	Holder Holder
	// LockWait is how long Open waits for another process to let go;
	// default 300 ms.
	LockWait time.Duration
	// Logf reports what a long write did beside its result (the
	// approximate index built); nil: nothing.
	Logf func(format string, args ...any)
}

// Embedder is an embedding model that names itself, so a knowledge base
// can record which model its vectors came from. Dimension may be 0 until
// the first Embed.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
	Model() string
	Dimension() int
}

// QdrantConfig locates the Qdrant server (gRPC) that keeps the vectors.
type QdrantConfig struct {
	URL        string // host:port, http://host:port or https://host:port
	APIKey     string
	Collection string // default "wenda"
}

// KB is an open knowledge base. Its methods are safe for concurrent use.
type KB struct {
	cfg   Config
	dir   string
	seg   *zh.Segmenter // the base dictionary with this knowledge base's words
	index *bm25.Index
	graph *kg.Graph
	vec   *vectors // nil: BM25 and graph only
	lock  *dirLock

	damage       []Damage     // found when opened
	rewrite      *rewriteMark // documents to write again; nil: none
	rewriteDirty bool
	rewriteMu    sync.Mutex

	writeMu sync.Mutex   // one write at a time; reads go on
	closeMu sync.RWMutex // held by every call; Close takes it whole
	closed  bool
}

// Open opens the knowledge base in cfg.Dir (creating it with cfg.Create):
// its lock, user dictionary, BM25 index, graph and vectors. The graph and
// the vectors load side by side: on a large knowledge base each takes
// seconds.
func Open(ctx context.Context, cfg Config) (*KB, error) {
	if cfg.Dir == "" {
		return nil, errors.New("wenda: open: no directory")
	}
	if cfg.ReadOnly && (cfg.Create || cfg.Reembed) {
		return nil, errors.New("wenda: open: read-only with create or reembed")
	}
	if err := cfg.Retrieval.check(); err != nil {
		return nil, err
	}
	dir := cfg.Dir
	exists := func() bool {
		_, err := os.Stat(filepath.Join(dir, "bm25"))
		return err == nil
	}
	created := false
	if !exists() {
		if !cfg.Create {
			return nil, fmt.Errorf("wenda: no knowledge base at %s: %w", dir, ErrNotFound)
		}
		if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
			created = true
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
	}
	lock, err := acquire(ctx, dir, !cfg.ReadOnly, cfg.Holder, cfg.LockWait)
	if err != nil {
		return nil, err
	}
	// Deleted while this waited for the lock? Then it is gone, not to be
	// made again by opening its stores.
	if !cfg.Create && !exists() {
		lock.release()
		return nil, fmt.Errorf("wenda: no knowledge base at %s: %w", dir, ErrNotFound)
	}
	k, err := open(ctx, cfg, lock)
	if err != nil {
		lock.release()
		if created {
			// Half made: leave nothing that would later pass for a
			// knowledge base.
			os.RemoveAll(dir)
		}
		return nil, err
	}
	return k, nil
}

func open(ctx context.Context, cfg Config, lock *dirLock) (*KB, error) {
	base, err := zh.Default()
	if err != nil {
		return nil, fmt.Errorf("wenda: %w", err)
	}
	k := &KB{cfg: cfg, dir: cfg.Dir, seg: base.Layer(), lock: lock}
	// The user dictionary before anything is cut.
	if err := k.loadDictionary(); err != nil {
		return nil, err
	}
	graphDone := make(chan error, 1)
	go func() {
		openGraph := kg.Open
		if cfg.ReadOnly {
			openGraph = kg.OpenReadOnly
		}
		g, err := openGraph(ctx, filepath.Join(k.dir, "kg"))
		if err == nil {
			// The graph's idioms, titles, poets and 词牌 are cut whole,
			// in the documents ingested with them and in questions —
			// of this knowledge base only.
			g.OnNames(func(names []string) {
				words := make([]zh.Word, len(names))
				for i, n := range names {
					words[i] = zh.Word{Text: n}
				}
				k.seg.AddWords(words)
			})
			k.graph = g
		}
		graphDone <- err
	}()
	indexDir := filepath.Join(k.dir, "bm25")
	damaged, err := k.openIndex(ctx, indexDir)
	if err != nil {
		if gerr := <-graphDone; gerr == nil {
			k.graph.Close()
		}
		if errors.Is(err, bm25.ErrBusy) {
			return nil, &HeldError{Dir: k.dir, Holders: liveHolders(k.dir)}
		}
		return nil, fmt.Errorf("wenda: %w", err)
	}
	// The vectors load while the graph does (they read the BM25 index,
	// never the graph).
	vec, verr := k.openVectors(ctx)
	if err := <-graphDone; err != nil {
		if vec != nil {
			vec.store.Close()
		}
		k.index.Close()
		return nil, fmt.Errorf("wenda: %w", err)
	}
	if verr != nil {
		k.graph.Close()
		k.index.Close()
		return nil, verr
	}
	k.vec = vec
	if damaged != nil {
		k.damage = append(k.damage, k.indexDamage(damaged))
	}
	if err := k.checkDamage(ctx); err != nil {
		k.Close()
		return nil, err
	}
	return k, nil
}

// Dir is the knowledge base's directory.
func (k *KB) Dir() string { return k.dir }

// Name is the knowledge base's name: its directory's base name.
func (k *KB) Name() string { return filepath.Base(k.dir) }

// Segmenter is the knowledge base's segmenter: the shared dictionary with
// its own words. Text cut with it is cut as the knowledge base's
// documents and questions are.
func (k *KB) Segmenter() *zh.Segmenter { return k.seg }

// use holds the knowledge base open for one call; done lets go.
func (k *KB) use() (done func(), err error) {
	k.closeMu.RLock()
	if k.closed {
		k.closeMu.RUnlock()
		return nil, fmt.Errorf("wenda: %s: %w", k.dir, ErrClosed)
	}
	return k.closeMu.RUnlock, nil
}

// write holds the knowledge base open for a write, the only one running.
func (k *KB) write() (done func(), err error) {
	if k.cfg.ReadOnly {
		return nil, fmt.Errorf("wenda: %s: %w", k.dir, ErrReadOnly)
	}
	release, err := k.use()
	if err != nil {
		return nil, err
	}
	k.writeMu.Lock()
	return func() { k.writeMu.Unlock(); release() }, nil
}

// Close waits for the calls in flight, then closes the stores and lets
// the directory go. Closing twice is harmless.
func (k *KB) Close() error {
	lock, err := k.closeStores()
	lock.release()
	return err
}

// closeStores is Close keeping the directory's lock, which it returns
// (nil when closed before): Library.Delete removes the directory before
// anyone else may open it.
func (k *KB) closeStores() (*dirLock, error) {
	k.closeMu.Lock()
	defer k.closeMu.Unlock()
	if k.closed {
		return nil, nil
	}
	k.closed = true
	var errs []error
	if k.vec != nil {
		errs = append(errs, k.vec.store.Close())
	}
	errs = append(errs, k.graph.Close(), k.index.Close())
	if err := errors.Join(errs...); err != nil {
		return k.lock, fmt.Errorf("wenda: close %s: %w", k.dir, err)
	}
	return k.lock, nil
}

// Stats are a knowledge base's sizes.
type Stats struct {
	Documents int   `json:"documents"`
	Chunks    int   `json:"chunks"`
	Bytes     int64 `json:"bytes"` // the BM25 index on disk
	Entities  int   `json:"entities"`
	Facts     int   `json:"facts"`
	// Vectors says which model made the vectors, nil when there are none.
	Vectors *EmbeddingInfo `json:"vectors,omitempty"`
}

// Stats counts the knowledge base's documents, chunks, bytes and facts.
func (k *KB) Stats(ctx context.Context) (Stats, error) {
	done, err := k.use()
	if err != nil {
		return Stats{}, err
	}
	defer done()
	st, err := k.index.Stats(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("wenda: stats: %w", err)
	}
	// The open vectors' record, read when they opened: listings and
	// metrics ask for stats on every request. Without them open, the file.
	rec := k.Embedding()
	if rec == nil {
		if rec, err = readEmbeddingInfo(k.dir); err != nil {
			return Stats{}, err
		}
	}
	ents, facts, _ := k.graph.Stats()
	return Stats{Documents: st.Documents, Chunks: st.Chunks, Bytes: st.Bytes, Entities: ents, Facts: facts, Vectors: rec}, nil
}

// GraphStats counts the graph's entities, facts and the documents they
// come from.
func (k *KB) GraphStats() (entities, facts, docs int) { return k.graph.Stats() }

// Entity is an entity's facts with their sources (by name, normalized:
// 繁/简, width and punctuation do not matter).
func (k *KB) Entity(name string) []corpora.Fact { return k.graph.Facts(name) }

// Documents lists the knowledge base's documents, from the from-th, size
// of them, with how many there are in all.
func (k *KB) Documents(ctx context.Context, from, size int) ([]corpora.DocRecord, int, error) {
	done, err := k.use()
	if err != nil {
		return nil, 0, err
	}
	defer done()
	return k.index.Documents(ctx, from, size)
}

// Document returns one document's record and its chunks in order, each
// with its section path, page and place: what the index holds of it, as
// `wenda extract --chunks` shows a file. ErrNoDocument when there is none.
func (k *KB) Document(ctx context.Context, id string) (corpora.DocRecord, []corpora.Chunk, error) {
	done, err := k.use()
	if err != nil {
		return corpora.DocRecord{}, nil, err
	}
	defer done()
	rec, ok, err := k.index.Lookup(ctx, id)
	if err != nil {
		return corpora.DocRecord{}, nil, fmt.Errorf("wenda: %w", err)
	}
	if !ok {
		return corpora.DocRecord{}, nil, fmt.Errorf("wenda: document %q: %w", id, ErrNoDocument)
	}
	ids := make([]string, rec.Chunks)
	for i := range ids {
		ids[i] = corpora.ChunkID(id, i)
	}
	chunks, err := k.index.Chunks(ctx, ids)
	if err != nil {
		return corpora.DocRecord{}, nil, fmt.Errorf("wenda: %w", err)
	}
	return rec, chunks, nil
}

// EachChunk calls fn with every chunk of the knowledge base, in no
// particular order, until fn returns an error.
func (k *KB) EachChunk(ctx context.Context, fn func(corpora.Chunk) error) error {
	done, err := k.use()
	if err != nil {
		return err
	}
	defer done()
	return k.index.EachChunk(ctx, fn)
}
