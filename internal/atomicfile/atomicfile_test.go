package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// only checks that dir holds exactly the file name with content want: no
// temporary file left behind.
func only(t *testing.T, dir, name, want string) {
	t.Helper()
	if got := entries(t, dir); len(got) != 1 || got[0] != name {
		t.Errorf("directory holds %q; want only %q", got, name)
	}
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s holds %q; want %q", name, got, want)
	}
}

func TestWriteFile(t *testing.T) {
	for _, tc := range []struct {
		name  string
		old   string // "" for no file before
		write string
	}{
		{"new file", "", "洛阳纸贵"},
		{"replaces", "old content, longer than the new", "new"},
		{"empty", "old", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "f.bin")
			if tc.old != "" {
				if err := os.WriteFile(p, []byte(tc.old), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if err := WriteFile(p, []byte(tc.write), 0o644); err != nil {
				t.Fatalf("WriteFile(%q): %v", tc.write, err)
			}
			only(t, dir, "f.bin", tc.write)
			if runtime.GOOS != "windows" {
				fi, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if fi.Mode().Perm() != 0o644 {
					t.Errorf("mode %v; want %v", fi.Mode().Perm(), os.FileMode(0o644))
				}
			}
		})
	}
}

func TestWriteStreams(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "big")
	line := strings.Repeat("床前明月光，疑是地上霜。", 10) + "\n"
	var want bytes.Buffer
	err := Write(p, 0o644, func(w io.Writer) error {
		for i := 0; i < 20000; i++ { // several MB, past the buffer
			io.WriteString(w, line)
			want.WriteString(line)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	only(t, dir, "big", want.String())
}

func TestFailedWriteKeepsOldFile(t *testing.T) {
	errWrite := errors.New("the writer failed")
	for _, tc := range []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"fails at once", func(w io.Writer) error { return errWrite }},
		{"fails after writing", func(w io.Writer) error {
			w.Write(bytes.Repeat([]byte("x"), 3<<20)) // past the buffer: some reaches the temporary file
			return errWrite
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "f")
			if err := WriteFile(p, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Write(p, 0o644, tc.write); !errors.Is(err, errWrite) {
				t.Errorf("Write = %v; want %v", err, errWrite)
			}
			only(t, dir, "f", "old")
		})
	}
}

func TestFailedRenameLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	// A non-empty directory cannot be replaced by a file.
	target := filepath.Join(dir, "d")
	if err := os.MkdirAll(filepath.Join(target, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(target, []byte("new"), 0o644); err == nil {
		t.Fatal("WriteFile over a directory succeeded")
	}
	if got := entries(t, dir); len(got) != 1 || got[0] != "d" {
		t.Errorf("directory holds %q; want only %q", got, "d")
	}
}

func TestMissingDirectory(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no", "such", "f")
	if err := WriteFile(p, []byte("x"), 0o644); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("WriteFile(%s) = %v; want %v", p, err, os.ErrNotExist)
	}
}

func TestRelativePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := WriteFile("rel", []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	only(t, dir, "rel", "x")
}
