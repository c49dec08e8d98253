// Package server is wenda's HTTP service: a JSON API over knowledge bases
// (ask, search, documents, graph entities, knowledge bases), an
// OpenAI-compatible /v1/chat/completions whose model is a knowledge base,
// API keys with per-key knowledge bases and rate limits, Prometheus
// metrics, and the web page, embedded.
//
// The server knows knowledge bases through Library and KB, what
// *wenda.Library and *wenda.KB do; it keeps uploaded files itself, in a
// knowledge base's uploads folder. One failing request never takes
// the process down (handlers recover), and Shutdown lets requests in
// flight finish.
package server

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/ingest"
)

// KB is a knowledge base as the server uses it: what *wenda.KB does.
type KB interface {
	Answer(ctx context.Context, req answer.Request) (answer.Answer, error)
	Search(ctx context.Context, q string, opt wenda.SearchOptions) (wenda.Results, error)
	Ingest(ctx context.Context, files []corpora.File, opt wenda.IngestOptions) (ingest.Summary, error)
	Documents(ctx context.Context, from, size int) ([]corpora.DocRecord, int, error)
	Remove(ctx context.Context, ids ...string) error
	Entity(name string) []corpora.Fact
	Stats(ctx context.Context) (wenda.Stats, error)
	Dir() string // uploaded files are kept in its uploads folder
}

// Library is the data directory's knowledge bases: what *wenda.Library
// does.
type Library interface {
	List() ([]string, error)
	Open(ctx context.Context, name string) (KB, error) // wenda.ErrNotFound when it does not exist
	// Loaded is the knowledge base if it is open already: listings and
	// metrics report on those, and never open one (which can take seconds
	// for a large base) just to count it.
	Loaded(name string) (KB, bool)
	Create(ctx context.Context, name string) error // wenda.ErrExists
	Delete(ctx context.Context, name string) error // wenda.ErrNotFound
}

// library is a *wenda.Library as a Library.
type library struct{ *wenda.Library }

func (l library) Open(ctx context.Context, name string) (KB, error) {
	k, err := l.Library.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	return k, nil
}

func (l library) Loaded(name string) (KB, bool) {
	k, ok := l.Library.Loaded(name)
	if !ok {
		return nil, false
	}
	return k, true
}

func (l library) Create(ctx context.Context, name string) error {
	_, err := l.Library.Create(ctx, name)
	return err
}

// FileResult is what became of one uploaded file.
type FileResult struct {
	Name   string `json:"name"`
	Docs   int    `json:"documents"`
	Chunks int    `json:"chunks"`
	Error  string `json:"error,omitempty"`
}

// Config configures a Server. Zero values are the defaults.
type Config struct {
	// Keys are the API keys; none: the open mode, which New allows only
	// when Loopback is set.
	Keys     []Key
	Loopback bool // the server listens on loopback only
	// MaxBody caps a JSON request's body; default 1 MiB. MaxUpload caps an
	// upload's; default 64 MiB.
	MaxBody, MaxUpload int64
	// Timeout bounds a request's work (not a stream's); default 60 s.
	Timeout time.Duration
	// CORSOrigins are the origins allowed to call the API from a browser;
	// none: no CORS headers.
	CORSOrigins []string
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
	// Logf reports what the client is not told (a handler's panic and its
	// stack); nil: nothing.
	Logf func(format string, args ...any)
}

// Key is an API key and what it may do.
type Key struct {
	Token string   `json:"key"`
	Name  string   `json:"name"`
	KBs   []string `json:"kbs"`   // the knowledge bases it may use; "*": all
	Write bool     `json:"write"` // may ingest, delete and manage knowledge bases
	// Rate is the requests per minute it may make (a burst of as many);
	// 0: 600.
	Rate int `json:"rate_per_minute"`
}

func (k *Key) allows(kb string) bool {
	for _, b := range k.KBs {
		if b == "*" || b == kb {
			return true
		}
	}
	return false
}

// Server serves the API and the page.
type Server struct {
	cfg     Config
	lib     Library
	mux     *http.ServeMux
	keys    map[string]*Key
	limits  *limiter
	metrics *metrics
	mu      sync.Mutex // serializes knowledge-base management
}

//go:embed web
var webFS embed.FS

// New returns a Server over the knowledge bases of lib; the caller closes
// lib after the server stops.
func New(cfg Config, lib *wenda.Library) (*Server, error) {
	if lib == nil {
		return nil, errors.New("server: no knowledge bases")
	}
	return newServer(cfg, library{lib})
}

