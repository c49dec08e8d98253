package wenda

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/kg"
	"github.com/wenda-rag/wenda/retrieve"
	"github.com/wenda-rag/wenda/retrieve/bm25"
)

// Retrieval modes (SearchOptions.Mode).
const (
	ModeBM25   = "bm25"
	ModeVector = "vector"
	ModeHybrid = "hybrid"
)

// Lexical rankings (SearchOptions.Lexical). "sum" adds the BM25 scores of
// gse words, character bigrams and title bigrams in one query; "rrf" fuses
// the word and bigram lists by reciprocal rank. The default is what
// measured best (README, results table).
const (
	LexicalSum     = "sum"
	LexicalRRF     = "rrf"
	LexicalWords   = "words"
	LexicalBigrams = "bigrams"
)

// MaxQuestion is the longest question or query, in characters, a
// knowledge base takes (every route of the server and the CLI the same):
// ranking costs grow with a query's length, and no one asks in more.
const MaxQuestion = 2000

// checkQuestion refuses an empty or over-long question.
func checkQuestion(q string) error {
	if strings.TrimSpace(q) == "" {
		return fmt.Errorf("wenda: an empty question: %w", ErrOption)
	}
	if n := utf8.RuneCountInString(q); n > MaxQuestion {
		return fmt.Errorf("wenda: a question of %d characters (at most %d): %w", n, MaxQuestion, ErrOption)
	}
	return nil
}

// SearchOptions say how passages are ranked. Zero values are
// Config.Retrieval's, and the defaults where that is zero too.
type SearchOptions struct {
	K int // passages; default 5
	// Mode is ModeBM25, ModeVector or ModeHybrid; default hybrid when the
	// knowledge base has vectors, else BM25. The graph's list joins a
	// hybrid search whenever the graph holds facts.
	Mode    string
	Lexical string // default LexicalSum
	// VectorWeight is the vector list's weight against BM25's (1) in
	// hybrid fusion; default 0.2 for the offline model, 1 for any other.
	VectorWeight float64
	// NoRerank leaves the fused order as it is, a reranker configured
	// (Config.Reranker) or not: to measure without it.
	NoRerank bool
}

// Results are a search's passages with what each signal said of them.
type Results struct {
	Signals []string `json:"signals"` // the lists fused, in the order of each hit's Ranks
	Hits    []Result `json:"hits"`
	// Reranked says the reranker ordered the hits (each has its Rerank
	// score); Warning, why it did not when it failed (the fused order).
	Reranked bool   `json:"reranked,omitempty"`
	Warning  string `json:"warning,omitempty"`
}

// Result is one passage of a search.
type Result struct {
	Doc    string    `json:"doc"`
	Chunk  int       `json:"chunk"`
	Title  string    `json:"title,omitempty"`
	Text   string    `json:"text"`
	Start  int       `json:"start"` // the passage's character offsets in its document
	End    int       `json:"end"`
	Score  float64   `json:"score"` // fused
	Ranks  []int     `json:"ranks"` // rank in each signal's list (0: not in its top)
	Scores []float64 `json:"scores"`
	Rerank *float64  `json:"rerank,omitempty"` // the reranker's score, when it ordered the hits
	// Where in the file: section path, page, a sheet's row or a slide.
	Section string `json:"section,omitempty"`
	Page    int    `json:"page,omitempty"`
	Where   string `json:"where,omitempty"`
}

// Search ranks the knowledge base's passages for q, with each signal's
// rank and score.
func (k *KB) Search(ctx context.Context, q string, opt SearchOptions) (Results, error) {
	done, err := k.use()
	if err != nil {
		return Results{}, err
	}
	defer done()
	if err := checkQuestion(q); err != nil {
		return Results{}, err
	}
	opt = k.withDefaults(opt)
	_, names, err := k.retriever(opt)
	if err != nil {
		return Results{}, err
	}
	r, err := k.Ranker(opt)
	if err != nil {
		return Results{}, err
	}
	n := opt.K
	if n <= 0 {
		n = 5
	}
	ranked, warning, err := r.explain(ctx, q, n)
	if err != nil {
		return Results{}, fmt.Errorf("wenda: search: %w", err)
	}
	res := Results{Signals: names, Hits: make([]Result, len(ranked)), Warning: warning}
	for i, rk := range ranked {
		res.Hits[i] = Result{Doc: rk.DocID, Chunk: rk.Ordinal, Title: rk.Title, Text: rk.Text, Start: rk.Start, End: rk.End,
			Score: rk.Score, Ranks: rk.Ranks, Scores: rk.Scores, Rerank: rk.score, Section: rk.Section, Page: rk.Page, Where: rk.Where}
		res.Reranked = rk.score != nil
	}
	return res, nil
}

