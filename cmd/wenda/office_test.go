package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestOfficeBadInput ingests LibreOffice's documents beside bad ones
// — a legacy .doc, a truncated .docx, a zip bomb named .xlsx, an
// encrypted PDF, a scan (a PDF without text), a zip that is not a
// document — and expects each bad one listed as failed with what is wrong,
// and every good one ingested and searchable.
func TestIngestOfficeBadInput(t *testing.T) {
	data, src := t.TempDir(), t.TempDir()
	docsDir := filepath.Join("..", "..", "eval", "office", "docs")
	for _, name := range []string{"handbook.docx", "travel.xlsx", "onboarding.pptx", "handbook.pdf"} {
		b, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(src, name), b, 0o644)
		if name == "handbook.docx" {
			os.WriteFile(filepath.Join(src, "cut.docx"), b[:len(b)/2], 0o644)
		}
	}
	os.WriteFile(filepath.Join(src, "old.doc"), append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644)
	// A zip bomb: 300 MB of zeros as the workbook's sheet, a few hundred KB packed.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	for _, n := range []string{"[Content_Types].xml", "xl/workbook.xml"} {
		w, _ := zw.Create(n)
		w.Write([]byte("<x/>"))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 300; i++ {
		w.Write(zeros)
	}
	zw.Close()
	os.WriteFile(filepath.Join(src, "bomb.xlsx"), bomb.Bytes(), 0o644)
	var notDoc bytes.Buffer
	zw = zip.NewWriter(&notDoc)
	w, _ = zw.Create("photo.jpg")
	w.Write([]byte("not a document"))
	zw.Close()
	os.WriteFile(filepath.Join(src, "archive.docx"), notDoc.Bytes(), 0o644)
	pdf := "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n"
	os.WriteFile(filepath.Join(src, "scan.pdf"), []byte(pdf+"trailer\n<< /Root 1 0 R >>\n%%EOF\n"), 0o644)
	os.WriteFile(filepath.Join(src, "locked.pdf"), []byte(pdf+"trailer\n<< /Root 1 0 R /Encrypt << /Filter /Standard /V 2 /R 3 >> >>\n%%EOF\n"), 0o644)

	code, out, errs := runCLI(t, "", "--data", data, "ingest", src)
	if code == 0 {
		t.Errorf("exit 0 with bad files; want non-zero\n%s%s", out, errs)
	}
	for name, why := range map[string]string{
		"old.doc": "save it as .docx", "cut.docx": "damaged", "bomb.xlsx": "too large",
		"archive.docx": "not a document", "scan.pdf": "no text layer", "locked.pdf": "encrypted",
	} {
		found := false
		for _, line := range strings.Split(errs, "\n") {
			if strings.Contains(line, name) && strings.Contains(line, why) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s not listed as failed with %q:\n%s", name, why, errs)
		}
	}
	if !strings.Contains(out, "写入 4 篇文档") || !strings.Contains(out, "6 个文件失败") {
		t.Errorf("summary %q; want the 4 good files written and 6 failed", out)
	}
	for q, want := range map[string]string{
		"婚假": "handbook.docx", "分机号码 财务部": "travel.xlsx", "入职第一周": "onboarding.pptx",
	} {
		got := docs(search(t, data, q))
		if len(got) == 0 || !strings.HasPrefix(got[0], strings.TrimSuffix(want, filepath.Ext(want))) {
			t.Errorf("search %q = %q; want %s first", q, got, want)
		}
	}
}
