// Package ann measures the embedded vector index's approximate search
// (HNSW) against its exact scan on the same vectors in the same run:
// recall@k and single-query latency for a range of search efforts, build
// time and memory per vector. The vectors are the offline model's
// embeddings of real chunks, reduced by LSA to the dense, low-rank shape of
// a trained model's, or those embeddings as they are, or random ones.
package ann

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval"
	"github.com/wenda-rag/wenda/ingest"
	"github.com/wenda-rag/wenda/retrieve/embed"
	"github.com/wenda-rag/wenda/retrieve/vector"
)

// What embeds the chunks (Config.Vectors).
const (
	// LSA: the offline model's vectors, IDF-weighted and reduced by a
	// truncated SVD; dense and low-rank, as a trained model's are.
	LSA = "lsa"
	// Hashed: the offline model's own vectors, near-orthogonal and flat.
	Hashed = "hashed"
)

// Config says what to measure. Zero values are the defaults.
type Config struct {
	N       int // vectors to index; default 200,000
	Queries int // queries, held out from the index; default 300
	K       int // neighbours per query; default 10
	// Dim is the indexed vectors' dimension: by default 256 with LSA,
	// the offline model's own with Hashed (which then embeds at Dim);
	// random vectors follow Vectors too.
	Dim int
	// EF lists the search efforts (HNSW's ef) to compare; by default the
	// index's own, half and double it. Efforts of 0 or less are skipped.
	EF []int
	// Random indexes random Gaussian vectors instead of embedded chunks.
	Random bool
	// Paths are the files and directories whose chunks are embedded (as
	// wenda ingests them); required unless Random.
	Paths []string
	// Vectors is what embeds the chunks: LSA (the default) or Hashed.
	Vectors string
	// Dir is where the scratch index is written and removed; default the
	// system's temporary directory.
	Dir string
	// Progress, when set, is told how the long stages advance.
	Progress func(Progress)
}

// Stage names a long stage of Run.
type Stage string

// Run's long stages.
const (
	Embedding Stage = "embedding" // the offline model embeds the chunks
	Writing   Stage = "writing"   // the vectors go into the index
)

// Progress is how far a stage has come.
type Progress struct {
	Stage       Stage
	Done, Total int
	Elapsed     time.Duration // since the stage began
}

// Point is one search effort's figures.
type Point struct {
	EF     int     `json:"ef"`
	Recall float64 `json:"recall"`
	// RecallTies counts a result as found when it scores at least the
	// k-th exact result (ann-benchmarks' definition): a duplicate of a
	// true neighbour, equally near, is not a miss.
	RecallTies float64 `json:"recall_ties"`
	P50MS      float64 `json:"p50_ms"`
	P99MS      float64 `json:"p99_ms"`
}

// Result is what Run measured. Latencies are in milliseconds, on one core.
type Result struct {
	Vectors, Dimension, Queries, K int
	Source                         string // what the vectors are
	Nodes                          int    // in the approximate index
	DefaultEF                      int    // the index's own search effort
	Default                        Point  // the curve's point at DefaultEF (zero if not measured)
	Curve                          []Point
	ExactP50MS                     float64
	ExactGBPerS                    float64 // vectors read by the exact scan
	Speedup                        float64 // exact p50 over the default effort's
	BuildSeconds                   float64 // building the approximate index
	UpsertSeconds                  float64 // writing the vectors
	VectorBytes                    float64 // one vector's
	ANNBytesPerVector              float64 // the approximate index's links
	LogBytesPerVector              float64 // the index's log on disk
}

