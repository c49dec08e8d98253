package kg

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"sync"
	"unsafe"

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
	dir    string
	mu     sync.RWMutex
	docs   map[string]*docFacts
	first  map[string]string   // zh.Key(subject) → the first document (by id) with facts about it
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
}

// packed is a fact as indexes into its document's strings.
type packed struct{ s, r, o, f, src, key uint32 }

type docFacts struct {
	strs  []string
	facts []packed
}

func pack(fs []Fact) *docFacts {
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

func (d *docFacts) fact(doc string, p packed) Fact {
	return Fact{Subject: d.strs[p.s], Relation: d.strs[p.r], Object: d.strs[p.o], Doc: doc, Field: d.strs[p.f], Source: d.strs[p.src]}
}

func (d *docFacts) all(doc string) []Fact {
	out := make([]Fact, len(d.facts))
	for i, p := range d.facts {
		out[i] = d.fact(doc, p)
	}
	return out
}

// keys lists the document's subject keys, each once.
func (d *docFacts) keys() []string {
	var out []string
	seen := map[uint32]bool{}
	for _, p := range d.facts {
		if !seen[p.key] {
			seen[p.key] = true
			out = append(out, d.strs[p.key])
		}
	}
	return out
}

const (
	logName  = "facts.log"
	snapName = "facts.snap"
	// A log longer than this is folded into the snapshot on Close.
	checkpointBytes = 4 << 20
)

var table = crc32.MakeTable(crc32.Castagnoli)

type entry struct {
	Doc   string `json:"doc"`
	Facts []Fact `json:"facts,omitempty"`
}

// Open opens (creating) the graph in dir: its snapshot, then the log
// written since.
func Open(dir string) (*Graph, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("kg: %w", err)
	}
	g := &Graph{dir: dir, docs: map[string]*docFacts{}}
	if err := g.loadSnapshot(); err != nil {
		return nil, err
	}
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
	g.log, g.w, g.logN = f, bufio.NewWriterSize(f, 1<<20), good
	g.reindex()
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

// reindex builds the subject and pinyin indexes from the documents, in
// the order of their ids.
func (g *Graph) reindex() {
	// Most subjects are lines, about half the facts.
	g.first, g.more = make(map[string]string, g.nfacts/2), map[string][]string{}
	g.alias, g.galias = map[string]string{}, nil
	g.works = map[string]int{}
	ids := make([]string, 0, len(g.docs))
	for id := range g.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		g.index(id, g.docs[id])
	}
}

// index files a document's facts under their subjects' keys, an idiom
// under its pinyin and a named entity under the pinyin go-pinyin gives.
func (g *Graph) index(doc string, d *docFacts) {
	for _, k := range d.keys() {
		g.addSubject(k, doc)
	}
	for _, p := range d.facts {
		switch d.strs[p.r] {
		case Author:
			g.works[zh.Key(d.strs[p.o])]++
		case Pinyin:
			for _, a := range PinyinKeys(d.strs[p.o]) {
				if _, taken := g.alias[a]; !taken {
					g.alias[a] = d.strs[p.key]
				}
			}
		case Kind:
			if g.galias != nil {
				g.nameAliases(d, p)
			}
		}
	}
}

// nameAliases files a named entity under the pinyin go-pinyin gives it.
func (g *Graph) nameAliases(d *docFacts, p packed) {
	if !pinyinKinds[d.strs[p.o]] {
		return
	}
	for _, a := range namePinyin(d.strs[p.key]) {
		if _, taken := g.galias[a]; !taken {
			g.galias[a] = d.strs[p.key]
		}
	}
}

// buildNameAliases fills galias from every document, in the order of
// their ids. The caller holds the write lock.
func (g *Graph) buildNameAliases() {
	g.galias = map[string]string{}
	ids := make([]string, 0, len(g.docs))
	for id := range g.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		d := g.docs[id]
		for _, p := range d.facts {
			if d.strs[p.r] == Kind {
				g.nameAliases(d, p)
			}
		}
	}
}

