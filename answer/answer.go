// Package answer turns retrieved passages into an answer with citations.
// Without an LLM it answers extractively: the sentence that best supports
// the question, narrowed to the span the question asks for, or an explicit
// "not found" when no passage supports it.
package answer

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/corpora/zh"
)

// Retriever ranks chunks for a question.
type Retriever interface {
	Search(ctx context.Context, query string, k int) ([]corpora.Hit, error)
}

// NotFound is the answer given when the passages do not support one.
const NotFound = "资料中没有找到相关答案。"

// Modes of answering.
const ModeExtractive = "extractive"

// Config configures an Engine. Zero values are the defaults.
type Config struct {
	// Passages is how many retrieved chunks are read for an answer; default 3.
	Passages int
	// MinSupport is the share of the question's content (characters and
	// bigrams, weighted by rarity among the candidate sentences) the best
	// sentence must hold for an answer; below it the answer is NotFound.
	// Default 0.25.
	MinSupport float64
	// MinWords is the share of what the question's words say (each word
	// weighted by its information in general Chinese: 年终奖 more than 公司)
	// that the answering passage must hold; default 0.25. Character
	// evidence alone lets 今天天气怎么样 "match" a passage about 今天水市.
	MinWords float64
	// Unrefused answers even where the passages are judged not to answer
	// (Answer.Refusal.Refused): what the refusal decision is fitted on
	// (wenda eval qa --signals).
	Unrefused bool
	// Graph, if set, answers culture questions from its facts first.
	Graph Graph
	// LLM, if set, writes the answers from the retrieved passages and the
	// graph's facts (Answer); Ask stays offline.
	LLM Generator
	// ContextChars is the budget of the sources given to the LLM, in
	// characters; default DefaultContextChars.
	ContextChars int
	// LLMPassages is how many passages are retrieved for the LLM; default 8.
	LLMPassages int
	// Segmenter is the knowledge base's segmenter, so that questions are
	// cut into words as its documents were (the words that must be found
	// in a passage, the nouns and names an answer is looked for by); nil:
	// zh.Default().
	Segmenter *zh.Segmenter
}

// Citation points at the text an answer comes from.
type Citation struct {
	Doc   string `json:"doc"`
	Chunk int    `json:"chunk"`
	Title string `json:"title,omitempty"`
	Text  string `json:"text"`
	// Start and End are the cited sentence's character offsets in the
	// document.
	Start int `json:"start"`
	End   int `json:"end"`
	// Field is the record's field a fact came from (graph answers).
	Field string `json:"field,omitempty"`
	// N is the citation's number: as the LLM cited it ([N]), else its
	// place in the list, from 1.
	N int `json:"n,omitempty"`
	// Where in the file: the section path (headings above), the page of a
	// PDF, a sheet and row or a slide.
	Section string `json:"section,omitempty"`
	Page    int    `json:"page,omitempty"`
	Where   string `json:"where,omitempty"`
}

// Place is where a citation stands in its file, as a reader says it:
// 第 12 页 · 第一章 总则 › 一、年假天数 (page, then place, then section);
// empty when the file has no such structure.
func (c Citation) Place() string {
	var ps []string
	if c.Page > 0 {
		ps = append(ps, fmt.Sprintf("第 %d 页", c.Page))
	}
	if c.Where != "" {
		ps = append(ps, c.Where)
	}
	if c.Section != "" {
		ps = append(ps, c.Section)
	}
	return strings.Join(ps, " · ")
}

// Answer is the engine's reply to a question.
type Answer struct {
	Question string `json:"question"`
	Answer   string `json:"answer"`
	Found    bool   `json:"found"`
	// Evidence is the whole sentence the short answer was taken from, as
	// a search engine shows beneath its answer (its citation is the
	// first); empty when the answer is that sentence, or none was found.
	Evidence  string     `json:"evidence,omitempty"`
	Citations []Citation `json:"citations"`
	Mode      string     `json:"mode"`
	// Standalone is the question as rewritten from the conversation, when
	// it was a follow-up.
	Standalone string `json:"standalone,omitempty"`
	// Facts are the graph's facts given to the LLM.
	Facts []corpora.Fact `json:"facts,omitempty"`
	// Unsupported marks an LLM answer that cites no source.
	Unsupported bool    `json:"unsupported,omitempty"`
	Timings     Timings `json:"timings"`
	// Refusal is what the extractive answer's refusal weighed, when it was
	// weighed (nil for a table's cell and for an answer not extractive).
	Refusal *Refusal `json:"-"`
}

// Simplified is the answer with its text and its citations' text in
// simplified characters: Tang poems, among others, are kept and shown as
// written, in traditional ones.
func (a Answer) Simplified() Answer {
	a.Answer = zh.Simplified(a.Answer)
	cs := make([]Citation, len(a.Citations))
	for i, c := range a.Citations {
		c.Title, c.Text = zh.Simplified(c.Title), zh.Simplified(c.Text)
		cs[i] = c
	}
	a.Citations = cs
	return a
}

// Timings says where the time went.
type Timings struct {
	Retrieval  time.Duration `json:"retrieval_ns"`
	FirstToken time.Duration `json:"first_token_ns,omitempty"` // LLM mode: to the first piece of the answer
	Total      time.Duration `json:"total_ns"`
}

// Engine answers questions from a Retriever's passages.
type Engine struct {
	cfg Config
	r   Retriever
	seg *zh.Segmenter // nil if the default one could not be loaded
}

// New returns an Engine over r.
func New(cfg Config, r Retriever) (*Engine, error) {
	if r == nil {
		return nil, errors.New("answer: no retriever")
	}
	if cfg.Passages <= 0 {
		cfg.Passages = 3
	}
	if cfg.MinSupport <= 0 {
		cfg.MinSupport = 0.25
	}
	if cfg.MinWords <= 0 {
		cfg.MinWords = 0.25
	}
	seg := cfg.Segmenter
	if seg == nil {
		// Without a segmenter the answers rest on character evidence
		// alone: a weaker engine, not a broken one.
		seg, _ = zh.Default()
	}
	return &Engine{cfg: cfg, r: r, seg: seg}, nil
}

// Ask retrieves passages for a question and answers it.
func (e *Engine) Ask(ctx context.Context, q string) (Answer, error) {
	start := time.Now()
	g := e.graph()
	named := false // the question names an idiom, a poem, a line, a poet …
	if g != nil {
		linked, err := link(ctx, g, q)
		if err != nil {
			return Answer{}, fmt.Errorf("answer: link: %w", err)
		}
		named = linked != "" && names(e.seg, q, linked)
		if named && reasons(q) {
			// 从经济学角度解释洛阳纸贵: the facts that bear on it, and
			// that the explanation needs a model.
			// Two entities compared (洛阳纸贵和一字千金有什么区别): both.
			other, err := link(ctx, g, strings.Replace(zh.Normalize(q), linked, "，", 1))
			if err != nil {
				return Answer{}, fmt.Errorf("answer: link: %w", err)
			}
			if other == linked || other == "" || !names(e.seg, q, other) {
				other = ""
			}
			if a, ok := factsFor(g, q, linked, other); ok {
				a.Timings = Timings{Total: time.Since(start)}
				return a, nil
			}
		}
		if a, ok := culture(g, q, linked, linked); ok {
			a.Timings = Timings{Total: time.Since(start)}
			return a, nil
		}
	}
	// More passages than are read: a word none of them holds is one the
	// knowledge base likely lacks (refuse).
	n := max(e.cfg.Passages, 8)
	reverse := g != nil && asksForIdiom(q)
	if g != nil {
		// Candidates for the idiom whose meaning is asked, or the line
		// quoted; and, when the question is about the user's documents,
		// enough of theirs among the culture corpora's entries.
		n = max(n, 16)
		if !asksCulture(q) {
			// Short entries by the thousand (筛子盛水——一场空) outrank a
			// handbook's passage on a word or two (一场 of 办一场沙龙):
			// read further down for the user's own. (The enterprise set
			// over the mixed knowledge base with 16, 32, 64: 0.7226,
			// 0.7293, 0.7315, the answer step p50 0.68, 0.81, 1.07 ms.)
			n = max(n, 32)
		}
	}
	// The passages for a query, each said once; 请两天假 is looked up as
	// 请假 as documents write it (请假…2天).
	search := func(query string) ([]corpora.Hit, error) {
		hits, err := e.r.Search(ctx, joinSeparable(query), n)
		if err != nil {
			return nil, fmt.Errorf("answer: retrieve: %w", err)
		}
		return distinct(hits), nil
	}
	asked := q // as the user wrote it
	if traditional(q) {
		// 我在這邊做了六年 特休有幾天: Taiwan's words for what the
		// mainland's documents say (特休 → 年休假), beside the characters
		// converted, looked up and answered as the documents say them.
		n := zh.Normalize(q)
		if t := taiwanUsage.Replace(n); t != n {
			q = t
		}
	}
	hits, err := search(q)
	if err != nil {
		return Answer{}, err
	}
	retrieval := time.Since(start)
	nq, nasked := zh.Normalize(q), zh.Normalize(asked) // (q is asked, or asked in the mainland's words)
	// again looks the passages up once more, with words a document may
	// write for the question's, and answers from them. (Retrieval is the
	// searches; the first answer's reading is the answer step's.)
	again := func(query string) ([]corpora.Hit, Answer, error) {
		at := time.Now()
		more, err := search(query)
		if err != nil {
			return nil, Answer{}, err
		}
		retrieval += time.Since(at)
		if g != nil && !named && !asksCulture(q) {
			more = proseFirst(g, more)
		}
		return more, e.FromHits(q, more), nil
	}
	var a Answer
	if g != nil {
		docs := make([]string, len(hits))
		for i, h := range hits {
			docs[i] = h.DocID
		}
		if reverse {
			a, _ = idiomFor(g, q, docs)
		} else if a, _, err = lineFor(ctx, g, q, docs); err != nil {
			return Answer{}, fmt.Errorf("answer: misquoted line: %w", err)
		}
	}
	if !a.Found {
		if g != nil && !named && !asksCulture(q) {
			hits = proseFirst(g, hits)
		}
		if g != nil && !named && reasons(q) {
			// 为什么洛阳的纸会变贵: an entry whose name the question
			// spells in order among other words (洛阳…纸…贵) is the one asked of.
			if name := spelledEntry(g, q, hits); name != "" {
				if fa, ok := factsFor(g, q, name, ""); ok {
					fa.Timings = Timings{Retrieval: retrieval, Total: time.Since(start)}
					return fa, nil
				}
			}
		}
		a = e.FromHits(q, hits)
		aliases := zh.Aliases(string(zh.Fold(nq)))
		unsaid := a.Found && unsaidAliases(aliases, a, hits)
		// Whether an answer lacks the shape q asks for (几点 … a time,
		// 多少钱 … a sum; answerShape), q read as FromHits reads it.
		var typed bool
		var holds func(sentence) bool
		if a.Found {
			typed, holds = answerShape(parseQuestion(zh.Fold(spokenWh.Replace(joinSeparable(nq)))))
		}
		lacksShape := func(a Answer) bool {
			return typed && !holds(sentence{orig: []rune(a.Answer), folded: zh.Fold(a.Answer)})
		}
		if lacking := a.Found && lacksShape(a); !a.Found || lacking || unsaid {
			// Not found in the passages the question's own words brought,
			// or found without what it asks for (几点上班 … 至少打卡两次):
			// once more with the words a document may write for them (饭补
			// … 餐补, 看病 … 就医, 上班时间 … 工作时间), which alone rank
			// none of these.
			if extra := aliasText(aliases); extra != "" {
				more, b, err := again(q + " " + extra)
				if err != nil {
					return Answer{}, err
				}
				if b.Found && !(lacking && lacksShape(b)) && !(unsaid && unsaidAliases(aliases, b, more)) {
					// (found where the question's own words were not: only
					// an answer saying one of them, or a word for it, wins)
					a, hits = b, more
				}
			}
		}
		if a.Found && len(a.Citations) == 1 {
			// A rule with an exception (…由买家承担；但因质量问题…): the
			// whole rule, not its first half.
			a = wholeRule(a, hits, zh.Fold(nq))
		}
		if a.Found && len(a.Citations) > 0 {
			// 床前明月光下一句是啥 over prose (…全诗是：床前明月光，疑是地上
			// 霜。): the line after the one quoted, whole; asked who wrote it
			// too, the sentence that says so with it.
			if line, ok := lineQuoted(nasked); ok {
				if next, ok := lineAfter(a.Citations[0].Text, line); ok {
					if asksTwice(q) {
						next += "。" + strings.TrimSpace(a.Citations[0].Text)
					}
					a.Answer, a.Evidence = next, ""
				}
			}
		}
		if a.Found && reasons(q) && !statesCause(a) {
			// Asked why, or for an analysis, and the passage says no
			// cause: what it says, whole, and that the rest needs a model.
			if a.Evidence != "" {
				a.Answer, a.Evidence = a.Evidence, ""
			}
			a.Answer += "\n" + explainNote
		}
	}
	if !a.Found && handlerAskedRe.MatchString(nq) {
		// Asked who handles a matter (校车这块归哪个部门管, 这事归谁处理)
		// and the passages its words brought do not say: a rule's article
		// on who answers for what (后勤保障部负责校车和食堂的统一管理) says
		// it in a word the question does not — look again with it.
		more, b, err := again(q + " " + handlerWord)
		if err != nil {
			return Answer{}, err
		}
		if b.Found {
			a, hits = b, more
		}
	}
	namesRole := roleNameRe.MatchString(nasked) // 店长叫什么名字, 财务总监是谁
	if namesRole || strings.HasPrefix(nasked, "谁是") {
		// 财务总监是谁 … 审批人：直属经理、部门总监、财务总监: the role
		// itself is no answer; a record whose field is the role (职务：
		// 财务总监；负责人：王立诚) names its holder, as a sentence saying
		// the role is held by a name does (分管销售的副总经理为苗雨: not
		// 卫东 of another clause's 邓卫东).
		if b, ok := e.roleHolder(nq, hits); ok {
			a = b
		}
	}
	if a.Found && namesRole && utf8.RuneCountInString(a.Answer) <= 6 && !personName(e.seg, a.Answer) && !surnamed(a.Answer) {
		// 店长叫什么名字 … 经店长同意: a role's holder's name asked, and
		// what was found is no name (同意): the passages do not say it.
		a = Answer{Question: asked, Answer: NotFound, Mode: ModeExtractive, Citations: []Citation{}, Refusal: a.Refusal}
	}
	// (Markdown's bold is no answer's: **第2条** … → 第2条 …; the passages
	// keep it — taken out at ingest, it moved chunks' bounds and three
	// held-out sets lost a question each.)
	a.Answer, a.Evidence = corpora.Unbolded(a.Answer), corpora.Unbolded(a.Evidence)
	a.Timings = Timings{Retrieval: retrieval, Total: time.Since(start)}
	a.Question = asked
	return a, nil
}

// handlerAskedRe finds a question asking who handles a matter: which
// department (归哪个部门管, 哪个部门负责), who (归谁管, 谁来处理, 找谁).
var handlerAskedRe = mustScan(`(哪个|哪一个|什么|哪)(部门|科室|单位|机构|岗位|中心)|归谁|由谁|谁(来)?(管|负责|处理|审批|批)|找谁`)

// handlerWord is the word rules say who answers for a matter with.
const handlerWord = "负责"

// roleHolder answers who holds the role q names from a passage of hits
// holding a record one of whose values is that role, said whole in q (职务：
// 财务总监 for 财务总监叫什么名字): its holder's name, when it is one.
func (e *Engine) roleHolder(q string, hits []corpora.Hit) (Answer, bool) {
	fq := string(zh.Fold(q))
	for _, h := range hits {
		for _, line := range strings.Split(h.Text, "\n") {
			if line = strings.TrimSpace(line); !isRecord(line) {
				continue
			}
			_, values := recordFields(line)
			for _, v := range values {
				if fv := string(zh.Fold(v)); utf8.RuneCountInString(fv) >= 2 && roleEndRe.MatchString(fv) && strings.Contains(fq, fv) {
					b := e.FromHits(q, []corpora.Hit{h})
					if b.Found && (personName(e.seg, b.Answer) || surnamed(b.Answer)) {
						return b, true
					}
				}
			}
		}
	}
	// In prose: the role said, then 为, 是 or a colon and a name (分管安全
	// 的副总经理为费晓岚 for 管安全的副总是谁), the role said by the
	// longest end of the question's words for it, of three characters or
	// more, the rest of its word (经理 of 副总经理) allowed.
	role := []rune(roleAsked(fq))
	if len(role) < 3 {
		return Answer{}, false
	}
	texts, foldeds := make([][]rune, len(hits)), make([]string, len(hits))
	for i, h := range hits {
		texts[i], foldeds[i] = []rune(h.Text), string(zh.Fold(h.Text))
	}
	for k := len(role); k >= 3; k-- {
		said := string(role[len(role)-k:])
		if qualifier := strings.ReplaceAll(strings.TrimSuffix(said, heldRole(said)), "的", ""); k < len(role) && utf8.RuneCountInString(qualifier) < 2 {
			break // (测试部的负责人 is not 的负责人 of another's: the role whole, or two characters of what qualifies it at least)
		}
		for hi, h := range hits {
			text, folded := texts[hi], foldeds[hi]
			for at := 0; ; {
				i := strings.Index(folded[at:], said)
				if i < 0 {
					break
				}
				at += i + len(said)
				start := utf8.RuneCountInString(folded[:at-len(said)])
				j := utf8.RuneCountInString(folded[:at])
				for n := 0; n < 2 && j < len(text) && strings.ContainsRune("经理长", text[j]); n++ {
					j++ // (the role's word goes on: 副总 … 副总经理)
				}
				if j >= len(text) || !strings.ContainsRune("为是：:", text[j]) {
					continue
				}
				j++
				end := j
				for end < len(text) && end-j < 4 && unicode.Is(unicode.Han, text[end]) {
					end++
				}
				name := string(text[j:end])
				if end-j >= 2 && end-j <= 3 && (end == len(text) || !unicode.Is(unicode.Han, text[end])) && (surnamed(name) || personName(e.seg, name)) && !roleEndRe.MatchString(name) {
					for start > 0 && !strings.ContainsRune("，。；;\n", text[start-1]) {
						start-- // (cited from its clause's start)
					}
					a := Answer{Question: q, Mode: ModeExtractive, Citations: []Citation{}}
					return answered(a, name, h, start, end), true
				}
			}
		}
	}
	return Answer{}, false
}

