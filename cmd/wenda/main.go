// Command wenda is a Chinese retrieval-augmented question-answering engine:
// it ingests documents, searches them and answers questions with citations.
// This package only turns flags and environment into the Config structs of
// the other packages and wires them together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
)

const usage = `wenda — 中文检索问答 (Chinese retrieval-augmented question answering)

Usage:
  wenda [--data DIR] [--kb NAME] COMMAND [flags] [args]

Commands:
  quickstart            ingest the bundled sample corpus and answer a few questions
  ingest [--dict F] [--format F] PATH...   add files or folders to a knowledge base: .txt .md .html,
                        .pdf .docx .xlsx .pptx .odt .ods .odp .epub, SQuAD .json, the idiom dictionary's CSV, chinese-poetry and 歇后语 JSON
                        (recognized by content; --format auto|text|squad|idioms|poetry|xiehouyu|facts)
  search [--k N] [--json] [--mode bm25|vector|hybrid] QUERY   ranked passages
  ask [--json] [--simplified] [--offline] [--mode …] [QUESTION]   answer a question (or one per line from standard input)
  serve [--addr 127.0.0.1:8080] [--keys FILE] [--cors ORIGINS]   the HTTP API, an OpenAI-compatible
                        /v1/chat/completions and the web page; a request naming no knowledge base asks --kb's
  chat [--session NAME]  a conversation: streamed answers, follow-ups, /sources; kept on disk and resumed by name
  extract [--chunks] [--json] FILE...   what wenda reads from files (text in reading order; the chunks
                        with their section paths and pages): nothing is ingested
  rm DOC_ID             delete a document
  reembed               rebuild the vectors of every chunk with the configured embedding model
  stats [--json]        documents, chunks, size on disk, vectors, knowledge graph
  kg show NAME | kg stats   an entity's facts with their sources; the graph's size
  kg import FILE...     add your own facts: CSV, TSV or JSON Lines of subject,relation,object[,source]
                        (one searchable document per subject; re-import replaces a subject's facts)
  eval squad [--k 1,5,20] [--json] [--mode bm25,vector,hybrid] [--traditional questions|all] FILE
                        retrieval and answer quality on a SQuAD-layout file
  eval ingest [--json] PATH...   ingest throughput beside gse's raw Cut on the same text
  eval extract [--json] [--peer CMD] FILE REFERENCE   what wenda reads from a file against a reference text
                        (Han F1, bigram recall, MB/s), beside a peer's reading (--peer 'pdftotext -enc UTF-8 {} -')
  eval ann [--n N] [--dim D] [--ef E,...] [--vectors lsa|hashed] [--json] (PATH... | --random)
                                 the approximate vector index against exact search
  eval load [--clients 32] [--duration 60s] [--json] FILE   wenda serve under load on loopback (ask offline, search)
  eval llm [--json] [--limit N] FILE   wenda's time before an LLM's first token (in-process server)
  eval qa [--json] [--stages] QUESTIONS.tsv   accuracy overall and per category, refusal precision and recall, over the
                        current knowledge base (question<TAB>answer|…|REFUSE[<TAB>category]); --stages: where answers were lost
  eval culture [--json] [--kinds K,...] QUESTIONS.tsv   accuracy per kind on culture questions (kind, question, answer)
  eval reverse [--n 300] [--json] IDIOM_FILE   which idiom means …: the explanation, and its last clause, as questions

Global flags (before or after the command):
  --data DIR   data directory (default $WENDA_DATA, else ./wenda-data)
  --kb NAME    knowledge base (default "default")
  --qdrant URL keep vectors in Qdrant (gRPC, e.g. localhost:6334; default $QDRANT_URL, else the embedded index)

Dense vectors come from the offline model unless an OpenAI-compatible embedding endpoint is configured:
  WENDA_EMBED_BASE_URL, WENDA_EMBED_MODEL, WENDA_EMBED_API_KEY (optional), WENDA_EMBED_DIM (optional);
  WENDA_EMBED_MODEL=none turns vectors off

Answers are written by an LLM when an OpenAI-compatible chat endpoint is configured (else offline):
  OPENAI_BASE_URL, OPENAI_API_KEY, WENDA_CHAT_MODEL (or --llm URL --chat-model M on ask and chat);
  WENDA_CONTEXT_CHARS: the sources' budget (default 6000)
`

