package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/ingest"
)

// fakeKB answers every question with "年假十五天[1]。" citing one passage,
// streaming it in pieces when asked; 崩溃 makes it panic, 等待 works until
// its context ends, as do files named slow…; err, when set, is every
// call's answer (as from a deleted knowledge base).
type fakeKB struct {
	name     string
	dir      string
	mu       sync.Mutex
	uploaded []string
	removed  []string
	working  atomic.Int32 // calls waiting for their context to end
	err      error
	stop     chan struct{} // closed: work ends, context or not (a failed test's cleanup)
}

// work waits for ctx to end, counted in working.
func (b *fakeKB) work(ctx context.Context) error {
	b.working.Add(1)
	defer b.working.Add(-1)
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-b.stop:
		return errors.New("stopped: the context never ended")
	}
}

func (b *fakeKB) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	if b.err != nil {
		return answer.Answer{}, b.err
	}
	if req.Question == "崩溃" {
		panic("a bug in a handler")
	}
	if req.Question == "等待" {
		return answer.Answer{}, b.work(ctx)
	}
	a := answer.Answer{Question: req.Question, Answer: "年假十五天[1]。", Found: true, Mode: answer.ModeLLM,
		Citations: []answer.Citation{{N: 1, Doc: b.name + "/leave.md", Title: "休假制度", Text: "员工每年享有带薪年假十五天。"}}}
	if req.OnToken != nil {
		for _, p := range []string{"年假", "十五天", "[1]。"} {
			if err := req.OnToken(p); err != nil {
				return answer.Answer{}, err
			}
		}
	}
	return a, nil
}

func (b *fakeKB) Search(ctx context.Context, q string, opt wenda.SearchOptions) (wenda.Results, error) {
	if b.err != nil {
		return wenda.Results{}, b.err
	}
	if q == "出错" {
		return wenda.Results{}, fmt.Errorf("wenda: search %s: index damaged", filepath.Join(b.dir, "bm25"))
	}
	return wenda.Results{Signals: []string{"bm25", "vector"}, Hits: []wenda.Result{{Doc: b.name + "/leave.md", Text: "年假", Score: 0.03, Ranks: []int{1, 0}, Scores: []float64{7, 0}}}}, nil
}

func (b *fakeKB) Ingest(ctx context.Context, files []corpora.File, opt wenda.IngestOptions) (ingest.Summary, error) {
	if b.err != nil {
		return ingest.Summary{}, b.err
	}
	b.mu.Lock()
	for _, f := range files {
		if _, err := os.Stat(f.Path); err != nil {
			b.mu.Unlock()
			return ingest.Summary{}, err // the server keeps the file before ingesting it
		}
		b.uploaded = append(b.uploaded, filepath.Base(f.Path))
	}
	b.mu.Unlock()
	if strings.HasPrefix(filepath.Base(files[0].Path), "slow") {
		return ingest.Summary{}, b.work(ctx)
	}
	return ingest.Summary{Files: len(files), Docs: len(files), Chunks: len(files)}, nil
}

func (b *fakeKB) Dir() string { return b.dir }

func (b *fakeKB) Documents(ctx context.Context, from, size int) ([]corpora.DocRecord, int, error) {
	if b.err != nil {
		return nil, 0, b.err
	}
	return []corpora.DocRecord{{ID: "leave.md", Title: "休假制度", Chunks: 1}}, 1, nil
}

func (b *fakeKB) Document(ctx context.Context, id string) (corpora.DocRecord, []corpora.Chunk, error) {
	if id != "handbook/leave.md" {
		return corpora.DocRecord{}, nil, fmt.Errorf("wenda: document %q: %w", id, wenda.ErrNoDocument)
	}
	return corpora.DocRecord{ID: id, Title: "休假制度", Chunks: 1},
		[]corpora.Chunk{{ID: id + "#0", DocID: id, Text: "年假十天。", Section: "休假制度 › 年假", Page: 3}}, nil
}

