package kg

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"unsafe"

	"github.com/wenda-rag/wenda/internal/atomicfile"
)

const (
	snapName = "facts.snap"
	// A log longer than this is folded into the snapshot on Close.
	checkpointBytes = 4 << 20
)

// Checkpoint folds the log into the snapshot now (Close does when the
// log is long).
func (g *Graph) Checkpoint() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.log == nil {
		return errors.New("kg: graph closed or opened read-only")
	}
	return g.checkpoint()
}

// checkpoint writes the snapshot and empties the log. The caller holds
// the lock.
func (g *Graph) checkpoint() error {
	if err := g.w.Flush(); err != nil {
		return fmt.Errorf("kg: write log: %w", err)
	}
	if err := g.writeSnapshot(); err != nil {
		return err
	}
	if err := g.log.Truncate(0); err != nil {
		return fmt.Errorf("kg: empty the log: %w", err)
	}
	if _, err := g.log.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("kg: %w", err)
	}
	if err := g.log.Sync(); err != nil {
		return fmt.Errorf("kg: sync log: %w", err)
	}
	g.w.Reset(g.log)
	g.logN, g.dead = 0, 0
	return g.writeLen()
}

// The snapshot: a magic line; the number of documents, then each
// document's id, its strings and its facts as indexes into them (all
// lengths and indexes unsigned varints); then the CRC-32C of everything
// after the magic line and its length, 4 and 8 bytes little-endian.
var snapMagic = []byte("wenda kg snapshot 1\n")

func (g *Graph) writeSnapshot() error {
	p := filepath.Join(g.dir, snapName)
	err := atomicfile.Write(p, 0o644, func(w io.Writer) error {
		w.Write(snapMagic)
		crc := crc32.New(table)
		body := io.MultiWriter(w, crc)
		var n int64
		var vb [binary.MaxVarintLen64]byte
		uv := func(x uint64) {
			k := binary.PutUvarint(vb[:], x)
			body.Write(vb[:k])
			n += int64(k)
		}
		str := func(s string) {
			uv(uint64(len(s)))
			io.WriteString(body, s)
			n += int64(len(s))
		}
		ids := make([]string, 0, len(g.docs))
		for id := range g.docs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		uv(uint64(len(ids)))
		for _, id := range ids {
			d := g.docs[id]
			str(id)
			uv(uint64(len(d.strs)))
			for _, s := range d.strs {
				str(s)
			}
			uv(uint64(len(d.facts)))
			for _, p := range d.facts {
				for _, x := range [...]uint32{p.s, p.r, p.o, p.f, p.src, p.key} {
					uv(uint64(x))
				}
			}
		}
		var tail [12]byte
		binary.LittleEndian.PutUint32(tail[:4], crc.Sum32())
		binary.LittleEndian.PutUint64(tail[4:], uint64(n))
		// w is buffered: an error in a write above comes back here or
		// when it is flushed.
		_, err := w.Write(tail[:])
		return err
	})
	if err != nil {
		return fmt.Errorf("kg: snapshot %s: %w", p, err)
	}
	return nil
}

// loadSnapshot reads the snapshot, if there is one, into g.docs. Its
// strings are views of the file's bytes, read in one piece: no copy per
// string.
func (g *Graph) loadSnapshot() error {
	p := filepath.Join(g.dir, snapName)
	buf, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kg: %w", err)
	}
	// A damaged snapshot is not a reason to refuse the knowledge base:
	// the graph opens with what the log holds, and says every document
	// may have lost its facts (the knowledge base then writes them all
	// again at the next ingest). The file stays as it is until a writer
	// replaces it.
	damaged := func(why string) error {
		g.docs, g.nfacts = map[string]*docFacts{}, 0
		g.damage.File, g.damage.Unknown = p+" ("+why+")", true
		return nil
	}
	if len(buf) < len(snapMagic)+12 || string(buf[:len(snapMagic)]) != string(snapMagic) {
		return damaged("not a wenda graph snapshot")
	}
	body := buf[len(snapMagic) : len(buf)-12]
	tail := buf[len(buf)-12:]
	if binary.LittleEndian.Uint64(tail[4:]) != uint64(len(body)) || binary.LittleEndian.Uint32(tail[:4]) != crc32.Checksum(body, table) {
		return damaged("checksum or length does not match")
	}
	off := 0
	bad := false
	uv := func() uint64 {
		x, k := binary.Uvarint(body[off:])
		if k <= 0 {
			bad = true
			return 0
		}
		off += k
		return x
	}
	str := func() string {
		x := uv()
		if bad || x > uint64(len(body)-off) { // compared before it is an int: no negative lengths
			bad = true
			return ""
		}
		n := int(x)
		if n == 0 {
			return ""
		}
		s := unsafe.String(&body[off], n)
		off += n
		return s
	}
	// Counts are checked against what is left of the file before
	// anything is made of them: a file whose checksum holds can still
	// claim absurd ones (each document, string and fact takes a byte at
	// least).
	count := func() int {
		n := uv()
		if n > uint64(len(body)-off) {
			bad = true
			return 0
		}
		return int(n)
	}
	ndocs := count()
	g.docs = make(map[string]*docFacts, ndocs)
	for i := 0; i < ndocs && !bad; i++ {
		id := str()
		d := &docFacts{strs: make([]string, count())}
		for j := range d.strs {
			d.strs[j] = str()
		}
		nf := count()
		if bad || nf > (len(body)-off)/6 {
			bad = true
			break
		}
		d.facts = make([]packed, nf)
		for j := range d.facts {
			var x [6]uint32
			for k := range x {
				v := uv()
				if v >= uint64(len(d.strs)) {
					bad = true
				}
				x[k] = uint32(v)
			}
			d.facts[j] = packed{x[0], x[1], x[2], x[3], x[4], x[5]}
		}
		g.docs[id] = d
		g.nfacts += nf
	}
	if bad || off != len(body) {
		return damaged("unreadable record")
	}
	return nil
}