// withDefaults fills opt's zero fields from Config.Retrieval.
func (k *KB) withDefaults(opt SearchOptions) SearchOptions {
	d := k.cfg.Retrieval
	if opt.Mode == "" {
		opt.Mode = d.Mode
	}
	if opt.Lexical == "" {
		opt.Lexical = d.Lexical
	}
	if opt.VectorWeight == 0 {
		opt.VectorWeight = d.VectorWeight
	}
	if opt.K == 0 {
		opt.K = d.K
	}
	opt.NoRerank = opt.NoRerank || d.NoRerank
	return opt
}

// Retriever is the ranking Search uses, for callers that need its hits
// alone and fast (evaluation), with the names of the lists it fuses. It
// reads the knowledge base as it is when called: build another after the
// graph gains its first facts.
func (k *KB) Retriever(opt SearchOptions) (*retrieve.Hybrid, []string, error) {
	return k.retriever(opt)
}

// check refuses a mode or lexical ranking out of range.
func (opt SearchOptions) check() error {
	switch opt.Lexical {
	case "", LexicalSum, LexicalRRF, LexicalWords, LexicalBigrams:
	default:
		return fmt.Errorf("wenda: lexical ranking %q: want sum, rrf, words or bigrams: %w", opt.Lexical, ErrOption)
	}
	switch opt.Mode {
	case "", ModeBM25, ModeVector, ModeHybrid:
	default:
		return fmt.Errorf("wenda: search mode %q: want bm25, vector or hybrid: %w", opt.Mode, ErrOption)
	}
	return nil
}

func (k *KB) retriever(opt SearchOptions) (*retrieve.Hybrid, []string, error) {
	if err := opt.check(); err != nil {
		return nil, nil, err
	}
	field := func(f bm25.Field) retrieve.Searcher {
		return retrieve.SearchFunc(func(ctx context.Context, q string, n int) ([]corpora.Hit, error) {
			return k.index.SearchField(ctx, f, q, n)
		})
	}
	var lex []retrieve.Searcher
	var names []string
	switch opt.Lexical {
	case LexicalRRF:
		lex, names = []retrieve.Searcher{field(bm25.Words), field(bm25.Bigrams)}, []string{"bm25_words", "bm25_bigrams"}
	case LexicalWords:
		lex, names = []retrieve.Searcher{field(bm25.Words)}, []string{"bm25_words"}
	case LexicalBigrams:
		lex, names = []retrieve.Searcher{field(bm25.Bigrams)}, []string{"bm25_bigrams"}
	default:
		lex, names = []retrieve.Searcher{k.index}, []string{"bm25"}
	}
	mode := opt.Mode
	if mode == "" {
		mode = ModeBM25
		if k.vec != nil {
			mode = ModeHybrid
		}
	}
	if mode != ModeBM25 && k.vec == nil {
		return nil, nil, fmt.Errorf("wenda: search mode %s: %s: %w", mode, k.dir, ErrNoVectors)
	}
	if mode == ModeVector {
		h, err := retrieve.New(retrieve.Config{}, k.index, k.vec.searcher())
		return h, []string{"vector"}, err
	}
	lists := lex
	weights := make([]float64, len(lex))
	for i := range lex {
		weights[i] = 1
	}
	if mode == ModeHybrid {
		w := opt.VectorWeight
		if w <= 0 {
			w = k.vec.defaultWeight()
		}
		lists, weights, names = append(lists, k.vec.searcher()), append(weights, w), append(names, "vector")
	}
	if _, facts, _ := k.graph.Stats(); facts > 0 {
		// The documents of the entity the query names: one more list,
		// with BM25 alone too.
		lists, weights, names = append(lists, k.graph), append(weights, 1), append(names, "graph")
	}
	h, err := retrieve.New(retrieve.Config{Weights: weights}, k.index, lists...)
	return h, names, err
}

// Engine is an answer engine over the knowledge base as it is now, ranking
// with opt (Config.Retrieval when zero; reranked as Ranker says), with the
// configured LLM. Answer makes a new one for every question; callers that
// answer many from their own hits (evaluation) keep one.
func (k *KB) Engine(opt SearchOptions) (*answer.Engine, error) {
	r, err := k.Ranker(opt)
	if err != nil {
		return nil, err
	}
	return answer.New(answer.Config{Graph: k.graph, LLM: k.cfg.LLM, ContextChars: k.cfg.ContextChars, Segmenter: k.seg, Unrefused: k.cfg.Unrefused}, tableRest{r, k})
}

// tableRest is the answerer's retrieval: the ranking's hits, the passage
// holding a code the question names moved up (withCodes), and each
// retrieved chunk that ends inside a table with the rest of the table that the next chunk holds: a table
// longer than a chunk is cut between rows, and the rows after the cut,
// their header repeated, rank by other words than the question's (用户规模
// … 内存 in the first chunk, 101～500人 | 8核 | 16 GB in the next). The
// chunks overlap; the text joined is the document's, from the first
// chunk's start to the next one's end, so citations keep their offsets.
// (eval/enterprise 0.7450 → 0.7472.)
type tableRest struct {
	r answer.Retriever
	k *KB
}

