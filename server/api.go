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
	"unicode/utf8"

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
	req.History = latest(req.History)
	if msg := checkConversation(req.Question, req.History); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
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
		if fe := (*answer.FallbackError)(nil); errors.As(err, &fe) {
			writeJSON(w, http.StatusOK, s.fallback(s.orDefault(req.KB), fe))
			return
		}
		if err != nil {
			s.fail(w, s.orDefault(req.KB), err, http.StatusBadGateway)
			return
		}
		writeJSON(w, http.StatusOK, a)
		return
	}
	sse := startSSE(w)
	// An LLM's answer comes a sentence at a time, each once its citations
	// are checked: a citation the answer drops is never sent.
	streamed := false
	a, err := k.Answer(r.Context(), answer.Request{Question: req.Question, History: req.History, K: req.K, OnToken: func(tok string) error {
		streamed = true
		return sse.event("token", map[string]string{"text": tok})
	}})
	if fe := (*answer.FallbackError)(nil); errors.As(err, &fe) {
		// The LLM failed: the offline answer, marked, with the error.
		fa := s.fallback(s.orDefault(req.KB), fe)
		text := fe.Notice() + "\n" + fa.Answer.Answer
		if streamed {
			text = "\n" + text // below what the model said before it failed
		}
		sse.event("token", map[string]string{"text": text})
		sse.event("answer", fa)
		sse.event("done", map[string]bool{"done": true})
		return
	}
	if err != nil {
		sse.event("error", map[string]string{"message": s.clean(err.Error())})
		return
	}
	if a.Mode != answer.ModeLLM {
		// Offline answers come whole: one piece, so clients read one way.
		sse.event("token", map[string]string{"text": a.Answer})
	}
	sse.event("answer", a)
	sse.event("done", map[string]bool{"done": true})
}

// fallbackAnswer is an offline answer given because the LLM failed: the
// answer, marked, with the error.
type fallbackAnswer struct {
	answer.Answer
	Fallback bool   `json:"fallback"`
	Error    string `json:"error"`
}

// fallback is the offline answer of fe for a client, the failure logged.
func (s *Server) fallback(kb string, fe *answer.FallbackError) fallbackAnswer {
	s.cfg.Logf("wenda serve: knowledge base %q: answered offline: %v", kb, fe.Err)
	return fallbackAnswer{fe.Offline, true, s.clean(fe.Err.Error())}
}

// latest is the turns of a conversation that are read: the last
// MaxTurns.
func latest(history []answer.Turn) []answer.Turn {
	return history[max(0, len(history)-MaxTurns):]
}

