package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/answer/openai"
	"github.com/wenda-rag/wenda/answer/openai/openaitest"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval"
)

// scratchKB opens a new knowledge base in a hidden folder of the data
// directory, configured as the commands' are and then by set (nil:
// nothing more); remove closes and deletes it.
func (c *cli) scratchKB(ctx context.Context, prefix string, set func(*wenda.Config)) (k *wenda.KB, remove func(), err error) {
	if err := os.MkdirAll(c.g.data, 0o755); err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp(c.g.data, prefix)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := c.kbConfig(createKB)
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	cfg.Dir = dir
	if set != nil {
		set(&cfg)
	}
	if k, err = c.openWith(ctx, cfg); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return k, func() { k.Close(); os.RemoveAll(dir) }, nil
}

// ingestFile ingests one file into k, quietly, as `wenda ingest` would.
func ingestFile(ctx context.Context, k *wenda.KB, path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	sum, err := k.Ingest(ctx, []corpora.File{{Path: path, ID: filepath.Base(path), Size: fi.Size()}}, wenda.IngestOptions{})
	if err != nil {
		return err
	}
	if len(sum.Failed) > 0 {
		return sum.Failed[0]
	}
	return nil
}

// evalLLM measures what wenda adds before an LLM's first token —
// retrieval, context assembly and the request — against the in-process
// OpenAI-compatible server, which streams its reply at once: the time to
// the first token is then wenda's own. The knowledge base is a scratch one
// holding the SQuAD file's passages.
func (c *cli) evalLLM(ctx context.Context, args []string) error {
	fs := c.flags("eval llm")
	asJSON := fs.Bool("json", false, "print one JSON object")
	limit := fs.Int("limit", 0, "ask only the first N questions")
	rf := c.retrievalFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return exitError{2, "eval llm: usage: wenda eval llm [--json] [--limit N] SQUAD_FILE"}
	}
	sq, err := corpora.ReadSQuAD(pos[0])
	if err != nil {
		return err
	}
	questions := sq.Questions()
	if *limit > 0 && *limit < len(questions) {
		questions = questions[:*limit]
	}
	srv := openaitest.New(openaitest.Fixed("根据资料，答案见[1]。"))
	defer srv.Close()
	chat, err := openai.New(openai.Config{BaseURL: srv.URL, Model: "in-process"})
	if err != nil {
		return err
	}
	k, remove, err := c.scratchKB(ctx, ".eval-llm-", func(cfg *wenda.Config) { cfg.LLM, cfg.Retrieval = chat, *rf })
	if err != nil {
		return err
	}
	defer remove()
	if err := ingestFile(ctx, k, pos[0]); err != nil {
		return err
	}
	var first, assembly, request []time.Duration
	for _, q := range questions {
		a, err := k.Answer(ctx, answer.Request{Question: q.Text, OnToken: func(string) error { return nil }})
		if err != nil {
			return err
		}
		first = append(first, a.Timings.FirstToken)
		assembly = append(assembly, a.Timings.Retrieval)
		request = append(request, a.Timings.FirstToken-a.Timings.Retrieval)
	}
	res := map[string]any{
		"questions":                len(questions),
		"first_token_p50_ms":       round(eval.Percentile(first, 50)),
		"first_token_p99_ms":       round(eval.Percentile(first, 99)),
		"retrieval_context_p50_ms": round(eval.Percentile(assembly, 50)),
		"retrieval_context_p99_ms": round(eval.Percentile(assembly, 99)),
		"request_p50_ms":           round(eval.Percentile(request, 50)),
		"request_p99_ms":           round(eval.Percentile(request, 99)),
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个问题，到第一个 token 前 wenda 用时：p50 %.2f ms，p99 %.2f ms（检索与组装上下文 p50 %.2f / p99 %.2f ms；请求 p50 %.2f / p99 %.2f ms）\n",
		len(questions), res["first_token_p50_ms"], res["first_token_p99_ms"], res["retrieval_context_p50_ms"], res["retrieval_context_p99_ms"], res["request_p50_ms"], res["request_p99_ms"])
	return nil
}
