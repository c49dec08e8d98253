package corpora

import (
	"regexp"
	"strings"
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

// markdownHeading reads an ATX heading: # Title.
func markdownHeading(t string) (int, string) {
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
// when at least half of its lines of 20 characters or more end within two
// characters of one width; other texts are returned as they are.
func unwrap(text string) string {
	lines := strings.Split(text, "\n")
	if len(lines) < 6 {
		return text
	}
	widths := map[int]int{}
	long := 0
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimRight(l, " \t\r")); n >= 20 {
			widths[n]++
			long++
		}
	}
	width, best := 0, 0
	for w := range widths {
		near := widths[w-2] + widths[w-1] + widths[w] + widths[w+1] + widths[w+2]
		if near > best || (near == best && w > width) {
			width, best = w, near
		}
	}
	if long < 5 || 2*best < long {
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	for i, l := range lines {
		b.WriteString(l)
		if i == len(lines)-1 {
			break
		}
		cur := strings.TrimRight(l, " \t\r")
		next := strings.TrimSpace(lines[i+1])
		last, _ := utf8.DecodeLastRuneInString(cur)
		first, _ := utf8.DecodeRuneInString(next)
		wrapped := utf8.RuneCountInString(cur) >= width-2 && next != "" &&
			!strings.ContainsRune("。！？!?：:；;", last) && !startsBlock(next)
		if !wrapped {
			b.WriteByte('\n')
			continue
		}
		if last < utf8.RuneSelf && first < utf8.RuneSelf && last != '-' {
			b.WriteByte(' ') // between words
		}
	}
	return b.String()
}

// startsBlock reports a line that begins a block of its own: a heading,
// a list item, a table row, a quotation.
func startsBlock(line string) bool {
	if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "|") || strings.HasPrefix(line, ">") ||
		strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "• ") {
		return true
	}
	if l, _ := numberedHeadings()(line); l > 0 {
		return true
	}
	return listItem.MatchString(line)
}

var listItem = regexp.MustCompile(`^(?:\d{1,3}[.、)）]|[（(]\d{1,3}[)）]|[a-zA-Z][.)]\s)`)
