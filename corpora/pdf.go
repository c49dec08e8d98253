package corpora

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// PDF: the text layer, read with github.com/ledongthuc/pdf (pure Go; its
// ToUnicode and CID-font decoding gave the same characters as PDFium's on
// the Debian reference, in 0.4 of the time with start-up counted: see the
// README), laid out here: pieces of text grouped into lines by their
// baseline, lines into paragraphs (joined without a space between Chinese
// characters), running headers, footers and page numbers dropped, every
// stretch of text tagged with its page, and headings taken from the
// document's outline (bookmarks) when it has one.

func init() { pdfReader = readPDF }

// MaxPDFPages bounds the pages read from one PDF.
const MaxPDFPages = 20000

// pdfLine is one line of a page.
type pdfLine struct {
	text string
	y    float64 // baseline, points from the bottom
	size float64 // font size
	runs int     // runes
	// x0 is where the line starts and x1 where it ends (0 when a font gave
	// no widths).
	x0, x1 float64
	// low is the lowest baseline its pieces were drawn at (a row whose
	// cells wrap spans several).
	low float64
	// cols are where a table row's cells after its first start: runs of
	// text set apart by gaps wider than a word's, joined by " | " as the
	// Office readers write rows. None for a line that is no row.
	cols []float64
}

// cells reports whether the line is a table's row.
func (l *pdfLine) cells() bool { return len(l.cols) > 0 }

// cellX is where the line's last cell starts (its start, for no row).
func (l *pdfLine) cellX() float64 {
	if len(l.cols) == 0 {
		return l.x0
	}
	return l.cols[len(l.cols)-1]
}

func readPDF(f File, raw []byte) (d Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = Document{}, fmt.Errorf("PDF: %v: %w", r, ErrDamagedFile)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	repaired := false
	if (err != nil || r.NumPage() == 0) && !bytes.Contains(raw, []byte("/Encrypt")) {
		// A cross-reference table that does not hold (offsets off, its
		// size short of its objects: tools write them): rebuilt from the
		// objects themselves, as viewers do.
		if fixed := rebuildXref(raw); fixed != nil {
			if r2, err2 := pdf.NewReader(bytes.NewReader(fixed), int64(len(fixed))); err2 == nil && r2.NumPage() > 0 {
				r, err, repaired = r2, nil, true
			}
		}
	}
	if err != nil {
		// Encrypted with a password (an empty one is read), or with a
		// scheme the parser lacks: either way, not readable here.
		if errors.Is(err, pdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") || bytes.Contains(raw, []byte("/Encrypt")) {
			return Document{}, fmt.Errorf("PDF: %w", ErrEncrypted)
		}
		return Document{}, fmt.Errorf("PDF: %v: %w", err, ErrDamagedFile)
	}
	n := r.NumPage()
	if n > MaxPDFPages {
		return Document{}, fmt.Errorf("PDF of %d pages (at most %d): %w", n, MaxPDFPages, ErrTooLarge)
	}
	pages := make([][]pdfLine, n)
	failed := 0
	encoders := map[string]pdf.TextEncoding{}
	for i := 1; i <= n; i++ {
		lines, ok := pdfPageLines(r, i, encoders)
		if f.Progress != nil {
			f.Progress(i, n)
		}
		if !ok {
			failed++
		}
		pages[i-1] = lines
	}
	dropRunning(pages)
	heads := outlineTitles(r)
	d = layoutPDF(pages, heads)
	if t := pdfTitle(r); t != "" {
		d.Title = t
	}
	// A file cut short (its end marker gone) read through a rebuilt table:
	// what was past the cut is lost.
	cut := repaired && !bytes.Contains(raw[max(0, len(raw)-1024):], []byte("%%EOF"))
	if strings.TrimSpace(d.Text) == "" {
		if (failed == n && n > 0) || cut {
			return Document{}, fmt.Errorf("PDF: no page could be read: %w", ErrDamagedFile)
		}
		return Document{}, fmt.Errorf("PDF of %d pages: %w", n, ErrNoTextLayer)
	}
	switch {
	case failed > 0:
		d.Loss = fmt.Sprintf("%d of %d pages could not be read", failed, n)
	case cut:
		d.Loss = "the file is cut short: what followed the cut is missing"
	}
	return d, nil
}

