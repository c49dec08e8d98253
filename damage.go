package wenda

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/internal/atomicfile"
	"github.com/wenda-rag/wenda/retrieve/bm25"
)

// Damage is what opening a knowledge base found damaged in one of its
// stores: records skipped (the facts or vectors of the documents they
// were about are missing or stale) or a snapshot that could not be read.
// The knowledge base goes on with what is intact, and the documents
// named — all of them when some are unknown — are written again whole by
// the next ingest of their files, instead of being called unchanged.
type Damage struct {
	Store   string   `json:"store"` // "graph" or "vectors"
	File    string   `json:"file"`
	Records int      `json:"records"`        // damaged records skipped
	Bytes   int64    `json:"bytes"`          // of the records skipped; without records, missing at the file's end
	Docs    []string `json:"docs,omitempty"` // the documents affected, where known
	All     bool     `json:"all,omitempty"`  // some affected documents are unknown: every document may be
}

func (d Damage) String() string {
	s := fmt.Sprintf("%s: %s damaged", d.Store, d.File)
	if d.Records > 0 {
		s += fmt.Sprintf(", %d records (%d bytes) skipped", d.Records, d.Bytes)
	} else if d.Bytes > 0 {
		s += fmt.Sprintf(", %d bytes missing at its end", d.Bytes)
	}
	switch {
	case d.All:
		s += "; any document may be affected"
	case len(d.Docs) > 0:
		s += fmt.Sprintf("; %d documents affected", len(d.Docs))
	}
	return s
}

// Damage reports what opening the knowledge base found damaged, and what
// earlier opens found that no ingest has written again yet. Empty: nothing.
func (k *KB) Damage() []Damage {
	k.rewriteMu.Lock()
	defer k.rewriteMu.Unlock()
	out := append([]Damage(nil), k.damage...)
	if m := k.rewrite; m != nil && len(k.damage) == 0 && (m.All || len(m.Docs) > 0) {
		out = append(out, Damage{Store: "earlier", File: filepath.Join(k.dir, rewriteFile), Docs: sortedKeys(m.Docs), All: m.All})
	}
	return out
}

// Pending reports how many documents are marked to be written again by
// the next ingest, and whether all are.
func (k *KB) Pending() (docs int, all bool) {
	k.rewriteMu.Lock()
	defer k.rewriteMu.Unlock()
	if k.rewrite == nil {
		return 0, false
	}
	return len(k.rewrite.Docs), k.rewrite.All
}

// rewriteFile marks the documents to be written again: kept until an
// ingest has written them.
const rewriteFile = "rewrite.json"

