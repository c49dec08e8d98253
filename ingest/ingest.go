// Package ingest turns files into indexed chunks: read → decode → chunk →
// write. Normalization and segmentation happen inside the index's analyzer,
// so that the text is analyzed the same way at index and query time.
//
// Ingestion is idempotent: a document whose content hash the index already
// holds is skipped, and a changed one has all its chunks replaced. Chunks
// are written in batches of about Config.BatchChars, each atomic, so a crash
// mid-ingest leaves every document that fits in a batch either old or new.
// A larger document is written in several batches, so that memory stays
// bounded and the writers work in parallel: until its last batch, which
// records its hash, searches may see part of its new chunks beside what is
// left of its old ones, and a crash leaves it so — listed, recorded without
// a hash — until the next ingest writes it again. Its first batch records
// its new count of chunks, deleting the old ones past it, so no chunk is
// ever left that its record does not count.
//
// Run stops promptly when its context is cancelled (an abandoned upload):
// between the steps of each file and of each batch, and inside every step
// that takes the context — the index, the embedder, the vector store and
// the graph must honour it. Reading a file and chunking a document take
// none: a cancelled run returns without waiting for them, and they finish
// alone (a second or two for a 50 MB file), touching no store.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/wenda-rag/wenda/corpora"
)

// Index is where ingested chunks go.
type Index interface {
	// Lookup returns what the index holds about a document.
	Lookup(ctx context.Context, docID string) (corpora.DocRecord, bool, error)
	// Write indexes chunks and records docs, atomically: for each document
	// in docs, the chunks its old record counted past the new Chunks are
	// deleted (bm25.Index does so). A document larger than a batch comes in
	// several Writes: the first records it with its count and an empty
	// Hash (it is not ingested yet), those in between carry its next chunks
	// without its record, and the last records it with its hash.
	Write(ctx context.Context, docs []corpora.DocRecord, chunks []corpora.Chunk) error
}

// Embedder turns chunk texts into vectors. It must be the model the
// knowledge base's vectors were made with.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Vectors is where chunk vectors go.
type Vectors interface {
	Upsert(ctx context.Context, items []corpora.Embedding) error
	DeleteDoc(ctx context.Context, docID string) error
}

// Graph is where the facts of structured records go (the knowledge
// graph): Replace sets the facts of the documents ids from the records
// among docs.
type Graph interface {
	Replace(ctx context.Context, ids []string, docs []corpora.Document) error
}

// Config configures a Pipeline. Zero values are the defaults.
type Config struct {
	// Graph, when set, receives every written document that has a record,
	// with the batch of its last chunks: after its vectors and before the
	// lexical write that records the document's hash (a crash before it
	// makes the next run write all three again).
	Graph Graph
	// Embedder and Vectors, when both are set, give every written chunk a
	// vector. A batch's vectors are written before its lexical batch,
	// which records the documents' hashes: after a crash between the two,
	// the documents are ingested again and their vectors overwritten, so
	// the two stores agree. A document's old vectors are deleted with its
	// first batch.
	Embedder  Embedder
	Vectors   Vectors
	ChunkSize int // characters per chunk; default DefaultChunkSize
	// Format is how files are read (corpora.Formats); "" recognizes each
	// file by its name and content.
	Format  string
	Workers int // file readers; default GOMAXPROCS
	Writers int // batches written at once; default GOMAXPROCS
	// BatchChars is how many bytes of chunk text are written to the index
	// at once. The default is 512 KiB, or a sixteenth of the run's file
	// bytes up to 4 MiB: bleve pays for every batch (a segment to build,
	// persist and merge later; a 50 MB file took about a fifth less CPU in
	// 3 MiB batches than in 512 KiB ones), and sixteen batches still keep
	// the writers busy. A batch
	// takes whole documents while it holds less than BatchChars, so it
	// stays under 2×BatchChars; a document larger than BatchChars is split
	// across batches (see the package doc: until its last batch, searches
	// may see part of its new chunks). Each batch is atomic: a crash loses
	// at most the batches in flight, whose documents are ingested again
	// next time. At most Writers+1 batches are held at once.
	BatchChars int
	// Progress, if set, is called about five times a second and once at the
	// end, from one goroutine.
	Progress func(Progress)
}

// Progress is a snapshot of a running ingest.
type Progress struct {
	Files, FilesTotal int
	// Bytes counts a file's bytes as its chunks are written, in proportion.
	Bytes, BytesTotal int64
	Docs, Chunks      int
	Elapsed           time.Duration
	Done              bool
	// Reading is a long file being read and how far (a PDF's pages):
	// "manual.pdf 300/1004"; empty when none is.
	Reading string
}

