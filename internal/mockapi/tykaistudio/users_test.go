package tykaistudio

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestCreateUserDefaultsAndDefaultGroup(t *testing.T) {
	c := newTester(t, Options{})
	v := c.api("POST", "/api/v1/users", usersBody(map[string]any{"email": "Alice@Example.test", "name": "Alice"}), http.StatusCreated)
	if jget(v, "data", "type") != "users" || jget(v, "data", "id") != "2" {
		t.Errorf("created %v, want type users and the string id \"2\"", jget(v, "data"))
	}
	attrs := jget(v, "data", "attributes").(map[string]any)
	for _, flag := range []string{"is_admin", "show_chat", "show_portal", "email_verified", "notifications_enabled", "access_to_sso_config"} {
		if attrs[flag] != false {
			t.Errorf("%s = %v, want the API default false", flag, attrs[flag])
		}
	}
	if attrs["api_key"] != "" || attrs["role"] != "Chat user" || attrs["email"] != "Alice@Example.test" {
		t.Errorf("attributes %v: want no key until rolled, role Chat user, email case kept", attrs)
	}
	// The echo has group stubs with empty names; Default is always there.
	if got := jget(v, "data", "attributes", "groups", 0); jget(got, "id") != "1" || jget(got, "attributes", "name") != "" {
		t.Errorf("create echo groups %v, want a stub of Default (id 1, empty name)", attrs["groups"])
	}
	got := c.api("GET", "/api/v1/users/2", nil, http.StatusOK)
	if jget(got, "data", "attributes", "groups", 0, "attributes", "name") != DefaultGroupName {
		t.Errorf("GET groups %v, want Default with its name", jget(got, "data", "attributes", "groups"))
	}
	members := ids(jget(c.api("GET", "/api/v1/groups/1/users?all=true", nil, http.StatusOK), "data"))
	if !slices.Equal(members, []string{"1", "2"}) {
		t.Errorf("Default members %v, want [1 2]", members)
	}
}

func TestCreateUserWithGroupsAppendsDefault(t *testing.T) {
	c := newTester(t, Options{})
	eng := c.createGroup(map[string]any{"name": "eng"})
	v := c.api("POST", "/api/v1/users", usersBody(map[string]any{"email": "b@example.test", "groups": []int{2}}), http.StatusCreated)
	if got := ids(jget(v, "data", "attributes", "groups")); !slices.Equal(got, []string{eng, "1"}) {
		t.Errorf("echo groups %v, want [2 1]", got)
	}
	c.apiError("POST", "/api/v1/users", usersBody(map[string]any{"email": "c@example.test", "groups": []int{99}}), http.StatusBadRequest, msgGroupsNotFound)
}

func TestUserValidation(t *testing.T) {
	c := newTester(t, Options{})
	// No required field at all, and no format check.
	c.api("POST", "/api/v1/users", usersBody(map[string]any{}), http.StatusCreated)
	c.apiError("POST", "/api/v1/users", usersBody(map[string]any{}), http.StatusBadRequest, msgEmailInUse)
	c.api("POST", "/api/v1/users", usersBody(map[string]any{"email": "not-an-email"}), http.StatusCreated)

	c.createUser(map[string]any{"email": "Dup@Example.test"})
	c.apiError("POST", "/api/v1/users", usersBody(map[string]any{"email": "dup@example.TEST"}), http.StatusBadRequest, msgEmailInUse)
	c.apiError("POST", "/api/v1/users", usersBody(map[string]any{"email": "n@x.test", "notifications_enabled": true}), http.StatusBadRequest, msgNotificationsAdmin)
	c.apiError("POST", "/api/v1/users", usersBody(map[string]any{"email": "s@x.test", "access_to_sso_config": true}), http.StatusBadRequest, msgSSOConfigAdmin)
	c.api("POST", "/api/v1/users", usersBody(map[string]any{"email": "ok@x.test", "is_admin": true, "notifications_enabled": true, "access_to_sso_config": true}), http.StatusCreated)

	v := c.api("POST", "/api/v1/users", usersBody(map[string]any{"email": "t@x.test", "is_admin": "yes"}), http.StatusBadRequest)
	if d, _ := jget(v, "errors", 0, "detail").(string); !strings.Contains(d, "cannot unmarshal string") || !strings.Contains(d, ".data.attributes.is_admin") {
		t.Errorf("wrong type detail %q", d)
	}
	v = c.api("POST", "/api/v1/users", usersBody(map[string]any{"email": "t@x.test", "groups": []string{"1"}}), http.StatusBadRequest)
	if d, _ := jget(v, "errors", 0, "detail").(string); !strings.Contains(d, "cannot unmarshal string") {
		t.Errorf("string ids detail %q, want a decoding error (id arrays are numbers)", d)
	}
	c.apiError("GET", "/api/v1/users/abc", nil, http.StatusBadRequest, msgInvalidUserID)
	c.apiError("GET", "/api/v1/users/4294967296", nil, http.StatusBadRequest, msgInvalidUserID)
}

