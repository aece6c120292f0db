package secoda

import (
	"net/http"
	"reflect"
	"testing"
)

func TestUserInviteShape(t *testing.T) {
	h := newHarness(t)
	u := h.createUser(map[string]any{"email": "Ada@Example.COM", "first_name": "Ada", "last_name": "Lovelace", "role": "Admin"})
	wantKeys := []string{"bookmarks", "disabled", "email", "first_name", "id", "is_service_account", "last_login", "last_name",
		"new_feature_acknowledged", "pending", "profile_picture", "role", "service_account_count_popularity", "user_groups",
		"workspace", "workspace_id"}
	if got := sortedMapKeys(u); !reflect.DeepEqual(got, wantKeys) {
		t.Errorf("user keys = %v, want %v (no teams, no timestamps)", got, wantKeys)
	}
	if !uuidV4.MatchString(u["id"].(string)) {
		t.Errorf("id %v is not a UUIDv4", u["id"])
	}
	want := map[string]any{
		"email": "Ada@example.com", "role": "admin", "pending": "True", "last_login": "None", "disabled": false,
		"workspace": WorkspaceID, "workspace_id": WorkspaceID,
	}
	for k, v := range want {
		if u[k] != v {
			t.Errorf("%s = %#v, want %#v", k, u[k], v)
		}
	}

	// The invitee signs in.
	accepted := h.must(http.StatusOK, "POST", "/__mock/secoda/users/"+u["id"].(string)+"/accept", nil).obj()
	if accepted["pending"] != "False" || !microsZTime.MatchString(accepted["last_login"].(string)) {
		t.Errorf("after accept: pending %v, last_login %v", accepted["pending"], accepted["last_login"])
	}
}

func TestUserRoleAliasesAndDefaults(t *testing.T) {
	h := newHarness(t)
	if u := h.createUser(map[string]any{"email": "a@example.com"}); u["role"] != defaultRole {
		t.Errorf("default role = %v", u["role"])
	}
	if u := h.createUser(map[string]any{"email": "b@example.com", "_role": "Viewer"}); u["role"] != "viewer" {
		t.Errorf("_role alias: role = %v", u["role"])
	}
	g := h.must(http.StatusCreated, "POST", "/api/v1/user/", map[string]any{
		"email": "g@example.com", "role": "GUEST", "teams": []string{DefaultTeamID},
	}).obj()
	if g["role"] != "guest" {
		t.Errorf("guest role = %v", g["role"])
	}
	// PATCH merges: only the role changes.
	p := h.must(http.StatusOK, "PATCH", "/api/v1/user/"+g["id"].(string)+"/", map[string]any{"role": "Editor", "pending": false}).obj()
	if p["role"] != "editor" || p["email"] != "g@example.com" || p["pending"] != "True" {
		t.Errorf("PATCH role: %v", p)
	}
}

func TestUserValidationErrors(t *testing.T) {
	h := newHarness(t)
	existing := h.createUser(map[string]any{"email": "taken@example.com"})
	cases := []struct {
		name string
		body map[string]any
		want map[string]string
	}{
		{"missing email", map[string]any{"first_name": "x"}, map[string]string{"email": "required"}},
		{"blank email", map[string]any{"email": " "}, map[string]string{"email": "blank"}},
		{"bad email", map[string]any{"email": "ada"}, map[string]string{"email": "valid email"}},
		{"duplicate email, other case", map[string]any{"email": "TAKEN@example.com"}, map[string]string{"email": "already exists"}},
		{"bad role", map[string]any{"email": "r@example.com", "role": "owner"}, map[string]string{"role": `"owner" is not a valid choice.`}},
		{"bad _role", map[string]any{"email": "r@example.com", "_role": "owner"}, map[string]string{"_role": "not a valid choice"}},
		{"guest without teams", map[string]any{"email": "g@example.com", "role": "guest"}, map[string]string{"teams": "at least one team"}},
		{"guest with empty teams", map[string]any{"email": "g@example.com", "role": "guest", "teams": []string{}}, map[string]string{"teams": "at least one team"}},
		{"unknown team", map[string]any{"email": "t@example.com", "teams": []string{"00000000-0000-4000-8000-000000000001"}}, map[string]string{"teams": "object does not exist"}},
		{"unknown group", map[string]any{"email": "t@example.com", "user_groups": []string{"00000000-0000-4000-8000-000000000002"}}, map[string]string{"user_groups": "object does not exist"}},
		{"several fields", map[string]any{"email": "x", "role": "owner"}, map[string]string{"email": "valid email", "role": "not a valid choice"}},
	}
	for _, tc := range cases {
		wantFieldError(t, tc.name, h.do("POST", "/api/v1/user/", tc.body), tc.want)
	}

	id := existing["id"].(string)
	other := h.createUser(map[string]any{"email": "other@example.com"})
	wantFieldError(t, "PATCH to a taken email", h.do("PATCH", "/api/v1/user/"+other["id"].(string)+"/", map[string]any{"email": "taken@EXAMPLE.com"}),
		map[string]string{"email": "already exists"})
	wantFieldError(t, "PATCH to guest without teams", h.do("PATCH", "/api/v1/user/"+id+"/", map[string]any{"role": "guest"}),
		map[string]string{"teams": "at least one team"})
	// Keeping one's own email is not a duplicate.
	h.must(http.StatusOK, "PATCH", "/api/v1/user/"+id+"/", map[string]any{"email": "Taken@example.com"})
	if n := h.do("GET", "/api/v1/user/", nil).obj()["count"]; n != float64(3) {
		t.Errorf("users = %v, want admin + 2", n)
	}
}

func TestUserDeleteAndDisabled(t *testing.T) {
	h := newHarness(t)
	u := h.createUser(map[string]any{"email": "d@example.com"})
	id := u["id"].(string)
	h.must(http.StatusOK, "PATCH", "/__mock/secoda/users/"+id, map[string]any{"disabled": true})
	if got := h.getUser(id); got["disabled"] != true {
		t.Errorf("a deactivated user is still readable with disabled=true; got %v", got)
	}
	// ... and still listed, as the UI keeps the member (name struck through).
	list := h.must(http.StatusOK, "GET", "/api/v1/user/", nil).obj()["results"].([]any)
	if len(list) != 2 || list[1].(map[string]any)["id"] != id || list[1].(map[string]any)["disabled"] != true {
		t.Errorf("the list does not show the deactivated member: %v", list)
	}
	// A deactivated member keeps its address.
	wantFieldError(t, "re-invite deactivated", h.do("POST", "/api/v1/user/", map[string]any{"email": "d@example.com"}), map[string]string{"email": "already exists"})
	h.must(http.StatusNoContent, "DELETE", "/api/v1/user/"+id+"/", nil)
	if r := h.do("GET", "/api/v1/user/"+id+"/", nil); r.status != http.StatusNotFound || r.obj()["detail"] != "Not found." {
		t.Errorf("GET after DELETE: %d %s", r.status, r.raw)
	}
	h.createUser(map[string]any{"email": "d@example.com"})
}
