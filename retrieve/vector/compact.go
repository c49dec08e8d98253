package vector

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/wenda-rag/wenda/internal/atomicfile"
)

// compact rewrites the log with only the live vectors, atomically.
func (x *Index) compact() error {
	p := filepath.Join(x.cfg.Dir, logName)
	werr := atomicfile.Write(p, 0o644, func(w io.Writer) error {
		var buf []byte
		for s, id := range x.ids {
			if id == "" {
				continue
			}
			buf = appendRecord(buf[:0], record{op: opUpsert, chunk: id, doc: x.docs[s], vec: x.vec(s)})
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
	// Whether or not the new log replaced the old (a failure can come
	// after the rename), the log is the file at p now: appends go there.
	f, err := os.OpenFile(p, os.O_RDWR, 0o644)
	if err == nil {
		if _, err = f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
		}
	}
	x.log.Close()
	if err != nil {
		x.log = nil // closed: no write may go to a replaced file
		return fmt.Errorf("vector: compact: reopen the log: %w", err)
	}
	x.log, x.w = f, bufio.NewWriterSize(f, 1<<20)
	if werr != nil {
		return fmt.Errorf("vector: compact: %w", werr)
	}
	x.dead = 0
	return nil
}
