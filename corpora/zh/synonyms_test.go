package zh

import (
	"reflect"
	"slices"
	"testing"
)

// TestAliases: a text's group words are found longest first, each once,
// without the words inside a longer one found (休假 of 年休假); folded (u盘
// is U盘); a Latin word whole (ios not in bios); a kind's instances stand
// for the kind, not for one another (国庆节 → 法定节假日, never 春节).
func TestAliases(t *testing.T) {
	got := map[string][]string{}
	for _, a := range Aliases(string(Fold("年休假怎么请？生病了拷到U盘里行吗，改bios要密码吗"))) {
		got[a.Word] = a.Others
	}
	want := map[string][]string{"年休假": {"年假", "特休", "特别休假"}, "生病": {"病假", "患病", "病休"}, "u盘": {"移动存储", "移动硬盘"}, "密码": {"口令"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("aliases %v; want %v", got, want)
	}
	if g := AliasesOf("抖音"); !reflect.DeepEqual(g, []string{"视频"}) {
		t.Errorf("AliasesOf(抖音) = %v; want 视频 (刷抖音 … 看视频, 浏览短视频)", g)
	}
	// A word and one of the words it may be written as.
	for w, want := range map[string]string{
		"wifi": "无线网络",
		"ceo":  "总经理",
		"刹车油":  "制动液",
		"才能":   "方可",
		"机滤":   "机油滤清器",
		"卖给别人": "过户",
		"开车":   "驾驶",
		"班表":   "排班",
		"病逝":   "去世",
		"初中":   "七至九年级",
		"半夜":   "夜间",
		"急事":   "紧急情况",
	} {
		if g := AliasesOf(w); !slices.Contains(g, want) {
			t.Errorf("AliasesOf(%s) = %v; want %s among them", w, g, want)
		}
	}
	if g := AliasesOf("人事"); !slices.Contains(g, "人力资源") || !slices.Contains(g, "人力行政") {
		t.Errorf("AliasesOf(人事) = %v; want 人力资源, 人力行政", g)
	}
	if g := AliasesOf("国庆节"); !reflect.DeepEqual(g, []string{"法定节假日", "节假日"}) {
		t.Errorf("AliasesOf(国庆节) = %v; want the kind only, by its two names", g)
	}
	if g := AliasesOf("法定节假日"); !reflect.DeepEqual(g, []string{"节假日"}) {
		t.Errorf("AliasesOf(法定节假日) = %v; want its other name only (which holiday is not said)", g)
	}
	for w, want := range map[string]string{"红包": "礼金", "牙片": "影像资料", "货位": "库位", "不够": "不足", "平时加班": "延长工作时间", "带徒弟": "带教", "吵架": "争吵", "报掉": "报销", "垫的钱": "垫付"} {
		if g := AliasesOf(w); !slices.Contains(g, want) {
			t.Errorf("AliasesOf(%s) = %v; want %s among them", w, g, want)
		}
	}
	if g := AliasesOf("脸书"); !reflect.DeepEqual(g, []string{"社交媒体"}) {
		t.Errorf("AliasesOf(脸书) = %v; want the kind, 社交媒体, only", g)
	}
	if g := AliasesOf("爷爷"); !reflect.DeepEqual(g, []string{"祖父母"}) {
		t.Errorf("AliasesOf(爷爷) = %v; want 祖父母 only", g)
	}
	// No group word inside a longer word: 请客户 is no 请客, 热狗 no 狗.
	for _, text := range []string{"请客户过目", "吃了一个热狗", "别搞猫腻"} {
		if as := Aliases(text); len(as) != 0 {
			t.Errorf("Aliases(%q) = %v", text, as)
		}
	}
	// Speech for a rule's formal word stands for it, not it for speech.
	if g := AliasesOf("明年"); !reflect.DeepEqual(g, []string{"次年"}) {
		t.Errorf("AliasesOf(明年) = %v; want 次年 only", g)
	}
	if g := AliasesOf("次年"); len(g) != 0 {
		t.Errorf("AliasesOf(次年) = %v; want none", g)
	}
	if AliasesOf("公司") != nil {
		t.Error("公司 has no group")
	}
	for _, c := range []struct {
		text, w string
		at      int
	}{{"用ios打开", "ios", 3}, {"bios设置", "ios", -1}, {"装apps和app", "app", 10}, {"年假", "年假", 0}} {
		if i := IndexWord(c.text, c.w); i != c.at {
			t.Errorf("IndexWord(%q, %q) = %d; want %d", c.text, c.w, i, c.at)
		}
	}
	// Every word is in one group of each kind only: one of aliasGroups,
	// one of towardFirst (饮酒, 酒后; 礼拜天 is 周日 and a 休息日).
	seen := map[string]bool{}
	for kind, groups := range [][][]string{aliasGroups, towardFirst} {
		for w := range seen {
			delete(seen, w)
		}
		for _, g := range groups {
			for i, w := range g {
				if i == 0 && kind == 1 {
					continue // (a chain: 周末 stands for 休息日, 周六 for 周末)
				}
				if seen[string(Fold(w))] {
					t.Errorf("%s in two groups", w)
				}
				seen[string(Fold(w))] = true
			}
		}
	}
	if a := AliasesOf("来批"); !slices.Contains(a, "审批") {
		t.Errorf("AliasesOf(来批) = %q, want 审批 among them (报一笔材料费谁来批)", a)
	}
	if a := AliasesOf("周六"); !slices.Contains(a, "周末") || !slices.Contains(a, "休息日") {
		t.Errorf("AliasesOf(周六) = %q, want 周末 and 休息日 among them", a)
	}
	if a := AliasesOf("礼拜天"); !slices.Contains(a, "周日") || !slices.Contains(a, "休息日") {
		t.Errorf("AliasesOf(礼拜天) = %q, want 周日 and 休息日 among them", a)
	}
}

// TestRewordings: a word holding a word of a group is written with the
// group's other words in its place; a word of a group itself, or holding
// none, has none.
func TestRewordings(t *testing.T) {
	if got := Rewordings("吃晚饭"); len(got) != 1 || got[0] != "吃晚餐" {
		t.Errorf("吃晚饭: %v; want [吃晚餐]", got)
	}
	if got := Rewordings("晚饭"); got != nil {
		t.Errorf("晚饭: %v; want none (it is a group's word: AliasesOf)", got)
	}
	if got := Rewordings("服务器"); got != nil {
		t.Errorf("服务器: %v; want none", got)
	}
}

// TestSpokenWorkplaceWords: words of speech a workplace rule writes
// otherwise (换班 … 调班, 掉了 … 遗失, 车祸 … 交通事故, 买东西 … 购物).
func TestSpokenWorkplaceWords(t *testing.T) {
	for w, want := range map[string]string{"换班": "调班", "掉了": "遗失", "出车祸": "交通事故", "买东西": "购物"} {
		found := false
		for _, o := range AliasesOf(w) {
			found = found || o == want
		}
		if !found {
			t.Errorf("AliasesOf(%s) = %v; want %s among them", w, AliasesOf(w), want)
		}
	}
}
