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
	"net/http"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/wenda-rag/wenda/internal/openaicompat"
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
	ErrAuth      = openaicompat.ErrAuth
	ErrModel     = openaicompat.ErrModel
	ErrDimension = errors.New("vector of unexpected dimension")
)

// NewOpenAI returns an embedder for cfg.
func NewOpenAI(cfg Config) (*OpenAI, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("embed: no base URL")
	}
	if cfg.Model == "" {
		return nil, errors.New("embed: no model")
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 32
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = 5
	}
	return &OpenAI{cfg: cfg, client: openaicompat.NewClient(cfg.BaseURL, cfg.APIKey, cfg.HTTPClient), dim: cfg.Dimension, sleep: openaicompat.Sleep}, nil
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
	var res openai.EmbeddingResponse
	err := openaicompat.Retry(ctx, o.cfg.MaxRetries, o.sleep, func(ctx context.Context) (err error) {
		res, err = o.client.CreateEmbeddings(ctx, req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return o.check(res, len(texts))
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
