// Command pdfcompare measures PDF text extraction libraries on one file
// against a reference text: github.com/ledongthuc/pdf (pure Go, the one
// wenda uses) and PDFium through go-pdfium's WebAssembly build (wazero, no
// cgo), each from its own plain-text call, with the time each took —
// PDFium's start-up (compiling its module) counted apart. It is a module
// of its own so that wenda's build does not carry PDFium's 5 MB module.
//
//	cd eval/pdfcompare && go run . FILE.pdf REFERENCE.txt[.gz]
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/ledongthuc/pdf"

	"github.com/wenda-rag/wenda/eval/fidelity"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run . FILE.pdf REFERENCE.txt[.gz]")
		os.Exit(2)
	}
	raw, err := os.ReadFile(os.Args[1])
	check(err)
	ref := readRef(os.Args[2])

	t0 := time.Now()
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	check(err)
	var b strings.Builder
	pages := r.NumPage()
	for i := 1; i <= pages; i++ {
		if p := r.Page(i); !p.V.IsNull() {
			t, err := p.GetPlainText(nil) // nil: it looks the page's fonts up itself
			if err == nil {
				b.WriteString(t)
			}
		}
	}
	report("ledongthuc/pdf", 0, time.Since(t0), pages, len(raw), fidelity.Compare(ref, b.String()))

	t0 = time.Now()
	pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1})
	check(err)
	inst, err := pool.GetInstance(time.Minute)
	check(err)
	startup := time.Since(t0)
	t1 := time.Now()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &raw})
	check(err)
	pc, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	check(err)
	b.Reset()
	for i := 0; i < pc.PageCount; i++ {
		res, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err == nil {
			b.WriteString(res.Text)
			b.WriteString("\n")
		}
	}
	report("PDFium (wasm)", startup, time.Since(t1), pc.PageCount, len(raw), fidelity.Compare(ref, b.String()))
}

func report(name string, startup, el time.Duration, pages, size int, s fidelity.Score) {
	fmt.Printf("%-15s Han P %.4f R %.4f F1 %.4f, bigram recall %.4f; %d pages in %.2fs (%.1f pages/s, %.2f MB/s)",
		name, s.HanP, s.HanR, s.HanF1, s.BigramRecall, pages, el.Seconds(), float64(pages)/el.Seconds(), float64(size)/1e6/el.Seconds())
	if startup > 0 {
		fmt.Printf(" after %.2fs of start-up", startup.Seconds())
	}
	fmt.Println()
}

func readRef(path string) string {
	f, err := os.Open(path)
	check(err)
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		check(err)
		r = zr
	}
	b, err := io.ReadAll(r)
	check(err)
	return string(b)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "pdfcompare:", err)
		os.Exit(1)
	}
}
