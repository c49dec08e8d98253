package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/ingest"
)

// openNoVectors opens the knowledge base of --kb to read its records and
// graph: whatever model the environment names, the vectors are not
// needed (stats reads which model made them from the knowledge base).
func (c *cli) openNoVectors(ctx context.Context) (*wenda.KB, error) {
	cfg, err := c.kbConfig(readKB)
	if err != nil {
		return nil, err
	}
	cfg.Embedder, cfg.NoVectors = nil, true
	return c.openWith(ctx, cfg)
}

func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		// What the command does and takes, as wenda --help says it, then
		// its flags: not Go's bare "Usage of ask:".
		w := fs.Output()
		if said := commandUsage(name); said != "" {
			fmt.Fprintf(w, "wenda [--data DIR] [--kb NAME] %s\n", said)
		} else {
			fmt.Fprintf(w, "wenda [--data DIR] [--kb NAME] %s\n", name)
		}
		fmt.Fprintf(w, "(--data: data directory, default $WENDA_DATA, else ./wenda-data; --kb: knowledge base, default \"default\"; all commands: wenda --help)\n\nflags:\n")
		fs.PrintDefaults()
	}
	return fs
}

// commandUsage is the command's entry in usage (its line and the lines
// going on under it), trimmed; "" when it has none.
func commandUsage(name string) string {
	var out []string
	lines := strings.Split(usage, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "   ") || !(t == name || strings.HasPrefix(t, name+" ")) {
			continue
		}
		out = append(out, t)
		for _, more := range lines[i+1:] {
			if !strings.HasPrefix(more, "                  ") {
				break
			}
			out = append(out, "    "+strings.TrimSpace(more))
		}
		break
	}
	return strings.Join(out, "\n")
}

func (c *cli) ingest(ctx context.Context, args []string) error {
	fs := c.flags("ingest")
	dict := fs.String("dict", "", "user dictionary: one word per line, optionally followed by a frequency")
	chunk := fs.Int("chunk", ingest.DefaultChunkSize, "chunk size in characters")
	format := fs.String("format", corpora.FormatAuto, "how to read the files: "+strings.Join(corpora.Formats, ", "))
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return exitError{2, "ingest: no PATH given (usage: wenda ingest [--dict FILE] [--format F] PATH...)"}
	}
	if !slices.Contains(corpora.Formats, *format) {
		return exitError{2, fmt.Sprintf("ingest: --format %q: want one of %s", *format, strings.Join(corpora.Formats, ", "))}
	}
	// What to read first: a path that does not exist makes no
	// knowledge base.
	files, err := corpora.Walk(paths)
	if err != nil {
		return err
	}
	k, err := c.open(ctx, createKB)
	if err != nil {
		return err
	}
	defer k.Close()
	if *dict != "" {
		n, err := k.AddDictionary(*dict)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.stderr, "用户词典 %s：%d 个词\n", *dict, n)
	}
	bar := newProgressBar(c.stderr)
	batch, _ := strconv.Atoi(os.Getenv("WENDA_BATCH_KB")) // for measuring batch sizes
	sum, err := k.Ingest(ctx, files, wenda.IngestOptions{ChunkSize: *chunk, Format: *format, BatchChars: batch << 10, Progress: bar.update})
	for _, f := range sum.Skipped {
		fmt.Fprintf(c.stderr, "略过 passed over %s\n", f.Err)
	}
	for _, f := range sum.Failed {
		fmt.Fprintf(c.stderr, "失败 failed %s\n", f.Err)
	}
	for _, f := range sum.Damaged {
		fmt.Fprintf(c.stderr, "受损 damaged %s（已入库，受损的字节以 � 代替）\n", f.Err)
	}
	mb := float64(sum.Bytes) / 1e6
	fmt.Fprintf(c.stdout, "知识库 %s：读取 %d 个文件 (%.2f MB)，写入 %d 篇文档、%d 个块，%d 篇未变，%d 个文件失败，%d 个其他类型的文件略过；用时 %s (%.2f MB/s)\n",
		c.g.kb, sum.Files, mb, sum.Docs, sum.Chunks, sum.Unchanged, len(sum.Failed), len(sum.Skipped), sum.Elapsed.Round(1e6), mb/sum.Elapsed.Seconds())
	if err != nil {
		return c.explain(err)
	}
	if len(sum.Failed) > 0 {
		return exitError{1, fmt.Sprintf("%d of %d files could not be ingested (listed above); the others were", len(sum.Failed), len(files))}
	}
	return nil
}

// maxK is the most passages search ranks, as GET /v1/search allows.
const maxK = 100

