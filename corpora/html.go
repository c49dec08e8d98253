package corpora

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText returns the <title> and the visible text of an HTML page: what
// a browser shows, not what it hides. Dropped with all they hold are
// script, style and other elements that are never shown (<template>,
// <noscript>, <svg>, …) and elements hidden by their markup: the hidden
// attribute (but hidden="until-found", which find-in-page reveals),
// aria-hidden="true", an inline style of display:none or
// visibility:hidden, a <dialog> that is not open. Block elements become
// line breaks so sentences do not run together.
//
// The page is parsed as a browser parses it (golang.org/x/net/html), so
// end tags it leaves out (<li>, <p>) close where a browser closes them.
func HTMLText(src string) (title, body string) {
	title, body, _ = HTMLDoc(src)
	return title, body
}

// tableEnd marks, on HTMLDoc's stack, the end of a table.
var tableEnd = &html.Node{}

// HTMLDoc is HTMLText with the page's structure: a part at each heading
// (<h1>–<h6>: the section path) and at each table row, which is one line
// of its cells joined by " | ", carrying its table's first row as header.
func HTMLDoc(src string) (title, body string, parts []Part) {
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil { // only the reader fails, and a strings.Reader does not
		return "", "", nil
	}
	var (
		w        textWriter
		section  []string
		levels   []int
		headers  = map[*html.Node]string{} // each table's first row
		byteAt   []int                     // each part's byte offset in w.b
		tables   int                       // tables open
		rowOpen  = map[*html.Node]bool{}
		cellDone = map[*html.Node]bool{} // rows with a cell written
	)
	mark := func(p Part) {
		p.Section = append([]string(nil), section...)
		at := len(w.b)
		if n := len(parts); n > 0 && byteAt[n-1] == at {
			parts[n-1] = p
			return
		}
		parts, byteAt = append(parts, p), append(byteAt, at)
	}
	// Depth-first, without recursion: a page may nest elements deeply. A
	// nil node on the stack ends its parent, a block's second line break.
	stack := []*html.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			w.newline()
			continue
		}
		if n == tableEnd {
			w.newline()
			if tables--; tables == 0 {
				mark(Part{})
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			w.text(n.Data)
			continue
		case html.ElementNode:
			if n.Namespace == "" && n.DataAtom == atom.Title {
				if title == "" {
					title = collapse(textOf(n))
				}
				continue
			}
			if invisible(n) {
				continue
			}
			if n.Namespace != "" {
				break
			}
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				if h := collapse(textOf(n)); h != "" {
					level := int(n.Data[1] - '0')
					for len(levels) > 0 && levels[len(levels)-1] >= level {
						levels, section = levels[:len(levels)-1], section[:len(section)-1]
					}
					levels, section = append(levels, level), append(section, h)
					w.newline()
					mark(Part{})
				}
			case atom.Li:
				// An item of an ordered list shows its number, as a browser
				// draws it (1. or 一、): articles written as <ol><li> are
				// numbered in the text, which refers to them by it.
				w.newline()
				if m := listMarker(n); m != "" {
					w.b = append(w.b, m...)
				}
				stack = append(stack, nil)
				for c := n.LastChild; c != nil; c = c.PrevSibling {
					stack = append(stack, c)
				}
				continue
			case atom.Table:
				w.newline()
				tables++
				stack = append(stack, tableEnd)
			case atom.Tr:
				w.newline()
				t := tableOf(n)
				row := rowText(n)
				if _, ok := headers[t]; !ok && t != nil {
					headers[t] = row
					if c := captionOf(t); c != "" {
						// 表1 协议客户房价折扣比例（单位：%）: what the rows' bare
						// numbers are in, for the chunks that go on with them.
						headers[t] = c + "\n" + row
					}
					mark(Part{Row: true})
				} else {
					mark(Part{Row: true, Header: headers[t]})
				}
				rowOpen[n] = true
				stack = append(stack, nil)
				for c := n.LastChild; c != nil; c = c.PrevSibling {
					stack = append(stack, c)
				}
				continue
			case atom.Td, atom.Th:
				if r := n.Parent; r != nil && rowOpen[r] {
					if cellDone[r] {
						w.space()
						w.b = append(w.b, "| "...)
					}
					cellDone[r] = true
					for c := n.LastChild; c != nil; c = c.PrevSibling {
						stack = append(stack, c)
					}
					continue
				}
			}
			if blocks[n.DataAtom] {
				w.newline()
				stack = append(stack, nil)
			}
		case html.DocumentNode:
		default: // comments, doctype
			continue
		}
		// Children are pushed last first, so they come off in order.
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	// The body is trimmed: offsets move by what the trim took, and bytes
	// become runes, in one pass.
	raw := string(w.b)
	lead := len(raw) - len(strings.TrimLeft(raw, " \t\r\n\f"))
	body = strings.TrimSpace(raw)
	if len(parts) == 0 {
		return strings.TrimSpace(title), body, nil
	}
	out := parts[:0]
	runes, pos := 0, lead
	for i, p := range parts {
		at := min(max(byteAt[i], lead), lead+len(body))
		runes += utf8.RuneCountInString(raw[pos:at])
		pos = at
		p.Start = runes
		if n := len(out); n > 0 && out[n-1].Start == p.Start {
			out[n-1] = p
			continue
		}
		out = append(out, p)
	}
	if out[0].Start > 0 {
		out = append([]Part{{Start: 0}}, out...)
	}
	return strings.TrimSpace(title), body, out
}

