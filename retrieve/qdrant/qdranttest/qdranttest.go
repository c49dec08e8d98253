// Package qdranttest serves the part of Qdrant's gRPC API that wenda's
// adapter calls, in process on loopback, like net/http/httptest does for
// HTTP: collection create/exists/info, payload indexes, upsert, delete by
// filter and query by vector with keyword filters. It keeps the points it
// is sent and answers queries from them by cosine similarity.
package qdranttest

import (
	"context"
	"math"
	"net"
	"sort"
	"sync"
	"testing"

	qc "github.com/qdrant/go-client/qdrant"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Server is an in-process Qdrant. Its fields may be read by tests once the
// calls they make have returned.
type Server struct {
	// Addr is host:port of the gRPC endpoint.
	Addr string

	apiKey string

	mu          sync.Mutex
	Collections map[string]*Collection
	Upserts     int // upsert requests received
}

// The two services both have Get and Delete methods, so each gets a type
// of its own over the shared state.
type (
	collectionsService struct {
		qc.UnimplementedCollectionsServer
		*Server
	}
	pointsService struct {
		qc.UnimplementedPointsServer
		*Server
	}
)

// Collection is what the server holds of a collection.
type Collection struct {
	Size    uint64
	Dist    qc.Distance
	Indexes map[string]qc.FieldType
	Points  map[string]Point
}

// Point is a stored point.
type Point struct {
	Vec     []float32
	Payload map[string]*qc.Value
}

func (f *Server) auth(ctx context.Context) error {
	if f.apiKey == "" {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	if keys := md.Get("api-key"); len(keys) == 0 || keys[0] != f.apiKey {
		return status.Error(codes.Unauthenticated, "bad api key")
	}
	return nil
}

// locked checks the API key, then runs fn on the named collection under the
// lock.
func (f *Server) locked(ctx context.Context, name string, fn func(c *Collection) error) error {
	if err := f.auth(ctx); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.collection(name)
	if err != nil {
		return err
	}
	return fn(c)
}

func (f *Server) collection(name string) (*Collection, error) {
	c, ok := f.Collections[name]
	if !ok {
		return nil, status.Errorf(codes.NotFound, "collection %s not found", name)
	}
	return c, nil
}

func (f collectionsService) CollectionExists(ctx context.Context, r *qc.CollectionExistsRequest) (*qc.CollectionExistsResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.Collections[r.GetCollectionName()]
	return &qc.CollectionExistsResponse{Result: &qc.CollectionExists{Exists: ok}}, nil
}

func (f collectionsService) Create(ctx context.Context, r *qc.CreateCollection) (*qc.CollectionOperationResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.Collections[r.GetCollectionName()]; ok {
		return nil, status.Errorf(codes.AlreadyExists, "collection %s exists", r.GetCollectionName())
	}
	p := r.GetVectorsConfig().GetParams()
	f.Collections[r.GetCollectionName()] = &Collection{Size: p.GetSize(), Dist: p.GetDistance(), Indexes: map[string]qc.FieldType{}, Points: map[string]Point{}}
	return &qc.CollectionOperationResponse{Result: true}, nil
}

func (f collectionsService) Get(ctx context.Context, r *qc.GetCollectionInfoRequest) (*qc.GetCollectionInfoResponse, error) {
	var out *qc.GetCollectionInfoResponse
	err := f.locked(ctx, r.GetCollectionName(), func(c *Collection) error {
		n := uint64(len(c.Points))
		out = &qc.GetCollectionInfoResponse{Result: &qc.CollectionInfo{
			PointsCount: &n,
			Config: &qc.CollectionConfig{Params: &qc.CollectionParams{
				VectorsConfig: qc.NewVectorsConfig(&qc.VectorParams{Size: c.Size, Distance: c.Dist}),
			}},
		}}
		return nil
	})
	return out, err
}

func (f pointsService) CreateFieldIndex(ctx context.Context, r *qc.CreateFieldIndexCollection) (*qc.PointsOperationResponse, error) {
	var out *qc.PointsOperationResponse
	err := f.locked(ctx, r.GetCollectionName(), func(c *Collection) error {
		c.Indexes[r.GetFieldName()] = r.GetFieldType()
		out = completed()
		return nil
	})
	return out, err
}

func completed() *qc.PointsOperationResponse {
	return &qc.PointsOperationResponse{Result: &qc.UpdateResult{Status: qc.UpdateStatus_Completed}}
}

func (f pointsService) Upsert(ctx context.Context, r *qc.UpsertPoints) (*qc.PointsOperationResponse, error) {
	var out *qc.PointsOperationResponse
	err := f.locked(ctx, r.GetCollectionName(), func(c *Collection) error {
		f.Upserts++
		for _, p := range r.GetPoints() {
			vec := p.GetVectors().GetVector().GetDense().GetData()
			if uint64(len(vec)) != c.Size {
				return status.Errorf(codes.InvalidArgument, "wrong vector dimension: expected %d, got %d", c.Size, len(vec))
			}
			id := p.GetId().GetUuid()
			if _, err := parseUUID(id); err != nil {
				return status.Errorf(codes.InvalidArgument, "bad point id %q", id)
			}
			c.Points[id] = Point{Vec: vec, Payload: p.GetPayload()}
		}
		out = completed()
		return nil
	})
	return out, err
}

func parseUUID(s string) (string, error) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' {
		return "", status.Error(codes.InvalidArgument, "not a uuid")
	}
	return s, nil
}

