package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/eval"
)

// evalRefusal fits the offline answerer's refusal decision to the signals
// `wenda eval qa --signals` wrote for question sets, scores it on each set
// fitted on the others beside the answerer's own decision, and prints the
// weights of the model fitted on them all.
func (c *cli) evalRefusal(ctx context.Context, args []string) error {
	fs := c.flags("eval refusal")
	lambda := fs.Float64("lambda", 0.01, "L2 penalty per question")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if !(*lambda > 0) || math.IsInf(*lambda, 0) {
		return exitError{2, fmt.Sprintf("eval refusal: --lambda %v: want a penalty above 0", *lambda)}
	}
	if len(pos) < 2 {
		return exitError{2, "eval refusal: usage: wenda eval refusal [--lambda L] SIGNALS.tsv SIGNALS.tsv… (two sets or more, each written by wenda eval qa --signals)"}
	}
	var sets [][]eval.RefusalRow
	var all []eval.RefusalRow
	for _, p := range pos {
		rows, names, err := eval.ReadRefusalRows(p)
		if err != nil {
			return fmt.Errorf("eval refusal: %w", err)
		}
		if strings.Join(names, ",") != strings.Join(answer.RefusalSignals, ",") {
			return fmt.Errorf("eval refusal: %s: its signals (%s) are not this build's (%s): write it again with this build", p, strings.Join(names, ","), strings.Join(answer.RefusalSignals, ","))
		}
		sets, all = append(sets, rows), append(all, rows...)
	}
	fmt.Fprintln(c.stdout, "每个集合用其余集合拟合、在它上面评分（现行：答题器现在的拒答判断）：")
	own, fitted := eval.CrossValidate(c.stdout, sets, *lambda)
	fmt.Fprintf(c.stdout, "  合计 %d 个  现行 %.4f（拒答精确率 %.4f、召回率 %.4f）  拟合 %.4f（%.4f、%.4f）\n",
		own.Questions, own.Accuracy, own.Precision, own.Recall, fitted.Accuracy, fitted.Precision, fitted.Recall)
	m := eval.FitRefusal(all, *lambda)
	s := eval.Score(all, m)
	fmt.Fprintf(c.stdout, "用全部 %d 个问题拟合：准确率 %.4f，拒答精确率 %.4f、召回率 %.4f\n\n", s.Questions, s.Accuracy, s.Precision, s.Recall)
	fmt.Fprintln(c.stdout, "权重（拒答的对数几率，正值偏向拒答）：")
	for i, w := range m.Weights {
		fmt.Fprintf(c.stdout, "  %q: %.4f\n", answer.RefusalSignals[i], w)
	}
	fmt.Fprintf(c.stdout, "  偏置: %.4f\n", m.Bias)
	return nil
}
