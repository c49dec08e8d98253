package answer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// An LLM's citations are checked a sentence at a time. A citation mark
// [n] is kept when its number names a source and that source supports the
// text citing it (supports); the others are removed. Streamed, each
// sentence is held back until its marks are checked, so that a reader
// never sees a citation that the final answer drops.

// citeMark is a citation as LLMs write it: [1], [1, 3], [1][2], 【2】.
var citeMark = mustScan(`[\[【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】]`)

// citeMarkAt matches a mark at the start of a text; citePrefix, the start
// of one still being written.
var (
	citeMarkAt = mustScan(`^[\[【]\s*\d+(?:\s*[,，、]\s*\d+)*\s*[\]】]`)
	citePrefix = mustScan(`^[\[【][\s\d,，、]*$`)
	digitRun   = mustScan(`\d+`)
)

// endsSentence reports whether r ends a sentence of an LLM's answer: the
// full stop, question and exclamation marks, the semicolon and a line
// break (a list's item).
func endsSentence(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}

// closesSentence reports whether r is a closing quote or bracket that
// goes with the sentence end before it (……流传广。”).
func closesSentence(r rune) bool {
	return strings.ContainsRune("”’」』）)》】\"'〕", r)
}

// sentenceEnd is the byte length of the first whole sentence of s: up to
// its end mark, the closing quotes after it and the citation marks after
// those (年假十五天。[1]). It is -1 while more text could still belong to
// it; final says no more is coming.
func sentenceEnd(s string, final bool) int {
	for i, r := range s {
		if !endsSentence(r) {
			continue
		}
		j := i + utf8.RuneLen(r)
		for j < len(s) {
			r2, size := utf8.DecodeRuneInString(s[j:])
			if !endsSentence(r2) && !closesSentence(r2) {
				break
			}
			j += size
		}
		for {
			k := j
			for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
				k++
			}
			if m := citeMarkAt.FindStringIndex(s[k:]); m != nil {
				j = k + m[1]
				continue
			}
			if k == len(s) || citePrefix.MatchString(s[k:]) {
				if final {
					return len(s)
				}
				return -1 // a mark may follow
			}
			return j
		}
	}
	if final {
		return len(s)
	}
	return -1
}

// citer checks an LLM's answer sentence by sentence against the numbered
// sources, and remembers, for each source kept, the sentence of it that
// best matches a sentence citing it.
type citer struct {
	byN     map[int]source
	pending string          // streamed text not yet a whole sentence
	out     strings.Builder // the checked text
	cited   []int           // the sources kept, in order of first citation
	best    map[int]match
}

// match is the sentence of a source that best supports a citing sentence:
// its byte span in the source's Text and how much it shares.
type match struct {
	start, end int
	score      int
}

func newCiter(sources []source) *citer {
	c := &citer{byN: map[int]source{}, best: map[int]match{}}
	for _, s := range sources {
		c.byN[s.N] = s
	}
	return c
}

// write takes the next piece of the answer and passes each sentence it
// completes, checked, to emit.
func (c *citer) write(piece string, emit func(string) error) error {
	c.pending += piece
	for {
		n := sentenceEnd(c.pending, false)
		if n < 0 {
			return nil
		}
		s := c.check(c.pending[:n])
		c.pending = c.pending[n:]
		if s != "" && emit != nil {
			if err := emit(s); err != nil {
				return err
			}
		}
	}
}

