package wenda

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Holder is a process holding a knowledge base open, as recorded in its
// directory while it does.
type Holder struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`        // default: the command line
	Addr    string    `json:"addr,omitempty"` // where a server holding it answers
	Write   bool      `json:"write"`
	Since   time.Time `json:"since"`
}

func (h Holder) String() string {
	s := "pid " + strconv.Itoa(h.PID)
	if h.PID == os.Getpid() {
		s = "this process (pid " + strconv.Itoa(h.PID) + ", opened already)"
	}
	var what []string
	if h.Command != "" {
		what = append(what, h.Command)
	}
	if h.Addr != "" {
		what = append(what, h.Addr)
	}
	if len(what) > 0 {
		s += " (" + strings.Join(what, ", ") + ")"
	}
	return s
}

// HeldError is ErrHeld with who holds the knowledge base.
type HeldError struct {
	Dir     string
	Holders []Holder // those recorded and still running; may be empty
}

func (e *HeldError) Error() string {
	if len(e.Holders) == 0 {
		return fmt.Sprintf("wenda: knowledge base %s is held by another process", e.Dir)
	}
	hs := make([]string, len(e.Holders))
	for i, h := range e.Holders {
		hs[i] = h.String()
	}
	return fmt.Sprintf("wenda: knowledge base %s is held by %s", e.Dir, strings.Join(hs, "; "))
}

func (e *HeldError) Is(target error) bool { return target == ErrHeld }

// Addr is the address of a server holding the knowledge base, if one does.
func (e *HeldError) Addr() string {
	for _, h := range e.Holders {
		if h.Addr != "" {
			return h.Addr
		}
	}
	return ""
}

// dirLock is a knowledge base directory's lock: an advisory file lock,
// exclusive for a writer and shared by readers, and a file naming its
// holder beside it.
type dirLock struct {
	f      *os.File
	holder string // the holder file to remove on release
}

const (
	lockFile   = "lock"
	holdersDir = "holders"
)

var holderSeq atomic.Int64

// acquire locks dir, waiting up to wait (default 300 ms) for another
// process to let go, then fails with a HeldError.
func acquire(ctx context.Context, dir string, write bool, h Holder, wait time.Duration) (*dirLock, error) {
	f, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("wenda: lock %s: %w", dir, err)
	}
	if wait <= 0 {
		wait = 300 * time.Millisecond
	}
	deadline := time.Now().Add(wait)
	for {
		ok, err := tryLock(f, write)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("wenda: lock %s: %w", dir, err)
		}
		if ok && sameFile(f, filepath.Join(dir, lockFile)) {
			break
		}
		if ok {
			// Locked a file that was deleted (with its knowledge base)
			// while we waited: the knowledge base is gone.
			unlock(f)
			f.Close()
			return nil, fmt.Errorf("wenda: no knowledge base at %s: %w", dir, ErrNotFound)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, &HeldError{Dir: dir, Holders: liveHolders(dir)}
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(25 * time.Millisecond):
		}
	}
	l := &dirLock{f: f}
	hdir := filepath.Join(dir, holdersDir)
	if write {
		// No one else holds it: whatever is recorded is stale.
		os.RemoveAll(hdir)
	} else {
		pruneHolders(hdir)
	}
	h.PID, h.Write, h.Since = os.Getpid(), write, time.Now().UTC().Truncate(time.Second)
	if h.Command == "" {
		h.Command = commandLine()
	}
	if raw, err := json.Marshal(h); err == nil && os.MkdirAll(hdir, 0o755) == nil {
		// Only a note for the message another process gets: losing it
		// costs nothing else, so a failure to write it is not one to open.
		path := filepath.Join(hdir, fmt.Sprintf("%d-%d.json", h.PID, holderSeq.Add(1)))
		if os.WriteFile(path, raw, 0o644) == nil {
			l.holder = path
		}
	}
	return l, nil
}

// sameFile reports whether f is still the file at path.
func sameFile(f *os.File, path string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(path)
	return err == nil && os.SameFile(a, b)
}

func (l *dirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	if l.holder != "" {
		os.Remove(l.holder)
	}
	unlock(l.f)
	l.f.Close()
	l.f = nil
}

// liveHolders reads the recorded holders of dir that still run.
func liveHolders(dir string) []Holder {
	entries, _ := os.ReadDir(filepath.Join(dir, holdersDir))
	var out []Holder
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, holdersDir, e.Name()))
		if err != nil {
			continue
		}
		var h Holder
		if json.Unmarshal(raw, &h) != nil || !alive(h.PID) {
			continue
		}
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Write && !out[j].Write })
	return out
}

// pruneHolders removes the records of processes that no longer run.
func pruneHolders(hdir string) {
	entries, _ := os.ReadDir(hdir)
	for _, e := range entries {
		pid, _, _ := strings.Cut(e.Name(), "-")
		if n, err := strconv.Atoi(pid); err == nil && !alive(n) {
			os.Remove(filepath.Join(hdir, e.Name()))
		}
	}
}

func commandLine() string {
	args := append([]string{filepath.Base(os.Args[0])}, os.Args[1:]...)
	s := strings.Join(args, " ")
	if r := []rune(s); len(r) > 120 {
		s = string(r[:120]) + "…"
	}
	return s
}
