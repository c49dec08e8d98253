// Package sample is a small corpus the wenda project wrote itself, in its
// own words: an invented company's handbook (leave, expenses, IT support, in
// Markdown, plain text and HTML) and notes on a few idioms and Tang poems.
// It backs `wenda quickstart` and tests that need documents of every kind.
package sample

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed files
var files embed.FS

// FS returns the sample files, rooted at their folder.
func FS() fs.FS {
	sub, err := fs.Sub(files, "files")
	if err != nil {
		// The embed pattern above guarantees the folder exists.
		panic(err)
	}
	return sub
}

// WriteTo copies the sample files into dir, creating it, so they can be
// ingested like any folder.
func WriteTo(dir string) error {
	return fs.WalkDir(FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := fs.ReadFile(FS(), p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return fmt.Errorf("sample: %w", err)
		}
		return nil
	})
}

// Question is a quickstart question with a word its answer must contain.
type Question struct {
	Text, Want string
}

// Questions are asked by `wenda quickstart`; tests check their answers.
var Questions = []Question{
	{"工作满20年的员工每年有几天年假？", "20天"},
	{"北京出差住宿费每晚不超过多少钱？", "600元"},
	{"出差补助每天多少钱？", "120元"},
	{"IT 服务热线是多少？", "8008"},
	{"密码多久必须更换一次？", "90天"},
	{"洛阳纸贵出自哪里？", "晋书"},
	{"《静夜思》是谁写的？", "李白"},
	{"白日依山尽的下一句是什么？", "黄河入海流"},
	{"画龙点睛是什么意思？", "关键处"},
	{"竹篮打水的后半句是什么？", "一场空"},
	{"哪个成语比喻死守经验不知变通？", "守株待兔"},
	{"公司的股票代码是多少？", ""}, // not in the documents: must say so
}
