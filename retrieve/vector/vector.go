// Package vector is wenda's embedded vector index: chunk vectors kept in
// memory for search and in an append-only log on disk for persistence.
//
// Every record in the log carries its length and a CRC, so a crash mid-write
// leaves a torn tail that the next Open detects and cuts off; what was
// written before stays. Vectors are stored normalized, and scores are cosine
// similarities. All vectors of an index come from one model with one
// dimension: the index records both and refuses others (ErrModel).
package vector

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sync"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/internal/atomicfile"
)

// Config configures an Index.
type Config struct {
	Dir       string // required
	Model     string // the embedding model's name; required
	Dimension int    // required

	// ANNMin is the number of vectors from which Optimize builds, and
	// Search uses, the approximate index; below it search is exact.
	// Zero means from the size of a scan: the approximate index takes
	// over when an exact scan would read more than 256 MB (about 50 ms on
	// one core here: 62,500 vectors of 1,024 dimensions, 250,000 of 256).
	// Negative means never.
	ANNMin int
	// EF is how many candidates a query explores in the approximate
	// index (HNSW's ef); zero means DefaultEF.
	EF int
	// ReadOnly opens the index to search it: nothing on disk is created,
	// cut or rewritten, also on Close; writes fail.
	ReadOnly bool
}

// ErrModel is returned when an index built with one model is opened with
// another, or given vectors of another dimension.
var ErrModel = errors.New("embedding model or dimension differs from the index's")

// Index is an embedded, persistent vector index with exact search.
type Index struct {
	cfg Config

	mu    sync.RWMutex
	ids   []string         // chunk id per slot; "" for a free slot
	docs  []string         // document id per slot
	vecs  [][]float32      // blocks of blockRows vectors: growing never copies them
	slot  map[string]int   // chunk id → slot
	byDoc map[string][]int // document id → slots
	free  []int
	dead  int // log records superseded since the last compaction

	ann *hnsw // the approximate index, when built

	damage Damage // what Open found damaged

	log *os.File
	w   *bufio.Writer
}

// metaName is the file that records the index's model and dimension.
const metaName = "meta.json"

type meta struct {
	Model     string `json:"model"`
	Dimension int    `json:"dimension"`
}

// Open opens the index in cfg.Dir, creating it if absent, and replays its
// log.
func Open(ctx context.Context, cfg Config) (*Index, error) {
	if cfg.Dir == "" || cfg.Model == "" || cfg.Dimension <= 0 {
		return nil, errors.New("vector: Config needs Dir, Model and Dimension")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !cfg.ReadOnly {
		if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
			return nil, fmt.Errorf("vector: %w", err)
		}
	}
	mp := filepath.Join(cfg.Dir, metaName)
	if raw, err := os.ReadFile(mp); err == nil {
		var m meta
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("vector: %s: %w", mp, err)
		}
		if m.Model != cfg.Model || m.Dimension != cfg.Dimension {
			return nil, fmt.Errorf("vector: index %s holds %s (dimension %d), asked for %s (dimension %d): %w",
				cfg.Dir, m.Model, m.Dimension, cfg.Model, cfg.Dimension, ErrModel)
		}
	} else if errors.Is(err, os.ErrNotExist) && cfg.ReadOnly {
		// Nothing written yet: an empty index.
	} else if errors.Is(err, os.ErrNotExist) {
		raw, _ := json.Marshal(meta{cfg.Model, cfg.Dimension})
		if err := atomicfile.WriteFile(mp, raw, 0o644); err != nil {
			return nil, fmt.Errorf("vector: %w", err)
		}
	} else {
		return nil, fmt.Errorf("vector: %w", err)
	}
	x := &Index{cfg: cfg, slot: map[string]int{}, byDoc: map[string][]int{}}
	if cfg.ANNMin == 0 {
		x.cfg.ANNMin = max(20000, (256<<20)/(4*cfg.Dimension))
	}
	if err := x.replay(ctx); err != nil {
		return nil, err
	}
	if x.cfg.ANNMin > 0 && len(x.slot) >= x.cfg.ANNMin {
		// A missing or damaged file leaves search exact until Optimize.
		x.ann, _ = loadHNSW(x)
	}
	return x, nil
}

// Model and Dimension are what the index was built with.
func (x *Index) Model() string  { return x.cfg.Model }
func (x *Index) Dimension() int { return x.cfg.Dimension }

