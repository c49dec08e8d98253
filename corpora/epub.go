package corpora

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// EPUB books: the chapters in reading order — the spine of the package
// that META-INF/container.xml names — each one's visible text as a
// browser shows it (HTMLText).

func init() { zipReaders["epub"] = readEPUB }

// epubPackage is what the package document (the OPF) says of a book.
type epubPackage struct {
	title string
	items map[string]epubItem // the manifest, by id
	spine []string            // ids, in reading order
}

type epubItem struct{ href, mediaType, properties string }

func readEPUB(_ File, z *Zip) (Document, error) {
	opfName, err := epubRootfile(z)
	if err != nil {
		return Document{}, err
	}
	opf, err := z.Read(opfName)
	if err != nil {
		return Document{}, fmt.Errorf("epub: %w", err)
	}
	pkg, err := readOPF(opfName, opf)
	if err != nil {
		return Document{}, err
	}
	locked, err := epubEncrypted(z)
	if err != nil {
		return Document{}, err
	}
	var (
		w        runeParts
		replaced int
		dir      = path.Dir(opfName)
		seen     = map[string]bool{}
	)
	w.mark(Part{})
	for _, id := range pkg.spine {
		it, ok := pkg.items[id]
		if !ok {
			return Document{}, fmt.Errorf("epub: %s: the spine names item %q, which the manifest lacks: %w", opfName, id, ErrDamagedFile)
		}
		// The navigation document repeats the headings as a table of
		// contents; other media (SVG, images) hold no text HTMLText reads.
		if !epubHTML(it.mediaType) || hasWord(it.properties, "nav") {
			continue
		}
		name := epubHref(z, dir, it.href)
		if seen[name] {
			continue
		}
		seen[name] = true
		if locked[name] {
			return Document{}, fmt.Errorf("epub: %s: %w", name, ErrEncrypted)
		}
		raw, err := z.Read(name)
		if err != nil {
			return Document{}, fmt.Errorf("epub: %w", err)
		}
		src, dec, err := Decode(raw)
		if errors.Is(err, ErrEmpty) {
			continue
		}
		if err != nil {
			return Document{}, fmt.Errorf("epub: %s: %v: %w", name, err, ErrDamagedFile)
		}
		replaced += dec.Replaced
		src = xhtmlAsHTML(src)
		title, body := HTMLText(src)
		if body == "" {
			continue
		}
		w.mark(Part{Section: epubSection(title, pkg.title, src)})
		w.line(body)
	}
	d := w.doc(pkg.title)
	d.Replaced = replaced
	return d, nil
}

// epubRootfile is the package document container.xml names: the first
// rootfile of the OPF media type, else the first.
func epubRootfile(z *Zip) (string, error) {
	const name = "META-INF/container.xml"
	b, err := z.Read(name)
	if err != nil {
		return "", fmt.Errorf("epub: %w", err)
	}
	in := newBoundedXML("epub "+name, b)
	first := ""
	for {
		t, err := in.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		s, ok := t.(xml.StartElement)
		if !ok || s.Name.Local != "rootfile" {
			continue
		}
		p := strings.TrimPrefix(strings.TrimSpace(attrOf(s, "", "full-path")), "/")
		if p == "" {
			continue
		}
		if strings.TrimSpace(attrOf(s, "", "media-type")) == "application/oebps-package+xml" {
			return p, nil
		}
		if first == "" {
			first = p
		}
	}
	if first == "" {
		return "", fmt.Errorf("epub: %s names no package document: %w", name, ErrDamagedFile)
	}
	return first, nil
}

// readOPF reads the package document: the title in its metadata, the
// manifest, the spine.
func readOPF(name string, b []byte) (epubPackage, error) {
	pkg := epubPackage{items: map[string]epubItem{}}
	in := newBoundedXML("epub "+name, b)
	in.d.Entity = xml.HTMLEntity // &nbsp; and the like, which some producers write in titles
	meta := 0                    // depth of the metadata element while inside it
	for {
		t, err := in.next()
		if err == io.EOF {
			return pkg, nil
		}
		if err != nil {
			return epubPackage{}, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "metadata":
				if meta == 0 {
					meta = in.depth
				}
			case "title":
				if meta > 0 && pkg.title == "" {
					s, err := in.text()
					if err != nil {
						return epubPackage{}, err
					}
					pkg.title = collapse(s)
				}
			case "item":
				pkg.items[attrOf(t, "", "id")] = epubItem{
					href:       attrOf(t, "", "href"),
					mediaType:  strings.ToLower(strings.TrimSpace(attrOf(t, "", "media-type"))),
					properties: attrOf(t, "", "properties"),
				}
			case "itemref":
				pkg.spine = append(pkg.spine, attrOf(t, "", "idref"))
			}
		case xml.EndElement:
			if meta == in.depth+1 {
				meta = 0
			}
		}
	}
}