// heldRoleWords end the name of a role a question asks the holder of
// (roleNameRe), longest first.
var heldRoleWords = []string{"董事长", "总经理", "负责人", "副总", "老总", "经理", "主管", "老板", "总监", "主任", "总裁", "老师", "师傅", "长"}

// heldRole is the role word said ends with (副总 of 分管安全的副总); "" for
// none.
func heldRole(said string) string {
	for _, w := range heldRoleWords {
		if strings.HasSuffix(said, w) {
			return w
		}
	}
	return ""
}

// roleAsked is the words q (folded) names the role it asks the holder of
// by (分管安全的副总 of 分管安全的副总是谁, 财务总监 of 谁是财务总监); "" for
// none.
func roleAsked(fq string) string {
	fq = strings.TrimRight(fq, trailing+"?")
	if rest, ok := strings.CutPrefix(fq, "谁是"); ok {
		return rest
	}
	loc := roleNameRe.FindStringIndex(fq)
	if loc == nil {
		return ""
	}
	for _, w := range heldRoleWords {
		if strings.HasPrefix(fq[loc[0]:], w) {
			return fq[:loc[0]+len(w)]
		}
	}
	return ""
}

// roleEndRe finds a role's name by its end (财务总监, 店长, 招聘经理).
var roleEndRe = mustScan(`(?:长|经理|主管|老板|负责人|总监|主任|总裁|董事长|总经理|老师|师傅|专员|顾问|秘书|会计|出纳)$`)

// roleNameRe finds a question asking the name of who holds a role (店长叫
// 什么名字, 财务总监是谁, 负责人姓什么).
var roleNameRe = mustScan(`(?:` + strings.Join(heldRoleWords, "|") + `)(?:的)?(?:叫什么|叫啥|名字|姓名|姓什么|是谁|是哪位)`)

// surnamed reports whether w of two to four characters begins with a
// common surname (王立诚, 邹建平): a person's name, as the dictionary may
// not list it.
func surnamed(w string) bool {
	r := []rune(strings.TrimSpace(w))
	return len(r) >= 2 && len(r) <= 4 && strings.ContainsRune(commonSurnames, r[0])
}

// commonSurnames are the hundred or so commonest Chinese surnames.
const commonSurnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

// lineQuoted is the line whose next a question asks for (床前明月光 of 床前
// 明月光的下一句, 「举头望明月」后一句): the three to twelve characters
// before the culture answerer's words asking for the next line (intents),
// those that name a line (句, 行; not 接下来, 之后是).
func lineQuoted(q string) (string, bool) {
	at := askedAt(q, corpora.RelNext, "句行")
	if at < 0 {
		return "", false
	}
	r := []rune(strings.TrimRight(strings.TrimSuffix(q[:at], "的"), "」”\"』"))
	i := len(r)
	for i > 0 && unicode.Is(unicode.Han, r[i-1]) && len(r)-i < 12 {
		i--
	}
	line := strings.TrimSuffix(strings.TrimPrefix(string(r[i:]), "请问"), "的")
	return line, utf8.RuneCountInString(line) >= 3
}

// lineAfter is the line of text after line, to the next stop (床前明月光，
// 疑是地上霜。 → 疑是地上霜).
func lineAfter(text, line string) (string, bool) {
	i := strings.Index(text, line)
	if i < 0 {
		return "", false
	}
	rest := strings.TrimLeft(text[i+len(line):], "，,、 ")
	if rest == text[i+len(line):] {
		return "", false // (the line goes on: no line's end after it)
	}
	end := strings.IndexAny(rest, "，,。；;！？!?\n")
	if end < 0 {
		end = len(rest)
	}
	next := strings.TrimSpace(rest[:end])
	return next, utf8.RuneCountInString(next) >= 3
}

// asksTwice reports whether a question asks two things of different kinds
// in two clauses (洛阳纸贵是什么意思，出自哪里; 在哪里办，要带什么), neither
// asking how or why.
func asksTwice(q string) bool {
	kinds := map[answerKind]bool{}
	for _, clause := range strings.FieldsFunc(q, func(r rune) bool { return strings.ContainsRune("，,；;、 ", r) }) {
		clause = spokenWh.Replace(clause)
		for _, w := range whWords {
			// (a question word of two characters or 谁: not 几 of 几内亚, 多
			// of 多种, 何人 of 任何人)
			if (utf8.RuneCountInString(w.text) >= 2 || w.text == "谁" || w.text == "啥") && strings.Contains(clause, w.text) && !strings.Contains(clause, "任"+w.text) {
				if w.kind == kindReason {
					return false // 多大，怎么估算: how is said by what answers the other (用户数×平均配额×1.3)
				}
				kinds[w.kind] = true
				break
			}
		}
	}
	return len(kinds) >= 2
}

// unsaidAliases reports whether the cited text of a's answer holds none of
// the question's words that documents may write otherwise, in any of their
// forms (饭补, 餐补 for 饭补一天给多少 … 出差期间伙食补助标准为每天100元).
// (Lacking one of them, not all, measured worse: eval/enterprise 0.8591 →
// 0.8568.)
func unsaidAliases(aliases []zh.Alias, a Answer, hits []corpora.Hit) bool {
	if len(aliases) == 0 || len(a.Citations) == 0 {
		return false
	}
	c := a.Citations[0]
	said := c.Text + a.Answer
	if isTableLine(strings.TrimSpace(c.Text)) {
		// A table's row says its words in its header and caption (| 二类城市
		// | … | 850 | under 住宿上限): the table's, as its chunk holds it.
		if h := citedHit(hits, c); h != nil {
			said += h.Header + h.Text
		}
	}
	text := string(zh.Fold(said))
	for _, al := range aliases {
		if strings.Contains(text, al.Word) || containsAny(text, al.Others) {
			return false
		}
	}
	return true
}

// asksRule reports whether q asks what a rule requires or limits (有什么
// 限制, 需要什么条件, 有啥要求): the rule is the answer, not a part of it.
func asksRule(q question) bool {
	if q.wh != "什么" && q.wh != "哪些" && q.wh != "啥" {
		return false
	}
	for _, w := range []string{"限制", "条件", "要求", "规定", "限定", "门槛"} {
		if strings.HasPrefix(string(q.right), w) {
			return true
		}
	}
	return false
}

// approverNear is how near the best sentence's score a clause that names
// an approver and whose condition the question's sum meets must come to
// answer instead.
var approverNear = 0.35

// taiwanUsage writes Taiwan's workplace words as mainland documents write
// them (OpenCC's Taiwan phrases hold none of these).
var taiwanUsage = strings.NewReplacer("特休假", "年休假", "特休", "年休假", "签核", "审批", "客诉", "投诉", "职务加给", "岗位津贴", "加给", "津贴",
	"育婴留停", "育儿假", "育婴假", "育儿假", "大夜班", "夜班", "小夜班", "中班",
	"堆高机", "叉车", "年资", "工龄", "资遣费", "经济补偿", "资遣", "辞退", "健保", "医保")

