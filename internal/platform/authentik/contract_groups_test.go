package authentik

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestContractGroupCRUD(t *testing.T) {
	c := newContract(t)
	ada, bob := c.user("ada@example.com"), c.user("bob@example.com")
	parent := c.group("engineering", nil)

	created, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{
		Name:    "platform-team",
		Members: []string{bob.ID, ada.ID},
		Extra: GroupExtra{
			IsSuperuser: ptr(false),
			Parents:     []string{parent.ID},
			Roles:       []string{authentikmock.SeedRoleViewerUUID},
			Attributes:  json.RawMessage(`{"team": "platform"}`),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	read, err := c.client.ReadGroup(c.ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := platform.Group{
		ID: created.ID, Name: "platform-team", Members: sortedIDs(ada.ID, bob.ID),
		Extra: GroupExtra{
			IsSuperuser: ptr(false), Parents: []string{parent.ID}, Roles: []string{authentikmock.SeedRoleViewerUUID},
			Attributes: json.RawMessage(`{"team":"platform"}`),
		},
	}
	assertEqual(t, "created", created, want)
	assertEqual(t, "read", read, want)

	// An update that does not manage membership must leave the members alone (a PUT would empty the group).
	renamed, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform"})
	if err != nil {
		t.Fatal(err)
	}
	want.Name = "platform"
	assertEqual(t, "renamed", renamed, want)

	updated, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{
		Name: "platform", Members: []string{ada.ID},
		Extra: &GroupExtra{Parents: []string{}, Roles: []string{authentikmock.SeedRoleEditorUUID, authentikmock.SeedRoleViewerUUID}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want.Members = []string{ada.ID}
	want.Extra = GroupExtra{
		IsSuperuser: ptr(false), Parents: []string{}, Roles: sortedIDs(authentikmock.SeedRoleEditorUUID, authentikmock.SeedRoleViewerUUID),
		Attributes: json.RawMessage(`{"team":"platform"}`),
	}
	assertEqual(t, "updated", updated, want)

	emptied, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform", Members: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if len(emptied.Members) != 0 || emptied.Members == nil {
		t.Errorf("members after emptying = %#v", emptied.Members)
	}

	if n := len(c.requests(http.MethodPut)); n != 0 {
		t.Errorf("%d PUT requests; updates must PATCH", n)
	}
	for _, e := range c.requests(http.MethodGet) {
		if strings.HasPrefix(e.Path, "/api/v3/core/groups/"+created.ID) && !strings.Contains(e.RawQuery, "include_users=false") {
			t.Errorf("group read without include_users=false: %s?%s", e.Path, e.RawQuery)
		}
	}

	if err := c.client.DeleteGroup(c.ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.ReadGroup(c.ctx, created.ID)
	wantNotFound(t, err, "user_group", created.ID)
	if err := c.client.DeleteGroup(c.ctx, created.ID); err != nil {
		t.Errorf("deleting a deleted group: %v", err)
	}
	_, err = c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "x"})
	wantNotFound(t, err, "user_group", created.ID)
}

// Lists follow every page, 100 objects a page, so N objects cost ceil(N/100) requests.
func TestContractListPagination(t *testing.T) {
	c := newContract(t)
	const extraGroups = 250
	for i := range extraGroups {
		c.group(fmt.Sprintf("g-%03d", i), nil)
	}
	for i := range 120 {
		c.user(fmt.Sprintf("u%03d@example.com", i))
	}

	c.mock.Log().Reset()
	groups, err := c.client.ListGroups(c.ctx, platform.GroupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != extraGroups+1 { // plus the seeded "authentik Admins"
		t.Errorf("listed %d groups, want %d", len(groups), extraGroups+1)
	}
	assertUnique(t, "group", groups, func(g platform.Group) string { return g.ID })
	if got, want := c.mock.Log().Count(), ceilDiv(len(groups), 100); got != want {
		t.Errorf("listing %d groups took %d requests, want %d", len(groups), got, want)
	}

	c.mock.Log().Reset()
	users, err := c.client.ListUsers(c.ctx, platform.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 121 { // plus akadmin
		t.Errorf("listed %d users, want 121", len(users))
	}
	assertUnique(t, "user", users, func(u platform.User) string { return u.ID })
	if got, want := c.mock.Log().Count(), ceilDiv(len(users), 100); got != want {
		t.Errorf("listing %d users took %d requests, want %d", len(users), got, want)
	}

	filtered, err := c.client.ListGroups(c.ctx, platform.GroupFilter{Name: "g-042"})
	if err != nil {
		t.Fatal(err)
	}
	if len(filtered) != 1 || filtered[0].Name != "g-042" {
		t.Errorf("name filter returned %+v", filtered)
	}
	// The email filter is exact, ignoring case: the server's `search` only fetches candidates.
	byEmail, err := c.client.ListUsers(c.ctx, platform.UserFilter{Email: "U013@Example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if len(byEmail) != 1 || byEmail[0].Email != "u013@example.com" {
		t.Errorf("email filter returned %+v, want u013 alone", byEmail)
	}
}

func TestContractLargeGroupReadsInOneRequest(t *testing.T) {
	c := newContract(t)
	var members []string
	for i := range 150 {
		members = append(members, c.user(fmt.Sprintf("m%03d@example.com", i)).ID)
	}
	g := c.group("big", members)
	c.mock.Log().Reset()
	read, err := c.client.ReadGroup(c.ctx, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Members) != 150 || c.mock.Log().Count() != 1 {
		t.Errorf("read %d members in %d requests", len(read.Members), c.mock.Log().Count())
	}
}