// tableOf is the table a row belongs to.
func tableOf(tr *html.Node) *html.Node {
	for p := tr.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Table {
			return p
		}
	}
	return nil
}

// captionOf is a table's caption, collapsed; "" for none.
func captionOf(t *html.Node) string {
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Caption {
			return collapse(textOf(c))
		}
	}
	return ""
}

// rowText is a row's cells' text joined by " | ".
func rowText(tr *html.Node) string {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && !invisible(c) {
			cells = append(cells, collapse(textOf(c)))
		}
	}
	return strings.Join(cells, " | ")
}

// never are elements whose content a browser does not show.
var never = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Object: true, atom.Datalist: true,
}

// blocks are elements that start on a line of their own.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Tr: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Hr: true, atom.Td: true, atom.Th: true, atom.Main: true,
	atom.Nav: true, atom.Aside: true, atom.Figure: true, atom.Figcaption: true, atom.Details: true,
	atom.Summary: true, atom.Address: true, atom.Caption: true, atom.Form: true, atom.Fieldset: true,
	atom.Legend: true, atom.Dialog: true,
}

// invisible reports whether an element and all it holds are hidden.
func invisible(n *html.Node) bool {
	if n.Namespace == "" && never[n.DataAtom] {
		return true
	}
	if n.Namespace == "svg" {
		return true
	}
	open := false
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		v := strings.ToLower(strings.TrimSpace(a.Val))
		switch a.Key {
		case "hidden":
			if v != "until-found" {
				return true
			}
		case "aria-hidden":
			if v == "true" {
				return true
			}
		case "style":
			s := strings.Join(strings.Fields(v), "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") || strings.Contains(s, "visibility:collapse") {
				return true
			}
		case "type":
			if n.DataAtom == atom.Input && v == "hidden" {
				return true
			}
		case "open":
			open = true
		}
	}
	return n.DataAtom == atom.Dialog && n.Namespace == "" && !open
}

// textOf is the text an element holds, as written.
func textOf(n *html.Node) string {
	var b strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return b.String()
}

// textWriter joins text as a browser lays it out: runs of white space are
// one space, none at the start of a line or before a line break.
type textWriter struct{ b []byte }

