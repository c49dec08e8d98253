// Package zh handles Chinese text: normalization (NFKC, width, case, 繁→简),
// sentence splitting and word segmentation with gse.
//
// Normalize must be applied identically at index and query time; the lexical
// index does so by running it as a char filter inside its analyzers, so the
// two can never drift apart. Normalized text is for matching only: the
// original text is what gets stored, displayed and cited.
package zh

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/unicode/norm"
)

// t2s is one stage of traditional→simplified conversion built from one of
// OpenCC's dictionary groups. OpenCC's own Convert allocates a
// string per rune and is far too slow for indexing megabytes, so the same
// tables are flattened into a rune map plus a small phrase table matched
// longest-first.
type t2s struct {
	chars     map[rune]rune   // single-rune mappings
	multi     map[rune]string // single runes mapping to several runes (rare)
	phrases   map[string]string
	phraseMax int           // longest phrase, in runes
	starts    map[rune]bool // first runes of phrases
	// The same, as tables over the Basic Multilingual Plane, where nearly
	// all Chinese text lies: a map lookup per character was a tenth of the
	// whole ingest.
	flags  [0x10000]uint8
	bmp    [0x10000]rune
	maxLen [0x10000]uint8 // longest phrase starting with the rune, in runes
	// lenSeen[n] says some phrase has n runes.
	lenSeen [33]bool
}

const (
	hasChar uint8 = 1 << iota
	hasMulti
	startsPhrase
)

// index fills the BMP tables from the maps.
func (c *t2s) index() {
	for r, t := range c.chars {
		if r < 0x10000 {
			c.flags[r] |= hasChar
			c.bmp[r] = t
		}
	}
	for r := range c.multi {
		if r < 0x10000 {
			c.flags[r] |= hasMulti
		}
	}
	for r := range c.starts {
		if r < 0x10000 {
			c.flags[r] |= startsPhrase
		}
	}
	for p := range c.phrases {
		n := utf8.RuneCountInString(p)
		if n > 32 {
			continue
		}
		c.lenSeen[n] = true
		if r, _ := utf8.DecodeRuneInString(p); r < 0x10000 && uint8(n) > c.maxLen[r] {
			c.maxLen[r] = uint8(n)
		}
	}
}

// lookup returns what a rune's flags are, from the tables or the maps.
func (c *t2s) lookup(r rune) uint8 {
	if r < 0x10000 {
		return c.flags[r]
	}
	var f uint8
	if _, ok := c.chars[r]; ok {
		f |= hasChar
	}
	if _, ok := c.multi[r]; ok {
		f |= hasMulti
	}
	if c.starts[r] {
		f |= startsPhrase
	}
	return f
}

var (
	convOnce sync.Once
	conv     []*t2s // applied in turn
	convErr  error
)

// converters returns the conversion stages of OpenCC's tw2sp: Taiwan
// phrases and variants to standard traditional (軟體 → 軟件, 資訊 → 信息), then
// traditional to simplified. The first stage lets a simplified question find
// a Taiwan document and the other way round.
func converters() ([]*t2s, error) {
	convOnce.Do(func() {
		cc, err := opencc.New("tw2sp")
		if err != nil {
			convErr = err
			return
		}
		for i, g := range cc.DictChains {
			t := newTable(g)
			if i < len(cc.DictChains)-1 {
				// Of the Taiwan stage keep the phrases only: its character
				// variants (么 → 幺) would corrupt simplified text.
				t.chars, t.multi = map[rune]rune{}, map[rune]string{}
			}
			if i == 0 {
				// Where OpenCC's Taiwan phrases give a mainland word software
				// no longer uses, or a narrower one: 預設 is 默认 (not 缺省),
				// 執行 stays 执行 (not 运行: a rule is 执行, not run).
				for from, to := range twOverrides {
					t.phrases[from] = to
					first, _ := utf8.DecodeRuneInString(from)
					t.starts[first] = true
				}
			}
			t.index()
			conv = append(conv, t)
		}
	})
	return conv, convErr
}

