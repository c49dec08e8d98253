package kg

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// Graph is the persistent store.
//
// On disk: a snapshot (facts.snap, binary, every document's facts as of a
// checkpoint) and a log (facts.log) of the per-document fact sets written
// since. A checkpoint writes a new snapshot beside the old, renames it in
// place and then empties the log; a crash between the two leaves the log
// to be replayed over a snapshot that already holds it, which changes
// nothing, since each log entry sets a document's facts whole.
//
// In memory: each document's facts packed as indexes into the document's
// own distinct strings (a poem's line is the subject of three facts and
// the object of two), and an index from each subject's Key to the
// documents with facts about it.
type Graph struct {
	dir   string
	mu    sync.RWMutex
	docs  map[string]*docFacts
	first map[string]string // zh.Key(subject) → the first document (by id) with facts about it
	// starts are the first two characters of every subject key indexed
	// since the last reindex, each with the length in bytes of the longest
	// key of that start (a key removed leaves its start: a stale start
	// costs a lookup, never an answer). Resolve turns away a key of Han
	// characters whose start none has, or longer than any of its start,
	// with one lookup of a short string, not three of a long one: linking
	// tries every substring of a question.
	starts map[string]int
	more   map[string][]string // → the other documents, sorted
	alias  map[string]string   // Key of an idiom's pinyin, from its dictionary → the idiom's key
	galias map[string]string   // Key of a name's pinyin by go-pinyin → the name's key; nil until asked
	// (go-pinyin takes seconds over the whole poetry package, and few
	// questions are in pinyin: built on the first lookup of Latin letters)
	works  map[string]int // zh.Key(author) → documents with that 作者
	nfacts int
	dead   int   // log entries that replaced an earlier fact set
	logN   int64 // bytes in the log
	log    *os.File
	w      *bufio.Writer
	hooks  []func(names []string)

	readOnly bool   // opened to read: nothing on disk changes
	damage   Damage // what Open found damaged
}

// packed is a fact as indexes into its document's strings.
type packed struct{ s, r, o, f, src, key uint32 }

type docFacts struct {
	strs  []string
	facts []packed
}

func pack(fs []corpora.Fact) *docFacts {
	d := &docFacts{facts: make([]packed, len(fs))}
	idx := make(map[string]uint32, len(fs))
	in := func(s string) uint32 {
		if i, ok := idx[s]; ok {
			return i
		}
		i := uint32(len(d.strs))
		idx[s] = i
		d.strs = append(d.strs, s)
		return i
	}
	keys := map[string]uint32{}
	for i, f := range fs {
		p := packed{s: in(f.Subject), r: in(f.Relation), o: in(f.Object), f: in(f.Field), src: in(f.Source)}
		k, ok := keys[f.Subject]
		if !ok {
			k = in(zh.Key(f.Subject))
			keys[f.Subject] = k
		}
		p.key = k
		d.facts[i] = p
	}
	return d
}

func (d *docFacts) fact(doc string, p packed) corpora.Fact {
	return corpora.Fact{Subject: d.strs[p.s], Relation: d.strs[p.r], Object: d.strs[p.o], Doc: doc, Field: d.strs[p.f], Source: d.strs[p.src]}
}

func (d *docFacts) all(doc string) []corpora.Fact {
	out := make([]corpora.Fact, len(d.facts))
	for i, p := range d.facts {
		out[i] = d.fact(doc, p)
	}
	return out
}

// keys lists the keys of the document's subjects that name entities
// (isEntity), each once.
func (d *docFacts) keys() []string {
	var out []string
	seen := map[uint32]bool{}
	for _, p := range d.facts {
		if !seen[p.key] && isEntity(d.strs[p.s]) {
			seen[p.key] = true
			out = append(out, d.strs[p.key])
		}
	}
	return out
}

// Open opens (creating) the graph in dir: its snapshot, then the log
// written since.
func Open(ctx context.Context, dir string) (*Graph, error) {
	return open(ctx, dir, false)
}

// OpenReadOnly opens the graph in dir to read it: nothing on disk is
// created, cut or rewritten, also on Close. A graph that is not there is
// empty.
func OpenReadOnly(ctx context.Context, dir string) (*Graph, error) {
	return open(ctx, dir, true)
}

func open(ctx context.Context, dir string, readOnly bool) (*Graph, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !readOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("kg: %w", err)
		}
	}
	g := &Graph{dir: dir, docs: map[string]*docFacts{}, readOnly: readOnly}
	if err := g.loadSnapshot(); err != nil {
		return nil, err
	}
	if err := g.replay(ctx); err != nil {
		return nil, err
	}
	g.reindex()
	return g, nil
}

// apply sets a document's facts (none: removes it), without indexing.
func (g *Graph) apply(e entry) *docFacts {
	old := g.docs[e.Doc]
	if old != nil {
		g.dead++
		g.nfacts -= len(old.facts)
	}
	if len(e.Facts) == 0 {
		delete(g.docs, e.Doc)
		return old
	}
	d := pack(e.Facts)
	g.docs[e.Doc] = d
	g.nfacts += len(d.facts)
	return old
}

