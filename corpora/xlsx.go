package corpora

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// XLSX workbooks: every sheet, its table as one line per row that names
// each value by its column's header ("城市：上海；每晚上限：650元"), so that
// a row retrieved alone still says what its numbers are.

func init() { zipReaders["xlsx"] = readXLSX }

// MaxCells is the most cells a spreadsheet (XLSX, ODS), or the tables of
// a text or a presentation, may hold: ErrTooLarge past it.
const MaxCells = 1_000_000

// xlsxMaxRowSteps bounds the rows stepped through, the empty ones
// between the rows a sheet holds included: a sheet may hold one row at
// 1,048,576, but a workbook of many such sheets is only a cost.
const xlsxMaxRowSteps = 10_000_000

// xlsxSheet is a worksheet as the workbook lists it.
type xlsxSheet struct {
	name, path string
	hidden     bool
}

// readXLSX reads a workbook's cells with excelize (their values as
// formatted for display: a formula's cached result, a date as its format
// shows it) in the sheets' order, hidden sheets last.
//
// excelize is given a copy of the package holding only its XML parts,
// each unpacked through z (so within its limits), and every worksheet is
// first read here as XML: whole, nested no deeper than xmlMaxDepth,
// within MaxCells, and its merged ranges found (excelize's
// GetMergeCells loads a whole sheet as a tree and joins overlapping
// ranges in quadratic time).
func readXLSX(_ File, z *Zip) (Document, error) {
	pkg, parts, err := xlsxPackage(z)
	if err != nil {
		return Document{}, err
	}
	sheets, err := xlsxSheets(parts)
	if err != nil {
		return Document{}, err
	}
	merges := make(map[string][]cellRect, len(sheets))
	counted := 0
	for _, s := range sheets {
		b, ok := parts[s.path]
		if !ok {
			return Document{}, fmt.Errorf("xlsx: sheet %s: %s: %w", s.name, s.path, errNoEntry)
		}
		if merges[s.path], err = xlsxScan(s.path, b, &counted); err != nil {
			return Document{}, err
		}
	}
	var (
		xf    *excelize.File
		title string
	)
	err = excelizeGuard("open", func() (err error) {
		xf, err = excelize.OpenReader(bytes.NewReader(pkg), excelize.Options{
			UnzipSizeLimit:    MaxUnpacked,
			UnzipXMLSizeLimit: MaxEntry, // every part in memory: no temporary files
			// The built-in date formats 27–36 and 50–58 as Chinese Excel shows them (2024年1月).
			CultureInfo: excelize.CultureNameZhCN,
		})
		if err != nil {
			return fmt.Errorf("xlsx: %v: %w", err, ErrDamagedFile)
		}
		// The title is no part of the text: core properties that do not
		// parse leave it out.
		if p, err := xf.GetDocProps(); err == nil && p != nil {
			title = collapse(p.Title)
		}
		return nil
	})
	if err != nil {
		return Document{}, err
	}
	defer xf.Close()
	sort.SliceStable(sheets, func(i, j int) bool { return !sheets[i].hidden && sheets[j].hidden })
	var (
		w            runeParts
		cells, steps int
	)
	w.mark(Part{})
	for _, s := range sheets {
		var rows []sheetRow
		err := excelizeGuard("sheet "+s.name, func() (err error) {
			rows, err = xlsxRows(xf, s.name, &cells, &steps)
			return err
		})
		if err != nil {
			return Document{}, err
		}
		if err := applyMerges(rows, merges[s.path], &cells); err != nil {
			return Document{}, fmt.Errorf("xlsx: sheet %s: %w", s.name, err)
		}
		writeSheet(&w, s.name, rows)
	}
	return w.doc(title), nil
}

// excelizeGuard runs fn, which calls excelize on the file's content: a
// panic in it is the file's damage, reported as such, not a crash of the
// process reading it.
func excelizeGuard(what string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("xlsx: %s: excelize: %v: %w", what, p, ErrDamagedFile)
		}
	}()
	return fn()
}

