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
	"github.com/wenda-rag/wenda/kg"
	"github.com/wenda-rag/wenda/retrieve/bm25"
	"github.com/wenda-rag/wenda/retrieve/vector"
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
	Records int      `json:"records"` // damaged records skipped
	Bytes   int64    `json:"bytes"`
	Docs    []string `json:"docs,omitempty"` // the documents affected, where known
	All     bool     `json:"all,omitempty"`  // some affected documents are unknown: every document may be
}

func (d Damage) String() string {
	s := fmt.Sprintf("%s: %s damaged", d.Store, d.File)
	if d.Records > 0 {
		s += fmt.Sprintf(", %d records (%d bytes) skipped", d.Records, d.Bytes)
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

// checkVectors compares the embedded index with BM25 when their counts
// differ: a log cut short (not at a torn last record, which a crash
// leaves and the next ingest redoes, but anywhere) loses whole records
// that no replay can see. The documents whose vectors do not match their
// chunks are found damaged.
func (k *KB) checkVectors(ctx context.Context, x embeddedStore) (*Damage, error) {
	st, err := k.index.Stats(ctx)
	if err != nil {
		return nil, fmt.Errorf("wenda: %w", err)
	}
	if x.Len() == st.Chunks {
		return nil, nil
	}
	counts := x.DocCounts()
	d := &Damage{Store: "vectors", File: filepath.Join(k.dir, "vectors")}
	for from := 0; ; from += 1000 {
		docs, _, err := k.index.Documents(ctx, from, 1000)
		if err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
		for _, doc := range docs {
			if counts[doc.ID] != doc.Chunks {
				d.Docs = append(d.Docs, doc.ID)
			}
		}
		if len(docs) < 1000 {
			break
		}
	}
	if len(d.Docs) == 0 {
		return nil, nil // vectors of documents BM25 lacks: an unfinished write, redone by the next ingest
	}
	return d, nil
}

// checkGraph compares the graph with the documents' records after the
// graph's log was found cut (a torn last record, which a crash leaves, or
// a cut anywhere, which loses whole records no replay can see): the
// documents whose records say the graph holds their facts, and it does
// not, are found damaged. Cheap checks first: only a cut log costs a pass
// over the records.
func (k *KB) checkGraph(ctx context.Context, gd kg.Damage) (*Damage, error) {
	if gd.Torn == 0 {
		return nil, nil
	}
	d := &Damage{Store: "graph", File: gd.File}
	for from := 0; ; from += 1000 {
		docs, _, err := k.index.Documents(ctx, from, 1000)
		if err != nil {
			return nil, fmt.Errorf("wenda: %w", err)
		}
		for _, doc := range docs {
			if doc.Facts && len(k.graph.DocFacts(doc.ID)) == 0 {
				d.Docs = append(d.Docs, doc.ID)
			}
		}
		if len(docs) < 1000 {
			break
		}
	}
	if len(d.Docs) == 0 {
		return nil, nil
	}
	return d, nil
}

// noteDamage gathers what the stores found damaged. Torn tails are not
// damage: an unfinished write, which the ingest's order of writes (BM25,
// holding the document's hash, last) already makes the next ingest redo.
// A writer records the documents to write again; a reader only reports.
func (k *KB) noteDamage(gd kg.Damage, vd *vector.Damage) error {
	if gd.Records > 0 || gd.Unknown {
		k.damage = append(k.damage, Damage{Store: "graph", File: gd.File, Records: gd.Records, Bytes: gd.Bytes, Docs: gd.Docs, All: gd.Unknown})
	}
	if vd != nil && vd.Records > 0 {
		k.damage = append(k.damage, Damage{Store: "vectors", File: vd.File, Records: vd.Records, Bytes: vd.Bytes, Docs: vd.Docs, All: vd.Unknown})
	}
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
	// is found out (checkGraph).
	recs := make([]corpora.DocRecord, len(docs))
	for i, d := range docs {
		d.Facts = len(x.k.graph.DocFacts(d.ID)) > 0
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
