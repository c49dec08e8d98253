// Package openaicompat is what wenda's two go-openai adapters share — the
// embedder (retrieve/embed) and the chat client (answer/openai): a client
// whose transport reads Retry-After, a retry loop with backoff for 429, 5xx
// and network failures, and errors that say what to fix. No go-openai type
// leaves the adapters.
package openaicompat

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

// Errors worth telling apart.
var (
	ErrAuth          = errors.New("the endpoint refused the API key")
	ErrModel         = errors.New("the endpoint does not know the model")
	ErrContextLength = errors.New("the request is longer than the model's context")
	ErrUnreachable   = errors.New("the endpoint cannot be reached")
)

// NewClient returns a go-openai client for an OpenAI-compatible endpoint
// whose transport reads Retry-After for Retry. hc, if set, carries the
// requests (copied, its transport wrapped); no timeout is added: the
// caller's context decides.
func NewClient(baseURL, apiKey string, hc *http.Client) *openai.Client {
	oc := openai.DefaultConfig(apiKey)
	oc.BaseURL = strings.TrimRight(baseURL, "/")
	c := &http.Client{}
	if hc != nil {
		cp := *hc
		c = &cp
	}
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	c.Transport = retryAfterTransport{base}
	oc.HTTPClient = c
	return openai.NewClientWithConfig(oc)
}

// Retry calls call until it succeeds, fails for good (Classify), the
// context ends or maxRetries retries are spent, waiting between attempts
// with exponential backoff and jitter from 500 ms, or as long as the
// server's Retry-After says. sleep waits (tests replace it; nil: the
// context-aware timer).
func Retry(ctx context.Context, maxRetries int, sleep func(context.Context, time.Duration) error, call func(ctx context.Context) error) error {
	if sleep == nil {
		sleep = Sleep
	}
	backoff := 500 * time.Millisecond
	for attempt := 0; ; attempt++ {
		hint := &retryHint{}
		err := call(context.WithValue(ctx, hintKey{}, hint))
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		retry, final := Classify(err)
		if !retry || attempt >= maxRetries {
			return final
		}
		wait := backoff + time.Duration(rand.Int64N(int64(backoff)/2+1))
		if hint.after > 0 {
			wait = hint.after
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

// Classify says whether an error is worth retrying, and what to report:
// ErrAuth, ErrModel, ErrContextLength or ErrUnreachable where it is one of
// those. The messages name no setting of wenda's: the program using the
// client says which of its own to check.
func Classify(err error) (retry bool, report error) {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status := 0
	msg := ""
	switch {
	case errors.As(err, &apiErr):
		status = apiErr.HTTPStatusCode
		msg = strings.ToLower(apiErr.Message + " " + fmt.Sprint(apiErr.Code))
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
		if reqErr.Err != nil {
			msg = strings.ToLower(reqErr.Err.Error())
		}
	}
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return false, fmt.Errorf("%w (HTTP %d): %v", ErrAuth, status, err)
	case status == http.StatusNotFound:
		return false, fmt.Errorf("%w (HTTP 404; or the base URL is wrong: it usually ends in /v1): %v", ErrModel, err)
	case status == http.StatusTooManyRequests || status >= 500:
		return true, err
	case status != 0 && (strings.Contains(msg, "context_length") || strings.Contains(msg, "context length") ||
		strings.Contains(msg, "maximum context") || strings.Contains(msg, "too many tokens") || strings.Contains(msg, "too long")):
		return false, fmt.Errorf("%w (give it fewer sources, or choose a model with a longer context): %v", ErrContextLength, err)
	case status != 0:
		return false, err
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return true, fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	return false, err
}

// Sleep waits d or until the context ends.
func Sleep(ctx context.Context, d time.Duration) error {
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

type retryAfterTransport struct{ base http.RoundTripper }

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := t.base.RoundTrip(req)
	if err != nil || (res.StatusCode != http.StatusTooManyRequests && res.StatusCode < 500) {
		return res, err
	}
	if h, ok := req.Context().Value(hintKey{}).(*retryHint); ok {
		h.after = ParseRetryAfter(res.Header.Get("Retry-After"), time.Now())
	}
	return res, err
}

// ParseRetryAfter reads seconds or an HTTP date; zero when absent or bad.
// Waits are capped at five minutes.
func ParseRetryAfter(v string, now time.Time) time.Duration {
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
