package main

import (
	"context"
	"fmt"
	"time"

	"github.com/wenda-rag/wenda/eval/ann"
)

// evalANN measures the embedded index's approximate search against its
// exact scan on the same vectors in the same run: recall@k, single-query
// latency on one core, build time and memory per vector. The vectors are
// the offline model's embeddings of the chunks of PATH (held-out chunks
// are the queries), or random ones with --random.
func (c *cli) evalANN(ctx context.Context, args []string) error {
	fs := c.flags("eval ann")
	n := fs.Int("n", 200000, "vectors to index")
	dim := fs.Int("dim", 0, "dimension (default: 256 with lsa, the offline model's with hashed)")
	nq := fs.Int("queries", 300, "queries, held out from the index")
	k := fs.Int("k", 10, "neighbours per query")
	efFlag := fs.String("ef", "", "comma-separated search efforts (HNSW ef) to compare (default: the index's own, half and double it)")
	random := fs.Bool("random", false, "random Gaussian vectors instead of embedded chunks")
	kind := fs.String("vectors", "lsa", "what embeds the chunks: lsa (dense, low-rank: the shape of a trained model's embeddings) or hashed (the offline model itself)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if !*random && len(paths) == 0 {
		return exitError{2, "eval ann: usage: wenda eval ann [--n N] [--dim D] [--ef E,...] [--vectors lsa|hashed] [--json] (PATH... | --random)"}
	}
	if *kind != "lsa" && *kind != "hashed" {
		return exitError{2, fmt.Sprintf("eval ann: --vectors %q: want lsa or hashed", *kind)}
	}
	cfg := ann.Config{N: *n, Queries: *nq, K: *k, Dim: *dim, Random: *random, Paths: paths, Vectors: *kind}
	if *efFlag != "" {
		if cfg.EF, err = parseCuts(*efFlag); err != nil {
			return fmt.Errorf("--ef: %w", err)
		}
	}
	bar := newProgressBar(c.stderr)
	labels := map[ann.Stage]string{ann.Embedding: "嵌入", ann.Writing: "写入"}
	cfg.Progress = func(p ann.Progress) { bar.count(labels[p.Stage], p.Done, p.Total, time.Now().Add(-p.Elapsed)) }
	r, err := ann.Run(ctx, cfg)
	if err != nil {
		return err
	}
	curve := make([]ann.Point, len(r.Curve))
	for i, p := range r.Curve {
		curve[i] = ann.Point{EF: p.EF, Recall: round(p.Recall), RecallTies: round(p.RecallTies), P50MS: round(p.P50MS), P99MS: round(p.P99MS)}
	}
	res := map[string]interface{}{
		"vectors":              r.Vectors,
		"dimension":            r.Dimension,
		"queries":              r.Queries,
		"k":                    r.K,
		"source":               r.Source,
		"nodes":                r.Nodes,
		"default_ef":           r.DefaultEF,
		"recall":               round(r.Default.Recall),
		"ann_p50_ms":           round(r.Default.P50MS),
		"ann_p99_ms":           round(r.Default.P99MS),
		"curve":                curve,
		"exact_p50_ms":         round(r.ExactP50MS),
		"exact_gb_per_s":       round(r.ExactGBPerS),
		"speedup":              round(r.Speedup),
		"build_seconds":        round(r.BuildSeconds),
		"upsert_seconds":       round(r.UpsertSeconds),
		"vector_bytes":         r.VectorBytes,
		"ann_bytes_per_vector": round(r.ANNBytesPerVector),
		"log_bytes_per_vector": round(r.LogBytesPerVector),
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个 %d 维向量（%s），%d 个查询，k=%d\n", r.Vectors, r.Dimension, r.Source, r.Queries, r.K)
	fmt.Fprintf(c.stdout, "  精确扫描（单核）: p50 %.2f ms，%.2f GB/s\n", r.ExactP50MS, r.ExactGBPerS)
	fmt.Fprintf(c.stdout, "  近似索引 (HNSW): %d 个节点，建立 %.1f 秒，每个向量另加 %.1f 字节（向量本身 %.0f 字节）\n", r.Nodes, r.BuildSeconds, r.ANNBytesPerVector, r.VectorBytes)
	for _, p := range r.Curve {
		mark := ""
		if p.EF == r.DefaultEF {
			mark = "（默认）"
		}
		fmt.Fprintf(c.stdout, "  ef %4d: recall@%d %.4f（同分算对 %.4f），p50 %.2f ms，p99 %.2f ms%s\n", p.EF, r.K, p.Recall, p.RecallTies, p.P50MS, p.P99MS, mark)
	}
	return nil
}
