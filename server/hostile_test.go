package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wenda-rag/wenda"
)

// The requests of issue 12's audit: a hostile or careless client, a web
// page in open mode, a knowledge base deleted under a request.

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
	}
}

func send(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestQuestionLimitEveryRoute: one limit, on /v1/ask, /v1/search and
// /v1/chat/completions alike, for the question, each earlier turn and the
// whole conversation.
func TestQuestionLimitEveryRoute(t *testing.T) {
	ts := newTest(t, Config{Loopback: true}, newFakeLibrary("default"))
	long, ok := strings.Repeat("长", MaxQuestion+1), strings.Repeat("长", MaxQuestion)
	chat := func(msgs ...string) string {
		var m []map[string]string
		for i, t := range msgs {
			role := "user"
			if i%2 == 1 {
				role = "assistant"
			}
			m = append(m, map[string]string{"role": role, "content": t})
		}
		b, _ := json.Marshal(map[string]any{"model": "default", "messages": m})
		return string(b)
	}
	ask := func(q string, hist ...string) string {
		var h []map[string]string
		for i := 0; i+1 < len(hist); i += 2 {
			h = append(h, map[string]string{"question": hist[i], "answer": hist[i+1]})
		}
		b, _ := json.Marshal(map[string]any{"question": q, "history": h})
		return string(b)
	}
	var conversation []string // turns within the limit, over it together
	for len(conversation) < 2*(MaxConversation/MaxQuestion+1) {
		conversation = append(conversation, ok, ok)
	}
	for _, c := range []struct {
		name, method, path, body string
		want                     int
	}{
		{"ask", "POST", "/v1/ask", ask(long), 400},
		{"ask at the limit", "POST", "/v1/ask", ask(ok), 200},
		{"ask, an earlier question", "POST", "/v1/ask", ask("那病假呢？", long, "十五天。"), 400},
		{"ask, the conversation", "POST", "/v1/ask", ask("那病假呢？", conversation...), 400},
		{"search", "GET", "/v1/search?q=" + url.QueryEscape(long), "", 400},
		{"search at the limit", "GET", "/v1/search?q=" + url.QueryEscape(ok), "", 200},
		{"chat", "POST", "/v1/chat/completions", chat(long), 400},
		{"chat at the limit", "POST", "/v1/chat/completions", chat(ok), 200},
		{"chat, an earlier question", "POST", "/v1/chat/completions", chat(long, "十五天。", "那病假呢？"), 400},
		{"chat, the conversation", "POST", "/v1/chat/completions", chat(append(conversation, "那病假呢？")...), 400},
	} {
		code, _, body := do(t, c.method, ts.URL+c.path, "", c.body)
		if code != c.want {
			t.Errorf("%s: %d %.200s; want %d", c.name, code, body, c.want)
		}
	}
}

// TestClientLeavingCancels: a client that goes away ends the work done
// for it, even when its body held more than the JSON decoder read.
func TestClientLeavingCancels(t *testing.T) {
	lib := newFakeLibrary("default")
	b := lib.kbs["default"]
	ts := newTest(t, Config{Loopback: true, Timeout: time.Hour}, lib)
	t.Cleanup(lib.release)
	for _, c := range []struct{ path, body string }{
		{"/v1/ask", `{"question":"等待"}`},
		{"/v1/ask", `{"question":"等待","stream":true}`},
		{"/v1/chat/completions", `{"model":"default","messages":[{"role":"user","content":"等待"}]}`},
		{"/v1/chat/completions", `{"model":"default","stream":true,"messages":[{"role":"user","content":"等待"}]}`},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		// White space after the JSON: the decoder stops before the end.
		req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+c.path, strings.NewReader(c.body+strings.Repeat(" ", 64<<10)))
		req.Header.Set("Content-Type", "application/json")
		go func() {
			if res, err := http.DefaultClient.Do(req); err == nil {
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		}()
		waitFor(t, "the answer to start", func() bool { return b.working.Load() == 1 })
		cancel()
		waitFor(t, c.path+"'s work to end once its client left ("+c.body+")", func() bool { return b.working.Load() == 0 })
	}
}

// handled is how many requests of route have been answered.
func handled(t *testing.T, ts string, route string) int {
	t.Helper()
	_, _, m := do(t, "GET", ts+"/metrics", "", "")
	n := 0
	for _, line := range strings.Split(m, "\n") {
		if strings.HasPrefix(line, `wenda_requests_total{route="`+route+`"`) {
			var c int
			fmt.Sscan(line[strings.LastIndex(line, " ")+1:], &c)
			n += c
		}
	}
	return n
}

// TestAbandonedUploadStops: an upload whose client left stops ingesting:
// the file in progress is cancelled, the ones after it neither kept nor
// ingested.
func TestAbandonedUploadStops(t *testing.T) {
	lib := newFakeLibrary("default")
	b := lib.kbs["default"]
	ts := newTest(t, Config{Loopback: true}, lib)
	t.Cleanup(lib.release)
	body, ct := multipartBody(t, map[string]string{"slow.md": "正文", "t1.md": "正文", "t2.md": "正文"})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/v1/documents", body)
	req.Header.Set("Content-Type", ct)
	go func() {
		if res, err := http.DefaultClient.Do(req); err == nil {
			res.Body.Close()
		}
	}()
	waitFor(t, "the upload to start", func() bool { return b.working.Load() == 1 })
	cancel()
	waitFor(t, "the upload to end", func() bool { return handled(t, ts.URL, "documents_post") == 1 })
	b.mu.Lock()
	defer b.mu.Unlock()
	if strings.Join(b.uploaded, " ") != "slow.md" {
		t.Errorf("ingested %q after the client left; want slow.md only", b.uploaded)
	}
	for _, n := range []string{"t1.md", "t2.md"} {
		if _, err := os.Stat(filepath.Join(b.dir, "uploads", n)); err == nil {
			t.Errorf("%s kept after the client left", n)
		}
	}
}

// TestUploadCheckedBeforeRead: the key and the knowledge base are checked
// before an upload's body is read — a client refused is told at once.
func TestUploadCheckedBeforeRead(t *testing.T) {
	ts := newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr", "legal"))
	client := &http.Client{Timeout: 5 * time.Second}
	for _, c := range []struct {
		key, kb string
		field   bool // the knowledge base named in a form field, not the URL
		want    int
	}{
		{"", "hr", false, 401},
		{"hr-key", "hr", false, 403}, // read only
		{"admin-key", "nosuch", false, 404},
		{"admin-key", "nosuch", true, 404},
	} {
		pr, pw := io.Pipe()
		// The client waits for its body to end before it reports an
		// error: end it when the test gives up.
		stop := time.AfterFunc(6*time.Second, func() { pw.CloseWithError(errors.New("the server waited for the body")) })
		mw := multipart.NewWriter(pw)
		go func() {
			if c.field {
				mw.WriteField("kb", c.kb)
			}
			if w, err := mw.CreateFormFile("file", "big.txt"); err == nil {
				w.Write([]byte("字")) // and the rest never comes
			}
		}()
		u := ts.URL + "/v1/documents"
		if !c.field {
			u += "?kb=" + c.kb
		}
		req, _ := http.NewRequest("POST", u, pr)
		req.ContentLength = 8 << 20
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if c.key != "" {
			req.Header.Set("Authorization", "Bearer "+c.key)
		}
		res, err := client.Do(req)
		stop.Stop()
		pw.Close()
		if err != nil {
			t.Errorf("upload with key %q to %s: %v; want %d before the body", c.key, c.kb, err, c.want)
			continue
		}
		res.Body.Close()
		if res.StatusCode != c.want {
			t.Errorf("upload with key %q to %s: %d; want %d", c.key, c.kb, res.StatusCode, c.want)
		}
	}
}

// TestUploadPartLimit: an upload holds at most MaxFiles files; one over
// is refused whole, before anything is ingested.
func TestUploadPartLimit(t *testing.T) {
	lib := newFakeLibrary("default")
	ts := newTest(t, Config{Loopback: true}, lib)
	for _, n := range []int{MaxFiles + 1, MaxFiles} {
		files := map[string]string{}
		for i := 0; i < n; i++ {
			files[fmt.Sprintf("f%04d.md", i)] = "正文"
		}
		body, ct := multipartBody(t, files)
		req, _ := http.NewRequest("POST", ts.URL+"/v1/documents", body)
		req.Header.Set("Content-Type", ct)
		code, msg := send(t, req)
		want := 200
		if n > MaxFiles {
			want = 400
		}
		if code != want {
			t.Errorf("%d files: %d %.200s; want %d", n, code, msg, want)
		}
	}
	if got := len(lib.kbs["default"].uploaded); got != MaxFiles {
		t.Errorf("%d files ingested; want %d (the upload over the limit: none)", got, MaxFiles)
	}
}

// TestOpenModeRefusesWebPages: in the open mode a web page elsewhere can
// neither reach the API under another name (DNS rebinding) nor write
// across origins, and no body a simple form can send is taken.
func TestOpenModeRefusesWebPages(t *testing.T) {
	lib := newFakeLibrary("default")
	ts := newTest(t, Config{Loopback: true}, lib)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(ts.URL, "http://"))
	for _, c := range []struct {
		name, method, path, host, origin, site, ct, body string
		want                                             int
	}{
		{"rebinding, read", "GET", "/v1/documents", "evil.example:" + port, "", "", "", "", 403},
		{"rebinding, write", "POST", "/v1/kbs", "evil.example:" + port, "", "", "application/json", `{"name":"a"}`, 403},
		{"rebinding, page", "GET", "/", "evil.example", "", "", "", "", 403},
		{"cross-origin write", "POST", "/v1/kbs", "", "http://evil.example", "", "application/json", `{"name":"b"}`, 403},
		{"cross-site write", "POST", "/v1/kbs", "", "", "cross-site", "application/json", `{"name":"c"}`, 403},
		{"a form's text", "POST", "/v1/kbs", "", "", "", "text/plain", `{"name":"d"}`, 415},
		{"a form's fields", "POST", "/v1/ask", "", "", "", "application/x-www-form-urlencoded", `{"question":"年假"}`, 415},
		{"no content type", "POST", "/v1/documents", "", "", "", "", `{"name":"a.md","text":"正文"}`, 415},
		{"localhost", "GET", "/v1/documents", "localhost:" + port, "", "", "", "", 200},
		{"same origin", "POST", "/v1/kbs", "", ts.URL, "same-origin", "application/json", `{"name":"e"}`, 201},
		{"a program", "POST", "/v1/kbs", "", "", "", "application/json; charset=utf-8", `{"name":"f"}`, 201},
	} {
		req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
		if c.host != "" {
			req.Host = c.host
		}
		if c.origin != "" {
			req.Header.Set("Origin", c.origin)
		}
		if c.site != "" {
			req.Header.Set("Sec-Fetch-Site", c.site)
		}
		if c.ct != "" {
			req.Header.Set("Content-Type", c.ct)
		}
		if code, body := send(t, req); code != c.want {
			t.Errorf("%s: %s %s (Host %q, Origin %q, %s): %d %.200s; want %d", c.name, c.method, c.path, c.host, c.origin, c.ct, code, body, c.want)
		}
	}
	// A cross-origin multipart upload, as a form on another site sends it.
	body, ct := multipartBody(t, map[string]string{"evil.md": "正文"})
	req, _ := http.NewRequest("POST", ts.URL+"/v1/documents", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", "http://evil.example")
	if code, msg := send(t, req); code != 403 {
		t.Errorf("cross-origin upload: %d %s; want 403", code, msg)
	}
	// With keys, the name the clients use is theirs to choose.
	ts = newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr"))
	req, _ = http.NewRequest("GET", ts.URL+"/v1/documents?kb=hr", nil)
	req.Host = "wenda.example.com"
	req.Header.Set("Authorization", "Bearer hr-key")
	if code, msg := send(t, req); code != 200 {
		t.Errorf("keyed server under its public name: %d %s", code, msg)
	}
}

// TestMetricsNeedKey: with keys, /metrics needs one, and lists only the
// knowledge bases that key may use.
func TestMetricsNeedKey(t *testing.T) {
	ts := newTest(t, Config{Keys: testKeys}, newFakeLibrary("hr", "legal"))
	if code, _, _ := do(t, "GET", ts.URL+"/metrics", "", ""); code != 401 {
		t.Errorf("metrics without a key: %d; want 401", code)
	}
	code, _, body := do(t, "GET", ts.URL+"/metrics", "hr-key", "")
	if code != 200 || !strings.Contains(body, `wenda_kb_documents{kb="hr"}`) || strings.Contains(body, "legal") {
		t.Errorf("metrics with hr's key: %d\n%s", code, body)
	}
}

// TestDeleteUploadRemovesFile: deleting an uploaded document removes its
// file; nothing outside the uploads folder is touched.
func TestDeleteUploadRemovesFile(t *testing.T) {
	lib := newFakeLibrary("default")
	ts := newTest(t, Config{Loopback: true}, lib)
	if code, _, body := do(t, "POST", ts.URL+"/v1/documents", "", `{"name":"a.md","text":"正文"}`); code != 200 {
		t.Fatalf("upload: %d %s", code, body)
	}
	dir := lib.kbs["default"].dir
	kept := filepath.Join(dir, "keep.txt")
	os.WriteFile(kept, []byte("x"), 0o644)
	if _, err := os.Stat(filepath.Join(dir, "uploads", "a.md")); err != nil {
		t.Fatal(err)
	}
	if code, _, body := do(t, "DELETE", ts.URL+"/v1/documents/uploads/a.md", "", ""); code != 200 {
		t.Fatalf("delete: %d %s", code, body)
	}
	if _, err := os.Stat(filepath.Join(dir, "uploads", "a.md")); err == nil {
		t.Error("the deleted document's upload is still on disk")
	}
	do(t, "DELETE", ts.URL+"/v1/documents/uploads/..%2Fkeep.txt", "", "")
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("a file outside uploads/ removed: %v", err)
	}
}