// flush checks what is left at the end of the answer.
func (c *citer) flush(emit func(string) error) error {
	for c.pending != "" {
		n := sentenceEnd(c.pending, true)
		s := c.check(c.pending[:n])
		c.pending = c.pending[n:]
		if s != "" && emit != nil {
			if err := emit(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// text is the checked answer.
func (c *citer) text() string { return strings.TrimSpace(c.out.String()) }

// check returns one sentence with the marks its sources do not support
// removed. The text a mark cites is the clause before it, from the
// sentence's start or the mark before; when that clause says too little
// to judge (fewer than two content bigrams: 是的[1], 。[1]), the whole
// sentence.
func (c *citer) check(sent string) string {
	whole := citeMark.ReplaceAllString(sent, "")
	prev := 0
	var b strings.Builder
	for _, m := range citeMark.FindAllStringSubmatchIndex(sent, -1) {
		b.WriteString(sent[prev:m[0]])
		citing := citeMark.ReplaceAllString(sent[prev:m[0]], "")
		if len(contentBigrams(zh.Fold(citing))) < 2 {
			citing = whole
		}
		var keep []string
		for _, p := range digitRun.FindAllString(sent[m[2]:m[3]], -1) {
			n, _ := strconv.Atoi(p)
			src, ok := c.byN[n]
			if !ok || !supports(citing, src) {
				continue
			}
			keep = append(keep, strconv.Itoa(n))
			if _, seen := c.best[n]; !seen {
				c.cited = append(c.cited, n)
				c.best[n] = match{score: -1}
			}
			if bm := bestSentence(citing, src); bm.score > c.best[n].score {
				c.best[n] = bm
			}
		}
		if len(keep) > 0 {
			b.WriteString("[" + strings.Join(keep, "][") + "]")
		}
		prev = m[1]
	}
	b.WriteString(sent[prev:])
	c.out.WriteString(b.String())
	return b.String()
}

// citations are the sources kept, in order of first citation, each cited
// by its sentence that best matches the answer's: its text and, for a
// passage, its character offsets in the document.
func (c *citer) citations() []Citation {
	cs := make([]Citation, 0, len(c.cited))
	for _, n := range c.cited {
		s, m := c.byN[n], c.best[n]
		ct := Citation{N: n, Doc: s.Doc, Chunk: s.Chunk, Title: s.Title, Text: s.Text, Section: s.Section, Page: s.Page, Where: s.Where}
		if m.end > m.start {
			ct.Text = s.Text[m.start:m.end]
			if !s.Facts {
				// Offsets in the chunk's own text, past the table header
				// put before it, and never over the "…" of a clipped one.
				from := utf8.RuneCountInString(s.Text[s.body:m.start])
				n := utf8.RuneCountInString(ct.Text)
				if s.clipped && m.end == len(s.Text) {
					n--
				}
				ct.Start, ct.End = s.Start+from, s.Start+from+n
				at := corpora.Chunk{Page: s.Page, Where: s.Where, Section: s.Section, Places: s.places}
				ct.Page, ct.Where = at.PlaceAt(from)
				ct.Section = at.SectionAt(from)
			}
		}
		cs = append(cs, ct)
	}
	return cs
}

// supports reports whether src supports the sentence citing it. The rule:
// on folded text (simplified, half-width, lower-case), the source (its
// title, section and text) holds a number the sentence states (a run of
// digits, with its unit when a single digit: 8%, 2个), or at least two of
// the sentence's content bigrams (two adjacent letters or digits, neither
// a stop character such as 的是了在 — stopChars) — or its only one, when
// the sentence has one. A sentence with no content (是的) supports no
// citation.
func supports(sentence string, src source) bool {
	sf := zh.Fold(sentence)
	tf := zh.Fold(src.Title + "\n" + src.Section + "\n" + src.Text)
	for _, n := range numbers(sf) {
		if hasNumber(tf, n) {
			return true
		}
	}
	bg := contentBigrams(sf)
	need := min(2, len(bg))
	if need == 0 {
		return false
	}
	have := contentBigrams(tf)
	shared := 0
	for b := range bg {
		if have[b] {
			shared++
		}
	}
	return shared >= need
}

// bestSentence is the sentence of src's own text (not the table header
// put before it) sharing most with the citing sentence: numbers count
// double, content bigrams once; the first of equals. Its score is -1 when
// the source has no sentence.
func bestSentence(citing string, src source) match {
	cf := zh.Fold(citing)
	bg, nums := contentBigrams(cf), numbers(cf)
	best := match{score: -1}
	body := src.Text[src.body:]
	for _, sp := range zh.Sentences(body) {
		sf := zh.Fold(body[sp.Start:sp.End])
		score := 0
		for b := range contentBigrams(sf) {
			if bg[b] {
				score++
			}
		}
		for _, n := range nums {
			if hasNumber(sf, n) {
				score += 2
			}
		}
		if score > best.score {
			best = match{start: src.body + sp.Start, end: src.body + sp.End, score: score}
		}
	}
	return best
}

// contentBigrams are the pairs of adjacent letters or digits of folded
// text, neither of them a stop character.
func contentBigrams(f []rune) map[[2]rune]bool {
	out := map[[2]rune]bool{}
	for i := 0; i+1 < len(f); i++ {
		a, b := f[i], f[i+1]
		if isContent(a) && isContent(b) && !strings.ContainsRune(stopChars, a) && !strings.ContainsRune(stopChars, b) {
			out[[2]rune{a, b}] = true
		}
	}
	return out
}

// numbers are the numbers of folded text as evidence: each run of ASCII
// digits (3.5 whole), a single digit with the character after it (its
// unit: 8%, 2个), since a lone digit matches too much.
func numbers(f []rune) []string {
	var out []string
	for i := 0; i < len(f); {
		if f[i] < '0' || f[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(f) && (f[j] >= '0' && f[j] <= '9' || f[j] == '.' && j+1 < len(f) && f[j+1] >= '0' && f[j+1] <= '9') {
			j++
		}
		n := string(f[i:j])
		if j-i == 1 && j < len(f) && !unicode.IsSpace(f[j]) {
			n += string(f[j])
		}
		out = append(out, n)
		i = j
	}
	return out
}

// hasNumber reports whether folded text holds the number n whole: not as
// a part of a longer one (5 in 15, 20 in 2025).
func hasNumber(f []rune, n string) bool {
	s := string(f)
	for i := 0; ; {
		k := strings.Index(s[i:], n)
		if k < 0 {
			return false
		}
		k += i
		before, _ := utf8.DecodeLastRuneInString(s[:k])
		after, _ := utf8.DecodeRuneInString(s[k+len(n):])
		lastIsDigit := n[len(n)-1] >= '0' && n[len(n)-1] <= '9'
		if !(before >= '0' && before <= '9' || before == '.') && !(lastIsDigit && (after >= '0' && after <= '9')) {
			return true
		}
		i = k + 1
	}
}