// global holds the flags every command accepts.
type global struct {
	data, kb string
	qdrant   string // Qdrant's gRPC address; empty: the embedded vector index
}

func main() {
	// WENDA_CPUPROFILE=FILE writes a CPU profile of the run, for finding
	// where time goes before optimizing.
	if path := os.Getenv("WENDA_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			if pprof.StartCPUProfile(f) == nil {
				defer pprof.StopCPUProfile()
			}
		}
	}
	// Indexing allocates many short-lived tokens; collecting less often buys
	// throughput with memory this workload has to spare.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	// But not past a quarter of the machine's memory: on a large ingest
	// (the whole chinese-poetry package holds gigabytes of vectors) a
	// heap five times the live data would exhaust it. The collector works
	// harder near the limit instead.
	if os.Getenv("GOMEMLIMIT") == "" {
		if total := totalMemory(); total > 0 {
			debug.SetMemoryLimit(total / 4)
		}
	}
	// Ctrl-C and SIGTERM (docker stop, systemd, kill) alike: a server lets
	// the requests in flight finish and closes its stores, an ingest stops
	// between files.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if code != 0 {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g, rest, err := globalFlags(args)
	if err != nil {
		fmt.Fprintln(stderr, "wenda:", err)
		return 2
	}
	if len(rest) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := rest[0], rest[1:]
	env := &cli{g: g, cmd: cmd, stdin: stdin, stdout: stdout, stderr: stderr}
	var cmdErr error
	switch cmd {
	case "ingest":
		cmdErr = env.ingest(ctx, rest)
	case "search":
		cmdErr = env.search(ctx, rest)
	case "ask":
		cmdErr = env.ask(ctx, rest)
	case "chat":
		cmdErr = env.chat(ctx, rest)
	case "serve":
		cmdErr = env.serve(ctx, rest)
	case "rm":
		cmdErr = env.rm(ctx, rest)
	case "stats":
		cmdErr = env.stats(ctx, rest)
	case "kg":
		cmdErr = env.kgCmd(ctx, rest)
	case "eval":
		cmdErr = env.eval(ctx, rest)
	case "quickstart":
		cmdErr = env.quickstart(ctx, rest)
	case "extract":
		cmdErr = env.extract(ctx, rest)
	case "reembed":
		cmdErr = env.reembed(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "wenda: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if cmdErr != nil {
		var ex exitError
		if errors.As(cmdErr, &ex) {
			if ex.msg != "" {
				fmt.Fprintln(stderr, "wenda:", ex.msg)
			}
			return ex.code
		}
		if errors.Is(cmdErr, flag.ErrHelp) {
			return 0
		}
		// Library errors start "wenda: "; the command says it once.
		fmt.Fprintf(stderr, "wenda %s: %s\n", cmd, strings.TrimPrefix(cmdErr.Error(), "wenda: "))
		return 1
	}
	return 0
}

// exitError ends a command with a given status.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

// globalFlags takes --data and --kb out of args wherever they stand, so
// `wenda --kb x ask …` and `wenda ask --kb x …` both work, and returns the
// rest in order.
func globalFlags(args []string) (global, []string, error) {
	g := global{data: os.Getenv("WENDA_DATA"), kb: "default", qdrant: os.Getenv("QDRANT_URL")}
	if g.data == "" {
		g.data = "wenda-data"
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || (name != "data" && name != "kb" && name != "qdrant") {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return g, nil, fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			val = args[i]
		}
		switch name {
		case "data":
			g.data = val
		case "kb":
			g.kb = val
		default:
			g.qdrant = val
		}
	}
	if g.kb == "" || strings.ContainsAny(g.kb, `/\`) || strings.HasPrefix(g.kb, ".") {
		return g, nil, fmt.Errorf("--kb %q: a knowledge base name is a plain name (no slashes, not starting with a dot)", g.kb)
	}
	return g, rest, nil
}

// parseInterleaved parses flags that may stand before or after positional
// arguments (`wenda search 问题 --k 5`), returning the positional ones.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// totalMemory is the machine's memory in bytes (Linux), or 0.
func totalMemory() int64 {
	raw, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}
