package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/wenda-rag/wenda/answer/openai/openaitest"
)

// chromium finds Debian's chromium (or $WENDA_CHROMIUM).
func chromium() string {
	if p := os.Getenv("WENDA_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser drives the web page in headless chromium: ask a question
// about the sample corpus and watch the answer stream in, open a
// citation, upload a file, find it by search. The screenshot goes to
// $WENDA_ARTIFACTS/browser.png when that is set. Without chromium the
// test skips, unless WENDA_BROWSER_REQUIRED is set (.ci/run sets it).
func TestBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		if os.Getenv("WENDA_BROWSER_REQUIRED") != "" {
			t.Fatal("chromium not found, and WENDA_BROWSER_REQUIRED is set (apt-get install chromium)")
		}
		t.Skip("skipped: no chromium (apt-get install chromium, or set WENDA_CHROMIUM)")
	}
	if testing.Short() {
		t.Skip("skipped in -short")
	}
	// A model that streams slowly, so the page is seen mid-answer: after
	// its first sentence (sent once its citation is checked), before its
	// second.
	// A question about sick leave finds the model failing: the page shows
	// the offline answer, marked as such.
	llm := openaitest.New(func(r openaitest.Request) openaitest.Reply {
		for _, m := range r.Messages {
			if strings.Contains(m.Content, "问题：病假") {
				return openaitest.Reply{Status: 500, Error: "模型服务暂时不可用"}
			}
		}
		return openaitest.Reply{Content: "当年未休完的年假最多可以顺延到次年3月31日[1]。逾期作废[1]。", Piece: 3, Delay: 60 * time.Millisecond}
	})
	defer llm.Close()
	llmEnv(t, llm)
	ts, _ := serveTest(t)

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1100, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first call starts the browser: no deadline on it.
	if err := chromedp.Do(bctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatalf("browser: %v", err)
	}
	ctx, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	do := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	poll := func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(10*time.Millisecond))
	}
	file := filepath.Join(t.TempDir(), "团建通知.md")
	os.WriteFile(file, []byte("# 团建通知\n\n今年秋季团建定在千岛湖，时间为十月十八日至十九日，报名截止到十月十日。"), 0o644)

	do("ask",
		chromedp.WaitVisible(chromedp.ID("question")),
		poll(`document.querySelectorAll("#kb option").length > 0 && document.querySelector("#kb").value === "docs"`),
		chromedp.SendKeys(chromedp.ID("question"), "年假可以顺延到什么时候？"),
		chromedp.Click(chromedp.ID("ask")),
		// Mid-stream: some of the answer, not all of it yet.
		poll(`document.querySelector("#answer").textContent.includes("最多")`))
	partial := text("#answer")
	do("answer", chromedp.WaitVisible(chromedp.CSS("#citations li")))
	answer := text("#answer")
	do("citation", chromedp.Click(chromedp.CSS("#answer .cite")), chromedp.WaitVisible(chromedp.ID("source-panel")))
	source := text("#source-text")
	do("fallback",
		chromedp.KeyEvent("\x1b"),
		poll(`(document.querySelector("#question").value = "", true)`),
		chromedp.SendKeys(chromedp.ID("question"), "病假期间工资怎么发？"),
		chromedp.Click(chromedp.ID("ask")),
		poll(`document.querySelector("#answer .fallback") !== null`))
	fallback := text("#answer")
	do("upload",
		chromedp.KeyEvent("\x1b"),
		chromedp.Click(chromedp.ID("tab-docs")),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.ID("upload")),
		poll(`document.querySelector("#upload-results").textContent.includes("已入库")`))
	results := text("#upload-results")
	do("search",
		chromedp.Click(chromedp.ID("tab-search")),
		chromedp.SendKeys(chromedp.ID("search-q"), "千岛湖团建"),
		chromedp.Click(chromedp.ID("search-go")),
		poll(`document.querySelectorAll("#search-results .hit").length > 0`))
	found := text("#search-results")
	if strings.Contains(partial, "逾期作废") {
		t.Errorf("no partial answer seen: %q", partial)
	}
	if !strings.Contains(answer, "次年3月31日[1]。逾期作废[1]。") || !strings.Contains(source, "3月31日") {
		t.Errorf("answer %q, source %q", answer, source)
	}
	if !strings.Contains(fallback, "大模型不可用（") || !strings.Contains(fallback, "80%") {
		t.Errorf("fallback answer %q: want the notice and the offline answer", fallback)
	}
	if !strings.Contains(results, "团建通知.md") || !strings.Contains(found, "uploads/团建通知.md") || !strings.Contains(found, "bm25 #1") {
		t.Errorf("upload %q, search %q", results, found)
	}
	if dir := os.Getenv("WENDA_ARTIFACTS"); dir != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(dir, 0o755)
		p := filepath.Join(dir, "browser.png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}