// unindex takes a document's facts out of the indexes, and the pinyin of
// entities left without facts.
func (g *Graph) unindex(doc string, d *docFacts) {
	for _, k := range d.keys() {
		g.removeSubject(k, doc)
	}
	for _, p := range d.facts {
		var as []string
		var m map[string]string
		switch d.strs[p.r] {
		case Author:
			k := zh.Key(d.strs[p.o])
			if g.works[k]--; g.works[k] <= 0 {
				delete(g.works, k)
			}
		case Pinyin:
			as, m = PinyinKeys(d.strs[p.o]), g.alias
		case Kind:
			if g.galias != nil {
				as, m = namePinyin(d.strs[p.key]), g.galias
			}
		}
		for _, a := range as {
			if _, still := g.first[m[a]]; !still {
				delete(m, a)
			}
		}
	}
}

func (g *Graph) addSubject(k, doc string) {
	f, ok := g.first[k]
	switch {
	case !ok:
		g.first[k] = doc
	case doc == f:
	case doc < f:
		g.first[k] = doc
		g.more[k] = slices.Insert(g.more[k], 0, f)
	default:
		m := g.more[k]
		if len(m) == 0 || m[len(m)-1] < doc { // reindex adds in order
			g.more[k] = append(m, doc)
		} else if i, found := slices.BinarySearch(m, doc); !found {
			g.more[k] = slices.Insert(m, i, doc)
		}
	}
}

func (g *Graph) removeSubject(k, doc string) {
	m := g.more[k]
	if g.first[k] == doc {
		if len(m) == 0 {
			delete(g.first, k)
			return
		}
		g.first[k], m = m[0], m[1:]
	} else if i, found := slices.BinarySearch(m, doc); found {
		m = slices.Delete(m, i, i+1)
	}
	if len(m) == 0 {
		delete(g.more, k)
	} else {
		g.more[k] = m
	}
}

// Resolve returns the entity key a key names: itself, or the entity whose
// pinyin it is (an idiom's, as its dictionary spells it, before any other
// name's). alias reports the latter.
func (g *Graph) Resolve(key string) (ent string, alias, ok bool) {
	g.mu.RLock()
	if _, ok := g.first[key]; ok {
		g.mu.RUnlock()
		return key, false, true
	}
	if e, ok := g.alias[key]; ok {
		g.mu.RUnlock()
		return e, true, true
	}
	built := g.galias != nil
	e, ok := g.galias[key]
	g.mu.RUnlock()
	if ok || built || !hasLatin(key) {
		return e, ok, ok
	}
	g.mu.Lock()
	if g.galias == nil {
		g.buildNameAliases()
	}
	e, ok = g.galias[key]
	g.mu.Unlock()
	return e, ok, ok
}

func hasLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
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

// checkpoint writes the snapshot and empties the log. The caller holds
// the lock.
func (g *Graph) checkpoint() error {
	if err := g.w.Flush(); err != nil {
		return fmt.Errorf("kg: write log: %w", err)
	}
	if err := g.writeSnapshot(); err != nil {
		return err
	}
	if err := g.log.Truncate(0); err != nil {
		return fmt.Errorf("kg: empty the log: %w", err)
	}
	if _, err := g.log.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("kg: %w", err)
	}
	if err := g.log.Sync(); err != nil {
		return fmt.Errorf("kg: sync log: %w", err)
	}
	g.w.Reset(g.log)
	g.logN, g.dead = 0, 0
	return nil
}

// The snapshot: a magic line; the number of documents, then each
// document's id, its strings and its facts as indexes into them (all
// lengths and indexes unsigned varints); then the CRC-32C of everything
// after the magic line and its length, 4 and 8 bytes little-endian.
var snapMagic = []byte("wenda kg snapshot 1\n")