// FromHits answers a question from already retrieved passages, best first.
func (e *Engine) FromHits(q string, hits []corpora.Hit) Answer {
	a := Answer{Question: q, Answer: NotFound, Mode: ModeExtractive, Citations: []Citation{}}
	retrieved := hits // all of them tell whether the knowledge base knows a word
	if len(hits) > e.cfg.Passages {
		hits = keyedRowRead(zh.Fold(zh.Normalize(q)), hits, e.cfg.Passages)
	}
	// A question in traditional characters is read with its Taiwan usage
	// brought to the mainland's (程式檔案 → 程序文件, 嗎 → 吗), as queries
	// are: it is matched against the sentences' words, never cut into an
	// answer. (A simplified one is left as it is: the conversion would
	// take its 文件 for Taiwan's, 文档.)
	qn := q
	if traditional(q) && (len(hits) == 0 || !traditional(hits[0].Text)) {
		qn = zh.Normalize(q) // (passages in traditional characters too: both are folded alike)
	}
	pq := parseQuestion(zh.Fold(spokenWh.Replace(joinSeparable(qn)))).withWords(e.seg)
	pq.defs = &classDefs{hits: retrieved} // read if a table's row needs them
	ev := newEvidence(pq)
	if len(ev.chars) == 0 {
		return a
	}
	everywhere := everywhereOf(retrieved)
	var terms []keyTerm // the question's words, for ranking and for refusal
	if e.seg != nil {
		terms = questionTerms(e.seg, pq, everywhere)
	}
	sents, full := rankSentences(hits, ev, pq, terms)
	best := topSentence(sents)
	if best < 0 || full == 0 {
		return a
	}
	// Asked for a thing of a kind a sentence can be seen to hold or lack (a
	// quantity in a unit: 几点, 几天, 多少钱; a date; an identifier; a
	// class's label) that the best sentence lacks: a sentence nearly as
	// good that holds one answers instead (每天几点上班: 9:00—18:00, not 每
	// 天至少打卡两次). (Refusing when none does was measured worse: the
	// shape tests miss forms.)
	if typed, holds := answerShape(pq); typed && !holds(sents[best]) && !(sents[best].cell && (tableOfSums(hits[sents[best].hit]) || strings.Contains(countUnits, pq.unit) && pq.unit != "" || cellHolds(pq, sents[best], hits[sents[best].hit]))) {
		// (A row's cell in the column asked, in a table of sums, holds a
		// sum though the row says no unit: | 主管级 | 400 | 320 |; a count
		// is said bare: | version_keep | 30 | for 几个历史版本.)
		// An identifier's shape (support@…, 400-820-7316) tells the
		// sentence that holds one as no quantity's does: half as good will
		// do.
		near := 0.6
		if identifierFor(pq) != nil {
			near = 0.3 // (a place's of the rank asked as well: CMRC dev EM 40.39 → 40.35)
		}
		if alt := nearHolder(sents, best, near, holds); alt >= 0 {
			best = alt
		} else if n := min(len(retrieved), 2*len(hits)); n > len(hits) {
			// None of the passages read holds one: one of the next few
			// retrieved may (a parameters table ranked fourth holding
			// 4 GB for 多大). (eval/enterprise 0.7271 → 0.7360, the same
			// with three times as many; eval/office unchanged; CMRC dev EM
			// 40.23 → 40.20.)
			more, mfull := rankSentences(retrieved[:n], ev, pq, terms)
			if alt := nearHolder(more, topSentence(more), near, holds); alt >= 0 {
				sents, full, hits, best = more, mfull, retrieved[:n], alt
			}
		}
	}
	if pq.kind == kindNumber && !saysNumber(string(sents[best].orig)) {
		// Asked how much, and the best sentence opens the rule without a
		// number (问：出差时住在亲戚家，公司有补贴吗？): the number is in the
		// next sentences (答：…每晚可以领取100元住宿节约补贴), before the
		// next article: the first in the unit asked (no year's date, 1912年,
		// for a length) that says a word of the question's (住宿 of 住在亲
		// 戚家, not 病假超过2天的 for 几天年假).
		for i := best + 1; i < len(sents) && i <= best+3 && sents[i].hit == sents[best].hit && sents[i].start >= sents[best].start; i++ {
			t := string(sents[i].orig)
			if articleRe.MatchString(strings.TrimSpace(t)) || isHeading(t) {
				break
			}
			if !saysNumber(t) || pq.unit != "" && !holdsUnitIn(sents[i].text(), pq.unit) || pq.unit == "" && !holdsQuantity(yearRe.ReplaceAllString(t, "")) {
				continue
			}
			if slices.ContainsFunc(terms, func(t keyTerm) bool {
				return !t.typ && t.light == 1 && t.info >= 8 && utf8.RuneCountInString(t.w) >= 2 && presence(t.w, sents[i].text()) == 1
			}) {
				best = i
			}
			break
		}
	}
	if n := len(retrieved); len(pq.quantities) > 0 && n > len(hits) && !slices.ContainsFunc(sents, func(s sentence) bool { return s.met == 1 }) &&
		slices.ContainsFunc(retrieved[len(hits):], func(h corpora.Hit) bool { _, any := conditionsMet(h.Text, pq.quantities); return any }) {
		// The question states a quantity (一笔30万的采购找谁批) and no
		// sentence read sets a condition it meets: the rule's clause for it
		// may be in one of the next few retrieved (a list of thresholds cut
		// across chunks), if one of them sets conditions on it at all.
		if more, mfull := rankSentences(retrieved[:n], ev, pq, terms); len(more) > 0 {
			if alt := nearHolder(more, topSentence(more), 0.6, func(s sentence) bool { return s.met == 1 }); alt >= 0 {
				sents, full, hits, best = more, mfull, retrieved[:n], alt
			}
		}
	}
	if t := strings.TrimSpace(string(sents[best].orig)); len(pq.quantities) > 0 && sents[best].met != 1 && (strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")) {
		// A rule's lead-in (按下列标准奖惩：) and its tiers after it: the
		// tier whose condition the question's quantity meets answers
		// (依从率九十二 … 依从率85%以上、不满95%的，不奖不罚).
		for i := best + 1; i < len(sents) && sents[i].hit == sents[best].hit && i <= best+8; i++ {
			if sents[i].met == 1 {
				best = i
				break
			}
		}
	}
	if b := best - 1; len(pq.quantities) > 0 && sents[best].met == -1 && b >= 0 && sents[b].met == 0 && sents[b].hit == sents[best].hit && clauseBefore(sents[b], sents[best]) {
		// A rule's case the question's quantity is not in (赔款三万元多久
		// 支付 … 赔款金额不满1万元的，应当在3个工作日内支付): the rule it
		// is the case of, in the clause before, answers (…后10日内支付赔
		// 款；), if it holds what is asked for.
		if typed, holds := answerShape(pq); typed && holds(sents[b]) {
			// (Not a yes/no question: the case not met says no —
			// 报销3000元要附合同吗 … 超过5000元的，须附合同 → 不要.)
			best = b
		}
	}
	if pq.kind == kindPerson && len(pq.quantities) > 0 && sents[best].met != 1 {
		// Asked who approves a sum (报销一万五找谁批): a clause naming who,
		// whose condition the sum meets (2,000元（含）以上、20,000元以下 | 区
		// 域经理), though its words are few beside a sentence on the matter.
		if alt := nearHolder(sents, best, approverNear, func(s sentence) bool { return s.met == 1 && roleRe.MatchString(s.text()) }); alt >= 0 {
			best = alt
		}
	}
	verb, yn := yesNo(qn) // (asked yes or no, in that verb)
	rowOnly := false      // a yes or no asked, and only rows of data to say it
	if yn && dataRow(pq, sents[best]) {
		// 能在车场里充一下电不 … 车型：…；充电时间（小时）：1.5: a row of
		// data with no cell saying yes or no, of a row the question does
		// not name, says neither; a rule nearly as good does, or one in
		// the other passages retrieved (below), or none.
		if alt := nearHolder(sents, best, rowNear, func(s sentence) bool { return !isTableLine(strings.TrimSpace(string(s.orig))) }); alt >= 0 {
			best = alt
		} else {
			rowOnly = true
		}
	}
	exempts := false // best is the sentence exempting a case from the rule asked of
	if strings.Contains(string(pq.folded), "例外") && !exceptionMid.MatchString(string(sents[best].folded)) && !exceptionNext(sents, best) {
		// Asked whether a rule has an exception (客户等级都是按签约额评的吗，
		// 有没有例外), and the best sentence gives the rule alone: a
		// sentence up to eight on in its passage that exempts a case and
		// says a word of the question's (…战略客户，…可以不受签约额的限制直
		// 接评为A级) is the exception; not one denying any (不得有任何例外).
		for j := best + 1; j < len(sents) && j <= best+8 && sents[j].hit == sents[best].hit; j++ {
			if f := sents[j].text(); exemptionRe.MatchString(f) && !noExceptionRe.MatchString(f) && slices.ContainsFunc(terms, func(t keyTerm) bool {
				return !t.typ && utf8.RuneCountInString(t.w) >= 2 && t.w != "例外" && strings.Contains(f, t.w)
			}) {
				best, exempts = j, true
				break
			}
		}
	}
	// What the best sentence weighs: its hit, its share of the question's
	// evidence (with the exception right after it, which says the rule
	// with it), and whether the question asks for that exception.
	weigh := func(sents []sentence, best int, full float64, hits []corpora.Hit) (s sentence, h corpora.Hit, support float64, exc int, excepted bool) {
		s = sents[best]
		h = hits[s.hit]
		support = s.evidence / full
		exc = -1 // the sentence after s when it is s's exception (…不发放全勤奖；但休年休假…的除外)
		if exceptionNext(sents, best) {
			// The rule and its exception say it together: what the question
			// asks may be in either (全勤奖 … 年假).
			exc = best + 1
			support = min(1, (s.evidence+sents[exc].evidence)/full)
		}
		// Asked for the rule's exception (有没有例外, 啥情况一个人也行), and the
		// sentence's rule has one, in it or right after it: it answers in the
		// rule's words, as a rule answers a yes or no.
		excepted = asksException(pq) && (exc >= 0 || exceptionMid.MatchString(s.text()))
		return
	}
	s, h, support, exc, excepted := weigh(sents, best, full, hits)
	refused, weighed := e.refuse(pq, terms, s, support, h, everywhere, excepted)
	if refused && weighed != nil && len(retrieved) > len(hits) {
		// The passages read do not answer: the others retrieved may (a
		// rule ranked fifth, 严禁替他人打卡, under a table's rows sharing
		// the question's 早上). Their best sentence answers if it is in
		// one of them and would not be refused.
		n := min(len(retrieved), 8)
		if more, mfull := rankSentences(retrieved[:n], ev, pq, terms); mfull > 0 {
			if b := topSentence(more); b >= 0 && more[b].hit >= len(hits) {
				s2, h2, sup2, exc2, exd2 := weigh(more, b, mfull, retrieved[:n])
				// (A table's row answers only when the question names its
				// key: 去拉萨 … 城市：拉萨, not 竞业限制补偿 … 城市：厦门's
				// 500, which a column's words alone brought.)
				if r2, w2 := e.refuse(pq, terms, s2, sup2, h2, everywhere, exd2); !r2 && (!isTableLine(strings.TrimSpace(string(s2.orig))) || keyNamed(pq.folded, string(s2.orig)) && !(yn && dataRow(pq, s2))) {
					sents, full, hits, best = more, mfull, retrieved[:n], b
					s, h, support, exc, excepted, refused, weighed = s2, h2, sup2, exc2, exd2, r2, w2
				}
			}
		}
	}
	if !rowOnly && (refused && weighed != nil || !refused && !isFAQQuestion(s.orig)) {
		// An FAQ among the passages asks what the question asks in other
		// words (有乘客在车上摔了一跤 我该干啥 … 问：乘客在车上摔倒了怎么办？):
		// its 答 answers a question refused on its own words, or one a
		// sentence that is no FAQ's answered, if the two are alike enough.
		need := faqSure
		if refused {
			need = faqLike
		}
		if hi, qs, qe, like := faqMatch(pq.folded, pq.aliases, retrieved[:min(len(retrieved), 8)]); like >= need {
			if ans, start, end, ok := faqAnswer([]rune(retrieved[hi].Text), qs, qe); ok {
				a.Refusal = weighed
				if refused {
					a.Refusal = &Refusal{Signals: weighed.Signals}
				}
				return answered(a, ans, retrieved[hi], start, end)
			}
		}
	}
	a.Refusal = weighed
	if rowOnly && !e.cfg.Unrefused || refused && (weighed == nil || !e.cfg.Unrefused) {
		return a // (a refusal no signals weighed stands: a code no passage says)
	}
	// Asked what happens when a thing is not done (没定分配比例怎么办), and
	// the best sentence gives the rule for doing it: the sentence right
	// after it that gives the rule for its not being done (逾期未确定的，…)
	// answers (the rule's evidence decided the refusal).
	if notDoneQRe.MatchString(string(pq.folded)) && best+1 < len(sents) && sents[best+1].hit == s.hit && notDoneRe.MatchString(string(sents[best+1].folded)) && !notDoneRe.MatchString(s.text()) {
		s = sents[best+1]
	}
	// A question asked as an FAQ asks it (问：… 答：…): the answer is
	// what follows 答, not words of the question.
	if ans, start, end, ok := faqAnswer([]rune(h.Text), s.start, s.start+len(s.orig)); ok {
		return answered(a, ans, h, start, end)
	}
	// A table's row: the cell of the column the question names.
	if isTableLine(strings.TrimSpace(string(s.orig))) {
		header, _ := rowHeader(h, len(string([]rune(h.Text)[:s.start])))
		if ext := extreme(pq); ext != 0 && len(pq.quantities) == 0 && !namesRow(string(pq.folded), s.text()) {
			// 内存最少要多少: of a table of tiers, the row whose cell in
			// that column is least (most, for 最多) — the question names
			// no row. (eval/enterprise 0.7539 → 0.7562.)
			if i, ok := extremeRow(pq, sents, s.hit, header, ext, h); ok {
				s = sents[i]
			}
		}
		if v, ok := tableCell(pq, strings.TrimSpace(string(s.orig)), header, tableOfSums(h)); ok {
			switch {
			case yn && yesNoCell(v):
				// 标准版能接AD域账号吗 … | 不支持 |: yes or no by the cell.
				return answered(a, polarity(e.seg, qn, pq.quantities, verb, v)+"。"+v, h, s.start, s.start+len(s.orig))
			case yn && paysAsked(qn) != "" && (freeCell(v) || sumCellRe.MatchString(v)):
				// 挂失卡收费吗 … | 免收 |: whether one pays, by the cell
				// in the column asked — free, or a sum.
				pol := paysAsked(qn)
				if freeCell(v) {
					pol = negation(pol)
				}
				return answered(a, pol+"。"+v, h, s.start, s.start+len(s.orig))
			case yn && (negativeCell(v) || closedCell(qn, v)):
				// 礼拜天有看诊吗 … 周日门诊：不开诊: no, by a short cell
				// that says it.
				return answered(a, negation(verb)+"。"+v, h, s.start, s.start+len(s.orig))
			case !yn:
				return answered(a, v, h, s.start, s.start+len(s.orig))
			}
		}
	}
	// A yes-or-no question (…吗？, 能不能, 是否): yes or no first, in the
	// question's own verb, then the sentence that says so.
	if yn {
		sent := strings.TrimSpace(string(s.orig))
		for _, m := range []string{"答：", "答:", "A：", "A:"} {
			if rest, ok := strings.CutPrefix(sent, m); ok && strings.TrimSpace(rest) != "" {
				sent = strings.TrimSpace(rest) // (an FAQ's answer line: 不能。上班时间不得…, not 不能。答：…)
				break
			}
		}
		// An item of a list says yes or no by its lead-in too (下列费用一律
		// 不予报销： … 酒店迷你吧、收费电视及房间内饮用的酒水饮料；).
		// (A rule with its own exception, …，但…的除外, says yes or no by
		// the rule: the exception turns it below when the case is its.)
		// (Not for a question asking whether it is not allowed, 也不行吗:
		// its yes and no are the rule's own.)
		rule, exception, own := ownException(s.text())
		own = own && !negatedLeaveRe.MatchString(string(pq.folded))
		said := sent
		if own {
			said = string(s.orig[:utf8.RuneCountInString(rule)])
		}
		pol := polarity(e.seg, qn, pq.quantities, verb, string(s.lead)+said)
		if exempts && verb == "有" {
			pol = verb // 有没有例外 … 可以不受签约额的限制: there is one
		}
		turn := func() {
			if pol == verb {
				pol = negation(verb)
			} else {
				pol = verb
			}
		}
		// The rule goes on with its exception (不得代办；但…可由其配偶代办):
		// the answer says the two whole, turned when the question's case
		// is the exception's (请了年假 … 但休年休假…的除外).
		whole := exc >= 0 && sents[exc].start >= s.start+len(s.orig)
		excepted := whole && exceptsAsked(terms, sents[exc].folded, s.folded)
		if exception, start, end, ok := leadException(h, s, terms); ok && !excepted {
			// The question's case is the exception the list's lead-in
			// makes (台风天迟到一个多小时也算旷工吗 … 员工迟到的，按下列
			// 标准处理，但因台风…导致迟到，并经部门负责人确认的除外：
			// … （3）迟到1小时以上的，按旷工半天处理): the item's answer
			// turned, and the exception.
			turn()
			rule := strings.TrimRight(sent, "。；;.")
			return answered(a, pol+"。"+rule+"；"+exception+"。", h, start, end)
		}
		if !whole {
			// The sentence's own exception (严禁在非站点开门上下客，但夜班
			// 线路…招手停的…除外), the case the question tells (夜班线有人
			// 招手) in words the rule does not say, or in a quantity it
			// meets (一百块钱的小东西 … 但单笔1,000元以下的零星采购除外).
			if own && ownCaseTold(terms, pq, exception, rule) {
				turn()
			}
		}
		if whole {
			if excepted {
				turn()
			}
			x := sents[exc]
			return answered(a, pol+"。"+sent+strings.TrimSpace(string(x.orig)), h, s.start, x.start+len(x.orig))
		}
		return answered(a, pol+"。"+sent, h, s.start, s.start+len(s.orig))
	}
	// extract works on folded runes, which align one for one with the
	// original: the same range of the original is the answer.
	if asksTwice(qn) {
		// 是什么意思，出自哪里: two things asked in two clauses; the
		// sentence that says them, whole, not a span answering one.
		return answered(a, strings.TrimSpace(string(s.orig)), h, s.start, s.start+len(s.orig))
	}
	if pq.kind == kindPerson && len(s.lead) > 0 && !roleRe.MatchString(s.text()) && roleRe.MatchString(string(s.lead)) {
		// Asked who of an item of a list (冲正要谁授权 … （三）冲正交易；),
		// and its lead-in names who (下列业务须运营主管现场授权：): the
		// lead-in's who, the item cited.
		lead := []rune(strings.TrimSpace(string(s.lead)))
		if sp, ok := soleRole(lead, pq.folded); ok {
			from := s.start // (the lead-in cited with the item when the chunk holds it)
			text := string(zh.Fold(h.Text))
			if i := strings.Index(text, string(lead)); i >= 0 && utf8.RuneCountInString(text[:i]) < s.start {
				from = utf8.RuneCountInString(text[:i])
			}
			return answered(a, string(lead[sp.s:sp.e]), h, from, s.start+len(s.orig))
		}
	}
	if c, ok := leadConsequence(pq, s); ok {
		// 家长表扬了四次有什么奖励 … 有下列情形之一的，予以通报表扬并奖励300
		// 元：…；当学期收到家长书面表扬3次以上的: the item is only the case;
		// what follows it is said once, in the lead-in (as written there,
		// when the passage holds it: folding aligns rune for rune).
		if w, _, ok := asWritten(h.Text, c); ok {
			c = w
		}
		return answered(a, c, h, s.start, s.start+len(s.orig))
	}
	sp := extract(e.seg, pq, s.folded)
	ws, we, ok := metSegment(s.folded, pq.quantities)
	if ok && !holdsIdentifier(pq, s.folded[sp.s:sp.e]) {
		// A rule of several clauses, each with its condition (不满60%的为
		// 第一档，60%（含）至100%的为第二档 …): the answer is the one whose
		// condition the question's quantity meets.
		in := extract(e.seg, pq, s.folded[ws:we])
		if in.e > in.s {
			sp = span{ws + in.s, ws + in.e}
		}
	}
	if met, any := conditionsMet(s.conditionText(), pq.quantities); !ok && met && any {
		ws, we, ok = 0, len(s.folded), true // the sentence one clause whose condition is met
	}
	switch {
	case !ok:
	case asksWhich(string(pq.folded)):
		// 准确率九十九 是有奖还是扣钱 … 准确率98%以上、不满99.5%的，不奖不罚:
		// which of the two, in the clause whose condition is met, is what
		// it says after its condition.
		if what, found := afterCondition(s.folded, span{ws, we}); found {
			sp = what
		}
	case pq.kind == kindPerson:
		// 谁能批 … 销售经理可以赠送不超过5人天，区域销售总监不超过15人天:
		// who, in the clause whose condition is met, is what stands before
		// its condition; or, the condition first, who it names after it
		// approves (…以上的，由财务经理审核后，报分管副总经理审批).
		if who, found := beforeCondition(s.folded, span{ws, we}); found {
			sp = who
		} else if who, found := approverAfter(s.folded, span{ws, we}); found {
			sp = who
		}
	case pq.kind == kindNumber && identifierFor(pq) == nil:
		// 迟到了十几分钟扣多少 … 迟到5分钟以上、30分钟以内（含30分钟）的，
		// 每次扣款20元: how many, in the clause whose condition is met, is
		// said after its condition, not its bounds.
		if how, found := afterCondition(s.folded, span{ws, we}); found {
			if in := extract(e.seg, pq, s.folded[how.s:how.e]); in.e > in.s && numeralRe.MatchString(string(s.folded[how.s+in.s:how.s+in.e])) {
				sp = span{how.s + in.s, how.s + in.e}
			}
		}
	case asksClass(pq):
		// 带了一千五百节课 算啥级别 … 累计授课满1200节不满2500节的，为高级
		// 教练: the class, in the clause whose condition is met, is what it
		// names after its condition.
		if what, found := afterCondition(s.folded, span{ws, we}); found {
			for _, v := range []string{"评为", "定为", "属于", "算作", "视为", "为", "算"} {
				if strings.HasPrefix(string(s.folded[what.s:what.e]), v) && what.e-what.s > len([]rune(v))+1 {
					what.s += len([]rune(v))
					break
				}
			}
			sp = what
		}
	case pq.kind == kindReason && !asksCause(pq):
		// 迟到四十分钟怎么算 … 迟到超过30分钟、不超过2小时的，按旷工半天
		// 处理: how, in the clause whose condition is met, is what it says
		// after its condition.
		if how, found := afterCondition(s.folded, span{ws, we}); found {
			sp = how
		}
	}
	if how, found := negatedCase(pq, s.folded); found && pq.kind == kindReason && !asksCause(pq) {
		// 调休不了 加班费咋算 … 休息日加班优先安排调休，不能调休的按200%
		// 支付: the question's case is the clause its negation opens.
		sp = how
	}
	if asksRule(pq) {
		// 有什么限制, 要什么条件: the rule that sets it, whole (单程超过
		// 1,000公里的方可乘坐飞机，但经…批准的紧急出差除外).
		sp = span{0, len(s.orig)}
	}
	if pq.kind == kindNumber && pq.unit == "" && len(pq.right) > 0 && sp.e > sp.s && sp.e < len(s.orig) && unicode.IsDigit(s.orig[sp.e-1]) && s.folded[sp.e] == pq.right[0] && unicode.Is(unicode.Han, pq.right[0]) {
		// 最多能录多少行 … 最多200行明细: the measure the question asks
		// in, said after the number, is the answer's (行 is no measure
		// the units list: 不行, 执行).
		sp.e++
	}
	if pq.kind == kindPerson && sp.e-sp.s == 2 && sp.s >= 1 && strings.ContainsRune(commonSurnames, s.orig[sp.s-1]) && (sp.s == 1 || strings.ContainsRune("为是由：:，,、（( 理长监任管席裁事师", s.orig[sp.s-2])) {
		// 总经理为林卫东 … 卫东: the surname before a given name cut off
		// is the name's.
		sp.s--
	}
	if pq.kind == kindPerson && !surnamed(string(s.orig[sp.s:sp.e])) && (!personName(e.seg, string(s.orig[sp.s:sp.e])) || !e.seg.Counted(string(s.orig[sp.s:sp.e]))) {
		// 服务器宕机了找谁 … 可以直接联系IT主管周航: what was found is no
		// one (主管; 宕机, which the dictionary tags a name but never
		// counted); the role and name the sentence gives is.
		if w, ok := roleAndName(s.orig); ok {
			sp = w
		}
	}
	sp = wholeTitles(s.orig, sp)
	if sp.e-sp.s > 2 && danglingEnd(s.orig[sp.s:sp.e], e.word) {
		sp.e-- // 欧阳修对其文章大为赞赏 → 欧阳修, not 欧阳修对
	}
	ans := string(s.orig[sp.s:sp.e])
	// An answer is never the question's own words (哪里, 怎么办, 能报销吗),
	// nor another word for one of them (工作时间 for 上班时间): then the
	// sentence that holds the evidence is the answer.
	if ans == "" || strings.Contains(string(pq.folded), string(s.folded[sp.s:sp.e])) || aliasOfQuestion(ev, string(s.folded[sp.s:sp.e])) || onlyStops(ans) || brokenSpan(ans, e.word) ||
		pq.kind == kindReason && e.seg != nil && echoes(e.seg, pq.folded, s.folded[sp.s:sp.e]) { // (金卡咋办 … 可办理金卡)
		ans = strings.TrimSpace(string(s.orig))
	}
	if pq.kind == kindNumber && identifierFor(pq) == nil && !numeralRe.MatchString(ans) {
		// Asked how many, and the answer holds no number at all (…由导入
		// 的许可证决定): the passages do not say it. (eval/enterprise
		// 0.7383 → 0.7427; requiring the unit asked as well: 0.7360.)
		return a
	}
	if (pq.implied || pq.unit == "元") && (otherKind(zh.Fold(ans), pq.unit) || isTableLine(strings.TrimSpace(string(s.orig))) && !holdsUnit(zh.Fold(ans), pq.unit)) {
		// Asked for a sum or a share by the noun (押金是多少, 返点是多少) or
		// for money (印一盒名片多少钱), and the answer is a quantity of
		// another kind (30日, 1盒), or a bare
		// number of a row no column of which gave it (答谢会名额：3).
		return a
	}
	return answered(a, ans, h, s.start, s.start+len(s.orig))
}