func (b *fakeKB) Remove(ctx context.Context, ids ...string) error {
	if b.err != nil {
		return b.err
	}
	if ids[0] == "missing.md" {
		return errors.Join(fmt.Errorf("wenda: remove missing.md: %w", wenda.ErrNoDocument))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.removed = append(b.removed, ids...)
	return nil
}

func (b *fakeKB) Entity(name string) []corpora.Fact {
	if name == "洛阳纸贵" {
		return []corpora.Fact{{Subject: name, Relation: corpora.RelMeaning, Object: "比喻著作有价值，流传广。", Doc: "idioms#1"}}
	}
	return nil
}

func (b *fakeKB) Stats(ctx context.Context) (wenda.Stats, error) {
	if b.err != nil {
		return wenda.Stats{}, b.err
	}
	return wenda.Stats{Documents: 1, Chunks: 1}, nil
}

type fakeLibrary struct {
	mu  sync.Mutex
	dir string
	kbs map[string]*fakeKB
}

func newFakeLibrary(names ...string) *fakeLibrary {
	dir, err := os.MkdirTemp("", "wenda-server-test-")
	if err != nil {
		panic(err)
	}
	f := &fakeLibrary{dir: dir, kbs: map[string]*fakeKB{}}
	for _, n := range names {
		f.kbs[n] = &fakeKB{name: n, dir: filepath.Join(dir, n), stop: make(chan struct{})}
	}
	return f
}

// release ends the work of every knowledge base: a test that failed
// waiting for a context to end can then close its server.
func (f *fakeLibrary) release() {
	for _, b := range f.kbs {
		close(b.stop)
	}
}

func (f *fakeLibrary) Dir() string { return f.dir }

func (f *fakeLibrary) List() ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for n := range f.kbs {
		out = append(out, n)
	}
	sort.Strings(out)
	return out, nil
}

func (f *fakeLibrary) Open(ctx context.Context, name string) (KB, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if b, ok := f.kbs[name]; ok {
		return b, nil
	}
	return nil, wenda.ErrNotFound
}

func (f *fakeLibrary) Loaded(name string) (KB, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	b, ok := f.kbs[name]
	return b, ok
}

func (f *fakeLibrary) Create(ctx context.Context, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.kbs[name]; ok {
		return wenda.ErrExists
	}
	f.kbs[name] = &fakeKB{name: name, dir: filepath.Join(f.dir, name)}
	return nil
}

func (f *fakeLibrary) Delete(ctx context.Context, name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.kbs[name]; !ok {
		return wenda.ErrNotFound
	}
	delete(f.kbs, name)
	return nil
}

var testKeys = []Key{
	{Token: "hr-key", Name: "hr bot", KBs: []string{"hr"}},
	{Token: "admin-key", Name: "admin", KBs: []string{"*"}, Write: true},
	{Token: "slow-key", Name: "limited", KBs: []string{"hr"}, Rate: 2},
}

func newTest(t *testing.T, cfg Config, lib Library) *httptest.Server {
	t.Helper()
	s, err := newServer(cfg, lib)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts
}

func do(t *testing.T, method, url, key, body string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(b)
}

