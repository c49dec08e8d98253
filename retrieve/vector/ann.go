package vector

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// ivf is the approximate index: an inverted file. Spherical k-means splits
// the vectors into about √n lists around unit centroids; a query ranks the
// centroids and compares itself exactly with the vectors of the best few
// lists (the probes) only. Scores are exact cosines, so what IVF trades is
// recall (a near vector filed under an unprobed centroid is missed), never
// the order of what it finds.
//
// It indexes the Index's slots: vectors added after training go to their
// nearest list, deleted ones leave theirs, and the Index retrains when it
// has doubled since (Optimize).
type ivf struct {
	dim     int
	cents   []float32 // nlist × dim, unit length
	lists   [][]int32 // the slots of each list
	list    []int32   // slot → its list, -1 when none
	pos     []int32   // slot → its place in lists[list[slot]]
	trained int       // live vectors when the centroids were trained
	dirty   bool      // assignments changed since the file was written
}

func (v *ivf) nlist() int { return len(v.cents) / v.dim }

// nearest returns the list whose centroid is closest to vec.
func (v *ivf) nearest(vec []float32) int {
	best, bs := 0, float32(math.Inf(-1))
	for c := 0; c < v.nlist(); c++ {
		if s := dot(vec, v.cents[c*v.dim:(c+1)*v.dim]); s > bs {
			best, bs = c, s
		}
	}
	return best
}

func (v *ivf) grow(slot int) {
	for len(v.list) <= slot {
		v.list = append(v.list, -1)
		v.pos = append(v.pos, -1)
	}
}

// add files slot under list c.
func (v *ivf) add(slot, c int) {
	v.grow(slot)
	v.list[slot], v.pos[slot] = int32(c), int32(len(v.lists[c]))
	v.lists[c] = append(v.lists[c], int32(slot))
	v.dirty = true
}

// remove takes slot out of its list, if it is in one.
func (v *ivf) remove(slot int) {
	if slot >= len(v.list) || v.list[slot] < 0 {
		return
	}
	c, p := v.list[slot], v.pos[slot]
	l := v.lists[c]
	last := l[len(l)-1]
	l[p] = last
	v.pos[last] = p
	v.lists[c] = l[:len(l)-1]
	v.list[slot], v.pos[slot] = -1, -1
	v.dirty = true
}

// update refiles slot after its vector changed.
func (v *ivf) update(slot int, vec []float32) {
	c := v.nearest(vec)
	if slot < len(v.list) && v.list[slot] == int32(c) {
		return
	}
	v.remove(slot)
	v.add(slot, c)
}

// search returns the k best of the vectors in the probes lists nearest q.
func (v *ivf) search(ctx context.Context, x *Index, q query, k, probes int) *topK {
	n := v.nlist()
	if probes > n {
		probes = n
	}
	cs := newTopK(probes)
	for c := 0; c < n; c++ {
		cs.push(c, q.score(v.cents[c*v.dim:(c+1)*v.dim]))
	}
	top := newTopK(k)
	d := x.cfg.Dimension
	for i, c := range cs.items {
		if i&7 == 7 && ctx.Err() != nil {
			break
		}
		for _, s := range v.lists[c.slot] {
			top.push(int(s), q.score(x.vecs[int(s)*d:(int(s)+1)*d]))
		}
	}
	return top
}

// trainIVF clusters the live vectors of x (the caller holds its lock) into
// about √n lists with spherical k-means on a sample, then files every
// vector under its nearest centroid, using every core.
func trainIVF(ctx context.Context, x *Index) (*ivf, error) {
	d := x.cfg.Dimension
	live := make([]int, 0, len(x.slot))
	for s, id := range x.ids {
		if id != "" {
			live = append(live, s)
		}
	}
	n := len(live)
	if n == 0 {
		return nil, errors.New("vector: no vectors to index")
	}
	nlist := int(math.Sqrt(float64(n)))
	nlist = max(1, min(nlist, 4096))
	r := rand.New(rand.NewPCG(uint64(n), 0x1f))
	// Train on at most 64 vectors per list: k-means converges on a sample
	// and its cost is sample × lists × dimension per round.
	sample := live
	if len(sample) > 64*nlist {
		sample = make([]int, len(live))
		copy(sample, live)
		r.Shuffle(len(sample), func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
		sample = sample[:64*nlist]
	}
	v := &ivf{dim: d, cents: make([]float32, nlist*d), trained: n}
	perm := r.Perm(len(sample))
	for c := 0; c < nlist; c++ {
		copy(v.cents[c*d:], x.vecs[sample[perm[c]]*d:(sample[perm[c]]+1)*d])
	}
	assign := make([]int32, len(sample))
	sums := make([]float64, nlist*d)
	counts := make([]int, nlist)
	for round := 0; round < 10; round++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		changed := parallel(len(sample), func(i int) bool {
			c := int32(v.nearest(x.vecs[sample[i]*d : (sample[i]+1)*d]))
			old := assign[i]
			assign[i] = c
			return old != c || round == 0
		})
		clear(sums)
		clear(counts)
		for i, c := range assign {
			counts[c]++
			row := sums[int(c)*d : (int(c)+1)*d]
			for j, f := range x.vecs[sample[i]*d : (sample[i]+1)*d] {
				row[j] += float64(f)
			}
		}
		for c := 0; c < nlist; c++ {
			cent := v.cents[c*d : (c+1)*d]
			if counts[c] == 0 {
				// An empty list takes a random vector as its centre.
				s := sample[r.IntN(len(sample))]
				copy(cent, x.vecs[s*d:(s+1)*d])
				continue
			}
			var ss float64
			for _, f := range sums[c*d : (c+1)*d] {
				ss += f * f
			}
			inv := 1 / math.Sqrt(ss)
			if ss == 0 {
				inv = 0
			}
			for j, f := range sums[c*d : (c+1)*d] {
				cent[j] = float32(f * inv)
			}
		}
		if changed < len(sample)/1000 {
			break
		}
	}
	v.lists = make([][]int32, nlist)
	v.grow(len(x.ids) - 1)
	lists := make([]int32, n)
	parallel(n, func(i int) bool {
		lists[i] = int32(v.nearest(x.vecs[live[i]*d : (live[i]+1)*d]))
		return false
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, s := range live {
		v.add(s, int(lists[i]))
	}
	return v, nil
}

// parallel runs f(0..n-1) over every core and counts the calls that
// returned true.
func parallel(n int, f func(i int) bool) int {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	counts := make([]int, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				if f(i) {
					counts[w]++
				}
			}
		}(w)
	}
	wg.Wait()
	t := 0
	for _, c := range counts {
		t += c
	}
	return t
}