func (g *Graph) writeSnapshot() error {
	tmp := filepath.Join(g.dir, snapName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("kg: snapshot: %w", err)
	}
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("kg: snapshot %s: %w", tmp, err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(snapMagic)
	crc := crc32.New(table)
	body := io.MultiWriter(w, crc)
	var n int64
	var vb [binary.MaxVarintLen64]byte
	uv := func(x uint64) {
		k := binary.PutUvarint(vb[:], x)
		body.Write(vb[:k])
		n += int64(k)
	}
	str := func(s string) {
		uv(uint64(len(s)))
		io.WriteString(body, s)
		n += int64(len(s))
	}
	ids := make([]string, 0, len(g.docs))
	for id := range g.docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	uv(uint64(len(ids)))
	for _, id := range ids {
		d := g.docs[id]
		str(id)
		uv(uint64(len(d.strs)))
		for _, s := range d.strs {
			str(s)
		}
		uv(uint64(len(d.facts)))
		for _, p := range d.facts {
			for _, x := range [...]uint32{p.s, p.r, p.o, p.f, p.src, p.key} {
				uv(uint64(x))
			}
		}
	}
	var tail [12]byte
	binary.LittleEndian.PutUint32(tail[:4], crc.Sum32())
	binary.LittleEndian.PutUint64(tail[4:], uint64(n))
	w.Write(tail[:])
	if err := w.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp, filepath.Join(g.dir, snapName)); err != nil {
		return fail(err)
	}
	if d, err := os.Open(g.dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// loadSnapshot reads the snapshot, if there is one, into g.docs. Its
// strings are views of the file's bytes, read in one piece: no copy per
// string.
func (g *Graph) loadSnapshot() error {
	p := filepath.Join(g.dir, snapName)
	buf, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kg: %w", err)
	}
	damaged := func(why string) error {
		return fmt.Errorf("kg: snapshot %s is damaged (%s); remove the knowledge base's kg folder and ingest its structured files again", p, why)
	}
	if len(buf) < len(snapMagic)+12 || string(buf[:len(snapMagic)]) != string(snapMagic) {
		return damaged("not a wenda graph snapshot")
	}
	body := buf[len(snapMagic) : len(buf)-12]
	tail := buf[len(buf)-12:]
	if binary.LittleEndian.Uint64(tail[4:]) != uint64(len(body)) || binary.LittleEndian.Uint32(tail[:4]) != crc32.Checksum(body, table) {
		return damaged("checksum or length does not match")
	}
	off := 0
	bad := false
	uv := func() uint64 {
		x, k := binary.Uvarint(body[off:])
		if k <= 0 {
			bad = true
			return 0
		}
		off += k
		return x
	}
	str := func() string {
		n := int(uv())
		if bad || n > len(body)-off {
			bad = true
			return ""
		}
		if n == 0 {
			return ""
		}
		s := unsafe.String(&body[off], n)
		off += n
		return s
	}
	ndocs := int(uv())
	g.docs = make(map[string]*docFacts, ndocs)
	for i := 0; i < ndocs && !bad; i++ {
		id := str()
		d := &docFacts{strs: make([]string, uv())}
		for j := range d.strs {
			d.strs[j] = str()
		}
		nf := int(uv())
		if bad || nf > len(body)-off {
			break
		}
		d.facts = make([]packed, nf)
		for j := range d.facts {
			var x [6]uint32
			for k := range x {
				v := uv()
				if v >= uint64(len(d.strs)) {
					bad = true
				}
				x[k] = uint32(v)
			}
			d.facts[j] = packed{x[0], x[1], x[2], x[3], x[4], x[5]}
		}
		g.docs[id] = d
		g.nfacts += nf
	}
	if bad || off != len(body) {
		return damaged("unreadable record")
	}
	return nil
}

// Facts returns the facts whose subject is name (by Key), document by
// document in the order of their ids.
func (g *Graph) Facts(name string) []Fact {
	k := zh.Key(name)
	g.mu.RLock()
	defer g.mu.RUnlock()
	f, ok := g.first[k]
	if !ok {
		return nil
	}
	var out []Fact
	for _, doc := range append([]string{f}, g.more[k]...) {
		d := g.docs[doc]
		for _, p := range d.facts {
			if d.strs[p.key] == k {
				out = append(out, d.fact(doc, p))
			}
		}
	}
	return out
}

// DocFacts returns the facts taken from one document.
func (g *Graph) DocFacts(doc string) []Fact {
	g.mu.RLock()
	defer g.mu.RUnlock()
	if d := g.docs[doc]; d != nil {
		return d.all(doc)
	}
	return nil
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
		return nil
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
