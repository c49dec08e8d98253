// Package load measures a wenda HTTP server under load: concurrent clients
// alternate /v1/ask and /v1/search with a list of questions for a while,
// and the latencies of each, the throughput, the failures and this
// process's memory are reported. It speaks only HTTP to the server, which
// may run in this process (as `wenda eval load` runs it) or elsewhere.
package load

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wenda-rag/wenda/eval"
)

// Config says what to load and how hard. Zero values are the defaults.
type Config struct {
	BaseURL   string   // the server, as http://127.0.0.1:8080; required
	KB        string   // the knowledge base the requests name; none by default
	Questions []string // asked and searched in turn; required
	Clients   int      // concurrent clients; default 32
	// Duration is how long the clients send requests; default 60 s.
	Duration time.Duration
	// Client sends the requests; by default one that keeps a connection
	// per client alive.
	Client *http.Client
}

// Result is what Run measured. Latencies are in milliseconds.
type Result struct {
	Clients     int
	Duration    time.Duration
	Requests    int    // sent and answered or failed
	Errors      int    // failed, or answered with a status other than 200
	FirstError  string // the first failure's, "" with none
	Asks        int    // /v1/ask requests
	AskP50MS    float64
	AskP99MS    float64
	Searches    int // /v1/search requests
	SearchP50MS float64
	SearchP99MS float64
	// RSSStart and RSSEnd are this process's resident set in bytes before
	// and after the load (Linux; 0 elsewhere): the server's, when it runs
	// in this process.
	RSSStart, RSSEnd int64
}

// PerSecond is the requests answered a second.
func (r Result) PerSecond() float64 {
	if r.Duration <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Duration.Seconds()
}

// Run sends one search to warm the server up (a knowledge base opens on its
// first request), then has the clients send requests until cfg.Duration
// has passed; the requests under way then are finished and counted. A
// done ctx stops it with ctx's error.
func Run(ctx context.Context, cfg Config) (Result, error) {
	if cfg.BaseURL == "" || len(cfg.Questions) == 0 {
		return Result{}, fmt.Errorf("load: Config needs BaseURL and Questions (got %q and %d)", cfg.BaseURL, len(cfg.Questions))
	}
	cfg.Clients, cfg.Duration = cmp.Or(cfg.Clients, 32), cmp.Or(cfg.Duration, time.Minute)
	if cfg.Client == nil {
		cfg.Client = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Clients}}
	}
	l := loader{cfg: cfg, base: strings.TrimRight(cfg.BaseURL, "/")}
	_, _ = l.send(ctx, false, cfg.Questions[0])
	res := Result{Clients: cfg.Clients, Duration: cfg.Duration, RSSStart: rss()}
	deadline := time.Now().Add(cfg.Duration)
	var wg sync.WaitGroup
	for w := 0; w < cfg.Clients; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l.client(ctx, w, deadline)
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	res.RSSEnd = rss()
	var asks, searches []time.Duration
	for _, s := range l.samples {
		if s.failed {
			res.Errors++
		}
		if s.ask {
			asks = append(asks, s.took)
		} else {
			searches = append(searches, s.took)
		}
	}
	res.Requests, res.FirstError = len(l.samples), l.firstErr
	res.Asks, res.AskP50MS, res.AskP99MS = len(asks), eval.Percentile(asks, 50), eval.Percentile(asks, 99)
	res.Searches, res.SearchP50MS, res.SearchP99MS = len(searches), eval.Percentile(searches, 50), eval.Percentile(searches, 99)
	return res, nil
}

// loader holds what the clients share.
type loader struct {
	cfg  Config
	base string

	mu       sync.Mutex
	samples  []sample
	firstErr string
}

type sample struct {
	took        time.Duration
	ask, failed bool
}

// client w sends requests until the deadline: question w, w+Clients, …,
// asking the even ones and searching the odd.
func (l *loader) client(ctx context.Context, w int, deadline time.Time) {
	var mine []sample
	var firstErr error
	for i := w; time.Now().Before(deadline) && ctx.Err() == nil; i += l.cfg.Clients {
		ask := i%2 == 0
		t := time.Now()
		err := l.sendOK(ctx, ask, l.cfg.Questions[i%len(l.cfg.Questions)])
		if err != nil && firstErr == nil {
			firstErr = err
		}
		mine = append(mine, sample{time.Since(t), ask, err != nil})
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.samples = append(l.samples, mine...)
	if firstErr != nil && l.firstErr == "" {
		l.firstErr = firstErr.Error()
	}
}

// sendOK sends one request and reads its reply; a status other than 200
// is an error.
func (l *loader) sendOK(ctx context.Context, ask bool, q string) error {
	status, err := l.send(ctx, ask, q)
	if err == nil && status != http.StatusOK {
		err = fmt.Errorf("HTTP %d", status)
	}
	return err
}

func (l *loader) send(ctx context.Context, ask bool, q string) (int, error) {
	var req *http.Request
	var err error
	if ask {
		body, _ := json.Marshal(struct {
			Question string `json:"question"`
			KB       string `json:"kb,omitempty"`
		}{q, l.cfg.KB})
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, l.base+"/v1/ask", bytes.NewReader(body))
		if req != nil {
			req.Header.Set("Content-Type", "application/json")
		}
	} else {
		v := url.Values{"k": {"5"}, "q": {q}}
		if l.cfg.KB != "" {
			v.Set("kb", l.cfg.KB)
		}
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, l.base+"/v1/search?"+v.Encode(), nil)
	}
	if err != nil {
		return 0, err
	}
	res, err := l.cfg.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, err = io.Copy(io.Discard, res.Body)
	return res.StatusCode, err
}

// rss is this process's resident set size in bytes (Linux), 0 elsewhere.
func rss() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			if f := strings.Fields(v); len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