// The approximate index is kept in ann.bin beside the log, as a cache: the
// centroids and, per chunk id, its list. A missing, stale or damaged file
// is rebuilt by Optimize; until then search is exact.
const annName = "ann.bin"

var annMagic = [8]byte{'w', 'e', 'n', 'd', 'a', 'i', 'v', '1'}

func (v *ivf) save(x *Index) error {
	p := filepath.Join(x.cfg.Dir, annName)
	tmp := p + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	h := crc32.New(castagnoli)
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	w.Write(annMagic[:])
	var b []byte
	b = binary.LittleEndian.AppendUint32(b, uint32(v.dim))
	b = binary.LittleEndian.AppendUint32(b, uint32(v.nlist()))
	b = binary.LittleEndian.AppendUint64(b, uint64(v.trained))
	for _, c := range v.cents {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(c))
	}
	b = binary.LittleEndian.AppendUint64(b, uint64(len(x.slot)))
	w.Write(b)
	for s, id := range x.ids {
		if id == "" || s >= len(v.list) || v.list[s] < 0 {
			continue
		}
		b = binary.LittleEndian.AppendUint16(b[:0], uint16(len(id)))
		b = append(b, id...)
		b = binary.LittleEndian.AppendUint32(b, uint32(v.list[s]))
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], h.Sum32())
	if _, err := f.Write(sum[:]); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		return err
	}
	v.dirty = false
	return nil
}

// loadIVF reads ann.bin and files the index's slots by it; slots the file
// does not know (added since) go to their nearest list. A file that does
// not check out is ignored: the index is then searched exactly.
func loadIVF(x *Index) (*ivf, error) {
	raw, err := os.ReadFile(filepath.Join(x.cfg.Dir, annName))
	if err != nil {
		return nil, err
	}
	if len(raw) < 8+16+4 || [8]byte(raw[:8]) != annMagic ||
		crc32.Checksum(raw[:len(raw)-4], castagnoli) != binary.LittleEndian.Uint32(raw[len(raw)-4:]) {
		return nil, fmt.Errorf("vector: %s is damaged", annName)
	}
	b := raw[8 : len(raw)-4]
	d, nlist := int(binary.LittleEndian.Uint32(b)), int(binary.LittleEndian.Uint32(b[4:]))
	if d != x.cfg.Dimension || nlist <= 0 || len(b) < 16+4*d*nlist+8 {
		return nil, fmt.Errorf("vector: %s does not fit the index", annName)
	}
	v := &ivf{dim: d, trained: int(binary.LittleEndian.Uint64(b[8:])), cents: make([]float32, d*nlist), lists: make([][]int32, nlist)}
	b = b[16:]
	for i := range v.cents {
		v.cents[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	b = b[4*d*nlist+8:]
	v.grow(len(x.ids) - 1)
	for len(b) >= 2 {
		l := int(binary.LittleEndian.Uint16(b))
		if len(b) < 2+l+4 {
			return nil, fmt.Errorf("vector: %s is damaged", annName)
		}
		id, c := string(b[2:2+l]), int(binary.LittleEndian.Uint32(b[2+l:]))
		b = b[2+l+4:]
		if s, ok := x.slot[id]; ok && c < nlist && v.list[s] < 0 {
			v.add(s, c)
		}
	}
	v.dirty = false
	for s, id := range x.ids {
		if id != "" && v.list[s] < 0 {
			v.add(s, v.nearest(x.vecs[s*d:(s+1)*d]))
		}
	}
	return v, nil
}

// probesFor is how many lists a query reads by default: enough for a
// recall@10 of about 0.95 on the measured collections (README).
func probesFor(nlist int) int {
	return max(1, min(nlist, max(16, nlist/12)))
}