// Run builds an index of cfg.N vectors and measures it with cfg.Queries
// held-out ones. It sets GOMAXPROCS to 1 while it times the searches (the
// latencies are one core's), so run it alone.
func Run(ctx context.Context, cfg Config) (Result, error) {
	cfg.N, cfg.Queries, cfg.K = cmp.Or(cfg.N, 200000), cmp.Or(cfg.Queries, 300), cmp.Or(cfg.K, 10)
	cfg.Vectors = cmp.Or(cfg.Vectors, LSA)
	if cfg.Vectors != LSA && cfg.Vectors != Hashed {
		return Result{}, fmt.Errorf("ann: vectors %q: want %s or %s", cfg.Vectors, LSA, Hashed)
	}
	if !cfg.Random && len(cfg.Paths) == 0 {
		return Result{}, errors.New("ann: no paths to embed and not random")
	}
	vecs, d, source, err := vectors(ctx, cfg)
	if err != nil {
		return Result{}, err
	}
	dir, err := os.MkdirTemp(cfg.Dir, "wenda-ann-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	x, err := vector.Open(ctx, vector.Config{Dir: dir, Model: "eval-ann", Dimension: d, ANNMin: 1})
	if err != nil {
		return Result{}, err
	}
	defer x.Close()
	n := cfg.N
	t := time.Now()
	for i := 0; i < n; i += 2000 {
		items := make([]corpora.Embedding, 0, 2000)
		for j := i; j < min(i+2000, n); j++ {
			id := "v" + strconv.Itoa(j)
			items = append(items, corpora.Embedding{ChunkID: corpora.ChunkID(id, 0), DocID: id, Vector: vecs[j]})
		}
		if err := x.Upsert(ctx, items); err != nil {
			return Result{}, err
		}
		cfg.progress(Writing, min(i+2000, n), n, t)
	}
	res := Result{Vectors: n, Dimension: d, Queries: cfg.Queries, K: cfg.K, Source: source, VectorBytes: float64(4 * d)}
	res.UpsertSeconds = time.Since(t).Seconds()
	t = time.Now()
	if _, err := x.Optimize(ctx); err != nil {
		return Result{}, err
	}
	res.BuildSeconds = time.Since(t).Seconds()
	st := x.ANNStats()
	res.Nodes, res.DefaultEF = st.Nodes, st.DefaultEF

	// Latency on one core; the exact scan on one core too, and in GB/s of
	// vectors read.
	old := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(old)
	queries := vecs[n:]
	exact := make([]map[string]bool, len(queries))
	kth := make([]float64, len(queries)) // the k-th exact score
	exactMS := make([]time.Duration, len(queries))
	for i, q := range queries {
		t := time.Now()
		hs, err := x.Search(ctx, q, cfg.K, vector.Filter{EF: -1})
		if err != nil {
			return Result{}, err
		}
		exactMS[i] = time.Since(t)
		exact[i] = map[string]bool{}
		for _, h := range hs {
			exact[i][h.ID] = true
		}
		if len(hs) > 0 {
			kth[i] = hs[len(hs)-1].Score
		}
	}
	res.ExactP50MS = eval.Percentile(exactMS, 50)
	efs := cfg.EF
	if len(efs) == 0 {
		efs = []int{st.DefaultEF / 2, st.DefaultEF, st.DefaultEF * 2}
	}
	for _, ef := range efs {
		if ef <= 0 {
			continue
		}
		found, ties, want := 0, 0, 0
		ms := make([]time.Duration, len(queries))
		for i, q := range queries {
			t := time.Now()
			hs, err := x.Search(ctx, q, cfg.K, vector.Filter{EF: ef})
			if err != nil {
				return Result{}, err
			}
			ms[i] = time.Since(t)
			for _, h := range hs {
				if exact[i][h.ID] {
					found++
				}
				if h.Score >= kth[i]-1e-6 {
					ties++
				}
			}
			want += len(exact[i])
		}
		res.Curve = append(res.Curve, Point{ef, float64(found) / float64(want), float64(ties) / float64(want), eval.Percentile(ms, 50), eval.Percentile(ms, 99)})
	}
	sort.Slice(res.Curve, func(i, j int) bool { return res.Curve[i].EF < res.Curve[j].EF })
	for _, p := range res.Curve {
		if p.EF == st.DefaultEF {
			res.Default = p
		}
	}
	res.ExactGBPerS = float64(n) * res.VectorBytes / 1e9 / (res.ExactP50MS / 1000)
	res.Speedup = res.ExactP50MS / res.Default.P50MS
	res.ANNBytesPerVector = float64(st.Bytes) / float64(n)
	res.LogBytesPerVector = float64(fileSize(filepath.Join(dir, "vectors.log"))) / float64(n)
	return res, nil
}

func (cfg Config) progress(s Stage, done, total int, start time.Time) {
	if cfg.Progress != nil {
		cfg.Progress(Progress{Stage: s, Done: done, Total: total, Elapsed: time.Since(start)})
	}
}

// vectors makes the N + Queries vectors to measure with, the indexed ones
// first, and says their dimension and what they are.
func vectors(ctx context.Context, cfg Config) (vecs [][]float32, d int, source string, err error) {
	// The offline model embeds at d, or at its own dimension for LSA to
	// reduce to d.
	d, modelDim := cfg.Dim, cfg.Dim
	if cfg.Vectors == LSA {
		d, modelDim = cmp.Or(d, 256), 0
	}
	model := embed.NewHashed(modelDim)
	d = cmp.Or(d, model.Dimension())
	total := cfg.N + cfg.Queries
	if cfg.Random {
		r := rand.New(rand.NewPCG(1, 2))
		vecs = make([][]float32, total)
		for i := range vecs {
			v := make([]float32, d)
			for j := range v {
				v[j] = float32(r.NormFloat64())
			}
			vecs[i] = v
		}
		return vecs, d, "random Gaussian", nil
	}
	texts, err := chunkTexts(cfg.Paths, total)
	if err != nil {
		return nil, 0, "", err
	}
	paths := strings.Join(cfg.Paths, " ")
	if len(texts) < total {
		return nil, 0, "", fmt.Errorf("ann: %s hold %d distinct chunks, fewer than %d vectors and %d queries", paths, len(texts), cfg.N, cfg.Queries)
	}
	// Shuffle, so the held-out queries come from the whole collection.
	rand.New(rand.NewPCG(3, 4)).Shuffle(len(texts), func(i, j int) { texts[i], texts[j] = texts[j], texts[i] })
	texts = texts[:total]
	t := time.Now()
	for i := 0; i < total; i += 1000 {
		part, err := model.Embed(ctx, texts[i:min(i+1000, total)])
		if err != nil {
			return nil, 0, "", err
		}
		vecs = append(vecs, part...)
		cfg.progress(Embedding, len(vecs), total, t)
	}
	if cfg.Vectors == Hashed {
		return vecs, d, "offline model (" + model.Model() + ") embeddings of chunks of " + paths, nil
	}
	t = time.Now()
	if vecs, err = lsa(ctx, idfRows(vecs, model.Dimension()), model.Dimension(), d); err != nil {
		return nil, 0, "", err
	}
	return vecs, d, fmt.Sprintf("LSA (rank %d, randomized SVD of the IDF-weighted %d-dimensional offline-model vectors; %.0f s) of chunks of %s", d, model.Dimension(), time.Since(t).Seconds(), paths), nil
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// chunkTexts reads up to limit distinct chunk texts from paths, as wenda
// ingests them.
func chunkTexts(paths []string, limit int) ([]string, error) {
	files, err := corpora.Walk(paths)
	if err != nil {
		return nil, err
	}
	seen := map[uint64]bool{}
	var out []string
	add := func(d corpora.Document) {
		for _, ch := range ingest.Chunk(d, ingest.DefaultChunkSize) {
			t := ingest.EmbedText(ch)
			h := fnv.New64a()
			h.Write([]byte(t))
			if !seen[h.Sum64()] {
				seen[h.Sum64()] = true
				out = append(out, t)
			}
		}
	}
	for _, f := range files {
		if len(out) >= 2*limit {
			break // enough to shuffle from
		}
		docs, err := corpora.ReadFile(f)
		if err != nil {
			continue
		}
		for _, d := range docs {
			add(d)
		}
	}
	return out, nil
}
