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
// open until Delete or Close. Safe for concurrent use.
type Library struct {
	dir string
	cfg Config // the template every knowledge base is opened with

	mu  sync.Mutex
	kbs map[string]*KB
}

// NewLibrary is the library of the data directory dir; cfg is the
// template of each knowledge base's Config (its Dir and Create are set per
// knowledge base).
func NewLibrary(dir string, cfg Config) *Library {
	return &Library{dir: dir, cfg: cfg, kbs: map[string]*KB{}}
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
	l.mu.Lock()
	defer l.mu.Unlock()
	exists := l.Exists(name)
	switch {
	case create && exists:
		return nil, fmt.Errorf("wenda: %s: %w", name, ErrExists)
	case !create && !exists:
		return nil, fmt.Errorf("wenda: knowledge base %s: %w", name, ErrNotFound)
	}
	if k, ok := l.kbs[name]; ok {
		return k, nil
	}
	cfg := l.cfg
	cfg.Dir, cfg.Create = l.path(name), create
	k, err := Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	l.kbs[name] = k
	return k, nil
}

// Loaded is the knowledge base name if it is open already: listings and
// metrics report on those without opening one (seconds for a large one)
// just to count it.
func (l *Library) Loaded(name string) (*KB, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k, ok := l.kbs[name]
	return k, ok
}

// Delete closes the knowledge base name (after the calls in flight) and
// removes it with everything in its folder.
func (l *Library) Delete(ctx context.Context, name string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.Exists(name) {
		return fmt.Errorf("wenda: knowledge base %s: %w", name, ErrNotFound)
	}
	var lock *dirLock
	if k, ok := l.kbs[name]; ok {
		delete(l.kbs, name)
		var err error
		// The stores closed, the lock kept until the folder is gone: no
		// one opens, or makes again, what is being removed.
		if lock, err = k.closeStores(); err != nil {
			lock.release()
			return err
		}
	} else {
		// Held by another process? Then it is not ours to delete.
		var err error
		if lock, err = acquire(ctx, l.path(name), true, l.cfg.Holder, l.cfg.LockWait); err != nil {
			return err
		}
	}
	defer lock.release()
	if err := os.RemoveAll(l.path(name)); err != nil {
		return fmt.Errorf("wenda: delete %s: %w", name, err)
	}
	return nil
}

// Close closes every open knowledge base.
func (l *Library) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var errs []error
	for name, k := range l.kbs {
		errs = append(errs, k.Close())
		delete(l.kbs, name)
	}
	return errors.Join(errs...)
}
