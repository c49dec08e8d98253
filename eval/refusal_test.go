package eval

import (
	"math"
	"testing"
)

// TestFitRefusal fits a decision that one signal separates, and scores it
// as `wenda eval qa` counts: a row another test decided keeps its outcome.
func TestFitRefusal(t *testing.T) {
	var rows []RefusalRow
	for i := 0; i < 40; i++ {
		x := float64(i) / 40          // the passage's coverage of the question
		noise := math.Sin(float64(i)) // a signal that says nothing
		rows = append(rows, RefusalRow{Unanswerable: x < 0.3, Right: x >= 0.3, Weighed: true, Found: true, Refused: x < 0.5, Signals: []float64{x, noise}})
	}
	rows = append(rows, RefusalRow{Unanswerable: false, Right: false, Weighed: false, Found: false}) // refused by another test
	m := FitRefusal(rows, 0.001)
	s := Score(rows, m)
	if s.Right != 40 || s.Refused != 13 || s.RefusedRight != 12 || s.Unanswerable != 12 {
		t.Errorf("fitted: %+v (model %+v)", s, m)
	}
	if m.Weights[0] >= 0 || math.Abs(m.Weights[1]) > math.Abs(m.Weights[0])/10 {
		t.Errorf("weights %v: coverage should weigh against refusing, the noise next to nothing", m.Weights)
	}
	if own := Score(rows, RefusalModel{}); own.Right != 32 || own.Refused != 21 {
		t.Errorf("the answerer's own decision: %+v", own)
	}
}
