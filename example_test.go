package wenda_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/corpora"
)

// A knowledge base in a temporary directory: two short documents in,
// a search and a question with its citation out. The README's "Use it from
// Go" is this program (TestReadmeProgram runs it from there).
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "wenda-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	kb, err := wenda.Open(ctx, wenda.Config{Dir: dir, Create: true})
	if err != nil {
		log.Fatal(err)
	}
	defer kb.Close()

	docs := []corpora.Document{
		{ID: "休假制度.md", Title: "休假制度", Text: "员工每年享有带薪年假十五天。当年未休完的年假可以顺延到次年3月31日，逾期作废。"},
		{ID: "差旅报销.md", Title: "差旅报销", Text: "出差补助标准为每天一百元。报销单须在出差结束后十个工作日内提交。"},
	}
	if _, err := kb.IngestDocuments(ctx, docs, wenda.IngestOptions{}); err != nil {
		log.Fatal(err)
	}

	res, err := kb.Search(ctx, "出差补助", wenda.SearchOptions{K: 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("搜索：", res.Hits[0].Doc)

	a, err := kb.Ask(ctx, "年假可以顺延到什么时候？")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("答：", a.Answer)
	for _, c := range a.Citations {
		fmt.Printf("[%d] %s：%s\n", c.N, c.Doc, c.Text)
	}
	// Output:
	// 搜索： 差旅报销.md
	// 答： 次年3月31日
	// [1] 休假制度.md：当年未休完的年假可以顺延到次年3月31日，逾期作废。
}
