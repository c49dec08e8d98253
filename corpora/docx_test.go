package corpora

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// Word documents are built here from the XML Word writes (namespaces,
// rsids, bookmarks, tracked changes, mc:AlternateContent and all), cut
// down to what the reader is tested on.

// ooxmlZip packs name, content pairs into a zip archive, in that order,
// deflated as Word does.
func ooxmlZip(t testing.TB, pairs ...string) []byte {
	t.Helper()
	return ooxmlPack(t, zip.Deflate, pairs...)
}

// ooxmlPack packs name, content pairs, compressed by method: the fuzz
// targets store them, as a deflate writer costs more than reading.
func ooxmlPack(t testing.TB, method uint16, pairs ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(pairs); i += 2 {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: pairs[i], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, pairs[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:o="urn:schemas-microsoft-com:office:office" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
	`xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:w10="urn:schemas-microsoft-com:office:word" ` +
	`xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ` +
	`mc:Ignorable="w14"`

const ooxmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n"

const docxContentTypes = ooxmlDecl + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>` +
	`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>` +
	`<Override PartName="/word/endnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`</Types>`

const docxPackageRels = ooxmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`</Relationships>`

const docxDocumentRels = ooxmlDecl + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>` +
	`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/>` +
	`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>` +
	`</Relationships>`

// docxStyles: Chinese Word's ids ("1" for heading 1), heading 2 known by
// its name alone, and a custom style based on heading 1.
const docxStyles = ooxmlDecl + `<w:styles ` + wordNS + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/><w:kern w:val="2"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="10"/><w:uiPriority w:val="9"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:before="340" w:after="330" w:line="578" w:lineRule="auto"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:kern w:val="44"/><w:sz w:val="44"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="20"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:spacing w:before="260" w:after="260"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="Rule"><w:name w:val="规定标题"/><w:basedOn w:val="RuleBase"/></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="RuleBase"><w:name w:val="规定标题基础"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LoopA"><w:name w:val="环甲"/><w:basedOn w:val="LoopB"/></w:style>` +
	`<w:style w:type="paragraph" w:customStyle="1" w:styleId="LoopB"><w:name w:val="环乙"/><w:basedOn w:val="LoopA"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="60"/><w:jc w:val="center"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr></w:style>` +
	`<w:style w:type="character" w:customStyle="1" w:styleId="10"><w:name w:val="标题 1 字符"/><w:basedOn w:val="a0"/><w:link w:val="1"/><w:rPr><w:b/></w:rPr></w:style>` +
	`</w:styles>`

// docxNumbering: the headings' multilevel list (第一章, 一、), a decimal
// list with a lettered second level, a bullet list.
const docxNumbering = ooxmlDecl + `<w:numbering ` + wordNS + `>` +
	`<w:abstractNum w:abstractNumId="0" w15:restartNumberingAfterBreak="0" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w:nsid w:val="1A2B3C4D"/><w:multiLevelType w:val="multilevel"/><w:tmpl w:val="0409001F"/>` +
	`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:suff w:val="space"/><w:lvlText w:val="第%1章"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="425" w:hanging="425"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>` +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="2"/><w:suff w:val="nothing"/><w:lvlText w:val="%2、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="1"><w:nsid w:val="2B3C4D5E"/><w:multiLevelType w:val="hybridMultilevel"/>` +
	`<w:lvl w:ilvl="0" w:tplc="0409000F"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>` +
	`<w:lvl w:ilvl="1" w:tplc="04090019"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="840" w:hanging="420"/></w:pPr></w:lvl>` +
	`</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="2"><w:nsid w:val="3C4D5E6F"/><w:multiLevelType w:val="hybridMultilevel"/>` +
	`<w:lvl w:ilvl="0" w:tplc="04090001"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="` + "\uF06C" + `"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr><w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr></w:lvl>` +
	`</w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>` +
	`<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>` +
	`</w:numbering>`

// docxFootnotes: Word's separators, and a note of id 2 (LibreOffice
// starts at 2; the text numbers notes in order of reference).
const docxFootnotes = ooxmlDecl + `<w:footnotes ` + wordNS + `>` +
	`<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>` +
	`<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>` +
	`<w:footnote w:id="1"><w:p><w:r><w:t>没有引用的脚注</w:t></w:r></w:p></w:footnote>` +
	`<w:footnote w:id="2"><w:p><w:pPr><w:pStyle w:val="a9"/></w:pPr><w:r><w:rPr><w:rStyle w:val="ab"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 包括劳务派遣人员。</w:t></w:r></w:p></w:footnote>` +
	`</w:footnotes>`

const docxEndnotes = ooxmlDecl + `<w:endnotes ` + wordNS + `>` +
	`<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>` +
	`<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>` +
	`<w:endnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="ad"/></w:rPr><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> 以财务制度为准，</w:t></w:r></w:p><w:p><w:r><w:t>每年修订。</w:t></w:r></w:p></w:endnote>` +
	`</w:endnotes>`

const docxCore = ooxmlDecl + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
	`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" ` +
	`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>星河数据员工手册（2024 版）</dc:title><dc:creator>人力资源部</dc:creator>` +
	`<cp:lastModifiedBy>张三</cp:lastModifiedBy><cp:revision>3</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:00Z</dcterms:created></cp:coreProperties>`

func wordPara(props, runs string) string {
	if props != "" {
		props = "<w:pPr>" + props + "</w:pPr>"
	}
	return `<w:p w:rsidR="00B1234A" w:rsidRDefault="00B1234A">` + props + runs + `</w:p>`
}

func wordRun(text string) string {
	return `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func wordCell(paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="2765" w:type="dxa"/></w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func wordDocument(body string) string {
	return ooxmlDecl + `<w:document ` + wordNS + `><w:body>` + body +
		`<w:sectPr w:rsidR="00B1234A"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>` +
		`</w:body></w:document>`
}

// handbookBody is the body of the employee handbook: headings numbered
// by their styles' list, tracked changes, a footnote, lists, a field, a
// table with merged cells and a nested table, a text box, an endnote.
var handbookBody = wordPara(`<w:pStyle w:val="a3"/>`, wordRun("星河数据员工手册")) +
	wordPara(`<w:pStyle w:val="1"/>`, `<w:bookmarkStart w:id="0" w:name="_Toc1"/>`+wordRun("总则")+`<w:bookmarkEnd w:id="0"/>`) +
	wordPara("", wordRun("本手册适用于")+
		`<w:del w:id="1" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>部分</w:delText></w:r></w:del>`+
		`<w:ins w:id="2" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r><w:t>全体</w:t></w:r></w:ins>`+
		wordRun("员工")+`<w:r><w:rPr><w:rStyle w:val="ab"/></w:rPr><w:footnoteReference w:id="2"/></w:r>`+wordRun("。")) +
	wordPara(`<w:pStyle w:val="2"/>`, wordRun("年假天数")) +
	wordPara(`<w:pStyle w:val="a5"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:ind w:firstLineChars="0"/>`, wordRun("工作满一年不满十年的，年假 5 天。")) +
	wordPara(`<w:pStyle w:val="a5"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>`, wordRun("试用期内不休年假。")) +
	wordPara(`<w:pStyle w:val="a5"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>`, wordRun("病假不抵年假。")) +
	wordPara(`<w:pStyle w:val="a5"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>`, wordRun("工作满十年的，年假")+`<w:r><w:tab/></w:r>`+wordRun("10 天。")) +
	wordPara(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>`, wordRun("年假当年有效。")) +
	wordPara(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`, wordRun("")) +
	wordPara("", wordRun("详见第 ")+
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`+
		wordRun("3")+`<w:r><w:fldChar w:fldCharType="end"/></w:r>`+wordRun(" 页")+`<w:r><w:br/></w:r>`+
		`<w:hyperlink r:id="rId9" w:history="1">`+wordRun("（人力资源部）")+`</w:hyperlink>`) +
	`<w:tbl><w:tblPr><w:tblStyle w:val="a7"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>` +
	`<w:tblGrid><w:gridCol w:w="2765"/><w:gridCol w:w="2765"/><w:gridCol w:w="2766"/></w:tblGrid>` +
	`<w:tr w:rsidR="00B1234A"><w:trPr><w:tblHeader/></w:trPr>` + wordCell(wordPara("", wordRun("假期类型"))) + wordCell(wordPara("", wordRun("天数"))) + wordCell(wordPara("", wordRun("说明"))) + `</w:tr>` +
	`<w:tr w:rsidR="00B1234A">` + wordCell(wordPara("", wordRun("年假"))) + wordCell(wordPara("", wordRun("5"))) +
	`<w:tc><w:tcPr><w:tcW w:w="2766" w:type="dxa"/><w:vMerge w:val="restart"/></w:tcPr>` + wordPara("", wordRun("按工作年限")) + wordPara("", wordRun("计算")) + `</w:tc></w:tr>` +
	`<w:tr w:rsidR="00B1234A"><w:trPr><w:del w:id="5" w:author="张三" w:date="2024-01-01T00:00:00Z"/></w:trPr>` + wordCell(wordPara("", wordRun("丧假"))) + wordCell(wordPara("", wordRun("1"))) + wordCell(wordPara("", "")) + `</w:tr>` +
	`<w:tr w:rsidR="00B1234A">` + wordCell(wordPara("", wordRun("婚假"))) +
	wordCell(wordPara("", wordRun("3")),
		`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid><w:tr>`+
			`<w:tc><w:tcPr><w:vMerge/></w:tcPr>`+wordPara("", wordRun("Marriage"))+`</w:tc>`+wordCell(wordPara("", wordRun("leave")))+`</w:tr></w:tbl>`,
		wordPara("", "")) +
	`<w:tc><w:tcPr><w:tcW w:w="2766" w:type="dxa"/><w:vMerge/></w:tcPr>` + wordPara("", "") + `</w:tc></w:tr>` +
	`</w:tbl>` +
	wordPara("", wordRun("请注意：")+`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>`+
		`<wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">`+
		`<wp:simplePos x="0" y="0"/><wp:extent cx="2360930" cy="1404620"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="217" name="文本框 2"/>`+
		`<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/>`+
		`<wps:txbx><w:txbxContent>`+wordPara("", wordRun("年假可分次休，"))+wordPara("", wordRun("不可跨年。"))+`</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>`+
		`<mc:Fallback><w:pict><v:shape id="文本框 2" o:spid="_x0000_s1026" type="#_x0000_t202"><v:textbox><w:txbxContent>`+wordPara("", wordRun("年假可分次休，"))+wordPara("", wordRun("不可跨年。"))+`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
	wordPara(`<w:pStyle w:val="1"/>`, wordRun("出差")) +
	wordPara(`<w:pStyle w:val="2"/>`, wordRun("交通")) +
	wordPara(`<w:outlineLvl w:val="2"/>`, wordRun("差旅标准")) +
	wordPara("", wordRun("每天补助一百二十元")+`<w:r><w:rPr><w:rStyle w:val="ac"/></w:rPr><w:endnoteReference w:id="1"/></w:r>`+wordRun("。")) +
	wordPara(`<w:pStyle w:val="2"/>`, wordRun("住宿")) +
	wordPara(`<w:pStyle w:val="Rule"/>`, wordRun("住宿标准")) +
	wordPara(`<w:pStyle w:val="2"/><w:outlineLvl w:val="9"/>`, `<w:r><w:t>正文级别的段落</w:t></w:r>`) +
	wordPara(`<w:pStyle w:val="LoopA"/>`, wordRun("样式循环"))

const handbookText = "星河数据员工手册\n" +
	"第一章 总则\n" +
	"本手册适用于全体员工[1]。\n" +
	"一、年假天数\n" +
	"1. 工作满一年不满十年的，年假 5 天。\n" +
	"a) 试用期内不休年假。\n" +
	"b) 病假不抵年假。\n" +
	"2. 工作满十年的，年假\t10 天。\n" +
	"• 年假当年有效。\n" +
	"详见第 3 页\n（人力资源部）\n" +
	"假期类型 | 天数 | 说明\n" +
	"年假 | 5 | 按工作年限计算\n" +
	"婚假 | 3 Marriage leave | \n" +
	"请注意：\n" +
	"年假可分次休，\n" +
	"不可跨年。\n" +
	"第二章 出差\n" +
	"一、交通\n" +
	"差旅标准\n" +
	"每天补助一百二十元[2]。\n" +
	"二、住宿\n" +
	"住宿标准\n" +
	"三、正文级别的段落\n" +
	"样式循环\n" +
	"脚注\n" +
	"[1] 包括劳务派遣人员。\n" +
	"[2] 以财务制度为准，每年修订。\n"

func handbookDOCX(t testing.TB) []byte {
	return ooxmlZip(t,
		"[Content_Types].xml", docxContentTypes,
		"_rels/.rels", docxPackageRels,
		"word/document.xml", wordDocument(handbookBody),
		"word/_rels/document.xml.rels", docxDocumentRels,
		"word/styles.xml", docxStyles,
		"word/numbering.xml", docxNumbering,
		"word/footnotes.xml", docxFootnotes,
		"word/endnotes.xml", docxEndnotes,
		"docProps/core.xml", docxCore,
	)
}

// ooxmlRuneAt is the rune offset of the first s in text.
func ooxmlRuneAt(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not in %q", s, text)
	}
	return utf8.RuneCountInString(text[:i])
}

func parseOOXML(t *testing.T, name string, raw []byte) Document {
	t.Helper()
	docs, err := Parse(File{Path: name, ID: name}, raw)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	if len(docs) != 1 {
		t.Fatalf("Parse(%s): %d documents; want 1", name, len(docs))
	}
	return docs[0]
}

func checkOOXMLParts(t *testing.T, d Document, want []Part) {
	t.Helper()
	if !reflect.DeepEqual(d.Parts, want) {
		t.Errorf("parts:")
		for i := 0; i < max(len(d.Parts), len(want)); i++ {
			var got, w string
			if i < len(d.Parts) {
				got = ooxmlPartString(d, d.Parts[i])
			}
			if i < len(want) {
				w = ooxmlPartString(d, want[i])
			}
			mark := "  "
			if got != w {
				mark = "≠ "
			}
			t.Logf("%sgot %s; want %s", mark, got, w)
		}
	}
}

// ooxmlPartString shows a Part with the beginning of its text.
func ooxmlPartString(d Document, p Part) string {
	r := []rune(d.Text)
	end := min(len(r), max(p.Start, 0)+12)
	return strings.ReplaceAll(
		strings.Join([]string{
			"@" + strconv.Itoa(p.Start) + " " + string(r[min(max(p.Start, 0), len(r)):end]),
			"section=" + SectionPath(p.Section), "where=" + p.Where, "row=" + map[bool]string{true: "yes", false: "no"}[p.Row], "header=" + p.Header,
		}, " "), "\n", `\n`)
}

func TestDOCX(t *testing.T) {
	d := parseOOXML(t, "x.docx", handbookDOCX(t))
	if d.Text != handbookText {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, handbookText)
	}
	if d.Title != "星河数据员工手册（2024 版）" || d.ID != "x.docx" || d.Source != "x.docx" {
		t.Errorf("title, id, source = %q, %q, %q; want the core properties' title, x.docx, x.docx", d.Title, d.ID, d.Source)
	}
	text := handbookText
	ch1 := []string{"第一章 总则"}
	ch1s1 := []string{"第一章 总则", "一、年假天数"}
	ch2 := []string{"第二章 出差"}
	header := "假期类型 | 天数 | 说明"
	checkOOXMLParts(t, d, []Part{
		{Start: 0},
		{Start: ooxmlRuneAt(t, text, "第一章"), Section: ch1},
		{Start: ooxmlRuneAt(t, text, "一、年假"), Section: ch1s1},
		{Start: ooxmlRuneAt(t, text, "假期类型"), Section: ch1s1, Row: true},
		{Start: ooxmlRuneAt(t, text, "年假 | 5"), Section: ch1s1, Row: true, Header: header},
		{Start: ooxmlRuneAt(t, text, "婚假"), Section: ch1s1, Row: true, Header: header},
		{Start: ooxmlRuneAt(t, text, "请注意"), Section: ch1s1},
		{Start: ooxmlRuneAt(t, text, "第二章"), Section: ch2},
		{Start: ooxmlRuneAt(t, text, "一、交通"), Section: []string{"第二章 出差", "一、交通"}},
		{Start: ooxmlRuneAt(t, text, "差旅标准"), Section: []string{"第二章 出差", "一、交通", "差旅标准"}},
		{Start: ooxmlRuneAt(t, text, "二、住宿"), Section: []string{"第二章 出差", "二、住宿"}},
		{Start: ooxmlRuneAt(t, text, "住宿标准"), Section: []string{"第二章 出差", "二、住宿", "住宿标准"}},
		{Start: ooxmlRuneAt(t, text, "脚注"), Section: []string{"脚注"}},
	})
}

// TestDOCXWithoutParts: a document of document.xml alone (no styles,
// numbering, notes or properties) has its headings by their style ids,
// its title from the first of them.
func TestDOCXWithoutParts(t *testing.T) {
	body := wordPara("", wordRun("前言")) +
		wordPara(`<w:pStyle w:val="Heading1"/>`, wordRun("Chapter 1")) +
		wordPara(`<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="7"/></w:numPr>`, wordRun("Scope")) +
		wordPara("", wordRun("Text")+`<w:r><w:footnoteReference w:id="1"/></w:r>`) +
		`<w:tbl><w:tr>` + wordCell(wordPara("", wordRun("A"))) + `</w:tr></w:tbl>`
	raw := ooxmlZip(t, "[Content_Types].xml", docxContentTypes, "word/document.xml", wordDocument(body))
	d := parseOOXML(t, "x.docx", raw)
	const want = "前言\nChapter 1\nScope\nText[1]\nA\n"
	if d.Text != want || d.Title != "Chapter 1" {
		t.Errorf("text, title = %q, %q; want %q, %q", d.Text, d.Title, want, "Chapter 1")
	}
	checkOOXMLParts(t, d, []Part{
		{Start: 0},
		{Start: ooxmlRuneAt(t, want, "Chapter"), Section: []string{"Chapter 1"}},
		{Start: ooxmlRuneAt(t, want, "Scope"), Section: []string{"Chapter 1", "Scope"}},
		{Start: ooxmlRuneAt(t, want, "A\n"), Section: []string{"Chapter 1", "Scope"}, Row: true},
	})
}

// TestDOCXEncodings: parts may be UTF-16 (with a byte order mark) or
// begin with a UTF-8 one; other encodings are refused.
func TestDOCXEncodings(t *testing.T) {
	doc := wordDocument(wordPara("", wordRun("年假 𠀋 5 天")))
	utf16le := func(s string) string {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(strings.Replace(s, `encoding="UTF-8"`, `encoding="UTF-16"`, 1))) {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		return string(b)
	}
	for _, tt := range []struct {
		name, doc, want string
		err             error
	}{
		{"utf-16", utf16le(doc), "年假 𠀋 5 天\n", nil},
		{"utf-8 bom", "\uFEFF" + doc, "年假 𠀋 5 天\n", nil},
		{"latin-1", strings.Replace(doc, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), "", ErrDamagedFile},
	} {
		docs, err := Parse(File{Path: "x.docx", ID: "x.docx"}, ooxmlZip(t, "word/document.xml", tt.doc))
		switch {
		case tt.err != nil && !errors.Is(err, tt.err):
			t.Errorf("%s: error %v; want %v", tt.name, err, tt.err)
		case tt.err == nil && (err != nil || docs[0].Text != tt.want):
			t.Errorf("%s: %v, %v; want text %q", tt.name, docs, err, tt.want)
		}
	}
}

// TestDOCXNumbering: list labels of each format, a start override, a
// level that does not restart, lists of one definition counting on
// together until one restarts (as Word counts them), a list style.
func TestDOCXNumbering(t *testing.T) {
	lvl := func(i int, start, format, text, extra string) string {
		return `<w:lvl w:ilvl="` + string(rune('0'+i)) + `"><w:start w:val="` + start + `"/><w:numFmt w:val="` + format + `"/>` + extra +
			`<w:lvlText w:val="` + text + `"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>`
	}
	numbering := ooxmlDecl + `<w:numbering ` + wordNS + `>` +
		`<w:abstractNum w:abstractNumId="0">` + lvl(0, "9", "chineseCounting", "%1、", `<w:suff w:val="nothing"/>`) +
		lvl(1, "1", "decimal", "%1.%2", "") + lvl(2, "1", "lowerRoman", "(%3)", `<w:lvlRestart w:val="0"/>`) + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` + lvl(0, "1", "upperLetter", "%1.", "") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="2">` + lvl(0, "1", "decimalEnclosedCircle", "%1", "") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="3">` + lvl(0, "1", "ideographTraditional", "%1、", "") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="4">` + lvl(0, "1", "decimal", "（%1）", "") + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="25"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>` +
		`<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>` +
		`<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>` +
		`<w:num w:numId="7"><w:abstractNumId w:val="4"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`<w:abstractNum w:abstractNumId="5"><w:multiLevelType w:val="multilevel"/><w:styleLink w:val="LegalList"/>` + lvl(0, "1", "decimal", "第%1条", `<w:suff w:val="space"/>`) + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="6"><w:multiLevelType w:val="multilevel"/><w:numStyleLink w:val="LegalList"/></w:abstractNum>` +
		`<w:num w:numId="10"><w:abstractNumId w:val="5"/></w:num>` +
		`<w:num w:numId="11"><w:abstractNumId w:val="6"/></w:num>` +
		`<w:num w:numId="9"><w:abstractNumId w:val="99"/></w:num>` +
		`</w:numbering>`
	item := func(num, ilvl, text string) string {
		return wordPara(`<w:numPr><w:ilvl w:val="`+ilvl+`"/><w:numId w:val="`+num+`"/></w:numPr>`, wordRun(text))
	}
	body := item("1", "0", "九项") + item("1", "1", "细则") + item("1", "2", "甲") + item("1", "0", "十项") +
		item("1", "2", "乙") + item("1", "1", "细则") + item("1", "0", "十一项") +
		item("2", "0", "Y") + item("2", "0", "Z") + item("2", "0", "AA") +
		item("3", "0", "一") + item("3", "0", "二") +
		item("4", "0", "甲项") + item("4", "0", "乙项") +
		item("5", "0", "第一份") + item("6", "0", "另一份") + item("5", "0", "第一份续") +
		item("7", "0", "重新编号") + item("7", "0", "重新编号续") + item("5", "0", "第一份再续") +
		item("11", "0", "保密义务") + item("11", "0", "违约责任") +
		item("9", "0", "无此列表")
	styles := ooxmlDecl + `<w:styles ` + wordNS + `><w:style w:type="numbering" w:customStyle="1" w:styleId="LegalList"><w:name w:val="条款列表"/>` +
		`<w:pPr><w:numPr><w:numId w:val="10"/></w:numPr></w:pPr></w:style></w:styles>`
	raw := ooxmlZip(t, "word/document.xml", wordDocument(body), "word/numbering.xml", numbering, "word/styles.xml", styles)
	d := parseOOXML(t, "x.docx", raw)
	const want = "九、九项\n九.1 细则\n(i) 甲\n十、十项\n(ii) 乙\n十.1 细则\n十一、十一项\n" +
		"Y. Y\nZ. Z\nAA. AA\n① 一\n② 二\n甲、甲项\n乙、乙项\n（1）第一份\n（2）另一份\n（3）第一份续\n" +
		"（1）重新编号\n（2）重新编号续\n（3）第一份再续\n第1条 保密义务\n第2条 违约责任\n无此列表\n"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Parts != nil {
		t.Errorf("parts %v; want none", d.Parts)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "decimal", "1"}, {7, "decimalZero", "07"}, {12, "decimalZero", "12"},
		{1, "lowerLetter", "a"}, {28, "lowerLetter", "bb"}, {3, "upperLetter", "C"},
		{4, "upperRoman", "IV"}, {1994, "lowerRoman", "mcmxciv"},
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"}, {20, "chineseCounting", "二十"},
		{105, "chineseCountingThousand", "一百零五"}, {110, "chineseCountingThousand", "一百一十"}, {2020, "chineseCountingThousand", "二千零二十"},
		{10000, "chineseCountingThousand", "一万"}, {10001, "chineseCountingThousand", "一万零一"},
		{12, "chineseLegalSimplified", "壹拾贰"}, {3, "ideographTraditional", "丙"}, {11, "ideographTraditional", "11"},
		{2, "decimalEnclosedCircle", "②"}, {21, "decimalEnclosedCircle", "21"}, {12, "decimalFullWidth", "１２"},
		{105, "ideographDigital", "一〇五"}, {5, "none", ""}, {0, "chineseCounting", "0"}, {3, "ordinalText", "3"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q; want %q", tt.n, tt.format, got, tt.want)
		}
	}
}

// ooxmlZipBomb is a zip of the name, content pairs in others, then one
// entry, name, of 200 MB of zeros: 250 KB packed.
func ooxmlZipBomb(t testing.TB, name string, others ...string) []byte {
	var entries []entry
	for i := 0; i+1 < len(others); i += 2 {
		entries = append(entries, entry{others[i], others[i+1]})
	}
	return bombZip(t, name, 200, append(entries, entry{name: name})...)
}

// docxTextBoxes is a paragraph (框n) holding a text box whose paragraph (框n-1)
// holds one … n deep.
func docxTextBoxes(n int) string {
	p := wordPara("", wordRun("框0"))
	for i := 1; i <= n; i++ {
		p = wordPara("", wordRun("框"+strconv.Itoa(i))+`<w:r><w:pict><v:shape><v:textbox><w:txbxContent>`+p+`</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`)
	}
	return p
}

// nestedDOCX is a document with elements nested n deep, inside a paragraph's run.
func nestedDOCX(n int) string {
	return wordDocument(wordPara("", strings.Repeat("<w:sdt><w:sdtContent>", n/2)+wordRun("深")+strings.Repeat("</w:sdtContent></w:sdt>", n/2)))
}

func TestDOCXBad(t *testing.T) {
	good := handbookDOCX(t)
	doc := wordDocument(handbookBody)
	tests := []struct {
		name string
		raw  []byte
		want error
	}{
		{"truncated", good[:len(good)/2], ErrDamagedFile},
		{"cut document.xml", ooxmlZip(t, "word/document.xml", doc[:len(doc)/2]), ErrDamagedFile},
		{"not XML", ooxmlZip(t, "word/document.xml", "<w:document><w:body></w:document>"), ErrDamagedFile},
		{"damaged styles", ooxmlZip(t, "word/document.xml", doc, "word/styles.xml", docxStyles[:300]), ErrDamagedFile},
		{"damaged rels", ooxmlZip(t, "word/document.xml", doc, "word/_rels/document.xml.rels", "<Relationships"), ErrDamagedFile},
		{"zip bomb", ooxmlZipBomb(t, "word/document.xml"), ErrTooLarge},
		{"zip bomb styles", ooxmlZipBomb(t, "word/styles.xml", "word/document.xml", doc), ErrTooLarge},
		{"not a document", ooxmlZip(t, "readme.txt", "年假 5 天", "data/table.csv", "a,b\n"), ErrUnsupported},
		{"nested too deep", ooxmlZip(t, "word/document.xml", nestedDOCX(2*maxXMLDepth)), ErrDamagedFile},
		{"no text", ooxmlZip(t, "word/document.xml", wordDocument(wordPara("", ""))), ErrEmpty},
		{"text boxes nested too deep", ooxmlZip(t, "word/document.xml", wordDocument(docxTextBoxes(maxTextBoxes+1))), ErrDamagedFile},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := Parse(File{Path: "x.docx", ID: "x.docx"}, tt.raw)
			if !errors.Is(err, tt.want) || docs != nil {
				t.Errorf("Parse = %d documents, %v; want %v", len(docs), err, tt.want)
			}
		})
	}
	// Deep, but within the limits: read.
	d := parseOOXML(t, "x.docx", ooxmlZip(t, "word/document.xml", nestedDOCX(maxXMLDepth-10)))
	if d.Text != "深\n" {
		t.Errorf("text of deep nesting %q; want 深", d.Text)
	}
	d = parseOOXML(t, "x.docx", ooxmlZip(t, "word/document.xml", wordDocument(docxTextBoxes(3))))
	if want := "框3\n框2\n框1\n框0\n"; d.Text != want {
		t.Errorf("text of nested text boxes %q; want %q", d.Text, want)
	}
}