func TestAuth(t *testing.T) {
	ts := newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr", "legal"))
	ask := `{"question":"年假有几天？","kb":"%s"}`
	for _, c := range []struct {
		method, path, key, body string
		want                    int
	}{
		{"POST", "/v1/ask", "", strings.Replace(ask, "%s", "hr", 1), 401},
		{"POST", "/v1/ask", "wrong", strings.Replace(ask, "%s", "hr", 1), 401},
		{"POST", "/v1/ask", "hr-key", strings.Replace(ask, "%s", "hr", 1), 200},
		{"POST", "/v1/ask", "hr-key", strings.Replace(ask, "%s", "legal", 1), 403},
		{"GET", "/v1/search?q=年假&kb=legal", "hr-key", "", 403},
		{"GET", "/v1/documents?kb=legal", "hr-key", "", 403},
		{"GET", "/v1/kg/entities/洛阳纸贵?kb=legal", "hr-key", "", 403},
		{"DELETE", "/v1/documents/leave.md?kb=hr", "hr-key", "", 403}, // read only
		{"POST", "/v1/documents?kb=hr", "hr-key", `{"name":"a.md","text":"正文"}`, 403},
		{"POST", "/v1/kbs", "hr-key", `{"name":"hr2"}`, 403},
		{"DELETE", "/v1/kbs/legal", "hr-key", "", 403},
		{"GET", "/v1/search?q=年假&kb=legal", "admin-key", "", 200},
		{"DELETE", "/v1/documents/leave.md?kb=hr", "admin-key", "", 200},
		{"GET", "/v1/kg/entities/洛阳纸贵?kb=hr", "hr-key", "", 200},
		{"GET", "/v1/kg/entities/无此实体?kb=hr", "hr-key", "", 404},
		{"POST", "/v1/ask", "admin-key", strings.Replace(ask, "%s", "nosuch", 1), 404},
		{"GET", "/healthz", "", "", 200},
	} {
		if got, _, body := do(t, c.method, ts.URL+c.path, c.key, c.body); got != c.want {
			t.Errorf("%s %s with key %q: %d %s; want %d", c.method, c.path, c.key, got, body, c.want)
		}
	}
	// A key for hr cannot even list legal.
	_, _, body := do(t, "GET", ts.URL+"/v1/kbs", "hr-key", "")
	if !strings.Contains(body, `"hr"`) || strings.Contains(body, "legal") {
		t.Errorf("hr key lists %s", body)
	}
	_, _, body = do(t, "GET", ts.URL+"/v1/models", "hr-key", "")
	if strings.Contains(body, "legal") {
		t.Errorf("hr key's models: %s", body)
	}
	_, _, body = do(t, "GET", ts.URL+"/v1/kbs", "admin-key", "")
	if !strings.Contains(body, "legal") {
		t.Errorf("admin lists %s", body)
	}
}

func TestRateLimit(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ts := newTest(t, Config{Keys: testKeys, Now: clock}, newFakeLibrary("hr"))
	q := `{"question":"年假","kb":"hr"}`
	for i := 0; i < 2; i++ {
		if code, _, _ := do(t, "POST", ts.URL+"/v1/ask", "slow-key", q); code != 200 {
			t.Fatalf("request %d: %d", i+1, code)
		}
	}
	code, h, body := do(t, "POST", ts.URL+"/v1/ask", "slow-key", q)
	if code != 429 || h.Get("Retry-After") != "31" || !strings.Contains(body, "rate limit") {
		t.Errorf("third request: %d, Retry-After %q, %s; want 429 after 31 s (2 a minute)", code, h.Get("Retry-After"), body)
	}
	// Other keys have their own buckets; time refills this one.
	if code, _, _ := do(t, "POST", ts.URL+"/v1/ask", "hr-key", q); code != 200 {
		t.Errorf("another key: %d", code)
	}
	mu.Lock()
	now = now.Add(31 * time.Second)
	mu.Unlock()
	if code, _, _ := do(t, "POST", ts.URL+"/v1/ask", "slow-key", q); code != 200 {
		t.Errorf("after 31 s: %d", code)
	}
}

