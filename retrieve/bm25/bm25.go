// Package bm25 is wenda's lexical index: bleve with BM25 scoring over two
// analyses of the same text, gse words and character bigrams, both after
// zh.Normalize. The analyzers are registered with bleve by name and recorded
// in the index mapping, so the same analysis runs at index and query time.
//
// The index also keeps each chunk's original text and each document's
// record (content hash, chunk count), so one bleve batch updates a document
// atomically: after a crash a document is wholly old or wholly new.
package bm25

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// Field selects the analysis a query runs against.
type Field string

const (
	Words   Field = "w" // gse search-mode words of title and text
	Bigrams Field = "b" // character bigrams of title and text
	// TitleBigrams holds the title's bigrams alone: a match there, normalized
	// by the short title's own length, says the document is about the
	// question's subject (CMRC recall@1 0.9751 → 0.9854, README).
	TitleBigrams Field = "t"
	// SectionBigrams are the character bigrams of a chunk's section path
	// (the headings above it), a field of its own as the title is.
	// Indexes made before it have no such field: it matches nothing there.
	SectionBigrams Field = "s"
)

// Config configures an Index. Zero values are the defaults.
type Config struct {
	Dir string // where the index lives; required
	// Segmenter cuts the words field, at index and at query time: the
	// knowledge base's own layer over the shared dictionary, so that its
	// user dictionary and graph names change its cuts alone. nil:
	// zh.Default().
	Segmenter *zh.Segmenter
	// ReadOnly opens an existing index for reading only: several readers
	// may then hold it at once (bleve takes a shared lock), no writer.
	ReadOnly bool
}

// ErrBusy is returned by New when another process holds the index (its
// lock was not released within a second).
var ErrBusy = errors.New("bm25: index held by another process")

// Index is a persistent BM25 index of chunks.
type Index struct {
	cfg Config
	idx bleve.Index
}

const (
	recordPrefix = "\x01" // bleve ids of document records
	kindDoc      = "doc"
	kindChunk    = "chunk"
)

// New opens the index in cfg.Dir, creating it if absent.
func New(ctx context.Context, cfg Config) (*Index, error) {
	if cfg.Dir == "" {
		return nil, errors.New("bm25: no directory")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Fail within a second rather than wait for ever on another
	// process's lock (bleve's default).
	idx, err := openBleve(cfg)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrBusy, cfg.Dir)
	}
	if err != nil && !errors.Is(err, os.ErrPermission) && !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		// Its files passed Check (the caller's), but bleve cannot read
		// what they hold: the mapping, kept in root.bolt, whose values
		// bolt does not checksum.
		reason, _, _ := strings.Cut(err.Error(), "\n") // not the mapping bleve quotes after
		return nil, &DamageError{File: "store/root.bolt", Reason: reason}
	}
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) && !cfg.ReadOnly {
		m, merr := newMapping()
		if merr != nil {
			return nil, fmt.Errorf("bm25: mapping: %w", merr)
		}
		if err := os.MkdirAll(filepath.Dir(cfg.Dir), 0o755); err != nil {
			return nil, fmt.Errorf("bm25: %w", err)
		}
		idx, err = bleve.New(cfg.Dir, m)
	}
	if err != nil {
		return nil, fmt.Errorf("bm25: open index %s: %w", cfg.Dir, err)
	}
	if err := useSegmenter(idx, cfg.Segmenter); err != nil {
		idx.Close()
		return nil, fmt.Errorf("bm25: open index %s: %w", cfg.Dir, err)
	}
	return &Index{cfg: cfg, idx: idx}, nil
}

// openBleve opens an existing index; a panic of bleve's or bolt's on what
// its files hold (in this goroutine: Check has caught what would panic in
// theirs) is the index's damage.
func openBleve(cfg Config) (idx bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			idx, err = nil, &DamageError{File: "store/root.bolt", Reason: fmt.Sprintf("unreadable: %v", r)}
		}
	}()
	return bleve.OpenUsing(cfg.Dir, map[string]interface{}{"read_only": cfg.ReadOnly, "bolt_timeout": "1s"})
}

