package eval

import (
	"context"
	"errors"
	"testing"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
)

// searchFunc and readFunc make fakes of functions.
type searchFunc func(q string, k int) ([]corpora.Hit, error)

func (f searchFunc) Search(_ context.Context, q string, k int) ([]corpora.Hit, error) { return f(q, k) }

type readFunc func(q string, hits []corpora.Hit) answer.Answer

func (f readFunc) FromHits(q string, hits []corpora.Hit) answer.Answer { return f(q, hits) }

func hit(doc, text string) corpora.Hit {
	return corpora.Hit{Chunk: corpora.Chunk{DocID: doc, Text: text}}
}

func TestQuestions(t *testing.T) {
	// Each question's hits: the answering document first, second (after
	// a second chunk of the first document, which counts once), or absent.
	hits := map[string][]corpora.Hit{
		"年假几天？":  {hit("leave", "年假十五天。"), hit("pay", "工资月底发。")},
		"几号发工资？": {hit("leave", "年假十五天。"), hit("leave", "病假另计。"), hit("pay", "工资每月28日发放。")},
		"食堂几点开？": {hit("leave", "年假十五天。")},
	}
	questions := []corpora.Question{
		{ID: "q1", Text: "年假几天？", DocID: "leave", Answers: []string{"十五天"}},
		{ID: "q2", Text: "几号发工资？", DocID: "pay", Answers: []string{"28日"}},
		{ID: "q3", Text: "食堂几点开？", DocID: "canteen", Answers: []string{"七点"}},
	}
	var depth int
	s := searchFunc(func(q string, k int) ([]corpora.Hit, error) { depth = k; return hits[q], nil })
	// The reader answers from the first hit's text.
	r := readFunc(func(q string, hs []corpora.Hit) answer.Answer { return answer.Answer{Answer: hs[0].Text[6:]} })
	var ranks []int
	sc, err := Questions(context.Background(), s, r, questions, Config{Cuts: []int{5, 1}, Each: func(p Prediction) { ranks = append(ranks, p.Rank) }})
	if err != nil {
		t.Fatal(err)
	}
	if depth != 5 {
		t.Errorf("searched %d deep; want the deepest cut, 5", depth)
	}
	if want := []int{1, 2, 0}; len(ranks) != 3 || ranks[0] != want[0] || ranks[1] != want[1] || ranks[2] != want[2] {
		t.Errorf("ranks %v; want %v", ranks, want)
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"recall@1", sc.Recall[0], 1.0 / 3},
		{"recall@5", sc.Recall[1], 2.0 / 3},
		{"mrr", sc.MRR, (1 + 0.5) / 3},
		{"answer in top 1", sc.AnswerInTop1, 1.0 / 3},
		{"answer in top 5", sc.AnswerInTop5, 2.0 / 3},
		{"em", sc.EM, 100.0 / 3},
	}
	for _, c := range checks {
		if c.got-c.want > 1e-9 || c.want-c.got > 1e-9 {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
	if sc.Questions != 3 || sc.Cuts[0] != 1 || sc.Cuts[1] != 5 {
		t.Errorf("scores %+v; want 3 questions, cuts 1 and 5", sc)
	}

	fail := searchFunc(func(string, int) ([]corpora.Hit, error) { return nil, errors.New("index gone") })
	if _, err := Questions(context.Background(), fail, r, questions, Config{}); err == nil {
		t.Error("a failing search: no error")
	}
	if sc, err := Questions(context.Background(), s, r, nil, Config{}); err != nil || sc.Questions != 0 || len(sc.Cuts) != 3 {
		t.Errorf("no questions: %+v, %v; want zero scores at the default cuts", sc, err)
	}
}
