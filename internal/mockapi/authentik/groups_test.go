package authentik

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestCreateGroupDefaultsAndShape(t *testing.T) {
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "platform"})
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(g["pk"].(string)) {
		t.Fatalf("pk %v is not a uuid", g["pk"])
	}
	if g["num_pk"].(float64) < 1 || g["num_pk"].(float64) > 99999 {
		t.Fatalf("num_pk %v is not the first five digits", g["num_pk"])
	}
	for field, want := range map[string]string{
		"users": "[]", "users_obj": "[]", "parents": "[]", "roles": "[]", "roles_obj": "[]", "children": "[]",
		"attributes": "{}", "is_superuser": "false", "parents_obj": "null", "children_obj": "null", "inherited_roles_obj": "null",
	} {
		if got := fmt.Sprint(jsonText(g[field])); got != want {
			t.Errorf("%s = %s, want %s", field, got, want)
		}
	}
}

func TestGroupValidationErrors(t *testing.T) {
	h := newHarness(t)
	h.createGroup(map[string]any{"name": "taken"})
	u := h.createUser("member", nil)
	cases := []struct {
		body any
		want string
	}{
		{map[string]any{}, `{"name":["This field is required."]}`},
		{map[string]any{"name": "  "}, `{"name":["This field may not be blank."]}`},
		{map[string]any{"name": "taken"}, `{"name":["Group with this name already exists."]}`},
		{map[string]any{"name": "x", "users": []int{pk(u), 99}}, `{"users":["Invalid pk \"99\" - object does not exist."]}`},
		{map[string]any{"name": "x", "users": "1"}, `{"users":["Expected a list of items but got type \"str\"."]}`},
		{map[string]any{"name": "x", "users": []any{"abc"}}, `{"users":["Incorrect type. Expected pk value, received str."]}`},
		{map[string]any{"name": "x", "parents": []string{"3f6b7c1e-0000-4000-8000-000000000000"}}, `{"parents":["Invalid pk \"3f6b7c1e-0000-4000-8000-000000000000\" - object does not exist."]}`},
		{map[string]any{"name": "x", "roles": []string{"not-a-uuid"}}, `{"roles":["“not-a-uuid” is not a valid UUID."]}`},
		{map[string]any{"name": "x", "is_superuser": "maybe"}, `{"is_superuser":["Must be a valid boolean."]}`},
		{map[string]any{"name": "x", "attributes": []int{1}}, `{"attributes":["Value must be a dictionary, and not have any duplicate keys."]}`},
		{`[1,2]`, `{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}`},
	}
	for _, c := range cases {
		h.expectBody(h.api("POST", "/core/groups/", c.body), 400, c.want)
	}
	r := h.expect(h.api("POST", "/core/groups/", `{"name":`), 400)
	if !strings.HasPrefix(r.obj()["detail"].(string), "JSON parse error") {
		t.Fatalf("malformed JSON body: %s", r.raw)
	}
	if n := len(h.listAll("/core/groups/")); n != 2 {
		t.Fatalf("%d groups after only rejected creates, want 2", n)
	}
}

func TestGroupPutWithoutUsersClearsMembersButPatchKeepsThem(t *testing.T) {
	h := newHarness(t)
	a, b := h.createUser("a", nil), h.createUser("b", nil)
	g := h.createGroup(map[string]any{"name": "team", "users": []int{pk(a), pk(b)}, "roles": []string{SeedRoleEditorUUID}, "attributes": map[string]any{"k": "v"}})
	path := "/core/groups/" + g["pk"].(string) + "/"

	patched := h.expect(h.api("PATCH", path, map[string]any{"name": "team-renamed"}), 200).obj()
	if got := intList(patched["users"]); !slices.Equal(got, []int{pk(a), pk(b)}) {
		t.Fatalf("PATCH without users changed members to %v", got)
	}

	put := h.expect(h.api("PUT", path, map[string]any{"name": "team-renamed"}), 200).obj()
	if got := intList(orEmpty(put["users"])); len(got) != 0 {
		t.Fatalf("PUT without users kept members %v", got)
	}
	if roles := strList(put["roles"]); !slices.Equal(roles, []string{SeedRoleEditorUUID}) {
		t.Fatalf("PUT without roles changed them to %v; only users defaults to []", roles)
	}
	if jsonText(put["attributes"]) != `{"k":"v"}` {
		t.Fatalf("PUT without attributes changed them to %s", jsonText(put["attributes"]))
	}
	h.expectBody(h.api("PUT", path, map[string]any{"users": []int{}}), 400, `{"name":["This field is required."]}`)

	// The same relation, seen from the user's side.
	user := h.expect(h.api("GET", "/core/users/"+pkPath(a)+"/", nil), 200).obj()
	if len(strList(user["groups"])) != 0 {
		t.Fatalf("user a still lists groups %v after the PUT cleared them", user["groups"])
	}
}

