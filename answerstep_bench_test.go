package wenda

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
)

// replay is a retriever that answers each search as the knowledge base
// answered it the first time: the answer step measured without retrieval.
type replay struct {
	r    answer.Retriever
	mu   sync.Mutex
	seen map[string][]corpora.Hit
}

func (p *replay) Search(ctx context.Context, q string, n int) ([]corpora.Hit, error) {
	key := q + "\x00" + string(rune(n))
	p.mu.Lock()
	hits, ok := p.seen[key]
	p.mu.Unlock()
	if ok {
		return slices.Clone(hits), nil
	}
	hits, err := p.r.Search(ctx, q, n)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.seen[key] = slices.Clone(hits)
	p.mu.Unlock()
	return hits, nil
}

// BenchmarkAnswerStep: the offline answer step — everything Ask does
// after retrieval — over the enterprise set's 447 questions and its six
// documents (the text/Office variant of eval/enterprise/measure.sh), each
// question's passages retrieved once beforehand; with -mixed the idiom,
// 歇后语 and poetry corpora of ../shared/data are in the knowledge base
// too (35,117 documents). Reports the mean per question (ns/question);
// `wenda eval qa` prints the p50 of the same step with retrieval live.
//
//	go test -run XXX -bench AnswerStep -benchtime 3x .
func BenchmarkAnswerStep(b *testing.B) {
	for _, mixed := range []bool{false, true} {
		name := "enterprise"
		if mixed {
			name = "mixed"
		}
		b.Run(name, func(b *testing.B) { benchAnswerStep(b, mixed) })
	}
}

func benchAnswerStep(b *testing.B, mixed bool) {
	ctx := context.Background()
	docs := []string{
		"eval/enterprise/docs/sprucesync-manual.txt", "eval/enterprise/docs/sales-rules.docx",
		"eval/enterprise/docs/sales-tables.xlsx", "eval/office/docs/handbook.docx",
		"eval/office/docs/travel.xlsx", "eval/office/docs/onboarding.pptx",
	}
	if mixed {
		shared := filepath.Join("..", "shared", "data")
		if _, err := os.Stat(shared); err != nil {
			b.Skipf("skipped: no %s: %v", shared, err)
		}
		for _, d := range []string{"idioms", "poetry", "xinhua"} {
			docs = append(docs, filepath.Join(shared, d))
		}
	}
	k, err := Open(ctx, Config{Dir: filepath.Join(b.TempDir(), "kb"), Create: true})
	if err != nil {
		b.Fatal(err)
	}
	defer k.Close()
	if _, err := k.IngestPaths(ctx, docs, IngestOptions{}); err != nil {
		b.Fatal(err)
	}
	r, err := k.Ranker(SearchOptions{})
	if err != nil {
		b.Fatal(err)
	}
	p := &replay{r: tableRest{r, k}, seen: map[string][]corpora.Hit{}}
	e, err := answer.New(answer.Config{Graph: k.graph, Segmenter: k.seg}, p)
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open("eval/enterprise/questions.tsv")
	if err != nil {
		b.Fatal(err)
	}
	var questions []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if q, _, ok := strings.Cut(sc.Text(), "\t"); ok && q != "question" {
			questions = append(questions, q)
		}
	}
	f.Close()
	for _, q := range questions { // the passages, retrieved once
		if _, err := e.Ask(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, q := range questions {
			if _, err := e.Ask(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(questions)), "ns/question")
}
