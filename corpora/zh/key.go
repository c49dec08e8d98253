package zh

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Key is how a name is looked up (an entity of the knowledge graph):
// normalized (traditional → simplified, width, case) with punctuation,
// symbols and spaces dropped, so 「牀前看月光，」 and 床前看月光 are one key.
func Key(name string) string {
	n := Normalize(name)
	var b strings.Builder
	b.Grow(len(n))
	for _, r := range n {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MaxName is the longest name Link finds, in characters of its Key. The
// longest in the culture data is 50 (a Tang poem's title), the longest
// idiom's pinyin 44; a longer name is still a key, looked up whole, but
// never found inside a text. The bound is what keeps linking linear in
// the text's length: every start is tried with at most MaxName lengths.
const MaxName = 64

// Link finds the longest name in text (by Key) for which has is true: the
// entity a question is about; of two as long, the earlier. Names of one
// character, or of more than MaxName, are not linked. Pinyin typed with
// tone numbers (luo4yang2zhi3gui4) is read without them.
//
// has is asked about at most MaxName-1 substrings of the Key per
// character of text (twice that for pinyin with tone numbers), each a
// slice of one string, not a copy; Link stops with ctx's error when ctx
// is done.
func Link(ctx context.Context, has func(key string) bool, text string) (string, error) {
	k := Key(text)
	found, err := link(ctx, has, k)
	if found != "" || err != nil || !toneDigits.MatchString(k) {
		return found, err
	}
	return link(ctx, has, toneDigits.ReplaceAllString(k, "$1"))
}

var toneDigits = regexp.MustCompile(`([a-zü])[1-5]`)

// ctxEvery is how many starts link tries between looks at its context.
const ctxEvery = 256

func link(ctx context.Context, has func(key string) bool, k string) (string, error) {
	var ends [MaxName + 1]int // ends[m]: where the m-th character from the start ends
	best, found := 0, ""
	for i, c := 0, 0; i < len(k); c++ {
		if c%ctxEvery == 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
		}
		m := 0
		for e := i; m < MaxName && e < len(k); {
			_, size := utf8.DecodeRuneInString(k[e:])
			e += size
			m++
			ends[m] = e
		}
		for l := m; l >= 2 && l > best; l-- {
			if s := k[i:ends[l]]; has(s) {
				best, found = l, s
				break
			}
		}
		i = ends[1]
	}
	return found, nil
}
