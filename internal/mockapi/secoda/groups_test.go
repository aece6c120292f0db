package secoda

import (
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestGroupLifecycle(t *testing.T) {
	h := newHarness(t)
	created := h.createGroup(map[string]any{"name": "  ops  ", "description": "on call"})
	id, _ := created["id"].(string)
	if !uuidV4.MatchString(id) {
		t.Fatalf("id %q is not a UUIDv4", id)
	}
	wantKeys := []string{"created_at", "description", "icon", "id", "name", "snowflake_role", "updated_at", "users", "workspace_id"}
	if got := sortedMapKeys(created); !reflect.DeepEqual(got, wantKeys) {
		t.Errorf("group keys = %v, want %v", got, wantKeys)
	}
	if created["name"] != "ops" || created["description"] != "on call" || created["icon"] != defaultIcon ||
		created["workspace_id"] != WorkspaceID || created["snowflake_role"] != nil || len(strs(created["users"])) != 0 {
		t.Errorf("created = %v", created)
	}
	for _, k := range []string{"created_at", "updated_at"} {
		if s, _ := created[k].(string); !microsZTime.MatchString(s) {
			t.Errorf("%s = %q, want RFC 3339 with microseconds and Z", k, s)
		}
	}

	h.clock.Advance(time.Second)
	patched := h.must(http.StatusOK, "PATCH", "/api/v1/auth/group/"+id+"/", map[string]any{"icon": "🚀", "id": "ignored", "workspace_id": "ignored"}).obj()
	if patched["name"] != "ops" || patched["icon"] != "🚀" || patched["description"] != "on call" || patched["id"] != id {
		t.Errorf("PATCH merged wrongly: %v", patched)
	}
	if patched["updated_at"] == created["updated_at"] || patched["created_at"] != created["created_at"] {
		t.Errorf("timestamps after PATCH: created %v -> %v, updated %v -> %v", created["created_at"], patched["created_at"], created["updated_at"], patched["updated_at"])
	}
	if got := h.getGroup(id); !reflect.DeepEqual(got, patched) {
		t.Errorf("GET after PATCH = %v, want %v", got, patched)
	}

	r := h.must(http.StatusNoContent, "DELETE", "/api/v1/auth/group/"+id+"/", nil)
	if r.raw != "" {
		t.Errorf("DELETE body = %q, want empty", r.raw)
	}
	if r := h.do("GET", "/api/v1/auth/group/"+id+"/", nil); r.status != http.StatusNotFound {
		t.Errorf("GET after DELETE: %d", r.status)
	}
	if r := h.do("DELETE", "/api/v1/auth/group/"+id+"/", nil); r.status != http.StatusNotFound {
		t.Errorf("second DELETE: %d, want 404", r.status)
	}
}

// Every field is optional in Secoda's schema; names are not unique (SAML maps groups by name, but the API
// does not enforce it).
func TestGroupFieldsOptionalAndNamesNotUnique(t *testing.T) {
	h := newHarness(t)
	empty := h.createGroup(map[string]any{})
	if empty["name"] != "" || empty["icon"] != defaultIcon {
		t.Errorf("empty group = %v", empty)
	}
	a, b := h.createGroup(map[string]any{"name": "dup"}), h.createGroup(map[string]any{"name": "dup"})
	if a["id"] == b["id"] {
		t.Error("two creates returned one id")
	}
}

func TestGroupValidationErrors(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name string
		body map[string]any
		want map[string]string
	}{
		{"unknown member", map[string]any{"users": []string{"00000000-0000-4000-8000-000000000000"}}, map[string]string{"users": "object does not exist"}},
		{"member not a uuid", map[string]any{"users": []string{"ada"}}, map[string]string{"users": "is not a valid UUID"}},
		{"users not a list", map[string]any{"users": "x"}, map[string]string{"users": `Expected a list of items but got type "str"`}},
		{"null name", map[string]any{"name": nil}, map[string]string{"name": "may not be null"}},
		{"name an object", map[string]any{"name": map[string]any{}}, map[string]string{"name": "Not a valid string"}},
	}
	for _, tc := range cases {
		wantFieldError(t, tc.name, h.do("POST", "/api/v1/auth/group/", tc.body), tc.want)
	}
	if n := h.do("GET", "/api/v1/auth/group/", nil).obj()["count"]; n != float64(0) {
		t.Errorf("invalid creates left %v groups", n)
	}
}
