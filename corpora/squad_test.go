package corpora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 12 item 6: an uploaded SQuAD-layout file chose its own document
// ids, so its paragraph P1 replaced any other document called P1. The
// ids inside a structured file are the file's: qa.json#P1.
func TestSQuADIDsAreTheFiles(t *testing.T) {
	const squad = `{"data":[{"title":"标题","paragraphs":[
		{"id":"hr.md","context":"上下文一。","qas":[{"id":"Q1","question":"问一？","answers":[{"text":"上下文","answer_start":0}]}]},
		{"id":"hr.md","context":"上下文二。","qas":[{"id":"Q2","question":"问二？","answers":[{"text":"二","answer_start":3}]}]},
		{"context":"上下文三。","qas":[{"id":"Q3","question":"问三？","answers":[]}]}]}]}`
	dir := t.TempDir()
	path := filepath.Join(dir, "qa.json")
	if err := os.WriteFile(path, []byte(squad), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := ReadFile(File{Path: path, ID: "up/qa.json"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, " "), "up/qa.json#hr.md up/qa.json#hr.md~2 up/qa.json#article0_2"; got != want {
		t.Errorf("ReadFile(%s) ids = %s; want %s", squad, got, want)
	}

	// eval squad ingests the file under its name and asks its questions:
	// the questions' documents are the ids ingest gives.
	sq, err := ReadSQuAD(path)
	if err != nil {
		t.Fatal(err)
	}
	ingested, err := ReadFile(File{Path: path, ID: filepath.Base(path)})
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, d := range ingested {
		has[d.ID] = true
	}
	docsOf := sq.Documents()
	if len(docsOf) != len(ingested) {
		t.Fatalf("ReadSQuAD: %d documents; ReadFile %d", len(docsOf), len(ingested))
	}
	for i, d := range docsOf {
		if d.ID != ingested[i].ID {
			t.Errorf("ReadSQuAD document %d = %q; ReadFile's %q", i, d.ID, ingested[i].ID)
		}
	}
	for _, q := range sq.Questions() {
		if !has[q.DocID] {
			t.Errorf("question %s: document %q is not one ReadFile gives (%v)", q.ID, q.DocID, has)
		}
	}
	if qs := sq.Questions(); len(qs) != 3 || qs[1].DocID != "qa.json#hr.md~2" {
		t.Errorf("questions = %+v; want Q2 in qa.json#hr.md~2", qs)
	}
}
