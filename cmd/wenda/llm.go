package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/answer/openai"
	"github.com/wenda-rag/wenda/internal/atomicfile"
)

// llmFlags are the chat model's settings; each flag defaults to its
// environment variable.
type llmFlags struct {
	url, key, model string
	contextChars    int
	offline         bool
}

func (c *cli) llmFlags(fs *flag.FlagSet) *llmFlags {
	l := &llmFlags{}
	fs.StringVar(&l.url, "llm", os.Getenv("OPENAI_BASE_URL"), "OpenAI-compatible chat endpoint, e.g. https://api.deepseek.com/v1 (default $OPENAI_BASE_URL; none: answer offline)")
	fs.StringVar(&l.model, "chat-model", os.Getenv("WENDA_CHAT_MODEL"), "chat model (default $WENDA_CHAT_MODEL)")
	fs.BoolVar(&l.offline, "offline", false, "answer without the LLM even when one is configured")
	l.key = os.Getenv("OPENAI_API_KEY")
	l.contextChars, _ = strconv.Atoi(os.Getenv("WENDA_CONTEXT_CHARS"))
	return l
}

// generator is the configured LLM, or nil for offline answers.
func (l *llmFlags) generator() (answer.Generator, error) {
	if l.offline || l.url == "" {
		return nil, nil
	}
	if l.model == "" {
		return nil, exitError{2, "an LLM endpoint is set (OPENAI_BASE_URL or --llm) but no model: set WENDA_CHAT_MODEL or --chat-model (deepseek-chat, qwen-plus, qwen2.5:7b …)"}
	}
	return openai.New(openai.Config{BaseURL: l.url, APIKey: l.key, Model: l.model})
}

// openForAnswers opens the knowledge base of --kb to read, answering with
// the LLM when one is configured.
func (c *cli) openForAnswers(ctx context.Context, rf wenda.SearchOptions, l *llmFlags, opts ...func(*wenda.Config)) (*wenda.KB, error) {
	gen, err := l.generator()
	if err != nil {
		return nil, err
	}
	cfg, err := c.kbConfig(readKB)
	if err != nil {
		return nil, err
	}
	cfg.Retrieval, cfg.LLM, cfg.ContextChars = rf, gen, l.contextChars
	for _, o := range opts {
		o(&cfg)
	}
	k, err := c.openWith(ctx, cfg)
	if err != nil {
		return nil, err
	}
	// A bad --mode or --lexical is said now, not at the first question.
	if _, _, err := k.Retriever(rf); err != nil {
		k.Close()
		return nil, c.explain(err)
	}
	return k, nil
}

// printCitations lists an answer's citations under it.
func printCitations(c *cli, a answer.Answer) {
	if a.Standalone != "" {
		fmt.Fprintf(c.stdout, "  （按“%s”检索）\n", a.Standalone)
	}
	if a.Unsupported {
		fmt.Fprintln(c.stdout, "  ⚠ 这个回答没有引用任何资料，可能不可靠。")
	}
	for _, ct := range a.Citations {
		place := ""
		if p := ct.Place(); p != "" {
			place = "（" + p + "）"
		}
		fmt.Fprintf(c.stdout, "  [%d] %s #%d%s：%s\n", ct.N, ct.Doc, ct.Chunk, place, clipLine(oneLine(ct.Text), 80))
	}
}

func clipLine(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// sessionName is a conversation's name as a file name can hold it.
var sessionName = regexp.MustCompile(`^[\p{L}\p{N}_.-]{1,64}$`)

// session is a conversation kept on disk between runs of `wenda chat`.
type session struct {
	path  string
	Turns []answer.Turn `json:"turns"`
}

func (c *cli) openSession(name string) (*session, error) {
	if !sessionName.MatchString(name) || strings.HasPrefix(name, ".") {
		return nil, exitError{2, fmt.Sprintf("chat: session name %q: use letters, digits, _ . - (at most 64)", name)}
	}
	dir := filepath.Join(c.kbDir(c.g.kb), "sessions")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	s := &session{path: filepath.Join(dir, name+".json")}
	b, err := os.ReadFile(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("chat: session %s is damaged: %w", s.path, err)
	}
	return s, nil
}

// save writes the session whole, atomically.
func (s *session) save() error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(s.path, b, 0o644)
}