func TestSafeNameCutsWholeCharacters(t *testing.T) {
	for _, in := range []string{strings.Repeat("报", 100) + ".md", "a" + strings.Repeat("告", 99) + ".md", "\xff\xfe坏.md"} {
		got := SafeName(in)
		if !utf8.ValidString(got) || len(got) > 200 || !strings.HasSuffix(got, ".md") {
			t.Errorf("SafeName(%q) = %q (%d bytes); want valid UTF-8 within 200 bytes, ending .md", in, got, len(got))
		}
	}
}

// TestDeletedKnowledgeBase: every route answers a knowledge base deleted
// under it alike: 404.
func TestDeletedKnowledgeBase(t *testing.T) {
	lib := newFakeLibrary("hr")
	lib.kbs["hr"].err = fmt.Errorf("wenda: %s: %w", lib.kbs["hr"].dir, wenda.ErrClosed)
	ts := newTest(t, Config{Loopback: true}, lib)
	for _, c := range []struct{ method, path, body string }{
		{"POST", "/v1/ask", `{"question":"年假","kb":"hr"}`},
		{"GET", "/v1/search?q=年假&kb=hr", ""},
		{"GET", "/v1/documents?kb=hr", ""},
		{"POST", "/v1/documents", `{"kb":"hr","name":"a.md","text":"正文"}`},
		{"DELETE", "/v1/documents/a.md?kb=hr", ""},
		{"POST", "/v1/chat/completions", `{"model":"hr","messages":[{"role":"user","content":"年假"}]}`},
	} {
		code, _, body := do(t, c.method, ts.URL+c.path, "", c.body)
		if code != 404 || strings.Contains(body, lib.dir) {
			t.Errorf("%s %s on a deleted knowledge base: %d %s; want 404", c.method, c.path, code, body)
		}
	}
}

