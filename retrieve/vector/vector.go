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
	"container/heap"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/wenda-rag/wenda/corpora"
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

	log *os.File
	w   *bufio.Writer
}

type meta struct {
	Model     string `json:"model"`
	Dimension int    `json:"dimension"`
}

const (
	logName  = "vectors.log"
	metaName = "meta.json"
	opUpsert = 1
	opDelDoc = 2
)

// Open opens the index in cfg.Dir, creating it if absent, and replays its
// log.
func Open(cfg Config) (*Index, error) {
	if cfg.Dir == "" || cfg.Model == "" || cfg.Dimension <= 0 {
		return nil, errors.New("vector: Config needs Dir, Model and Dimension")
	}
	if err := os.MkdirAll(cfg.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("vector: %w", err)
	}
	mp := filepath.Join(cfg.Dir, metaName)
	if raw, err := os.ReadFile(mp); err == nil {
		var m meta
		if err := json.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("vector: %s: %w", mp, err)
		}
		if m.Model != cfg.Model || m.Dimension != cfg.Dimension {
			return nil, fmt.Errorf("vector: index %s holds %s (dimension %d), asked for %s (dimension %d): %w; run `wenda reembed` to rebuild it",
				cfg.Dir, m.Model, m.Dimension, cfg.Model, cfg.Dimension, ErrModel)
		}
	} else if errors.Is(err, os.ErrNotExist) {
		raw, _ := json.Marshal(meta{cfg.Model, cfg.Dimension})
		if err := writeAtomic(mp, raw); err != nil {
			return nil, fmt.Errorf("vector: %w", err)
		}
	} else {
		return nil, fmt.Errorf("vector: %w", err)
	}
	x := &Index{cfg: cfg, slot: map[string]int{}, byDoc: map[string][]int{}}
	if cfg.ANNMin == 0 {
		x.cfg.ANNMin = max(20000, (256<<20)/(4*cfg.Dimension))
	}
	if err := x.replay(); err != nil {
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

// replay reads the log into memory, cutting off a torn tail.
func (x *Index) replay() error {
	p := filepath.Join(x.cfg.Dir, logName)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("vector: %w", err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64
	// One buffer and one vector for every record: apply copies what it
	// keeps (allocating them per record was most of the replay's time, in
	// the collector).
	var buf []byte
	vec := make([]float32, x.cfg.Dimension)
	for {
		rec, n, err := readRecord(r, x.cfg.Dimension, &buf, vec)
		if err != nil {
			break // io.EOF, or a torn or corrupt tail
		}
		good += n
		x.apply(rec)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return fmt.Errorf("vector: cut the torn tail of %s: %w", p, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("vector: %w", err)
	}
	x.log, x.w = f, bufio.NewWriterSize(f, 1<<20)
	return nil
}

type record struct {
	op         byte
	chunk, doc string
	vec        []float32
}

// Record layout: length uint32 (of what follows, CRC excluded), op byte,
// chunk id and doc id (uint16 length + bytes each), the vector as float32s
// for upserts, then CRC32 (Castagnoli) of everything before it.
func appendRecord(buf []byte, rec record) []byte {
	start := len(buf)
	buf = append(buf, 0, 0, 0, 0, rec.op)
	for _, s := range []string{rec.chunk, rec.doc} {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(len(s)))
		buf = append(buf, s...)
	}
	for _, v := range rec.vec {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
	}
	binary.LittleEndian.PutUint32(buf[start:], uint32(len(buf)-start-4))
	return binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf[start:], castagnoli))
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// readRecord reads the next record into *buf (grown as needed) and, for an
// upsert, its vector into vec: both are reused by the next call.
func readRecord(r *bufio.Reader, dim int, buf *[]byte, vec []float32) (record, int64, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return record{}, 0, err
	}
	n := binary.LittleEndian.Uint32(hdr[:])
	if n < 5 || n > 1<<24 {
		return record{}, 0, errors.New("bad length")
	}
	if cap(*buf) < int(4+n+4) {
		*buf = make([]byte, 4+n+4)
	}
	body := (*buf)[:4+n+4]
	copy(body, hdr[:])
	if _, err := io.ReadFull(r, body[4:]); err != nil {
		return record{}, 0, err
	}
	if crc32.Checksum(body[:4+n], castagnoli) != binary.LittleEndian.Uint32(body[4+n:]) {
		return record{}, 0, errors.New("bad checksum")
	}
	b := body[4 : 4+n]
	rec := record{op: b[0]}
	b = b[1:]
	for _, s := range []*string{&rec.chunk, &rec.doc} {
		if len(b) < 2 {
			return record{}, 0, errors.New("short record")
		}
		l := int(binary.LittleEndian.Uint16(b))
		if len(b) < 2+l {
			return record{}, 0, errors.New("short record")
		}
		*s, b = string(b[2:2+l]), b[2+l:]
	}
	if rec.op == opUpsert {
		if len(b) != 4*dim {
			return record{}, 0, errors.New("vector of another dimension")
		}
		rec.vec = vec[:dim]
		for i := range rec.vec {
			rec.vec[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
	}
	return rec, int64(len(body)), nil
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
		return errors.New("vector: index is closed")
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

// compact rewrites the log with only the live vectors, atomically.
func (x *Index) compact() error {
	tmp := filepath.Join(x.cfg.Dir, logName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("vector: compact: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	for s, id := range x.ids {
		if id == "" {
			continue
		}
		buf = appendRecord(buf[:0], record{op: opUpsert, chunk: id, doc: x.docs[s], vec: x.vec(s)})
		if _, err := w.Write(buf); err != nil {
			f.Close()
			return fmt.Errorf("vector: compact: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("vector: compact: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("vector: compact: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(x.cfg.Dir, logName)); err != nil {
		f.Close()
		return fmt.Errorf("vector: compact: %w", err)
	}
	x.log.Close()
	x.log, x.w, x.dead = f, bufio.NewWriterSize(f, 1<<20), 0
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
		return false, errors.New("vector: index is closed")
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

// Approximate reports whether searches without a filter use the
// approximate index.
func (x *Index) Approximate() bool {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.ann != nil && len(x.slot) >= x.cfg.ANNMin
}

// Close flushes and closes the log.
func (x *Index) Close() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.log == nil {
		return nil
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

func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// IDs returns the chunk ids the index holds, for checking it against the
// lexical index.
func (x *Index) IDs() []string {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make([]string, 0, len(x.slot))
	for id := range x.slot {
		out = append(out, id)
	}
	return out
}
