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
