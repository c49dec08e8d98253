// Package rerank is wenda's client for a reranking endpoint: a
// cross-encoder (bge-reranker, jina-reranker, Qwen3-Reranker) that scores
// each passage against the query, served behind one of the two /rerank
// APIs in use. Deadlines come from the caller's context.
//
// The Jina API (https://api.jina.ai/v1/rerank), which Cohere's follows and
// SiliconFlow, Xinference, vLLM, LiteLLM and OpenVINO's model server serve
// (docs.openvino.ai, "Cohere API rerank endpoint"; inference.readthedocs.io,
// "Rerank"):
//
//	POST {base}/rerank {"model", "query", "documents": [...], "top_n"}
//	→ {"results": [{"index", "relevance_score"}, ...]}
//
// Hugging Face's text-embeddings-inference (TEI) serving a reranker (its
// README, "Using Re-rankers models"; router/src/http/types.rs,
// RerankRequest and Rank):
//
//	POST {base}/rerank {"query", "texts": [...], "truncate"}
//	→ [{"index", "score"}, ...]
//
// Config.API names the API; left empty, the first call sends Jina's
// request and, if the server refuses it as malformed (TEI answers 422:
// it has no "texts"), TEI's, and the one that worked is kept. Either
// reply is read by its shape.
package rerank

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
)

// The APIs (Config.API).
const (
	APIJina = "jina" // Jina, Cohere, SiliconFlow and the servers that follow them
	APITEI  = "tei"  // Hugging Face text-embeddings-inference
)

// Config configures a Client. Zero values are the defaults.
type Config struct {
	// BaseURL is where /rerank is: https://api.jina.ai/v1,
	// https://api.siliconflow.cn/v1, http://localhost:8080 (TEI); required.
	BaseURL string
	APIKey  string // sent as a bearer token; may be empty for local servers
	// Model is the reranker's name (BAAI/bge-reranker-v2-m3,
	// jina-reranker-v2-base-multilingual); required for the Jina API, TEI
	// serves one model and ignores it.
	Model string
	// API is APIJina or APITEI; "": found at the first call.
	API string
	// HTTPClient, if set, carries the requests.
	HTTPClient *http.Client
}

// ErrMalformed is a reply that is not a ranking of the documents sent.
var ErrMalformed = errors.New("rerank: a malformed reply")

// Client scores passages against a query through a /rerank endpoint.
type Client struct {
	cfg Config
	hc  *http.Client
	api atomic.Value // string: the API that worked
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("rerank: no base URL")
	}
	switch cfg.API {
	case "", APIJina, APITEI:
	default:
		return nil, fmt.Errorf("rerank: API %q: want %s or %s", cfg.API, APIJina, APITEI)
	}
	if cfg.API == APIJina && cfg.Model == "" {
		return nil, errors.New("rerank: no model (the Jina API names one)")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	c := &Client{cfg: cfg, hc: hc}
	if cfg.API != "" {
		c.api.Store(cfg.API)
	}
	return c, nil
}

// Model is the reranker's name as configured (for TEI, perhaps empty).
func (c *Client) Model() string { return c.cfg.Model }

// Rerank scores docs against query: scores[i] is docs[i]'s relevance,
// higher more relevant, on the model's scale. A document the reply leaves
// out scores below every other.
func (c *Client) Rerank(ctx context.Context, query string, docs []string) ([]float64, error) {
	if len(docs) == 0 {
		return nil, nil
	}
	api, _ := c.api.Load().(string)
	if api != "" {
		return c.call(ctx, api, query, docs)
	}
	scores, err := c.call(ctx, APIJina, query, docs)
	var st *statusError
	if errors.As(err, &st) && (st.code == http.StatusUnprocessableEntity || st.code == http.StatusBadRequest) {
		// TEI refuses a request without "texts" as unprocessable.
		if scores, err2 := c.call(ctx, APITEI, query, docs); err2 == nil {
			c.api.Store(APITEI)
			return scores, nil
		}
	}
	if err == nil {
		c.api.Store(APIJina)
	}
	return scores, err
}

// statusError is an error status from the endpoint.
type statusError struct {
	code int
	msg  string
}

func (e *statusError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.code, e.msg) }

func (c *Client) call(ctx context.Context, api, query string, docs []string) ([]float64, error) {
	var body any
	if api == APITEI {
		body = map[string]any{"query": query, "texts": docs, "truncate": true}
	} else {
		body = map[string]any{"model": c.cfg.Model, "query": query, "documents": docs, "top_n": len(docs)}
	}
	b, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("rerank: %w", err)
	}
	url := strings.TrimRight(c.cfg.BaseURL, "/") + "/rerank"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("rerank: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	res, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("rerank: %s: %w", url, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil {
		return nil, fmt.Errorf("rerank: %s: %w", url, err)
	}
	if res.StatusCode/100 != 2 {
		return nil, fmt.Errorf("rerank: %s: %w", url, &statusError{res.StatusCode, errorMessage(raw)})
	}
	scores, err := parse(raw, len(docs))
	if err != nil {
		return nil, fmt.Errorf("rerank: %s: %w", url, err)
	}
	return scores, nil
}

// result is one document's score in either reply.
type result struct {
	Index          *int     `json:"index"`
	RelevanceScore *float64 `json:"relevance_score"` // Jina, Cohere, SiliconFlow
	Score          *float64 `json:"score"`           // TEI
}

// parse reads a reply by its shape — TEI's array, or an object with
// "results" (Jina, Cohere) or "data" — into a score per document.
func parse(raw []byte, n int) ([]float64, error) {
	raw = bytes.TrimSpace(raw)
	var rs []result
	switch {
	case len(raw) > 0 && raw[0] == '[':
		if err := json.Unmarshal(raw, &rs); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
	case len(raw) > 0 && raw[0] == '{':
		var obj struct {
			Results []result `json:"results"`
			Data    []result `json:"data"`
		}
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		rs = obj.Results
		if rs == nil {
			rs = obj.Data
		}
	default:
		return nil, fmt.Errorf("%w: %.80q", ErrMalformed, raw)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("%w: no results", ErrMalformed)
	}
	scores := make([]float64, n)
	seen := make([]bool, n)
	low := 0.0
	for _, r := range rs {
		s := r.RelevanceScore
		if s == nil {
			s = r.Score
		}
		if r.Index == nil || s == nil || *r.Index < 0 || *r.Index >= n || seen[*r.Index] {
			return nil, fmt.Errorf("%w: a result without a score, or of no document sent", ErrMalformed)
		}
		seen[*r.Index], scores[*r.Index] = true, *s
		low = min(low, *s)
	}
	for i := range scores {
		if !seen[i] {
			scores[i] = low - 1
		}
	}
	return scores, nil
}

// errorMessage is what an error reply says: its "error", "message" or
// "detail", or its start.
func errorMessage(raw []byte) string {
	var e struct {
		Error   any    `json:"error"`
		Message string `json:"message"`
		Detail  any    `json:"detail"`
	}
	if json.Unmarshal(raw, &e) == nil {
		switch v := e.Error.(type) {
		case string:
			return v
		case map[string]any:
			if m, ok := v["message"].(string); ok {
				return m
			}
		}
		if e.Message != "" {
			return e.Message
		}
		if e.Detail != nil {
			return fmt.Sprint(e.Detail)
		}
	}
	s := strings.TrimSpace(string(raw))
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}
