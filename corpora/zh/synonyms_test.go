package zh

import (
	"reflect"
	"testing"
)

// TestAliases: a text's group words are found longest first, each once,
// without the words inside a longer one found; folded (u盘 is U盘).
func TestAliases(t *testing.T) {
	got := map[string]bool{}
	for _, a := range Aliases(string(Fold("上班时间几点？生病了拷到U盘里行吗"))) {
		got[a.Word] = true
		for _, o := range a.Others {
			if o == a.Word {
				t.Errorf("%s among its own others", o)
			}
		}
	}
	want := map[string]bool{"上班时间": true, "生病": true, "u盘": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words %v; want %v", got, want)
	}
	if g := AliasesOf("年假"); len(g) != 2 || g[0] != "年休假" {
		t.Errorf("AliasesOf(年假) = %v", g)
	}
	if AliasesOf("公司") != nil {
		t.Error("公司 has no group")
	}
	// Every word is in one group only.
	seen := map[string]int{}
	for i, g := range aliasGroups {
		for _, w := range g {
			if j, ok := seen[string(Fold(w))]; ok {
				t.Errorf("%s in groups %d and %d", w, j, i)
			}
			seen[string(Fold(w))] = i
		}
	}
}
