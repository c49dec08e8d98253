package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/corpora/sample"
)

// TestCrashLoop kills `wenda ingest` and `wenda rm` with SIGKILL at random
// moments, twenty times, vectors on and the graph filled (the sample's
// idioms, poems and 歇后语 beside 600 documents), each kill followed by
// the command run again. The knowledge base then equals a clean ingest
// of the same files: documents, chunks, facts, and a vector for every
// chunk and no other.
func TestCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: twenty killed ingests and removals")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	src := filepath.Join(tmp, "src")
	writeCorpus(t, filepath.Join(src, "docs"), 600)
	if err := sample.WriteTo(filepath.Join(src, "sample")); err != nil {
		t.Fatal(err)
	}
	run := binary(bin, []string{"WENDA_EMBED_BASE_URL=", "WENDA_EMBED_MODEL=", "QDRANT_URL="})
	stats := func(data string) statsJSON { return binStats(t, run, data) }
	clean := filepath.Join(tmp, "clean")
	if out, err := run(clean, "ingest", src).CombinedOutput(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	want := stats(clean)

	data := filepath.Join(tmp, "crashed")
	rng := rand.New(rand.NewPCG(5, 8))
	ids := docIDs(600)
	kills := 0
	for round := 0; round < 20; round++ {
		args := []string{"ingest", src}
		if round%2 == 1 {
			// Remove a random tenth of the documents, killed midway.
			args = []string{"rm"}
			for _, id := range ids {
				if rng.IntN(10) == 0 {
					args = append(args, id)
				}
			}
		}
		c := run(data, args...)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(100+rng.IntN(1500)) * time.Millisecond)
		if c.Process.Signal(syscall.SIGKILL) == nil {
			kills++
		}
		_ = c.Wait()
		// Run again to the end: whatever was cut off is finished.
		out, err := run(data, args...).CombinedOutput()
		if err != nil && args[0] == "ingest" {
			t.Fatalf("round %d: %s after a kill: %v\n%s", round, args[0], err, out)
		}
		if args[0] == "rm" && err != nil && !strings.Contains(string(out), "no such document") {
			t.Fatalf("round %d: rm after a kill: %v\n%s", round, err, out)
		}
	}
	if out, err := run(data, "ingest", src).CombinedOutput(); err != nil {
		t.Fatalf("final ingest: %v\n%s", err, out)
	}
	if got := stats(data); got != want {
		t.Errorf("after %d kills: %+v; a clean ingest: %+v", kills, got, want)
	}
	sameChunks(t, filepath.Join(data, "default"), true)
	t.Logf("%d kills of ingest and rm, then equal to a clean ingest: %+v", kills, want)
}

// docIDs are ids of documents writeCorpus wrote under docs/: what rm is
// given.
func docIDs(n int) []string {
	var ids []string
	for i := 0; i < n; i += 7 {
		ids = append(ids, fmt.Sprintf("docs/part%d/doc%04d.txt", i%10, i))
	}
	return ids
}
