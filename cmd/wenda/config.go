package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer/openai"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/retrieve/embed"
	"github.com/wenda-rag/wenda/retrieve/qdrant"
	"github.com/wenda-rag/wenda/retrieve/rerank"
)

// cli is what every command shares: the global flags and the standard
// streams.
type cli struct {
	g              global
	cmd            string // the command run: ingest, ask …
	stdin          io.Reader
	stdout, stderr io.Writer
}

func (c *cli) kbDir(name string) string { return filepath.Join(c.g.data, name) }

// Ways a command opens a knowledge base.
const (
	readKB   = iota // search, ask, stats: read-only, beside other readers
	writeKB         // rm: an existing one, to change it
	createKB        // ingest: made if absent
)

// kbConfig turns the environment and the global flags into the
// knowledge base's Config.
func (c *cli) kbConfig(how int) (wenda.Config, error) {
	cfg := wenda.Config{Dir: c.kbDir(c.g.kb), ReadOnly: how == readKB, Create: how == createKB,
		Logf: func(format string, args ...any) { fmt.Fprintf(c.stderr, format+"\n", args...) }}
	emb, none, err := embedderFromEnv()
	if err != nil {
		return cfg, exitError{2, err.Error()}
	}
	cfg.Embedder, cfg.NoVectors = emb, none
	if cfg.Reranker, cfg.RerankDepth, err = rerankerFromEnv(); err != nil {
		return cfg, exitError{2, err.Error()}
	}
	if c.g.qdrant != "" {
		cfg.Qdrant = &wenda.QdrantConfig{URL: c.g.qdrant, APIKey: os.Getenv("QDRANT_API_KEY"), Collection: os.Getenv("QDRANT_COLLECTION")}
	}
	return cfg, nil
}

// open opens the knowledge base of --kb.
func (c *cli) open(ctx context.Context, how int) (*wenda.KB, error) {
	cfg, err := c.kbConfig(how)
	if err != nil {
		return nil, err
	}
	return c.openWith(ctx, cfg)
}

func (c *cli) openWith(ctx context.Context, cfg wenda.Config) (*wenda.KB, error) {
	k, err := wenda.Open(ctx, cfg)
	if err != nil {
		return nil, c.explain(err)
	}
	c.warnDamage(k)
	return k, nil
}

// warnDamage says, loudly, what the knowledge base found damaged and how
// it comes back: nothing is lost silently.
func (c *cli) warnDamage(k *wenda.KB) {
	for _, d := range k.Damage() {
		what := fmt.Sprintf("%d 篇文档受影响 (%d documents affected%s)", len(d.Docs), len(d.Docs), examples(d.Docs))
		if d.All {
			what = "任何文档都可能受影响 (any document may be affected)"
		}
		skipped := ""
		if d.Records > 0 {
			skipped = fmt.Sprintf("跳过 %d 条损坏的记录（%d 字节），", d.Records, d.Bytes)
		} else if d.Bytes > 0 {
			skipped = fmt.Sprintf("文件末尾缺少 %d 字节，", d.Bytes)
		}
		if d.Store == "earlier" {
			fmt.Fprintf(c.stderr, "警告：知识库 %s 先前发现的损坏尚未修复 (damage found earlier)：%s，待重新导入（记在 %s）。\n", c.g.kb, what, d.File)
			continue
		}
		if d.Store == "bm25" {
			fmt.Fprintf(c.stderr, "警告：知识库 %s 的 BM25 索引损坏 (damaged)：%s；已移到 %s，新建了空索引；%s。\n", c.g.kb, d.File, filepath.Join(k.Dir(), "bm25.damaged"), what)
			continue
		}
		fmt.Fprintf(c.stderr, "警告：知识库 %s 的文件损坏 (damaged)：%s；%s%s。其余完好的部分照常使用。\n", c.g.kb, d.File, skipped, what)
	}
	if n, all := k.Pending(); n > 0 || all {
		fmt.Fprintf(c.stderr, "下次用 wenda ingest 导入同样的文件时，受影响的文档会重新写入 (the next ingest of the same files writes them again)。\n")
	}
}

// examples names the first few of a list of documents.
func examples(docs []string) string {
	const show = 3
	if len(docs) == 0 {
		return ""
	}
	s := ": " + strings.Join(docs[:min(show, len(docs))], ", ")
	if len(docs) > show {
		s += " …"
	}
	return s
}

