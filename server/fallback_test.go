package server

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/wenda-rag/wenda/answer"
)

// TestFallback: when a knowledge base's LLM failed and it answered offline
// (answer.FallbackError), every answering route gives that answer marked
// as such, with the error — /v1/ask as JSON and streamed,
// /v1/chat/completions plain and streamed — where it gave only an error.
func TestFallback(t *testing.T) {
	lib := newFakeLibrary("default")
	off := answer.Answer{Question: "年假有几天？", Answer: "员工每年享有带薪年假十五天。", Found: true, Mode: answer.ModeExtractive,
		Citations: []answer.Citation{{N: 1, Doc: "default/leave.md", Title: "休假制度", Text: "员工每年享有带薪年假十五天。"}}}
	lib.kbs["default"].err = &answer.FallbackError{Err: errors.New("openai: test-model at http://127.0.0.1:9/v1: the endpoint cannot be reached"), Offline: off}
	ts := newTest(t, Config{Loopback: true}, lib)

	code, _, body := do(t, "POST", ts.URL+"/v1/ask", "", `{"question":"年假有几天？"}`)
	var a struct {
		Answer   string `json:"answer"`
		Mode     string `json:"mode"`
		Fallback bool   `json:"fallback"`
		Error    string `json:"error"`
	}
	if err := json.Unmarshal([]byte(body), &a); err != nil || code != 200 || a.Answer != off.Answer || a.Mode != answer.ModeExtractive ||
		!a.Fallback || !strings.Contains(a.Error, "cannot be reached") {
		t.Errorf("ask: %d %s", code, body)
	}
	code, _, body = do(t, "POST", ts.URL+"/v1/ask", "", `{"question":"年假有几天？","stream":true}`)
	if code != 200 || !strings.Contains(body, "大模型不可用（") || !strings.Contains(body, `"fallback":true`) ||
		strings.Contains(body, "event: error") || !strings.HasSuffix(body, "event: done\ndata: {\"done\":true}\n\n") {
		t.Errorf("ask streamed: %d\n%s", code, body)
	}
	for _, stream := range []string{"false", "true"} {
		code, _, body = do(t, "POST", ts.URL+"/v1/chat/completions", "", `{"model":"default","stream":`+stream+`,"messages":[{"role":"user","content":"年假有几天？"}]}`)
		if code != 200 || !strings.Contains(body, "大模型不可用（") || !strings.Contains(body, "员工每年享有带薪年假十五天。") || !strings.Contains(body, `"fallback":true`) {
			t.Errorf("chat completions (stream %s): %d\n%s", stream, code, body)
		}
	}
}