func multipartBody(t *testing.T, files map[string]string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, _ := mw.CreateFormFile("file", n)
		w.Write([]byte(files[n]))
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestLimitsAndNames(t *testing.T) {
	bases := newFakeLibrary("hr")
	ts := newTest(t, Config{Keys: testKeys, MaxBody: 1024, MaxUpload: 4096}, bases)
	big := `{"question":"` + strings.Repeat("长", 2000) + `","kb":"hr"}`
	if code, _, body := do(t, "POST", ts.URL+"/v1/ask", "admin-key", big); code != 413 {
		t.Errorf("oversize body: %d %s; want 413", code, body)
	}
	body, ct := multipartBody(t, map[string]string{"big.txt": strings.Repeat("字", 3000)})
	req, _ := http.NewRequest("POST", ts.URL+"/v1/documents?kb=hr", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer admin-key")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 413 {
		t.Errorf("oversize upload: %d; want 413", res.StatusCode)
	}
	// File names cannot leave the upload folder.
	body, ct = multipartBody(t, map[string]string{"../../etc/passwd": "root", `..\..\win.ini`: "x", "正常.md": "正文"})
	req, _ = http.NewRequest("POST", ts.URL+"/v1/documents?kb=hr", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Authorization", "Bearer admin-key")
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	got := bases.kbs["hr"].uploaded
	sort.Strings(got)
	if res.StatusCode != 200 || strings.Join(got, "|") != "passwd|win.ini|正常.md" {
		t.Errorf("stored names %q (status %d)", got, res.StatusCode)
	}
	for in, want := range map[string]string{"../../etc/passwd": "passwd", "..": "", ".hidden": "hidden", "a/b/c.txt": "c.txt", "x\x00y.md": "x_y.md", "C:\\tmp\\报告.docx": "报告.docx"} {
		if got := SafeName(in); got != want {
			t.Errorf("SafeName(%q) = %q; want %q", in, got, want)
		}
	}
	// Malformed requests are 400s naming the field, and the server goes on.
	for _, c := range []struct{ method, path, body, want string }{
		{"POST", "/v1/ask", `{"question":`, "request body"},
		{"POST", "/v1/ask", `{"question":"  ","kb":"hr"}`, `"question"`},
		{"GET", "/v1/search?q=&kb=hr", "", `"q"`},
		{"GET", "/v1/search?q=年假&k=abc&kb=hr", "", `"k"`},
		{"GET", "/v1/search?q=年假&mode=magic&kb=hr", "", `"mode"`},
	} {
		code, _, body := do(t, c.method, ts.URL+c.path, "admin-key", c.body)
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		json.Unmarshal([]byte(body), &e)
		if code != 400 || !strings.Contains(e.Error.Message, c.want) {
			t.Errorf("%s %s %s: %d %s; want 400 naming %s", c.method, c.path, c.body, code, body, c.want)
		}
	}
}

func TestOpenModeOnlyOnLoopback(t *testing.T) {
	if _, err := newServer(Config{}, newFakeLibrary()); err == nil {
		t.Error("open mode allowed off loopback")
	}
	if _, err := newServer(Config{Loopback: true}, newFakeLibrary()); err != nil {
		t.Error(err)
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "0.0.0.0:8080": false, ":8080": false, "10.0.0.5:80": false} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%s) = %v", addr, got)
		}
	}
}

