// Package qdrant keeps chunk vectors in a Qdrant server, for knowledge bases
// that outgrow one machine. It speaks Qdrant's gRPC API through the official
// go-client: one collection (cosine distance, the embedding model's
// dimension) with keyword payload indexes on the knowledge base and the
// document, so several knowledge bases can share it.
//
// Point ids are UUIDs derived from the knowledge base and chunk id, so
// writing a chunk again overwrites it. As with the embedded index, every
// vector of a collection must come from one embedding model.
package qdrant

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"
	qc "github.com/qdrant/go-client/qdrant"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/wenda-rag/wenda/corpora"
)

// Config configures a Store. Zero values are the defaults.
type Config struct {
	// URL of Qdrant's gRPC endpoint: host:port, http://host:port or
	// https://host:port (TLS). The port defaults to 6334; 6333 is Qdrant's
	// REST port and is refused with a hint.
	URL        string
	APIKey     string
	TLS        *tls.Config // with https; nil uses TLS 1.3 and the system roots
	Collection string      // default "wenda"
	KB         string      // knowledge base these vectors belong to; required
	Dimension  int         // required
	BatchSize  int         // points per upsert; default 256
}

// Errors worth telling apart.
var (
	ErrUnreachable = errors.New("qdrant server unreachable")
	ErrAuth        = errors.New("qdrant server refused the API key")
	ErrDimension   = errors.New("collection holds vectors of another dimension")
)

// Store is a Qdrant-backed vector store for one knowledge base.
type Store struct {
	cfg    Config
	addr   string
	client *qc.Client
}

// New connects to Qdrant and makes sure the collection exists with the
// configured dimension and its payload indexes.
func New(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.KB == "" || cfg.Dimension <= 0 {
		return nil, errors.New("qdrant: Config needs KB and Dimension")
	}
	if cfg.Collection == "" {
		cfg.Collection = "wenda"
	}
	if cfg.BatchSize <= 0 {
		cfg.BatchSize = 256
	}
	host, port, useTLS, err := parseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	qcfg := &qc.Config{Host: host, Port: port, APIKey: cfg.APIKey, UseTLS: useTLS, TLSConfig: cfg.TLS,
		SkipCompatibilityCheck: true, PoolSize: 1}
	client, err := qc.NewClient(qcfg)
	if err != nil {
		return nil, fmt.Errorf("qdrant: connect %s:%d: %w", host, port, err)
	}
	s := &Store{cfg: cfg, addr: fmt.Sprintf("%s:%d", host, port), client: client}
	if err := s.ensureCollection(ctx); err != nil {
		client.Close()
		return nil, err
	}
	return s, nil
}

func parseURL(raw string) (host string, port int, useTLS bool, err error) {
	if raw == "" {
		raw = "localhost:6334"
	}
	if !strings.Contains(raw, "://") {
		raw = "grpc://" + raw
	}
	u, perr := url.Parse(raw)
	if perr != nil || u.Hostname() == "" {
		return "", 0, false, fmt.Errorf("qdrant: URL %q: want host:port or http(s)://host:port", raw)
	}
	useTLS = u.Scheme == "https"
	port = 6334
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return "", 0, false, fmt.Errorf("qdrant: URL %q: bad port", raw)
		}
	}
	if port == 6333 {
		return "", 0, false, fmt.Errorf("qdrant: URL %q: 6333 is Qdrant's REST port; wenda speaks gRPC, usually on 6334", raw)
	}
	return u.Hostname(), port, useTLS, nil
}

// wrap turns gRPC failures into errors that say what to do.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	switch status.Code(err) {
	case codes.Unavailable, codes.DeadlineExceeded:
		return fmt.Errorf("qdrant: %s at %s: %w: %v", op, s.addr, ErrUnreachable, err)
	case codes.Unauthenticated, codes.PermissionDenied:
		return fmt.Errorf("qdrant: %s at %s: %w: %w", op, s.addr, ErrAuth, err)
	}
	return fmt.Errorf("qdrant: %s at %s: %w", op, s.addr, err)
}

func (s *Store) ensureCollection(ctx context.Context) error {
	exists, err := s.client.CollectionExists(ctx, s.cfg.Collection)
	if err != nil {
		return s.wrap("check collection "+s.cfg.Collection, err)
	}
	if exists {
		info, err := s.client.GetCollectionInfo(ctx, s.cfg.Collection)
		if err != nil {
			return s.wrap("read collection "+s.cfg.Collection, err)
		}
		size := info.GetConfig().GetParams().GetVectorsConfig().GetParams().GetSize()
		if int(size) != s.cfg.Dimension {
			return fmt.Errorf("qdrant: collection %s at %s: %w: it holds %d, the embedding model gives %d (use another collection, or embed again with a model of that dimension)",
				s.cfg.Collection, s.addr, ErrDimension, size, s.cfg.Dimension)
		}
		return nil
	}
	err = s.client.CreateCollection(ctx, &qc.CreateCollection{
		CollectionName: s.cfg.Collection,
		VectorsConfig:  qc.NewVectorsConfig(&qc.VectorParams{Size: uint64(s.cfg.Dimension), Distance: qc.Distance_Cosine}),
	})
	if err != nil {
		return s.wrap("create collection "+s.cfg.Collection, err)
	}
	for _, field := range []string{"kb", "doc"} {
		if _, err := s.client.CreateFieldIndex(ctx, &qc.CreateFieldIndexCollection{
			CollectionName: s.cfg.Collection, FieldName: field, FieldType: qc.FieldType_FieldTypeKeyword.Enum(), Wait: qc.PtrOf(true),
		}); err != nil {
			return s.wrap("index payload field "+field, err)
		}
	}
	return nil
}

