package eval

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
)

// RefusalRow is one question of a `wenda eval qa --signals` file: what the
// offline answerer weighed in deciding whether the passages answer it, and
// what each decision would have scored.
type RefusalRow struct {
	Set      string // the file it came from
	Question string
	// Unanswerable: the documents hold no answer (REFUSE).
	Unanswerable bool
	// Right: the answer given (where the decision did not refuse) is
	// accepted.
	Right bool
	// Weighed: the decision was made on Signals; otherwise the outcome
	// was fixed by another test (Found says which).
	Weighed, Found bool
	// Refused is the decision the answerer made.
	Refused bool
	Signals []float64
}

// ReadRefusalRows reads a --signals file; names are the signals' names
// from its header.
func ReadRefusalRows(path string) (rows []RefusalRow, names []string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if line > 1 && strings.TrimSpace(sc.Text()) == "" {
			continue // (a blank line, at the end of a file as editors leave it)
		}
		cols := strings.Split(sc.Text(), "\t")
		if line == 1 {
			if len(cols) < 7 || cols[0] != "question" {
				return nil, nil, fmt.Errorf("%s: not a `wenda eval qa --signals` file (its header is %q)", path, sc.Text())
			}
			names = cols[6:]
			continue
		}
		if len(cols) != 6+len(names) {
			return nil, nil, fmt.Errorf("%s line %d: %d columns, want %d", path, line, len(cols), 6+len(names))
		}
		r := RefusalRow{Set: path, Question: cols[0]}
		for i, p := range []*bool{&r.Unanswerable, &r.Right, &r.Weighed, &r.Found, &r.Refused} {
			*p = cols[1+i] == "1"
		}
		if r.Weighed {
			for i, c := range cols[6:] {
				v, err := strconv.ParseFloat(c, 64)
				if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
					err = fmt.Errorf("%q is no finite number", c)
				}
				if err != nil {
					return nil, nil, fmt.Errorf("%s line %d: signal %s: %v", path, line, names[i], err)
				}
				r.Signals = append(r.Signals, v)
			}
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("%s line %d: %w", path, line+1, err)
	}
	return rows, names, nil
}

// RefusalModel is a logistic model of the probability that the passages do
// not answer a question, from its refusal signals: refuse when
// Bias + Σ Weights[i]·signal[i] > 0.
type RefusalModel struct {
	Weights []float64
	Bias    float64
}

// Logit is the model's log-odds that the passages do not answer.
func (m RefusalModel) Logit(x []float64) float64 {
	z := m.Bias
	for i, w := range m.Weights {
		z += w * x[i]
	}
	return z
}

