package corpora

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DOCX: Word's Office Open XML documents (and WPS's, LibreOffice's).

func init() { zipReaders["docx"] = readDOCX }

const docxMain = "word/document.xml"

// maxTextBoxes is how deep text boxes may nest in one another.
const maxTextBoxes = 8

// readDOCX reads word/document.xml into lines, one a paragraph: headings
// (by outline level, of the paragraph or of its style) open Parts of
// their section and head the lines under them; list labels are computed
// from numbering.xml; a table's rows are one line each (cells between
// " | "); text boxes stand after the paragraph that anchors them;
// footnotes and endnotes follow the text under 脚注, numbered [1], [2] …
// in the order the text refers to them, as the references in the text
// are. Deleted text and field codes are left out, inserted text kept.
// Headers, footers, comments and charts are not read.
func readDOCX(f File, z *Zip) (Document, error) {
	r := &docxReader{
		styles:   map[string]*docxStyle{},
		nums:     map[string]*numDef{},
		counters: map[string]*numCounter{},
		noteNum:  map[string]int{},
	}
	rels, err := relsOf(z, docxMain)
	if err != nil {
		return Document{}, err
	}
	// Parts are found by their relationships, else where Word puts them.
	part := func(kind string) string {
		for _, rel := range rels {
			if relType(rel, kind) && rel.Target != "" {
				return rel.Target
			}
		}
		return "word/" + kind + ".xml"
	}
	if err := r.readStyles(z, part("styles")); err != nil {
		return Document{}, err
	}
	if err := r.readNumbering(z, part("numbering")); err != nil {
		return Document{}, err
	}
	raw, err := z.Read(docxMain)
	if err != nil {
		return Document{}, err
	}
	o := &textOut{}
	if err := r.body(newXMLReader(docxMain, raw), o, true); err != nil {
		return Document{}, err
	}
	if err := r.notes(z, o, part("footnotes"), part("endnotes")); err != nil {
		return Document{}, err
	}
	title, err := coreTitle(z)
	if err != nil {
		return Document{}, err
	}
	if title == "" {
		title = r.firstHeading
	}
	return Document{Title: title, Text: o.text(), Parts: o.done()}, nil
}

type docxReader struct {
	styles   map[string]*docxStyle
	nums     map[string]*numDef     // by numId
	counters map[string]*numCounter // by abstractNumId: lists of one definition count on together

	heads        []docxHeading // the headings above the current line
	firstHeading string

	refs     []docxNote     // referenced, in order of reference
	noteNum  map[string]int // "footnote 2" → its number in the text
	inNotes  bool           // reading notes: references in them are not counted
	boxes    int            // text boxes open
	noteText map[string]string
}

type docxHeading struct {
	level int // 0..8
	text  string
}

type docxNote struct {
	key string // "footnote 2", "endnote 1"
	n   int
}

type docxStyle struct {
	name, basedOn string
	outline       int // w:outlineLvl, -1 when not set (9: body text)
	num           docxNumPr
}

// docxNumPr is a w:numPr: a paragraph's list and level.
type docxNumPr struct {
	set   bool
	numID string // "" not given; "0": no list
	ilvl  int    // -1 not given
}

// docxPara is a paragraph as read: its properties and text, and the text
// boxes anchored in it.
type docxPara struct {
	style   string
	outline int
	num     docxNumPr
	text    strings.Builder
	boxes   []*textOut
}

// body reads the paragraphs and tables of the element just started (the
// whole part at its top) into o; headings says whether headings open
// sections (in the document's body, not in a text box).
func (r *docxReader) body(x *xmlReader, o *textOut, headings bool) error {
	return x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"): // the same content again, for older readers
			return x.skip()
		case !nsW[se.Name.Space]:
			return nil
		}
		switch se.Name.Local {
		case "p":
			p, err := r.paragraph(x)
			if err != nil {
				return err
			}
			r.emit(o, p, headings)
		case "tbl":
			return r.table(x, o)
		case "sectPr", "del", "moveFrom":
			return x.skip()
		}
		return nil
	})
}

