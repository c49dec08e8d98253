package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/server"
)

// library is the data directory's knowledge bases as the server opens
// them: for writing, answering with the LLM when one is configured,
// recorded as held by this server at addr.
func (c *cli) library(rf wenda.SearchOptions, lf *llmFlags, addr string) (*wenda.Library, error) {
	cfg, err := c.kbConfig(writeKB)
	if err != nil {
		return nil, err
	}
	gen, err := lf.generator()
	if err != nil {
		return nil, err
	}
	cfg.Retrieval, cfg.LLM, cfg.ContextChars = rf, gen, lf.contextChars
	cfg.Holder = wenda.Holder{Command: "wenda serve", Addr: addr}
	// A knowledge base a command has open for a moment is waited for.
	cfg.LockWait = 5 * time.Second
	return wenda.NewLibrary(c.g.data, cfg), nil
}

// newServer is the server over the data directory's knowledge bases; the
// caller closes the library after the server stops.
func (c *cli) newServer(cfg server.Config, lib *wenda.Library) (*server.Server, error) {
	if cfg.Logf == nil {
		cfg.Logf = func(format string, args ...any) { fmt.Fprintf(c.stderr, format+"\n", args...) }
	}
	return server.New(cfg, lib)
}

// readKeys reads a keys file, {"keys": [{"key", "name", "kbs", "write",
// "rate_per_minute"}]}: a token given to two keys refuses the file.
func readKeys(path string) ([]server.Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("serve: keys: %w", err)
	}
	var kf struct {
		Keys []server.Key `json:"keys"`
	}
	if err := json.Unmarshal(b, &kf); err != nil {
		return nil, fmt.Errorf("serve: keys file %s: %w", path, err)
	}
	if len(kf.Keys) == 0 {
		return nil, fmt.Errorf("serve: keys file %s holds no keys", path)
	}
	if err := server.CheckKeys(kf.Keys); err != nil {
		return nil, fmt.Errorf("serve: keys file %s: %w", path, err)
	}
	return kf.Keys, nil
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
		var err error
		if keys, err = readKeys(*keysFile); err != nil {
			return err
		}
	}
	if _, err := lf.generator(); err != nil {
		return err
	}
	cfg := server.Config{Keys: keys, Loopback: server.IsLoopback(*addr), MaxUpload: *maxUpload << 20, DefaultKB: c.g.kb}
	if host, _, err := net.SplitHostPort(*addr); err == nil && host != "" {
		cfg.Hosts = []string{host}
	}
	if *cors != "" {
		cfg.CORSOrigins = strings.Split(*cors, ",")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	lib, err := c.library(*rf, lf, "http://"+ln.Addr().String())
	if err != nil {
		ln.Close()
		return err
	}
	defer lib.Close()
	srv, err := c.newServer(cfg, lib)
	if err != nil {
		ln.Close()
		if len(keys) == 0 && !cfg.Loopback {
			return exitError{2, err.Error() + " (give API keys with --keys FILE, or listen on 127.0.0.1)"}
		}
		return exitError{2, err.Error()}
	}
	// No write timeout: answers stream for as long as the model writes (the
	// client's going away ends them); reading a request, even a large
	// upload, has ten minutes (other bodies: the server's BodyTimeout).
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 10 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	fmt.Fprintf(c.stdout, "wenda serve：http://%s/ （数据目录 %s）\n", ln.Addr(), c.g.data)
	if srv.Open() {
		fmt.Fprintln(c.stdout, "开放模式：没有 API 密钥，任何能连到本机回环地址的程序都能读写知识库。对外提供服务请用 --keys FILE。")
	} else {
		fmt.Fprintf(c.stdout, "%d 个 API 密钥\n", len(keys))
	}
	if !lib.Exists(c.g.kb) {
		// (Requests naming no knowledge base use --kb's: say so when it
		// is not there yet, and which are.)
		if names, err := lib.List(); err == nil && len(names) > 0 {
			fmt.Fprintf(c.stdout, "未指定知识库的请求使用 %q，它还不存在；现有的知识库：%s。请求里用 \"kb\" 指定，或用 wenda --kb %s serve 启动。\n", c.g.kb, strings.Join(names, "、"), names[0])
		}
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
		// Requests still running after 30 s are cut off, so that the
		// knowledge bases can close.
		hs.Close()
		return err
	}
	fmt.Fprintln(c.stdout, "wenda serve：已停止")
	return nil
}
