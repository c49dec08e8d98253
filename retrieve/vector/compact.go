package vector

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
)

// compact rewrites the log with only the live vectors, atomically.
func (x *Index) compact() error {
	tmp := filepath.Join(x.cfg.Dir, logName+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("vector: compact: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var buf []byte
	for s, id := range x.ids {
		if id == "" {
			continue
		}
		buf = appendRecord(buf[:0], record{op: opUpsert, chunk: id, doc: x.docs[s], vec: x.vec(s)})
		if _, err := w.Write(buf); err != nil {
			f.Close()
			return fmt.Errorf("vector: compact: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("vector: compact: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("vector: compact: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(x.cfg.Dir, logName)); err != nil {
		f.Close()
		return fmt.Errorf("vector: compact: %w", err)
	}
	x.log.Close()
	x.log, x.w, x.dead = f, bufio.NewWriterSize(f, 1<<20), 0
	return nil
}
