package vector

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// memIndex builds an index of n random unit vectors in memory only (no
// log), for measuring search.
func memIndex(n, dim int) *Index {
	r := rand.New(rand.NewPCG(7, 7))
	x := &Index{cfg: Config{Model: "random", Dimension: dim}, slot: map[string]int{}, byDoc: map[string][]int{}}
	v := make([]float32, dim)
	for i := 0; i < n; i++ {
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		x.apply(record{op: opUpsert, chunk: fmt.Sprintf("d%d#0", i), doc: fmt.Sprintf("d%d", i), vec: normalized(v)})
	}
	return x
}

// BenchmarkExactScan measures one exact top-10 query over 200,000 random
// 384-dimensional vectors, on one core and on all, in GB/s of vectors read.
func BenchmarkExactScan(b *testing.B) {
	const n, dim = 200000, 384
	x := memIndex(n, dim)
	q := normalized(x.vec(0))
	for _, procs := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("cores=%d", procs), func(b *testing.B) {
			old := runtime.GOMAXPROCS(procs)
			defer runtime.GOMAXPROCS(old)
			b.SetBytes(int64(n * dim * 4))
			for i := 0; i < b.N; i++ {
				if _, err := x.Search(context.Background(), q, 10, Filter{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
