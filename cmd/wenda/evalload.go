package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval/load"
	"github.com/wenda-rag/wenda/server"
)

// evalLoad measures `wenda serve` under load on loopback: the SQuAD file's
// passages in a scratch knowledge base, a server on a loopback port in
// this process, and eval/load's clients alternating /v1/ask (offline) and
// /v1/search with the file's questions for the duration.
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
	texts := make([]string, len(questions))
	for i, q := range questions {
		texts[i] = q.Text
	}
	r, err := load.Run(ctx, load.Config{BaseURL: "http://" + ln.Addr().String(), KB: "cmrc", Questions: texts, Clients: *clients, Duration: *dur})
	if err != nil {
		return err
	}
	secs := r.Duration.Seconds()
	res := map[string]any{
		"clients": r.Clients, "seconds": secs, "requests": r.Requests, "errors": r.Errors, "first_error": r.FirstError,
		"requests_per_second": round(r.PerSecond()),
		"ask_requests":        r.Asks, "ask_p50_ms": round(r.AskP50MS), "ask_p99_ms": round(r.AskP99MS),
		"search_requests": r.Searches, "search_p50_ms": round(r.SearchP50MS), "search_p99_ms": round(r.SearchP99MS),
		"rss_start_mb": r.RSSStart >> 20, "rss_end_mb": r.RSSEnd >> 20,
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个客户端 %.0f 秒：%d 个请求（%.1f 个/秒），错误 %d；ask p50 %.2f / p99 %.2f ms；search p50 %.2f / p99 %.2f ms；RSS %d → %d MB\n",
		r.Clients, secs, r.Requests, r.PerSecond(), r.Errors, r.AskP50MS, r.AskP99MS, r.SearchP50MS, r.SearchP99MS, r.RSSStart>>20, r.RSSEnd>>20)
	return nil
}
