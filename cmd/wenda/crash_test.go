package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/sample"
	"github.com/wenda-rag/wenda/ingest"
	"github.com/wenda-rag/wenda/retrieve/embed"
	"github.com/wenda-rag/wenda/retrieve/vector"
)

// TestKillMidIngest kills `wenda ingest` with SIGKILL part-way through a
// folder of 2,500 documents, checks that the index still opens, ingests
// again, and compares with a clean ingest of the same folder: the same
// documents and chunks, none missing and none twice.
func TestKillMidIngest(t *testing.T) {
	t.Run("bm25", func(t *testing.T) { killMidIngest(t, []string{"WENDA_EMBED_MODEL=none"}, false) })
	// With vectors on, BM25 and the vector index must end up holding the
	// same chunks: the offline model (the default), and an embedding
	// endpoint in this process.
	t.Run("bm25+offline", func(t *testing.T) {
		killMidIngest(t, []string{"WENDA_EMBED_BASE_URL=", "WENDA_EMBED_MODEL=", "QDRANT_URL="}, true)
	})
	t.Run("bm25+endpoint", func(t *testing.T) {
		env := []string{"WENDA_EMBED_BASE_URL=" + fakeEmbeddings(t), "WENDA_EMBED_MODEL=fake-bigram", "QDRANT_URL="}
		killMidIngest(t, env, true)
	})
}

// buildBinary builds the command into dir, for tests that run it as a
// process of its own.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "wenda")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// binary runs the built command on a data directory, with env added to
// the environment.
func binary(bin string, env []string) func(data string, args ...string) *exec.Cmd {
	return func(data string, args ...string) *exec.Cmd {
		c := exec.Command(bin, append([]string{"--data", data}, args...)...)
		c.Env = append(os.Environ(), env...)
		return c
	}
}

// binStats is what `wenda stats --json` says of a data directory.
func binStats(t *testing.T, run func(string, ...string) *exec.Cmd, data string) statsJSON {
	t.Helper()
	out, err := run(data, "stats", "--json").Output()
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	var s statsJSON
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func killMidIngest(t *testing.T, env []string, vectors bool) {
	if testing.Short() {
		t.Skip("skipped in -short: builds the binary and ingests 2,500 documents three times")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	src := filepath.Join(tmp, "src")
	files := writeCorpus(t, src, 2500)

	cmd := binary(bin, env)
	statsOf := func(data string) statsJSON { return binStats(t, cmd, data) }

	crashed := filepath.Join(tmp, "crashed")
	c := cmd(crashed, "ingest", src)
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some batches have reached the disk: scorch has persisted a
	// segment file, and the run is still going.
	deadline := time.Now().Add(60 * time.Second)
	for {
		segs, _ := filepath.Glob(filepath.Join(crashed, "default", "bm25", "store", "*.zap"))
		if len(segs) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ingest never persisted a segment")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := c.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = c.Wait()
	partial := statsOf(crashed)
	t.Logf("after SIGKILL: %d documents, %d chunks", partial.Documents, partial.Chunks)
	if vectors {
		// Vectors are written before their BM25 batch: right after the
		// crash every BM25 chunk has its vector (there may be more vectors).
		sameChunks(t, filepath.Join(crashed, "default"), false)
	}
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
	if vectors {
		sameChunks(t, filepath.Join(crashed, "default"), true)
	}
}

// sameChunks checks that every chunk of the lexical index has a vector and,
// if exact, that the vector index holds no other chunks.
func sameChunks(t *testing.T, dir string, exact bool) {
	t.Helper()
	k, err := wenda.Open(context.Background(), wenda.Config{Dir: dir, ReadOnly: true, NoVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	lexical := map[string]bool{}
	fresh := embed.NewDF() // the offline model's counts, from scratch
	if err := k.EachChunk(context.Background(), func(c corpora.Chunk) error {
		fresh.Add(ingest.EmbedText(c))
		if lexical[c.ID] {
			t.Errorf("chunk %s listed twice by BM25", c.ID)
		}
		lexical[c.ID] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	st, err := k.Stats(context.Background())
	k.Close()
	rec := st.Vectors
	if err != nil || rec == nil {
		t.Fatalf("no embedding record: %v", err)
	}
	x, err := vector.Open(context.Background(), vector.Config{Dir: filepath.Join(dir, "vectors"), Model: rec.Model, Dimension: rec.Dimension})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	ids := x.IDs()
	has := map[string]bool{}
	for _, id := range ids {
		has[id] = true
		if exact && !lexical[id] {
			t.Errorf("vector for chunk %s, which BM25 does not hold", id)
		}
	}
	missing := 0
	for id := range lexical {
		if !has[id] {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d BM25 chunks have no vector", missing, len(lexical))
	}
	t.Logf("%d BM25 chunks, %d vectors, none missing", len(lexical), len(ids))
	if exact && rec.Model == embed.NewHashed(0).Model() {
		// The offline model's document frequencies, kept in step through
		// the crash and the re-ingest, equal a recount.
		kept, err := embed.ReadDF(filepath.Join(dir, "df.bin"))
		if err != nil {
			t.Fatal(err)
		}
		if kept.Docs != fresh.Docs || len(kept.Counts) != len(fresh.Counts) {
			t.Errorf("document frequencies: kept %d chunks, %d features; recounted %d, %d", kept.Docs, len(kept.Counts), fresh.Docs, len(fresh.Counts))
		}
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
			if ext := filepath.Ext(f.Path); ext == ".json" || ext == ".csv" {
				continue // (a dictionary's records, written as a .txt, are no prose: its reader refuses them)
			}
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
