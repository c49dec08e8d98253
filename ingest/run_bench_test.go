package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/ingest"
	"github.com/wenda-rag/wenda/retrieve/bm25"
)

// BenchmarkRunOneLine ingests one file of a single line, the CMRC 2018
// passages with their line breaks taken out (1.2 MB), once, 4 and 16 times
// over, through the pipeline into a real BM25 index: the case of a huge
// document, whose chunks are written in several batches. It reports MB/s of
// file and the peak of the heap's live objects, sampled, which the batches
// keep bounded whatever the document's size.
func BenchmarkRunOneLine(b *testing.B) {
	sq, err := corpora.ReadSQuAD(filepath.Join("..", "..", "shared", "data", "cmrc2018", "dev.json"))
	if err != nil {
		b.Skipf("skipped: CMRC 2018 dev set not read (CI has ../shared/data beside the checkout): %v", err)
	}
	var passages []string
	for _, d := range sq.Documents() {
		passages = append(passages, strings.ReplaceAll(d.Text, "\n", ""))
	}
	line := strings.Join(passages, "")
	ctx := context.Background()
	for _, times := range []int{1, 4, 16} {
		b.Run(fmt.Sprintf("%dx", times), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "一行.txt")
			text := strings.Repeat(line, times)
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			files := []corpora.File{{Path: path, ID: "一行.txt", Size: int64(len(text))}}
			b.SetBytes(int64(len(text)))
			peak := heapPeak()
			for b.Loop() {
				b.StopTimer()
				x, err := bm25.New(ctx, bm25.Config{Dir: filepath.Join(b.TempDir(), "bm25")})
				if err != nil {
					b.Fatal(err)
				}
				p, err := ingest.New(ingest.Config{}, x)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				sum, err := p.Run(ctx, files)
				if err != nil || sum.Docs != 1 {
					b.Fatalf("Run = %+v, %v; want one document", sum, err)
				}
				b.StopTimer()
				x.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(peak())/(1<<20), "MB-heap-peak")
		})
	}
}

// heapPeak samples the bytes of live and not yet swept heap objects every
// 20 ms until the function it returns is called, which returns the largest
// sample.
func heapPeak() func() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu   sync.Mutex
		most uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			mu.Lock()
			most = max(most, s[0].Value.Uint64())
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return most
	}
}
