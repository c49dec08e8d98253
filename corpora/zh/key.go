package zh

import (
	"regexp"
	"strings"
	"unicode"
)

// Key is how a name is looked up (an entity of the knowledge graph):
// normalized (traditional → simplified, width, case) with punctuation,
// symbols and spaces dropped, so 「牀前看月光，」 and 床前看月光 are one key.
func Key(name string) string {
	n := Normalize(name)
	var b strings.Builder
	for _, r := range n {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Link finds the longest name in text (by Key) for which has is true: the
// entity a question is about. Names of one character are not linked.
// Pinyin typed with tone numbers (luo4yang2zhi3gui4) is read without them.
func Link(has func(key string) bool, text string) string {
	k := Key(text)
	if found := link(has, k); found != "" || !toneDigits.MatchString(k) {
		return found
	}
	return link(has, toneDigits.ReplaceAllString(k, "$1"))
}

var toneDigits = regexp.MustCompile(`([a-zü])[1-5]`)

func link(has func(key string) bool, k string) string {
	key := []rune(k)
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
