// Package ingest turns files into indexed chunks: read → decode → chunk →
// write. Normalization and segmentation happen inside the index's analyzer,
// so that the text is analyzed the same way at index and query time.
//
// Ingestion is idempotent: a document whose content hash the index already
// holds is skipped, a changed one has all its chunks replaced, and each write
// is atomic, so a crash mid-ingest leaves every document either old or new.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/wenda-rag/wenda/corpora"
)

// Index is where ingested chunks go.
type Index interface {
	// Lookup returns what the index holds about a document.
	Lookup(ctx context.Context, docID string) (corpora.DocRecord, bool, error)
	// Write replaces, atomically, the chunks of every document in docs by
	// the given chunks (which belong to those documents).
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
	// after its vectors and before its lexical batch (which holds the
	// document's hash: a crash before it makes the next run write all
	// three again).
	Graph Graph
	// Embedder and Vectors, when both are set, give every written chunk a
	// vector. A batch's vectors are written before its lexical batch,
	// which records the documents' hashes: after a crash between the two,
	// the documents are ingested again and their vectors overwritten, so
	// the two stores agree.
	Embedder  Embedder
	Vectors   Vectors
	ChunkSize int // characters per chunk; default DefaultChunkSize
	// Format is how files are read (corpora.Formats); "" recognizes each
	// file by its name and content.
	Format  string
	Workers int // file readers; default GOMAXPROCS
	Writers int // batches written at once; default GOMAXPROCS
	// BatchChars is how many bytes of text are written to the index at
	// once; default 512 KiB. Each batch is atomic: a crash loses at most the
	// batches in flight, whose documents are ingested again next time.
	BatchChars int
	// Progress, if set, is called about five times a second and once at the
	// end, from one goroutine.
	Progress func(Progress)
}

// Progress is a snapshot of a running ingest.
type Progress struct {
	Files, FilesTotal int
	Bytes, BytesTotal int64
	Docs, Chunks      int
	Elapsed           time.Duration
	Done              bool
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
	Elapsed   time.Duration
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
	if cfg.BatchChars <= 0 {
		cfg.BatchChars = 512 << 10
	}
	return &Pipeline{cfg: cfg, index: index}, nil
}

