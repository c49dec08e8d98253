package wenda

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/ingest"
)

// IngestOptions say how files are read and cut. Zero values are the
// defaults.
type IngestOptions struct {
	ChunkSize int    // characters per chunk; default ingest.DefaultChunkSize
	Format    string // how files are read (corpora.Formats); default: recognized by name and content
	// BatchChars is how many bytes of text are written at once; default
	// 512 KiB.
	BatchChars int
	// Progress, if set, is called about five times a second and once at
	// the end.
	Progress func(ingest.Progress)
}

// Ingest adds files to the knowledge base: each read, cut into chunks,
// embedded and indexed, with its records' facts in the graph; an unchanged
// document is skipped, a changed one replaced whole. A file that cannot be
// read is listed in the summary's Failed and costs nothing else. What
// derives from the whole knowledge base (document frequencies, the
// approximate index) is refreshed before Ingest returns.
func (k *KB) Ingest(ctx context.Context, files []corpora.File, opt IngestOptions) (ingest.Summary, error) {
	return k.runIngest(ctx, opt, func(p *ingest.Pipeline) (ingest.Summary, error) { return p.Run(ctx, files) })
}

// IngestPaths ingests files and folders (recursively); a document's id is
// its path relative to the folder given.
func (k *KB) IngestPaths(ctx context.Context, paths []string, opt IngestOptions) (ingest.Summary, error) {
	files, err := corpora.Walk(paths)
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("wenda: ingest: %w", err)
	}
	return k.Ingest(ctx, files, opt)
}

// IngestDocuments adds documents held in memory (their ids are theirs).
func (k *KB) IngestDocuments(ctx context.Context, docs []corpora.Document, opt IngestOptions) (ingest.Summary, error) {
	return k.runIngest(ctx, opt, func(p *ingest.Pipeline) (ingest.Summary, error) { return p.RunDocuments(ctx, docs) })
}

func (k *KB) runIngest(ctx context.Context, opt IngestOptions, run func(*ingest.Pipeline) (ingest.Summary, error)) (ingest.Summary, error) {
	done, err := k.write()
	if err != nil {
		return ingest.Summary{}, err
	}
	defer done()
	cfg := ingest.Config{ChunkSize: opt.ChunkSize, Format: opt.Format, BatchChars: opt.BatchChars, Progress: opt.Progress, Graph: k.graph}
	if k.vec != nil {
		cfg.Embedder, cfg.Vectors = k.vec.emb, k.vec.store
	}
	p, err := ingest.New(cfg, markedIndex{k.index, k})
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("wenda: %w", err)
	}
	sum, err := run(p)
	// Refreshed after a failed or cancelled run too: its first batches
	// may have landed.
	if rerr := k.refresh(context.WithoutCancel(ctx)); err == nil {
		err = rerr
	}
	if rerr := k.saveRewrite(context.WithoutCancel(ctx)); err == nil {
		err = rerr
	}
	if err != nil {
		return sum, fmt.Errorf("wenda: ingest into %s: %w", k.dir, err)
	}
	return sum, nil
}

// Remove deletes documents by id: vectors first, then facts, then BM25
// (which holds the document's record) — a crash between leaves the
// document listed, and removing it again finishes the job. A document the
// knowledge base does not hold is an ErrNoDocument among the errors
// returned; the others are still removed.
func (k *KB) Remove(ctx context.Context, ids ...string) error {
	done, err := k.write()
	if err != nil {
		return err
	}
	defer done()
	var errs []error
	for _, id := range ids {
		if err := k.remove(ctx, id); err != nil {
			errs = append(errs, err)
			continue
		}
		k.written(ctx, []string{id}) // gone: nothing left to write again
	}
	if err := k.saveRewrite(context.WithoutCancel(ctx)); err != nil {
		errs = append(errs, err)
	}
	if err := k.refresh(context.WithoutCancel(ctx)); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// maxID bounds a document id at the edge: no store is asked about a
// longer one (the vector log's records hold 64 KB).
const maxID = 4096

func (k *KB) remove(ctx context.Context, id string) error {
	if len(id) > maxID {
		return fmt.Errorf("wenda: remove a document id of %d bytes (at most %d): %w", len(id), maxID, ErrNoDocument)
	}
	_, ok, err := k.index.Lookup(ctx, id)
	if err != nil {
		return fmt.Errorf("wenda: remove %s: %w", id, err)
	}
	if !ok {
		return fmt.Errorf("wenda: remove %s: %w", id, ErrNoDocument)
	}
	if k.vec != nil {
		if err := k.vec.store.DeleteDoc(ctx, id); err != nil {
			return fmt.Errorf("wenda: remove %s: %w", id, err)
		}
	}
	if err := k.graph.Remove(ctx, id); err != nil {
		return fmt.Errorf("wenda: remove %s: %w", id, err)
	}
	if err := k.index.Remove(ctx, id); err != nil {
		return fmt.Errorf("wenda: remove %s: %w", id, err)
	}
	return nil
}

const userDictFile = "userdict.txt"

// loadDictionary gives the knowledge base's segmenter its user dictionary.
func (k *KB) loadDictionary() error {
	words, err := zh.ReadDictFile(filepath.Join(k.dir, userDictFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("wenda: %w", err)
	}
	k.seg.AddWords(words)
	return nil
}

// AddDictionary adds the words of a user dictionary (one word per line,
// optionally followed by a frequency) to the knowledge base: kept in it,
// so every later open cuts its documents and questions with them, and in
// force at once. It returns how many words were new to the dictionary.
// Documents ingested before keep their cut until they are ingested again.
func (k *KB) AddDictionary(path string) (int, error) {
	words, err := zh.ReadDictFile(path)
	if err != nil {
		return 0, fmt.Errorf("wenda: %w", err)
	}
	done, err := k.write()
	if err != nil {
		return 0, err
	}
	defer done()
	f, err := os.OpenFile(filepath.Join(k.dir, userDictFile), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, fmt.Errorf("wenda: %w", err)
	}
	w := bufio.NewWriter(f)
	for _, wd := range words {
		if wd.Freq > 0 {
			fmt.Fprintf(w, "%s %g\n", wd.Text, wd.Freq)
		} else {
			fmt.Fprintln(w, wd.Text)
		}
	}
	err = w.Flush()
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("wenda: add dictionary %s: %w", path, err)
	}
	return k.seg.AddWords(words), nil
}
