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
	"fmt"
	"strings"

	"github.com/wenda-rag/wenda/corpora"
)

// Relations (corpora's, by their short names here).
const (
	Meaning  = corpora.RelMeaning
	Source   = corpora.RelSource
	Work     = corpora.RelWork
	Pinyin   = corpora.RelPinyin
	Example  = corpora.RelExample
	Author   = corpora.RelAuthor
	Dynasty  = corpora.RelDynasty
	Bio      = corpora.RelBio
	Rhythmic = corpora.RelRhythmic
	Next     = corpora.RelNext
	Prev     = corpora.RelPrev
	InPoem   = corpora.RelInPoem
	Answer   = corpora.RelAnswer
	Kind     = corpora.RelKind
)

// Fact is one edge with its provenance.
type Fact = corpora.Fact

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
