// Package kg is wenda's knowledge graph: entities and facts taken from
// structured records (idioms, poems, poets, 歇后语), each fact with its
// provenance — the document and field it came from.
//
// The graph is embedded and persistent: an append-only log of per-document
// fact sets (a document's facts are replaced whole when it changes), each
// line with a CRC so a torn tail after a crash is cut off on open, replayed
// into memory and compacted when most of it is superseded. Entities are
// looked up by their normalized name (traditional folded to simplified,
// case and width folded, punctuation dropped).
package kg

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// Relations.
const (
	Meaning  = "释义"
	Source   = "出处" // the quoted passage an idiom comes from
	Work     = "出自" // the work: 晋书·左思传, 诗经·国风·周南
	Pinyin   = "拼音"
	Example  = "例句"
	Author   = "作者"
	Dynasty  = "朝代"
	Bio      = "简介"
	Rhythmic = "词牌"
	Next     = "下一句"
	Prev     = "上一句"
	InPoem   = "诗题" // a line → the title of its poem
	Answer   = "后半句"
	Kind     = "类别" // 成语, 诗, 词, 诗人, 歇后语, 经典
)

// Fact is one edge with its provenance.
type Fact struct {
	Subject  string `json:"s"`
	Relation string `json:"r"`
	Object   string `json:"o"`
	Doc      string `json:"d"`             // the document it came from
	Field    string `json:"f"`             // and the field (an imported fact: its line)
	Source   string `json:"src,omitempty"` // where an imported fact's file says it comes from
}

// relationAliases are other names of the graph's own relations, as users
// write them in the files they import: a fact read as 作者 is asked for
// as 作者 whatever its file called it.
var relationAliases = map[string]string{
	"meaning": Meaning, "definition": Meaning, "explanation": Meaning, "意思": Meaning, "含义": Meaning, "解释": Meaning,
	"source": Source, "origin": Source, "来源": Source, "典故": Source,
	"work": Work, "book": Work, "出自作品": Work,
	"pinyin": Pinyin, "读音": Pinyin,
	"example": Example, "造句": Example,
	"author": Author, "writer": Author, "poet": Author, "作家": Author,
	"dynasty": Dynasty, "era": Dynasty, "时代": Dynasty,
	"bio": Bio, "biography": Bio, "description": Bio, "介绍": Bio, "生平": Bio,
	"rhythmic": Rhythmic, "cipai": Rhythmic,
	"next": Next, "下句": Next, "prev": Prev, "previous": Prev, "上句": Prev,
	"title": InPoem, "诗名": InPoem,
	"answer": Answer, "下半句": Answer,
	"kind": Kind, "type": Kind, "category": Kind, "类型": Kind,
}

// Relation is the graph's name for a relation as written in an imported
// file: one of its own when it is another name of one (author → 作者,
// 意思 → 释义), else as written.
func Relation(name string) string {
	n := strings.TrimSpace(name)
	if r, ok := relationAliases[strings.ToLower(n)]; ok {
		return r
	}
	return n
}

var kindName = map[string]string{corpora.RecordIdiom: "成语", corpora.RecordPoem: "诗", corpora.RecordPoet: "诗人",
	corpora.RecordXiehouyu: "歇后语", corpora.RecordClassic: "经典"}

// workQuote finds the work named in an idiom's source: the first 《…》.
func workQuote(source string) string {
	i := strings.Index(source, "《")
	if i < 0 {
		return ""
	}
	j := strings.Index(source[i:], "》")
	if j < 0 {
		return ""
	}
	return source[i+len("《") : i+j]
}

