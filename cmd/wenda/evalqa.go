package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"github.com/wenda-rag/wenda/corpora/zh"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/eval"
)

// evalQA asks the current knowledge base the questions of a TSV file and
// scores its answers: a line is the question, a tab, the accepted answers
// separated by | (or REFUSE where the documents hold no answer), and
// optionally a tab and a category. An answer is right when it contains an
// accepted string after NFKC (letters' case and spaces aside); a REFUSE
// question is right when refused. Reported: accuracy overall and per
// category, and the refusals' precision and recall.
func (c *cli) evalQA(ctx context.Context, args []string) error {
	fs := c.flags("eval qa")
	asJSON := fs.Bool("json", false, "print one JSON object")
	misses := fs.Int("misses", 5, "wrong answers to show per category")
	trad := fs.Bool("traditional", false, "ask each question in traditional characters with Taiwan usage (OpenCC s2twp: 软件 → 軟體), the documents and accepted answers as they are")
	stages := fs.Bool("stages", false, "also say where each answerable question was lost: whether an accepted answer is in the first, the first three or the first eight passages retrieved for it, and of those in the eight, how many were answered right, answered wrong or refused (one more search per question, outside the timings)")
	signals := fs.String("signals", "", "write each question's refusal signals to this TSV `FILE`, answering offline even where it would refuse (what wenda eval refusal fits the decision on)")
	rf := c.retrievalFlags(fs)
	lf := c.llmFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return exitError{2, "eval qa: usage: wenda eval qa [--json] QUESTIONS.tsv (question<TAB>answer|answer…|REFUSE[<TAB>category], over the current knowledge base)"}
	}
	rows, err := readTSV(pos[0])
	if err != nil {
		return err
	}
	k, err := c.openForAnswers(ctx, *rf, lf, func(cfg *wenda.Config) { cfg.Unrefused = *signals != "" })
	if err != nil {
		return err
	}
	defer k.Close()
	var sig *bufio.Writer
	var sigFile *os.File
	if *signals != "" {
		if sigFile, err = os.Create(*signals); err != nil {
			return fmt.Errorf("eval qa: --signals: %w", err)
		}
		defer sigFile.Close()
		sig = bufio.NewWriter(sigFile)
		fmt.Fprintf(sig, "question\tunanswerable\tright\tweighed\tfound\trefused\t%s\n", strings.Join(answer.RefusalSignals, "\t"))
	}
	type tally struct{ n, right int }
	cats := map[string]*tally{}
	wrong := map[string][]string{}
	var lat, step []time.Duration // a whole ask; its answer step after retrieval
	total, right := 0, 0
	refused, refusedRight, shouldRefuse := 0, 0, 0
	var st stageTally
	fold := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(norm.NFKC.String(s)), ""))
	}
	for i, row := range rows {
		if len(row) < 2 || strings.TrimSpace(row[0]) == "" {
			return fmt.Errorf("%s line %d: want question<TAB>answers[<TAB>category]", pos[0], i+1)
		}
		if i == 0 && row[0] == "question" {
			continue // a header
		}
		q, answers := row[0], strings.TrimSpace(row[1])
		if *trad {
			if q, err = zh.Traditional(q); err != nil {
				return fmt.Errorf("eval qa: --traditional: %w", err)
			}
		}
		cat := "all"
		if len(row) > 2 && strings.TrimSpace(row[2]) != "" {
			cat = strings.TrimSpace(row[2])
		}
		t := time.Now()
		a, err := k.Ask(ctx, q)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", pos[0], i+1, err)
		}
		lat = append(lat, time.Since(t))
		step = append(step, a.Timings.Total-a.Timings.Retrieval)
		refuse := answers == "REFUSE"
		ok := false
		if refuse {
			shouldRefuse++
			ok = !a.Found
		} else {
			got := fold(a.Answer)
			for _, want := range strings.Split(answers, "|") {
				if w := fold(want); w != "" && a.Found && strings.Contains(got, w) {
					ok = true
				}
			}
		}
		if sig != nil {
			writeSignals(sig, q, refuse, ok && !refuse, a)
		}
		if *stages && !refuse {
			res, err := k.Search(ctx, q, wenda.SearchOptions{K: 8})
			if err != nil {
				return fmt.Errorf("%s line %d: --stages: %w", pos[0], i+1, err)
			}
			texts := make([]string, len(res.Hits))
			for j, h := range res.Hits {
				texts[j] = fold(h.Title + "\n" + h.Text)
			}
			st.add(texts, strings.Split(answers, "|"), fold, ok, a.Found)
		}
		if !a.Found {
			refused++
			if refuse {
				refusedRight++
			}
		}
		if cats[cat] == nil {
			cats[cat] = &tally{}
		}
		cats[cat].n++
		total++
		if ok {
			cats[cat].right++
			right++
		} else if len(wrong[cat]) < *misses {
			got := oneLine(a.Answer)
			if !a.Found {
				got = "（拒答）"
			}
			wrong[cat] = append(wrong[cat], fmt.Sprintf("%s → %s（应为 %s）", q, clipLine(got, 60), answers))
		}
	}
	names := make([]string, 0, len(cats))
	for n := range cats {
		names = append(names, n)
	}
	sort.Strings(names)
	per := map[string]float64{}
	for _, n := range names {
		per[n] = round(float64(cats[n].right) / float64(cats[n].n))
	}
	prec, rec := 0.0, 0.0
	if refused > 0 {
		prec = float64(refusedRight) / float64(refused)
	}
	if shouldRefuse > 0 {
		rec = float64(refusedRight) / float64(shouldRefuse)
	}
	res := map[string]interface{}{"questions": total, "accuracy": round(float64(right) / float64(max(total, 1))), "per_category": per,
		"refusals": refused, "unanswerable": shouldRefuse, "refusal_precision": round(prec), "refusal_recall": round(rec),
		"ask_p50_ms": round(eval.Percentile(lat, 50)), "ask_p99_ms": round(eval.Percentile(lat, 99)),
		"answer_p50_ms": round(eval.Percentile(step, 50))}
	if *stages {
		res["stages"] = st.json()
	}
	if sig != nil {
		// (bufio keeps the first write error: Flush reports it)
		if err := sig.Flush(); err != nil {
			return fmt.Errorf("eval qa: --signals %s: %w", *signals, err)
		}
		if err := sigFile.Close(); err != nil {
			return fmt.Errorf("eval qa: --signals %s: %w", *signals, err)
		}
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	ratio := func(v float64, n int) string {
		if n == 0 {
			return "—" // (no refusals, or none to make: no ratio)
		}
		return fmt.Sprintf("%.4f", v)
	}
	fmt.Fprintf(c.stdout, "%d 个问题：准确率 %.4f；拒答 %d 次（应拒答 %d 个），拒答精确率 %s、召回率 %s；提问 p50 %.2f ms、p99 %.2f ms（其中作答一步 p50 %.3f ms）\n",
		total, res["accuracy"], refused, shouldRefuse, ratio(prec, refused), ratio(rec, shouldRefuse), res["ask_p50_ms"], res["ask_p99_ms"], res["answer_p50_ms"])
	if *stages {
		fmt.Fprintln(c.stdout, st.String())
	}
	for _, n := range names {
		fmt.Fprintf(c.stdout, "  %-12s %3d 个  %.4f\n", n, cats[n].n, per[n])
		for _, w := range wrong[n] {
			fmt.Fprintln(c.stdout, "      错:", w)
		}
	}
	return nil
}

