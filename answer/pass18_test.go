package answer

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
)

// TestEighteenthPass: the eighteenth pass's mechanisms, each on a passage
// of its own.
func TestEighteenthPass(t *testing.T) {
	e := offline(t)
	depot := "车场：南湖车场；所在区：凤台区；场长：贺立群；值班电话：66217301；夜间值班电话：66217345；停车位（个）：95"
	checkHitCases(t, e, []hitCase{
		// A field named in the question's own words (晚上 for 夜间) is the
		// question's as much as one it says as written, and the longer
		// name says more of it.
		{depot, "南湖车场晚上值班电话几号", "66217345", "66217301"},
		{depot, "南湖车场值班电话几号", "66217301", "66217345"},
		{depot, "南湖車場晚上值班電話幾號", "66217345", "66217301"},
	})
	hours := "| 门店 | 地址 | 工作日 | 周末 |\n|---|---|---|---|\n| 国贸店 | 建国门外大街1号 | 07:30-21:00 | 09:00-20:00 |\n| 望京店 | 望京街9号 | 08:00-20:00 | 周末休息 |\n"
	limit := "员工应在费用发生后30天内提交报销申请，逾期不予报销，因长期出差无法按时提交的除外。"
	checkHitCases(t, e, []hitCase{
		// A cell saying the place is closed then answers whether it is
		// open (no), and when it opens (the cell, not another column's
		// hours). (A new user's trial: 是。…周末休息.)
		{hours, "望京店周末开门吗", "不是。周末休息", "是。望"},
		{hours, "望京店周末几点开门", "周末休息", "08:00"},
		{hours, "国贸店周末几点开门", "09:00-20:00", "07:30"},
		// A day of the weekend names the 周末 column.
		{hours, "国贸店周六几点开门", "09:00-20:00", "07:30"},
		{hours, "望京店礼拜天开门吗", "不是。周末休息", "是。望"},
		// Asked whether there is a limit or a requirement, a rule setting
		// one says yes, though passing it is 不予 (was 没有).
		{limit, "报销有期限吗", "有。", "没有"},
		{limit, "报销有时间限制吗", "有。", "不是"},
		{"报销须提供正规增值税发票，收据、白条一律不予报销。", "发票有要求吗", "有。", "没有"},
		// Working from home, said as people say it, is the rule's 远程办公.
		{"问：可以远程办公吗？\n答：每周最多可以申请2天远程办公，须经直属主管批准。", "能在家上班吗", "2天", "没有找到"},
		// Not a limit asked: the rule's no stands.
		{"收据、白条一律不予报销。", "白条能报销吗", "不能。", "有"},
	})
}

// TestPassageCache: a passage's pieces are made once and shared, the
// same as made afresh; a passage with another header is another entry;
// the cache starts again when full; answers from many goroutines at once
// read it safely (go test -race).
func TestPassageCache(t *testing.T) {
	h := hit("rules.md", "第一条 年假5天。\n| 岗位 | 补贴 |\n|---|---|\n| 保安 | 300 |\n问：年假怎么休？\n答：按天休。")
	a, b := piecesOf(h), piecesOf(h)
	if len(a) == 0 || &a[0] != &b[0] {
		t.Fatalf("not kept: %d pieces", len(a))
	}
	if fresh := makePieces(h); !reflect.DeepEqual(a, fresh) {
		t.Errorf("kept %+v, made %+v", a, fresh)
	}
	var row piece
	for _, p := range a {
		if p.s == "| 保安 | 300 |" {
			row = p
		}
	}
	if !row.tableLine || row.header != "| 岗位 | 补贴 |" || row.ownHeader || row.start != utf8.RuneCountInString(h.Text[:strings.Index(h.Text, "| 保安")]) {
		t.Errorf("the row: %+v", row)
	}
	h2 := h
	h2.Header = "上文：\n| 岗位 | 补贴 |"
	if c := piecesOf(h2); len(c) > 0 && &c[0] == &a[0] {
		t.Error("another header, the same entry")
	}
	if l := faqLinesOf(h); len(l) != 1 || l[0].folded != "年假怎么休?" && l[0].folded != "年假怎么休？" {
		t.Errorf("FAQ lines: %+v", l)
	}
	var c passageCache[int]
	n := 0
	for i := 0; i <= maxPassages; i++ {
		c.get(hit("d.md", strconv.Itoa(i)), func(corpora.Hit) int { n++; return i })
	}
	if len(c.m) != 1 || n != maxPassages+1 {
		t.Errorf("full: %d kept, %d made", len(c.m), n)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				piecesOf(hit("d.md", "第"+strconv.Itoa(i%7)+"条 年假5天。"))
			}
		}()
	}
	wg.Wait()
}

// TestCitedSection: a citation names the section its sentence stands in
// (corpora.Chunk.SectionAt), not the chunk's.
func TestCitedSection(t *testing.T) {
	e := offline(t)
	h := hit("r.txt", "三、报销时限\n员工应在费用发生后30天内提交报销申请，逾期不予报销。\n\n四、票据要求\n报销须提供正规增值税发票。\n")
	h.Section = "四、票据要求"
	h.Places = []corpora.Place{{Start: 0, Section: "三、报销时限"}, {Start: utf8.RuneCountInString(h.Text[:strings.Index(h.Text, "四、")]), Section: "四、票据要求"}}
	for q, want := range map[string]string{"报销申请要在多少天内提交": "三、报销时限", "报销要什么发票": "四、票据要求"} {
		if a := e.FromHits(q, []corpora.Hit{h}); len(a.Citations) == 0 || a.Citations[0].Section != want {
			t.Errorf("%s → %q cites %+v; want section %s", q, a.Answer, a.Citations, want)
		}
	}
}
