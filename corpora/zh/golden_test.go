package zh

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestSegmentGolden pins how text is normalized and cut: a change of the gse
// dictionary, of Normalize or of the cutting rules shows up as a diff of
// testdata/segment.golden. Run `go test ./corpora/zh -update` to accept it.
func TestSegmentGolden(t *testing.T) {
	seg, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.ReadFile(filepath.Join("testdata", "segment.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(string(in)), "\n") {
		n := Normalize(line)
		b.WriteString("in:     " + line + "\n")
		b.WriteString("norm:   " + n + "\n")
		b.WriteString("cut:    " + strings.Join(seg.Cut(n), " / ") + "\n")
		b.WriteString("search: " + strings.Join(seg.CutSearch(n), " / ") + "\n\n")
	}
	golden := filepath.Join("testdata", "segment.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("segmentation differs from %s (run with -update if intended):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}