// stageTally counts, over the answerable questions, where each was lost:
// whether an accepted answer's text is in the passages retrieved for it
// (the first, the first three, the first eight), and of those whose
// passages hold it, how many were answered right, answered wrong or
// refused. A text in a passage is no proof the passage answers (a bare
// number may stand there by chance): an upper bound on what reading can
// reach.
type stageTally struct {
	answerable, top1, top3, top8      int
	right8, wrong8, refused8          int
	rightElse, wrongElse, refusedElse int
}

func (t *stageTally) add(passages, accepted []string, fold func(string) string, right, found bool) {
	t.answerable++
	at := -1
	for j, p := range passages {
		for _, w := range accepted {
			if w := fold(w); w != "" && strings.Contains(p, w) {
				at = j
				break
			}
		}
		if at >= 0 {
			break
		}
	}
	if at < 0 {
		switch {
		case right:
			t.rightElse++
		case found:
			t.wrongElse++
		default:
			t.refusedElse++
		}
		return
	}
	t.top8++
	if at < 3 {
		t.top3++
	}
	if at == 0 {
		t.top1++
	}
	switch {
	case right:
		t.right8++
	case found:
		t.wrong8++
	default:
		t.refused8++
	}
}

func (t stageTally) json() map[string]int {
	return map[string]int{"answerable": t.answerable, "answer_in_top1": t.top1, "answer_in_top3": t.top3, "answer_in_top8": t.top8,
		"in_top8_right": t.right8, "in_top8_wrong": t.wrong8, "in_top8_refused": t.refused8,
		"not_in_top8_right": t.rightElse, "not_in_top8_wrong": t.wrongElse, "not_in_top8_refused": t.refusedElse}
}

func (t stageTally) String() string {
	return fmt.Sprintf("可答的 %d 个问题：答案文字在检索到的第 1 段 %d 个、前 3 段 %d 个、前 8 段 %d 个（其中答对 %d、答错 %d、拒答 %d）；不在前 8 段的 %d 个（答对 %d、答错 %d、拒答 %d）",
		t.answerable, t.top1, t.top3, t.top8, t.right8, t.wrong8, t.refused8, t.answerable-t.top8, t.rightElse, t.wrongElse, t.refusedElse)
}

// writeSignals writes a question's line of the --signals file: whether it
// is unanswerable, whether the answer (given even where refused) is right,
// whether the decision was weighed, whether an answer was given at all
// (not when another test refused it), the decision and its signals.
func writeSignals(w *bufio.Writer, q string, unanswerable, right bool, a answer.Answer) {
	refused, vals := 0, make([]string, len(answer.RefusalSignals))
	if a.Refusal != nil {
		if a.Refusal.Refused {
			refused = 1
		}
		for i, v := range a.Refusal.Signals {
			vals[i] = strconv.FormatFloat(v, 'g', 5, 64)
		}
	}
	fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%s\n", strings.ReplaceAll(q, "\t", " "), b2i(unanswerable), b2i(right), b2i(a.Refusal != nil), b2i(a.Found), refused, strings.Join(vals, "\t"))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// readTSV reads a question file: tab-separated, quotes taken as they are,
// lines starting with # left out.
func readTSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma, r.LazyQuotes, r.FieldsPerRecord, r.Comment = '\t', true, -1, '#'
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}