// FactsOf returns the facts of a document's record (none for prose).
func FactsOf(d corpora.Document) []Fact {
	r := d.Record
	if r == nil {
		return nil
	}
	f := r.Fields
	name := f[corpora.FieldName]
	if name == "" {
		return nil
	}
	var out []Fact
	add := func(s, rel, o, field string) {
		if strings.TrimSpace(s) != "" && strings.TrimSpace(o) != "" {
			out = append(out, Fact{Subject: s, Relation: rel, Object: o, Doc: d.ID, Field: field})
		}
	}
	kind := kindName[r.Kind]
	if r.Kind == corpora.RecordPoem && f[corpora.FieldRhythmic] != "" {
		kind = "词"
	}
	add(name, Kind, kind, "")
	switch r.Kind {
	case corpora.RecordIdiom:
		add(name, Meaning, f[corpora.FieldExplanation], corpora.FieldExplanation)
		add(name, Source, f[corpora.FieldSource], corpora.FieldSource)
		add(name, Work, workQuote(f[corpora.FieldSource]), corpora.FieldSource)
		add(name, Pinyin, f[corpora.FieldPinyin], corpora.FieldPinyin)
		add(name, Example, f[corpora.FieldExample], corpora.FieldExample)
	case corpora.RecordPoem, corpora.RecordClassic:
		add(name, Author, f[corpora.FieldAuthor], corpora.FieldAuthor)
		add(name, Dynasty, f[corpora.FieldDynasty], corpora.FieldDynasty)
		add(name, Rhythmic, f[corpora.FieldRhythmic], corpora.FieldRhythmic)
		add(name, Work, f[corpora.FieldWork], corpora.FieldWork)
		for i, line := range r.Lines {
			add(line, InPoem, name, "lines")
			if i+1 < len(r.Lines) {
				add(line, Next, r.Lines[i+1], "lines")
				add(r.Lines[i+1], Prev, line, "lines")
			}
		}
	case corpora.RecordPoet:
		add(name, Dynasty, f[corpora.FieldDynasty], corpora.FieldDynasty)
		add(name, Bio, f[corpora.FieldBiography], corpora.FieldBiography)
	case corpora.RecordXiehouyu:
		add(name, Answer, f[corpora.FieldAnswer], corpora.FieldAnswer)
	case corpora.RecordFacts:
		for _, t := range r.Triples {
			n := len(out)
			add(name, Relation(t.Relation), t.Object, fmt.Sprintf("line %d", t.Line))
			if len(out) > n {
				out[n].Source = t.Source
			}
		}
	}
	return out
}

