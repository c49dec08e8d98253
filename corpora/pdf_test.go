package corpora

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// minimalPDF writes a PDF of the given pages' content streams, with the
// standard Helvetica font as /F1: enough to test layout without a tool.
func minimalPDF(pages ...string) []byte {
	var objs []string
	n := len(pages)
	// 1: catalog, 2: pages, 3: font, then a page and its content per page.
	kids := make([]string, n)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>")
	objs = append(objs, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	objs = append(objs, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	for i, c := range pages {
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c), c))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// page draws lines of text, one per baseline from the top, with a running
// header and a page number.
func pdfPage(num int, lines ...string) string {
	var b strings.Builder
	b.WriteString("BT /F1 10 Tf 72 760 Td (ACME Employee Handbook) Tj ET\n")
	for i, l := range lines {
		fmt.Fprintf(&b, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 700-16*i, l)
	}
	fmt.Fprintf(&b, "BT /F1 10 Tf 300 40 Td (%d) Tj ET\n", num)
	return b.String()
}

func TestPDFLayout(t *testing.T) {
	raw := minimalPDF(
		pdfPage(1, "Leave is earned at the rate of two days for each month of", "service completed.", "Sick leave needs a note."),
		pdfPage(2, "Travel claims are filed within thirty days of the trip", "with the receipts attached."),
		pdfPage(3, "Overtime is paid at one and a half times the hourly rate", "for hours past forty in a week."),
	)
	docs, err := Parse(File{Path: "h.pdf", ID: "h.pdf"}, raw)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	// A long read says how far it has got, page by page.
	var heard []string
	if _, err := Parse(File{Path: "h.pdf", ID: "h.pdf", Progress: func(done, total int) { heard = append(heard, fmt.Sprint(done, "/", total)) }}, raw); err != nil ||
		strings.Join(heard, " ") != "1/3 2/3 3/3" {
		t.Errorf("progress heard %q (%v); want each page of 3", heard, err)
	}
	for _, gone := range []string{"ACME Employee Handbook", "\n1\n", "\n2\n", "\n3\n"} {
		if strings.Contains("\n"+d.Text, gone) {
			t.Errorf("running header or page number %q kept:\n%s", gone, d.Text)
		}
	}
	for _, para := range []string{
		"Leave is earned at the rate of two days for each month of service completed.",
		"Travel claims are filed within thirty days of the trip with the receipts attached.",
	} {
		if !strings.Contains(d.Text, para) {
			t.Errorf("paragraph not joined: want %q in\n%s", para, d.Text)
		}
	}
	if !strings.Contains(d.Text, "completed.\nSick leave") {
		t.Errorf("a short line ends its paragraph:\n%s", d.Text)
	}
	// A part per page, each at the start of its page's text.
	if len(d.Parts) != 3 {
		t.Fatalf("parts %+v; want one per page", d.Parts)
	}
	runes := []rune(d.Text)
	for i, p := range d.Parts {
		if p.Page != i+1 {
			t.Errorf("part %d on page %d", i, p.Page)
		}
		want := []string{"Leave", "Travel", "Overtime"}[i]
		if !strings.HasPrefix(string(runes[p.Start:]), want) {
			t.Errorf("page %d's part starts at %q", p.Page, string(runes[p.Start:min(len(runes), p.Start+20)]))
		}
	}
}

func TestPDFBadInput(t *testing.T) {
	whole := minimalPDF(pdfPage(1, "Some text on the page."))
	for name, c := range map[string]struct {
		raw  []byte
		want error
	}{
		"no text layer": {minimalPDF("0 0 m 100 100 l S"), ErrNoTextLayer},
		"garbage":       {[]byte("%PDF-1.4\n\x00\x01 this is not a PDF at all"), ErrDamagedFile},
		"truncated":     {whole[:len(whole)/2], ErrDamagedFile},
		"encrypted":     {bytes.Replace(whole, []byte("/Root 1 0 R"), []byte("/Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /O <00> /U <00> /P -4 >>"), 1), ErrEncrypted},
	} {
		_, err := Parse(File{Path: name + ".pdf", ID: name + ".pdf"}, c.raw)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v; want %v", name, err, c.want)
		}
	}
}

