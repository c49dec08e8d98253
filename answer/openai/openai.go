// Package openai is wenda's chat client for any OpenAI-compatible endpoint
// (OpenAI, DeepSeek, Qwen through DashScope's compatible mode, Moonshot,
// Zhipu, Ollama, vLLM, llama.cpp's server) through go-openai: plain and
// streamed completions, retries with backoff on 429 and 5xx honouring
// Retry-After, and errors that say what to fix. Deadlines come from the
// caller's context.
package openai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/internal/openaicompat"
)

// Config configures a Chat. Zero values are the defaults.
type Config struct {
	BaseURL string // e.g. https://api.deepseek.com/v1, http://localhost:11434/v1; required
	APIKey  string // sent as a bearer token; may be empty for local servers
	Model   string // required
	// Temperature; zero leaves it to the server.
	Temperature float32
	// MaxTokens caps the reply; zero leaves it to the server.
	MaxTokens  int
	MaxRetries int // retries of a failed request (429, 5xx, network); default 3
	// HTTPClient, if set, carries the requests.
	HTTPClient *http.Client
}

// Errors worth telling apart (errors.Is).
var (
	ErrAuth          = openaicompat.ErrAuth
	ErrModel         = openaicompat.ErrModel
	ErrContextLength = openaicompat.ErrContextLength
	ErrUnreachable   = openaicompat.ErrUnreachable
)

// Chat generates replies through an OpenAI-compatible /chat/completions.
type Chat struct {
	cfg    Config
	client *goopenai.Client
	sleep  func(context.Context, time.Duration) error // tests replace it
}

// New returns a Chat for cfg.
func New(cfg Config) (*Chat, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("openai: no base URL")
	}
	if cfg.Model == "" {
		return nil, errors.New("openai: no model")
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = 3
	}
	return &Chat{cfg: cfg, client: openaicompat.NewClient(cfg.BaseURL, cfg.APIKey, cfg.HTTPClient), sleep: openaicompat.Sleep}, nil
}

// Model is the model's name.
func (c *Chat) Model() string { return c.cfg.Model }

func (c *Chat) request(msgs []answer.Message, stream bool) goopenai.ChatCompletionRequest {
	req := goopenai.ChatCompletionRequest{Model: c.cfg.Model, Stream: stream, Temperature: c.cfg.Temperature, MaxTokens: c.cfg.MaxTokens}
	for _, m := range msgs {
		req.Messages = append(req.Messages, goopenai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	return req
}

func (c *Chat) wrap(err error) error {
	return fmt.Errorf("openai: %s at %s: %w", c.cfg.Model, c.cfg.BaseURL, err)
}

// Generate returns the reply to msgs.
func (c *Chat) Generate(ctx context.Context, msgs []answer.Message) (string, error) {
	var res goopenai.ChatCompletionResponse
	err := openaicompat.Retry(ctx, c.cfg.MaxRetries, c.sleep, func(ctx context.Context) (err error) {
		res, err = c.client.CreateChatCompletion(ctx, c.request(msgs, false))
		return err
	})
	if err != nil {
		return "", c.wrap(err)
	}
	if len(res.Choices) == 0 {
		return "", c.wrap(errors.New("a reply with no choices"))
	}
	return res.Choices[0].Message.Content, nil
}

// Stream returns the reply to msgs, calling onToken with each piece as it
// arrives. A request that fails before its first piece is retried as
// Generate's are; one cut off after it returns what came and the error.
func (c *Chat) Stream(ctx context.Context, msgs []answer.Message, onToken func(string) error) (string, error) {
	var st *goopenai.ChatCompletionStream
	err := openaicompat.Retry(ctx, c.cfg.MaxRetries, c.sleep, func(ctx context.Context) (err error) {
		st, err = c.client.CreateChatCompletionStream(ctx, c.request(msgs, true))
		return err
	})
	if err != nil {
		return "", c.wrap(err)
	}
	defer st.Close()
	var b strings.Builder
	for {
		res, err := st.Recv()
		if errors.Is(err, io.EOF) {
			return b.String(), nil
		}
		if err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			return b.String(), c.wrap(fmt.Errorf("stream cut off: %w", err))
		}
		for _, ch := range res.Choices {
			if ch.Delta.Content == "" {
				continue
			}
			b.WriteString(ch.Delta.Content)
			if onToken != nil {
				if err := onToken(ch.Delta.Content); err != nil {
					return b.String(), err
				}
			}
		}
	}
}
