package kg

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

var toneless = strings.NewReplacer("ā", "a", "á", "a", "ǎ", "a", "à", "a", "ē", "e", "é", "e", "ě", "e", "è", "e",
	"ī", "i", "í", "i", "ǐ", "i", "ì", "i", "ō", "o", "ó", "o", "ǒ", "o", "ò", "o", "ū", "u", "ú", "u", "ǔ", "u", "ù", "u",
	"ǖ", "v", "ǘ", "v", "ǚ", "v", "ǜ", "v", "ü", "v", "ń", "n", "ň", "n", "ǹ", "n", "ḿ", "m")

// pinyinKeys are the lookup keys of a pinyin spelling: with its tone
// marks and without (ü as v and as u), spaces dropped.
func pinyinKeys(p string) []string {
	k := zh.Key(p)
	plain := toneless.Replace(k)
	return []string{k, plain, strings.ReplaceAll(plain, "v", "u")}
}

// pinyinKinds are the kinds of entity found by their pinyin as go-pinyin
// spells it (an idiom's dictionary spelling comes first): 静夜思 as
// jingyesi, 李白 as li bai. 歇后语 are sentences, not names.
var pinyinKinds = map[string]bool{corpora.KindIdiom: true, corpora.KindPoem: true, corpora.KindCi: true, corpora.KindPoet: true,
	corpora.KindClassic: true}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Tone
	return a
}()

// namePinyin is the pinyin lookup keys of a name of Han characters (a
// Key), by each character's most common reading; none for other names.
func namePinyin(key string) []string {
	n := utf8.RuneCountInString(key)
	if n < 2 || n > 12 {
		return nil
	}
	for _, r := range key {
		if !unicode.Is(unicode.Han, r) {
			return nil
		}
	}
	syl := pinyin.Pinyin(key, pinyinArgs)
	if len(syl) != n {
		return nil // a character go-pinyin does not know
	}
	parts := make([]string, n)
	for i, s := range syl {
		parts[i] = s[0]
	}
	return pinyinKeys(strings.Join(parts, " "))
}

// dictKinds are the kinds of entity whose names go into the segmenter's
// dictionary, so that 洛阳纸贵 or 水调歌头 is cut as one word.
var dictKinds = map[string]bool{corpora.KindIdiom: true, corpora.KindPoem: true, corpora.KindCi: true, corpora.KindPoet: true}

// names are a document's entity names for the segmenter's dictionary
// (normalized, 2 to 8 Han characters): its idiom, poem title or poet, and
// its 词牌.
func (d *docFacts) names() []string {
	var out []string
	for _, p := range d.facts {
		if d.strs[p.f] == "lines" {
			break // a poem's lines come after its own facts (factsOf)
		}
		var name string
		switch d.strs[p.r] {
		case corpora.RelKind:
			if dictKinds[d.strs[p.o]] && isEntity(d.strs[p.s]) {
				name = d.strs[p.key] // normalized already
			}
		case corpora.RelRhythmic:
			name = zh.Normalize(strings.TrimSpace(d.strs[p.o]))
		}
		if isName(name) {
			out = append(out, name)
		}
	}
	return out
}

// isEntity reports whether a subject names an entity: it has a letter or
// a digit, more of them than anything else, and no mark of a character
// the source has lost — □, ■, ○, 〓, ＊, or a run of ？, … or _. Poems
// and poets of the Tang collections are full of them (□□□□□，, 杖策聊□□。,
// 馮□原): Key drops the marks, so □□□□□， would be the entity of the
// empty key, which every question naming none links to, and 馮□原 the
// poet 冯原, who never was. Such a subject keeps its facts (its poem's
// lines are whole), but nothing is filed under it, linked to it, or given
// to the segmenter's dictionary as a word.
func isEntity(s string) bool {
	letters, others, run := 0, 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letters++
			run = 0
		case unicode.IsSpace(r):
			run = 0
		case lostChar(r):
			return false
		case strings.ContainsRune("?？…⋯_＿", r):
			if run++; run >= 2 {
				return false
			}
			others++
		default:
			others++
			run = 0
		}
	}
	return letters > 0 && letters > others
}

// lostChar reports whether r marks a character missing from the source:
// geometric shapes (□ ■ ○ ● ◇ △ …), ballot boxes, 〓 and asterisks.
func lostChar(r rune) bool {
	return r >= 0x25A0 && r <= 0x25FF || r >= 0x2610 && r <= 0x2612 || r == '〓' || r == '*' || r == '＊'
}

func isName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 8 {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// Search ranks the documents of the entity a query names, for fusion with
// the text lists: the facts' documents in order, each as its first chunk.
// The entity is found in time linear in the query's length (zh.Link: a
// name of more than zh.MaxName characters is not found in a query).
func (g *Graph) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name, err := zh.Link(ctx, g.Has, q)
	if err != nil {
		return nil, fmt.Errorf("kg: link: %w", err)
	}
	ent, _, ok := g.Resolve(name)
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
