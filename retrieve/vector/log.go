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
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/internal/atomicfile"
)

// The log, and the operations its records hold.
const (
	logName  = "vectors.log"
	opUpsert = 1
	opDelDoc = 2
)

// replay reads the log into memory. A damaged record is skipped and the
// replay resynchronises at the next record's mark, its neighbours kept;
// what was skipped is counted in x.damage, with the documents it was
// about where they can still be read. Only a torn tail — an unfinished
// last record — is cut, and only by a writer; a reader changes nothing.
func (x *Index) replay(ctx context.Context) error {
	p := filepath.Join(x.cfg.Dir, logName)
	flag := os.O_CREATE | os.O_RDWR
	if x.cfg.ReadOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(p, flag, 0o644)
	if errors.Is(err, os.ErrNotExist) && x.cfg.ReadOnly {
		return nil
	}
	if err != nil {
		return fmt.Errorf("vector: %w", err)
	}
	r := bufio.NewReaderSize(f, readerSize)
	var good int64 // the end of the last whole record
	var skipped []byte
	// One vector for every record: apply copies what it keeps
	// (allocating them per record was most of the replay's time, in the
	// collector).
	vec := make([]float32, x.cfg.Dimension)
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			f.Close()
			return ctx.Err()
		}
		rec, n, err := nextRecord(r, x.cfg.Dimension, vec)
		if err == io.EOF {
			break
		}
		if err == errTorn && !wholeRecordAfter(r, x.cfg.Dimension) {
			rest, _ := io.ReadAll(r)
			x.damage.Torn = int64(len(rest))
			x.damage.noteDocs(rest)
			break
		}
		if err != nil {
			// A damaged record — or a damaged length that looked like
			// an unfinished one while whole records follow it.
			// Damaged: skip a byte at least, then up to the next mark.
			b, _ := r.ReadByte()
			skipped = append(skipped[:0], b)
			for {
				peek, perr := r.Peek(len(recordMark))
				if perr != nil || string(peek) == recordMark {
					break
				}
				c, _ := r.ReadByte()
				if len(skipped) < 1<<16 {
					skipped = append(skipped, c)
				}
			}
			x.damage.Records++
			x.damage.noteDocs(skipped)
			n = int64(len(skipped)) // counted as consumed below, not applied
			x.damage.Bytes += n
			good += n
			continue
		}
		good += n
		x.apply(rec)
	}
	if x.damage.Any() {
		x.damage.File = p
	}
	if x.cfg.ReadOnly {
		f.Close()
		return nil
	}
	if x.damage.Torn > 0 {
		if err := f.Truncate(good); err != nil {
			f.Close()
			return fmt.Errorf("vector: cut the torn tail of %s: %w", p, err)
		}
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("vector: %w", err)
	}
	x.log, x.w = f, bufio.NewWriterSize(f, 1<<20)
	return nil
}

// Damage is what opening the index found damaged: records skipped (their
// chunks' vectors are missing, or stale), an unfinished last record. The
// knowledge base marks the documents named, or all when some are unknown,
// to be written again by the next ingest.
type Damage struct {
	File    string
	Records int      // damaged stretches skipped
	Bytes   int64    // their bytes
	Torn    int64    // bytes of an unfinished last record (cut by a writer)
	Docs    []string // the documents of the damaged records, where readable
	Unknown bool     // some damaged record's document could not be read
}

// Any reports whether anything was found damaged.
func (d Damage) Any() bool { return d.Records > 0 || d.Torn > 0 || d.Unknown || len(d.Docs) > 0 }

// noteDocs reads what documents damaged bytes were about: each record
// mark in them followed by a readable header names one. None readable:
// any document may be affected.
func (d *Damage) noteDocs(b []byte) {
	found := false
	for i := 0; i+8 < len(b); i++ {
		if string(b[i:i+len(recordMark)]) != recordMark {
			continue
		}
		body := b[i+8:]
		if n := int(binary.LittleEndian.Uint32(b[i+4:])); n < len(body) {
			body = body[:n]
		}
		if _, doc, ok := recordIDs(body); ok && utf8.ValidString(doc) && doc != "" {
			d.Docs, found = append(d.Docs, doc), true
		}
	}
	if !found {
		d.Unknown = true
	}
}

// Repair makes the log whole again after Open found damaged records in
// it: the damaged log is kept aside (vectors.log.damaged) and the log
// rewritten with the vectors read. Call it once what was lost is recorded
// elsewhere (the knowledge base marks the documents to write again). An
// index opened read-only, or not damaged, is left as it is.
func (x *Index) Repair() error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.log == nil || x.damage.Records == 0 {
		return nil
	}
	p := filepath.Join(x.cfg.Dir, logName)
	b, err := os.ReadFile(p)
	if err == nil {
		err = atomicfile.WriteFile(p+".damaged", b, 0o644)
	}
	if err != nil {
		return fmt.Errorf("vector: keep the damaged %s: %w", p, err)
	}
	if err := x.compact(); err != nil {
		return err
	}
	x.damage = Damage{}
	return nil
}

// Damage reports what Open found damaged.
func (x *Index) Damage() Damage {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return x.damage
}

type record struct {
	op         byte
	chunk, doc string
	vec        []float32
}

