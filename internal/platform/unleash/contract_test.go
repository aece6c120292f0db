package unleash

// Contract tests: one table of cases, run against two targets: the in-memory mock (internal/mockapi/unleash,
// written from the API reference independently of this package's wire structs) and, when UNLEASH_URL is set,
// a real Unleash server (scripts/unleash-server.sh). A case that needs fault injection or a mock hook runs
// on the mock only; everything else must pass unchanged on both.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const mockToken = "*:*.contract-test-admin-token-0123456789abcdef"

// target is one server the contract cases run against.
type target struct {
	name     string
	endpoint string
	token    string
	// mock is nil for the real server.
	mock *unleashmock.Server
}

// env is what a case gets: a client for the target, and a suffix that makes names unique, since a real
// server keeps what earlier runs left behind.
type env struct {
	t      *testing.T
	ctx    context.Context
	target target
	client *Client
	suffix string
}

type contractCase struct {
	name string
	// mockOnly marks cases that need the mock's fault injection or hooks.
	mockOnly bool
	run      func(e *env)
}

// realServerSkip is the message of every test skipped for want of a real server.
const realServerSkip = `UNLEASH_URL is not set; start a real server with: eval "$(scripts/unleash-server.sh start)"`

func mockTarget(t *testing.T, opts unleashmock.Options) target {
	t.Helper()
	if opts.Token == "" {
		opts.Token = mockToken
	}
	if opts.UserCreatesPerMinute == 0 {
		opts.UserCreatesPerMinute = -1 // the contract is about behaviour; pacing has its own tests
	}
	mock := unleashmock.New(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return target{name: "mock", endpoint: srv.URL, token: opts.Token, mock: mock}
}

func realTarget(t *testing.T) target {
	t.Helper()
	url := os.Getenv("UNLEASH_URL")
	if url == "" {
		t.Skip(realServerSkip)
	}
	return target{name: "real", endpoint: url, token: os.Getenv("UNLEASH_TOKEN")}
}

func (tg target) newClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{
		Endpoint: tg.endpoint,
		Token:    tg.token,
		HTTP:     httpclient.Config{MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func runContract(t *testing.T, cases []contractCase) {
	targets := map[string]func(*testing.T) target{
		"mock": func(t *testing.T) target { return mockTarget(t, unleashmock.Options{}) },
		"real": realTarget,
	}
	for _, name := range []string{"mock", "real"} {
		t.Run(name, func(t *testing.T) {
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					tg := targets[name](t)
					if tc.mockOnly && tg.mock == nil {
						t.Skip("needs the mock's fault injection or hooks")
					}
					tc.run(&env{t: t, ctx: context.Background(), target: tg, client: tg.newClient(t), suffix: randomSuffix()})
				})
			}
		})
	}
}

func randomSuffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// email makes a unique address; the mixed case checks that the server's lowercasing is absorbed.
func (e *env) email(local string) string { return local + "." + e.suffix + "@Example.com" }

func (e *env) name(base string) string { return base + "-" + e.suffix }

func (e *env) createUser(spec platform.UserSpec) platform.User {
	e.t.Helper()
	u, err := e.client.CreateUser(e.ctx, spec)
	if err != nil {
		e.t.Fatalf("create user %s: %v", spec.Email, err)
	}
	e.t.Cleanup(func() { _ = e.client.DeleteUser(context.Background(), u.ID) })
	return u
}

func (e *env) createKey(spec platform.APIKeySpec) platform.APIKey {
	e.t.Helper()
	k, err := e.client.CreateAPIKey(e.ctx, spec)
	if err != nil {
		e.t.Fatalf("create key %s: %v", spec.Name, err)
	}
	e.t.Cleanup(func() { _ = e.client.DeleteAPIKey(context.Background(), k.ID) })
	return k
}

func ptr[T any](v T) *T { return &v }

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

func assertUser(t *testing.T, what string, got, want platform.User) {
	t.Helper()
	if got.ID != want.ID || got.Email != want.Email || got.Name != want.Name || got.Role != want.Role || got.Active != want.Active {
		t.Errorf("%s user:\n got %+v\nwant %+v", what, got, want)
	}
	if g, w := got.Extra.(UserExtra), want.Extra.(UserExtra); g.Username != w.Username || g.SendEmail != nil {
		t.Errorf("%s extra: got %+v, want %+v", what, g, w)
	}
}

func TestContract(t *testing.T) {
	runContract(t, slices.Concat(userCases, apiKeyCases, tokenSnapshotCases, commonCases))
}

// commonCases cover the client as a whole: auth and the group edition check.
var commonCases = []contractCase{
	{name: "BearerPrefixIsAccepted", run: func(e *env) {
		c, err := New(Config{Endpoint: e.target.endpoint + "/", Token: "Bearer " + e.target.token})
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := c.ListUsers(e.ctx, platform.UserFilter{}); err != nil {
			e.t.Fatalf("list with a Bearer-prefixed token: %v", err)
		}
	}},
	{name: "WrongTokenIsUnauthorizedWithoutLeaking", run: func(e *env) {
		const wrong = "*:*.wrong-token-value-that-must-not-leak"
		c, err := New(Config{Endpoint: e.target.endpoint, Token: wrong})
		if err != nil {
			e.t.Fatal(err)
		}
		_, err = c.ListAPIKeys(e.ctx)
		var apiErr *platform.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != 401 || apiErr.Message != "You must log in to use Unleash." {
			e.t.Fatalf("got %T %v, want the server's 401", err, err)
		}
		if strings.Contains(err.Error(), wrong) {
			e.t.Errorf("token leaked: %v", err)
		}
	}},
}
