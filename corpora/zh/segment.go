package zh

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	_ "unsafe" // go:linkname, for gse's dictionary text

	"github.com/go-ego/gse"
)

// Segmenter cuts normalized Chinese text into words with gse. Loading its
// dictionary costs about a second and 200 MB, so a process shares one base
// dictionary (Default) and each knowledge base cuts with a Layer over it:
// the words a layer adds (a user dictionary, the graph's entity names)
// change how that layer cuts and no other, at index and at query time
// alike.
type Segmenter struct {
	seg *gse.Segmenter // the base dictionary, shared by every layer; never written after New

	mu       sync.RWMutex
	words    map[string]float64  // words added to this segmenter alone, with their frequency
	prefixes map[string]struct{} // the proper prefixes of those words (the DAG walks prefixes)
	added    float64             // their total frequency
}

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
	defaultErr  error
)

// Default returns the process-wide segmenter, loading gse's embedded
// simplified-Chinese dictionary on first use. Only the simplified dictionary
// is loaded because every text is normalized to simplified characters first
// (Normalize); the traditional one would add time and memory for no match.
func Default() (*Segmenter, error) {
	defaultOnce.Do(func() {
		defaultSeg, defaultErr = New()
	})
	return defaultSeg, defaultErr
}

// gseSimplified is gse's embedded simplified-Chinese dictionary text (its
// data/dict/zh/s_1.txt). gse only loads it through LoadDictStr, which then
// runs CalcToken: a second of pre-cutting every one of its 350,000 words for
// gse's shortest-path Segment API, which this package never calls (Cut and
// CutSearch with HMM look words up by frequency). Reading the text directly
// and adding the words ourselves starts a process 40% faster. Should a gse
// release rename the variable, the build fails here rather than silently.
//
//go:linkname gseSimplified github.com/go-ego/gse.zhS
var gseSimplified string

// Layer returns a segmenter over s's base dictionary with no words of its
// own: what is added to it changes its cuts alone. Layers cost nothing
// until words are added (a map entry a word).
func (s *Segmenter) Layer() *Segmenter { return &Segmenter{seg: s.seg} }

// New loads a fresh segmenter. Most callers want Default (or a Layer of
// it).
func New() (*Segmenter, error) {
	s := &Segmenter{seg: &gse.Segmenter{}}
	s.seg.SkipLog = true
	if gseSimplified == "" {
		// gse built without its embedded dictionaries: its own loader
		// reports what is missing.
		if err := s.seg.LoadDictEmbed("zh_s"); err != nil {
			return nil, fmt.Errorf("zh: load gse dictionary: %w", err)
		}
		return s, nil
	}
	s.seg.Dict = gse.NewDict()
	s.seg.Init()
	text := gseSimplified
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		// "word freq pos", as gse's LoadDictStr reads it.
		f := strings.Split(line, " ")
		word := strings.TrimSpace(f[0])
		if word == "" {
			continue
		}
		freqText, pos := "", ""
		if len(f) > 1 {
			freqText = strings.TrimSpace(f[1])
		}
		if len(f) > 2 {
			pos = strings.TrimSpace(f[2])
		}
		freq := s.seg.Size(len(f), word, freqText)
		if freq == 0 {
			continue
		}
		if err := s.seg.Dict.AddToken(s.seg.ToToken(word, freq, pos)); err != nil {
			return nil, fmt.Errorf("zh: load gse dictionary word %q: %w", word, err)
		}
	}
	return s, nil
}

// Cut returns the words of text in accurate mode (gse's DAG with HMM for
// unknown words), without punctuation or white space.
func (s *Segmenter) Cut(text string) []string {
	return s.cut(text, false)
}

// CutSearch returns the words of text in search mode: the accurate-mode words
// plus the dictionary words of two and three characters inside longer ones
// (中华人民共和国 also yields 中华, 人民, 共和国), so that a query for a part
// finds the whole. Punctuation and white space are dropped.
func (s *Segmenter) CutSearch(text string) []string {
	return s.cut(text, true)
}

