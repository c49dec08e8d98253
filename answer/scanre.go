package answer

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// scanRe is a regular expression searched only where a match can begin:
// at the characters its matches can start with, each tried anchored.
// Go's regexp tries every position of the text when the expression has
// no literal prefix (numRe, condRe, roleRe: alternatives of words and
// classes); in Chinese text most positions cannot start a match, and a
// look at the character is far cheaper than a try. The matches are
// regexp's own: leftmost, and at that position the one regexp prefers.
// An expression whose first characters cannot be listed (., ^, \b, or one
// matching the empty string) is searched as regexp searches it.
type scanRe struct {
	re       *regexp.Regexp
	anchored *regexp.Regexp // nil: search with re
	ascii    [utf8.RuneSelf]bool
	ranges   []rune // non-ASCII starts, as sorted, disjoint lo, hi pairs
}

// scanned are the expressions made by mustScan, for the test that checks
// each against regexp.
var scanned []*scanRe

// mustScan makes a package's expression (kept in scanned).
func mustScan(expr string) *scanRe {
	s := newScan(expr)
	scanned = append(scanned, s)
	return s
}

// newScan makes an expression of a question's (not kept).
func newScan(expr string) *scanRe {
	s := &scanRe{re: regexp.MustCompile(expr)}
	parsed, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic(err) // (regexp.MustCompile accepted it)
	}
	set, nullable, ok := firstRunes(parsed.Simplify())
	if !ok || nullable {
		return s
	}
	s.anchored = regexp.MustCompile(`^(?:` + expr + `)`)
	var pairs [][2]rune
	for i := 0; i+1 < len(set); i += 2 {
		lo, hi := set[i], set[i+1]
		for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
			s.ascii[r] = true
		}
		if hi >= utf8.RuneSelf {
			pairs = append(pairs, [2]rune{max(lo, utf8.RuneSelf), hi})
		}
	}
	slices.SortFunc(pairs, func(a, b [2]rune) int { return int(a[0] - b[0]) })
	for _, p := range pairs {
		if n := len(s.ranges); n > 0 && p[0] <= s.ranges[n-1]+1 {
			s.ranges[n-1] = max(s.ranges[n-1], p[1])
			continue
		}
		s.ranges = append(s.ranges, p[0], p[1])
	}
	return s
}

// firstRunes lists, as lo, hi pairs, the characters a match of re can
// begin with, and whether re matches the empty string; ok is false when
// they cannot be listed.
func firstRunes(re *syntax.Regexp) (set []rune, nullable, ok bool) {
	switch re.Op {
	case syntax.OpNoMatch:
		return nil, false, true
	case syntax.OpEmptyMatch:
		return nil, true, true
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil, false, false
		}
		if len(re.Rune) == 0 {
			return nil, true, true
		}
		return []rune{re.Rune[0], re.Rune[0]}, false, true
	case syntax.OpCharClass:
		return slices.Clone(re.Rune), false, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstRunes(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		set, _, ok := firstRunes(re.Sub[0])
		return set, true, ok
	case syntax.OpRepeat:
		set, nullable, ok := firstRunes(re.Sub[0])
		return set, nullable || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			s, n, ok := firstRunes(sub)
			if !ok {
				return nil, false, false
			}
			set = append(set, s...)
			if !n {
				return set, false, true
			}
		}
		return set, true, true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			s, n, ok := firstRunes(sub)
			if !ok {
				return nil, false, false
			}
			set, nullable = append(set, s...), nullable || n
		}
		return set, nullable, true
	}
	// (., ^, $, \b and the like: not listed)
	return nil, false, false
}

// canStart reports whether a match can begin with r.
func (s *scanRe) canStart(r rune) bool {
	if r < utf8.RuneSelf {
		return s.ascii[r]
	}
	i, _ := slices.BinarySearch(s.ranges, r)
	// (i odd: r is inside a pair; even: it is some pair's lo, or between)
	return i%2 == 1 || i < len(s.ranges) && s.ranges[i] == r
}

// next is the submatch indexes, in text, of the first match at or after
// from; nil when there is none.
func (s *scanRe) next(text string, from int) []int {
	for i := from; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if s.canStart(r) {
			if m := s.anchored.FindStringSubmatchIndex(text[i:]); m != nil {
				for k := range m {
					if m[k] >= 0 {
						m[k] += i
					}
				}
				return m
			}
		}
		i += size
	}
	return nil
}

