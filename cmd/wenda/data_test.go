package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// cmrcDev is the CMRC 2018 dev set beside the checkout (see README).
var cmrcDev = filepath.Join("..", "..", "..", "shared", "data", "cmrc2018", "dev.json")

// TestEvalCMRC runs the evaluation harness on the first questions of the
// CMRC 2018 dev set: a retrieval or answer regression shows up here before
// anyone reads the README's table.
func TestEvalCMRC(t *testing.T) {
	if _, err := os.Stat(cmrcDev); err != nil {
		t.Skipf("skipped: CMRC 2018 dev set not found at %s (CI has ../shared/data beside the checkout)", cmrcDev)
	}
	out := mustRun(t, "--data", t.TempDir(), "eval", "squad", "--json", "--limit", "600", cmrcDev)
	var res map[string]float64
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("eval output %q: %v", out, err)
	}
	// Floors a little under the measured full-set figures (README).
	floors := map[string]float64{"recall@1": 0.97, "recall@5": 0.99, "mrr@20": 0.98, "f1": 38, "em": 18}
	for key, floor := range floors {
		if res[key] < floor {
			t.Errorf("%s = %v on the first 600 CMRC questions; want ≥ %v", key, res[key], floor)
		}
	}
	want := []string{"questions", "passages", "recall@1", "recall@5", "recall@20", "answer_in_top1", "answer_in_top5",
		"mrr@20", "em", "f1", "query_p50_ms", "query_p99_ms", "answer_p50_ms", "ingest_mb_per_s"}
	if len(res) != len(want) {
		t.Errorf("eval --json printed %d keys; want exactly %v", len(res), want)
	}
	for _, k := range want {
		if _, ok := res[k]; !ok {
			t.Errorf("eval --json lacks %q", k)
		}
	}
	if res["passages"] != 848 || res["questions"] != 600 {
		t.Errorf("passages, questions = %v, %v; want 848, 600", res["passages"], res["questions"])
	}
	// The scratch knowledge base is removed afterwards.
}
