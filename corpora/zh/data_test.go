package zh

import (
	"path/filepath"

	"github.com/wenda-rag/wenda/corpora"
)

// cmrcPassages returns the CMRC 2018 dev passages from ../shared/data.
func cmrcPassages() ([]string, error) {
	sq, err := corpora.ReadSQuAD(filepath.Join("..", "..", "..", "shared", "data", "cmrc2018", "dev.json"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range sq.Documents() {
		out = append(out, d.Text)
	}
	return out, nil
}
