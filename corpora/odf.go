package corpora

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// OpenDocument text, spreadsheets and presentations (LibreOffice, WPS):
// content.xml read as a stream, its visible text in reading order, and
// meta.xml's dc:title.

func init() {
	zipReaders["odt"] = func(f File, z *Zip) (Document, error) { return readODF(z, "odt") }
	zipReaders["ods"] = func(f File, z *Zip) (Document, error) { return readODF(z, "ods") }
	zipReaders["odp"] = func(f File, z *Zip) (Document, error) { return readODF(z, "odp") }
}

// The OpenDocument namespaces, as every producer writes them.
const (
	xmlnsOffice       = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	xmlnsText         = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	xmlnsTable        = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	xmlnsDraw         = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
	xmlnsPresentation = "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
	xmlnsSVG          = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
	xmlnsDC           = "http://purl.org/dc/elements/1.1/"
)

// odfHidden are elements whose content is not the document's visible
// text: comments, deleted text kept for change tracking, images' alt
// text, ruby annotations, and generated indexes (a table of contents
// repeats the headings).
var odfHidden = map[xml.Name]bool{
	{Space: xmlnsOffice, Local: "annotation"}:        true,
	{Space: xmlnsOffice, Local: "forms"}:             true,
	{Space: xmlnsText, Local: "tracked-changes"}:     true,
	{Space: xmlnsText, Local: "ruby-text"}:           true,
	{Space: xmlnsText, Local: "table-of-content"}:    true,
	{Space: xmlnsText, Local: "illustration-index"}:  true,
	{Space: xmlnsText, Local: "table-index"}:         true,
	{Space: xmlnsText, Local: "object-index"}:        true,
	{Space: xmlnsText, Local: "user-index"}:          true,
	{Space: xmlnsText, Local: "alphabetical-index"}:  true,
	{Space: xmlnsText, Local: "bibliography"}:        true,
	{Space: xmlnsText, Local: "hidden-paragraph"}:    true,
	{Space: xmlnsText, Local: "hidden-text"}:         true,
	{Space: xmlnsSVG, Local: "title"}:                true,
	{Space: xmlnsSVG, Local: "desc"}:                 true,
	{Space: xmlnsDraw, Local: "page-thumbnail"}:      true,
	{Space: xmlnsTable, Local: "covered-table-cell"}: true, // its place is counted in a sheet; its content is hidden
}

// odfSlideFurniture are the placeholders a slide repeats from its master:
// numbers, dates, footers.
var odfSlideFurniture = map[string]bool{"page-number": true, "date-time": true, "footer": true, "header": true}

// Caps on attributes that multiply text.
const (
	odfMaxSpaces = 100     // text:c of one text:s
	odfMaxRepeat = 1 << 20 // number-rows-repeated, number-columns-repeated (a sheet's 1,048,576 rows)
)

func readODF(z *Zip, kind string) (Document, error) {
	if m, err := z.Read("META-INF/manifest.xml"); err == nil {
		// An encrypted package names the cipher of each part it encrypts.
		if bytes.Contains(m, []byte("encryption-data")) {
			return Document{}, ErrEncrypted
		}
	} else if !errors.Is(err, errNoEntry) {
		return Document{}, fmt.Errorf("%s: %w", kind, err)
	}
	content, err := z.Read("content.xml")
	if err != nil {
		return Document{}, fmt.Errorf("%s: %w", kind, err)
	}
	title, err := odfTitle(z, kind)
	if err != nil {
		return Document{}, err
	}
	r := &odfReader{kind: kind, in: newBoundedXML(kind+" content.xml", content)}
	r.w.mark(Part{})
	if err := r.read(); err != nil {
		return Document{}, err
	}
	return r.w.doc(title), nil
}

// odfTitle is meta.xml's dc:title, or "" when there is none. The title
// is no part of the text: a meta.xml that does not parse leaves it out
// rather than refusing the document.
func odfTitle(z *Zip, kind string) (string, error) {
	b, err := z.Read("meta.xml")
	if errors.Is(err, errNoEntry) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", kind, err)
	}
	in := newBoundedXML(kind+" meta.xml", b)
	for {
		t, err := in.next()
		if err != nil {
			return "", nil
		}
		if s, ok := t.(xml.StartElement); ok && s.Name.Space == xmlnsDC && s.Name.Local == "title" {
			text, err := in.text()
			if err != nil {
				return "", nil
			}
			return collapse(text), nil
		}
	}
}

