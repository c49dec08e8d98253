package vector

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

// FuzzLog: any bytes as the vector log open without a panic; a read-only
// open changes nothing; a writer keeps every byte but a torn tail.
func FuzzLog(f *testing.F) {
	var seed []byte
	for i, v := range [][]float32{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}} {
		seed = appendRecord(seed, record{op: opUpsert, chunk: corpora.ChunkID("d", i), doc: "d", vec: v})
	}
	seed = appendRecord(seed, record{op: opDelDoc, doc: "d"})
	f.Add(seed)
	f.Add(seed[:len(seed)-7])
	damaged := append([]byte{}, seed...)
	damaged[len(recordMark)+2] ^= 0x40 // a length reaching past the end, whole records after it
	f.Add(damaged)
	f.Fuzz(func(t *testing.T, log []byte) {
		dir := t.TempDir()
		cfg := Config{Dir: dir, Model: "m", Dimension: 3}
		// The index's record of its model, as Open writes it (without
		// its fsyncs: thousands of runs a second).
		if err := os.WriteFile(filepath.Join(dir, metaName), []byte(`{"model":"m","dimension":3}`), 0o644); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, logName)
		if err := os.WriteFile(p, log, 0o644); err != nil {
			t.Fatal(err)
		}
		cfg.ReadOnly = true
		r, err := Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		d := r.Damage()
		r.Search(context.Background(), []float32{1, 1, 1}, 3, Filter{})
		r.Close()
		if after, _ := os.ReadFile(p); string(after) != string(log) {
			t.Fatal("a read-only open changed the log")
		}
		cfg.ReadOnly = false
		w, err := Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		if after, _ := os.ReadFile(p); int64(len(after)) != int64(len(log))-d.Torn {
			t.Fatalf("a writer kept %d of %d bytes; want all but the %d torn", len(after), len(log), d.Torn)
		}
	})
}

// FuzzANNFile: an approximate-index file with a valid checksum but any
// content is refused or read, never a panic or an allocation out of
// proportion to its size.
func FuzzANNFile(f *testing.F) {
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 'a', '#', '0', 0, 1, 0, 0, 0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0})                                        // two billion nodes
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 'a', '#', '0', 200, 0})                       // level 200
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 'a', '#', '0', 0, 1, 0xff, 0xff, 0xff, 0xff}) // a link to node -1
	f.Fuzz(func(t *testing.T, body []byte) {
		dir := t.TempDir()
		x, err := Open(context.Background(), Config{Dir: dir, Model: "m", Dimension: 3, ANNMin: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if err := x.Upsert(context.Background(), []corpora.Embedding{{ChunkID: "a#0", DocID: "a", Vector: []float32{1, 0, 0}}}); err != nil {
			t.Fatal(err)
		}
		raw := append(append([]byte{}, annMagic[:]...), body...)
		raw = binary.LittleEndian.AppendUint32(raw, crc32.Checksum(raw, castagnoli))
		if err := os.WriteFile(filepath.Join(dir, annName), raw, 0o644); err != nil {
			t.Fatal(err)
		}
		x.mu.Lock()
		defer x.mu.Unlock()
		loadHNSW(x)
	})
}
