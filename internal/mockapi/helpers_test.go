package mockapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// countingAPI answers 201 {"ok":true} and counts how many requests it applied.
type countingAPI struct{ applied atomic.Int64 }

func (a *countingAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.applied.Add(1)
	WriteJSON(w, http.StatusCreated, map[string]bool{"ok": true})
}

// newTestServer serves api through Wrap with a fresh log and faults.
func newTestServer(t *testing.T, api, hooks http.Handler) (*httptest.Server, *RequestLog, *Faults) {
	t.Helper()
	log, faults := NewRequestLog(), NewFaults()
	srv := httptest.NewServer(Wrap(api, hooks, log, faults))
	t.Cleanup(srv.Close)
	return srv, log, faults
}

// noRetryClient opens a new connection per request, so net/http never silently resends a request
// whose connection a fault closed (it does so for idempotent requests on reused connections).
func noRetryClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func do(t *testing.T, method, url, body string) (*http.Response, string, error) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := noRetryClient().Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b), nil
}

func mustDo(t *testing.T, method, url, body string) (*http.Response, string) {
	t.Helper()
	resp, b, err := do(t, method, url, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return resp, b
}

func newRequest(method, path string) *http.Request {
	return httptest.NewRequest(method, path, nil)
}