// twOverrides replace OpenCC's Taiwan-phrase conversions (to standard
// traditional, which the next stage simplifies).
var twOverrides = map[string]string{
	"預設": "默認",
	"執行": "執行",
}

func newTable(g *opencc.Group) *t2s {
	c := &t2s{chars: map[rune]rune{}, multi: map[rune]string{}, phrases: map[string]string{}, starts: map[rune]bool{}}
	// Earlier dictionaries of a group take precedence, as in OpenCC.
	for i := len(g.Dicts) - 1; i >= 0; i-- {
		d := g.Dicts[i]
		for _, id := range d.Trie.PrefixPredict(nil, 0) {
			key, err := d.Trie.Key(id)
			if err != nil {
				continue
			}
			v, err := d.Trie.Value(id)
			if err != nil || v >= len(d.Values) || len(d.Values[v]) == 0 {
				continue
			}
			from, to := string(key), d.Values[v][0]
			if utf8.RuneCountInString(from) == 1 {
				r, _ := utf8.DecodeRuneInString(from)
				if utf8.RuneCountInString(to) == 1 {
					if tr, _ := utf8.DecodeRuneInString(to); tr != r {
						c.chars[r] = tr
					}
				} else {
					c.multi[r] = to
				}
				continue
			}
			// Identity phrases (乾卦 → 乾卦) matter most: they stop the
			// character table from converting inside them.
			c.phrases[from] = to
			first, _ := utf8.DecodeRuneInString(from)
			c.starts[first] = true
			if n := utf8.RuneCountInString(from); n > c.phraseMax {
				c.phraseMax = n
			}
		}
	}
	return c
}

// Simplified converts traditional characters to simplified ones, phrase
// exceptions first (e.g. 乾卦 stays 乾卦 while 乾燥 becomes 干燥), and Taiwan
// usage to mainland usage (軟體 → 软件).
func Simplified(s string) string {
	cs, err := converters()
	if err != nil {
		return s
	}
	for _, c := range cs {
		s = c.convert(s)
	}
	return s
}

