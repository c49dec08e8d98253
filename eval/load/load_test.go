package load

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// fakeServer counts what it is sent; every third search fails.
type fakeServer struct {
	mu              sync.Mutex
	asks, searches  int
	failed, wrongKB int
	questions       map[string]bool
}

func (f *fakeServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.URL.Path {
	case "/v1/ask":
		var body struct{ Question, KB string }
		if r.Method != http.MethodPost || json.NewDecoder(r.Body).Decode(&body) != nil {
			http.Error(w, "bad ask", http.StatusBadRequest)
			return
		}
		if body.KB != "cmrc" {
			f.wrongKB++
		}
		f.questions[body.Question] = true
		f.asks++
	case "/v1/search":
		if r.URL.Query().Get("kb") != "cmrc" {
			f.wrongKB++
		}
		f.questions[r.URL.Query().Get("q")] = true
		f.searches++
		if f.searches%3 == 0 {
			f.failed++
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
	default:
		http.NotFound(w, r)
		return
	}
	w.Write([]byte(`{}`))
}

func TestRun(t *testing.T) {
	f := &fakeServer{questions: map[string]bool{}}
	srv := httptest.NewServer(f)
	defer srv.Close()
	qs := []string{"年假有几天？", "出差补助多少？", "几点上班？"}
	r, err := Run(context.Background(), Config{BaseURL: srv.URL + "/", KB: "cmrc", Questions: qs, Clients: 3, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	// The warm-up search is the server's, not the result's.
	if r.Requests != f.asks+f.searches-1 || r.Asks != f.asks || r.Searches != f.searches-1 {
		t.Errorf("result counts %d requests (%d asks, %d searches); server saw %d asks, %d searches with the warm-up", r.Requests, r.Asks, r.Searches, f.asks, f.searches)
	}
	// The warm-up is the first search, which does not fail.
	if wantErrors := f.failed; r.Errors != wantErrors || r.Errors == 0 || r.FirstError != "HTTP 500" {
		t.Errorf("errors %d (first %q); want %d, HTTP 500", r.Errors, r.FirstError, wantErrors)
	}
	if r.Asks == 0 || r.Searches == 0 || r.AskP50MS <= 0 || r.AskP99MS < r.AskP50MS || r.PerSecond() <= 0 {
		t.Errorf("result %+v: want asks and searches with latencies", r)
	}
	if f.wrongKB != 0 || len(f.questions) != len(qs) {
		t.Errorf("server saw %d requests without kb=cmrc and questions %v; want none and %q", f.wrongKB, f.questions, qs)
	}
}

func TestRunCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Config{BaseURL: srv.URL, Questions: []string{"q"}, Duration: time.Hour}); err != context.Canceled {
		t.Errorf("Run with a cancelled context: %v; want %v", err, context.Canceled)
	}
}
