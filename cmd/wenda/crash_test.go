package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/sample"
)

// TestKillMidIngest kills `wenda ingest` with SIGKILL part-way through a
// folder of 2,500 documents, checks that the index still opens, ingests
// again, and compares with a clean ingest of the same folder: the same
// documents and chunks, none missing and none twice.
func TestKillMidIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: builds the binary and ingests 2,500 documents three times")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "wenda")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join(tmp, "src")
	files := writeCorpus(t, src, 2500)

	cmd := func(data string, args ...string) *exec.Cmd {
		return exec.Command(bin, append([]string{"--data", data}, args...)...)
	}
	statsOf := func(data string) statsJSON {
		t.Helper()
		out, err := cmd(data, "stats", "--json").Output()
		if err != nil {
			t.Fatalf("stats after the crash: %v", err)
		}
		var s statsJSON
		if err := json.Unmarshal(out, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}

	crashed := filepath.Join(tmp, "crashed")
	c := cmd(crashed, "ingest", src)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once the index exists and some batches have gone in.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if _, err := os.Stat(filepath.Join(crashed, "default", "bm25", "store")); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ingest never created its index")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := c.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = c.Wait()
	partial := statsOf(crashed)
	t.Logf("after SIGKILL: %d documents, %d chunks", partial.Documents, partial.Chunks)
	if partial.Documents >= files {
		t.Logf("the ingest finished before it was killed; the test proves less than it should")
	}

	if out, err := cmd(crashed, "ingest", src).CombinedOutput(); err != nil {
		t.Fatalf("ingest after the crash: %v\n%s", err, out)
	}
	clean := filepath.Join(tmp, "clean")
	if out, err := cmd(clean, "ingest", src).CombinedOutput(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	got, want := statsOf(crashed), statsOf(clean)
	if got != want || got.Documents != files {
		t.Errorf("after crash and re-ingest: %+v; clean ingest: %+v; want both %d documents and equal chunks", got, want, files)
	}
}

// writeCorpus writes n documents: CMRC 2018 passages when ../shared/data
// has them, else the sample corpus's files repeated, numbered.
func writeCorpus(t *testing.T, dir string, n int) int {
	t.Helper()
	var texts []string
	if sq, err := corpora.ReadSQuAD(cmrcDev); err == nil {
		for _, d := range sq.Documents() {
			texts = append(texts, d.Title+"\n\n"+d.Text)
		}
	} else {
		if err := sample.WriteTo(filepath.Join(dir, "sample")); err != nil {
			t.Fatal(err)
		}
		fs, err := corpora.Walk([]string{filepath.Join(dir, "sample")})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			b, err := os.ReadFile(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
		if err := os.RemoveAll(filepath.Join(dir, "sample")); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("part%d", i%10), fmt.Sprintf("doc%04d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		// Each copy differs, so none is skipped as unchanged.
		text := fmt.Sprintf("%s\n\n第%d份。", texts[i%len(texts)], i)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return n
}
