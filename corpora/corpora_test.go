package corpora

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

const (
	simpText = "星河数据的员工每年有十天年假，出差补助为每天一百二十元。请在办公系统中提交报销单，财务部每月集中付款两次。"
	tradText = "臺灣的圖書館藏書豐富，讀者可以在網路上預約借閱。開放時間為每週二至週日，國定假日休館。"
)

func encode(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		want     string
		encoding string
		err      error
	}{
		{"utf-8", []byte(simpText), simpText, "utf-8", nil},
		{"utf-8 bom", append([]byte{0xEF, 0xBB, 0xBF}, simpText...), simpText, "utf-8-bom", nil},
		{"utf-16le bom", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), simpText), simpText, "utf-16le", nil},
		{"utf-16be bom", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), simpText), simpText, "utf-16be", nil},
		{"gbk", encode(t, simplifiedchinese.GBK, simpText), simpText, "gb18030", nil},
		{"gb18030", encode(t, simplifiedchinese.GB18030, simpText), simpText, "gb18030", nil},
		{"big5", encode(t, traditionalchinese.Big5, tradText), tradText, "big5", nil},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3}, "", "", ErrBinary},
		{"empty", nil, "", "", ErrEmpty},
		{"blank", []byte(" \n\t\n"), "", "", ErrEmpty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, dec, err := Decode(tt.raw)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("Decode(%s) error = %v; want %v", tt.name, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%s): %v", tt.name, err)
			}
			if got != tt.want || dec.Encoding != tt.encoding || dec.Replaced != 0 {
				t.Errorf("Decode(%s) = %q, %+v; want %q, %s", tt.name, got, dec, tt.want, tt.encoding)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	src := `<html><head><title>帮助 中心</title><style>p{color:red}</style><script>var x="脚本";</script></head>
<body><h1>标题</h1><p>第一段<b>加粗</b>文字。</p><noscript>请启用脚本</noscript><p>Hello <i>world</i></p></body></html>`
	title, body := HTMLText(src)
	if title != "帮助 中心" {
		t.Errorf("title = %q; want %q", title, "帮助 中心")
	}
	for _, bad := range []string{"color", "脚本", "请启用"} {
		if strings.Contains(body, bad) {
			t.Errorf("body %q contains invisible text %q", body, bad)
		}
	}
	for _, want := range []string{"标题", "第一段加粗文字。", "Hello world"} {
		if !strings.Contains(body, want) {
			t.Errorf("body %q lacks %q", body, want)
		}
	}
}

func TestReadFileFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) File {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return File{Path: p, ID: name}
	}
	md := write("guide.md", "# 使用指南\n\n正文。")
	docs, err := ReadFile(md)
	if err != nil || len(docs) != 1 || docs[0].Title != "使用指南" || docs[0].ID != "guide.md" {
		t.Errorf("ReadFile(guide.md) = %+v, %v; want one document titled 使用指南", docs, err)
	}
	sq := write("qa.json", `{"data":[{"title":"标题","paragraphs":[{"id":"P1","context":"上下文一。","qas":[{"id":"Q1","question":"问？","answers":[{"text":"上下文","answer_start":0}]}]},{"id":"P2","context":"上下文二。"}]}]}`)
	docs, err = ReadFile(sq)
	if err != nil || len(docs) != 2 || docs[0].ID != "qa.json#P1" || docs[1].ID != "qa.json#P2" || docs[0].Title != "标题" {
		t.Errorf("ReadFile(qa.json) = %+v, %v; want documents qa.json#P1, qa.json#P2 titled 标题", docs, err)
	}
	other := write("config.json", `{"name": "not squad"}`)
	if _, err := ReadFile(other); !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "config.json") {
		t.Errorf("ReadFile(config.json) error = %v; want ErrUnsupported naming the file", err)
	}
	png := write("logo.png", "\x89PNG")
	if _, err := ReadFile(png); !errors.Is(err, ErrUnsupported) {
		t.Errorf("ReadFile(logo.png) error = %v; want ErrUnsupported", err)
	}
}

func TestChunkID(t *testing.T) {
	id := ChunkID("dir/a#b.md", 12)
	doc, n, ok := SplitChunkID(id)
	if !ok || doc != "dir/a#b.md" || n != 12 {
		t.Errorf("SplitChunkID(%q) = %q, %d, %v; want dir/a#b.md, 12, true", id, doc, n, ok)
	}
}
