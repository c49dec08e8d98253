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
// flight finish. A request's work ends when its client leaves: handlers
// read a body to its end (only then does net/http watch the connection)
// and pass the request's context to every call.
//
// The open mode (no keys) trusts whoever reaches the loopback address, so
// it refuses what a web page elsewhere could send there: a Host that is
// not a loopback name (DNS rebinding), a cross-origin write, a body a
// simple form can send (bodies are JSON, or multipart uploads).
package server

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"strings"
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
	Document(ctx context.Context, id string) (corpora.DocRecord, []corpora.Chunk, error)
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
	// BodyTimeout bounds the time a request's body takes to arrive,
	// multipart uploads excepted (the http.Server's ReadTimeout bounds
	// those); default 30 s.
	BodyTimeout time.Duration
	// CORSOrigins are the origins allowed to call the API from a browser;
	// none: no CORS headers. In the open mode they are the only other
	// origins that may write, and "*" is refused.
	CORSOrigins []string
	// Hosts are the names the open mode answers to beside loopback ones
	// (localhost, 127.0.0.1, ::1): the listen address's host, say.
	Hosts []string
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
	// Logf reports what the client is not told (a handler's panic and its
	// stack); nil: nothing.
	Logf func(format string, args ...any)
	// DefaultKB is the knowledge base a request naming none uses (the
	// command line's --kb); default "default".
	DefaultKB string
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

// The limits of a request, the same on every route.
const (
	// MaxQuestion is the longest question, in characters: the question
	// asked and each earlier one of the conversation.
	MaxQuestion = 2000
	// MaxConversation is the most characters of a conversation: the
	// question and the earlier turns' questions and answers.
	MaxConversation = 20000
	// MaxTurns is how many earlier turns of a conversation are read, the
	// latest; those before are passed over (a chat client sends them all).
	MaxTurns = 10
	// MaxFiles is the most files one upload may hold.
	MaxFiles = 100
)

// authFailures is how many wrong keys a client may send a minute (a burst
// of as many); then all its requests wait.
const authFailures = 20

// Server serves the API and the page.
type Server struct {
	cfg      Config
	lib      Library
	mux      *http.ServeMux
	keys     map[string]*Key
	limits   *limiter // per key
	failures *limiter // wrong keys per client address
	metrics  *metrics
	xorigin  *http.CrossOriginProtection // the open mode's
	dataDir  *regexp.Regexp              // the data directory's absolute path in a message, and the separator after it
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
	if cfg.BodyTimeout <= 0 {
		cfg.BodyTimeout = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.DefaultKB == "" {
		cfg.DefaultKB = "default"
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	s := &Server{cfg: cfg, lib: lib, mux: http.NewServeMux(), keys: map[string]*Key{}, metrics: newMetrics()}
	if err := CheckKeys(cfg.Keys); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	keys := make([]Key, len(cfg.Keys))
	copy(keys, cfg.Keys)
	for i := range keys {
		k := &keys[i]
		if k.Rate <= 0 {
			k.Rate = 600
		}
		s.keys[k.Token] = k
	}
	s.xorigin = http.NewCrossOriginProtection()
	for _, o := range cfg.CORSOrigins {
		if o == "*" {
			if len(keys) == 0 {
				return nil, errors.New("server: CORS origin * in the open mode would let any web page use the knowledge bases: name the origins, or use keys")
			}
			continue
		}
		if err := s.xorigin.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("server: CORS origin %q: %w", o, err)
		}
	}
	if d, ok := lib.(interface{ Dir() string }); ok && d.Dir() != "" {
		if abs, err := filepath.Abs(d.Dir()); err == nil {
			sep := regexp.QuoteMeta(string(filepath.Separator))
			s.dataDir = regexp.MustCompile(regexp.QuoteMeta(abs) + `(` + sep + `|\b)`)
		}
	}
	s.limits = newLimiter(cfg.Now)
	s.failures = newLimiter(cfg.Now)
	s.routes()
	return s, nil
}

// CheckKeys says what makes keys unusable: a key without a token, or a
// token given to two keys (one entry would silently take the other's
// rights). Its messages name the keys by number and name, never by token.
func CheckKeys(keys []Key) error {
	seen := map[string]int{}
	for i, k := range keys {
		if k.Token == "" {
			return fmt.Errorf("key %d (%s) has no token", i+1, k.Name)
		}
		if j, ok := seen[k.Token]; ok {
			return fmt.Errorf("keys %d (%s) and %d (%s) have the same token: give each its own", j+1, keys[j].Name, i+1, k.Name)
		}
		seen[k.Token] = i
	}
	return nil
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
	s.handle("GET /metrics", "metrics", true, s.serveMetrics)
	s.handle("POST /v1/ask", "ask", true, s.ask)
	s.handle("GET /v1/search", "search", true, s.search)
	s.handle("POST /v1/documents", "documents_post", true, s.upload)
	s.handle("GET /v1/documents", "documents_get", true, s.documents)
	s.handle("GET /v1/documents/{id...}", "document_get", true, s.document)
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
		if strings.HasPrefix(r.URL.Path, "/v1/") {
			s.noRoute(w, r) // (an API client is answered in JSON, not with the page's 404)
			return
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'")
		files.ServeHTTP(w, r)
	})
}

