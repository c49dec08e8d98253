package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/wenda-rag/wenda/corpora/sample"
)

// runCLI runs the command line in-process and returns its exit status and
// output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("wenda %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

type statsJSON struct {
	Documents int `json:"documents"`
	Chunks    int `json:"chunks"`
	Facts     int `json:"facts"`
}

func stats(t *testing.T, data string) statsJSON {
	t.Helper()
	var s statsJSON
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "stats", "--json")), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

type searchHit struct {
	Doc   string `json:"doc"`
	Chunk int    `json:"chunk"`
	Text  string `json:"text"`
}

func search(t *testing.T, data, q string, extra ...string) []searchHit {
	t.Helper()
	var hits []searchHit
	args := append([]string{"search", "--data", data, "--json", q}, extra...)
	if err := json.Unmarshal([]byte(mustRun(t, args...)), &hits); err != nil {
		t.Fatal(err)
	}
	return hits
}

func docs(hits []searchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Doc)
	}
	return out
}

func TestQuickstart(t *testing.T) {
	data := t.TempDir()
	out := mustRun(t, "--data", data, "quickstart")
	for _, q := range sample.Questions {
		i := strings.Index(out, "问："+q.Text)
		if i < 0 {
			t.Fatalf("quickstart output lacks %q:\n%s", q.Text, out)
		}
		block := out[i:]
		if j := strings.Index(block[1:], "问："); j >= 0 {
			block = block[:j+1]
		}
		want := q.Want
		if want == "" {
			want = "资料中没有找到相关答案"
		}
		if !strings.Contains(block, "答：") || !strings.Contains(block[strings.Index(block, "答："):], want) {
			t.Errorf("quickstart answer to %q:\n%s\nwant it to contain %q", q.Text, block, want)
		}
		if q.Want != "" && !strings.Contains(block, "[1] ") {
			t.Errorf("quickstart answer to %q has no citation:\n%s", q.Text, block)
		}
	}
	// A command's --help says what it does, as wenda --help does, then its flags.
	if _, errs := runCLIErr(t, "ask", "--help"); !strings.Contains(errs, "ask [--json]") || !strings.Contains(errs, "answer a question") || !strings.Contains(errs, "-json") {
		t.Errorf("ask --help:\n%s", errs)
	}
	// The server it suggests asks its knowledge base when a request names none.
	if !strings.Contains(out, "--kb quickstart serve") {
		t.Errorf("quickstart's serve line:\n%s", out)
	}
}

func TestIngestIdempotentChangeAndRemove(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	if err := sample.WriteTo(src); err != nil {
		t.Fatal(err)
	}
	// The five prose files: the records (idioms, poems, 歇后语) would count
	// as documents of their own and repeat the poems' text.
	for _, f := range []string{"idiom-dictionary.csv", "poet.tang.sample.json", "xiehouyu.json"} {
		if err := os.Remove(filepath.Join(src, "culture", f)); err != nil {
			t.Fatal(err)
		}
	}
	mustRun(t, "ingest", "--data", data, src)
	first := stats(t, data)
	if first.Documents != 5 || first.Chunks == 0 {
		t.Fatalf("stats after first ingest = %+v; want 5 documents", first)
	}
	out := mustRun(t, "--data", data, "ingest", src)
	if !strings.Contains(out, "写入 0 篇文档") || !strings.Contains(out, "5 篇未变") {
		t.Errorf("second ingest of the same folder: %q; want 0 written, 5 unchanged", out)
	}
	if again := stats(t, data); again != first {
		t.Errorf("stats after ingesting twice = %+v; want %+v", again, first)
	}

	// Change one file: only it is rewritten, its old text disappears.
	p := filepath.Join(src, "culture", "poems.txt")
	if err := os.WriteFile(p, []byte("唐诗笔记（修订）\n\n《春晓》是孟浩然的诗：春眠不觉晓，处处闻啼鸟。"), 0o644); err != nil {
		t.Fatal(err)
	}
	out = mustRun(t, "--data", data, "ingest", src)
	if !strings.Contains(out, "写入 1 篇文档") || !strings.Contains(out, "4 篇未变") {
		t.Errorf("ingest after changing one file: %q; want 1 written, 4 unchanged", out)
	}
	if got := docs(search(t, data, "孟浩然 春眠不觉晓")); len(got) == 0 || got[0] != "culture/poems.txt" {
		t.Errorf("search for the new text = %q; want culture/poems.txt first", got)
	}
	for _, h := range search(t, data, "登鹳雀楼 王之涣", "--k", "10") {
		if strings.Contains(h.Text, "王之涣") {
			t.Errorf("old text of the changed file still indexed: %+v", h)
		}
	}
	if s := stats(t, data); s.Documents != 5 {
		t.Errorf("stats after the change = %+v; want 5 documents", s)
	}

	// rm takes a document out of the results.
	mustRun(t, "rm", "--data", data, "handbook/expenses.txt")
	for _, h := range search(t, data, "出差补助 住宿标准", "--k", "10") {
		if h.Doc == "handbook/expenses.txt" {
			t.Errorf("removed document still found: %+v", h)
		}
	}
	if s := stats(t, data); s.Documents != 4 {
		t.Errorf("stats after rm = %+v; want 4 documents", s)
	}
	if code, _, errs := runCLI(t, "", "--data", data, "rm", "no/such.md"); code == 0 || !strings.Contains(errs, "no/such.md") {
		t.Errorf("rm of a missing document: exit %d, stderr %q; want failure naming it", code, errs)
	}
}

