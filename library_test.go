package wenda

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned in 10 s: a
// call that waits on another knowledge base's lock would wait a minute.
func within(t *testing.T, what string, f func() error) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s: %v", what, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("%s waits for another knowledge base's lock", what)
	}
}

// TestLibraryWaitsPerName: while the library waits for a knowledge base
// another process holds (to open or to delete it), every other knowledge
// base, the listing and Loaded answer at once; callers of the same name
// wait for the one opening it and share what it opened.
func TestLibraryWaitsPerName(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	lib := NewLibrary(data, Config{NoVectors: true, LockWait: time.Minute})
	defer lib.Close()
	if _, err := lib.Create(ctx, "b"); err != nil {
		t.Fatal(err)
	}
	// "a" and "d" are held by another opener (as a command line would).
	heldA := mustOpen(t, Config{Dir: filepath.Join(data, "a"), Create: true, NoVectors: true})
	heldD := mustOpen(t, Config{Dir: filepath.Join(data, "d"), Create: true, NoVectors: true})
	opened := make(chan *KB, 2)
	for i := 0; i < 2; i++ {
		go func() {
			k, err := lib.Open(ctx, "a")
			if err != nil {
				t.Errorf("open a once let go: %v", err)
			}
			opened <- k
		}()
	}
	deleted := make(chan error, 1)
	go func() { deleted <- lib.Delete(ctx, "d") }()
	time.Sleep(200 * time.Millisecond) // both wait for the lock now
	within(t, "Open(b)", func() error { _, err := lib.Open(ctx, "b"); return err })
	within(t, "Create(c)", func() error { _, err := lib.Create(ctx, "c"); return err })
	within(t, "List", func() error { _, err := lib.List(); return err })
	within(t, "Loaded(b)", func() error {
		if _, ok := lib.Loaded("b"); !ok {
			return errors.New("b is not loaded")
		}
		return nil
	})
	if _, ok := lib.Loaded("a"); ok {
		t.Error("a is loaded while it is being opened")
	}
	heldA.Close()
	heldD.Close()
	k1, k2 := <-opened, <-opened
	if k1 == nil || k1 != k2 {
		t.Errorf("two callers opening a got %p and %p; want one knowledge base", k1, k2)
	}
	if err := <-deleted; err != nil {
		t.Errorf("delete d once let go: %v", err)
	}
	if lib.Exists("d") {
		t.Error("d is still there")
	}
	if _, err := lib.Open(ctx, "d"); !errors.Is(err, ErrNotFound) {
		t.Errorf("open d after its deletion: %v; want ErrNotFound", err)
	}
}

// TestLibraryCreateRace: of callers creating one name at once, one
// creates it and the others are told it exists.
func TestLibraryCreateRace(t *testing.T) {
	lib := NewLibrary(t.TempDir(), Config{NoVectors: true})
	defer lib.Close()
	errs := make(chan error, 4)
	for i := 0; i < 4; i++ {
		go func() { _, err := lib.Create(context.Background(), "hr"); errs <- err }()
	}
	created := 0
	for i := 0; i < 4; i++ {
		switch err := <-errs; {
		case err == nil:
			created++
		case !errors.Is(err, ErrExists):
			t.Errorf("a concurrent Create: %v; want ErrExists", err)
		}
	}
	if created != 1 {
		t.Errorf("%d callers created hr; want 1", created)
	}
}
