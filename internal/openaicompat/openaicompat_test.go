package openaicompat

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tests := map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"0.5":                           500 * time.Millisecond,
		"Sun, 29 Nov 2026 12:00:10 GMT": 10 * time.Second,
		"soon":                          0,
		"99999":                         5 * time.Minute,
	}
	for in, want := range tests {
		if got := ParseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v; want %v", in, got, want)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		err   error
		retry bool
		is    error
		says  string
	}{
		{&openai.APIError{HTTPStatusCode: 401, Message: "bad key"}, false, ErrAuth, "HTTP 40"},
		{&openai.APIError{HTTPStatusCode: 403}, false, ErrAuth, "HTTP 40"},
		{&openai.APIError{HTTPStatusCode: 404, Message: "model not found"}, false, ErrModel, "/v1"},
		{&openai.APIError{HTTPStatusCode: 400, Code: "context_length_exceeded", Message: "too many tokens"}, false, ErrContextLength, "fewer sources"},
		{&openai.APIError{HTTPStatusCode: 400, Message: "This model's maximum context length is 8192 tokens"}, false, ErrContextLength, ""},
		{&openai.APIError{HTTPStatusCode: 400, Message: "bad temperature"}, false, nil, "bad temperature"},
		{&openai.APIError{HTTPStatusCode: 429}, true, nil, ""},
		{&openai.RequestError{HTTPStatusCode: 502, Err: errors.New("bad gateway")}, true, nil, ""},
		{fmt.Errorf("post: %w", &net.OpError{Op: "dial", Err: errors.New("connection refused")}), true, ErrUnreachable, "connection refused"},
		{errors.New("something else"), false, nil, "something else"},
	} {
		retry, report := Classify(c.err)
		if retry != c.retry || (c.is != nil && !errors.Is(report, c.is)) || (c.says != "" && !strings.Contains(report.Error(), c.says)) {
			t.Errorf("Classify(%v) = %v, %v; want retry %v, %v, saying %q", c.err, retry, report, c.retry, c.is, c.says)
		}
	}
}
