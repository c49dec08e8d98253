// Package embed turns texts into vectors for dense retrieval: through any
// OpenAI-compatible embeddings endpoint (OpenAI, DashScope, SiliconFlow,
// Ollama's /v1, vLLM, text-embeddings-inference).
//
// Stored vectors and query vectors must come from the same model with the
// same dimension; a knowledge base records both, and callers refuse to mix.
package embed

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"
)

// Config configures an OpenAI-compatible embedder. Zero values are the
// defaults.
type Config struct {
	BaseURL string // e.g. https://api.openai.com/v1, http://localhost:11434/v1; required
	APIKey  string // sent as a bearer token; may be empty for local servers
	Model   string // required
	// Dimension is the length every returned vector must have. Zero takes
	// it from the first response and holds later ones to it.
	Dimension int
	// SendDimension asks the server for Dimension (the "dimensions"
	// parameter, which OpenAI's text-embedding-3 models honour and some
	// servers reject).
	SendDimension bool
	BatchSize     int // texts per request; default 32
	MaxRetries    int // retries of a failed request (429, 5xx, network); default 5
	// HTTPClient, if set, carries the requests; its transport is wrapped to
	// read Retry-After. No timeout is added: the caller's context decides.
	HTTPClient *http.Client
}

// OpenAI embeds texts through an OpenAI-compatible /embeddings endpoint.
type OpenAI struct {
	cfg    Config
	client *openai.Client
	dim    int
	// sleep waits between retries; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

// Errors worth telling apart.
var (
	ErrAuth      = errors.New("the endpoint refused the API key")
	ErrModel     = errors.New("the endpoint does not know the model")
	ErrDimension = errors.New("vector of unexpected dimension")
)

// NewOpenAI returns an embedder for cfg.
func NewOpenAI(cfg Config) (*OpenAI, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("embed: no base URL (WENDA_EMBED_BASE_URL)")
	}
	if cfg.Model == "" {
		return nil, errors.New("embed: no model (WENDA_EMBED_MODEL)")
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 32
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = 5
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		c := *cfg.HTTPClient
		hc = &c
	}
	base := hc.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	hc.Transport = retryAfterTransport{base}
	oc.HTTPClient = hc
	return &OpenAI{cfg: cfg, client: openai.NewClientWithConfig(oc), dim: cfg.Dimension, sleep: sleepCtx}, nil
}

// Model is the model's name, as stored with a knowledge base.
func (o *OpenAI) Model() string { return o.cfg.Model }

// Dimension is the vectors' length: configured, or learnt from the first
// response (zero before it).
func (o *OpenAI) Dimension() int { return o.dim }

// Embed returns one vector per text, in order, batching the requests.
func (o *OpenAI) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, 0, len(texts))
	for start := 0; start < len(texts); start += o.cfg.BatchSize {
		end := min(start+o.cfg.BatchSize, len(texts))
		vecs, err := o.embedBatch(ctx, texts[start:end])
		if err != nil {
			return nil, fmt.Errorf("embed: %s at %s, texts %d–%d: %w", o.cfg.Model, o.cfg.BaseURL, start, end-1, err)
		}
		out = append(out, vecs...)
	}
	return out, nil
}

func (o *OpenAI) embedBatch(ctx context.Context, texts []string) ([][]float32, error) {
	req := openai.EmbeddingRequest{Input: texts, Model: openai.EmbeddingModel(o.cfg.Model), EncodingFormat: openai.EmbeddingEncodingFormatFloat}
	if o.cfg.SendDimension && o.cfg.Dimension > 0 {
		req.Dimensions = o.cfg.Dimension
	}
	backoff := 500 * time.Millisecond
	for attempt := 0; ; attempt++ {
		hint := &retryHint{}
		res, err := o.client.CreateEmbeddings(withHint(ctx, hint), req)
		if err == nil {
			return o.check(res, len(texts))
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		retry, final := classify(err)
		if !retry || attempt >= o.cfg.MaxRetries {
			return nil, final
		}
		wait := backoff + time.Duration(rand.Int64N(int64(backoff)/2+1))
		if hint.after > 0 {
			wait = hint.after
		}
		if err := o.sleep(ctx, wait); err != nil {
			return nil, err
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// check puts the vectors in input order and holds them to the dimension.
func (o *OpenAI) check(res openai.EmbeddingResponse, n int) ([][]float32, error) {
	if len(res.Data) != n {
		return nil, fmt.Errorf("asked for %d vectors, got %d", n, len(res.Data))
	}
	out := make([][]float32, n)
	for i, d := range res.Data {
		idx := d.Index
		if idx < 0 || idx >= n || out[idx] != nil {
			idx = i // servers that leave index at 0
		}
		if o.dim == 0 {
			o.dim = len(d.Embedding)
		}
		if len(d.Embedding) != o.dim {
			return nil, fmt.Errorf("%w: got %d, want %d", ErrDimension, len(d.Embedding), o.dim)
		}
		out[idx] = d.Embedding
	}
	return out, nil
}

// classify says whether an error is worth retrying, and what to report.
func classify(err error) (retry bool, report error) {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status := 0
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return false, fmt.Errorf("%w (HTTP %d; check WENDA_EMBED_API_KEY): %v", ErrAuth, status, err)
	case status == http.StatusNotFound:
		return false, fmt.Errorf("%w (HTTP 404; check WENDA_EMBED_MODEL and the base URL, which usually ends in /v1): %v", ErrModel, err)
	case status == http.StatusTooManyRequests || status >= 500:
		return true, err
	case status != 0:
		return false, err
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return true, fmt.Errorf("endpoint unreachable: %w", err)
	}
	return false, err
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// retryHint carries a Retry-After from the transport back to the retry
// loop: go-openai's errors do not keep response headers.
type retryHint struct{ after time.Duration }

type hintKey struct{}

func withHint(ctx context.Context, h *retryHint) context.Context {
	return context.WithValue(ctx, hintKey{}, h)
}

type retryAfterTransport struct{ base http.RoundTripper }

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil || (res.StatusCode != http.StatusTooManyRequests && res.StatusCode < 500) {
		return res, err
	}
	if h, ok := req.Context().Value(hintKey{}).(*retryHint); ok {
		h.after = parseRetryAfter(res.Header.Get("Retry-After"), time.Now())
	}
	return res, err
}

// parseRetryAfter reads seconds or an HTTP date; zero when absent or bad.
// Waits are capped at five minutes.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
		d = time.Duration(secs * float64(time.Second))
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	if d < 0 {
		return 0
	}
	return min(d, 5*time.Minute)
}
