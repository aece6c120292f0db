package tykaistudio

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestContractGroupCRUD(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	ada, bob := c.user("ada@example.com", nil), c.user("bob@example.com", nil)
	created := c.group("platform-team", []string{bob.ID, ada.ID}, &GroupExtra{CatalogueIDs: []string{"2", "1"}, ToolCatalogueIDs: []string{"3"}})
	want := platform.Group{
		ID: created.ID, Name: "platform-team", Members: []string{ada.ID, bob.ID},
		Extra: GroupExtra{CatalogueIDs: []string{"1", "2"}, DataCatalogueIDs: []string{}, ToolCatalogueIDs: []string{"3"}},
	}
	assertEqual(t, "created", created, want)
	read, err := c.client.ReadGroup(c.ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, "read", read, want)

	// A rename that manages neither members nor catalogues keeps both (a bare PATCH would empty the team).
	renamed, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "platform"})
	if err != nil {
		t.Fatal(err)
	}
	want.Name = "platform"
	assertEqual(t, "renamed", renamed, want)
	read, _ = c.client.ReadGroup(c.ctx, created.ID)
	assertEqual(t, "read after rename", read, want)

	// Managed members and one managed catalogue list, without a rename: the other lists stay.
	updated, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{
		Name: "platform", Members: []string{ada.ID}, Extra: GroupExtra{DataCatalogueIDs: []string{"1"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want.Members = []string{ada.ID}
	want.Extra = GroupExtra{CatalogueIDs: []string{"1", "2"}, DataCatalogueIDs: []string{"1"}, ToolCatalogueIDs: []string{"3"}}
	assertEqual(t, "updated", updated, want)
	read, _ = c.client.ReadGroup(c.ctx, created.ID)
	assertEqual(t, "read after update", read, want)
	if n := c.mock.Log().CountMatching(http.MethodPatch, "/api/v1/groups/"); n != 1 {
		t.Errorf("%d PATCHes, want 1 (the rename); other changes go through the PUT routes", n)
	}

	// Rename and membership together, then emptying.
	both, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "plat", Members: []string{bob.ID}})
	if err != nil {
		t.Fatal(err)
	}
	want.Name, want.Members = "plat", []string{bob.ID}
	assertEqual(t, "renamed with members", both, want)
	read, _ = c.client.ReadGroup(c.ctx, created.ID)
	assertEqual(t, "read after rename with members", read, want)
	emptied, err := c.client.UpdateGroup(c.ctx, created.ID, platform.GroupSpec{Name: "plat", Members: []string{}})
	if err != nil || emptied.Members == nil || len(emptied.Members) != 0 {
		t.Errorf("emptied: %#v %v", emptied.Members, err)
	}

	found, err := c.client.FindGroupByName(c.ctx, "plat")
	if err != nil || found.ID != created.ID {
		t.Errorf("find by name: %+v %v", found, err)
	}
	_, err = c.client.FindGroupByName(c.ctx, "pla") // the server's search is a substring match
	wantNotFound(t, err, "user_group", "pla")
	groups, err := c.client.ListGroups(c.ctx, platform.GroupFilter{})
	if err != nil || len(groups) != 2 || groups[0].Name != "Default" {
		t.Errorf("list: %+v %v", groups, err)
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

// An unknown member id would create a blank user: it is refused before any write, on create and update.
func TestContractUnknownMemberRejectedBeforeAnyWrite(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	ada := c.user("ada@example.com", nil)
	g := c.group("team", nil, nil)
	before := c.writes()

	_, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "new", Members: []string{ada.ID, "42"}})
	wantInvalid(t, err, platform.FieldMembers)
	if !strings.Contains(err.Error(), "42") {
		t.Errorf("error %q does not name the id", err)
	}
	_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "team", Members: []string{"42"}})
	wantInvalid(t, err, platform.FieldMembers)
	_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "renamed", Members: []string{ada.ID, "43"}})
	wantInvalid(t, err, platform.FieldMembers)
	if c.writes() != before {
		t.Errorf("%d writes sent with an unknown member", c.writes()-before)
	}

	// Above the per-id lookup limit one user listing is used instead.
	many := []string{ada.ID}
	for i := range memberLookupLimit + 1 {
		many = append(many, c.user(strings.Repeat("y", i+1)+"@example.com", nil).ID)
	}
	before = c.writes()
	_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "team", Members: append(many, "999")})
	wantInvalid(t, err, platform.FieldMembers)

	if c.writes() != before {
		t.Errorf("%d writes sent with an unknown member", c.writes()-before)
	}
	for _, id := range []string{"42", "43", "999"} {
		_, err := c.client.ReadUser(c.ctx, id)
		wantNotFound(t, err, "user", id)
	}
	// A deleted user is unknown too.
	if err := c.client.DeleteUser(c.ctx, ada.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "team", Members: []string{ada.ID}})
	wantInvalid(t, err, platform.FieldMembers)
}

