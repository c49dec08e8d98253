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

// dotInt8 is the inner product of int8-quantized vectors, unrolled like
// dot: what an int8 scan would run per vector.
func dotInt8(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		aa, bb := a[i:i+4:i+4], b[i:i+4:i+4]
		s0 += int32(aa[0]) * int32(bb[0])
		s1 += int32(aa[1]) * int32(bb[1])
		s2 += int32(aa[2]) * int32(bb[2])
		s3 += int32(aa[3]) * int32(bb[3])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}

// BenchmarkScanInt8 compares a scan of 200,000 × 384 vectors stored as
// float32 with the same vectors quantized to int8, on one core: whether
// quantization pays in time here (it saves 4× the memory either way).
func BenchmarkScanInt8(b *testing.B) {
	const n, dim = 200000, 384
	r := rand.New(rand.NewPCG(1, 1))
	f := make([]float32, n*dim)
	q8 := make([]int8, n*dim)
	for i := range f {
		f[i] = float32(r.NormFloat64())
		q8[i] = int8(max(-127, min(127, f[i]*32)))
	}
	qf, qi := f[:dim], q8[:dim]
	b.Run("float32", func(b *testing.B) {
		b.SetBytes(int64(n * dim * 4))
		for i := 0; i < b.N; i++ {
			var best float32
			for s := 0; s < n; s++ {
				best = max(best, dot(qf, f[s*dim:(s+1)*dim]))
			}
		}
	})
	b.Run("int8", func(b *testing.B) {
		b.SetBytes(int64(n * dim))
		for i := 0; i < b.N; i++ {
			var best int32
			for s := 0; s < n; s++ {
				best = max(best, dotInt8(qi, q8[s*dim:(s+1)*dim]))
			}
		}
	})
}