var (
	objHeader = regexp.MustCompile(`(?:^|[\r\n\s>])(\d{1,7})\s+(\d{1,5})\s+obj\b`)
	rootRef   = regexp.MustCompile(`/Root\s+(\d{1,7})\s+(\d{1,5})\s+R`)
	catalog   = regexp.MustCompile(`/Type\s*/Catalog\b`)
)

// rebuildXref appends to a PDF a cross-reference table made by finding
// every "N G obj" in the file (the last of a number wins, as a later
// update's does) and a trailer naming its catalog: nil when no object or
// catalog is found. Objects kept inside object streams are not found; the
// ones they are listed from are.
func rebuildXref(raw []byte) []byte {
	type obj struct{ off, gen int }
	objs := map[int]obj{}
	maxN := 0
	for _, m := range objHeader.FindAllSubmatchIndex(raw, -1) {
		n, err1 := strconv.Atoi(string(raw[m[2]:m[3]]))
		g, err2 := strconv.Atoi(string(raw[m[4]:m[5]]))
		if err1 != nil || err2 != nil {
			continue
		}
		objs[n] = obj{m[2], g}
		maxN = max(maxN, n)
	}
	if len(objs) == 0 {
		return nil
	}
	root := ""
	if all := rootRef.FindAllSubmatch(raw, -1); len(all) > 0 {
		m := all[len(all)-1]
		if n, _ := strconv.Atoi(string(m[1])); objs[n].off > 0 {
			root = string(m[1]) + " " + string(m[2])
		}
	}
	if root == "" {
		for n, o := range objs {
			end := len(raw)
			if e := bytes.Index(raw[o.off:], []byte("endobj")); e >= 0 {
				end = o.off + e
			}
			if catalog.Match(raw[o.off:end]) {
				root = strconv.Itoa(n) + " " + strconv.Itoa(o.gen)
				break
			}
		}
	}
	if root == "" {
		return nil
	}
	var b bytes.Buffer
	b.Grow(len(raw) + 20*(maxN+1) + 100)
	b.Write(raw)
	b.WriteString("\n")
	at := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n", maxN+1)
	for n := 0; n <= maxN; n++ {
		if o, ok := objs[n]; ok && n > 0 {
			fmt.Fprintf(&b, "%010d %05d n \n", o.off, o.gen)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s R >>\nstartxref\n%d\n%%%%EOF\n", maxN+1, root, at)
	return b.Bytes()
}

// pdfPageLines reads one page's text as lines, in the order the page
// draws them (the reading order of the documents tools write); false when
// the page could not be read.
func pdfPageLines(r *pdf.Reader, i int, encoders map[string]pdf.TextEncoding) (lines []pdfLine, ok bool) {
	defer func() {
		if x := recover(); x != nil {
			lines, ok = nil, false
		}
	}()
	p := r.Page(i)
	if p.V.IsNull() {
		return nil, true
	}
	var (
		b         strings.Builder
		cur       pdfLine
		lastEnd   float64 // x where the last piece ended
		lastRune  rune
		open      bool
		lastWidth bool    // the last run's width was the font's, not guessed
		drawY     float64 // the baseline the open line is being drawn at
		lastY     float64 // the baseline of the last piece drawn
	)
	flush := func() {
		if open {
			cur.text = strings.TrimSpace(b.String())
			cur.runs = utf8.RuneCountInString(cur.text)
			cur.x1 = lastEnd
			if cur.text != "" {
				lines = append(lines, cur)
			}
		}
		b.Reset()
		open = false
	}
	// rowOf finds the line a piece drawn at (x, y) continues as its next
	// cell, though other lines were drawn between: a table whose cell
	// wraps draws the cell's lines before the next cell, which stands at
	// the row's first baseline (满10年不满20 / 年 / 10天). It merges the
	// lines drawn between that lie in the row's last cell (年) into it, and
	// gives the row's index; -1 when there is none.
	rowOf := func(x, y, size float64) int {
		for back := 1; back <= 4 && back <= len(lines); back++ {
			i := len(lines) - back
			row := lines[i]
			between := lines[i+1:]
			low := row.low // the row's lowest line so far
			for _, l := range between {
				low = math.Min(low, l.low)
			}
			// At the row's first baseline, or down to its last line (a cell
			// centred against a wrapped one).
			if y > row.y+0.25*size || y < low-0.25*size || row.x1 <= 0 || x-row.x1 <= 0.5*size {
				continue
			}
			// Inside a table: the line above the row is a table's row, or
			// the lines drawn between are a cell's wrapped end (a few
			// characters: 年, 别, 上）) — not a paragraph beside another (a
			// contract's two signature blocks).
			inTable := i > 0 && lines[i-1].cells()
			for _, l := range between {
				// Below the row, inside its last cell, left of the piece,
				// no wider than the row's line (a wrap's first line is full).
				if l.cells() || l.y >= row.y || row.y-l.y > 2.5*float64(len(between))*size || l.x0 < row.cellX()-0.5*size || l.x1 > x || l.x1 > row.x1+0.5*size || !inTable && l.runs > 4 {
					return -1
				}
			}
			for _, l := range between {
				row.text = joinWrapped(row.text, l.text)
				row.runs = utf8.RuneCountInString(row.text)
			}
			if i > 0 {
				// The row's first cell, centred against the wrapped one
				// drawn after it (C级（一般违规） beside 未贴效期标签…漏 / 填):
				// at the piece's baseline, left of the row, within the
				// wrapped cell's height — the row's own, not a line of text.
				// So are the row's first cells, already parted (团队票 | 15人
				// 以上的旅行社团队 beside 旺季130元，淡季100 / 元).
				if c := lines[i-1]; math.Abs(c.y-y) < 0.25*size && c.x1 < row.x0 && c.y < row.y && c.y > low && (c.runs <= 16 || c.cells()) {
					c.text += " | " + row.text
					c.runs = utf8.RuneCountInString(c.text)
					c.cols = append(append(c.cols, row.x0), row.cols...)
					c.x1, c.low = row.x1, math.Min(c.low, low)
					i--
					row = c
				}
			}
			lines[i] = row
			lines = lines[:i+1]
			return i
		}
		return -1
	}
	for _, t := range pdfContent(p, encoders) {
		if t.S == "" {
			continue
		}
		size := t.FontSize
		if size <= 0 {
			size = 10
		}
		if open && math.Abs(t.Y-drawY) > 0.5*math.Max(size, cur.size) {
			flush()
		}
		first, _ := utf8.DecodeRuneInString(t.S)
		// A line already drawn that the piece goes on: the row whose next
		// cell it is (rowOf), or the row just drawn whose last cell wraps
		// onto a line of its own (总监及以上（元/ … 晚）) — below it by less
		// than a row's spacing, starting inside the cell, and not a number
		// or a Latin word going on below another (a new row whose first
		// cells are empty: 555-1234 / 555-9999).
		reopen, sep := -1, ""
		if !open && lastWidth && t.W > 0 {
			if i := rowOf(t.X, t.Y, size); i >= 0 {
				reopen, sep = i, " | "
			} else if n := len(lines); n > 0 {
				row := lines[n-1]
				end, _ := utf8.DecodeLastRuneInString(row.text)
				if row.cells() && t.Y < lastY && lastY-t.Y < 1.5*size && t.X >= row.cellX()-0.5*size && t.X < row.x1+0.5*size && !(isAlnum(end) && isAlnum(first)) {
					reopen = n - 1
				}
			}
		}
		if reopen >= 0 {
			cur = lines[reopen]
			lines = lines[:reopen]
			b.WriteString(cur.text)
			b.WriteString(sep)
			if sep != "" {
				cur.cols = append(cur.cols, t.X)
			}
			open, drawY = true, t.Y
		} else if !open {
			cur = pdfLine{y: t.Y, low: t.Y, size: size, x0: t.X}
			open, drawY = true, t.Y
		} else if gap := t.X - lastEnd; lastWidth && (gap > 1.5*size || gap > 0.5*size && cellRune(lastRune) && cellRune(first) || gap > 0.35*size && tableGap(cur.cells(), lastRune, first) || (gap > 0.15*size && atColumn(lines, cur.x0, t.X, size) || gap > 0.4*size && (cellRune(lastRune) || cellRune(first)) && underRow(lines)) && !sentenceBegun(&cur, b.String())) && lastRune != ' ' && first != ' ' {
			// A table's next cell: farther than any word's gap, or starting
			// where a cell of the row above starts (session_timeout 120分钟
			// 15～1440分钟, its cells set closer than the rows above them).
			b.WriteString(" | ")
			cur.cols = append(cur.cols, t.X)
		} else if gap > 0.25*size && !isCJK(lastRune) && !isCJK(first) && lastRune != ' ' && first != ' ' {
			b.WriteByte(' ') // a word's gap, drawn as space rather than a space character
		}
		b.WriteString(t.S)
		cur.size = math.Max(cur.size, size)
		cur.low = math.Min(cur.low, t.Y)
		w := t.W
		// Cells are told by gaps only where the widths are the font's:
		// guessed ones make gaps of their own.
		lastWidth = w > 0
		if w <= 0 {
			w = 0.5 * size // a font without widths (the standard 14): about half an em
		}
		lastEnd = t.X + w
		lastRune, _ = utf8.DecodeLastRuneInString(t.S)
		lastY = t.Y
	}
	flush()
	return lines, true
}

// tableGap reports whether a gap of more than a third of the type's size
// between two characters parts cells: on a line already parted into cells
// (a table's cells are set closer than the words of running text are ever
// spread), or after a closing bracket before a character a cell starts
// with (B级（较重违规） 留样不足, 生鲜畜禽肉（冷藏） 0～4): bracketed
// glosses end cells, and text is not spread there.
func tableGap(inRow bool, last, first rune) bool {
	if inRow {
		return true
	}
	return strings.ContainsRune("）)】」", last) && (cellRune(first) || strings.ContainsRune("（(【「-", first))
}

// atColumn reports whether a piece at x, on a line starting at x0, is
// where a cell starts in the table row just above: the line starts where
// that row does, and x where one of its cells after the first does (each
// within a third of the type's size) — not running text under a table.
func atColumn(lines []pdfLine, x0, x, size float64) bool {
	if len(lines) == 0 || !lines[len(lines)-1].cells() || math.Abs(lines[len(lines)-1].x0-x0) >= size/3 {
		return false
	}
	for _, c := range lines[len(lines)-1].cols {
		if math.Abs(x-c) < size/3 {
			return true
		}
	}
	return false
}

// underRow reports whether the line drawn last is a table's row: a gap
// wider than an autospace beside Han or a digit on the line after it parts
// cells (Windows客户端 | Windows 10, a row under a header centred in its
// cells, the first cell filling its column).
func underRow(lines []pdfLine) bool { return len(lines) > 0 && lines[len(lines)-1].cells() }

// sentenceBegun reports whether a line not parted into cells holds a
// sentence's punctuation so far (，。；：): running text under a table, whose
// next piece starting where a cell of the row above does is chance
// (收取：60 周岁至64周岁, 周 under the column 适用对象), not a cell.
func sentenceBegun(l *pdfLine, text string) bool {
	return !l.cells() && strings.ContainsAny(text, "，。；：")
}

// joinWrapped joins a wrapped cell's next line to it: directly between
// Chinese characters, with a space between Latin words.
func joinWrapped(a, b string) string {
	x, _ := utf8.DecodeLastRuneInString(a)
	y, _ := utf8.DecodeRuneInString(b)
	if isAlnum(x) && isAlnum(y) {
		return a + " " + b
	}
	return a + b
}

// isAlnum reports whether r is an ASCII letter or digit.
func isAlnum(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// cellRune is a rune a narrow gap between two of which sets table cells
// apart: Han or a digit. Beside Latin letters and punctuation, typesetters
// leave gaps in running text (纯 troff 格式), which only a wide gap outdoes.
func cellRune(r rune) bool { return isCJK(r) || unicode.IsDigit(r) }

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

var pageNumber = regexp.MustCompile(`^(?:[-–—·\s]*\d{1,5}[-–—·\s]*|第\s*\d{1,5}\s*页(?:\s*[,，/共]\s*\d{1,5}\s*页?)?|\d{1,5}\s*/\s*\d{1,5}|[ivxlcdm]{1,7}|page\s*\d{1,5}(?:\s*of\s*\d{1,5})?)$`)

// dropRunning removes running headers and footers — a page's first or last
// two lines that recur, digits aside, at the same height on at least half
// of the pages (three or more) — and page numbers at a page's
// top or bottom. (Not the height alone: list items alike but for their
// numbers, one ending a page and the next starting the one after —
// （1）…满1年不满10年的，年假5天； （2）…满10年不满20年的… — are text.)
func dropRunning(pages [][]pdfLine) {
	keyOf := func(lines []pdfLine, j int) string {
		k := strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) || unicode.IsSpace(r) {
				return -1
			}
			return r
		}, lines[j].text)
		if k == "" {
			return ""
		}
		// (the height to a few points: a running line is set in one place,
		// at the top or at the bottom)
		return strconv.Itoa(int(math.Round(lines[j].y/4))) + "\x00" + k
	}
	edge := func(lines []pdfLine, fn func(j int)) {
		for j := range lines {
			if j < 2 || j >= len(lines)-2 {
				fn(j)
			}
		}
	}
	count := map[string]int{}
	for _, lines := range pages {
		seen := map[string]bool{}
		edge(lines, func(j int) {
			if k := keyOf(lines, j); k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		})
	}
	for i, lines := range pages {
		drop := map[int]bool{}
		edge(lines, func(j int) {
			t := strings.ToLower(strings.TrimSpace(lines[j].text))
			if pageNumber.MatchString(t) && (j == 0 || j == len(lines)-1) {
				drop[j] = true
			}
			if k := keyOf(lines, j); len(pages) >= 3 && k != "" && 2*count[k] >= len(pages) {
				drop[j] = true
			}
		})
		if len(drop) == 0 {
			continue
		}
		kept := lines[:0]
		for j, l := range lines {
			if !drop[j] {
				kept = append(kept, l)
			}
		}
		pages[i] = kept
	}
}