// PATCH overwrites every scalar with what the body says, or its zero value; the password is ignored.
func TestPatchUserIsFullReplacement(t *testing.T) {
	c := newTester(t, Options{})
	id := c.createUser(map[string]any{
		"email": "carol@example.test", "name": "Carol", "password": "first-pw", "is_admin": true, "show_chat": true,
		"show_portal": true, "email_verified": true, "notifications_enabled": true, "access_to_sso_config": true,
	})
	v := c.api("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"name": "Carol B", "password": "second-pw"}), http.StatusOK)
	attrs := jget(v, "data", "attributes").(map[string]any)
	if attrs["email"] != "" || attrs["name"] != "Carol B" || attrs["is_admin"] != false || attrs["show_chat"] != false ||
		attrs["email_verified"] != false || attrs["role"] != "Chat user" {
		t.Errorf("after a name-only PATCH: %v, want email wiped and every flag false", attrs)
	}
	unlock := c.mock.Lock(http.MethodGet)
	pw := c.mock.st.users.Get(2).password
	unlock()
	if pw != "first-pw" {
		t.Errorf("password after PATCH = %q, want the create-time one (PATCH ignores it)", pw)
	}
	// The user can keep its own email; another user's (any case) is taken.
	c.api("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"email": "carol@example.test"}), http.StatusOK)
	c.apiError("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"email": strings.ToUpper(SuperAdminEmail)}), http.StatusBadRequest, msgEmailInUse)
	c.apiError("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"notifications_enabled": true}), http.StatusBadRequest, msgNotificationsAdmin)
}

// The handler loads the user without groups: omitted or [] leaves memberships alone, a non-empty
// list replaces them exactly, Default included.
func TestPatchUserGroups(t *testing.T) {
	c := newTester(t, Options{})
	eng := c.createGroup(map[string]any{"name": "eng"})
	id := c.createUser(map[string]any{"email": "d@example.test", "groups": []int{2}})
	groupsOf := func() []string {
		return ids(jget(c.api("GET", "/api/v1/users/"+id, nil, http.StatusOK), "data", "attributes", "groups"))
	}
	v := c.api("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"email": "d@example.test"}), http.StatusOK)
	if jget(v, "data", "attributes", "groups") != nil {
		t.Errorf("PATCH without groups echoed groups %v", jget(v, "data", "attributes", "groups"))
	}
	c.api("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"email": "d@example.test", "groups": []int{}}), http.StatusOK)
	if got := groupsOf(); !slices.Equal(got, []string{"1", eng}) {
		t.Errorf("groups after omitted/[] groups: %v, want unchanged [1 2]", got)
	}
	c.api("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"email": "d@example.test", "groups": []int{2}}), http.StatusOK)
	if got := groupsOf(); !slices.Equal(got, []string{eng}) {
		t.Errorf("groups after groups [2]: %v, want exactly [2] (Default dropped)", got)
	}
	c.apiError("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"groups": []int{42}}), http.StatusBadRequest, msgGroupsNotFound)
}

func TestSoftDeleteAndMissingUsers(t *testing.T) {
	c := newTester(t, Options{})
	id := c.createUser(map[string]any{"email": "e@example.test"})
	c.api("DELETE", "/api/v1/users/"+id, nil, http.StatusNoContent)

	c.apiError("GET", "/api/v1/users/"+id, nil, http.StatusNotFound, msgUserNotFound)
	c.apiError("PATCH", "/api/v1/users/"+id, usersBody(map[string]any{"email": "x@x.test"}), http.StatusInternalServerError, msgRecordNotFound)
	c.apiError("DELETE", "/api/v1/users/"+id, nil, http.StatusInternalServerError, msgRecordNotFound)
	c.apiError("POST", "/api/v1/users/"+id+"/roll-api-key", nil, http.StatusInternalServerError, msgRecordNotFound)
	c.apiError("GET", "/api/v1/users/999", nil, http.StatusNotFound, msgUserNotFound)
	c.apiError("DELETE", "/api/v1/users/999", nil, http.StatusInternalServerError, msgRecordNotFound)

	// The email is free again, and the id is not reused.
	if again := c.createUser(map[string]any{"email": "E@example.test"}); again == id {
		t.Errorf("id %s reused after a soft delete", id)
	}
	if members := ids(jget(c.api("GET", "/api/v1/groups/1/users?all=true", nil, http.StatusOK), "data")); slices.Contains(members, id) {
		t.Errorf("deleted user %s still listed in Default: %v", id, members)
	}
	c.apiError("DELETE", "/api/v1/users/1", nil, http.StatusForbidden, msgSuperAdminUndelete)
}

func TestRollAPIKeyAndRoles(t *testing.T) {
	c := newTester(t, Options{})
	id := c.createUser(map[string]any{"email": "f@example.test", "show_portal": true})
	v := c.api("POST", "/api/v1/users/"+id+"/roll-api-key", nil, http.StatusOK)
	key, _ := jget(v, "data", "attributes", "api_key").(string)
	if len(key) != 44 || !strings.HasSuffix(key, "=") || strings.ContainsAny(key, "+/") {
		t.Errorf("key %q, want 44 base64url characters ending in =", key)
	}
	if jget(v, "data", "attributes", "groups") != nil {
		t.Error("the roll answer has no groups")
	}
	if got := jget(c.api("GET", "/api/v1/users/"+id, nil, http.StatusOK), "data", "attributes", "api_key"); got != key {
		t.Errorf("GET shows key %v, want the rolled one in plaintext", got)
	}
	roles := map[string]string{
		"1": "Super Admin",
		id:  "Developer",
		c.createUser(map[string]any{"email": "g@example.test", "is_admin": true}):  "Admin",
		c.createUser(map[string]any{"email": "h@example.test", "show_chat": true}): "Chat user",
	}
	for uid, want := range roles {
		if got := jget(c.api("GET", "/api/v1/users/"+uid, nil, http.StatusOK), "data", "attributes", "role"); got != want {
			t.Errorf("user %s role %v, want %q", uid, got, want)
		}
	}
}
