// Package llmbench measures what wenda adds before a language model's
// first token: retrieval, context assembly and the request. Its model is
// the zero-latency one the measurement needs, an OpenAI-compatible chat
// endpoint on loopback that streams one fixed reply the moment it is
// asked, so the time to the first token is wenda's own. It is a measuring
// instrument, not a test double: it neither records requests nor fails on
// cue.
package llmbench

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/eval"
)

// Reply is the zero-latency model: an http.Handler for POST
// /v1/chat/completions that answers every request with the reply itself,
// as one Server-Sent Events chunk followed by "data: [DONE]" when the
// request streams, or as one JSON completion when it does not.
type Reply string

type delta struct {
	Content string `json:"content,omitempty"`
}

type choice struct {
	Index        int     `json:"index"`
	Delta        *delta  `json:"delta,omitempty"`
	Message      *msg    `json:"message,omitempty"`
	FinishReason *string `json:"finish_reason"`
}

type msg struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

type completion struct {
	Object  string   `json:"object"`
	Model   string   `json:"model"`
	Choices []choice `json:"choices"`
}

func (rep Reply) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		Model  string `json:"model"`
		Stream bool   `json:"stream"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	stop := "stop"
	if !req.Stream {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(completion{"chat.completion", req.Model, []choice{{Message: &msg{"assistant", string(rep)}, FinishReason: &stop}}})
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	enc := json.NewEncoder(w) // each event is one line of JSON
	for _, c := range []choice{{Delta: &delta{string(rep)}}, {Delta: &delta{}, FinishReason: &stop}} {
		w.Write([]byte("data: "))
		enc.Encode(completion{"chat.completion.chunk", req.Model, []choice{c}})
		w.Write([]byte("\n"))
	}
	w.Write([]byte("data: [DONE]\n\n"))
}

// Server is a Reply served on a loopback port.
type Server struct {
	// URL is the OpenAI-compatible base URL, ending in /v1.
	URL string
	hs  *http.Server
}

// Listen serves rep on a free loopback port until Close.
func Listen(rep Reply) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String() + "/v1", hs: &http.Server{Handler: rep}}
	go s.hs.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.hs.Close() }

// Answerer answers a question through a language model (wenda.KB).
type Answerer interface {
	Answer(ctx context.Context, req answer.Request) (answer.Answer, error)
}

// Result is what Measure measured, in milliseconds.
type Result struct {
	Questions int
	// FirstToken is from the question to the model's first piece.
	FirstTokenP50MS, FirstTokenP99MS float64
	// Retrieval is retrieval and context assembly.
	RetrievalP50MS, RetrievalP99MS float64
	// Request is FirstToken less Retrieval: the request to the model and
	// its first piece back.
	RequestP50MS, RequestP99MS float64
}

// Measure asks every question through a, streaming, and times the first
// token. a's model should be a Reply, so the times are a's alone.
func Measure(ctx context.Context, a Answerer, questions []string) (Result, error) {
	var first, retrieval, request []time.Duration
	for _, q := range questions {
		ans, err := a.Answer(ctx, answer.Request{Question: q, OnToken: func(string) error { return nil }})
		if err != nil {
			return Result{}, err
		}
		if ans.Timings.FirstToken <= 0 {
			return Result{}, errors.New("llmbench: an answer with no first token (no language model configured, or an empty reply)")
		}
		first = append(first, ans.Timings.FirstToken)
		retrieval = append(retrieval, ans.Timings.Retrieval)
		request = append(request, ans.Timings.FirstToken-ans.Timings.Retrieval)
	}
	return Result{
		Questions:       len(questions),
		FirstTokenP50MS: eval.Percentile(first, 50), FirstTokenP99MS: eval.Percentile(first, 99),
		RetrievalP50MS: eval.Percentile(retrieval, 50), RetrievalP99MS: eval.Percentile(retrieval, 99),
		RequestP50MS: eval.Percentile(request, 50), RequestP99MS: eval.Percentile(request, 99),
	}, nil
}