func (c *cli) search(ctx context.Context, args []string) error {
	fs := c.flags("search")
	n := fs.Int("k", 5, "number of passages")
	asJSON := fs.Bool("json", false, "print JSON")
	rf := c.retrievalFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return exitError{2, "search: no QUERY given"}
	}
	if *n < 1 || *n > maxK {
		// The server's cap: a ranking of k passages holds k of them.
		return exitError{2, fmt.Sprintf("search: --k is %d; want a number from 1 to %d", *n, maxK)}
	}
	k, err := c.open(ctx, readKB)
	if err != nil {
		return err
	}
	defer k.Close()
	opt := *rf
	opt.K = *n
	res, err := k.Search(ctx, q, opt)
	if err != nil {
		return c.explain(err)
	}
	if *asJSON {
		if res.Hits == nil {
			res.Hits = []wenda.Result{}
		}
		return printJSON(c.stdout, res.Hits)
	}
	if len(res.Hits) == 0 {
		fmt.Fprintln(c.stdout, "没有找到相关段落。")
	}
	for i, h := range res.Hits {
		place := (answer.Citation{Section: h.Section, Page: h.Page, Where: h.Where}).Place()
		if rest, ok := strings.CutPrefix(place, h.Title+" › "); ok {
			place = rest // (the title is said once: 员工手册 · 第三章 休假)
		}
		if place != "" && place != h.Title {
			place = " · " + place
		} else {
			place = ""
		}
		fmt.Fprintf(c.stdout, "%d. [%s #%d] %s%s (%.4f)\n   %s\n", i+1, h.Doc, h.Chunk, h.Title, place, h.Score, oneLine(snippetText(h.Text)))
	}
	return nil
}

func (c *cli) ask(ctx context.Context, args []string) error {
	fs := c.flags("ask")
	asJSON := fs.Bool("json", false, "print one JSON object per answer")
	simplified := fs.Bool("simplified", false, "show answers and citations in simplified characters (poems are kept as written)")
	rf := c.retrievalFlags(fs)
	lf := c.llmFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	k, err := c.openForAnswers(ctx, *rf, lf)
	if err != nil {
		return err
	}
	defer k.Close()
	answerOne := func(q string) error {
		req := answer.Request{Question: q}
		streamed := false
		if !*asJSON && !*simplified {
			// An LLM's answer is printed as it is written, a sentence at
			// a time: each once its citations are checked.
			req.OnToken = func(tok string) error {
				if !streamed {
					fmt.Fprintf(c.stdout, "问：%s\n答：", q)
					streamed = true
				}
				_, err := fmt.Fprint(c.stdout, tok)
				return err
			}
		}
		a, err := k.Answer(ctx, req)
		// The LLM failed: the offline answer, said to be one.
		var fe *answer.FallbackError
		if errors.As(err, &fe) {
			a, err = fe.Offline, nil
		}
		if err != nil {
			return c.explain(err)
		}
		if *simplified {
			a = a.Simplified()
		}
		switch {
		case *asJSON && fe != nil:
			return printJSON(c.stdout, fallbackAnswer{a, true, fe.Err.Error()})
		case *asJSON:
			return printJSON(c.stdout, a)
		case fe != nil:
			if streamed {
				fmt.Fprintln(c.stdout) // what the model said before it failed stays above
			} else {
				fmt.Fprintf(c.stdout, "问：%s\n", q)
			}
			fmt.Fprintf(c.stdout, "%s\n答：%s\n", fe.Notice(), a.Answer)
			printCitations(c, a)
			fmt.Fprintln(c.stdout)
		case streamed:
			fmt.Fprintln(c.stdout)
			printCitations(c, a)
			fmt.Fprintln(c.stdout)
		default:
			printAnswer(c, a)
		}
		return nil
	}
	if q := strings.TrimSpace(strings.Join(pos, " ")); q != "" {
		return answerOne(q)
	} else if len(pos) > 0 {
		return exitError{2, "ask: 问题是空的：" + askHow}
	}
	// One question per line: start-up is paid once for thousands.
	sc := bufio.NewScanner(c.stdin)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	asked := 0
	for sc.Scan() {
		q := strings.TrimSpace(sc.Text())
		if q == "" {
			continue
		}
		asked++
		if err := answerOne(q); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if asked == 0 {
		return exitError{2, "ask: 没有读到问题：" + askHow}
	}
	return nil
}

// askHow says how to ask, when no question was given.
const askHow = `wenda ask "年假有几天"，或每行一个问题从标准输入读`

// fallbackAnswer is an offline answer given because the LLM failed, as
// ask --json prints it: the answer, marked, with the error.
type fallbackAnswer struct {
	answer.Answer
	Fallback bool   `json:"fallback"`
	Error    string `json:"error"`
}

func printAnswer(c *cli, a answer.Answer) {
	fmt.Fprintf(c.stdout, "问：%s\n答：%s\n", a.Question, a.Answer)
	printCitations(c, a)
	fmt.Fprintln(c.stdout)
}

func (c *cli) rm(ctx context.Context, args []string) error {
	fs := c.flags("rm")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return exitError{2, "rm: no DOC_ID given"}
	}
	k, err := c.open(ctx, writeKB)
	if err != nil {
		return err
	}
	defer k.Close()
	failed := false
	for _, id := range pos {
		if err := k.Remove(ctx, id); err != nil {
			fmt.Fprintln(c.stderr, "wenda rm:", err)
			failed = true
			continue
		}
		fmt.Fprintf(c.stdout, "已删除 %s\n", id)
	}
	if failed {
		return exitError{1, ""}
	}
	return nil
}

