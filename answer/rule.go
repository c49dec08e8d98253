package answer

import (
	"strings"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// exceptionRe opens the part of a rule that qualifies what came before it:
// an exception, a condition that changes the answer, the alternative.
var exceptionRe = mustScan(`^[\s（(]*(` + butWords + `|除外|然而|否则|另外|此外|如因|若因|如果|若|如|其中|因.{1,12}的|属于.{1,12}的|[^，。；]{2,16}的[^，。；]{0,8}(?:保留原|不受影响|不适用))`)

// butWords open an exception that turns the rule before it (但…的除外).
const butWords = `但是|但|除非|不过`

// butRe finds a sentence that opens with an exception turning the one
// before it (但…的除外, 但是…): the answerer reads the two together.
var butRe = mustScan(`^[\s（(]*(` + butWords + `)`)

// exceptedCaseRe finds a sentence that opens with the case a rule before
// it excepts (柜员不得为客户代填取款凭条。客户不识字或肢体残疾无法书写的除外，
// 但须…): the answerer reads the two together, as after 但.
var exceptedCaseRe = mustScan(`^[^。；;，,]{2,40}的(?:除外|不在此限)`)

// opensException reports whether a sentence opens with an exception to the
// rule before it: 但… (butRe), or the case it excepts (exceptedCaseRe).
func opensException(sentence string) bool {
	return butRe.MatchString(sentence) || exceptedCaseRe.MatchString(sentence)
}

// strongExceptionRe finds an exception that qualifies even an item of a
// list (…；但…); an item's next item opening 因…的 or 属于…的 is another
// item (交通违章罚款；因个人原因改签、退票产生的手续费；).
var strongExceptionRe = mustScan(`^[\s（(]*(` + butWords + `|除外|然而|否则|如需|如要|如果|若)`)

// exceptionAskedRe finds a question asking for a rule's exception: 有没有
// 例外, 什么情况除外, 特殊情况, 啥情况…也行, 哪些情况可以 (not 什么时候:
// when).
var exceptionAskedRe = mustScan(`例外|除外|特殊情况|(?:什么|啥|哪些|哪种)情况`)

// asksException reports whether q asks for a rule's exception.
func asksException(q question) bool {
	return exceptionAskedRe.MatchString(string(q.folded))
}

// caseNamed reports whether a clause after the answer (after) sets a case
// of its own that the question names (伙食补助每天100元，当天往返的减半发
// 放 … 当天来回…给多少): a clause ending in 的 before what holds in it,
// sharing a pair of characters with the question that the sentence before
// the answer (before) does not say.
func caseNamed(before, after string, question []rune) bool {
	fb := zh.Fold(before)
	mark := func(r rune) bool { return strings.ContainsRune("，,；;。", r) }
	clauses := strings.FieldsFunc(after, mark)
	if r, _ := utf8.DecodeRuneInString(after); len(clauses) > 0 && !mark(r) {
		clauses = clauses[1:] // the rest of the answer's own clause (光荣和ω-force开发的…): no case of its own
	}
	for _, clause := range clauses {
		c, _, ok := strings.Cut(clause, "的")
		if !ok {
			continue
		}
		fc := zh.Fold(c)
		for i := 0; i+1 < len(fc); i++ {
			bg := string(fc[i : i+2])
			if allHan(bg) && strings.Contains(string(question), bg) && !strings.Contains(string(fb), bg) {
				return true
			}
		}
	}
	return false
}

// listItem reports whether a sentence is an item of a list: it ends with
// a semicolon.
func listItem(sentence string) bool {
	t := strings.TrimSpace(sentence)
	return strings.HasSuffix(t, "；") || strings.HasSuffix(t, ";")
}

// exceptionMid finds such a part inside a sentence, after a clause mark.
var exceptionMid = mustScan(`[，,；;：:](但是|但|除非|不过|然而|否则|如因|若因|如果|若|如)|除.{1,20}(外|以外)`)

// exemptionRe finds a sentence exempting a case from a rule said before
// it: 不受…限制, …的除外, 不在此限, 例外.
var exemptionRe = mustScan(`不受[^。；]{0,16}(?:限制|约束)|除外|不在此限|例外`)

// noExceptionRe finds a sentence denying any exception (不得有任何例外,
// 没有例外, 一律).
var noExceptionRe = mustScan(`(?:不得|不能|没有|无)[^。；]{0,4}例外|一律`)

// wholeRule widens a short extractive answer to the whole rule it was
// taken from when the rule goes on with an exception or a condition that
// changes the answer — in the same sentence after the answer (运费由买家承
// 担；但因质量问题退货的，运费由卖家承担) or in the next sentence (… 。但…) —
// so that the reader is not given its first half as the answer. The
// sentences come from the cited passage among hits.
func wholeRule(a Answer, hits []corpora.Hit, question []rune) Answer {
	c := a.Citations[0]
	h := citedHit(hits, c)
	if h == nil {
		return a
	}
	text := []rune(h.Text)
	start, end := c.Start-h.Start, c.End-h.Start
	if start < 0 || end > len(text) || start >= end {
		return a
	}
	sentence := string(text[start:end])
	if isTableLine(strings.TrimSpace(sentence)) {
		return a // a table's cell is its row's alone
	}
	// Where the answer stands in its sentence: the exception must follow it.
	at := strings.Index(sentence, a.Answer)
	widen := false
	if at >= 0 {
		if loc := exceptionMid.FindStringIndex(sentence[at+len(a.Answer):]); loc != nil {
			widen = true
		} else if caseNamed(sentence[:at], sentence[at+len(a.Answer):], question) {
			widen = true
		}
	}
	// The next sentence, when it qualifies this one.
	next := ""
	for _, sp := range zh.Sentences(string(text[end:])) {
		cand := strings.TrimSpace(string(text[end:])[sp.Start:sp.End])
		if cand == "" {
			continue
		}
		// (An item's next item, on a line of its own, qualifies it only by a
		// strong exception; the same line's next clause goes on with it.)
		nextItem := listItem(sentence) && strings.Contains(string(text[end:])[:sp.Start+strings.Index(string(text[end:])[sp.Start:], cand)], "\n")
		if exceptionRe.MatchString(cand) && !isHeading(cand) && !isTableLine(cand) && !(nextItem && !strongExceptionRe.MatchString(cand)) {
			next = cand
		}
		break
	}
	if !widen && next == "" {
		return a
	}
	rule := strings.TrimSpace(sentence)
	c.End = end
	if next != "" {
		rule += next
		c.End = end + len([]rune(string(text[end:])[:strings.Index(string(text[end:]), next)+len(next)]))
	}
	if rule == strings.TrimSpace(a.Answer) {
		return a
	}
	c.Text = string(text[start:c.End])
	c.End += h.Start
	if p, rest, ok := strings.Cut(a.Answer, "。"); ok && utf8.RuneCountInString(p) <= 4 && strings.TrimSpace(rest) == strings.TrimSpace(sentence) {
		rule = p + "。" + rule // 不能。…: a yes or no said first stays first
	}
	a.Answer, a.Evidence = rule, ""
	a.Citations[0] = c
	return a
}

// citedHit is the hit among hits whose chunk c cites, nil for none.
func citedHit(hits []corpora.Hit, c Citation) *corpora.Hit {
	for i := range hits {
		if hits[i].DocID == c.Doc && hits[i].Ordinal == c.Chunk {
			return &hits[i]
		}
	}
	return nil
}
