package openai

import (
	"context"
	"errors"
	"net"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/answer/openai/openaitest"
)

var msgs = []answer.Message{{Role: answer.RoleSystem, Content: "只依据资料回答。"}, {Role: answer.RoleUser, Content: "洛阳纸贵是什么意思？"}}

func newChat(t *testing.T, url string) (*Chat, *[]time.Duration) {
	t.Helper()
	c, err := New(Config{BaseURL: url, APIKey: "sk-test", Model: "deepseek-chat"})
	if err != nil {
		t.Fatal(err)
	}
	var waits []time.Duration
	c.sleep = func(ctx context.Context, d time.Duration) error { waits = append(waits, d); return ctx.Err() }
	return c, &waits
}

func TestGenerateAndStream(t *testing.T) {
	srv := openaitest.New(openaitest.Fixed("比喻著作有价值，流传广[1]。"))
	defer srv.Close()
	c, _ := newChat(t, srv.URL)
	got, err := c.Generate(context.Background(), msgs)
	if err != nil || got != "比喻著作有价值，流传广[1]。" {
		t.Fatalf("Generate = %q, %v", got, err)
	}
	var pieces []string
	got, err = c.Stream(context.Background(), msgs, func(p string) error { pieces = append(pieces, p); return nil })
	if err != nil || got != "比喻著作有价值，流传广[1]。" || len(pieces) < 5 || strings.Join(pieces, "") != got {
		t.Fatalf("Stream = %q, %v, pieces %q", got, err, pieces)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || reqs[0].Stream || !reqs[1].Stream {
		t.Fatalf("requests %+v", reqs)
	}
	for _, r := range reqs {
		if r.Model != "deepseek-chat" || r.Auth != "Bearer sk-test" || len(r.Messages) != 2 || r.Messages[0].Role != "system" || r.Messages[1].Content != "洛阳纸贵是什么意思？" {
			t.Errorf("sent %+v", r)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		rep  openaitest.Reply
		want error
		hint string
	}{
		{"bad key", openaitest.Reply{Status: 401, Error: "Incorrect API key provided"}, ErrAuth, "HTTP 401"},
		{"unknown model", openaitest.Reply{Status: 404, Error: "The model `gpt-9` does not exist"}, ErrModel, "/v1"},
		{"context length", openaitest.Reply{Status: 400, Error: "This model's maximum context length is 8192 tokens", Code: "context_length_exceeded"}, ErrContextLength, "fewer sources"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var n atomic.Int32
			srv := openaitest.New(func(openaitest.Request) openaitest.Reply { n.Add(1); return c.rep })
			defer srv.Close()
			ch, waits := newChat(t, srv.URL)
			for _, stream := range []bool{false, true} {
				var err error
				if stream {
					_, err = ch.Stream(context.Background(), msgs, nil)
				} else {
					_, err = ch.Generate(context.Background(), msgs)
				}
				if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.hint) || !strings.Contains(err.Error(), srv.URL) {
					t.Errorf("stream %v: %v; want %v naming %s and the endpoint", stream, err, c.want, c.hint)
				}
			}
			if n.Load() != 2 || len(*waits) != 0 {
				t.Errorf("%d requests, %d retries; want 2 and none", n.Load(), len(*waits))
			}
		})
	}
}

func TestRetries(t *testing.T) {
	var n atomic.Int32
	srv := openaitest.New(func(openaitest.Request) openaitest.Reply {
		switch n.Add(1) {
		case 1:
			return openaitest.Reply{Status: 429, Error: "rate limited", RetryAfter: "2"}
		case 2:
			return openaitest.Reply{Status: 500}
		case 3:
			return openaitest.Reply{Status: 503}
		}
		return openaitest.Reply{Content: "好[1]"}
	})
	defer srv.Close()
	c, waits := newChat(t, srv.URL)
	got, err := c.Stream(context.Background(), msgs, nil)
	if err != nil || got != "好[1]" {
		t.Fatalf("after retries: %q, %v", got, err)
	}
	if len(*waits) != 3 || (*waits)[0] != 2*time.Second || (*waits)[1] < 500*time.Millisecond || (*waits)[2] < time.Second {
		t.Errorf("waits %v; want 2s (Retry-After), then backoff from 500 ms", *waits)
	}
	// Retries run out: the last error, and no more attempts than allowed.
	n.Store(0)
	srv2 := openaitest.New(func(openaitest.Request) openaitest.Reply { n.Add(1); return openaitest.Reply{Status: 500} })
	defer srv2.Close()
	c2, _ := newChat(t, srv2.URL)
	if _, err := c2.Generate(context.Background(), msgs); err == nil || n.Load() != 4 {
		t.Errorf("%v after %d requests; want an error after 4", err, n.Load())
	}
}

func TestUnreachableSlowAndCut(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	c, waits := newChat(t, "http://"+addr+"/v1")
	if _, err := c.Generate(context.Background(), msgs); !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), addr) || len(*waits) != 3 {
		t.Errorf("unreachable: %v after %d retries", err, len(*waits))
	}
	slow := openaitest.New(func(openaitest.Request) openaitest.Reply {
		return openaitest.Reply{Content: "慢", Delay: 5 * time.Second}
	})
	defer slow.Close()
	c, _ = newChat(t, slow.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.Generate(ctx, msgs); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("slow: %v after %v; want the context's deadline", err, time.Since(start))
	}
	cut := openaitest.New(func(openaitest.Request) openaitest.Reply {
		return openaitest.Reply{Content: "一二三四五六七八", CutAfter: 2}
	})
	defer cut.Close()
	c, _ = newChat(t, cut.URL)
	got, err := c.Stream(context.Background(), msgs, nil)
	if err == nil || got != "一二三四" || !strings.Contains(err.Error(), "cut off") {
		t.Errorf("cut: %q, %v; want the first two pieces and an error", got, err)
	}
}

// TestLive runs against a real endpoint when OPENAI_BASE_URL is set.
func TestLive(t *testing.T) {
	base := os.Getenv("OPENAI_BASE_URL")
	if base == "" {
		t.Skip("skipped: set OPENAI_BASE_URL (and OPENAI_API_KEY, WENDA_CHAT_MODEL) to run against a live endpoint")
	}
	model := os.Getenv("WENDA_CHAT_MODEL")
	if model == "" {
		model = "gpt-4o-mini"
	}
	c, err := New(Config{BaseURL: base, APIKey: os.Getenv("OPENAI_API_KEY"), Model: model})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	live := []answer.Message{{Role: "user", Content: "只回答一个字：天"}}
	if got, err := c.Generate(ctx, live); err != nil || got == "" {
		t.Errorf("Generate: %q, %v", got, err)
	}
	n := 0
	if got, err := c.Stream(ctx, live, func(string) error { n++; return nil }); err != nil || got == "" || n == 0 {
		t.Errorf("Stream: %q, %v, %d pieces", got, err, n)
	}
}
