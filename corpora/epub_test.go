package corpora

import (
	"strings"
	"testing"
)

const epubContainer = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>`

// epubOPF lists the chapters in the manifest in another order than the
// spine's, one under a percent-escaped Chinese name, beside a cover, a
// navigation document, a stylesheet and an image.
const epubOPF = `<?xml version="1.0" encoding="utf-8"?>
<package version="3.0" unique-identifier="BookId" xmlns="http://www.idpf.org/2007/opf">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="BookId">urn:uuid:5c1f6c0e-0000-4000-8000-000000000001</dc:identifier>
    <dc:title>员工手册</dc:title>
    <dc:language>zh-CN</dc:language>
    <dc:creator opf:role="aut">人事部</dc:creator>
    <meta property="dcterms:modified">2024-01-02T09:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="ch2" href="Text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="ch1" href="Text/%E7%AC%AC1%E7%AB%A0.xhtml" media-type="application/xhtml+xml"/>
    <item id="cover" href="Text/cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="css" href="Styles/style.css" media-type="text/css"/>
    <item id="img" href="Images/cover.jpg" media-type="image/jpeg" properties="cover-image"/>
    <item id="ch3" href="Text/ch3.xhtml#start" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="cover" linear="no"/>
    <itemref idref="nav"/>
    <itemref idref="ch1"/>
    <itemref idref="ch2"/>
    <itemref idref="ch3"/>
  </spine>
</package>`

func xhtml(title, body string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="zh-CN">
<head>` + title + `<link href="../Styles/style.css" rel="stylesheet" type="text/css"/></head>
<body>` + body + `</body>
</html>`
}

func epubEntries() []entry {
	return []entry{
		{"mimetype", "application/epub+zip"},
		{"META-INF/container.xml", epubContainer},
		{"OEBPS/content.opf", epubOPF},
		{"OEBPS/nav.xhtml", xhtml("<title>目录</title>", `<nav epub:type="toc"><h1>目录</h1><ol><li><a href="Text/%E7%AC%AC1%E7%AB%A0.xhtml">第一章 总则</a></li></ol></nav>`)},
		{"OEBPS/toc.ncx", `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap/></ncx>`},
		{"OEBPS/Text/cover.xhtml", xhtml("<title>员工手册</title>", `<div><img src="../Images/cover.jpg" alt="封面"/></div>`)},
		{"OEBPS/Text/ch2.xhtml", xhtml("<title>第二章 考勤</title>", `<h1>第二章 考勤</h1><p>员工每天上班须打卡。</p><p style="display:none">隐藏的段落</p>`)},
		{"OEBPS/Text/第1章.xhtml", xhtml("<title>员工手册</title>", `<h1 class="chapter">第一章 <span>总则</span></h1><p>本手册适用于全体员工。</p>`)},
		{"OEBPS/Text/ch3.xhtml", xhtml("<title/>", `<h2 id="start">附录</h2><p>联系人事部。</p>`)},
		{"OEBPS/Styles/style.css", `p { text-indent: 2em; }`},
		{"OEBPS/Images/cover.jpg", "\xff\xd8\xff\xe0 not really a jpeg"},
	}
}

func TestEPUB(t *testing.T) {
	d := readDoc(t, "手册.epub", packZip(t, epubEntries()...))
	want := "第一章 总则\n本手册适用于全体员工。\n" +
		"第二章 考勤\n员工每天上班须打卡。\n" +
		"附录\n联系人事部。\n"
	if d.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != "员工手册" {
		t.Errorf("title %q; want 员工手册", d.Title)
	}
	wantParts(t, d, []Part{
		{Start: 0, Section: []string{"第一章 总则"}},
		{Start: at(t, d.Text, "第二章"), Section: []string{"第二章 考勤"}},
		{Start: at(t, d.Text, "附录"), Section: []string{"附录"}},
	})
}

func TestEPUBBad(t *testing.T) {
	good := packZip(t, epubEntries()...)
	entries := epubEntries()
	without := func(name string) []entry {
		var out []entry
		for _, e := range entries {
			if e.name != name {
				out = append(out, e)
			}
		}
		return out
	}
	locked := append(epubEntries(), entry{"META-INF/encryption.xml", `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
  <enc:CipherData><enc:CipherReference URI="OEBPS/Text/ch2.xhtml"/></enc:CipherData></enc:EncryptedData>
</encryption>`})
	fonts := append(epubEntries(), entry{"META-INF/encryption.xml", `<?xml version="1.0"?>
<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#">
  <enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>
  <enc:CipherData><enc:CipherReference URI="OEBPS/Fonts/song.otf"/></enc:CipherData></enc:EncryptedData>
</encryption>`})
	if d := readDoc(t, "fonts.epub", packZip(t, fonts...)); !strings.Contains(d.Text, "第二章") {
		t.Errorf("a book with obfuscated fonts read as %q", d.Text)
	}
	for _, c := range []struct {
		name  string
		raw   []byte
		want  error
		words []string
	}{
		{"truncated file", good[:len(good)/2], ErrDamagedFile, nil},
		{"no container", packZip(t, without("META-INF/container.xml")...), ErrDamagedFile, []string{"META-INF/container.xml"}},
		{"no package", packZip(t, without("OEBPS/content.opf")...), ErrDamagedFile, []string{"OEBPS/content.opf"}},
		{"truncated package", packZip(t, withEntry(entries, "OEBPS/content.opf", epubOPF[:900])...), ErrDamagedFile, []string{"content.opf"}},
		{"missing chapter", packZip(t, without("OEBPS/Text/第1章.xhtml")...), ErrDamagedFile, []string{"OEBPS/Text/第1章.xhtml"}},
		{"spine names no item", packZip(t, withEntry(entries, "OEBPS/content.opf", strings.Replace(epubOPF, `idref="ch2"`, `idref="ch9"`, 1))...), ErrDamagedFile, []string{"ch9"}},
		{"binary chapter", packZip(t, withEntry(entries, "OEBPS/Text/ch2.xhtml", "\x00\x01\x02\x03binary")...), ErrDamagedFile, []string{"ch2.xhtml"}},
		{"encrypted chapter", packZip(t, locked...), ErrEncrypted, []string{"ch2.xhtml"}},
		{"zip bomb", withBomb(t, "OEBPS/Text/ch2.xhtml", entries...), ErrTooLarge, []string{"ch2.xhtml"}},
		{"no text", packZip(t, withEntry(entries, "OEBPS/content.opf", strings.Replace(epubOPF, `<itemref idref="ch1"/>`+"\n    "+`<itemref idref="ch2"/>`+"\n    "+`<itemref idref="ch3"/>`, "", 1))...), ErrEmpty, nil},
	} {
		t.Run(c.name, func(t *testing.T) { refuse(t, "x.epub", c.raw, c.want, c.words...) })
	}
}

// FuzzEPUB feeds the EPUB reader whole books and package documents and
// chapters packed into the test's book.
//
//	go test -run XXX -fuzz FuzzEPUB -fuzztime 30s -parallel 1 ./corpora
func FuzzEPUB(f *testing.F) {
	entries := epubEntries()
	f.Add(packZip(f, entries...), []byte(epubOPF), []byte(entries[6].body))
	f.Fuzz(func(t *testing.T, raw, opf, chapter []byte) {
		checkZipDoc(t, "x.epub", raw)
		e := withEntry(withEntry(entries, "OEBPS/content.opf", string(opf)), "OEBPS/Text/ch2.xhtml", string(chapter))
		checkZipDoc(t, "x.epub", packZip(t, e...))
	})
}
