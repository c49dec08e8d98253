package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/wenda-rag/wenda/answer/openai/openaitest"
)

// poemLLM is a scripted model for the sample corpus: it rewrites a
// follow-up about 登鹳雀楼 and answers with a citation of source 1.
func poemLLM() *openaitest.Server {
	return openaitest.New(func(r openaitest.Request) openaitest.Reply {
		sys := r.Messages[0].Content
		last := r.Messages[len(r.Messages)-1].Content
		switch {
		case strings.HasPrefix(sys, "把用户的追问改写"):
			return openaitest.Reply{Content: "《登鹳雀楼》是谁写的？"}
		case strings.Contains(last, "问题：《登鹳雀楼》是谁写的？"):
			return openaitest.Reply{Content: "《登鹳雀楼》是唐代诗人王之涣写的[1]。"}
		case strings.Contains(last, "白日依山尽"):
			return openaitest.Reply{Content: "下一句是“黄河入海流”[1]。"}
		}
		return openaitest.Reply{Content: "资料中没有找到相关答案。"}
	})
}

func llmEnv(t *testing.T, srv *openaitest.Server) {
	t.Setenv("OPENAI_BASE_URL", srv.URL)
	t.Setenv("OPENAI_API_KEY", "sk-test")
	t.Setenv("WENDA_CHAT_MODEL", "test-model")
}