// useSegmenter makes the index's word analyzer cut with seg. bleve builds
// an index's analyzers once, from its own mapping's cache, and every write
// and query of that index looks them up there: setting the tokenizer of
// that one instance, before any use, gives this index alone its
// knowledge base's words.
func useSegmenter(idx bleve.Index, seg *zh.Segmenter) error {
	if seg == nil {
		return nil // the registered tokenizer: zh.Default()
	}
	a, ok := idx.Mapping().AnalyzerNamed(wordAnalyzer).(*analysis.DefaultAnalyzer)
	if !ok {
		return fmt.Errorf("analyzer %s is not the custom analyzer it was created as", wordAnalyzer)
	}
	a.Tokenizer = gseTokenizer{seg}
	return nil
}

// Close flushes and closes the index.
func (x *Index) Close() error { return x.idx.Close() }

// newMapping is the lean mapping: the text is indexed twice (words and
// bigrams) without term vectors, doc values or the _all field, and only
// what a citation shows is stored.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	im.ScoringModel = index.BM25Scoring
	if err := im.AddCustomAnalyzer(wordAnalyzer, map[string]interface{}{
		"type": custom.Name, "char_filters": []string{normFilterName}, "tokenizer": gseTokenizerName,
	}); err != nil {
		return nil, err
	}
	if err := im.AddCustomAnalyzer(bigramAnalyzer, map[string]interface{}{
		"type": custom.Name, "char_filters": []string{normFilterName}, "tokenizer": bigramTokName,
	}); err != nil {
		return nil, err
	}
	indexed := func(name, analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name, f.Analyzer = name, analyzer
		f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
		return f
	}
	stored := func(name string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name, f.Analyzer = name, keyword.Name
		f.Index, f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, true, false, false, false
		return f
	}
	kind := bleve.NewKeywordFieldMapping()
	kind.Store, kind.IncludeInAll, kind.DocValues, kind.IncludeTermVectors = false, false, false, false

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("kind", kind)
	dm.AddFieldMappingsAt("title", stored("title"), indexed(string(TitleBigrams), bigramAnalyzer))
	dm.AddFieldMappingsAt("text", stored("text"))
	dm.AddFieldMappingsAt("sec", stored("sec"), indexed(string(SectionBigrams), bigramAnalyzer))
	// body is the title and the text as one value, matched by the word and
	// bigram fields: later chunks of a document rarely repeat its subject,
	// which the title names. One value rather than two properties mapped to
	// the same fields, which bleve would analyze apart and then merge (a
	// quarter of the indexing time on CMRC).
	dm.AddFieldMappingsAt("body", indexed(string(Words), wordAnalyzer), indexed(string(Bigrams), bigramAnalyzer))
	for _, name := range []string{"doc", "ord", "start", "end", "src", "hash", "n", "rtitle", "page", "where", "hdr", "places"} {
		dm.AddFieldMappingsAt(name, stored(name))
	}
	// No _all field: nothing is searched without naming its field, and
	// bleve would otherwise build it for every document.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	im.IndexDynamic, im.StoreDynamic, im.DocValuesDynamic = false, false, false
	return im, nil
}

// Lookup returns the record of a document.
func (x *Index) Lookup(ctx context.Context, docID string) (corpora.DocRecord, bool, error) {
	if err := ctx.Err(); err != nil {
		return corpora.DocRecord{}, false, err
	}
	d, err := x.idx.Document(recordPrefix + docID)
	if err != nil {
		return corpora.DocRecord{}, false, fmt.Errorf("bm25: lookup %s: %w", docID, err)
	}
	if d == nil {
		return corpora.DocRecord{}, false, nil
	}
	f := storedFields(d)
	n, _ := strconv.Atoi(f["n"])
	rec := corpora.DocRecord{ID: f["doc"], Title: f["rtitle"], Source: f["src"], Chunks: n}
	rec.Hash, rec.Facts = splitHash(f["hash"])
	return rec, true, nil
}

// A document record's Facts flag rides in its stored hash field (a new
// field would not be stored by indexes made before it: their mapping is
// static).
const factsMark = "\x00facts"

func joinHash(hash string, facts bool) string {
	if facts {
		return hash + factsMark
	}
	return hash
}

