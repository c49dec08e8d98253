package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/ingest"
)

// evalIngest measures ingest throughput end to end on real files beside
// gse's raw Cut throughput (accurate mode with HMM, one core, sentence by
// sentence) on the same text in the same run, so the two compare as a ratio
// on a noisy machine.
func (c *cli) evalIngest(ctx context.Context, args []string) error {
	fs := c.flags("eval ingest")
	asJSON := fs.Bool("json", false, "print one JSON object")
	chunk := fs.Int("chunk", ingest.DefaultChunkSize, "chunk size in characters")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return exitError{2, "eval ingest: usage: wenda eval ingest [--json] PATH..."}
	}
	t0 := time.Now()
	seg, err := zh.Default()
	if err != nil {
		return err
	}
	dictLoad := time.Since(t0)
	files, err := corpora.Walk(paths)
	if err != nil {
		return err
	}
	var fileBytes, textBytes int64
	var texts []string
	for _, f := range files {
		fileBytes += f.Size
		docs, err := corpora.ReadFile(f)
		if err != nil {
			continue // the ingest below reports it
		}
		for _, d := range docs {
			texts = append(texts, d.Text)
			textBytes += int64(len(d.Text))
		}
	}
	// gse is fed sentence by sentence: on whole documents its DAG slows down
	// badly on long runs of Latin text, and that would flatter the ratio.
	t := time.Now()
	words := 0
	for _, s := range texts {
		for _, sp := range zh.Sentences(s) {
			words += len(seg.GseCut(s[sp.Start:sp.End]))
		}
	}
	cutSecs := time.Since(t).Seconds()

	// BM25 alone, then with the configured embedding model (the offline
	// one by default) into a second scratch base: same text, same run.
	sum, runSecs, ingestSecs, _, err := c.timeIngest(ctx, files, *chunk, false)
	if err != nil {
		return err
	}
	_, _, vecSecs, model, err := c.timeIngest(ctx, files, *chunk, true)
	if err != nil {
		return err
	}
	res := map[string]interface{}{
		"files":                len(files),
		"failed":               len(sum.Failed),
		"file_mb":              round(float64(fileBytes) / 1e6),
		"text_mb":              round(float64(textBytes) / 1e6),
		"chunks":               sum.Chunks,
		"gse_cut_mb_per_s":     round(float64(textBytes) / 1e6 / cutSecs),
		"ingest_mb_per_s":      round(float64(textBytes) / 1e6 / ingestSecs),
		"ingest_vs_cut":        round(cutSecs / ingestSecs),
		"ingest_seconds":       round(ingestSecs),
		"close_seconds":        round(ingestSecs - runSecs),
		"dict_load_seconds":    round(dictLoad.Seconds()),
		"cut_words":            words,
		"ingest_file_mb_per_s": round(float64(fileBytes) / 1e6 / ingestSecs),
	}
	if model != "" {
		res["vectors_model"] = model
		res["ingest_vectors_mb_per_s"] = round(float64(textBytes) / 1e6 / vecSecs)
		res["vectors_vs_bm25"] = round(ingestSecs / vecSecs)
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "文本 %.1f MB（%d 个文件，%d 个失败）\n  gse Cut（单核）: %.2f MB/s\n  入库（端到端）: %.2f MB/s，%d 个块，%.1f 秒（其中关闭索引 %.1f 秒）\n  入库/Cut: %.2f×\n",
		float64(textBytes)/1e6, len(files), len(sum.Failed), float64(textBytes)/1e6/cutSecs,
		float64(textBytes)/1e6/ingestSecs, sum.Chunks, ingestSecs, ingestSecs-runSecs, cutSecs/ingestSecs)
	if model != "" {
		fmt.Fprintf(c.stdout, "  入库 + 向量（%s）: %.2f MB/s，%.1f 秒（BM25 单独的 %.2f×）\n",
			model, float64(textBytes)/1e6/vecSecs, vecSecs, ingestSecs/vecSecs)
	}
	return nil
}

// timeIngest ingests files into a scratch knowledge base, with vectors if
// asked and an embedding model is configured, and times it to the end of
// closing (the indexes persisted). model is "" when no vectors were made.
func (c *cli) timeIngest(ctx context.Context, files []corpora.File, chunk int, vectors bool) (sum ingest.Summary, runSecs, totalSecs float64, model string, err error) {
	// The knowledge base opens inside the timing: opening the vectors is
	// part of what they cost.
	t := time.Now()
	k, remove, err := c.scratchKB(ctx, ".eval-ingest-", func(cfg *wenda.Config) { cfg.NoVectors = cfg.NoVectors || !vectors })
	if err != nil {
		return sum, 0, 0, "", err
	}
	defer remove()
	if e := k.Embedding(); e != nil {
		model = e.Model
	}
	sum, err = k.Ingest(ctx, files, wenda.IngestOptions{ChunkSize: chunk, Progress: newProgressBar(c.stderr).update})
	runSecs = time.Since(t).Seconds()
	if cerr := k.Close(); err == nil {
		err = cerr // closing waits for the indexes to be persisted
	}
	return sum, runSecs, time.Since(t).Seconds(), model, err
}