// odfReader walks content.xml once, keeping what the element it is in
// makes of text: a paragraph's, a table cell's, a note's, a slide's.
type odfReader struct {
	kind string
	in   *boundedXML
	w    runeParts

	paras  []*odfPara    // open paragraphs and headings, innermost last
	path   []odfHeading  // the headings above (ODT)
	bullet bool          // the next paragraph begins a list item
	cells  int           // table cells read, against MaxCells
	tables int           // depth of table:table
	table  odfTable      // the outermost table (ODT, ODP)
	cell   *bytes.Buffer // its current cell's text; nil outside a cell
	sheet  *odsSheet     // the sheet being read (ODS)
	slide  *odpSlide     // the slide being read (ODP)
	slides int

	noteDepth int      // inside text:note-body
	note      []string // the current note's paragraphs
	citation  *bytes.Buffer
	cite      string // the current note's citation
	notes     []string
}

type odfHeading struct {
	level int
	text  string
}

type odfTable struct {
	header string // the first row
	rows   int    // rows written
	body   bool   // rows went to the document's text, as Row parts
	cells  []string
	repeat int // number-rows-repeated of the row being read
	creps  int // number-columns-repeated of the cell being read
}

// odsSheet is a spreadsheet's table being read: its rows as cells, and
// the spans of merged cells.
type odsSheet struct {
	name   string
	rows   []sheetRow
	merges []cellRect
	row    int // the number of the row being read, 1-based
	col    int // the column of the next cell, 0-based
	cur    []string
	rrep   int // number-rows-repeated of the row being read
	crep   int // number-columns-repeated of the cell being read
	span   cellRect
	value  string // office:value and the like, for a cell without text
}

type odpSlide struct {
	n          int
	depth      int // of its draw:page
	name       string
	title      []string
	titleDepth int // depth of the title frame while inside it
	inNotes    bool
	lines      []string
	notes      []string
}

// odfPara collects a paragraph's text with white space as ODF lays it
// out: runs of spaces, tabs and newlines in the XML are one space, none at
// the start; text:s, text:tab and text:line-break are kept as written.
type odfPara struct {
	b       []byte
	space   bool     // b ends in a collapsed space
	heading int      // outline level of a text:h; 0 for text:p
	after   []string // paragraphs of text boxes anchored in it
}

func (p *odfPara) chars(s string) {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r':
			if len(p.b) > 0 && !p.space {
				p.b = append(p.b, ' ')
				p.space = true
			}
		default:
			p.b = append(p.b, c)
			p.space = false
		}
	}
}

func (p *odfPara) raw(s string) {
	p.b = append(p.b, s...)
	p.space = false
}

func (p *odfPara) text() string { return strings.TrimSpace(string(p.b)) }

func (r *odfReader) read() error {
	for {
		t, err := r.in.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := r.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if err := r.end(t); err != nil {
				return err
			}
		case xml.CharData:
			if r.citation != nil {
				r.citation.Write(t)
			} else if n := len(r.paras); n > 0 {
				r.paras[n-1].chars(string(t))
			}
		}
	}
	if len(r.notes) > 0 {
		r.w.mark(Part{Section: []string{"脚注"}})
		for _, n := range r.notes {
			r.w.line(n)
		}
	}
	return nil
}

func (r *odfReader) top() *odfPara {
	if n := len(r.paras); n > 0 {
		return r.paras[n-1]
	}
	return nil
}

