package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer/openai/openaitest"
	"github.com/wenda-rag/wenda/server"
)

// serveTest starts the server over a data directory holding the sample
// corpus in the knowledge base "docs".
func serveTest(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "docs", "quickstart")
	c := &cli{g: global{data: data, kb: "default"}, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	lib, err := c.library(wenda.SearchOptions{}, &llmFlags{url: os.Getenv("OPENAI_BASE_URL"), model: os.Getenv("WENDA_CHAT_MODEL")}, "")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := c.newServer(server.Config{Loopback: true}, lib)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); lib.Close() })
	return ts, data
}

func upload(t *testing.T, url string, files map[string]string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, text := range files {
		w, _ := mw.CreateFormFile("file", name)
		w.Write([]byte(text))
	}
	mw.Close()
	res, err := http.Post(url, mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func getJSON(t *testing.T, url string, v any) int {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	json.NewDecoder(res.Body).Decode(v)
	return res.StatusCode
}

type searchJSON struct {
	Signals []string `json:"signals"`
	Hits    []struct {
		Doc   string `json:"doc"`
		Ranks []int  `json:"ranks"`
	} `json:"hits"`
}

func TestServeEndToEnd(t *testing.T) {
	ts, _ := serveTest(t)
	code, body := upload(t, ts.URL+"/v1/documents?kb=docs", map[string]string{"报销.md": "# 差旅报销\n\n差旅报销需要在出差结束后十五个工作日内提交，逾期不予受理。", "empty.md": ""})
	if code != 200 || !strings.Contains(body, `"name":"报销.md","documents":1`) || !strings.Contains(body, `"name":"empty.md"`) || !strings.Contains(body, `"error"`) {
		t.Fatalf("upload: %d %s", code, body)
	}
	var s searchJSON
	if code := getJSON(t, ts.URL+"/v1/search?kb=docs&q=差旅报销期限&k=3", &s); code != 200 || len(s.Hits) == 0 || s.Hits[0].Doc != "uploads/报销.md" || len(s.Hits[0].Ranks) != len(s.Signals) {
		t.Fatalf("search: %d %+v", code, s)
	}
	res, _ := http.Post(ts.URL+"/v1/ask", "application/json", strings.NewReader(`{"question":"差旅报销要在多少天内提交？","kb":"docs"}`))
	var a struct {
		Answer    string `json:"answer"`
		Citations []struct{ Doc string }
	}
	json.NewDecoder(res.Body).Decode(&a)
	res.Body.Close()
	if !strings.Contains(a.Answer, "十五") || len(a.Citations) == 0 || a.Citations[0].Doc != "uploads/报销.md" {
		t.Errorf("ask: %+v", a)
	}
	var docs struct {
		Total int `json:"total"`
	}
	getJSON(t, ts.URL+"/v1/documents?kb=docs", &docs)
	req, _ := http.NewRequest("DELETE", ts.URL+"/v1/documents/uploads/报销.md?kb=docs", nil)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("delete: %v %v", res, err)
	}
	var after struct {
		Total int `json:"total"`
	}
	getJSON(t, ts.URL+"/v1/documents?kb=docs", &after)
	getJSON(t, ts.URL+"/v1/search?kb=docs&q=差旅报销期限&k=3", &s)
	if after.Total != docs.Total-1 || (len(s.Hits) > 0 && s.Hits[0].Doc == "uploads/报销.md") {
		t.Errorf("after delete: %d documents (was %d), search %+v", after.Total, docs.Total, s)
	}
	// Knowledge bases: created, listed, deleted.
	res, _ = http.Post(ts.URL+"/v1/kbs", "application/json", strings.NewReader(`{"name":"临时"}`))
	res.Body.Close()
	var kbs struct {
		KBs []struct{ Name string } `json:"kbs"`
	}
	getJSON(t, ts.URL+"/v1/kbs", &kbs)
	if res.StatusCode != 201 || len(kbs.KBs) != 2 {
		t.Errorf("create: %d, list %+v", res.StatusCode, kbs)
	}
	req, _ = http.NewRequest("DELETE", ts.URL+"/v1/kbs/临时", nil)
	res, _ = http.DefaultClient.Do(req)
	res.Body.Close()
	getJSON(t, ts.URL+"/v1/kbs", &kbs)
	if res.StatusCode != 200 || len(kbs.KBs) != 1 {
		t.Errorf("delete kb: %d, list %+v", res.StatusCode, kbs)
	}
}

// TestSearchDuringIngest: searches while files are ingested keep finding
// what was there, whole.
func TestSearchDuringIngest(t *testing.T) {
	ts, _ := serveTest(t)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 15; i++ {
			files := map[string]string{}
			for j := 0; j < 4; j++ {
				files[fmt.Sprintf("note-%d-%d.md", i, j)] = fmt.Sprintf("# 会议纪要 %d-%d\n\n本次会议讨论了第%d季度的预算与招聘计划，决定增加%d名工程师。", i, j, j+1, i+j)
			}
			if code, body := upload(t, ts.URL+"/v1/documents?kb=docs", files); code != 200 {
				t.Errorf("upload %d: %d %s", i, code, body)
			}
		}
	}()
	deadline := time.Now().Add(20 * time.Second)
	n := 0
	for done := false; !done && time.Now().Before(deadline); {
		var s searchJSON
		if code := getJSON(t, ts.URL+"/v1/search?kb=docs&q=年假顺延&k=3", &s); code != 200 || len(s.Hits) == 0 || s.Hits[0].Doc != "handbook/leave.md" {
			t.Fatalf("search %d during ingest: %d %+v", n, code, s)
		}
		n++
		ch := make(chan struct{})
		go func() { wg.Wait(); close(ch) }()
		select {
		case <-ch:
			done = true
		case <-time.After(10 * time.Millisecond):
		}
	}
	wg.Wait()
	var s searchJSON
	getJSON(t, ts.URL+"/v1/search?kb=docs&k=3&q="+url.QueryEscape("会议纪要 14-3"), &s)
	if len(s.Hits) == 0 || !strings.HasPrefix(s.Hits[0].Doc, "uploads/note-14-") {
		t.Errorf("after ingest: %+v (%d searches during it)", s, n)
	}
}

