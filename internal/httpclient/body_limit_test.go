package httpclient

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const testLimit = 1 << 20

func limitedClient(t *testing.T, baseURL string) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: baseURL + "/api", Authorization: "Bearer t0ken", MaxRetries: 2, MaxResponseBytes: testLimit,
		RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond, RequestTimeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A server that streams a JSON array without end (no Content-Length) costs the client the limit, not the
// stream: the read stops past the limit, the error names the request, the limit and the setting, and the
// server sees the connection close long before it has sent its gigabyte.
func TestEndlessBodyStopsAtTheLimit(t *testing.T) {
	const endless = 1 << 30
	written := make(chan int, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		chunk := bytes.Repeat([]byte(`{"pk":1},`), 64<<10/9)
		n, _ := w.Write([]byte("["))
		for n < endless {
			m, err := w.Write(chunk)
			n += m
			if err != nil {
				break
			}
		}
		written <- n
	}))
	t.Cleanup(srv.Close)
	c := limitedClient(t, srv.URL)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/core/users/"})
	runtime.ReadMemStats(&after)

	want := "GET /api/core/users/: 200 OK: the answer is larger than 1 MiB; raise the provider's `max_response_size_mib`"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	if platform.IsAmbiguous(err) {
		t.Errorf("a read is never ambiguous: %v", err)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 16<<20 {
		t.Errorf("the client allocated %d MiB for a %d MiB limit", grown>>20, testLimit>>20)
	}
	select {
	case n := <-written:
		if n >= endless {
			t.Errorf("the server sent its whole %d-byte body", n)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server is still sending: the client did not hang up")
	}
}

// An answer too large after a write may come from a server that applied it (a 2xx or a 5xx), but not from
// one that refused it (a 4xx). A body of exactly the limit is read.
func TestBodyLimitAmbiguity(t *testing.T) {
	cases := []struct {
		method    string
		status    int
		size      int
		wantErr   bool
		ambiguous bool
	}{
		{http.MethodPost, http.StatusCreated, testLimit + 1, true, true},
		{http.MethodPost, http.StatusInternalServerError, testLimit + 1, true, true},
		{http.MethodPost, http.StatusBadRequest, testLimit + 1, true, false},
		{http.MethodPatch, http.StatusOK, testLimit + 1, true, false},
		{http.MethodGet, http.StatusOK, testLimit, false, false},
	}
	for _, tc := range cases {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(tc.size))
			w.WriteHeader(tc.status)
			_, _ = w.Write(bytes.Repeat([]byte(" "), tc.size))
		}))
		c := limitedClient(t, srv.URL)
		resp, err := c.Do(context.Background(), Request{Method: tc.method, Path: "/x/"})
		srv.Close()
		if !tc.wantErr {
			if err != nil || len(resp.Body) != tc.size {
				t.Errorf("%s %d with %d bytes: %v", tc.method, tc.status, tc.size, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
			t.Errorf("%s %d: got %v, want the limit named", tc.method, tc.status, err)
		}
		if platform.IsAmbiguous(err) != tc.ambiguous {
			t.Errorf("%s %d: ambiguous = %v, want %v", tc.method, tc.status, !tc.ambiguous, tc.ambiguous)
		}
	}
}
