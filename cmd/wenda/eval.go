package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/eval"
	"github.com/wenda-rag/wenda/ingest"
)

func (c *cli) eval(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "ingest" {
		return c.evalIngest(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "qa" {
		return c.evalQA(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "refusal" {
		return c.evalRefusal(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "extract" {
		return c.evalExtract(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "culture" {
		return c.evalCulture(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "reverse" {
		return c.evalReverse(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "ann" {
		return c.evalANN(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "llm" {
		return c.evalLLM(ctx, args[1:])
	}
	if len(args) > 0 && args[0] == "load" {
		return c.evalLoad(ctx, args[1:])
	}
	if len(args) == 0 || args[0] != "squad" {
		return exitError{2, "eval: usage: wenda eval squad [--k 1,5,20] [--json] FILE | wenda eval ingest PATH... | wenda eval extract FILE REFERENCE | wenda eval qa QUESTIONS.tsv | wenda eval refusal SIGNALS.tsv… | wenda eval ann (PATH... | --random) | wenda eval llm FILE | wenda eval load FILE | wenda eval culture FILE | wenda eval reverse FILE"}
	}
	fs := c.flags("eval squad")
	ks := fs.String("k", "1,5,20", "cut-offs for recall@k, comma-separated")
	asJSON := fs.Bool("json", false, "print one JSON object")
	rf := c.retrievalFlags(fs)
	chunk := fs.Int("chunk", ingest.DefaultChunkSize, "chunk size in characters")
	dump := fs.String("dump", "", "write each question's prediction as JSON lines to this file")
	limit := fs.Int("limit", 0, "ask only the first N questions")
	trad := fs.String("traditional", "", "convert to traditional characters with Taiwan usage (OpenCC s2twp) before evaluating: \"questions\", or \"all\" (passages, titles, questions and reference answers)")
	withRerank := fs.Bool("rerank", false, "measure with the configured reranker (WENDA_RERANK_BASE_URL …) beside without it; without this flag no reranker is used")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	if *withRerank {
		if rr, _, err := rerankerFromEnv(); err != nil || rr == nil {
			msg := "eval squad --rerank: no reranker is configured: set WENDA_RERANK_BASE_URL to a /rerank endpoint (TEI, Jina, SiliconFlow), with WENDA_RERANK_MODEL and WENDA_RERANK_API_KEY as it needs"
			if err != nil {
				msg = "eval squad --rerank: " + err.Error()
			}
			return exitError{2, msg}
		}
	}
	if len(pos) != 1 {
		return exitError{2, "eval squad: give exactly one FILE"}
	}
	cuts, err := parseCuts(*ks)
	if err != nil {
		return err
	}
	file := pos[0]
	sq, err := corpora.ReadSQuAD(file)
	if err != nil {
		return err
	}
	docs := sq.Documents()
	questions := sq.Questions()
	if *limit > 0 && *limit < len(questions) {
		questions = questions[:*limit]
	}
	if *trad != "" {
		if err := traditionalVariant(*trad, file, docs, questions); err != nil {
			return err
		}
	}
	var textBytes int64
	for _, d := range docs {
		textBytes += int64(len(d.Text))
	}

	// The dictionary loads once per process; keep it out of the ingest
	// throughput, and say what it costs.
	t0 := time.Now()
	if _, err := zh.Default(); err != nil {
		return err
	}
	dictLoad := time.Since(t0)
	// A scratch knowledge base, removed afterwards; with an embedding
	// model configured, it gets vectors too.
	k, remove, err := c.scratchKB(ctx, ".eval-", nil)
	if err != nil {
		return err
	}
	defer remove()
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	opt := wenda.IngestOptions{ChunkSize: *chunk, Progress: newProgressBar(c.stderr).update}
	t0 = time.Now()
	var sum ingest.Summary
	if *trad == "all" {
		// The passages were converted in memory: index them from there.
		sum, err = k.IngestDocuments(ctx, docs, opt)
	} else {
		sum, err = k.Ingest(ctx, []corpora.File{{Path: file, ID: filepath.Base(file), Size: fi.Size()}}, opt)
	}
	// With what derives from the documents: the offline model's
	// statistics and the approximate index.
	ingestTime := time.Since(t0)
	if err != nil {
		return err
	}
	if len(sum.Failed) > 0 {
		return sum.Failed[0]
	}
	ingestMBs := float64(textBytes) / 1e6 / ingestTime.Seconds()

	// --mode bm25,vector,hybrid evaluates each mode on the one index, one
	// JSON object per mode.
	modes := []string{rf.Mode}
	if strings.Contains(rf.Mode, ",") {
		modes = strings.Split(rf.Mode, ",")
	}
	var dumpF *os.File
	if *dump != "" {
		if dumpF, err = os.Create(*dump); err != nil {
			return err
		}
		defer dumpF.Close()
	}
	for _, mode := range modes {
		r := *rf
		r.Mode = strings.TrimSpace(mode)
		r.NoRerank = true
		res, err := c.evalQuestions(ctx, k, r, questions, cuts, dumpF, !*asJSON)
		if err != nil {
			return err
		}
		var without map[string]interface{}
		if *withRerank {
			// The same questions through the reranker: its figures, and
			// those without it beside them.
			r.NoRerank = false
			with, err := c.evalQuestions(ctx, k, r, questions, cuts, nil, !*asJSON)
			if err != nil {
				return err
			}
			without, res = res, with
		}
		res["passages"] = len(docs)
		res["ingest_mb_per_s"] = round(ingestMBs)
		if rf.Mode != "" {
			res["mode"] = r.Mode
		}
		if *asJSON {
			if without != nil {
				res["without_rerank"] = without
			}
			if err := printJSON(c.stdout, res); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintln(c.stderr)
		fmt.Fprintf(c.stdout, "%s: %d 个问题, %d 个段落 (mode=%s, lexical=%s, chunk=%d; 词典加载 %s, 入库 %.2f MB/s)\n",
			file, len(questions), len(docs), r.Mode, r.Lexical, *chunk, dictLoad.Round(time.Millisecond), ingestMBs)
		keys := make([]string, 0, len(res))
		for key := range res {
			keys = append(keys, key)
		}
		sort.Strings(keys)
		for _, key := range keys {
			fmt.Fprintf(c.stdout, "  %-16s %v\n", key, res[key])
		}
		if without != nil {
			printRerankEffect(c, without, res)
		}
	}
	return nil
}

// evalQuestions asks every question through one retrieval mode, scored by
// eval.Questions, and returns the figures under their JSON keys.
func (c *cli) evalQuestions(ctx context.Context, k *wenda.KB, rf wenda.SearchOptions, questions []corpora.Question, cuts []int, dumpF *os.File, progress bool) (map[string]interface{}, error) {
	e, err := k.Engine(rf)
	if err != nil {
		return nil, c.explain(err)
	}
	r, err := k.Ranker(rf)
	if err != nil {
		return nil, err
	}
	done, start, lastReport := 0, time.Now(), time.Time{}
	each := func(p eval.Prediction) {
		done++
		if dumpF != nil {
			_ = printJSON(dumpF, map[string]interface{}{"id": p.Question.ID, "question": p.Question.Text, "answers": p.Question.Answers, "prediction": p.Answer.Answer,
				"f1": p.F1, "em": p.EM, "rank": p.Rank, "cited": p.Answer.Citations, "mode": rf.Mode})
		}
		if time.Since(lastReport) > 500*time.Millisecond && progress {
			lastReport = time.Now()
			fmt.Fprintf(c.stderr, "\r问题 %d/%d  %.0f 问/秒   ", done, len(questions), float64(done)/time.Since(start).Seconds())
		}
	}
	sc, err := eval.Questions(ctx, r, e, questions, eval.Config{Cuts: cuts, Each: each})
	if err != nil {
		return nil, err
	}
	res := map[string]interface{}{
		"questions":      sc.Questions,
		"answer_in_top1": round(sc.AnswerInTop1),
		"answer_in_top5": round(sc.AnswerInTop5),
		"mrr@20":         round(sc.MRR),
		"em":             round(sc.EM),
		"f1":             round(sc.F1),
		"query_p50_ms":   round(sc.QueryP50MS),
		"query_p99_ms":   round(sc.QueryP99MS),
		"answer_p50_ms":  round(sc.AnswerP50MS),
	}
	for j, cut := range sc.Cuts {
		res["recall@"+strconv.Itoa(cut)] = round(sc.Recall[j])
	}
	if r.Reranks() {
		res["reranker"] = os.Getenv("WENDA_RERANK_MODEL")
		if res["reranker"] == "" {
			res["reranker"] = os.Getenv("WENDA_RERANK_BASE_URL")
		}
		res["rerank_depth"] = k.RerankDepth()
		res["rerank_failures"] = r.Failures()
	}
	return res, nil
}

// printRerankEffect shows each figure without the reranker and with it,
// and what it changed.
func printRerankEffect(c *cli, without, with map[string]interface{}) {
	fmt.Fprintf(c.stdout, "重排序 (rerank) %v，前 %v 个候选：%d 次失败 (failures; the fused order kept)\n", with["reranker"], with["rerank_depth"], with["rerank_failures"])
	fmt.Fprintf(c.stdout, "  %-16s %10s %10s %10s\n", "", "without", "with", "change")
	keys := make([]string, 0, len(without))
	for key, v := range without {
		if _, ok := v.(float64); ok {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		a, b := without[key].(float64), with[key].(float64)
		fmt.Fprintf(c.stdout, "  %-16s %10.4f %10.4f %+10.4f\n", key, a, b, b-a)
	}
}

func round(x float64) float64 { return math.Round(x*10000) / 10000 }

func parseCuts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, exitError{2, fmt.Sprintf("--k %q: want positive whole numbers separated by commas", s)}
		}
		out = append(out, n)
	}
	sort.Ints(out)
	return out, nil
}

// traditionalVariant rewrites questions (and with "all" the passages and
// reference answers too) in traditional characters with Taiwan usage, to
// measure how retrieval and answers hold up for users who write that way.
func traditionalVariant(what, file string, docs []corpora.Document, questions []corpora.Question) error {
	conv := func(s *string) error {
		t, err := zh.Traditional(*s)
		if err != nil {
			return err
		}
		*s = t
		return nil
	}
	switch what {
	case "questions", "all":
	default:
		return exitError{2, fmt.Sprintf("--traditional %q: want questions or all", what)}
	}
	for i := range questions {
		if err := conv(&questions[i].Text); err != nil {
			return err
		}
		if what == "all" {
			for j := range questions[i].Answers {
				if err := conv(&questions[i].Answers[j]); err != nil {
					return err
				}
			}
		}
	}
	if what == "all" {
		for i := range docs {
			docs[i].Source = file
			if err := conv(&docs[i].Text); err != nil {
				return err
			}
			if err := conv(&docs[i].Title); err != nil {
				return err
			}
		}
	}
	return nil
}
