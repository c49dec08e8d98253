package answer

import (
	"regexp"
	"testing"
)

// recordStart matches what the expression it stands for matches.
func TestRecordStart(t *testing.T) {
	re := regexp.MustCompile(`^[^：；|]{1,30}：[^；]*；[^：；]{1,30}：`)
	for _, line := range []string{
		"年级：初三；一对一（元/课时）：420", "城市：上海；上限：650元", "：空；名：值", "说明：很长的一段话；没有冒号的一段；备注：有", "a|b：c；d：e",
		"名称：值；；下一个：值", "名称：值；一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一：值", "名称：值；短：", "没有冒号；也没有", "名称：值；后面：",
		"第一条 为规范管理：制定本办法；本办法适用于：全体员工", "问：能不能；答：不能",
	} {
		if got, want := recordStart(line), re.MatchString(line); got != want {
			t.Errorf("recordStart(%q) = %v; the expression says %v", line, got, want)
		}
	}
}