// emit adds a paragraph read to o: a heading (when headings) opens its
// section.
func (r *docxReader) emit(o *textOut, p *docxPara, headings bool) {
	line := r.line(p)
	if strings.TrimSpace(line) != "" {
		if lvl := r.outline(p); headings && lvl >= 0 {
			line = strings.Join(strings.Fields(line), " ") // a heading is one line
			for len(r.heads) > 0 && r.heads[len(r.heads)-1].level >= lvl {
				r.heads = r.heads[:len(r.heads)-1]
			}
			r.heads = append(r.heads, docxHeading{lvl, line})
			section := make([]string, len(r.heads))
			for i, h := range r.heads {
				section[i] = h.text
			}
			o.place(section, "")
			if r.firstHeading == "" {
				r.firstHeading = line
			}
		}
		o.line(line)
	}
	for _, b := range p.boxes {
		o.add(b)
	}
}

// line is a paragraph's text with its list label; reading it counts the
// paragraph in its list, so it is called once per paragraph.
func (r *docxReader) line(p *docxPara) string {
	text := strings.TrimRight(p.text.String(), " \t\r\n")
	label, suff := r.label(p)
	if label == "" || strings.TrimSpace(text) == "" {
		return text
	}
	if l, _ := utf8.DecodeLastRuneInString(label); suff == "nothing" || l >= 0x3000 && l <= 0x303F || l >= 0xFF00 && l <= 0xFFEF {
		return label + text // 一、总则, （1）说明
	}
	return label + " " + text
}

// paragraph reads the w:p just started.
func (r *docxReader) paragraph(x *xmlReader) (*docxPara, error) {
	p := &docxPara{outline: -1, num: docxNumPr{ilvl: -1}}
	err := x.walk(func(se xml.StartElement) error {
		if nsMC.is(se.Name, "Fallback") {
			return x.skip()
		}
		if nsM.is(se.Name, "t") { // an equation's text
			s, err := x.text()
			p.text.WriteString(s)
			return err
		}
		if !nsW[se.Name.Space] {
			return nil
		}
		switch se.Name.Local {
		case "pPr":
			return r.pPr(x, p)
		case "t":
			s, err := x.text()
			p.text.WriteString(s)
			return err
		case "tab", "ptab":
			p.text.WriteByte('\t')
		case "br", "cr":
			p.text.WriteByte('\n')
		case "noBreakHyphen":
			p.text.WriteByte('-')
		case "footnoteReference", "endnoteReference":
			if id, ok := xmlAttr(se, "id"); ok && !r.inNotes {
				fmt.Fprintf(&p.text, "[%d]", r.noteRef(strings.TrimSuffix(se.Name.Local, "Reference")+" "+id))
			}
		case "txbxContent":
			// A box's text is copied into the box around it: Word
			// nests none, a crafted file could nest hundreds.
			if r.boxes == maxTextBoxes {
				return x.damaged(fmt.Errorf("text boxes nested deeper than %d", maxTextBoxes))
			}
			r.boxes++
			box := &textOut{}
			err := r.body(x, box, false)
			r.boxes--
			p.boxes = append(p.boxes, box)
			return err
		case "rPr", "del", "moveFrom", "delText", "instrText", "delInstrText", "sectPr":
			// Formatting, deleted text, field codes: no text to read.
			return x.skip()
		}
		return nil
	})
	return p, err
}

// pPr reads a paragraph's properties: its style, list and outline level.
func (r *docxReader) pPr(x *xmlReader, p *docxPara) error {
	return x.children(func(se xml.StartElement) error {
		switch {
		case nsW.is(se.Name, "pStyle"):
			p.style, _ = xmlAttr(se, "val")
		case nsW.is(se.Name, "outlineLvl"):
			p.outline = atoi(se, -1)
		case nsW.is(se.Name, "numPr"):
			return readNumPr(x, &p.num)
		case nsW.is(se.Name, "pPrChange"): // the properties before a tracked change
			return x.skip()
		}
		return nil
	})
}

func readNumPr(x *xmlReader, n *docxNumPr) error {
	n.set = true
	return x.children(func(se xml.StartElement) error {
		switch {
		case nsW.is(se.Name, "numId"):
			n.numID, _ = xmlAttr(se, "val")
		case nsW.is(se.Name, "ilvl"):
			n.ilvl = atoi(se, -1)
		}
		return nil
	})
}

// atoi is an element's w:val as a number, or def.
func atoi(se xml.StartElement, def int) int {
	v, _ := xmlAttr(se, "val")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return def
	}
	return n
}

