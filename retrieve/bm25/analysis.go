package bm25

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/wenda-rag/wenda/corpora/zh"
)

// Names under which wenda's analysis parts are registered with bleve. They
// are written into each index's mapping, so renaming one makes old indexes
// unreadable.
const (
	normFilterName   = "wenda_zh_normalize"
	gseTokenizerName = "wenda_gse_search"
	bigramTokName    = "wenda_cjk_bigram"
	wordAnalyzer     = "wenda_zh_words"
	bigramAnalyzer   = "wenda_zh_bigrams"
)

func init() {
	// Registration only fails for a duplicate name, which would be a bug in
	// this file.
	if err := registry.RegisterCharFilter(normFilterName, func(map[string]interface{}, *registry.Cache) (analysis.CharFilter, error) {
		return normFilter{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenizer(gseTokenizerName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		seg, err := zh.Default()
		if err != nil {
			return nil, err
		}
		return gseTokenizer{seg}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterTokenizer(bigramTokName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return bigramTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}

// normFilter runs zh.Normalize before tokenizing, at index and query time.
type normFilter struct{}

func (normFilter) Filter(in []byte) []byte { return []byte(zh.Normalize(string(in))) }

// gseTokenizer emits gse's search-mode words.
type gseTokenizer struct{ seg *zh.Segmenter }

func (t gseTokenizer) Tokenize(in []byte) analysis.TokenStream {
	words := t.seg.CutSearch(string(in))
	out := make(analysis.TokenStream, 0, len(words))
	for i, w := range words {
		out = append(out, &analysis.Token{Term: []byte(w), Position: i + 1, Type: analysis.Ideographic})
	}
	return out
}

// bigramTokenizer emits overlapping character bigrams of runs of CJK (and
// other non-Latin) letters — a lone character stands for itself — and whole
// runs of ASCII letters and digits. It needs no dictionary, so it matches
// what the segmenter cuts differently in a document and in a question.
type bigramTokenizer struct{}

func (bigramTokenizer) Tokenize(in []byte) analysis.TokenStream {
	out := make(analysis.TokenStream, 0, len(in)/3+1)
	pos := 0
	emit := func(s, e int) {
		pos++
		out = append(out, &analysis.Token{Term: in[s:e], Start: s, End: e, Position: pos, Type: analysis.Ideographic})
	}
	for i := 0; i < len(in); {
		r, size := utf8.DecodeRune(in[i:])
		switch {
		case r < utf8.RuneSelf && (('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || ('A' <= r && r <= 'Z')):
			j := i
			for j < len(in) {
				c := in[j]
				if !(('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || ('A' <= c && c <= 'Z')) {
					break
				}
				j++
			}
			emit(i, j)
			i = j
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			// A run of CJK characters: bigrams, or the single character.
			prev, prevSize := i, size
			j := i + size
			n := 1
			for j < len(in) {
				r2, s2 := utf8.DecodeRune(in[j:])
				if r2 < utf8.RuneSelf || !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
					break
				}
				emit(prev, j+s2)
				prev, prevSize = j, s2
				j += s2
				n++
			}
			if n == 1 {
				emit(i, i+prevSize)
			}
			i = j
		default:
			i += size
		}
	}
	return out
}
