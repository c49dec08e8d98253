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
)

// The log, and the operations its records hold.
const (
	logName  = "vectors.log"
	opUpsert = 1
	opDelDoc = 2
)

// replay reads the log into memory, cutting off a torn tail.
func (x *Index) replay(ctx context.Context) error {
	p := filepath.Join(x.cfg.Dir, logName)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("vector: %w", err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64
	// One buffer and one vector for every record: apply copies what it
	// keeps (allocating them per record was most of the replay's time, in
	// the collector).
	var buf []byte
	vec := make([]float32, x.cfg.Dimension)
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			f.Close()
			return ctx.Err()
		}
		rec, n, err := readRecord(r, x.cfg.Dimension, &buf, vec)
		if err != nil {
			break // io.EOF, or a torn or corrupt tail
		}
		good += n
		x.apply(rec)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return fmt.Errorf("vector: cut the torn tail of %s: %w", p, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("vector: %w", err)
	}
	x.log, x.w = f, bufio.NewWriterSize(f, 1<<20)
	return nil
}

type record struct {
	op         byte
	chunk, doc string
	vec        []float32
}

// Record layout: length uint32 (of what follows, CRC excluded), op byte,
// chunk id and doc id (uint16 length + bytes each), the vector as float32s
// for upserts, then CRC32 (Castagnoli) of everything before it.
func appendRecord(buf []byte, rec record) []byte {
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

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// readRecord reads the next record into *buf (grown as needed) and, for an
// upsert, its vector into vec: both are reused by the next call.
func readRecord(r *bufio.Reader, dim int, buf *[]byte, vec []float32) (record, int64, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return record{}, 0, err
	}
	n := binary.LittleEndian.Uint32(hdr[:])
	if n < 5 || n > 1<<24 {
		return record{}, 0, errors.New("bad length")
	}
	if cap(*buf) < int(4+n+4) {
		*buf = make([]byte, 4+n+4)
	}
	body := (*buf)[:4+n+4]
	copy(body, hdr[:])
	if _, err := io.ReadFull(r, body[4:]); err != nil {
		return record{}, 0, err
	}
	if crc32.Checksum(body[:4+n], castagnoli) != binary.LittleEndian.Uint32(body[4+n:]) {
		return record{}, 0, errors.New("bad checksum")
	}
	b := body[4 : 4+n]
	rec := record{op: b[0]}
	b = b[1:]
	for _, s := range []*string{&rec.chunk, &rec.doc} {
		if len(b) < 2 {
			return record{}, 0, errors.New("short record")
		}
		l := int(binary.LittleEndian.Uint16(b))
		if len(b) < 2+l {
			return record{}, 0, errors.New("short record")
		}
		*s, b = string(b[2:2+l]), b[2+l:]
	}
	if rec.op == opUpsert {
		if len(b) != 4*dim {
			return record{}, 0, errors.New("vector of another dimension")
		}
		rec.vec = vec[:dim]
		for i := range rec.vec {
			rec.vec[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
		}
	}
	return rec, int64(len(body)), nil
}