// table reads the w:tbl just started into o, a row a line.
func (r *docxReader) table(x *xmlReader, o *textOut) error {
	t := &ooxmlTable{o: o}
	return x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"), nsW.is(se.Name, "tblPr"), nsW.is(se.Name, "tblGrid"):
			return x.skip()
		case nsW.is(se.Name, "tr"):
			cells, deleted, err := r.row(x)
			if err != nil {
				return err
			}
			if !deleted {
				t.add(cells)
			}
		}
		return nil
	})
}

// row reads the w:tr just started: its cells' text, and whether it is a
// deleted row (a tracked change).
func (r *docxReader) row(x *xmlReader) (cells []string, deleted bool, err error) {
	depth := x.depth
	err = x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"):
			return x.skip()
		case nsW.is(se.Name, "trPr") && x.depth == depth+1:
			return x.children(func(c xml.StartElement) error {
				deleted = deleted || nsW.is(c.Name, "del")
				return nil
			})
		case nsW.is(se.Name, "tc"):
			s, err := r.cell(x)
			cells = append(cells, s)
			return err
		}
		return nil
	})
	return cells, deleted, err
}

// cell reads the w:tc just started into one line: its paragraphs, and
// those of tables and text boxes inside it, joined. A cell merged with
// the one above it is empty.
func (r *docxReader) cell(x *xmlReader) (string, error) {
	var (
		j     lineJoiner
		cont  bool
		depth = x.depth
	)
	err := x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"):
			return x.skip()
		case nsW.is(se.Name, "tcPr"):
			if x.depth != depth+1 {
				return x.skip() // a nested table's cell
			}
			return x.children(func(c xml.StartElement) error {
				if nsW.is(c.Name, "vMerge") {
					v, _ := xmlAttr(c, "val")
					cont = cont || v != "restart"
				}
				return nil
			})
		case nsW.is(se.Name, "p"):
			return r.joinParagraph(x, &j)
		}
		return nil
	})
	if cont {
		return "", err
	}
	return j.String(), err
}

// joinParagraph reads the w:p just started onto a line being joined
// (a cell's, a note's), with the text boxes in it.
func (r *docxReader) joinParagraph(x *xmlReader, j *lineJoiner) error {
	p, err := r.paragraph(x)
	if err != nil {
		return err
	}
	j.add(r.line(p))
	for _, b := range p.boxes {
		j.add(b.text())
	}
	return nil
}

// noteRef numbers a reference to a note, in order of reference.
func (r *docxReader) noteRef(key string) int {
	if n, ok := r.noteNum[key]; ok {
		return n
	}
	n := len(r.refs) + 1
	r.noteNum[key] = n
	r.refs = append(r.refs, docxNote{key, n})
	return n
}

// notes adds the referenced footnotes and endnotes, under 脚注.
func (r *docxReader) notes(z *Zip, o *textOut, footnotes, endnotes string) error {
	if len(r.refs) == 0 {
		return nil
	}
	r.inNotes = true
	r.noteText = map[string]string{}
	for _, n := range []struct{ part, kind string }{{footnotes, "footnote"}, {endnotes, "endnote"}} {
		if err := r.readNotes(z, n.part, n.kind); err != nil {
			return err
		}
	}
	placed := false
	for _, n := range r.refs {
		s := r.noteText[n.key]
		if s == "" {
			continue
		}
		if !placed {
			o.place([]string{"脚注"}, "")
			o.line("脚注")
			placed = true
		}
		o.line("[" + strconv.Itoa(n.n) + "] " + s)
	}
	return nil
}

// readNotes reads the notes of one kind (footnote, endnote) that the
// text refers to.
func (r *docxReader) readNotes(z *Zip, name, kind string) error {
	raw, err := ooxmlPart(z, name)
	if err != nil || raw == nil {
		return err
	}
	x := newXMLReader(name, raw)
	return x.walk(func(se xml.StartElement) error {
		if !nsW.is(se.Name, kind) {
			return nil
		}
		id, _ := xmlAttr(se, "id")
		key := kind + " " + id
		if _, ok := r.noteNum[key]; !ok {
			return x.skip() // separators, and notes nothing refers to
		}
		var j lineJoiner
		err := x.walk(func(se xml.StartElement) error {
			if nsMC.is(se.Name, "Fallback") {
				return x.skip()
			}
			if !nsW.is(se.Name, "p") {
				return nil
			}
			return r.joinParagraph(x, &j)
		})
		r.noteText[key] = j.String()
		return err
	})
}

