package embed

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/internal/openaicompat"
)

// fakeServer is an OpenAI-compatible embeddings endpoint on loopback. Each
// request is recorded; reply decides the answer to the n-th request.
type fakeServer struct {
	t     *testing.T
	mu    sync.Mutex
	reqs  []embedReq
	auth  []string
	reply func(n int, req embedReq, w http.ResponseWriter) bool // true: handled
}

type embedReq struct {
	Input      []string `json:"input"`
	Model      string   `json:"model"`
	Dimensions int      `json:"dimensions"`
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
		http.Error(w, `{"error":{"message":"no route"}}`, http.StatusNotFound)
		return
	}
	var req embedReq
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		f.t.Errorf("request body: %v", err)
	}
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, req)
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	f.mu.Unlock()
	if f.reply != nil && f.reply(n, req, w) {
		return
	}
	writeVectors(w, req.Input, 4, true)
}

// writeVectors answers with vector i = [len(text_i), i, 0, …], listed in
// reverse order to check that the client sorts by index.
func writeVectors(w http.ResponseWriter, inputs []string, dim int, reverse bool) {
	type item struct {
		Object    string    `json:"object"`
		Embedding []float32 `json:"embedding"`
		Index     int       `json:"index"`
	}
	var data []item
	for i, s := range inputs {
		v := make([]float32, dim)
		v[0], v[1] = float32(len([]rune(s))), float32(i)
		data = append(data, item{"embedding", v, i})
	}
	if reverse {
		for i, j := 0, len(data)-1; i < j; i, j = i+1, j-1 {
			data[i], data[j] = data[j], data[i]
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data, "model": "m"})
}

func apiError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "error"}})
}

func newFake(t *testing.T) (*fakeServer, string) {
	f := &fakeServer{t: t}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, srv.URL + "/v1"
}

// recordSleeps replaces the embedder's waits with a record of them.
func recordSleeps(o *OpenAI) *[]time.Duration {
	var waits []time.Duration
	o.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	return &waits
}

func TestEmbedBatchesAndOrders(t *testing.T) {
	f, url := newFake(t)
	o, err := NewOpenAI(Config{BaseURL: url, APIKey: "sk-test", Model: "bge-m3", BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"一", "二二", "三三三", "四四四四", "五"}
	vecs, err := o.Embed(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.reqs) != 3 {
		t.Fatalf("5 texts in batches of 2 took %d requests; want 3", len(f.reqs))
	}
	for i, r := range f.reqs {
		if r.Model != "bge-m3" || f.auth[i] != "Bearer sk-test" || r.Dimensions != 0 {
			t.Errorf("request %d = %+v, auth %q; want model bge-m3, bearer sk-test, no dimensions", i, r, f.auth[i])
		}
	}
	for i, v := range vecs {
		if int(v[0]) != len([]rune(texts[i])) {
			t.Errorf("vector %d belongs to a text of %v characters; want %q's", i, v[0], texts[i])
		}
	}
	if o.Dimension() != 4 {
		t.Errorf("Dimension() = %d after the first response; want 4", o.Dimension())
	}
}

func TestEmbedRetries(t *testing.T) {
	tests := []struct {
		name      string
		reply     func(n int, req embedReq, w http.ResponseWriter) bool
		wantReqs  int
		wantWaits []time.Duration // exact waits, when the server says
		wantErr   error
	}{
		{"429 honours Retry-After", func(n int, req embedReq, w http.ResponseWriter) bool {
			if n == 0 {
				w.Header().Set("Retry-After", "7")
				apiError(w, http.StatusTooManyRequests, "rate limited")
				return true
			}
			return false
		}, 2, []time.Duration{7 * time.Second}, nil},
		{"500 twice then success", func(n int, req embedReq, w http.ResponseWriter) bool {
			if n < 2 {
				apiError(w, http.StatusInternalServerError, "boom")
				return true
			}
			return false
		}, 3, nil, nil},
		{"401 is not retried", func(n int, req embedReq, w http.ResponseWriter) bool {
			apiError(w, http.StatusUnauthorized, "invalid api key")
			return true
		}, 1, nil, ErrAuth},
		{"404 model is not retried", func(n int, req embedReq, w http.ResponseWriter) bool {
			apiError(w, http.StatusNotFound, "model not found")
			return true
		}, 1, nil, ErrModel},
		{"503 forever gives up", func(n int, req embedReq, w http.ResponseWriter) bool {
			apiError(w, http.StatusServiceUnavailable, "overloaded")
			return true
		}, 4, nil, errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, url := newFake(t)
			f.reply = tt.reply
			o, err := NewOpenAI(Config{BaseURL: url, Model: "m", MaxRetries: 3})
			if err != nil {
				t.Fatal(err)
			}
			waits := recordSleeps(o)
			_, err = o.Embed(context.Background(), []string{"文本"})
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("Embed: %v", err)
			case tt.wantErr == errAny && err == nil, tt.wantErr != nil && tt.wantErr != errAny && !errors.Is(err, tt.wantErr):
				t.Fatalf("Embed error = %v; want %v", err, tt.wantErr)
			}
			if len(f.reqs) != tt.wantReqs {
				t.Errorf("%d requests; want %d", len(f.reqs), tt.wantReqs)
			}
			if tt.wantWaits != nil && !equalDurations(*waits, tt.wantWaits) {
				t.Errorf("waits = %v; want %v", *waits, tt.wantWaits)
			}
			if len(*waits) != tt.wantReqs-1 {
				t.Errorf("%d waits for %d requests", len(*waits), tt.wantReqs)
			}
		})
	}
}

