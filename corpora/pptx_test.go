package corpora

import (
	"archive/zip"
	"errors"
	"strings"
	"testing"
)

// Presentations are built here from the XML PowerPoint writes, cut down
// to what the reader is tested on.

const pptNS = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`

const pptContentTypes = ooxmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>` +
	`<Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>` +
	`<Override PartName="/ppt/slides/slide2.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>` +
	`<Override PartName="/ppt/slides/slide3.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>` +
	`<Override PartName="/ppt/notesSlides/notesSlide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/>` +
	`</Types>`

// pptPresentation shows slide2.xml first, then slide1.xml, slide3.xml:
// the order is p:sldIdLst's, not the files' names.
const pptPresentation = ooxmlDecl + `<p:presentation ` + pptNS + ` saveSubsetFonts="1">` +
	`<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>` +
	`<p:notesMasterIdLst><p:notesMasterId r:id="rId6"/></p:notesMasterIdLst>` +
	`<p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/><p:sldId id="258" r:id="rId5"/></p:sldIdLst>` +
	`<p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/>` +
	`<p:defaultTextStyle><a:defPPr><a:defRPr lang="zh-CN"/></a:defPPr></p:defaultTextStyle></p:presentation>`

const pptPresentationRels = ooxmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide2.xml"/>` +
	`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps" Target="presProps.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="slideMasters/slideMaster1.xml"/>` +
	`<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster" Target="notesMasters/notesMaster1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="/ppt/slides/slide3.xml"/>` +
	`</Relationships>`

func pptSlide(shapes string) string {
	return ooxmlDecl + `<p:sld ` + pptNS + `><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
		`<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>` +
		shapes + `</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`
}

// pptShape is a shape of paragraphs, a placeholder of type ph ("" for a
// text box; "obj" for a placeholder of no type).
func pptShape(id, ph string, paras ...string) string {
	nv := `<p:nvPr/>`
	switch ph {
	case "":
	case "obj":
		nv = `<p:nvPr><p:ph idx="1"/></p:nvPr>`
	default:
		nv = `<p:nvPr><p:ph type="` + ph + `"/></p:nvPr>`
	}
	return `<p:sp><p:nvSpPr><p:cNvPr id="` + id + `" name="形状 ` + id + `"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>` + nv + `</p:nvSpPr><p:spPr/>` +
		`<p:txBody><a:bodyPr/><a:lstStyle/>` + strings.Join(paras, "") + `</p:txBody></p:sp>`
}

func pptPara(runs ...string) string {
	return `<a:p><a:pPr marL="0" indent="0"><a:buNone/></a:pPr>` + strings.Join(runs, "") + `<a:endParaRPr lang="zh-CN" altLang="en-US" dirty="0"/></a:p>`
}

func pptRun(text string) string {
	return `<a:r><a:rPr lang="zh-CN" altLang="en-US" dirty="0"/><a:t>` + text + `</a:t></a:r>`
}

func pptCell(text, attrs string) string {
	return `<a:tc` + attrs + `><a:txBody><a:bodyPr/><a:lstStyle/>` + pptPara(pptRun(text)) + `</a:txBody><a:tcPr/></a:tc>`
}

// The first slide shown: its title drawn after its subtitle, a slide
// number, a group holding a text box, a table with merged cells.
var pptSlide2 = pptSlide(
	pptShape("3", "subTitle", pptPara(pptRun("星河数据"))) +
		pptShape("2", "ctrTitle", pptPara(pptRun("2024"), pptRun(" 年度总结"))) +
		pptShape("4", "sldNum", `<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="zh-CN"/><a:t>1</a:t></a:fld><a:endParaRPr lang="zh-CN"/></a:p>`) +
		`<p:grpSp><p:nvGrpSpPr><p:cNvPr id="7" name="组合 6"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
		pptShape("5", "", pptPara(pptRun("营收增长 20%"), `<a:br><a:rPr lang="zh-CN"/></a:br>`, pptRun("利润增长 8%")), pptPara()) +
		`</p:grpSp>` +
		`<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="6" name="表格 5"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>` +
		`<p:xfrm><a:off x="0" y="0"/><a:ext cx="8128000" cy="741680"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">` +
		`<a:tbl><a:tblPr firstRow="1" bandRow="1"><a:tableStyleId>{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}</a:tableStyleId></a:tblPr><a:tblGrid><a:gridCol w="4064000"/><a:gridCol w="4064000"/></a:tblGrid>` +
		`<a:tr h="370840">` + pptCell("季度", "") + pptCell("营收（万元）", "") + `</a:tr>` +
		`<a:tr h="370840">` + pptCell("Q1", "") + pptCell("100", "") + `</a:tr>` +
		`<a:tr h="370840">` + pptCell("Q2", "") + pptCell("120", "") + `</a:tr>` +
		`<a:tr h="370840">` + pptCell("以上为未审计数据", ` gridSpan="2"`) + pptCell("", ` hMerge="1"`) + `</a:tr>` +
		`</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`)

