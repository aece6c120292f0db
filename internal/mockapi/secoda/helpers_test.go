package secoda

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"sync"
	"testing"
	"time"
)

const testToken = "d736dd50-0000-4000-8000-00000000abcd"

// fakeClock is a settable server clock, so timestamps and the write window are under the test's control.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, 5, 10, 14, 27, 23, 797657123, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// harness is one mock behind a real HTTP server.
type harness struct {
	t     *testing.T
	mock  *Server
	url   string
	clock *fakeClock
}

// newHarness starts a mock with a fake clock and no write limit unless the test sets one.
func newHarness(t *testing.T) *harness {
	t.Helper()
	clock := newFakeClock()
	mock := New(Options{Token: testToken, WritesPerMinute: -1, Now: clock.Now})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &harness{t: t, mock: mock, url: srv.URL, clock: clock}
}

// result is one answer: status, headers, raw body and the body decoded as generic JSON (nil if not JSON).
type result struct {
	status int
	header http.Header
	raw    string
	json   any
}

func (r result) obj() map[string]any {
	m, _ := r.json.(map[string]any)
	return m
}

// do sends a request with the admin token (auth=true) or with the given raw Authorization header.
func (h *harness) do(method, path string, body any, authorization ...string) result {
	h.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, h.url+path, reader)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if len(authorization) > 0 {
		if authorization[0] != "" {
			req.Header.Set("Authorization", authorization[0])
		}
	} else {
		req.Header.Set("Authorization", "Bearer "+testToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := result{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	_ = json.Unmarshal(raw, &out.json)
	return out
}

// must sends a request and fails the test unless the status is want.
func (h *harness) must(want int, method, path string, body any) result {
	h.t.Helper()
	r := h.do(method, path, body)
	if r.status != want {
		h.t.Fatalf("%s %s: got %d %s, want %d", method, path, r.status, r.raw, want)
	}
	return r
}

func (h *harness) createGroup(body map[string]any) map[string]any {
	h.t.Helper()
	return h.must(http.StatusCreated, "POST", "/api/v1/auth/group/", body).obj()
}

func (h *harness) createUser(body map[string]any) map[string]any {
	h.t.Helper()
	return h.must(http.StatusCreated, "POST", "/api/v1/user/", body).obj()
}

func (h *harness) getGroup(id any) map[string]any {
	h.t.Helper()
	return h.must(http.StatusOK, "GET", "/api/v1/auth/group/"+id.(string)+"/", nil).obj()
}

func (h *harness) getUser(id any) map[string]any {
	h.t.Helper()
	return h.must(http.StatusOK, "GET", "/api/v1/user/"+id.(string)+"/", nil).obj()
}

// strs turns a decoded JSON list into strings.
func strs(v any) []string {
	items, _ := v.([]any)
	out := make([]string, 0, len(items))
	for _, it := range items {
		s, _ := it.(string)
		out = append(out, s)
	}
	return out
}

var (
	uuidV4      = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	microsZTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$`)
)

// wantFieldError checks a 400 DRF body: exactly the given keys, each with a message containing the fragment.
func wantFieldError(t *testing.T, name string, r result, want map[string]string) {
	t.Helper()
	if r.status != http.StatusBadRequest {
		t.Errorf("%s: status %d %s, want 400", name, r.status, r.raw)
		return
	}
	body := r.obj()
	if len(body) != len(want) {
		t.Errorf("%s: body %s, want errors on %v", name, r.raw, want)
	}
	for key, fragment := range want {
		msgs := strs(body[key])
		if len(msgs) == 0 || !bytes.Contains([]byte(msgs[0]), []byte(fragment)) {
			t.Errorf("%s: %s = %v, want a message containing %q", name, key, body[key], fragment)
		}
	}
}

func sortedMapKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
