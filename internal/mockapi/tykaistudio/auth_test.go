package tykaistudio

import (
	"net/http"
	"strings"
	"testing"
)

func TestAuthentication(t *testing.T) {
	c := newTester(t, Options{})
	// A verified non-admin and an unverified admin, each with a rolled key.
	plain := c.createUser(map[string]any{"email": "plain@example.test", "name": "Plain", "email_verified": true})
	unverified := c.createUser(map[string]any{"email": "unverified@example.test", "name": "U", "is_admin": true})
	plainKey := jget(c.api("POST", "/api/v1/users/"+plain+"/roll-api-key", nil, http.StatusOK), "data", "attributes", "api_key").(string)
	unverifiedKey := jget(c.api("POST", "/api/v1/users/"+unverified+"/roll-api-key", nil, http.StatusOK), "data", "attributes", "api_key").(string)

	cases := []struct {
		name, path, auth string
		status           int
		errBody          string
	}{
		{"no header", "/api/v1/users", "", http.StatusUnauthorized, "Unauthorized"},
		{"bearer", "/api/v1/users", "Bearer " + testToken, http.StatusOK, ""},
		{"scheme word is not checked", "/api/v1/users", "Token " + testToken, http.StatusOK, ""},
		{"bare key", "/api/v1/users", testToken, http.StatusUnauthorized, "Unauthorized"},
		{"two spaces make three parts", "/api/v1/users", "Bearer  " + testToken, http.StatusUnauthorized, "Unauthorized"},
		{"unknown key", "/api/v1/users", "Bearer nope", http.StatusUnauthorized, "Unauthorized"},
		{"empty key", "/api/v1/users", "Bearer ", http.StatusUnauthorized, "Unauthorized"},
		{"query token", "/api/v1/users?token=" + testToken, "", http.StatusOK, ""},
		{"non-admin", "/api/v1/users", "Bearer " + plainKey, http.StatusForbidden, "Forbidden"},
		{"unverified email", "/api/v1/users", "Bearer " + unverifiedKey, http.StatusUnauthorized, "Unauthorized"},
	}
	for _, tc := range cases {
		resp, raw := c.send("GET", tc.path, tc.auth, nil)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
			continue
		}
		if tc.errBody != "" && strings.TrimSpace(string(raw)) != `{"error":"`+tc.errBody+`"}` {
			t.Errorf("%s: body %s, want the middleware's {\"error\":...} shape", tc.name, raw)
		}
	}
}

func TestKeysOfDeletedUsersAndRolledKeysStopWorking(t *testing.T) {
	c := newTester(t, Options{})
	id := c.createUser(map[string]any{"email": "a@example.test", "name": "A", "is_admin": true, "email_verified": true})
	first := jget(c.api("POST", "/api/v1/users/"+id+"/roll-api-key", nil, http.StatusOK), "data", "attributes", "api_key").(string)
	if resp, _ := c.send("GET", "/api/v1/users", "Bearer "+first, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("fresh key: %d", resp.StatusCode)
	}
	second := jget(c.api("POST", "/api/v1/users/"+id+"/roll-api-key", nil, http.StatusOK), "data", "attributes", "api_key").(string)
	if resp, _ := c.send("GET", "/api/v1/users", "Bearer "+first, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("rolled-away key: %d, want 401", resp.StatusCode)
	}
	c.api("DELETE", "/api/v1/users/"+id, nil, http.StatusNoContent)
	if resp, _ := c.send("GET", "/api/v1/users", "Bearer "+second, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("deleted user's key: %d, want 401", resp.StatusCode)
	}
}

// The admin UI answers every unknown path with its HTML page and 200, before any auth check.
func TestUnknownPathsServeTheUI(t *testing.T) {
	c := newTester(t, Options{})
	for _, tc := range []struct{ method, path string }{
		{"GET", "/"},
		{"GET", "/api/v1/nonexistent"},
		{"GET", "/api/v3/core/users/"},
		{"PUT", "/api/v1/users"}, // a method the route does not have
		{"POST", "/api/v1/users/1/nope"},
	} {
		resp, raw := c.send(tc.method, tc.path, "", nil)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(string(raw), "<html") {
			t.Errorf("%s %s: %d %q, want 200 text/html", tc.method, tc.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	}
}

func TestTrailingSlashRedirects(t *testing.T) {
	c := newTester(t, Options{})
	resp, _ := c.send("GET", "/api/v1/users/", "Bearer "+testToken, nil)
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/api/v1/users" {
		t.Errorf("GET /api/v1/users/: %d Location %q, want 301 to /api/v1/users", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = c.send("GET", "/api/v1/users/1/", "Bearer "+testToken, nil)
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/api/v1/users/1" {
		t.Errorf("GET /api/v1/users/1/: %d Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := c.send("GET", "/api/v1/nope/", "", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("unknown path with a slash: %d, want the UI's 200", resp.StatusCode)
	}
}

func TestGeneratedTokenWhenNoneGiven(t *testing.T) {
	mock := New(Options{})
	if k := mock.AdminToken(); len(k) != 44 || !strings.HasSuffix(k, "=") {
		t.Errorf("generated admin key %q, want 44 characters ending in =", k)
	}
	if mock.Edition() != Enterprise {
		t.Errorf("default edition %q", mock.Edition())
	}
}
