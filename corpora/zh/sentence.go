package zh

import (
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) into a text.
type Span struct{ Start, End int }

// isSentenceEnd reports whether r ends a sentence: Chinese and ASCII full
// stops, question and exclamation marks, semicolons and the ellipsis.
func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '…', '!', '?', ';', '｡', '．':
		return true
	}
	return false
}

// isCloser reports whether r is a closing quote or bracket that belongs to
// the sentence before it (“他说：‘好。’” ends after the quotes).
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '」', '』', '）', ')', '》', '】', '"', '\'', '〕':
		return true
	}
	return false
}

// Sentences splits text at sentence ends (。！？；… and their ASCII forms, an
// ASCII full stop followed by a space or the end, and line breaks) and returns
// the spans of the non-blank sentences, trimmed of surrounding white space.
// The spans point into text, so callers can cite the original.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	emit := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, Span{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		next := i + size
		switch {
		case r == '\n' || r == '\r':
			emit(next)
		case isSentenceEnd(r) || (r == '.' && (next >= len(text) || text[next] == ' ' || text[next] == '\n')):
			// Swallow repeated enders (？！, ……) and closing quotes.
			for next < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[next:])
				if !isSentenceEnd(r2) && !isCloser(r2) {
					break
				}
				next += s2
			}
			emit(next)
		}
		i = next
	}
	emit(len(text))
	return out
}

// Clauses splits a span of text at commas and colons (，、,：:), for sentences too
// long to keep whole.
func Clauses(text string, sp Span) []Span {
	var out []Span
	start := sp.Start
	for i := sp.Start; i < sp.End; {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == '，' || r == ',' || r == '、' || r == '：' || r == ':' {
			if s, e := trimSpan(text, start, i); e > s {
				out = append(out, Span{s, e})
			}
			start = i
		}
	}
	if s, e := trimSpan(text, start, sp.End); e > s {
		out = append(out, Span{s, e})
	}
	return out
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:])
		if !unicode.IsSpace(r) && r != 0x3000 && r != '\ufeff' {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !unicode.IsSpace(r) && r != 0x3000 {
			break
		}
		e -= size
	}
	return s, e
}
