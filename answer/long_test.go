package answer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
	"github.com/wenda-rag/wenda/kg"
)

// countingGraph counts the graph's lookups by key.
type countingGraph struct {
	*kg.Graph
	has int
}

func (g *countingGraph) Has(key string) bool {
	g.has++
	return g.Graph.Has(key)
}

// repeatTo is unit repeated to n characters.
func repeatTo(unit string, n int) string {
	return strings.Repeat(unit, n/utf8.RuneCountInString(unit))
}

// TestLongQuestion: a question thousands of characters long is answered
// or refused with lookups linear in its length. Linking once looked up
// every substring of the question, each copied: n² lookups for n
// characters, 142 s for 4,000 on the culture data.
func TestLongQuestion(t *testing.T) {
	g := &countingGraph{Graph: cultureGraph(t)}
	offline, err := New(Config{Graph: g}, handbook)
	if err != nil {
		t.Fatal(err)
	}
	llm, err := New(Config{Graph: g, LLM: &scripted{reply: func([]Message) string { return NotFound }}}, handbook)
	if err != nil {
		t.Fatal(err)
	}
	for _, unit := range []string{"月", "床前明月光的下一句是什么？", "洛阳纸贵怎么读"} {
		for name, e := range map[string]*Engine{"offline": offline, "llm": llm} {
			lookups := map[int]int{}
			for _, n := range []int{1000, 4000} {
				g.has = 0
				if _, err := e.Answer(context.Background(), Request{Question: repeatTo(unit, n)}); err != nil {
					t.Fatalf("%s: %q×%d: %v", name, unit, n, err)
				}
				lookups[n] = g.has
				if max := 2 * zh.MaxName * n; g.has > max {
					t.Errorf("%s: %q×%d: %d lookups; want at most %d", name, unit, n, g.has, max)
				}
			}
			t.Logf("%s: %q: %d lookups for 1,000 characters, %d for 4,000", name, unit, lookups[1000], lookups[4000])
			if float64(lookups[4000]) > 4.4*float64(lookups[1000]) {
				t.Errorf("%s: %q: %d lookups for 1,000 characters, %d for 4,000; want linear growth", name, unit, lookups[1000], lookups[4000])
			}
		}
	}
}

// TestCancelled: a question asked with a context already done is not
// answered, and the graph is hardly asked.
func TestCancelled(t *testing.T) {
	g := &countingGraph{Graph: cultureGraph(t)}
	e, err := New(Config{Graph: g}, handbook)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, q := range []string{"洛阳纸贵怎么读", repeatTo("月", 4000)} {
		g.has = 0
		if a, err := e.Ask(ctx, q); !errors.Is(err, context.Canceled) || g.has > 0 {
			t.Errorf("Ask(%.20q) with a cancelled context = %q, %v after %d lookups; want %v and none", q, a.Answer, err, g.has, context.Canceled)
		}
	}
}

// BenchmarkLink links questions of 1×, 4× and 16× 250 characters against
// the culture test graph: ns/char stays flat when the cost is linear.
// "questions" are culture questions one after another, "same" one
// character repeated.
func BenchmarkLink(b *testing.B) {
	g := cultureGraph(b)
	questions := "洛阳纸贵是什么意思？床前看月光的下一句是什么？静夜思是谁写的？李白是哪个朝代的人？外甥打灯笼的下一句是什么？" +
		"水调歌头是谁写的？关雎出自哪里？今天天气怎么样？年假有几天？举头望山月出自哪首诗？欲穷千里目是哪个朝代的诗？"
	const base = 250
	for _, kind := range []string{"questions", "same"} {
		for _, times := range []int{1, 4, 16} {
			n := base * times
			q := repeatTo("月", n)
			if kind == "questions" {
				q = string([]rune(strings.Repeat(questions, n/utf8.RuneCountInString(questions)+1))[:n])
			}
			b.Run(fmt.Sprintf("%s/%dx", kind, times), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := link(context.Background(), g, q); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/char")
			})
		}
	}
}

// TestLongPassageOfNumbers: a passage of thousands of numbers is answered
// in time linear in its length. Each number once read the rest of the
// passage for its unit and the second end of a range: 9 s for 30,000
// characters, 8.5 s of it copying.
func TestLongPassageOfNumbers(t *testing.T) {
	e := offline(t)
	took := map[int]time.Duration{}
	for _, n := range []int{4000, 40000} {
		p := "水深" + repeatTo("1×", n) + "公尺。"
		start := time.Now()
		e.FromHits("这里水深多少公尺？", []corpora.Hit{hit("h.md", p)})
		took[n] = time.Since(start)
	}
	t.Logf("4,000 characters: %v; 40,000: %v", took[4000], took[40000])
	// Linear is about 10 times; the copying made it about 100.
	if took[40000] > 30*took[4000] {
		t.Errorf("4,000 characters: %v; 40,000: %v; want time linear in the passage's length", took[4000], took[40000])
	}
}