const pptSlide2Rels = ooxmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide1.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>` +
	`</Relationships>`

var pptNotes = ooxmlDecl + `<p:notes ` + pptNS + `><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
	`<p:sp><p:nvSpPr><p:cNvPr id="2" name="幻灯片图像占位符 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>` +
	`<p:sp><p:nvSpPr><p:cNvPr id="3" name="备注占位符 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>` +
	`<p:txBody><a:bodyPr/><a:lstStyle/>` + pptPara(pptRun("强调营收增长。")) + pptPara(pptRun("时长 5 分钟。")) + `</p:txBody></p:sp>` +
	pptShape("4", "sldNum", pptPara(`<a:fld id="{1}" type="slidenum"><a:t>1</a:t></a:fld>`)) +
	`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`

// The second: a date field in its text, a shape PowerPoint wrote twice
// (for readers that know p14, and for those that do not).
var pptSlide1 = pptSlide(
	pptShape("2", "title", pptPara(pptRun("下一步计划"))) +
		pptShape("3", "obj", pptPara(pptRun("招聘 10 人")), pptPara(pptRun("日期："), `<a:fld id="{2}" type="datetime1"><a:rPr lang="zh-CN"/><a:t>2024/12/31</a:t></a:fld>`)) +
		`<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" Requires="p14">` +
		pptShape("4", "", pptPara(pptRun("新产品上线"))) + `</mc:Choice><mc:Fallback>` + pptShape("4", "", pptPara(pptRun("新产品上线"))) + `</mc:Fallback></mc:AlternateContent>`)

// The third: no title.
var pptSlide3 = pptSlide(pptShape("2", "", pptPara(pptRun("谢谢！"))) + pptShape("3", "title", pptPara()))

func quarterlyPPTX(t testing.TB, more ...string) []byte {
	return ooxmlZip(t, append([]string{
		"[Content_Types].xml", pptContentTypes,
		"ppt/presentation.xml", pptPresentation,
		"ppt/_rels/presentation.xml.rels", pptPresentationRels,
		"ppt/slides/slide1.xml", pptSlide1,
		"ppt/slides/slide2.xml", pptSlide2,
		"ppt/slides/slide3.xml", pptSlide3,
		"ppt/slides/_rels/slide2.xml.rels", pptSlide2Rels,
		"ppt/notesSlides/notesSlide1.xml", pptNotes,
	}, more...)...)
}

const quarterlyText = "2024 年度总结\n" +
	"星河数据\n" +
	"营收增长 20%\n利润增长 8%\n" +
	"季度 | 营收（万元）\n" +
	"Q1 | 100\n" +
	"Q2 | 120\n" +
	"以上为未审计数据 | \n" +
	"备注：强调营收增长。\n时长 5 分钟。\n" +
	"下一步计划\n" +
	"招聘 10 人\n" +
	"日期：2024/12/31\n" +
	"新产品上线\n" +
	"谢谢！\n"

