package corpora

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// handbookXLSX is a workbook as a finance department keeps one: a title
// merged over a table, a header spanning two columns, a category merged
// down two rows, a formula's cached value, a date, a hidden sheet between
// the visible ones.
func handbookXLSX(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "差旅标准"))
	for _, sheet := range []string{"隐藏表", "补贴"} {
		_, err := f.NewSheet(sheet)
		must(err)
	}
	set := func(sheet string, cells map[string]any) {
		t.Helper()
		for c, v := range cells {
			must(f.SetCellValue(sheet, c, v))
		}
	}
	set("差旅标准", map[string]any{
		"A1": "2024年差旅标准",
		"A2": "城市", "B2": "每晚上限", "C2": "说明",
		"A3": "上海", "B3": "650元",
		"A4": "杭州", "B4": "500元", "C4": "同\n上海",
	})
	must(f.MergeCell("差旅标准", "A1", "C1"))

	set("补贴", map[string]any{
		"A1": "级别", "B1": "补贴", "D1": "生效日期",
		"A2": "经理", "B2": 600, "C2": 300, "D2": time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		"A3": "员工", "B3": 400, "C3": 200,
		"B4": 450,
	})
	// A date as Chinese Excel formats it (built-in format 31, yyyy年m月d日).
	date, err := f.NewStyle(&excelize.Style{NumFmt: 31})
	must(err)
	must(f.SetCellStyle("补贴", "D2", "D2", date))
	must(f.MergeCell("补贴", "B1", "C1"))
	must(f.MergeCell("补贴", "A3", "A4"))
	// A formula with its cached result, as Excel saves it.
	must(f.SetCellFormula("补贴", "C2", "B2/2"))

	set("隐藏表", map[string]any{"A1": 1, "B1": 2, "A2": 3, "B2": 4.5})
	must(f.SetSheetVisible("隐藏表", false))
	must(f.SetDocProps(&excelize.DocProperties{Title: "差旅制度", Creator: "财务部"}))
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	d := readDoc(t, "差旅.xlsx", handbookXLSX(t))
	want := "2024年差旅标准\n" +
		"城市：上海；每晚上限：650元\n" +
		"城市：杭州；每晚上限：500元；说明：同 上海\n" +
		"级别：经理；补贴：600；补贴：300；生效日期：2024年1月1日\n" +
		"级别：员工；补贴：400；补贴：200\n" +
		"级别：员工；补贴：450\n" +
		"1 | 2\n" +
		"3 | 4.5\n"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != "差旅制度" {
		t.Errorf("title %q; want 差旅制度", d.Title)
	}
	s1, s2, s3 := []string{"差旅标准"}, []string{"补贴"}, []string{"隐藏表"}
	h1, h2 := "城市；每晚上限；说明", "级别；补贴；生效日期"
	wantParts(t, d, []Part{
		{Start: 0, Section: s1, Where: "工作表 差旅标准 第 1 行"},
		{Start: at(t, d.Text, "城市：上海"), Section: s1, Where: "工作表 差旅标准 第 3 行", Row: true, Header: h1},
		{Start: at(t, d.Text, "城市：杭州"), Section: s1, Where: "工作表 差旅标准 第 4 行", Row: true, Header: h1},
		{Start: at(t, d.Text, "级别：经理"), Section: s2, Where: "工作表 补贴 第 2 行", Row: true, Header: h2},
		{Start: at(t, d.Text, "级别：员工；补贴：400"), Section: s2, Where: "工作表 补贴 第 3 行", Row: true, Header: h2},
		{Start: at(t, d.Text, "级别：员工；补贴：450"), Section: s2, Where: "工作表 补贴 第 4 行", Row: true, Header: h2},
		{Start: at(t, d.Text, "1 | 2"), Section: s3, Where: "工作表 隐藏表 第 1 行", Row: true},
		{Start: at(t, d.Text, "3 | 4.5"), Section: s3, Where: "工作表 隐藏表 第 2 行", Row: true},
	})
}

// unzipped lists a zip's entries, in order, with their contents.
func unzipped(t testing.TB, raw []byte) []entry {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, entry{f.Name, string(b)})
	}
	return out
}

// withEntry is a copy of entries with one's content replaced.
func withEntry(entries []entry, name, body string) []entry {
	out := append([]entry(nil), entries...)
	for i := range out {
		if out[i].name == name {
			out[i].body = body
		}
	}
	return out
}

const xlsxSheetXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>%s</sheetData>%s</worksheet>`

func TestXLSXBad(t *testing.T) {
	good := handbookXLSX(t)
	entries := unzipped(t, good)
	sheet := func(rows, after string) string {
		return strings.Replace(strings.Replace(xlsxSheetXML, "%s", rows, 1), "%s", after, 1)
	}
	// Each row's one cell at column XFD makes excelize lay out 16,384
	// cells: 62 rows are past a million.
	var far strings.Builder
	for r := 1; r <= 62; r++ {
		far.WriteString(`<row r="` + strconv.Itoa(r) + `"><c r="XFD` + strconv.Itoa(r) + `"><v>1</v></c></row>`)
	}
	deep := sheet(`<row r="1"><c r="A1"><is><t>`+strings.Repeat("<x>", 1100)+strings.Repeat("</x>", 1100)+`</t></is></c></row>`, "")
	for _, c := range []struct {
		name  string
		raw   []byte
		want  error
		words []string
	}{
		{"truncated file", good[:len(good)*2/3], ErrDamagedFile, nil},
		{"truncated sheet", packZip(t, withEntry(entries, "xl/worksheets/sheet1.xml", sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>城市</t></is></c></row>`, "")[:200])...), ErrDamagedFile, []string{"xl/worksheets/sheet1.xml"}},
		{"nested too deep", packZip(t, withEntry(entries, "xl/worksheets/sheet1.xml", deep)...), ErrDamagedFile, []string{"deeper than 1000"}},
		{"no workbook part", packZip(t, withEntry(entries, "xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`)...), ErrDamagedFile, []string{"差旅标准"}},
		{"cells far right", packZip(t, withEntry(entries, "xl/worksheets/sheet1.xml", sheet(far.String(), ""))...), ErrTooLarge, []string{"cells"}},
		{"bad cell reference", packZip(t, withEntry(entries, "xl/worksheets/sheet1.xml", sheet(`<row r="1"><c r="1A"><v>1</v></c></row>`, ""))...), ErrDamagedFile, []string{"差旅标准"}},
		{"zip bomb", withBomb(t, "xl/worksheets/sheet1.xml", entries...), ErrTooLarge, []string{"sheet1.xml"}},
	} {
		t.Run(c.name, func(t *testing.T) { refuse(t, "x.xlsx", c.raw, c.want, c.words...) })
	}
}

// FuzzXLSX feeds the XLSX reader whole files and worksheets packed into
// the test's workbook in place of its first sheet.
//
//	go test -run XXX -fuzz FuzzXLSX -fuzztime 30s -parallel 1 ./corpora
func FuzzXLSX(f *testing.F) {
	good := handbookXLSX(f)
	entries := unzipped(f, good)
	for _, e := range entries {
		if strings.HasPrefix(e.name, "xl/worksheets/") {
			f.Add(good, []byte(e.body))
		}
	}
	f.Fuzz(func(t *testing.T, raw, sheet []byte) {
		checkZipDoc(t, "x.xlsx", raw)
		checkZipDoc(t, "x.xlsx", packZip(t, withEntry(entries, "xl/worksheets/sheet1.xml", string(sheet))...))
	})
}
