package authentik

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const adminKey = "test-admin-key-0123456789"

// testClock is a settable clock for Options.Now.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// harness is one mock behind an httptest server.
type harness struct {
	t     *testing.T
	mock  *Server
	srv   *httptest.Server
	clock *testClock
}

// on is the same harness reporting to t, for checks made from a parallel subtest.
func (h *harness) on(t *testing.T) *harness {
	c := *h
	c.t = t
	return &c
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	return newHarnessWith(t, Options{})
}

// newHarnessWith starts a mock with opts, filling in the admin key and a test clock starting at
// 2026-05-01T12:00:00Z.
func newHarnessWith(t *testing.T, opts Options) *harness {
	t.Helper()
	clock := &testClock{now: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)}
	opts.Token, opts.Now = adminKey, clock.Now
	mock := New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &harness{t: t, mock: mock, srv: srv, clock: clock}
}

// response is a decoded answer: status, raw body and the body as generic JSON.
type response struct {
	status int
	header http.Header
	raw    string
	json   any
}

func (r response) obj() map[string]any {
	m, _ := r.json.(map[string]any)
	return m
}

// do sends body (marshalled unless it is a string) with the given key ("" sends no header).
func (h *harness) do(method, path string, body any, key string) response {
	h.t.Helper()
	var reader io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		reader = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, h.srv.URL+path, reader)
	if err != nil {
		h.t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if reader != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	out := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &out.json)
	}
	return out
}

// api sends as the admin.
func (h *harness) api(method, path string, body any) response {
	h.t.Helper()
	return h.do(method, "/api/v3"+path, body, adminKey)
}

// expect fails unless the status matches, showing the body.
func (h *harness) expect(r response, status int) response {
	h.t.Helper()
	if r.status != status {
		h.t.Fatalf("status %d, want %d; body %s", r.status, status, r.raw)
	}
	return r
}

// expectBody fails unless status and exact JSON body match.
func (h *harness) expectBody(r response, status int, wantJSON string) {
	h.t.Helper()
	h.expect(r, status)
	var want any
	if err := json.Unmarshal([]byte(wantJSON), &want); err != nil {
		h.t.Fatalf("bad want JSON %s: %v", wantJSON, err)
	}
	got, _ := json.Marshal(r.json)
	exp, _ := json.Marshal(want)
	if string(got) != string(exp) {
		h.t.Fatalf("body %s, want %s", got, exp)
	}
}

func (h *harness) createGroup(body map[string]any) map[string]any {
	h.t.Helper()
	return h.expect(h.api("POST", "/core/groups/", body), 201).obj()
}

func (h *harness) createUser(username string, extra map[string]any) map[string]any {
	h.t.Helper()
	body := map[string]any{"username": username, "name": username + " name"}
	for k, v := range extra {
		body[k] = v
	}
	return h.expect(h.api("POST", "/core/users/", body), 201).obj()
}

func (h *harness) createToken(body map[string]any) map[string]any {
	h.t.Helper()
	return h.expect(h.api("POST", "/core/tokens/", body), 201).obj()
}

func (h *harness) viewKey(identifier string) string {
	h.t.Helper()
	return h.expect(h.api("GET", "/core/tokens/"+identifier+"/view_key/", nil), 200).obj()["key"].(string)
}

// pk reads an integer pk from a decoded object.
func pk(obj map[string]any) int { return int(obj["pk"].(float64)) }

func pkPath(obj map[string]any) string { return strconv.Itoa(pk(obj)) }

func intList(v any) []int {
	var out []int
	for _, x := range v.([]any) {
		out = append(out, int(x.(float64)))
	}
	return out
}

func strList(v any) []string {
	out := []string{}
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// jsonText re-encodes a decoded JSON value, for compact comparisons.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// orEmpty turns a missing list into an empty one.
func orEmpty(v any) any {
	if v == nil {
		return []any{}
	}
	return v
}

// listAll follows pagination and returns every result of a listing.
func (h *harness) listAll(path string) []map[string]any {
	h.t.Helper()
	var out []map[string]any
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	for page := 1; page != 0; {
		r := h.expect(h.api("GET", path+sep+"page="+strconv.Itoa(page), nil), 200).obj()
		for _, item := range r["results"].([]any) {
			out = append(out, item.(map[string]any))
		}
		page = int(r["pagination"].(map[string]any)["next"].(float64))
	}
	return out
}
