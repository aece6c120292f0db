package authentik

import (
	"slices"
	"strings"
	"testing"
)

func TestCreateUserDefaults(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("ada", map[string]any{"email": "ada@example.com"})
	if pk(u) != 2 {
		t.Fatalf("first created user has pk %d, want 2 after the seeded admin", pk(u))
	}
	for field, want := range map[string]string{
		"is_active": "true", "path": `"users"`, "type": `"internal"`, "is_superuser": "false", "groups": "[]",
		"groups_obj": "[]", "roles": "[]", "roles_obj": "[]", "attributes": "{}", "last_login": "null",
		"date_joined": `"2026-05-01T12:00:00Z"`,
	} {
		if got := jsonText(u[field]); got != want {
			t.Errorf("%s = %s, want %s", field, got, want)
		}
	}
	if uid := u["uid"].(string); len(uid) != 64 || uid != userUID(2) {
		t.Errorf("uid %q is not the stable sha256 hex of the pk", uid)
	}
	if _, leaked := u["password"]; leaked {
		t.Error("passwords are never returned")
	}
}

func TestUserValidationErrors(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("u", 151)
	cases := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, `{"username":["This field is required."],"name":["This field is required."]}`},
		{map[string]any{"username": "akadmin", "name": ""}, `{"username":["This field must be unique."]}`},
		{map[string]any{"username": long, "name": "x"}, `{"username":["Ensure this field has no more than 150 characters."]}`},
		{map[string]any{"username": "x", "name": "x", "email": "not-an-email"}, `{"email":["Enter a valid email address."]}`},
		{map[string]any{"username": "x", "name": "x", "email": strings.Repeat("e", 250) + "@example.com"}, `{"email":["Ensure this field has no more than 254 characters."]}`},
		{map[string]any{"username": "x", "name": "x", "path": "/users"}, `{"path":["No leading or trailing slashes allowed."]}`},
		{map[string]any{"username": "x", "name": "x", "path": "a//b"}, `{"path":["No empty segments in user path allowed."]}`},
		{map[string]any{"username": "x", "name": "x", "path": ""}, `{"path":["This field may not be blank."]}`},
		{map[string]any{"username": "x", "name": "x", "type": "robot"}, `{"type":["\"robot\" is not a valid choice."]}`},
		{map[string]any{"username": "x", "name": "x", "type": "internal_service_account"}, `{"type":["Setting a user to internal service account is not allowed."]}`},
		{map[string]any{"username": "x", "name": "x", "groups": []string{"00000000-0000-4000-8000-000000000009"}}, `{"groups":["Invalid pk \"00000000-0000-4000-8000-000000000009\" - object does not exist."]}`},
		{map[string]any{"username": "x", "name": "x", "last_login": "yesterday"}, `{"last_login":["Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."]}`},
	}
	for _, c := range cases {
		h.expectBody(h.api("POST", "/core/users/", c.body), 400, c.want)
	}
	// Blank name is allowed, a blank email too.
	h.createUser("blank-name", map[string]any{"name": "", "email": ""})
}

func TestUserPutClearsGroupsAndRolesPatchKeepsThem(t *testing.T) {
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "g"})
	u := h.createUser("member", map[string]any{"groups": []string{g["pk"].(string)}, "roles": []string{SeedRoleEditorUUID}, "email": "m@example.com"})
	path := "/core/users/" + pkPath(u) + "/"

	patched := h.expect(h.api("PATCH", path, map[string]any{"name": "New Name"}), 200).obj()
	if len(strList(patched["groups"])) != 1 || len(strList(patched["roles"])) != 1 || patched["name"] != "New Name" {
		t.Fatalf("PATCH changed more than name: %s", jsonText(patched))
	}

	put := h.expect(h.api("PUT", path, map[string]any{"username": "member", "name": "New Name"}), 200).obj()
	if len(strList(put["groups"])) != 0 || len(strList(put["roles"])) != 0 {
		t.Fatalf("PUT without groups/roles kept them: groups %v roles %v", put["groups"], put["roles"])
	}
	if put["email"] != "m@example.com" {
		t.Fatalf("PUT without email changed it to %v; only the relations default to []", put["email"])
	}
	grp := h.api("GET", "/core/groups/"+g["pk"].(string)+"/", nil).obj()
	if len(intList(orEmpty(grp["users"]))) != 0 {
		t.Fatalf("group still lists the user after its PUT: %v", grp["users"])
	}
	h.expectBody(h.api("PUT", path, map[string]any{"name": "x"}), 400, `{"username":["This field is required."]}`)
	h.expectBody(h.api("PATCH", path, map[string]any{"username": "akadmin"}), 400, `{"username":["This field must be unique."]}`)
	h.expect(h.api("PATCH", path, map[string]any{"username": "member"}), 200) // its own name is not a clash
}