// explain adds to a library error what to do about it on the command
// line.
func (c *cli) explain(err error) error {
	var held *wenda.HeldError
	switch {
	case errors.As(err, &held):
		hint := "它关闭后再试 (try again when it has closed)"
		if a := strings.TrimSuffix(held.Addr(), "/"); a != "" {
			// The route that does what this command would have done.
			route := map[string]string{
				"ingest": "POST " + a + "/v1/documents?kb=" + c.g.kb, "kg": "GET " + a + "/v1/kg/entities/NAME?kb=" + c.g.kb,
				"rm": "DELETE " + a + "/v1/documents/ID?kb=" + c.g.kb, "stats": "GET " + a + "/v1/kbs",
				"search": "GET " + a + "/v1/search?kb=" + c.g.kb + "&q=…",
			}[c.cmd]
			if route == "" {
				route = "POST " + a + "/v1/ask {\"kb\": \"" + c.g.kb + "\", \"question\": …}"
			}
			hint = "服务器运行时请通过它的 HTTP API 访问 (use the server's HTTP API while it runs): " + route
		}
		return fmt.Errorf("%w\n%s", err, hint)
	case errors.Is(err, wenda.ErrNotFound):
		hint := "run `wenda ingest PATH` first, or pass --data DIR / --kb NAME"
		if c.g.kb != "default" {
			hint = fmt.Sprintf("run `wenda --kb %s ingest PATH` first, or pass another --data DIR / --kb NAME", c.g.kb)
		}
		if c.g.kb == "default" {
			if _, serr := os.Stat(filepath.Join(c.kbDir("quickstart"), "bm25")); serr == nil {
				hint = "quickstart wrote its sample to the knowledge base \"quickstart\": add --kb quickstart, or `wenda ingest PATH` your own documents"
			}
		}
		return fmt.Errorf("%w (%s)", err, hint)
	case errors.Is(err, wenda.ErrIndexDamaged):
		return fmt.Errorf("%w\n用 wenda --kb %s ingest 再次导入你的文档：损坏的索引会被移到 bm25.damaged，新的索引重新建立 (ingest your documents again: the damaged index is set aside and a new one built)", err, c.g.kb)
	case errors.Is(err, wenda.ErrModelChanged):
		return fmt.Errorf("%w. Run `wenda reembed` to rebuild its vectors with the configured model (WENDA_EMBED_BASE_URL, WENDA_EMBED_MODEL)", err)
	case errors.Is(err, wenda.ErrNotEmbedded):
		return fmt.Errorf("%w: run `wenda reembed` to embed them first", err)
	case errors.Is(err, wenda.ErrVectorsOff):
		return fmt.Errorf("%w: to write to it, configure the model it was embedded with (unset WENDA_EMBED_MODEL=none; WENDA_EMBED_BASE_URL and WENDA_EMBED_MODEL for an endpoint)", err)
	case errors.Is(err, wenda.ErrNoVectors):
		return fmt.Errorf("%w for the configured model (set WENDA_EMBED_BASE_URL and WENDA_EMBED_MODEL; `wenda reembed` embeds existing documents)", err)
	case errors.Is(err, openai.ErrAuth): // the embedding client's too
		return fmt.Errorf("%w (check %s)", err, endpointVar(err, "WENDA_EMBED_API_KEY", "OPENAI_API_KEY"))
	case errors.Is(err, openai.ErrModel):
		return fmt.Errorf("%w (check %s and the base URL)", err, endpointVar(err, "WENDA_EMBED_MODEL, WENDA_EMBED_BASE_URL", "WENDA_CHAT_MODEL, OPENAI_BASE_URL"))
	case errors.Is(err, openai.ErrContextLength):
		return fmt.Errorf("%w (lower WENDA_CONTEXT_CHARS)", err)
	case errors.Is(err, qdrant.ErrDimension):
		return fmt.Errorf("%w (a collection holds one dimension: name another with QDRANT_COLLECTION)", err)
	case errors.Is(err, qdrant.ErrAuth):
		return fmt.Errorf("%w (check QDRANT_API_KEY)", err)
	case errors.Is(err, wenda.ErrOption):
		return exitError{2, strings.NewReplacer("search mode", "--mode", "lexical ranking", "--lexical").Replace(strings.TrimPrefix(err.Error(), "wenda: "))}
	}
	return err
}

// endpointVar is the setting to check for an endpoint's error: the
// embedding endpoint's (its errors say "embed:") or the chat model's.
func endpointVar(err error, embedding, chat string) string {
	if strings.Contains(err.Error(), "embed:") {
		return embedding
	}
	return chat
}

