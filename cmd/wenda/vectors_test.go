package main

import (
	"encoding/json"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wenda-rag/wenda/corpora/sample"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/retrieve/qdrant/qdranttest"
)

// fakeEmbeddings is an OpenAI-compatible embeddings endpoint whose vectors
// are hashed character bigrams (dim 256): texts sharing words get similar
// vectors, so vector search finds something meaningful in tests. The model
// name is echoed into the vectors' hashing, so two models disagree.
func fakeEmbeddings(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if r.URL.Path != "/v1/embeddings" || json.NewDecoder(r.Body).Decode(&req) != nil {
			http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
			return
		}
		dim := 256
		if req.Model == "fake-wide" {
			dim = 384
		}
		type item struct {
			Embedding []float32 `json:"embedding"`
			Index     int       `json:"index"`
		}
		var data []item
		for i, text := range req.Input {
			v := make([]float32, dim)
			rs := []rune(zh.Normalize(text))
			for j := 0; j+1 < len(rs); j++ {
				if !zh.IsWord(string(rs[j])) || !zh.IsWord(string(rs[j+1])) {
					continue
				}
				h := fnv.New32a()
				h.Write([]byte(req.Model + string(rs[j:j+2])))
				v[h.Sum32()%uint32(dim)]++
			}
			data = append(data, item{v, i})
		}
		json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data})
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

func TestVectorsEndToEnd(t *testing.T) {
	url := fakeEmbeddings(t)
	t.Setenv("WENDA_EMBED_BASE_URL", url)
	t.Setenv("WENDA_EMBED_MODEL", "fake-bigram")
	t.Setenv("QDRANT_URL", "")
	data, src := t.TempDir(), t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "ingest", src)
	raw, err := os.ReadFile(filepath.Join(data, "default", "embedding.json"))
	if err != nil || !strings.Contains(string(raw), `"fake-bigram"`) || !strings.Contains(string(raw), `"dimension": 256`) {
		t.Fatalf("embedding.json = %s, %v; want the model and its dimension", raw, err)
	}
	for _, mode := range []string{"vector", "hybrid", "bm25"} {
		if got := docs(search(t, data, "出差补助为每天120元，用于餐饮和杂费", "--mode", mode)); len(got) == 0 || got[0] != "handbook/expenses.txt" {
			t.Errorf("--mode %s: search = %q; want handbook/expenses.txt first", mode, got)
		}
	}
	// rm takes the document's vectors too.
	mustRun(t, "--data", data, "rm", "handbook/expenses.txt")
	for _, h := range search(t, data, "出差补助 住宿标准", "--mode", "vector", "--k", "10") {
		if h.Doc == "handbook/expenses.txt" {
			t.Errorf("vector search still finds a removed document: %+v", h)
		}
	}
	// Another model is refused, then reembed switches to it.
	t.Setenv("WENDA_EMBED_MODEL", "fake-wide")
	if code, _, errs := runCLI(t, "", "--data", data, "ingest", src); code == 0 || !strings.Contains(errs, "reembed") || !strings.Contains(errs, "fake-bigram") {
		t.Errorf("ingest with another model: exit %d, %q; want a refusal naming the old model and reembed", code, errs)
	}
	if code, _, errs := runCLI(t, "", "--data", data, "search", "--mode", "vector", "出差"); code == 0 || !strings.Contains(errs, "reembed") {
		t.Errorf("vector search with another model: exit %d, %q; want a refusal", code, errs)
	}
	out := mustRun(t, "--data", data, "reembed")
	if !strings.Contains(out, "fake-wide") {
		t.Errorf("reembed said %q", out)
	}
	mustRun(t, "--data", data, "ingest", src) // now accepted; puts expenses.txt back
	if got := docs(search(t, data, "出差补助为每天120元，用于餐饮和杂费", "--mode", "vector")); len(got) == 0 || got[0] != "handbook/expenses.txt" {
		t.Errorf("after reembed and ingest, vector search = %q; want handbook/expenses.txt first", got)
	}
	// With vectors turned off: searching falls back to BM25, writing is
	// refused.
	t.Setenv("WENDA_EMBED_BASE_URL", "")
	t.Setenv("WENDA_EMBED_MODEL", "none")
	if got := docs(search(t, data, "出差补助为每天120元，用于餐饮和杂费")); len(got) == 0 || got[0] != "handbook/expenses.txt" {
		t.Errorf("without an embedder, search = %q; want BM25 results", got)
	}
	if code, _, errs := runCLI(t, "", "--data", data, "ingest", src); code == 0 || !strings.Contains(errs, "fake-wide") {
		t.Errorf("ingest without the embedder into a base with vectors: exit %d, %q; want a refusal naming the model", code, errs)
	}
	// Unset, the model is the offline one: another model, refused too.
	t.Setenv("WENDA_EMBED_MODEL", "")
	if code, _, errs := runCLI(t, "", "--data", data, "ingest", src); code == 0 || !strings.Contains(errs, "reembed") || !strings.Contains(errs, "wenda-hash") {
		t.Errorf("ingest with the offline model into a base of fake-wide: exit %d, %q; want a refusal", code, errs)
	}
}

