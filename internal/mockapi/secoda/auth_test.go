package secoda

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuthFailuresAre401WithDRFBodies(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name, header, detail string
	}{
		{"no header", "", "Authentication credentials were not provided."},
		{"other scheme", "Token " + testToken, "Authentication credentials were not provided."},
		{"bearer without key", "Bearer", "Invalid token header. No credentials provided."},
		{"key with spaces", "Bearer a b", "Invalid token header. Token string should not contain spaces."},
		{"unknown key", "Bearer 00000000-0000-4000-8000-000000000000", "Invalid token."},
	}
	for _, tc := range cases {
		for _, req := range []struct{ method, path string }{{"GET", "/api/v1/user/"}, {"POST", "/api/v1/auth/group/"}, {"DELETE", "/api/v1/user/x/"}} {
			r := h.do(req.method, req.path, map[string]any{"name": "x"}, tc.header)
			if r.status != http.StatusUnauthorized || r.obj()["detail"] != tc.detail {
				t.Errorf("%s, %s %s: %d %s, want 401 %q", tc.name, req.method, req.path, r.status, r.raw, tc.detail)
			}
			if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s: WWW-Authenticate = %q, want a Bearer challenge", tc.name, r.header.Get("WWW-Authenticate"))
			}
		}
	}
	// Nothing was created by the refused writes.
	if got := h.do("GET", "/api/v1/auth/group/", nil).obj()["count"]; got != float64(0) {
		t.Errorf("groups after refused writes: count = %v, want 0", got)
	}
	// The scheme is case-insensitive, as in DRF.
	if r := h.do("GET", "/api/v1/user/", nil, "bearer "+testToken); r.status != http.StatusOK {
		t.Errorf("lowercase bearer: %d %s", r.status, r.raw)
	}
}

func TestHealthcheckAndHooksNeedNoToken(t *testing.T) {
	h := newHarness(t)
	if r := h.do("GET", "/healthcheck", nil, ""); r.status != http.StatusOK || r.obj()["status"] != "OK" {
		t.Errorf("healthcheck: %d %s", r.status, r.raw)
	}
	if r := h.do("GET", "/__mock/secoda/state", nil, ""); r.status != http.StatusOK {
		t.Errorf("state hook: %d %s", r.status, r.raw)
	}
}

func TestGeneratedTokenIsUUIDShaped(t *testing.T) {
	m := New(Options{})
	if !uuidV4.MatchString(m.AdminToken()) {
		t.Errorf("generated token %q is not UUID-shaped", m.AdminToken())
	}
}
