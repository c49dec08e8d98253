package corpora

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

// What the tests of the zip-based readers (XLSX, ODF, EPUB) share.

// entry is a file of a zip the tests write.
type entry struct{ name, body string }

// packZip writes a zip of the entries, in order; a mimetype entry is
// stored, as OpenDocument and EPUB require.
func packZip(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		if e.name == "mimetype" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withBomb is a zip of the entries with the one named bomb replaced by 20
// MB of zeros, written a megabyte at a time: some 20 KB packed, past
// MaxCompression.
func withBomb(t testing.TB, bomb string, entries ...entry) []byte {
	return bombZip(t, bomb, 20, entries...)
}

// bombZip is a zip of the entries (a mimetype stored, the rest deflated at
// the fastest level) with the one named bomb replaced by mb megabytes of
// zeros, written a megabyte at a time.
func bombZip(t testing.TB, bomb string, mb int, entries ...entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	zero := make([]byte, 1<<20)
	for _, e := range entries {
		method := zip.Deflate
		if e.name == "mimetype" {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if e.name != bomb {
			w.Write([]byte(e.body))
			continue
		}
		for range mb {
			if _, err := w.Write(zero); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readDoc parses a file through the public entry and returns its one
// document, its Parts checked to be in order.
func readDoc(t *testing.T, name string, raw []byte) Document {
	t.Helper()
	docs, err := Parse(File{Path: name, ID: name}, raw)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	if len(docs) != 1 {
		t.Fatalf("Parse(%s): %d documents; want 1", name, len(docs))
	}
	if err := partsInOrder(docs[0]); err != nil {
		t.Errorf("Parse(%s): %v", name, err)
	}
	return docs[0]
}

// partsInOrder checks what every reader's Parts hold: sorted by Start,
// the first at 0, each holding some text.
func partsInOrder(d Document) error {
	n := utf8.RuneCountInString(d.Text)
	for i, p := range d.Parts {
		switch {
		case i == 0 && p.Start != 0:
			return fmt.Errorf("first part starts at %d", p.Start)
		case i > 0 && p.Start <= d.Parts[i-1].Start:
			return fmt.Errorf("part %d starts at %d, after part %d at %d", i, p.Start, i-1, d.Parts[i-1].Start)
		case p.Start >= n:
			return fmt.Errorf("part %d starts at %d, past the text's %d runes", i, p.Start, n)
		}
	}
	return nil
}

// at is the rune offset of the first s in text.
func at(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in the text", s)
	}
	return utf8.RuneCountInString(text[:i])
}

// showParts lays out Parts one a line, for comparing.
func showParts(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		fmt.Fprintf(&b, "%d %q where=%q", p.Start, p.Section, p.Where)
		if p.Row {
			fmt.Fprintf(&b, " row header=%q", p.Header)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func wantParts(t *testing.T, d Document, want []Part) {
	t.Helper()
	if got, w := showParts(d.Parts), showParts(want); got != w {
		t.Errorf("parts:\n%s\nwant:\n%s", got, w)
	}
}

// refuse checks that raw is refused with an error wrapping want, and
// saying each of the words.
func refuse(t *testing.T, name string, raw []byte, want error, words ...string) {
	t.Helper()
	docs, err := Parse(File{Path: name, ID: name}, raw)
	if !errors.Is(err, want) {
		t.Fatalf("Parse(%s) = %d documents, %v; want %v", name, len(docs), err, want)
	}
	t.Logf("%s: %v", name, err)
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Parse(%s) error %q does not name %q", name, err, w)
		}
	}
}

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ` +
	`xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ` +
	`xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ` +
	`xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ` +
	`xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ` +
	`xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" ` +
	`xmlns:xlink="http://www.w3.org/1999/xlink" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
	`xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" ` +
	`xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" ` +
	`xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" ` +
	`xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ` +
	`xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" ` +
	`xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0" `

func odfContent(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<office:document-content ` + odfNS + `office:version="1.3">` +
		`<office:scripts/><office:font-face-decls><style:font-face style:name="宋体" svg:font-family="宋体"/></office:font-face-decls>` +
		`<office:automatic-styles><style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>` +
		`<office:body>` + body + `</office:body></office:document-content>`
}

func odfMeta(title string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<office:document-meta ` + odfNS + `office:version="1.3"><office:meta>` +
		`<meta:creation-date>2024-01-02T09:00:00</meta:creation-date><dc:title>` + title + `</dc:title>` +
		`<meta:generator>LibreOffice/7.6</meta:generator></office:meta></office:document-meta>`
}

const odfManifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="%s"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`

var odfMime = map[string]string{
	"odt": "application/vnd.oasis.opendocument.text",
	"ods": "application/vnd.oasis.opendocument.spreadsheet",
	"odp": "application/vnd.oasis.opendocument.presentation",
}

func odfEntries(kind, title, content string) []entry {
	return []entry{
		{"mimetype", odfMime[kind]},
		{"content.xml", content},
		{"meta.xml", odfMeta(title)},
		{"META-INF/manifest.xml", fmt.Sprintf(odfManifest, odfMime[kind])},
	}
}

func odfFile(t testing.TB, kind, title, content string) []byte {
	return packZip(t, odfEntries(kind, title, content)...)
}

// odtBody is a handbook as LibreOffice Writer saves it: a table of
// contents, headings, a footnote, lists, a table, a comment, a text box,
// tracked changes.
const odtBody = `<office:text>` +
	`<text:tracked-changes text:track-changes="false"><text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info><dc:creator>李四</dc:creator></office:change-info><text:p>删去的旧条款</text:p></text:deletion></text:changed-region></text:tracked-changes>` +
	`<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Figure"/></text:sequence-decls>` +
	`<text:table-of-content text:style-name="Sect1" text:protected="true" text:name="目录1"><text:table-of-content-source text:outline-level="10"><text:index-title-template>目录</text:index-title-template></text:table-of-content-source>` +
	`<text:index-body><text:index-title text:name="目录1_Head"><text:p>目录</text:p></text:index-title><text:p>第一章 总则<text:tab/>1</text:p></text:index-body></text:table-of-content>` +
	`<text:h text:style-name="Heading_20_1" text:outline-level="1">第一章 总则</text:h>` +
	`<text:p text:style-name="Standard">本手册适用于<text:span text:style-name="T1">全体员工</text:span>。<text:s text:c="2"/>公司实行弹性工作制<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="Footnote">核心时间为十点至四点。</text:p></text:note-body></text:note>。</text:p>` +
	`<text:p text:style-name="Standard">见下图<draw:frame draw:style-name="fr1" draw:name="文本框1" text:anchor-type="as-char" svg:width="5cm" svg:height="1cm"><draw:text-box><text:p>图1 组织结构</text:p></draw:text-box><svg:title>组织图</svg:title></draw:frame></text:p>` +
	`<text:h text:style-name="Heading_20_2" text:outline-level="2">一、年假天数</text:h>` +
	`<text:list xml:id="list1" text:style-name="L1"><text:list-item><text:p text:style-name="P2">入职满一年：5天</text:p></text:list-item>` +
	`<text:list-item><text:p text:style-name="P2">满十年：10天</text:p><text:list><text:list-item><text:p text:style-name="P2">含法定年假</text:p></text:list-item></text:list></text:list-item></text:list>` +
	`<table:table table:name="表格1" table:style-name="表格1"><table:table-column table:style-name="表格1.A" table:number-columns-repeated="2"/>` +
	`<table:table-header-rows><table:table-row><table:table-cell table:style-name="表格1.A1" office:value-type="string"><text:p text:style-name="Table_20_Heading">城市</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p text:style-name="Table_20_Heading">每晚上限</text:p></table:table-cell></table:table-row></table:table-header-rows>` +
	`<table:table-row><table:table-cell office:value-type="string"><text:p>上海</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>650元</text:p></table:table-cell></table:table-row>` +
	`<table:table-row><table:table-cell office:value-type="string"><text:p>北京</text:p><text:p>（含郊区）</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>800元</text:p></table:table-cell></table:table-row></table:table>` +
	`<text:h text:style-name="Heading_20_1" text:outline-level="1">第二章 考勤</text:h>` +
	`<text:p text:style-name="Standard">员工每天上班须打卡。<text:line-break/>迟到三次计旷工半天。<office:annotation><dc:creator>张三</dc:creator><dc:date>2024-01-02T10:00:00</dc:date><text:p>请核实</text:p></office:annotation></text:p>` +
	`<text:p text:style-name="Standard"/>` +
	`</office:text>`

func TestODT(t *testing.T) {
	d := readDoc(t, "手册.odt", odfFile(t, "odt", "员工手册", odfContent(odtBody)))
	want := "第一章 总则\n" +
		"本手册适用于全体员工。  公司实行弹性工作制[1]。\n" +
		"见下图\n" +
		"图1 组织结构\n" +
		"一、年假天数\n" +
		"• 入职满一年：5天\n" +
		"• 满十年：10天\n" +
		"• 含法定年假\n" +
		"城市 | 每晚上限\n" +
		"上海 | 650元\n" +
		"北京 （含郊区） | 800元\n" +
		"第二章 考勤\n" +
		"员工每天上班须打卡。\n迟到三次计旷工半天。\n" +
		"[1] 核心时间为十点至四点。\n"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != "员工手册" {
		t.Errorf("title %q; want 员工手册", d.Title)
	}
	sec := []string{"第一章 总则", "一、年假天数"}
	wantParts(t, d, []Part{
		{Start: 0, Section: []string{"第一章 总则"}},
		{Start: at(t, d.Text, "一、年假天数"), Section: sec},
		{Start: at(t, d.Text, "城市 |"), Section: sec, Row: true, Header: "城市 | 每晚上限"},
		{Start: at(t, d.Text, "上海 |"), Section: sec, Row: true, Header: "城市 | 每晚上限"},
		{Start: at(t, d.Text, "北京 （"), Section: sec, Row: true, Header: "城市 | 每晚上限"},
		{Start: at(t, d.Text, "第二章"), Section: []string{"第二章 考勤"}},
		{Start: at(t, d.Text, "[1] 核心"), Section: []string{"脚注"}},
	})
}

// odsBody is a workbook as LibreOffice Calc saves it: a title merged
// over the table's columns, repeated rows and cells, and the empty rest
// of the sheet as one row repeated a million times.
const odsBody = `<office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>` +
	`<table:table table:name="差旅标准" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="3" table:default-cell-style-name="Default"/>` +
	`<table:table-row table:style-name="ro1"><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string" calcext:value-type="string"><text:p>2024年差旅标准</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell table:number-columns-repeated="1021"/></table:table-row>` +
	`<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>城市</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>每晚上限</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>餐补</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1021"/></table:table-row>` +
	`<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>上海</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>650元</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1022"/></table:table-row>` +
	`<table:table-row table:style-name="ro1" table:number-rows-repeated="2"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>杭州</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>500元</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1022"/></table:table-row>` +
	`<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>北京</text:p></table:table-cell><table:table-cell table:style-name="ce1" table:number-columns-repeated="2" office:value-type="currency" office:currency="CNY" office:value="100" calcext:value-type="currency"><text:p>¥100.00</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1021"/></table:table-row>` +
	`<table:table-row table:style-name="ro1" table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
	`</table:table>` +
	`<table:table table:name="说明" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="1024" table:default-cell-style-name="Default"/>` +
	`<table:table-row table:style-name="ro1"><table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="2024-01-01" calcext:value-type="date"><text:p>2024年1月1日</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>起执行</text:p><office:annotation><dc:creator>王五</dc:creator><text:p>待确认</text:p></office:annotation></table:table-cell><table:table-cell table:number-columns-repeated="1022"/></table:table-row>` +
	`<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string"><text:p>人数</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="42"/><table:table-cell table:number-columns-repeated="1022"/></table:table-row>` +
	`<table:table-row table:style-name="ro1" table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>` +
	`</table:table><table:named-expressions/></office:spreadsheet>`

func TestODS(t *testing.T) {
	d := readDoc(t, "差旅.ods", odfFile(t, "ods", "差旅标准表", odfContent(odsBody)))
	want := "2024年差旅标准\n" +
		"城市：上海；每晚上限：650元\n" +
		"城市：杭州；每晚上限：500元\n" +
		"城市：杭州；每晚上限：500元\n" +
		"城市：北京；每晚上限：¥100.00；餐补：¥100.00\n" +
		"2024年1月1日 | 起执行\n" +
		"人数 | 42\n"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != "差旅标准表" {
		t.Errorf("title %q; want 差旅标准表", d.Title)
	}
	s1, s2 := []string{"差旅标准"}, []string{"说明"}
	h := "城市；每晚上限；餐补"
	wantParts(t, d, []Part{
		{Start: 0, Section: s1, Where: "工作表 差旅标准 第 1 行"},
		{Start: at(t, d.Text, "城市：上海"), Section: s1, Where: "工作表 差旅标准 第 3 行", Row: true, Header: h},
		{Start: at(t, d.Text, "城市：杭州"), Section: s1, Where: "工作表 差旅标准 第 4 行", Row: true, Header: h},
		{Start: at(t, d.Text, "城市：杭州") + len([]rune("城市：杭州；每晚上限：500元\n")), Section: s1, Where: "工作表 差旅标准 第 5 行", Row: true, Header: h},
		{Start: at(t, d.Text, "城市：北京"), Section: s1, Where: "工作表 差旅标准 第 6 行", Row: true, Header: h},
		{Start: at(t, d.Text, "2024年1月1日"), Section: s2, Where: "工作表 说明 第 1 行", Row: true},
		{Start: at(t, d.Text, "人数"), Section: s2, Where: "工作表 说明 第 2 行", Row: true},
	})
}

const odpBody = `<office:presentation>` +
	`<draw:page draw:name="page1" draw:style-name="dp1" draw:master-page-name="默认" presentation:presentation-page-layout-name="AL1T2">` +
	`<draw:frame presentation:style-name="pr1" draw:layer="layout" svg:width="25cm" svg:height="3cm" svg:x="1cm" svg:y="1cm" presentation:class="title" presentation:user-transformed="true"><draw:text-box><text:p>年假制度</text:p></draw:text-box></draw:frame>` +
	`<draw:frame presentation:style-name="pr2" draw:layer="layout" presentation:class="outline"><draw:text-box><text:list text:style-name="L2"><text:list-item><text:p>入职满一年：5天</text:p></text:list-item><text:list-item><text:p>满十年：10天</text:p></text:list-item></text:list></draw:text-box></draw:frame>` +
	`<draw:frame presentation:style-name="pr3" draw:layer="layout" presentation:class="page-number"><draw:text-box><text:p><text:page-number>&lt;编号&gt;</text:page-number></text:p></draw:text-box></draw:frame>` +
	`<presentation:notes draw:style-name="dp2"><draw:page-thumbnail draw:style-name="gr1" draw:layer="layout" draw:page-number="1" presentation:class="page"/>` +
	`<draw:frame presentation:style-name="pr4" draw:layer="layout" presentation:class="notes"><draw:text-box><text:p>讲解时强调入职满一年。</text:p><text:p>留五分钟提问。</text:p></draw:text-box></draw:frame></presentation:notes>` +
	`</draw:page>` +
	`<draw:page draw:name="联系方式" draw:style-name="dp1" draw:master-page-name="默认">` +
	`<draw:custom-shape draw:style-name="gr2" draw:text-style-name="P1" draw:layer="layout"><text:p>联系人事部</text:p><draw:enhanced-geometry svg:viewBox="0 0 21600 21600" draw:type="rectangle"/></draw:custom-shape>` +
	`<draw:frame draw:style-name="standard" draw:layer="layout"><table:table table:template-name="default"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell><text:p>电话</text:p></table:table-cell><table:table-cell><text:p>8001</text:p></table:table-cell></table:table-row></table:table></draw:frame>` +
	`</draw:page>` +
	`<draw:page draw:name="page3" draw:style-name="dp1"/>` +
	`<presentation:settings presentation:mouse-visible="false"/></office:presentation>`

func TestODP(t *testing.T) {
	d := readDoc(t, "培训.odp", odfFile(t, "odp", "", odfContent(odpBody)))
	want := "年假制度\n" +
		"• 入职满一年：5天\n" +
		"• 满十年：10天\n" +
		"备注：讲解时强调入职满一年。\n" +
		"留五分钟提问。\n" +
		"联系人事部\n" +
		"电话 | 8001\n"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != "培训" {
		t.Errorf("title %q; want the file's name, 培训", d.Title)
	}
	wantParts(t, d, []Part{
		{Start: 0, Section: []string{"年假制度"}, Where: "第 1 张幻灯片"},
		{Start: at(t, d.Text, "联系人事部"), Section: []string{"联系方式"}, Where: "第 2 张幻灯片"},
	})
}

func TestODFBad(t *testing.T) {
	good := odfFile(t, "odt", "手册", odfContent(odtBody))
	deep := odfContent(`<office:text><text:p>` + strings.Repeat("<text:span>", 1200) + "深" + strings.Repeat("</text:span>", 1200) + `</text:p></office:text>`)
	bigCells := odfContent(`<office:spreadsheet><table:table table:name="大表"><table:table-row table:number-rows-repeated="1001">` +
		`<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>`)
	encrypted := odfEntries("odt", "", "\x8a\x11 encrypted bytes")
	encrypted[3].body = strings.Replace(encrypted[3].body, `media-type="text/xml"/>`,
		`media-type="text/xml" manifest:size="1234"><manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="x"/></manifest:file-entry>`, 1)
	noContent := odfEntries("ods", "", "")[:1]
	for _, c := range []struct {
		name  string
		raw   []byte
		want  error
		words []string
	}{
		{"truncated file", good[:len(good)/2], ErrDamagedFile, nil},
		{"truncated content", odfFile(t, "odt", "", odfContent(odtBody)[:2000]), ErrDamagedFile, []string{"content.xml"}},
		{"not xml", odfFile(t, "odp", "", "PK\x03\x04 not xml <<<"), ErrDamagedFile, []string{"content.xml"}},
		{"nested too deep", odfFile(t, "odt", "", deep), ErrDamagedFile, []string{"content.xml", "deeper than 1000"}},
		{"too many cells", odfFile(t, "ods", "", bigCells), ErrTooLarge, []string{"cells"}},
		{"zip bomb", withBomb(t, "content.xml", odfEntries("odt", "", "")...), ErrTooLarge, []string{"content.xml"}},
		{"encrypted", packZip(t, encrypted...), ErrEncrypted, nil},
		{"no content", packZip(t, noContent...), ErrDamagedFile, []string{"content.xml"}},
		{"no text", odfFile(t, "odt", "标题", odfContent(`<office:text><text:p/></office:text>`)), ErrEmpty, nil},
	} {
		t.Run(c.name, func(t *testing.T) { refuse(t, "x.odt", c.raw, c.want, c.words...) })
	}
}

// FuzzODF feeds the OpenDocument reader whole files and content.xml
// parts packed with the rest of a document of each kind.
//
//	go test -run XXX -fuzz FuzzODF -fuzztime 30s -parallel 1 ./corpora
func FuzzODF(f *testing.F) {
	kinds := []string{"odt", "ods", "odp"}
	for i, body := range []string{odtBody, odsBody, odpBody} {
		content := odfContent(body)
		f.Add(odfFile(f, kinds[i], "标题", content), []byte(content), uint8(i))
	}
	f.Fuzz(func(t *testing.T, raw, content []byte, kind uint8) {
		checkZipDoc(t, "x.odt", raw)
		checkZipDoc(t, "x.odt", odfFile(t, kinds[int(kind)%3], "标题", string(content)))
	})
}

// checkZipDoc parses a file and checks what any document holds: no
// panic, valid UTF-8, Parts in order within the text.
func checkZipDoc(t *testing.T, name string, raw []byte) {
	docs, err := Parse(File{Path: name, ID: name}, raw)
	if err != nil {
		return
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents; want 1", len(docs))
	}
	d := docs[0]
	if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) {
		t.Errorf("invalid UTF-8: %q, %q", d.Title, d.Text)
	}
	for _, p := range d.Parts {
		for _, s := range append(p.Section, p.Where, p.Header) {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 in a part: %q", s)
			}
		}
	}
	if err := partsInOrder(d); err != nil {
		t.Error(err)
	}
}
