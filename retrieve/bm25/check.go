package bm25

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/util"
	zapx "github.com/blevesearch/zapx/v17"
	bolt "go.etcd.io/bbolt"
)

// ErrDamaged marks an index whose files fail Check.
var ErrDamaged = errors.New("bm25: index damaged")

// DamageError names the file of an index that failed Check and why.
type DamageError struct {
	File   string // relative to the index's folder, e.g. store/000000000005.zap
	Reason string
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("bm25 index damaged: %s: %s", e.File, e.Reason)
}

func (e *DamageError) Unwrap() error { return ErrDamaged }

// Check verifies an index's files, reading and changing nothing else,
// before bleve is given them: bleve trusts its files, and a damaged one
// either crashes the process (a cut root.bolt faults in its memory map), is
// passed over in silence (a cut segment makes it load an older snapshot,
// without the documents written since), or is served as it is (a flipped
// byte in a segment). So: index_meta.json must parse; root.bolt's meta
// pages must be valid, the file as long as they say, and its pages
// consistent; and every segment of the latest snapshot must exist, its
// deleted-documents bitmap decode, and its checksum (zap's footer holds a
// CRC-32 of the rest of the file) match. A missing folder is no damage: the
// index is new. The cost is one read of the segments, at memory speed
// from the page cache.
func Check(dir string) (err error) {
	meta, err := os.ReadFile(filepath.Join(dir, "index_meta.json"))
	if errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat(dir); errors.Is(serr, os.ErrNotExist) {
			return nil
		}
	}
	if err != nil {
		return &DamageError{"index_meta.json", err.Error()}
	}
	var m struct {
		Storage string `json:"storage"`
		Type    string `json:"index_type"`
	}
	if err := json.Unmarshal(meta, &m); err != nil || m.Storage != "boltdb" || m.Type != "scorch" {
		return &DamageError{"index_meta.json", "not the index's metadata"}
	}
	root := filepath.Join(dir, "store", "root.bolt")
	if err := checkBoltSize(root); err != nil {
		return &DamageError{"store/root.bolt", err.Error()}
	}
	segments, err := liveSegments(root)
	if err != nil {
		var d *DamageError
		if errors.As(err, &d) || errors.Is(err, ErrBusy) {
			return err
		}
		return &DamageError{"store/root.bolt", err.Error()}
	}
	// The segments on every core: a large index's are hundreds of MB.
	errs := make([]error, len(segments))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), len(segments)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(segments); i = int(next.Add(1) - 1) {
				if err := checkSegment(filepath.Join(dir, "store", segments[i])); err != nil {
					errs[i] = &DamageError{"store/" + segments[i], err.Error()}
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// checkBoltSize reads bolt's two meta pages and checks the file holds the
// pages the newer valid one counts: bolt maps the file and reads past its
// end as a fault that no recover catches.
func checkBoltSize(path string) error {
	f, fileSize, err := openSized(path)
	if err != nil {
		return err
	}
	defer f.Close()
	const header, size = 16, 64 // bolt's page header; its meta with the checksum
	var best struct {
		ok                             bool
		txid, pgid, ps, freelist, root uint64
	}
	for _, off := range []int64{0, -1} {
		if off < 0 {
			if !best.ok {
				off = 4096 // the first is bad: try the usual page size
			} else {
				off = int64(best.ps)
			}
		}
		buf := make([]byte, header+size)
		if _, err := f.ReadAt(buf, off); err != nil {
			continue
		}
		b := buf[header:]
		le := binary.LittleEndian
		if le.Uint32(b[0:]) != 0xED0CDAED {
			continue
		}
		h := fnv.New64a()
		h.Write(b[:56])
		if h.Sum64() != le.Uint64(b[56:]) {
			continue
		}
		ps, freelist, pgid, txid := uint64(le.Uint32(b[8:])), le.Uint64(b[32:]), le.Uint64(b[40:]), le.Uint64(b[48:])
		if ps < 512 || ps > 1<<20 {
			continue
		}
		if !best.ok || txid > best.txid {
			best.ok, best.txid, best.pgid, best.ps, best.freelist, best.root = true, txid, pgid, ps, freelist, le.Uint64(b[16:])
		}
	}
	if !best.ok {
		return errors.New("no valid meta page")
	}
	if need := best.pgid * best.ps; uint64(fileSize) < need {
		return fmt.Errorf("%d bytes, its pages need %d: cut short", fileSize, need)
	}
	if err := checkBoltTree(f, best.ps, best.pgid, best.root); err != nil {
		return err
	}
	// The free list, which a writer's open reads whole and panics on if
	// damaged: its page must say it is one, and the pages it lists exist.
	if best.freelist == 1<<64-1 {
		return nil // not kept in the file
	}
	if best.freelist < 2 || best.freelist >= best.pgid {
		return fmt.Errorf("free list at page %d of %d", best.freelist, best.pgid)
	}
	hdr := make([]byte, header)
	if _, err := f.ReadAt(hdr, int64(best.freelist*best.ps)); err != nil {
		return err
	}
	le := binary.LittleEndian
	id, flags, count, overflow := le.Uint64(hdr), le.Uint16(hdr[8:]), uint64(le.Uint16(hdr[10:])), uint64(le.Uint32(hdr[12:]))
	if id != best.freelist || flags != 0x10 || best.freelist+overflow >= best.pgid {
		return fmt.Errorf("free list page %d is not one", best.freelist)
	}
	list := make([]byte, (overflow+1)*best.ps-header)
	if _, err := f.ReadAt(list, int64(best.freelist*best.ps+header)); err != nil {
		return err
	}
	if count == 0xFFFF { // the count is in the first element
		count, list = le.Uint64(list), list[8:]
	}
	if count*8 > uint64(len(list)) {
		return fmt.Errorf("free list of %d pages in %d bytes", count, len(list))
	}
	for i := uint64(0); i < count; i++ {
		if p := le.Uint64(list[8*i:]); p < 2 || p >= best.pgid {
			return fmt.Errorf("free list names page %d of %d", p, best.pgid)
		}
	}
	return nil
}

// Bolt's page layout, as go.etcd.io/bbolt writes it (internal/common):
// a page header of id (8 bytes), flags (2), count (2) and overflow (4);
// then count elements of 16 bytes — a branch's: key position (4), key
// size (4), child page (8); a leaf's: flags (4), key position (4), key
// size (4), value size (4), positions counted from the element itself.
// A leaf element flagged a bucket holds the bucket's root page (8) and
// sequence (8), then, when the root is 0, the bucket's own inline leaf
// page.
const (
	boltBranch, boltLeaf = 0x01, 0x02
	boltBucketElem       = 0x01
	boltPageHeader       = 16
	boltElem             = 16
)

// checkBoltTree walks root.bolt's page tree from the root bucket's root
// page itself, before bolt's cursors do: every page must say it is the
// page it was reached as, be a branch or a leaf, lie inside the file and
// be reached once. A page that points back up the tree sends bolt's cursor
// down for ever, its stack growing until the process runs out of memory —
// a stall no recover catches. At most pgid pages are read.
func checkBoltTree(f *os.File, ps, pgid, root uint64) error {
	le := binary.LittleEndian
	seen := map[uint64]bool{}
	type task struct {
		id     uint64
		inline []byte // an inline bucket's page, read from its parent
		depth  int
	}
	stack := []task{{id: root}}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		page := t.inline
		if page == nil {
			if t.id < 2 || t.id >= pgid {
				return fmt.Errorf("page %d of %d in the tree", t.id, pgid)
			}
			if seen[t.id] {
				return fmt.Errorf("page %d reached twice: the tree loops", t.id)
			}
			seen[t.id] = true
			hdr := make([]byte, boltPageHeader)
			if _, err := f.ReadAt(hdr, int64(t.id*ps)); err != nil {
				return err
			}
			overflow := uint64(le.Uint32(hdr[12:]))
			if le.Uint64(hdr) != t.id || t.id+overflow >= pgid {
				return fmt.Errorf("page %d is not the page its parent names", t.id)
			}
			page = make([]byte, (overflow+1)*ps)
			if _, err := f.ReadAt(page, int64(t.id*ps)); err != nil {
				return err
			}
		}
		if len(page) < boltPageHeader {
			return fmt.Errorf("page %d: cut short", t.id)
		}
		flags, count := le.Uint16(page[8:]), int(le.Uint16(page[10:]))
		if boltPageHeader+count*boltElem > len(page) {
			return fmt.Errorf("page %d: %d elements in %d bytes", t.id, count, len(page))
		}
		for i := 0; i < count; i++ {
			at := boltPageHeader + i*boltElem
			e := page[at : at+boltElem]
			switch flags {
			case boltBranch:
				stack = append(stack, task{id: le.Uint64(e[8:]), depth: t.depth})
			case boltLeaf:
				if le.Uint32(e)&boltBucketElem == 0 {
					continue
				}
				pos, ksize, vsize := uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
				start := uint64(at) + pos + ksize
				if vsize < 16 || start+vsize > uint64(len(page)) {
					return fmt.Errorf("page %d: a bucket's header outside the page", t.id)
				}
				v := page[start : start+vsize]
				if t.depth >= 16 {
					return fmt.Errorf("page %d: buckets nested deeper than 16", t.id)
				}
				if r := le.Uint64(v); r != 0 {
					stack = append(stack, task{id: r, depth: t.depth + 1})
				} else {
					stack = append(stack, task{id: t.id, inline: v[16:], depth: t.depth + 1})
				}
			default:
				return fmt.Errorf("page %d: flags %#x, neither branch nor leaf", t.id, flags)
			}
		}
	}
	return nil
}

// liveSegments checks root.bolt's pages and returns the segment files of its
// latest snapshot.
func liveSegments(path string) (segs []string, err error) {
	defer func() {
		// bolt trusts the pages it follows: a damaged one panics.
		if r := recover(); r != nil {
			segs, err = nil, fmt.Errorf("unreadable: %v", r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("%w: %s", ErrBusy, path)
	}
	if err != nil {
		return nil, err
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		// Every page bleve will follow, walked here, where a panic is
		// caught (bolt's own Check runs in a goroutine of its own).
		var walk func(b *bolt.Bucket, depth int) error
		walk = func(b *bolt.Bucket, depth int) error {
			return b.ForEach(func(k, v []byte) error {
				if v != nil {
					return nil
				}
				if sub := b.Bucket(k); sub != nil && depth < 8 {
					return walk(sub, depth+1)
				}
				return nil
			})
		}
		if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b, 0) }); err != nil {
			return err
		}
		snaps := tx.Bucket(util.BoltSnapshotsBucket)
		if snaps == nil {
			return nil // nothing written yet
		}
		k, _ := snaps.Cursor().Last()
		if k == nil {
			return nil
		}
		snap := snaps.Bucket(k)
		if snap == nil || snap.Bucket(util.BoltMetaDataKey) == nil {
			return errors.New("its latest snapshot is incomplete")
		}
		return snap.ForEachBucket(func(k []byte) error {
			seg := snap.Bucket(k)
			p := seg.Get(util.BoltPathKey)
			if p == nil {
				return nil // the metadata's or the internal values' bucket
			}
			if d := seg.Get(util.BoltDeletedKey); len(d) > 0 {
				if _, err := roaring.New().ReadFrom(bytes.NewReader(d)); err != nil {
					return fmt.Errorf("segment %s: deleted documents: %v", p, err)
				}
			}
			name := string(p)
			if name != filepath.Base(name) || name == "" {
				return fmt.Errorf("segment path %q", name)
			}
			segs = append(segs, name)
			return nil
		})
	})
	return segs, err
}

// checkSegment compares a zap segment's checksum with its footer's.
func checkSegment(path string) error {
	f, n, err := openSized(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if n < zapx.FooterSize {
		return fmt.Errorf("%d bytes: shorter than a segment's footer", n)
	}
	h := crc32.NewIEEE()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, n-4)); err != nil {
		return err
	}
	var sum [4]byte
	if _, err := f.ReadAt(sum[:], n-4); err != nil {
		return err
	}
	if h.Sum32() != binary.BigEndian.Uint32(sum[:]) {
		return errors.New("checksum mismatch")
	}
	return nil
}

// openSized opens a file and says how long it is.
func openSized(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	return f, st.Size(), nil
}
