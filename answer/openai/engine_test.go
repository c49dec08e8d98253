package openai

// The LLM path of answer.Engine against the in-process OpenAI-compatible
// server, through this package's client: citations checked against their
// sources, cited sentences, the offline fallback, checked rewrites, and
// the sources the model is given.

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/answer/openai/openaitest"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// ranked is a Retriever that returns its hits, best first.
type ranked []corpora.Hit

func (r ranked) Search(ctx context.Context, q string, k int) ([]corpora.Hit, error) {
	return r[:min(k, len(r))], nil
}

// leaveDoc is a document whose second chunk, leave.md#1, is a passage
// about annual leave.
const leaveDoc = "# 员工手册\n第一章 总则。\n" + leaveText

const leaveText = "正式员工入职满一年后享有带薪年假。工作满1年不满10年的员工每年有10天年假；工作满10年的员工每年有15天年假。当年未休完的年假最多可以顺延到次年3月31日，逾期作废。"

func passage(doc string, ordinal, start int, text string) corpora.Hit {
	return corpora.Hit{Chunk: corpora.Chunk{ID: corpora.ChunkID(doc, ordinal), DocID: doc, Ordinal: ordinal, Title: doc,
		Text: text, Start: start, End: start + len([]rune(text))}}
}

var handbook = ranked{
	passage("leave.md", 1, len([]rune(leaveDoc))-len([]rune(leaveText)), leaveText),
	passage("canteen.md", 0, 0, "食堂早餐供应时间为七点到九点，午餐为十一点半到一点。"),
}

