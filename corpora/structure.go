package corpora

import (
	"golang.org/x/text/width"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The structure of plain text and Markdown: headings — Markdown's #
// lines, or the numbered headings of Chinese documents (第一章, 第二节,
// 一、, （一）, 1., 1.2) — give each stretch its section path, and
// Markdown's tables their rows.

// lineParts scans text line by line and returns its parts: one at each
// heading (isHeading gives a heading's level and text, 0 for none) and at
// each table row of a Markdown table, each with the heading path above it.
// One pass, counting runes as it goes.
func lineParts(text string, heading func(line string) (level int, title string)) []Part {
	var (
		parts   []Part
		section []string
		levels  []int // the level of each entry of section
		runes   int
		header  string // the current Markdown table's header row
		inTable bool
		fence   bool // inside a ``` code block
	)
	add := func(p Part) {
		p.Section = append([]string(nil), section...)
		if n := len(parts); n > 0 && parts[n-1].Start == p.Start {
			parts[n-1] = p
			return
		}
		parts = append(parts, p)
	}
	lines := strings.SplitAfter(text, "\n")
	for i, line := range lines {
		start := runes
		runes += utf8.RuneCountInString(line)
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
		}
		if fence {
			continue
		}
		if row, ok := tableRow(t); ok {
			if !inTable {
				// A table starts with its header and the |---| line under it.
				if i+1 < len(lines) && isTableRule(strings.TrimSpace(lines[i+1])) {
					header, inTable = row, true
					add(Part{Start: start, Row: true})
				}
				continue
			}
			if isTableRule(t) {
				continue
			}
			add(Part{Start: start, Row: true, Header: header})
			continue
		}
		if inTable {
			inTable, header = false, ""
			add(Part{Start: start})
		}
		level, title := heading(t)
		if level == 0 {
			continue
		}
		for len(levels) > 0 && levels[len(levels)-1] >= level {
			levels, section = levels[:len(levels)-1], section[:len(section)-1]
		}
		levels, section = append(levels, level), append(section, title)
		add(Part{Start: start})
	}
	if len(parts) == 0 {
		return nil
	}
	if parts[0].Start > 0 {
		parts = append([]Part{{Start: 0}}, parts...)
	}
	return parts
}

// tableRow reads a Markdown table's row: | a | b |.
func tableRow(t string) (string, bool) {
	if len(t) < 3 || t[0] != '|' || t[len(t)-1] != '|' {
		return "", false
	}
	cells := strings.Split(t[1:len(t)-1], "|")
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return strings.Join(cells, " | "), true
}

var tableRule = regexp.MustCompile(`^\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?\|?$`)

func isTableRule(t string) bool { return tableRule.MatchString(t) }

// Unbolded is Markdown text without the ** that set text in bold when they
// come in pairs (**第2条** 集团总经理为… → 第2条 集团总经理为…): what an
// answer or a snippet shows of a passage, which keeps them.
func Unbolded(s string) string {
	if n := strings.Count(s, "**"); n > 0 && n%2 == 0 {
		return strings.ReplaceAll(s, "**", "")
	}
	return s
}

// MarkdownHeading reads an ATX heading: # Title gives 1 and Title; 0 and ""
// for a line that is none.
func MarkdownHeading(t string) (int, string) {
	n := 0
	for n < len(t) && n < 7 && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0, ""
	}
	title := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t[n:]), "#"))
	if title == "" {
		return 0, ""
	}
	return n, title
}

// The numbered heading styles of Chinese documents, in no fixed order of
// rank: a document's levels are the order in which its styles first
// appear (numberedHeadings).
var headingStyles = []*regexp.Regexp{
	regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]+[编部篇]`),
	regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]+章`),
	regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]+节`),
	regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]+条`),
	regexp.MustCompile(`^[一二三四五六七八九十]{1,3}[、．]`),
	regexp.MustCompile(`^[（(][一二三四五六七八九十]{1,3}[)）]`),
	regexp.MustCompile(`^\d{1,2}\.\d{1,2}\.\d{1,2}[\s、]`),
	regexp.MustCompile(`^\d{1,2}\.\d{1,2}[\s、]`),
	regexp.MustCompile(`^\d{1,2}[、．.]\s*[^\d\s.]`),
}

// numberedHeadings returns a heading reader for plain text: a short line
// (at most 40 characters, not ending a sentence) that starts in one of the
// numbered styles is a heading, its level the rank of its style's first
// appearance in the document. 第…条 articles are headings only when short
// and without a sentence after them.
func numberedHeadings() func(string) (int, string) {
	rank := map[int]int{}
	return func(t string) (int, string) {
		n := utf8.RuneCountInString(t)
		if n == 0 || n > 40 {
			return 0, ""
		}
		last, _ := utf8.DecodeLastRuneInString(t)
		if strings.ContainsRune("。；;，,：:！？!?", last) {
			return 0, ""
		}
		for i, re := range headingStyles {
			if re.MatchString(t) {
				r, ok := rank[i]
				if !ok {
					r = len(rank) + 1
					rank[i] = r
				}
				return r, t
			}
		}
		return 0, ""
	}
}

