package answer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestScanRe: every expression made with mustScan finds what regexp
// finds, with every method, on the lines of the evaluation documents in
// text and on edge cases (bytes not UTF-8, matches at either end).
func TestScanRe(t *testing.T) {
	texts := []string{"", "1", "满3年", "3000元以下由经理审批；3000元及以上由总监审批。", "\xff5天\xfe", "工龄满5年不满10年的，探亲假7天",
		"上午9:30至下午5:30", "5,000元（含）以上、50,000元以下", "2023年5月1日起", "约3万元", "财务部经理", "清朝末年"}
	var whole []string // whole documents, as chunks are read: the costly calls are checked on lines
	for _, dir := range []string{"../eval/enterprise/plain", "../eval/office/plain", "../eval/colloquial/docs"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			texts = append(texts, strings.Split(string(b), "\n")...)
			whole = append(whole, string(b))
		}
	}
	if len(texts) < 500 || len(whole) == 0 {
		t.Fatalf("only %d texts: the evaluation documents were not found", len(texts))
	}
	if raceOn {
		// (under the race detector, every seventh line: the same
		// expressions, a tenth of the time)
		var sample []string
		for i := 0; i < len(texts); i += 7 {
			sample = append(sample, texts[i])
		}
		texts, whole = sample, whole[:1]
	}
	if len(scanned) < 5 {
		t.Fatalf("only %d expressions made with mustScan", len(scanned))
	}
	listed := 0
	for _, s := range scanned {
		if s.anchored != nil {
			listed++
		}
		re := s.re
		for _, text := range texts {
			if got, want := s.FindAllStringSubmatchIndex(text, -1), re.FindAllStringSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s: FindAllStringSubmatchIndex(%.40q) = %v; want %v", s, text, got, want)
			}
			if got, want := s.FindAllStringIndex(text, 2), re.FindAllStringIndex(text, 2); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s: FindAllStringIndex(%.40q, 2) = %v; want %v", s, text, got, want)
			}
			if got, want := s.FindAllStringSubmatch(text, -1), re.FindAllStringSubmatch(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s: FindAllStringSubmatch(%.40q) = %q; want %q", s, text, got, want)
			}
			if got, want := s.FindStringSubmatch(text), re.FindStringSubmatch(text); !slices.Equal(got, want) {
				t.Fatalf("%s: FindStringSubmatch(%.40q) = %q; want %q", s, text, got, want)
			}
			if got, want := s.FindStringIndex(text), re.FindStringIndex(text); !slices.Equal(got, want) {
				t.Fatalf("%s: FindStringIndex(%.40q) = %v; want %v", s, text, got, want)
			}
			if got, want := s.MatchString(text), re.MatchString(text); got != want {
				t.Fatalf("%s: MatchString(%.40q) = %v; want %v", s, text, got, want)
			}
			if got, want := s.ReplaceAllString(text, "<$1>"), re.ReplaceAllString(text, "<$1>"); got != want {
				t.Fatalf("%s: ReplaceAllString(%.40q) = %.80q; want %.80q", s, text, got, want)
			}
		}
		for _, text := range whole {
			if got, want := s.FindAllStringSubmatchIndex(text, -1), re.FindAllStringSubmatchIndex(text, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("%s: FindAllStringSubmatchIndex(%.40q) = %v; want %v", s, text, got, want)
			}
		}
	}
	if listed == 0 {
		t.Error("no expression is searched from its first characters")
	}
}

// TestFirstRunes: the characters a match can begin with, through
// optional parts, alternatives and repeats; none listed for ^ or .
func TestFirstRunes(t *testing.T) {
	for expr, want := range map[string]string{
		`(约|大约)?[0-9]+`: "约大0123456789",
		`a*b|c{0,2}d`:   "abcd",
		`(?:x|)y`:       "xy",
	} {
		s := mustScan(expr)
		scanned = scanned[:len(scanned)-1]
		var got []rune
		for r := rune(0); r < 0x10000; r++ {
			if s.anchored != nil && s.canStart(r) {
				got = append(got, r)
			}
		}
		w := []rune(want)
		slices.Sort(w)
		if !slices.Equal(got, w) {
			t.Errorf("first characters of %s = %q; want %q", expr, string(got), string(w))
		}
	}
	for _, expr := range []string{`^a`, `.b`, `a?`, `\bx`} {
		if s := mustScan(expr); s.anchored != nil {
			t.Errorf("%s is searched from its first characters; want as regexp searches it", expr)
		}
		scanned = scanned[:len(scanned)-1]
	}
}

// TestIsFAQQuestion: a line opening with a question's marker, after any
// white space, is an FAQ's question.
func TestIsFAQQuestion(t *testing.T) {
	for s, want := range map[string]bool{"问：打印纸在哪里领？": true, " \u3000Q: where": true, "\tQ. 如何": true, "问题：": true,
		"问": false, "Q": false, "": false, "答：在行政部。": false, "我想问：几点": false, "Q.": false} {
		if got := isFAQQuestion([]rune(s)); got != want {
			t.Errorf("isFAQQuestion(%q) = %v; want %v", s, got, want)
		}
	}
}

// ReplaceEach writes what repl makes of each match it takes, up to the end
// repl gives, and leaves declined matches and the text between as they
// stand.
func TestReplaceEach(t *testing.T) {
	re := mustScan(`([0-9]+)天`)
	got := re.ReplaceEach("请3天假，再请10天，共13天", func(m []int) (string, int, bool) {
		return "<" + "请3天假，再请10天，共13天"[m[2]:m[3]] + ">", m[1], "请3天假，再请10天，共13天"[m[2]:m[3]] != "10"
	})
	if want := "请<3>假，再请10天，共<13>"; got != want {
		t.Errorf("ReplaceEach = %q; want %q", got, want)
	}
	if got := re.ReplaceEach("没有数字", func(m []int) (string, int, bool) { return "x", m[1], true }); got != "没有数字" {
		t.Errorf("ReplaceEach without a match = %q", got)
	}
}

func TestSpokenDimes(t *testing.T) {
	for in, want := range map[string]string{"差了五毛钱": "差了0.5元钱", "一块五毛": "1.5元", "画个三角形": "画个三角形", "十五毛": "十五毛", "羊毛衫": "羊毛衫"} {
		if got := spokenDimes(in); got != want {
			t.Errorf("spokenDimes(%s) = %s; want %s", in, got, want)
		}
	}
}
