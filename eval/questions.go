package eval

import (
	"context"
	"slices"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
)

// Searcher retrieves a question's passages, best first (a wenda.KB's
// Retriever).
type Searcher interface {
	Search(ctx context.Context, q string, k int) ([]corpora.Hit, error)
}

// Reader reads an answer out of the passages retrieved for a question (a
// wenda.KB's Engine). It must read the same index the Searcher searched.
type Reader interface {
	FromHits(q string, hits []corpora.Hit) answer.Answer
}

// Config configures Questions. Zero values are the defaults.
type Config struct {
	// Cuts are the cut-offs of recall@k; default 1, 5 and 20. The
	// deepest is how many passages are retrieved.
	Cuts []int
	// Each, when set, is given each question's prediction as it is made.
	Each func(Prediction)
}

// Prediction is one question's outcome.
type Prediction struct {
	Question corpora.Question
	Answer   answer.Answer
	Rank     int     // the answering document's rank among those retrieved, 0 if absent
	F1, EM   float64 // of the answer, 0–1
}

// Scores are Questions' figures over all questions.
type Scores struct {
	Questions int
	Cuts      []int     // ascending
	Recall    []float64 // at each cut: the answering document ranked within it
	MRR       float64   // at 20
	// AnswerInTop1 and AnswerInTop5: a reference answer occurs in the
	// first passage, in one of the first five.
	AnswerInTop1, AnswerInTop5 float64
	EM, F1                     float64 // 0–100, as the CMRC evaluator reports them
	QueryP50MS, QueryP99MS     float64 // retrieval
	AnswerP50MS                float64 // reading the answer from the passages
}

// Questions asks every question through s and r and scores retrieval (the
// rank of the question's document among the distinct documents of the
// hits) and answers (EM and F1 against the references).
func Questions(ctx context.Context, s Searcher, r Reader, questions []corpora.Question, cfg Config) (Scores, error) {
	cuts := slices.Sorted(slices.Values(cfg.Cuts))
	if len(cuts) == 0 {
		cuts = []int{1, 5, 20}
	}
	sc := Scores{Questions: len(questions), Cuts: cuts, Recall: make([]float64, len(cuts))}
	if len(questions) == 0 {
		return sc, nil
	}
	var qTimes, aTimes []time.Duration
	for _, q := range questions {
		if err := ctx.Err(); err != nil {
			return Scores{}, err
		}
		t := time.Now()
		hits, err := s.Search(ctx, q.Text, cuts[len(cuts)-1])
		if err != nil {
			return Scores{}, err
		}
		qTimes = append(qTimes, time.Since(t))
		var ranked []string
		seen := map[string]bool{}
		for _, h := range hits {
			if !seen[h.DocID] {
				seen[h.DocID] = true
				ranked = append(ranked, h.DocID)
			}
		}
		rank := Rank(ranked, q.DocID)
		for j, cut := range cuts {
			if rank > 0 && rank <= cut {
				sc.Recall[j]++
			}
		}
		if rank > 0 && rank <= 20 {
			sc.MRR += 1 / float64(rank)
		}
		for j, h := range hits[:min(5, len(hits))] {
			if Contains(h.Text, q.Answers) {
				if j == 0 {
					sc.AnswerInTop1++
				}
				sc.AnswerInTop5++
				break
			}
		}
		t = time.Now()
		a := r.FromHits(q.Text, hits)
		aTimes = append(aTimes, time.Since(t))
		p := Prediction{Question: q, Answer: a, Rank: rank, F1: F1(a.Answer, q.Answers), EM: EM(a.Answer, q.Answers)}
		sc.F1 += p.F1
		sc.EM += p.EM
		if cfg.Each != nil {
			cfg.Each(p)
		}
	}
	n := float64(len(questions))
	for j := range sc.Recall {
		sc.Recall[j] /= n
	}
	sc.MRR /= n
	sc.AnswerInTop1 /= n
	sc.AnswerInTop5 /= n
	sc.EM, sc.F1 = 100*sc.EM/n, 100*sc.F1/n
	sc.QueryP50MS, sc.QueryP99MS = Percentile(qTimes, 50), Percentile(qTimes, 99)
	sc.AnswerP50MS = Percentile(aTimes, 50)
	return sc, nil
}