// unwrap joins the lines of a hard-wrapped text — manuals and converted
// documents broken every 70-odd columns, often inside a word (默\n认的分页
// 程序) — so that sentences are cut whole: a line as long as the text's
// wrapping width, not ending a sentence, goes on with the next line (no
// space between Chinese characters, one between words), unless that line
// starts a list, a heading or a table. A text is taken as hard-wrapped
// when at least half of its lines of 20 columns or more (a Chinese character
// takes two; table rows and aligned columns left out) end within two
// columns of one width; other texts are returned as they are.
func unwrap(text string) string {
	lines := strings.Split(text, "\n")
	if len(lines) < 6 {
		return text
	}
	// Wrapped by columns (a Chinese character takes two: most tools) or by
	// characters (some converters): whichever explains more lines.
	measure, width, ok := wrapWidth(lines, columns)
	if m2, w2, ok2 := wrapWidth(lines, utf8.RuneCountInString); ok2 && (!ok || share(lines, m2, w2) > share(lines, measure, width)) {
		measure, width, ok = m2, w2, true
	}
	if !ok {
		return text
	}
	// A wrapped line ends within a few columns of the width, more where
	// the wrapping varies (a proportional font's text, a converter's
	// justified lines): an eighth of it, at least two. A line that ends
	// short of two columns and in a closing bracket or quotation mark is
	// a line of its own (…自发布之日起执行（2024年修订版）).
	slack := max(2, width/8)
	lower := "" // text in lower case, made when a break between letters first needs it (cutWord)
	var b strings.Builder
	b.Grow(len(text))
	joined := false // the line goes on from the one before: its indent is the wrap's
	for i, l := range lines {
		if joined {
			l = strings.TrimLeft(l, " \t\u3000")
		}
		if i == len(lines)-1 {
			b.WriteString(l)
			break
		}
		cur := strings.TrimRight(l, " \t\r")
		next := strings.TrimSpace(lines[i+1])
		last, _ := utf8.DecodeLastRuneInString(cur)
		first, _ := utf8.DecodeRuneInString(next)
		m := measure(cur)
		joined = m >= width-slack && next != "" &&
			!strings.ContainsRune("。！？!?：:；;", last) && !startsBlock(next) &&
			!(m < width-2 && strings.ContainsRune("）)」”》", last))
		if !joined {
			b.WriteString(l)
			b.WriteByte('\n')
			continue
		}
		b.WriteString(cur)
		// (Not before punctuation or after an opening bracket: 安全出口前1
		// / .5米 is 1.5米; nor after a decimal point: 0. / 5% is 0.5%.)
		// (Nor between digits: a wrapped line breaks a number, 9:00—1 /
		// 8:00, where a space would not stand, unless the line ended in
		// one: 8080 / 8443.)
		if last < utf8.RuneSelf && first < utf8.RuneSelf && last != '-' && last != '/' && !decimalPoint(cur, first) && !strings.ContainsRune(".,;:!?)]%", first) && !strings.ContainsRune("([", last) && !(unicode.IsDigit(last) && unicode.IsDigit(first) && len(cur) == len(strings.TrimRight(l, "\r"))) && !cutWord(&lower, text, cur, next) && !dottedName(cur, first) {
			b.WriteByte(' ') // between words
		}
	}
	return b.String()
}

// decimalPoint reports whether a line ending in cur breaks a number at its
// decimal point (差异率超过0. / 5%: 0.5%), the next line beginning with
// first.
func decimalPoint(cur string, first rune) bool {
	body, ok := strings.CutSuffix(cur, ".")
	if !ok || !unicode.IsDigit(first) {
		return false
	}
	digits := strings.TrimRight(body, "0123456789")
	if len(digits) == len(body) {
		return false // no digit before the point
	}
	// In Chinese text (差异率超过0. / 5%): the number follows a Chinese
	// character, not a space (… in 2023. / 2024 saw: a sentence's end).
	before, _ := utf8.DecodeLastRuneInString(digits)
	return digits != "" && unicode.Is(unicode.Han, before)
}

// dottedName reports whether a line break falls after a dot inside a
// name in Latin letters (vpn. / example.cn, server. / conf): no space.
func dottedName(cur string, first rune) bool {
	body, ok := strings.CutSuffix(cur, ".")
	if !ok || body == "" || !isASCIIAlnum(first) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(body)
	return isASCIIAlnum(last)
}

