package rerank

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fake is an in-process /rerank endpoint speaking one API: it scores a
// document by how many of the query's characters it holds, and records
// what it was sent.
type fake struct {
	*httptest.Server
	api string // APIJina or APITEI
	// reply, if set, is written instead of the scores.
	status int
	reply  string

	mu   sync.Mutex
	sent []map[string]any
	auth []string
}

func newFake(api string) *fake {
	f := &fake{api: api}
	f.Server = httptest.NewServer(http.HandlerFunc(f.handle))
	return f
}

func (f *fake) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/rerank" && r.URL.Path != "/rerank" || r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	var req map[string]any
	json.NewDecoder(r.Body).Decode(&req)
	f.mu.Lock()
	f.sent, f.auth = append(f.sent, req), append(f.auth, r.Header.Get("Authorization"))
	f.mu.Unlock()
	if f.status != 0 || f.reply != "" {
		if f.status != 0 {
			w.WriteHeader(f.status)
		}
		w.Write([]byte(f.reply))
		return
	}
	field := "documents"
	if f.api == APITEI {
		field = "texts"
	}
	docs, ok := req[field].([]any)
	if !ok {
		// As TEI does for a body without "texts" (axum's Json rejection).
		w.WriteHeader(http.StatusUnprocessableEntity)
		w.Write([]byte(`Failed to deserialize the JSON body into the target type: missing field ` + "`" + field + "`"))
		return
	}
	q, _ := req["query"].(string)
	type res struct {
		Index int     `json:"index"`
		Score float64 `json:"score,omitempty"`
		Rel   float64 `json:"relevance_score,omitempty"`
	}
	var out []res
	for i, d := range docs {
		s := 0.0
		for _, r := range q {
			if strings.ContainsRune(d.(string), r) {
				s++
			}
		}
		if f.api == APITEI {
			out = append(out, res{Index: i, Score: s + 0.5})
		} else {
			out = append(out, res{Index: i, Rel: s + 0.5})
		}
	}
	// Best first, as both APIs reply.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Score+out[j].Rel > out[j-1].Score+out[j-1].Rel; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if f.api == APITEI {
		json.NewEncoder(w).Encode(out)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"model": req["model"], "results": out, "usage": map[string]int{"total_tokens": 9}})
}

var docs = []string{"食堂早餐七点开始供应。", "年假十五天，可以顺延到次年三月底。", "年假怎么请？"}

const query = "年假可以顺延吗"

// TestFormats: both APIs, named or found at the first call; each
// document's score comes back in the order sent.
func TestFormats(t *testing.T) {
	for _, c := range []struct {
		name, server, api string
		requests          int // for two questions
	}{
		{"jina", APIJina, APIJina, 2},
		{"tei", APITEI, APITEI, 2},
		{"jina found", APIJina, "", 2},
		{"tei found", APITEI, "", 3}, // Jina's request refused once, then TEI's
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(c.server)
			defer f.Close()
			base := f.URL
			if c.server == APIJina {
				base += "/v1"
			}
			model := "BAAI/bge-reranker-v2-m3"
			if c.server == APITEI {
				model = ""
			}
			cl, err := New(Config{BaseURL: base, APIKey: "sk-rerank", Model: model, API: c.api})
			if err != nil {
				t.Fatal(err)
			}
			for range 2 {
				scores, err := cl.Rerank(context.Background(), query, docs)
				if err != nil {
					t.Fatal(err)
				}
				if len(scores) != 3 || !(scores[1] > scores[2] && scores[2] > scores[0]) {
					t.Errorf("scores %v; want document 1 over 2 over 0", scores)
				}
			}
			if len(f.sent) != c.requests {
				t.Fatalf("%d requests; want %d", len(f.sent), c.requests)
			}
			last := f.sent[len(f.sent)-1]
			if c.server == APIJina && (last["model"] != model || last["top_n"] != float64(3) || len(last["documents"].([]any)) != 3) ||
				c.server == APITEI && (len(last["texts"].([]any)) != 3 || last["truncate"] != true) || last["query"] != query || f.auth[0] != "Bearer sk-rerank" {
				t.Errorf("sent %v with %q", last, f.auth[0])
			}
		})
	}
}

// TestErrors: an error status says what the server said; a reply that
// is not a ranking of the documents sent is ErrMalformed.
func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name   string
		status int
		reply  string
		want   error
		msg    string
	}{
		{"500", 500, `{"error":{"message":"model overloaded"}}`, nil, "HTTP 500: model overloaded"},
		{"401", 401, `{"message":"invalid api key"}`, nil, "HTTP 401: invalid api key"},
		{"not JSON", 200, `<html>gateway</html>`, ErrMalformed, "malformed"},
		{"no results", 200, `{"results":[]}`, ErrMalformed, "no results"},
		{"index out of range", 200, `{"results":[{"index":7,"relevance_score":0.9}]}`, ErrMalformed, "no document sent"},
		{"no score", 200, `[{"index":0}]`, ErrMalformed, "without a score"},
		{"twice", 200, `[{"index":0,"score":1},{"index":0,"score":2}]`, ErrMalformed, "no document sent"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(APIJina)
			f.status, f.reply = c.status, c.reply
			defer f.Close()
			cl, _ := New(Config{BaseURL: f.URL + "/v1", Model: "m", API: APIJina})
			_, err := cl.Rerank(context.Background(), query, docs)
			if err == nil || c.want != nil && !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), f.URL) {
				t.Errorf("%v; want %v saying %q and the endpoint", err, c.want, c.msg)
			}
		})
	}
	// Left out of the reply: below every scored one.
	f := newFake(APIJina)
	f.reply = `{"results":[{"index":2,"relevance_score":-3},{"index":0,"relevance_score":0.5}]}`
	defer f.Close()
	cl, _ := New(Config{BaseURL: f.URL, Model: "m"})
	if scores, err := cl.Rerank(context.Background(), query, docs); err != nil || scores[1] >= scores[2] || scores[0] != 0.5 {
		t.Errorf("partial reply: %v %v", scores, err)
	}
	if _, err := New(Config{BaseURL: f.URL, API: "cohere"}); err == nil {
		t.Error("an unknown API accepted")
	}
}