// checkConversation is what is wrong with a question and the turns before
// it, "" if nothing: the limits are one for every route, and bound the
// work a request can ask for.
func checkConversation(q string, history []answer.Turn) string {
	n := utf8.RuneCountInString(q)
	if n > MaxQuestion {
		return fmt.Sprintf("the question is over %d characters", MaxQuestion)
	}
	for i, t := range history {
		for _, f := range []string{t.Question, t.Standalone, t.Entity} {
			if utf8.RuneCountInString(f) > MaxQuestion {
				return fmt.Sprintf("earlier turn %d: its question is over %d characters", i+1, MaxQuestion)
			}
		}
		n += utf8.RuneCountInString(t.Question) + utf8.RuneCountInString(t.Standalone) + utf8.RuneCountInString(t.Entity) + utf8.RuneCountInString(t.Answer)
	}
	if n > MaxConversation {
		return fmt.Sprintf("the conversation is over %d characters", MaxConversation)
	}
	return ""
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
	if utf8.RuneCountInString(q) > MaxQuestion {
		writeError(w, http.StatusBadRequest, fmt.Sprintf(`parameter "q" is over %d characters`, MaxQuestion))
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
		s.fail(w, s.orDefault(r.URL.Query().Get("kb")), err, http.StatusInternalServerError)
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
// without anything that could leave the upload folder, valid UTF-8 (its
// document id must be one), at most 200 bytes kept from its end (the
// extension says how to read it), cut between characters; "" when
// nothing is left.
func SafeName(name string) string {
	name = strings.ToValidUTF8(name, "_")
	name = strings.ReplaceAll(name, "\\", "/")
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	name = unsafeChars.ReplaceAllString(name, "_")
	name = strings.TrimLeft(strings.TrimSpace(name), ".")
	if len(name) > 200 {
		i := len(name) - 200
		for i < len(name) && !utf8.RuneStart(name[i]) {
			i++
		}
		name = strings.TrimLeft(name[i:], ".")
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
// its own result; a file that is not ingested is not kept. It stops when
// ctx ends (the client left: the files after are neither kept nor
// ingested) or the knowledge base is closed.
func ingestUploads(ctx context.Context, k KB, files []upload) ([]FileResult, error) {
	dir := filepath.Join(k.Dir(), "uploads")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := make([]FileResult, len(files))
	for i, f := range files {
		if err := ctx.Err(); err != nil {
			return out[:i], err
		}
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
		if err != nil && (ctx.Err() != nil || errors.Is(err, wenda.ErrClosed)) {
			return out[:i+1], err
		}
	}
	return out, nil
}

// maxFields is how many parts besides files an upload may hold.
const maxFields = 10

// upload ingests files: multipart (files in "file" fields, the knowledge
// base in ?kb= or a "kb" field before them) or JSON {"kb", "name",
// "text"}. The key and the knowledge base are checked before a file is
// read.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	if k := keyOf(r); k != nil && !k.Write {
		unread(w, r)
		writeError(w, http.StatusForbidden, "this key may only read")
		return
	}
	kb := r.URL.Query().Get("kb")
	var b KB
	var files []upload
	switch mediaType(r) {
	case "multipart/form-data":
		if kb != "" {
			if b = s.kb(w, r, kb, true); b == nil {
				unread(w, r)
				return
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
		mr, err := r.MultipartReader()
		if err != nil {
			writeError(w, http.StatusBadRequest, "multipart body: "+err.Error())
			return
		}
		fields := 0
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				s.badUpload(w, err)
				return
			}
			if part.FileName() == "" {
				if fields++; fields > maxFields {
					writeError(w, http.StatusBadRequest, fmt.Sprintf("more than %d fields besides files", maxFields))
					return
				}
				if part.FormName() != "kb" {
					continue
				}
				v, _ := io.ReadAll(io.LimitReader(part, 256))
				if b != nil {
					if string(v) != kb {
						writeError(w, http.StatusBadRequest, `the "kb" field names another knowledge base than ?kb=, or comes after the files`)
						return
					}
					continue
				}
				kb = string(v)
				if b = s.kb(w, r, kb, true); b == nil {
					unread(w, r)
					return
				}
				continue
			}
			if len(files) == MaxFiles {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("more than %d files in one upload", MaxFiles))
				return
			}
			safe := SafeName(part.FileName())
			if safe == "" {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("file name %q leaves nothing to store it under", part.FileName()))
				return
			}
			if b == nil {
				if b = s.kb(w, r, kb, true); b == nil {
					unread(w, r)
					return
				}
			}
			data, err := io.ReadAll(part)
			if err != nil {
				s.badUpload(w, err)
				return
			}
			files = append(files, upload{Name: safe, Data: data})
		}
		// To the body's end: net/http then watches the connection, and a
		// client that leaves cancels the ingest.
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			s.badUpload(w, err)
			return
		}
	case "application/json":
		if kb != "" {
			if b = s.kb(w, r, kb, true); b == nil {
				unread(w, r)
				return
			}
		}
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
		safe := SafeName(req.Name)
		if safe == "" {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("file name %q leaves nothing to store it under", req.Name))
			return
		}
		if b != nil && req.KB != "" && req.KB != kb {
			writeError(w, http.StatusBadRequest, `field "kb" names another knowledge base than ?kb=`)
			return
		}
		if b == nil {
			kb = req.KB
			if b = s.kb(w, r, kb, true); b == nil {
				return
			}
		}
		files = append(files, upload{Name: safe, Data: []byte(req.Text)})
	default:
		unread(w, r)
		writeError(w, http.StatusUnsupportedMediaType, "upload: want Content-Type: multipart/form-data (files) or application/json")
		return
	}
	if len(files) == 0 {
		writeError(w, http.StatusBadRequest, "no files")
		return
	}
	res, err := ingestUploads(r.Context(), b, files)
	for _, f := range res {
		s.metrics.ingestFiles.Add(1)
		s.metrics.ingestDocs.Add(int64(f.Docs))
		if f.Error != "" {
			s.metrics.ingestFailed.Add(1)
		}
	}
	if err != nil {
		s.fail(w, s.orDefault(kb), err, http.StatusInternalServerError)
		return
	}
	for i := range res {
		res[i].Error = s.clean(res[i].Error)
	}
	writeJSON(w, http.StatusOK, map[string]any{"kb": s.orDefault(kb), "files": res})
}