func (r *odfReader) start(t xml.StartElement) error {
	if odfHidden[t.Name] {
		if t.Name.Local == "covered-table-cell" && r.sheet != nil && r.tables == 1 {
			r.sheet.advance(odfInt(t, xmlnsTable, "number-columns-repeated", 1, odfMaxRepeat))
		}
		return r.in.skip()
	}
	switch t.Name.Space {
	case xmlnsText:
		switch t.Name.Local {
		case "p", "h":
			p := &odfPara{}
			if t.Name.Local == "h" {
				p.heading = odfInt(t, xmlnsText, "outline-level", 1, 10)
			}
			r.paras = append(r.paras, p)
		case "s":
			if p := r.top(); p != nil {
				p.raw(strings.Repeat(" ", odfInt(t, xmlnsText, "c", 1, odfMaxSpaces)))
			}
		case "tab":
			if p := r.top(); p != nil {
				p.raw("\t")
			}
		case "line-break":
			if p := r.top(); p != nil {
				p.raw("\n")
			}
		case "list-item":
			r.bullet = true
		case "list-header":
			r.bullet = false
		case "note-citation":
			r.citation = &bytes.Buffer{}
		case "note-body":
			r.noteDepth++
		case "section":
			if attrOf(t, xmlnsText, "display") == "none" {
				return r.in.skip()
			}
		}
	case xmlnsTable:
		return r.tableStart(t)
	case xmlnsDraw:
		switch t.Name.Local {
		case "page":
			if r.kind == "odp" && r.slide == nil {
				r.slides++
				r.slide = &odpSlide{n: r.slides, depth: r.in.depth, name: strings.TrimSpace(attrOf(t, xmlnsDraw, "name"))}
			}
		case "frame":
			if r.slide != nil {
				class := attrOf(t, xmlnsPresentation, "class")
				if odfSlideFurniture[class] {
					return r.in.skip()
				}
				if class == "title" && r.slide.titleDepth == 0 && len(r.slide.title) == 0 && !r.slide.inNotes {
					r.slide.titleDepth = r.in.depth
				}
			}
		}
	case xmlnsPresentation:
		if t.Name.Local == "notes" {
			if r.slide == nil {
				return r.in.skip()
			}
			r.slide.inNotes = true
		}
	}
	return nil
}

func (r *odfReader) end(t xml.EndElement) error {
	switch t.Name.Space {
	case xmlnsText:
		switch t.Name.Local {
		case "p", "h":
			if n := len(r.paras); n > 0 {
				p := r.paras[n-1]
				r.paras = r.paras[:n-1]
				r.paragraph(p)
			}
		case "list":
			r.bullet = false
		case "note-citation":
			if r.citation != nil {
				r.cite = collapse(r.citation.String())
				r.citation = nil
				if p := r.top(); p != nil && r.cite != "" {
					p.raw("[" + r.cite + "]")
				}
			}
		case "note-body":
			if r.noteDepth > 0 {
				r.noteDepth--
			}
			if r.noteDepth == 0 && len(r.note) > 0 {
				n := strings.Join(r.note, "\n")
				if r.cite != "" {
					n = "[" + r.cite + "] " + n
				}
				r.notes = append(r.notes, n)
				r.note, r.cite = nil, ""
			}
		}
	case xmlnsTable:
		return r.tableEnd(t)
	case xmlnsDraw:
		switch t.Name.Local {
		case "page":
			if r.slide != nil && r.in.depth+1 == r.slide.depth {
				r.endSlide()
			}
		case "frame":
			if r.slide != nil && r.slide.titleDepth == r.in.depth+1 {
				r.slide.titleDepth = 0
			}
		}
	case xmlnsPresentation:
		if t.Name.Local == "notes" && r.slide != nil {
			r.slide.inNotes = false
		}
	}
	return nil
}

// paragraph puts a finished paragraph where it belongs, then the
// paragraphs of the text boxes anchored in it.
func (r *odfReader) paragraph(p *odfPara) {
	if s := p.text(); s != "" {
		bullet := r.bullet
		r.bullet = false
		if sl := r.slide; sl != nil && sl.titleDepth > 0 {
			sl.title = append(sl.title, strings.ReplaceAll(s, "\n", " "))
		}
		if bullet && p.heading == 0 {
			s = "• " + s
		}
		r.place(s, p.heading)
	}
	for _, s := range p.after {
		r.place(s, 0)
	}
}

// place puts a paragraph's text (a heading's, at its outline level)
// where the reader stands: in a note, a table cell, after the paragraph
// that holds its text box, on a slide, or in the text.
func (r *odfReader) place(s string, heading int) {
	switch {
	case r.noteDepth > 0:
		r.note = append(r.note, s)
	case r.cell != nil:
		if r.cell.Len() > 0 {
			r.cell.WriteByte(' ')
		}
		r.cell.WriteString(strings.ReplaceAll(s, "\n", " "))
	case r.kind == "ods":
		// Text outside cells: shapes drawn over a sheet.
	case len(r.paras) > 0:
		p := r.paras[len(r.paras)-1]
		p.after = append(p.after, s)
	case r.slide != nil:
		r.slide.add(s)
	case heading > 0 && r.kind == "odt":
		r.heading(heading, strings.ReplaceAll(s, "\n", " "))
	default:
		r.w.line(s)
	}
}