// exceptionNext reports whether the sentence after sents[i], in its
// passage, opens an exception to it (…不发放全勤奖；但休年休假…的除外).
func exceptionNext(sents []sentence, i int) bool {
	return i+1 < len(sents) && sents[i+1].hit == sents[i].hit && opensException(strings.TrimSpace(string(sents[i+1].orig)))
}

// wholeTitles widens a span cut inside a title to the title's brackets
// (《濒危野生动植物种国际贸易公约 → …公约》), when the sentence closes or
// opens it within 40 characters.
func wholeTitles(s []rune, sp span) span {
	in := string(s[sp.s:sp.e]) // (byte offsets: only their order counts)
	if o, c := strings.LastIndex(in, "《"), strings.LastIndex(in, "》"); o >= 0 && o > c {
		for i := sp.e; i < len(s) && i < sp.e+40; i++ {
			if s[i] == '》' {
				sp.e = i + 1
				break
			}
		}
	}
	if o, c := strings.Index(in, "《"), strings.Index(in, "》"); c >= 0 && (o < 0 || c < o) {
		for i := sp.s - 1; i >= 0 && i > sp.s-40; i-- {
			if s[i] == '《' {
				sp.s = i
				break
			}
		}
	}
	return sp
}

// word reports whether the segmenter's dictionary holds w.
func (e *Engine) word(w string) bool {
	return e.seg != nil && (e.seg.Counted(w) || e.seg.PartOfSpeech(w) != "")
}

// brokenSpan reports whether a span is cut inside a phrase: it starts on
// a word that joins it to what went before (且…, 或者…), or ends on one
// that leads on to what it governs or joins (…公司向, 12月对) — a
// character no word of two (word) ends in with the one before it (配对,
// 参与), nor a direction's (东西向) or a count's (150对).
func brokenSpan(ans string, word func(string) bool) bool {
	r := []rune(strings.TrimSpace(ans))
	if len(r) < 2 {
		return false
	}
	return strings.ContainsRune("且及或与", r[0]) || danglingEnd(r, word)
}

// danglingEnd reports whether r ends on a coverb or conjunction cut from
// what it governs or joins (see brokenSpan).
func danglingEnd(r []rune, word func(string) bool) bool {
	if len(r) < 2 {
		return false
	}
	last, before := r[len(r)-1], r[len(r)-2]
	if !strings.ContainsRune("把被与和及或从将向对", last) || word != nil && word(string(r[len(r)-2:])) {
		return false
	}
	switch last {
	case '向':
		return !strings.ContainsRune("东西南北横纵双单逆正反方导走意动志去趋风外内", before)
	case '对':
		return !unicode.IsDigit(before) && !strings.ContainsRune(cnNumerals+"第几每成", before)
	}
	return true
}

// negatedCase finds, when q states a case by a verb's negation (调休不了,
// 不能调休, 没调休), the clause of s (folded) that opens with that case
// (不能调休的) and what it says after it: the span of the latter.
func negatedCase(q question, s []rune) (span, bool) {
	m := negatedVerbRe.FindStringSubmatch(string(q.folded))
	if m == nil {
		return span{}, false
	}
	v := m[1] + m[2] + m[3]
	str := string(s)
	var loc []int
	for _, c := range negatedClauseRe.FindAllStringSubmatchIndex(str, -1) {
		if str[c[2]:c[3]] == v {
			loc = c
			break
		}
	}
	if loc == nil {
		return span{}, false
	}
	b := utf8.RuneCountInString(str[:loc[1]])
	e := b
	for e < len(s) && !strings.ContainsRune("。；;", s[e]) {
		e++
	}
	if e-b < 2 {
		return span{}, false
	}
	return span{b, e}, true
}

// negatedVerbRe finds a case a question states by a verb's negation: 调休
// 不了, 不能调休, 没有调休.
var negatedVerbRe = mustScan(`(\p{Han}{2})不了|(?:不能|无法|没法|没办法|没有|没)(\p{Han}{2})|(\p{Han}{2})不成`)

// negatedClauseRe finds a clause a rule opens with a verb's negation (不能
// 调休的): the verb is its group.
var negatedClauseRe = mustScan(`(?:不能|无法|未能|未|没有|没|不)(\p{Han}{2})[^，,。；;]{0,10}?的[，,]?`)

// cellHolds reports whether a table row's cell in the column asked holds
// the unit asked, said in its column's name (| 压铸操作工 | 400 | under 岗
// 位津贴（元/月）: 400元).
func cellHolds(q question, s sentence, h corpora.Hit) bool {
	row := strings.TrimSpace(string(s.orig))
	if q.unit == "" || !isTableLine(row) {
		return false
	}
	header, _ := rowHeader(h, len(string([]rune(h.Text)[:s.start])))
	v, ok := tableCell(q, row, header, tableOfSums(h))
	return ok && holdsUnit(zh.Fold(v), q.unit)
}

// holdsIdentifier reports whether ans (folded) is the identifier q asks
// for (分机8231 of 打哪个分机): the condition the question's quantity meets
// (超过30分钟的) does not move the answer off it.
func holdsIdentifier(q question, ans []rune) bool {
	re := identifierFor(q)
	return re != nil && re.MatchString(string(ans))
}

// spokenWh writes the question words of speech as the written ones (迟到
// 四十分钟咋算 → 怎么算, 啥时候 → 什么时候, 为啥 → 为什么, 多少个钟 → 多少个
// 小时, 哪几个小时 → 几点到几点).
var spokenWh = strings.NewReplacer(append(wherePairs(),
	"咋办", "怎么办", "咋样", "怎么样", "咋整", "怎么办", "咋", "怎么", "啥时候", "什么时候", "啥时", "什么时候",
	"为啥", "为什么", "几时", "什么时候", "多会儿", "什么时候", "干嘛", "干什么", "干啥", "干什么",
	"多少个钟", "多少个小时", "几个钟", "几个小时", "钟头", "小时", // (多少个钟: hours)
	"几点上几点下", "几点上班几点下班", "几点上班几点下", "几点上班几点下班", // (上, 下 said for 上班, 下班)
	"安卓几", "Android几", "安卓系统几", "Android几", // (the version's code: Android 9)
	"几成", "多少比例", // (五成: 50%)
	"几回", "几次", // (放几回鸽子: times; not 回 as a unit, which 多少回款 is not)
	"几趴", "几个点", "幾趴", "几个点", "多少趴", "多少个点", // (Taiwan: 幾趴, percent)
	"哪几个小时", "几点到几点", "哪几个钟头", "几点到几点", "哪个时段", "几点到几点")...) // (which hours of the day: a range of times)

// whereKept follow 在哪 where 哪 is no "where" of its own (在哪里, 在哪个,
// 在哪几, 在哪所学校, 在哪方面; traditional 在哪裡, 在哪個 …).
var whereKept = []string{"里", "儿", "个", "些", "一", "几", "天", "年", "月", "家", "条", "位", "种", "类", "台", "部", "间", "栋", "层", "所", "场", "次",
	"座", "张", "本", "届", "门", "项", "份", "段", "支", "只", "片", "方面",
	"裡", "兒", "個", "幾", "條", "種", "類", "臺", "間", "層", "場", "張", "屆", "門", "項", "隻", "棟", "筆", "區"}

// wherePairs are spokenWh's first pairs: 在哪 asks where as 在哪里 does
// (人事在哪办公), kept as it is before whereKept.
func wherePairs() []string {
	var out []string
	for _, k := range whereKept {
		out = append(out, "在哪"+k, "在哪"+k)
	}
	return append(out, "在哪", "在哪里")
}

// lastRune is the last character of s ("" for none).
func lastRune(s string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	if size == 0 {
		return ""
	}
	return string(r)
}

// countUnits are the measure words of a count, which a table's cell says
// as a bare number.
const countUnits = "个次人名份条项件台家位套本张"

// exceptsAsked reports whether an exception names what the question says
// of its case: one of its telling words (年假, or a word it may be written
// as: 年休假), not only the rule's own (全勤奖).
func exceptsAsked(terms []keyTerm, exc, rule []rune) bool {
	text, ruled := string(exc), string(rule)
	for _, t := range terms {
		// (a word the rule says as well, 代办 of 不得代办；但…可由其配偶代办,
		// is the rule's matter, not the exception's case)
		if !t.typ && t.info*t.light >= 9 && utf8.RuneCountInString(t.w) >= 2 && presence(t.w, text) == 1 && !strings.Contains(ruled, t.w) {
			return true
		}
	}
	return false
}

// leadException finds the exception a list's lead-in makes (…，但因台风、
// 暴雨…导致迟到，并经部门负责人确认的除外) when the question names its
// case and the item s does not: its text, and the span of runes to cite
// in h's text (the exception's, or the item's when the lead-in is in an
// earlier chunk, h's Header).
func leadException(h corpora.Hit, s sentence, terms []keyTerm) (exception string, start, end int, ok bool) {
	if s.lead == nil || !exceptionMid.MatchString(string(s.lead)) {
		return "", 0, 0, false
	}
	lead := string(s.lead)
	loc := exceptionMid.FindStringIndex(lead)
	part := strings.TrimSpace(lead[loc[0]+utf8.RuneLen([]rune(lead[loc[0]:])[0]):]) // (after its clause mark)
	cut := false
	for _, end := range []string{"除外", "以外"} {
		if i := strings.Index(part, end); i > 0 {
			part, cut = part[:i+len(end)], true // (not a lead of the item's own said after it)
			break
		}
	}
	if !cut {
		// An exception that turns the rule says so (…的除外): a condition
		// (若因台风…，一律按旷工一天处理) is no exception to turn it by.
		return "", 0, 0, false
	}
	if utf8.RuneCountInString(part) < 4 || !namesCase(terms, part, s.text()) {
		return "", 0, 0, false
	}
	if w, at, ok := asWritten(h.Text, part); ok {
		return w, at, at + utf8.RuneCountInString(part), true
	}
	if w, _, ok := asWritten(h.Header, part); ok {
		return w, s.start, s.start + len(s.orig), true
	}
	return "", 0, 0, false
}

// asWritten finds folded, a folded piece of text, in text: as text writes
// it, and the rune offset where it begins (folding aligns rune for rune).
func asWritten(text, folded string) (written string, at int, ok bool) {
	all := string(zh.Fold(text))
	i := strings.Index(all, folded)
	if i < 0 {
		return "", 0, false
	}
	at = utf8.RuneCountInString(all[:i])
	return string([]rune(text)[at : at+utf8.RuneCountInString(folded)]), at, true
}

// negatedLeaveRe finds a yes-or-no question asking whether a thing is not
// allowed (也不行吗, 不能…吗, 不让…吗). (Not 也不用…吗: 也不用钱吗 of a
// free ride's exception is answered turned, 不是, as it should; 也不用打卡
// 吗 of the manager's exception wrongly so.)
var negatedLeaveRe = mustScan(`(?:不|没)(?:行|能|可以|让|准|许)[^,，。 ]{0,8}[吗么嘛][?？]?$`)

// leadConsequence is what a list's lead-in says follows its cases (有下列
// 情形之一的，予以通报表扬并奖励300元), when the question asks what follows
// (会怎么样, 有什么奖励, 怎么处理) and s, an item of the list, says only a
// case (…3次以上的；).
func leadConsequence(pq question, s sentence) (string, bool) {
	if !(consequenceAskedRe.MatchString(string(pq.folded)) || followsAskedRe.MatchString(string(pq.folded))) {
		return "", false
	}
	item, lead := strings.TrimRight(strings.TrimSpace(s.text()), "。；;.,，"), string(s.lead)
	if k := strings.Index(item, ":"); k > 0 {
		// (the list's first item, said with its lead-in: 有下列情形之一
		// 的，予以辞退：连续旷工3天以上的；)
		lead, item = item[:k], item[k+1:]
	}
	if lead == "" || !strings.HasSuffix(item, "的") {
		return "", false
	}
	i := strings.LastIndex(lead, "的,")
	if i < 0 {
		return "", false
	}
	c := strings.TrimSpace(lead[i+len("的,"):])
	if j := strings.Index(c, " "); j > 0 {
		c = c[:j] // (a lead-in joined to the next: listLead + lead)
	}
	if utf8.RuneCountInString(c) < 2 {
		return "", false
	}
	return c, true
}

// followsAskedRe finds a question asking what a case brings: a reward, a
// sanction, how it is dealt with.
var followsAskedRe = mustScan(`(?:什么|啥|哪些)(?:奖励|奖|处罚|处分|惩罚|后果|处理)|(?:怎么|如何|怎样)(?:处理|处罚|处分|奖励)|(?:奖|罚|扣)多少`)

// ownException cuts a sentence (folded) that ends a rule with its own
// exception (…，但…的除外) into the rule and the exception.
func ownException(s string) (rule, exception string, ok bool) {
	end := strings.LastIndex(s, "除外")
	if end < 0 {
		return "", "", false
	}
	cuts := partCutRe.FindAllStringIndex(s[:end], -1)
	if len(cuts) == 0 || cuts[len(cuts)-1][0] == 0 {
		return "", "", false
	}
	at := cuts[len(cuts)-1][0]
	return s[:at], s[at:end], true
}

// ownCaseTold reports whether the question tells the case of a rule's own
// exception: a telling word of the exception, whole, that the rule does
// not say and the question does not deny (不是夜班线路, 试用期已经过了),
// or a quantity only the exception's condition meets — and no quantity
// the exception's condition fails (五百块的节日礼品 … 价值200元以下的除外).
func ownCaseTold(terms []keyTerm, pq question, exception, rule string) bool {
	q := string(pq.folded)
	if met, any := conditionsMet(exception, pq.quantities); any && !met {
		return false
	}
	// (The one who approves, 经总经理批准的除外, is no case: 总经理的亲戚
	// 能进仓库吗 does not tell it.)
	exception = approvalRe.ReplaceAllString(exception, "")
	if meetsOnly(pq.quantities, exception, rule) {
		return true
	}
	for _, t := range terms {
		if t.typ || t.info*t.light < 9 || utf8.RuneCountInString(t.w) < 2 || !strings.Contains(exception, t.w) || strings.Contains(rule, t.w) {
			continue
		}
		i := strings.Index(q, t.w)
		if i < 0 {
			continue
		}
		near := q[:i] // the clause's words before it
		if k := strings.LastIndexAny(near, " ,，;；"); k >= 0 {
			near = near[k+1:]
		}
		if strings.Contains(near, "不是") || strings.Contains(near, "非") || strings.Contains(near, "并非") || hasAnySuffix(near, "不", "没", "没有") || hasAnyPrefix(q[i+len(t.w):], "已经过", "过了", "结束", "满了", "已满") {
			continue // 不是夜班线路, 试用期已经过了: the case denied
		}
		return true
	}
	return false
}

// approvalRe finds an approval a case is made by (经总经理批准, 经店长同意).
var approvalRe = mustScan(`经[^,，。；]{1,12}(?:批准|同意|确认|审批|许可)`)

// meetsOnly reports whether the question's quantities meet a condition of
// the exception and none of the rule's.
func meetsOnly(qs []quantity, exception, rule string) bool {
	if len(qs) == 0 {
		return false
	}
	met, any := conditionsMet(exception, qs)
	if !met || !any {
		return false
	}
	_, ruleAny := conditionsMet(rule, qs)
	return !ruleAny
}

// namesCase reports whether a telling word of the question (台风天) is
// said, in part at least, in an exception (但因台风、暴雨…的除外) and not in
// the rule it turns.
func namesCase(terms []keyTerm, exception, rule string) bool {
	for _, t := range terms {
		if !t.typ && t.info*t.light >= 9 && utf8.RuneCountInString(t.w) >= 2 && bigramShare(t.w, exception) >= 0.5 && bigramShare(t.w, rule) == 0 {
			return true
		}
	}
	return false
}

// otherKind reports whether every number of ans (folded) is said in a
// unit, and none in one of the kind asked (unit) or, asked for money, in
// a share (维保费 … 许可证价格的18%): 30日 for 押金是多少. A bare number
// (80万) may be either.
func otherKind(ans []rune, unit string) bool {
	str := string(ans)
	said, unit := saysFrequency(unit, str)
	if said {
		return false
	}
	toRune := runeOffsets(str)
	any := false
	for _, m := range numRe.FindAllStringIndex(str, -1) {
		e := toRune[m[1]]
		if e == toRune[m[0]] {
			continue
		}
		u := measureAfter(ahead(ans, e))
		if u == "" && unit == unitDuration && strings.ContainsAny(str[m[0]:m[1]], ":：") {
			// 8:00 asked 多长时间: a time of day, no length of time.
			any = true
			continue
		}
		if u == "" || sameUnitKind(unit, u) || unit == unitMoney && sameUnitKind(unitShare, u) {
			return false
		}
		any = true
	}
	return any
}

// beforeCondition is who the clause seg of s names before the condition it
// sets (区域销售总监 of 区域销售总监不超过15人天): the words there, less a
// verb after them (可以赠送), when they end in a role (经理, 总监,
// 负责人 …).
func beforeCondition(s []rune, seg span) (span, bool) {
	text := string(s[seg.s:seg.e])
	loc := condRe.FindStringIndex(text)
	if loc == nil {
		return span{}, false
	}
	sp := clean(s, span{seg.s, seg.s + len([]rune(text[:loc[0]]))})
	for trimmed := true; trimmed; {
		trimmed = false
		for _, w := range roleVerbs {
			if t := string(s[sp.s:sp.e]); strings.HasSuffix(t, w) && len([]rune(t)) > len([]rune(w)) {
				sp.e -= len([]rune(w))
				trimmed = true
			}
		}
	}
	who := string(s[sp.s:sp.e])
	if n := sp.e - sp.s; n < 2 || n > 12 || !hasAnySuffix(who, roles...) {
		return span{}, false
	}
	return sp, true
}