// Record layout: a mark (recordMark, from which a replay past a damaged
// record resynchronises), the length uint32 of what follows up to the
// CRC, op byte, chunk id and doc id (uint16 length + bytes each), the
// vector as float32s for upserts, then CRC32 (Castagnoli) of the length
// and what follows it. Logs written before the mark existed hold records
// without it, read as they were.
func appendRecord(buf []byte, rec record) []byte {
	buf = append(buf, recordMark...)
	start := len(buf)
	buf = append(buf, 0, 0, 0, 0, rec.op)
	for _, s := range []string{rec.chunk, rec.doc} {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(len(s)))
		buf = append(buf, s...)
	}
	for _, v := range rec.vec {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
	}
	binary.LittleEndian.PutUint32(buf[start:], uint32(len(buf)-start-4))
	return binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf[start:], castagnoli))
}

// recordMark starts every record. As a length (a record of the first
// layout) it would be 39 MB, more than any record: the two layouts
// cannot be mistaken for each other.
const recordMark = "\xf7WV\x02"

// maxRecord bounds a record's length; readerSize holds the largest.
const (
	maxRecord  = 4 << 20
	readerSize = maxRecord + 16
)

// MaxID is the longest chunk or document id, in bytes, a record holds.
const MaxID = 1<<16 - 1

var errTorn = errors.New("torn record")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// nextRecord reads the next record; for an upsert its vector goes into
// vec, reused by the next call. It returns io.EOF at the end, errTorn for
// an unfinished last record (the reader is left at its start), any other
// error for a damaged one (the reader is left at its start too).
func nextRecord(r *bufio.Reader, dim int, vec []float32) (record, int64, error) {
	head, err := r.Peek(8)
	if len(head) == 0 && err == io.EOF {
		return record{}, 0, io.EOF
	}
	total, err := recordSize(head)
	if err != nil {
		return record{}, 0, err
	}
	full, perr := r.Peek(total)
	if len(full) < total {
		if perr == io.EOF || perr == io.ErrUnexpectedEOF {
			return record{}, 0, errTorn
		}
		return record{}, 0, errors.New("bad length")
	}
	rec, err := parseRecord(full, dim, vec)
	if err != nil {
		return record{}, 0, err
	}
	r.Discard(total)
	return rec, int64(total), nil
}

// recordSize reads a record's whole size, mark and CRC included, from its
// first bytes: errTorn when too few are there to tell.
func recordSize(head []byte) (int, error) {
	lenAt := 0
	if len(head) >= 4 && string(head[:4]) == recordMark {
		lenAt = 4
	}
	if len(head) < lenAt+4 {
		return 0, errTorn
	}
	n := int(binary.LittleEndian.Uint32(head[lenAt:]))
	if n < 5 || n > maxRecord {
		return 0, errors.New("bad length")
	}
	return lenAt + 4 + n + 4, nil
}

// parseRecord checks and decodes a whole record (b holds exactly it).
func parseRecord(b []byte, dim int, vec []float32) (record, error) {
	framed := b
	if string(b[:min(4, len(b))]) == recordMark {
		framed = b[4:]
	}
	n := len(framed) - 8
	if crc32.Checksum(framed[:4+n], castagnoli) != binary.LittleEndian.Uint32(framed[4+n:]) {
		return record{}, errors.New("bad checksum")
	}
	body := framed[4 : 4+n]
	rec := record{op: body[0]}
	chunk, doc, ok := recordIDs(body)
	if !ok {
		return record{}, errors.New("short record")
	}
	rec.chunk, rec.doc = chunk, doc
	rest := body[1+2+len(chunk)+2+len(doc):]
	if rec.op == opUpsert {
		if len(rest) != 4*dim {
			return record{}, errors.New("vector of another dimension")
		}
		rec.vec = vec[:dim]
		for i := range rec.vec {
			rec.vec[i] = math.Float32frombits(binary.LittleEndian.Uint32(rest[4*i:]))
		}
	}
	return rec, nil
}

// wholeRecordAfter reports whether, in what is left of the log (all
// buffered in r: less than a record's length was), a whole record starts
// after the first byte: then what looked like an unfinished last record
// is a damaged one in the middle.
func wholeRecordAfter(r *bufio.Reader, dim int) bool {
	rest, _ := r.Peek(r.Buffered())
	vec := make([]float32, dim)
	for i := 1; i+len(recordMark) <= len(rest); i++ {
		if string(rest[i:i+len(recordMark)]) != recordMark {
			continue
		}
		if total, err := recordSize(rest[i:]); err == nil && i+total <= len(rest) {
			if _, err := parseRecord(rest[i:i+total], dim, vec); err == nil {
				return true
			}
		}
	}
	return false
}

// recordIDs reads a record body's chunk and document ids (after its op byte).
func recordIDs(b []byte) (chunk, doc string, ok bool) {
	if len(b) < 1 {
		return "", "", false
	}
	b = b[1:]
	var out [2]string
	for i := range out {
		if len(b) < 2 {
			return "", "", false
		}
		l := int(binary.LittleEndian.Uint16(b))
		if len(b) < 2+l {
			return "", "", false
		}
		out[i], b = string(b[2:2+l]), b[2+l:]
	}
	return out[0], out[1], true
}
