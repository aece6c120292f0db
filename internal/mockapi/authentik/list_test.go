package authentik

import (
	"fmt"
	"slices"
	"testing"
)

func pagination(r response) map[string]any { return r.obj()["pagination"].(map[string]any) }

func TestPaginationEnvelope(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 44; i++ { // plus the seeded "authentik Admins": 45 groups
		h.createGroup(map[string]any{"name": fmt.Sprintf("g%02d", i)})
	}
	cases := []struct {
		query string
		want  string
		n     int
	}{
		{"", `{"count":45,"current":1,"end_index":20,"next":2,"previous":0,"start_index":1,"total_pages":3}`, 20},
		{"?page=2", `{"count":45,"current":2,"end_index":40,"next":3,"previous":1,"start_index":21,"total_pages":3}`, 20},
		{"?page=3", `{"count":45,"current":3,"end_index":45,"next":0,"previous":2,"start_index":41,"total_pages":3}`, 5},
		{"?page=last&page_size=10", `{"count":45,"current":5,"end_index":45,"next":0,"previous":4,"start_index":41,"total_pages":5}`, 5},
		{"?page_size=1000", `{"count":45,"current":1,"end_index":45,"next":0,"previous":0,"start_index":1,"total_pages":1}`, 45},
		{"?page_size=0", `{"count":45,"current":1,"end_index":20,"next":2,"previous":0,"start_index":1,"total_pages":3}`, 20},
		{"?name=nothing-matches", `{"count":0,"current":1,"end_index":0,"next":0,"previous":0,"start_index":0,"total_pages":1}`, 0},
	}
	for _, c := range cases {
		r := h.expect(h.api("GET", "/core/groups/"+c.query, nil), 200)
		if got := jsonText(pagination(r)); got != c.want {
			t.Errorf("%q pagination = %s, want %s", c.query, got, c.want)
		}
		if got := len(r.obj()["results"].([]any)); got != c.n {
			t.Errorf("%q has %d results, want %d", c.query, got, c.n)
		}
		if jsonText(r.obj()["autocomplete"]) != "{}" {
			t.Errorf("%q autocomplete = %v, want {}", c.query, r.obj()["autocomplete"])
		}
	}
	for _, page := range []string{"4", "0", "-1", "abc"} {
		h.expectBody(h.api("GET", "/core/groups/?page="+page, nil), 404, `{"detail":"Invalid page."}`)
	}
	h.expect(h.api("GET", "/core/groups/?name=nothing-matches&page=1", nil), 200)
	h.expectBody(h.api("GET", "/core/groups/?name=nothing-matches&page=2", nil), 404, `{"detail":"Invalid page."}`)
	if n := len(h.listAll("/core/groups/")); n != 45 {
		t.Fatalf("following next collected %d groups, want 45", n)
	}
}

func names(items []map[string]any, key string) []string {
	var out []string
	for _, it := range items {
		out = append(out, it[key].(string))
	}
	return out
}

func TestGroupListFiltersAndOrdering(t *testing.T) {
	h := newHarness(t)
	a, b := h.createUser("alice", nil), h.createUser("bob", nil)
	h.createGroup(map[string]any{"name": "Beta", "users": []int{pk(a)}})
	h.createGroup(map[string]any{"name": "alpha", "users": []int{pk(a), pk(b)}, "attributes": map[string]any{"team": map[string]any{"tier": 1}}})
	h.createGroup(map[string]any{"name": "gamma", "is_superuser": true})

	check := func(query string, want ...string) {
		t.Helper()
		if got := names(h.listAll("/core/groups/"+query), "name"); !slices.Equal(got, want) {
			t.Errorf("%s -> %v, want %v", query, got, want)
		}
	}
	check("", "alpha", AdminGroupName, "Beta", "gamma") // default ordering by name, case-insensitive
	check("?ordering=-name", "gamma", "Beta", AdminGroupName, "alpha")
	check("?ordering=no_such_field", "alpha", AdminGroupName, "Beta", "gamma")
	check("?name=Beta", "Beta")
	check("?name=beta") // exact match
	check("?search=ET", "Beta")
	check("?search=a,ph", "alpha") // every term must match
	check(fmt.Sprintf("?members_by_pk=%d", pk(b)), "alpha")
	check(fmt.Sprintf("?members_by_pk=%d&members_by_pk=1", pk(b)), "alpha", AdminGroupName)
	check("?members_by_username=alice", "alpha", "Beta")
	check("?is_superuser=true", AdminGroupName, "gamma")
	check(`?attributes={"team__tier":1}`, "alpha")

	h.expectBody(h.api("GET", "/core/groups/?members_by_pk=99", nil), 400, `{"members_by_pk":["Select a valid choice. 99 is not one of the available choices."]}`)
	h.expectBody(h.api("GET", "/core/groups/?attributes=nope", nil), 400, `["filter: failed to parse JSON"]`)

	r := h.api("GET", "/core/groups/?include_users=false&name=alpha", nil).obj()["results"].([]any)[0].(map[string]any)
	if r["users_obj"] != nil || len(r["users"].([]any)) != 2 {
		t.Fatalf("include_users=false: users_obj %v users %v", r["users_obj"], r["users"])
	}
}

