package secoda

import (
	"net/http"
	"reflect"
	"testing"
)

func TestDriftHooks(t *testing.T) {
	h := newHarness(t)
	ada := h.createUser(map[string]any{"email": "ada@example.com"})["id"].(string)
	ops := h.createGroup(map[string]any{"name": "ops"})["id"].(string)

	// Overwrites skip the API's validation (a blank name, an invalid role) but keep membership symmetric.
	h.must(http.StatusOK, "PATCH", "/__mock/secoda/groups/"+ops, map[string]any{"name": "", "users": []string{ada}, "icon": "x"})
	if g := h.getGroup(ops); g["name"] != "" || g["icon"] != "x" || !reflect.DeepEqual(strs(g["users"]), []string{ada}) {
		t.Errorf("group after drift = %v", g)
	}
	h.must(http.StatusOK, "PATCH", "/__mock/secoda/users/"+ada, map[string]any{"role": "Owner", "pending": false, "first_name": "A"})
	u := h.getUser(ada)
	if u["role"] != "Owner" || u["pending"] != "False" || u["first_name"] != "A" || !reflect.DeepEqual(strs(u["user_groups"]), []string{ops}) {
		t.Errorf("user after drift = %v", u)
	}

	for _, bad := range []struct {
		path string
		body any
	}{
		{"/__mock/secoda/groups/" + ops, map[string]any{"title": "not a group field"}},
		{"/__mock/secoda/groups/" + ops, map[string]any{"users": []string{"00000000-0000-4000-8000-000000000000"}}},
		{"/__mock/secoda/users/" + ada, map[string]any{"disabled": "yes"}},
	} {
		if r := h.do("PATCH", bad.path, bad.body); r.status != http.StatusBadRequest || r.obj()["error"] == nil {
			t.Errorf("PATCH %s %v: %d %s, want a 400 hook error", bad.path, bad.body, r.status, r.raw)
		}
	}
	if r := h.do("DELETE", "/__mock/secoda/users/00000000-0000-4000-8000-000000000000", nil); r.status != http.StatusNotFound {
		t.Errorf("hook delete of a missing user: %d", r.status)
	}
	if h.mock.Log().Count() != 4 { // two creates, two reads
		t.Errorf("log has %d entries; hooks must not be logged", h.mock.Log().Count())
	}
}

func TestStateHook(t *testing.T) {
	h := newHarness(t)
	h.createGroup(map[string]any{"name": "b"})
	h.createGroup(map[string]any{"name": "a"})
	bob := h.createUser(map[string]any{"email": "bob@example.com"})["id"].(string)
	h.createUser(map[string]any{"email": "ada@example.com"})
	h.must(http.StatusOK, "PATCH", "/__mock/secoda/users/"+bob, map[string]any{"disabled": true})

	got := h.must(http.StatusOK, "GET", "/__mock/secoda/state", nil).obj()
	if g := strs(got["groups"]); !reflect.DeepEqual(g, []string{"a", "b"}) {
		t.Errorf("groups = %v", g)
	}
	if u := strs(got["users"]); !reflect.DeepEqual(u, []string{"ada@example.com", AdminEmail, "bob@example.com"}) {
		t.Errorf("users = %v", u)
	}
	counts := got["counts"].(map[string]any)
	want := map[string]any{"groups": float64(2), "users": float64(3), "teams": float64(1), "pending_users": float64(1), "disabled_users": float64(1)}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("counts = %v, want %v", counts, want)
	}
}