// embedderFromEnv is the configured embedder: an OpenAI-compatible
// endpoint when WENDA_EMBED_BASE_URL is set, none when WENDA_EMBED_MODEL is
// "none" (BM25 only), else the offline model (nil: the library's
// default) at WENDA_EMBED_DIM.
func embedderFromEnv() (e wenda.Embedder, none bool, err error) {
	url := os.Getenv("WENDA_EMBED_BASE_URL")
	if url == "" {
		switch m := os.Getenv("WENDA_EMBED_MODEL"); m {
		case "none", "off":
			return nil, true, nil
		case "", embed.NewHashed(0).Model():
		default:
			return nil, false, fmt.Errorf("WENDA_EMBED_MODEL=%q needs WENDA_EMBED_BASE_URL, the endpoint that serves it (unset both for the offline model, or set the model to none for BM25 only)", m)
		}
		if v := os.Getenv("WENDA_EMBED_DIM"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 64 {
				return nil, false, fmt.Errorf("WENDA_EMBED_DIM=%q: want a whole number of at least 64", v)
			}
			return embed.NewHashed(n), false, nil
		}
		return nil, false, nil
	}
	cfg := embed.Config{BaseURL: url, APIKey: os.Getenv("WENDA_EMBED_API_KEY"), Model: os.Getenv("WENDA_EMBED_MODEL")}
	for name, dst := range map[string]*int{"WENDA_EMBED_DIM": &cfg.Dimension, "WENDA_EMBED_BATCH": &cfg.BatchSize} {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return nil, false, fmt.Errorf("%s=%q: want a positive whole number", name, v)
			}
			*dst = n
		}
	}
	cfg.SendDimension = os.Getenv("WENDA_EMBED_SEND_DIM") == "1"
	o, err := embed.NewOpenAI(cfg)
	if err != nil {
		return nil, false, err
	}
	return o, false, nil
}

// rerankerFromEnv is the configured reranker and how many candidates it
// reorders: a /rerank endpoint when WENDA_RERANK_BASE_URL is set
// (WENDA_RERANK_MODEL, WENDA_RERANK_API_KEY, WENDA_RERANK_API=jina|tei,
// WENDA_RERANK_DEPTH), else none.
func rerankerFromEnv() (wenda.Reranker, int, error) {
	url := os.Getenv("WENDA_RERANK_BASE_URL")
	depth := 0
	if v := os.Getenv("WENDA_RERANK_DEPTH"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 {
			return nil, 0, fmt.Errorf("WENDA_RERANK_DEPTH=%q: want a whole number of at least 2", v)
		}
		depth = n
	}
	if url == "" {
		if m := os.Getenv("WENDA_RERANK_MODEL"); m != "" {
			return nil, 0, fmt.Errorf("WENDA_RERANK_MODEL=%q needs WENDA_RERANK_BASE_URL, the endpoint that serves it", m)
		}
		return nil, depth, nil
	}
	r, err := rerank.New(rerank.Config{BaseURL: url, Model: os.Getenv("WENDA_RERANK_MODEL"), APIKey: os.Getenv("WENDA_RERANK_API_KEY"),
		API: os.Getenv("WENDA_RERANK_API")})
	if err != nil {
		return nil, 0, fmt.Errorf("%w (check WENDA_RERANK_BASE_URL, WENDA_RERANK_MODEL, WENDA_RERANK_API)", err)
	}
	return r, depth, nil
}

// retrievalFlags are the ranking flags of search, ask, chat, serve and
// the evaluations.
func (c *cli) retrievalFlags(fs *flag.FlagSet) *wenda.SearchOptions {
	r := &wenda.SearchOptions{}
	fs.StringVar(&r.Lexical, "lexical", wenda.LexicalSum, "lexical ranking: sum, rrf, words or bigrams")
	fs.StringVar(&r.Mode, "mode", "", "bm25, vector or hybrid (default: hybrid when the knowledge base has vectors, else bm25)")
	fs.Float64Var(&r.VectorWeight, "vector-weight", 0, "weight of the vector list against BM25's (1) in hybrid fusion (default: 0.2 for the offline model, 1 for an embedding endpoint)")
	return r
}

// printJSON writes v as one line of JSON, Chinese unescaped.
func printJSON(w io.Writer, v interface{}) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// snippetText is a passage's text as a snippet shows it: Markdown's heading
// marks and bold taken off its lines (## 第三章 休假 → 第三章 休假).
func snippetText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if _, title := corpora.MarkdownHeading(strings.TrimLeft(l, " ")); title != "" {
			l = title
		}
		lines[i] = corpora.Unbolded(l)
	}
	return strings.Join(lines, "\n")
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
