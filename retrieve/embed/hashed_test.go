package embed

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func cosine(a, b []float32) float64 {
	var s float64
	for i := range a {
		s += float64(a[i]) * float64(b[i])
	}
	return s
}

func TestHashedVectors(t *testing.T) {
	ctx := context.Background()
	h := NewHashed(0)
	if h.Dimension() != HashedDimension || h.Model() == "" {
		t.Fatalf("model %q dimension %d", h.Model(), h.Dimension())
	}
	vs, err := h.Embed(ctx, []string{"出差补助每天120元", "出差補助每天120元", "ＡＢＣ公司的年假制度", "", "天气晴朗"})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs[:3] {
		var ss float64
		for _, x := range v {
			ss += float64(x) * float64(x)
		}
		if len(v) != HashedDimension || math.Abs(ss-1) > 1e-5 {
			t.Errorf("vector %d: dimension %d, squared norm %f", i, len(v), ss)
		}
	}
	if c := cosine(vs[0], vs[1]); c < 0.9999 {
		t.Errorf("traditional and simplified differ: cosine %f", c)
	}
	for _, x := range vs[3] {
		if x != 0 {
			t.Fatal("empty text has a non-zero vector")
		}
	}
	if c := cosine(vs[0], vs[4]); c > 0.2 {
		t.Errorf("unrelated texts too close: %f", c)
	}
	again, _ := h.Embed(ctx, []string{"出差补助每天120元"})
	if cosine(vs[0], again[0]) < 0.99999 {
		t.Error("embedding is not deterministic")
	}
}

func TestFeatures(t *testing.T) {
	var got []uint64
	Features("abc公司1998年", func(f uint64) { got = append(got, f) })
	want := []uint64{
		fnvRune('a', 'b'), fnvRune('b', 'c'),
		fnv("abc", 'a'), fnvRune('公', -1), fnvRune('c', '公'), fnvRune('司', -1), fnvRune('公', '司'),
		fnvRune('司', '1'), fnvRune('1', '9'), fnvRune('9', '9'), fnvRune('9', '8'),
		fnv("1998", 'a'), fnvRune('年', -1), fnvRune('8', '年'),
	}
	if len(got) != len(want) {
		t.Fatalf("%d features, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("feature %d differs", i)
		}
	}
	n := 0
	Features("，。 ！", func(uint64) { n++ })
	if n != 0 {
		t.Errorf("punctuation gave %d features", n)
	}
}

// With the knowledge base's IDF, a query matches the passage sharing its
// rare words above one sharing only common ones.
func TestHashedQueryIDF(t *testing.T) {
	ctx := context.Background()
	docs := []string{"公司的员工的年假的规定的", "公司员工出差补助的标准", "公司员工的考勤制度的说明", "公司的员工的加班的规定"}
	df := NewDF()
	for _, d := range docs {
		df.Add(d)
	}
	h := NewHashed(0)
	dv, _ := h.Embed(ctx, docs)
	q, _ := h.EmbedQuery(ctx, "公司的员工的出差补助是多少")
	h.SetIDF(df)
	qi, _ := h.EmbedQuery(ctx, "公司的员工的出差补助是多少")
	best := func(q []float32) int {
		b := 0
		for i := range dv {
			if cosine(q, dv[i]) > cosine(q, dv[b]) {
				b = i
			}
		}
		return b
	}
	if best(qi) != 1 {
		t.Errorf("with IDF the best passage is %d, want 1", best(qi))
	}
	if cosine(qi, dv[1])-cosine(qi, dv[0]) <= cosine(q, dv[1])-cosine(q, dv[0]) {
		t.Error("IDF does not widen the margin of the passage with the rare words")
	}
	// The counts survive a round trip; a damaged file is refused.
	p := filepath.Join(t.TempDir(), "df.bin")
	if err := df.WriteFile(p); err != nil {
		t.Fatal(err)
	}
	back, err := ReadDF(p)
	if err != nil || back.Docs != df.Docs || len(back.Counts) != len(df.Counts) {
		t.Fatalf("ReadDF = %+v, %v", back, err)
	}
	for f, c := range df.Counts {
		if back.Counts[f] != c {
			t.Fatal("counts differ after the round trip")
		}
	}
	raw, _ := os.ReadFile(p)
	raw[20] ^= 1
	os.WriteFile(p, raw, 0o644)
	if _, err := ReadDF(p); err == nil {
		t.Error("damaged counts accepted")
	}
}
