package secoda

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestWriteLimit(t *testing.T) {
	h := newHarness(t)
	h.mock.SetWritesPerMinute(3)
	ada := h.createUser(map[string]any{"email": "ada@example.com"})["id"].(string) // write 1
	h.clock.Advance(20 * time.Second)
	h.must(http.StatusOK, "PATCH", "/api/v1/user/"+ada+"/", map[string]any{"first_name": "Ada"}) // write 2
	// A refused request is still a write: 404 and 400 count, as the throttle runs before the view.
	h.must(http.StatusNotFound, "DELETE", "/api/v1/auth/group/00000000-0000-4000-8000-000000000000/", nil) // write 3

	// Reads and unauthenticated writes do not count.
	for range 5 {
		h.must(http.StatusOK, "GET", "/api/v1/user/", nil)
	}
	if r := h.do("POST", "/api/v1/auth/group/", map[string]any{}, "Bearer wrong"); r.status != http.StatusUnauthorized {
		t.Fatalf("bad token: %d", r.status)
	}

	h.clock.Advance(10 * time.Second)
	r := h.do("POST", "/api/v1/auth/group/", map[string]any{"name": "x"})
	if r.status != http.StatusTooManyRequests {
		t.Fatalf("4th write in a minute: %d %s, want 429", r.status, r.raw)
	}
	// The oldest write leaves the window 30s from now.
	if got := r.header.Get("Retry-After"); got != "30" {
		t.Errorf("Retry-After = %q, want 30", got)
	}
	if d := r.obj()["detail"]; d != "Request was throttled. Expected available in 30 seconds." {
		t.Errorf("detail = %v", d)
	}
	if n := h.do("GET", "/api/v1/auth/group/", nil).obj()["count"]; n != float64(0) {
		t.Errorf("a throttled POST created something: %v groups", n)
	}

	// Refused writes are not counted: once the first write is a minute old, one more is admitted.
	h.clock.Advance(30 * time.Second)
	h.must(http.StatusCreated, "POST", "/api/v1/auth/group/", map[string]any{"name": "x"})
	r = h.do("POST", "/api/v1/auth/group/", map[string]any{"name": "y"})
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "20" {
		t.Errorf("next write: %d Retry-After %q, want 429 after 20s", r.status, r.header.Get("Retry-After"))
	}

	h.mock.SetWritesPerMinute(-1)
	for range 50 {
		h.must(http.StatusCreated, "POST", "/api/v1/auth/group/", map[string]any{"name": "z"})
	}
}

func TestWriteLimitDefaultsToTheDocumented30(t *testing.T) {
	clock := newFakeClock()
	mock := New(Options{Token: testToken, Now: clock.Now})
	srv := httptest.NewServer(mock)
	t.Cleanup(srv.Close)
	h := &harness{t: t, mock: mock, url: srv.URL, clock: clock}
	for i := range DocumentedWritesPerMinute {
		h.must(http.StatusCreated, "POST", "/api/v1/auth/group/", map[string]any{"name": strconv.Itoa(i)})
	}
	r := h.do("POST", "/api/v1/auth/group/", map[string]any{"name": "31st"})
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "60" {
		t.Errorf("31st write: %d Retry-After %q, want 429 after 60s", r.status, r.header.Get("Retry-After"))
	}
	if got := mock.Log().CountMatching("POST", ""); got != 31 {
		t.Errorf("log has %d POSTs, want 31", got)
	}
}
