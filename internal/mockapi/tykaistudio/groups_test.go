package tykaistudio

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestCreateAndGetGroup(t *testing.T) {
	c := newTester(t, Options{})
	u := c.createUser(map[string]any{"email": "a@example.test"})
	v := c.api("POST", "/api/v1/groups", groupsBody(map[string]any{
		"name": "ops", "members": []int{1, 2}, "catalogues": []int{1}, "tool_catalogues": []int{2, 3},
	}), http.StatusCreated)
	gid := jget(v, "data", "id").(string)
	// The echo is stubs: ids with empty fields.
	if got := ids(jget(v, "data", "attributes", "users")); !slices.Equal(got, []string{"1", u}) ||
		jget(v, "data", "attributes", "users", 0, "attributes", "email") != "" {
		t.Errorf("create echo users %v, want stubs of 1 and %s", jget(v, "data", "attributes", "users"), u)
	}
	if jget(v, "data", "attributes", "catalogues", 0, "attributes", "name") != "" {
		t.Error("create echo catalogues should be stubs with empty names")
	}
	got := c.api("GET", "/api/v1/groups/"+gid, nil, http.StatusOK)
	if jget(got, "data", "attributes", "users") != nil {
		t.Error("GET /groups/{id} includes users; the Enterprise handler never fills them")
	}
	if jget(got, "data", "attributes", "catalogues", 0, "attributes", "name") != "Default" ||
		!slices.Equal(ids(jget(got, "data", "attributes", "tool_catalogues")), []string{"2", "3"}) ||
		jget(got, "data", "attributes", "data_catalogues") != nil {
		t.Errorf("GET catalogues %v", jget(got, "data", "attributes"))
	}
	c.apiError("POST", "/api/v1/groups", groupsBody(map[string]any{}), http.StatusBadRequest, msgGroupNameRequired)
	c.apiError("POST", "/api/v1/groups", groupsBody(map[string]any{"name": "ops"}), http.StatusBadRequest, msgGroupNameExists)
	c.createGroup(map[string]any{"name": "OPS"}) // names compare case-sensitively
	v = c.api("POST", "/api/v1/groups", `{"data":{"attributes":{"name":"y","members":["1"]}}}`, http.StatusBadRequest)
	if d, _ := jget(v, "errors", 0, "detail").(string); !strings.HasPrefix(d, msgMalformedBody+"json: cannot unmarshal string") ||
		!strings.Contains(d, ".data.attributes.members") {
		t.Errorf("string member ids: detail %q", d)
	}
	c.apiError("GET", "/api/v1/groups/999", nil, http.StatusNotFound, msgGroupNotFound)
	c.apiError("GET", "/api/v1/groups/x", nil, http.StatusBadRequest, msgInvalidGroupID)
}