// approverAfter is who approves in the clause seg of s whose condition
// came first (50,000元（含）以上…的，由财务经理审核后，报分管副总经理审批):
// the last one named, who decides.
func approverAfter(s []rune, seg span) (span, bool) {
	text := string(s[seg.s:seg.e])
	loc := condRe.FindStringIndex(text)
	if loc == nil {
		return span{}, false
	}
	ms := approverRe.FindAllStringSubmatchIndex(text[loc[1]:], -1)
	if len(ms) == 0 {
		return span{}, false
	}
	m := ms[len(ms)-1]
	b := seg.s + len([]rune(text[:loc[1]+m[2]]))
	e := seg.s + len([]rune(text[:loc[1]+m[3]]))
	return span{b, e}, e-b >= 2
}

// asksWhich reports whether q asks which of two (是有奖还是扣钱), not
// 还是 as "still" (迟到四十分钟还是扣多少钱: a question word after it).
func asksWhich(q string) bool {
	i := strings.Index(q, "还是")
	if i < 0 {
		return false
	}
	rest := strings.TrimRight(q[i+len("还是"):], trailing)
	return rest != "" && !hasWh(rest)
}

// asksClass reports whether q asks which class a case is in (算啥级别,
// 属于哪一档, 评什么等级, 算什么).
func asksClass(q question) bool {
	switch q.wh {
	case "什么", "啥", "哪个", "哪一", "哪", "哪一个":
	default:
		return false
	}
	if hasAnyPrefix(string(q.right), "级别", "等级", "档", "档次", "级", "类别", "层级", "职级", "星级") {
		return true
	}
	return hasAnySuffix(string(q.left), "算", "属于", "评为", "定为", "评", "算作")
}

// afterCondition is what the clause seg of s says after its condition,
// from the 的， that closes it to the clause's end: 按旷工半天处理 of 迟到超
// 过30分钟、不超过2小时的，按旷工半天处理.
func afterCondition(s []rune, seg span) (span, bool) {
	text := string(s[seg.s:seg.e])
	loc := condRe.FindStringIndex(text)
	if loc == nil {
		return span{}, false
	}
	i := strings.Index(text[loc[1]:], "的，")
	if i < 0 {
		i = strings.Index(text[loc[1]:], "的,")
	}
	if i < 0 {
		return span{}, false
	}
	b := seg.s + len([]rune(text[:loc[1]+i])) + 2
	sp := clean(s, span{b, seg.e})
	return sp, sp.e-sp.s >= 2
}

// roleVerbs are what a rule says a role may do, between the role and the
// limit (销售经理可以赠送不超过5人天).
var roleVerbs = []string{"可以", "可", "有权", "赠送", "批准", "审批", "审核", "签批"}

// roles end the names of who approves: 经理, 总监, 负责人, 副总裁 ….
var roles = []string{"经理", "总监", "总裁", "总经理", "负责人", "主管", "上级", "领导", "董事长", "董事会", "委员会", "部", "组", "处", "科", "中心", "办公室", "财务", "人事"}

// functionChars are the characters of stopChars that only join words (的,
// 了, 是), never a word of their own that answers (上, 中, 一 do).
const functionChars = "的了是在和与及或也都而且被把由于为对从以就之其这那吗呢吧啊呀么"

// aliasText is the words a document may write for a question's own, its
// aliases' others, space-separated ("" for none).
func aliasText(aliases []zh.Alias) string {
	var ws []string
	for _, a := range aliases {
		ws = append(ws, a.Others...)
	}
	return strings.Join(ws, " ")
}

// distinct drops the hits that say what a better-ranked hit says, word
// for word but for spaces and punctuation: the same handbook ingested as
// DOCX and as ODT fills the passages read with one passage twice.
func distinct(hits []corpora.Hit) []corpora.Hit {
	seen := make(map[uint64]bool, len(hits))
	out := hits[:0:0]
	for _, h := range hits {
		k := textKey(h.Text)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, h)
	}
	return out
}

// textKey is the FNV-1a hash of text's bytes but for its spaces and
// punctuation (Han characters and ASCII decided without unicode's
// tables: they are most of what passages hold).
func textKey(text string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	k := uint64(offset)
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		keep := false
		switch {
		case r < utf8.RuneSelf:
			keep = !asciiSkipped[r]
		default:
			r, size = utf8.DecodeRuneInString(text[i:])
			keep = r >= 0x4E00 && r <= 0x9FFF || !unicode.IsSpace(r) && !unicode.IsPunct(r)
		}
		if keep {
			for _, b := range []byte(text[i : i+size]) {
				k ^= uint64(b)
				k *= prime
			}
		}
		i += size
	}
	return k
}

// asciiSkipped are the ASCII characters textKey passes over.
var asciiSkipped = func() (t [utf8.RuneSelf]bool) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = unicode.IsSpace(r) || unicode.IsPunct(r)
	}
	return t
}()

// skipSpace is the index of the first character of text from i on that is
// not white space.
func skipSpace(text []rune, i int) int {
	for i < len(text) && unicode.IsSpace(text[i]) {
		i++
	}
	return i
}

// notDoneQRe finds a question about a thing not done — 没定, 没交, 未提交,
// 忘了交 — and what then (怎么办, 怎么处理, 会怎样).
var notDoneQRe = mustScan(`(?:没有?|未|忘了?)\p{Han}{1,6}.*(?:怎么办|怎么处理|会怎样|会怎么样|怎么算)`)

// notDoneRe opens a rule for a thing not done: 逾期未确定的, 未按时提交的.
var notDoneRe = mustScan(`^[\s（(]*(?:逾期|未|没有|超过期限)\p{Han}{0,8}的`)

