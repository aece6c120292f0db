package unleash

import (
	"fmt"
	"strings"
	"testing"
)

// TestProjectAccess: a group's roles in a project, as the enterprise routes and the OSS access store handle
// them.
func TestProjectAccess(t *testing.T) {
	ts := newTestServer(t, Options{})
	ts.do("POST", "/api/admin/groups", `{"name":"a","users":[]}`)
	ts.do("POST", "/api/admin/groups", `{"name":"b","users":[]}`)

	cases := []struct {
		method, path, body string
		status             int
		message            string
	}{
		{"PUT", "/api/admin/projects/default/groups/1/roles", `{"roles":[4,5]}`, 200, ""},
		{"PUT", "/api/admin/projects/default/groups/2/roles", `{"roles":[6]}`, 200, ""},
		// Ids that are not project roles (a root role, an unknown id) are dropped without a word.
		{"PUT", "/api/admin/projects/default/groups/2/roles", `{"roles":[6,1,99]}`, 200, ""},
		{"PUT", "/api/admin/projects/nope/groups/1/roles", `{"roles":[4]}`, 404, "Could not find project with id nope"},
		{"PUT", "/api/admin/projects/default/groups/9/roles", `{"roles":[4]}`, 404, "Could not find group with id 9"},
		{"PUT", "/api/admin/projects/default/groups/1/roles", `{}`, 400, "/body/roles"},
		{"PUT", "/api/admin/projects/default/groups/1/roles", `{"roles":["Owner"]}`, 400, "/body/roles/0"},
		{"DELETE", "/api/admin/projects/nope/groups/1/roles", "", 404, "Could not find project with id nope"},
	}
	for _, c := range cases {
		status, _, body := ts.do(c.method, c.path, c.body)
		if status != c.status || !strings.Contains(fmt.Sprint(body), c.message) {
			t.Errorf("%s %s %s: %d %v, want %d %q", c.method, c.path, c.body, status, body, c.status, c.message)
		}
	}

	_, _, body := ts.do("GET", "/api/admin/projects/default/access", "")
	access := body.(map[string]any)
	if got := fmt.Sprint(access["roles"]); !strings.Contains(got, "name:Owner") || !strings.Contains(got, "name:Reader") || strings.Contains(got, "name:Admin") {
		t.Errorf("roles are the project roles only: %s", got)
	}
	groups := access["groups"].([]any)
	if len(groups) != 2 || fmt.Sprint(groups[0].(map[string]any)["roles"]) != "[4 5]" || fmt.Sprint(groups[1].(map[string]any)["roles"]) != "[6]" {
		t.Errorf("groups: %v", groups)
	}
	_, _, body = ts.do("GET", "/api/admin/groups", "")
	if got := fmt.Sprint(body.(map[string]any)["groups"].([]any)[0].(map[string]any)["projects"]); got != "[default]" {
		t.Errorf("the group list's projects: %s", got)
	}
	// An unknown project reads as one nobody has access to: the service does not look it up.
	if status, _, body := ts.do("GET", "/api/admin/projects/nope/access", ""); status != 200 || len(body.(map[string]any)["groups"].([]any)) != 0 {
		t.Errorf("unknown project: %d %v", status, body)
	}

	// An empty list and a DELETE both take the group out of the project; deleting the group takes its rows.
	ts.do("PUT", "/api/admin/projects/default/groups/1/roles", `{"roles":[]}`)
	ts.do("DELETE", "/api/admin/projects/default/groups/2/roles", "")
	if _, _, body := ts.do("GET", "/api/admin/projects/default/access", ""); len(body.(map[string]any)["groups"].([]any)) != 0 {
		t.Errorf("after clearing: %v", body)
	}
	ts.do("PUT", "/api/admin/projects/default/groups/1/roles", `{"roles":[4]}`)
	ts.do("DELETE", "/api/admin/groups/1", "")
	if _, _, body := ts.do("GET", "/api/admin/projects/default/access", ""); len(body.(map[string]any)["groups"].([]any)) != 0 {
		t.Errorf("after deleting the group: %v", body)
	}

	oss := newTestServer(t, Options{Edition: EditionOpenSource})
	for _, m := range []string{"GET /api/admin/projects/default/access", "PUT /api/admin/projects/default/groups/1/roles", "DELETE /api/admin/projects/default/groups/1/roles"} {
		method, path, _ := strings.Cut(m, " ")
		status, _, body := oss.do(method, path, map[bool]string{true: `{"roles":[4]}`}[method == "PUT"])
		if status != 404 || !strings.Contains(fmt.Sprint(body), "is not available") {
			t.Errorf("OSS %s: %d %v", m, status, body)
		}
	}
}