func TestDeleteMissingDocument(t *testing.T) {
	ts := newTest(t, Config{Loopback: true}, newFakeLibrary("default"))
	if code, _, body := do(t, "DELETE", ts.URL+"/v1/documents/missing.md", "", ""); code != 404 {
		t.Errorf("deleting a missing document: %d %s; want 404", code, body)
	}
}

// TestSlowBody: a request body that does not arrive in BodyTimeout ends
// the request, and its connection.
func TestSlowBody(t *testing.T) {
	ts := newTest(t, Config{Loopback: true, BodyTimeout: 300 * time.Millisecond}, newFakeLibrary("default"))
	conn, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /v1/ask HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"question\":", strings.TrimPrefix(ts.URL, "http://"))
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("a body that never comes: %v; want an answer within the body timeout", err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestTimeout {
		t.Errorf("a body that never comes: %d; want 408", res.StatusCode)
	}
}

func TestDuplicateKeys(t *testing.T) {
	_, err := newServer(Config{Keys: []Key{{Token: "t1", Name: "reader", KBs: []string{"hr"}}, {Token: "t2", Name: "b"}, {Token: "t1", Name: "writer", KBs: []string{"*"}, Write: true}}}, newFakeLibrary())
	if err == nil || !strings.Contains(err.Error(), "reader") || !strings.Contains(err.Error(), "writer") || strings.Contains(err.Error(), "t1") {
		t.Errorf("two keys with one token: %v; want an error naming both keys (not the token)", err)
	}
}

