package tykaistudio

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const testToken = "mock-test-admin-key-0123456789abcdefghijklmn="

type tester struct {
	t    *testing.T
	mock *Server
	url  string
}

func newTester(t *testing.T, opts Options) *tester {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	mock := New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &tester{t: t, mock: mock, url: srv.URL}
}

// noRedirects lets tests see the 301 itself.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// send performs one request. auth is the whole Authorization header ("" for none); body is JSON-encoded
// unless it is a string, which is sent verbatim.
func (c *tester) send(method, path, auth string, body any) (*http.Response, []byte) {
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
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp, raw
}

// api sends an admin request and checks the status; it returns the decoded JSON body (nil if empty).
func (c *tester) api(method, path string, body any, wantStatus int) any {
	c.t.Helper()
	resp, raw := c.send(method, path, "Bearer "+testToken, body)
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, wantStatus, raw)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		c.t.Fatalf("%s %s: body is not JSON: %s", method, path, raw)
	}
	return v
}

// apiError sends an admin request that must fail with status and the handlers' errors[] detail.
func (c *tester) apiError(method, path string, body any, status int, detail string) {
	c.t.Helper()
	v := c.api(method, path, body, status)
	if got := jget(v, "errors", 0, "detail"); got != detail {
		c.t.Errorf("%s %s: detail %v, want %q (body %v)", method, path, got, detail, v)
	}
	if got := jget(v, "errors", 0, "title"); got != http.StatusText(status) {
		c.t.Errorf("%s %s: title %v, want %q", method, path, got, http.StatusText(status))
	}
}

func usersBody(attrs map[string]any) map[string]any {
	return map[string]any{"data": map[string]any{"type": "users", "attributes": attrs}}
}

func groupsBody(attrs map[string]any) map[string]any {
	return map[string]any{"data": map[string]any{"type": "groups", "attributes": attrs}}
}

// createUser creates a user through the API and returns its id.
func (c *tester) createUser(attrs map[string]any) string {
	c.t.Helper()
	return jget(c.api("POST", "/api/v1/users", usersBody(attrs), http.StatusCreated), "data", "id").(string)
}

// createGroup creates a group through the API and returns its id.
func (c *tester) createGroup(attrs map[string]any) string {
	c.t.Helper()
	return jget(c.api("POST", "/api/v1/groups", groupsBody(attrs), http.StatusCreated), "data", "id").(string)
}

// jget walks decoded JSON by object keys and array indexes; nil when a step is missing.
var jget = mockapi.JSONAt

// ids returns the "id" of each object in a JSON array.
func ids(v any) []string {
	out := []string{}
	list, _ := v.([]any)
	for _, item := range list {
		out = append(out, jget(item, "id").(string))
	}
	return out
}
