package qdrant

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

// fakeQdrant implements the part of Qdrant's gRPC API the Store calls:
// collection create/exists/info, payload indexes, upsert, delete by
// filter and query by vector with keyword filters. It keeps the points it
// is sent and answers queries from them (cosine, as the collection says),
// so tests check both what is sent and what is parsed back.
type fakeQdrant struct {
	apiKey string

	mu          sync.Mutex
	collections map[string]*fakeCollection
	upserts     int // upsert requests received
}

// The two services both have Get and Delete methods, so each gets a type
// of its own over the shared state.
type (
	fakeCollections struct {
		qc.UnimplementedCollectionsServer
		*fakeQdrant
	}
	fakePoints struct {
		qc.UnimplementedPointsServer
		*fakeQdrant
	}
)

type fakeCollection struct {
	size    uint64
	dist    qc.Distance
	indexes map[string]qc.FieldType
	points  map[string]fakePoint
}

type fakePoint struct {
	vec     []float32
	payload map[string]*qc.Value
}

func (f *fakeQdrant) auth(ctx context.Context) error {
	if f.apiKey == "" {
		return nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	if keys := md.Get("api-key"); len(keys) == 0 || keys[0] != f.apiKey {
		return status.Error(codes.Unauthenticated, "bad api key")
	}
	return nil
}

func (f *fakeQdrant) collection(name string) (*fakeCollection, error) {
	c, ok := f.collections[name]
	if !ok {
		return nil, status.Errorf(codes.NotFound, "collection %s not found", name)
	}
	return c, nil
}

func (f fakeCollections) CollectionExists(ctx context.Context, r *qc.CollectionExistsRequest) (*qc.CollectionExistsResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.collections[r.GetCollectionName()]
	return &qc.CollectionExistsResponse{Result: &qc.CollectionExists{Exists: ok}}, nil
}

func (f fakeCollections) Create(ctx context.Context, r *qc.CreateCollection) (*qc.CollectionOperationResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.collections[r.GetCollectionName()]; ok {
		return nil, status.Errorf(codes.AlreadyExists, "collection %s exists", r.GetCollectionName())
	}
	p := r.GetVectorsConfig().GetParams()
	f.collections[r.GetCollectionName()] = &fakeCollection{size: p.GetSize(), dist: p.GetDistance(), indexes: map[string]qc.FieldType{}, points: map[string]fakePoint{}}
	return &qc.CollectionOperationResponse{Result: true}, nil
}

func (f fakeCollections) Get(ctx context.Context, r *qc.GetCollectionInfoRequest) (*qc.GetCollectionInfoResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.collection(r.GetCollectionName())
	if err != nil {
		return nil, err
	}
	n := uint64(len(c.points))
	return &qc.GetCollectionInfoResponse{Result: &qc.CollectionInfo{
		PointsCount: &n,
		Config: &qc.CollectionConfig{Params: &qc.CollectionParams{
			VectorsConfig: qc.NewVectorsConfig(&qc.VectorParams{Size: c.size, Distance: c.dist}),
		}},
	}}, nil
}

func (f fakePoints) CreateFieldIndex(ctx context.Context, r *qc.CreateFieldIndexCollection) (*qc.PointsOperationResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.collection(r.GetCollectionName())
	if err != nil {
		return nil, err
	}
	c.indexes[r.GetFieldName()] = r.GetFieldType()
	return completed(), nil
}

func completed() *qc.PointsOperationResponse {
	return &qc.PointsOperationResponse{Result: &qc.UpdateResult{Status: qc.UpdateStatus_Completed}}
}

func (f fakePoints) Upsert(ctx context.Context, r *qc.UpsertPoints) (*qc.PointsOperationResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.collection(r.GetCollectionName())
	if err != nil {
		return nil, err
	}
	f.upserts++
	for _, p := range r.GetPoints() {
		vec := p.GetVectors().GetVector().GetDense().GetData()
		if uint64(len(vec)) != c.size {
			return nil, status.Errorf(codes.InvalidArgument, "wrong vector dimension: expected %d, got %d", c.size, len(vec))
		}
		id := p.GetId().GetUuid()
		if _, err := parseUUID(id); err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "bad point id %q", id)
		}
		c.points[id] = fakePoint{vec: vec, payload: p.GetPayload()}
	}
	return completed(), nil
}

func parseUUID(s string) (string, error) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' {
		return "", status.Error(codes.InvalidArgument, "not a uuid")
	}
	return s, nil
}

// matches applies the keyword conditions of a filter's Must list.
func matches(p fakePoint, f *qc.Filter) bool {
	for _, cond := range f.GetMust() {
		fc := cond.GetField()
		v := p.payload[fc.GetKey()].GetStringValue()
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

func (f fakePoints) Delete(ctx context.Context, r *qc.DeletePoints) (*qc.PointsOperationResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.collection(r.GetCollectionName())
	if err != nil {
		return nil, err
	}
	filter := r.GetPoints().GetFilter()
	if filter == nil {
		return nil, status.Error(codes.InvalidArgument, "only deletes by filter are implemented here")
	}
	for id, p := range c.points {
		if matches(p, filter) {
			delete(c.points, id)
		}
	}
	return completed(), nil
}

func (f fakePoints) Query(ctx context.Context, r *qc.QueryPoints) (*qc.QueryResponse, error) {
	if err := f.auth(ctx); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c, err := f.collection(r.GetCollectionName())
	if err != nil {
		return nil, err
	}
	q := r.GetQuery().GetNearest().GetDense().GetData()
	if uint64(len(q)) != c.size {
		return nil, status.Errorf(codes.InvalidArgument, "wrong query dimension: expected %d, got %d", c.size, len(q))
	}
	var out []*qc.ScoredPoint
	for id, p := range c.points {
		if r.GetFilter() != nil && !matches(p, r.GetFilter()) {
			continue
		}
		payload := map[string]*qc.Value{}
		for _, k := range r.GetWithPayload().GetInclude().GetFields() {
			if v, ok := p.payload[k]; ok {
				payload[k] = v
			}
		}
		out = append(out, &qc.ScoredPoint{Id: qc.NewID(id), Score: cosine(q, p.vec), Payload: payload})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if l := int(r.GetLimit()); l > 0 && len(out) > l {
		out = out[:l]
	}
	return &qc.QueryResponse{Result: out}, nil
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

// startFake serves a fakeQdrant on a loopback port and returns its address.
func startFake(t *testing.T, apiKey string) (*fakeQdrant, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeQdrant{apiKey: apiKey, collections: map[string]*fakeCollection{}}
	srv := grpc.NewServer()
	qc.RegisterCollectionsServer(srv, fakeCollections{fakeQdrant: f})
	qc.RegisterPointsServer(srv, fakePoints{fakeQdrant: f})
	go srv.Serve(ln)
	t.Cleanup(srv.Stop)
	return f, ln.Addr().String()
}