func engine(t *testing.T, url string, cfg answer.Config, r answer.Retriever) *answer.Engine {
	t.Helper()
	c, _ := newChat(t, url) // retries without waiting
	cfg.LLM = c
	e, err := answer.New(cfg, r)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestCitationSupported: a citation stays only where its source shares
// the citing sentence's words or numbers. Streamed, the sentence with the
// bad one is sent without it: no piece sent ever holds it.
func TestCitationSupported(t *testing.T) {
	reply := "年假最多可以顺延到次年3月31日[1]。食堂早餐七点开始供应【2】。年假逾期作废[2]。"
	srv := openaitest.New(func(openaitest.Request) openaitest.Reply { return openaitest.Reply{Content: reply, Piece: 1} })
	defer srv.Close()
	e := engine(t, srv.URL, answer.Config{}, handbook)
	want := "年假最多可以顺延到次年3月31日[1]。食堂早餐七点开始供应[2]。年假逾期作废。"
	for _, stream := range []bool{true, false} {
		var pieces []string
		req := answer.Request{Question: "年假可以顺延到什么时候？"}
		if stream {
			req.OnToken = func(s string) error { pieces = append(pieces, s); return nil }
		}
		a, err := e.Answer(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if a.Answer != want || len(a.Citations) != 2 || a.Citations[0].Doc != "leave.md" || a.Citations[1].Doc != "canteen.md" {
			t.Errorf("stream %v: %q, citations %+v; want %q", stream, a.Answer, a.Citations, want)
		}
		if stream && (strings.Join(pieces, "") != want || len(pieces) != 3) {
			t.Errorf("streamed %q; want the three checked sentences of %q", pieces, want)
		}
	}
}

// TestCitationSentence: an LLM's citation points at the sentence of the
// passage its sentence used — text, start and end in the document — not
// at the whole chunk.
func TestCitationSentence(t *testing.T) {
	srv := openaitest.New(openaitest.Fixed("未休完的年假可以顺延到次年3月31日[1]。"))
	defer srv.Close()
	e := engine(t, srv.URL, answer.Config{}, handbook)
	a, err := e.Answer(context.Background(), answer.Request{Question: "年假可以顺延到什么时候？"})
	if err != nil || len(a.Citations) != 1 {
		t.Fatalf("%+v %v", a, err)
	}
	c := a.Citations[0]
	const want = "当年未休完的年假最多可以顺延到次年3月31日，逾期作废。"
	if c.Text != want || string([]rune(leaveDoc)[c.Start:c.End]) != want {
		t.Errorf("cited %q at %d:%d (%q in the document); want %q", c.Text, c.Start, c.End, string([]rune(leaveDoc)[c.Start:c.End]), want)
	}
}

// TestFallback: when the endpoint fails — an error status after the
// retries, a closed port, a deadline — the question is answered offline,
// marked as such (answer.FallbackError) with the error; a request whose
// caller went away (its context cancelled) is an error, not a fallback.
func TestFallback(t *testing.T) {
	failing := openaitest.New(func(openaitest.Request) openaitest.Reply { return openaitest.Reply{Status: 500, Error: "overloaded"} })
	defer failing.Close()
	slow := openaitest.New(func(openaitest.Request) openaitest.Reply {
		return openaitest.Reply{Content: "慢[1]。", Delay: 5 * time.Second}
	})
	defer slow.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	for _, c := range []struct {
		name, url string
		timeout   time.Duration
		want      string // in the error
	}{
		{"500", failing.URL, 0, "overloaded"},
		{"closed port", closed, 0, ErrUnreachable.Error()},
		{"deadline", slow.URL, 200 * time.Millisecond, context.DeadlineExceeded.Error()},
	} {
		for _, stream := range []bool{false, true} {
			e := engine(t, c.url, answer.Config{}, handbook)
			ctx := context.Background()
			if c.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, c.timeout)
				defer cancel()
			}
			req := answer.Request{Question: "未休完的年假可以顺延到什么时候？"}
			if stream {
				req.OnToken = func(string) error { return nil }
			}
			_, err := e.Answer(ctx, req)
			var fe *answer.FallbackError
			if !errors.As(err, &fe) {
				t.Errorf("%s (stream %v): %v; want a fallback", c.name, stream, err)
				continue
			}
			if a := fe.Offline; !a.Found || a.Mode != answer.ModeExtractive || !strings.Contains(a.Answer, "3月31日") || len(a.Citations) == 0 ||
				!strings.Contains(fe.Error(), c.want) || !strings.HasPrefix(fe.Notice(), "大模型不可用（") {
				t.Errorf("%s (stream %v): offline %+v, error %v, notice %q", c.name, stream, a, fe, fe.Notice())
			}
		}
	}
	// Cancelled: the caller is gone, nothing to fall back for.
	e := engine(t, slow.URL, answer.Config{}, handbook)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := e.Answer(ctx, answer.Request{Question: "未休完的年假可以顺延到什么时候？"})
	var fe *answer.FallbackError
	if !errors.Is(err, context.Canceled) || errors.As(err, &fe) {
		t.Errorf("cancelled: %v; want context.Canceled and no fallback", err)
	}
}

// TestRewriteChecked: the LLM's rewrite of a follow-up stands only when it
// keeps the follow-up's names and numbers and is a question; else the
// offline carry-over is retrieved instead.
func TestRewriteChecked(t *testing.T) {
	hist := []answer.Turn{{Question: "工龄8年的员工年假有几天？", Answer: "10天[1]。"}}
	const carried = "工龄8年的员工年假有几天？ 工龄12年的呢？" // what the offline rewrite gives
	for _, c := range []struct{ rewrite, want string }{
		{"工龄12年的员工年假有几天？", "工龄12年的员工年假有几天？"},
		{"工龄8年的员工年假有几天？", carried},     // lost 12
		{"员工年假有几天？", carried},          // lost 工龄 and 12
		{"工龄12年的员工每年有15天年假。", carried}, // answers instead
	} {
		var asked []string
		srv := openaitest.New(func(r openaitest.Request) openaitest.Reply {
			if strings.HasPrefix(r.Messages[0].Content, "把用户的追问改写") {
				return openaitest.Reply{Content: c.rewrite}
			}
			user := r.Messages[len(r.Messages)-1].Content
			asked = append(asked, user[strings.LastIndex(user, "问题：")+len("问题："):])
			return openaitest.Reply{Content: "15天[1]。"}
		})
		e := engine(t, srv.URL, answer.Config{}, handbook)
		a, err := e.Answer(context.Background(), answer.Request{Question: "那工龄12年的呢？", History: hist})
		srv.Close()
		if err != nil || a.Standalone != c.want || len(asked) != 1 || asked[0] != c.want {
			t.Errorf("rewrite %q: standalone %q, asked %q (%v); want %q", c.rewrite, a.Standalone, asked, err, c.want)
		}
	}
}