// Replace sets the facts of the documents ids to those of the records
// among docs (documents without a record lose any facts they had), in one
// append and one sync.
func (g *Graph) Replace(ctx context.Context, ids []string, docs []corpora.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	facts := map[string][]corpora.Fact{}
	for _, d := range docs {
		facts[d.ID] = append(facts[d.ID], factsOf(d)...)
	}
	var buf []byte
	var es []entry
	for _, id := range ids {
		g.mu.RLock()
		_, had := g.docs[id]
		g.mu.RUnlock()
		if len(facts[id]) == 0 && !had {
			continue
		}
		e := entry{Doc: id, Facts: facts[id]}
		es = append(es, e)
		buf = encodeLine(buf, e)
	}
	if len(es) == 0 {
		return nil
	}
	return g.commit(buf, es)
}

// Remove deletes a document's facts.
func (g *Graph) Remove(ctx context.Context, id string) error {
	return g.Replace(ctx, []string{id}, nil)
}

func (g *Graph) commit(buf []byte, es []entry) error {
	g.mu.Lock()
	if g.log == nil {
		g.mu.Unlock()
		if g.readOnly {
			return errors.New("kg: graph opened read-only")
		}
		return errors.New("kg: graph is closed")
	}
	if _, err := g.w.Write(buf); err != nil {
		g.mu.Unlock()
		return fmt.Errorf("kg: write log: %w", err)
	}
	if err := g.w.Flush(); err != nil {
		g.mu.Unlock()
		return fmt.Errorf("kg: write log: %w", err)
	}
	if err := g.log.Sync(); err != nil {
		g.mu.Unlock()
		return fmt.Errorf("kg: sync log: %w", err)
	}
	g.logN += int64(len(buf))
	if err := g.writeLen(); err != nil {
		g.mu.Unlock()
		return err
	}
	var names []string
	for _, e := range es {
		if old := g.apply(e); old != nil {
			g.unindex(e.Doc, old)
		}
		if d := g.docs[e.Doc]; d != nil {
			g.index(e.Doc, d)
			if len(g.hooks) > 0 {
				names = append(names, d.names()...)
			}
		}
	}
	var err error
	if g.dead > 1024 && g.dead > len(g.docs) {
		err = g.checkpoint()
	}
	hooks := g.hooks
	g.mu.Unlock()
	if len(names) > 0 {
		for _, h := range hooks {
			h(names)
		}
	}
	return err
}

// Facts returns the facts whose subject is name (by Key), document by
// document in the order of their ids.
func (g *Graph) Facts(name string) []corpora.Fact {
	k := zh.Key(name)
	g.mu.RLock()
	defer g.mu.RUnlock()
	f, ok := g.first[k]
	if !ok {
		return nil
	}
	var out []corpora.Fact
	for _, doc := range append([]string{f}, g.more[k]...) {
		d := g.docs[doc]
		for _, p := range d.facts {
			// 床前明□光 has 床前明光's key, and is not that line.
			if d.strs[p.key] == k && isEntity(d.strs[p.s]) {
				out = append(out, d.fact(doc, p))
			}
		}
	}
	return out
}

// DocFacts returns the facts taken from one document.
func (g *Graph) DocFacts(doc string) []corpora.Fact {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if d := g.docs[doc]; d != nil {
		return d.all(doc)
	}
	return nil
}

// HasFacts reports whether the graph holds facts from one document,
// without making them (DocFacts does).
func (g *Graph) HasFacts(doc string) bool {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.docs[doc] != nil
}

// Docs lists the documents the graph holds facts from.
func (g *Graph) Docs() []string {
	g.mu.RLock()
	defer g.mu.RUnlock()
	out := make([]string, 0, len(g.docs))
	for id := range g.docs {
		out = append(out, id)
	}
	return out
}

// Works counts the documents whose 作者 is author (by Key).
func (g *Graph) Works(author string) int {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.works[zh.Key(author)]
}

// Has reports whether key (a Key) is an entity with facts or an entity's
// pinyin.
func (g *Graph) Has(key string) bool {
	_, _, ok := g.Resolve(key)
	return ok
}

// Stats counts entities (distinct subjects), facts and documents.
func (g *Graph) Stats() (entities, facts, docs int) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return len(g.first), g.nfacts, len(g.docs)
}

// OnNames calls fn with the names of the graph's entities worth a place
// in a segmenter's dictionary (Names), now for those it holds and after
// each write for those written.
func (g *Graph) OnNames(fn func(names []string)) {
	g.mu.Lock()
	g.hooks = append(g.hooks, fn)
	seen := map[string]bool{}
	var names []string
	for _, d := range g.docs {
		for _, n := range d.names() {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	g.mu.Unlock()
	sort.Strings(names) // the dictionary's suggestions depend on the order words come in
	fn(names)
}

// Close folds a long log into the snapshot, then closes the log.
func (g *Graph) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.log == nil {
		return nil // closed, or opened read-only
	}
	err := g.w.Flush()
	if err == nil && g.logN > checkpointBytes {
		err = g.checkpoint()
	}
	if cerr := g.log.Close(); err == nil {
		err = cerr
	}
	g.log = nil
	return err
}