func TestAskWithLLM(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "demo", "quickstart")
	srv := poemLLM()
	defer srv.Close()
	llmEnv(t, srv)
	out := mustRun(t, "--data", data, "--kb", "demo", "ask", "白日依山尽的下一句是什么？")
	if !strings.Contains(out, "答：下一句是“黄河入海流”[1]。") || !strings.Contains(out, "  [1] ") {
		t.Errorf("ask:\n%s", out)
	}
	var a struct {
		Mode      string `json:"mode"`
		Citations []struct {
			N   int    `json:"n"`
			Doc string `json:"doc"`
		} `json:"citations"`
		Facts   []json.RawMessage `json:"facts"`
		Timings struct {
			FirstToken int64 `json:"first_token_ns"`
		} `json:"timings"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--kb", "demo", "ask", "--json", "白日依山尽的下一句是什么？")), &a); err != nil {
		t.Fatal(err)
	}
	if a.Mode != "llm" || len(a.Citations) != 1 || a.Citations[0].N != 1 || len(a.Facts) == 0 || a.Timings.FirstToken <= 0 {
		t.Errorf("ask --json: %+v", a)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || !reqs[0].Stream || reqs[1].Stream || reqs[0].Model != "test-model" {
		t.Errorf("requests: %d, stream %v/%v", len(reqs), reqs[0].Stream, reqs[1].Stream)
	}
	// --offline answers from the facts, with no request.
	if out := mustRun(t, "--data", data, "--kb", "demo", "ask", "--offline", "白日依山尽的下一句是什么？"); !strings.Contains(out, "答：黄河入海流") || len(srv.Requests()) != 2 {
		t.Errorf("offline:\n%s", out)
	}
	// A model unset is a clear error.
	t.Setenv("WENDA_CHAT_MODEL", "")
	if code, _, errs := runCLI(t, "", "--data", data, "--kb", "demo", "ask", "年假有几天"); code != 2 || !strings.Contains(errs, "WENDA_CHAT_MODEL") {
		t.Errorf("no model: exit %d, %s", code, errs)
	}
}

func TestChatSession(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "demo", "quickstart")
	srv := poemLLM()
	defer srv.Close()
	llmEnv(t, srv)
	code, out, errs := runCLI(t, "白日依山尽的下一句是什么？\n那它是谁写的？\n/sources\n/exit\n", "--data", data, "--kb", "demo", "chat", "--session", "诗词")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"wenda：下一句是“黄河入海流”[1]。", "wenda：《登鹳雀楼》是唐代诗人王之涣写的[1]。", "（按“《登鹳雀楼》是谁写的？”检索）", "[1] "} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%s", want, out)
		}
	}
	// The rewrite was asked with the history, and the answer with the
	// rewritten question.
	reqs := srv.Requests()
	if len(reqs) != 3 || !strings.Contains(reqs[1].Messages[1].Content, "用户：白日依山尽的下一句是什么？") {
		t.Errorf("requests %+v", reqs)
	}
	// Resumed from disk.
	_, out, _ = runCLI(t, "/exit\n", "--data", data, "--kb", "demo", "chat", "--session", "诗词")
	if !strings.Contains(out, "已恢复会话 诗词：2 轮") {
		t.Errorf("resume:\n%s", out)
	}
	if code, _, errs := runCLI(t, "", "--data", data, "--kb", "demo", "chat", "--session", "../x"); code != 2 || !strings.Contains(errs, "session name") {
		t.Errorf("bad session name: %d %s", code, errs)
	}
}

// TestChatPTY drives `wenda chat` through a pseudo-terminal, as a person
// at a terminal would: two turns, the second a follow-up. WENDA_TRANSCRIPT
// names a file to keep the transcript in.
func TestChatPTY(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "wenda")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "demo", "quickstart")
	srv := poemLLM()
	defer srv.Close()
	cmd := exec.Command(bin, "--data", data, "--kb", "demo", "chat", "--session", "demo")
	cmd.Env = append(os.Environ(), "OPENAI_BASE_URL="+srv.URL, "OPENAI_API_KEY=sk-test", "WENDA_CHAT_MODEL=test-model")
	f, err := pty.Start(cmd)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var transcript bytes.Buffer
	r := bufio.NewReader(io.TeeReader(f, &transcript))
	mark := 0 // what was waited for so far
	waitFor := func(s string) {
		t.Helper()
		done := make(chan bool)
		go func() {
			for !strings.Contains(transcript.String()[mark:], s) {
				if _, err := r.ReadByte(); err != nil {
					done <- false
					return
				}
			}
			done <- true
		}()
		select {
		case ok := <-done:
			if !ok {
				t.Fatalf("ended without %q:\n%s", s, transcript.String())
			}
			out := transcript.String()
			mark += strings.Index(out[mark:], s) + len(s)
		case <-time.After(60 * time.Second):
			t.Fatalf("no %q in:\n%s", s, transcript.String())
		}
	}
	waitFor("你：")
	f.Write([]byte("白日依山尽的下一句是什么？\r"))
	waitFor("黄河入海流”[1]。")
	waitFor("你：")
	f.Write([]byte("那它是谁写的？\r"))
	waitFor("王之涣写的[1]。")
	waitFor("你：")
	f.Write([]byte("/exit\r"))
	cmd.Wait()
	out := transcript.String()
	if !strings.Contains(out, "（按“《登鹳雀楼》是谁写的？”检索）") || strings.Count(out, "[1] ") < 2 {
		t.Errorf("transcript:\n%s", out)
	}
	if p := os.Getenv("WENDA_TRANSCRIPT"); p != "" {
		os.WriteFile(p, []byte(strings.ReplaceAll(out, "\r", "")), 0o644)
	}
}

// TestAskStreamCheckedCitations: `wenda ask` streams the LLM's answer a
// sentence at a time, each once its citations are checked: a citation
// whose source shares nothing with its sentence ([2] on a sentence about
// something else) never reaches the terminal, the good ones do.
func TestAskStreamCheckedCitations(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "demo", "quickstart")
	srv := openaitest.New(func(r openaitest.Request) openaitest.Reply {
		return openaitest.Reply{Content: "当年未休完的年假最多可以顺延到次年3月31日[1]。火星探测器明天发射[2]。逾期作废[1]。", Piece: 1}
	})
	defer srv.Close()
	llmEnv(t, srv)
	out := mustRun(t, "--data", data, "--kb", "demo", "ask", "年假可以顺延到什么时候？")
	if !strings.Contains(out, "答：当年未休完的年假最多可以顺延到次年3月31日[1]。火星探测器明天发射。逾期作废[1]。\n") || strings.Contains(out, "[2]") {
		t.Errorf("ask:\n%s", out)
	}
	// `wenda chat` the same.
	_, chat, _ := runCLI(t, "年假可以顺延到什么时候？\n/exit\n", "--data", data, "--kb", "demo", "chat", "--session", "s")
	if !strings.Contains(chat, "wenda：当年未休完的年假最多可以顺延到次年3月31日[1]。火星探测器明天发射。逾期作废[1]。\n") || strings.Contains(chat, "[2]") {
		t.Errorf("chat:\n%s", chat)
	}
	// Source 2 was there to cite: the citation was dropped for what it
	// cites, not for its number.
	if reqs := srv.Requests(); len(reqs) != 2 || !strings.Contains(reqs[0].Messages[len(reqs[0].Messages)-1].Content, `<资料 编号="2"`) || !reqs[0].Stream {
		t.Errorf("requests %+v", reqs)
	}
}

// TestAskFallback: when the chat endpoint fails (500 after the client's
// retries), `wenda ask` says so and gives the offline answer; --json marks
// it with fallback and the error.
func TestAskFallback(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "--data", data, "--kb", "demo", "quickstart")
	srv := openaitest.New(func(openaitest.Request) openaitest.Reply {
		return openaitest.Reply{Status: 500, Error: "upstream overloaded", RetryAfter: "0.01"}
	})
	defer srv.Close()
	llmEnv(t, srv)
	out := mustRun(t, "--data", data, "--kb", "demo", "ask", "年假可以顺延到什么时候？")
	if !strings.Contains(out, "大模型不可用（") || !strings.Contains(out, "upstream overloaded") || !strings.Contains(out, "），以下是离线答案：\n答：") ||
		!strings.Contains(out, "3月31日") || !strings.Contains(out, "  [1] ") {
		t.Errorf("ask:\n%s", out)
	}
	var a struct {
		Answer   string `json:"answer"`
		Mode     string `json:"mode"`
		Fallback bool   `json:"fallback"`
		Error    string `json:"error"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--kb", "demo", "ask", "--json", "年假可以顺延到什么时候？")), &a); err != nil {
		t.Fatal(err)
	}
	if !a.Fallback || a.Mode == "llm" || !strings.Contains(a.Answer, "3月31日") || !strings.Contains(a.Error, "upstream overloaded") {
		t.Errorf("ask --json: %+v", a)
	}
}