func TestUserListFilters(t *testing.T) {
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "ops"})
	h.createUser("carol", map[string]any{"email": "carol@example.com", "groups": []string{g["pk"].(string)}, "path": "users/ops"})
	h.createUser("dave", map[string]any{"email": "dave@example.com", "is_active": false, "type": "external"})

	check := func(query string, want ...string) {
		t.Helper()
		if got := names(h.listAll("/core/users/"+query), "username"); !slices.Equal(got, want) {
			t.Errorf("%s -> %v, want %v", query, got, want)
		}
	}
	check("", "akadmin", "carol", "dave")
	check("?username=carol", "carol")
	check("?email=dave@example.com", "dave")
	check("?is_active=false", "dave")
	check("?type=external&type=internal", "akadmin", "carol", "dave")
	check("?type=external", "dave")
	check("?path=users/ops", "carol")
	check("?path_startswith=users/", "carol")
	check("?groups_by_pk="+g["pk"].(string), "carol")
	check("?groups_by_name=ops", "carol")
	check("?is_superuser=true", "akadmin")
	check("?search=EXAMPLE.com", "carol", "dave")
	check("?ordering=-username", "dave", "carol", "akadmin")

	h.expectBody(h.api("GET", "/core/users/?type=robot", nil), 400, `{"type":["Select a valid choice. robot is not one of the available choices."]}`)
	h.expectBody(h.api("GET", "/core/users/?groups_by_pk=00000000-0000-4000-8000-000000000000", nil), 400,
		`{"groups_by_pk":["Select a valid choice. 00000000-0000-4000-8000-000000000000 is not one of the available choices."]}`)
	r := h.api("GET", "/core/users/?username=carol&include_groups=false&include_roles=false", nil).obj()["results"].([]any)[0].(map[string]any)
	if r["groups_obj"] != nil || r["roles_obj"] != nil || len(r["groups"].([]any)) != 1 {
		t.Fatalf("include flags: %s", jsonText(r))
	}
}

func TestTokenListFilters(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("erin", nil)
	h.createToken(map[string]any{"identifier": "erin-ci", "user": pk(u), "description": "ci key"})
	h.createToken(map[string]any{"identifier": "erin-app", "user": pk(u), "intent": "app_password"})

	check := func(query string, want ...string) {
		t.Helper()
		if got := names(h.listAll("/core/tokens/"+query), "identifier"); !slices.Equal(got, want) {
			t.Errorf("%s -> %v, want %v", query, got, want)
		}
	}
	check("", AdminTokenID, "erin-app", "erin-ci")
	check("?identifier=erin-ci", "erin-ci")
	check("?intent=app_password", "erin-app")
	check("?user__username=erin", "erin-app", "erin-ci")
	check("?description=ci%20key", "erin-ci")
	check("?search=ERIN", "erin-app", "erin-ci")
	check("?expiring=false", AdminTokenID)
	check("?ordering=-identifier", "erin-ci", "erin-app", AdminTokenID)
	h.expectBody(h.api("GET", "/core/tokens/?intent=bogus", nil), 400, `{"intent":["Select a valid choice. bogus is not one of the available choices."]}`)
}