// FitRefusal fits a RefusalModel to the weighed rows by L2-regularized
// logistic regression (Newton's method on the standardized signals; lambda
// the penalty per row), then moves the bias to the cut that scores best
// (Score) on those rows.
func FitRefusal(rows []RefusalRow, lambda float64) RefusalModel {
	var xs [][]float64
	var ys []float64
	for _, r := range rows {
		if r.Weighed && r.Found {
			xs, ys = append(xs, r.Signals), append(ys, b2f(r.Unanswerable))
		}
	}
	if len(xs) == 0 {
		return RefusalModel{}
	}
	d := len(xs[0])
	mean, sd := make([]float64, d), make([]float64, d)
	for _, x := range xs {
		for j, v := range x {
			mean[j] += v / float64(len(xs))
		}
	}
	for _, x := range xs {
		for j, v := range x {
			sd[j] += (v - mean[j]) * (v - mean[j]) / float64(len(xs))
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] < 1e-9 {
			sd[j] = 1
		}
	}
	z := func(x []float64, j int) float64 {
		if j == d {
			return 1
		}
		return (x[j] - mean[j]) / sd[j]
	}
	w := make([]float64, d+1) // the last is the bias
	n := float64(len(xs))
	for iter := 0; iter < 50; iter++ {
		g := make([]float64, d+1)
		h := make([][]float64, d+1)
		for i := range h {
			h[i] = make([]float64, d+1)
		}
		for i, x := range xs {
			s := 0.0
			for j := 0; j <= d; j++ {
				s += w[j] * z(x, j)
			}
			p := 1 / (1 + math.Exp(-s))
			for j := 0; j <= d; j++ {
				g[j] += (p - ys[i]) * z(x, j)
				for k := 0; k <= d; k++ {
					h[j][k] += p * (1 - p) * z(x, j) * z(x, k)
				}
			}
		}
		for j := 0; j < d; j++ { // the bias is not penalized
			g[j] += lambda * n * w[j]
			h[j][j] += lambda * n
		}
		h[d][d] += 1e-9
		step := solve(h, g)
		done := true
		for j := range w {
			w[j] -= step[j]
			if math.Abs(step[j]) > 1e-8 {
				done = false
			}
		}
		if done {
			break
		}
	}
	m := RefusalModel{Weights: make([]float64, d), Bias: w[d]}
	for j := 0; j < d; j++ {
		m.Weights[j] = w[j] / sd[j]
		m.Bias -= w[j] * mean[j] / sd[j]
	}
	// The cut: of the logits seen, the one between two rows that scores
	// best, the nearest to 0 among equals.
	var cuts []float64
	for _, x := range xs {
		cuts = append(cuts, m.Logit(x))
	}
	slices.Sort(cuts)
	best, bestAcc := 0.0, Score(rows, m).Accuracy
	for i := 0; i+1 < len(cuts); i++ {
		c := (cuts[i] + cuts[i+1]) / 2
		if acc := Score(rows, RefusalModel{m.Weights, m.Bias - c}).Accuracy; acc > bestAcc+1e-12 || acc > bestAcc-1e-12 && math.Abs(c) < math.Abs(best) {
			best, bestAcc = c, acc
		}
	}
	m.Bias -= best
	return m
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) []float64 {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(slices.Clone(a[i]), b[i])
	}
	for c := 0; c < n; c++ {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		m[c], m[p] = m[p], m[c]
		if math.Abs(m[c][c]) < 1e-12 {
			continue
		}
		for r := 0; r < n; r++ {
			if r == c {
				continue
			}
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for i := range x {
		if math.Abs(m[i][i]) > 1e-12 {
			x[i] = m[i][n] / m[i][i]
		}
	}
	return x
}

// RefusalScore is what a decision scores on a question set, as `wenda eval
// qa` counts it.
type RefusalScore struct {
	Questions, Right, Refused, RefusedRight, Unanswerable int
	Accuracy, Precision, Recall                           float64
}

// Score scores the decision m would make on rows (nil m: the decision the
// answerer made).
func Score(rows []RefusalRow, m RefusalModel) RefusalScore {
	var s RefusalScore
	for _, r := range rows {
		refused := !r.Found
		if r.Weighed && r.Found {
			if m.Weights == nil {
				refused = r.Refused
			} else {
				refused = m.Logit(r.Signals) > 0
			}
		}
		s.Questions++
		if r.Unanswerable {
			s.Unanswerable++
		}
		if refused {
			s.Refused++
			if r.Unanswerable {
				s.RefusedRight++
			}
		}
		if r.Unanswerable && refused || !r.Unanswerable && !refused && r.Right {
			s.Right++
		}
	}
	s.Accuracy = float64(s.Right) / float64(max(s.Questions, 1))
	s.Precision = float64(s.RefusedRight) / float64(max(s.Refused, 1))
	s.Recall = float64(s.RefusedRight) / float64(max(s.Unanswerable, 1))
	return s
}

// CrossValidate fits on all the sets but one and scores on that one, for
// each set, and writes a line per set: the answerer's own decision beside
// the fitted one's.
func CrossValidate(w io.Writer, sets [][]RefusalRow, lambda float64) (own, fitted RefusalScore) {
	add := func(a *RefusalScore, b RefusalScore) {
		a.Questions += b.Questions
		a.Right += b.Right
		a.Refused += b.Refused
		a.RefusedRight += b.RefusedRight
		a.Unanswerable += b.Unanswerable
		a.Accuracy = float64(a.Right) / float64(max(a.Questions, 1))
		a.Precision = float64(a.RefusedRight) / float64(max(a.Refused, 1))
		a.Recall = float64(a.RefusedRight) / float64(max(a.Unanswerable, 1))
	}
	for i, held := range sets {
		var train []RefusalRow
		for j, s := range sets {
			if j != i {
				train = append(train, s...)
			}
		}
		m := FitRefusal(train, lambda)
		o, f := Score(held, RefusalModel{}), Score(held, m)
		add(&own, o)
		add(&fitted, f)
		name := "?"
		if len(held) > 0 {
			name = held[0].Set
		}
		fmt.Fprintf(w, "  %-28s %4d 个  现行 %.4f（拒答精确率 %.4f、召回率 %.4f）  拟合 %.4f（%.4f、%.4f）\n",
			name, o.Questions, o.Accuracy, o.Precision, o.Recall, f.Accuracy, f.Precision, f.Recall)
	}
	return own, fitted
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