func TestAddAndRemoveUser(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("joiner", nil)
	g := h.createGroup(map[string]any{"name": "club"})
	base := "/core/groups/" + g["pk"].(string)

	for i := 0; i < 2; i++ { // idempotent
		h.expect(h.api("POST", base+"/add_user/", map[string]any{"pk": pk(u)}), 204)
	}
	if got := intList(h.api("GET", base+"/", nil).obj()["users"]); !slices.Equal(got, []int{pk(u)}) {
		t.Fatalf("members after add_user = %v", got)
	}
	user := h.api("GET", "/core/users/"+pkPath(u)+"/", nil).obj()
	if !slices.Equal(strList(user["groups"]), []string{g["pk"].(string)}) {
		t.Fatalf("add_user not visible as User.groups: %v", user["groups"])
	}

	h.expectBody(h.api("POST", base+"/add_user/", map[string]any{"pk": 999}), 404, `{"detail":"Not found."}`)
	h.expectBody(h.api("POST", base+"/add_user/", map[string]any{}), 400, `{"pk":["This field is required."]}`)
	h.expectBody(h.api("POST", base+"/add_user/", map[string]any{"pk": "x"}), 400, `{"pk":["A valid integer is required."]}`)
	h.expectBody(h.api("POST", "/core/groups/00000000-0000-4000-8000-000000000000/add_user/", map[string]any{"pk": pk(u)}), 404, `{"detail":"No Group matches the given query."}`)

	for i := 0; i < 2; i++ {
		h.expect(h.api("POST", base+"/remove_user/", map[string]any{"pk": pk(u)}), 204)
	}
	if got := orEmpty(h.api("GET", base+"/", nil).obj()["users"]); len(got.([]any)) != 0 {
		t.Fatalf("members after remove_user = %v", got)
	}
}

func TestGroupNotFoundAndDelete(t *testing.T) {
	h := newHarness(t)
	for _, id := range []string{"00000000-0000-4000-8000-000000000000", "not-a-uuid"} {
		h.expectBody(h.api("GET", "/core/groups/"+id+"/", nil), 404, `{"detail":"No Group matches the given query."}`)
		h.expectBody(h.api("DELETE", "/core/groups/"+id+"/", nil), 404, `{"detail":"No Group matches the given query."}`)
	}
	g := h.createGroup(map[string]any{"name": "doomed"})
	h.expect(h.api("DELETE", "/core/groups/"+g["pk"].(string)+"/", nil), 204)
	h.expect(h.api("GET", "/core/groups/"+g["pk"].(string)+"/", nil), 404)
}

func TestGroupDeleteCascadesMembershipsAndParentLinks(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("kid", nil)
	parent := h.createGroup(map[string]any{"name": "parent", "users": []int{pk(u)}})
	child := h.createGroup(map[string]any{"name": "child", "parents": []string{parent["pk"].(string)}})

	got := h.api("GET", "/core/groups/"+parent["pk"].(string)+"/?include_children=true", nil).obj()
	if !slices.Equal(strList(got["children"]), []string{child["pk"].(string)}) || len(got["children_obj"].([]any)) != 1 {
		t.Fatalf("children of parent = %v / %v", got["children"], got["children_obj"])
	}

	h.expect(h.api("DELETE", "/core/groups/"+parent["pk"].(string)+"/", nil), 204)
	c := h.api("GET", "/core/groups/"+child["pk"].(string)+"/?include_parents=true", nil).obj()
	if len(strList(c["parents"])) != 0 || len(c["parents_obj"].([]any)) != 0 {
		t.Fatalf("child still has parents %v after the parent was deleted", c["parents"])
	}
	user := h.api("GET", "/core/users/"+pkPath(u)+"/", nil).obj()
	if len(strList(user["groups"])) != 0 {
		t.Fatalf("user still in deleted group: %v", user["groups"])
	}
	if got := h.state().memberships; got != 1 { // the admin's own
		t.Fatalf("%d memberships after the group was deleted, want 1: a deleted group's links must go too", got)
	}
}

func TestUserSuperuserComesFromGroupAncestors(t *testing.T) {
	h := newHarness(t)
	root := h.createGroup(map[string]any{"name": "root", "is_superuser": true, "roles": []string{SeedRoleViewerUUID}})
	mid := h.createGroup(map[string]any{"name": "mid", "parents": []string{root["pk"].(string)}})
	u := h.createUser("deep", map[string]any{"groups": []string{mid["pk"].(string)}})
	if u["is_superuser"] != true {
		t.Fatal("a member of a child of a superuser group is a superuser")
	}
	got := h.api("GET", "/core/groups/"+mid["pk"].(string)+"/?include_inherited_roles=true&include_users=false", nil).obj()
	if got["users_obj"] != nil {
		t.Fatal("include_users=false must give users_obj null")
	}
	if !slices.Equal(intList(got["users"]), []int{pk(u)}) {
		t.Fatal("users is always present")
	}
	inherited := got["inherited_roles_obj"].([]any)
	if len(inherited) != 1 || inherited[0].(map[string]any)["pk"] != SeedRoleViewerUUID {
		t.Fatalf("inherited_roles_obj = %v", inherited)
	}

	h.expect(h.api("PATCH", "/core/groups/"+root["pk"].(string)+"/", map[string]any{"is_superuser": false}), 200)
	if h.api("GET", "/core/users/"+pkPath(u)+"/", nil).obj()["is_superuser"] != false {
		t.Fatal("is_superuser must follow the ancestor's flag")
	}
}