const chatHelp = `命令：/sources 显示上一个回答引用的原文；/new 开始新对话；/exit 退出（Ctrl-D 也可以）。`

// chat is an interactive conversation: streamed answers, citations under
// each, follow-ups rewritten from the history, kept on disk.
func (c *cli) chat(ctx context.Context, args []string) error {
	fs := c.flags("chat")
	name := fs.String("session", "default", "conversation to resume or start (kept under the knowledge base's sessions/)")
	rf := c.retrievalFlags(fs)
	lf := c.llmFlags(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	s, err := c.openSession(*name)
	if err != nil {
		return err
	}
	k, err := c.openForAnswers(ctx, *rf, lf)
	if err != nil {
		return err
	}
	defer k.Close()
	mode := "离线（抽取式回答；设置 OPENAI_BASE_URL 和 WENDA_CHAT_MODEL 可用大模型）"
	if g, _ := lf.generator(); g != nil {
		mode = "大模型 " + lf.model + " @ " + lf.url
	}
	fmt.Fprintf(c.stdout, "wenda 对话 · 知识库 %s · 会话 %s · %s\n", c.g.kb, *name, mode)
	if len(s.Turns) > 0 {
		fmt.Fprintf(c.stdout, "已恢复会话 %s：%d 轮。上一问：%s\n", *name, len(s.Turns), s.Turns[len(s.Turns)-1].Question)
	}
	fmt.Fprintln(c.stdout, chatHelp)
	in := bufio.NewScanner(c.stdin)
	in.Buffer(make([]byte, 64*1024), 1<<20)
	var last answer.Answer
	for {
		fmt.Fprint(c.stdout, "\n你：")
		if !in.Scan() {
			fmt.Fprintln(c.stdout)
			return in.Err()
		}
		q := strings.TrimSpace(in.Text())
		switch {
		case q == "":
			continue
		case q == "/exit" || q == "/quit":
			return nil
		case q == "/help":
			fmt.Fprintln(c.stdout, chatHelp)
			continue
		case q == "/new":
			s.Turns = nil
			if err := s.save(); err != nil {
				return err
			}
			fmt.Fprintln(c.stdout, "（新对话）")
			continue
		case q == "/sources":
			if len(last.Citations) == 0 {
				fmt.Fprintln(c.stdout, "（上一个回答没有引用资料）")
			}
			for _, ct := range last.Citations {
				fmt.Fprintf(c.stdout, "[%d] %s #%d %s\n%s\n\n", ct.N, ct.Doc, ct.Chunk, ct.Title, ct.Text)
			}
			continue
		case strings.HasPrefix(q, "/"):
			fmt.Fprintf(c.stdout, "未知命令 %s。%s\n", q, chatHelp)
			continue
		}
		fmt.Fprint(c.stdout, "wenda：")
		// A sentence at a time, each once its citations are checked.
		streamed := false
		a, err := k.Answer(ctx, answer.Request{Question: q, History: s.Turns, OnToken: func(tok string) error {
			streamed = true
			_, err := fmt.Fprint(c.stdout, tok)
			return err
		}})
		// The LLM failed: the offline answer, said to be one.
		var fe *answer.FallbackError
		if errors.As(err, &fe) {
			a, err = fe.Offline, nil
			if streamed {
				fmt.Fprintln(c.stdout) // what the model said before it failed stays above
			}
			fmt.Fprintf(c.stdout, "%s\n", fe.Notice())
			streamed = false
		}
		if err != nil {
			// One failed question does not end the conversation.
			fmt.Fprintf(c.stdout, "\n（出错：%v）\n", c.explain(err))
			continue
		}
		if !streamed {
			fmt.Fprint(c.stdout, a.Answer)
		}
		fmt.Fprintln(c.stdout)
		printCitations(c, a)
		last = a
		standalone := a.Standalone
		if standalone == "" {
			standalone = q
		}
		s.Turns = append(s.Turns, answer.Turn{Question: q, Standalone: a.Standalone, Answer: a.Answer, Entity: k.Topic(standalone)})
		if err := s.save(); err != nil {
			return fmt.Errorf("chat: save session: %w", err)
		}
	}
}