// TestDebianReference reads Debian's Chinese reference manual (251 pages,
// DBLaTeX and xdvipdfmx, CID fonts) against the plain text Debian ships
// of it, beside pdftotext when it is installed.
func TestDebianReference(t *testing.T) {
	const pdfPath = "/usr/share/debian-reference/debian-reference.zh-cn.pdf"
	raw, err := os.ReadFile(pdfPath)
	if err != nil {
		if os.Getenv("WENDA_PDF_REQUIRED") != "" {
			t.Fatalf("%v (install debian-reference-zh-cn)", err)
		}
		t.Skipf("SKIPPED: %v — install Debian's debian-reference-zh-cn to run it", err)
	}
	docs, err := Parse(File{Path: pdfPath, ID: "debian-reference.pdf"}, raw)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Loss != "" {
		t.Errorf("loss: %s", d.Loss)
	}
	n := utf8.RuneCountInString(d.Text)
	last, sections := 0, 0
	for i, p := range d.Parts {
		if p.Start < 0 || p.Start > n || (i > 0 && p.Start < d.Parts[i-1].Start) || p.Page < last {
			t.Fatalf("part %d out of order: %+v", i, p)
		}
		last = p.Page
		if len(p.Section) > 0 {
			sections++
		}
	}
	if last != 251 || sections < 400 {
		t.Errorf("parts reach page %d with %d under a section; want 251 and the outline's 400-odd headings", last, sections)
	}
	if !strings.Contains(d.Text, "我认为学习一个计算机系统，就像学习一门新的外语。") {
		t.Errorf("a paragraph of chapter 1 is not whole")
	}
	// Its fonts have no widths for the gaps between runs to be measured
	// by: no running text is cut into table cells (its 15 are pipes of
	// shell commands).
	if n := strings.Count(d.Text, " | "); n > 30 {
		t.Errorf("%d cell separators in running text", n)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not installed: no peer to compare with")
	}
}

// FuzzPDF: any bytes read as a PDF give a document or an error, never a
// panic or a hang; a document's parts are in order and inside its text.
func FuzzPDF(f *testing.F) {
	f.Add(minimalPDF(pdfPage(1, "Leave is earned monthly.", "Sick leave needs a note.")))
	f.Add(minimalPDF("0 0 m 100 100 l S"))
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		docs, err := Parse(File{Path: "f.pdf", ID: "f.pdf"}, raw)
		if err != nil {
			return
		}
		n := utf8.RuneCountInString(docs[0].Text)
		for i, p := range docs[0].Parts {
			if p.Start < 0 || p.Start > n || (i > 0 && p.Start < docs[0].Parts[i-1].Start) {
				t.Fatalf("part %d: %+v in a text of %d runes", i, p, n)
			}
		}
	})
}

// TestPDFBrokenXref: a cross-reference table whose size falls short of its
// objects and whose offsets are off (pdfunite writes the one, editors
// appending to a file the other) is rebuilt from the objects.
func TestPDFBrokenXref(t *testing.T) {
	raw := minimalPDF(pdfPage(1, "Leave is earned monthly."))
	broken := bytes.Replace(raw, []byte("/Size 6"), []byte("/Size 2"), 1)
	broken = bytes.Replace(broken, []byte("00000 n \n"), []byte("00001 n \n"), -1) // every offset's generation wrong
	broken = bytes.Replace(broken, []byte("0000000009 "), []byte("0000000099 "), 1)
	if bytes.Equal(broken, raw) {
		t.Fatal("the test did not break the table")
	}
	docs, err := Parse(File{Path: "b.pdf", ID: "b.pdf"}, broken)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(docs[0].Text, "Leave is earned monthly.") {
		t.Errorf("text %q", docs[0].Text)
	}
}

