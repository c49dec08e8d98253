package answer

import "testing"

// TestReview17: regressions of the seventeenth pass (each answered as
// wanted at fd257e2, except the full-width-comma tag, which the pass meant
// to answer and does only after a space).
func TestReview17(t *testing.T) {
	e := offline(t)
	checkHitCases(t, e, []hitCase{
		// A "do you know" tag after a wh-question (onlyYesNo's 知道/清楚
		// exclusion bypassed by the tag clause rule).
		{"第十条 员工累计工作满1年不满10年的，年休假5天。", "年假有几天 知道吗", "5天", "是。"},
		{"第十条 每月工资于次月10日发放。", "工资几号发 你知道吗", "10日", "是。"},
		{"第三条 报销单须由部门经理签字。", "报销找谁签字 你清楚吗", "部门经理", "是。"},
		{"第三条 员工食堂位于地下一层。", "食堂在哪 知道不", "地下一层", "能。"},
		// The tag after a full-width comma: t[i+1:] cuts "，" mid-rune.
		{"第八条 国庆节前后各7天为门店销售旺季，门店员工在此期间不得申请年休假。", "国庆前后想请几天年假，行不行", "不行。", "资料中没有"},
		// 下一 of 地下一层, 上一 of 上一次课: a quantity.
		{"员工食堂位于办公楼地下一层，开放时间为11:30至13:00。", "食堂在几楼", "一层", "资料中没有"},
		{"第五条 员工停车场位于地下二层，访客停车位于地下一层。", "访客停车在地下几层", "一层", "二层"},
		{"新员工入职培训为期8周，每周上一次课。", "入职培训每周上几次课", "一次", "8周"},
		// uniqueBoundBonus: another thing's bound beats the number named.
		{"员工每月通讯补贴200元，其中流量费最多报销50元。", "通讯补贴最多多少钱", "200元", "50元"},
	})
	// 试行吗, 运行吗, 达成吗 ask with 是: 行 and 成 there are words' ends.
	for _, q := range []string{"新的考勤制度现在还在试行吗", "考勤系统还在运行吗", "季度目标还没达成吗"} {
		if v, ok := yesNo(q); !ok || v == "行" || v == "成" {
			t.Errorf("yesNo(%s) = %q, %v; want a yes-or-no question not asked with 行", q, v, ok)
		}
	}
	if v, ok := yesNo("同事借我账号用一下 行吗"); !ok || v != "行" {
		t.Errorf("yesNo(…行吗) = %q, %v; want 行", v, ok)
	}
}