// xlsxPackage unpacks the XML parts of a workbook — all excelize reads;
// not images, embedded objects, or pivot caches, which can be large —
// into a new zip, uncompressed, and returns them by name too.
func xlsxPackage(z *Zip) ([]byte, map[string][]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := map[string][]byte{}
	for _, name := range z.Names() {
		key := strings.ReplaceAll(strings.TrimPrefix(name, "/"), "\\", "/")
		lower := strings.ToLower(key)
		if _, dup := parts[key]; dup || !(strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rels")) ||
			strings.Contains(lower, "pivotcache") {
			continue
		}
		b, err := z.Read(name)
		if err != nil {
			return nil, nil, fmt.Errorf("xlsx: %w", err)
		}
		parts[key] = b
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: key, Method: zip.Store})
		if err == nil {
			_, err = fw.Write(b)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("xlsx: %s: %v: %w", name, err, ErrDamagedFile)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, nil, fmt.Errorf("xlsx: %v: %w", err, ErrDamagedFile)
	}
	return buf.Bytes(), parts, nil
}

// xlsxSheets lists the worksheets of the workbook in its order, as
// excelize finds them: the workbook the package's relationships name, its
// sheets' relationships to their parts. Chart sheets and dialog sheets
// hold no cells and are passed over.
func xlsxSheets(parts map[string][]byte) ([]xlsxSheet, error) {
	book := "xl/workbook.xml"
	if b, ok := parts["_rels/.rels"]; ok {
		rels, err := xlsxRels("_rels/.rels", b, ".")
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				book = r.target
				break
			}
		}
	}
	b, ok := parts[book]
	if !ok {
		return nil, fmt.Errorf("xlsx: %s: %w", book, errNoEntry)
	}
	dir := path.Dir(book)
	relsName := path.Join(dir, "_rels", path.Base(book)+".rels")
	rb, ok := parts[relsName]
	if !ok {
		return nil, fmt.Errorf("xlsx: %s: %w", relsName, errNoEntry)
	}
	rels, err := xlsxRels(relsName, rb, dir)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]xlsxRel, len(rels))
	for _, r := range rels {
		byID[r.id] = r
	}
	in := newBoundedXML("xlsx "+book, b)
	var sheets []xlsxSheet
	seen := map[string]bool{}
	for {
		t, err := in.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		s, ok := t.(xml.StartElement)
		if !ok || s.Name.Local != "sheet" {
			continue
		}
		name, id := attrOf(s, "", "name"), attrOf(s, "", "id")
		r, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("xlsx: %s: sheet %q has no part (relationship %q): %w", book, name, id, ErrDamagedFile)
		}
		// Names are unique regardless of case; excelize finds a sheet so.
		key := strings.ToLower(name)
		if !strings.HasSuffix(r.typ, "/worksheet") || seen[key] {
			continue
		}
		seen[key] = true
		state := attrOf(s, "", "state")
		sheets = append(sheets, xlsxSheet{name: name, path: r.target, hidden: state == "hidden" || state == "veryHidden"})
	}
	return sheets, nil
}

type xlsxRel struct{ id, typ, target string }

// xlsxRels reads a relationships part; targets are resolved against
// dir, the folder of the part they belong to, as excelize resolves them.
func xlsxRels(name string, b []byte, dir string) ([]xlsxRel, error) {
	in := newBoundedXML("xlsx "+name, b)
	var out []xlsxRel
	for {
		t, err := in.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		s, ok := t.(xml.StartElement)
		if !ok || s.Name.Local != "Relationship" || strings.EqualFold(attrOf(s, "", "TargetMode"), "External") {
			continue
		}
		target := strings.ReplaceAll(attrOf(s, "", "Target"), "\\", "/")
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(path.Clean(target), "/")
		} else {
			target = path.Join(dir, target)
		}
		out = append(out, xlsxRel{id: attrOf(s, "", "Id"), typ: attrOf(s, "", "Type"), target: target})
	}
}

