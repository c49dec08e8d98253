package kg

import (
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

// sealSnapshot makes body a snapshot whose magic, checksum and length
// hold, so that the fuzzer reaches the parser behind them.
func sealSnapshot(body []byte) []byte {
	out := append(append([]byte{}, snapMagic...), body...)
	var tail [12]byte
	binary.LittleEndian.PutUint32(tail[:4], crc32.Checksum(body, table))
	binary.LittleEndian.PutUint64(tail[4:], uint64(len(body)))
	return append(out, tail[:]...)
}

// FuzzSnapshot: a snapshot with a valid checksum but any content opens
// (as damaged, or with what it holds) without a panic or an allocation
// out of proportion to its size.
func FuzzSnapshot(f *testing.F) {
	f.Add([]byte{1, 1, 'a', 1, 1, 'b', 1, 0, 0, 0, 0, 0, 0})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})                 // ten billion documents
	f.Add([]byte{1, 1, 'a', 0xff, 0xff, 0xff, 0xff, 0x0f})      // a document of ten billion strings
	f.Add([]byte{1, 1, 'a', 1, 1, 'b', 0xff, 0xff, 0xff, 0x7f}) // facts beyond the file
	f.Fuzz(func(t *testing.T, body []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, snapName), sealSnapshot(body), 0o644); err != nil {
			t.Fatal(err)
		}
		g, err := OpenReadOnly(context.Background(), dir)
		if err != nil {
			t.Fatalf("open: %v (a damaged snapshot is reported, not an error)", err)
		}
		for id := range g.docs {
			g.DocFacts(id)
		}
		g.Close()
	})
}

// FuzzLog: any bytes as the graph's log open, whole lines applied and
// the rest reported, without a panic; a writer's open keeps every whole
// line.
func FuzzLog(f *testing.F) {
	var seed []byte
	seed = encodeLine(seed, entry{Doc: "a#1", Facts: []corpora.Fact{{Subject: "洛阳纸贵", Relation: "释义", Object: "比喻著作有价值", Doc: "a#1"}}})
	f.Add(seed)
	f.Add(append(append([]byte{}, seed...), seed[:len(seed)/2]...))
	f.Add([]byte("00000000\t{\"doc\":\"x\"}\n"))
	f.Fuzz(func(t *testing.T, log []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, logName), log, 0o644); err != nil {
			t.Fatal(err)
		}
		g, err := OpenReadOnly(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		d := g.Damage()
		g.Close()
		if after, _ := os.ReadFile(filepath.Join(dir, logName)); string(after) != string(log) {
			t.Fatal("a read-only open changed the log")
		}
		w, err := Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		w.Close()
		after, _ := os.ReadFile(filepath.Join(dir, logName))
		if int64(len(after)) != int64(len(log))-d.Torn {
			t.Fatalf("a writer kept %d of %d bytes; want all but the %d torn", len(after), len(log), d.Torn)
		}
	})
}