// FileError is a file that could not be ingested.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return e.Err.Error() }

// Summary is the result of Run.
type Summary struct {
	Files     int         // files read
	Bytes     int64       // bytes read
	Docs      int         // documents written (new or changed)
	Unchanged int         // documents skipped because the index already had them
	Chunks    int         // chunks written
	Failed    []FileError // files of a readable type that could not be read: binary, empty, undecodable
	Skipped   []FileError // files of types wenda does not read (images, archives …)
	// Damaged lists the files read with bytes that were not text in
	// their encoding (each now U+FFFD): ingested, with what was lost said.
	Damaged []FileError
	Elapsed time.Duration
}

// Pipeline ingests files into an Index.
type Pipeline struct {
	cfg   Config
	index Index
}

// New returns a Pipeline writing into index.
func New(cfg Config, index Index) (*Pipeline, error) {
	if index == nil {
		return nil, errors.New("ingest: no index")
	}
	if cfg.ChunkSize <= 0 {
		cfg.ChunkSize = DefaultChunkSize
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Writers <= 0 {
		cfg.Writers = runtime.GOMAXPROCS(0)
	}
	cfg.BatchChars = max(cfg.BatchChars, 0) // 0: chosen by each run
	return &Pipeline{cfg: cfg, index: index}, nil
}

// writeVectors embeds chunks (title and text together) and writes their
// vectors, after deleting every old vector of the documents fresh (those
// whose first chunks these are).
func (p *Pipeline) writeVectors(ctx context.Context, fresh []string, chunks []corpora.Chunk) error {
	if p.cfg.Embedder == nil || p.cfg.Vectors == nil {
		return nil
	}
	r, batched := p.cfg.Vectors.(Replacer)
	if !batched {
		for _, id := range fresh {
			if err := p.cfg.Vectors.DeleteDoc(ctx, id); err != nil {
				return err
			}
		}
	}
	if len(chunks) == 0 && (!batched || len(fresh) == 0) {
		return nil
	}
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		texts[i] = EmbedText(c)
	}
	var vecs [][]float32
	if len(texts) > 0 {
		var err error
		if vecs, err = p.cfg.Embedder.Embed(ctx, texts); err != nil {
			return err
		}
	}
	if len(vecs) != len(chunks) {
		return fmt.Errorf("embedder returned %d vectors for %d chunks", len(vecs), len(chunks))
	}
	items := make([]corpora.Embedding, len(chunks))
	for i, c := range chunks {
		items[i] = corpora.Embedding{ChunkID: c.ID, DocID: c.DocID, Vector: vecs[i]}
	}
	if batched {
		return r.Replace(ctx, fresh, items)
	}
	return p.cfg.Vectors.Upsert(ctx, items)
}

// Replacer is a vector store that replaces documents' vectors in one
// write (the embedded index: one log append and one sync per batch).
type Replacer interface {
	Replace(ctx context.Context, docs []string, items []corpora.Embedding) error
}

// EmbedText is what is embedded for a chunk: its title, then its text.
func EmbedText(c corpora.Chunk) string {
	t := c.Text
	if c.Header != "" {
		t = c.Header + "\n" + t
	}
	if c.Title == "" {
		return t
	}
	return c.Title + "\n" + t
}

// chunkerVersion changes when chunks of the same text come out otherwise
// (2: a list's lead-in and a table's caption carried in Header), so that
// ingesting again rewrites them.
const chunkerVersion = 2

