package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer/openai"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval/llmbench"
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
// retrieval, context assembly and the request — against eval/llmbench's
// zero-latency model on loopback, which streams its reply at once: the
// time to the first token is then wenda's own. The knowledge base is a
// scratch one holding the SQuAD file's passages.
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
	srv, err := llmbench.Listen("根据资料，答案见[1]。")
	if err != nil {
		return err
	}
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
	texts := make([]string, len(questions))
	for i, q := range questions {
		texts[i] = q.Text
	}
	r, err := llmbench.Measure(ctx, k, texts)
	if err != nil {
		return err
	}
	res := map[string]any{
		"questions":                r.Questions,
		"first_token_p50_ms":       round(r.FirstTokenP50MS),
		"first_token_p99_ms":       round(r.FirstTokenP99MS),
		"retrieval_context_p50_ms": round(r.RetrievalP50MS),
		"retrieval_context_p99_ms": round(r.RetrievalP99MS),
		"request_p50_ms":           round(r.RequestP50MS),
		"request_p99_ms":           round(r.RequestP99MS),
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个问题，到第一个 token 前 wenda 用时：p50 %.2f ms，p99 %.2f ms（检索与组装上下文 p50 %.2f / p99 %.2f ms；请求 p50 %.2f / p99 %.2f ms）\n",
		r.Questions, r.FirstTokenP50MS, r.FirstTokenP99MS, r.RetrievalP50MS, r.RetrievalP99MS, r.RequestP50MS, r.RequestP99MS)
	return nil
}