func (c *cli) stats(ctx context.Context, args []string) error {
	fs := c.flags("stats")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	k, err := c.openNoVectors(ctx)
	if err != nil {
		return err
	}
	defer k.Close()
	st, err := k.Stats(ctx)
	if err != nil {
		return c.explain(err)
	}
	rec := st.Vectors
	if *asJSON {
		out := map[string]interface{}{"kb": c.g.kb, "documents": st.Documents, "chunks": st.Chunks, "bytes_on_disk": st.Bytes, "entities": st.Entities, "facts": st.Facts}
		if rec != nil {
			out["vectors"] = rec
		}
		return printJSON(c.stdout, out)
	}
	fmt.Fprintf(c.stdout, "知识库 %s：%d 篇文档，%d 个块，磁盘 %.2f MB", c.g.kb, st.Documents, st.Chunks, float64(st.Bytes)/1e6)
	if rec != nil {
		fmt.Fprintf(c.stdout, "；向量：%s，%d 维，%s", rec.Model, rec.Dimension, map[string]string{"embedded": "内置索引", "qdrant": "Qdrant"}[rec.Store])
	} else {
		fmt.Fprint(c.stdout, "；无向量")
	}
	if st.Facts > 0 {
		fmt.Fprintf(c.stdout, "；知识图谱：%d 个实体，%d 条事实", st.Entities, st.Facts)
	}
	fmt.Fprintln(c.stdout)
	return nil
}

// kgCmd shows the knowledge graph: `kg show NAME`, `kg stats`.
func (c *cli) kgCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "show" && args[0] != "stats" && args[0] != "import") {
		return exitError{2, "kg: usage: wenda kg show NAME | wenda kg stats | wenda kg import FILE..."}
	}
	if args[0] == "import" {
		// A user's own facts are documents like any others: searchable,
		// embedded, replaced when the file changes.
		if len(args) == 1 {
			return exitError{2, "kg import: no FILE given (CSV, TSV or JSON Lines of subject, relation, object[, source])"}
		}
		return c.ingest(ctx, append([]string{"--format", corpora.FormatFacts}, args[1:]...))
	}
	fs := c.flags("kg " + args[0])
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterleaved(fs, args[1:])
	if err != nil {
		return err
	}
	k, err := c.openNoVectors(ctx)
	if err != nil {
		return err
	}
	defer k.Close()
	if args[0] == "stats" {
		ents, facts, docs := k.GraphStats()
		if *asJSON {
			return printJSON(c.stdout, map[string]int{"entities": ents, "facts": facts, "documents": docs})
		}
		fmt.Fprintf(c.stdout, "知识图谱：%d 个实体，%d 条事实，来自 %d 篇文档\n", ents, facts, docs)
		return nil
	}
	if len(pos) == 0 {
		return exitError{2, "kg show: no NAME given"}
	}
	name := strings.Join(pos, " ")
	facts := k.Entity(name)
	if *asJSON {
		return printJSON(c.stdout, map[string]interface{}{"name": name, "facts": facts})
	}
	if len(facts) == 0 {
		return exitError{1, fmt.Sprintf("知识图谱中没有“%s”", name)}
	}
	fmt.Fprintln(c.stdout, name)
	for _, f := range facts {
		fmt.Fprintf(c.stdout, "  —%s→ %s   [%s %s]\n", f.Relation, oneLine(f.Object), f.Doc, f.Field)
	}
	return nil
}

// reembed rebuilds the vectors of every chunk with the configured model.
func (c *cli) reembed(ctx context.Context, args []string) error {
	fs := c.flags("reembed")
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	cfg, err := c.kbConfig(writeKB)
	if err != nil {
		return err
	}
	cfg.Reembed = true
	k, err := c.openWith(ctx, cfg)
	if err != nil {
		return err
	}
	defer k.Close()
	n, err := k.Reembed(ctx, func(done int) { fmt.Fprintf(c.stderr, "\r已嵌入 %d 个块", done) })
	fmt.Fprintln(c.stderr)
	if err != nil {
		return c.explain(err)
	}
	e := k.Embedding()
	fmt.Fprintf(c.stdout, "知识库 %s：%d 个块已用 %s（%d 维）重新嵌入\n", c.g.kb, n, e.Model, e.Dimension)
	return nil
}