// Hash is the content hash of a document as chunked with size: a change of
// text, title or chunk size makes the document new.
func Hash(doc corpora.Document, size int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00%d\x00", size, doc.Title, chunkerVersion)
	h.Write([]byte(doc.Text))
	if r := doc.Record; r != nil {
		// The record too: when a reader learns to read it better (a
		// poem's lines), ingesting again replaces its facts.
		keys := make([]string, 0, len(r.Fields))
		for k := range r.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(h, "\x00%s", r.Kind)
		for _, k := range keys {
			fmt.Fprintf(h, "\x00%s=%s", k, r.Fields[k])
		}
		for _, l := range r.Lines {
			fmt.Fprintf(h, "\x01%s", l)
		}
		for _, t := range r.Triples {
			fmt.Fprintf(h, "\x02%s\x00%s\x00%s\x00%d", t.Relation, t.Object, t.Source, t.Line)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

type fileResult struct {
	file    corpora.File
	docs    []corpora.DocRecord
	records []corpora.Document // of docs, those with a record
	chunks  []corpora.Chunk
	same    int
	err     error
	// replaced counts the bytes of the file that were not text (read
	// as U+FFFD).
	replaced int
	loss     string // what of the file could not be read (Document.Loss)
	// indexErr is a failure of the index's Lookup: it stops the run, for
	// the index is to blame, not the file (nor, cancelled, the user's).
	indexErr error
}

// Run ingests files. A file that cannot be read is recorded in the summary's
// Failed list and the others go on; the error returned is for failures of the
// index itself or a cancelled context, which stop the run.
//
// A document's id is its file's: two files of one id (the same relative
// path under two folders given) would overwrite each other, so the second
// is not read and is listed as failed, naming the first.
func (p *Pipeline) Run(ctx context.Context, files []corpora.File) (Summary, error) {
	format := p.cfg.Format
	if format == "" {
		format = corpora.FormatAuto
	}
	first := make(map[string]string, len(files))
	var dups []FileError
	unique := make([]corpora.File, 0, len(files))
	for _, f := range files {
		if prev, ok := first[f.ID]; ok {
			dups = append(dups, FileError{Path: f.Path, Err: fmt.Errorf("%s: not read: its document id %q is also %s's (two folders given hold the same path); ingest their common parent folder instead", f.Path, f.ID, prev)})
			continue
		}
		first[f.ID] = f.Path
		unique = append(unique, f)
	}
	sum, err := p.run(ctx, unique, func(f corpora.File) ([]corpora.Document, error) { return corpora.ReadFileAs(f, format) })
	sum.Failed = append(sum.Failed, dups...)
	return sum, err
}

// batch is one write to the stores. Its chunks are those of whole
// documents, and at either end maybe part of a document too large for one
// batch: such a document's first batch is written before its others, and
// its last batch, which records its hash, after all of them.
type batch struct {
	docs    []corpora.DocRecord // documents whose last chunks are here, recorded with their hashes
	begun   []corpora.DocRecord // documents begun here and finished in a later batch, recorded without a hash
	fresh   []string            // documents whose first chunks are here: their old vectors go
	records []corpora.Document  // of docs, those with a record, for the graph
	chunks  []corpora.Chunk
	chars   int             // bytes of chunk text
	files   int             // files whose last chunks are here
	bytes   int64           // and the files' bytes, in proportion to their chunks here
	after   []chan struct{} // the batches of earlier parts of its documents, written first
	written chan struct{}   // closed once the write is over (a failure has cancelled the run by then)
}

// write writes a batch: its vectors, then the graph, then the index, whose
// records say its documents are ingested; a crash before leaves them to be
// ingested again.
func (p *Pipeline) write(ctx context.Context, b *batch) error {
	for _, ch := range b.after {
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return err // an earlier part failed, or the run was cancelled
	}
	if err := p.writeVectors(ctx, b.fresh, b.chunks); err != nil {
		return err
	}
	if p.cfg.Graph != nil && len(b.docs) > 0 {
		ids := make([]string, len(b.docs))
		for i, d := range b.docs {
			ids[i] = d.ID
		}
		if err := p.cfg.Graph.Replace(ctx, ids, b.records); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	docs := b.docs
	if len(b.begun) > 0 {
		docs = append(slices.Clip(docs), b.begun...)
	}
	return p.index.Write(ctx, docs, b.chunks)
}

func (p *Pipeline) run(ctx context.Context, files []corpora.File, read func(corpora.File) ([]corpora.Document, error)) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var total int64
	for _, f := range files {
		total += f.Size
	}
	var (
		mu         sync.Mutex // guards sum and runErr: writers update them
		sum        Summary
		runErr     error
		reportMu   sync.Mutex // guards lastReport, and makes reports one at a time
		lastReport time.Time
		readingMu  sync.Mutex // guards reading
		reading    string     // a long file being read, how far
	)
	report := func(done bool) {
		if p.cfg.Progress == nil {
			return
		}
		reportMu.Lock() // readers and the loop below report: one at a time
		defer reportMu.Unlock()
		if !done && time.Since(lastReport) < 200*time.Millisecond {
			return
		}
		lastReport = time.Now()
		mu.Lock()
		pr := Progress{Files: sum.Files + len(sum.Failed) + len(sum.Skipped), FilesTotal: len(files), Bytes: sum.Bytes, BytesTotal: total,
			Docs: sum.Docs, Chunks: sum.Chunks, Elapsed: time.Since(start), Done: done}
		mu.Unlock()
		readingMu.Lock()
		pr.Reading = reading
		readingMu.Unlock()
		p.cfg.Progress(pr)
	}
	jobs := make(chan corpora.File)
	results := make(chan fileResult, 2*p.cfg.Workers)
	var wg sync.WaitGroup
	for w := 0; w < p.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				f.Progress = func(done, total int) {
					readingMu.Lock()
					reading = fmt.Sprintf("%s %d/%d", filepath.Base(f.Path), done, total)
					if done >= total {
						reading = ""
					}
					readingMu.Unlock()
					report(false)
				}
				r, err := p.prepare(ctx, f, read)
				if err != nil {
					return // cancelled
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Batches are written by several goroutines at once: the index builds
	// each batch's segment on one core, so one writer would leave the other
	// cores idle while it does.
	batches := make(chan *batch)
	var writers sync.WaitGroup
	for w := 0; w < p.cfg.Writers; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for b := range batches {
				err := p.write(ctx, b)
				mu.Lock()
				switch {
				case err == nil:
					// Progress counts a file once its last chunks are written.
					sum.Docs += len(b.docs)
					sum.Chunks += len(b.chunks)
					sum.Files += b.files
					sum.Bytes += b.bytes
				case ctx.Err() != nil && errors.Is(err, ctx.Err()):
					// Cancelled, or stopped by another's failure: said below.
				case runErr == nil:
					runErr = fmt.Errorf("ingest: write: %w", err)
					cancel()
				}
				mu.Unlock()
				close(b.written)
			}
		}()
	}
	limit := p.cfg.BatchChars
	if limit == 0 {
		limit = int(min(max(total/16, 512<<10), 4<<20))
	}
	q := newBatcher(limit, func(b *batch) {
		select {
		case batches <- b:
		case <-ctx.Done():
		}
		report(false)
	})
	for r := range results {
		if r.indexErr != nil {
			mu.Lock()
			if runErr == nil && ctx.Err() == nil {
				runErr = fmt.Errorf("ingest: %w", r.indexErr)
			}
			mu.Unlock()
			cancel()
			continue
		}
		mu.Lock()
		switch {
		case errors.Is(r.err, corpora.ErrUnsupported) && !corpora.Supported(r.file.Path), errors.Is(r.err, corpora.ErrLayout):
			sum.Skipped = append(sum.Skipped, FileError{Path: r.file.Path, Err: r.err})
			sum.Bytes += r.file.Size
		case r.err != nil:
			sum.Failed = append(sum.Failed, FileError{Path: r.file.Path, Err: r.err})
			sum.Bytes += r.file.Size
		case len(r.docs) == 0: // nothing new in it
			sum.Files++
			sum.Bytes += r.file.Size
		}
		sum.Unchanged += r.same
		if r.replaced > 0 && r.err == nil {
			sum.Damaged = append(sum.Damaged, FileError{Path: r.file.Path,
				Err: fmt.Errorf("%s: %d bytes were not text in its encoding and read as �", r.file.Path, r.replaced)})
		}
		if r.loss != "" && r.err == nil {
			sum.Damaged = append(sum.Damaged, FileError{Path: r.file.Path, Err: fmt.Errorf("%s: %s", r.file.Path, r.loss)})
		}
		mu.Unlock()
		if r.err == nil && len(r.docs) > 0 && ctx.Err() == nil {
			q.addFile(r)
		}
		report(false)
	}
	q.flush()
	close(batches)
	writers.Wait()
	if runErr == nil && ctx.Err() != nil {
		runErr = fmt.Errorf("ingest: %w", ctx.Err())
	}
	sum.Elapsed = time.Since(start)
	report(true)
	return sum, runErr
}

// batcher packs the documents of files into batches of about limit bytes
// of chunk text, document by document, so that a file of many documents (a
// SQuAD file) fills several batches that are written in parallel. A
// document of more than limit is split across batches; the others go
// whole, each written atomically.
type batcher struct {
	limit int
	b     *batch       // being filled
	send  func(*batch) // sends a full batch to the writers
}

func newBatcher(limit int, send func(*batch)) *batcher {
	return &batcher{limit: limit, b: &batch{written: make(chan struct{})}, send: send}
}

// flush sends the batch being filled, if it holds anything, and starts
// another.
func (q *batcher) flush() {
	if len(q.b.chunks) == 0 && len(q.b.docs) == 0 {
		return
	}
	q.send(q.b)
	q.b = &batch{written: make(chan struct{})}
}

// addFile adds the documents of a file, flushing each batch it fills. The
// file's bytes are shared among its batches in proportion to their chunk
// text, for progress; it counts as done with its last batch.
func (q *batcher) addFile(r fileResult) {
	fileChars := textBytes(r.chunks)
	taken, given := 0, int64(0) // the file's chunk text batched so far, and the bytes counted for it
	add := func(cs []corpora.Chunk) {
		q.b.chunks = append(q.b.chunks, cs...)
		n := textBytes(cs)
		q.b.chars += n
		taken += n
		if fileChars > 0 {
			share := r.file.Size * int64(taken) / int64(fileChars)
			q.b.bytes += share - given
			given = share
		}
	}
	rest, recs := r.chunks, r.records
	for i, d := range r.docs {
		cs := rest[:d.Chunks]
		rest = rest[d.Chunks:]
		var rec []corpora.Document
		if len(recs) > 0 && recs[0].ID == d.ID {
			rec, recs = recs[:1], recs[1:]
		}
		q.b.fresh = append(q.b.fresh, d.ID)
		var parts []chan struct{} // the batches of the document's parts so far
		for split := textBytes(cs) > q.limit; split; {
			// Fill the batch (a flushed one is empty, so each part takes
			// a chunk at least) and send it on, until the rest fits.
			n, room := 0, q.limit-q.b.chars
			for n < len(cs) && room > 0 {
				room -= len(cs[n].Text)
				n++
			}
			if n == len(cs) {
				break // the last part
			}
			add(cs[:n])
			cs = cs[n:]
			if parts == nil {
				// Recorded first without a hash: a crash before its last
				// part leaves it to be ingested again. Its count deletes
				// its old chunks past it now, and covers every chunk its
				// parts write.
				q.b.begun = append(q.b.begun, corpora.DocRecord{ID: d.ID, Title: d.Title, Source: d.Source, Chunks: d.Chunks})
			} else {
				q.b.after = append(q.b.after, parts[0])
			}
			parts = append(parts, q.b.written)
			q.flush()
		}
		add(cs)
		q.b.after = append(q.b.after, parts...)
		q.b.docs = append(q.b.docs, d)
		q.b.records = append(q.b.records, rec...)
		if i == len(r.docs)-1 {
			q.b.files++
			q.b.bytes += r.file.Size - given
		}
		if q.b.chars >= q.limit {
			q.flush()
		}
	}
}

func textBytes(cs []corpora.Chunk) int {
	n := 0
	for _, c := range cs {
		n += len(c.Text)
	}
	return n
}

// RunDocuments ingests documents already in memory, as Run does files.
func (p *Pipeline) RunDocuments(ctx context.Context, docs []corpora.Document) (Summary, error) {
	return p.run(ctx, []corpora.File{{Path: "(memory)", ID: "(memory)"}}, func(corpora.File) ([]corpora.Document, error) {
		return docs, nil
	})
}

// prepare reads, decodes and chunks one file, skipping documents the index
// already holds unchanged. The error is the context's: the run is
// cancelled.
func (p *Pipeline) prepare(ctx context.Context, f corpora.File, read func(corpora.File) ([]corpora.Document, error)) (fileResult, error) {
	r := fileResult{file: f}
	type readResult struct {
		docs []corpora.Document
		err  error
	}
	rd, err := aside(ctx, func() readResult {
		docs, err := read(f)
		return readResult{docs, err}
	})
	if err != nil {
		return r, err
	}
	if rd.err != nil {
		r.err = rd.err
		return r, nil
	}
	if len(rd.docs) > 0 {
		r.replaced = rd.docs[0].Replaced // the file's, on each of its documents
		r.loss = rd.docs[0].Loss
	}
	for _, d := range rd.docs {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		rec := corpora.DocRecord{ID: d.ID, Title: d.Title, Source: d.Source, Hash: Hash(d, p.cfg.ChunkSize)}
		old, ok, err := p.index.Lookup(ctx, d.ID)
		if err != nil {
			if ctx.Err() != nil {
				return r, ctx.Err()
			}
			r.indexErr = fmt.Errorf("lookup %s: %w", d.ID, err)
			return r, nil
		}
		if ok && old.Hash == rec.Hash {
			r.same++
			continue
		}
		chunks, err := aside(ctx, func() []corpora.Chunk { return Chunk(d, p.cfg.ChunkSize) })
		if err != nil {
			return r, err
		}
		rec.Chunks = len(chunks)
		r.docs = append(r.docs, rec)
		if d.Record != nil && p.cfg.Graph != nil {
			r.records = append(r.records, d)
		}
		r.chunks = append(r.chunks, chunks...)
	}
	return r, nil
}

// aside runs f, a step that takes no context (reading a file, chunking a
// document: a second or two for 50 MB), in a goroutine of its own, and
// returns its result, or the context's error as soon as the context is
// done: f then finishes alone, touching nothing, and its result is dropped.
func aside[T any](ctx context.Context, f func() T) (T, error) {
	var zero T
	if err := ctx.Err(); err != nil {
		return zero, err
	}
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}
