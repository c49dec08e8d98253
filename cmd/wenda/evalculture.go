package main

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/eval"
)

// evalCulture asks the questions of a TSV file (kind, question, expected
// answers separated by |) of the current knowledge base and reports
// accuracy per kind: an answer is right when it holds one of the expected
// answers (compared normalized: traditional folded, punctuation dropped).
func (c *cli) evalCulture(ctx context.Context, args []string) error {
	fs := c.flags("eval culture")
	asJSON := fs.Bool("json", false, "print one JSON object")
	misses := fs.Int("misses", 5, "wrong answers to show per kind")
	only := fs.String("kinds", "", "ask only the questions of these kinds (comma-separated: next,prev,author …)")
	rf := c.retrievalFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return exitError{2, "eval culture: usage: wenda eval culture [--json] QUESTIONS.tsv (after ingesting the data it asks about)"}
	}
	rows, err := readTSV(pos[0])
	if err != nil {
		return err
	}
	k, err := c.openForAnswers(ctx, *rf, &llmFlags{offline: true})
	if err != nil {
		return err
	}
	defer k.Close()
	type tally struct{ n, right int }
	kinds := map[string]*tally{}
	wrong := map[string][]string{}
	var lat []time.Duration
	total, right := 0, 0
	for i, row := range rows {
		if i == 0 && row[0] == "kind" {
			continue
		}
		if len(row) < 3 {
			return fmt.Errorf("%s line %d: want kind, question, answer", pos[0], i+1)
		}
		kind, q := row[0], row[1]
		if *only != "" && !slices.Contains(strings.Split(*only, ","), kind) {
			continue
		}
		t := time.Now()
		a, err := k.Ask(ctx, q)
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t))
		ok := false
		got := zh.Key(a.Answer)
		for _, want := range strings.Split(row[2], "|") {
			if w := zh.Key(want); w != "" && a.Found && strings.Contains(got, w) {
				ok = true
			}
		}
		if kinds[kind] == nil {
			kinds[kind] = &tally{}
		}
		kinds[kind].n++
		total++
		if ok {
			kinds[kind].right++
			right++
		} else if len(wrong[kind]) < *misses {
			wrong[kind] = append(wrong[kind], fmt.Sprintf("%s → %s (want %s)", q, oneLine(a.Answer), row[2]))
		}
	}
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	res := map[string]interface{}{"questions": total, "accuracy": round(float64(right) / float64(max(total, 1))), "ask_p50_ms": round(eval.Percentile(lat, 50))}
	per := map[string]float64{}
	for _, n := range names {
		per[n] = round(float64(kinds[n].right) / float64(kinds[n].n))
	}
	res["per_kind"] = per
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个问题：准确率 %.4f，回答 p50 %.2f ms\n", total, res["accuracy"], res["ask_p50_ms"])
	for _, n := range names {
		fmt.Fprintf(c.stdout, "  %-10s %3d 个  %.4f\n", n, kinds[n].n, per[n])
		for _, w := range wrong[n] {
			fmt.Fprintln(c.stdout, "      错:", w)
		}
	}
	return nil
}
