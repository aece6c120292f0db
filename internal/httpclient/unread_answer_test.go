package httpclient

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A 2xx answer whose body was cut off (Content-Length matching the cut, as a proxy that truncates sends it)
// was applied: for a POST it is ambiguous, so the caller looks the object up; for a read it is a plain error.
func TestTruncatedAnswerToAPostIsAmbiguous(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"pk": 7, "username": "ad`))
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, 0)
	for _, tc := range []struct {
		req       Request
		ambiguous bool
	}{
		{Request{Method: http.MethodPost, Path: "/users/"}, true},
		{Request{Method: http.MethodPost, Path: "/users/7/set_password/", Idempotent: true}, false},
		{Request{Method: http.MethodGet, Path: "/users/7/"}, false},
		{Request{Method: http.MethodPatch, Path: "/users/7/"}, false},
	} {
		var out map[string]any
		err := c.DoJSON(context.Background(), tc.req, &out)
		if err == nil || !strings.Contains(err.Error(), "unexpected end of JSON input") {
			t.Fatalf("%s %s: got %v, want the decoding error", tc.req.Method, tc.req.Path, err)
		}
		if platform.IsAmbiguous(err) != tc.ambiguous {
			t.Errorf("%s %s (idempotent %v): ambiguous = %v, want %v: %v", tc.req.Method, tc.req.Path, tc.req.Idempotent, !tc.ambiguous, tc.ambiguous, err)
		}
	}
}

// A POST whose context is cancelled (Ctrl-C) after it reached the server may have been applied.
func TestCancelledPostInFlightIsAmbiguous(t *testing.T) {
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // read, so that the server notices the client leaving
		close(arrived)
		<-r.Context().Done() // applied, but the answer waits until the client is gone
	}))
	t.Cleanup(srv.Close)
	c := newTestClient(t, srv.URL, 3)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	start := time.Now()
	_, err := c.Do(ctx, Request{Method: http.MethodPost, Path: "/users/", Body: map[string]string{"username": "ada"}})
	if !platform.IsAmbiguous(err) {
		t.Fatalf("got %v, want an ambiguous error", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("the cancelled request returned after %s", elapsed)
	}
}