// xlsxScan reads a worksheet's XML before excelize does: it must be
// XML, not cut short, nested no deeper than xmlMaxDepth (excelize's
// reader keeps a stack as deep), its cells (counted into *cells) within
// MaxCells. It returns the sheet's merged ranges.
func xlsxScan(name string, b []byte, cells *int) ([]cellRect, error) {
	in := newBoundedXML("xlsx "+name, b)
	in.raw = true
	var merges []cellRect
	for {
		t, err := in.next()
		if err == io.EOF {
			return merges, nil
		}
		if err != nil {
			return nil, err
		}
		s, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch s.Name.Local {
		case "c":
			if *cells++; *cells > MaxCells {
				return nil, fmt.Errorf("xlsx: more than %d cells: %w", MaxCells, ErrTooLarge)
			}
		case "mergeCell":
			if r, ok := cellRange(attrOf(s, "", "ref")); ok {
				merges = append(merges, r)
			}
		}
	}
}

// cellRange reads a range reference, A1:C2.
func cellRange(ref string) (cellRect, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		return cellRect{}, false
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return cellRect{}, false
	}
	return cellRect{c1: min(c1, c2), r1: min(r1, r2), c2: max(c1, c2), r2: max(r1, r2)}, true
}

// xlsxRows reads a sheet's rows that hold anything, each cell's value as
// its format shows it, white space folded.
func xlsxRows(xf *excelize.File, name string, cells, steps *int) ([]sheetRow, error) {
	rows, err := xf.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("xlsx: sheet %s: %v: %w", name, err, ErrDamagedFile)
	}
	defer rows.Close()
	var out []sheetRow
	for n := 1; rows.Next(); n++ {
		if *steps++; *steps > xlsxMaxRowSteps {
			return nil, fmt.Errorf("xlsx: more than %d rows: %w", xlsxMaxRowSteps, ErrTooLarge)
		}
		cols, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("xlsx: sheet %s row %d: %v: %w", name, n, err, ErrDamagedFile)
		}
		if *cells += len(cols); *cells > MaxCells {
			return nil, fmt.Errorf("xlsx: more than %d cells: %w", MaxCells, ErrTooLarge)
		}
		keep := false
		for i, c := range cols {
			cols[i] = collapse(c)
			keep = keep || cols[i] != ""
		}
		if keep {
			out = append(out, sheetRow{n: n, cells: cols})
		}
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("xlsx: sheet %s: %v: %w", name, err, ErrDamagedFile)
	}
	return out, nil
}

// sheetRow is a row of a spreadsheet that holds anything.
type sheetRow struct {
	n      int      // 1-based, as the sheet numbers it
	cells  []string // by column, from A
	merged bool     // some cell holds a merged range's value
	// The merged ranges wider than one column it crosses, and the last
	// one's columns: a row whose text is all one such range is a banner
	// (a title over a table, a group's name), not a record.
	wide             int
	wideFrom, wideTo int
}

// banner reports a row whose only text is one merged cell spread across
// columns.
func (r *sheetRow) banner() bool {
	if r.wide != 1 {
		return false
	}
	for i, c := range r.cells {
		if c != "" && (i+1 < r.wideFrom || i+1 > r.wideTo) {
			return false
		}
	}
	return true
}

// cellRect is a range of cells, 1-based and inclusive.
type cellRect struct{ c1, r1, c2, r2 int }