type rewriteMark struct {
	All     bool                `json:"all,omitempty"`
	Docs    map[string]struct{} `json:"docs,omitempty"`
	Written map[string]struct{} `json:"written,omitempty"` // with All: the documents written since
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkDamage gathers, once the stores are open, what they found damaged
// and what a cut log lost without a trace the replay could see; marks the
// documents affected to be written again (a writer keeps the mark in
// rewriteFile, a reader only reports it); then a writer makes the files
// whole, so that the next open does not find, and mark, it again. Torn
// tails alone are not damage: an unfinished write, which the ingest's
// order of writes (BM25, holding the document's hash, last) already makes
// the next ingest redo.
func (k *KB) checkDamage(ctx context.Context) error {
	gd := k.graph.Damage()
	if gd.Records > 0 || gd.Unknown {
		k.damage = append(k.damage, Damage{Store: "graph", File: gd.File, Records: gd.Records, Bytes: gd.Bytes, Docs: gd.Docs, All: gd.Unknown})
	}
	x, embedded := k.vec.embedded()
	if embedded {
		if vd := x.Damage(); vd.Records > 0 {
			k.damage = append(k.damage, Damage{Store: "vectors", File: vd.File, Records: vd.Records, Bytes: vd.Bytes, Docs: vd.Docs, All: vd.Unknown})
		}
	}
	// A log cut anywhere: the graph is checked against the documents'
	// records when its log was found cut (only then: it costs a pass over
	// the records), the vectors when their count is not the chunks'.
	var lostFacts, lostVectors []string
	checkVectors := false
	if embedded {
		st, err := k.index.Stats(ctx)
		if err != nil {
			return fmt.Errorf("wenda: %w", err)
		}
		checkVectors = x.Len() != st.Chunks
	}
	cut := gd.Torn > 0 || gd.Cut > 0
	if cut || checkVectors {
		var counts map[string]int
		if checkVectors {
			counts = x.DocCounts()
		}
		err := k.eachRecord(ctx, func(doc corpora.DocRecord) {
			if cut && doc.Facts && !k.graph.HasFacts(doc.ID) {
				lostFacts = append(lostFacts, doc.ID)
			}
			// Vectors of documents BM25 lacks are an unfinished write,
			// redone by the next ingest: only the other way counts.
			if checkVectors && counts[doc.ID] != doc.Chunks {
				lostVectors = append(lostVectors, doc.ID)
			}
		})
		if err != nil {
			return err
		}
	}
	if len(lostFacts) > 0 || gd.Cut > 0 {
		// Whole records cut from the log's end: the documents whose
		// records say they have facts, and have none now, are named; the
		// bytes are said even when no document is found wanting.
		k.damage = append(k.damage, Damage{Store: "graph", File: gd.File, Bytes: gd.Cut, Docs: lostFacts})
	}
	if len(lostVectors) > 0 {
		k.damage = append(k.damage, Damage{Store: "vectors", File: filepath.Join(k.dir, "vectors"), Docs: lostVectors})
	}
	if err := k.markRewrite(); err != nil {
		return err
	}
	if k.cfg.ReadOnly || len(k.damage) == 0 {
		return nil
	}
	if err := k.graph.Repair(); err != nil {
		return err
	}
	if embedded {
		return x.Repair()
	}
	return nil
}

// indexAside is where a writer's open keeps a damaged BM25 index.
const indexAside = "bm25.damaged"

// openIndex opens the BM25 index, its files checked first (bleve trusts
// them: a damaged file crashes the process or silently loses documents).
// A reader refuses a damaged index, naming the file. A writer sets it
// aside (the last one kept as indexAside) and goes on with a new one,
// returning what was wrong: the index holds every document's record, so
// the documents it lost are unknown to it and the next ingest writes them,
// as new, again.
func (k *KB) openIndex(ctx context.Context, dir string) (*bm25.DamageError, error) {
	cfg := bm25.Config{Dir: dir, Segmenter: k.seg, ReadOnly: k.cfg.ReadOnly}
	err := bm25.Check(dir)
	if err == nil {
		k.index, err = bm25.New(ctx, cfg)
	}
	var d *bm25.DamageError
	if err == nil || !errors.As(err, &d) {
		return nil, err
	}
	if k.cfg.ReadOnly {
		return nil, fmt.Errorf("wenda: %w: %s (%s); open it for writing — wenda ingest of your documents — to set it aside and index them again",
			ErrIndexDamaged, filepath.Join(dir, d.File), d.Reason)
	}
	aside := filepath.Join(k.dir, indexAside)
	if err := os.RemoveAll(aside); err != nil {
		return nil, fmt.Errorf("wenda: %w", err)
	}
	if err := os.Rename(dir, aside); err != nil {
		return nil, fmt.Errorf("wenda: setting the damaged index aside: %w", err)
	}
	k.index, err = bm25.New(ctx, cfg)
	return d, err
}

// indexDamage is the damage a set-aside index leaves: the documents the
// other stores still hold, which the new index lacks until ingested again;
// all of them when there is no other store to ask.
func (k *KB) indexDamage(d *bm25.DamageError) Damage {
	docs := map[string]struct{}{}
	if x, ok := k.vec.embedded(); ok {
		for id := range x.DocCounts() {
			docs[id] = struct{}{}
		}
	}
	for _, id := range k.graph.Docs() {
		docs[id] = struct{}{}
	}
	return Damage{Store: "bm25", File: filepath.Join(k.dir, "bm25", d.File), Docs: sortedKeys(docs), All: len(docs) == 0}
}

// eachRecord calls fn with every document's record.
func (k *KB) eachRecord(ctx context.Context, fn func(corpora.DocRecord)) error {
	const page = 1000
	for from := 0; ; from += page {
		docs, _, err := k.index.Documents(ctx, from, page)
		if err != nil {
			return fmt.Errorf("wenda: %w", err)
		}
		for _, d := range docs {
			fn(d)
		}
		if len(docs) < page {
			return nil
		}
	}
}

// markRewrite adds the documents k.damage names to those an earlier open
// marked; a writer keeps the mark.
func (k *KB) markRewrite() error {
	m, err := readRewrite(k.dir)
	if err != nil {
		return err
	}
	if len(k.damage) > 0 {
		if m == nil {
			m = &rewriteMark{}
		}
		for _, d := range k.damage {
			m.All = m.All || d.All
			for _, id := range d.Docs {
				if m.Docs == nil {
					m.Docs = map[string]struct{}{}
				}
				m.Docs[id] = struct{}{}
			}
		}
		if !k.cfg.ReadOnly {
			if err := writeRewrite(k.dir, m); err != nil {
				return err
			}
		}
	}
	k.rewrite = m
	return nil
}

func readRewrite(dir string) (*rewriteMark, error) {
	raw, err := os.ReadFile(filepath.Join(dir, rewriteFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("wenda: %w", err)
	}
	var m rewriteMark
	if err := json.Unmarshal(raw, &m); err != nil {
		// A damaged mark: everything is to be written again.
		return &rewriteMark{All: true}, nil
	}
	return &m, nil
}

func writeRewrite(dir string, m *rewriteMark) error {
	p := filepath.Join(dir, rewriteFile)
	if m == nil || (!m.All && len(m.Docs) == 0) {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("wenda: %w", err)
		}
		return nil
	}
	raw, _ := json.Marshal(m)
	if err := atomicfile.WriteFile(p, raw, 0o644); err != nil {
		return fmt.Errorf("wenda: %w", err)
	}
	return nil
}

// mustRewrite reports whether a document is marked to be written again.
func (k *KB) mustRewrite(id string) bool {
	k.rewriteMu.Lock()
	defer k.rewriteMu.Unlock()
	m := k.rewrite
	if m == nil {
		return false
	}
	if _, ok := m.Docs[id]; ok {
		return true
	}
	if m.All {
		_, done := m.Written[id]
		return !done
	}
	return false
}

// written takes documents off the mark once written again; the mark of
// all ends when every document of the knowledge base has been.
func (k *KB) written(ctx context.Context, ids []string) {
	k.rewriteMu.Lock()
	defer k.rewriteMu.Unlock()
	m := k.rewrite
	if m == nil {
		return
	}
	for _, id := range ids {
		delete(m.Docs, id)
		if m.All {
			if m.Written == nil {
				m.Written = map[string]struct{}{}
			}
			m.Written[id] = struct{}{}
		}
	}
	k.rewriteDirty = true
}

// saveRewrite writes the mark after a write; the caller holds the write.
func (k *KB) saveRewrite(ctx context.Context) error {
	k.rewriteMu.Lock()
	defer k.rewriteMu.Unlock()
	m := k.rewrite
	if m == nil || !k.rewriteDirty {
		return nil
	}
	if m.All {
		if st, err := k.index.Stats(ctx); err == nil && len(m.Written) >= st.Documents {
			m.All, m.Written = false, nil
		}
	}
	k.rewriteDirty = false
	if !m.All && len(m.Docs) == 0 {
		k.rewrite = nil
		return writeRewrite(k.dir, nil)
	}
	return writeRewrite(k.dir, m)
}

// markedIndex is the BM25 index as an ingest sees it: a document marked
// to be written again is not "unchanged" whatever its hash, and is taken
// off the mark once written.
type markedIndex struct {
	*bm25.Index
	k *KB
}

func (x markedIndex) Lookup(ctx context.Context, id string) (corpora.DocRecord, bool, error) {
	rec, ok, err := x.Index.Lookup(ctx, id)
	if err == nil && ok && x.k.mustRewrite(id) {
		rec.Hash = "" // matches no content: the document is written again
	}
	return rec, ok, err
}

func (x markedIndex) Write(ctx context.Context, docs []corpora.DocRecord, chunks []corpora.Chunk) error {
	// The graph was written before this batch: a document it holds facts
	// from says so in its record, so that a graph that later loses them
	// is found out (checkDamage).
	recs := make([]corpora.DocRecord, len(docs))
	for i, d := range docs {
		d.Facts = x.k.graph.HasFacts(d.ID)
		recs[i] = d
	}
	docs = recs
	if err := x.Index.Write(ctx, docs, chunks); err != nil {
		return err
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	x.k.written(ctx, ids)
	return nil
}
