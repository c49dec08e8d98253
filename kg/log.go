package kg

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/internal/atomicfile"
)

const logName = "facts.log"

// lenName records the log's length after each write: a log found shorter
// was cut at a record's end, which the records alone cannot show (each is
// whole). A crash leaves it behind the log, never ahead.
const lenName = "facts.len"

// readLen is the log length last recorded; -1 when not known (a graph
// written before the record, or the record itself damaged).
func readLen(dir string) int64 {
	b, err := os.ReadFile(filepath.Join(dir, lenName))
	if err != nil {
		return -1
	}
	n, err := strconv.ParseInt(string(bytes.TrimSpace(b)), 10, 64)
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// writeLen records the log's length. Not synced: a record lost in a crash
// is behind the log, which is no alarm.
func (g *Graph) writeLen() error {
	if err := os.WriteFile(filepath.Join(g.dir, lenName), []byte(strconv.FormatInt(g.logN, 10)+"\n"), 0o644); err != nil {
		return fmt.Errorf("kg: %w", err)
	}
	return nil
}

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
// snapshot. A line whose checksum or JSON is bad is skipped, its
// neighbours kept (lines are their own frames: replay resynchronises at
// the next newline), and counted in g.damage with the document it was
// about when that can still be read. Only a torn tail — bytes after the
// last newline, a write that did not finish — is cut, and only by a
// writer; a reader leaves the file as it is.
func (g *Graph) replay(ctx context.Context) error {
	p := filepath.Join(g.dir, logName)
	flag := os.O_CREATE | os.O_RDWR
	if g.readOnly {
		flag = os.O_RDONLY
	}
	f, err := os.OpenFile(p, flag, 0o644)
	if errors.Is(err, os.ErrNotExist) && g.readOnly {
		return nil // nothing written since the snapshot
	}
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
			if len(line) > 0 {
				// A torn tail: the last write did not finish.
				g.damage.Torn += int64(len(line))
				g.damage.noteDoc(line)
			}
			break
		}
		good += int64(len(line))
		e, ok := decodeLine(line)
		if !ok {
			g.damage.Records++
			g.damage.Bytes += int64(len(line))
			g.damage.noteDoc(line)
			continue
		}
		g.apply(e)
	}
	if want := readLen(g.dir); want > good+g.damage.Torn {
		g.damage.Cut = want - good - g.damage.Torn
	}
	if g.damage.Records > 0 || g.damage.Torn > 0 || g.damage.Cut > 0 {
		g.damage.File = p
	}
	if g.readOnly {
		f.Close()
		return nil
	}
	if g.damage.Torn > 0 {
		if err := f.Truncate(good); err != nil {
			f.Close()
			return fmt.Errorf("kg: cut the torn tail of %s: %w", p, err)
		}
	}
	if _, err := f.Seek(good, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("kg: %w", err)
	}
	g.log, g.w, g.logN = f, bufio.NewWriterSize(f, 1<<20), good
	return nil
}

// Damage is what opening the graph found damaged: records skipped (their
// documents' facts are missing, or stale), a torn tail, a snapshot that
// could not be read. Nothing is lost silently: the knowledge base marks
// the documents named, or all when some are unknown, to be written again
// by the next ingest.
type Damage struct {
	File    string   // the file most recently found damaged
	Records int      // log records skipped
	Bytes   int64    // bytes of them
	Torn    int64    // bytes of an unfinished last record (cut by a writer)
	Cut     int64    // bytes missing from the log's end, whole records (facts.len says how long it was)
	Docs    []string // the documents those records were about, where readable
	Unknown bool     // some damaged record's document could not be read: any may be affected
}

// Any reports whether anything was found damaged.
func (d Damage) Any() bool {
	return d.Records > 0 || d.Torn > 0 || d.Cut > 0 || d.Unknown || len(d.Docs) > 0
}

// docField finds a record's document id in what is left of its JSON.
var docField = regexp.MustCompile(`"doc":"((?:[^"\\]|\\.)*)"`)

// noteDoc records which document a damaged line was about, if that can
// still be read from it.
func (d *Damage) noteDoc(line []byte) {
	m := docField.FindSubmatch(line)
	var id string
	if m != nil && json.Unmarshal(append(append([]byte{'"'}, m[1]...), '"'), &id) == nil && id != "" {
		d.Docs = append(d.Docs, id)
		return
	}
	d.Unknown = true
}

// Repair makes the files whole again after Open found them damaged: the
// damaged log and snapshot are kept aside (with ".damaged" added to their
// names), and a snapshot of what was read replaces them. Call it once
// what was lost is recorded elsewhere (the knowledge base marks the
// documents to write again): then the damage is not found, and counted,
// again by every open. A graph opened read-only, or not damaged, is left
// as it is.
func (g *Graph) Repair() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.log == nil {
		return nil
	}
	if g.damage.Records == 0 && !g.damage.Unknown {
		if g.damage.Cut > 0 {
			// Whole records gone: nothing to set aside; the log's
			// length as it is now, so the next open does not find it
			// again.
			g.damage.Cut = 0
			return g.writeLen()
		}
		return nil
	}
	for _, name := range []string{logName, snapName} {
		p := filepath.Join(g.dir, name)
		b, err := os.ReadFile(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil {
			err = atomicfile.WriteFile(p+".damaged", b, 0o644)
		}
		if err != nil {
			return fmt.Errorf("kg: keep the damaged %s: %w", p, err)
		}
	}
	if err := g.checkpoint(); err != nil {
		return err
	}
	g.damage = Damage{}
	return nil
}

// Damage reports what Open found damaged.
func (g *Graph) Damage() Damage {
	g.mu.RLock()
	defer g.mu.RUnlock()
	return g.damage
}
