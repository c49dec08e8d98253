package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/wenda-rag/wenda"
	"github.com/wenda-rag/wenda/answer"
	"github.com/wenda-rag/wenda/corpora"
	"github.com/wenda-rag/wenda/internal/atomicfile"
)

type askRequest struct {
	Question string        `json:"question"`
	KB       string        `json:"kb"`
	K        int           `json:"k"`
	History  []answer.Turn `json:"history"`
	Stream   bool          `json:"stream"`
}

// ask answers a question: JSON, or Server-Sent Events when asked to stream
// (token events as they come, then the answer with its citations).
func (s *Server) ask(w http.ResponseWriter, r *http.Request) {
	var req askRequest
	if !s.decode(w, r, &req) {
		return
	}
	req.Question = strings.TrimSpace(req.Question)
	if req.Question == "" {
		writeError(w, http.StatusBadRequest, `field "question" is empty`)
		return
	}
	if req.K < 0 || req.K > 50 {
		writeError(w, http.StatusBadRequest, `field "k" must be from 1 to 50`)
		return
	}
	if len([]rune(req.Question)) > 2000 {
		writeError(w, http.StatusBadRequest, `field "question" is over 2,000 characters`)
		return
	}
	k := s.kb(w, r, req.KB, false)
	if k == nil {
		return
	}
	if !req.Stream {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
		defer cancel()
		a, err := k.Answer(ctx, answer.Request{Question: req.Question, History: req.History, K: req.K})
		if err != nil {
			writeError(w, statusOf(err), err.Error())
			return
		}
		writeJSON(w, http.StatusOK, a)
		return
	}
	sse := startSSE(w)
	a, err := k.Answer(r.Context(), answer.Request{Question: req.Question, History: req.History, K: req.K, OnToken: func(tok string) error {
		return sse.event("token", map[string]string{"text": tok})
	}})
	if err != nil {
		sse.event("error", map[string]string{"message": err.Error()})
		return
	}
	if a.Mode != answer.ModeLLM {
		// Offline answers come whole: one piece, so clients read one way.
		sse.event("token", map[string]string{"text": a.Answer})
	}
	sse.event("answer", a)
	sse.event("done", map[string]bool{"done": true})
}

func statusOf(err error) int {
	if errors.Is(err, context.DeadlineExceeded) {
		return http.StatusGatewayTimeout
	}
	return http.StatusBadGateway
}

type sseWriter struct {
	w http.ResponseWriter
	f http.Flusher
}

func startSSE(w http.ResponseWriter) *sseWriter {
	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	f, _ := w.(http.Flusher)
	return &sseWriter{w: w, f: f}
}

func (s *sseWriter) event(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(s.w, "event: %s\ndata: %s\n\n", name, b); err != nil {
		return err
	}
	if s.f != nil {
		s.f.Flush()
	}
	return nil
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		writeError(w, http.StatusBadRequest, `parameter "q" is empty`)
		return
	}
	n, err := intParam(r, "k", 10, 1, 100)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	mode := r.URL.Query().Get("mode")
	switch mode {
	case "", "bm25", "vector", "hybrid":
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf(`parameter "mode" is %q; want bm25, vector or hybrid`, mode))
		return
	}
	k := s.kb(w, r, r.URL.Query().Get("kb"), false)
	if k == nil {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	res, err := k.Search(ctx, q, wenda.SearchOptions{K: n, Mode: mode})
	if err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, wenda.ErrNoVectors) || errors.Is(err, wenda.ErrOption) {
			code = http.StatusBadRequest
		}
		writeError(w, code, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("parameter %q is %q; want a number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

// safeName keeps an uploaded file's base name and drops what could make
// it a path: folders, .., control characters, leading dots.
var unsafeChars = regexp.MustCompile(`[\x00-\x1f/\\:*?"<>|]`)

// SafeName is the name an uploaded file is stored under: its base name
// without anything that could leave the upload folder; "" when nothing is
// left.
func SafeName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	name = unsafeChars.ReplaceAllString(name, "_")
	name = strings.TrimLeft(strings.TrimSpace(name), ".")
	if len(name) > 200 {
		name = name[len(name)-200:]
	}
	return name
}

// upload is a file sent to be ingested.
type upload struct {
	Name string
	Data []byte
}

// ingestUploads keeps the files (names already made safe) in the
// knowledge base's uploads folder and ingests them one by one, each with
// its own result; a file that is not ingested is not kept.
func ingestUploads(ctx context.Context, k KB, files []upload) ([]FileResult, error) {
	dir := filepath.Join(k.Dir(), "uploads")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := make([]FileResult, len(files))
	for i, f := range files {
		out[i].Name = f.Name
		path := filepath.Join(dir, f.Name)
		if filepath.Dir(path) != dir {
			out[i].Error = "file name leaves the upload folder"
			continue
		}
		if err := atomicfile.WriteFile(path, f.Data, 0o644); err != nil {
			out[i].Error = err.Error()
			continue
		}
		sum, err := k.Ingest(ctx, []corpora.File{{Path: path, ID: "uploads/" + f.Name, Size: int64(len(f.Data))}}, wenda.IngestOptions{})
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
			os.Remove(path)
			out[i].Error = strings.ReplaceAll(out[i].Error, dir+string(filepath.Separator), "")
		}
	}
	return out, nil
}

