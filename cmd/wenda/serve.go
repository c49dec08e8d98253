package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/kg"
	"github.com/wenda-rag/wenda/server"
)

// bases are the knowledge bases of the data directory as the server sees
// them: each opened once, on first use, and kept open.
type bases struct {
	c   *cli
	rf  retrieval
	lf  *llmFlags
	mu  sync.Mutex
	kbs map[string]*base
}

type base struct {
	c       *cli
	name    string
	k       *kb
	e       *answer.Engine
	rf      retrieval
	writeMu sync.Mutex // one ingest or removal at a time; searches go on
}

func (b *bases) List() ([]string, error) {
	entries, err := os.ReadDir(b.c.g.data)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && b.exists(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

func (b *bases) Open(ctx context.Context, name string) (server.Base, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if x, ok := b.kbs[name]; ok {
		return x, nil
	}
	if !b.exists(name) {
		return nil, server.ErrNoBase
	}
	return b.open(ctx, name, false)
}

func (b *bases) Loaded(name string) (server.Base, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if x, ok := b.kbs[name]; ok {
		return x, true
	}
	return nil, false
}

func validKB(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".")
}

// exists reports whether name is a knowledge base of the data directory.
func (b *bases) exists(name string) bool {
	if !validKB(name) {
		return false
	}
	_, err := os.Stat(filepath.Join(b.c.kbDir(name), "bm25"))
	return err == nil
}

// open opens (creating) a knowledge base; the caller holds mu.
func (b *bases) open(ctx context.Context, name string, create bool) (*base, error) {
	k, err := b.c.open(ctx, b.c.kbDir(name), create, true)
	if err != nil {
		return nil, err
	}
	gen, err := b.lf.generator()
	if err != nil {
		k.Close()
		return nil, err
	}
	h, err := k.retriever(b.rf)
	if err != nil {
		k.Close()
		return nil, err
	}
	e, err := answer.New(answer.Config{Graph: k.graph, LLM: gen, ContextChars: b.lf.contextChars}, h)
	if err != nil {
		k.Close()
		return nil, err
	}
	x := &base{c: b.c, name: name, k: k, e: e, rf: b.rf}
	b.kbs[name] = x
	return x, nil
}

func (b *bases) Create(ctx context.Context, name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !validKB(name) {
		return fmt.Errorf("knowledge base name %q", name)
	}
	if b.exists(name) {
		return fmt.Errorf("knowledge base %q exists", name)
	}
	_, err := b.open(ctx, name, true)
	return err
}

func (b *bases) Delete(ctx context.Context, name string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.exists(name) {
		return server.ErrNoBase
	}
	if x, ok := b.kbs[name]; ok {
		x.writeMu.Lock()
		x.k.Close()
		delete(b.kbs, name)
		x.writeMu.Unlock()
	}
	return os.RemoveAll(b.c.kbDir(name))
}

// closeAll closes every open knowledge base (after the server stopped).
func (b *bases) closeAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for name, x := range b.kbs {
		x.writeMu.Lock()
		x.k.Close()
		x.writeMu.Unlock()
		delete(b.kbs, name)
	}
}

func (x *base) Answer(ctx context.Context, req answer.Request) (answer.Answer, error) {
	return x.e.Answer(ctx, req)
}

func (x *base) Search(ctx context.Context, q string, k int, mode string) (server.Results, error) {
	r := x.rf
	r.mode = mode
	h, names, err := x.k.retrieverNamed(r)
	if err != nil {
		return server.Results{}, err
	}
	ranked, err := h.Explain(ctx, q, k)
	if err != nil {
		return server.Results{}, err
	}
	res := server.Results{Signals: names, Hits: make([]server.Result, len(ranked))}
	for i, rk := range ranked {
		res.Hits[i] = server.Result{Doc: rk.DocID, Chunk: rk.Ordinal, Title: rk.Title, Text: rk.Text, Score: rk.Score, Ranks: rk.Ranks, Scores: rk.Scores}
	}
	return res, nil
}

// Ingest stores the uploads under the knowledge base's uploads folder
// (names already made safe by the server) and ingests them one by one,
// each with its own result.
func (x *base) Ingest(ctx context.Context, files []server.Upload) ([]server.FileResult, error) {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	dir := filepath.Join(x.k.dir, "uploads")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	p, _, err := x.k.pipeline(nil, 0, corpora.FormatAuto)
	if err != nil {
		return nil, err
	}
	out := make([]server.FileResult, len(files))
	for i, f := range files {
		out[i].Name = f.Name
		path := filepath.Join(dir, f.Name)
		if rel, err := filepath.Rel(dir, path); err != nil || strings.HasPrefix(rel, "..") || filepath.Dir(path) != dir {
			out[i].Error = "file name leaves the upload folder"
			continue
		}
		tmp := path + ".part"
		if err := os.WriteFile(tmp, f.Data, 0o644); err != nil {
			out[i].Error = err.Error()
			continue
		}
		if err := os.Rename(tmp, path); err != nil {
			out[i].Error = err.Error()
			continue
		}
		sum, err := p.Run(ctx, []corpora.File{{Path: path, ID: "uploads/" + f.Name, Size: int64(len(f.Data))}})
		switch {
		case err != nil:
			out[i].Error = err.Error()
		case len(sum.Failed) > 0:
			out[i].Error = sum.Failed[0].Err.Error()
		case len(sum.Skipped) > 0:
			out[i].Error = sum.Skipped[0].Err.Error()
		}
		out[i].Docs, out[i].Chunks = sum.Docs+sum.Unchanged, sum.Chunks
		if out[i].Error != "" {
			os.Remove(path) // not kept when not ingested
			out[i].Error = strings.ReplaceAll(out[i].Error, dir+string(filepath.Separator), "")
		}
	}
	if err := x.c.refresh(ctx, x.k); err != nil {
		return out, err
	}
	return out, nil
}

