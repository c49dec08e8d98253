package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/eval"
)

// evalReverse measures reverse idiom lookup on the current knowledge base:
// for idioms sampled from the dictionary file, is the idiom the first
// idiom retrieved when its explanation is the question — whole, and cut
// to its last clause? The dictionary explains some idioms in the very same
// words (成龙配套 and 配套成龙): no question can tell those apart, so
// either counts, and the strict figures (the sampled idiom only) are
// printed beside.
func (c *cli) evalReverse(ctx context.Context, args []string) error {
	fs := c.flags("eval reverse")
	n := fs.Int("n", 300, "idioms to sample")
	asJSON := fs.Bool("json", false, "print one JSON object")
	rf := c.retrievalFlags(fs)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return exitError{2, "eval reverse: usage: wenda eval reverse [--n 300] [--json] IDIOM_FILE (after ingesting it)"}
	}
	docs, err := corpora.ReadFileAs(corpora.File{Path: pos[0], ID: "idioms"}, corpora.FormatIdioms)
	if err != nil {
		return err
	}
	var pool []corpora.Document
	explained := map[string]string{}
	for _, d := range docs {
		explained[d.Record.Fields[corpora.FieldName]] = d.Record.Fields[corpora.FieldExplanation]
		if e := d.Record.Fields[corpora.FieldExplanation]; e != "" {
			pool = append(pool, d)
		}
	}
	rand.New(rand.NewPCG(42, 1)).Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	if len(pool) > *n {
		pool = pool[:*n]
	}
	k, err := c.open(ctx, readKB)
	if err != nil {
		return err
	}
	defer k.Close()
	h, _, err := k.Retriever(*rf)
	if err != nil {
		return c.explain(err)
	}
	firstIdiom := func(q string) (string, time.Duration, error) {
		t := time.Now()
		hits, err := h.Search(ctx, q, 10)
		if err != nil {
			return "", 0, err
		}
		docs := make([]string, len(hits))
		for i, hit := range hits {
			docs[i] = hit.DocID
		}
		m, _ := answer.BestIdiom(k.Graph(), q, docs)
		return m.Subject, time.Since(t), nil
	}
	var whole, last, wholeStrict, lastStrict int
	var lat []time.Duration
	var misses []string
	for _, d := range pool {
		name, expl := d.Record.Fields[corpora.FieldName], d.Record.Fields[corpora.FieldExplanation]
		got, dt, err := firstIdiom(expl)
		if err != nil {
			return err
		}
		lat = append(lat, dt)
		if got == name {
			wholeStrict++
		}
		if got == name || explained[got] == expl {
			whole++
		} else if len(misses) < 10 {
			misses = append(misses, fmt.Sprintf("%s ← %s (got %s)", name, expl, got))
		}
		got, _, err = firstIdiom(lastClause(expl))
		if err != nil {
			return err
		}
		if got == name {
			lastStrict++
		}
		if got == name || explained[got] == expl {
			last++
		}
	}
	total := float64(len(pool))
	res := map[string]interface{}{
		"idioms":                   len(pool),
		"whole_first":              round(float64(whole) / total),
		"last_clause_first":        round(float64(last) / total),
		"whole_first_strict":       round(float64(wholeStrict) / total),
		"last_clause_first_strict": round(float64(lastStrict) / total),
		"query_p50_ms":             round(eval.Percentile(lat, 50)),
	}
	if *asJSON {
		return printJSON(c.stdout, res)
	}
	fmt.Fprintf(c.stdout, "%d 个成语：整条释义作问题，第一个成语正确 %.4f（只算抽到的那条 %.4f）；只用最后一个分句 %.4f（%.4f）；检索 p50 %.2f ms\n",
		len(pool), res["whole_first"], res["whole_first_strict"], res["last_clause_first"], res["last_clause_first_strict"], res["query_p50_ms"])
	for _, m := range misses {
		fmt.Fprintln(c.stdout, "  未中:", m)
	}
	return nil
}

// lastClause is the last clause of an explanation: the text after its
// last inner ，。；, without the closing mark.
func lastClause(s string) string {
	s = strings.TrimRight(strings.TrimSpace(s), "。；，.")
	if i := strings.LastIndexAny(s, "，。；"); i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		if rest := strings.TrimSpace(s[i+size:]); rest != "" {
			return rest
		}
	}
	return s
}