// heading starts a section: the headings above it at a lower level and
// itself.
func (r *odfReader) heading(level int, s string) {
	for len(r.path) > 0 && r.path[len(r.path)-1].level >= level {
		r.path = r.path[:len(r.path)-1]
	}
	r.path = append(r.path, odfHeading{level, s})
	r.w.mark(Part{Section: r.section()})
	r.w.line(s)
}

func (r *odfReader) section() []string {
	if len(r.path) == 0 {
		return nil
	}
	s := make([]string, len(r.path))
	for i, h := range r.path {
		s[i] = h.text
	}
	return s
}

func (r *odfReader) endSlide() {
	sl := r.slide
	r.slide = nil
	var section []string
	if t := strings.Join(sl.title, " "); t != "" {
		section = []string{t}
	} else if sl.name != "" {
		section = []string{sl.name}
	}
	r.w.mark(Part{Section: section, Where: fmt.Sprintf("第 %d 张幻灯片", sl.n)})
	for _, l := range sl.lines {
		r.w.line(l)
	}
	for i, n := range sl.notes {
		if i == 0 {
			n = "备注：" + n
		}
		r.w.line(n)
	}
}

func (r *odfReader) tableStart(t xml.StartElement) error {
	switch t.Name.Local {
	case "table":
		r.tables++
		if r.tables > 1 {
			return nil // a table in a cell: its text joins the cell's
		}
		if r.kind == "ods" && r.cell == nil {
			r.sheet = &odsSheet{name: strings.TrimSpace(attrOf(t, xmlnsTable, "name")), row: 1}
			return nil
		}
		r.table = odfTable{}
	case "table-row":
		if r.tables != 1 {
			return nil
		}
		n := odfInt(t, xmlnsTable, "number-rows-repeated", 1, odfMaxRepeat)
		if r.sheet != nil {
			r.sheet.cur, r.sheet.col, r.sheet.rrep = nil, 0, n
			return nil
		}
		r.table.cells, r.table.repeat = nil, n
	case "table-cell":
		if r.tables != 1 {
			return nil
		}
		r.cell = &bytes.Buffer{}
		n := odfInt(t, xmlnsTable, "number-columns-repeated", 1, odfMaxRepeat)
		if s := r.sheet; s != nil {
			s.crep = n
			s.span = cellRect{
				c1: s.col + 1, r1: s.row,
				c2: s.col + odfInt(t, xmlnsTable, "number-columns-spanned", 1, odfMaxRepeat),
				r2: s.row - 1 + odfInt(t, xmlnsTable, "number-rows-spanned", 1, odfMaxRepeat),
			}
			s.value = odsValue(t)
			return nil
		}
		r.table.creps = n
	}
	return nil
}

func (r *odfReader) tableEnd(t xml.EndElement) error {
	switch t.Name.Local {
	case "table":
		r.tables--
		if r.tables != 0 {
			return nil
		}
		if s := r.sheet; s != nil {
			r.sheet = nil
			if err := applyMerges(s.rows, s.merges, &r.cells); err != nil {
				return fmt.Errorf("ods: sheet %s: %w", s.name, err)
			}
			writeSheet(&r.w, s.name, s.rows)
			return nil
		}
		if r.table.body {
			// What follows the table is no row of it.
			r.w.mark(Part{Section: r.section()})
		}
	case "table-row":
		if r.tables != 1 {
			return nil
		}
		if s := r.sheet; s != nil {
			return r.sheetRow(s)
		}
		line := cellsLine(r.table.cells, " | ", false)
		for i := 0; i < r.table.repeat && line != ""; i++ {
			if r.cells += len(r.table.cells); r.cells > MaxCells {
				return fmt.Errorf("%s: more than %d table cells: %w", r.kind, MaxCells, ErrTooLarge)
			}
			r.tableRow(line)
		}
	case "table-cell":
		if r.tables != 1 || r.cell == nil {
			return nil
		}
		v := r.cell.String()
		r.cell = nil
		if s := r.sheet; s != nil {
			return r.sheetCell(s, v)
		}
		for i := 0; i < r.table.creps && v != ""; i++ {
			if r.cells++; r.cells > MaxCells {
				return fmt.Errorf("%s: more than %d table cells: %w", r.kind, MaxCells, ErrTooLarge)
			}
			r.table.cells = append(r.table.cells, v)
		}
	}
	return nil
}

