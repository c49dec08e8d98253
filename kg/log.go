package kg

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/wenda-rag/wenda/corpora"
)

const logName = "facts.log"

var table = crc32.MakeTable(crc32.Castagnoli)

type entry struct {
	Doc   string         `json:"doc"`
	Facts []corpora.Fact `json:"facts,omitempty"`
}

// A log line: CRC-32C of the JSON in 8 hex digits, a tab, the JSON.
func encodeLine(buf []byte, e entry) []byte {
	js, _ := json.Marshal(e)
	buf = append(buf, fmt.Sprintf("%08x\t", crc32.Checksum(js, table))...)
	buf = append(buf, js...)
	return append(buf, '\n')
}

func decodeLine(line []byte) (entry, bool) {
	line = line[:len(line)-1]
	if len(line) < 9 || line[8] != '\t' {
		return entry{}, false
	}
	sum, err := strconv.ParseUint(string(line[:8]), 16, 32)
	if err != nil || uint32(sum) != crc32.Checksum(line[9:], table) {
		return entry{}, false
	}
	var e entry
	if json.Unmarshal(line[9:], &e) != nil {
		return entry{}, false
	}
	return e, true
}

// replay opens the log and applies the entries written since the
// snapshot, cutting off a torn last line.
func (g *Graph) replay(ctx context.Context) error {
	p := filepath.Join(g.dir, logName)
	f, err := os.OpenFile(p, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("kg: %w", err)
	}
	r := bufio.NewReaderSize(f, 1<<20)
	var good int64
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			f.Close()
			return ctx.Err()
		}
		line, err := r.ReadBytes('\n')
		if err != nil {
			break // EOF, or a torn last line
		}
		e, ok := decodeLine(line)
		if !ok {
			break
		}
		good += int64(len(line))
		g.apply(e)
	}
	if err := f.Truncate(good); err != nil {
		f.Close()
		return fmt.Errorf("kg: cut the torn tail of %s: %w", p, err)
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("kg: %w", err)
	}
	g.log, g.w, g.logN = f, bufio.NewWriterSize(f, 1<<20), good
	return nil
}
