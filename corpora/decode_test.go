package corpora

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// Issue 12 item 11: a UTF-8 file with a few stray bytes was refused whole
// as Big5; UTF-16 without a byte-order mark was called binary.
func TestDecodeDamagedAndUnmarked(t *testing.T) {
	var b strings.Builder
	for b.Len() < 3000 {
		b.WriteString("臺灣的圖書館藏書豐富，讀者可以在網路上預約借閱。\n")
	}
	good := b.String()
	raw := []byte(good)
	for _, at := range []int{len(raw) / 4, len(raw) / 2, 3 * len(raw) / 4} {
		for at < len(raw) && raw[at]&0xC0 == 0x80 { // the first byte of a character
			at++
		}
		raw = append(raw[:at:at], append([]byte{0xA4}, raw[at:]...)...)
	}
	text, dec, err := Decode(raw)
	if err != nil || dec.Encoding != "utf-8" || dec.Replaced != 3 || strings.Count(text, "\uFFFD") != 3 || strings.ReplaceAll(text, "\uFFFD", "") != good {
		t.Errorf("Decode(3 KB of UTF-8 with 3 stray bytes) = %d bytes, %+v, %v; want the text with 3 U+FFFD, utf-8, Replaced 3", len(text), dec, err)
	}

	mixed := "员工手册 2025\n第一章：年假为每年15天（Annual leave: 15 days）。\nEmail: hr@example.com\n"
	for _, tt := range []struct {
		name string
		end  unicode.Endianness
	}{{"utf-16le", unicode.LittleEndian}, {"utf-16be", unicode.BigEndian}} {
		for _, s := range []string{mixed, "Plain ASCII text, as Windows Notepad saved it.\r\nSecond line.\r\n"} {
			raw := encode(t, unicode.UTF16(tt.end, unicode.IgnoreBOM), s)
			got, dec, err := Decode(raw)
			if err != nil || got != s || dec.Encoding != tt.name {
				t.Errorf("Decode(%s without BOM of %q) = %q, %+v, %v; want the text, %s", tt.name, s, got, dec, err, tt.name)
			}
		}
	}
	// Binary data is still binary, though some of it has zeros in step.
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i * 7)
		if i%2 == 1 {
			bin[i] = 0
		}
	}
	if _, _, err := Decode(bin); !errors.Is(err, ErrBinary) {
		t.Errorf("Decode(16-bit binary samples) error = %v; want ErrBinary", err)
	}
}