// upload ingests files: multipart (files in "file" fields) or JSON
// {"kb", "name", "text"}.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	kb := r.URL.Query().Get("kb")
	var files []upload
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
		mr, err := r.MultipartReader()
		if err != nil {
			writeError(w, http.StatusBadRequest, "multipart body: "+err.Error())
			return
		}
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("upload over %d bytes", s.cfg.MaxUpload))
					return
				}
				writeError(w, http.StatusBadRequest, "multipart body: "+err.Error())
				return
			}
			if part.FormName() == "kb" {
				v, _ := io.ReadAll(io.LimitReader(part, 256))
				kb = string(v)
				continue
			}
			if part.FileName() == "" {
				continue
			}
			data, err := io.ReadAll(part)
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("upload over %d bytes", s.cfg.MaxUpload))
					return
				}
				writeError(w, http.StatusBadRequest, "reading "+part.FileName()+": "+err.Error())
				return
			}
			files = append(files, upload{Name: part.FileName(), Data: data})
		}
	} else {
		var req struct {
			KB   string `json:"kb"`
			Name string `json:"name"`
			Text string `json:"text"`
		}
		if !s.decode(w, r, &req) {
			return
		}
		if req.Name == "" || req.Text == "" {
			writeError(w, http.StatusBadRequest, `fields "name" and "text" are required`)
			return
		}
		if req.KB != "" {
			kb = req.KB
		}
		files = append(files, upload{Name: req.Name, Data: []byte(req.Text)})
	}
	if len(files) == 0 {
		writeError(w, http.StatusBadRequest, "no files")
		return
	}
	for i := range files {
		safe := SafeName(files[i].Name)
		if safe == "" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("file name %q leaves nothing to store it under", files[i].Name))
			return
		}
		files[i].Name = safe
	}
	k := s.kb(w, r, kb, true)
	if k == nil {
		return
	}
	res, err := ingestUploads(r.Context(), k, files)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	for _, f := range res {
		s.metrics.ingestFiles.Add(1)
		s.metrics.ingestDocs.Add(int64(f.Docs))
		if f.Error != "" {
			s.metrics.ingestFailed.Add(1)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb": orDefault(kb), "files": res})
}

func orDefault(kb string) string {
	if kb == "" {
		return "default"
	}
	return kb
}

func (s *Server) documents(w http.ResponseWriter, r *http.Request) {
	from, err := intParam(r, "from", 0, 0, 1<<30)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	size, err := intParam(r, "size", 100, 1, 1000)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	k := s.kb(w, r, r.URL.Query().Get("kb"), false)
	if k == nil {
		return
	}
	docs, total, err := k.Documents(r.Context(), from, size)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	type doc struct {
		ID     string `json:"id"`
		Title  string `json:"title"`
		Chunks int    `json:"chunks"`
	}
	out := make([]doc, len(docs))
	for i, d := range docs {
		out[i] = doc{d.ID, d.Title, d.Chunks}
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb": orDefault(r.URL.Query().Get("kb")), "total": total, "documents": out})
}

func (s *Server) deleteDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	k := s.kb(w, r, r.URL.Query().Get("kb"), true)
	if k == nil {
		return
	}
	if err := k.Remove(r.Context(), id); err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, wenda.ErrNoDocument) {
			code = http.StatusNotFound
		}
		writeError(w, code, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": id})
}

func (s *Server) entity(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	k := s.kb(w, r, r.URL.Query().Get("kb"), false)
	if k == nil {
		return
	}
	facts := k.Entity(name)
	if len(facts) == 0 {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no entity %q", name))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"name": name, "facts": facts})
}

// listKBs lists the knowledge bases the key may use, and only those.
func (s *Server) listKBs(w http.ResponseWriter, r *http.Request) {
	names, err := s.lib.List()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	k := keyOf(r)
	type kbJSON struct {
		Name  string       `json:"name"`
		Stats *wenda.Stats `json:"stats,omitempty"` // of an open knowledge base
	}
	out := []kbJSON{}
	for _, n := range names {
		if k != nil && !k.allows(n) {
			continue
		}
		x := kbJSON{Name: n}
		if k, ok := s.lib.Loaded(n); ok {
			if st, err := k.Stats(r.Context()); err == nil {
				x.Stats = &st
			}
		}
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	writeJSON(w, http.StatusOK, map[string]any{"kbs": out})
}

var kbName = regexp.MustCompile(`^[\p{L}\p{N}_-]{1,64}$`)

func (s *Server) createKB(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Name string `json:"name"`
	}
	if !s.decode(w, r, &req) {
		return
	}
	if !kbName.MatchString(req.Name) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("knowledge base name %q: use letters, digits, _ and - (at most 64)", req.Name))
		return
	}
	if k := keyOf(r); k != nil && (!k.Write || !k.allows(req.Name)) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("this key may not create knowledge base %q", req.Name))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.lib.Create(r.Context(), req.Name); err != nil {
		code := http.StatusInternalServerError
		if errors.Is(err, wenda.ErrExists) {
			code = http.StatusConflict
		}
		writeError(w, code, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"created": req.Name})
}

func (s *Server) deleteKB(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if k := keyOf(r); k != nil && (!k.Write || !k.allows(name)) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("this key may not delete knowledge base %q", name))
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.lib.Delete(r.Context(), name); err != nil {
		switch {
		case errors.Is(err, wenda.ErrNotFound):
			writeError(w, http.StatusNotFound, err.Error())
		case errors.Is(err, wenda.ErrHeld):
			writeError(w, http.StatusConflict, err.Error())
		default:
			writeError(w, http.StatusInternalServerError, err.Error())
		}
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": name})
}
