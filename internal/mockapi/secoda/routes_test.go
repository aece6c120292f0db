package secoda

import (
	"net/http"
	"strings"
	"testing"
)

// The docs tell callers to add a trailing slash when a request misbehaves, and older docs had no /api/v1
// prefix: the mock serves every spelling.
func TestPathsWithAndWithoutSlashAndPrefix(t *testing.T) {
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "ops"})
	id := g["id"].(string)
	for _, path := range []string{
		"/api/v1/auth/group/", "/api/v1/auth/group", "/auth/group/", "/auth/group",
		"/api/v1/auth/group/" + id + "/", "/api/v1/auth/group/" + id, "/auth/group/" + strings.ToUpper(id),
		"/api/v1/user/", "/api/v1/user", "/user", "/api/v1/user/" + AdminUserID,
		"/api/v1/auth/teams/", "/api/v1/auth/teams/" + DefaultTeamID + "/",
	} {
		if r := h.do("GET", path, nil); r.status != http.StatusOK {
			t.Errorf("GET %s: %d %s", path, r.status, r.raw)
		}
	}
	h.must(http.StatusCreated, "POST", "/api/v1/auth/group", map[string]any{"name": "no-slash"})
	h.must(http.StatusOK, "PATCH", "/api/v1/auth/group/"+id, map[string]any{"name": "ops2"})
	h.must(http.StatusNoContent, "DELETE", "/auth/group/"+id, nil)
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{"/api/v1/groups/", "/api/v2/user/", "/api/v1/user/x/y/", "/api/v1x/user/", "/api/v1/user//"} {
		r := h.do("GET", path, nil)
		if r.status != http.StatusNotFound || !strings.Contains(r.raw, "<h1>Not Found</h1>") {
			t.Errorf("GET %s: %d %q, want Django's HTML 404", path, r.status, r.raw)
		}
	}
	r := h.do("PUT", "/api/v1/user/"+AdminUserID+"/", map[string]any{"first_name": "x"})
	if r.status != http.StatusMethodNotAllowed || r.obj()["detail"] != `Method "PUT" not allowed.` {
		t.Errorf("PUT user: %d %s, want 405 (only PATCH is documented)", r.status, r.raw)
	}
	if r := h.do("POST", "/api/v1/auth/teams/", map[string]any{"name": "x"}); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST teams: %d %s, want 405", r.status, r.raw)
	}
	// Unknown and malformed ids are DRF's 404 with a JSON detail.
	for _, path := range []string{"/api/v1/user/00000000-0000-4000-8000-000000000000/", "/api/v1/auth/group/not-a-uuid/"} {
		if r := h.do("GET", path, nil); r.status != http.StatusNotFound || r.obj()["detail"] != "Not found." {
			t.Errorf("GET %s: %d %s", path, r.status, r.raw)
		}
	}
}

func TestMalformedBodies(t *testing.T) {
	h := newHarness(t)
	if r := h.do("POST", "/api/v1/auth/group/", "{"); r.status != http.StatusBadRequest || !strings.HasPrefix(r.obj()["detail"].(string), "JSON parse error") {
		t.Errorf("broken JSON: %d %s", r.status, r.raw)
	}
	r := h.do("POST", "/api/v1/auth/group/", `["x"]`)
	wantFieldError(t, "list body", r, map[string]string{"non_field_errors": "Expected a dictionary, but got list"})
}