// syncBuffer is a writer read while it is written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeGracefulShutdown: interrupted, `wenda serve` lets the request
// in flight finish, then closes the stores.
func TestServeGracefulShutdown(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "docs", "quickstart")
	slow := openaitest.New(func(openaitest.Request) openaitest.Reply {
		return openaitest.Reply{Content: "年假可以顺延到次年3月31日[1]。", Delay: time.Second}
	})
	defer slow.Close()
	llmEnv(t, slow)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"--data", data, "serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), out, io.Discard)
	}()
	addrRe := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var addr string
	for i := 0; i < 200 && addr == ""; i++ {
		if m := addrRe.FindStringSubmatch(out.String()); m != nil {
			addr = m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	if addr == "" {
		t.Fatalf("no address in %q", out.String())
	}
	if !strings.Contains(out.String(), "开放模式") {
		t.Errorf("open mode not announced: %s", out.String())
	}
	type result struct {
		code int
		body string
	}
	got := make(chan result)
	go func() {
		res, err := http.Post("http://"+addr+"/v1/ask", "application/json", strings.NewReader(`{"question":"年假可以顺延到什么时候？","kb":"docs"}`))
		if err != nil {
			got <- result{0, err.Error()}
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- result{res.StatusCode, string(b)}
	}()
	time.Sleep(300 * time.Millisecond) // the request is in flight: the model answers slowly
	cancel()
	r := <-got
	if r.code != 200 || !strings.Contains(r.body, "3月31日") {
		t.Errorf("request in flight: %d %s", r.code, r.body)
	}
	if code := <-done; code != 0 || !strings.Contains(out.String(), "已停止") {
		t.Errorf("serve exit %d: %s", code, out.String())
	}
}

// TestEvalLLMAndLoad runs the two measuring commands on a tiny SQuAD file:
// they print their figures, with no errors.
func TestEvalLLMAndLoad(t *testing.T) {
	file := filepath.Join(t.TempDir(), "qa.json")
	squad := `{"data":[{"title":"星河数据","paragraphs":[{"id":"P1","context":"星河数据科技有限公司成立于2016年，总部位于杭州市滨江区。","qas":[
 {"id":"Q1","question":"星河数据成立于哪一年？","answers":[{"text":"2016年","answer_start":0}]},
 {"id":"Q2","question":"星河数据总部在哪里？","answers":[{"text":"杭州市滨江区","answer_start":0}]}]}]}]}`
	if err := os.WriteFile(file, []byte(squad), 0o644); err != nil {
		t.Fatal(err)
	}
	var llm map[string]float64
	if err := json.Unmarshal([]byte(mustRun(t, "--data", t.TempDir(), "eval", "llm", "--json", file)), &llm); err != nil {
		t.Fatal(err)
	}
	if llm["questions"] != 2 || llm["first_token_p50_ms"] <= 0 || llm["first_token_p99_ms"] < llm["first_token_p50_ms"] {
		t.Errorf("eval llm: %v", llm)
	}
	var load map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", t.TempDir(), "eval", "load", "--json", "--clients", "4", "--duration", "1s", file)), &load); err != nil {
		t.Fatal(err)
	}
	if load["errors"].(float64) != 0 || load["requests"].(float64) < 4 || load["ask_requests"].(float64) == 0 || load["search_requests"].(float64) == 0 {
		t.Errorf("eval load: %v", load)
	}
}

// TestServeKeysFileDuplicate: a keys file giving one token to two keys is
// refused, naming both, before the server starts.
func TestServeKeysFileDuplicate(t *testing.T) {
	keys := filepath.Join(t.TempDir(), "keys.json")
	os.WriteFile(keys, []byte(`{"keys": [{"key": "k1", "name": "reader", "kbs": ["hr"]}, {"key": "k2", "name": "other", "kbs": ["*"]}, {"key": "k1", "name": "writer", "kbs": ["*"], "write": true}]}`), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"--data", t.TempDir(), "serve", "--addr", "127.0.0.1:0", "--keys", keys}, strings.NewReader(""), &stdout, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), "reader") || !strings.Contains(stderr.String(), "writer") || !strings.Contains(stderr.String(), keys) || strings.Contains(stdout.String(), "http://") {
		t.Errorf("serve with a duplicated token: exit %d\nstdout: %s\nstderr: %s\nwant it refused, naming both keys and the file", code, stdout.String(), stderr.String())
	}
}

