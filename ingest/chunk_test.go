package ingest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
)

func TestChunk(t *testing.T) {
	text := "第一句话在这里。第二句话稍微长一点，带有逗号。第三句！\n\n第四段的第一句？第五句；最后一句"
	doc := corpora.Document{ID: "d", Title: "标题", Text: text}
	tests := []struct {
		size int
		want []string
	}{
		{1000, []string{text}},
		{20, []string{"第一句话在这里。", "第一句话在这里。第二句话稍微长一点，带有逗号。", "第二句话稍微长一点，带有逗号。第三句！", "第三句！\n\n第四段的第一句？第五句；", "第五句；最后一句"}},
	}
	for _, tt := range tests {
		chunks := Chunk(doc, tt.size)
		var got []string
		runes := []rune(text)
		for i, c := range chunks {
			got = append(got, c.Text)
			if c.Ordinal != i || c.ID != corpora.ChunkID("d", i) || c.Title != "标题" || c.DocID != "d" {
				t.Errorf("size %d: chunk %d = %+v; want ordinal %d of d titled 标题", tt.size, i, c, i)
			}
			if string(runes[c.Start:c.End]) != c.Text {
				t.Errorf("size %d: chunk %d offsets [%d,%d) give %q; want %q", tt.size, i, c.Start, c.End, string(runes[c.Start:c.End]), c.Text)
			}
		}
		if tt.size == 1000 && strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Chunk(size %d) = %q; want %q", tt.size, got, tt.want)
		}
		if tt.size == 20 {
			for _, c := range chunks {
				if n := utf8.RuneCountInString(c.Text); n > 2*tt.size {
					t.Errorf("size %d: chunk %q has %d characters", tt.size, c.Text, n)
				}
			}
			// Every sentence is in some chunk, and neighbours overlap.
			for _, s := range []string{"第一句话在这里。", "第三句！", "第五句；", "最后一句"} {
				if !strings.Contains(strings.Join(got, "|"), s) {
					t.Errorf("size %d: no chunk holds %q: %q", tt.size, s, got)
				}
			}
		}
	}
}

func TestChunkLongSentence(t *testing.T) {
	long := strings.Repeat("很长的句子没有句号", 10) + "，" + strings.Repeat("字", 50) + "。"
	chunks := Chunk(corpora.Document{ID: "x", Text: long}, 30)
	if len(chunks) < 3 {
		t.Fatalf("Chunk of a %d-character sentence at size 30 = %d chunks; want it split", utf8.RuneCountInString(long), len(chunks))
	}
	for _, c := range chunks {
		if n := utf8.RuneCountInString(c.Text); n > 60 {
			t.Errorf("chunk %q has %d characters; want at most 60 (two pieces of 30)", c.Text, n)
		}
	}
}

// TestChunkBounded: white space between sentences is not counted against
// the size, but it cannot make a chunk longer than 2×size; and a line with
// no punctuation at all is cut into pieces of size.
func TestChunkBounded(t *testing.T) {
	spaces := strings.Repeat(" ", 100000)
	tests := []struct {
		name string
		text string
		size int
	}{
		{"spaces between sentences", "第一句。" + spaces + "第二句。", 300},
		{"blank lines between sentences", "一。" + strings.Repeat("\n", 1000) + "二。" + strings.Repeat("\n \n", 500) + "三。", 10},
		{"spaces after a comma", strings.Repeat("长", 400) + "，" + spaces + strings.Repeat("短", 10) + "。", 300},
		{"fuzz: spaces before a line break", "0    \n0", 2},
		{"only white space", spaces + "\n\u3000", 300},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks := Chunk(corpora.Document{ID: "d", Text: tt.text}, tt.size)
			runes := []rune(tt.text)
			covered := make([]bool, len(runes))
			for i, c := range chunks {
				if n := utf8.RuneCountInString(c.Text); n > 2*tt.size {
					t.Errorf("chunk %d has %d characters at size %d; want at most %d", i, n, tt.size, 2*tt.size)
				}
				if string(runes[c.Start:c.End]) != c.Text {
					t.Errorf("chunk %d offsets [%d,%d) do not cut its text", i, c.Start, c.End)
				}
				for k := c.Start; k < c.End; k++ {
					covered[k] = true
				}
			}
			for k, r := range runes {
				if !covered[k] && !unicode.IsSpace(r) {
					t.Fatalf("character %d (%q) is in no chunk", k, r)
				}
			}
		})
	}
	// A line with no sentence end is cut hard and tiled without overlap.
	line := strings.Repeat("无标点的长行", 5000)
	var tiled strings.Builder
	for _, c := range Chunk(corpora.Document{ID: "d", Text: line}, 300) {
		if n := utf8.RuneCountInString(c.Text); n != 300 {
			t.Errorf("chunk %d of an unpunctuated line has %d characters; want 300", c.Ordinal, n)
		}
		tiled.WriteString(c.Text)
	}
	if tiled.String() != line {
		t.Errorf("chunks of an unpunctuated line do not tile it")
	}
}