// graph is a knowledge graph of a few entities and their facts.
type graph map[string][]corpora.Fact

func (g graph) Facts(name string) []corpora.Fact { return g[zh.Key(name)] }
func (g graph) Has(key string) bool              { _, ok := g[key]; return ok }
func (g graph) Resolve(key string) (string, bool, bool) {
	_, ok := g[key]
	return key, false, ok
}
func (g graph) DocFacts(doc string) []corpora.Fact { return nil }
func (g graph) Stats() (int, int, int)             { return len(g), len(g), len(g) }
func (g graph) Works(author string) int            { return 0 }

// TestSourcesBearOnQuestion: the model is given an entity's facts only
// when the question names it — not a poem called 假期 for a question
// about 年假期间 — and the best-ranked passages whole: one that does not
// fit is left out, a shorter one after it taken only while in the top few.
func TestSourcesBearOnQuestion(t *testing.T) {
	g := graph{
		"假期": {{Subject: "假期", Relation: "作者", Object: "某诗人", Doc: "poems.json#1"}},
		"病假": {{Subject: "病假", Relation: "定义", Object: "因病休息的假期", Doc: "terms.json#1"}},
	}
	srv := openaitest.New(openaitest.Fixed("资料中没有找到相关答案。"))
	defer srv.Close()
	long := strings.Repeat("病假期间工资按基本工资的百分之八十发放。", 10) // 200 characters
	hits := ranked{
		passage("a.md", 0, 0, long[:len(long)/2]), // 100, fits
		passage("b.md", 0, 0, long),               // 200, too long
		passage("c.md", 0, 0, "病假需要提供医院证明。"),      // 11, in the top few: taken
		passage("d.md", 0, 0, "病假期间不扣全勤奖。"),       // ranked 4th: taken
		passage("e.md", 0, 0, "病假当天需要通知主管。"),      // ranked 5th, after a miss: not
	}
	e := engine(t, srv.URL, answer.Config{Graph: g, ContextChars: 160}, hits)
	for _, c := range []struct {
		q           string
		facts, docs []string
	}{
		{"年假期间工资怎么发？", nil, []string{"a.md", "c.md", "d.md"}},
		{"病假是什么？", []string{"terms.json#1"}, []string{"terms.json#1", "a.md", "c.md", "d.md"}},
	} {
		a, err := e.Answer(context.Background(), answer.Request{Question: c.q})
		if err != nil {
			t.Fatal(err)
		}
		var facts []string
		for _, f := range a.Facts {
			facts = append(facts, f.Doc)
		}
		reqs := srv.Requests()
		user := reqs[len(reqs)-1].Messages[len(reqs[len(reqs)-1].Messages)-1].Content
		var docs []string
		for _, part := range strings.Split(user, "来源=\"")[1:] {
			src := part[:strings.Index(part, "\"")]
			docs = append(docs, src[:strings.LastIndex(src, "#")])
		}
		if strings.Join(facts, " ") != strings.Join(c.facts, " ") || strings.Join(docs, " ") != strings.Join(c.docs, " ") {
			t.Errorf("%s: facts from %q, sources %q; want %q and %q", c.q, facts, docs, c.facts, c.docs)
		}
	}
}