func (c *t2s) convert(s string) string {
	var b strings.Builder
	changed := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x3400 {
			if changed {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		f := c.lookup(r)
		if f == 0 {
			if changed {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		to, n, single := "", 0, rune(-1)
		if f&startsPhrase != 0 {
			if t, m, ok := c.matchPhrase(s[i:]); ok {
				to, n = t, m
			}
		}
		if n == 0 {
			switch {
			case f&hasChar != 0 && r < 0x10000:
				single, n = c.bmp[r], size
			case f&hasChar != 0:
				single, n = c.chars[r], size
			case f&hasMulti != 0:
				to, n = c.multi[r], size
			}
		}
		if n == 0 {
			if changed {
				b.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		if !changed {
			b.Grow(len(s))
			b.WriteString(s[:i])
			changed = true
		}
		if single >= 0 {
			b.WriteRune(single)
		} else {
			b.WriteString(to)
		}
		i += n
	}
	if !changed {
		return s
	}
	return b.String()
}

// matchPhrase finds the longest phrase exception at the start of s and
// returns its conversion and the number of bytes it covers.
func (c *t2s) matchPhrase(s string) (string, int, bool) {
	first, _ := utf8.DecodeRuneInString(s)
	limit := c.phraseMax
	if first < 0x10000 {
		limit = int(c.maxLen[first]) // the longest phrase starting here
	}
	var ends [32]int
	n := 0
	for i := 0; i < len(s) && n < limit && n < len(ends); n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		ends[n] = i
	}
	for k := n - 1; k >= 1; k-- {
		if c.lenSeen[k+1] {
			if to, ok := c.phrases[s[:ends[k]]]; ok {
				return to, ends[k], true
			}
		}
	}
	return "", 0, false
}

// Normalize folds text for matching: Unicode NFKC (full-width letters, digits
// and punctuation become their ASCII forms), lower-case letters, traditional
// characters become simplified, and every run of white space becomes a single
// space, trimmed at both ends.
func Normalize(s string) string {
	if normal(s) {
		return s // most tokens and all normalized text: nothing to fold
	}
	return fold(s)
}

// fold is Normalize without the test for text that needs none.
func fold(s string) string {
	// Bytes that are not UTF-8 become U+FFFD first: NFKC leaves the
	// characters right after them unnormalized, which made Normalize give
	// a different text when run again.
	s = norm.NFKC.String(strings.ToValidUTF8(s, "\uFFFD"))
	s = Simplified(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == 0x3000 {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// normal reports whether Normalize would return s unchanged, by a test
// that costs a fraction of the folding: s holds only ASCII that is not an
// upper-case letter, single spaces inside it, and CJK ideographs of the main
// block (NFKC leaves them as they are) that no converter changes or starts
// a phrase with. Anything else takes the long way.
func normal(s string) bool {
	cs, err := converters()
	if err != nil {
		return false
	}
	space := true // a space at the start is trimmed
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if space {
					return false
				}
				space = true
			case 'A' <= c && c <= 'Z', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
		for _, t := range cs {
			if t.lookup(r) != 0 {
				return false
			}
		}
		space = false
		i += size
	}
	return !space || s == ""
}

// FoldRune folds one character as Normalize does, but always to exactly one
// character, so that folded text stays aligned rune for rune with the
// original: full-width forms become ASCII, letters lower-case, traditional
// characters simplified (character table only), and any space a plain space.
// Use it to find spans in normalized form and cut them from the original.
func FoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case '\t' <= r && r <= '\r':
			return ' ' // (unicode.IsSpace's ASCII spaces but ' ')
		}
		return r
	}
	if r < 0x10000 {
		bmpFoldOnce.Do(buildBMPFold)
		if bmpFold != nil {
			return bmpFold[r]
		}
	}
	return foldRune(r)
}

// bmpFold is FoldRune of every rune of the Basic Multilingual Plane, one
// look-up instead of the converters' tables each time (built at the
// first use; nil if the converters could not be made).
var (
	bmpFold     *[0x10000]rune
	bmpFoldOnce sync.Once
)

func buildBMPFold() {
	if _, err := converters(); err != nil {
		return
	}
	t := new([0x10000]rune)
	for r := range rune(0x10000) {
		t[r] = foldRune(r)
	}
	bmpFold = t
}

func foldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000 || unicode.IsSpace(r):
		return ' '
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	if r >= 0x3400 {
		if cs, err := converters(); err == nil {
			for _, c := range cs {
				if c.lookup(r)&hasChar != 0 {
					if r < 0x10000 {
						r = c.bmp[r]
					} else {
						r = c.chars[r]
					}
				}
			}
		}
		return r
	}
	return unicode.ToLower(r)
}

// Fold returns the runes of s folded by FoldRune: as many as s has.
func Fold(s string) []rune {
	out := make([]rune, 0, len(s)/2)
	for _, r := range s {
		out = append(out, FoldRune(r))
	}
	return out
}

var (
	s2tOnce sync.Once
	s2t     *opencc.OpenCC
	s2tErr  error
)

// Traditional converts simplified text to traditional characters with
// Taiwan usage (OpenCC s2twp: 软件 → 軟體). It is slow — OpenCC's own
// converter — and meant for building test variants of simplified data, not
// for indexing.
func Traditional(s string) (string, error) {
	s2tOnce.Do(func() { s2t, s2tErr = opencc.New("s2twp") })
	if s2tErr != nil {
		return "", fmt.Errorf("zh: s2twp: %w", s2tErr)
	}
	return s2t.Convert(s)
}