func TestVectorsAddedToExistingBase(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WENDA_EMBED_BASE_URL", "")
	t.Setenv("WENDA_EMBED_MODEL", "none")
	t.Setenv("QDRANT_URL", "")
	mustRun(t, "--data", data, "ingest", src)
	if _, err := os.Stat(filepath.Join(data, "default", "embedding.json")); err == nil {
		t.Errorf("WENDA_EMBED_MODEL=none wrote %s", "embedding.json")
	}
	t.Setenv("WENDA_EMBED_BASE_URL", fakeEmbeddings(t))
	t.Setenv("WENDA_EMBED_MODEL", "fake-bigram")
	if code, _, errs := runCLI(t, "", "--data", data, "ingest", src); code == 0 || !strings.Contains(errs, "without vectors") {
		t.Errorf("ingest with vectors into a base without: exit %d, %q; want a refusal asking for reembed", code, errs)
	}
	mustRun(t, "--data", data, "reembed")
	if got := docs(search(t, data, "密码每90天必须更换一次", "--mode", "vector")); len(got) == 0 || got[0] != "handbook/it.html" {
		t.Errorf("vector search after reembed = %q; want handbook/it.html first", got)
	}
}

// TestOfflineModel: with no endpoint configured, the CLI embeds with the
// offline model (its statistics kept in step with writes, and vector search
// through traditional characters, are the package's tests:
// TestOfflineModelCounts, TestVectorsRightAfterIngest).
func TestOfflineModel(t *testing.T) {
	t.Setenv("WENDA_EMBED_BASE_URL", "")
	t.Setenv("WENDA_EMBED_MODEL", "")
	t.Setenv("QDRANT_URL", "")
	data, src := t.TempDir(), t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "ingest", src)
	var st struct {
		Vectors struct {
			Model     string `json:"model"`
			Dimension int    `json:"dimension"`
		} `json:"vectors"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "stats", "--json")), &st); err != nil || st.Vectors.Model != "wenda-hash-c12-v1" || st.Vectors.Dimension != 2048 {
		t.Fatalf("stats: %+v, %v; want the offline model, 2048 dimensions", st, err)
	}
	if got := docs(search(t, data, "出差補助每天多少錢", "--mode", "vector")); len(got) == 0 || got[0] != "handbook/expenses.txt" {
		t.Errorf("vector search = %q; want handbook/expenses.txt first", got)
	}
	// WENDA_EMBED_DIM is another offline model: refused, with the way out.
	t.Setenv("WENDA_EMBED_DIM", "256")
	if code, _, errs := runCLI(t, "", "--data", data, "ingest", src); code == 0 || !strings.Contains(errs, "reembed") {
		t.Errorf("ingest with another dimension: exit %d, %q; want a refusal pointing at reembed", code, errs)
	}
	if out := mustRun(t, "--data", data, "stats"); !strings.Contains(out, "wenda-hash-c12-v1") {
		t.Errorf("stats with another model configured: %q; want the knowledge base's own model", out)
	}
}

func TestEvalModes(t *testing.T) {
	t.Setenv("WENDA_EMBED_BASE_URL", fakeEmbeddings(t))
	t.Setenv("WENDA_EMBED_MODEL", "fake-bigram")
	t.Setenv("QDRANT_URL", "")
	file := filepath.Join(t.TempDir(), "qa.json")
	squad := `{"data":[
 {"title":"星河数据","paragraphs":[{"id":"P1","context":"星河数据科技有限公司成立于2016年，总部位于杭州市滨江区。","qas":[{"id":"Q1","question":"星河数据成立于哪一年？","answers":[{"text":"2016年","answer_start":0}]}]}]},
 {"title":"洛阳纸贵","paragraphs":[{"id":"P2","context":"洛阳纸贵出自《晋书·左思传》，比喻著作风行一时。","qas":[{"id":"Q2","question":"洛阳纸贵出自哪里？","answers":[{"text":"《晋书·左思传》","answer_start":0}]}]}]}]}`
	if err := os.WriteFile(file, []byte(squad), 0o644); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--data", t.TempDir(), "eval", "squad", "--json", "--mode", "bm25,vector,hybrid", file)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("eval --mode with three modes printed %d lines:\n%s", len(lines), out)
	}
	for i, mode := range []string{"bm25", "vector", "hybrid"} {
		var res map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &res); err != nil {
			t.Fatal(err)
		}
		if res["mode"] != mode || res["recall@1"] != 1.0 || res["questions"] != 2.0 {
			t.Errorf("line %d = %s; want mode %s with recall@1 1 over 2 questions", i, lines[i], mode)
		}
	}
}

func TestVectorsInQdrant(t *testing.T) {
	q := qdranttest.Start(t, "")
	t.Setenv("WENDA_EMBED_BASE_URL", fakeEmbeddings(t))
	t.Setenv("WENDA_EMBED_MODEL", "fake-bigram")
	t.Setenv("QDRANT_URL", "")
	data, src := t.TempDir(), t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "--qdrant", q.Addr, "--kb", "hb", "ingest", src)
	c := q.Collections["wenda"]
	if c == nil || c.Size != 256 || len(c.Points) == 0 {
		t.Fatalf("Qdrant collection after ingest: %+v; want 256-dimensional points", c)
	}
	if _, err := os.Stat(filepath.Join(data, "hb", "vectors")); err == nil {
		t.Error("an embedded vector index was written although Qdrant was chosen")
	}
	if got := docs(search(t, data, "出差补助为每天120元，用于餐饮和杂费", "--kb", "hb", "--qdrant", q.Addr, "--mode", "vector")); len(got) == 0 || got[0] != "handbook/expenses.txt" {
		t.Errorf("vector search through Qdrant = %q; want handbook/expenses.txt first", got)
	}
	before := len(c.Points)
	mustRun(t, "--data", data, "--qdrant", q.Addr, "--kb", "hb", "rm", "handbook/expenses.txt")
	if after := len(c.Points); after >= before {
		t.Errorf("rm left Qdrant with %d points of %d", after, before)
	}
	for _, p := range c.Points {
		if p.Payload["doc"].GetStringValue() == "handbook/expenses.txt" || p.Payload["kb"].GetStringValue() != "hb" {
			t.Errorf("point after rm: %v", p.Payload)
		}
	}
	// The knowledge base remembers Qdrant: the embedded store is refused.
	if code, _, errs := runCLI(t, "", "--data", data, "--kb", "hb", "search", "--mode", "vector", "出差"); code == 0 || !strings.Contains(errs, "qdrant") {
		t.Errorf("search without --qdrant on a Qdrant base: exit %d, %q; want a refusal naming the store", code, errs)
	}
}

// TestOfflineModelInQdrant: the offline model's vectors go to Qdrant too,
// which has no one-write batches.
func TestOfflineModelInQdrant(t *testing.T) {
	q := qdranttest.Start(t, "")
	t.Setenv("WENDA_EMBED_BASE_URL", "")
	t.Setenv("WENDA_EMBED_MODEL", "")
	t.Setenv("QDRANT_URL", "")
	data, src := t.TempDir(), t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "--qdrant", q.Addr, "ingest", src)
	if c := q.Collections["wenda"]; c == nil || c.Size != 2048 || len(c.Points) == 0 {
		t.Fatalf("Qdrant collection after ingest: %+v; want the offline model's 2,048-dimensional points", c)
	}
	if got := docs(search(t, data, "出差补助每天多少钱", "--qdrant", q.Addr, "--mode", "vector")); len(got) == 0 || got[0] != "handbook/expenses.txt" {
		t.Errorf("vector search through Qdrant = %q; want handbook/expenses.txt first", got)
	}
}
