package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
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
	"github.com/wenda-rag/wenda/kg"
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
	vec   *vectors  // nil: BM25 only
	graph *kg.Graph // facts of structured records
}

func (c *cli) kbDir(name string) string { return filepath.Join(c.g.data, name) }

// openKB opens (creating if asked) a knowledge base and loads its user
// dictionary into the process's segmenter, so that queries are cut as the
// documents were.
func openKB(dir string, create bool) (*kb, error) {
	k, wait, err := startKB(dir, create)
	if err != nil {
		return nil, err
	}
	if err := wait(); err != nil {
		return nil, err
	}
	return k, nil
}

// startKB opens the BM25 index and starts opening the graph, which on a
// large base takes seconds: wait returns when it is open (closing the
// index if it failed). k.graph must not be used before.
func startKB(dir string, create bool) (k *kb, wait func() error, err error) {
	if _, err := os.Stat(filepath.Join(dir, "bm25")); err != nil {
		if !create {
			return nil, nil, fmt.Errorf("no knowledge base at %s (run `wenda ingest` first, or pass --data/--kb)", dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, err
		}
	}
	if err := loadUserDict(dir); err != nil {
		return nil, nil, err
	}
	seg, err := zh.Default()
	if err != nil {
		return nil, nil, err
	}
	k = &kb{dir: dir}
	done := make(chan error, 1)
	go func() {
		g, err := kg.Open(filepath.Join(dir, "kg"))
		if err == nil {
			// The graph's idioms, titles, poets and 词牌 are cut whole, in
			// the documents ingested with them and in questions.
			g.OnNames(func(names []string) {
				words := make([]zh.Word, len(names))
				for i, n := range names {
					words[i] = zh.Word{Text: n}
				}
				seg.AddWords(words)
			})
			k.graph = g
		}
		done <- err
	}()
	if k.index, err = bm25.New(bm25.Config{Dir: filepath.Join(dir, "bm25")}); err != nil {
		if gerr := <-done; gerr == nil {
			k.graph.Close()
		}
		return nil, nil, err
	}
	return k, func() error {
		if err := <-done; err != nil {
			k.index.Close()
			return err
		}
		return nil
	}, nil
}

// open opens a knowledge base with its vectors (see openVectors).
func (c *cli) open(ctx context.Context, dir string, create, forWrite bool) (*kb, error) {
	k, wait, err := startKB(dir, create)
	if err != nil {
		return nil, err
	}
	// The vectors load while the graph does (openVectors reads the BM25
	// index, never the graph).
	vec, verr := c.openVectors(ctx, k, forWrite, false)
	if err := wait(); err != nil {
		if vec != nil {
			vec.store.Close()
		}
		return nil, err
	}
	if verr != nil {
		k.Close()
		return nil, verr
	}
	k.vec = vec
	return k, nil
}

// remove deletes a document: vectors first, then its facts, then BM25 —
// a crash between leaves it in BM25 with its record, and removing it
// again finishes the job.
func (k *kb) remove(ctx context.Context, id string) error {
	if k.vec != nil {
		if err := k.vec.store.DeleteDoc(ctx, id); err != nil {
			return err
		}
	}
	if err := k.graph.Remove(ctx, id); err != nil {
		return err
	}
	return k.index.Remove(ctx, id)
}

func (k *kb) Close() error {
	if k.vec != nil {
		k.vec.store.Close()
	}
	k.graph.Close()
	return k.index.Close()
}

// scratchKB opens a new knowledge base in a hidden folder of the data
// directory, with vectors if asked and an embedding model is configured;
// remove deletes it (after Close).
func (c *cli) scratchKB(ctx context.Context, prefix string, vectors bool) (k *kb, remove func(), err error) {
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
	if vectors {
		if k.vec, err = c.openVectors(ctx, k, true, false); err != nil {
			k.Close()
			remove()
			return nil, nil, err
		}
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

// retrieval says how a query is ranked.
type retrieval struct {
	lexical      string  // rrf, sum, words, bigrams
	mode         string  // bm25, vector, hybrid; "" = hybrid when the knowledge base has vectors
	vectorWeight float64 // weight of the vector list in hybrid fusion
}

func (c *cli) retrievalFlags(fs *flag.FlagSet) *retrieval {
	r := &retrieval{}
	fs.StringVar(&r.lexical, "lexical", defaultLexical, "lexical ranking: sum, rrf, words or bigrams")
	fs.StringVar(&r.mode, "mode", "", "bm25, vector or hybrid (default: hybrid when the knowledge base has vectors, else bm25)")
	fs.Float64Var(&r.vectorWeight, "vector-weight", 0, "weight of the vector list against BM25's (1) in hybrid fusion (default: 0.2 for the offline model, 1 for an embedding endpoint)")
	return r
}

// retriever wires the ranked lists of a knowledge base into a Hybrid.
func (k *kb) retriever(r retrieval) (*retrieve.Hybrid, error) {
	h, _, err := k.retrieverNamed(r)
	return h, err
}

// retrieverNamed is retriever with the names of its lists, in order.
func (k *kb) retrieverNamed(r retrieval) (*retrieve.Hybrid, []string, error) {
	field := func(f bm25.Field) retrieve.Searcher {
		return retrieve.SearchFunc(func(ctx context.Context, q string, n int) ([]corpora.Hit, error) {
			return k.index.SearchField(ctx, f, q, n)
		})
	}
	var lex []retrieve.Searcher
	var names []string
	switch r.lexical {
	case "rrf":
		lex, names = []retrieve.Searcher{field(bm25.Words), field(bm25.Bigrams)}, []string{"bm25_words", "bm25_bigrams"}
	case "words":
		lex, names = []retrieve.Searcher{field(bm25.Words)}, []string{"bm25_words"}
	case "bigrams":
		lex, names = []retrieve.Searcher{field(bm25.Bigrams)}, []string{"bm25_bigrams"}
	case "sum", "":
		lex, names = []retrieve.Searcher{k.index}, []string{"bm25"}
	default:
		return nil, nil, fmt.Errorf("--lexical %q: want sum, rrf, words or bigrams", r.lexical)
	}
	mode := r.mode
	if mode == "" {
		mode = "bm25"
		if k.vec != nil {
			mode = "hybrid"
		}
	}
	if mode != "bm25" && k.vec == nil {
		return nil, nil, fmt.Errorf("--mode %s: knowledge base %s has no vectors for the configured model (set WENDA_EMBED_BASE_URL and WENDA_EMBED_MODEL; `wenda reembed` embeds existing documents)", mode, k.dir)
	}
	switch mode {
	case "bm25":
		h, err := retrieve.New(retrieve.Config{}, k.index, lex...)
		return h, names, err
	case "vector":
		h, err := retrieve.New(retrieve.Config{}, k.index, k.vec.searcher())
		return h, []string{"vector"}, err
	case "hybrid":
		weights := make([]float64, len(lex)+1)
		for i := range lex {
			weights[i] = 1
		}
		weights[len(lex)] = r.vectorWeight
		if r.vectorWeight <= 0 {
			weights[len(lex)] = k.vec.defaultWeight()
		}
		lists := append(lex, k.vec.searcher())
		names = append(names, "vector")
		if _, facts, _ := k.graph.Stats(); facts > 0 {
			// The documents of the entity the query names: a third list.
			lists, weights, names = append(lists, k.graph), append(weights, 1), append(names, "graph")
		}
		h, err := retrieve.New(retrieve.Config{Weights: weights}, k.index, lists...)
		return h, names, err
	}
	return nil, nil, fmt.Errorf("--mode %q: want bm25, vector or hybrid", r.mode)
}

// openEngine opens the knowledge base of --kb to read and its answer
// engine; the caller closes the knowledge base.
func (c *cli) openEngine(ctx context.Context, r retrieval) (*kb, *answer.Engine, error) {
	k, err := c.open(ctx, c.kbDir(c.g.kb), false, false)
	if err != nil {
		return nil, nil, err
	}
	e, _, err := k.engine(r)
	if err != nil {
		k.Close()
		return nil, nil, err
	}
	return k, e, nil
}

func (k *kb) engine(r retrieval) (*answer.Engine, *retrieve.Hybrid, error) {
	h, err := k.retriever(r)
	if err != nil {
		return nil, nil, err
	}
	e, err := answer.New(answer.Config{Graph: k.graph}, h)
	return e, h, err
}

// pipeline returns an ingest pipeline into the knowledge base, reporting
// progress on w when it is a terminal.
func (k *kb) pipeline(w io.Writer, chunkSize int, format string) (*ingest.Pipeline, *progressBar, error) {
	bar := newProgressBar(w)
	batch, _ := strconv.Atoi(os.Getenv("WENDA_BATCH_KB")) // for measuring batch sizes
	cfg := ingest.Config{ChunkSize: chunkSize, Format: format, BatchChars: batch << 10, Progress: bar.update, Graph: k.graph}
	if k.vec != nil {
		cfg.Embedder, cfg.Vectors = k.vec.emb, k.vec.store
	}
	p, err := ingest.New(cfg, k.index)
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