func (w *textWriter) last() byte {
	if len(w.b) == 0 {
		return '\n'
	}
	return w.b[len(w.b)-1]
}

func (w *textWriter) newline() {
	if len(w.b) > 0 && w.last() == ' ' {
		w.b = w.b[:len(w.b)-1]
	}
	if len(w.b) > 0 && w.last() != '\n' {
		w.b = append(w.b, '\n')
	}
}

func (w *textWriter) space() {
	if w.last() != '\n' && w.last() != ' ' {
		w.b = append(w.b, ' ')
	}
}

func (w *textWriter) text(s string) {
	c := collapse(s)
	if c == "" {
		if s != "" {
			w.space()
		}
		return
	}
	if strings.TrimLeft(s, " \t\r\n\f") != s {
		w.space()
	}
	w.b = append(w.b, c...)
	if strings.TrimRight(s, " \t\r\n\f") != s {
		w.space()
	}
}

// collapse folds runs of white space into one space, as a browser shows them.
func collapse(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Join(f, " ")
}

// listMarker is the marker a browser draws before an item of an ordered
// list (<ol>, its start, reversed and type attributes, an item's value, and
// an inline list-style-type): "3. ", "c. ", "iv. ", "三、"; "" for an
// item of any other list or of a list styled without markers.
func listMarker(li *html.Node) string {
	ol := li.Parent
	if ol == nil || ol.Type != html.ElementNode || ol.DataAtom != atom.Ol {
		return ""
	}
	format := listFormat(li)
	if format == "" {
		format = listFormat(ol)
	}
	if format == "" {
		format = olTypeFormats[attr(ol, "type")] // (type="1" and none: decimal)
	}
	if format == "none" {
		return ""
	}
	step, n := 1, 1
	if _, reversed := attrOK(ol, "reversed"); reversed {
		step, n = -1, 0
		for c := ol.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Li {
				n++ // (counting down from the number of items)
			}
		}
	}
	if v, err := strconv.Atoi(strings.TrimSpace(attr(ol, "start"))); err == nil {
		n = v
	}
	for c := ol.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		if v, err := strconv.Atoi(strings.TrimSpace(attr(c, "value"))); err == nil {
			n = v
		}
		if c == li {
			break
		}
		n += step
	}
	if strings.HasPrefix(format, "chinese") || format == "ideographDigital" {
		return formatNumber(n, format) + "、"
	}
	return formatNumber(n, format) + ". "
}

// cssListFormats are the list-style-type values a marker is drawn for, as
// the numbering formats of WordprocessingML that formatNumber writes (Word
// goes past z to aa, bb …, where a browser goes aa, ab …); a bullet draws
// no text.
var cssListFormats = map[string]string{
	"none": "none", "disc": "none", "circle": "none", "square": "none", "decimal": "decimal",
	"lower-alpha": "lowerLetter", "lower-latin": "lowerLetter", "upper-alpha": "upperLetter", "upper-latin": "upperLetter",
	"lower-roman": "lowerRoman", "upper-roman": "upperRoman", "cjk-decimal": "ideographDigital",
	"cjk-ideographic": "chineseCounting", "simp-chinese-informal": "chineseCounting", "trad-chinese-informal": "chineseCounting",
}

// olTypeFormats are an <ol>'s type attribute's formats.
var olTypeFormats = map[string]string{"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}

// listFormat is the numbering format (cssListFormats) of the
// list-style-type an element's inline style sets, in list-style-type or
// list-style; "" for none set.
func listFormat(n *html.Node) string {
	for _, decl := range strings.Split(attr(n, "style"), ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "list-style-type", "list-style":
			for _, f := range strings.Fields(strings.ToLower(v)) {
				if format, ok := cssListFormats[f]; ok {
					return format
				}
			}
		}
	}
	return ""
}

// attrOK is an element's attribute (its key lower-case, as the parser
// gives it) and whether it has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// attr is an element's attribute, "" when it has none.
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}