// outlineTitles maps the outline's titles (spaces removed) to their
// depth, 1 for the top. The outline is walked with bounds: a crafted file's
// entries may loop.
func outlineTitles(r *pdf.Reader) map[string]int {
	out := map[string]int{}
	visited := 0
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		for c := v.Key("First"); c.Kind() == pdf.Dict && visited < 5000 && depth <= 12; c = c.Key("Next") {
			visited++
			if t := squeeze(c.Key("Title").Text()); t != "" {
				if _, ok := out[t]; !ok {
					out[t] = depth
				}
			}
			walk(c, depth+1)
		}
	}
	walk(r.Trailer().Key("Root").Key("Outlines"), 1)
	return out
}

// headingNumber is the numbering a heading's line may carry before its
// outline title: 1.2, 1.2.3, A.1, Chapter 1, 第一章, 一、.
var headingNumber = regexp.MustCompile(`^(?:(?i:chapter|appendix|section|part)\s*[\dA-Z]+\.?|第[一二三四五六七八九十百零〇\d]+[章节部分篇条]|[一二三四五六七八九十]+[、.]|(?:[A-Z]|\d{1,3})(?:\.\d{1,3})*\.?)\s*`)

// headingDepth finds a line among the outline's titles, with or without
// its numbering.
func headingDepth(heads map[string]int, line string) (int, bool) {
	if len(heads) == 0 || utf8.RuneCountInString(line) > 120 {
		return 0, false
	}
	if d, ok := heads[squeeze(line)]; ok {
		return d, true
	}
	if m := headingNumber.FindString(line); m != "" && len(m) < len(line) {
		d, ok := heads[squeeze(line[len(m):])]
		return d, ok
	}
	return 0, false
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// pdfTitle is the document information's title, when it looks like one.
func pdfTitle(r *pdf.Reader) string {
	t := strings.TrimSpace(r.Trailer().Key("Info").Key("Title").Text())
	if t == "" || utf8.RuneCountInString(t) > 200 || strings.ContainsRune(t, utf8.RuneError) {
		return ""
	}
	return t
}

// layoutPDF joins the pages' lines into the document's text: lines of a
// paragraph joined (nothing between Chinese characters, a space between
// words), paragraphs and headings on lines of their own, and a Part at
// each page and each heading.
func layoutPDF(pages [][]pdfLine, heads map[string]int) Document {
	var (
		b       strings.Builder
		runes   int
		parts   []Part
		section []string
		title   string
		prev    *pdfLine // the last line written, on this page
		prevLen int      // its page's usual line length, in runes
	)
	write := func(s string) {
		b.WriteString(s)
		runes += utf8.RuneCountInString(s)
	}
	newline := func() {
		if b.Len() > 0 && !strings.HasSuffix(b.String()[max(0, b.Len()-1):], "\n") {
			write("\n")
		}
	}
	// A table's rows are parts of their own, each after the first (its
	// header) carrying it: a chunk that begins inside the table names its
	// columns, as the Office and Markdown readers' rows do.
	var (
		inTable bool
		header  string
	)
	mark := func(p Part) {
		if len(parts) > 0 && parts[len(parts)-1].Start == runes {
			parts[len(parts)-1] = p
			return
		}
		parts = append(parts, p)
	}
	part := func(page int) {
		mark(Part{Start: runes, Section: append([]string(nil), section...), Page: page})
	}
	for i, lines := range pages {
		page := i + 1
		newline()
		part(page)
		prev = nil
		prevLen = usualLength(lines)
		for j := range lines {
			l := &lines[j]
			if depth, ok := headingDepth(heads, l.text); ok {
				inTable, header = false, ""
				newline()
				if depth-1 < len(section) {
					section = section[:depth-1]
				}
				for len(section) < depth-1 {
					section = append(section, "")
				}
				section = append(section, l.text)
				if title == "" {
					title = l.text
				}
				part(page)
				write(l.text)
				write("\n")
				prev = nil
				continue
			}
			if l.cells() {
				// A row: a line of its own.
				newline()
				row := Part{Start: runes, Section: append([]string(nil), section...), Page: page, Row: true, Header: header}
				if !inTable {
					inTable, header, row.Header = true, l.text, ""
				}
				mark(row)
				write(l.text)
				write("\n")
				prev = nil
				continue
			}
			if inTable {
				inTable, header = false, ""
				newline()
				part(page)
			}
			if prev != nil && !continues(prev, l, prevLen) {
				newline()
			}
			if prev != nil && !strings.HasSuffix(b.String()[max(0, b.Len()-1):], "\n") {
				last, _ := utf8.DecodeLastRuneInString(prev.text)
				first, _ := utf8.DecodeRuneInString(l.text)
				if !isCJK(last) && !isCJK(first) && last != '-' && last != '/' { // /opt/ + sprucesync: a path goes on
					write(" ")
				}
			}
			write(l.text)
			prev = l
		}
	}
	newline()
	// Sections with a level missing (a depth-2 heading first) keep an
	// empty name there: drop it.
	for i := range parts {
		parts[i].Section = slicesDeleteEmpty(parts[i].Section)
	}
	return Document{Title: title, Text: b.String(), Parts: parts}
}

func slicesDeleteEmpty(s []string) []string {
	out := s[:0]
	for _, x := range s {
		if x != "" {
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// usualLength is the length, in runes, that a page's full lines reach: the
// 80th percentile of its lines' lengths.
func usualLength(lines []pdfLine) int {
	if len(lines) == 0 {
		return 0
	}
	ns := make([]int, len(lines))
	for i, l := range lines {
		ns[i] = l.runs
	}
	sort.Ints(ns)
	return ns[len(ns)*8/10]
}

// continues reports whether line l goes on with the paragraph of prev: the
// same size of type, the next baseline below, and prev a full line (a
// short one ends its paragraph) not ending a sentence.
func continues(prev, l *pdfLine, usual int) bool {
	if math.Abs(prev.size-l.size) > 0.15*prev.size || prev.cells() || l.cells() {
		return false // a table's rows are lines of their own
	}
	gap := prev.y - l.y
	if gap <= 0 || gap > 2.2*prev.size {
		return false
	}
	if usual > 0 && prev.runs < usual*8/10 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev.text)
	return !strings.ContainsRune("。！？!?：:", last) || prev.runs >= usual
}

// The content interpreter: ledongthuc/pdf's Page.Content, with its fonts
// looked up once per page (it resolved a font and parsed its ToUnicode map
// at every change of font: 90% of the time on the Debian reference) and
// their encoders once per document, and without the empty pieces it adds.

type pdfMatrix [3][3]float64

var pdfIdent = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x pdfMatrix) mul(y pdfMatrix) pdfMatrix {
	var z pdfMatrix
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			for k := 0; k < 3; k++ {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

type pdfState struct {
	Tc, Tw, Th, Tl, Tfs, Trise float64
	Tf                         pdf.Font
	Tm, Tlm, CTM               pdfMatrix
}

// pdfFont is a font of a page with its encoder.
type pdfFont struct {
	f   pdf.Font
	enc pdf.TextEncoding
}

type nopEncoding struct{}

func (nopEncoding) Decode(raw string) string { return raw }

func popArgs(stk *pdf.Stack) []pdf.Value {
	n := stk.Len()
	args := make([]pdf.Value, n)
	for i := n - 1; i >= 0; i-- {
		args[i] = stk.Pop()
	}
	return args
}

// pdfContent returns the pieces of text a page draws, in drawing order.
// encoders caches fonts' encoders across pages, by the font's name, type
// and encoding (an embedded subset's name is its own).
func pdfContent(p pdf.Page, encoders map[string]pdf.TextEncoding) []pdf.Text {
	strm := p.V.Key("Contents")
	if strm.Kind() == pdf.Null {
		return nil
	}
	fonts := map[string]pdfFont{}
	font := func(name string) pdfFont {
		if f, ok := fonts[name]; ok {
			return f
		}
		f := pdfFont{f: p.Font(name)}
		key := f.f.BaseFont() + "|" + f.f.V.Key("Subtype").Name() + "|" + f.f.V.Key("Encoding").String()
		if enc, ok := encoders[key]; ok && strings.Contains(f.f.BaseFont(), "+") {
			f.enc = enc
		} else {
			f.enc = f.f.Encoder()
			if f.enc == nil {
				f.enc = nopEncoding{}
			}
			encoders[key] = f.enc
		}
		fonts[name] = f
		return f
	}
	g := pdfState{Th: 1, CTM: pdfIdent, Tm: pdfIdent, Tlm: pdfIdent}
	var enc pdf.TextEncoding = nopEncoding{}
	var text []pdf.Text
	showText := func(s string) {
		n := 0
		for _, ch := range enc.Decode(s) {
			var w0 float64
			if n < len(s) {
				w0 = g.Tf.Width(int(s[n]))
			}
			n++
			Trm := pdfMatrix{{g.Tfs * g.Th, 0, 0}, {0, g.Tfs, 0}, {0, g.Trise, 1}}.mul(g.Tm).mul(g.CTM)
			text = append(text, pdf.Text{FontSize: Trm[0][0], X: Trm[2][0], Y: Trm[2][1], W: w0 / 1000 * Trm[0][0], S: string(ch)})
			tx := (w0/1000*g.Tfs + g.Tc) * g.Th
			g.Tm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(g.Tm)
		}
	}
	matrixOf := func(args []pdf.Value) pdfMatrix {
		var m pdfMatrix
		for i := 0; i < 6; i++ {
			m[i/2][i%2] = args[i].Float64()
		}
		m[2][2] = 1
		return m
	}
	var gstack []pdfState
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args := popArgs(stk)
		need := map[string]int{"cm": 6, "Tm": 6, "Tc": 1, "TD": 2, "Td": 2, "Tf": 2, "\"": 3, "'": 1, "Tj": 1, "TJ": 1, "TL": 1, "Ts": 1, "Tw": 1, "Tz": 1}[op]
		if len(args) < need {
			return // a malformed operator: passed over, as viewers do
		}
		switch op {
		case "cm":
			g.CTM = matrixOf(args).mul(g.CTM)
		case "q":
			if len(gstack) < 1024 {
				gstack = append(gstack, g)
			}
		case "Q":
			if n := len(gstack) - 1; n >= 0 {
				g, gstack = gstack[n], gstack[:n]
			}
		case "BT":
			g.Tm, g.Tlm = pdfIdent, pdfIdent
		case "T*":
			g.Tlm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tc":
			g.Tc = args[0].Float64()
		case "TD", "Td":
			if op == "TD" {
				g.Tl = -args[1].Float64()
			}
			g.Tlm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {args[0].Float64(), args[1].Float64(), 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tf":
			f := font(args[0].Name())
			g.Tf, enc, g.Tfs = f.f, f.enc, args[1].Float64()
		case "\"", "'", "Tj":
			if op == "\"" {
				g.Tw, g.Tc = args[0].Float64(), args[1].Float64()
				args = args[2:]
			}
			if op != "Tj" {
				g.Tlm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
				g.Tm = g.Tlm
			}
			showText(args[0].RawString())
		case "TJ":
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				if x.Kind() == pdf.String {
					showText(x.RawString())
				} else {
					tx := -x.Float64() / 1000 * g.Tfs * g.Th
					g.Tm = pdfMatrix{{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}}.mul(g.Tm)
				}
			}
		case "TL":
			g.Tl = args[0].Float64()
		case "Tm":
			g.Tm = matrixOf(args)
			g.Tlm = g.Tm
		case "Ts":
			g.Trise = args[0].Float64()
		case "Tw":
			g.Tw = args[0].Float64()
		case "Tz":
			g.Th = args[0].Float64() / 100
		}
	})
	return text
}
