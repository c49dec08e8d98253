package corpora

import (
	"regexp"
	"strings"
	"unicode"
)

// simpleRule is the dashed line under a plain-text table's header, one run
// of dashes a column (pandoc's "simple table", and what converters of
// manuals to text write):
//
//	端口    协议  用途
//	------- ----- ----------------
//	8443    HTTPS 控制台和客户端访问
var simpleRule = regexp.MustCompile(`^\s*-{3,}(?:\s+-{3,})+\s*$`)

// simpleTables rewrites the plain-text tables of text — a header line, a
// dashed rule, rows aligned to the rule's columns, up to a blank line — as
// Markdown pipe tables, so that each row becomes one table row with its
// header (lineParts) and no row is joined to the next as a wrapped line
// (unwrap). Columns are cut where the rule's runs start, counted in
// display columns (a Chinese character takes two); a row whose cell runs
// into the next column is split at its runs of spaces instead, when that
// gives as many cells. Other text is returned as it is.
func simpleTables(text string) string {
	if !strings.Contains(text, "---") {
		return text
	}
	lines := strings.Split(text, "\n")
	var out []string
	for i := 0; i < len(lines); i++ {
		if i == 0 || !simpleRule.MatchString(lines[i]) || strings.TrimSpace(lines[i-1]) == "" {
			out = append(out, lines[i])
			continue
		}
		starts := runStarts(lines[i])
		header := cutColumns(lines[i-1], starts)
		if header == nil {
			out = append(out, lines[i])
			continue
		}
		var rows [][]string
		j := i + 1
		for ; j < len(lines) && strings.TrimSpace(lines[j]) != "" && !simpleRule.MatchString(lines[j]); j++ {
			cells := cutColumns(lines[j], starts)
			if cells == nil {
				break
			}
			rows = append(rows, cells)
		}
		if len(rows) == 0 {
			out = append(out, lines[i])
			continue
		}
		out[len(out)-1] = pipeRow(header)
		out = append(out, "|"+strings.Repeat(" --- |", len(starts)))
		for _, r := range rows {
			out = append(out, pipeRow(r))
		}
		i = j - 1
	}
	return strings.Join(out, "\n")
}

// runStarts are the display columns where a rule's runs of dashes start.
func runStarts(rule string) []int {
	var starts []int
	col := 0
	prev := ' '
	for _, r := range rule {
		if r == '-' && prev != '-' {
			starts = append(starts, col)
		}
		col += runeColumns(r)
		prev = r
	}
	return starts
}

// cutColumns cuts a row into the cells of the columns starting at starts
// (nil when it does not fit them).
func cutColumns(line string, starts []int) []string {
	cells := make([]strings.Builder, len(starts))
	col, c := 0, 0
	clean := true
	prev := ' '
	for _, r := range line {
		for c+1 < len(starts) && col >= starts[c+1] {
			c++
			if !unicode.IsSpace(prev) && !unicode.IsSpace(r) {
				clean = false // a cell ran into the next column
			}
		}
		cells[c].WriteRune(r)
		col += runeColumns(r)
		prev = r
	}
	out := make([]string, len(starts))
	for i := range cells {
		out[i] = strings.TrimSpace(cells[i].String())
	}
	if clean && out[0] != "" {
		return out
	}
	// Split at runs of spaces instead: 单点登录（SAML、OIDC） 不支持 …
	f := splitSpaces(strings.TrimSpace(line))
	if len(f) == len(starts) {
		return f
	}
	if clean {
		return out
	}
	return nil
}

// splitSpaces splits at runs of spaces, a full-width space counting as one.
func splitSpaces(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' })
}

func pipeRow(cells []string) string {
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(c, "|", "／")
	}
	return "| " + strings.Join(cells, " | ") + " |"
}

// runeColumns is how many display columns r takes.
func runeColumns(r rune) int { return columns(string(r)) }