// Key is how an entity's name is looked up: normalized (traditional →
// simplified, width, case) with punctuation, symbols and spaces dropped,
// so 「牀前看月光，」 and 床前看月光 are one key.
func Key(name string) string {
	n := zh.Normalize(name)
	var b strings.Builder
	for _, r := range n {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Graph is the persistent store.
type Graph struct {
	dir   string
	mu    sync.RWMutex
	byDoc map[string][]Fact
	bySub map[string][]Fact // Key(subject) → facts
	alias map[string]string // Key(pinyin, with or without tones) → Key(idiom)
	dead  int
	log   *os.File
	w     *bufio.Writer
}

const logName = "facts.log"

var table = crc32.MakeTable(crc32.Castagnoli)

type entry struct {
	Doc   string `json:"doc"`
	Facts []Fact `json:"facts,omitempty"`
}

// Open opens (creating) the graph in dir and replays its log.
func Open(dir string) (*Graph, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("kg: %w", err)
	}
	g := &Graph{dir: dir, byDoc: map[string][]Fact{}, bySub: map[string][]Fact{}, alias: map[string]string{}}
	p := filepath.Join(dir, logName)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("kg: %w", err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			break // EOF, or a torn last line
		}
		e, ok := decodeLine(line)
		if !ok {
			break
		}
		good += int64(len(line))
		g.apply(e)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return nil, fmt.Errorf("kg: cut the torn tail of %s: %w", p, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("kg: %w", err)
	}
	g.log, g.w = f, bufio.NewWriterSize(f, 1<<20)
	g.rebuildSubjects()
	return g, nil
}

// A log line: CRC-32C of the JSON in 8 hex digits, a tab, the JSON.
func encodeLine(buf []byte, e entry) []byte {
	js, _ := json.Marshal(e)
	buf = append(buf, fmt.Sprintf("%08x\t", crc32.Checksum(js, table))...)
	buf = append(buf, js...)
	return append(buf, '\n')
}

func decodeLine(line []byte) (entry, bool) {
	line = line[:len(line)-1]
	if len(line) < 9 || line[8] != '\t' {
		return entry{}, false
	}
	sum, err := strconv.ParseUint(string(line[:8]), 16, 32)
	if err != nil || uint32(sum) != crc32.Checksum(line[9:], table) {
		return entry{}, false
	}
	var e entry
	if json.Unmarshal(line[9:], &e) != nil {
		return entry{}, false
	}
	return e, true
}

func (g *Graph) apply(e entry) {
	if _, ok := g.byDoc[e.Doc]; ok {
		g.dead++
	}
	if len(e.Facts) == 0 {
		delete(g.byDoc, e.Doc)
		return
	}
	g.byDoc[e.Doc] = e.Facts
}

func (g *Graph) rebuildSubjects() {
	g.bySub = map[string][]Fact{}
	g.alias = map[string]string{}
	docs := make([]string, 0, len(g.byDoc))
	for d := range g.byDoc {
		docs = append(docs, d)
	}
	sort.Strings(docs) // a stable order of facts per entity
	for _, d := range docs {
		g.indexDoc(g.byDoc[d])
	}
}

// subjectKeys maps each subject of a document's facts to its Key: the
// facts share subjects, so each is normalized once.
func subjectKeys(facts []Fact) map[string]string {
	keys := make(map[string]string, 4)
	for _, f := range facts {
		if _, ok := keys[f.Subject]; !ok {
			keys[f.Subject] = Key(f.Subject)
		}
	}
	return keys
}

// indexDoc files a document's facts under their subjects, and an idiom
// under its pinyin.
func (g *Graph) indexDoc(facts []Fact) {
	keys := subjectKeys(facts)
	for _, f := range facts {
		k := keys[f.Subject]
		g.bySub[k] = append(g.bySub[k], f)
		if f.Relation == Pinyin {
			for _, p := range PinyinKeys(f.Object) {
				if _, taken := g.alias[p]; !taken {
					g.alias[p] = k
				}
			}
		}
	}
}

// unindexDoc takes a document's facts out of the subject index, and its
// idioms' pinyin with them.
func (g *Graph) unindexDoc(doc string, facts []Fact) {
	for _, k := range subjectKeys(facts) {
		if fs := removeDoc(g.bySub[k], doc); len(fs) > 0 {
			g.bySub[k] = fs
		} else {
			delete(g.bySub, k)
		}
	}
	for _, f := range facts {
		if f.Relation == Pinyin {
			for _, p := range PinyinKeys(f.Object) {
				if _, still := g.bySub[g.alias[p]]; !still {
					delete(g.alias, p)
				}
			}
		}
	}
}

var toneless = strings.NewReplacer("ā", "a", "á", "a", "ǎ", "a", "à", "a", "ē", "e", "é", "e", "ě", "e", "è", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i", "ō", "o", "ó", "o", "ǒ", "o", "ò", "o", "ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v", "ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m")

// PinyinKeys are the lookup keys of a pinyin spelling: with its tone
// marks and without (ü as v and as u), spaces dropped.
func PinyinKeys(p string) []string {
	k := Key(p)
	plain := toneless.Replace(k)
	return []string{k, plain, strings.ReplaceAll(plain, "v", "u")}
}

// Resolve returns the entity key a key names: itself, or the idiom whose
// pinyin it is. alias reports the latter.
func (g *Graph) Resolve(key string) (ent string, alias, ok bool) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if _, ok := g.bySub[key]; ok {
		return key, false, true
	}
	if e, ok := g.alias[key]; ok {
		return e, true, true
	}
	return "", false, false
}

// Replace sets the facts of the documents ids to those of the records
// among docs (documents without a record lose any facts they had), in one
// append and one sync.
func (g *Graph) Replace(ctx context.Context, ids []string, docs []corpora.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	facts := map[string][]Fact{}
	for _, d := range docs {
		facts[d.ID] = append(facts[d.ID], FactsOf(d)...)
	}
	var buf []byte
	var es []entry
	for _, id := range ids {
		g.mu.RLock()
		_, had := g.byDoc[id]
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
	defer g.mu.Unlock()
	if g.log == nil {
		return errors.New("kg: graph is closed")
	}
	if _, err := g.w.Write(buf); err != nil {
		return fmt.Errorf("kg: write log: %w", err)
	}
	if err := g.w.Flush(); err != nil {
		return fmt.Errorf("kg: write log: %w", err)
	}
	if err := g.log.Sync(); err != nil {
		return fmt.Errorf("kg: sync log: %w", err)
	}
	for _, e := range es {
		g.unindexDoc(e.Doc, g.byDoc[e.Doc])
		g.apply(e)
		g.indexDoc(e.Facts)
	}
	if g.dead > 1024 && g.dead > len(g.byDoc) {
		return g.compact()
	}
	return nil
}

func removeDoc(fs []Fact, doc string) []Fact {
	out := fs[:0]
	for _, f := range fs {
		if f.Doc != doc {
			out = append(out, f)
		}
	}
	return out
}

// compact rewrites the log with the live documents only, atomically.
func (g *Graph) compact() error {
	tmp := filepath.Join(g.dir, logName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("kg: compact: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	for d, fs := range g.byDoc {
		buf = encodeLine(buf[:0], entry{Doc: d, Facts: fs})
		w.Write(buf)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("kg: compact: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("kg: compact: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(g.dir, logName)); err != nil {
		f.Close()
		return fmt.Errorf("kg: compact: %w", err)
	}
	g.log.Close()
	g.log, g.w, g.dead = f, bufio.NewWriterSize(f, 1<<20), 0
	return nil
}

// Facts returns the facts whose subject is name (by Key).
func (g *Graph) Facts(name string) []Fact {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return append([]Fact(nil), g.bySub[Key(name)]...)
}

// DocFacts returns the facts taken from one document.
func (g *Graph) DocFacts(doc string) []Fact {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return append([]Fact(nil), g.byDoc[doc]...)
}

// Has reports whether key (a Key) is an entity with facts or an idiom's
// pinyin.
func (g *Graph) Has(key string) bool {
	_, _, ok := g.Resolve(key)
	return ok
}

// Stats counts entities (distinct subjects), facts and documents.
func (g *Graph) Stats() (entities, facts, docs int) {
	g.mu.RLock()
	defer g.mu.RUnlock()
	for _, fs := range g.byDoc {
		facts += len(fs)
	}
	return len(g.bySub), facts, len(g.byDoc)
}

// Close flushes and closes the log.
func (g *Graph) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.log == nil {
		return nil
	}
	err := g.w.Flush()
	if cerr := g.log.Close(); err == nil {
		err = cerr
	}
	g.log = nil
	return err
}

// Link finds the longest name in text (by Key) for which has is true: the
// entity a question is about. Names of one character are not linked.
func Link(has func(key string) bool, text string) string {
	key := []rune(Key(text))
	best := 0
	found := ""
	for i := range key {
		for j := len(key); j >= i+2 && j-i > best; j-- {
			if s := string(key[i:j]); has(s) {
				best, found = j-i, s
				break
			}
		}
	}
	return found
}

// Search ranks the documents of the entity a query names, for fusion with
// the text lists: the facts' documents in order, each as its first chunk.
func (g *Graph) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ent, _, ok := g.Resolve(Link(g.Has, q))
	if !ok {
		return nil, nil
	}
	var hits []corpora.Hit
	seen := map[string]bool{}
	for _, f := range g.Facts(ent) {
		if seen[f.Doc] {
			continue
		}
		seen[f.Doc] = true
		hits = append(hits, corpora.Hit{Chunk: corpora.Chunk{ID: corpora.ChunkID(f.Doc, 0), DocID: f.Doc}, Score: 1 / float64(len(hits)+1)})
		if len(hits) == k {
			break
		}
	}
	return hits, nil
}