// writeVectors replaces the vectors of the documents by those of their new
// chunks (title and text embedded together).
func (p *Pipeline) writeVectors(ctx context.Context, docs []corpora.DocRecord, chunks []corpora.Chunk) error {
	if p.cfg.Embedder == nil || p.cfg.Vectors == nil {
		return nil
	}
	r, batched := p.cfg.Vectors.(Replacer)
	if !batched {
		for _, d := range docs {
			if err := p.cfg.Vectors.DeleteDoc(ctx, d.ID); err != nil {
				return err
			}
		}
	}
	if len(chunks) == 0 && !batched {
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
		ids := make([]string, len(docs))
		for i, d := range docs {
			ids[i] = d.ID
		}
		return r.Replace(ctx, ids, items)
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
	if c.Title == "" {
		return c.Text
	}
	return c.Title + "\n" + c.Text
}

// Hash is the content hash of a document as chunked with size: a change of
// text, title or chunk size makes the document new.
func Hash(doc corpora.Document, size int) string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00", size, doc.Title)
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
	chars   []int // text bytes of each document in docs
	err     error
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

func (p *Pipeline) run(ctx context.Context, files []corpora.File, read func(corpora.File) ([]corpora.Document, error)) (Summary, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var total int64
	for _, f := range files {
		total += f.Size
	}
	jobs := make(chan corpora.File)
	results := make(chan fileResult, 2*p.cfg.Workers)
	var wg sync.WaitGroup
	for w := 0; w < p.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				r := p.prepare(ctx, f, read)
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

	var (
		mu         sync.Mutex // guards sum and runErr: writers update them
		sum        Summary
		runErr     error
		batchDocs  []corpora.DocRecord
		batchChunk []corpora.Chunk
		batchRecs  []corpora.Document
		batchChars int
		batchFiles int   // files whose documents are in the batch
		batchBytes int64 // and their size
		lastReport time.Time
	)
	report := func(done bool) {
		if p.cfg.Progress == nil || (!done && time.Since(lastReport) < 200*time.Millisecond) {
			return
		}
		lastReport = time.Now()
		mu.Lock()
		pr := Progress{Files: sum.Files + len(sum.Failed) + len(sum.Skipped), FilesTotal: len(files), Bytes: sum.Bytes, BytesTotal: total,
			Docs: sum.Docs, Chunks: sum.Chunks, Elapsed: time.Since(start), Done: done}
		mu.Unlock()
		p.cfg.Progress(pr)
	}
	// Batches are written by several goroutines at once: the index builds
	// each batch's segment on one core, so one writer would leave the other
	// cores idle while it does.
	type batch struct {
		docs    []corpora.DocRecord
		chunks  []corpora.Chunk
		records []corpora.Document
		files   int
		bytes   int64
	}
	batches := make(chan batch)
	var writers sync.WaitGroup
	for w := 0; w < p.cfg.Writers; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for b := range batches {
				err := p.writeVectors(ctx, b.docs, b.chunks)
				if err == nil && p.cfg.Graph != nil {
					ids := make([]string, len(b.docs))
					for i, d := range b.docs {
						ids[i] = d.ID
					}
					err = p.cfg.Graph.Replace(ctx, ids, b.records)
				}
				if err == nil {
					err = p.index.Write(ctx, b.docs, b.chunks)
				}
				mu.Lock()
				if err != nil && runErr == nil {
					runErr = fmt.Errorf("ingest: write: %w", err)
					cancel()
				}
				if err == nil {
					// Progress counts a file once its documents are written.
					sum.Docs += len(b.docs)
					sum.Chunks += len(b.chunks)
					sum.Files += b.files
					sum.Bytes += b.bytes
				}
				mu.Unlock()
			}
		}()
	}
	flush := func() {
		if len(batchDocs) == 0 {
			return
		}
		select {
		case batches <- batch{batchDocs, batchChunk, batchRecs, batchFiles, batchBytes}:
		case <-ctx.Done():
		}
		batchDocs, batchChunk, batchRecs, batchChars, batchFiles, batchBytes = nil, nil, nil, 0, 0, 0
	}
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
		mu.Unlock()
		if r.err == nil && len(r.docs) > 0 && ctx.Err() == nil {
			// Document by document, so a file of many records (a SQuAD
			// file) still fills several batches that index in parallel; the
			// file counts as done with its last batch.
			rest := r.chunks
			recs := r.records
			for i, d := range r.docs {
				batchDocs = append(batchDocs, d)
				if len(recs) > 0 && recs[0].ID == d.ID {
					batchRecs = append(batchRecs, recs[0])
					recs = recs[1:]
				}
				batchChunk = append(batchChunk, rest[:d.Chunks]...)
				rest = rest[d.Chunks:]
				batchChars += r.chars[i]
				if i == len(r.docs)-1 {
					batchFiles++
					batchBytes += r.file.Size
				}
				if batchChars >= p.cfg.BatchChars {
					flush()
				}
			}
		}
		report(false)
	}
	flush()
	close(batches)
	writers.Wait()
	if runErr == nil && ctx.Err() != nil {
		runErr = fmt.Errorf("ingest: %w", ctx.Err())
	}
	sum.Elapsed = time.Since(start)
	report(true)
	return sum, runErr
}

// RunDocuments ingests documents already in memory, as Run does files.
func (p *Pipeline) RunDocuments(ctx context.Context, docs []corpora.Document) (Summary, error) {
	return p.run(ctx, []corpora.File{{Path: "(memory)", ID: "(memory)"}}, func(corpora.File) ([]corpora.Document, error) {
		return docs, nil
	})
}

// prepare reads, decodes and chunks one file, skipping documents the index
// already holds unchanged.
func (p *Pipeline) prepare(ctx context.Context, f corpora.File, read func(corpora.File) ([]corpora.Document, error)) fileResult {
	r := fileResult{file: f}
	docs, err := read(f)
	if err != nil {
		r.err = err
		return r
	}
	for _, d := range docs {
		rec := corpora.DocRecord{ID: d.ID, Title: d.Title, Source: d.Source, Hash: Hash(d, p.cfg.ChunkSize)}
		old, ok, err := p.index.Lookup(ctx, d.ID)
		if err != nil {
			r.indexErr = fmt.Errorf("lookup %s: %w", d.ID, err)
			return r
		}
		if ok && old.Hash == rec.Hash {
			r.same++
			continue
		}
		chunks := Chunk(d, p.cfg.ChunkSize)
		rec.Chunks = len(chunks)
		r.docs = append(r.docs, rec)
		if d.Record != nil && p.cfg.Graph != nil {
			r.records = append(r.records, d)
		}
		r.chunks = append(r.chunks, chunks...)
		r.chars = append(r.chars, len(d.Text))
	}
	return r
}
