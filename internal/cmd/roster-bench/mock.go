package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// servedMock is a platform mock served in this process on 127.0.0.1, the way roster-mock serves it.
// In-process serving lets the harness set options roster-mock has no flag for (Secoda's write limit)
// and read the request log without a request of its own.
type servedMock struct {
	mock  mock
	URL   string
	Token string
	API   *rawAPI
	srv   *http.Server
	// bytes counts the bytes of the answers' bodies.
	bytes *atomic.Int64
}

// serveMock starts a fresh mock of p (writesPerMinute as platformDef.NewMock takes it).
func serveMock(p platformDef, writesPerMinute int) (*servedMock, error) {
	return serveThis(p, p.NewMock(writesPerMinute))
}

// serveThis serves m, a mock of p.
func serveThis(p platformDef, m mock) (*servedMock, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	counted := new(atomic.Int64)
	srv := &http.Server{Handler: countingHandler{next: m, bytes: counted}, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	url := "http://" + ln.Addr().String()
	return &servedMock{mock: m, URL: url, Token: m.AdminToken(), srv: srv, bytes: counted, API: newRawAPI(url, p.API.AuthScheme+m.AdminToken())}, nil
}

func (s *servedMock) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.srv.Shutdown(ctx)
	s.API.client.CloseIdleConnections()
}

// closeNow closes the mock without waiting: a graceful Shutdown waits up to 5 s for connections a client
// opened but never used, which the many short runs of the growth scenario cannot afford.
func (s *servedMock) closeNow() {
	_ = s.srv.Close()
	s.API.client.CloseIdleConnections()
}

// rawAPI sends requests to a mock without a platform client: seeding the client cannot do, the mock's
// hooks, and the throughput benchmark.
type rawAPI struct {
	base, authorization string
	client              *http.Client
}

func newRawAPI(base, authorization string) *rawAPI {
	return &rawAPI{base: base, authorization: authorization,
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32, MaxConnsPerHost: 32}}}
}

// do sends one request (body as JSON when not nil) and returns the status; the answer is read and dropped.
func (a *rawAPI) do(ctx context.Context, method, path string, body any) (int, error) {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, a.base+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if !strings.HasPrefix(path, mockapi.HookPrefix) {
		req.Header.Set("Authorization", a.authorization)
	}
	resp, err := a.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// expect is do, failing unless the status is want.
func (a *rawAPI) expect(ctx context.Context, want int, method, path string, body any) error {
	status, err := a.do(ctx, method, path, body)
	if err == nil && status != want {
		err = fmt.Errorf("%s %s: status %d, want %d", method, path, status, want)
	}
	return err
}

// hook calls a mock-only route, /__mock/<path>.
func (a *rawAPI) hook(ctx context.Context, method, path string, body any) error {
	return a.expect(ctx, http.StatusOK, method, mockapi.HookPrefix+path, body)
}

// requestStats summarises the API requests of one step.
type requestStats struct {
	Count int
	// Busy is the time the mock spent in its handlers, summed over requests: when it is small next to
	// the step's wall time, the mock was not what the step waited for.
	Busy time.Duration
	// Writes are the non-GET requests the API admitted (status < 400); Throttled are 429 answers, ThrottledAt
	// their times.
	Writes, Throttled int
	ThrottledAt       []time.Time
	// FirstWrite and LastWrite bound the admitted writes.
	FirstWrite, LastWrite time.Time
	// ByRoute counts requests per "METHOD path-shape", for the report's notes.
	ByRoute map[string]int
}

// take returns the stats of every request logged since the last call and clears the log.
func (s *servedMock) take() requestStats {
	log := s.mock.Log()
	entries := log.Entries()
	log.Reset()
	return summarise(entries)
}

func summarise(entries []mockapi.Entry) requestStats {
	st := requestStats{Count: len(entries), ByRoute: map[string]int{}}
	for _, e := range entries {
		st.Busy += time.Duration(e.Duration)
		st.ByRoute[e.Method+" "+pathShape(e.Path)]++
		if e.Status == http.StatusTooManyRequests {
			st.Throttled++
			st.ThrottledAt = append(st.ThrottledAt, e.Time)
		}
		if e.Method == http.MethodGet || e.Method == http.MethodHead || e.Status >= 400 || e.Status == 0 {
			continue
		}
		st.Writes++
		if st.FirstWrite.IsZero() || e.Time.Before(st.FirstWrite) {
			st.FirstWrite = e.Time
		}
		if e.Time.After(st.LastWrite) {
			st.LastWrite = e.Time
		}
	}
	return st
}

// pathShape replaces id-like segments by {id} so requests group by route.
func pathShape(p string) string {
	out := []byte{}
	seg := []byte{}
	flush := func() {
		if looksLikeID(string(seg)) {
			out = append(out, "{id}"...)
		} else {
			out = append(out, seg...)
		}
		seg = seg[:0]
	}
	for i := 0; i < len(p); i++ {
		if p[i] == '/' {
			flush()
			out = append(out, '/')
			continue
		}
		seg = append(seg, p[i])
	}
	flush()
	return string(out)
}

// looksLikeID says whether a path segment is an object's id or key rather than a route word: it has a digit
// and is not an API version such as v1.
func looksLikeID(s string) bool {
	if len(s) >= 2 && s[0] == 'v' && strings.Trim(s[1:], "0123456789") == "" {
		return false
	}
	return strings.ContainsAny(s, "0123456789")
}

func (st requestStats) String() string {
	return fmt.Sprintf("%d requests (%d writes, %d throttled), mock busy %s", st.Count, st.Writes, st.Throttled, st.Busy.Round(time.Millisecond))
}