var errAny = errors.New("any error")

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEmbedDimensionCheck(t *testing.T) {
	f, url := newFake(t)
	f.reply = func(n int, req embedReq, w http.ResponseWriter) bool {
		writeVectors(w, req.Input, 3, false)
		return true
	}
	o, err := NewOpenAI(Config{BaseURL: url, Model: "m", Dimension: 4, SendDimension: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Embed(context.Background(), []string{"文本"}); !errors.Is(err, ErrDimension) {
		t.Errorf("Embed with 3-dimensional answers for a 4-dimensional model: %v; want ErrDimension", err)
	}
	if f.reqs[0].Dimensions != 4 {
		t.Errorf("dimensions sent = %d; want 4", f.reqs[0].Dimensions)
	}
}

func TestEmbedUnreachableAndCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	o, err := NewOpenAI(Config{BaseURL: "http://" + addr + "/v1", Model: "m", MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	waits := recordSleeps(o)
	_, err = o.Embed(context.Background(), []string{"文本"})
	if err == nil || !errors.Is(err, openaicompat.ErrUnreachable) || !strings.Contains(err.Error(), addr) {
		t.Errorf("Embed against a closed port: %v; want an error saying the endpoint is unreachable", err)
	}
	if len(*waits) != 2 {
		t.Errorf("%d retries; want 2", len(*waits))
	}

	f, url := newFake(t)
	release := make(chan struct{})
	f.reply = func(n int, req embedReq, w http.ResponseWriter) bool { <-release; return false }
	defer close(release)
	o, err = NewOpenAI(Config{BaseURL: url, Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := o.Embed(ctx, []string{"文本"}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Embed past its deadline: %v; want context.DeadlineExceeded", err)
	}
	if time.Since(start) > 2*time.Second {
		t.Errorf("Embed took %v to notice its deadline", time.Since(start))
	}
}

// TestLiveEmbed runs against a real endpoint when WENDA_EMBED_BASE_URL is
// set (with WENDA_EMBED_MODEL, and WENDA_EMBED_API_KEY if it needs one).
func TestLiveEmbed(t *testing.T) {
	url := os.Getenv("WENDA_EMBED_BASE_URL")
	if url == "" {
		t.Skip("skipped: set WENDA_EMBED_BASE_URL (and WENDA_EMBED_MODEL) to test a live embeddings endpoint")
	}
	o, err := NewOpenAI(Config{BaseURL: url, APIKey: os.Getenv("WENDA_EMBED_API_KEY"), Model: os.Getenv("WENDA_EMBED_MODEL")})
	if err != nil {
		t.Fatal(err)
	}
	vecs, err := o.Embed(context.Background(), []string{"洛阳纸贵", "比喻著作有价值，流传广。", "今天天气很好"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vecs) != 3 || o.Dimension() == 0 {
		t.Fatalf("got %d vectors of dimension %d", len(vecs), o.Dimension())
	}
	t.Logf("%s: dimension %d", o.Model(), o.Dimension())
}