// checkOOXML parses raw as a file named name and checks what every
// reader's documents hold, and the Parts: sorted, the first at 0, within
// the text, a row's text ending with a newline.
func checkOOXML(t *testing.T, name string, raw []byte) {
	f := File{Path: name, ID: name}
	docs, err := Parse(f, raw)
	checkDocs(t, f, raw, docs, err)
	if err != nil {
		known := false
		for _, e := range []error{ErrDamagedFile, ErrTooLarge, ErrEmpty, ErrUnsupported, ErrEncrypted, ErrLegacy} {
			known = known || errors.Is(err, e)
		}
		if !known {
			t.Errorf("Parse(%s) error %v: not one of corpora's", name, err)
		}
		return
	}
	for _, d := range docs {
		text := []rune(d.Text)
		for i, p := range d.Parts {
			end := len(text)
			if i+1 < len(d.Parts) {
				end = d.Parts[i+1].Start
			}
			switch {
			case i == 0 && p.Start != 0:
				t.Errorf("first part at %d, not 0", p.Start)
			case p.Start < 0 || p.Start >= end || end > len(text):
				t.Errorf("part %d at %d, next at %d, text %d runes long", i, p.Start, end, len(text))
			case p.Row && text[end-1] != '\n':
				t.Errorf("row %d %q does not end with a newline", i, string(text[p.Start:end]))
			}
		}
	}
}

func FuzzDOCX(f *testing.F) {
	f.Add(handbookDOCX(f))
	f.Add([]byte(wordDocument(handbookBody)))
	f.Add([]byte(docxStyles))
	f.Add([]byte(docxNumbering))
	f.Add([]byte(docxFootnotes))
	f.Add([]byte(nestedDOCX(50)))
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkOOXML(t, "x.docx", raw)
		if Sniff(raw) == "zip" {
			return
		}
		// The bytes as every part the reader reads, and a footnote
		// reference to have the notes read.
		s := string(raw)
		doc := s
		if !strings.Contains(s, "footnoteReference") {
			doc = wordDocument(wordPara("", wordRun("注")+`<w:r><w:footnoteReference w:id="2"/><w:endnoteReference w:id="1"/></w:r>`)) + s
		}
		checkOOXML(t, "x.docx", ooxmlPack(t, zip.Store, "word/document.xml", doc, "word/styles.xml", s, "word/numbering.xml", s,
			"word/footnotes.xml", s, "word/endnotes.xml", s, "docProps/core.xml", s))
	})
}