func TestPanicAndStream(t *testing.T) {
	ts := newTest(t, Config{Loopback: true}, newFakeLibrary("default"))
	if code, _, _ := do(t, "POST", ts.URL+"/v1/ask", "", `{"question":"崩溃"}`); code != 500 {
		t.Errorf("panicking request: %d; want 500", code)
	}
	code, h, body := do(t, "POST", ts.URL+"/v1/ask", "", `{"question":"年假有几天？","stream":true}`)
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("stream: %d %s", code, h.Get("Content-Type"))
	}
	if strings.Count(body, "event: token") != 3 || !strings.Contains(body, "event: answer") || !strings.Contains(body, `"doc":"default/leave.md"`) || !strings.HasSuffix(body, "event: done\ndata: {\"done\":true}\n\n") {
		t.Errorf("stream:\n%s", body)
	}
	_, _, metrics := do(t, "GET", ts.URL+"/metrics", "", "")
	for _, want := range []string{`wenda_requests_total{route="ask",status="500"} 1`, `wenda_panics_total 1`, `wenda_request_seconds_count{route="ask"} 2`, `wenda_kb_documents{kb="default"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s:\n%s", want, metrics)
		}
	}
	if _, _, page := do(t, "GET", ts.URL+"/", "", ""); !strings.Contains(page, "wenda 问答") {
		t.Errorf("page: %.200s", page)
	}
}

func TestCORS(t *testing.T) {
	ts := newTest(t, Config{Loopback: true}, newFakeLibrary("default"))
	req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
	req.Header.Set("Origin", "https://evil.example")
	res, _ := http.DefaultClient.Do(req)
	res.Body.Close()
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("CORS on without configuration")
	}
	ts = newTest(t, Config{Loopback: true, CORSOrigins: []string{"https://app.example"}}, newFakeLibrary("default"))
	req, _ = http.NewRequest("OPTIONS", ts.URL+"/v1/ask", nil)
	req.Header.Set("Origin", "https://app.example")
	res, _ = http.DefaultClient.Do(req)
	res.Body.Close()
	if res.StatusCode != 204 || res.Header.Get("Access-Control-Allow-Origin") != "https://app.example" {
		t.Errorf("preflight: %d %q", res.StatusCode, res.Header.Get("Access-Control-Allow-Origin"))
	}
}

// TestChatCompletions uses go-openai as the client, as SDKs and chat apps
// would: the knowledge base is the model, and the citations survive.
func TestChatCompletions(t *testing.T) {
	ts := newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr", "legal"))
	cfg := goopenai.DefaultConfig("hr-key")
	cfg.BaseURL = ts.URL + "/v1"
	client := goopenai.NewClientWithConfig(cfg)
	ctx := context.Background()
	req := goopenai.ChatCompletionRequest{Model: "hr", Messages: []goopenai.ChatCompletionMessage{
		{Role: "user", Content: "年假有几天？"}, {Role: "assistant", Content: "十五天。"}, {Role: "user", Content: "那病假呢？"}}}
	res, err := client.CreateChatCompletion(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	text := res.Choices[0].Message.Content
	if !strings.Contains(text, "年假十五天[1]。") || !strings.Contains(text, "来源：\n[1] 休假制度（hr/leave.md #0）") {
		t.Errorf("message: %q", text)
	}
	// The extra field, read raw.
	_, _, raw := do(t, "POST", ts.URL+"/v1/chat/completions", "hr-key", `{"model":"hr","messages":[{"role":"user","content":"年假有几天？"}]}`)
	var withCites struct {
		Citations []Citation `json:"citations"`
	}
	if json.Unmarshal([]byte(raw), &withCites); len(withCites.Citations) != 1 || withCites.Citations[0].Doc != "hr/leave.md" {
		t.Errorf("citations field: %s", raw)
	}
	req.Stream = true
	st, err := client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for {
		r, err := st.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Choices) > 0 {
			b.WriteString(r.Choices[0].Delta.Content)
		}
	}
	st.Close()
	if !strings.HasPrefix(b.String(), "年假十五天[1]。") || !strings.Contains(b.String(), "[1] 休假制度") {
		t.Errorf("streamed: %q", b.String())
	}
	// A key for hr cannot use legal as a model.
	req.Model, req.Stream = "legal", false
	if _, err := client.CreateChatCompletion(ctx, req); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("hr key with model legal: %v", err)
	}
}

// TestDocumentChunks: GET /v1/documents/ID is the document as the index
// holds it — its chunks with their section, page and place; 404 for none.
func TestDocumentChunks(t *testing.T) {
	ts := newTest(t, Config{Loopback: true}, newFakeLibrary("default"))
	code, _, body := do(t, "GET", ts.URL+"/v1/documents/handbook/leave.md", "", "")
	var got struct {
		ID     string `json:"id"`
		Chunks []struct {
			Text, Section string
			Page          int
		} `json:"chunks"`
	}
	if code != 200 || json.Unmarshal([]byte(body), &got) != nil || got.ID != "handbook/leave.md" || len(got.Chunks) != 1 ||
		got.Chunks[0].Section != "休假制度 › 年假" || got.Chunks[0].Page != 3 {
		t.Errorf("GET a document: %d %s", code, body)
	}
	if code, _, body := do(t, "GET", ts.URL+"/v1/documents/missing.md", "", ""); code != 404 {
		t.Errorf("GET a missing document: %d %s; want 404", code, body)
	}
}

// TestDefaultKB: a request naming no knowledge base uses the server's
// default (the command line's --kb), and one not found is answered with
// the knowledge bases the key may use, not the others.
func TestDefaultKB(t *testing.T) {
	lib := newFakeLibrary("hr", "legal")
	ts := newTest(t, Config{Keys: testKeys, DefaultKB: "hr"}, lib)
	if code, _, body := do(t, "POST", ts.URL+"/v1/ask", "hr-key", `{"question":"年假有几天？"}`); code != 200 {
		t.Errorf("no kb, default hr: %d %s", code, body)
	}
	if code, _, body := do(t, "POST", ts.URL+"/v1/chat/completions", "hr-key", `{"messages":[{"role":"user","content":"年假有几天？"}]}`); code != 200 {
		t.Errorf("chat, no model, default hr: %d %s", code, body)
	}
	ts = newTest(t, Config{Keys: testKeys}, lib)
	code, _, body := do(t, "POST", ts.URL+"/v1/ask", "admin-key", `{"question":"年假有几天？"}`)
	if code != 404 || !strings.Contains(body, `no knowledge base \"default\" (knowledge bases here: hr, legal;`) {
		t.Errorf("no kb, no default: %d %s", code, body)
	}
	_, _, body = do(t, "POST", ts.URL+"/v1/ask", "admin-key", `{"question":"年假有几天？","kb":"hrr"}`)
	if !strings.Contains(body, `no knowledge base \"hrr\" (knowledge bases here: hr, legal;`) {
		t.Errorf("a misspelt kb: %s", body)
	}
	keys := []Key{{Token: "k", KBs: []string{"hr", "default"}}}
	ts = newTest(t, Config{Keys: keys}, lib)
	if _, _, body = do(t, "POST", ts.URL+"/v1/ask", "k", `{"question":"年假有几天？"}`); !strings.Contains(body, "knowledge bases here: hr;") || strings.Contains(body, "legal") {
		t.Errorf("a key for hr is told of hr alone: %s", body)
	}
}