// cut hands gse only the runs of Chinese (non-ASCII) letters between
// punctuation; runs of ASCII letters and digits are words as they stand.
// gse would find the same words in them, but its HMM and regular
// expressions make mixed and Latin text several times slower to cut, and
// short runs keep its per-call DAG small.
func (s *Segmenter) cut(text string, search bool) []string {
	out := make([]string, 0, len(text)/4+1)
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isASCIIAlnum(r):
			j := i + 1
			for j < len(text) && isASCIIAlnum(rune(text[j])) {
				j++
			}
			out = append(out, text[i:j])
			i = j
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 < utf8.RuneSelf || !(unicode.IsLetter(r2) || unicode.IsDigit(r2)) {
					break
				}
				j += s2
			}
			run := text[i:j]
			if j-i == size {
				out = append(out, run) // a lone character is its own word
			} else if search {
				out = s.cutSearchDAG(run, out)
			} else {
				out = s.cutDAG(run, out, true)
			}
			i = j
		default:
			i += size
		}
	}
	return out
}

func isASCIIAlnum(r rune) bool {
	return ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || ('A' <= r && r <= 'Z')
}

// keepWords drops tokens holding no letter or digit (punctuation, spaces),
// in place.
func keepWords(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if IsWord(w) {
			out = append(out, w)
		}
	}
	return out
}

