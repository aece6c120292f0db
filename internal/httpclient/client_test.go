package httpclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// scripted answers each request with the next status in the list (the last one repeats).
func scripted(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(calls.Add(1)) - 1
		if n >= len(statuses) {
			n = len(statuses) - 1
		}
		if statuses[n] == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "0")
		}
		w.WriteHeader(statuses[n])
		_, _ = w.Write([]byte(`{"detail":"status ` + http.StatusText(statuses[n]) + `"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func newTestClient(t *testing.T, baseURL string, retries int) *Client {
	t.Helper()
	c, err := New(Config{
		BaseURL: baseURL + "/api", Authorization: "Bearer s3cret-token", MaxRetries: retries,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, RequestTimeout: 2 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSafeMethodsRetryServerErrors(t *testing.T) {
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		srv, calls := scripted(t, 503, 502, 200)
		c := newTestClient(t, srv.URL, 3)
		if _, err := c.Do(context.Background(), Request{Method: method, Path: "/things/"}); err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		if got := calls.Load(); got != 3 {
			t.Errorf("%s: %d attempts, want 3", method, got)
		}
	}
}

func TestPostIsNeverResentAfterAServerError(t *testing.T) {
	srv, calls := scripted(t, 500, 201)
	c := newTestClient(t, srv.URL, 3)
	_, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things/", Body: map[string]string{"name": "x"}})
	if !platform.IsAmbiguous(err) {
		t.Fatalf("want an ambiguous error after a 500 to a POST, got %v", err)
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("POST sent %d times, want 1", got)
	}
}

func TestPost429IsRetriedBecauseTheServerDidNotProcessIt(t *testing.T) {
	srv, calls := scripted(t, 429, 429, 201)
	c := newTestClient(t, srv.URL, 3)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things/"}); err != nil {
		t.Fatal(err)
	}
	if got := calls.Load(); got != 3 {
		t.Errorf("%d attempts, want 3", got)
	}
}

func TestIdempotentPostIsRetried(t *testing.T) {
	srv, calls := scripted(t, 503, 204)
	c := newTestClient(t, srv.URL, 2)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things/1/add/", Idempotent: true}); err != nil {
		t.Fatal(err)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("%d attempts, want 2", got)
	}
}

func TestRetryBudgetExhaustedNamesMethodPathStatusAndServerMessage(t *testing.T) {
	srv, calls := scripted(t, 503)
	c := newTestClient(t, srv.URL, 2)
	c.cfg.DecodeError = func(apiErr *platform.APIError, resp *Response) error {
		apiErr.Message = strings.TrimSpace(string(resp.Body))
		return apiErr
	}
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/"})
	var apiErr *platform.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("want *platform.APIError, got %T %v", err, err)
	}
	msg := err.Error()
	for _, want := range []string{"GET", "/api/things/", "503", "Service Unavailable"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, "s3cret-token") {
		t.Errorf("error leaks the token: %q", msg)
	}
	if got := calls.Load(); got != 3 {
		t.Errorf("%d attempts, want 1 + 2 retries", got)
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	srv, calls := scripted(t, 400, 200)
	c := newTestClient(t, srv.URL, 3)
	if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/"}); err == nil {
		t.Fatal("want an error for a 400")
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("%d attempts, want 1", got)
	}
}

func TestPostToAClosedPortIsRetriedBecauseItNeverLeft(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	c := newTestClient(t, "http://"+addr, 1)
	_, err = c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/things/"})
	if err == nil || platform.IsAmbiguous(err) {
		t.Fatalf("a refused connection is certainly not applied: want a plain error, got %v", err)
	}
}

func TestRequestCarriesAuthUserAgentAndJSON(t *testing.T) {
	var got http.Header
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		buf := new(strings.Builder)
		_, _ = io.Copy(buf, r.Body)
		body = buf.String()
		_, _ = w.Write([]byte(`{"ok":true}`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL + "/api/v3", Authorization: "Bearer t", UserAgent: "roster-test/1", Headers: map[string]string{"X-Extra": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(context.Background(), Request{Method: http.MethodPost, Path: "/x/", Body: map[string]int{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]bool
	if err := resp.JSON(&out); err != nil || !out["ok"] {
		t.Fatalf("decoding: %v %v", out, err)
	}
	checks := map[string]string{"Authorization": "Bearer t", "User-Agent": "roster-test/1", "Content-Type": "application/json", "X-Extra": "1"}
	for k, v := range checks {
		if got.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.Get(k), v)
		}
	}
	if body != `{"a":1}` {
		t.Errorf("body %q", body)
	}
}

func TestNewRejectsBaseURLWithoutScheme(t *testing.T) {
	if _, err := New(Config{BaseURL: "auth.example.com/api"}); err == nil {
		t.Fatal("want an error for a base URL without scheme")
	}
}

func TestWritesArePaced(t *testing.T) {
	srv, _ := scripted(t, 200)
	c, err := New(Config{BaseURL: srv.URL, WritesPerMinute: 600}) // one write per 100 ms
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < 4; i++ {
		if _, err := c.Do(context.Background(), Request{Method: http.MethodPatch, Path: "/x"}); err != nil {
			t.Fatal(err)
		}
	}
	// The first write is immediate (burst 1), the next three wait about 100 ms each.
	if elapsed := time.Since(start); elapsed < 250*time.Millisecond {
		t.Errorf("4 paced writes took %v, want >= 300ms minus scheduling slack", elapsed)
	}
	for i := 0; i < 20; i++ { // reads are not paced
		if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x"}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDecodedErrorsNeverCarryTheToken: a server that echoes the token JSON-escaped must not get it into a
// message, even though decoding the escape restores it.
func TestDecodedErrorsNeverCarryTheToken(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"detail":"bad s3cret-toke\u006e","name":["s3cret-toke\u006e taken"]}`))
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, 0)
	c.cfg.DecodeError = func(apiErr *platform.APIError, resp *Response) error {
		var body struct {
			Detail string   `json:"detail"`
			Name   []string `json:"name"`
		}
		_ = resp.JSON(&body)
		apiErr.Message = body.Detail
		return &platform.InvalidError{Fields: []platform.FieldError{{Field: platform.FieldName, Message: body.Name[0]}}, Err: apiErr}
	}
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/x/"})
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("want *platform.InvalidError, got %v", err)
	}
	if strings.Contains(err.Error(), "s3cret-token") || strings.Contains(invalid.Fields[0].Message, "s3cret-token") {
		t.Fatalf("the token leaked: %q / %q", err.Error(), invalid.Fields[0].Message)
	}
}