func splitHash(stored string) (hash string, facts bool) {
	hash, facts = strings.CutSuffix(stored, factsMark)
	return hash, facts
}

func storedFields(d index.Document) map[string]string {
	out := map[string]string{}
	d.VisitFields(func(f index.Field) {
		out[f.Name()] = string(f.Value())
	})
	return out
}

// Write replaces the chunks of each document in docs by the given chunks, in
// one atomic batch, and records the documents.
func (x *Index) Write(ctx context.Context, docs []corpora.DocRecord, chunks []corpora.Chunk) error {
	b := x.idx.NewBatch()
	for _, d := range docs {
		old, ok, err := x.Lookup(ctx, d.ID)
		if err != nil {
			return err
		}
		if ok {
			for i := d.Chunks; i < old.Chunks; i++ {
				b.Delete(corpora.ChunkID(d.ID, i))
			}
		}
		if err := b.Index(recordPrefix+d.ID, map[string]interface{}{
			"kind": kindDoc, "doc": d.ID, "rtitle": d.Title, "src": d.Source, "hash": joinHash(d.Hash, d.Facts), "n": strconv.Itoa(d.Chunks),
		}); err != nil {
			return fmt.Errorf("bm25: record %s: %w", d.ID, err)
		}
	}
	for _, c := range chunks {
		if err := b.Index(c.ID, map[string]interface{}{
			"kind": kindChunk, "doc": c.DocID, "ord": strconv.Itoa(c.Ordinal),
			"start": strconv.Itoa(c.Start), "end": strconv.Itoa(c.End),
			"title": c.Title, "text": c.Text, "body": c.Title + "\n" + c.Header + "\n" + c.Text,
			"sec": c.Section, "page": pageField(c.Page), "where": c.Where, "hdr": c.Header,
			"places": corpora.EncodePlaces(c.Places),
		}); err != nil {
			return fmt.Errorf("bm25: chunk %s: %w", c.ID, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := x.idx.Batch(b); err != nil {
		return fmt.Errorf("bm25: write batch: %w", err)
	}
	return nil
}

// ErrNotFound is returned for a document the index does not hold.
var ErrNotFound = errors.New("no such document")

// Remove deletes a document and its chunks.
func (x *Index) Remove(ctx context.Context, docID string) error {
	old, ok, err := x.Lookup(ctx, docID)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("bm25: remove %q: %w", docID, ErrNotFound)
	}
	b := x.idx.NewBatch()
	for i := 0; i < old.Chunks; i++ {
		b.Delete(corpora.ChunkID(docID, i))
	}
	b.Delete(recordPrefix + docID)
	if err := x.idx.Batch(b); err != nil {
		return fmt.Errorf("bm25: remove %q: %w", docID, err)
	}
	return nil
}

// Search returns the ids and scores of the k best chunks for a query: one
// query over the word, bigram and title-bigram fields, scores added (the
// combination that measured best; SearchField ranks by one field). Hits
// carry ids only; Chunks loads their text.
func (x *Index) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	return x.run(ctx, bleve.NewDisjunctionQuery(matchQuery(Words, q), matchQuery(Bigrams, q), matchQuery(TitleBigrams, q), matchQuery(SectionBigrams, q)), k)
}

// pageField is a page number as stored: nothing for none.
func pageField(p int) string {
	if p <= 0 {
		return ""
	}
	return strconv.Itoa(p)
}

// matchQuery analyzes q with the field's own analyzer (named explicitly:
// bleve looks analyzers up by property path, not by field name) and matches
// any of its terms.
func matchQuery(f Field, q string) *query.MatchQuery {
	mq := bleve.NewMatchQuery(zh.QueryText(q))
	mq.SetField(string(f))
	mq.Analyzer = bigramAnalyzer
	if f == Words {
		mq.Analyzer = wordAnalyzer
	}
	return mq
}

// SearchField ranks chunks by BM25 over one field.
func (x *Index) SearchField(ctx context.Context, f Field, q string, k int) ([]corpora.Hit, error) {
	return x.run(ctx, matchQuery(f, q), k)
}

func (x *Index) run(ctx context.Context, q query.Query, k int) ([]corpora.Hit, error) {
	if k <= 0 {
		k = 10
	}
	req := bleve.NewSearchRequestOptions(q, k, 0, false)
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("bm25: search: %w", err)
	}
	hits := make([]corpora.Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		docID, ord, ok := corpora.SplitChunkID(h.ID)
		if !ok {
			continue
		}
		hits = append(hits, corpora.Hit{Chunk: corpora.Chunk{ID: h.ID, DocID: docID, Ordinal: ord}, Score: h.Score})
	}
	return hits, nil
}

