package unleash

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const testToken = "*:*.mock-test-token"

type testServer struct {
	t   *testing.T
	url string
	srv *Server
}

func newTestServer(t *testing.T, opts Options) *testServer {
	t.Helper()
	if opts.Token == "" {
		opts.Token = testToken
	}
	s := New(opts)
	h := httptest.NewServer(s)
	t.Cleanup(h.Close)
	return &testServer{t: t, url: h.URL, srv: s}
}

// do sends a request with the admin token and returns status, headers and the decoded JSON (or raw text).
func (ts *testServer) do(method, path, body string) (int, http.Header, any) {
	ts.t.Helper()
	req, err := http.NewRequest(method, ts.url+path, strings.NewReader(body))
	if err != nil {
		ts.t.Fatal(err)
	}
	req.Header.Set("Authorization", testToken)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var v any
	if json.Unmarshal(raw, &v) != nil {
		v = string(raw)
	}
	return resp.StatusCode, resp.Header, v
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestUserCreateRateLimit(t *testing.T) {
	clk := &clock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	ts := newTestServer(t, Options{Now: clk.Now}) // default: 20 a minute
	create := func(i int) (int, http.Header, any) {
		return ts.do("POST", "/api/admin/user-admin", fmt.Sprintf(`{"email":"u%d@example.com","rootRole":3}`, i))
	}
	for i := range 20 {
		status, h, _ := create(i)
		if status != 201 || h.Get("RateLimit-Limit") != "20" || h.Get("RateLimit-Remaining") != fmt.Sprint(19-i) {
			t.Fatalf("create %d: %d, limit %q remaining %q", i, status, h.Get("RateLimit-Limit"), h.Get("RateLimit-Remaining"))
		}
	}
	clk.Add(15 * time.Second)
	status, h, body := create(20)
	if status != 429 || h.Get("Retry-After") != "45" || !strings.HasPrefix(h.Get("Content-Type"), "text/html") ||
		body != "Too many requests, please try again later." || h.Get("RateLimit-Policy") != "20;w=60" {
		t.Fatalf("21st create: %d %v %q", status, h, body)
	}
	// Password changes share the budget; reads and updates do not count.
	if status, _, _ := ts.do("POST", "/api/admin/user-admin/2/change-password", `{"password":"Str0ng!Passw0rd"}`); status != 429 {
		t.Errorf("change-password over the limit: %d", status)
	}
	if status, _, _ := ts.do("GET", "/api/admin/user-admin", ""); status != 200 {
		t.Errorf("GET over the limit: %d", status)
	}
	clk.Add(45 * time.Second) // the window that opened with the first create is over
	if status, _, _ := create(21); status != 201 {
		t.Errorf("create in the next window: %d", status)
	}

	unlimited := newTestServer(t, Options{UserCreatesPerMinute: -1})
	for i := range 30 {
		if status, h, _ := unlimited.do("POST", "/api/admin/user-admin", fmt.Sprintf(`{"email":"u%d@example.com","rootRole":3}`, i)); status != 201 || h.Get("RateLimit-Limit") != "" {
			t.Fatalf("unlimited create %d: %d", i, status)
		}
	}
}

func TestUserQuirks(t *testing.T) {
	ts := newTestServer(t, Options{UserCreatesPerMinute: -1})
	status, h, body := ts.do("POST", "/api/admin/user-admin", `{"email":"Mixed.Case@Example.com","username":"mc","rootRole":"Editor","sendEmail":false}`)
	created := body.(map[string]any)
	if status != 201 || h.Get("Location") != "2" || created["rootRole"] != "Editor" || created["email"] != "mixed.case@example.com" {
		t.Fatalf("create: %d %v %v", status, h.Get("Location"), created)
	}
	if _, ok := created["inviteLink"]; !ok || created["emailSent"] != false {
		t.Errorf("create answer lacks inviteLink/emailSent: %v", created)
	}
	_, _, body = ts.do("GET", "/api/admin/user-admin/2", "")
	if got := body.(map[string]any); got["rootRole"] != float64(2) || got["inviteLink"] != nil {
		t.Errorf("GET: %v", got)
	}
	// A failed insert uses up an id: the next user is 4, not 3.
	if status, _, _ := ts.do("POST", "/api/admin/user-admin", `{"email":"new@example.com","username":"mc","rootRole":3}`); status != 500 {
		t.Errorf("duplicate username: %d", status)
	}
	if _, h, _ := ts.do("POST", "/api/admin/user-admin", `{"email":"next@example.com","rootRole":3}`); h.Get("Location") != "4" {
		t.Errorf("id after a failed insert: %q", h.Get("Location"))
	}
	// PUT ignores username, keeps empty fields, echoes rootRole only when sent.
	_, _, body = ts.do("PUT", "/api/admin/user-admin/2", `{"username":"x","name":"","email":""}`)
	if got := body.(map[string]any); got["username"] != "mc" || got["email"] != "mixed.case@example.com" || got["rootRole"] != nil {
		t.Errorf("PUT: %v", got)
	}
	_, _, body = ts.do("PUT", "/api/admin/user-admin/2", `{"rootRole":0}`)
	if got := body.(map[string]any); got["rootRole"] != float64(0) {
		t.Errorf("PUT rootRole 0 echo: %v", got)
	}
	if _, _, body := ts.do("GET", "/api/admin/user-admin/2", ""); body.(map[string]any)["rootRole"] != float64(2) {
		t.Errorf("rootRole 0 changed the role: %v", body)
	}
	if status, _, _ := ts.do("DELETE", "/api/admin/user-admin/2", ""); status != 200 {
		t.Errorf("delete: %d", status)
	}
	if status, _, _ := ts.do("DELETE", "/api/admin/user-admin/2", ""); status != 404 {
		t.Errorf("second delete: %d", status)
	}
	// The soft delete frees the email at once.
	if status, _, _ := ts.do("POST", "/api/admin/user-admin", `{"email":"mixed.case@example.com","rootRole":3}`); status != 201 {
		t.Errorf("re-create after delete: %d", status)
	}
}

func TestTokenQuirks(t *testing.T) {
	ts := newTestServer(t, Options{})
	status, h, body := ts.do("POST", "/api/admin/api-tokens", `{"tokenName":"ci","type":"Backend"}`)
	created := body.(map[string]any)
	secret, _ := created["secret"].(string)
	if status != 201 || h.Get("Location") != "api-tokens" || created["type"] != "backend" || !strings.HasPrefix(secret, "*:development.") || len(secret) != len("*:development.")+56 {
		t.Fatalf("create: %d %v", status, created)
	}
	if _, has := created["expiresAt"]; has {
		t.Errorf("create answer has expiresAt without one: %v", created)
	}
	_, _, body = ts.do("GET", "/api/admin/api-tokens/ci", "")
	tokens := body.(map[string]any)["tokens"].([]any)
	if len(tokens) != 1 || tokens[0].(map[string]any)["type"] != "client" {
		t.Errorf("backend token listed as: %v", tokens)
	}
	for _, method := range []string{"PUT", "DELETE"} {
		b := ""
		if method == "PUT" {
			b = `{"expiresAt":"2031-01-01T00:00:00Z"}`
		}
		if status, _, _ := ts.do(method, "/api/admin/api-tokens/no-such-token", b); status != 200 {
			t.Errorf("%s of a missing token: %d, want 200", method, status)
		}
	}
	// The singular project is stripped: the token is for all projects.
	_, _, body = ts.do("POST", "/api/admin/api-tokens", `{"tokenName":"p","type":"client","project":"default"}`)
	if got := body.(map[string]any); fmt.Sprint(got["projects"]) != "[*]" {
		t.Errorf("singular project: %v", got)
	}
	_, _, body = ts.do("GET", "/api/admin/api-tokens", "")
	if n := len(body.(map[string]any)["tokens"].([]any)); n != 3 { // the admin token, ci, p
		t.Errorf("%d tokens listed, want 3", n)
	}
}

func TestGroupsByEdition(t *testing.T) {
	oss := newTestServer(t, Options{Edition: EditionOpenSource})
	for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
		path := "/api/admin/groups/1"
		if m == "POST" {
			path = "/api/admin/groups"
		}
		status, _, body := oss.do(m, path, map[bool]string{true: `{"name":"g"}`}[m == "POST" || m == "PUT"])
		msg, _ := body.(map[string]any)["message"].(string)
		if status != 404 || !strings.Contains(msg, "is not available") || body.(map[string]any)["id"] == nil {
			t.Errorf("OSS %s %s: %d %v", m, path, status, body)
		}
	}
	if _, _, body := oss.do("GET", "/api/admin/ui-config", ""); body.(map[string]any)["environment"] != "Open Source" {
		t.Errorf("OSS ui-config: %v", body)
	}

	ent := newTestServer(t, Options{})
	status, h, body := ent.do("POST", "/api/admin/groups", `{"name":"g","users":[{"user":{"id":1}}]}`)
	if status != 201 || h.Get("Location") == "" || body.(map[string]any)["users"] != nil || body.(map[string]any)["description"] != "" {
		t.Errorf("create: %d %v", status, body)
	}
	if status, _, _ := ent.do("PUT", "/api/admin/groups/1", `{"name":"g"}`); status != 500 {
		t.Errorf("PUT without users: %d (the mock says 500; the client must always send users)", status)
	}
	if status, _, _ := ent.do("DELETE", "/api/admin/groups/99", ""); status != 200 {
		t.Errorf("delete of a missing group: %d", status)
	}
}

