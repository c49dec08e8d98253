package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reranker is an in-process /rerank endpoint in Jina's format that puts
// the passages holding word first; status, when set, is its only answer.
func reranker(word string, status int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status != 0 {
			http.Error(w, `{"error":{"message":"reranker overloaded"}}`, status)
			return
		}
		var req struct {
			Documents []string `json:"documents"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		type result struct {
			Index int     `json:"index"`
			Score float64 `json:"relevance_score"`
		}
		out := []result{}
		for i, d := range req.Documents {
			s := 0.0
			if strings.Contains(d, word) {
				s = 1
			}
			out = append(out, result{i, s})
		}
		json.NewEncoder(w).Encode(map[string]any{"results": out})
	}))
}

// TestEvalSquadRerank: `wenda eval squad --rerank` measures the configured
// reranker beside no reranker, and says clearly when none is configured.
func TestEvalSquadRerank(t *testing.T) {
	file := filepath.Join(t.TempDir(), "qa.json")
	squad := `{"data":[{"title":"星河数据","paragraphs":[
 {"id":"P1","context":"星河数据科技有限公司成立于2016年，总部位于杭州市滨江区。","qas":[
  {"id":"Q1","question":"星河数据成立于哪一年？","answers":[{"text":"2016年","answer_start":0}]}]},
 {"id":"P2","context":"星河数据的年会每年一月在杭州举行，成立纪念日放假一天。","qas":[
  {"id":"Q2","question":"星河数据的年会在什么时候举行？","answers":[{"text":"每年一月","answer_start":0}]}]}]}]}`
	if err := os.WriteFile(file, []byte(squad), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WENDA_RERANK_BASE_URL", "")
	if code, _, errs := runCLI(t, "", "--data", t.TempDir(), "eval", "squad", "--rerank", file); code != 2 || !strings.Contains(errs, "no reranker is configured") || !strings.Contains(errs, "WENDA_RERANK_BASE_URL") {
		t.Errorf("no reranker: exit %d, %s", code, errs)
	}
	// A reranker that prefers the wrong passage: its effect shows.
	srv := reranker("年会", 0)
	defer srv.Close()
	t.Setenv("WENDA_RERANK_BASE_URL", srv.URL)
	t.Setenv("WENDA_RERANK_MODEL", "BAAI/bge-reranker-v2-m3")
	out := mustRun(t, "--data", t.TempDir(), "eval", "squad", "--rerank", file)
	for _, want := range []string{"重排序 (rerank) BAAI/bge-reranker-v2-m3", "without", "change", "answer_in_top1", "recall@1"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval squad --rerank lacks %q:\n%s", want, out)
		}
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", t.TempDir(), "eval", "squad", "--json", "--rerank", file)), &res); err != nil {
		t.Fatal(err)
	}
	without, _ := res["without_rerank"].(map[string]any)
	if res["reranker"] != "BAAI/bge-reranker-v2-m3" || res["rerank_failures"] != 0.0 || without == nil || without["recall@1"] != 1.0 || res["recall@1"] != 0.5 {
		t.Errorf("eval squad --json --rerank: %v", res)
	}
}

// TestRerankFailureWarns: a reranker that fails leaves the fused order;
// the question is answered, the failure said on standard error.
func TestRerankFailureWarns(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "demo", "quickstart")
	srv := reranker("", http.StatusInternalServerError)
	defer srv.Close()
	t.Setenv("WENDA_RERANK_BASE_URL", srv.URL)
	t.Setenv("WENDA_RERANK_MODEL", "m")
	code, out, errs := runCLI(t, "", "--data", data, "--kb", "demo", "ask", "年假可以顺延到什么时候？")
	if code != 0 || !strings.Contains(out, "3月31日") || !strings.Contains(errs, "rerank") || !strings.Contains(errs, "reranker overloaded") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
}
