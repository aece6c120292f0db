package acctest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Server is a platform mock served on 127.0.0.1 for one test: what every platform's harness shares.
type Server struct {
	t        *testing.T
	URL      string
	Token    string
	platform string
	apiPath  string
	log      *mockapi.RequestLog
	// authScheme prefixes the token in the Authorization header of API calls ("Bearer " for most platforms).
	authScheme string
	// ProviderExtra is added to the provider block (for example a higher writes_per_minute).
	ProviderExtra string
}

// startAs is Start for a typed harness: the mock as its own package's server.
func startAs[M mockapi.Running](t *testing.T, d mockapi.Descriptor, opts mockapi.Options) (*Server, M) {
	t.Helper()
	s, mock := Start(t, d, opts)
	typed, ok := mock.(M)
	if !ok {
		t.Fatalf("the %s mock descriptor built a %T", d.Name, mock)
	}
	return s, typed
}

// Start serves a fresh mock of any platform, built from its descriptor, on 127.0.0.1 for one test; it stops
// when the test ends. The typed helpers (NewAuthentik, ...) add each mock's own hooks.
func Start(t *testing.T, d mockapi.Descriptor, opts mockapi.Options) (*Server, mockapi.Running) {
	t.Helper()
	mock := d.Start(opts)
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	return &Server{t: t, URL: srv.URL, Token: mock.AdminToken(), platform: d.Name, apiPath: d.APIPrefix, log: mock.Log(), authScheme: d.AuthScheme}, mock
}

// Provider renders the provider block pointing at this mock.
func (s *Server) Provider() string {
	block := ProviderBlock(s.platform, s.URL, s.Token)
	if s.ProviderExtra == "" {
		return block
	}
	return block[:len(block)-2] + "  " + s.ProviderExtra + "\n}\n"
}

// Requests counts the API requests the mock has served (hooks excluded).
func (s *Server) Requests() int {
	if s.log == nil {
		s.t.Fatal("Requests: this target is a real server, which keeps no request log")
	}
	return s.log.Count()
}

// Log is the mock's request log.
func (s *Server) Log() *mockapi.RequestLog { return s.log }

// Hook calls a mock-only route under /__mock/<platform>/ to change things behind Terraform's back.
func (s *Server) Hook(method, path string, body any) {
	s.t.Helper()
	status, out := s.call(method, "/__mock/"+s.platform+"/"+path, body, false)
	if status >= 300 {
		s.t.Fatalf("mock hook %s %s: %d %s", method, path, status, out)
	}
}

// API calls the platform's API (path relative to its prefix) as the admin and decodes the JSON answer into
// out (if not nil). It returns the status code.
func (s *Server) API(method, path string, body any, out any) int {
	s.t.Helper()
	status, raw := s.call(method, s.apiPath+path, body, true)
	if out != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, out); err != nil {
			s.t.Fatalf("decoding %s %s: %v: %s", method, path, err, raw)
		}
	}
	return status
}

// hookJSON GETs a hook route and decodes its answer.
func (s *Server) hookJSON(path string, out any) {
	s.t.Helper()
	_, raw := s.call(http.MethodGet, "/__mock/"+s.platform+"/"+path, nil, false)
	if err := json.Unmarshal(raw, out); err != nil {
		s.t.Fatalf("decoding mock %s: %v: %s", path, err, raw)
	}
}

func (s *Server) call(method, path string, body any, auth bool) (int, []byte) {
	s.t.Helper()
	var reader io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			s.t.Fatal(err)
		}
		reader = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, s.URL+path, reader)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if auth {
		req.Header.Set("Authorization", s.authScheme+s.Token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}
