package corpora

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Errors a reader returns for files it will not index.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary file")
	ErrUndecodable = errors.New("text in no supported encoding (UTF-8, UTF-16, GB18030/GBK, Big5)")
	ErrUnsupported = errors.New("unsupported file type")
)

// Decoding says how Decode read a file's bytes.
type Decoding struct {
	// Encoding is utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 or big5.
	Encoding string
	// Replaced counts what was not text in Encoding — stray bytes in
	// UTF-8, invalid sequences in the others — each now U+FFFD in the
	// text. A file with a trace of damage is read, not refused; callers
	// should say so.
	Replaced int
}

// Decode detects the encoding of raw text and returns it as UTF-8. A
// byte-order mark decides first (UTF-8, UTF-16 LE/BE); then UTF-16 without
// one, told by its zero bytes (ASCII characters have a zero high byte);
// then UTF-8, valid or overwhelmingly so (a few stray bytes become
// U+FFFD); then the Chinese legacy encodings, GB18030 (a superset of GBK
// and GB2312) or Big5, whichever the bytes fit better. Files holding other
// NUL bytes or many control characters are binary.
func Decode(raw []byte) (string, Decoding, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", Decoding{}, ErrEmpty
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		s, bad, ok := lossyUTF8(raw[3:])
		if !ok {
			return "", Decoding{}, fmt.Errorf("utf-8 byte-order mark but %d bytes not utf-8: %w", bad, ErrUndecodable)
		}
		return checkText(s, Decoding{"utf-8-bom", bad})
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), raw, "utf-16le")
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), raw, "utf-16be")
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		if s, name, ok := unmarkedUTF16(raw); ok {
			return checkText(s, Decoding{Encoding: name})
		}
		return "", Decoding{}, ErrBinary
	}
	if utf8.Valid(raw) {
		return checkText(string(raw), Decoding{Encoding: "utf-8"})
	}
	if controlRatio(raw) > 0.05 {
		return "", Decoding{}, ErrBinary
	}
	if s, bad, ok := lossyUTF8(raw); ok {
		return checkText(s, Decoding{"utf-8", bad})
	}
	gb, big5 := legacyScores(raw)
	if gb >= big5 {
		if s, d, err := decodeWith(simplifiedchinese.GB18030, raw, "gb18030"); err == nil {
			return s, d, nil
		}
		return decodeWith(traditionalchinese.Big5, raw, "big5")
	}
	if s, d, err := decodeWith(traditionalchinese.Big5, raw, "big5"); err == nil {
		return s, d, nil
	}
	return decodeWith(simplifiedchinese.GB18030, raw, "gb18030")
}

// lossyUTF8 reads raw as UTF-8 with each stray byte as U+FFFD, when it is
// overwhelmingly UTF-8: at least 100 bytes of valid multi-byte characters
// for each stray one. Text in GBK or Big5 is far from that, for their
// trail bytes are mostly not UTF-8 continuation bytes.
func lossyUTF8(raw []byte) (string, int, bool) {
	good, bad := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			good += n
		}
		i += n
	}
	if bad > 0 && good < 100*bad {
		return "", bad, false
	}
	if bad == 0 {
		return string(raw), 0, true
	}
	var b bytes.Buffer
	b.Grow(len(raw) + 2*bad)
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.Write(raw[i : i+n])
		}
		i += n
	}
	return b.String(), bad, true
}

