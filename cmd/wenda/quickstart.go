package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/corpora/sample"
)

// quickstart ingests the bundled sample corpus into its own knowledge base
// (unless --kb names another) and answers a few questions about it.
func (c *cli) quickstart(ctx context.Context, args []string) error {
	fs := c.flags("quickstart")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	name := c.g.kb
	if name == "default" {
		name = "quickstart"
	}
	src := filepath.Join(c.g.data, "quickstart-sample")
	if err := sample.WriteTo(src); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "示例文档已写入 %s，正在入库到知识库 %q …\n", src, name)
	cfg, err := c.kbConfig(createKB)
	if err != nil {
		return err
	}
	cfg.Dir = c.kbDir(name)
	k, err := c.openWith(ctx, cfg)
	if err != nil {
		return err
	}
	defer k.Close()
	sum, err := k.IngestPaths(ctx, []string{src}, wenda.IngestOptions{Progress: newProgressBar(c.stderr).update})
	if err != nil {
		return c.explain(err)
	}
	for _, f := range sum.Failed {
		fmt.Fprintf(c.stderr, "失败 failed %s\n", f.Err)
	}
	fmt.Fprintf(c.stdout, "入库完成：%d 个文件，新写入 %d 篇文档、%d 个块，%d 篇未变。\n\n", sum.Files, sum.Docs, sum.Chunks, sum.Unchanged)
	for _, q := range sample.Questions {
		a, err := k.Ask(ctx, q.Text)
		if err != nil {
			return c.explain(err)
		}
		printAnswer(c, a)
	}
	fmt.Fprintf(c.stdout, "试试自己提问：\n  go run ./cmd/wenda --data %s --kb %s ask \"年假可以顺延到什么时候？\"\n", c.g.data, name)
	fmt.Fprintf(c.stdout, "对话：\n  go run ./cmd/wenda --data %s --kb %s chat\n", c.g.data, name)
	fmt.Fprintf(c.stdout, "网页和 HTTP API（http://127.0.0.1:8080/，未指定知识库的请求问 %s）：\n  go run ./cmd/wenda --data %s --kb %s serve\n", name, c.g.data, name)
	return nil
}