// TestPDFTableCells: a table's cells in a PDF that LibreOffice wrote —
// runs set apart by gaps wider than a word's — are joined by " | ", each
// row a line of its own, as the Office readers write rows.
func TestPDFTableCells(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "eval", "office", "docs", "handbook.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := Parse(File{Path: "handbook.pdf", ID: "handbook.pdf"}, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"\n累计工作年限 | 法定年休假\n", "\n满1年不满10年 | 5天\n", "\n员工（P1—P5） | 经济舱 | 二等座、硬卧 | 三等舱\n",
		// Cells wrapped onto several lines, the row's other cells centred
		// against them or drawn after them; the last cell wrapped.
		"\n满10年不满20年 | 10天\n",
		"\n总监及以上（P9及以上、M3及以上） | 经济舱（单程飞行超过4小时可乘公务舱） | 商务座、软卧 | 一等舱\n",
		"\n城市类别 | 代表城市 | 员工（元/晚） | 经理（元/晚） | 总监及以上（元/晚）\n",
		"\n二类城市 | 杭州、南京、苏州、成都、重庆、武汉、西安、天津、厦门、青岛 | 500 | 650 | 850\n"} {
		if !strings.Contains(docs[0].Text, row) {
			t.Errorf("no row %q in the text", strings.TrimSpace(row))
		}
	}
	if strings.Contains(docs[0].Text, "带薪 | 年休假") {
		t.Errorf("running text cut into cells")
	}
	// Cells set closer than a word's gap but starting where the row
	// above's cells start.
	raw, err = os.ReadFile(filepath.Join("..", "eval", "enterprise", "docs", "sprucesync-manual.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if docs, err = Parse(File{Path: "manual.pdf", ID: "manual.pdf"}, raw); err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"\n单个团队空间容量上限 | 200 GB | 2 TB | 不限\n", "\nsession_timeout | 120分钟 | 15～1440分钟 | Web会话无操作后自动退出的时间，可在线修改\n",
		"\nmax_upload_size | 4 GB | 1 MB～100 GB | 单个文件的上传大小上限，可在线修改\n",
		// A cell set less than half a character from the next, on a row
		// already parted into cells.
		"\n8443 | HTTPS | 控制台和客户端访问（可修改）\n"} {
		if !strings.Contains(docs[0].Text, row) {
			t.Errorf("no row %q in the manual's text", strings.TrimSpace(row))
		}
	}
	// Running text under a table, a piece of which starts by chance where
	// a cell of the row above does, after an autospace (500 人): no cells.
	if !strings.Contains(docs[0].Text, "适合500人及以下的部署；超过500人的部署建议改用外置数据库，支持PostgreSQL 12至16") {
		t.Error("running text under a table cut into cells or lines")
	}
	// A row's first cells, already parted, centred against a wrapped cell
	// drawn after them.
	if !strings.Contains(docs[0].Text, "\nlog_level | info | debug、info、warn、err") {
		t.Error("log_level's row is cut in two")
	}
	// A row's first cell filling its column, under a header centred in
	// its cells: parted from the next by a gap beside Han.
	for _, row := range []string{"\nWindows客户端 | Windows 10（1809及以上）、Windows 11 | 需要.NET Framework 4.8\n", "\n统信UOS客户端 | 统信UOS桌面版20（1050及以上） | 从统信应用商店安装\n"} {
		if !strings.Contains(docs[0].Text, row) {
			t.Errorf("no row %q in the manual's text", strings.TrimSpace(row))
		}
	}
	// Cells set close (LibreOffice's from HTML): a bracketed gloss ends a
	// cell; a row's first cell centred against a wrapped one drawn after
	// it is the row's, not a line of its own.
	raw, err = os.ReadFile(filepath.Join("..", "eval", "colloquial11", "docs", "食品安全与门店运营规范.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := Parse(File{Path: "rules.pdf", ID: "rules.pdf"}, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"\n生鲜畜禽肉（冷藏） | 0～4 | 48小时 | 解冻后不得再次冷冻\n", "\n违规等级 | 典型情形 | 门店扣分（分） | 责任人罚款（元）\n",
		"\nC级（一般违规） | 未贴效期标签、工服不整、温度记录漏填 | 2 | 50\n", "\nB级（较重违规） | 留样不足、抹布混用、健康证过期上岗 | 5 | 200\n"} {
		if !strings.Contains(rules[0].Text, row) {
			t.Errorf("no row %q in the rules' text", strings.TrimSpace(row))
		}
	}
	raw, err = os.ReadFile(filepath.Join("..", "eval", "colloquial22", "docs", "票务与索道观光车运营管理规定.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if rules, err = Parse(File{Path: "tickets.pdf", ID: "tickets.pdf"}, raw); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n团队票 | 15人以上的旅行社团队 | 旺季130元，淡季100元 | 当日有效 | 提前一天预约\n", "按全价票的半价收取：60周岁至64周岁的老年人；"} {
		if !strings.Contains(rules[0].Text, want) {
			t.Errorf("no %q in the ticket rules' text", strings.TrimSpace(want))
		}
	}
	// Each row after a table's first is a part carrying that first row, its
	// header: a chunk starting inside the table names its columns.
	i := strings.Index(docs[0].Text, "session_timeout |")
	if i < 0 {
		t.Fatal("no session_timeout row")
	}
	at := utf8.RuneCountInString(docs[0].Text[:i])
	found := false
	for _, p := range docs[0].Parts {
		if p.Start == at {
			found = true
			if !p.Row || p.Header != "参数 | 默认值 | 取值范围 | 说明" {
				t.Errorf("session_timeout's row: part %+v; want a row under 参数 | 默认值 | 取值范围 | 说明", p)
			}
		}
	}
	if !found {
		t.Error("no part at session_timeout's row")
	}
}

// TestPDFItemsAcrossPages: two items of a list alike but for their numbers,
// one ending a page and the next starting the one after, are text, not a
// running header or footer (they stand at different edges and heights):
// both are read, while the running header still goes.
func TestPDFItemsAcrossPages(t *testing.T) {
	raw := minimalPDF(
		pdfPage(1, "Annual leave depends on the years served:", "(1) served 1 to 10 years: 5 days;"),
		pdfPage(2, "(2) served 10 to 20 years: 10 days;", "(3) served 20 years or more: 15 days."),
		pdfPage(3, "Sick leave needs a note from a doctor."),
		pdfPage(4, "Travel claims are filed within thirty days."),
	)
	docs, err := Parse(File{Path: "h.pdf", ID: "h.pdf"}, raw)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(1) served 1 to 10 years: 5 days;", "(2) served 10 to 20 years: 10 days;", "(3) served 20 years"} {
		if !strings.Contains(docs[0].Text, want) {
			t.Errorf("%q lost:\n%s", want, docs[0].Text)
		}
	}
	if strings.Contains(docs[0].Text, "ACME Employee Handbook") {
		t.Errorf("running header kept:\n%s", docs[0].Text)
	}
}

// TestPDFFooterOnShortPage: a running footer is dropped on a page holding
// little besides it too (its header and footer only).
func TestPDFFooterOnShortPage(t *testing.T) {
	page := func(lines ...string) string {
		var b strings.Builder
		b.WriteString("BT /F1 10 Tf 72 760 Td (ACME Employee Handbook) Tj ET\n")
		for i, l := range lines {
			fmt.Fprintf(&b, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 700-16*i, l)
		}
		b.WriteString("BT /F1 10 Tf 72 60 Td (Confidential - internal use only) Tj ET\n")
		return b.String()
	}
	raw := minimalPDF(page("Leave is earned monthly.", "Sick leave needs a note."), page("Travel claims are filed within thirty days."),
		page("Overtime is paid at one and a half times."), page())
	docs, err := Parse(File{Path: "h.pdf", ID: "h.pdf"}, raw)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(docs[0].Text, "Confidential") || strings.Contains(docs[0].Text, "ACME") {
		t.Errorf("running footer or header kept:\n%s", docs[0].Text)
	}
}
