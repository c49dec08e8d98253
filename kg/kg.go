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

// relationAliases are other names of the graph's own relations, as users
// write them in the files they import: a fact read as 作者 is asked for
// as 作者 whatever its file called it.
var relationAliases = map[string]string{
	"meaning": corpora.RelMeaning, "definition": corpora.RelMeaning, "explanation": corpora.RelMeaning,
	"意思": corpora.RelMeaning, "含义": corpora.RelMeaning, "解释": corpora.RelMeaning,
	"source": corpora.RelSource, "origin": corpora.RelSource, "来源": corpora.RelSource, "典故": corpora.RelSource,
	"work": corpora.RelWork, "book": corpora.RelWork, "出自作品": corpora.RelWork,
	"pinyin": corpora.RelPinyin, "读音": corpora.RelPinyin,
	"example": corpora.RelExample, "造句": corpora.RelExample,
	"author": corpora.RelAuthor, "writer": corpora.RelAuthor, "poet": corpora.RelAuthor, "作家": corpora.RelAuthor,
	"dynasty": corpora.RelDynasty, "era": corpora.RelDynasty, "时代": corpora.RelDynasty,
	"bio": corpora.RelBio, "biography": corpora.RelBio, "description": corpora.RelBio, "介绍": corpora.RelBio, "生平": corpora.RelBio,
	"rhythmic": corpora.RelRhythmic, "cipai": corpora.RelRhythmic,
	"next": corpora.RelNext, "下句": corpora.RelNext, "prev": corpora.RelPrev, "previous": corpora.RelPrev, "上句": corpora.RelPrev,
	"title": corpora.RelInPoem, "诗名": corpora.RelInPoem,
	"answer": corpora.RelAnswer, "下半句": corpora.RelAnswer,
	"kind": corpora.RelKind, "type": corpora.RelKind, "category": corpora.RelKind, "类型": corpora.RelKind,
}

// relationName is the graph's name for a relation as written in an
// imported file: one of its own when it is another name of one (author →
// 作者, 意思 → 释义), else as written.
func relationName(name string) string {
	n := strings.TrimSpace(name)
	if r, ok := relationAliases[strings.ToLower(n)]; ok {
		return r
	}
	return n
}

var kindName = map[string]string{corpora.RecordIdiom: corpora.KindIdiom, corpora.RecordPoem: corpora.KindPoem,
	corpora.RecordPoet: corpora.KindPoet, corpora.RecordXiehouyu: corpora.KindXiehouyu, corpora.RecordClassic: corpora.KindClassic}

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

// factsOf returns the facts of a document's record (none for prose).
func factsOf(d corpora.Document) []corpora.Fact {
	r := d.Record
	if r == nil {
		return nil
	}
	f := r.Fields
	name := f[corpora.FieldName]
	if name == "" {
		return nil
	}
	var out []corpora.Fact
	add := func(s, rel, o, field string) {
		if strings.TrimSpace(s) != "" && strings.TrimSpace(o) != "" {
			out = append(out, corpora.Fact{Subject: s, Relation: rel, Object: o, Doc: d.ID, Field: field})
		}
	}
	kind := kindName[r.Kind]
	if r.Kind == corpora.RecordPoem && f[corpora.FieldRhythmic] != "" {
		kind = corpora.KindCi
	}
	add(name, corpora.RelKind, kind, "")
	switch r.Kind {
	case corpora.RecordIdiom:
		add(name, corpora.RelMeaning, f[corpora.FieldExplanation], corpora.FieldExplanation)
		add(name, corpora.RelSource, f[corpora.FieldSource], corpora.FieldSource)
		add(name, corpora.RelWork, workQuote(f[corpora.FieldSource]), corpora.FieldSource)
		add(name, corpora.RelPinyin, f[corpora.FieldPinyin], corpora.FieldPinyin)
		add(name, corpora.RelExample, f[corpora.FieldExample], corpora.FieldExample)
	case corpora.RecordPoem, corpora.RecordClassic:
		add(name, corpora.RelAuthor, f[corpora.FieldAuthor], corpora.FieldAuthor)
		add(name, corpora.RelDynasty, f[corpora.FieldDynasty], corpora.FieldDynasty)
		add(name, corpora.RelRhythmic, f[corpora.FieldRhythmic], corpora.FieldRhythmic)
		add(name, corpora.RelWork, f[corpora.FieldWork], corpora.FieldWork)
		for i, line := range r.Lines {
			add(line, corpora.RelInPoem, name, "lines")
			if i+1 < len(r.Lines) {
				add(line, corpora.RelNext, r.Lines[i+1], "lines")
				add(r.Lines[i+1], corpora.RelPrev, line, "lines")
			}
		}
	case corpora.RecordPoet:
		add(name, corpora.RelDynasty, f[corpora.FieldDynasty], corpora.FieldDynasty)
		add(name, corpora.RelBio, f[corpora.FieldBiography], corpora.FieldBiography)
	case corpora.RecordXiehouyu:
		add(name, corpora.RelAnswer, f[corpora.FieldAnswer], corpora.FieldAnswer)
	case corpora.RecordFacts:
		for _, t := range r.Triples {
			n := len(out)
			add(name, relationName(t.Relation), t.Object, fmt.Sprintf("line %d", t.Line))
			if len(out) > n {
				out[n].Source = t.Source
			}
		}
	}
	return out
}