func (x *base) Documents(ctx context.Context, from, size int) ([]corpora.DocRecord, int, error) {
	return x.k.index.Documents(ctx, from, size)
}

func (x *base) Remove(ctx context.Context, id string) error {
	x.writeMu.Lock()
	defer x.writeMu.Unlock()
	if err := x.k.remove(ctx, id); err != nil {
		return err
	}
	return x.c.refresh(ctx, x.k)
}

func (x *base) Entity(name string) []kg.Fact { return x.k.graph.Facts(name) }

func (x *base) Stats(ctx context.Context) (server.Stats, error) {
	st, err := x.k.index.Stats(ctx)
	if err != nil {
		return server.Stats{}, err
	}
	ents, facts, _ := x.k.graph.Stats()
	return server.Stats{Documents: st.Documents, Chunks: st.Chunks, Bytes: st.Bytes, Entities: ents, Facts: facts}, nil
}

// newServer is the server over the data directory's knowledge bases; the
// caller closes the bases after the server stops.
func (c *cli) newServer(cfg server.Config, rf retrieval, lf *llmFlags) (*server.Server, *bases, error) {
	bs := &bases{c: c, rf: rf, lf: lf, kbs: map[string]*base{}}
	if cfg.Logf == nil {
		cfg.Logf = func(format string, args ...any) { fmt.Fprintf(c.stderr, format+"\n", args...) }
	}
	srv, err := server.New(cfg, bs)
	if err != nil {
		return nil, nil, err
	}
	return srv, bs, nil
}

// serve runs the HTTP service until interrupted, then stops accepting,
// lets requests in flight finish and closes the stores.
func (c *cli) serve(ctx context.Context, args []string) error {
	fs := c.flags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	keysFile := fs.String("keys", os.Getenv("WENDA_KEYS"), `API keys: a JSON file {"keys": [{"key", "name", "kbs": ["hr"], "write": true, "rate_per_minute": 600}]} (default $WENDA_KEYS; none: open mode, loopback only)`)
	cors := fs.String("cors", "", "origins allowed to call the API from a browser, comma-separated (default: none)")
	maxUpload := fs.Int64("max-upload-mb", 64, "largest upload, in MB")
	rf := c.retrievalFlags(fs)
	lf := c.llmFlags(fs)
	if _, err := parseInterleaved(fs, args); err != nil {
		return err
	}
	var keys []server.Key
	if *keysFile != "" {
		b, err := os.ReadFile(*keysFile)
		if err != nil {
			return fmt.Errorf("serve: keys: %w", err)
		}
		var kf struct {
			Keys []server.Key `json:"keys"`
		}
		if err := json.Unmarshal(b, &kf); err != nil {
			return fmt.Errorf("serve: keys file %s: %w", *keysFile, err)
		}
		if len(kf.Keys) == 0 {
			return fmt.Errorf("serve: keys file %s holds no keys", *keysFile)
		}
		keys = kf.Keys
	}
	if _, err := lf.generator(); err != nil {
		return err
	}
	cfg := server.Config{Keys: keys, Loopback: server.IsLoopback(*addr), MaxUpload: *maxUpload << 20}
	if *cors != "" {
		cfg.CORSOrigins = strings.Split(*cors, ",")
	}
	srv, bs, err := c.newServer(cfg, *rf, lf)
	if err != nil {
		return exitError{2, err.Error()}
	}
	defer bs.closeAll()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	// No write timeout: answers stream for as long as the model writes (the
	// client's going away ends them); reading a request, even a large
	// upload, has ten minutes.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	fmt.Fprintf(c.stdout, "wenda serve：http://%s/ （数据目录 %s）\n", ln.Addr(), c.g.data)
	if srv.Open() {
		fmt.Fprintln(c.stdout, "开放模式：没有 API 密钥，任何能连到本机回环地址的程序都能读写知识库。对外提供服务请用 --keys FILE。")
	} else {
		fmt.Fprintf(c.stdout, "%d 个 API 密钥\n", len(keys))
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(c.stdout, "wenda serve：正在停止，等待进行中的请求完成…")
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "wenda serve：已停止")
	return nil
}
