package corpora

import (
	"bytes"
	"errors"
	"fmt"
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
	ErrUndecodable = errors.New("text in no supported encoding (UTF-8, UTF-16 with BOM, GB18030/GBK, Big5)")
	ErrUnsupported = errors.New("unsupported file type")
)

// Decode detects the encoding of raw text and returns it as UTF-8 with the
// encoding's name. A byte-order mark decides first (UTF-8, UTF-16 LE/BE);
// then valid UTF-8; then the Chinese legacy encodings, GB18030 (a superset of
// GBK and GB2312) or Big5, whichever the bytes fit better. Files holding NUL
// bytes or many control characters are binary.
func Decode(raw []byte) (string, string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", "", ErrEmpty
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
		if !utf8.Valid(raw) {
			return "", "", fmt.Errorf("utf-8 byte-order mark but invalid utf-8: %w", ErrUndecodable)
		}
		return checkText(string(raw), "utf-8-bom")
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), raw, "utf-16le")
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), raw, "utf-16be")
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return "", "", ErrBinary
	}
	if utf8.Valid(raw) {
		return checkText(string(raw), "utf-8")
	}
	if controlRatio(raw) > 0.05 {
		return "", "", ErrBinary
	}
	gb, big5 := legacyScores(raw)
	if gb >= big5 {
		if s, name, err := decodeWith(simplifiedchinese.GB18030, raw, "gb18030"); err == nil {
			return s, name, nil
		}
		return decodeWith(traditionalchinese.Big5, raw, "big5")
	}
	if s, name, err := decodeWith(traditionalchinese.Big5, raw, "big5"); err == nil {
		return s, name, nil
	}
	return decodeWith(simplifiedchinese.GB18030, raw, "gb18030")
}

func decodeWith(enc encoding.Encoding, raw []byte, name string) (string, string, error) {
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", name, ErrUndecodable)
	}
	// Decoders map invalid sequences to U+FFFD instead of failing; a text
	// with more than a trace of them is not in this encoding.
	if n := bytes.Count(out, []byte("\uFFFD")); n > 0 && n*200 > utf8.RuneCount(out) {
		return "", "", fmt.Errorf("%s: %d invalid sequences: %w", name, n, ErrUndecodable)
	}
	return checkText(string(out), name)
}

func checkText(s, name string) (string, string, error) {
	if controlRatio([]byte(s)) > 0.05 {
		return "", "", ErrBinary
	}
	if len(bytes.TrimSpace([]byte(s))) == 0 {
		return "", "", ErrEmpty
	}
	return s, name, nil
}

// controlRatio is the share of C0 control bytes other than tab, CR, LF and FF.
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