// Len is the number of vectors held.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.slot)
}

// apply changes the in-memory index; the caller holds the lock (or is
// replaying).
func (x *Index) apply(rec record) {
	switch rec.op {
	case opUpsert:
		if s, ok := x.slot[rec.chunk]; ok {
			copy(x.vec(s), rec.vec)
			if x.ann != nil {
				// A vector changed in place (reembedding): the graph
				// around it no longer holds; Optimize rebuilds it.
				x.dropANN()
			}
			if x.docs[s] != rec.doc {
				x.unlinkDoc(x.docs[s], s)
				x.docs[s] = rec.doc
				x.byDoc[rec.doc] = append(x.byDoc[rec.doc], s)
			}
			x.dead++
			return
		}
		var s int
		if n := len(x.free); n > 0 {
			s, x.free = x.free[n-1], x.free[:n-1]
			x.ids[s], x.docs[s] = rec.chunk, rec.doc
			copy(x.vec(s), rec.vec)
		} else {
			s = len(x.ids)
			x.ids = append(x.ids, rec.chunk)
			x.docs = append(x.docs, rec.doc)
			if s%blockRows == 0 {
				x.vecs = append(x.vecs, make([]float32, 0, blockRows*x.cfg.Dimension))
			}
			b := len(x.vecs) - 1
			x.vecs[b] = append(x.vecs[b], rec.vec...)
		}
		x.slot[rec.chunk] = s
		x.byDoc[rec.doc] = append(x.byDoc[rec.doc], s)
		if x.ann != nil {
			x.ann.insert(x, s)
		}
	case opDelDoc:
		for _, s := range x.byDoc[rec.doc] {
			delete(x.slot, x.ids[s])
			x.ids[s], x.docs[s] = "", ""
			if x.ann != nil {
				// The graph routes through it until purged (Optimize,
				// Close): its vector and slot stay until then.
				x.ann.tomb[int32(s)] = true
			} else {
				clear(x.vec(s))
				x.free = append(x.free, s)
			}
			x.dead++
		}
		delete(x.byDoc, rec.doc)
		x.dead++
	}
}

// blockRows is how many vectors a block of Index.vecs holds.
const blockRows = 1024

// vec is the vector in slot s.
func (x *Index) vec(s int) []float32 {
	d := x.cfg.Dimension
	o := (s % blockRows) * d
	return x.vecs[s/blockRows][o : o+d : o+d]
}

func (x *Index) unlinkDoc(doc string, s int) {
	slots := x.byDoc[doc]
	for i, v := range slots {
		if v == s {
			slots = append(slots[:i], slots[i+1:]...)
			break
		}
	}
	if len(slots) == 0 {
		delete(x.byDoc, doc)
	} else {
		x.byDoc[doc] = slots
	}
}

// Upsert adds or replaces the vectors of chunks. Vectors are normalized to
// unit length. The write reaches the disk (fsync) before Upsert returns.
func (x *Index) Upsert(ctx context.Context, items []corpora.Embedding) error {
	return x.Replace(ctx, nil, items)
}

func (x *Index) upsertRecord(it corpora.Embedding) (record, error) {
	if len(it.Vector) != x.cfg.Dimension {
		return record{}, fmt.Errorf("vector: chunk %s has dimension %d, the index %d: %w", it.ChunkID, len(it.Vector), x.cfg.Dimension, ErrModel)
	}
	if it.ChunkID == "" || len(it.ChunkID) > math.MaxUint16 || len(it.DocID) > math.MaxUint16 {
		return record{}, fmt.Errorf("vector: chunk id %q: empty or too long", it.ChunkID)
	}
	return record{op: opUpsert, chunk: it.ChunkID, doc: it.DocID, vec: normalized(it.Vector)}, nil
}

// Replace removes every vector of the documents docs and adds items, in
// one write to the log and one sync: what an ingest batch does.
func (x *Index) Replace(ctx context.Context, docs []string, items []corpora.Embedding) error {
	buf := make([]byte, 0, len(items)*(4*x.cfg.Dimension+64)+len(docs)*64)
	recs := make([]record, 0, len(docs)+len(items))
	for _, d := range docs {
		if len(d) > MaxID {
			return fmt.Errorf("vector: document id of %d bytes: longer than %d", len(d), MaxID)
		}
		rec := record{op: opDelDoc, doc: d}
		recs = append(recs, rec)
		buf = appendRecord(buf, rec)
	}
	for _, it := range items {
		rec, err := x.upsertRecord(it)
		if err != nil {
			return err
		}
		recs = append(recs, rec)
		buf = appendRecord(buf, rec)
	}
	return x.commit(ctx, buf, recs)
}

