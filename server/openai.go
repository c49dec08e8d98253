package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/wenda-rag/wenda/answer"
)

// The OpenAI-compatible endpoint: chat clients and SDKs use a knowledge
// base as a model. The answer's citations survive twice: as [n] in the
// text with the sources listed at its end, and as a "citations" field.

type chatMessage struct {
	Role    string `json:"role"`
	Content any    `json:"content"` // a string, or parts [{type, text}]
}

func (m chatMessage) text() string {
	switch c := m.Content.(type) {
	case string:
		return c
	case []any:
		var b strings.Builder
		for _, p := range c {
			if pm, ok := p.(map[string]any); ok {
				if t, ok := pm["text"].(string); ok {
					b.WriteString(t)
				}
			}
		}
		return b.String()
	}
	return ""
}

type chatRequest struct {
	Model    string        `json:"model"`
	Messages []chatMessage `json:"messages"`
	Stream   bool          `json:"stream"`
}

// Citation is a source as the OpenAI-compatible endpoint lists it.
type Citation struct {
	N     int    `json:"n"`
	Doc   string `json:"doc"`
	Chunk int    `json:"chunk"`
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
	// Start and End are the cited sentence's character offsets in the
	// document (answer.Citation's).
	Start int `json:"start"`
	End   int `json:"end"`
	// Where in the file (answer.Citation's).
	Section string `json:"section,omitempty"`
	Page    int    `json:"page,omitempty"`
	Where   string `json:"where,omitempty"`
}

func citationsOf(a answer.Answer) []Citation {
	out := make([]Citation, len(a.Citations))
	for i, c := range a.Citations {
		out[i] = Citation{N: c.N, Doc: c.Doc, Chunk: c.Chunk, Title: c.Title, Text: c.Text, Start: c.Start, End: c.End, Section: c.Section, Page: c.Page, Where: c.Where}
	}
	return out
}

// sourcesText is the list of sources appended to the message text.
func sourcesText(a answer.Answer) string {
	if len(a.Citations) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n来源：")
	for _, c := range citationsOf(a) {
		title := c.Title
		if title == "" {
			title = c.Doc
		}
		place := fmt.Sprintf("%s #%d", c.Doc, c.Chunk)
		if p := (answer.Citation{Section: c.Section, Page: c.Page, Where: c.Where}).Place(); p != "" {
			place += "，" + p
		}
		fmt.Fprintf(&b, "\n[%d] %s（%s）", c.N, title, place)
	}
	return b.String()
}

func (s *Server) chatCompletions(w http.ResponseWriter, r *http.Request) {
	var req chatRequest
	if !s.decode(w, r, &req) {
		return
	}
	// The last user message is the question; the pairs before it, the
	// conversation, its latest turns held to the limits of /v1/ask.
	var q string
	var hist []answer.Turn
	var pending string
	for i, m := range req.Messages {
		switch m.Role {
		case "user":
			if i == len(req.Messages)-1 {
				q = m.text()
			} else {
				pending = m.text()
			}
		case "assistant":
			if pending != "" {
				hist = append(hist, answer.Turn{Question: pending, Answer: m.text()})
				pending = ""
			}
		}
	}
	q = strings.TrimSpace(q)
	if q == "" {
		writeError(w, http.StatusBadRequest, `"messages" must end with a user message`)
		return
	}
	hist = latest(hist)
	if msg := checkConversation(q, hist); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	kb := req.Model
	if kb == "" || kb == "wenda" {
		kb = s.cfg.DefaultKB
	}
	k := s.kb(w, r, kb, false)
	if k == nil {
		return
	}
	id := fmt.Sprintf("chatcmpl-wenda-%d", time.Now().UnixNano())
	created := time.Now().Unix()
	if !req.Stream {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		a, err := k.Answer(ctx, answer.Request{Question: q, History: hist})
		notice, extra := "", map[string]any{}
		if fe := (*answer.FallbackError)(nil); errors.As(err, &fe) {
			// The LLM failed: the offline answer, said to be one.
			a, err = fe.Offline, nil
			notice, extra = fe.Notice()+"\n", s.fallbackFields(kb, fe)
		}
		if err != nil {
			s.fail(w, kb, err, http.StatusBadGateway)
			return
		}
		res := map[string]any{
			"id": id, "object": "chat.completion", "created": created, "model": req.Model,
			"choices": []map[string]any{{"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": notice + a.Answer + sourcesText(a)}}},
			"usage":     map[string]int{"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
			"citations": citationsOf(a), "mode": a.Mode,
		}
		for k, v := range extra {
			res[k] = v
		}
		writeJSON(w, http.StatusOK, res)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	fl, _ := w.(http.Flusher)
	chunk := func(delta map[string]any, finish any, extra map[string]any) error {
		m := map[string]any{"id": id, "object": "chat.completion.chunk", "created": created, "model": req.Model,
			"choices": []map[string]any{{"index": 0, "delta": delta, "finish_reason": finish}}}
		for k, v := range extra {
			m[k] = v
		}
		js, _ := json.Marshal(m)
		if _, err := fmt.Fprintf(w, "data: %s\n\n", js); err != nil {
			return err
		}
		if fl != nil {
			fl.Flush()
		}
		return nil
	}
	chunk(map[string]any{"role": "assistant", "content": ""}, nil, nil)
	// An LLM's answer comes a sentence at a time, each once its citations
	// are checked: a citation the answer drops is never sent.
	streamed := false
	a, err := k.Answer(r.Context(), answer.Request{Question: q, History: hist, OnToken: func(tok string) error {
		streamed = true
		return chunk(map[string]any{"content": tok}, nil, nil)
	}})
	extra := map[string]any{}
	if fe := (*answer.FallbackError)(nil); errors.As(err, &fe) {
		// The LLM failed: the offline answer, said to be one.
		a, err = fe.Offline, nil
		chunk(map[string]any{"content": "\n" + fe.Notice() + "\n"}, nil, nil)
		streamed, extra = false, s.fallbackFields(kb, fe)
	}
	if err != nil {
		chunk(map[string]any{"content": "\n（出错：" + s.clean(err.Error()) + "）"}, "stop", nil)
		fmt.Fprint(w, "data: [DONE]\n\n")
		return
	}
	tail := sourcesText(a)
	if !streamed {
		tail = a.Answer + tail
	}
	if tail != "" {
		chunk(map[string]any{"content": tail}, nil, nil)
	}
	extra["citations"], extra["mode"] = citationsOf(a), a.Mode
	chunk(map[string]any{}, "stop", extra)
	fmt.Fprint(w, "data: [DONE]\n\n")
	if fl != nil {
		fl.Flush()
	}
}

// fallbackFields mark a reply answered offline because the LLM failed
// (fe), beside the OpenAI fields; the failure is logged.
func (s *Server) fallbackFields(kb string, fe *answer.FallbackError) map[string]any {
	fa := s.fallback(kb, fe)
	return map[string]any{"fallback": fa.Fallback, "error": fa.Error}
}

// models lists the knowledge bases the key may use, as models.
func (s *Server) models(w http.ResponseWriter, r *http.Request) {
	names, err := s.lib.List()
	if err != nil {
		writeError(w, http.StatusInternalServerError, s.clean(err.Error()))
		return
	}
	k := keyOf(r)
	data := []map[string]any{}
	for _, n := range names {
		if k == nil || k.allows(n) {
			data = append(data, map[string]any{"id": n, "object": "model", "created": 0, "owned_by": "wenda"})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"object": "list", "data": data})
}