// pointNamespace makes point ids: UUID v5 of "kb\x00chunk id".
var pointNamespace = uuid.MustParse("5b0c8d2e-6f1a-4c57-9a43-3f7d1e2a9b10")

// PointID is the Qdrant point id of a chunk of a knowledge base.
func PointID(kb, chunkID string) string {
	return uuid.NewSHA1(pointNamespace, []byte(kb+"\x00"+chunkID)).String()
}

// Upsert writes the vectors of chunks, in batches, waiting for each to be
// applied.
func (s *Store) Upsert(ctx context.Context, items []corpora.Embedding) error {
	for start := 0; start < len(items); start += s.cfg.BatchSize {
		end := min(start+s.cfg.BatchSize, len(items))
		points := make([]*qc.PointStruct, 0, end-start)
		for _, it := range items[start:end] {
			if len(it.Vector) != s.cfg.Dimension {
				return fmt.Errorf("qdrant: chunk %s has dimension %d, the collection %d: %w", it.ChunkID, len(it.Vector), s.cfg.Dimension, ErrDimension)
			}
			points = append(points, &qc.PointStruct{
				Id:      qc.NewID(PointID(s.cfg.KB, it.ChunkID)),
				Vectors: qc.NewVectorsDense(it.Vector),
				Payload: qc.NewValueMap(map[string]any{"kb": s.cfg.KB, "doc": it.DocID, "chunk": it.ChunkID}),
			})
		}
		if _, err := s.client.Upsert(ctx, &qc.UpsertPoints{CollectionName: s.cfg.Collection, Wait: qc.PtrOf(true), Points: points}); err != nil {
			return s.wrap(fmt.Sprintf("upsert %d points", len(points)), err)
		}
	}
	return nil
}

func (s *Store) filter(docs ...string) *qc.Filter {
	f := &qc.Filter{Must: []*qc.Condition{qc.NewMatchKeyword("kb", s.cfg.KB)}}
	if len(docs) == 1 {
		f.Must = append(f.Must, qc.NewMatchKeyword("doc", docs[0]))
	} else if len(docs) > 1 {
		f.Must = append(f.Must, qc.NewMatchKeywords("doc", docs...))
	}
	return f
}

// DeleteDoc removes every vector of a document of the knowledge base.
func (s *Store) DeleteDoc(ctx context.Context, docID string) error {
	_, err := s.client.Delete(ctx, &qc.DeletePoints{
		CollectionName: s.cfg.Collection, Wait: qc.PtrOf(true), Points: qc.NewPointsSelectorFilter(s.filter(docID)),
	})
	return s.wrap("delete document "+docID, err)
}

// Search returns the k chunks of the knowledge base (of docs, if given)
// nearest to q, through the Query API.
func (s *Store) Search(ctx context.Context, q []float32, k int, docs ...string) ([]corpora.Hit, error) {
	if len(q) != s.cfg.Dimension {
		return nil, fmt.Errorf("qdrant: query of dimension %d, collection %d: %w", len(q), s.cfg.Dimension, ErrDimension)
	}
	if k <= 0 {
		k = 10
	}
	res, err := s.client.Query(ctx, &qc.QueryPoints{
		CollectionName: s.cfg.Collection,
		Query:          qc.NewQueryDense(q),
		Filter:         s.filter(docs...),
		Limit:          qc.PtrOf(uint64(k)),
		WithPayload:    qc.NewWithPayloadInclude("chunk", "doc"),
	})
	if err != nil {
		return nil, s.wrap("query", err)
	}
	hits := make([]corpora.Hit, 0, len(res))
	for _, p := range res {
		chunk := p.GetPayload()["chunk"].GetStringValue()
		_, ord, ok := corpora.SplitChunkID(chunk)
		if !ok {
			return nil, fmt.Errorf("qdrant: point %s has no chunk id in its payload", p.GetId().GetUuid())
		}
		hits = append(hits, corpora.Hit{Chunk: corpora.Chunk{ID: chunk, DocID: p.GetPayload()["doc"].GetStringValue(), Ordinal: ord}, Score: float64(p.GetScore())})
	}
	return hits, nil
}

// Close closes the connection.
func (s *Store) Close() error { return s.client.Close() }
