package zh

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/wenda-rag/wenda/corpora"
)

// keySet is a graph's keys as Link asks about them.
type keySet map[string]bool

func (s keySet) has(k string) bool { return s[k] }

func keysOf(names ...string) keySet {
	s := keySet{}
	for _, n := range names {
		s[Key(n)] = true
	}
	return s
}

func TestLink(t *testing.T) {
	long := strings.Repeat("长", MaxName)
	keys := keysOf("洛阳纸贵", "洛阳", "床前明月光", "明月", "李白", "luoyangzhigui", long, long+"了")
	for _, c := range []struct{ text, want string }{
		{"洛阳纸贵是什么意思？", "洛阳纸贵"},
		{"「洛陽紙貴」的出處", "洛阳纸贵"},
		{"牀前明月光，下一句", "床前明月光"},
		{"李白和洛阳", "李白"},                        // of two as long, the earlier
		{"明月几时有", "明月"},                        // a shorter name when the longer is not there
		{"luo4yang2zhi3gui4", "luoyangzhigui"}, // tone numbers
		{"今天天气怎么样", ""},
		{"", ""},
		{strings.Repeat("月", 3000) + "洛阳纸贵", "洛阳纸贵"},
		{"他说" + long + "了", long}, // the longest name found; one longer is not
	} {
		got, err := Link(context.Background(), keys.has, c.text)
		if err != nil || got != c.want {
			t.Errorf("Link(%.40q) = %q, %v; want %q", c.text, got, err, c.want)
		}
	}
}

// TestLinkLookups: a text of n characters costs fewer than MaxName
// lookups per character, none of them a copy. Linking once tried every
// substring, each copied: n²/2 lookups of strings n/3 long on average,
// 142 s for a question of 4,000 characters.
func TestLinkLookups(t *testing.T) {
	keys := keysOf("洛阳纸贵", "床前明月光")
	for _, text := range []string{"月", "床前明月光的下一句", "abc1"} {
		calls, allocs := map[int]int{}, map[int]float64{}
		for _, n := range []int{1000, 4000} {
			q := strings.Repeat(text, n/utf8.RuneCountInString(text))
			has := func(k string) bool { calls[n]++; return keys[k] }
			if _, err := Link(context.Background(), has, q); err != nil {
				t.Fatal(err)
			}
			if max := 2 * (MaxName - 1) * n; calls[n] > max { // two passes for tone numbers
				t.Errorf("%q×%d: %d lookups; want at most %d", text, n, calls[n], max)
			}
			allocs[n] = testing.AllocsPerRun(3, func() { Link(context.Background(), keys.has, q) })
		}
		if float64(calls[4000]) > 4.2*float64(calls[1000]) {
			t.Errorf("%q: %d lookups for 1,000 characters, %d for 4,000; want linear growth", text, calls[1000], calls[4000])
		}
		// The text's Key and its offsets are allocated, not the keys asked
		// about (the tone numbers' pass allocates per syllable).
		if more := allocs[4000] - allocs[1000]; more > float64(calls[4000]-calls[1000])/100 {
			t.Errorf("%q: %.0f allocations for 1,000 characters, %.0f for 4,000; want far fewer than the %d more lookups",
				text, allocs[1000], allocs[4000], calls[4000]-calls[1000])
		}
	}
}

// TestLinkStops: linking stops soon after its context is done.
func TestLinkStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	has := func(string) bool {
		if calls++; calls == 1000 {
			cancel()
		}
		return false
	}
	_, err := Link(ctx, has, strings.Repeat("月", 100000))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Link after cancel: %v; want %v", err, context.Canceled)
	}
	if max := 1000 + ctxEvery*MaxName; calls > max {
		t.Errorf("%d lookups after cancelling at 1,000; want at most %d", calls, max)
	}
}

// BenchmarkLink links texts of 1×, 4× and 16× a long question's length
// (250 characters) against the names of the idiom dictionary and 唐诗三百首,
// 宋词三百首 (their titles and lines): ns/char stays flat when the cost is
// linear. "prose" repeats the first 250 characters of the CMRC 2018
// passages; "same" is one character repeated, which no name holds: every
// start is tried at every length, the most lookups a text can cost.
func BenchmarkLink(b *testing.B) {
	keys := keySet{}
	shared := filepath.Join("..", "..", "..", "shared", "data")
	for _, p := range []string{"idioms/chinese-idioms-12976.txt", "poetry/dist/quantangshi/唐诗三百首.json", "poetry/dist/songci/宋词三百首.json"} {
		docs, err := corpora.ReadFile(corpora.File{Path: filepath.Join(shared, p), ID: p})
		if err != nil {
			b.Skipf("skipped: %v", err)
		}
		for _, d := range docs {
			if r := d.Record; r != nil {
				keys[Key(r.Fields[corpora.FieldName])] = true
				for _, l := range r.Lines {
					keys[Key(l)] = true
				}
			}
		}
	}
	passages, err := cmrcPassages()
	if err != nil {
		b.Skipf("skipped: %v", err)
	}
	const base = 250
	prose := string([]rune(strings.Join(passages, ""))[:base])
	for _, kind := range []string{"prose", "same"} {
		for _, times := range []int{1, 4, 16} {
			n := base * times
			text := strings.Repeat("月", n)
			if kind == "prose" {
				text = strings.Repeat(prose, times)
			}
			b.Run(fmt.Sprintf("%s/%dx", kind, times), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := Link(context.Background(), keys.has, text); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/char")
			})
		}
	}
}