// epubEncrypted lists the resources META-INF/encryption.xml says are
// encrypted: fonts obfuscated against copying (which no text needs), or
// whole chapters under DRM.
func epubEncrypted(z *Zip) (map[string]bool, error) {
	const name = "META-INF/encryption.xml"
	b, err := z.Read(name)
	if errors.Is(err, errNoEntry) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("epub: %w", err)
	}
	locked := map[string]bool{}
	in := newBoundedXML("epub "+name, b)
	for {
		t, err := in.next()
		if err == io.EOF {
			return locked, nil
		}
		if err != nil {
			return nil, err
		}
		if s, ok := t.(xml.StartElement); ok && s.Name.Local == "CipherReference" {
			// Paths here are relative to the container's root.
			locked[epubHref(z, ".", attrOf(s, "", "URI"))] = true
		}
	}
}

// epubHref resolves a manifest href against the package document's
// folder: its fragment cut, percent-escapes decoded (the name as written
// kept when only it is in the zip).
func epubHref(z *Zip, dir, href string) string {
	if i := strings.IndexByte(href, '#'); i >= 0 {
		href = href[:i]
	}
	resolve := func(h string) string {
		if strings.HasPrefix(h, "/") {
			return strings.TrimPrefix(path.Clean(h), "/")
		}
		return path.Join(dir, h)
	}
	name := resolve(href)
	if u, err := url.PathUnescape(href); err == nil && u != href {
		if d := resolve(u); z.Has(d) || !z.Has(name) {
			name = d
		}
	}
	return name
}

func epubHTML(mediaType string) bool {
	mediaType, _, _ = strings.Cut(mediaType, ";")
	mediaType = strings.TrimSpace(mediaType)
	return mediaType == "application/xhtml+xml" || mediaType == "text/html"
}

func hasWord(list, word string) bool {
	for _, f := range strings.Fields(list) {
		if f == word {
			return true
		}
	}
	return false
}

// selfClosingRaw matches an XHTML empty element that HTML reads as the
// start of raw text running to its end tag: <title/> would make the whole
// chapter its title.
var selfClosingRaw = regexp.MustCompile(`(?i)<(title|script|style|textarea|iframe|noscript|noembed|noframes|xmp)(\s[^<>]*?)?/>`)

// xhtmlAsHTML writes XHTML's empty raw-text elements with end tags, so
// that an HTML parser reads the chapter as an XHTML reader does.
func xhtmlAsHTML(src string) string {
	if !strings.Contains(src, "/>") {
		return src
	}
	return selfClosingRaw.ReplaceAllString(src, "<$1$2></$1>")
}

// epubSection names a chapter: its <title>, unless that is missing or
// only the book's title again (as many producers write in every
// chapter), when its first heading does.
func epubSection(title, book, src string) []string {
	if title != "" && title != book {
		return []string{title}
	}
	if h := firstHeading(src); h != "" {
		return []string{h}
	}
	if title != "" {
		return []string{title}
	}
	return nil
}

// firstHeading is the text of a page's first heading (h1–h6) that has
// any.
func firstHeading(src string) string {
	t := html.NewTokenizer(strings.NewReader(src))
	var (
		b   strings.Builder
		tag string // the heading being read
	)
	for {
		switch t.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken:
			if name, _ := t.TagName(); tag == "" && len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
				tag = string(name)
			}
		case html.EndTagToken:
			if name, _ := t.TagName(); tag != "" && string(name) == tag {
				if s := collapse(b.String()); s != "" {
					return s
				}
				tag = ""
				b.Reset()
			}
		case html.TextToken:
			if tag != "" {
				b.Write(t.Text())
			}
		}
	}
}