// unmarkedUTF16 reads raw as UTF-16 without a byte-order mark when its
// zero bytes say so: in UTF-16 a zero byte is the high byte of an ASCII
// character (or of a rare U+xx00), never two in one code unit, which
// binary formats are full of. Of the two byte orders the one whose text
// looks like text wins; neither may hold control characters.
func unmarkedUTF16(raw []byte) (string, string, bool) {
	if len(raw)%2 != 0 {
		return "", "", false
	}
	even, odd := 0, 0
	for i := 0; i < len(raw); i += 2 {
		if raw[i] == 0 && raw[i+1] == 0 {
			return "", "", false
		}
		if raw[i] == 0 {
			even++
		} else if raw[i+1] == 0 {
			odd++
		}
	}
	type order struct {
		e    unicode.Endianness
		name string
	}
	// On a tie the zeros' side decides: ASCII's high byte comes second
	// in little-endian.
	orders := []order{{unicode.LittleEndian, "utf-16le"}, {unicode.BigEndian, "utf-16be"}}
	if even > odd {
		orders[0], orders[1] = orders[1], orders[0]
	}
	best, name, score := "", "", 0.0
	for _, c := range orders {
		out, err := unicode.UTF16(c.e, unicode.IgnoreBOM).NewDecoder().Bytes(raw)
		if err != nil || bytes.Contains(out, []byte("\uFFFD")) || controlRatio(out) > 0 {
			continue
		}
		if s := textScore(out); s > score {
			best, name, score = string(out), c.name, s
		}
	}
	return best, name, score >= 0.9
}

// textScore is the share of a text's characters that are common in
// written Chinese or English: ASCII, CJK ideographs and punctuation,
// full-width forms, general punctuation. Text read in the wrong byte
// order scatters over the whole of Unicode instead.
func textScore(b []byte) float64 {
	n, common := 0, 0
	for _, r := range string(b) {
		n++
		switch {
		case r < 0x80, r >= 0x2000 && r <= 0x206F, r >= 0x3000 && r <= 0x30FF, r >= 0x3400 && r <= 0x4DBF,
			r >= 0x4E00 && r <= 0x9FFF, r >= 0xFF00 && r <= 0xFFEF, r >= 0xA0 && r <= 0x17F:
			common++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(common) / float64(n)
}

func decodeWith(enc encoding.Encoding, raw []byte, name string) (string, Decoding, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", Decoding{}, fmt.Errorf("%s: %w", name, ErrUndecodable)
	}
	// Decoders map invalid sequences to U+FFFD instead of failing; a text
	// with more than a trace of them is not in this encoding.
	n := bytes.Count(out, []byte("\uFFFD"))
	if n > 0 && n*200 > utf8.RuneCount(out) {
		return "", Decoding{}, fmt.Errorf("%s: %d invalid sequences: %w", name, n, ErrUndecodable)
	}
	return checkText(string(out), Decoding{name, n})
}

// checkText refuses text with NUL characters, or more than a trace of
// other control characters, as binary: whatever its encoding, no
// document holds U+0000.
func checkText(s string, d Decoding) (string, Decoding, error) {
	if strings.IndexByte(s, 0) >= 0 || controlRatio([]byte(s)) > 0.05 {
		return "", Decoding{}, ErrBinary
	}
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return "", Decoding{}, ErrEmpty
	}
	return s, d, nil
}

// controlRatio is the share of C0 control bytes other than tab, CR, LF, FF
// and ESC.
func controlRatio(b []byte) float64 {
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b {
			n++
		}
	}
	return float64(n) / float64(len(b)+1)
}

// legacyScores rates how well raw fits GBK and Big5 by where its double-byte
// characters fall. Common simplified text sits almost entirely in GB2312's
// hanzi rows (lead 0xB0–0xF7, trail 0xA1–0xFE); Big5 text puts about 40% of
// its trail bytes in 0x40–0x7E, which GB2312 never uses, and its frequent
// characters in leads 0xA4–0xC6.
func legacyScores(raw []byte) (gb, big5 float64) {
	var pairs, gbHits, big5Hits int
	for i := 0; i+1 < len(raw); i++ {
		lead := raw[i]
		if lead < 0x81 {
			continue
		}
		trail := raw[i+1]
		pairs++
		if lead >= 0xB0 && lead <= 0xF7 && trail >= 0xA1 && trail <= 0xFE {
			gbHits++
		}
		if lead >= 0xA4 && lead <= 0xC6 && ((trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE)) {
			big5Hits++
		}
		i++
	}
	if pairs == 0 {
		return 1, 0
	}
	return float64(gbHits) / float64(pairs), float64(big5Hits) / float64(pairs)
}
