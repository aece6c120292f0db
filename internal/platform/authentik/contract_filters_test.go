package authentik

import (
	"net/url"
	"slices"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The filters authentik's API has are sent to the server: each list is one request whose query holds
// them, and the answer is exact.
func TestContractListFiltersRunOnTheServer(t *testing.T) {
	c := newContract(t)
	ada, bob := c.user("ada@example.com"), c.user("bob@example.com")
	inactive := false
	if _, err := c.client.UpdateUser(c.ctx, bob.ID, platform.UserSpec{Email: bob.Email, Name: bob.Name, Active: &inactive}); err != nil {
		t.Fatal(err)
	}
	eng := c.group("eng", []string{ada.ID, bob.ID})
	c.group("ops", []string{bob.ID})

	for name, tc := range map[string]struct {
		filter platform.UserFilter
		query  url.Values
		want   []string
	}{
		"group":          {platform.UserFilter{GroupID: eng.ID}, url.Values{"groups_by_pk": {eng.ID}}, []string{ada.ID, bob.ID}},
		"username":       {platform.UserFilter{Username: "bob@example.com"}, url.Values{"username": {"bob@example.com"}}, []string{bob.ID}},
		"group, active":  {platform.UserFilter{GroupID: eng.ID, Active: &inactive}, url.Values{"groups_by_pk": {eng.ID}, "is_active": {"false"}}, []string{bob.ID}},
		"inactive alone": {platform.UserFilter{Active: &inactive}, url.Values{"is_active": {"false"}}, []string{bob.ID}},
	} {
		t.Run(name, func(t *testing.T) {
			before := len(c.requests("GET"))
			users, err := c.client.ListUsers(c.ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, u := range users {
				ids = append(ids, u.ID)
			}
			if !slices.Equal(ids, tc.want) {
				t.Errorf("users %v, want %v", ids, tc.want)
			}
			wantQuery(t, c.requests("GET")[before:], tc.query)
		})
	}

	before := len(c.requests("GET"))
	groups, err := c.client.ListGroups(c.ctx, platform.GroupFilter{MemberID: ada.ID})
	if err != nil || len(groups) != 1 || groups[0].ID != eng.ID {
		t.Errorf("ada's groups: %+v %v, want eng", groups, err)
	}
	wantQuery(t, c.requests("GET")[before:], url.Values{"members_by_pk": {ada.ID}})
}

// wantQuery: one request was made, and its query holds want.
func wantQuery(t *testing.T, requests []mockapi.Entry, want url.Values) {
	t.Helper()
	if len(requests) != 1 {
		t.Fatalf("%d requests, want 1", len(requests))
	}
	got, _ := url.ParseQuery(requests[0].RawQuery)
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("query %s = %v, want %v (query %s)", k, got[k], v, requests[0].RawQuery)
		}
	}
}
