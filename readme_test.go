package wenda_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeProgram is the first ```go block of the README's "Use it from Go"
// section.
func readmeProgram(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "\n## Use it from Go\n")
	if !ok {
		t.Fatal(`README.md has no "## Use it from Go" section`)
	}
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	m := regexp.MustCompile("(?s)```go\n(.*?)```").FindStringSubmatch(section)
	if m == nil {
		t.Fatal(`README.md's "Use it from Go" has no go block`)
	}
	return m[1]
}

// exampleOutput is what Example prints, from its // Output: comment.
func exampleOutput(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, out, ok := strings.Cut(string(raw), "// Output:\n")
	if !ok {
		t.Fatal("example_test.go: no // Output:")
	}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "//") {
			break
		}
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(l, "//")))
	}
	return strings.Join(lines, "\n")
}

// TestReadmeProgram builds the README's program as a module of its own
// that requires this one (replaced by this checkout), runs it and expects
// what Example prints: the README's first lines of Go cannot rot.
func TestReadmeProgram(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program (-short)")
	}
	src := readmeProgram(t)
	for _, want := range []string{"package main", "func main()", `"github.com/wenda-rag/wenda"`} {
		if !strings.Contains(src, want) {
			t.Fatalf("the README's program lacks %s:\n%s", want, src)
		}
	}
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gomod := "module readme\n\ngo 1.26\n\nrequire github.com/wenda-rag/wenda v0.0.0\n\nreplace github.com/wenda-rag/wenda => " + root + "\n"
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"go.mod": []byte(gomod), "go.sum": sum, "main.go": []byte(src)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run the README's program: %v\n%s%s", err, out.String(), errb.String())
	}
	if got, want := strings.TrimSpace(out.String()), exampleOutput(t); got != want {
		t.Errorf("the README's program printed:\n%s\nwant (Example's output):\n%s", got, want)
	}
}
