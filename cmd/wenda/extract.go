package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval/fidelity"
	"github.com/wenda-rag/wenda/ingest"
)

// extract prints what wenda reads from files: the text in reading order,
// or (--chunks) the chunks with their section paths and pages, or (--json)
// the structure. Nothing is written to a knowledge base: it is how a user
// finds out why an answer was missed.
func (c *cli) extract(ctx context.Context, args []string) error {
	fs := c.flags("extract")
	chunks := fs.Bool("chunks", false, "show the chunks, each with its section path and page")
	asJSON := fs.Bool("json", false, "print JSON: each document's title, text, parts (and chunks with --chunks)")
	size := fs.Int("chunk", ingest.DefaultChunkSize, "chunk size in characters")
	format := fs.String("format", corpora.FormatAuto, "read as this format: "+strings.Join(corpora.Formats, "|"))
	paths, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return exitError{2, "extract: usage: wenda extract [--chunks] [--json] FILE..."}
	}
	files, err := corpora.Walk(paths)
	if err != nil {
		return err
	}
	type jsonDoc struct {
		File   string          `json:"file"`
		ID     string          `json:"id"`
		Title  string          `json:"title"`
		Text   string          `json:"text"`
		Parts  []corpora.Part  `json:"parts,omitempty"`
		Loss   string          `json:"loss,omitempty"`
		Chunks []corpora.Chunk `json:"chunks,omitempty"`
	}
	failed := 0
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		docs, err := corpora.ReadFileAs(f, *format)
		if err != nil {
			fmt.Fprintf(c.stderr, "wenda extract: %v\n", err)
			failed++
			continue
		}
		for _, d := range docs {
			var cs []corpora.Chunk
			if *chunks {
				cs = ingest.Chunk(d, *size)
			}
			switch {
			case *asJSON:
				if err := enc.Encode(jsonDoc{File: f.Path, ID: d.ID, Title: d.Title, Text: d.Text, Parts: d.Parts, Loss: d.Loss, Chunks: cs}); err != nil {
					return err
				}
			case *chunks:
				fmt.Fprintf(c.stdout, "== %s：%s（%d 个块）\n", d.ID, d.Title, len(cs))
				for _, ch := range cs {
					place := (answer.Citation{Section: ch.Section, Page: ch.Page, Where: ch.Where}).Place()
					if place != "" {
						place = " [" + place + "]"
					}
					fmt.Fprintf(c.stdout, "#%d%s\n%s\n\n", ch.Ordinal, place, strings.TrimSpace(ch.Text))
				}
			default:
				if len(files) > 1 || len(docs) > 1 {
					fmt.Fprintf(c.stdout, "== %s：%s\n", d.ID, d.Title)
				}
				io.WriteString(c.stdout, d.Text)
				if !strings.HasSuffix(d.Text, "\n") {
					io.WriteString(c.stdout, "\n")
				}
			}
			if d.Loss != "" {
				fmt.Fprintf(c.stderr, "wenda extract: %s: %s\n", f.Path, d.Loss)
			}
		}
	}
	if failed > 0 {
		return exitError{1, fmt.Sprintf("extract: %d of %d files could not be read", failed, len(files))}
	}
	return nil
}

// evalExtract scores what wenda reads from a file against a reference text
// of it (Han characters and letters/digits as multisets, Han bigrams in
// reading order), beside a peer command's reading of the same file in the
// same run (--peer 'pdftotext -enc UTF-8 {} -'), with the time each took.
func (c *cli) evalExtract(ctx context.Context, args []string) error {
	fs := c.flags("eval extract")
	asJSON := fs.Bool("json", false, "print one JSON object")
	peer := fs.String("peer", "", "a command that prints the file's text on standard output, {} standing for the file (e.g. 'pdftotext -enc UTF-8 {} -')")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return exitError{2, "eval extract: usage: wenda eval extract [--json] [--peer CMD] FILE REFERENCE.txt[.gz]"}
	}
	file, refPath := pos[0], pos[1]
	ref, err := readMaybeGzip(refPath)
	if err != nil {
		return err
	}
	fi, err := os.Stat(file)
	if err != nil {
		return err
	}
	type result struct {
		Reader  string         `json:"reader"`
		Seconds float64        `json:"seconds"`
		MBps    float64        `json:"mb_per_s"`
		Pages   int            `json:"pages,omitempty"`
		PagesPS float64        `json:"pages_per_s,omitempty"`
		Score   fidelity.Score `json:"score"`
	}
	var out []result
	t0 := time.Now()
	docs, err := corpora.ReadFile(corpora.File{Path: file, ID: file, Size: fi.Size()})
	if err != nil {
		return err
	}
	el := time.Since(t0)
	var text, cells strings.Builder
	pages, records := 0, false
	for _, d := range docs {
		text.WriteString(d.Text)
		cells.WriteString(fidelity.Cells(d.Text, d.Parts))
		for _, p := range d.Parts {
			pages = max(pages, p.Page)
			records = records || (p.Row && strings.Contains(p.Header, "；"))
		}
	}
	out = append(out, result{Reader: "wenda", Seconds: el.Seconds(), Pages: pages, Score: fidelity.Compare(ref, text.String())})
	if records {
		// A spreadsheet's records name their columns on every row: the
		// cells alone, as a CSV export holds them, scored too.
		out = append(out, result{Reader: "wenda-cells", Seconds: el.Seconds(), Pages: pages, Score: fidelity.Compare(ref, cells.String())})
	}
	if *peer != "" {
		argv := strings.Fields(*peer)
		for i := range argv {
			argv[i] = strings.ReplaceAll(argv[i], "{}", file)
		}
		t0 := time.Now()
		cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
		var stdout bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, c.stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("peer %q: %w", *peer, err)
		}
		out = append(out, result{Reader: argv[0], Seconds: time.Since(t0).Seconds(), Pages: pages, Score: fidelity.Compare(ref, stdout.String())})
	}
	for i := range out {
		out[i].MBps = float64(fi.Size()) / 1e6 / out[i].Seconds
		if pages > 0 {
			out[i].PagesPS = float64(pages) / out[i].Seconds
		}
	}
	if *asJSON {
		enc := json.NewEncoder(c.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"file": file, "reference": refPath, "bytes": fi.Size(), "results": out})
	}
	fmt.Fprintf(c.stdout, "%s（%.2f MB%s）对照 %s：\n", file, float64(fi.Size())/1e6, map[bool]string{true: fmt.Sprintf("，%d 页", pages), false: ""}[pages > 0], refPath)
	for _, r := range out {
		s := r.Score
		fmt.Fprintf(c.stdout, "  %-10s 汉字 P %.4f R %.4f F1 %.4f；字母数字 F1 %.4f；汉字二元组召回 %.4f；用时 %.2fs（%.2f MB/s", r.Reader, s.HanP, s.HanR, s.HanF1, s.AlnumF1, s.BigramRecall, r.Seconds, r.MBps)
		if r.PagesPS > 0 {
			fmt.Fprintf(c.stdout, "，%.1f 页/秒", r.PagesPS)
		}
		fmt.Fprintln(c.stdout, "）")
	}
	return nil
}

// readMaybeGzip reads a text file, gunzipped when its name ends .gz.
func readMaybeGzip(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	return string(b), err
}
