package tykaistudio

import (
	"net/http"
	"slices"
	"testing"
)

// The Community build stubs group management: 402 for every write and every membership or
// catalogue sub-route, only the Default group readable.
func TestCommunityEdition(t *testing.T) {
	c := newTester(t, Options{Edition: Community})
	u := c.createUser(map[string]any{"email": "a@example.test"})
	add := map[string]any{"data": map[string]any{"type": "users", "id": u}}
	for _, tc := range []struct {
		method, path string
		body         any
	}{
		{"POST", "/api/v1/groups", groupsBody(map[string]any{"name": "eng"})},
		{"PATCH", "/api/v1/groups/1", groupsBody(map[string]any{"name": "Default"})},
		{"DELETE", "/api/v1/groups/1", nil},
		{"GET", "/api/v1/groups/1/users", nil},
		{"POST", "/api/v1/groups/1/users", add},
		{"PUT", "/api/v1/groups/1/users", groupsBody(map[string]any{"members": []int{1}})},
		{"DELETE", "/api/v1/groups/1/users/1", nil},
		{"GET", "/api/v1/groups/1/catalogues", nil},
		{"PUT", "/api/v1/groups/1/catalogues", groupsBody(map[string]any{})},
		{"POST", "/api/v1/groups/1/data-catalogues", nil},
		{"DELETE", "/api/v1/groups/1/tool-catalogues/1", nil},
	} {
		c.apiError(tc.method, tc.path, tc.body, http.StatusPaymentRequired, msgEnterpriseRequired)
	}

	resp, _ := c.send("GET", "/api/v1/groups", "Bearer "+testToken, nil)
	if resp.Header.Get("X-Total-Count") != "" {
		t.Error("the Community group list has no X-Total headers")
	}
	v := c.api("GET", "/api/v1/groups", nil, http.StatusOK)
	if got := ids(jget(v, "data")); !slices.Equal(got, []string{"1"}) || jget(v, "meta", "total_count") != float64(1) {
		t.Errorf("Community group list %v, want only Default with meta.total_count", v)
	}
	// GET of the Default group includes its users there.
	if got := ids(jget(c.api("GET", "/api/v1/groups/1", nil, http.StatusOK), "data", "attributes", "users")); !slices.Equal(got, []string{"1", u}) {
		t.Errorf("Default group users %v, want [1 %s]", got, u)
	}
	if got := ids(jget(c.api("GET", "/api/v1/users/"+u+"/groups", nil, http.StatusOK), "data")); !slices.Equal(got, []string{"1"}) {
		t.Errorf("user groups %v, want [Default]", got)
	}
	// Another group (here made through a hook, as after a downgrade) is not readable.
	unlock := c.mock.Lock(http.MethodPost)
	c.mock.st.groups.Put(2, newGroup(2, "eng"))
	unlock()
	c.apiError("GET", "/api/v1/groups/2", nil, http.StatusNotFound, msgGroupNotFound)
}