// outline is a paragraph's outline level, 0..8 for a heading (of level
// 1..9), -1 for body text: its own, else its style's, else that of the
// style it is based on, a style named "heading N" being of level N-1.
func (r *docxReader) outline(p *docxPara) int {
	if p.outline >= 0 {
		return outlineLevel(p.outline)
	}
	id := p.style
	for i := 0; i < 32 && id != ""; i++ { // a loop of basedOn ends
		st := r.styles[id]
		if st == nil {
			return headingName(id)
		}
		if st.outline >= 0 {
			return outlineLevel(st.outline)
		}
		if l := headingName(st.name); l >= 0 {
			return l
		}
		if l := headingName(id); l >= 0 {
			return l
		}
		id = st.basedOn
	}
	return -1
}

func outlineLevel(outline int) int {
	if outline > 8 {
		return -1
	}
	return outline
}

// headingName is the outline level a style's name or id says: heading 1,
// Heading1, 标题 1, 标题1 are 0.
func headingName(s string) int {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			rest = strings.TrimSpace(rest)
			if len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
				return int(rest[0] - '1')
			}
		}
	}
	return -1
}

// readStyles reads the paragraph styles: names, basedOn, outline levels
// and lists.
func (r *docxReader) readStyles(z *Zip, name string) error {
	raw, err := ooxmlPart(z, name)
	if err != nil || raw == nil {
		return err
	}
	x := newXMLReader(name, raw)
	return x.walk(func(se xml.StartElement) error {
		if !nsW.is(se.Name, "style") {
			return nil
		}
		id, _ := xmlAttr(se, "styleId")
		st := &docxStyle{outline: -1, num: docxNumPr{ilvl: -1}}
		r.styles[id] = st
		return x.children(func(c xml.StartElement) error {
			switch {
			case nsW.is(c.Name, "name"):
				st.name, _ = xmlAttr(c, "val")
			case nsW.is(c.Name, "basedOn"):
				st.basedOn, _ = xmlAttr(c, "val")
			case nsW.is(c.Name, "pPr"):
				return x.children(func(pc xml.StartElement) error {
					switch {
					case nsW.is(pc.Name, "outlineLvl"):
						st.outline = atoi(pc, -1)
					case nsW.is(pc.Name, "numPr"):
						return readNumPr(x, &st.num)
					}
					return nil
				})
			default:
				return x.skip()
			}
			return nil
		})
	})
}

// maxLabel is the most bytes of a list level's text (w:lvlText) read.
const maxLabel = 64

// numLevel is one level of a list's numbering.
type numLevel struct {
	set     bool
	start   int
	format  string // w:numFmt: decimal, chineseCounting, bullet …
	text    string // w:lvlText: "%1.", "第%1章", "%1.%2"
	suff    string // tab, space, nothing
	restart int    // w:lvlRestart, -1 when not set
	style   string // w:pStyle: the paragraph style that takes this level
}

// numDef is a list (w:num): its abstract definition's levels with the
// list's overrides.
type numDef struct {
	abstract string
	levels   [9]numLevel
	// restart marks a level's w:startOverride: the list's first
	// paragraph at that level starts counting again (Word's "restart
	// numbering"), which lists of one definition otherwise share.
	restart [9]bool
}

type numCounter struct {
	val [9]int
	on  [9]bool // counting has begun at this level
}

