package llmbench

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/wenda-rag/wenda/answer"
)

// TestReplyThroughGoOpenAI: go-openai, the client wenda uses, reads the
// reply streamed and whole.
func TestReplyThroughGoOpenAI(t *testing.T) {
	const reply = "根据资料，答案见[1]。"
	srv, err := Listen(reply)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	cfg := goopenai.DefaultConfig("")
	cfg.BaseURL = srv.URL
	client := goopenai.NewClientWithConfig(cfg)
	req := goopenai.ChatCompletionRequest{Model: "bench", Messages: []goopenai.ChatCompletionMessage{{Role: "user", Content: "年假有几天？"}}}
	ctx := context.Background()

	req.Stream = true
	st, err := client.CreateChatCompletionStream(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var got strings.Builder
	var finish goopenai.FinishReason
	for {
		res, err := st.Recv()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("stream: %v after %q", err, got.String())
			}
			break
		}
		for _, c := range res.Choices {
			got.WriteString(c.Delta.Content)
			if c.FinishReason != "" {
				finish = c.FinishReason
			}
		}
	}
	if got.String() != reply || finish != goopenai.FinishReasonStop {
		t.Errorf("streamed %q, finish %q; want %q, stop", got.String(), finish, reply)
	}

	req.Stream = false
	res, err := client.CreateChatCompletion(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Choices) != 1 || res.Choices[0].Message.Content != reply || res.Model != "bench" {
		t.Errorf("completion %+v; want one choice %q from model bench", res, reply)
	}
}

// answerFunc makes a fake Answerer of a function.
type answerFunc func(answer.Request) answer.Answer

func (f answerFunc) Answer(_ context.Context, req answer.Request) (answer.Answer, error) {
	return f(req), nil
}

func TestMeasure(t *testing.T) {
	ms := time.Millisecond
	timed := answerFunc(func(req answer.Request) answer.Answer {
		req.OnToken("答")
		if req.Question == "慢" {
			return answer.Answer{Timings: answer.Timings{Retrieval: 8 * ms, FirstToken: 10 * ms}}
		}
		return answer.Answer{Timings: answer.Timings{Retrieval: 2 * ms, FirstToken: 3 * ms}}
	})
	r, err := Measure(context.Background(), timed, []string{"快", "快", "慢"})
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Questions: 3, FirstTokenP50MS: 3, FirstTokenP99MS: 10, RetrievalP50MS: 2, RetrievalP99MS: 8, RequestP50MS: 1, RequestP99MS: 2}
	if r != want {
		t.Errorf("Measure = %+v; want %+v", r, want)
	}
	offline := answerFunc(func(answer.Request) answer.Answer { return answer.Answer{Answer: "十五天"} })
	if _, err := Measure(context.Background(), offline, []string{"年假有几天？"}); err == nil {
		t.Error("Measure of answers with no first token: no error")
	}
}
