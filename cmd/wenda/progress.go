package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/wenda-rag/wenda/ingest"
)

// progressBar draws ingest progress on a terminal: files, chunks, MB/s and
// ETA, redrawn in place. On anything but a terminal it draws nothing.
type progressBar struct {
	w  io.Writer
	on bool
}

func newProgressBar(w io.Writer) *progressBar {
	on := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			on = true
		}
	}
	return &progressBar{w: w, on: on}
}

func (b *progressBar) update(p ingest.Progress) {
	if !b.on {
		return
	}
	secs := p.Elapsed.Seconds()
	mbps := 0.0
	if secs > 0 {
		mbps = float64(p.Bytes) / 1e6 / secs
	}
	frac := 0.0
	if p.BytesTotal > 0 {
		frac = float64(p.Bytes) / float64(p.BytesTotal)
	}
	eta := "--"
	if frac > 0 && frac < 1 {
		eta = (time.Duration(secs/frac*(1-frac)) * time.Second).Round(time.Second).String()
	}
	const width = 24
	n := int(frac * width)
	reading := ""
	if p.Reading != "" {
		reading = "  读取 " + p.Reading + " 页"
	}
	fmt.Fprintf(b.w, "\r[%s%s] %3.0f%%  文件 %d/%d  块 %d  %.2f MB/s  剩余 %s%s   ",
		strings.Repeat("█", n), strings.Repeat("·", width-n), frac*100, p.Files, p.FilesTotal, p.Chunks, mbps, eta, reading)
	if p.Done {
		fmt.Fprintln(b.w)
	}
}

// count draws a counted stage: done of total items, items per second and
// ETA.
func (b *progressBar) count(label string, done, total int, start time.Time) {
	if !b.on {
		return
	}
	secs := time.Since(start).Seconds()
	rate, eta := 0.0, "--"
	if secs > 0 && done > 0 {
		rate = float64(done) / secs
		eta = (time.Duration(float64(total-done)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(b.w, "\r%s %d/%d  %.0f 个/秒  剩余 %s   ", label, done, total, rate, eta)
	if done >= total {
		fmt.Fprintln(b.w)
	}
}