// IsWord reports whether w holds at least one letter or digit (Han characters
// are letters).
func IsWord(w string) bool {
	for _, r := range w {
		if r < utf8.RuneSelf {
			if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || ('A' <= r && r <= 'Z') {
				return true
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// HasWord reports whether the dictionary (with the words added to s) holds
// w.
func (s *Segmenter) HasWord(w string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.find([]byte(w))
	return ok
}

// find looks a word up in the base dictionary and the words added to s, as
// gse's Dictionary.Find does: a word gives its frequency, a prefix of one
// (which the DAG walks through) frequency 0 and true, anything else false.
// The caller holds mu.
func (s *Segmenter) find(b []byte) (float64, bool) {
	if len(s.words) > 0 {
		if f, ok := s.words[string(b)]; ok {
			return f, true
		}
	}
	f, _, ok := s.seg.Dict.Find(b)
	if !ok && len(s.prefixes) > 0 {
		_, ok = s.prefixes[string(b)]
	}
	return f, ok
}

// totalFreq is the base dictionary's total frequency with the added words'.
// The caller holds mu.
func (s *Segmenter) totalFreq() float64 { return s.seg.Dict.TotalFreq() + s.added }

// Word is a user-dictionary entry. A zero Freq means "frequent enough to be
// cut whole".
type Word struct {
	Text string
	Freq float64
}

// ParseDict reads a user dictionary: one word per line, optionally followed
// by white space and a frequency; blank lines and lines starting with # are
// skipped. name is used in error messages.
func ParseDict(r io.Reader, name string) ([]Word, error) {
	var out []Word
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		w := Word{Text: Normalize(f[0])}
		if len(f) > 1 {
			v, err := strconv.ParseFloat(f[1], 64)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("zh: dictionary %s line %d: frequency %q is not a non-negative number", name, n, f[1])
			}
			w.Freq = v
		}
		out = append(out, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("zh: read dictionary %s: %w", name, err)
	}
	return out, nil
}

// ReadDictFile parses the user dictionary at path (see ParseDict).
func ReadDictFile(path string) ([]Word, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("zh: open dictionary: %w", err)
	}
	defer f.Close()
	return ParseDict(f, path)
}

// AddWords adds words to s's dictionary so they are cut whole, and returns
// how many were new to it. A word without a frequency gets the one gse
// suggests for keeping it whole against the base dictionary, or its
// dictionary frequency if that is higher.
func (s *Segmenter) AddWords(words []Word) (added int) {
	if len(words) == 0 {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.words == nil {
		s.words, s.prefixes = map[string]float64{}, map[string]struct{}{}
	}
	for _, w := range words {
		if w.Text == "" {
			continue
		}
		// A word the dictionary holds already keeps its frequency (gse's
		// AddToken leaves it too).
		if f, ok := s.find([]byte(w.Text)); ok && f > 0 {
			continue
		}
		freq := w.Freq
		if freq == 0 {
			// Against the base dictionary alone, so a word's frequency
			// does not depend on the words added before it (graph names
			// arrive in the order batches are written, and sorted when
			// the graph opens).
			freq = max((&Segmenter{seg: s.seg}).suggestFreq(w.Text), 10)
		}
		s.words[w.Text] = freq
		s.added += freq
		added++
		for i := range w.Text {
			if i > 0 {
				s.prefixes[w.Text[:i]] = struct{}{}
			}
		}
	}
	// gse's CalcToken (a second or more over the whole dictionary) only
	// prepares its shortest-path Segment API; Cut and CutSearch with HMM,
	// the only cuts this type makes, look words up by frequency and need
	// none of it.
	return added
}

// suggestFreq is gse's SuggestFreq for one word over s's dictionary: the
// frequency that makes the word win over the words it would be cut into
// (without HMM). The caller holds mu.
func (s *Segmenter) suggestFreq(word string) float64 {
	total := s.totalFreq()
	freq := 1.0
	for _, part := range s.cutDAG(word, nil, false) {
		if v, ok := s.find([]byte(part)); ok {
			freq *= v
		}
		freq /= total
	}
	freq, _ = math.Modf(freq * total)
	freq++
	if v, ok := s.find([]byte(word)); ok && v > freq {
		freq = v
	}
	return freq
}

// GseCut is gse's own accurate-mode Cut (with HMM) on the whole text, with
// nothing of wenda's around it: the baseline ingest throughput is measured
// against.
func (s *Segmenter) GseCut(text string) []string {
	return s.seg.Cut(text, true)
}

// PartOfSpeech returns the base dictionary's part-of-speech tag for w (nr
// for person names, ns for places …), empty when w is not in it (added
// words have none).
func (s *Segmenter) PartOfSpeech(w string) string {
	_, pos, _ := s.seg.Find(w)
	return pos
}

// Counted reports whether the dictionary gives w a count of its use: it
// lists it at more than the placeholder frequency (3) its walk's entries
// get (会扣, 能用, 盘里 are listed at 3), or the user added it.
func (s *Segmenter) Counted(w string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.find([]byte(w))
	return ok && f > 3
}

// Information is how much a word says in general Chinese, in nats: minus
// the log of its share of the dictionary's total frequency. A word the
// dictionary lacks (a name, a coinage, a compound of the documents) counts
// as rare as its rarest known part would be, and at least as rare as the
// dictionary's rarest words: 年终奖 says more than 公司.
func (s *Segmenter) Information(w string) float64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	total := s.totalFreq()
	if total <= 0 {
		return 0
	}
	if utf8.RuneCountInString(w) == 1 {
		// A single character (要, 签, 万) is common and little evidence on
		// its own; the dictionary's own frequencies for characters are not
		// usage counts (most are 2, entries for the segmenter's walk).
		return math.Log(total / 5000)
	}
	if f, ok := s.find([]byte(w)); ok && f > 0 {
		return math.Log(total / f)
	}
	// A word the dictionary lacks says a little more than the most
	// telling word it is made of: 同步盘 more than 同步; 要用 (a cut
	// across 要 | 用掉) no more than its characters. A name or code in
	// Latin letters or digits (BCPL, E1005) is as rare as words come.
	if !strings.ContainsFunc(w, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return math.Log(total)
	}
	most := 0.0
	for _, part := range s.cutDAG(w, nil, false) {
		if utf8.RuneCountInString(part) == 1 {
			most = math.Max(most, math.Log(total/5000))
		} else if f, ok := s.find([]byte(part)); ok && f > 0 {
			most = math.Max(most, math.Log(total/f))
		} else {
			most = math.Max(most, math.Log(total))
		}
	}
	return most + 1
}