// DeleteDoc removes every vector of a document.
func (x *Index) DeleteDoc(ctx context.Context, docID string) error {
	if len(docID) > MaxID {
		// Its record could not hold it (a length of 16 bits): refused,
		// rather than written as another document's.
		return fmt.Errorf("vector: document id of %d bytes: longer than %d", len(docID), MaxID)
	}
	rec := record{op: opDelDoc, doc: docID}
	return x.commit(ctx, appendRecord(nil, rec), []record{rec})
}

func (x *Index) commit(ctx context.Context, buf []byte, recs []record) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.log == nil {
		return x.closedErr()
	}
	if _, err := x.w.Write(buf); err != nil {
		return fmt.Errorf("vector: write log: %w", err)
	}
	if err := x.w.Flush(); err != nil {
		return fmt.Errorf("vector: write log: %w", err)
	}
	if err := x.log.Sync(); err != nil {
		return fmt.Errorf("vector: sync log: %w", err)
	}
	for _, r := range recs {
		x.apply(r)
	}
	if x.dead > 1024 && x.dead > len(x.slot) {
		return x.compact()
	}
	return nil
}

// Optimize builds the approximate index when the index has reached
// Config.ANNMin vectors and has none, purges deleted vectors from it, and
// writes it to disk; commands that write call it when they finish. It
// reports whether it built one.
func (x *Index) Optimize(ctx context.Context) (bool, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.log == nil {
		return false, x.closedErr()
	}
	n := len(x.slot)
	if x.cfg.ANNMin < 0 || n < x.cfg.ANNMin {
		return false, nil
	}
	if x.ann != nil {
		x.purge()
		if x.ann.dirty {
			return false, x.ann.save(x)
		}
		return false, nil
	}
	h := newHNSW()
	for s, id := range x.ids {
		if s&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
		if id != "" {
			h.insert(x, s)
		}
	}
	x.ann = h
	return true, h.save(x)
}

// purge takes the deleted vectors out of the graph and frees their slots.
func (x *Index) purge() {
	if x.ann == nil || len(x.ann.tomb) == 0 {
		return
	}
	x.ann.remove(x, x.ann.tomb)
	for s := range x.ann.tomb {
		clear(x.vec(int(s)))
		x.free = append(x.free, int(s))
	}
	clear(x.ann.tomb)
}

// dropANN discards the approximate index (and its file) until the next
// Optimize; search is exact meanwhile.
func (x *Index) dropANN() {
	x.purge()
	x.ann = nil
	os.Remove(filepath.Join(x.cfg.Dir, annName))
}

// approximate reports whether searches without a filter use the
// approximate index.
func (x *Index) approximate() bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.ann != nil && len(x.slot) >= x.cfg.ANNMin
}

// Close flushes and closes the log.
// closedErr is why a write cannot be made: the index was opened to
// read, or is closed.
func (x *Index) closedErr() error {
	if x.cfg.ReadOnly {
		return errors.New("vector: index opened read-only")
	}
	return errors.New("vector: index is closed")
}

func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.log == nil {
		return nil // closed, or opened read-only: nothing to write
	}
	err := x.w.Flush()
	x.purge()
	if x.ann != nil && x.ann.dirty {
		if serr := x.ann.save(x); err == nil {
			err = serr
		}
	}
	if cerr := x.log.Close(); err == nil {
		err = cerr
	}
	x.log = nil
	return err
}

// IDs returns the chunk ids the index holds, for checking it against the
// lexical index.
// DocCounts returns how many vectors each document has, for checking the
// index against the lexical one.
func (x *Index) DocCounts() map[string]int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make(map[string]int, len(x.byDoc))
	for d, slots := range x.byDoc {
		out[d] = len(slots)
	}
	return out
}

func (x *Index) IDs() []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make([]string, 0, len(x.slot))
	for id := range x.slot {
		out = append(out, id)
	}
	return out
}