// onlyStops reports whether ans is nothing but function characters (的,
// 了, 是), which answer nothing: a span cut wrong. (All of stopChars, 上 and
// 中 among them: CMRC dev EM 40.39 → 40.32.)
func onlyStops(ans string) bool {
	for _, r := range ans {
		if !strings.ContainsRune(functionChars, r) && !unicode.IsPunct(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// aliasOfQuestion reports whether span (folded) is another word for one of
// the question's own (ev's aliases).
func aliasOfQuestion(ev evidence, span string) bool {
	for _, a := range ev.aliases {
		if slices.Contains(a.Others, span) {
			return true
		}
	}
	return false
}

// metSegment finds, in a sentence of several clauses that set conditions
// on the question's quantities, the first clause whose conditions they
// meet, with the clause after it when that sets none (满5年不满10年的，探
// 亲假7天): its rune range. ok only when another clause's conditions are
// not met.
func metSegment(s []rune, qs []quantity) (int, int, bool) {
	if len(qs) == 0 {
		return 0, 0, false
	}
	marks := "；;"
	if !strings.ContainsAny(string(s), marks) {
		marks = "，,；;：:"
	}
	var segs []span
	b := 0
	for i, r := range s {
		if strings.ContainsRune(marks, r) && !(r == ',' && i > 0 && i+1 < len(s) && unicode.IsDigit(s[i-1]) && unicode.IsDigit(s[i+1])) {
			// (not the comma that sets a number's thousands apart: 50,000元)
			segs = append(segs, span{b, i})
			b = i + 1
		}
	}
	segs = append(segs, span{b, len(s)})
	found, unmet, nearest, metN, metAll := -1, false, math.Inf(1), 0, 0
	explicit := -1 // a clause met that says it includes the quantity (2000元以上（含2000元）)
	for i, g := range segs {
		met, any := conditionsMet(string(s[g.s:g.e]), qs)
		switch {
		case any && met:
			metAll++
			if tierBound(string(s[g.s:g.e])) {
				metN++
			}
			// Of the clauses met (累计满5,000元为银卡会员，满20,000元为金卡
			// 会员 for 三万块), the one whose bound is nearest the quantity.
			if d := boundDistance(string(s[g.s:g.e]), qs); found < 0 || d < nearest {
				found, nearest = i, d
			}
			if explicit < 0 && includesBound(string(s[g.s:g.e]), qs) {
				explicit = i
			}
		case any && !met:
			unmet = true
		}
	}
	if found < 0 || !unmet && (metN < 2 || metN < metAll) {
		// (Every clause met, of tiers each met — 储值满500元赠送50元，满1000
		// 元赠送150元 for 一千 — the nearest bound's tells them apart; not a
		// condition and a limit, 满2年的可申请借款，期限不超过5年.)
		return 0, 0, false
	}
	if explicit >= 0 && metAll > 1 {
		// (2000元以下 … ；2000元以上（含2000元）…: for 刚好2000元, the one
		// saying 含 is met, the other's bound excludes it)
		found = explicit
	}
	g := segs[found]
	if found+1 < len(segs) {
		if _, any := conditionsMet(string(s[segs[found+1].s:segs[found+1].e]), qs); !any {
			g.e = segs[found+1].e
		}
	}
	return g.s, g.e, true
}

// includesBound reports whether a clause says it includes a quantity of
// qs as its bound: 含 with the number (（含2000元）, 含2000), or 含 right
// after it (2000元（含）以上).
func includesBound(clause string, qs []quantity) bool {
	if !strings.Contains(clause, "含") {
		return false
	}
	for _, q := range qs {
		d := strconv.FormatFloat(q.n, 'f', -1, 64)
		for _, form := range []string{"含" + d, d + "元（含）", d + "（含）", d + "(含)"} {
			if strings.Contains(clause, form) {
				return true
			}
		}
	}
	return false
}

// tierBound reports whether every condition a clause sets (condRe, as
// conditionsMet reads them) is a tier's lower bound (满500元, 1000元及以
// 上, 超过20万): a tier a quantity past it meets, as the tiers above it may
// be met too. A range or an upper bound (满2年…期限不超过5年) is none.
func tierBound(clause string) bool {
	if rangeRe.MatchString(clause) {
		return false
	}
	n := 0
	for _, m := range condRe.FindAllStringSubmatch(condGapRe.ReplaceAllString(clause, "${1}${3}"), -1) {
		pre, post := m[1], m[6]
		switch {
		case pre == "" && post == "":
			continue // a bare number: no condition
		case !lowerBound(pre, post):
			return false
		}
		n++
	}
	return n > 0
}

// boundDistance is how far the nearest number text states in the
// question's quantities' units is from them (relatively).
func boundDistance(text string, qs []quantity) float64 {
	best := math.Inf(1)
	for _, m := range qtyRe.FindAllStringSubmatch(text, -1) {
		n, ok := toQuantity(m[1], m[2], m[3])
		if !ok {
			continue
		}
		for _, q := range qs {
			if q.unit == n.unit && q.n != 0 {
				best = math.Min(best, math.Abs(q.n-n.n)/math.Abs(q.n))
			}
		}
	}
	return best
}

// extremeRow is the row of hit's table (rows under the same header) whose
// cell in the question's column holds the least number (ext < 0) or the
// most; ok when such rows and numbers are found.
func extremeRow(q question, sents []sentence, hit int, header string, ext int, h corpora.Hit) (int, bool) {
	best, bestN := -1, 0.0
	for i, s := range sents {
		row := strings.TrimSpace(string(s.orig))
		if s.hit != hit || !isTableLine(row) {
			continue
		}
		// Rows of tiers (100人及以下, 101～500人 …), whose values grow
		// with the tier: not a list of unlike things (parameters).
		if !tierRe.MatchString(cellsOf(row)[0]) {
			continue
		}
		if hd, own := rowHeader(h, len(string([]rune(h.Text)[:s.start]))); own || hd != header {
			continue
		}
		v, ok := tableCell(q, row, header, tableOfSums(h))
		if !ok {
			continue
		}
		m := numberRe.FindString(v)
		if m == "" {
			continue
		}
		n, err := strconv.ParseFloat(m, 64)
		if err != nil {
			continue
		}
		if best < 0 || ext < 0 && n < bestN || ext > 0 && n > bestN {
			best, bestN = i, n
		}
	}
	return best, best >= 0
}

// namesRow reports whether the question says one of the row's cells (of
// two characters or more) or a part of its first cell: it asks of that row.
// keyNamed reports whether q (folded) names a table's row: two characters
// or more of its key, its first cell or a record's first value (城市：拉萨
// for 去拉萨出差), or three of another cell.
func keyNamed(q []rune, row string) bool {
	cells := cellsOf(row)
	if row = strings.TrimSpace(row); isRecord(row) {
		_, cells = recordFields(row)
	}
	for i, c := range cells {
		// (or three of another cell's: | default_quota | 50 GB | … | 新用户
		// 个人空间的默认配额 | for 默认给多大的个人空间)
		if n := longestCommon(zh.Fold(strings.TrimSpace(c)), q); n >= 3 || i == 0 && n >= 2 {
			return true
		}
	}
	return false
}

func namesRow(q, row string) bool {
	for i, c := range cellsOf(row) {
		c = strings.TrimSpace(c)
		if utf8.RuneCountInString(c) >= 2 && strings.Contains(q, c) || i == 0 && longestCommon([]rune(c), []rune(q)) >= 2 {
			return true
		}
	}
	return false
}

// tierRe finds a tier's bounds in a row's key: 100人及以下, 101～500人,
// 超过20万元.
var tierRe = mustScan(`[0-9].*(?:以上|以下|以内|及以上|及以下)|(?:不满|未满|超过|不超过|低于|高于)\s*[0-9]|[0-9]\s*(?:～|~|-|—|至|到)\s*[0-9]`)

// numberRe finds a number in digits.
var numberRe = mustScan(`[0-9]+(?:\.[0-9]+)?`)

// topSentence is the index of the best-scored sentence; -1 for none.
func topSentence(sents []sentence) int {
	best := -1
	for i, s := range sents {
		if best < 0 || s.score > sents[best].score {
			best = i
		}
	}
	return best
}

// clauseBefore reports whether a is the clause of one sentence right
// before b, ending in ；or ; (a rule, and the case after it).
func clauseBefore(a, b sentence) bool {
	end := a.start + len(a.orig)
	if end > b.start {
		return false
	}
	t := strings.TrimSpace(string(a.orig))
	return (strings.HasSuffix(t, "；") || strings.HasSuffix(t, ";")) && b.start-end <= 2
}

// nearHolder is the best of the sentences scored at least near (0.6) of
// the best's that hold what holds looks for; -1 for none.
func nearHolder(sents []sentence, best int, near float64, holds func(sentence) bool) int {
	alt := -1
	if best < 0 {
		return alt
	}
	for i, s := range sents {
		if s.score >= near*sents[best].score && holds(s) && (alt < 0 || s.score > sents[alt].score) {
			alt = i
		}
	}
	return alt
}

// rankSentences cuts the hits into sentences scored by the question's
// evidence (their evidence field keeps it: support is judged on it alone)
// and by what the question's words say, held by the sentence with its
// heading, each word weighted by its information and by how few candidate
// sentences hold it: the sentence saying the matter over one sharing
// characters by chance. Measured with weights 0, 0.3, 1 and 2: CMRC dev F1
// 58.38, 58.75, 58.88, 58.83; the enterprise set 0.6846, 0.6823, 0.6734,
// 0.6779 — 0.3 kept. It returns the full evidence score too.
func rankSentences(hits []corpora.Hit, ev evidence, pq question, terms []keyTerm) ([]sentence, float64) {
	sents, full := sentencesOf(hits, ev, pq)
	for i := range sents {
		sents[i].evidence = sents[i].score
	}
	// How much of each word each sentence holds, once: for the words'
	// document frequencies and for the sentences' scores.
	pres := make([]float64, len(sents)*len(terms))
	df := make([]float64, len(terms))
	forms := make([]wordForms, len(terms))
	for j, t := range terms {
		forms[j] = formsOf(t.w)
	}
	for i := range sents {
		text := string(sents[i].context) + " " + sents[i].text()
		for j, t := range terms {
			if t.typ {
				continue
			}
			if p := forms[j].in(text); p > 0 {
				pres[i*len(terms)+j] = p
				df[j]++
			}
		}
	}
	n := float64(len(sents)) + 1
	for i := range sents {
		total, found := 0.0, 0.0
		for j, t := range terms {
			if t.typ {
				continue
			}
			w := t.info * math.Log(1+n/(df[j]+1))
			total += w
			found += pres[i*len(terms)+j] * w
		}
		if total > 0 {
			sents[i].score *= 1 + 0.3*found/total
		}
	}
	return sents, full
}

// saysNumber reports whether a sentence says a number past its article's
// own (第二十七条): in digits, with a measure word (三天), or a numeral with
// its power (二百, 三千余).
func saysNumber(t string) bool {
	if m := articleRe.FindStringIndex(strings.TrimSpace(t)); m != nil {
		t = strings.TrimSpace(t)[m[1]:]
	}
	return holdsQuantity(t) || cnPowerRe.MatchString(t)
}

// cnPowerRe finds a numeral in characters with its power (二百, 三千, 十五).
var cnPowerRe = mustScan(`[一二两三四五六七八九][十百千万亿]|十[一二三四五六七八九]`)

// yearRe finds a year (1912年).
var yearRe = mustScan(`[0-9]{4}年`)

// numeralRe finds a numeral, in digits or characters.
var numeralRe = mustScan(`[0-9` + cnNumerals + `半]`)

// yesNoCell reports whether a table's cell says yes or no (支持, 不支持,
// 是, 否, 可以, ✓ …) rather than a value.
func yesNoCell(v string) bool {
	switch strings.TrimSpace(v) {
	case "支持", "不支持", "是", "否", "可以", "不可以", "允许", "不允许", "有", "无", "没有", "需要", "不需要", "享受", "不享受",
		"✓", "✔", "√", "×", "✗", "Y", "N", "yes", "no", "Yes", "No":
		return true
	}
	return false
}

// paysAsked is the verb a yes-or-no question asks whether one pays with
// (收费吗 → 收, 要钱吗 → 要, 交钱不 → 交); "" when it does not ask that.
func paysAsked(q string) string { return payVerb(q, payVerbsAsked) }

// payVerbsAsked ask whether one pays (收费吗, 要钱吗); moneyVerbsAsked,
// whether one pays money (吃晚饭要钱吗).
var (
	payVerbsAsked   = []string{"收费", "收钱", "收取", "交钱", "交费", "缴费", "付费", "付钱", "花钱", "掏钱", "要钱", "给钱"}
	moneyVerbsAsked = []string{"要钱", "收钱", "交钱", "付钱", "掏钱", "花钱", "给钱"}
)

// payVerb is the verb of the first of words q says, to say yes or no
// with: 要 when q says 要 before it (还要花钱吗: 不要, not 不花), else
// the word's first character; "" when q says none.
func payVerb(q string, words []string) string {
	for _, w := range words {
		i := strings.Index(q, w)
		if i < 0 {
			continue
		}
		if strings.Contains(q[:i], "要") || w == "要钱" {
			return "要" // 要收费吗: 不要
		}
		return string([]rune(w)[0])
	}
	return ""
}

// sumCellRe finds a cell that is a sum of money (10元/次, ¥20, 5元).
var sumCellRe = mustScan(`^\s*[¥￥]?[0-9][0-9,.]*\s*(?:元|块)?(?:/[^\s|]{1,3})?\s*$`)

// freeCell reports whether a table's cell says free of charge (免收,
// 免费, 不收费, 0元).
func freeCell(v string) bool {
	switch strings.TrimSpace(v) {
	case "免收", "免费", "免", "不收费", "不收", "免收费", "0元", "0", "0.00", "无需付费":
		return true
	}
	return false
}

// negativeCell reports whether a table's cell says no in a few words
// (不开诊, 暂不开放, 无, 停办; not 不限次数 or 无线网络).
func negativeCell(v string) bool {
	v = strings.TrimSpace(v)
	n := utf8.RuneCountInString(v)
	return n >= 1 && n <= 8 && hasAnyPrefix(v, "不", "无", "没", "未", "暂不", "暂停", "停", "禁止") && !strings.ContainsAny(v, "，,；;。") &&
		!hasAnyPrefix(v, "不限", "不超", "不少于", "不低于", "不高于", "不大于", "不小于", "不足", "无限", "无线", "不间断", "无休", "停车") // (不限次数, 无线网络: yes)
}

// limitAsked reports whether q asks whether there is a limit or a
// requirement (有期限吗, 有没有时间限制, 有上限不, 有什么要求吗 …).
func limitAsked(q string) bool {
	return containsAny(q, []string{"期限", "时限", "限制", "上限", "限额", "截止", "有效期", "封顶", "要求", "规定"})
}

// boundSaidRe finds a bound or a requirement a rule sets: within a time
// (30天内, 3个工作日以内), at most (不得超过, 最多, 最长), a deadline, what
// passing it costs (逾期), what one must (须, 必须, 应当, 一律, 只能, 仅限).
var boundSaidRe = mustScan(`[0-9一二两三四五六七八九十百]+ *(?:个)?(?:天|日|工作日|自然日|小时|周|个月|月|年)(?:内|以内|之内)|不得超过|不超过|不能超过|最多|最长|最高|上限|封顶|截止|逾期|必须|须|应当|一律|只能|仅限`)

// closedCell reports whether q asks whether a place is open (开门, 营业,
// 开放, 有人) and the cell, short, says it is closed then (望京店周末开门吗
// … | 周末休息 |; 周一闭馆): no.
func closedCell(q, v string) bool {
	v = strings.TrimSpace(v)
	if n := utf8.RuneCountInString(v); n < 2 || n > 8 || strings.ContainsAny(v, "0123456789，,；;。") {
		return false
	}
	return containsAny(q, []string{"开门", "关门", "营业", "开放", "开馆", "开着", "有人", "上班", "开不开", "开吗", "开不"}) &&
		containsAny(v, []string{"休息", "闭馆", "休馆", "歇业", "停业", "关闭", "不营业", "不开放", "不开门", "打烊", "放假", "休业"})
}

// traditional reports whether s holds a character in its traditional form
// (one that folding changes: 嗎, 檔).
func traditional(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) && zh.FoldRune(r) != r {
			return true
		}
	}
	return false
}

// answered gives a its answer, cited from the passage h, the runes
// start:end of its text.
func answered(a Answer, ans string, h corpora.Hit, start, end int) Answer {
	// A list's bullet or number is the list's, not the answer's.
	ans = strings.TrimSpace(ans)
	for _, b := range []string{"• ", "•", "· ", "- ", "* ", "○ ", "▪ "} {
		if rest, ok := strings.CutPrefix(ans, b); ok && rest != "" {
			ans = strings.TrimSpace(rest)
			break
		}
	}
	a.Answer, a.Found = ans, true
	if ev := strings.TrimSpace(string([]rune(h.Text)[start:end])); ev != strings.TrimSpace(ans) {
		a.Evidence = ev
	}
	page, where := h.PlaceAt(start) // (the sheet's row, the page, the slide the sentence stands on)
	a.Citations = append(a.Citations, Citation{
		N:   len(a.Citations) + 1,
		Doc: h.DocID, Chunk: h.Ordinal, Title: h.Title, Text: string([]rune(h.Text)[start:end]),
		Start: h.Start + start, End: h.Start + end,
		Section: h.SectionAt(start), Page: page, Where: where,
	})
	return a
}

// dropAnswerType drops the words right after a question word that say what
// kind of thing the answer is (哪两个公司, 什么颜色, 多少人): the passage
// holds the answer, not its type.
func dropAnswerType(words []string) []string {
	for i := 0; i < len(words) && i < 2; i++ {
		if !isCount(words[i]) {
			return words[i+1:]
		}
	}
	if len(words) > 2 {
		return words[2:]
	}
	return nil
}

// isCount reports whether w is a numeral with or without its measure word
// (两个, 三位, 一).
func isCount(w string) bool {
	r := []rune(w)
	return len(r) > 0 && len(r) <= 3 && strings.ContainsRune("一二两三四五六七八九十几多", r[0])
}

// faqAnswer reads an FAQ's answer: when the sentence text[qs:qe] is a
// question line (问：…, Q: …), the text after the 答/A mark that follows
// it, up to the next question, a blank line or the chunk's end, at most
// maxFAQ characters cut at a sentence's end. It returns the answer and the
// rune span of the 答 line in text.
func faqAnswer(text []rune, qs, qe int) (string, int, int, bool) {
	if qs < 0 || qe > len(text) || qs >= qe {
		return "", 0, 0, false
	}
	if _, ok := cutMark(text[qs:qe], faqQuestionMarks); !ok {
		return "", 0, 0, false
	}
	// The question line may ask more after the sentence (问：食堂在哪里？几
	// 点开放？): the answer starts on a line of its own after it.
	i := skipSpace(text, qe)
	if _, ok := cutMark(text[i:], faqAnswerMarks); !ok {
		for i = qe; i < len(text) && text[i] != '\n' && i-qe < maxFAQ; i++ {
		}
		i = skipSpace(text, i)
	}
	rest, ok := cutMark(text[i:], faqAnswerMarks)
	if !ok {
		return "", 0, 0, false
	}
	begin := i + (len(text[i:]) - len(rest))
	end := begin
	for end < len(text) && end-begin < maxFAQ {
		if text[end] == '\n' {
			next := end + 1
			for next < len(text) && (text[next] == ' ' || text[next] == '\t') {
				next++
			}
			if next < len(text) && text[next] == '\n' {
				break // a blank line ends it
			}
			if _, q := cutMark(text[next:], faqQuestionMarks); q {
				break // the next question
			}
		}
		end++
	}
	if end-begin >= maxFAQ {
		// Cut at the last sentence end within the limit.
		for k := end - 1; k > begin; k-- {
			if strings.ContainsRune("。！？!?；;", text[k]) {
				end = k + 1
				break
			}
		}
	}
	ans := strings.TrimSpace(string(text[begin:end]))
	if ans == "" {
		return "", 0, 0, false
	}
	return ans, i, end, true
}

const maxFAQ = 300

// faqLike is how alike a question and an FAQ's question line must be
// (faqMatch) for the FAQ's answer to answer it.
var faqLike = 0.6

// faqSure is how alike they must be for the FAQ's answer to answer in
// place of a sentence that is no FAQ's (员工卡掉了怎么办 … 问：员工卡丢失了怎
// 么办？ over 员工凭员工卡在本公司门店购物享受9.5折优惠).
var faqSure = 0.8

// faqFiller are the characters of how a question is put, not of what it
// asks: question words, modal verbs, pronouns (我该干啥, 怎么办, 能…吗).
const faqFiller = "怎么办咋整该干啥做要能可以应如何样请问我你他她它们呢吧啊呀嘛"

// faqMatch finds, among hits, the FAQ question line (问：…) most alike the
// question q (folded): the Dice coefficient of the two's characters of
// content, neither stop characters nor faqFiller. It returns the hit, the
// line's rune span from its mark to its question mark (or its end), and
// the likeness; like is 0 when no hit holds an FAQ.
//
// A word of the FAQ's line that the question says otherwise (丢失 … 掉了:
// zh.Aliases) counts as the question's word.
func faqMatch(q []rune, aliases []zh.Alias, hits []corpora.Hit) (hit, qs, qe int, like float64) {
	chars := func(r []rune) map[rune]bool {
		m := map[rune]bool{}
		for _, c := range r {
			if isContent(c) && !strings.ContainsRune(stopChars+faqFiller, c) {
				m[c] = true
			}
		}
		return m
	}
	asked := chars(q)
	if len(asked) == 0 {
		return 0, 0, 0, 0
	}
	qqs := questionQuantities(string(q))
	for hi, h := range hits {
		for _, l := range faqLinesOf(h) {
			said := l.folded
			for _, a := range aliases {
				for _, o := range a.Others {
					said = strings.ReplaceAll(said, o, a.Word)
				}
			}
			if faqScenario(qqs, said) {
				continue // (a case of its own in figures the question does not state)
			}
			line := chars([]rune(said))
			common := 0
			for c := range asked {
				if line[c] {
					common++
				}
			}
			if d := 2 * float64(common) / float64(len(asked)+len(line)); d > like {
				hit, qs, qe, like = hi, l.start, l.stop, d
			}
		}
	}
	return hit, qs, qe, like
}

// faqLine is an FAQ's question line of a passage (问：…？): where it
// starts and its question ends, in characters, and the question folded.
type faqLine struct {
	start, stop int
	folded      string
}

var faqLineCache passageCache[[]faqLine]

// faqLinesOf is the FAQ question lines of h's text, in order.
func faqLinesOf(h corpora.Hit) []faqLine { return faqLineCache.get(h, makeFAQLines) }

func makeFAQLines(h corpora.Hit) []faqLine {
	var out []faqLine
	text := []rune(h.Text)
	for i := 0; i < len(text); {
		end := i
		for end < len(text) && text[end] != '\n' {
			end++
		}
		if start := skipSpace(text, i); start < end {
			if rest, ok := cutMark(text[start:end], faqQuestionMarks); ok {
				stop := end
				for k := end - len(rest); k < end; k++ {
					if text[k] == '？' || text[k] == '?' {
						stop = k + 1
						break
					}
				}
				out = append(out, faqLine{start, stop, string(zh.Fold(string(text[end-len(rest) : stop])))})
			}
		}
		i = end + 1
	}
	return out
}

var (
	faqQuestionMarks = []string{"问：", "问:", "问题：", "Q：", "Q:", "q：", "q:"}
	faqAnswerMarks   = []string{"答：", "答:", "回答：", "A：", "A:", "a：", "a:"}
)

// cutMark strips leading list or emphasis marks (- * # > and spaces) and
// then one of marks from s, reporting whether a mark was there.
func cutMark(s []rune, marks []string) ([]rune, bool) {
	i := 0
	for i < len(s) && strings.ContainsRune("-*#>•· \t", s[i]) {
		i++
	}
	for _, m := range marks {
		mr := []rune(m)
		if len(s)-i >= len(mr) && string(s[i:i+len(mr)]) == m {
			return s[i+len(mr):], true
		}
	}
	return s, false
}

// yesNoVerbs are the verbs a yes-or-no question asks with, longest first:
// the answer says yes or no in the question's own (可以 / 不可以).
var yesNoVerbs = []string{"可不可以", "能不能", "要不要", "需不需要", "是不是", "有没有", "会不会", "允不允许",
	"可以", "能够", "需要", "允许", "必须", "应该", "享受", "能", "要", "会", "有", "是", "算"}

// yesNo reports whether q asks yes or no — it ends with 吗 (or 么), or
// asks 是否 / X不X — and with which verb. A question with a question word
// (几, 多少, 什么, 谁, 哪 …) asks for a thing, not yes or no.
func yesNo(q string) (string, bool) {
	t := strings.TrimRight(strings.TrimSpace(q), "？?。.！! ")
	// A question ending in 吗 asks yes or no though it holds a question
	// word, which then says "some" (onlyYesNo).
	if !onlyYesNo(t) && hasWh(t) {
		// 国庆前后想请几天年假 行不行: a yes-or-no tag clause of its own
		// after the question's words asks it, the 几 before meaning "a few".
		// (Only a tag asking leave — 行不行, 可以吗, 能不能 — not 知道吗.)
		if i := strings.LastIndexAny(t, " ，,"); i > 0 {
			_, w := utf8.DecodeRuneInString(t[i:])
			if tag := strings.TrimSpace(t[i+w:]); utf8.RuneCountInString(tag) <= 4 && !hasWh(tag) && leaveTagRe.MatchString(tag) {
				if v, ok := yesNo(tag); ok {
					return v, true
				}
			}
		}
		return "", false
	}
	asks := strings.HasSuffix(t, "吗") || strings.HasSuffix(t, "么") || strings.Contains(t, "是否")
	verb := ""
	for _, v := range yesNoVerbs {
		if strings.Contains(t, v) && !insideWord(t, v) {
			verb = v
			break
		}
	}
	if verb == "" && hasAnySuffix(t, "行吗", "行么", "行嘛", "成吗") && !hasAnySuffix(t, "不行吗", "不行么", "不成吗") && !insideWord(t, lastRune(strings.TrimRight(t, "吗么嘛"))) {
		// 借我账号用一下 行吗: 不行, not 不是 (也不行吗 asks whether it is
		// not allowed: 是 or 不是; 还在试行吗, 达成吗 ask with 是)
		verb = "行"
	}
	if r := []rune(verb); len(r) == 3 && r[1] == '不' || verb == "有没有" {
		asks = true // 能不能, 有没有: the verb asks it
		verb = string(r[:1])
		if verb == "可" || verb == "需" || verb == "允" {
			verb = map[string]string{"可": "可以", "需": "需要", "允": "允许"}[verb]
		}
	}
	if !asks {
		// 行不行, 算不算, 报不报: a verb asked with its negation after it.
		r := []rune(t)
		for i := 0; i+2 < len(r); i++ {
			if (r[i+1] == '不' || r[i+1] == '没') && r[i] == r[i+2] && unicode.Is(unicode.Han, r[i]) {
				asks, verb = true, string(r[i])
				break
			}
		}
	}
	if !asks && utf8.RuneCountInString(t) >= 3 && (strings.HasSuffix(t, "不") || strings.HasSuffix(t, "没") || strings.HasSuffix(t, "没有")) && !strings.HasSuffix(t, "不不") {
		asks = true // 算出差不, 能报销不, 有补贴没: the negation ending the question asks it
		if verb == "" && strings.HasSuffix(t, "不") {
			verb = "能" // 罚款公司给报不: whether it may be
		}
	}
	if !asks {
		// 我爬上去拿行吧, 我先收着可以吧: a yes said with 吧 asks for
		// agreement, which the rule may not give.
		if before, ok := strings.CutSuffix(t, "吧"); ok {
			for _, w := range tagWords {
				if strings.HasSuffix(before, w[0]) {
					asks = true
					if verb == "" {
						verb = w[1]
					}
					break
				}
			}
		}
	}
	if !asks {
		// 开车的时候能接个电话不 就说两句: a yes-or-no question ending
		// its clause, an afterthought after it.
		if i := strings.LastIndexAny(t, " ，,；"); i > 0 {
			return yesNo(t[:i])
		}
		return "", false
	}
	if verb == "" {
		verb = "是"
	}
	return verb, true
}

// leaveTagRe finds a tag clause that asks leave (行不行, 可以吗, 能不能, 成吗).
var leaveTagRe = mustScan(`^(?:这样|那样|那)?(?:行不行|行吗|行么|行嘛|行不|可不可以|可以吗|可以么|可以不|能不能|能行吗|能吗|成吗|成不|允不允许|允许吗)$`)

// tagWords end a question that asks yes with 吧 (行吧, 可以吧, 没问题吧),
// each with the verb it asks by.
var tagWords = [][2]string{{"可以", "可以"}, {"行", "行"}, {"没问题", "可以"}, {"没事", "可以"}, {"能", "能"}, {"对", "是"}, {"是", "是"}, {"算", "算"}, {"好", "可以"}}

// insideWord reports whether every use of the one-character verb v in t
// is a character of a longer word (能 of 功能, 要 of 重要, 会 of 会议, 有 of
// 所有): then t does not ask with it.
func insideWord(t, v string) bool {
	words := verbWords[v]
	if len(words) == 0 {
		return false
	}
	for at := 0; ; {
		i := strings.Index(t[at:], v)
		if i < 0 {
			return true
		}
		i += at
		in := false
		for _, w := range words {
			k := strings.Index(w, v)
			if i-k >= 0 && strings.HasPrefix(t[i-k:], w) {
				if b, _ := utf8.DecodeLastRuneInString(t[:i-k]); w == "万能" && strings.ContainsRune(cnNumerals+"0123456789", b) {
					continue // 花了三万能…吗: a sum's 万 and the verb, no 万能
				}
				in = true
				break
			}
		}
		if !in {
			return false
		}
		at = i + len(v)
	}
}

// verbWords are words holding a yes-or-no verb's character without asking
// with it.
var verbWords = map[string][]string{
	"行": {"试行", "运行", "执行", "银行", "旅行", "步行", "进行", "流行", "通行", "发行", "举行", "实行", "推行", "航行", "飞行", "爬行", "同行", "自行", "施行", "先行", "暂行"},
	"成": {"达成", "完成", "造成", "形成", "构成", "促成", "组成", "变成", "赞成", "合成", "养成", "建成", "做成", "办成", "谈成", "生成", "落成"},
	"能": {"功能", "性能", "智能", "技能", "职能", "本能", "效能", "机能", "节能", "体能", "能力", "能源", "能量", "万能", "全能"},
	"要": {"重要", "主要", "首要", "要求", "要点", "摘要", "纲要", "要素", "只要", "要是"},
	"会": {"会议", "机会", "社会", "学会", "协会", "开会", "晚会", "大会", "工会", "例会", "会员", "会计", "体会", "会话", "聚会", "会场"},
	"有": {"所有", "拥有", "具有", "含有", "享有", "持有", "占有", "有效", "有关", "有限", "有时", "特有", "共有", "有些"},
	"是": {"但是", "还是", "于是", "就是", "总是", "或是", "是否", "凡是", "只是", "正是", "要是"},
	"算": {"预算", "计算", "结算", "核算", "打算", "清算", "估算", "总算", "就算", "换算", "算法", "运算", "测算", "折算", "推算", "合算", "盘算", "决算", "匡算"},
}

// noWords say no in a rule's sentence.
var noWords = []string{"不得", "禁止", "严禁", "无权", "不予", "不能", "不可", "不允许", "不需要", "无需", "不必", "不用", "不扣", "不罚", "不奖",
	"不享受", "不计", "不包括", "不属于", "不支持", "不提供", "不接受", "不结转", "不在", "没有", "无法", "未能", "不会", "不是", "不要", "不应",
	"不发放", "不再发放", "不给予", "不支付", "不报销", "不适用", "不可使用", "不退", "不补",
	"不参加", "不参与", "不纳入", "不计入", "不列入", "不安排", "不办理", "不受理", "不开放", "不享有", "不与", "不同时", "不叠加"}

// negatesAsked reports whether the sentence negates the verb a yes-or-no
// question asks whether one may do (上浮 of 提成能上浮吗 … 不上浮): the two
// Han characters after its modal (能, 可以, 会, 要, 一个副词 such as 先 or
// 再 skipped), right after 不, 没, 未 or 不再 in the sentence. Not when the
// question negates them itself, nor the negations that set a bound or join
// clauses (不超过, 不满, 不少于, 不仅, 不论 …), which say a condition, not no.
func negatesAsked(q, sentence string) bool {
	qr := []rune(q)
	for i := 0; i < len(qr); i++ {
		m := 0
		switch {
		case hasAnyPrefix(string(qr[i:]), "可以"):
			m = 2
		case strings.ContainsRune("能会要", qr[i]):
			m = 1
		default:
			continue
		}
		j := i + m
		if j < len(qr) && strings.ContainsRune("先再还也都就", qr[j]) {
			j++
		}
		if j+1 >= len(qr) || !unicode.Is(unicode.Han, qr[j]) || !unicode.Is(unicode.Han, qr[j+1]) || strings.ContainsRune(boundChars+"的是了吗呢吧", qr[j]) || strings.ContainsRune("吗呢吧啊呀么", qr[j+1]) {
			continue
		}
		w := string(qr[j : j+2])
		for _, n := range []string{"不再", "不", "没", "未"} {
			if strings.Contains(q, n+w) {
				break
			}
			if strings.Contains(sentence, n+w) {
				return true
			}
		}
	}
	return false
}

// negatesSaid reports whether a negation in the sentence (不, 没, 未, 无
// — not one setting a bound: 不满, 不超过) has within its next six
// characters, before any 的, a word of two characters or more the question
// says and does not negate itself (会传到云杉的服务器上吗 … 不经过云杉公司的任
// 何服务器; 能拿调休抵吗 … 不以调休代替), words as the dictionary cuts them
// (加班 is not 加班费's). A negation in a clause ending in 的 sets a case
// (未带医保卡的，可以先按自费结算), not a no.
// seg is the engine's segmenter (nil: no words to match, false).
func negatesSaid(seg *zh.Segmenter, q, sentence string) bool {
	return negatesSaidOf(askedWords(seg, q), seg, sentence)
}

// negatesSaidOf is negatesSaid with the question's words already cut.
func negatesSaidOf(asked []string, seg *zh.Segmenter, sentence string) bool {
	if seg == nil {
		return false
	}
	sr := []rune(sentence)
	for k, r := range sr {
		if !strings.ContainsRune("不没未无", r) || k+1 >= len(sr) || strings.ContainsRune(boundChars+"是仅只", sr[k+1]) {
			continue
		}
		end := k + 1 // the negation's clause: to the next mark
		for end < len(sr) && !strings.ContainsRune("，,；;。：:！？", sr[end]) {
			end++
		}
		if strings.HasSuffix(strings.TrimSpace(string(sr[k:end])), "的") {
			continue
		}
		if w := seg.Cut(string(sr[k:end])); len(w) > 0 && utf8.RuneCountInString(w[0]) >= 2 && !slices.Contains(noWords, w[0]) {
			if pos := seg.PartOfSpeech(w[0]); strings.HasPrefix(pos, "n") || pos == "l" {
				continue // 未成年人, 无人机, 不锈钢: a noun or set phrase, no negation
			}
		}
		window := string(sr[k+1 : min(end, k+7)])
		if strings.ContainsRune(coverbs, sr[k+1]) {
			// 不与店内其他促销活动同时使用: a negation before a coverb's
			// phrase negates the verb after it, the clause's whole.
			window = string(sr[k+1 : end])
		}
		if d := strings.Index(window, "的"); d >= 0 {
			window = window[:d]
		}
		if saysAsked(asked, seg, window) {
			return true
		}
	}
	return false
}

// coverbs begin the phrases a negation may stand before, negating the
// verb after them (不与…同时使用, 不向…收取, 不对…开放).
const coverbs = "与和跟对向给以在被把为替"

// askedWords are the words of two characters or more a yes-or-no question
// says, as the dictionary cuts them, beginning with a Han character (or a
// Latin letter: Windows), but those it negates itself.
func askedWords(seg *zh.Segmenter, q string) []string {
	if seg == nil {
		return nil
	}
	var asked []string
	qw := seg.Cut(q)
	for i, w := range qw {
		if utf8.RuneCountInString(w) < 2 || !unicode.Is(unicode.Han, []rune(w)[0]) && !latinName(w) || i > 0 && strings.ContainsAny(qw[i-1], "不没未无") {
			continue
		}
		asked = append(asked, strings.ToLower(w))
	}
	return asked
}

// saysAsked reports whether text, as the dictionary cuts it, says one of
// the asked words.
func saysAsked(asked []string, seg *zh.Segmenter, text string) bool {
	if seg == nil || len(asked) == 0 {
		return false
	}
	for _, w := range seg.Cut(text) {
		if slices.Contains(asked, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// clauseFrom is text up to the end of its first clause (clauseEnd).
func clauseFrom(text string) string {
	r := []rune(text)
	return string(r[:clauseEnd(r, 0)])
}

// boundChars begin the words a negation sets a bound or joins clauses with
// (不超过, 不满, 不少于, 不低于, 不足, 不仅, 不论, 不管, 不同, 不断, 不但).
const boundChars = "超满少低高足仅论管同断但"

// polarity says yes or no with the question's verb: no when the sentence
// says it with a word of negation (不得, 禁止, 无权, 不予 …), when it sets
// a limit the question goes past (只能设置一个 … 能设两个吗), or when it
// makes a thing a condition the question leaves out (须重启服务才能生效 …
// 不重启能生效吗); else yes.
func polarity(seg *zh.Segmenter, q string, qs []quantity, verb, sentence string) string {
	// A rule and its qualification (可以推荐理财产品，但不得承诺保本; 须本
	// 人办理，不得代办；但…可由其配偶代办): yes or no by the part the
	// question asks of.
	sentence = askedPart(q, sentence)
	no := func() string { return negation(verb) }
	switch strings.TrimSpace(sentence) {
	case "无", "否", "没有", "×", "✗", "N", "no", "No":
		return no() // (a cell saying no: 泰山室 | … | 无 for 有投影吗 was 有。无)
	}
	if (verb == "有" || verb == "是") && strings.Contains(q, "有") && limitAsked(q) && boundSaidRe.MatchString(sentence) {
		// 报销有期限吗 … 应在费用发生后30天内提交，逾期不予报销: the limit is
		// there; the 不予 is what passing it costs. So is a requirement
		// (发票有要求吗 … 须提供正规增值税发票，收据、白条一律不予报销).
		// (有时间限制吗 is cut 有时/间: asked with 是, answered 有.)
		return "有"
	}
	var asked []string // the question's words (askedWords), cut when first needed
	askedOnce := func() []string {
		if asked == nil {
			asked = askedWords(seg, q)
		}
		return asked
	}
	for _, w := range noWords {
		if strings.Contains(sentence, w) {
			return no()
		}
		if rest, ok := strings.CutPrefix(w, "不"); ok {
			// 不再报销, 不再支持: no longer, as 不报销 and 不支持, when the
			// clause says a word of the question's (不再支持Windows 7 for
			// Windows 7的电脑还能装吗; not 已调休的不再支付加班费 for 周末加班
			// 能换调休吗).
			if i := strings.Index(sentence, "不再"+rest); i >= 0 && saysAsked(askedOnce(), seg, clauseFrom(sentence[i:])) {
				return no()
			}
		}
	}
	if v := exempted(q, qs, sentence); v != "" {
		return "不" + v // 要收诊察费吗 … 免收: 不收
	}
	if v := free(q, sentence); v != "" {
		return "不" + v // 晚上加班吃晚饭要钱吗 … 晚上加班的同事晚餐免费: 不要
	}
	// (提成能上浮吗 … 首单合同额不满5万元的，不上浮; 病人想直接微信转账给我
	// 行不行 … 一经查实予以辞退; C级客户能先开票后付款吗 … 仅限于A级和B级客户)
	if negatesAsked(q, sentence) || negatesSaidOf(askedOnce(), seg, sentence) || sanctioned(verb, sentence) || onlyOther(askedOnce(), sentence) ||
		beyondLimit(q, sentence) || withoutCondition(q, sentence) || conditionUnmet(qs, sentence) || notListed(q, sentence) || askedOfUnmetClause(q, qs, sentence) || weekendOutside(q, sentence) || ceases(q, sentence) {
		return no()
	}
	return verb
}

// roleAndName finds the one place s names a role and the person holding it
// (IT主管周航, 人事专员李娜): the span of the role's word and the name of
// two or three characters after it, the name beginning with a common
// surname and ending the word (punctuation, a digit or 的/手机/电话/分机
// after it). Not found, or found twice: false.
func roleAndName(s []rune) (span, bool) {
	var found []span
	text := string(s)
	for _, m := range roleNameSaidRe.FindAllStringSubmatchIndex(text, -1) {
		b := utf8.RuneCountInString(text[:m[2]])
		name := []rune(text[m[4]:m[5]])
		e := b + utf8.RuneCountInString(text[m[2]:m[3]])
		for _, v := range []string{"联系", "直接", "找", "向", "请", "由", "给", "或"} {
			if strings.HasPrefix(string(s[b:e]), v) && e-b > len([]rune(v))+1 {
				b += len([]rune(v)) // (联系主管王五: the role is 主管)
			}
		}
		for n := 3; n >= 2; n-- {
			if n > len(name) || !strings.ContainsRune(commonSurnames, name[0]) {
				continue
			}
			after := e + n
			if after == len(s) || !unicode.Is(unicode.Han, s[after]) || hasAnyPrefix(string(s[after:]), "的", "手机", "电话", "分机", "联系", "负责", "审批", "邮箱") {
				found = append(found, span{b, after})
				break
			}
		}
	}
	if len(found) != 1 {
		return span{}, false
	}
	return found[0], true
}

// roleNameSaidRe finds a role's word and the characters after it that may
// be a name (主管周航手机…).
var roleNameSaidRe = mustScan(`((?:[A-Za-z]{1,4})?\p{Han}{0,2}?(?:主管|经理|主任|专员|总监|负责人|助理|秘书|工程师|管理员))(\p{Han}{2,4})`)

// ceases reports whether q asks whether a thing still holds (还算不算,
// 还有效吗, 还能享受吗) and the sentence says it ends (过户后终止, 逾期作废),
// or whether one still does a deed the sentence halts (还用出去抄表吗 …
// 暂停户外抄表): no.
func ceases(q, sentence string) bool {
	if qq := aNotASaid(q, true); strings.Contains(qq, "还") && !strings.ContainsAny(qq, "停不") {
		for _, m := range haltRe.FindAllStringSubmatch(sentence, -1) {
			// 还用出去抄表吗 … 暂停户外抄表: the deed still asked of is
			// halted (by its last two characters: 抄表 of 户外抄表, not 索道
			// of 售出上行索道票).
			deed := withoutSuffixes(m[1], "工作", "业务", "活动", "服务")
			if r := []rune(deed); len(r) >= 2 && strings.Contains(qq, string(r[len(r)-2:])) {
				return true
			}
		}
	}
	if !strings.Contains(q, "还") || !containsAny(q, []string{"算", "有效", "享受", "能用", "保", "管用", "作数"}) {
		return false
	}
	return containsAny(sentence, []string{"终止", "失效", "作废", "自动解除", "自动取消", "不再享有", "不再有效"})
}

// weekendOutside reports whether q asks of a day of the weekend (周六, 礼拜
// 天, 周末) and the sentence gives only weekdays (周一至周五, 工作日): no
// (周六IT服务台有人吗 … 服务时间为周一至周五9:00—18:00).
func weekendOutside(q, sentence string) bool {
	fq, fs := string(zh.Fold(q)), string(zh.Fold(sentence))
	if !containsAny(fq, []string{"周六", "周日", "周末", "星期六", "星期日", "星期天", "礼拜六", "礼拜天", "礼拜日", "双休日"}) {
		return false
	}
	if containsAny(fs, []string{"周六", "周日", "周末", "星期六", "星期日", "星期天", "礼拜", "双休日", "节假日", "休息日", "每天", "每日", "全年", "7×24", "7x24", "24小时"}) {
		return false
	}
	return containsAny(fs, []string{"周一至周五", "周一到周五", "星期一至星期五", "星期一到星期五", "周一—周五", "周一-周五", "周一～周五", "工作日"})
}

// askedOfUnmetClause reports whether what q asks whether of (医院证明 of 病假
// 两天需要医院证明吗) is said only in a clause whose condition q's quantity
// does not meet (3天以上须提交医院证明…), not in the one it meets (病假3天
// 以内（含3天）由部门经理审批): no.
func askedOfUnmetClause(q string, qs []quantity, sentence string) bool {
	if len(qs) == 0 {
		return false
	}
	s := zh.Fold(sentence)
	ws, we, ok := metSegment(s, qs)
	if !ok {
		return false
	}
	// (The topic before the first clause's number is every clause's: 病假
	// of 病假3天以内…，3天以上须提交医院证明.)
	topic := 0
	for topic < ws && !unicode.IsDigit(s[topic]) {
		topic++
	}
	met, others := string(s[ws:we]), string(s[topic:ws])+"|"+string(s[we:])
	fq := []rune(string(zh.Fold(q)))
	for i := 0; i+1 < len(fq); i++ {
		b := string(fq[i : i+2])
		if !unicode.Is(unicode.Han, fq[i]) || !unicode.Is(unicode.Han, fq[i+1]) || strings.ContainsAny(b, "吗呢吧么能可以要需是否会得该应") {
			continue
		}
		if !strings.Contains(met, b) && strings.Contains(others, b) {
			return true
		}
	}
	return false
}

// exempted reports whether the sentence exempts from a charge the question
// asks whether one pays (要收诊察费吗 … 免收普通门诊诊查费): no. The fee
// exempted is the question's (a …费 of both), and the clause exempting is
// the question's case: its condition met by the question's quantity (80周
// 岁以上 … 八十五歲), or a word of the question's beside the fee's (not
// 访客停车要交停车费吗 … 员工车辆…免收停车费). It gives the question's verb
// of paying, "" when not.
func exempted(q string, qs []quantity, sentence string) string {
	if strings.Contains(q, "免") || !strings.Contains(q, "费") {
		return ""
	}
	verb := ""
	for _, v := range []string{"收", "交", "缴", "付"} {
		if strings.Contains(q, v) {
			verb = v
			break
		}
	}
	if verb == "" {
		return ""
	}
	before := "" // the clauses before, which may set its case (…30天内…返修的，免收返修工时费)
	for _, clause := range clausesOf(sentence) {
		if before != "" {
			before += "，"
		}
		before += clause
		at := -1
		for _, w := range []string{"免收", "免交", "免缴", "免于收取", "不收取"} {
			if i := strings.Index(clause, w); i >= 0 {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		fee := clause[at:]
		f := strings.Index(q, "费")
		qfee := string([]rune(q[:f])[max(0, len([]rune(q[:f]))-3):]) + "费" // 诊察费, 停车费
		if !strings.ContainsFunc(qfee, func(r rune) bool {
			return !strings.ContainsRune("费收交缴付要", r) && strings.ContainsRune(fee, r)
		}) {
			continue // (诊察费 … 诊查费: the fee said another way, a character of it the same)
		}
		cond := before[:len(before)-len(clause)+at]
		if met, any := conditionsMet(cond+clause[at:], qs); any {
			if met {
				return verb
			}
			continue // (交车四十天 … 30天内…返修的，免收: not the case exempted)
		}
		for _, b := range bigramsOf(q) {
			if strings.Contains(cond, b) && !strings.Contains(qfee, b) && hasContent([]rune(b)) {
				return verb
			}
		}
	}
	return ""
}

// clausesOf are a sentence's clauses, cut at ，；。.
func clausesOf(sentence string) []string {
	return strings.FieldsFunc(sentence, func(r rune) bool { return strings.ContainsRune("，,；;。", r) })
}

// free reports whether the sentence says free of charge (免费, 不收费)
// what a question asks whether one pays money for (吃晚饭要钱吗, 停车收钱
// 不): a clause saying so that shares two characters running with the
// question. It gives the question's verb of paying (payVerb), "" when
// not. (A fee the question names and a rule exempts from, 免收停车费, is
// exempted's.)
func free(q, sentence string) string {
	verb := payVerb(q, moneyVerbsAsked)
	if verb == "" || strings.Contains(q, "免") {
		return ""
	}
	for _, clause := range clausesOf(sentence) {
		if !containsAny(clause, []string{"免费", "不收费", "不收取费用", "不要钱", "无需付费", "不另收费"}) {
			continue
		}
		for _, b := range bigramsOf(q) {
			if strings.Contains(clause, b) && hasContent([]rune(b)) && !strings.ContainsAny(b, "钱要收交付掏花给吗") {
				return verb
			}
		}
	}
	return ""
}

// askedPart is the part of a sentence a yes-or-no question asks of, when
// the sentence says a rule and a qualification turning it (…，但不得…;
// …；但…可由…): the sentence is cut before each 但 (or 但是, 不过) and at
// each ；, and the part holding most of the question's characters and
// pairs of characters of content answers — the first of parts holding as
// much. The whole sentence when it has one part.
func askedPart(q string, sentence string) string {
	cuts := []int{0}
	for _, m := range partCutRe.FindAllStringIndex(sentence, -1) {
		if m[0] > cuts[len(cuts)-1] {
			cuts = append(cuts, m[0])
		}
	}
	cuts = append(cuts, len(sentence))
	for i := len(cuts) - 2; i >= 1; i-- {
		if strings.Contains(sentence[cuts[i]:cuts[i+1]], "除外") {
			// 但…的除外: an exception turning the rule before it, read
			// with it (the case it names is leadException's and
			// exceptsAsked's to weigh)
			cuts = slices.Delete(cuts, i, i+1)
		}
	}
	if len(cuts) == 2 {
		return sentence
	}
	fq := []rune(string(zh.Fold(q)))
	best, bestN := sentence, -1
	for i := 0; i+1 < len(cuts); i++ {
		part := sentence[cuts[i]:cuts[i+1]]
		n := 0
		for j, r := range fq {
			if !isContent(r) || strings.ContainsRune(stopChars, r) {
				continue
			}
			if strings.ContainsRune(part, r) {
				n++
			}
			if j+1 < len(fq) && isContent(fq[j+1]) && strings.Contains(part, string(fq[j:j+2])) {
				n += 2
			}
		}
		if n > bestN {
			best, bestN = part, n
		}
	}
	return best
}

// partCutRe finds where a sentence's qualification begins: a ；, or 但
// (但是, 不过) after a clause mark.
var partCutRe = mustScan(`[；;]|[，,]\s*(?:但是|但|不过)`)

// negation says no in a yes-or-no question's verb (不能, 没有, 不是).
func negation(verb string) string {
	switch verb {
	case "有":
		return "没有"
	case "是":
		return "不是"
	}
	return "不" + verb
}

// supportListRe finds a list of what a thing supports, allows or works
// with: 支持Chrome 100、Edge 100、Firefox 102.
var supportListRe = mustScan(`(?:支持|兼容|适用于|允许使用|可使用|可以使用|仅限|限于)[^。；;]*[、/]`)

// latinWordRe finds a name written in Latin letters (IE, Docker, macOS).
var latinWordRe = mustScan(`[A-Za-z][A-Za-z0-9.+#-]*`)

// notListed reports whether the sentence lists what is supported and q
// asks about a thing named in Latin letters the list leaves out:
// 网页版能用IE浏览器打开吗 … Web端支持Chrome 100、Edge 100、Firefox 102 → 不能;
// or limits a thing to classes and q names another (classNotListed).
func notListed(q, sentence string) bool {
	if classNotListed(q, sentence) {
		return true
	}
	m := supportListRe.FindStringIndex(sentence)
	if m == nil {
		return false
	}
	// (A question naming one thing the list holds asks of it, though it
	// names another the sentence does not: 同步盘App支持iOS吗 … 支持iOS 14、
	// Android 9.)
	list, missing := strings.ToLower(sentence[m[0]:]), false
	for _, w := range latinWordRe.FindAllString(q, -1) {
		if len(w) < 2 {
			continue
		}
		if strings.Contains(list, strings.ToLower(w)) {
			return false
		}
		missing = missing || !strings.Contains(strings.ToLower(sentence), strings.ToLower(w))
	}
	return missing
}

// conditionUnmet reports whether the sentence sets conditions on the
// quantities the question states (qs) and they meet none of its clauses:
// 商机预计25万，能申请售前顾问吗 … 预计金额在30万元及以上的，可以申请 → 不能.
func conditionUnmet(qs []quantity, sentence string) bool {
	if len(qs) == 0 {
		return false
	}
	met, any := conditionsMet(sentence, qs)
	if !any || met {
		return false
	}
	_, _, some := metSegment([]rune(sentence), qs)
	return !some
}

// limitRe finds a limit a rule sets: 只能…一个, 最多3次, 不超过5个.
var limitRe = mustScan(`(?:只能|仅能|只可|仅可|最多|至多|不超过|仅限)[^，。；0-9一二两三四五六七八九十]{0,8}([0-9]+|[一二两三四五六七八九十])\s*(个|次|台|人|份|条|天|项|名|张|本|套)`)

// amountRe finds an amount a question asks about: 两个, 3次.
var amountRe = mustScan(`([0-9]+|[一二两三四五六七八九十])\s*(个|次|台|人|份|条|天|项|名|张|本|套)`)

// beyondLimit reports whether q asks for more than the limit the sentence
// sets, in the same measure word.
func beyondLimit(q, sentence string) bool {
	m := limitRe.FindStringSubmatch(sentence)
	if m == nil {
		return false
	}
	for _, a := range amountRe.FindAllStringSubmatch(q, -1) {
		if a[2] == m[2] && smallNumber(a[1]) > smallNumber(m[1]) {
			return true
		}
	}
	return false
}

// smallNumber reads 3 or 三 (one to ten) as a number; 0 when it cannot.
func smallNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if s == "两" {
		return 2
	}
	if i := strings.Index("一二三四五六七八九十", s); i >= 0 {
		return i/len("一") + 1
	}
	return 0
}

// requireRe finds what a rule requires one to attach, show or hold
// (并附发票原件, 须出示工牌, 凭身份证).
var requireRe = mustScan(`(?:附|附上|附有|出示|持|凭|携带|提供)([^，。；、]{1,16})`)

// conditionRe finds a thing a rule requires for something else: 须执行…重启
// 服务才能生效, 必须先审批才可以.
var conditionRe = mustScan(`(?:须|必须|需要|需|应|要)([^，。；]{1,48}?)(?:后)?才(?:能|可|可以|会)`)

// classNotListed reports whether the sentence limits a thing to classes
// it lists (仅限于A级和B级客户, 只限一类、二类城市) and q names a class of
// the same rank word that the list leaves out (C级客户): no.
func classNotListed(q, sentence string) bool {
	m := onlyListRe.FindStringSubmatchIndex(sentence)
	if m == nil {
		return false
	}
	list := sentence[m[2]:m[3]]
	for _, c := range classRe.FindAllStringSubmatch(q, -1) {
		listed, sameRank := false, false
		for _, l := range classRe.FindAllStringSubmatch(list, -1) {
			if l[2] != c[2] {
				continue
			}
			sameRank = true
			listed = listed || strings.EqualFold(l[1], c[1])
		}
		if sameRank && !listed {
			return true
		}
	}
	return false
}

// onlyHoldsRe finds what a sentence says a thing holds and nothing else
// (自动备份只包含数据库).
var onlyHoldsRe = mustScan(`(?:只|仅)(?:包含|包括|含有|含|保存|覆盖|记录|统计|计算)([^，。；;,]{1,30})`)

// onlyOther reports whether the sentence says a thing the question names
// holds only something else (自动备份只包含数据库, for 自动备份会把用户文件也备
// 份了吗): one of the question's words (asked, in order) before 只, and a
// later one of them not in what it holds.
func onlyOther(asked []string, sentence string) bool {
	m := onlyHoldsRe.FindStringSubmatchIndex(sentence)
	if m == nil || strings.HasSuffix(sentence[:m[0]], "不") {
		return false // (不仅包括, 不只包含: not only)
	}
	before, verb, held, named := sentence[:m[0]], sentence[m[0]:m[2]], sentence[m[2]:m[3]], false
	for _, w := range asked {
		switch {
		case strings.Contains(before, w):
			named = true
		case strings.Contains(verb, w) || strings.Contains(w, strings.TrimLeft(verb, "只仅")):
			// (the question's own verb: 包含 of 自动备份包含数据库吗)
		case named && !strings.Contains(held, w) && bigramShare(w, held) == 0:
			return true
		}
	}
	return false
}

// onlyListRe finds what a rule limits a thing to (仅限于A级和B级客户).
var onlyListRe = mustScan(`(?:仅限于?|只限于?|限于|仅适用于|只适用于)([^，。；;,]{1,40})`)

// classRe finds a class by its mark and rank word (A级, 二类, 3档, 五星).
var classRe = mustScan(`([A-Za-z]|[0-9]{1,2}|[一二三四五六七八九十甲乙丙丁])(级|类|档|星)`)

// haltRe finds a deed a rule halts (暂停户外抄表, 停止一切室外高处作业).
var haltRe = mustScan(`(?:暂停|停止)(?:一切|所有)?(\p{Han}{2,6}?)(?:工作|并|及|和|或|[，。；、,;]|$)`)

// sanctioned reports whether q asks whether one may (能, 可以, 行) and the
// sentence punishes the deed (予以辞退, 按违纪处理, 给予…处分) without
// saying one may: a deed punished is not allowed.
func sanctioned(verb, sentence string) bool {
	switch verb {
	case "能", "可以", "行", "可", "让", "允许":
	default:
		return false // (迟到会扣钱吗 … 扣款50元: 会)
	}
	return sanctionRe.MatchString(sentence) && !permitRe.MatchString(sentence)
}

// sanctionRe finds a rule's punishment of a deed.
var sanctionRe = mustScan(`予以辞退|予以开除|予以解除|解除劳动合同|按违纪处理|按严重违纪|视为违纪|视为严重违纪|给予[^，。；]{0,6}处分|追究[^，。；]{0,6}责任|一经查实|一经发现`)

// permitRe finds what says one may.
var permitRe = mustScan(`可以|允许|准许|可凭|可申请|可报|方可|可在|可向|可由|可于`)

// withoutCondition reports whether q asks about doing without what the
// sentence requires (不重启服务 … 须执行 systemctl restart 重启服务才能生效).
func withoutCondition(q, sentence string) bool {
	var cond []rune
	if m := conditionRe.FindStringSubmatch(sentence); m != nil {
		cond = []rune(m[1])
	}
	// What the rule requires one to bring or attach (须…附发票原件, 凭工
	// 牌): 没有发票可以报账吗 asks about doing without it.
	for _, m := range requireRe.FindAllStringSubmatch(sentence, -1) {
		cond = append(append(cond, '|'), []rune(m[1])...)
	}
	if cond == nil {
		return false
	}
	for _, neg := range []string{"不", "没", "未", "不用", "无需"} {
		for i := 0; ; {
			j := strings.Index(q[i:], neg)
			if j < 0 {
				break
			}
			after := []rune(q[i+j+len(neg):])
			// The words after the negation share a bigram with the condition.
			for k := 0; k+1 < len(after) && k < 6; k++ {
				if strings.Contains(string(cond), string(after[k:k+2])) {
					return true
				}
			}
			i += j + len(neg)
		}
	}
	return false
}

// keyedRowRead is the n passages read of hits: the first n, unless a
// passage ranked below them, among the first eight, holds a table row
// whose key the question says whole and none of the first n says (日本 of
// 经理去日本出差 … 城市：日本、韩国；经理住宿上限（元/晚）：1500): that
// one is read in place of the n-th.
func keyedRowRead(q []rune, hits []corpora.Hit, n int) []corpora.Hit {
	read := "" // the passages read, folded: made when a row below them is keyed by the question
	said := func() string {
		if read == "" {
			var b strings.Builder
			for _, h := range hits[:n] {
				b.WriteString(string(zh.Fold(h.Text)))
			}
			read = b.String()
		}
		return read
	}
	// (the eight retrieved, as the second look reads: a mixed knowledge
	// base retrieves 32)
	for i := n; i < min(len(hits), 8); i++ {
		if holdsKeyedRow(q, said, hits[i]) {
			return append(append([]corpora.Hit(nil), hits[:n-1]...), hits[i])
		}
	}
	return hits[:n]
}

// holdsKeyedRow reports whether a passage holds a table row or record whose
// key (its first cell or value, or one item of a list there: 日本、韩国) of
// two characters or more the question says whole and the passages read
// (folded) do not.
func holdsKeyedRow(q []rune, read func() string, h corpora.Hit) bool {
	qs := string(q)
	for _, line := range strings.Split(h.Text, "\n") {
		line = strings.TrimSpace(line)
		var key string
		switch {
		case strings.HasPrefix(line, "|"):
			key = cellsOf(line)[0]
		case isRecord(line):
			if _, values := recordFields(line); len(values) > 0 {
				key = values[0]
			}
		default:
			continue
		}
		for _, k := range strings.FieldsFunc(beforeGloss(key), func(r rune) bool { return r == '、' || r == '/' || r == '，' }) {
			k = string(zh.Fold(strings.TrimSpace(k)))
			if utf8.RuneCountInString(k) >= 2 && !strings.ContainsAny(k, "0123456789") && strings.Contains(qs, k) && !strings.Contains(read(), k) {
				return true
			}
		}
	}
	return false
}

// ruleCellRe finds a cell saying what one may or must (not) do (解冻后不得
// 再次冷冻, 须持证上岗).
var ruleCellRe = mustScan(`不得|不能|不可|不准|不允许|严禁|禁止|可以|允许|须|必须|不予|无需|免`)

// rowNear is how near the best row's score a rule must be to answer a
// yes-or-no question in its place (dataRow).
const rowNear = 0.7

// dataRow reports whether s is a table's row or a record whose key q does
// not name and none of whose cells says yes or no (支持, 不开诊) — of a
// record, in a column q names: a row of data, which answers no yes-or-no
// question.
func dataRow(q question, s sentence) bool {
	line := strings.TrimSpace(string(s.orig))
	if !isTableLine(line) {
		return false
	}
	if s.met == 1 {
		return false // 估损25万要复勘吗 … 20万元以上 | …: a tier the question's quantity falls in
	}
	cells := cellsOf(line)
	var names []string
	if isRecord(line) {
		names, cells = recordFields(line)
	}
	for i, c := range cells {
		// Its key named (two characters of its first cell), or a short
		// cell whole: the question asks of this row. (Not three characters
		// of a long note's: 早上可以 of 检查当天早上可以少量喝白开水.)
		c = string(zh.Fold(strings.TrimSpace(c)))
		if n := utf8.RuneCountInString(c); i == 0 && longestCommon([]rune(c), q.folded) >= 2 || n >= 2 && n <= 10 && strings.Contains(string(q.folded), c) {
			return false
		}
	}
	for i, c := range cells {
		if i < len(names) && bigramShare(string(zh.Fold(beforeGloss(names[i]))), string(q.folded)) == 0 {
			continue // (空腹要求：不需要 says no of what 能用商业保险理赔吗 does not ask)
		}
		if yesNoCell(c) || negativeCell(c) || ruleCellRe.MatchString(c) {
			return false
		}
	}
	return true
}
