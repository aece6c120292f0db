package secoda_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	secodamock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/secoda"
)

// Contract tests: the client against the mock, over HTTP, through the exported API the provider uses.

const mockToken = "a1b2c3d4-0000-4000-8000-00000000c0de"

type env struct {
	t      *testing.T
	mock   *secodamock.Server
	url    string
	client *secoda.Client
	ctx    context.Context
}

type envOptions struct {
	mockWritesPerMinute   int     // as secodamock.Options: 0 = 30, < 0 = unlimited
	clientWritesPerMinute float64 // as secoda.Config.HTTP: 0 = 30, < 0 = no pacing
	now                   func() time.Time
	maxRetries            int
}

// newEnv starts a mock and a client for it. By default neither limits writes, so tests stay fast.
func newEnv(t *testing.T, opts ...envOptions) *env {
	t.Helper()
	o := envOptions{mockWritesPerMinute: -1, clientWritesPerMinute: -1, maxRetries: 2}
	if len(opts) > 0 {
		o = opts[0]
	}
	mock := secodamock.New(secodamock.Options{Token: mockToken, WritesPerMinute: o.mockWritesPerMinute, Now: o.now})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	client := newClient(t, srv.URL, mockToken, o)
	return &env{t: t, mock: mock, url: srv.URL, client: client, ctx: t.Context()}
}

func newClient(t *testing.T, url, token string, o envOptions) *secoda.Client {
	t.Helper()
	c, err := secoda.New(secoda.Config{Endpoint: url, Token: token, HTTP: httpclient.Config{
		MaxRetries:      o.maxRetries,
		RetryWaitMin:    10 * time.Millisecond,
		RetryWaitMax:    50 * time.Millisecond,
		RequestTimeout:  10 * time.Second,
		WritesPerMinute: o.clientWritesPerMinute,
	}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// hook calls a mock-only route and fails the test on an error status.
func (e *env) hook(method, path string, body any) {
	e.t.Helper()
	raw, _ := json.Marshal(body)
	req, err := http.NewRequest(method, e.url+mockapi.HookPrefix+"secoda/"+path, bytes.NewReader(raw))
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		e.t.Fatalf("hook %s %s: %d %s", method, path, resp.StatusCode, out)
	}
}

type mockState struct {
	Groups []string       `json:"groups"`
	Users  []string       `json:"users"`
	Counts map[string]int `json:"counts"`
}

func (e *env) state() mockState {
	e.t.Helper()
	resp, err := http.Get(e.url + mockapi.HookPrefix + "secoda/state")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var s mockState
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

func (e *env) createUser(email string) platform.User {
	e.t.Helper()
	u, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: email, Name: "Test User"})
	if err != nil {
		e.t.Fatalf("creating %s: %v", email, err)
	}
	return u
}

// requireWirePaths checks that every request used the /api/v1 prefix and a trailing slash.
func (e *env) requireWirePaths() {
	e.t.Helper()
	for _, entry := range e.mock.Log().Entries() {
		if !strings.HasPrefix(entry.Path, "/api/v1/") || !strings.HasSuffix(entry.Path, "/") {
			e.t.Errorf("request %s %s: want /api/v1/... with a trailing slash", entry.Method, entry.Path)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func count(e *env, method, prefix string) int { return e.mock.Log().CountMatching(method, prefix) }
