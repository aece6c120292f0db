package onyx

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const testToken = "on_mock-test-admin-key-0123456789"

type tester struct {
	t     *testing.T
	mock  *Server
	url   string
	clock *fakeClock
}

// fakeClock lets a test run the background sync exactly when it wants.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newTester starts a mock on a fake clock (unless opts.Now is set) with a one-second sync.
func newTester(t *testing.T, opts Options) *tester {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	clock := &fakeClock{now: time.Date(2026, 8, 22, 10, 0, 0, 0, time.UTC)}
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	if opts.SyncDelay == 0 {
		opts.SyncDelay = time.Second
	}
	mock := New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &tester{t: t, mock: mock, url: srv.URL, clock: clock}
}

// eachGeneration runs f once per API generation, as a subtest.
func eachGeneration(t *testing.T, f func(t *testing.T, gen string)) {
	for _, gen := range []string{GenerationV46, GenerationCurrent} {
		t.Run(gen, func(t *testing.T) { f(t, gen) })
	}
}

// send performs one request. auth is the whole Authorization header ("" for none); body is
// JSON-encoded unless it is a string, which is sent verbatim.
func (c *tester) send(method, path string, header http.Header, body any) (*http.Response, []byte) {
	c.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		r = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, c.url+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, raw
}

func bearer(token string) http.Header { return http.Header{"Authorization": {"Bearer " + token}} }

// call sends a request with a key and checks the status; it returns the decoded JSON body.
func (c *tester) call(token, method, path string, body any, wantStatus int) any {
	c.t.Helper()
	resp, raw := c.send(method, path, bearer(token), body)
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, wantStatus, raw)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusInternalServerError && ct != "application/json" {
		c.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil && resp.StatusCode != http.StatusInternalServerError {
		c.t.Fatalf("%s %s: body is not JSON: %s", method, path, raw)
	}
	return v
}

// api sends an admin request and checks the status.
func (c *tester) api(method, path string, body any, wantStatus int) any {
	c.t.Helper()
	return c.call(testToken, method, "/api"+path, body, wantStatus)
}

// apiError sends an admin request that must fail with status and a body whose "detail" (or
// "message") is detail; code is the OnyxError code the current generation adds ("" for none).
func (c *tester) apiError(method, path string, body any, status int, code, detail string) {
	c.t.Helper()
	v := c.api(method, path, body, status)
	got := jget(v, "detail")
	if got == nil {
		got = jget(v, "message")
	}
	if got != detail {
		c.t.Errorf("%s %s: detail %v, want %q (body %v)", method, path, got, detail, v)
	}
	wantCode := any(nil)
	if code != "" && c.mock.current() {
		wantCode = code
	}
	if jget(v, "error_code") != wantCode {
		c.t.Errorf("%s %s: error_code %v, want %v", method, path, jget(v, "error_code"), wantCode)
	}
}

const hookPrefix = mockapi.HookPrefix + "onyx"

// hook calls a mock-only route.
func (c *tester) hook(method, path string, body any, wantStatus int) any {
	c.t.Helper()
	resp, raw := c.send(method, hookPrefix+path, nil, body)
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("hook %s %s: %d, want %d: %s", method, path, resp.StatusCode, wantStatus, raw)
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	return v
}

func (c *tester) createGroup(name string, userIDs []string, ccPairs []int) map[string]any {
	c.t.Helper()
	if userIDs == nil {
		userIDs = []string{}
	}
	if ccPairs == nil {
		ccPairs = []int{}
	}
	v, _ := c.api("POST", "/manage/admin/user-group", map[string]any{"name": name, "user_ids": userIDs, "cc_pair_ids": ccPairs}, http.StatusOK).(map[string]any)
	return v
}

// group returns the listed group with that id (defaults included), or nil.
func (c *tester) group(id any) map[string]any {
	c.t.Helper()
	list, _ := c.api("GET", "/manage/admin/user-group?include_default=true", nil, http.StatusOK).([]any)
	for _, g := range list {
		if jget(g, "id") == id {
			m, _ := g.(map[string]any)
			return m
		}
	}
	return nil
}

// settle lets the background sync run.
func (c *tester) settle() { c.clock.Advance(time.Hour) }

// jget walks decoded JSON by object keys and array indexes; nil when a step is missing.
var jget = mockapi.JSONAt

// emails returns the "email" of each object in a JSON array.
func emails(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, item := range list {
		e, _ := jget(item, "email").(string)
		out = append(out, e)
	}
	return out
}

// managerField is the group field naming curators/managers in this generation.
func managerField(gen string) string {
	if gen == GenerationCurrent {
		return "manager_ids"
	}
	return "curator_ids"
}
