package tykaistudio

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestListUsersPagination(t *testing.T) {
	c := newTester(t, Options{})
	for i := range 25 {
		c.createUser(map[string]any{"email": fmt.Sprintf("user%02d@example.test", i), "name": fmt.Sprintf("User %02d", i)})
	}
	cases := []struct {
		query        string
		count        int
		first        string
		total, pages string
	}{
		{"", 10, "1", "26", "3"}, // default page size 10
		{"?page=3", 6, "21", "26", "3"},
		{"?page=2&page_size=20", 6, "21", "26", "2"},
		{"?page_size=0", 10, "1", "26", "3"}, // <= 0 falls back to 10
		{"?page_size=junk", 10, "1", "26", "3"},
		{"?all=true", 26, "1", "26", "3"}, // pages still computed from page_size
		{"?page=9", 0, "", "26", "3"},
		{"?sort=-id&page_size=5", 5, "26", "26", "6"},
		{"?search=USER0&all=true", 10, "2", "10", "1"}, // LIKE on email or name, case-insensitive
		{"?search=nobody", 0, "", "0", "0"},
	}
	for _, tc := range cases {
		resp, raw := c.send("GET", "/api/v1/users"+tc.query, "Bearer "+testToken, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %s", tc.query, resp.StatusCode, raw)
		}
		v := c.api("GET", "/api/v1/users"+tc.query, nil, http.StatusOK)
		got := ids(jget(v, "data"))
		if len(got) != tc.count || (tc.count > 0 && got[0] != tc.first) {
			t.Errorf("%s: %d items starting %v, want %d starting %s", tc.query, len(got), got, tc.count, tc.first)
		}
		if resp.Header.Get("X-Total-Count") != tc.total || resp.Header.Get("X-Total-Pages") != tc.pages {
			t.Errorf("%s: X-Total-Count %q X-Total-Pages %q, want %s and %s", tc.query,
				resp.Header.Get("X-Total-Count"), resp.Header.Get("X-Total-Pages"), tc.total, tc.pages)
		}
		if tc.count > 0 && jget(v, "data", 0, "attributes", "groups") != nil {
			t.Errorf("%s: list items carry groups", tc.query)
		}
	}
	c.apiError("GET", "/api/v1/users?sort=nonexistent_col", nil, http.StatusInternalServerError, "no such column: nonexistent_col")
}

// page < 1 makes the server write a 400 error body and then still run the handler.
func TestListBadPageWritesTwoBodies(t *testing.T) {
	c := newTester(t, Options{})
	for _, page := range []string{"0", "-1", "abc"} {
		resp, raw := c.send("GET", "/api/v1/users?page="+page, "Bearer "+testToken, nil)
		body := string(raw)
		if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(body, `{"errors":[`) || !strings.Contains(body, `}{"data":[`) {
			t.Errorf("page=%s: %d %s, want 400 with an error body followed by a data body", page, resp.StatusCode, body)
		}
		if resp.Header.Get("X-Total-Count") != "" {
			t.Errorf("page=%s: totals sent after the error was written", page)
		}
	}
}

func TestListUsersExcludeGroup(t *testing.T) {
	c := newTester(t, Options{})
	c.createGroup(map[string]any{"name": "eng", "members": []int{1}})
	other := c.createUser(map[string]any{"email": "x@example.test"})
	got := ids(jget(c.api("GET", "/api/v1/users?all=true&exclude_group_id=2", nil, http.StatusOK), "data"))
	if !slices.Equal(got, []string{other}) {
		t.Errorf("users not in eng: %v, want [%s]", got, other)
	}
}

func TestListGroupsAndGroupUsersPagination(t *testing.T) {
	c := newTester(t, Options{})
	var members []int
	for i := range 12 {
		id := c.createUser(map[string]any{"email": fmt.Sprintf("m%d@example.test", i)})
		var n int
		fmt.Sscan(id, &n)
		members = append(members, n)
	}
	for i := range 11 {
		c.createGroup(map[string]any{"name": fmt.Sprintf("team-%02d", i)})
	}
	gid := c.createGroup(map[string]any{"name": "big", "members": members, "catalogues": []int{1}})

	resp, _ := c.send("GET", "/api/v1/groups", "Bearer "+testToken, nil)
	if resp.Header.Get("X-Total-Count") != "13" || resp.Header.Get("X-Total-Pages") != "2" {
		t.Errorf("groups totals %q/%q, want 13/2", resp.Header.Get("X-Total-Count"), resp.Header.Get("X-Total-Pages"))
	}
	v := c.api("GET", "/api/v1/groups?search=BIG", nil, http.StatusOK)
	attrs := jget(v, "data", 0, "attributes")
	if jget(attrs, "name") != "big" || jget(attrs, "user_count") != float64(12) || jget(attrs, "catalogue_count") != float64(1) ||
		jget(attrs, "catalogue_names", 0) != "Default" || jget(attrs, "users") != nil {
		t.Errorf("group list item %v, want name, counts and catalogue names only", attrs)
	}
	page := ids(jget(c.api("GET", "/api/v1/groups/"+gid+"/users", nil, http.StatusOK), "data"))
	if len(page) != 10 {
		t.Errorf("group users default page: %d, want 10", len(page))
	}
	resp, _ = c.send("GET", "/api/v1/groups/"+gid+"/users?all=true", "Bearer "+testToken, nil)
	if resp.Header.Get("X-Total-Count") != "12" {
		t.Errorf("group users total %q, want 12", resp.Header.Get("X-Total-Count"))
	}
	if got := jget(c.api("GET", "/api/v1/groups/"+gid+"/users?all=true", nil, http.StatusOK), "data", 0, "attributes", "api_key"); got == nil {
		t.Error("group user lists carry full users, api_key included")
	}
	if got := ids(jget(c.api("GET", "/api/v1/groups/999/users", nil, http.StatusOK), "data")); len(got) != 0 {
		t.Errorf("users of a missing group: %v, want an empty list", got)
	}
}