func encodeFile(t *testing.T, path string, enc encoding.Encoding, text string) {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestIngestBadInput(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	encodeFile(t, filepath.Join(src, "gbk.txt"), simplifiedchinese.GBK, "仓库管理规定：货物入库前必须登记批次号，并由保管员核对数量。")
	encodeFile(t, filepath.Join(src, "big5.txt"), traditionalchinese.Big5, "圖書館規則：借閱期限為三十天，逾期每日罰款五元。")
	encodeFile(t, filepath.Join(src, "utf16.txt"), unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "安全守则：实验室内禁止饮食，离开前关闭电源。")
	if err := os.WriteFile(filepath.Join(src, "broken.txt"), []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "empty.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "logo.png"), []byte("\x89PNG\r\n\x1a\n\x00\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "--data", data, "ingest", src)
	if code == 0 {
		t.Errorf("ingest of a folder with a binary and an empty file exited 0; want non-zero\n%s%s", out, errs)
	}
	for _, name := range []string{"broken.txt", "empty.md"} {
		if !strings.Contains(errs, "失败 failed") || !strings.Contains(errs, name) {
			t.Errorf("stderr does not report %s as failed:\n%s", name, errs)
		}
	}
	if !strings.Contains(errs, "略过 passed over") || !strings.Contains(errs, "logo.png") {
		t.Errorf("stderr does not say logo.png was passed over:\n%s", errs)
	}
	if !strings.Contains(out, "2 个文件失败") || !strings.Contains(out, "1 个其他类型的文件略过") {
		t.Errorf("summary %q; want 2 failed and 1 passed over", out)
	}
	for _, name := range []string{"gbk.txt", "big5.txt", "utf16.txt"} {
		if strings.Contains(errs, name) {
			t.Errorf("stderr reports %s, which is readable:\n%s", name, errs)
		}
	}
	for q, want := range map[string]string{
		"货物入库 登记批次号": "gbk.txt",
		"借阅期限 罚款":    "big5.txt", // simplified query, traditional document
		"实验室 禁止饮食":   "utf16.txt",
	} {
		if got := docs(search(t, data, q)); len(got) == 0 || got[0] != want {
			t.Errorf("search %q = %q; want %s first", q, got, want)
		}
	}
	if s := stats(t, data); s.Documents != 3 {
		t.Errorf("stats = %+v; want the 3 readable documents", s)
	}
}

func TestUserDictionary(t *testing.T) {
	const term = "云栖数据湖仓"
	src := t.TempDir()
	files := map[string]string{
		"whole.txt": "我们团队的全部业务日志、监控指标和审计记录，按照公司的规定，都统一存放在" + term + "里，查询起来很快。",
		"parts.txt": "云栖的数据，湖边的仓。",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	dict := filepath.Join(t.TempDir(), "terms.txt")
	if err := os.WriteFile(dict, []byte("# 领域词\n"+term+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "ingest", "--dict", dict, src)
	if _, err := os.Stat(filepath.Join(data, "default", "userdict.txt")); err != nil {
		t.Fatalf("the user dictionary was not kept with the knowledge base: %v", err)
	}
	if got := docs(search(t, data, term, "--lexical", "words", "--k", "2")); len(got) == 0 || got[0] != "whole.txt" {
		t.Errorf("with the dictionary, words search for %q = %q; want whole.txt first", term, got)
	}
	// Control, in the same process after the dictionary: another knowledge
	// base cuts the term into 云栖/数据/湖/仓, and the term matches the
	// short text of its parts best.
	control := t.TempDir()
	mustRun(t, "--data", control, "ingest", src)
	if got := docs(search(t, control, term, "--lexical", "words", "--k", "2")); len(got) == 0 || got[0] != "parts.txt" {
		t.Errorf("without a dictionary, words search for %q = %q; want parts.txt first (another knowledge base's dictionary leaked, or the control no longer tests anything)", term, got)
	}
}

func TestAskJSONLinesAndGlobalFlags(t *testing.T) {
	data := t.TempDir()
	mustRun(t, "quickstart", "--data", data, "--kb", "demo")
	code, out, errs := runCLI(t, "出差补助每天多少钱？\n\n密码多久必须更换一次？\n", "ask", "--json", "--kb", "demo", "--data", data)
	if code != 0 {
		t.Fatalf("ask: exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("ask --json on two questions printed %d lines: %q", len(lines), out)
	}
	for _, l := range lines {
		var a struct {
			Question  string `json:"question"`
			Answer    string `json:"answer"`
			Mode      string `json:"mode"`
			Citations []struct {
				Doc   string `json:"doc"`
				Chunk *int   `json:"chunk"`
				Text  string `json:"text"`
			} `json:"citations"`
		}
		if err := json.Unmarshal([]byte(l), &a); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if a.Mode != "extractive" || a.Answer == "" || len(a.Citations) == 0 || a.Citations[0].Chunk == nil || a.Citations[0].Doc == "" {
			t.Errorf("ask --json line = %s; want an extractive answer with a citation", l)
		}
		if strings.Contains(l, `\u`) {
			t.Errorf("ask --json escapes Chinese: %s", l)
		}
	}
	// An empty question, as an argument or as no line of input, is an
	// error that says how to ask, not silence.
	if code, _, errs := runCLI(t, "", "ask", "--kb", "demo", "--data", data, " "); code != 2 || !strings.Contains(errs, "问题是空的") {
		t.Errorf("ask \" \": exit %d, %q; want 2 and a message", code, errs)
	}
	if code, _, errs := runCLI(t, "\n\n", "ask", "--kb", "demo", "--data", data); code != 2 || !strings.Contains(errs, "没有读到问题") {
		t.Errorf("ask with no question read: exit %d, %q; want 2 and a message", code, errs)
	}
	if code, _, errs := runCLI(t, "", "--data", data, "--kb", "nope", "ask", "问题"); code == 0 || !strings.Contains(errs, "ingest") {
		t.Errorf("ask on a missing knowledge base: exit %d, %q; want an error pointing to ingest", code, errs)
	}
}

// TestKGImport: a user's own facts, imported, answered with their source,
// shown, searchable, replaced on re-import; a bad file fails by line.
func TestKGImport(t *testing.T) {
	data := t.TempDir()
	dir := t.TempDir()
	facts := filepath.Join(dir, "company.csv")
	os.WriteFile(facts, []byte("subject,relation,object,source\n星河科技,创始人,王小明,公司年报2025\n星河科技,总部,杭州,公司年报2025\n"), 0o644)
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("甲,乙,丙\n丁,戊\n"), 0o644)
	code, _, errs := runCLI(t, "", "--data", data, "kg", "import", facts, bad)
	if code != 1 || !strings.Contains(errs, "bad.csv: line 2: 2 columns") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	var a struct {
		Answer    string `json:"answer"`
		Mode      string `json:"mode"`
		Citations []struct {
			Doc, Text, Field string
		} `json:"citations"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "ask", "--json", "星河科技的创始人是谁？")), &a); err != nil {
		t.Fatal(err)
	}
	if a.Answer != "王小明" || a.Mode != "graph" || len(a.Citations) != 1 || a.Citations[0].Doc != "company.csv#星河科技" ||
		a.Citations[0].Field != "line 2" || !strings.Contains(a.Citations[0].Text, "公司年报2025") {
		t.Errorf("answer %+v", a)
	}
	if out := mustRun(t, "--data", data, "kg", "show", "星河科技"); !strings.Contains(out, "—总部→ 杭州") {
		t.Errorf("kg show: %s", out)
	}
	if out := mustRun(t, "--data", data, "search", "星河科技 总部"); !strings.Contains(out, "company.csv#星河科技") {
		t.Errorf("search: %s", out)
	}
	os.WriteFile(facts, []byte("星河科技,创始人,李小红\n"), 0o644)
	mustRun(t, "--data", data, "kg", "import", facts)
	if out := mustRun(t, "--data", data, "kg", "show", "星河科技"); !strings.Contains(out, "李小红") || strings.Contains(out, "杭州") {
		t.Errorf("after re-import: %s", out)
	}
}
