package server

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSafeName: the name an upload is stored under never leaves the
// upload folder, is valid UTF-8 when the name was, and is at most 200
// bytes.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"报销.md", "../../etc/passwd", `..\..\x`, ".hidden", "a/b/c.txt", strings.Repeat("长", 100) + ".txt", "\x00\x1f", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		safe := SafeName(name)
		if safe == "" {
			return
		}
		dir := filepath.Join("kb", "uploads")
		if p := filepath.Join(dir, safe); filepath.Dir(p) != dir {
			t.Fatalf("SafeName(%q) = %q leaves the folder (%s)", name, safe, p)
		}
		if strings.HasPrefix(safe, ".") || strings.ContainsAny(safe, "/\\\x00") || len(safe) > 200 {
			t.Fatalf("SafeName(%q) = %q", name, safe)
		}
		if utf8.ValidString(name) && !utf8.ValidString(safe) {
			t.Fatalf("SafeName(%q) = %q: cut in the middle of a character", name, safe)
		}
	})
}