func TestHashChangesWithChunkSize(t *testing.T) {
	d := corpora.Document{ID: "a", Title: "t", Text: "内容"}
	if Hash(d, 300) == Hash(d, 200) {
		t.Error("Hash ignores the chunk size; re-chunking would be skipped")
	}
	d2 := d
	d2.Text = "内容改了"
	if Hash(d, 300) == Hash(d2, 300) {
		t.Error("Hash ignores the text")
	}
	// A record read differently (its lines) is ingested again, for its
	// facts.
	r1 := d
	r1.Record = &corpora.Record{Kind: corpora.RecordPoem, Fields: map[string]string{corpora.FieldName: "t"}, Lines: []string{"子曰：“学而时习之，"}}
	r2 := r1
	r2.Record = &corpora.Record{Kind: corpora.RecordPoem, Fields: map[string]string{corpora.FieldName: "t"}, Lines: []string{"学而时习之，"}}
	if Hash(r1, 300) == Hash(r2, 300) || Hash(r1, 300) == Hash(d, 300) || Hash(r1, 300) != Hash(r1, 300) {
		t.Error("Hash ignores the record, or is not stable")
	}
}

// FuzzChunk holds Chunk to its promises on any text: offsets that cut the
// chunk's text from the document, ordinals and starts in order, no chunk
// over 2×size, and every character but white space in some chunk.
func FuzzChunk(f *testing.F) {
	f.Add("第一句。第二句！第三句？", 5)
	f.Add(strings.Repeat("长", 100)+"，短。", 7)
	f.Add("a.b. c\n\nd", 1)
	f.Add("\ufeff标题\u3000正文", 3)
	f.Add("0    \n0", 2) // white space between sentences made a chunk of 7
	f.Fuzz(func(t *testing.T, text string, size int) {
		if !utf8.ValidString(text) || size <= 0 || size > 1000 {
			t.Skip()
		}
		runes := []rune(text)
		chunks := Chunk(corpora.Document{ID: "d", Text: text}, size)
		covered := make([]bool, len(runes))
		for i, c := range chunks {
			if c.Ordinal != i || c.Start < 0 || c.End > len(runes) || c.Start > c.End || string(runes[c.Start:c.End]) != c.Text {
				t.Fatalf("chunk %d = %+v of %q (size %d)", i, c, text, size)
			}
			if i > 0 && c.Start <= chunks[i-1].Start {
				t.Fatalf("chunk %d starts at %d, chunk %d at %d, of %q (size %d)", i, c.Start, i-1, chunks[i-1].Start, text, size)
			}
			if n := utf8.RuneCountInString(c.Text); n > 2*size {
				t.Errorf("chunk %d has %d characters at size %d; want at most %d", i, n, size, 2*size)
			}
			for k := c.Start; k < c.End; k++ {
				covered[k] = true
			}
		}
		for k, r := range runes {
			// Space and the byte-order mark are trimmed from sentences.
			if !covered[k] && !unicode.IsSpace(r) && r != '\ufeff' {
				t.Fatalf("character %d (%q) of %q is in no chunk (size %d)", k, r, text, size)
			}
		}
	})
}