// TestServeDocumentErrors: the server over real knowledge bases answers a
// missing document 404, and names no path outside the data directory.
func TestServeDocumentErrors(t *testing.T) {
	ts, data := serveTest(t)
	req, _ := http.NewRequest("DELETE", ts.URL+"/v1/documents/no/such.md?kb=docs", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 404 || strings.Contains(string(b), data) {
		t.Errorf("deleting a missing document: %d %s; want 404 naming no absolute path", res.StatusCode, b)
	}
	// Uploaded, then deleted: its file goes with it.
	if code, body := upload(t, ts.URL+"/v1/documents?kb=docs", map[string]string{"通知.md": "# 通知\n\n周五下午团建。"}); code != 200 {
		t.Fatalf("upload: %d %s", code, body)
	}
	file := filepath.Join(data, "docs", "uploads", "通知.md")
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest("DELETE", ts.URL+"/v1/documents/uploads/通知.md?kb=docs", nil)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("delete: %v %v", res, err)
	}
	if _, err := os.Stat(file); err == nil {
		t.Error("the deleted document's upload is still on disk")
	}
}

// TestSearchKCapped: the command line caps --k as the server does.
func TestSearchKCapped(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "docs", "quickstart")
	for _, k := range []string{"2147483647", "101", "0"} {
		code, _, errs := runCLI(t, "", "--data", data, "--kb", "docs", "search", "--k", k, "年假")
		if code != 2 || !strings.Contains(errs, "--k") {
			t.Errorf("search --k %s: exit %d %s; want 2 naming --k", k, code, errs)
		}
	}
	if code, out, errs := runCLI(t, "", "--data", data, "--kb", "docs", "search", "--k", "100", "年假"); code != 0 || out == "" {
		t.Errorf("search --k 100: exit %d %s", code, errs)
	}
}

// FuzzReadKeys: any keys file is read or refused with a message naming it,
// never a panic; a file read holds keys with tokens, each once.
func FuzzReadKeys(f *testing.F) {
	f.Add(`{"keys": [{"key": "k1", "name": "hr bot", "kbs": ["hr"], "write": false, "rate_per_minute": 120}]}`)
	f.Add(`{"keys": [{"key": "k1"}, {"key": "k1", "kbs": ["*"], "write": true}]}`)
	f.Add(`{"keys": []}`)
	f.Add(`{"keys": [{"key": ""}]}`)
	f.Add(`not json`)
	f.Fuzz(func(t *testing.T, text string) {
		p := filepath.Join(t.TempDir(), "keys.json")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		keys, err := readKeys(p)
		if err != nil {
			if !strings.Contains(err.Error(), "keys") {
				t.Fatalf("readKeys: %v (names no keys file)", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, k := range keys {
			if k.Token == "" {
				t.Fatal("a key without a token was read")
			}
			if seen[k.Token] {
				t.Fatalf("token %q read twice", k.Token)
			}
			seen[k.Token] = true
		}
	})
}
