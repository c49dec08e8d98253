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

// TestCultureQuestions ingests the idiom, poetry and 歇后语 data and asks
// the culture question set (testdata/culture/questions.tsv, answers taken
// from the data by make_questions.py): the floors, 95% overall and
// 85% per kind, and the reverse idiom lookup's.
func TestCultureQuestions(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "data")
	dirs := []string{filepath.Join(shared, "idioms"), filepath.Join(shared, "poetry"), filepath.Join(shared, "xinhua")}
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("skipped: %s not found (CI has ../shared/data beside the checkout)", d)
		}
	}
	if testing.Short() {
		t.Skip("skipped in -short: ingests 35,000 records")
	}
	data := t.TempDir()
	mustRun(t, append([]string{"--data", data, "ingest"}, dirs...)...)
	// Both sets: the first, and the second written with other phrasings.
	for _, set := range []string{"questions.tsv", "phrasings.tsv"} {
		out := mustRun(t, "--data", data, "eval", "culture", "--json", filepath.Join("testdata", "culture", set))
		var res struct {
			Questions int                `json:"questions"`
			Accuracy  float64            `json:"accuracy"`
			PerKind   map[string]float64 `json:"per_kind"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("eval culture output %q: %v", out, err)
		}
		if res.Questions < 300 || res.Accuracy < 0.95 {
			t.Errorf("%s: %d questions, accuracy %.4f; want ≥ 300 and ≥ 0.95", set, res.Questions, res.Accuracy)
		}
		for k, v := range res.PerKind {
			if v < 0.85 {
				t.Errorf("%s: kind %s: accuracy %.4f; want ≥ 0.85", set, k, v)
			}
		}
	}
	out := mustRun(t, "--data", data, "eval", "reverse", "--json", filepath.Join(shared, "idioms", "chinese-idioms-12976.txt"))
	var rev map[string]float64
	if err := json.Unmarshal([]byte(out), &rev); err != nil {
		t.Fatal(err)
	}
	if rev["whole_first"] < 0.95 || rev["last_clause_first"] < 0.85 || rev["whole_first_strict"] < 0.93 || rev["last_clause_first_strict"] < 0.8 {
		t.Errorf("reverse lookup: %v; want whole ≥ 0.95, last clause ≥ 0.85 (strict ≥ 0.93 / 0.80; measured 1.0 / 0.9033, strict 0.9567 / 0.86)", rev)
	}
}