// FindAllStringSubmatchIndex is regexp's.
func (s *scanRe) FindAllStringSubmatchIndex(text string, n int) [][]int {
	if s.anchored == nil {
		return s.re.FindAllStringSubmatchIndex(text, n)
	}
	var out [][]int
	for at := 0; n < 0 || len(out) < n; {
		m := s.next(text, at)
		if m == nil {
			break
		}
		out = append(out, m)
		at = m[1] // (never empty: the expression matches no empty string)
	}
	return out
}

// FindAllStringIndex is regexp's.
func (s *scanRe) FindAllStringIndex(text string, n int) [][]int {
	if s.anchored == nil {
		return s.re.FindAllStringIndex(text, n)
	}
	ms := s.FindAllStringSubmatchIndex(text, n)
	for i, m := range ms {
		ms[i] = m[:2:2]
	}
	return ms
}

// FindAllStringSubmatch is regexp's.
func (s *scanRe) FindAllStringSubmatch(text string, n int) [][]string {
	if s.anchored == nil {
		return s.re.FindAllStringSubmatch(text, n)
	}
	var out [][]string
	for _, m := range s.FindAllStringSubmatchIndex(text, n) {
		out = append(out, submatches(text, m))
	}
	return out
}

// FindStringSubmatchIndex is regexp's.
func (s *scanRe) FindStringSubmatchIndex(text string) []int {
	if s.anchored == nil {
		return s.re.FindStringSubmatchIndex(text)
	}
	return s.next(text, 0)
}

// FindStringIndex is regexp's.
func (s *scanRe) FindStringIndex(text string) []int {
	if m := s.FindStringSubmatchIndex(text); m != nil {
		return m[:2:2]
	}
	return nil
}

// FindStringSubmatch is regexp's.
func (s *scanRe) FindStringSubmatch(text string) []string {
	if m := s.FindStringSubmatchIndex(text); m != nil {
		return submatches(text, m)
	}
	return nil
}

// MatchString is regexp's.
func (s *scanRe) MatchString(text string) bool {
	if s.anchored == nil {
		return s.re.MatchString(text)
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if s.canStart(r) && s.anchored.MatchString(text[i:]) {
			return true
		}
		i += size
	}
	return false
}

// ReplaceAllString is regexp's.
func (s *scanRe) ReplaceAllString(text, repl string) string {
	if s.anchored == nil {
		return s.re.ReplaceAllString(text, repl)
	}
	ms := s.FindAllStringSubmatchIndex(text, -1)
	if ms == nil {
		return text
	}
	var b []byte
	at := 0
	for _, m := range ms {
		b = append(b, text[at:m[0]]...)
		b = s.re.ExpandString(b, repl, text, m)
		at = m[1]
	}
	return string(append(b, text[at:]...))
}

// ReplaceEach rewrites each match of s in text by what repl makes of it
// from its submatch indices: the text to write, and where the part it
// replaces ends (the match's end, m[1], or before it); a match repl
// declines (ok false) is left as it stands.
func (s *scanRe) ReplaceEach(text string, repl func(m []int) (out string, end int, ok bool)) string {
	var b strings.Builder
	at, replaced := 0, false
	for _, m := range s.FindAllStringSubmatchIndex(text, -1) {
		out, end, ok := repl(m)
		if !ok {
			continue
		}
		b.WriteString(text[at:m[0]])
		b.WriteString(out)
		at, replaced = end, true
	}
	if !replaced {
		return text
	}
	b.WriteString(text[at:])
	return b.String()
}

// String is the expression.
func (s *scanRe) String() string { return s.re.String() }

// FindAllString is regexp's.
func (s *scanRe) FindAllString(text string, n int) []string {
	if s.anchored == nil {
		return s.re.FindAllString(text, n)
	}
	var out []string
	for _, m := range s.FindAllStringSubmatchIndex(text, n) {
		out = append(out, text[m[0]:m[1]])
	}
	return out
}

// FindString is regexp's.
func (s *scanRe) FindString(text string) string {
	if m := s.FindStringSubmatchIndex(text); m != nil {
		return text[m[0]:m[1]]
	}
	return ""
}
