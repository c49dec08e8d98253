package ann

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// sparseRow is a row of a sparse matrix: its non-zero columns and values.
type sparseRow struct {
	idx []int32
	val []float64
}

// lsa reduces the rows of a documents × features matrix to r dense
// dimensions by latent semantic analysis: a truncated SVD computed by a
// randomized range finder with one power iteration (Halko, Martinsson &
// Tropp 2011). The rows (IDF-weighted, unit length) are projected on the
// top r right singular vectors; the index normalizes them. It makes dense,
// low-rank "semantic" embeddings of real chunks for measuring the
// approximate index: hashed character vectors are near-orthogonal and
// flat, unlike the embeddings of a trained model.
func lsa(ctx context.Context, rows []sparseRow, d, r int) ([][]float32, error) {
	n := len(rows)
	k := r + 16
	if n < k || d < k {
		return nil, errors.New("lsa: too few rows or columns for the rank asked")
	}
	rng := rand.New(rand.NewPCG(11, 13))
	omega := mat.NewDense(d, k, nil)
	for i := 0; i < d; i++ {
		for j := 0; j < k; j++ {
			omega.Set(i, j, rng.NormFloat64())
		}
	}
	y := mulSparse(rows, omega, n, k, false) // A Ω
	var z *mat.Dense
	for pass := 0; pass < 2; pass++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if pass > 0 {
			y = mulSparse(rows, z, n, k, false) // A Aᵀ Q: one power iteration
		}
		q, err := orthonormal(y)
		if err != nil {
			return nil, err
		}
		z = mulSparse(rows, q, d, k, true) // Aᵀ Q
	}
	// Aᵀ Q = (Qᵀ A)ᵀ: its left singular vectors are A's top right
	// singular vectors.
	var svd mat.SVD
	if !svd.Factorize(z, mat.SVDThin) {
		return nil, errors.New("lsa: SVD did not converge")
	}
	var u mat.Dense
	svd.UTo(&u)
	v := u.Slice(0, d, 0, r).(*mat.Dense)
	out := make([][]float32, n)
	for i, row := range rows {
		e := make([]float32, r)
		for p, c := range row.idx {
			vr := v.RawRowView(int(c))
			for j := 0; j < r; j++ {
				e[j] += float32(row.val[p] * vr[j])
			}
		}
		out[i] = e
	}
	return out, nil
}

// mulSparse returns A·B for sparse A (rows) and dense B with a row per
// column of A, outRows × k; with transpose, Aᵀ·B for B with a row per row
// of A.
func mulSparse(rows []sparseRow, b *mat.Dense, outRows, k int, transpose bool) *mat.Dense {
	out := mat.NewDense(outRows, k, nil)
	for i, row := range rows {
		for p, c := range row.idx {
			oi, xi := i, int(c)
			if transpose {
				oi, xi = xi, oi
			}
			o, x := out.RawRowView(oi), b.RawRowView(xi)
			v := row.val[p]
			for j := range o {
				o[j] += v * x[j]
			}
		}
	}
	return out
}

// orthonormal returns an orthonormal basis of y's columns by Cholesky QR,
// twice for accuracy.
func orthonormal(y *mat.Dense) (*mat.Dense, error) {
	_, k := y.Dims()
	for pass := 0; pass < 2; pass++ {
		var g mat.SymDense
		g.SymOuterK(1, y.T())
		var ch mat.Cholesky
		if !ch.Factorize(&g) {
			for i := 0; i < k; i++ {
				g.SetSym(i, i, g.At(i, i)+1e-9)
			}
			if !ch.Factorize(&g) {
				return nil, errors.New("lsa: the sample matrix is rank-deficient")
			}
		}
		var u, uinv mat.TriDense
		ch.UTo(&u)
		if err := uinv.InverseTri(&u); err != nil {
			return nil, err
		}
		var q mat.Dense
		q.Mul(y, &uinv)
		y = &q
	}
	return y, nil
}

// idfRows turns unit term-frequency vectors into IDF-weighted, unit-length
// sparse rows.
func idfRows(vecs [][]float32, d int) []sparseRow {
	df := make([]float64, d)
	for _, v := range vecs {
		for j, x := range v {
			if x != 0 {
				df[j]++
			}
		}
	}
	n := float64(len(vecs))
	rows := make([]sparseRow, len(vecs))
	for i, v := range vecs {
		var row sparseRow
		var ss float64
		for j, x := range v {
			if x != 0 {
				w := float64(x) * math.Log(1+n/(df[j]+1))
				row.idx = append(row.idx, int32(j))
				row.val = append(row.val, w)
				ss += w * w
			}
		}
		if ss > 0 {
			inv := 1 / math.Sqrt(ss)
			for p := range row.val {
				row.val[p] *= inv
			}
		}
		rows[i] = row
	}
	return rows
}