// Chunks loads the stored chunks with the given ids, in order; ids the index
// does not hold are left out.
func (x *Index) Chunks(ctx context.Context, ids []string) ([]corpora.Chunk, error) {
	out := make([]corpora.Chunk, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := x.idx.Document(id)
		if err != nil {
			return nil, fmt.Errorf("bm25: load chunk %s: %w", id, err)
		}
		if d == nil {
			continue
		}
		f := storedFields(d)
		c := corpora.Chunk{ID: id, DocID: f["doc"], Title: f["title"], Text: f["text"]}
		c.Ordinal, _ = strconv.Atoi(f["ord"])
		c.Start, _ = strconv.Atoi(f["start"])
		c.End, _ = strconv.Atoi(f["end"])
		c.Section, c.Where, c.Header = f["sec"], f["where"], f["hdr"]
		c.Places = corpora.DecodePlaces(f["places"])
		c.Page, _ = strconv.Atoi(f["page"])
		out = append(out, c)
	}
	return out, nil
}

// Stats describes an index.
type Stats struct {
	Documents int   `json:"documents"`
	Chunks    int   `json:"chunks"`
	Bytes     int64 `json:"bytes_on_disk"`
}

// Stats counts documents and chunks and measures the index on disk.
func (x *Index) Stats(ctx context.Context) (Stats, error) {
	total, err := x.idx.DocCount()
	if err != nil {
		return Stats{}, fmt.Errorf("bm25: count: %w", err)
	}
	tq := bleve.NewTermQuery(kindDoc)
	tq.SetField("kind")
	res, err := x.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(tq, 0, 0, false))
	if err != nil {
		return Stats{}, fmt.Errorf("bm25: count documents: %w", err)
	}
	var size int64
	_ = filepath.WalkDir(x.cfg.Dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	docs := int(res.Total)
	return Stats{Documents: docs, Chunks: int(total) - docs, Bytes: size}, nil
}

// EachChunk calls fn with every stored chunk, in pages, for rebuilding what
// is derived from the chunks (their vectors).
func (x *Index) EachChunk(ctx context.Context, fn func(corpora.Chunk) error) error {
	const page = 1000
	tq := bleve.NewTermQuery(kindChunk)
	tq.SetField("kind")
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(tq, page, from, false)
		req.SortBy([]string{"_id"})
		res, err := x.idx.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("bm25: list chunks: %w", err)
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		chunks, err := x.Chunks(ctx, ids)
		if err != nil {
			return err
		}
		for _, c := range chunks {
			if err := fn(c); err != nil {
				return err
			}
		}
		if len(res.Hits) < page {
			return nil
		}
	}
}

// Documents lists the records of the documents, by id, from the from-th,
// at most size of them, with how many there are in all.
func (x *Index) Documents(ctx context.Context, from, size int) ([]corpora.DocRecord, int, error) {
	tq := bleve.NewTermQuery(kindDoc)
	tq.SetField("kind")
	req := bleve.NewSearchRequestOptions(tq, size, from, false)
	req.SortBy([]string{"_id"})
	req.Fields = []string{"doc", "rtitle", "src", "hash", "n"}
	res, err := x.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, 0, fmt.Errorf("bm25: list documents: %w", err)
	}
	out := make([]corpora.DocRecord, 0, len(res.Hits))
	for _, h := range res.Hits {
		str := func(k string) string { s, _ := h.Fields[k].(string); return s }
		n, _ := strconv.Atoi(str("n"))
		rec := corpora.DocRecord{ID: str("doc"), Title: str("rtitle"), Source: str("src"), Chunks: n}
		rec.Hash, rec.Facts = splitHash(str("hash"))
		out = append(out, rec)
	}
	return out, int(res.Total), nil
}
