package main

// Go micro-benchmarks of every platform in platformTable (make bench runs them and puts them in the report):
//
//   - BenchmarkDecodeGroup and BenchmarkListUsers: the client's hot paths, reading a group with many members
//     (response decoding) and following the user list's pages (pagination). The API answers are recorded once
//     from the mock and replayed, so the numbers are the client's work (HTTP over loopback, JSON decoding,
//     mapping), not the mock's.
//   - BenchmarkMockThroughput: how many requests a second the mock serves to 10 concurrent clients over
//     loopback HTTP, the way terraform's default -parallelism of 10 calls it. The clients run on the same
//     cores, so this is a lower bound of the mock's capacity; the report sets it beside the request rates
//     terraform asked of the mock, to show the mock is not what the measurements wait for.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// benchGroupSizes are the groups of each platform's fixture; it has as many users as the largest.
var benchGroupSizes = []int{1000, 10000}

func BenchmarkDecodeGroup(b *testing.B) {
	for _, p := range platformTable {
		for i, n := range benchGroupSizes {
			b.Run(fmt.Sprintf("%s/members=%d", p.Name, n), func(b *testing.B) {
				f := clientFixtureFor(b, p)
				ctx := context.Background()
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					g, err := f.client.ReadGroup(ctx, f.groupIDs[i])
					if err != nil || len(g.Members) != n {
						b.Fatalf("ReadGroup: %d members, %v", len(g.Members), err)
					}
				}
				b.ReportMetric(float64(f.replay.served())/float64(b.N), "requests/op")
			})
		}
	}
}

func BenchmarkListUsers(b *testing.B) {
	n := benchGroupSizes[len(benchGroupSizes)-1]
	for _, p := range platformTable {
		b.Run(fmt.Sprintf("%s/users=%d", p.Name, n), func(b *testing.B) {
			f := clientFixtureFor(b, p)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				users, err := f.client.ListUsers(ctx, platform.UserFilter{})
				if err != nil || len(users) < n {
					b.Fatalf("ListUsers: %d users, %v", len(users), err)
				}
			}
			b.ReportMetric(float64(f.replay.served())/float64(b.N), "requests/op")
		})
	}
}

func BenchmarkMockThroughput(b *testing.B) {
	for _, p := range platformTable {
		b.Run(p.Name, func(b *testing.B) {
			m, err := serveMock(p, -1)
			if err != nil {
				b.Fatal(err)
			}
			defer m.Close()
			client, err := p.NewClient(m.URL, m.Token)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			ids, err := seedMembers(ctx, p, client, m.API, 200)
			if err != nil {
				b.Fatal(err)
			}
			var created atomic.Int64
			b.Run("get_user", func(b *testing.B) {
				parallel(b, func(i int) (int, error) { return m.API.do(ctx, http.MethodGet, p.API.GetUser(ids[i%len(ids)]), nil) })
			})
			b.Run("list_users", func(b *testing.B) {
				parallel(b, func(int) (int, error) { return m.API.do(ctx, http.MethodGet, p.API.ListUsers, nil) })
			})
			b.Run("create_user", func(b *testing.B) {
				parallel(b, func(int) (int, error) {
					method, path, body := p.API.CreateUser(int(created.Add(1)))
					return m.API.do(ctx, method, path, body)
				})
			})
		})
	}
}

// parallel runs call from 10 goroutines (5 per GOMAXPROCS on 2 cores) and reports req/s.
func parallel(b *testing.B, call func(i int) (int, error)) {
	var next atomic.Int64
	b.SetParallelism(max(1, 10/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			status, err := call(int(next.Add(1)))
			if err != nil || status >= 300 {
				b.Errorf("status %d, %v", status, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

type clientFixture struct {
	client   benchClient
	groupIDs []string // one group of each of benchGroupSizes
	replay   *replayer
}

var (
	fixturesMu sync.Mutex
	fixtures   = map[string]*clientFixture{}
)

// clientFixtureFor seeds a mock of p with as many members as the largest of benchGroupSizes and a group of
// each size, records the answers of ReadGroup of each and of one ListUsers, and serves them from then on.
// Fixtures live until the test binary exits, so -count reruns and both benchmarks reuse them.
func clientFixtureFor(b *testing.B, p platformDef) *clientFixture {
	fixturesMu.Lock()
	defer fixturesMu.Unlock()
	if f, ok := fixtures[p.Name]; ok {
		f.replay.served() // reset the counter
		return f
	}
	ctx := context.Background()
	m := p.NewMock(-1)
	rep := &replayer{next: m, recording: true, saved: map[string]recorded{}}
	srv := httptest.NewServer(rep)
	client, err := p.NewClient(srv.URL, m.AdminToken())
	if err != nil {
		b.Fatal(err)
	}
	api := newRawAPI(srv.URL, p.API.AuthScheme+m.AdminToken())
	ids, err := seedMembers(ctx, p, client, api, benchGroupSizes[len(benchGroupSizes)-1])
	if err != nil {
		b.Fatal(err)
	}
	f := &clientFixture{client: client, replay: rep}
	for _, n := range benchGroupSizes {
		id, err := seedGroup(ctx, p, client, api, fmt.Sprintf("bench-group-%d", n), ids[:n])
		if err != nil {
			b.Fatal(err)
		}
		f.groupIDs = append(f.groupIDs, id)
	}
	for _, id := range f.groupIDs {
		if _, err := client.ReadGroup(ctx, id); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := client.ListUsers(ctx, platform.UserFilter{}); err != nil {
		b.Fatal(err)
	}
	rep.stopRecording()
	fixtures[p.Name] = f
	return f
}

// replayer passes requests to the mock while recording, then answers GETs from the last answer it recorded
// for the same method and URI.
type replayer struct {
	next      http.Handler
	mu        sync.Mutex
	recording bool
	saved     map[string]recorded
	count     int
}

type recorded struct {
	status int
	header http.Header
	body   []byte
}

func (r *replayer) stopRecording() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recording = false
	r.count = 0
}

// served returns the number of replayed answers since the last call and resets it.
func (r *replayer) served() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := r.count
	r.count = 0
	return n
}

func (r *replayer) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	key := req.Method + " " + req.URL.RequestURI()
	r.mu.Lock()
	recording := r.recording
	saved, ok := r.saved[key]
	if !recording {
		r.count++
	}
	r.mu.Unlock()
	if !recording {
		if !ok {
			http.Error(w, "not recorded: "+key, http.StatusInternalServerError)
			return
		}
		write(w, saved)
		return
	}
	rec := httptest.NewRecorder()
	r.next.ServeHTTP(rec, req)
	answer := recorded{status: rec.Code, header: rec.Header().Clone(), body: rec.Body.Bytes()}
	if req.Method == http.MethodGet {
		r.mu.Lock()
		r.saved[key] = answer
		r.mu.Unlock()
	}
	write(w, answer)
}

func write(w http.ResponseWriter, a recorded) {
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.WriteHeader(a.status)
	_, _ = w.Write(a.body)
}