// TestChunkSections: a document with parts is chunked section by section,
// each chunk carrying its section path and page; a section too short to
// stand alone (a heading over its first subsection) joins the next.
func TestChunkSections(t *testing.T) {
	long := strings.Repeat("年假按工龄计算，满一年可休五天。", 12) // 192 runes
	text := "第一章 总则\n" + "一、年假\n" + long + "\n" + "二、病假\n" + long + "\n"
	r := func(s string) int { return utf8.RuneCountInString(s) }
	p1 := r("第一章 总则\n")
	p2 := p1 + r("一、年假\n")
	p3 := p2 + r(long+"\n")
	doc := corpora.Document{ID: "h.pdf", Title: "手册", Text: text, Parts: []corpora.Part{
		{Start: 0, Section: []string{"第一章 总则"}, Page: 1},
		{Start: p1, Section: []string{"第一章 总则", "一、年假"}, Page: 1},
		{Start: p3, Section: []string{"第一章 总则", "二、病假"}, Page: 2},
	}}
	cs := Chunk(doc, 100)
	if len(cs) < 4 {
		t.Fatalf("%d chunks", len(cs))
	}
	for i, c := range cs {
		if c.Ordinal != i || c.ID != corpora.ChunkID("h.pdf", i) {
			t.Errorf("chunk %d numbered %d %q", i, c.Ordinal, c.ID)
		}
		if got := string([]rune(text)[c.Start:c.End]); got != c.Text {
			t.Errorf("chunk %d: offsets give %q, text %q", i, got, c.Text)
		}
		if c.Start < p3 && c.End > p3 {
			t.Errorf("chunk %d straddles the two sections: %q", i, c.Text)
		}
		want, page := "第一章 总则 › 一、年假", 1
		if c.Start >= p3 {
			want, page = "第一章 总则 › 二、病假", 2
		}
		if c.Section != want || c.Page != page {
			t.Errorf("chunk %d (%d–%d): section %q page %d; want %q page %d", i, c.Start, c.End, c.Section, c.Page, want, page)
		}
	}
	if !strings.HasPrefix(cs[0].Text, "第一章 总则") {
		t.Errorf("the chapter's heading, too short alone, should start the first chunk: %q", cs[0].Text)
	}
	_ = p2
}

