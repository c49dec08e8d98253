package fidelity

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/wenda-rag/wenda/corpora"
)

// TestOfficeDocuments reads the documents LibreOffice made of eval/office's
// sources against LibreOffice's own text of each: Han F1 at least 0.99
// (a spreadsheet's cells, as its CSV export holds them), and nothing of the
// reference missing.
func TestOfficeDocuments(t *testing.T) {
	dir := filepath.Join("..", "office")
	for _, name := range []string{"handbook.docx", "handbook.odt", "handbook.pdf", "travel.xlsx", "travel.ods", "onboarding.pptx", "onboarding.odp", "onboarding.pdf"} {
		ref, err := os.ReadFile(filepath.Join(dir, "ref", name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		docs, err := corpora.ReadFile(corpora.File{Path: filepath.Join(dir, "docs", name), ID: name})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		d := docs[0]
		s := Compare(string(ref), Cells(d.Text, d.Parts))
		t.Logf("%-16s Han P %.4f R %.4f F1 %.4f, bigram recall %.4f", name, s.HanP, s.HanR, s.HanF1, s.BigramRecall)
		if s.HanF1 < 0.99 || s.HanR < 0.999 {
			t.Errorf("%s: Han F1 %.4f, recall %.4f; want F1 ≥ 0.99 with nothing missing", name, s.HanF1, s.HanR)
		}
	}
}
