package ann

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/wenda-rag/wenda/corpora/sample"
)

// TestLSALowRank: rows that lie in a rank-3 subspace keep their whole
// length when projected on LSA's top 3 directions, and their angles.
func TestLSALowRank(t *testing.T) {
	const n, d, rank = 80, 60, 3
	rng := rand.New(rand.NewPCG(5, 6))
	basis := make([][]float64, rank)
	for i := range basis {
		basis[i] = make([]float64, d)
		for j := range basis[i] {
			basis[i][j] = rng.NormFloat64()
		}
	}
	rows := make([]sparseRow, n)
	dense := make([][]float64, n)
	for i := range rows {
		dense[i] = make([]float64, d)
		for _, b := range basis {
			w := rng.NormFloat64()
			for j := range b {
				dense[i][j] += w * b[j]
			}
		}
		for j, v := range dense[i] {
			rows[i].idx = append(rows[i].idx, int32(j))
			rows[i].val = append(rows[i].val, v)
		}
	}
	out, err := lsa(context.Background(), rows, d, rank)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != n || len(out[0]) != rank {
		t.Fatalf("lsa gave %d rows of %d; want %d of %d", len(out), len(out[0]), n, rank)
	}
	for i := 0; i < n; i++ {
		for j := i; j < i+2 && j < n; j++ {
			want := dot64(dense[i], dense[j])
			got := 0.0
			for p := range out[i] {
				got += float64(out[i][p]) * float64(out[j][p])
			}
			if math.Abs(got-want) > 1e-3*math.Max(1, math.Abs(want)) {
				t.Errorf("rows %d·%d after LSA = %.5f; want %.5f (the rows' own)", i, j, got, want)
			}
		}
	}
	if _, err := lsa(context.Background(), rows[:10], d, rank); err == nil {
		t.Error("lsa of 10 rows at rank 3: no error; want too few rows")
	}
}

func dot64(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func TestIDFRowsUnit(t *testing.T) {
	vecs := [][]float32{{1, 0, 2}, {0, 0, 1}, {0, 0, 0}}
	rows := idfRows(vecs, 3)
	for i, r := range rows[:2] {
		ss := 0.0
		for _, v := range r.val {
			ss += v * v
		}
		if math.Abs(ss-1) > 1e-9 {
			t.Errorf("row %d %v: squared length %v; want 1", i, vecs[i], ss)
		}
	}
	if len(rows[2].idx) != 0 {
		t.Errorf("zero row: %v; want no entries", rows[2])
	}
}

func TestRun(t *testing.T) {
	// The sample corpus, and 30 short texts more: LSA wants rank + 16
	// chunks at least.
	src := t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	chars := []rune("春眠不觉晓处闻啼鸟夜来风雨声花落知多少床前明月光疑是地上霜举头望低思故乡白日依山尽黄河入海流欲穷千里目更上一层楼")
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 30; i++ {
		text := make([]rune, 120)
		for j := range text {
			text[j] = chars[rng.IntN(len(chars))]
		}
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("poem%02d.txt", i)), []byte(string(text)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		cfg  Config
	}{
		{"random", Config{N: 300, Queries: 20, Random: true, EF: []int{32, 8, 0}}},
		{"lsa", Config{N: 25, Queries: 5, K: 3, Dim: 8, Paths: []string{src}}},
		{"hashed", Config{N: 25, Queries: 5, K: 3, Dim: 64, Paths: []string{src}, Vectors: Hashed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			cfg.Dir = t.TempDir()
			stages := map[Stage]int{}
			cfg.Progress = func(p Progress) { stages[p.Stage] = p.Done }
			r, err := Run(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if r.Vectors != cfg.N || r.Queries != cfg.Queries || r.Nodes != cfg.N || r.Source == "" {
				t.Errorf("Run(%+v) = %+v; want %d vectors, %d queries, as many nodes, a source", tt.cfg, r, cfg.N, cfg.Queries)
			}
			if stages[Writing] != cfg.N || (!cfg.Random && stages[Embedding] != cfg.N+cfg.Queries) {
				t.Errorf("progress ended at %v", stages)
			}
			if len(r.Curve) == 0 {
				t.Fatal("no curve")
			}
			for i, p := range r.Curve {
				if p.Recall < 0 || p.Recall > 1 || p.RecallTies < p.Recall || (i > 0 && p.EF <= r.Curve[i-1].EF) {
					t.Errorf("curve point %d: %+v in %+v", i, p, r.Curve)
				}
			}
		})
	}
}
