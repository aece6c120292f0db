package tykaistudio

// Contract tests: the client against the in-memory Tyk AI Studio mock (internal/mockapi/tykaistudio),
// which is written from the API reference independently of this package's wire structs, so a
// misspelled field, a wrong method or a forgotten quirk fails here.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const mockToken = "contract-test-admin-key-0123456789abcdefghij="

type contract struct {
	t      *testing.T
	ctx    context.Context
	client *Client
	mock   *tykmock.Server
	url    string
}

func newContract(t *testing.T, edition tykmock.Edition) *contract {
	t.Helper()
	mock := tykmock.New(tykmock.Options{Token: mockToken, Edition: edition})
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

func (c *contract) user(email string, extra *UserExtra) platform.User {
	c.t.Helper()
	spec := platform.UserSpec{Email: email, Name: "Name of " + email}
	if extra != nil {
		spec.Extra = extra
	}
	u, err := c.client.CreateUser(c.ctx, spec)
	if err != nil {
		c.t.Fatalf("create user %s: %v", email, err)
	}
	return u
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
	return g
}

// writes counts API requests that are not GETs.
func (c *contract) writes() int { return c.mock.Log().Writes() }

// hook calls a mock-only route and decodes its JSON answer.
func (c *contract) hook(method, path string, body any) map[string]any {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.url+mockapi.HookPrefix+"tyk_ai_studio"+path, r)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		raw, _ := io.ReadAll(resp.Body)
		c.t.Fatalf("hook %s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return out
}

// state returns the mock's live natural keys: group names and user emails.
func (c *contract) state() (groups, emails []string) {
	s := c.hook(http.MethodGet, "/state", nil)
	for _, n := range s["groups"].(map[string]any)["names"].([]any) {
		groups = append(groups, n.(string))
	}
	for _, e := range s["users"].(map[string]any)["emails"].([]any) {
		emails = append(emails, e.(string))
	}
	return groups, emails
}

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

func wantInvalid(t *testing.T, err error, field platform.Field) {
	t.Helper()
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %T (%v), want *platform.InvalidError", err, err)
	}
	if !slices.ContainsFunc(invalid.Fields, func(f platform.FieldError) bool { return f.Field == field }) {
		t.Errorf("invalid fields %v do not name %q", invalid.Fields, field)
	}
	_ = invalid.Error() // must not panic: Err is always set
}

func wantEnterprise(t *testing.T, err error) {
	t.Helper()
	var unsupported *platform.UnsupportedError
	if !errors.As(err, &unsupported) {
		t.Fatalf("got %T (%v), want *platform.UnsupportedError", err, err)
	}
	if unsupported.Feature != (platform.Feature{Kind: platform.KindUserGroup}) || unsupported.Platform != Name {
		t.Errorf("unsupported %+v", unsupported)
	}
	if !bytes.Contains([]byte(unsupported.Reason), []byte("Tyk AI Studio Enterprise Edition")) {
		t.Errorf("reason %q does not name the Enterprise Edition", unsupported.Reason)
	}
}

func ptrBool(b bool) *bool { return &b }