// badUpload answers an error reading a multipart body.
func (s *Server) badUpload(w http.ResponseWriter, err error) {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("upload over %d bytes", s.cfg.MaxUpload))
		return
	}
	writeError(w, http.StatusBadRequest, "multipart body: "+err.Error())
}

// orDefault is the knowledge base a request names, or the server's
// default (Config.DefaultKB) when it names none.
func (s *Server) orDefault(kb string) string {
	if kb == "" {
		return s.cfg.DefaultKB
	}
	return kb
}

// others says, after a knowledge base not found, which there are that
// the request's key may use (the sample's is "quickstart", not the
// default's "default"): a client learns what to name. Empty when there
// are none or they cannot be listed.
func (s *Server) others(r *http.Request) string {
	all, err := s.lib.List()
	if err != nil {
		return ""
	}
	var names []string
	for _, n := range all {
		if k := keyOf(r); k == nil || k.allows(n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return ""
	}
	if len(names) > 20 {
		names = append(names[:20:20], "…")
	}
	return fmt.Sprintf(` (knowledge bases here: %s; name one with "kb", or "model" on /v1/chat/completions)`, strings.Join(names, ", "))
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
		s.fail(w, s.orDefault(r.URL.Query().Get("kb")), err, http.StatusInternalServerError)
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
	writeJSON(w, http.StatusOK, map[string]any{"kb": s.orDefault(r.URL.Query().Get("kb")), "total": total, "documents": out})
}

// deleteDocument removes a document, and the file it was uploaded as.
func (s *Server) deleteDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	k := s.kb(w, r, r.URL.Query().Get("kb"), true)
	if k == nil {
		return
	}
	if err := k.Remove(r.Context(), id); err != nil {
		s.fail(w, s.orDefault(r.URL.Query().Get("kb")), err, http.StatusInternalServerError)
		return
	}
	if name, ok := strings.CutPrefix(id, "uploads/"); ok && SafeName(name) == name {
		// Only a name an upload could have been stored under: nothing
		// outside the uploads folder.
		err := os.Remove(filepath.Join(k.Dir(), "uploads", name))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			s.cfg.Logf("wenda serve: delete %s: %v", id, err)
		}
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": id})
}

// document shows one document as the index holds it: its record and its
// chunks in order, each with where it stands in the file (the page's
// chunk preview: why an answer was missed).
func (s *Server) document(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	k := s.kb(w, r, r.URL.Query().Get("kb"), false)
	if k == nil {
		return
	}
	rec, chunks, err := k.Document(r.Context(), id)
	if errors.Is(err, wenda.ErrNoDocument) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no document %q", id))
		return
	}
	if err != nil {
		s.fail(w, s.orDefault(r.URL.Query().Get("kb")), err, http.StatusInternalServerError)
		return
	}
	type chunkJSON struct {
		N       int    `json:"n"`
		Start   int    `json:"start"`
		End     int    `json:"end"`
		Text    string `json:"text"`
		Section string `json:"section,omitempty"`
		Page    int    `json:"page,omitempty"`
		Where   string `json:"where,omitempty"`
		Header  string `json:"header,omitempty"`
	}
	out := make([]chunkJSON, len(chunks))
	for i, c := range chunks {
		out[i] = chunkJSON{N: c.Ordinal, Start: c.Start, End: c.End, Text: c.Text, Section: c.Section, Page: c.Page, Where: c.Where, Header: c.Header}
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": rec.ID, "title": rec.Title, "chunks": out})
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
		writeError(w, http.StatusInternalServerError, s.clean(err.Error()))
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
	if err := s.lib.Create(r.Context(), req.Name); err != nil {
		if errors.Is(err, wenda.ErrExists) {
			writeError(w, http.StatusConflict, fmt.Sprintf("knowledge base %q exists", req.Name))
			return
		}
		s.fail(w, req.Name, err, http.StatusInternalServerError)
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
	if err := s.lib.Delete(r.Context(), name); err != nil {
		if errors.Is(err, wenda.ErrHeld) {
			// Another process holds it: not this server's to delete now.
			s.cfg.Logf("wenda serve: delete knowledge base %q: %v", name, err)
			writeError(w, http.StatusConflict, fmt.Sprintf("knowledge base %q is open in another wenda process (the server's log names it): delete it when that process ends", name))
			return
		}
		s.fail(w, name, err, http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": name})
}