func TestContractDefaultGroup(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	def, err := c.client.FindGroupByName(c.ctx, "Default")
	if err != nil || !IsDefaultGroupName(def.Name) {
		t.Fatalf("Default group: %+v %v", def, err)
	}
	// The server seeds it with catalogue 1 of each kind.
	assertEqual[platform.Extra](t, "Default's catalogues", def.Extra, GroupExtra{CatalogueIDs: []string{"1"}, DataCatalogueIDs: []string{"1"}, ToolCatalogueIDs: []string{"1"}})
	err = c.client.DeleteGroup(c.ctx, def.ID)
	wantInvalid(t, err, platform.Field{})
	if !strings.Contains(err.Error(), "Default group cannot be deleted") && !strings.Contains(platform.JoinFieldErrors(platform.FieldErrorsOf(err)), "Default group cannot be deleted") {
		t.Errorf("deleting Default: %v", err)
	}
	before := c.writes()
	_, err = c.client.UpdateGroup(c.ctx, def.ID, platform.GroupSpec{Name: "Everyone"})
	wantInvalid(t, err, platform.FieldName)
	if c.writes() != before {
		t.Error("a rename of the Default group was sent")
	}
	// Its catalogues can be managed; its members stay (including the implicit joins).
	u := c.user("new@example.com", nil)
	got, err := c.client.UpdateGroup(c.ctx, def.ID, platform.GroupSpec{Name: "Default", Extra: GroupExtra{CatalogueIDs: []string{"1"}}})
	if err != nil || !slices.Equal(got.Members, []string{"1", u.ID}) {
		t.Errorf("Default after a catalogue change: %+v %v", got, err)
	}
	_, err = c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "Default"})
	var conflict *platform.ConflictError
	if !errors.As(err, &conflict) {
		t.Errorf("creating a second Default: %T %v, want a ConflictError", err, err)
	}
}

// An unknown catalogue id would make the server create an empty catalogue: it is refused on its
// attribute, naming the ids, before any write, on create, on update and on a rename; no catalogue
// appears in the mock.
func TestContractUnknownCatalogue(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	before := c.writes()
	g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "cat", Extra: GroupExtra{CatalogueIDs: []string{"1"}, ToolCatalogueIDs: []string{"99", "2", "98"}}})
	wantInvalid(t, err, fieldToolCatalogueIDs)
	if msg := platform.JoinFieldErrors(platform.FieldErrorsOf(err)); !strings.Contains(msg, "tool catalogue has ids 98, 99") || strings.Contains(msg, "LLM") {
		t.Errorf("message %q does not name exactly the missing tool catalogue ids", msg)
	}
	if g.ID != "" || c.writes() != before {
		t.Errorf("created %+v with %d writes, want nothing written", g, c.writes()-before)
	}

	g = c.group("cat", nil, &GroupExtra{DataCatalogueIDs: []string{"3"}})
	before = c.writes()
	_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "cat", Extra: GroupExtra{CatalogueIDs: []string{"1", "97"}, DataCatalogueIDs: []string{"3", "96"}}})
	wantInvalid(t, err, fieldCatalogueIDs)
	wantInvalid(t, err, fieldDataCatalogueIDs)
	_, err = c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "cat2", Extra: GroupExtra{CatalogueIDs: []string{"95"}}})
	wantInvalid(t, err, fieldCatalogueIDs)
	if c.writes() != before {
		t.Errorf("%d writes sent with an unknown catalogue", c.writes()-before)
	}
	state := c.hook(http.MethodGet, "/state", nil)
	for kind, ids := range state["catalogues"].(map[string]any) {
		if len(ids.([]any)) != tykmock.SeedCatalogues {
			t.Errorf("%s in the mock: %v, want only the %d seeded", kind, ids, tykmock.SeedCatalogues)
		}
	}

	// Ids the group already holds are not looked up again: one GET per new id.
	c.mock.Log().Reset()
	if _, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "cat", Extra: GroupExtra{DataCatalogueIDs: []string{"3", "1"}}}); err != nil {
		t.Fatal(err)
	}
	if n := c.mock.Log().CountMatching(http.MethodGet, "/api/v1/data-catalogues/"); n != 1 {
		t.Errorf("%d catalogue lookups, want 1 (the new id)", n)
	}
}

// On the Community Edition every group write is the Enterprise error, and Default is still readable.
func TestContractCommunityEdition(t *testing.T) {
	c := newContract(t, tykmock.Community)
	u := c.user("ada@example.com", nil)
	_, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "eng"})
	wantEnterprise(t, err)
	_, err = c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "eng", Members: []string{u.ID}})
	wantEnterprise(t, err)
	_, err = c.client.UpdateGroup(c.ctx, "1", platform.GroupSpec{Name: "Default", Members: []string{u.ID}})
	wantEnterprise(t, err)
	wantEnterprise(t, c.client.DeleteGroup(c.ctx, "1"))

	def, err := c.client.ReadGroup(c.ctx, "1")
	if err != nil || def.Name != "Default" || !slices.Equal(def.Members, []string{"1", u.ID}) {
		t.Errorf("Default on Community: %+v %v", def, err)
	}
	groups, err := c.client.ListGroups(c.ctx, platform.GroupFilter{})
	if err != nil || len(groups) != 1 {
		t.Errorf("groups on Community: %+v %v", groups, err)
	}
	// Users and keys work as on Enterprise.
	if _, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k", UserID: u.ID}); err != nil {
		t.Errorf("key on Community: %v", err)
	}
}