// matches applies the keyword conditions of a filter's Must list.
func matches(p Point, f *qc.Filter) bool {
	for _, cond := range f.GetMust() {
		fc := cond.GetField()
		v := p.Payload[fc.GetKey()].GetStringValue()
		m := fc.GetMatch()
		switch {
		case m.GetKeyword() != "":
			if v != m.GetKeyword() {
				return false
			}
		case m.GetKeywords() != nil:
			found := false
			for _, k := range m.GetKeywords().GetStrings() {
				found = found || k == v
			}
			if !found {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func (f pointsService) Delete(ctx context.Context, r *qc.DeletePoints) (*qc.PointsOperationResponse, error) {
	var out *qc.PointsOperationResponse
	err := f.locked(ctx, r.GetCollectionName(), func(c *Collection) error {
		filter := r.GetPoints().GetFilter()
		if filter == nil {
			return status.Error(codes.InvalidArgument, "only deletes by filter are implemented here")
		}
		for id, p := range c.Points {
			if matches(p, filter) {
				delete(c.Points, id)
			}
		}
		out = completed()
		return nil
	})
	return out, err
}

func (f pointsService) Query(ctx context.Context, r *qc.QueryPoints) (*qc.QueryResponse, error) {
	var out *qc.QueryResponse
	err := f.locked(ctx, r.GetCollectionName(), func(c *Collection) error {
		q := r.GetQuery().GetNearest().GetDense().GetData()
		if uint64(len(q)) != c.Size {
			return status.Errorf(codes.InvalidArgument, "wrong query dimension: expected %d, got %d", c.Size, len(q))
		}
		var res []*qc.ScoredPoint
		for id, p := range c.Points {
			if r.GetFilter() != nil && !matches(p, r.GetFilter()) {
				continue
			}
			payload := map[string]*qc.Value{}
			for _, k := range r.GetWithPayload().GetInclude().GetFields() {
				if v, ok := p.Payload[k]; ok {
					payload[k] = v
				}
			}
			res = append(res, &qc.ScoredPoint{Id: qc.NewID(id), Score: cosine(q, p.Vec), Payload: payload})
		}
		sort.Slice(res, func(i, j int) bool { return res[i].Score > res[j].Score })
		if l := int(r.GetLimit()); l > 0 && len(res) > l {
			res = res[:l]
		}
		out = &qc.QueryResponse{Result: res}
		return nil
	})
	return out, err
}

func cosine(a, b []float32) float32 {
	var ab, aa, bb float64
	for i := range a {
		ab += float64(a[i]) * float64(b[i])
		aa += float64(a[i]) * float64(a[i])
		bb += float64(b[i]) * float64(b[i])
	}
	if aa == 0 || bb == 0 {
		return 0
	}
	return float32(ab / math.Sqrt(aa*bb))
}

// Start serves an in-process Qdrant on a loopback port until the test
// ends. With an apiKey, calls without it are refused as Qdrant does.
func Start(t testing.TB, apiKey string) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &Server{Addr: ln.Addr().String(), apiKey: apiKey, Collections: map[string]*Collection{}}
	srv := grpc.NewServer()
	qc.RegisterCollectionsServer(srv, collectionsService{Server: f})
	qc.RegisterPointsServer(srv, pointsService{Server: f})
	go srv.Serve(ln)
	t.Cleanup(srv.Stop)
	return f
}
