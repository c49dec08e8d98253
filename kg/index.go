package kg

import (
	"slices"
	"sort"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// reindex builds the subject and pinyin indexes from the documents, in
// the order of their ids.
func (g *Graph) reindex() {
	// Most subjects are lines, about half the facts.
	g.first, g.more = make(map[string]string, g.nfacts/2), map[string][]string{}
	g.starts = map[string]int{}
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
		case corpora.RelAuthor:
			g.works[zh.Key(d.strs[p.o])]++
		case corpora.RelPinyin:
			if !isEntity(d.strs[p.s]) {
				continue
			}
			for _, a := range pinyinKeys(d.strs[p.o]) {
				if _, taken := g.alias[a]; !taken {
					g.alias[a] = d.strs[p.key]
				}
			}
		case corpora.RelKind:
			if g.galias != nil {
				g.nameAliases(d, p)
			}
		}
	}
}

// nameAliases files a named entity under the pinyin go-pinyin gives it.
func (g *Graph) nameAliases(d *docFacts, p packed) {
	if !pinyinKinds[d.strs[p.o]] || !isEntity(d.strs[p.s]) {
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
			if d.strs[p.r] == corpora.RelKind {
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
		case corpora.RelAuthor:
			k := zh.Key(d.strs[p.o])
			if g.works[k]--; g.works[k] <= 0 {
				delete(g.works, k)
			}
		case corpora.RelPinyin:
			as, m = pinyinKeys(d.strs[p.o]), g.alias
		case corpora.RelKind:
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
		if ks := keyStart(k); len(k) > g.starts[ks] {
			g.starts[ks] = len(k)
		}
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
// name's). alias reports the latter. The empty key names nothing.
func (g *Graph) Resolve(key string) (ent string, alias, ok bool) {
	if key == "" {
		return "", false, false
	}
	g.mu.RLock()
	if !hasLatin(key) {
		// Keys in Latin letters are pinyin (alias, galias); the others are
		// subjects' or none.
		if longest, ok := g.starts[keyStart(key)]; !ok || len(key) > longest {
			g.mu.RUnlock()
			return "", false, false
		}
	}
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

// keyStart is the first two characters of a key (all of a shorter one).
func keyStart(k string) string {
	n := 0
	for i := range k {
		if n == 2 {
			return k[:i]
		}
		n++
	}
	return k
}

func hasLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}