// tableRow writes a row of a table in a text or on a slide: one line,
// and in a text a Row part whose Header is the table's first row.
func (r *odfReader) tableRow(line string) {
	if r.table.rows == 0 {
		r.table.header = line
	}
	r.table.rows++
	switch {
	case r.noteDepth > 0:
		r.note = append(r.note, line)
	case len(r.paras) > 0:
		// A table in a text box: after the paragraph that holds it.
		p := r.paras[len(r.paras)-1]
		p.after = append(p.after, line)
	case r.slide != nil:
		r.slide.add(line)
	default:
		r.table.body = true
		r.w.mark(Part{Section: r.section(), Row: true, Header: r.table.header})
		r.w.line(line)
	}
}

// sheetCell places a spreadsheet cell, repeated as its
// number-columns-repeated says; an empty one only moves the column on.
func (r *odfReader) sheetCell(s *odsSheet, v string) error {
	if v == "" {
		v = s.value
	}
	n := s.crep
	if v == "" {
		s.advance(n)
		return nil
	}
	if s.col+n > odfMaxRepeat {
		// Past any sheet's last column: a damaged or hostile file.
		return fmt.Errorf("ods: sheet %s row %d: cells past column %d: %w", s.name, s.row, odfMaxRepeat, ErrDamagedFile)
	}
	grow := s.col + n - len(s.cur)
	if r.cells += grow; r.cells > MaxCells {
		return fmt.Errorf("ods: more than %d cells: %w", MaxCells, ErrTooLarge)
	}
	for len(s.cur) < s.col {
		s.cur = append(s.cur, "")
	}
	for i := 0; i < n; i++ {
		s.cur = append(s.cur, v)
	}
	if s.span.c2 > s.span.c1 || s.span.r2 > s.span.r1 {
		s.merges = append(s.merges, s.span)
	}
	s.advance(n)
	return nil
}

func (s *odsSheet) advance(n int) { s.col = min(s.col+n, odfMaxRepeat) }

// sheetRow ends a spreadsheet row: kept when it holds anything, as many
// times as it is repeated; an empty one, repeated to the sheet's end as
// producers write it, only moves the row number on.
func (r *odfReader) sheetRow(s *odsSheet) error {
	if cellsLine(s.cur, "", false) != "" {
		for i := 0; i < s.rrep; i++ {
			cells := s.cur
			if i > 0 {
				if r.cells += len(s.cur); r.cells > MaxCells {
					return fmt.Errorf("ods: more than %d cells: %w", MaxCells, ErrTooLarge)
				}
				cells = append([]string(nil), s.cur...)
			}
			s.rows = append(s.rows, sheetRow{n: s.row + i, cells: cells})
		}
	}
	s.row = min(s.row+s.rrep, 1<<30)
	s.cur = nil
	return nil
}

// odsValue is a cell's value as its attributes hold it, for a cell
// whose text:p a producer left out.
func odsValue(t xml.StartElement) string {
	for _, name := range []string{"string-value", "date-value", "time-value", "value", "boolean-value"} {
		if v := attrOf(t, xmlnsOffice, name); v != "" {
			return collapse(v)
		}
	}
	return ""
}

// odfInt reads a count attribute, within [least, most]; absent or not a
// number, it is least.
func odfInt(t xml.StartElement, space, local string, least, most int) int {
	n, err := strconv.Atoi(strings.TrimSpace(attrOf(t, space, local)))
	if err != nil || n < least {
		return least
	}
	return min(n, most)
}

func attrOf(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && (space == "" || a.Name.Space == space) {
			return a.Value
		}
	}
	return ""
}

