package onyx

// Contract tests: the client against the in-memory Onyx mock (internal/mockapi/onyx), on both API
// generations. The mock is written from the API reference independently of this package's wire
// structs, so a misspelled field, a wrong method or a forgotten quirk fails here.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const mockToken = "on_contract-test-admin-key-0123456789abcdef"

// fastPoll keeps the waits for the mock's sync short without making them busy loops.
var fastPoll = pollPolicy{min: 5 * time.Millisecond, max: 40 * time.Millisecond, limit: 20 * time.Second}

type contract struct {
	t      *testing.T
	ctx    context.Context
	gen    Generation
	client *Client
	mock   *onyxmock.Server
	url    string
}

// newContract starts a mock of gen (tuned by opts) and a client that detects the generation.
func newContract(t *testing.T, gen Generation, opts onyxmock.Options) *contract {
	t.Helper()
	opts.Token = mockToken
	opts.Generation = string(gen)
	if opts.SyncDelay == 0 {
		opts.SyncDelay = 30 * time.Millisecond
	}
	mock := onyxmock.New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	c := &contract{t: t, ctx: context.Background(), gen: gen, mock: mock, url: srv.URL}
	c.client = c.newClient(mockToken, "")
	return c
}

func (c *contract) newClient(token string, gen Generation) *Client {
	c.t.Helper()
	client, err := New(Config{Endpoint: c.url, Token: token, Generation: gen,
		HTTP: httpclient.Config{MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond}})
	if err != nil {
		c.t.Fatal(err)
	}
	client.poll = fastPoll
	return client
}

// nextCommand gives the contract a new client, as the next terraform command's provider process gets: reads
// of one client come from one list per collection, so a change made behind its back shows in the next.
func (c *contract) nextCommand() {
	c.t.Helper()
	c.client = c.newClient(mockToken, "")
}

// eachGeneration runs f as a subtest per API generation.
func eachGeneration(t *testing.T, f func(t *testing.T, gen Generation)) {
	for _, gen := range []Generation{GenerationV46, GenerationCurrent} {
		t.Run(string(gen), func(t *testing.T) { f(t, gen) })
	}
}

func (c *contract) group(name string, members []string, extra *GroupExtra) platform.Group {
	c.t.Helper()
	spec := platform.GroupSpec{Name: name, Members: members}
	if extra != nil {
		spec.Extra = extra
	}
	g, err := c.client.CreateGroup(c.ctx, spec)
	if err != nil {
		c.t.Fatalf("create group %s: %v", name, err)
	}
	c.hook(http.MethodPost, "/sync", nil) // the create does not wait for it
	return g
}

// writes counts API requests that are not GETs.
func (c *contract) writes() int { return c.mock.Log().Writes() }

// raw sends a bodiless API request past the client (as the admin) and decodes the answer.
func (c *contract) raw(method, path string) any {
	c.t.Helper()
	return c.send(method, "/api"+path, nil, true)
}

// hook calls a mock-only route and decodes its JSON answer.
func (c *contract) hook(method, path string, body any) any {
	c.t.Helper()
	return c.send(method, mockapi.HookPrefix+"onyx"+path, body, false)
}

func (c *contract) send(method, path string, body any, auth bool) any {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = strings.NewReader(string(raw))
	}
	req, _ := http.NewRequest(method, c.url+path, r)
	if auth {
		req.Header.Set("Authorization", "Bearer "+mockToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		c.t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	var out any
	_ = json.Unmarshal(data, &out)
	return out
}

// mockState is the mock's natural keys.
type mockState struct {
	Groups struct {
		Count    int      `json:"count"`
		Names    []string `json:"names"`
		Deleting []string `json:"deleting"`
	} `json:"groups"`
	Users struct {
		Count  int               `json:"count"`
		Emails []string          `json:"emails"`
		Status map[string]string `json:"status"`
	} `json:"users"`
	APIKeys struct {
		Count int      `json:"count"`
		Names []string `json:"names"`
	} `json:"api_keys"`
	ServiceAccounts int `json:"service_accounts"`
	PendingSyncs    int `json:"pending_syncs"`
}

func (c *contract) state() mockState {
	c.t.Helper()
	raw, _ := json.Marshal(c.hook(http.MethodGet, "/state", nil))
	var s mockState
	if err := json.Unmarshal(raw, &s); err != nil {
		c.t.Fatal(err)
	}
	return s
}

// rawGroup returns the group as the API lists it (service accounts and all), or nil.
func (c *contract) rawGroup(id string) map[string]any {
	c.t.Helper()
	list, _ := c.raw(http.MethodGet, "/manage/admin/user-group?include_default=true").([]any)
	for _, g := range list {
		m, _ := g.(map[string]any)
		if n, _ := m["id"].(float64); id == jsonInt(n) {
			return m
		}
	}
	return nil
}

func jsonInt(f float64) string { b, _ := json.Marshal(int(f)); return string(b) }

func assertEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func wantNotFound(t *testing.T, err error, kind, id string) {
	t.Helper()
	var nf *platform.NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("got %T (%v), want *platform.NotFoundError", err, err)
	}
	if nf.Kind != kind || nf.ID != id {
		t.Errorf("NotFoundError kind %q id %q, want %q %q", nf.Kind, nf.ID, kind, id)
	}
}

func wantInvalid(t *testing.T, err error, field platform.Field, contains ...string) {
	t.Helper()
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %T (%v), want *platform.InvalidError", err, err)
	}
	if !slices.ContainsFunc(invalid.Fields, func(f platform.FieldError) bool { return f.Field == field }) {
		t.Errorf("invalid fields %v do not name %q", invalid.Fields, field)
	}
	for _, s := range contains {
		if !strings.Contains(invalid.Error()+platform.JoinFieldErrors(invalid.Fields), s) {
			t.Errorf("error %q does not say %q", platform.JoinFieldErrors(invalid.Fields), s)
		}
	}
}

func wantConflict(t *testing.T, err error, field platform.Field) {
	t.Helper()
	var conflict *platform.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("got %T (%v), want *platform.ConflictError", err, err)
	}
	if !slices.ContainsFunc(conflict.Fields, func(f platform.FieldError) bool { return f.Field == field }) {
		t.Errorf("conflict fields %v do not name %q", conflict.Fields, field)
	}
}

func ptr[T any](v T) *T { return &v }
