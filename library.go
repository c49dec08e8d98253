package wenda

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Library is a data directory of knowledge bases, each in a folder named
// for it. It opens each knowledge base once, on first use, and keeps it
// open until Delete or Close. Safe for concurrent use: a knowledge base
// being opened or deleted (which can wait LockWait for another process)
// makes callers of its name wait, and no one else.
type Library struct {
	dir string
	cfg Config // the template every knowledge base is opened with

	mu     sync.Mutex // held for the map only, never while opening or deleting
	kbs    map[string]*entry
	closed bool
}

// entry is a knowledge base of the library: open, or being opened or
// deleted.
type entry struct {
	kb *KB
	// busy is closed when the opening or deletion ends; nil once it has.
	// Callers of the name wait on it, then look again.
	busy chan struct{}
}

// NewLibrary is the library of the data directory dir; cfg is the
// template of each knowledge base's Config (its Dir and Create are set per
// knowledge base).
func NewLibrary(dir string, cfg Config) *Library {
	return &Library{dir: dir, cfg: cfg, kbs: map[string]*entry{}}
}

// Dir is the data directory.
func (l *Library) Dir() string { return l.dir }

// ValidName reports whether name can name a knowledge base: a plain name,
// no slashes, not starting with a dot.
func ValidName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".") && len(name) <= 200
}

func (l *Library) path(name string) string { return filepath.Join(l.dir, name) }

// Exists reports whether the data directory holds a knowledge base name.
func (l *Library) Exists(name string) bool {
	if !ValidName(name) {
		return false
	}
	_, err := os.Stat(filepath.Join(l.path(name), "bm25"))
	return err == nil
}

// List names the knowledge bases of the data directory, sorted.
func (l *Library) List() ([]string, error) {
	entries, err := os.ReadDir(l.dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("wenda: %w", err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && l.Exists(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Open returns the knowledge base name, opening it on first use
// (ErrNotFound when there is none).
func (l *Library) Open(ctx context.Context, name string) (*KB, error) {
	return l.open(ctx, name, false)
}

// Create makes a knowledge base (ErrExists when it exists) and opens it.
func (l *Library) Create(ctx context.Context, name string) (*KB, error) {
	return l.open(ctx, name, true)
}

func (l *Library) open(ctx context.Context, name string, create bool) (*KB, error) {
	if !ValidName(name) {
		return nil, fmt.Errorf("wenda: %q: %w", name, ErrName)
	}
	for {
		e, busy, err := l.claim(name)
		if err != nil {
			return nil, err
		}
		if busy != nil {
			// Another caller opens or deletes it: wait, then look again.
			select {
			case <-busy:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		if e.kb != nil {
			switch {
			case create:
				return nil, fmt.Errorf("wenda: %s: %w", name, ErrExists)
			case !l.Exists(name):
				return nil, fmt.Errorf("wenda: knowledge base %s: %w", name, ErrNotFound)
			}
			return e.kb, nil
		}
		// Ours to open, outside the library's mutex.
		k, err := l.openNew(ctx, name, create)
		l.mu.Lock()
		closed := l.closed
		if err != nil || closed {
			delete(l.kbs, name)
		} else {
			e.kb = k
		}
		close(e.busy)
		e.busy = nil
		l.mu.Unlock()
		if err == nil && closed {
			k.Close()
			return nil, fmt.Errorf("wenda: knowledge base %s: library %w", name, ErrClosed)
		}
		return k, err
	}
}

// claim looks name up: an open knowledge base; or, when another caller is
// opening or deleting it, the channel to wait on; or else a new entry,
// busy, that the caller now opens (or deletes) and must settle.
func (l *Library) claim(name string) (e *entry, busy chan struct{}, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, nil, fmt.Errorf("wenda: knowledge base %s: library %w", name, ErrClosed)
	}
	if e := l.kbs[name]; e != nil {
		return e, e.busy, nil
	}
	e = &entry{busy: make(chan struct{})}
	l.kbs[name] = e
	return e, nil, nil
}

func (l *Library) openNew(ctx context.Context, name string, create bool) (*KB, error) {
	exists := l.Exists(name)
	switch {
	case create && exists:
		return nil, fmt.Errorf("wenda: %s: %w", name, ErrExists)
	case !create && !exists:
		return nil, fmt.Errorf("wenda: knowledge base %s: %w", name, ErrNotFound)
	}
	cfg := l.cfg
	cfg.Dir, cfg.Create = l.path(name), create
	return Open(ctx, cfg)
}

// Loaded is the knowledge base name if it is open already: listings and
// metrics report on those without opening one (seconds for a large one)
// just to count it. One being opened or deleted is not loaded.
func (l *Library) Loaded(name string) (*KB, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.kbs[name]
	if e == nil || e.busy != nil {
		return nil, false
	}
	return e.kb, true
}

// Delete closes the knowledge base name (after the calls in flight) and
// removes it with everything in its folder. Callers opening it meanwhile
// wait, then find it gone (ErrNotFound).
func (l *Library) Delete(ctx context.Context, name string) error {
	if !ValidName(name) {
		return fmt.Errorf("wenda: knowledge base %s: %w", name, ErrNotFound)
	}
	for {
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			return fmt.Errorf("wenda: knowledge base %s: library %w", name, ErrClosed)
		}
		old := l.kbs[name]
		if old != nil && old.busy != nil {
			busy := old.busy
			l.mu.Unlock()
			select {
			case <-busy:
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		d := &entry{busy: make(chan struct{})}
		l.kbs[name] = d
		l.mu.Unlock()

		kept, err := l.remove(ctx, name, old)
		l.mu.Lock()
		if kept {
			l.kbs[name] = old
		} else {
			delete(l.kbs, name)
		}
		close(d.busy)
		d.busy = nil
		l.mu.Unlock()
		return err
	}
}

// remove deletes the knowledge base name, closing old (its entry, nil
// when it is not open) first; kept: old stays open.
func (l *Library) remove(ctx context.Context, name string, old *entry) (kept bool, err error) {
	if !l.Exists(name) {
		return old != nil, fmt.Errorf("wenda: knowledge base %s: %w", name, ErrNotFound)
	}
	var lock *dirLock
	if old != nil {
		// The stores closed, the lock kept until the folder is gone: no
		// one opens, or makes again, what is being removed.
		if lock, err = old.kb.closeStores(); err != nil {
			lock.release()
			return false, err
		}
	} else {
		// Held by another process? Then it is not ours to delete.
		if lock, err = acquire(ctx, l.path(name), true, l.cfg.Holder, l.cfg.LockWait); err != nil {
			return false, err
		}
	}
	defer lock.release()
	if err := os.RemoveAll(l.path(name)); err != nil {
		return false, fmt.Errorf("wenda: delete %s: %w", name, err)
	}
	return false, nil
}

// Close closes every open knowledge base, once the openings and deletions
// under way have ended; the library opens none after.
func (l *Library) Close() error {
	l.mu.Lock()
	l.closed = true
	for {
		var busy chan struct{}
		for _, e := range l.kbs {
			if e.busy != nil {
				busy = e.busy
				break
			}
		}
		if busy == nil {
			break
		}
		l.mu.Unlock()
		<-busy
		l.mu.Lock()
	}
	open := l.kbs
	l.kbs = map[string]*entry{}
	l.mu.Unlock()
	var errs []error
	for _, e := range open {
		errs = append(errs, e.kb.Close())
	}
	return errors.Join(errs...)
}
