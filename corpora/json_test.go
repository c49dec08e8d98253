package corpora

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Issue 12 item 11: a 75 MB JSON array in no layout wenda reads took 1.1 GB
// before it was passed over. The layout is told from the first record.
func TestJSONArrayLayoutFromItsStart(t *testing.T) {
	var b strings.Builder
	b.WriteString("[")
	for i := 0; b.Len() < 8<<20; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"author": "作者%d", "baidu": %d, "google": %d, "bing": [%d, %d]}`, i, i*3, i*7, i, i+1)
	}
	b.WriteString("]")
	raw := []byte(b.String())
	path := filepath.Join(t.TempDir(), "rank.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	allocated := func(f func() error) (uint64, error) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := f()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, err
	}
	n, err := allocated(func() error { _, err := ReadFile(File{Path: path, ID: "rank.json"}); return err })
	if !errors.Is(err, ErrLayout) || n > 1<<20 {
		t.Errorf("ReadFile(%d MB JSON array in no layout) allocated %d MB, error %v; want ErrLayout from its beginning, under 1 MB", len(raw)>>20, n>>20, err)
	}
	// Given as bytes (an upload), it costs about their copy as text.
	n, err = allocated(func() error { _, err := Parse(File{Path: path, ID: "rank.json"}, raw); return err })
	if !errors.Is(err, ErrLayout) || n > 3*uint64(len(raw)) {
		t.Errorf("Parse(%d MB JSON array in no layout) allocated %d MB, error %v; want ErrLayout, under %d MB", len(raw)>>20, n>>20, err, 3*len(raw)>>20)
	}
}