func TestSetPassword(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("pw", nil)
	path := "/core/users/" + pkPath(u) + "/set_password/"
	h.clock.Advance(3600e9)
	r := h.api("POST", path, map[string]any{"password": "correct horse"})
	h.expect(r, 204)
	if r.raw != "" {
		t.Fatalf("204 with a body: %q", r.raw)
	}
	got := h.api("GET", "/core/users/"+pkPath(u)+"/", nil).obj()
	if got["password_change_date"] != "2026-05-01T13:00:00Z" {
		t.Fatalf("password_change_date = %v after set_password", got["password_change_date"])
	}
	h.expectBody(h.api("POST", path, map[string]any{"password": ""}), 400, `{"password":["This field may not be blank."]}`)
	h.expectBody(h.api("POST", path, map[string]any{}), 400, `{"password":["This field is required."]}`)
	h.expectBody(h.api("POST", "/core/users/999/set_password/", map[string]any{"password": "x"}), 404, `{"detail":"No User matches the given query."}`)
}

func TestUserDeleteCascadesTokensAndMemberships(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("leaver", nil)
	g := h.createGroup(map[string]any{"name": "g", "users": []int{pk(u)}})
	h.createToken(map[string]any{"identifier": "leaver-key", "user": pk(u)})

	h.expect(h.api("DELETE", "/core/users/"+pkPath(u)+"/", nil), 204)
	h.expectBody(h.api("GET", "/core/users/"+pkPath(u)+"/", nil), 404, `{"detail":"No User matches the given query."}`)
	h.expectBody(h.api("GET", "/core/tokens/leaver-key/", nil), 404, `{"detail":"No Token matches the given query."}`)
	if users := orEmpty(h.api("GET", "/core/groups/"+g["pk"].(string)+"/", nil).obj()["users"]); len(users.([]any)) != 0 {
		t.Fatalf("group still lists deleted user: %v", users)
	}
	h.expect(h.api("GET", "/core/users/abc/", nil), 404)
}

func TestServiceAccount(t *testing.T) {
	h := newHarness(t)
	r := h.expect(h.api("POST", "/core/users/service_account/", map[string]any{"name": "CI Runner", "create_group": true}), 200).obj()
	for _, field := range []string{"username", "token", "user_uid", "user_pk", "group_pk"} {
		if r[field] == nil {
			t.Fatalf("service_account response lacks %s: %s", field, jsonText(r))
		}
	}
	u := h.api("GET", "/core/users/"+jsonText(r["user_pk"])+"/", nil).obj()
	if u["type"] != "service_account" || u["path"] != "goauthentik.io/service-accounts" || u["username"] != "CI Runner" {
		t.Fatalf("service account user = %s", jsonText(u))
	}
	if !slices.Equal(strList(u["groups"]), []string{r["group_pk"].(string)}) {
		t.Fatal("create_group puts the account in a group of the same name")
	}
	tok := h.expect(h.api("GET", "/core/tokens/service-account-ci-runner-password/", nil), 200).obj()
	if tok["intent"] != "app_password" || tok["expires"] != "2027-04-26T12:00:00Z" {
		t.Fatalf("service account token = %s", jsonText(tok))
	}
	if h.viewKey("service-account-ci-runner-password") != r["token"] {
		t.Fatal("the returned token is the key of the app_password token")
	}

	h.expectBody(h.api("POST", "/core/users/service_account/", map[string]any{"name": "CI Runner"}), 400, `{"name":["This field must be unique."]}`)
	h.expectBody(h.api("POST", "/core/users/service_account/", map[string]any{}), 400, `{"name":["This field is required."]}`)
	// Another name with the same slug clashes on the token identifier: nothing is created.
	before := len(h.listAll("/core/users/"))
	h.expectBody(h.api("POST", "/core/users/service_account/", map[string]any{"name": "ci runner"}), 400, `{"non_field_errors":["A user/group with these details already exists"]}`)
	if after := len(h.listAll("/core/users/")); after != before {
		t.Fatalf("a failed service_account left a user behind (%d -> %d)", before, after)
	}
}

func TestDjangoSlugify(t *testing.T) {
	cases := map[string]string{
		"service-account-CI Runner-password": "service-account-ci-runner-password",
		"  Héllo,  Wörld!  ":                 "hello-world",
		"a__b--c":                            "a__b-c",
	}
	for in, want := range cases {
		if got := djangoSlugify(in); got != want {
			t.Errorf("djangoSlugify(%q) = %q, want %q", in, got, want)
		}
	}
}
