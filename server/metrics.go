package server

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wenda-rag/wenda"
)

// limiter is a token bucket per key: rate a minute, a burst of as many.
// Buckets full again are forgotten once there are many (keys may be
// client addresses).
type limiter struct {
	now     func() time.Time
	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
	full   float64 // tokens a minute, and the burst
}

func newLimiter(now func() time.Time) *limiter {
	return &limiter{now: now, buckets: map[string]*bucket{}}
}

// maxBuckets is how many buckets a limiter keeps before it forgets the
// full ones.
const maxBuckets = 10000

// take spends a token of key's bucket; when there is none, how long until
// there is.
func (l *limiter) take(key string, perMinute int) (time.Duration, bool) {
	return l.check(key, perMinute, true)
}

// peek is take without spending the token.
func (l *limiter) peek(key string, perMinute int) (time.Duration, bool) {
	return l.check(key, perMinute, false)
}

func (l *limiter) check(key string, perMinute int, spend bool) (time.Duration, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	rate := float64(perMinute) / 60 // tokens a second
	b := l.buckets[key]
	if b == nil {
		if !spend {
			return 0, true
		}
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: float64(perMinute), last: now, full: float64(perMinute)}
		l.buckets[key] = b
	}
	b.tokens = math.Min(float64(perMinute), b.tokens+now.Sub(b.last).Seconds()*rate)
	b.last = now
	if b.tokens >= 1 {
		if spend {
			b.tokens--
		}
		return 0, true
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second)), false
}

// prune forgets the buckets full by now, and if too many are left, any:
// memory is bounded, at the price of a fresh bucket for a few.
func (l *limiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Minutes()*b.full >= b.full {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < maxBuckets*9/10 {
			break
		}
		delete(l.buckets, k)
	}
}

// metrics are the server's counters, in Prometheus's text format.
type metrics struct {
	mu       sync.Mutex
	requests map[[2]string]int64 // route, status → count
	latency  map[string]*histogram
	start    time.Time

	panics, ingestFiles, ingestDocs, ingestFailed atomic.Int64
}

var buckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}

type histogram struct {
	counts []int64 // per bucket, then +Inf
	sum    float64
	n      int64
}

func newMetrics() *metrics {
	return &metrics{requests: map[[2]string]int64{}, latency: map[string]*histogram{}, start: time.Now()}
}

func (m *metrics) observe(route string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[[2]string{route, fmt.Sprint(status)}]++
	h := m.latency[route]
	if h == nil {
		h = &histogram{counts: make([]int64, len(buckets)+1)}
		m.latency[route] = h
	}
	s := d.Seconds()
	i := sort.SearchFloat64s(buckets, s)
	h.counts[i]++
	h.sum += s
	h.n++
}

func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	m := s.metrics
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	m.mu.Lock()
	fmt.Fprintln(w, "# HELP wenda_requests_total HTTP requests by route and status.")
	fmt.Fprintln(w, "# TYPE wenda_requests_total counter")
	keys := make([][2]string, 0, len(m.requests))
	for k := range m.requests {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
	for _, k := range keys {
		fmt.Fprintf(w, "wenda_requests_total{route=%q,status=%q} %d\n", k[0], k[1], m.requests[k])
	}
	fmt.Fprintln(w, "# HELP wenda_request_seconds HTTP request latency by route.")
	fmt.Fprintln(w, "# TYPE wenda_request_seconds histogram")
	routes := make([]string, 0, len(m.latency))
	for r := range m.latency {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	for _, rt := range routes {
		h := m.latency[rt]
		var cum int64
		for i, b := range buckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "wenda_request_seconds_bucket{route=%q,le=\"%g\"} %d\n", rt, b, cum)
		}
		cum += h.counts[len(buckets)]
		fmt.Fprintf(w, "wenda_request_seconds_bucket{route=%q,le=\"+Inf\"} %d\n", rt, cum)
		fmt.Fprintf(w, "wenda_request_seconds_sum{route=%q} %g\n", rt, h.sum)
		fmt.Fprintf(w, "wenda_request_seconds_count{route=%q} %d\n", rt, h.n)
	}
	m.mu.Unlock()
	for _, c := range []struct {
		name, help string
		v          int64
	}{
		{"wenda_ingest_files_total", "Files uploaded and ingested.", m.ingestFiles.Load()},
		{"wenda_ingest_documents_total", "Documents written by uploads.", m.ingestDocs.Load()},
		{"wenda_ingest_failed_files_total", "Uploaded files that failed.", m.ingestFailed.Load()},
		{"wenda_panics_total", "Requests that panicked (and were answered 500).", m.panics.Load()},
	} {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s %d\n", c.name, c.help, c.name, c.name, c.v)
	}
	names, _ := s.lib.List()
	key := keyOf(r)
	fmt.Fprintln(w, "# HELP wenda_kb_documents Documents per open knowledge base.\n# TYPE wenda_kb_documents gauge")
	var stats []struct {
		name string
		st   wenda.Stats
	}
	for _, n := range names {
		if key != nil && !key.allows(n) {
			continue // a key sees its own knowledge bases only
		}
		if k, ok := s.lib.Loaded(n); ok {
			if st, err := k.Stats(r.Context()); err == nil {
				stats = append(stats, struct {
					name string
					st   wenda.Stats
				}{n, st})
			}
		}
	}
	for _, x := range stats {
		fmt.Fprintf(w, "wenda_kb_documents{kb=%q} %d\n", x.name, x.st.Documents)
	}
	fmt.Fprintln(w, "# HELP wenda_kb_chunks Chunks per open knowledge base.\n# TYPE wenda_kb_chunks gauge")
	for _, x := range stats {
		fmt.Fprintf(w, "wenda_kb_chunks{kb=%q} %d\n", x.name, x.st.Chunks)
	}
	fmt.Fprintln(w, "# HELP wenda_kb_bytes Index size on disk per open knowledge base.\n# TYPE wenda_kb_bytes gauge")
	for _, x := range stats {
		fmt.Fprintf(w, "wenda_kb_bytes{kb=%q} %d\n", x.name, x.st.Bytes)
	}
	fmt.Fprintln(w, "# HELP wenda_kb_facts Knowledge-graph facts per open knowledge base.\n# TYPE wenda_kb_facts gauge")
	for _, x := range stats {
		fmt.Fprintf(w, "wenda_kb_facts{kb=%q} %d\n", x.name, x.st.Facts)
	}
	fmt.Fprintf(w, "# HELP wenda_uptime_seconds Seconds since start.\n# TYPE wenda_uptime_seconds gauge\nwenda_uptime_seconds %g\n", time.Since(m.start).Seconds())
}
