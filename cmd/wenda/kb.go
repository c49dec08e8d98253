package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/ingest"
	"github.com/wenda-rag/wenda/retrieve"
	"github.com/wenda-rag/wenda/retrieve/bm25"
)

// cli is what every command shares: the global flags and the standard
// streams.
type cli struct {
	g              global
	stdin          io.Reader
	stdout, stderr io.Writer
}

// Lexical ranking strategies, chosen per query by --lexical. "rrf" fuses the
// word and bigram BM25 lists by reciprocal rank; "sum" adds their scores in
// one query. The default is what measured best (README, results table).
const defaultLexical = "sum"

// kb is an open knowledge base.
type kb struct {
	dir   string
	index *bm25.Index
}

func (c *cli) kbDir(name string) string { return filepath.Join(c.g.data, name) }

// openKB opens (creating if asked) a knowledge base and loads its user
// dictionary into the process's segmenter, so that queries are cut as the
// documents were.
func openKB(dir string, create bool) (*kb, error) {
	if _, err := os.Stat(filepath.Join(dir, "bm25")); err != nil {
		if !create {
			return nil, fmt.Errorf("no knowledge base at %s (run `wenda ingest` first, or pass --data/--kb)", dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	if err := loadUserDict(dir); err != nil {
		return nil, err
	}
	idx, err := bm25.New(bm25.Config{Dir: filepath.Join(dir, "bm25")})
	if err != nil {
		return nil, err
	}
	return &kb{dir: dir, index: idx}, nil
}

func (k *kb) Close() error { return k.index.Close() }

// scratchKB opens a new knowledge base in a hidden folder of the data
// directory; remove deletes it (after Close).
func (c *cli) scratchKB(prefix string) (k *kb, remove func(), err error) {
	if err := os.MkdirAll(c.g.data, 0o755); err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp(c.g.data, prefix)
	if err != nil {
		return nil, nil, err
	}
	remove = func() { os.RemoveAll(dir) }
	if k, err = openKB(dir, true); err != nil {
		remove()
		return nil, nil, err
	}
	return k, remove, nil
}

const userDictFile = "userdict.txt"

func loadUserDict(dir string) error {
	words, err := zh.ReadDictFile(filepath.Join(dir, userDictFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	seg, err := zh.Default()
	if err != nil {
		return err
	}
	seg.AddWords(words)
	return nil
}

// addUserDict copies the words of a user dictionary into the knowledge base
// (so later queries load them too) and into the segmenter.
func addUserDict(dir, path string) (int, error) {
	words, err := zh.ReadDictFile(path)
	if err != nil {
		return 0, err
	}
	f, err := os.OpenFile(filepath.Join(dir, userDictFile), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	for _, wd := range words {
		if wd.Freq > 0 {
			fmt.Fprintf(w, "%s %g\n", wd.Text, wd.Freq)
		} else {
			fmt.Fprintln(w, wd.Text)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	seg, err := zh.Default()
	if err != nil {
		return 0, err
	}
	seg.AddWords(words)
	return len(words), nil
}

// retriever wires the lexical lists of a knowledge base into a Hybrid.
func (k *kb) retriever(lexical string) (*retrieve.Hybrid, error) {
	field := func(f bm25.Field) retrieve.Searcher {
		return retrieve.SearchFunc(func(ctx context.Context, q string, n int) ([]corpora.Hit, error) {
			return k.index.SearchField(ctx, f, q, n)
		})
	}
	switch lexical {
	case "rrf":
		return retrieve.New(retrieve.Config{}, k.index, field(bm25.Words), field(bm25.Bigrams))
	case "words":
		return retrieve.New(retrieve.Config{}, k.index, field(bm25.Words))
	case "bigrams":
		return retrieve.New(retrieve.Config{}, k.index, field(bm25.Bigrams))
	case "sum":
		return retrieve.New(retrieve.Config{}, k.index, k.index)
	}
	return nil, fmt.Errorf("--lexical %q: want rrf, sum, words or bigrams", lexical)
}

func (k *kb) engine(lexical string) (*answer.Engine, *retrieve.Hybrid, error) {
	r, err := k.retriever(lexical)
	if err != nil {
		return nil, nil, err
	}
	e, err := answer.New(answer.Config{}, r)
	return e, r, err
}

// pipeline returns an ingest pipeline into the knowledge base, reporting
// progress on w when it is a terminal.
func (k *kb) pipeline(w io.Writer, chunkSize int) (*ingest.Pipeline, *progressBar, error) {
	bar := newProgressBar(w)
	batch, _ := strconv.Atoi(os.Getenv("WENDA_BATCH_KB")) // for measuring batch sizes
	p, err := ingest.New(ingest.Config{ChunkSize: chunkSize, BatchChars: batch << 10, Progress: bar.update}, k.index)
	return p, bar, err
}

// printJSON writes v as one line of JSON, Chinese unescaped.
func printJSON(w io.Writer, v interface{}) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
