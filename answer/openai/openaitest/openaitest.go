// Package openaitest is an in-process OpenAI-compatible chat server on
// loopback, for tests and for measuring wenda without a real LLM: it
// records what it is sent and answers with scripted replies, streamed as
// Server-Sent Events when asked, or with errors and delays.
package openaitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Message is a chat message as sent.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Request is what a client sent to /chat/completions.
type Request struct {
	Model    string    `json:"model"`
	Messages []Message `json:"messages"`
	Stream   bool      `json:"stream"`
	Auth     string    `json:"-"` // the Authorization header
	At       time.Time `json:"-"` // when it arrived
}

// Reply is the server's answer to one request.
type Reply struct {
	Content    string        // the completion; streamed in pieces of Piece runes
	Piece      int           // runes per streamed chunk; default 2
	Status     int           // an error status instead (401, 404, 429, 500 …)
	Error      string        // its message
	Code       string        // its code (context_length_exceeded …)
	RetryAfter string        // the Retry-After header with it
	Delay      time.Duration // wait before answering (or between chunks when streaming)
	CutAfter   int           // streaming: drop the connection after this many chunks (0: never)
}

// Server is the fake endpoint. Its URL ends in /v1, as clients expect.
type Server struct {
	*httptest.Server
	URL string

	mu       sync.Mutex
	requests []Request
	script   func(Request) Reply
}

// New starts a server that answers every request with script's reply.
func New(script func(Request) Reply) *Server {
	s := &Server{script: script}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	s.URL = s.Server.URL + "/v1"
	return s
}

// Requests returns what was sent so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" || r.Method != http.MethodPost {
		http.Error(w, `{"error":{"message":"no such route"}}`, http.StatusNotFound)
		return
	}
	var req Request
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "bad JSON: "+err.Error(), "")
		return
	}
	req.Auth, req.At = r.Header.Get("Authorization"), time.Now()
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	rep := s.script(req)
	if rep.Delay > 0 && !req.Stream {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.Status != 0 {
		if rep.RetryAfter != "" {
			w.Header().Set("Retry-After", rep.RetryAfter)
		}
		writeError(w, rep.Status, rep.Error, rep.Code)
		return
	}
	id, now := "chatcmpl-test", time.Now().Unix()
	if !req.Stream {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"id": id, "object": "chat.completion", "created": now, "model": req.Model,
			"choices": []map[string]any{{"index": 0, "message": map[string]string{"role": "assistant", "content": rep.Content}, "finish_reason": "stop"}},
			"usage":   map[string]int{"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	fl, _ := w.(http.Flusher)
	send := func(delta map[string]string, finish any) {
		b, _ := json.Marshal(map[string]any{"id": id, "object": "chat.completion.chunk", "created": now, "model": req.Model,
			"choices": []map[string]any{{"index": 0, "delta": delta, "finish_reason": finish}}})
		fmt.Fprintf(w, "data: %s\n\n", b)
		if fl != nil {
			fl.Flush()
		}
	}
	send(map[string]string{"role": "assistant", "content": ""}, nil)
	piece := rep.Piece
	if piece <= 0 {
		piece = 2
	}
	for i, n := 0, 0; i < len(rep.Content); n++ {
		if rep.CutAfter > 0 && n == rep.CutAfter {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
				}
			}
			return
		}
		j := i
		for k := 0; k < piece && j < len(rep.Content); k++ {
			_, size := utf8.DecodeRuneInString(rep.Content[j:])
			j += size
		}
		send(map[string]string{"content": rep.Content[i:j]}, nil)
		i = j
		if rep.Delay > 0 {
			select {
			case <-time.After(rep.Delay):
			case <-r.Context().Done():
				return
			}
		}
	}
	send(map[string]string{}, "stop")
	fmt.Fprint(w, "data: [DONE]\n\n")
	if fl != nil {
		fl.Flush()
	}
}

func writeError(w http.ResponseWriter, status int, msg, code string) {
	if msg == "" {
		msg = strings.ToLower(http.StatusText(status))
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "code": code}})
}

// Fixed answers every request with content.
func Fixed(content string) func(Request) Reply {
	return func(Request) Reply { return Reply{Content: content} }
}