func (t tableRest) Search(ctx context.Context, q string, n int) ([]corpora.Hit, error) {
	hits, err := t.r.Search(ctx, q, n)
	if err != nil {
		return hits, err
	}
	hits = slices.Clone(hits) // changed below: never a caller's or a cache's
	if hits, err = t.withCodes(ctx, q, hits); err != nil {
		return nil, err
	}
	for i := range hits {
		h := &hits[i]
		table, list := endsInTable(h.Text), endsInList(h.Text)
		if !table && !list {
			continue
		}
		next, err := t.k.index.Chunks(ctx, []string{corpora.ChunkID(h.DocID, h.Ordinal+1)})
		if err != nil {
			return nil, err
		}
		if len(next) == 0 || table && next[0].Header == "" || next[0].Start > h.End || next[0].End <= h.End {
			continue
		}
		rest := []rune(next[0].Text)
		skip := h.End - next[0].Start
		if skip > len(rest) {
			continue
		}
		h.Text += string(rest[skip:])
		h.End = next[0].End
	}
	return hits, nil
}

// codeRe finds what a question names by a code of its own: an error code,
// a parameter, a version (E2010, session_timeout, V4.1, SPS-UM-420).
var codeRe = regexp.MustCompile(`[A-Za-z][A-Za-z0-9]*[0-9_\-.][A-Za-z0-9_.\-]*[A-Za-z0-9]|[A-Za-z0-9]*_[A-Za-z0-9_]+`)

// withCodes puts the passage that holds a code the question names, word
// for word, second among the hits when the question's other words ranked
// it lower than the passages read: the code is what the question is about
// (同步盘报E2010是什么意思), however many passages say 同步盘.
// (eval/enterprise 0.7472 → 0.7494; eval/office and CMRC dev unchanged.)
func (t tableRest) withCodes(ctx context.Context, q string, hits []corpora.Hit) ([]corpora.Hit, error) {
	for _, code := range codeRe.FindAllString(q, 3) {
		if len(code) < 3 {
			continue
		}
		holds := func(h corpora.Hit) bool { return answer.HoldsCode(h.Text, code) }
		if slices.ContainsFunc(hits[:min(len(hits), 3)], holds) {
			continue
		}
		more, err := t.r.Search(ctx, code, 5)
		if err != nil {
			return nil, err
		}
		for _, h := range more {
			if !holds(h) {
				continue
			}
			hits = slices.DeleteFunc(hits, func(x corpora.Hit) bool { return x.ID == h.ID })
			at := min(1, len(hits))
			hits = slices.Insert(hits, at, h)
			break
		}
	}
	return hits, nil
}

// endsInList reports whether a chunk's text ends with a rule's lead-in
// (按单笔金额实行分级审批：): the clauses after it, in the next chunk, are
// of the same rule, and rank by other words than the question's (a sum, a
// role). (Also after a clause ending in ；: eval/enterprise one worse.)
func endsInList(text string) bool {
	text = strings.TrimRight(text, " \n")
	return strings.HasSuffix(text, "：") || strings.HasSuffix(text, ":")
}

// endsInTable reports whether a chunk's last line is a table's row: a bar
// row of Markdown or plain text (| a | b |), or an Office, HTML or PDF row
// (a | b).
func endsInTable(text string) bool {
	text = strings.TrimRight(text, " \n")
	last := text[strings.LastIndexByte(text, '\n')+1:]
	return strings.HasPrefix(last, "|") && strings.HasSuffix(last, "|") || strings.Contains(last, " | ")
}

// Answer answers a request (a question, its conversation, a callback for
// the streamed answer): from the graph's facts, extractively, or by the
// configured LLM from the numbered sources, always with citations.
func (k *KB) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	done, err := k.use()
	if err != nil {
		return answer.Answer{}, err
	}
	defer done()
	if err := checkQuestion(req.Question); err != nil {
		return answer.Answer{}, err
	}
	// Built per question, so it sees the knowledge base as it is now
	// (the graph's first facts, written since the last question).
	e, err := k.Engine(k.cfg.Retrieval)
	if err != nil {
		return answer.Answer{}, err
	}
	return e.Answer(ctx, req)
}

// Ask answers one question (Answer without a conversation).
func (k *KB) Ask(ctx context.Context, q string) (answer.Answer, error) {
	return k.Answer(ctx, answer.Request{Question: q})
}

// Topic is the graph entity a question is about ("" when none): what a
// conversation carries to the next turn.
func (k *KB) Topic(q string) string {
	e, err := k.Engine(k.cfg.Retrieval)
	if err != nil {
		return ""
	}
	return e.Entity(q)
}

// Graph is the knowledge base's graph, for callers that measure its
// lookups directly (evaluation).
func (k *KB) Graph() *kg.Graph { return k.graph }