// cutWord reports whether a line break falls inside a word of Latin
// letters or digits (/etc/spruc|esync): the word, joined, is found
// elsewhere in the text, in either case (V|PN客户端 … vpn.example.cn).
// lower is text in lower case, made at the first call that needs it.
func cutWord(lower *string, text, cur, next string) bool {
	i := len(cur)
	for i > 0 && isASCIIAlnum(rune(cur[i-1])) {
		i--
	}
	j := 0
	for j < len(next) && isASCIIAlnum(rune(next[j])) {
		j++
	}
	if i == len(cur) || j == 0 {
		return false
	}
	word := cur[i:] + next[:j]
	if strings.Contains(text, word) {
		return true
	}
	if *lower == "" {
		*lower = strings.ToLower(text)
	}
	return strings.Contains(*lower, strings.ToLower(word))
}

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

// markedLine reports whether a line is one of Markdown's marked ones: a
// heading (#), a table's row (|), a quotation (>).
func markedLine(line string) bool {
	return strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") || strings.HasPrefix(line, ">")
}

// wrapLine is a line as the width statistics count it: no table row or
// aligned column, whose widths are their own.
func wrapLine(l string) (string, bool) {
	l = strings.TrimRight(l, " \t\r")
	// A list item's or a numbered article's first line wraps as any other
	// does (第一条　为规范…根据国家财务会 / 计制度…); Markdown's marked
	// lines and aligned columns do not.
	if markedLine(strings.TrimSpace(l)) || strings.Contains(l, "  ") {
		return "", false
	}
	return l, true
}

// wrapWidth finds the width a text's lines are wrapped at, by measure:
// the width that at least half of its lines of 20 or more end within two
// of (ok false when there is none).
func wrapWidth(lines []string, measure func(string) int) (func(string) int, int, bool) {
	widths := map[int]int{}
	long := 0
	for _, l := range lines {
		if l, ok := wrapLine(l); ok {
			if n := measure(l); n >= 20 {
				widths[n]++
				long++
			}
		}
	}
	width, best := 0, 0
	for w := range widths {
		near := widths[w-2] + widths[w-1] + widths[w] + widths[w+1] + widths[w+2]
		if near > best || (near == best && w > width) {
			width, best = w, near
		}
	}
	return measure, width, long >= 5 && 2*best >= long
}

// share is the share of lines that end within two of width by measure.
func share(lines []string, measure func(string) int, width int) float64 {
	n, long := 0, 0
	for _, l := range lines {
		if l, ok := wrapLine(l); ok {
			if m := measure(l); m >= 20 {
				long++
				if m >= width-2 && m <= width+2 {
					n++
				}
			}
		}
	}
	return float64(n) / float64(max(long, 1))
}

// columns is how many columns a line takes on a terminal or in a fixed-width
// file: two for a wide character (汉字, full-width punctuation), one for
// others. Text is hard-wrapped at a width in columns, so a wrapped line of
// Chinese has half as many characters as one of English.
func columns(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// startsBlock reports a line that begins a block of its own: a heading,
// a list item, a table row, a quotation.
func startsBlock(line string) bool {
	if markedLine(line) || strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "• ") {
		return true
	}
	if l, _ := numberedHeadings()(line); l > 0 {
		return true
	}
	return listItem.MatchString(line)
}

// ListLead is the lead-in of the list a line at byte offset at of text is
// an item of (第二十二条 下列费用一律不予报销： for （一）无发票的；), when the
// lines before it up to the lead-in are all items: what a chunk that
// begins inside the list carries (Chunk.Header), so that its items say
// what the lead-in says of them. "" when the line is no item, or no
// lead-in is found within maxLeadLines lines.
func ListLead(text string, at int) string {
	line := text[at:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if !isListLine(strings.TrimSpace(line)) {
		return ""
	}
	end := at
	for n := 0; n < maxLeadLines && end > 0; n++ {
		start := strings.LastIndexByte(text[:end-1], '\n') + 1
		l := strings.TrimSpace(text[start : end-1])
		end = start
		switch {
		case l == "":
			continue
		case strings.HasSuffix(l, "：") || strings.HasSuffix(l, ":"):
			return l
		case !isListLine(l):
			return ""
		}
	}
	return ""
}

// maxLeadLines bounds how far back ListLead looks.
const maxLeadLines = 40

// isListLine reports whether a line is a list's item: bulleted (- • ·),
// or numbered (1. 1、 （1） （一） 一、) and ending as an item does (；。，),
// not as a heading (二、审批流程).
func isListLine(l string) bool {
	for _, b := range []string{"- ", "* ", "• ", "· ", "•", "·"} {
		if strings.HasPrefix(l, b) {
			return true
		}
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	return (listItem.MatchString(l) || cnListItem.MatchString(l)) && strings.ContainsRune("；;。，,、", last)
}

var cnListItem = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)`)

var listItem = regexp.MustCompile(`^(?:\d{1,3}(?:[、)）]|\.(?:[^0-9]|$))|\d{1,3}(?:\.\d{1,3})+[\s\x{3000}]|[（(]\d{1,3}[)）]|[a-zA-Z][.)]\s)`) // (3.7 本条…: a clause's number; 0.8元: a decimal, no item)