// noRoute answers a GET of the API's that no route serves: 405 naming the
// methods the path takes (GET /v1/ask: POST), else 404, in JSON as every
// API error is.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodPost, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "" && !strings.HasSuffix(pattern, " /") {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
		return
	}
	writeError(w, http.StatusNotFound, fmt.Sprintf("no route %s %s (the API: /v1/ask, /v1/search, /v1/documents, /v1/kbs, /v1/kg/entities/NAME, /v1/chat/completions, /v1/models)", r.Method, r.URL.Path))
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
		if r.ContentLength != 0 && !(name == "documents_post" && mediaType(r) == "multipart/form-data") {
			// A body that trickles in holds its connection for no more
			// than this; decode lifts the deadline once the body is read,
			// so a long answer is not cut.
			http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout))
		}
		h(sw, r)
	})
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.Open() {
		if !s.ourHost(r.Host) {
			writeError(w, http.StatusForbidden, fmt.Sprintf("host %q is not this server's name: without keys it answers to loopback names only (localhost, 127.0.0.1)", r.Host))
			return
		}
		if err := s.xorigin.Check(r); err != nil {
			writeError(w, http.StatusForbidden, "a write from another origin: without keys only this server's page (and --cors origins) may write")
			return
		}
	}
	if r.Method == http.MethodOptions && s.cors(w, r) {
		return // a preflight, for any route
	}
	s.mux.ServeHTTP(w, r)
}

// ourHost reports whether host, a request's Host, names the server in the
// open mode: a loopback name or address, or one of Config.Hosts. A web
// page elsewhere reaches the loopback address under its own name (DNS
// rebinding), which is refused.
func (s *Server) ourHost(host string) bool {
	if host == "" {
		return true // HTTP/1.0: no browser sends it
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true // browsers resolve these to loopback themselves
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.cfg.Hosts {
		if strings.EqualFold(strings.Trim(h, "[]"), host) {
			return true
		}
	}
	return false
}

// mediaType is the request's Content-Type without its parameters.
func mediaType(r *http.Request) string {
	t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return t
}

func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if t, ok := strings.CutPrefix(h, "Bearer "); ok {
		return strings.TrimSpace(t)
	}
	return ""
}

// authenticate checks the key and its rate; false when it answered. A
// client that sent too many wrong keys waits, whatever key it sends now:
// guessing gains nothing.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) bool {
	if s.Open() {
		return true
	}
	client := clientOf(r)
	if wait, ok := s.failures.peek(client, authFailures); !ok {
		unread(w, r)
		secs := int(wait/time.Second) + 1
		w.Header().Set("Retry-After", fmt.Sprint(secs))
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("too many wrong API keys from this address; retry in %d s", secs))
		return false
	}
	k, ok := s.keys[bearer(r)]
	if !ok {
		s.failures.take(client, authFailures)
		unread(w, r)
		w.Header().Set("WWW-Authenticate", `Bearer realm="wenda"`)
		writeError(w, http.StatusUnauthorized, "missing or unknown API key (Authorization: Bearer KEY)")
		return false
	}
	if wait, ok := s.limits.take(k.Token, k.Rate); !ok {
		unread(w, r)
		secs := int(wait/time.Second) + 1
		w.Header().Set("Retry-After", fmt.Sprint(secs))
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("rate limit of %d requests a minute reached; retry in %d s", k.Rate, secs))
		return false
	}
	return true
}

// unread closes the connection after the answer to a request refused
// before its body was read, rather than read the body to discard it.
func unread(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength != 0 {
		w.Header().Set("Connection", "close")
	}
}

