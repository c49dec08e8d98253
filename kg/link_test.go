package kg

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// TestSearchLongQuestion: a name at the end of a long question is found;
// a question asked with a context already done is not searched.
func TestSearchLongQuestion(t *testing.T) {
	ctx := context.Background()
	g, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	idioms := read(t, "idioms.txt")
	if err := g.Replace(ctx, ids(idioms), idioms); err != nil {
		t.Fatal(err)
	}
	q := strings.Repeat("月", 4000) + "洛阳纸贵是什么意思"
	hits, err := g.Search(ctx, q, 3)
	if err != nil || len(hits) == 0 || hits[0].DocID != "idioms.txt#6612" {
		t.Errorf("Search(4,000 × 月 + 洛阳纸贵…) = %+v, %v; want idioms.txt#6612 first", hits, err)
	}
	done, cancel := context.WithCancel(ctx)
	cancel()
	if hits, err := g.Search(done, q, 3); !errors.Is(err, context.Canceled) {
		t.Errorf("Search with a cancelled context = %+v, %v; want %v", hits, err, context.Canceled)
	}
}

// TestNamesWithinLinkBound: every name of the shared culture data — the
// subjects, the idioms' pinyin and the names' pinyin — is short enough
// for zh.Link to find it in a question (zh.MaxName characters).
func TestNamesWithinLinkBound(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: reads all of ../shared/data")
	}
	shared := filepath.Join("..", "..", "shared", "data")
	files := []string{"idioms/chinese-idioms-12976.txt", "xinhua/xiehouyu.json"}
	poetry := filepath.Join(shared, "poetry", "dist")
	filepath.Walk(poetry, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && corpora.Supported(p) {
			rel, _ := filepath.Rel(shared, p)
			files = append(files, rel)
		}
		return nil
	})
	ctx := context.Background()
	g, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for _, name := range files {
		docs, err := corpora.ReadFile(corpora.File{Path: filepath.Join(shared, name), ID: name})
		if errors.Is(err, os.ErrNotExist) {
			t.Skipf("skipped: %v (CI has ../shared/data beside the checkout)", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := g.Replace(ctx, ids(docs), docs); err != nil {
			t.Fatal(err)
		}
	}
	g.Resolve("luoyangzhigui") // builds the names' pinyin
	longest := ""
	for _, m := range []map[string]string{g.first, g.alias, g.galias} {
		for k := range m {
			if utf8.RuneCountInString(k) > utf8.RuneCountInString(longest) {
				longest = k
			}
		}
	}
	if n := utf8.RuneCountInString(longest); n > zh.MaxName {
		t.Errorf("the longest key, %s, has %d characters; zh.Link finds names of at most %d", longest, n, zh.MaxName)
	} else {
		t.Logf("%d files; the longest key, %s, has %d characters", len(files), longest, n)
	}
}

// TestStartLength: Resolve turns away a key longer than every subject of
// its start, and finds each subject, the short and the long of a start,
// after they were written in two goes (the longest length is kept up to
// date as subjects come).
func TestStartLength(t *testing.T) {
	ctx := context.Background()
	g, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	doc := func(id, subject string) corpora.Document {
		return corpora.Document{ID: id, Title: subject, Text: subject, Record: &corpora.Record{Kind: corpora.RecordIdiom,
			Fields: map[string]string{corpora.FieldName: subject, corpora.FieldExplanation: "测试用的释义"}}}
	}
	if err := g.Replace(ctx, []string{"a"}, []corpora.Document{doc("a", "洛阳")}); err != nil {
		t.Fatal(err)
	}
	if g.Has(zh.Key("洛阳纸贵")) {
		t.Error("Has(洛阳纸贵) before it was written")
	}
	if err := g.Replace(ctx, []string{"b"}, []corpora.Document{doc("b", "洛阳纸贵")}); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"洛阳", "洛阳纸贵"} {
		if !g.Has(zh.Key(k)) {
			t.Errorf("Has(%s) = false after it was written", k)
		}
	}
	if g.Has(zh.Key("洛阳纸贵了")) {
		t.Error("Has(洛阳纸贵了) = true: longer than any subject of its start")
	}
}