// applyMerges gives every cell of a merged range its top-left cell's
// value — a header spanning columns names each, a category spanning rows
// stands in each — in the rows that hold anything of their own, and no
// further right than any row reaches. Each cell written counts into
// *cells.
func applyMerges(rows []sheetRow, merges []cellRect, cells *int) error {
	if len(rows) == 0 || len(merges) == 0 {
		return nil
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.cells))
	}
	for _, m := range merges {
		i := sort.Search(len(rows), func(i int) bool { return rows[i].n >= m.r1 })
		if i == len(rows) || rows[i].n != m.r1 || m.c1 < 1 || m.c1 > len(rows[i].cells) {
			continue
		}
		v := rows[i].cells[m.c1-1]
		if v == "" {
			continue
		}
		c2 := min(m.c2, width)
		for j := i; j < len(rows) && rows[j].n <= m.r2; j++ {
			r := &rows[j]
			if *cells += max(0, c2-len(r.cells)) + c2 - m.c1 + 1; *cells > MaxCells {
				return fmt.Errorf("more than %d cells: %w", MaxCells, ErrTooLarge)
			}
			for len(r.cells) < c2 {
				r.cells = append(r.cells, "")
			}
			for c := m.c1; c <= c2; c++ {
				r.cells[c-1] = v
			}
			r.merged = true
			if c2 > m.c1 {
				r.wide++
				r.wideFrom, r.wideTo = m.c1, c2
			}
		}
	}
	return nil
}

// writeSheet writes a sheet's rows. The first row whose cells are mostly
// text (and more than one value, and no banner) is the header; each row
// after it is one line naming its values by their headers,
// "城市：上海；每晚上限：650元", a Row part. Rows above the header (a title)
// and banners below it are lines of their own; a sheet with no header has
// its rows' cells joined by " | ".
func writeSheet(w *runeParts, name string, rows []sheetRow) {
	section := []string{name}
	w.mark(Part{Section: section, Where: "工作表 " + name})
	where := func(n int) string { return "工作表 " + name + " 第 " + strconv.Itoa(n) + " 行" }
	h := -1
	for i := range rows {
		if headerLike(&rows[i]) {
			h = i
			break
		}
	}
	if h < 0 {
		for _, r := range rows {
			w.mark(Part{Section: section, Where: where(r.n), Row: true})
			w.line(cellsLine(r.cells, " | ", r.merged))
		}
		return
	}
	names := rows[h].cells
	header := cellsLine(names, "；", true)
	for i := range rows {
		r := &rows[i]
		if i < h || i > h && r.banner() || i == h && h == len(rows)-1 {
			w.mark(Part{Section: section, Where: where(r.n)})
			w.line(cellsLine(r.cells, " | ", r.merged))
			continue
		}
		if i == h {
			continue
		}
		if rec := sheetRecord(names, r.cells); rec != "" {
			w.mark(Part{Section: section, Where: where(r.n), Row: true, Header: header})
			w.line(rec)
		}
	}
}

// sheetRecord names a row's values by their columns' headers: 城市：上海；每晚上限：650元.
// A value under no header stands alone; a header's own name spread down
// its column by a merged cell is left out.
func sheetRecord(names, cells []string) string {
	var b strings.Builder
	for c, v := range cells {
		key := ""
		if c < len(names) {
			key = names[c]
		}
		if v == "" || v == key {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("；")
		}
		if key != "" {
			b.WriteString(key)
			b.WriteString("：")
		}
		b.WriteString(v)
	}
	return b.String()
}

// headerLike reports a row that can head a table: more than one value,
// most of them text, not a banner.
func headerLike(r *sheetRow) bool {
	if r.banner() {
		return false
	}
	filled, text, first, distinct := 0, 0, "", false
	for _, c := range r.cells {
		if c == "" {
			continue
		}
		if filled == 0 {
			first = c
		} else if c != first {
			distinct = true
		}
		filled++
		if !numberLike(c) {
			text++
		}
	}
	return distinct && 2*text > filled
}

// numberLike reports a value that is a quantity rather than a name: a
// number with its currency or unit (¥1,200, 650元, 15%), a date or a time,
// TRUE or FALSE.
func numberLike(s string) bool {
	s = strings.TrimLeft(s, "¥￥$€£+-−")
	s = strings.TrimRight(s, "%％‰元万亿 ")
	if s == "" {
		return false
	}
	if strings.EqualFold(s, "true") || strings.EqualFold(s, "false") {
		return true
	}
	if _, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64); err == nil {
		return true
	}
	digit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case strings.ContainsRune("-/:. 年月日时分秒T", r):
		default:
			return false
		}
	}
	return digit
}