// clientOf is the address a request came from, without its port; for
// IPv6 its /64 network, which one client holds whole.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return host
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
	name = s.orDefault(name)
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
	if errors.Is(err, wenda.ErrNotFound) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no knowledge base %q", name)+s.others(r))
		return nil
	}
	if err != nil {
		s.fail(w, name, err, http.StatusInternalServerError)
		return nil
	}
	return b
}

// fail answers err, from a call on knowledge base name, alike on every
// route; code is the status of an error no rule names.
func (s *Server) fail(w http.ResponseWriter, name string, err error, code int) {
	msg := err.Error()
	switch {
	case errors.Is(err, wenda.ErrClosed):
		// Deleted under the request (or the server stopping): the
		// knowledge base is gone, as it will be for the next request.
		code, msg = http.StatusNotFound, fmt.Sprintf("knowledge base %q was deleted (closed) while the request ran", name)
	case errors.Is(err, wenda.ErrNotFound), errors.Is(err, wenda.ErrName):
		code, msg = http.StatusNotFound, fmt.Sprintf("no knowledge base %q", name)
	case errors.Is(err, wenda.ErrNoDocument):
		code = http.StatusNotFound
	case errors.Is(err, wenda.ErrHeld):
		// Who holds it (a command line, a path) is for the log, not for
		// API clients.
		s.cfg.Logf("wenda serve: knowledge base %q: %v", name, err)
		w.Header().Set("Retry-After", "5")
		code, msg = http.StatusServiceUnavailable, fmt.Sprintf("knowledge base %q is open in another wenda process (a command such as ingest or chat; the server's log names it): the server can open it when that process ends", name)
	case errors.Is(err, wenda.ErrNoVectors), errors.Is(err, wenda.ErrOption):
		code = http.StatusBadRequest
	case errors.Is(err, context.DeadlineExceeded):
		code = http.StatusGatewayTimeout
	case errors.Is(err, context.Canceled):
		code = 499 // the client left; no one reads this
	}
	writeError(w, code, s.clean(msg))
}

// clean is msg as a client may read it: paths within the data directory
// are relative to it (where the server keeps its data is not theirs to
// know).
func (s *Server) clean(msg string) string {
	if s.dataDir == nil {
		return msg
	}
	return s.dataDir.ReplaceAllStringFunc(msg, func(m string) string {
		if strings.HasSuffix(m, string(filepath.Separator)) {
			return "" // a path inside it
		}
		return "." // the directory itself
	})
}

// jsonProblem says what is wrong with a request's JSON in the request's
// terms: the field and the type it wants, not the server's Go type
// (askRequest.question), and a body cut short as such.
func jsonProblem(err error) string {
	var typ *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &typ):
		want := typ.Type.Kind().String()
		switch typ.Type.Kind() {
		case reflect.Int, reflect.Int64, reflect.Float64:
			want = "a number"
		case reflect.Bool:
			want = "true or false"
		case reflect.String:
			want = "a string"
		case reflect.Slice:
			want = "an array"
		case reflect.Struct, reflect.Map:
			want = "an object"
		}
		got := "a " + typ.Value
		if typ.Value != "" && strings.ContainsRune("aeiou", rune(typ.Value[0])) {
			got = "an " + typ.Value
		}
		if typ.Field == "" {
			return "want a JSON object, not " + got
		}
		return fmt.Sprintf("field %q: want %s, not %s", typ.Field, want, got)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "invalid JSON: the body ends before its value does (or is empty)"
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d: %v", syn.Offset, err)
	}
	return err.Error()
}

// decode reads a JSON body within the size limit into v, to its end:
// only then does net/http watch the connection and cancel the request's
// context when the client leaves.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if mediaType(r) != "application/json" {
		// Nor what a form or a page's simple request can send.
		writeError(w, http.StatusUnsupportedMediaType, "request body: want Content-Type: application/json")
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	dec := json.NewDecoder(r.Body)
	err := dec.Decode(v)
	if err == nil {
		if err = dec.Decode(&struct{}{}); err == io.EOF {
			err = nil
		} else if err == nil {
			err = errors.New("more than one JSON value")
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", s.cfg.MaxBody))
		case errors.As(err, &ne) && ne.Timeout():
			w.Header().Set("Connection", "close")
			writeError(w, http.StatusRequestTimeout, fmt.Sprintf("request body not received within %s", s.cfg.BodyTimeout))
		default:
			writeError(w, http.StatusBadRequest, "request body: "+jsonProblem(err))
		}
		return false
	}
	http.NewResponseController(w).SetReadDeadline(time.Time{})
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