// TestJSONProblems: a malformed body is told in the request's terms — the
// field and what it wants, a body cut short — never the server's Go types.
func TestJSONProblems(t *testing.T) {
	ts := newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr"))
	for body, want := range map[string]string{
		`{"question":`:                 "invalid JSON: the body ends before its value does",
		`{"question": 5, "kb": "hr"}`:  `field \"question\": want a string, not a number`,
		`{"question": "年假", "k": "8"}`: `field \"k\": want a number, not a string`,
		`["年假"]`:                       "want a JSON object, not an array",
		`{"question" "年假"}`:            "invalid JSON at byte",
	} {
		code, _, got := do(t, "POST", ts.URL+"/v1/ask", "hr-key", body)
		if code != 400 || !strings.Contains(got, want) || strings.Contains(got, "askRequest") || strings.Contains(got, "Go struct") {
			t.Errorf("%s → %d %s; want 400 %s", body, code, got, want)
		}
	}
}

// TestNoRoute: a GET of the API that no route serves is answered in JSON
// — 405 with Allow when the path takes another method, else 404 — not
// with the page's plain-text 404.
func TestNoRoute(t *testing.T) {
	ts := newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr"))
	code, h, body := do(t, "GET", ts.URL+"/v1/ask", "hr-key", "")
	if code != 405 || h.Get("Allow") != "POST" || !strings.Contains(body, `"GET /v1/ask: use POST"`) {
		t.Errorf("GET /v1/ask: %d %v %s", code, h.Get("Allow"), body)
	}
	if code, _, body = do(t, "GET", ts.URL+"/v1/nope", "hr-key", ""); code != 404 || !strings.Contains(body, `"no route GET /v1/nope`) {
		t.Errorf("GET /v1/nope: %d %s", code, body)
	}
	if code, _, _ = do(t, "GET", ts.URL+"/", "", ""); code != 200 {
		t.Errorf("the page: %d", code)
	}
}
