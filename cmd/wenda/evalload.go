package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval"
	"github.com/wenda-rag/wenda/server"
)

// evalLoad measures `wenda serve` under load on loopback: the SQuAD file's
// passages in a scratch knowledge base, a server on a loopback port in
// this process, and clients alternating /v1/ask (offline) and /v1/search
// with the file's questions for the duration.
func (c *cli) evalLoad(ctx context.Context, args []string) error {
	fs := c.flags("eval load")
	asJSON := fs.Bool("json", false, "print one JSON object")
	clients := fs.Int("clients", 32, "concurrent clients")
	dur := fs.Duration("duration", 60*time.Second, "how long to load the server")
	rf := c.retrievalFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return exitError{2, "eval load: usage: wenda eval load [--clients 32] [--duration 60s] [--json] SQUAD_FILE"}
	}
	sq, err := corpora.ReadSQuAD(pos[0])
	if err != nil {
		return err
	}
	questions := sq.Questions()
	// The scratch knowledge base lives in its own data directory, which the
	// server serves.
	if err := os.MkdirAll(c.g.data, 0o755); err != nil {
		return err
	}
	data, err := os.MkdirTemp(c.g.data, ".eval-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(data)
	lc := &cli{g: global{data: data, kb: "cmrc", qdrant: c.g.qdrant}, stdin: c.stdin, stdout: io.Discard, stderr: c.stderr}
	lib, err := lc.library(*rf, &llmFlags{offline: true}, "")
	if err != nil {
		return err
	}
	defer lib.Close()
	k, err := lib.Create(ctx, "cmrc")
	if err != nil {
		return err
	}
	if err := ingestFile(ctx, k, pos[0]); err != nil {
		return err
	}
	srv, err := lc.newServer(server.Config{Loopback: true}, lib)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients}}
	// Warm up: the knowledge base opens on its first request.
	if res, err := client.Get(base + "/v1/search?kb=cmrc&q=" + url.QueryEscape(questions[0].Text)); err == nil {
		res.Body.Close()
	}
	rssStart := rssBytes()
	type sample struct {
		d    time.Duration
		ask  bool
		fail bool
	}
	var mu sync.Mutex
	var samples []sample
	var firstErr string
	deadline := time.Now().Add(*dur)
	var wg sync.WaitGroup
	for w := 0; w < *clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []sample
			for i := w; time.Now().Before(deadline); i += *clients {
				q := questions[i%len(questions)].Text
				ask := i%2 == 0
				t := time.Now()
				var res *http.Response
				var err error
				if ask {
					body, _ := json.Marshal(map[string]string{"question": q, "kb": "cmrc"})
					res, err = client.Post(base+"/v1/ask", "application/json", bytes.NewReader(body))
				} else {
					res, err = client.Get(base + "/v1/search?kb=cmrc&k=5&q=" + url.QueryEscape(q))
				}
				fail := err != nil
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					fail = res.StatusCode != http.StatusOK
					if fail {
						err = fmt.Errorf("HTTP %d", res.StatusCode)
					}
				}
				if fail {
					mu.Lock()
					if firstErr == "" {
						firstErr = err.Error()
					}
					mu.Unlock()
				}
				mine = append(mine, sample{time.Since(t), ask, fail})
			}
			mu.Lock()
			samples = append(samples, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	rssEnd := rssBytes()
	var asks, searches []time.Duration
	errors := 0
	for _, s := range samples {
		if s.fail {
			errors++
		}
		if s.ask {
			asks = append(asks, s.d)
		} else {
			searches = append(searches, s.d)
		}
	}
	secs := dur.Seconds()
	res := map[string]any{
		"clients": *clients, "seconds": secs, "requests": len(samples), "errors": errors, "first_error": firstErr,
		"requests_per_second": round(float64(len(samples)) / secs),
		"ask_requests":        len(asks), "ask_p50_ms": round(eval.Percentile(asks, 50)), "ask_p99_ms": round(eval.Percentile(asks, 99)),
		"search_requests": len(searches), "search_p50_ms": round(eval.Percentile(searches, 50)), "search_p99_ms": round(eval.Percentile(searches, 99)),
		"rss_start_mb": rssStart >> 20, "rss_end_mb": rssEnd >> 20,
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个客户端 %.0f 秒：%d 个请求（%.1f 个/秒），错误 %d；ask p50 %.2f / p99 %.2f ms；search p50 %.2f / p99 %.2f ms；RSS %d → %d MB\n",
		*clients, secs, len(samples), res["requests_per_second"], errors, res["ask_p50_ms"], res["ask_p99_ms"], res["search_p50_ms"], res["search_p99_ms"], rssStart>>20, rssEnd>>20)
	return nil
}

// rssBytes is the process's resident set size (Linux), 0 elsewhere.
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
