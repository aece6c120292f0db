package authentik

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestContractUserCRUD(t *testing.T) {
	c := newContract(t)
	created, err := c.client.CreateUser(c.ctx, platform.UserSpec{
		Email: "ada@example.com", Name: "Ada Lovelace", Password: ptr("correct horse battery staple"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := platform.User{
		ID: created.ID, Email: "ada@example.com", Name: "Ada Lovelace", Active: true,
		Extra: UserExtra{Username: "ada@example.com", Path: "users", Type: "internal", Attributes: json.RawMessage(`{}`), Roles: []string{}},
	}
	assertEqual(t, "created", created, want)
	if n := countPath(c.requests(http.MethodPost), "/api/v3/core/users/"+created.ID+"/set_password/", http.StatusNoContent); n != 1 {
		t.Errorf("set_password calls answered 204: %d, want 1", n)
	}

	read, err := c.client.ReadUser(c.ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, "read", read, want)

	// Put the user in a group from the group side; a user update must not touch that membership.
	team := c.group("team", []string{created.ID})

	updated, err := c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{
		Email: "ada@analytical.example", Name: "Ada King", Active: ptr(false), Password: ptr("another one"),
		Extra: UserExtra{Username: "ada", Path: "users/eng", Type: "external", Attributes: json.RawMessage(`{"k":"v"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want = platform.User{
		ID: created.ID, Email: "ada@analytical.example", Name: "Ada King", Active: false,
		Extra: UserExtra{Username: "ada", Path: "users/eng", Type: "external", Attributes: json.RawMessage(`{"k":"v"}`), Roles: []string{}},
	}
	assertEqual(t, "updated", updated, want)
	if n := countPath(c.requests(http.MethodPost), "/api/v3/core/users/"+created.ID+"/set_password/", http.StatusNoContent); n != 2 {
		t.Errorf("set_password calls answered 204: %d, want 2", n)
	}
	g, err := c.client.ReadGroup(c.ctx, team.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.Members, []string{created.ID}) {
		t.Errorf("user update changed group membership: %v", g.Members)
	}
	if n := len(c.requests(http.MethodPut)); n != 0 {
		t.Errorf("%d PUT requests; updates must PATCH", n)
	}

	found, err := c.client.FindUserByEmail(c.ctx, "ADA@Analytical.Example")
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, "found", found, want)

	if err := c.client.DeleteUser(c.ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.ReadUser(c.ctx, created.ID)
	wantNotFound(t, err, "user", created.ID)
	_, err = c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{Email: "x@example.com"})
	wantNotFound(t, err, "user", created.ID)
	if err := c.client.DeleteUser(c.ctx, created.ID); err != nil {
		t.Errorf("deleting a deleted user: %v", err)
	}
}

// A user's own roles are the user's `roles` field: sent only when managed, read back sorted, cleared by [].
func TestContractUserRoles(t *testing.T) {
	c := newContract(t)
	both := []string{authentikmock.SeedRoleEditorUUID, authentikmock.SeedRoleViewerUUID}
	created, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "r@example.com", Extra: UserExtra{Roles: []string{authentikmock.SeedRoleViewerUUID, authentikmock.SeedRoleEditorUUID}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := created.Extra.(UserExtra).Roles; !slices.Equal(got, both) {
		t.Errorf("created with roles %v, want %v", got, both)
	}
	// Unmanaged roles are left alone: the PATCH does not carry them.
	updated, err := c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{Email: "r@example.com", Name: "R"})
	if err != nil {
		t.Fatal(err)
	}
	if got := updated.Extra.(UserExtra).Roles; !slices.Equal(got, both) {
		t.Errorf("an update without roles changed them to %v", got)
	}
	updated, err = c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{Email: "r@example.com", Extra: UserExtra{Roles: []string{}}})
	if err != nil {
		t.Fatal(err)
	}
	read, err := c.client.ReadUser(c.ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := read.Extra.(UserExtra).Roles; len(got) != 0 || len(updated.Extra.(UserExtra).Roles) != 0 {
		t.Errorf("roles = [] left %v", got)
	}
	_, err = c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{Email: "r@example.com", Extra: UserExtra{Roles: []string{"00000000-0000-4000-8000-000000000000"}}})
	wantInvalid(t, err, fieldRoles)
}

func TestContractUserWithoutPasswordMakesOneRequest(t *testing.T) {
	c := newContract(t)
	c.mock.Log().Reset()
	c.user("solo@example.com")
	if n := c.mock.Log().Count(); n != 1 {
		t.Errorf("%d requests to create a user without password, want 1", n)
	}
}

func TestContractFindBy(t *testing.T) {
	c := newContract(t)
	g := c.group("finders", nil)
	found, err := c.client.FindGroupByName(c.ctx, "finders")
	if err != nil || found.ID != g.ID {
		t.Errorf("FindGroupByName = %+v, %v", found, err)
	}
	_, err = c.client.FindGroupByName(c.ctx, "Finders")
	wantNotFound(t, err, "user_group", "Finders")
	_, err = c.client.FindGroupByName(c.ctx, "")
	wantNotFound(t, err, "user_group", "")

	u := c.user("Grace@Example.com")
	byEmail, err := c.client.FindUserByEmail(c.ctx, "grace@example.com")
	if err != nil || byEmail.ID != u.ID {
		t.Errorf("FindUserByEmail = %+v, %v", byEmail, err)
	}
	_, err = c.client.FindUserByEmail(c.ctx, "nobody@example.com")
	wantNotFound(t, err, "user", "nobody@example.com")
	// A user whose name, not email, contains the address is no match.
	if _, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "other@example.com", Name: "nobody@example.com"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.FindUserByEmail(c.ctx, "nobody@example.com")
	wantNotFound(t, err, "user", "nobody@example.com")

	// authentik does not keep emails unique; two users with one email make the lookup ambiguous.
	if _, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "GRACE@example.com", Extra: UserExtra{Username: "grace2"}}); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.FindUserByEmail(c.ctx, "grace@example.com")
	if err == nil || platform.IsNotFound(err) || !strings.Contains(err.Error(), "ambiguous") || !strings.Contains(err.Error(), "id") {
		t.Errorf("duplicate email: %v", err)
	}
}
