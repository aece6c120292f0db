package authentik

// Shared setup and assertions of the contract tests: the client against the in-memory authentik mock
// (internal/mockapi/authentik), which is written from the API reference independently of this package's wire
// structs, so a misspelled field or a wrong method fails a test.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const mockToken = "contract-test-admin-token-0123456789abcdef"

// contract is one fresh mock server and a client pointed at it.
type contract struct {
	t      *testing.T
	ctx    context.Context
	client *Client
	mock   *authentikmock.Server
	url    string
}

func newContract(t *testing.T) *contract {
	t.Helper()
	mock := authentikmock.New(authentikmock.Options{Token: mockToken})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	client, err := New(Config{
		Endpoint: srv.URL,
		Token:    mockToken,
		HTTP:     httpclient.Config{MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &contract{t: t, ctx: context.Background(), client: client, mock: mock, url: srv.URL}
}

func (c *contract) user(email string) platform.User {
	c.t.Helper()
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: email, Name: email})
	if err != nil {
		c.t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

func (c *contract) group(name string, members []string) platform.Group {
	c.t.Helper()
	g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: name, Members: members})
	if err != nil {
		c.t.Fatalf("create group %s: %v", name, err)
	}
	return g
}

// requests returns the logged API requests of one method (any when empty).
func (c *contract) requests(method string) []mockapi.Entry {
	return c.mock.Log().Matching(method, "/api/v3/")
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

func assertEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func assertUnique[T any](t *testing.T, what string, items []T, id func(T) string) {
	t.Helper()
	seen := map[string]bool{}
	for _, it := range items {
		if seen[id(it)] {
			t.Errorf("%s %s listed twice", what, id(it))
		}
		seen[id(it)] = true
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

func wantInvalid(t *testing.T, err error, field platform.Field) {
	t.Helper()
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %T (%v), want *platform.InvalidError", err, err)
	}
	if !slices.ContainsFunc(invalid.Fields, func(f platform.FieldError) bool { return f.Field == field }) {
		t.Errorf("invalid fields %v do not name %q", invalid.Fields, field)
	}
}

// countPath counts entries for exactly path, answered with status (any when 0).
func countPath(entries []mockapi.Entry, path string, status int) int {
	n := 0
	for _, e := range entries {
		if e.Path == path && (status == 0 || e.Status == status) {
			n++
		}
	}
	return n
}

// sortedIDs sorts decimal ids numerically and anything else lexically, like the client's Read.
func sortedIDs(ids ...string) []string {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) && !strings.Contains(a+b, "-") {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	return out
}

func ceilDiv(n, d int) int {
	if n == 0 {
		return 1 // an empty list still costs one request
	}
	return (n + d - 1) / d
}