// TestFailedAuthLimited: a client that keeps sending wrong keys is
// stopped for a while — all its requests, so guessing gains nothing.
func TestFailedAuthLimited(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	ts := newTest(t, Config{Keys: testKeys, Now: clock}, newFakeLibrary("hr"))
	for i := 0; i < authFailures; i++ {
		if code, _, _ := do(t, "GET", ts.URL+"/v1/kbs", fmt.Sprintf("guess-%d", i), ""); code != 401 {
			t.Fatalf("wrong key %d: %d; want 401", i+1, code)
		}
	}
	for _, key := range []string{"guess-x", "admin-key"} {
		if code, h, _ := do(t, "GET", ts.URL+"/v1/kbs", key, ""); code != 429 || h.Get("Retry-After") == "" {
			t.Errorf("key %s after %d wrong ones: %d (Retry-After %q); want 429", key, authFailures, code, h.Get("Retry-After"))
		}
	}
	mu.Lock()
	now = now.Add(time.Minute)
	mu.Unlock()
	if code, _, _ := do(t, "GET", ts.URL+"/v1/kbs", "admin-key", ""); code != 200 {
		t.Errorf("a minute later: %d; want 200", code)
	}
}

// TestErrorsHideDataDir: messages sent to clients name paths inside the
// data directory relative to it.
func TestErrorsHideDataDir(t *testing.T) {
	lib := newFakeLibrary("default")
	ts := newTest(t, Config{Loopback: true}, lib)
	code, _, body := do(t, "GET", ts.URL+"/v1/search?q=出错", "", "")
	if code != 500 || strings.Contains(body, lib.dir) || !strings.Contains(body, filepath.Join("default", "bm25")) {
		t.Errorf("search error: %d %s; want the path within the data directory only", code, body)
	}
}