func TestAuthAndRoutes(t *testing.T) {
	ts := newTestServer(t, Options{})
	cases := []struct {
		auth   string
		path   string
		status int
		name   string
	}{
		{"", "/api/admin/user-admin", 401, "AuthenticationRequired"},
		{"wrong", "/api/admin/user-admin", 401, "UnauthorizedError"},
		{"Bearer " + testToken, "/api/admin/user-admin", 200, ""},
		{"BEARER  " + testToken, "/api/admin/user-admin", 200, ""},
		{"", "/api/admin/nope", 401, "AuthenticationRequired"}, // authentication comes before routing
		{testToken, "/api/admin/nope", 404, "NotFoundError"},
	}
	for _, c := range cases {
		req, _ := http.NewRequest("GET", ts.url+c.path, nil)
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Name string }
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != c.status || body.Name != c.name {
			t.Errorf("%q %s: %d %q, want %d %q", c.auth, c.path, resp.StatusCode, body.Name, c.status, c.name)
		}
	}
	if n := ts.srv.Log().Count(); n != len(cases) {
		t.Errorf("request log has %d entries, want %d", n, len(cases))
	}
}

func TestHooks(t *testing.T) {
	ts := newTestServer(t, Options{UserCreatesPerMinute: -1})
	ts.do("POST", "/api/admin/user-admin", `{"email":"a@example.com","rootRole":3}`)
	_, _, tok := ts.do("POST", "/api/admin/api-tokens", `{"tokenName":"ci","type":"client"}`)
	secret := tok.(map[string]any)["secret"].(string)
	ts.do("POST", "/api/admin/groups", `{"name":"g","users":[{"user":{"id":2}}]}`)

	hook := func(method, path, body string) int {
		req, _ := http.NewRequest(method, ts.url+"/__mock/unleash"+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if s := hook("PATCH", "/users/2", `{"rootRole":1,"email":"B@example.com"}`); s != 200 {
		t.Errorf("patch user: %d", s)
	}
	if _, _, u := ts.do("GET", "/api/admin/user-admin/2", ""); u.(map[string]any)["rootRole"] != float64(1) || u.(map[string]any)["email"] != "b@example.com" {
		t.Errorf("after patch: %v", u)
	}
	if s := hook("PATCH", "/users/2", `{"root_role":1}`); s != 400 {
		t.Errorf("misspelled hook field: %d", s)
	}
	if s := hook("PATCH", "/groups/1", `{"users":[1,2],"rootRole":null,"name":"h"}`); s != 200 {
		t.Errorf("patch group: %d", s)
	}
	if s := hook("DELETE", "/tokens/"+TokenID(secret), ""); s != 204 {
		t.Errorf("delete token by id: %d", s)
	}
	if s := hook("DELETE", "/tokens/"+secret, ""); s != 404 {
		t.Errorf("delete token twice: %d", s)
	}
	if s := hook("DELETE", "/users/2", ""); s != 204 {
		t.Errorf("delete user: %d", s)
	}
	req, _ := http.NewRequest("GET", ts.url+"/__mock/unleash/state", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var st stateJSON
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if st.Users.Count != 1 || st.Groups.Count != 1 || st.Groups.Names[0] != "h" || st.Memberships != 1 || st.Tokens.Count != 1 || st.Edition != EditionEnterprise {
		t.Errorf("state: %+v", st)
	}
	if ts.srv.Log().CountMatching("", "/__mock/") != 0 {
		t.Error("hook requests were logged")
	}
}
