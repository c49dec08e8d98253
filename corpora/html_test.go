package corpora

import (
	"strings"
	"testing"
)

// Issue 12 item 11: text a browser does not show was indexed.
func TestHTMLTextHidden(t *testing.T) {
	src := `<html><head><title>页面</title><meta name="x" content="元数据"></head><body>
<p>看得见的第一段。</p>
<div hidden><p>隐藏的属性</p></div>
<div style="color: red; DISPLAY : none"><span>内联样式隐藏</span></div>
<p style="visibility:hidden">不可见</p>
<template><p>模板内容</p></template>
<span aria-hidden="true">读屏隐藏</span>
<dialog><p>关闭的对话框</p></dialog>
<input type="hidden" value="隐藏输入">
<p>看得见的<span hidden>藏</span>第二段。<br>换行后。</p>
<div hidden="until-found">可搜索的折叠内容</div>
<dialog open>打开的对话框</dialog>
<ul><li>一<li>二</ul>
</body></html>`
	title, body := HTMLText(src)
	if title != "页面" {
		t.Errorf("title = %q; want 页面", title)
	}
	for _, bad := range []string{"隐藏的属性", "内联样式隐藏", "不可见", "模板内容", "读屏隐藏", "关闭的对话框", "隐藏输入", "藏", "元数据"} {
		if strings.Contains(body, bad) {
			t.Errorf("HTMLText body %q holds hidden text %q", body, bad)
		}
	}
	for _, want := range []string{"看得见的第一段。", "看得见的第二段。\n换行后。", "可搜索的折叠内容", "打开的对话框", "一\n二"} {
		if !strings.Contains(body, want) {
			t.Errorf("HTMLText body %q lacks %q", body, want)
		}
	}
}

// TestHTMLTableCaption: the rows after a table's header carry the header
// after the table's caption, which says what their bare numbers are in.
func TestHTMLTableCaption(t *testing.T) {
	page := `<html><body><h2>第二章 价格</h2><table><caption>表1 协议客户房价折扣比例（单位：%）</caption>` +
		`<tr><th>客户等级</th><th>标准间</th><th>豪华间</th></tr><tr><td>金卡</td><td>85</td><td>85</td></tr>` +
		`<tr><td>白金卡</td><td>80</td><td>82</td></tr></table><p>第七条 协议价格不与其他优惠同时使用。</p></body></html>`
	docs, err := Parse(File{Path: "p.html", ID: "p.html"}, []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, p := range docs[0].Parts {
		if p.Row && p.Header != "" {
			rows++
			if p.Header != "表1 协议客户房价折扣比例（单位：%）\n客户等级 | 标准间 | 豪华间" {
				t.Errorf("a row's header: %q", p.Header)
			}
		}
	}
	if rows != 2 || !strings.Contains(docs[0].Text, "表1 协议客户房价折扣比例（单位：%）\n客户等级 | 标准间 | 豪华间\n金卡 | 85 | 85") {
		t.Errorf("%d rows with a header; text %q", rows, docs[0].Text)
	}
}

// TestHTMLListNumbers: an ordered list's items carry the numbers a browser
// draws (start, reversed, value, type and an inline list-style-type); an
// unordered list's items carry no bullet.
func TestHTMLListNumbers(t *testing.T) {
	for _, c := range []struct{ page, want string }{
		{`<ol><li>员工应按时上班。</li><li>迟到15分钟以上的，扣款50元。</li></ol>`, "1. 员工应按时上班。\n2. 迟到15分钟以上的，扣款50元。"},
		{`<ol start="14"><li>甲</li><li>乙</li></ol>`, "14. 甲\n15. 乙"},
		{`<ol reversed><li>甲</li><li>乙</li><li>丙</li></ol>`, "3. 甲\n2. 乙\n1. 丙"},
		{`<ol><li>甲</li><li value="7">乙</li><li>丙</li></ol>`, "1. 甲\n7. 乙\n8. 丙"},
		{`<ol type="a"><li>甲</li><li>乙</li></ol>`, "a. 甲\nb. 乙"},
		{`<ol type="I" start="4"><li>甲</li></ol>`, "IV. 甲"},
		{`<ol style="list-style-type: cjk-ideographic" start="10"><li>甲</li><li>乙</li><li value="105">丙</li></ol>`, "十、甲\n十一、乙\n一百零五、丙"},
		{`<ol style="list-style: none"><li>甲</li></ol>`, "甲"},
		{`<ul><li>甲</li><li>乙</li></ul>`, "甲\n乙"},
		{`<ol><li>甲<ol><li>子</li></ol></li><li>乙</li></ol>`, "1. 甲\n1. 子\n2. 乙"},
	} {
		if _, body := HTMLText(c.page); body != c.want {
			t.Errorf("HTMLText(%s) = %q; want %q", c.page, body, c.want)
		}
	}
}