func TestPPTX(t *testing.T) {
	d := parseOOXML(t, "x.pptx", quarterlyPPTX(t))
	if d.Text != quarterlyText {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, quarterlyText)
	}
	if d.Title != "2024 年度总结" {
		t.Errorf("title %q; want the first slide's", d.Title)
	}
	text := quarterlyText
	s1, w1 := []string{"2024 年度总结"}, "第 1 张幻灯片"
	header := "季度 | 营收（万元）"
	checkOOXMLParts(t, d, []Part{
		{Start: 0, Section: s1, Where: w1},
		{Start: ooxmlRuneAt(t, text, "季度"), Section: s1, Where: w1, Row: true},
		{Start: ooxmlRuneAt(t, text, "Q1"), Section: s1, Where: w1, Row: true, Header: header},
		{Start: ooxmlRuneAt(t, text, "Q2"), Section: s1, Where: w1, Row: true, Header: header},
		{Start: ooxmlRuneAt(t, text, "以上"), Section: s1, Where: w1, Row: true, Header: header},
		{Start: ooxmlRuneAt(t, text, "备注"), Section: s1, Where: w1},
		{Start: ooxmlRuneAt(t, text, "下一步"), Section: []string{"下一步计划"}, Where: "第 2 张幻灯片"},
		{Start: ooxmlRuneAt(t, text, "谢谢"), Where: "第 3 张幻灯片"},
	})

	const core = ooxmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title> 季度汇报 </dc:title></cp:coreProperties>`
	if d := parseOOXML(t, "x.pptx", quarterlyPPTX(t, "docProps/core.xml", core)); d.Title != "季度汇报" {
		t.Errorf("title %q; want the core properties' 季度汇报", d.Title)
	}
}

func TestPPTXBad(t *testing.T) {
	good := quarterlyPPTX(t)
	tests := []struct {
		name string
		raw  []byte
		want error
	}{
		{"truncated", good[:len(good)*2/3], ErrDamagedFile},
		{"slide not in rels", ooxmlZip(t, "ppt/presentation.xml", pptPresentation), ErrDamagedFile},
		{"slide missing", ooxmlZip(t, "ppt/presentation.xml", pptPresentation, "ppt/_rels/presentation.xml.rels", pptPresentationRels), ErrDamagedFile},
		{"cut slide", ooxmlZip(t, "ppt/presentation.xml", pptPresentation, "ppt/_rels/presentation.xml.rels", pptPresentationRels,
			"ppt/slides/slide2.xml", pptSlide2[:len(pptSlide2)-40]), ErrDamagedFile},
		{"zip bomb", ooxmlZipBomb(t, "ppt/slides/slide2.xml", "ppt/presentation.xml", pptPresentation, "ppt/_rels/presentation.xml.rels", pptPresentationRels), ErrTooLarge},
		{"nested too deep", ooxmlZip(t, "ppt/presentation.xml", pptPresentation, "ppt/_rels/presentation.xml.rels", pptPresentationRels,
			"ppt/slides/slide2.xml", pptSlide(strings.Repeat("<p:grpSp>", 2*maxXMLDepth)+strings.Repeat("</p:grpSp>", 2*maxXMLDepth))), ErrDamagedFile},
		{"no slides", ooxmlZip(t, "ppt/presentation.xml", ooxmlDecl+`<p:presentation `+pptNS+`/>`), ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Parse(File{Path: "x.pptx", ID: "x.pptx"}, tt.raw)
			if !errors.Is(err, tt.want) || docs != nil {
				t.Errorf("Parse = %d documents, %v; want %v", len(docs), err, tt.want)
			}
		})
	}
}

func FuzzPPTX(f *testing.F) {
	f.Add(quarterlyPPTX(f))
	f.Add([]byte(pptSlide2))
	f.Add([]byte(pptSlide1))
	f.Add([]byte(pptNotes))
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkOOXML(t, "x.pptx", raw)
		if Sniff(raw) == "zip" {
			return
		}
		// The bytes as the first slide and its notes.
		s := string(raw)
		checkOOXML(t, "x.pptx", ooxmlPack(t, zip.Store,
			"ppt/presentation.xml", pptPresentation,
			"ppt/_rels/presentation.xml.rels", pptPresentationRels,
			"ppt/slides/slide2.xml", s,
			"ppt/slides/slide1.xml", pptSlide1,
			"ppt/slides/slide3.xml", pptSlide3,
			"ppt/slides/_rels/slide2.xml.rels", pptSlide2Rels,
			"ppt/notesSlides/notesSlide1.xml", s))
	})
}
