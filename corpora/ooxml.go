package corpora

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// What the Office Open XML readers (DOCX, PPTX) share: a depth-limited
// XML token reader, package relationships, the core properties' title,
// and the builder that lays out a Document's Text and Parts.

// maxXMLDepth is how deep elements may nest in a part: the readers recurse
// along the nesting (a text box in a table in a text box …), and Word
// itself writes nothing near it.
const maxXMLDepth = 1000

// Namespaces, transitional and strict; an undeclared prefix is left as
// written by encoding/xml, so the bare prefix is accepted too.
var (
	nsW   = nsSet("w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
	nsA   = nsSet("a", "http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main")
	nsP   = nsSet("p", "http://schemas.openxmlformats.org/presentationml/2006/main", "http://purl.oclc.org/ooxml/presentationml/main")
	nsM   = nsSet("m", "http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math")
	nsR   = nsSet("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships")
	nsMC  = nsSet("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006")
	nsDC  = nsSet("dc", "http://purl.org/dc/elements/1.1/")
	nsRel = nsSet("", "http://schemas.openxmlformats.org/package/2006/relationships")
)

type xmlNamespace map[string]bool

func nsSet(names ...string) xmlNamespace {
	m := xmlNamespace{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// is reports whether n is the element local in this namespace.
func (ns xmlNamespace) is(n xml.Name, local string) bool { return n.Local == local && ns[n.Space] }

// xmlAttrNS is the value of an element's attribute named local in a
// namespace (r:id, not id).
func xmlAttrNS(se xml.StartElement, ns xmlNamespace, local string) (string, bool) {
	for _, a := range se.Attr {
		if ns.is(a.Name, local) {
			return a.Value, true
		}
	}
	return "", false
}

// xmlAttr is the value of an element's attribute named local, in any
// namespace (w:val, val).
func xmlAttr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// xmlReader reads the tokens of one part of a package, refusing nesting
// past maxXMLDepth; its errors name the part and wrap ErrDamagedFile.
type xmlReader struct {
	d     *xml.Decoder
	part  string
	depth int // elements open
}

func newXMLReader(part string, raw []byte) *xmlReader {
	d := xml.NewDecoder(bytes.NewReader(fromUTF16(raw)))
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-16", "utf-16le", "utf-16be", "us-ascii", "ascii":
			return in, nil // UTF-16 was made UTF-8 before (parts in it begin with a BOM)
		}
		return nil, fmt.Errorf("encoding %q: neither UTF-8 nor UTF-16", label)
	}
	return &xmlReader{d: d, part: part}
}

// fromUTF16 is a part written in UTF-16 (which Office Open XML allows,
// beginning with a byte order mark) as UTF-8; other parts as they are.
func fromUTF16(raw []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return raw
	}
	var b bytes.Buffer
	b.Grow(len(raw))
	for i := 2; i+1 < len(raw); i += 2 {
		r := rune(order.Uint16(raw[i:]))
		if utf16.IsSurrogate(r) {
			next := unicode.ReplacementChar
			if i+3 < len(raw) {
				next = rune(order.Uint16(raw[i+2:]))
			}
			if r = utf16.DecodeRune(r, next); r != unicode.ReplacementChar {
				i += 2
			}
		}
		b.WriteRune(r)
	}
	return b.Bytes()
}

// next is the next token: io.EOF at the end of a well-formed part.
func (x *xmlReader) next() (xml.Token, error) {
	t, err := x.d.Token()
	if err != nil {
		if err == io.EOF && x.depth == 0 {
			return nil, io.EOF
		}
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, x.damaged(err)
	}
	switch t.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > maxXMLDepth {
			return nil, fmt.Errorf("%s: elements nested deeper than %d: %w", x.part, maxXMLDepth, ErrDamagedFile)
		}
	case xml.EndElement:
		x.depth--
	}
	return t, nil
}

func (x *xmlReader) damaged(err error) error {
	return fmt.Errorf("%s: %v: %w", x.part, err, ErrDamagedFile)
}

// skip consumes the rest of the element whose start was just read.
func (x *xmlReader) skip() error {
	for end := x.depth - 1; x.depth > end; {
		if _, err := x.next(); err != nil {
			return noEOF(x, err)
		}
	}
	return nil
}