// A PATCH with only a name drops every member and every catalogue: the observed rename trap.
func TestPatchGroupWipesLists(t *testing.T) {
	c := newTester(t, Options{})
	gid := c.createGroup(map[string]any{"name": "ops", "members": []int{1}, "catalogues": []int{1}, "data_catalogues": []int{1}})
	v := c.api("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{"name": "ops-renamed"}), http.StatusOK)
	if jget(v, "data", "attributes", "name") != "ops-renamed" || jget(v, "data", "attributes", "users") != nil {
		t.Errorf("PATCH answer %v", jget(v, "data"))
	}
	if got := ids(jget(c.api("GET", "/api/v1/groups/"+gid+"/users?all=true", nil, http.StatusOK), "data")); len(got) != 0 {
		t.Errorf("members after a name-only PATCH: %v, want none", got)
	}
	got := c.api("GET", "/api/v1/groups/"+gid, nil, http.StatusOK)
	if jget(got, "data", "attributes", "catalogues") != nil || jget(got, "data", "attributes", "data_catalogues") != nil {
		t.Errorf("catalogues after a name-only PATCH: %v", jget(got, "data", "attributes"))
	}
	c.apiError("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{}), http.StatusBadRequest, msgGroupNameRequired)
	c.apiError("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{"name": DefaultGroupName}), http.StatusBadRequest, msgGroupNameExists)
	c.api("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{"name": "ops-renamed"}), http.StatusOK) // its own name is fine
	c.apiError("PATCH", "/api/v1/groups/999", groupsBody(map[string]any{"name": "z"}), http.StatusInternalServerError, msgRecordNotFound)
}

func TestDeleteGroup(t *testing.T) {
	c := newTester(t, Options{})
	gid := c.createGroup(map[string]any{"name": "tmp", "members": []int{1}})
	c.api("DELETE", "/api/v1/groups/"+gid, nil, http.StatusNoContent)
	c.apiError("DELETE", "/api/v1/groups/"+gid, nil, http.StatusNotFound, msgGroupNotFound)
	c.apiError("GET", "/api/v1/groups/"+gid, nil, http.StatusNotFound, msgGroupNotFound)
	c.apiError("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{"name": "tmp"}), http.StatusInternalServerError, msgRecordNotFound)
	if again := c.createGroup(map[string]any{"name": "tmp"}); again == gid {
		t.Error("group id reused")
	}
	c.apiError("DELETE", "/api/v1/groups/1", nil, http.StatusBadRequest, msgDefaultUndeletable)
	// The user is no longer in the deleted group.
	if got := ids(jget(c.api("GET", "/api/v1/users/1", nil, http.StatusOK), "data", "attributes", "groups")); !slices.Equal(got, []string{"1"}) {
		t.Errorf("admin's groups %v, want only Default", got)
	}
}

// Membership writes with unknown user ids create blank users; the single add route does not.
func TestPhantomUsers(t *testing.T) {
	c := newTester(t, Options{})
	gid := c.createGroup(map[string]any{"name": "ops"})
	c.api("PATCH", "/api/v1/groups/"+gid, groupsBody(map[string]any{"name": "ops", "members": []int{1, 42}}), http.StatusOK)
	v := c.api("GET", "/api/v1/users/42", nil, http.StatusOK)
	if jget(v, "data", "attributes", "email") != "" || jget(v, "data", "attributes", "role") != "Chat user" {
		t.Errorf("phantom user %v, want a blank user", jget(v, "data"))
	}
	if next := c.createUser(map[string]any{"email": "n@example.test"}); next != "43" {
		t.Errorf("next user id %s, want 43 (after the phantom)", next)
	}
	c.api("PUT", "/api/v1/groups/"+gid+"/users", groupsBody(map[string]any{"members": []int{77}}), http.StatusOK)
	c.api("GET", "/api/v1/users/77", nil, http.StatusOK)
	c.createGroup(map[string]any{"name": "p", "members": []int{88}})
	c.api("GET", "/api/v1/users/88", nil, http.StatusOK)

	c.apiError("POST", "/api/v1/groups/"+gid+"/users", map[string]any{"data": map[string]any{"type": "users", "id": "99"}},
		http.StatusInternalServerError, msgRecordNotFound)
	c.apiError("GET", "/api/v1/users/99", nil, http.StatusNotFound, msgUserNotFound)
}

func TestMembershipRoutes(t *testing.T) {
	c := newTester(t, Options{})
	gid := c.createGroup(map[string]any{"name": "ops"})
	u := c.createUser(map[string]any{"email": "m@example.test"})
	add := map[string]any{"data": map[string]any{"type": "users", "id": u}}
	c.api("POST", "/api/v1/groups/"+gid+"/users", add, http.StatusNoContent)
	c.api("POST", "/api/v1/groups/"+gid+"/users", add, http.StatusNoContent) // idempotent
	members := func() []string {
		return ids(jget(c.api("GET", "/api/v1/groups/"+gid+"/users?all=true", nil, http.StatusOK), "data"))
	}
	if got := members(); !slices.Equal(got, []string{u}) {
		t.Errorf("members %v", got)
	}
	c.api("DELETE", "/api/v1/groups/"+gid+"/users/"+u, nil, http.StatusNoContent)
	c.api("DELETE", "/api/v1/groups/"+gid+"/users/"+u, nil, http.StatusNoContent) // idempotent
	c.apiError("DELETE", "/api/v1/groups/"+gid+"/users/999", nil, http.StatusInternalServerError, msgRecordNotFound)

	v := c.api("PUT", "/api/v1/groups/"+gid+"/users", groupsBody(map[string]any{"members": []int{1, 2}}), http.StatusOK)
	if jget(v, "status") != "success" || !slices.Equal(members(), []string{"1", u}) {
		t.Errorf("PUT users: %v, members %v", v, members())
	}
	c.api("PUT", "/api/v1/groups/"+gid+"/users", groupsBody(map[string]any{"members": []int{}}), http.StatusOK)
	if got := members(); len(got) != 0 {
		t.Errorf("members after PUT []: %v", got)
	}
	c.apiError("PUT", "/api/v1/groups/999/users", groupsBody(map[string]any{"members": []int{1}}), http.StatusInternalServerError,
		msgUpdateGroupUsers+msgRecordNotFound)
}

func TestGroupCatalogueRoutes(t *testing.T) {
	c := newTester(t, Options{})
	gid := c.createGroup(map[string]any{"name": "ops", "members": []int{1}})
	v := c.api("PUT", "/api/v1/groups/"+gid+"/catalogues", groupsBody(map[string]any{"catalogues": []int{2}, "data_catalogues": []int{1, 3}}), http.StatusOK)
	if jget(v, "status") != "success" {
		t.Errorf("PUT catalogues: %v", v)
	}
	if got := ids(jget(c.api("GET", "/api/v1/groups/"+gid+"/data-catalogues", nil, http.StatusOK), "data")); !slices.Equal(got, []string{"1", "3"}) {
		t.Errorf("data catalogues %v", got)
	}
	if got := ids(jget(c.api("GET", "/api/v1/groups/"+gid+"/users?all=true", nil, http.StatusOK), "data")); !slices.Equal(got, []string{"1"}) {
		t.Errorf("PUT catalogues touched members: %v", got)
	}
	// Each omitted list is cleared.
	c.api("PUT", "/api/v1/groups/"+gid+"/catalogues", groupsBody(map[string]any{"tool_catalogues": []int{1}}), http.StatusOK)
	got := c.api("GET", "/api/v1/groups/"+gid, nil, http.StatusOK)
	if jget(got, "data", "attributes", "catalogues") != nil || !slices.Equal(ids(jget(got, "data", "attributes", "tool_catalogues")), []string{"1"}) {
		t.Errorf("after PUT with tool catalogues only: %v", jget(got, "data", "attributes"))
	}

	one := map[string]any{"data": map[string]any{"type": "catalogues", "id": "3"}}
	c.api("POST", "/api/v1/groups/"+gid+"/catalogues", one, http.StatusNoContent)
	if got := ids(jget(c.api("GET", "/api/v1/groups/"+gid+"/catalogues", nil, http.StatusOK), "data")); !slices.Equal(got, []string{"3"}) {
		t.Errorf("catalogues %v", got)
	}
	c.api("DELETE", "/api/v1/groups/"+gid+"/catalogues/3", nil, http.StatusNoContent)
	c.apiError("POST", "/api/v1/groups/"+gid+"/tool-catalogues", map[string]any{"data": map[string]any{"type": "tool-catalogues", "id": "7"}},
		http.StatusInternalServerError, msgRecordNotFound)
	resp, _ := c.send("GET", "/api/v1/groups/"+gid+"/tool-catalogues", "Bearer "+testToken, nil)
	if resp.Header.Get("X-Total-Count") != "1" {
		t.Errorf("tool catalogue list total %q", resp.Header.Get("X-Total-Count"))
	}
}