// cellsLine joins the non-empty cells with sep; with once, each run of
// one value (a merged cell spread over its range) once.
func cellsLine(cells []string, sep string, once bool) string {
	var b strings.Builder
	prev := ""
	for _, c := range cells {
		if c == "" || once && c == prev {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(c)
		prev = c
	}
	return b.String()
}

// boundedXML reads an entry of a zip-based document as XML tokens,
// refusing nesting deeper than xmlMaxDepth: a reader keeps a stack as
// deep as the nesting, and no document nests so deep.
type boundedXML struct {
	d     *xml.Decoder
	where string
	depth int
	// raw reads tokens as written, without resolving namespaces or
	// matching end tags to start tags: for a quick pass over a part
	// another parser reads in full.
	raw bool
}

const xmlMaxDepth = 1000

func newBoundedXML(where string, b []byte) *boundedXML {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.CharsetReader = charset.NewReaderLabel
	return &boundedXML{d: d, where: where}
}

// next is the next token, io.EOF after the document's end.
func (x *boundedXML) next() (xml.Token, error) {
	var (
		t   xml.Token
		err error
	)
	if x.raw {
		t, err = x.d.RawToken()
	} else {
		t, err = x.d.Token()
	}
	if err == io.EOF {
		if x.depth > 0 {
			return nil, x.errorf("ends inside an element")
		}
		return nil, io.EOF
	}
	if err != nil {
		var syntax *xml.SyntaxError
		if errors.As(err, &syntax) {
			return nil, x.errorf("%s", syntax.Msg)
		}
		return nil, x.errorf("%v", err)
	}
	switch t.(type) {
	case xml.StartElement:
		if x.depth++; x.depth > xmlMaxDepth {
			return nil, x.errorf("elements nested deeper than %d", xmlMaxDepth)
		}
	case xml.EndElement:
		x.depth--
	}
	return t, nil
}

// skip passes over the rest of the element just begun.
func (x *boundedXML) skip() error {
	for end := x.depth - 1; x.depth > end; {
		if _, err := x.next(); err != nil {
			if err == io.EOF {
				return x.errorf("ends inside an element")
			}
			return err
		}
	}
	return nil
}

// text is the character data of the element just begun, to its end.
func (x *boundedXML) text() (string, error) {
	var b strings.Builder
	for end := x.depth - 1; x.depth > end; {
		t, err := x.next()
		if err != nil {
			if err == io.EOF {
				return "", x.errorf("ends inside an element")
			}
			return "", err
		}
		if c, ok := t.(xml.CharData); ok {
			b.Write(c)
		}
	}
	return b.String(), nil
}

func (x *boundedXML) errorf(format string, args ...any) error {
	line, _ := x.d.InputPos()
	return fmt.Errorf("%s line %d: %s: %w", x.where, line, fmt.Sprintf(format, args...), ErrDamagedFile)
}

// runeParts builds a Document's Text and Parts together, counting the
// runes of the text as it is written so that each Part's Start is an
// offset into it.
type runeParts struct {
	b     strings.Builder
	n     int
	parts []Part
}

// mark begins a Part where the text now ends. A Part begun where the
// last one began replaces it: that one holds no text.
func (w *runeParts) mark(p Part) {
	p.Start = w.n
	if k := len(w.parts); k > 0 && w.parts[k-1].Start == w.n {
		w.parts[k-1] = p
		return
	}
	w.parts = append(w.parts, p)
}

// line writes s and a line break.
func (w *runeParts) line(s string) {
	w.b.WriteString(s)
	w.b.WriteByte('\n')
	w.n += utf8.RuneCountInString(s) + 1
}

// doc is the Document written, its last Part dropped when it holds no
// text.
func (w *runeParts) doc(title string) Document {
	parts := w.parts
	if k := len(parts); k > 0 && parts[k-1].Start >= w.n {
		parts = parts[:k-1]
	}
	if len(parts) > 0 && parts[0].Start > 0 {
		parts = append([]Part{{}}, parts...)
	}
	if len(parts) == 0 {
		parts = nil
	}
	return Document{Title: title, Text: w.b.String(), Parts: parts}
}

// add puts a line of a slide among its notes or its text, as it stands.
func (sl *odpSlide) add(line string) {
	if sl.inNotes {
		sl.notes = append(sl.notes, line)
	} else {
		sl.lines = append(sl.lines, line)
	}
}