// walk reads the rest of the element whose start was just read (or, at
// the top, the whole part), calling fn on each element that starts
// within it. fn may consume that element (skip, text, a reader of its
// own) or leave it, and then is called on the elements inside it in turn.
func (x *xmlReader) walk(fn func(se xml.StartElement) error) error {
	end := x.depth - 1
	for {
		t, err := x.next()
		if err == io.EOF && end < 0 {
			return nil
		}
		if err != nil {
			return noEOF(x, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			if x.depth == end {
				return nil
			}
		}
	}
}

// children is walk calling fn only on the element's own children.
func (x *xmlReader) children(fn func(se xml.StartElement) error) error {
	child := x.depth + 1
	return x.walk(func(se xml.StartElement) error {
		if x.depth != child {
			return nil
		}
		return fn(se)
	})
}

// text is the character data of the element whose start was just read,
// up to its end (elements inside it skipped).
func (x *xmlReader) text() (string, error) {
	var b strings.Builder
	for end := x.depth - 1; x.depth > end; {
		t, err := x.next()
		if err != nil {
			return "", noEOF(x, err)
		}
		if cd, ok := t.(xml.CharData); ok && x.depth == end+1 {
			b.Write(cd)
		}
	}
	return b.String(), nil
}

// noEOF turns the end of a part inside an element into damage (next
// reports io.EOF only at depth 0, which an open element never is; kept
// for safety).
func noEOF(x *xmlReader, err error) error {
	if err == io.EOF {
		return x.damaged(io.ErrUnexpectedEOF)
	}
	return err
}

// ooxmlPart unpacks a part through the zip's limits; absent, it is nil
// with no error (the caller decides whether the part is required).
func ooxmlPart(z *Zip, name string) ([]byte, error) {
	if !z.Has(name) {
		return nil, nil
	}
	return z.Read(name)
}

// ooxmlRel is one relationship of a package part.
type ooxmlRel struct {
	ID, Type string
	Target   string // a part name in the zip, resolved; "" when external
}

// relsOf reads the relationships of a part (ppt/presentation.xml →
// ppt/_rels/presentation.xml.rels); none when the part has none.
func relsOf(z *Zip, part string) ([]ooxmlRel, error) {
	dir, file := path.Split(part)
	name := dir + "_rels/" + file + ".rels"
	raw, err := ooxmlPart(z, name)
	if err != nil || raw == nil {
		return nil, err
	}
	x := newXMLReader(name, raw)
	var out []ooxmlRel
	for {
		t, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := t.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" || !nsRel[se.Name.Space] {
			continue
		}
		id, _ := xmlAttr(se, "Id")
		typ, _ := xmlAttr(se, "Type")
		target, _ := xmlAttr(se, "Target")
		if mode, _ := xmlAttr(se, "TargetMode"); strings.EqualFold(mode, "External") {
			target = ""
		} else {
			target = resolvePart(dir, target)
		}
		out = append(out, ooxmlRel{ID: id, Type: typ, Target: target})
	}
}

// resolvePart resolves a relationship's target against the folder of
// its source part: slides/slide1.xml from ppt/ is ppt/slides/slide1.xml,
// ../notesSlides/notesSlide1.xml from ppt/slides/ is
// ppt/notesSlides/notesSlide1.xml, /word/styles.xml is word/styles.xml.
func resolvePart(dir, target string) string {
	if target == "" {
		return ""
	}
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	p := path.Clean(path.Join(dir, target))
	if p == "." || strings.HasPrefix(p, "../") || p == ".." {
		return ""
	}
	return p
}

// relType reports whether a relationship is of a kind, named by the last
// segment of its type URI (styles, footnotes, notesSlide), transitional
// and strict alike.
func relType(r ooxmlRel, kind string) bool {
	return r.Type[strings.LastIndexByte(r.Type, '/')+1:] == kind
}