func newServer(cfg Config, lib Library) (*Server, error) {
	if lib == nil {
		return nil, errors.New("server: no knowledge bases")
	}
	if len(cfg.Keys) == 0 && !cfg.Loopback {
		return nil, errors.New("server: no API keys: the open mode is only for a loopback address")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 64 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	s := &Server{cfg: cfg, lib: lib, mux: http.NewServeMux(), keys: map[string]*Key{}, metrics: newMetrics()}
	for i := range cfg.Keys {
		k := &cfg.Keys[i]
		if k.Token == "" {
			return nil, fmt.Errorf("server: key %d (%s) has no token", i+1, k.Name)
		}
		if k.Rate <= 0 {
			k.Rate = 600
		}
		s.keys[k.Token] = k
	}
	s.limits = newLimiter(cfg.Now)
	s.routes()
	return s, nil
}

// Open reports whether the server runs without keys.
func (s *Server) Open() bool { return len(s.keys) == 0 }

// IsLoopback reports whether addr (host:port) listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) routes() {
	s.handle("GET /healthz", "healthz", false, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.handle("GET /metrics", "metrics", false, s.serveMetrics)
	s.handle("POST /v1/ask", "ask", true, s.ask)
	s.handle("GET /v1/search", "search", true, s.search)
	s.handle("POST /v1/documents", "documents_post", true, s.upload)
	s.handle("GET /v1/documents", "documents_get", true, s.documents)
	s.handle("DELETE /v1/documents/{id...}", "documents_delete", true, s.deleteDocument)
	s.handle("GET /v1/kg/entities/{name}", "kg_entity", true, s.entity)
	s.handle("GET /v1/kbs", "kbs_get", true, s.listKBs)
	s.handle("POST /v1/kbs", "kbs_post", true, s.createKB)
	s.handle("DELETE /v1/kbs/{name}", "kbs_delete", true, s.deleteKB)
	s.handle("POST /v1/chat/completions", "chat_completions", true, s.chatCompletions)
	s.handle("GET /v1/models", "models", true, s.models)
	web, _ := fs.Sub(webFS, "web")
	files := http.FileServerFS(web)
	s.handle("GET /", "page", false, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
		files.ServeHTTP(w, r)
	})
}

type ctxKey struct{}

// keyOf is the request's API key (nil in the open mode).
func keyOf(r *http.Request) *Key {
	k, _ := r.Context().Value(ctxKey{}).(*Key)
	return k
}

// handle registers a route with what every request gets: recovery,
// metrics, CORS, and for the API the key, its rate and a deadline.
func (s *Server) handle(pattern, name string, api bool, h http.HandlerFunc) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				// One failing request never takes the process down.
				s.metrics.panics.Add(1)
				s.cfg.Logf("wenda serve: %s %s: panic: %v\n%s", r.Method, r.URL.Path, p, debug.Stack())
				if !sw.wrote {
					writeError(sw, http.StatusInternalServerError, "internal error")
				}
			}
			s.metrics.observe(name, sw.status, time.Since(start))
		}()
		if s.cors(sw, r) {
			return
		}
		if api {
			if !s.authenticate(sw, r) {
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, s.keys[bearer(r)]))
		}
		h(sw, r)
	})
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodOptions && s.cors(w, r) {
		return // a preflight, for any route
	}
	s.mux.ServeHTTP(w, r)
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	return ""
}

// authenticate checks the key and its rate; false when it answered.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	if s.Open() {
		return true
	}
	k, ok := s.keys[bearer(r)]
	if !ok {
		w.Header().Set("WWW-Authenticate", `Bearer realm="wenda"`)
		writeError(w, http.StatusUnauthorized, "missing or unknown API key (Authorization: Bearer KEY)")
		return false
	}
	if wait, ok := s.limits.take(k.Token, k.Rate); !ok {
		secs := int(wait/time.Second) + 1
		w.Header().Set("Retry-After", fmt.Sprint(secs))
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("rate limit of %d requests a minute reached; retry in %d s", k.Rate, secs))
		return false
	}
	return true
}

// cors answers a preflight and sets the headers for allowed origins; true
// when it answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || len(s.cfg.CORSOrigins) == 0 {
		return false
	}
	allowed := false
	for _, o := range s.cfg.CORSOrigins {
		if o == "*" || o == origin {
			allowed = true
		}
	}
	if !allowed {
		return false
	}
	w.Header().Set("Access-Control-Allow-Origin", origin)
	w.Header().Set("Vary", "Origin")
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "GET, POST, DELETE")
		w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		w.WriteHeader(http.StatusNoContent)
		return true
	}
	return false
}

// kb opens the knowledge base a request names, if its key may use it
// (and write to it, when write): otherwise it answers and returns nil.
func (s *Server) kb(w http.ResponseWriter, r *http.Request, name string, write bool) KB {
	if name == "" {
		name = "default"
	}
	if k := keyOf(r); k != nil {
		if !k.allows(name) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("this key may not use knowledge base %q", name))
			return nil
		}
		if write && !k.Write {
			writeError(w, http.StatusForbidden, "this key may only read")
			return nil
		}
	}
	b, err := s.lib.Open(r.Context(), name)
	if errors.Is(err, wenda.ErrNotFound) || errors.Is(err, wenda.ErrName) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no knowledge base %q", name))
		return nil
	}
	if errors.Is(err, wenda.ErrHeld) {
		// Who holds it (a command line, a path) is for the log, not for
		// API clients.
		s.cfg.Logf("wenda serve: knowledge base %q: %v", name, err)
		w.Header().Set("Retry-After", "5")
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("knowledge base %q is open in another wenda process (a command such as ingest or chat; the server's log names it): the server can open it when that process ends", name))
		return nil
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return nil
	}
	return b
}

// decode reads a JSON body within the size limit into v.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", s.cfg.MaxBody))
			return false
		}
		writeError(w, http.StatusBadRequest, "request body: "+err.Error())
		return false
	}
	return true
}

type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"error": map[string]any{"message": msg, "status": status}})
}