// TestChunkTableRows: a table's row is never cut, even one holding a
// full stop; a chunk that begins inside the table carries its header.
func TestChunkTableRows(t *testing.T) {
	text := "## 住宿标准\n\n| 城市 | 每晚上限 | 说明 |\n|---|---|---|\n"
	for _, c := range []string{"上海", "北京", "广州", "深圳", "杭州", "南京", "成都", "武汉"} {
		text += "| " + c + " | 600元 | 含早餐。超出部分自理。 |\n"
	}
	docs, err := corpora.Parse(corpora.File{Path: "t.md", ID: "t.md"}, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	cs := Chunk(docs[0], 60)
	if len(cs) < 3 {
		t.Fatalf("%d chunks", len(cs))
	}
	for i, c := range cs {
		for _, line := range strings.Split(strings.TrimSpace(c.Text), "\n") {
			if strings.HasPrefix(line, "| ") && !strings.HasSuffix(line, "|") {
				t.Errorf("chunk %d cuts a row: %q", i, line)
			}
		}
		if strings.HasPrefix(c.Text, "| ") && !strings.HasPrefix(c.Text, "| 城市") && c.Header != "城市 | 每晚上限 | 说明" {
			t.Errorf("chunk %d begins in the table without its header: %q", i, c.Header)
		}
	}
}

// TestChunkListLead: a chunk that begins inside a list, its lead-in in an
// earlier chunk, carries the lead-in as its Header; a chunk that begins
// with text that is no item does not.
func TestChunkListLead(t *testing.T) {
	lead := "第二十二条 下列费用及物品，一律不予报销，也不得以公司名义采购："
	text := "第二十一条 报销审批按以下规定执行。报销款项每周五统一转入员工工资卡。\n" + lead + "\n"
	for _, item := range []string{"（一）无发票的；", "（二）个人生活用品及礼品；", "（三）烟、酒；", "（四）购物卡、加油卡等预付卡；", "（五）拆分订单所发生的费用；", "（六）其他与工作无关的费用。"} {
		text += item + "\n"
	}
	text += "第二十三条 本办法自2025年1月1日起施行。\n"
	cs := Chunk(corpora.Document{ID: "r.txt", Text: text}, 40)
	items := 0
	for i, c := range cs {
		first := strings.SplitN(strings.TrimSpace(c.Text), "\n", 2)[0]
		switch {
		case strings.HasPrefix(first, "（") && !strings.Contains(c.Text, lead):
			items++
			if c.Header != lead {
				t.Errorf("chunk %d (%q) begins in the list: Header %q, want the lead-in", i, first, c.Header)
			}
		case c.Header != "":
			t.Errorf("chunk %d (%q) begins in no list: Header %q", i, first, c.Header)
		}
	}
	if items == 0 {
		t.Fatalf("no chunk begins inside the list: %d chunks", len(cs))
	}
}

// TestChunkPlaces: a chunk spanning a sheet's rows names, for each row
// after its first, where it begins (PlaceAt), so that a citation of a row
// inside the chunk names that row, not the chunk's middle; and the places
// survive the index's stored field.
func TestChunkPlaces(t *testing.T) {
	rows := []string{"设备：ATM加钞；频次：每周一、周四", "设备：ATM卡钞处理；频次：30分钟内", "设备：押运车交接；频次：每日8:20", "设备：自助设备巡检；频次：每日两次"}
	var text strings.Builder
	var parts []corpora.Part
	for i, r := range rows {
		parts = append(parts, corpora.Part{Start: utf8.RuneCountInString(text.String()), Where: fmt.Sprintf("工作表 设备 第 %d 行", i+2), Row: true})
		text.WriteString(r + "\n")
	}
	chunks := Chunk(corpora.Document{ID: "s.xlsx", Title: "设备", Text: text.String(), Parts: parts}, DefaultChunkSize)
	if len(chunks) != 1 {
		t.Fatalf("%d chunks; want one", len(chunks))
	}
	c := chunks[0]
	for i, r := range rows {
		at := strings.Index(c.Text, r)
		if _, where := c.PlaceAt(utf8.RuneCountInString(c.Text[:at])); where != fmt.Sprintf("工作表 设备 第 %d 行", i+2) {
			t.Errorf("row %q stands at %q; want 第 %d 行", r, where, i+2)
		}
	}
	if got := corpora.DecodePlaces(corpora.EncodePlaces(c.Places)); !reflect.DeepEqual(got, c.Places) {
		t.Errorf("places through the stored field: %+v; want %+v", got, c.Places)
	}
}

// TestChunkSectionAt: a chunk holding the end of one section and the start
// of the next names, for a sentence of each, its own section (SectionAt),
// not the section under the chunk's middle; the places keep it through
// the stored field, and a field written before places said sections reads
// as the chunk's (a new user's trial: 报销有期限吗 cited 四、票据要求 for a
// sentence under 三、报销时限).
func TestChunkSectionAt(t *testing.T) {
	text := "三、报销时限\n员工应在费用发生后30天内提交报销申请。\n\n四、票据要求\n报销须提供正规增值税发票，收据、白条一律不予报销。\n发票抬头必须为公司全称。\n"
	parts := []corpora.Part{
		{Start: 0, Section: []string{"三、报销时限"}},
		{Start: utf8.RuneCountInString(text[:strings.Index(text, "四、")]), Section: []string{"四、票据要求"}},
	}
	chunks := Chunk(corpora.Document{ID: "r.txt", Title: "报销制度", Text: text, Parts: parts}, DefaultChunkSize)
	if len(chunks) != 1 {
		t.Fatalf("%d chunks; want one", len(chunks))
	}
	c := chunks[0]
	for sentence, want := range map[string]string{"员工应在": "三、报销时限", "报销须提供": "四、票据要求", "发票抬头": "四、票据要求"} {
		if got := c.SectionAt(utf8.RuneCountInString(c.Text[:strings.Index(c.Text, sentence)])); got != want {
			t.Errorf("%s… stands in %q; want %q", sentence, got, want)
		}
	}
	if got := corpora.DecodePlaces(corpora.EncodePlaces(c.Places)); !reflect.DeepEqual(got, c.Places) {
		t.Errorf("places through the stored field: %+v; want %+v", got, c.Places)
	}
	old := corpora.DecodePlaces("0\x1f3\x1f第 3 页\x1e12\x1f4\x1f第 4 页")
	if len(old) != 2 || old[1].Page != 4 || old[1].Section != "" {
		t.Errorf("places written without sections: %+v", old)
	}
	if got := (corpora.Chunk{Section: "二、审批", Places: old}).SectionAt(20); got != "二、审批" {
		t.Errorf("an old chunk's section: %q", got)
	}
}