// readNumbering reads the lists' levels, each w:num's abstract levels with
// its overrides.
func (r *docxReader) readNumbering(z *Zip, name string) error {
	raw, err := ooxmlPart(z, name)
	if err != nil || raw == nil {
		return err
	}
	type abstractNum struct {
		levels [9]numLevel
		link   string // w:numStyleLink: the levels are those of this numbering style's list
	}
	abstract := map[string]*abstractNum{}
	type override struct {
		start    int
		hasStart bool
		level    *numLevel
	}
	type num struct {
		abstract  string
		overrides map[int]*override
	}
	var (
		ids  []string
		nums = map[string]*num{}
	)
	x := newXMLReader(name, raw)
	err = x.walk(func(se xml.StartElement) error {
		switch {
		case nsW.is(se.Name, "abstractNum"):
			id, _ := xmlAttr(se, "abstractNumId")
			a := &abstractNum{}
			abstract[id] = a
			return x.children(func(c xml.StartElement) error {
				if nsW.is(c.Name, "numStyleLink") {
					a.link, _ = xmlAttr(c, "val")
				}
				if !nsW.is(c.Name, "lvl") {
					return x.skip()
				}
				i, l, err := readLevel(x, c)
				if i >= 0 && i < 9 {
					a.levels[i] = l
				}
				return err
			})
		case nsW.is(se.Name, "num"):
			id, _ := xmlAttr(se, "numId")
			n := &num{overrides: map[int]*override{}}
			if _, dup := nums[id]; !dup {
				ids = append(ids, id)
			}
			nums[id] = n
			return x.children(func(c xml.StartElement) error {
				switch {
				case nsW.is(c.Name, "abstractNumId"):
					n.abstract, _ = xmlAttr(c, "val")
				case nsW.is(c.Name, "lvlOverride"):
					v, _ := xmlAttr(c, "ilvl")
					i, err := strconv.Atoi(v)
					if err != nil || i < 0 || i > 8 {
						return x.skip()
					}
					o := &override{}
					n.overrides[i] = o
					return x.children(func(oc xml.StartElement) error {
						switch {
						case nsW.is(oc.Name, "startOverride"):
							o.start, o.hasStart = atoi(oc, 0), true
						case nsW.is(oc.Name, "lvl"):
							_, l, err := readLevel(x, oc)
							o.level = &l
							return err
						}
						return nil
					})
				}
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		n := nums[id]
		absID := n.abstract
		a := abstract[absID]
		if a != nil && a.link != "" {
			// A list style's levels are defined by the list the
			// style names, whose definition links back to it.
			if st := r.styles[a.link]; st != nil {
				if m := nums[st.num.numID]; m != nil && abstract[m.abstract] != nil {
					absID = m.abstract
					a = abstract[absID]
				}
			}
		}
		if a == nil {
			continue
		}
		def := &numDef{abstract: absID, levels: a.levels}
		for i, o := range n.overrides {
			if o.level != nil {
				def.levels[i] = *o.level
			}
			if o.hasStart {
				def.levels[i].start = o.start
				def.restart[i] = true
			}
		}
		r.nums[id] = def
	}
	return nil
}

// readLevel reads the w:lvl just started.
func readLevel(x *xmlReader, se xml.StartElement) (int, numLevel, error) {
	i := -1
	if v, ok := xmlAttr(se, "ilvl"); ok {
		i, _ = strconv.Atoi(v)
	}
	l := numLevel{set: true, format: "decimal", suff: "tab", restart: -1}
	err := x.children(func(c xml.StartElement) error {
		if !nsW[c.Name.Space] {
			return x.skip()
		}
		v, _ := xmlAttr(c, "val")
		switch c.Name.Local {
		case "start":
			l.start = atoi(c, 0)
		case "numFmt":
			l.format = v
		case "lvlText":
			// Labels are short; a long one would be written again
			// on every paragraph of the list.
			if len(v) > maxLabel {
				i := maxLabel
				for i > 0 && !utf8.RuneStart(v[i]) {
					i--
				}
				v = v[:i]
			}
			l.text = v
		case "suff":
			l.suff = v
		case "lvlRestart":
			l.restart = atoi(c, -1)
		case "pStyle":
			l.style = v
		default:
			return x.skip()
		}
		return nil
	})
	return i, l, err
}

// label counts a paragraph in its list, if it is in one, and gives its
// label (1., 一、, •) and what follows the label (w:suff).
func (r *docxReader) label(p *docxPara) (string, string) {
	num := p.num
	// The style's list, where the paragraph names none or not all.
	id := p.style
	for i := 0; i < 32 && id != "" && (num.numID == "" || num.ilvl < 0); i++ {
		st := r.styles[id]
		if st == nil {
			break
		}
		if st.num.set {
			if num.numID == "" {
				num.numID = st.num.numID
			}
			if num.ilvl < 0 {
				num.ilvl = st.num.ilvl
			}
		}
		id = st.basedOn
	}
	def := r.nums[num.numID]
	if def == nil {
		return "", ""
	}
	lv := &def.levels
	ilvl := num.ilvl
	if ilvl < 0 {
		// A heading style's list names the level that takes the style.
		ilvl = 0
		for i := range lv {
			if lv[i].style != "" && lv[i].style == p.style {
				ilvl = i
			}
		}
	}
	if ilvl > 8 || !lv[ilvl].set {
		return "", ""
	}
	c := r.counters[def.abstract]
	if c == nil {
		c = &numCounter{}
		r.counters[def.abstract] = c
	}
	if def.restart[ilvl] {
		c.on[ilvl], def.restart[ilvl] = false, false
	}
	if c.on[ilvl] {
		c.val[ilvl]++
	} else {
		c.val[ilvl], c.on[ilvl] = lv[ilvl].start, true
	}
	for k := ilvl + 1; k < 9; k++ {
		if rs := lv[k].restart; rs < 0 || ilvl < rs {
			c.on[k] = false
		}
	}
	l := lv[ilvl]
	if l.format == "bullet" {
		return "•", l.suff
	}
	var b strings.Builder
	for i := 0; i < len(l.text); i++ {
		ch := l.text[i]
		if ch == '%' && i+1 < len(l.text) && l.text[i+1] >= '1' && l.text[i+1] <= '9' {
			k := int(l.text[i+1] - '1')
			n := lv[k].start
			if c.on[k] {
				n = c.val[k]
			}
			b.WriteString(formatNumber(n, lv[k].format))
			i++
			continue
		}
		b.WriteByte(ch)
	}
	return strings.TrimSpace(b.String()), l.suff
}

// formatNumber writes a list's number in a numbering format of
// WordprocessingML (w:numFmt); formats not known, and numbers past a
// format's range, are decimal.
func formatNumber(n int, format string) string {
	if format == "none" {
		return ""
	}
	if n <= 0 {
		return strconv.Itoa(n)
	}
	switch format {
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		if n <= 26*30 {
			// Word goes a … z, aa … zz, aaa …
			a := 'a'
			if format == "upperLetter" {
				a = 'A'
			}
			return strings.Repeat(string(a+rune((n-1)%26)), (n-1)/26+1)
		}
	case "lowerRoman", "upperRoman":
		if n < 4000 {
			s := romanNumeral(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "koreanCounting":
		if n < 100000 {
			return chineseNumber(n, []rune("〇一二三四五六七八九"), []rune("十百千万"), true)
		}
	case "chineseLegalSimplified":
		if n < 100000 {
			return chineseNumber(n, []rune("零壹贰叁肆伍陆柒捌玖"), []rune("拾佰仟万"), false)
		}
	case "ideographLegalTraditional", "japaneseLegal":
		if n < 100000 {
			return chineseNumber(n, []rune("零壹貳參肆伍陸柒捌玖"), []rune("拾佰仟萬"), false)
		}
	case "ideographTraditional": // the heavenly stems
		if n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "ideographZodiac": // the earthly branches
		if n <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[n-1])
		}
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteRune([]rune("〇一二三四五六七八九")[d-'0'])
		}
		return b.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		if n <= 20 {
			return string(rune(0x2460 + n - 1)) // ①
		}
	case "decimalEnclosedParen":
		if n <= 20 {
			return string(rune(0x2474 + n - 1)) // ⑴
		}
	case "decimalEnclosedFullstop":
		if n <= 20 {
			return string(rune(0x2488 + n - 1)) // ⒈
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, d := range strconv.Itoa(n) {
			b.WriteRune(d - '0' + '０')
		}
		return b.String()
	}
	return strconv.Itoa(n)
}

func romanNumeral(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for ; n >= p.v; n -= p.v {
			b.WriteString(p.s)
		}
	}
	return b.String()
}

// chineseNumber writes 0 < n < 100000 in Chinese numerals: 十一, 一百零五,
// 二千零二十; short drops the 一 of 一十 (十 … 十九), as counting does and
// legal numerals (壹拾) do not.
func chineseNumber(n int, digits, units []rune, short bool) string {
	var b strings.Builder
	s := strconv.Itoa(n)
	zero := false
	for i, d := range s {
		pos := len(s) - 1 - i // 0 ones, 1 tens …
		if d == '0' {
			zero = true
			continue
		}
		if zero && b.Len() > 0 {
			b.WriteRune(digits[0])
		}
		zero = false
		if !(short && pos == 1 && i == 0 && d == '1') {
			b.WriteRune(digits[d-'0'])
		}
		if pos > 0 {
			b.WriteRune(units[pos-1])
		}
	}
	if b.Len() == 0 {
		return string(digits[0])
	}
	// Counting writes 零 for a gap, not 〇.
	return strings.ReplaceAll(b.String(), "〇", "零")
}
