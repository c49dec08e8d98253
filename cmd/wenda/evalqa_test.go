package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalQA scores the sample's answers: right, wrong and refused
// questions counted as they are, per category, with the refusals'
// precision and recall.
func TestEvalQA(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "quickstart")
	qs := filepath.Join(t.TempDir(), "qa.tsv")
	os.WriteFile(qs, []byte("question\tanswers\tcategory\n"+
		"工作满20年的员工每年有几天年假？\t20天|二十天\thandbook\n"+
		"工作满20年的员工每年有几天年假？\t九十九天\twrong\n"+
		"公司的股票代码是多少？\tREFUSE\trefuse\n"+
		"# a comment line\n"), 0o644)
	out := mustRun(t, "--data", data, "--kb", "quickstart", "eval", "qa", "--json", qs)
	var res struct {
		Questions    int                `json:"questions"`
		Accuracy     float64            `json:"accuracy"`
		Per          map[string]float64 `json:"per_category"`
		Unanswerable int                `json:"unanswerable"`
		Recall       float64            `json:"refusal_recall"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.Questions != 3 || res.Per["wrong"] != 0 || res.Unanswerable != 1 {
		t.Errorf("eval qa: %s", out)
	}
	if res.Per["handbook"] != 1 || res.Per["refuse"] != 1 || res.Recall != 1 || res.Accuracy < 0.66 || res.Accuracy > 0.67 {
		t.Errorf("two of three right (the quickstart answers them): %s", out)
	}
	// --traditional asks 工作滿20年的員工每年有幾天年假？ of the same documents.
	out = mustRun(t, "--data", data, "--kb", "quickstart", "eval", "qa", "--traditional", "--misses", "9", qs)
	if !strings.Contains(out, "3 个问题") || !strings.Contains(out, "工作滿20年的員工每年有幾天年假？ → ") {
		t.Errorf("eval qa --traditional: %s", out)
	}
	// --stages says where the answerable ones were lost: 20天 is in the
	// first passage retrieved and answered; 九十九天 is in none.
	out = mustRun(t, "--data", data, "--kb", "quickstart", "eval", "qa", "--json", "--stages", qs)
	var st struct {
		Stages map[string]int `json:"stages"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if s := st.Stages; s["answerable"] != 2 || s["answer_in_top1"] != 1 || s["answer_in_top8"] != 1 || s["in_top8_right"] != 1 || s["not_in_top8_wrong"] != 1 || s["in_top8_refused"] != 0 {
		t.Errorf("eval qa --stages: %s", out)
	}
	if out = mustRun(t, "--data", data, "--kb", "quickstart", "eval", "qa", "--stages", qs); !strings.Contains(out, "可答的 2 个问题：答案文字在检索到的第 1 段 1 个") {
		t.Errorf("eval qa --stages: %s", out)
	}
	if _, errs := runCLIErr(t, "--data", data, "--kb", "quickstart", "eval", "qa", filepath.Join(t.TempDir(), "missing.tsv")); !strings.Contains(errs, "missing.tsv") {
		t.Errorf("a missing file: %q", errs)
	}
	// --signals writes each question's refusal signals, answering even
	// where it would refuse; eval refusal fits the decision on two sets.
	sig := filepath.Join(t.TempDir(), "signals.tsv")
	mustRun(t, "--data", data, "--kb", "quickstart", "eval", "qa", "--signals", sig, qs)
	b, err := os.ReadFile(sig)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "question\tunanswerable\tright\tweighed\tfound\trefused\tsupport\t") ||
		!strings.HasPrefix(lines[1], "工作满20年的员工每年有几天年假？\t0\t1\t1\t1\t0\t") || !strings.HasPrefix(lines[3], "公司的股票代码是多少？\t1\t") {
		t.Errorf("eval qa --signals wrote:\n%s", b)
	}
	out = mustRun(t, "eval", "refusal", sig, sig)
	if !strings.Contains(out, "用全部 6 个问题拟合") || !strings.Contains(out, "\"support\": ") {
		t.Errorf("eval refusal: %s", out)
	}
	if _, errs := runCLIErr(t, "eval", "refusal", "--lambda", "0", sig, sig); !strings.Contains(errs, "--lambda") {
		t.Errorf("eval refusal --lambda 0: %q", errs)
	}
	nan := filepath.Join(t.TempDir(), "nan.tsv")
	cols := strings.Split(lines[1], "\t")
	cols[6] = "NaN" // the first signal
	os.WriteFile(nan, []byte(lines[0]+"\n"+strings.Join(cols, "\t")+"\n"), 0o644)
	if _, errs := runCLIErr(t, "eval", "refusal", sig, nan); !strings.Contains(errs, "nan.tsv line 2") {
		t.Errorf("eval refusal of a NaN signal: %q", errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	os.WriteFile(bad, []byte("q\ta\n"), 0o644)
	if _, errs := runCLIErr(t, "eval", "refusal", sig, bad); !strings.Contains(errs, "bad.tsv") {
		t.Errorf("eval refusal of a file that is no signals file: %q", errs)
	}
}

func runCLIErr(t *testing.T, args ...string) (int, string) {
	t.Helper()
	code, _, errs := runCLI(t, "", args...)
	return code, errs
}

// TestStageTally counts an answer by the first passage holding any of its
// accepted forms: the fourth is in the eight, not the three.
func TestStageTally(t *testing.T) {
	var st stageTally
	id := func(s string) string { return s }
	st.add([]string{"甲", "乙", "丙", "丁有5天"}, []string{"五天", "5天"}, id, false, false)
	st.add([]string{"3天", "乙"}, []string{"3天"}, id, true, true)
	st.add([]string{"甲"}, []string{"7天"}, id, false, true)
	if j := st.json(); j["answerable"] != 3 || j["answer_in_top1"] != 1 || j["answer_in_top3"] != 1 || j["answer_in_top8"] != 2 ||
		j["in_top8_refused"] != 1 || j["in_top8_right"] != 1 || j["not_in_top8_wrong"] != 1 {
		t.Errorf("stages: %v", j)
	}
}
