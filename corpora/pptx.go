package corpora

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// PPTX: PowerPoint's Office Open XML presentations.

func init() { zipReaders["pptx"] = readPPTX }

const pptxMain = "ppt/presentation.xml"

// readPPTX reads the slides in the presentation's order (p:sldIdLst, not
// the files' names), hidden ones too. Each slide opens a Part, 第 N 张幻灯片
// under its title; its title is its first line, then the text of its
// other shapes in the order they are drawn (groups looked into), a
// table's rows a line each, and its speaker notes on a line beginning
// 备注：. Slide numbers, dates and footers are left out, and so is the
// text of charts, of SmartArt and of the masters' and layouts'
// placeholders.
func readPPTX(f File, z *Zip) (Document, error) {
	raw, err := z.Read(pptxMain)
	if err != nil {
		return Document{}, err
	}
	var ids []string
	x := newXMLReader(pptxMain, raw)
	err = x.walk(func(se xml.StartElement) error {
		if !nsP.is(se.Name, "sldIdLst") {
			return nil
		}
		return x.children(func(c xml.StartElement) error {
			if id, ok := xmlAttrNS(c, nsR, "id"); ok && nsP.is(c.Name, "sldId") {
				ids = append(ids, id)
			}
			return nil
		})
	})
	if err != nil {
		return Document{}, err
	}
	rels, err := relsOf(z, pptxMain)
	if err != nil {
		return Document{}, err
	}
	slides := map[string]string{}
	for _, r := range rels {
		if relType(r, "slide") {
			slides[r.ID] = r.Target
		}
	}
	o := &textOut{}
	var first string
	read := map[string]bool{}
	for i, id := range ids {
		name := slides[id]
		if name == "" {
			return Document{}, fmt.Errorf("%s: slide %q has no part: %w", pptxMain, id, ErrDamagedFile)
		}
		if read[name] {
			continue // listed twice: PowerPoint never does, a crafted file might, many times
		}
		read[name] = true
		title, shapes, err := readSlide(z, name)
		if err != nil {
			return Document{}, err
		}
		notes, err := readSlideNotes(z, name)
		if err != nil {
			return Document{}, err
		}
		var section []string
		if title != "" {
			section = []string{title}
			if first == "" {
				first = title
			}
		}
		o.place(section, fmt.Sprintf("第 %d 张幻灯片", i+1))
		if title != "" {
			o.line(title)
		}
		o.add(shapes)
		if notes != "" {
			o.line("备注：" + notes)
		}
	}
	title, err := coreTitle(z)
	if err != nil {
		return Document{}, err
	}
	if title == "" {
		title = first
	}
	return Document{Title: title, Text: o.text(), Parts: o.done()}, nil
}

// readSlide reads a slide: its title (of the title placeholder) and the
// lines of its other shapes.
func readSlide(z *Zip, name string) (string, *textOut, error) {
	raw, err := z.Read(name)
	if err != nil {
		return "", nil, err
	}
	var (
		title  string
		shapes = &textOut{}
		x      = newXMLReader(name, raw)
	)
	err = x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"):
			return x.skip()
		case nsA.is(se.Name, "tbl"):
			return pptxTable(x, shapes)
		case !nsP.is(se.Name, "sp"):
			return nil
		}
		ph, paras, err := pptxShape(x)
		if err != nil {
			return err
		}
		switch ph {
		case "title", "ctrTitle":
			if title == "" {
				var j lineJoiner
				for _, p := range paras {
					j.add(p)
				}
				title = j.String()
				return nil
			}
		case "sldNum", "dt", "ftr":
			return nil
		}
		for _, p := range paras {
			shapes.line(p)
		}
		return nil
	})
	return title, shapes, err
}

// readSlideNotes is the text of a slide's notes page, "" when it has
// none.
func readSlideNotes(z *Zip, slide string) (string, error) {
	rels, err := relsOf(z, slide)
	if err != nil {
		return "", err
	}
	var name string
	for _, r := range rels {
		if relType(r, "notesSlide") {
			name = r.Target
		}
	}
	raw, err := ooxmlPart(z, name)
	if err != nil || raw == nil {
		return "", err
	}
	var lines []string
	x := newXMLReader(name, raw)
	err = x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"):
			return x.skip()
		case !nsP.is(se.Name, "sp"):
			return nil
		}
		ph, paras, err := pptxShape(x)
		switch ph {
		case "sldImg", "sldNum", "hdr", "ftr", "dt":
			return err
		}
		lines = append(lines, paras...)
		return err
	})
	return strings.Join(lines, "\n"), err
}

// pptxShape reads the p:sp just started: its placeholder's type ("" when
// not a placeholder, "obj" when one of no type) and its paragraphs' text,
// empty ones left out.
func pptxShape(x *xmlReader) (string, []string, error) {
	var (
		ph    string
		paras []string
	)
	err := x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"):
			return x.skip()
		case nsP.is(se.Name, "ph"):
			ph = "obj"
			if t, ok := xmlAttr(se, "type"); ok {
				ph = t
			}
		case nsA.is(se.Name, "p"):
			s, err := pptxParagraph(x)
			if strings.TrimSpace(s) != "" {
				paras = append(paras, s)
			}
			return err
		}
		return nil
	})
	return ph, paras, err
}

// pptxParagraph reads the a:p just started: its runs' and fields' text,
// a line break a newline.
func pptxParagraph(x *xmlReader) (string, error) {
	var b strings.Builder
	err := x.walk(func(se xml.StartElement) error {
		switch {
		case nsMC.is(se.Name, "Fallback"):
			return x.skip()
		case nsA.is(se.Name, "t"):
			s, err := x.text()
			b.WriteString(s)
			return err
		case nsA.is(se.Name, "br"):
			b.WriteByte('\n')
		case nsA.is(se.Name, "rPr"), nsA.is(se.Name, "pPr"), nsA.is(se.Name, "endParaRPr"):
			return x.skip()
		}
		return nil
	})
	return strings.TrimRight(b.String(), " \t\r\n"), err
}

// pptxTable reads the a:tbl just started into o, a row a line; a cell
// merged into its neighbour is empty.
func pptxTable(x *xmlReader, o *textOut) error {
	t := &ooxmlTable{o: o}
	return x.walk(func(se xml.StartElement) error {
		if !nsA.is(se.Name, "tr") {
			return nil
		}
		var cells []string
		err := x.walk(func(se xml.StartElement) error {
			if !nsA.is(se.Name, "tc") {
				return nil
			}
			for _, m := range []string{"hMerge", "vMerge"} {
				if v, _ := xmlAttr(se, m); v == "1" || v == "true" {
					cells = append(cells, "")
					return x.skip()
				}
			}
			var j lineJoiner
			err := x.walk(func(se xml.StartElement) error {
				if !nsA.is(se.Name, "p") {
					return nil
				}
				s, err := pptxParagraph(x)
				j.add(s)
				return err
			})
			cells = append(cells, j.String())
			return err
		})
		if err != nil {
			return err
		}
		t.add(cells)
		return nil
	})
}
