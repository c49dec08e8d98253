package answer

import "testing"

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
}
