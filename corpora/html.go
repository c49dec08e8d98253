package corpora

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText returns the <title> and the visible text of an HTML page: script,
// style and other invisible elements are dropped, block elements become line
// breaks so sentences do not run together.
func HTMLText(src string) (title, body string) {
	z := html.NewTokenizer(strings.NewReader(src))
	var b, t strings.Builder
	skip := 0 // depth inside invisible elements
	inTitle := false
	newline := func() {
		s := b.String()
		if len(s) > 0 && !strings.HasSuffix(s, "\n") {
			b.WriteByte('\n')
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return strings.TrimSpace(collapse(t.String())), strings.TrimSpace(b.String())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head, atom.Iframe, atom.Object:
				if a == atom.Head {
					// <title> lives in <head>: keep reading it, drop the rest.
					continue
				}
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case atom.Title:
				inTitle = tt == html.StartTagToken
				continue
			case atom.P, atom.Div, atom.Br, atom.Li, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
				atom.Section, atom.Article, atom.Header, atom.Footer, atom.Blockquote, atom.Pre, atom.Table,
				atom.Ul, atom.Ol, atom.Dt, atom.Dd, atom.Hr, atom.Td, atom.Th:
				newline()
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			text := string(z.Text())
			if inTitle {
				t.WriteString(text)
				continue
			}
			c := collapse(text)
			if c == "" {
				if text != "" && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") && !strings.HasSuffix(b.String(), " ") {
					b.WriteByte(' ')
				}
				continue
			}
			if strings.TrimLeft(text, " \t\r\n") != text && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			b.WriteString(c)
			if strings.TrimRight(text, " \t\r\n") != text {
				b.WriteByte(' ')
			}
		}
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
