package answer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora/zh"
)

// The prompt fences each source as <资料 编号="n" 标题="…" 来源="doc#chunk">
// … </资料>. Whatever a source brings — its text, its title, its
// document's id — is encoded so that no fence can be made of it: a tag
// needs an angle bracket, and no angle bracket is left, nor anything
// drawn like one (＜, ‹, «, 〈, ⟨, ❮ …; and 《》, the marks of every book's
// title, in a text that spells the fence's word). They become character
// references (&lt;, &#x2039; …), and & with them so that the encoding is
// one to one. Then no spelling of the tag's word (資料, 资 料, in full
// width) can open or close a block. In attributes, " and its look-alike
// ＂ are encoded too, and line breaks become spaces: a title is one line.

// fenceText encodes a source's text for its <资料> block.
func fenceText(s string) string { return encodeFenced(s, false) }

// fenceAttr encodes a title or a document id for an attribute of the
// block's opening tag: on one line, with no " left to close it.
func fenceAttr(s string) string { return encodeFenced(s, true) }

// fenceWord is the word the fence's tags are named by.
const fenceWord = "资料"

func encodeFenced(s string, attr bool) string {
	// 《》 are how Chinese writes a book's title (《晋书·左思传》): they are
	// left as they are unless the text spells the fence's word, and so
	// could make a tag of them.
	titleMarks := strings.ContainsFunc(s, titleMark) && spells(s, fenceWord)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case angleLike(r) || titleMarks && titleMark(r):
			fmt.Fprintf(&b, "&#x%X;", r)
		case attr && r == '"':
			b.WriteString("&quot;")
		case attr && r == '＂':
			fmt.Fprintf(&b, "&#x%X;", r)
		case attr && lineBreak(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// angleLike reports whether r is drawn like < or >, the fence's brackets:
// the characters whose compatibility decomposition holds one (＜ ﹤ ≮),
// the brackets and quotation marks Unicode names angle ones (‹ « 〈 ⟨ ❮ ⦑
// ⧼ …; TestAngleLike derives the list from Unicode's names), and those
// Unicode's confusables list for < and > (˂ ᐸ ᚲ …). Not 《》: titleMark.
func angleLike(r rune) bool {
	if r < utf8.RuneSelf {
		return false // < and > are encoded by name
	}
	for _, a := range angles {
		if a == r {
			return true
		}
	}
	return false
}

var angles = []rune{
	// Compatibility forms of < and >.
	'≮', '≯', '﹤', '﹥', '＜', '＞',
	// Angle brackets and angle quotation marks.
	'«', '»', '‹', '›', '\u2329', '\u232A', '\u3008', '\u3009', '❬', '❭', '❮', '❯', '❰', '❱', '⟨', '⟩', '⟪', '⟫',
	'⦑', '⦒', '⧼', '⧽', '︿', '﹀',
	// Confusable with < and > (Unicode's confusables.txt).
	'˂', '˃', 'ᐸ', 'ᐳ', 'ᚲ', '\U0001D236', '\U0001D237',
}

// titleMark reports whether r is one of the double angle brackets of a
// title, 《》, or their vertical forms.
func titleMark(r rune) bool {
	return r == '《' || r == '》' || r == '︽' || r == '︾'
}

func lineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// spells reports whether s holds word (a Key) in any spelling: each
// character folded as zh.Key folds it (width, case, traditional to
// simplified: 資料, ＜资料), whatever stands between them that is not a
// letter or a digit (资 料, 资\u200b料). Character by character, not
// phrase by phrase: zh.Key reads 資料 as Taiwan usage, 数据, which a
// reader of the prompt does not.
func spells(s, word string) bool {
	var b strings.Builder
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
				b.WriteRune(r)
			} else if 'A' <= r && r <= 'Z' {
				b.WriteRune(r + 'a' - 'A')
			}
			continue
		}
		b.WriteString(zh.Key(string(r)))
	}
	return strings.Contains(b.String(), word)
}