// coreTitle is the title in docProps/core.xml, or "".
func coreTitle(z *Zip) (string, error) {
	const name = "docProps/core.xml"
	raw, err := ooxmlPart(z, name)
	if err != nil || raw == nil {
		return "", err
	}
	x := newXMLReader(name, raw)
	for {
		t, err := x.next()
		if err == io.EOF {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if se, ok := t.(xml.StartElement); ok && nsDC.is(se.Name, "title") {
			s, err := x.text()
			return strings.TrimSpace(s), err
		}
	}
}

// textOut lays out a Document's Text line by line, with its Parts: the
// place in the file (section, slide) is set as it changes and a Part is
// opened where the next line begins; a table's rows each open a Row Part.
// Offsets are runes, counted as the text grows.
type textOut struct {
	b     strings.Builder
	n     int // runes in b
	parts []Part

	section []string // replaced, never changed in place: Parts share it
	where   string
	changed bool // the place changed since the last Part
}

// place sets where the lines that follow stand.
func (o *textOut) place(section []string, where string) {
	o.section, o.where, o.changed = section, where, true
}

func (o *textOut) push(p Part) {
	p.Start = o.n
	if k := len(o.parts) - 1; k >= 0 && o.parts[k].Start == o.n {
		o.parts[k] = p // nothing stood under the last one
		return
	}
	o.parts = append(o.parts, p)
}

// open opens a Part for the lines to come if the place changed or a
// table's rows ended.
func (o *textOut) open() {
	k := len(o.parts) - 1
	if o.changed || k >= 0 && o.parts[k].Row {
		o.push(Part{Section: o.section, Where: o.where})
		o.changed = false
	}
}

func (o *textOut) write(s string) {
	o.b.WriteString(s)
	o.b.WriteByte('\n')
	o.n += utf8.RuneCountInString(s) + 1
}

// line adds a line of text.
func (o *textOut) line(s string) {
	o.open()
	o.write(s)
}

// row adds one row of a table; header is the table's first row, "" for
// that row itself.
func (o *textOut) row(s, header string) {
	o.push(Part{Section: o.section, Where: o.where, Row: true, Header: header})
	o.write(s)
}

// add appends what another textOut laid out (a text box, a slide's
// shapes), its Parts placed where o stands.
func (o *textOut) add(sub *textOut) {
	if sub.n == 0 {
		return
	}
	if len(sub.parts) > 0 && sub.parts[0].Start == 0 {
		o.changed = false // the first of sub's Parts carries the place
	} else {
		o.open()
	}
	base := o.n
	o.b.WriteString(sub.b.String())
	for _, p := range sub.parts {
		p.Section, p.Where = o.section, o.where
		o.n = base + p.Start
		o.push(p)
	}
	o.n = base + sub.n
}

// ooxmlTable adds a table's rows to a textOut: each row one line, its cells
// between " | ", the first row the header of the rows after it.
type ooxmlTable struct {
	o      *textOut
	header string
	rows   int
}

func (t *ooxmlTable) add(cells []string) {
	blank := true
	for i, c := range cells {
		cells[i] = strings.TrimSpace(strings.ReplaceAll(c, "\n", " "))
		blank = blank && cells[i] == ""
	}
	if blank {
		return
	}
	s := strings.Join(cells, " | ")
	if t.rows == 0 {
		t.header = s
		t.o.row(s, "")
	} else {
		t.o.row(s, t.header)
	}
	t.rows++
}

// text is the String of the builder.
func (o *textOut) text() string { return o.b.String() }

// done is the Parts: sorted, the first at 0, none past the text's end.
func (o *textOut) done() []Part {
	ps := o.parts
	for len(ps) > 0 && ps[len(ps)-1].Start >= o.n {
		ps = ps[:len(ps)-1]
	}
	if len(ps) == 0 {
		return nil
	}
	if ps[0].Start != 0 {
		ps = append([]Part{{}}, ps...)
	}
	return ps
}

// lineJoiner joins stretches of text into one line: with a space between
// words of alphabetic scripts, with nothing where either side is Chinese
// (or Japanese, Korean) or already a space.
type lineJoiner struct {
	b    strings.Builder
	last rune
}

func (j *lineJoiner) add(s string) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
	if s == "" {
		return
	}
	first, _ := utf8.DecodeRuneInString(s)
	if j.b.Len() > 0 && !wideScript(j.last) && !wideScript(first) {
		j.b.WriteByte(' ')
	}
	j.b.WriteString(s)
	j.last, _ = utf8.DecodeLastRuneInString(s)
}

func (j *lineJoiner) String() string { return j.b.String() }

// wideScript reports a character of a script written without spaces between
// words, or of its punctuation.
func wideScript(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}
