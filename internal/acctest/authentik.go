package acctest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
)

// AuthentikToken is the seeded admin's API token in every authentik mock the harness starts.
const AuthentikToken = "acctest-authentik-admin-token"

// Authentik is an authentik mock served on 127.0.0.1 for one test.
type Authentik struct {
	t    *testing.T
	URL  string
	Mock *authentikmock.Server
}

// NewAuthentik starts a fresh mock; it stops when the test ends.
func NewAuthentik(t *testing.T) *Authentik {
	t.Helper()
	mock := authentikmock.New(authentikmock.Options{Token: AuthentikToken})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &Authentik{t: t, URL: srv.URL, Mock: mock}
}

// Provider renders the provider block pointing at this mock.
func (a *Authentik) Provider() string { return ProviderBlock("authentik", a.URL, AuthentikToken) }

// Requests counts the API requests the mock has served (hooks excluded).
func (a *Authentik) Requests() int { return a.Mock.Log().Count() }

// Hook calls a mock-only route under /__mock/authentik/ to change things behind Terraform's back.
func (a *Authentik) Hook(method, path string, body any) {
	a.t.Helper()
	status, out := a.call(method, "/__mock/authentik/"+path, body, false)
	if status >= 300 {
		a.t.Fatalf("mock hook %s %s: %d %s", method, path, status, out)
	}
}

// API calls the real API path (under /api/v3) as the admin and decodes the JSON answer into out (if not nil).
func (a *Authentik) API(method, path string, body any, out any) int {
	a.t.Helper()
	status, raw := a.call(method, "/api/v3"+path, body, true)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			a.t.Fatalf("decoding %s %s: %v: %s", method, path, err, raw)
		}
	}
	return status
}

// AuthentikState is the mock's /__mock/authentik/state summary: counts and sorted natural keys.
type AuthentikState struct {
	Groups struct {
		Count int      `json:"count"`
		Names []string `json:"names"`
	} `json:"groups"`
	Users struct {
		Count     int      `json:"count"`
		Usernames []string `json:"usernames"`
	} `json:"users"`
	Tokens struct {
		Count       int      `json:"count"`
		Identifiers []string `json:"identifiers"`
	} `json:"tokens"`
}

// State returns what the mock holds now.
func (a *Authentik) State() AuthentikState {
	a.t.Helper()
	var out AuthentikState
	_, raw := a.call(http.MethodGet, "/__mock/authentik/state", nil, false)
	if err := json.Unmarshal(raw, &out); err != nil {
		a.t.Fatalf("decoding mock state: %v: %s", err, raw)
	}
	return out
}

func (a *Authentik) call(method, path string, body any, auth bool) (int, []byte) {
	a.t.Helper()
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			a.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.URL+path, reader)
	if err != nil {
		a.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth {
		req.Header.Set("Authorization", "Bearer "+AuthentikToken)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}
