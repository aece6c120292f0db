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

func allFlags(v bool) UserExtra {
	return UserExtra{IsAdmin: ptrBool(v), ShowChat: ptrBool(v), ShowPortal: ptrBool(v), EmailVerified: ptrBool(v),
		NotificationsEnabled: ptrBool(v), AccessToSSOConfig: ptrBool(v)}
}

func TestContractUserCRUD(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	created, err := c.client.CreateUser(c.ctx, platform.UserSpec{
		Email: "Ada@Example.com", Name: "Ada Lovelace", Password: ptr("correct horse"), Extra: allFlags(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := platform.User{ID: created.ID, Email: "Ada@Example.com", Name: "Ada Lovelace", Role: "Admin", Active: true, Extra: allFlags(true)}
	assertEqual(t, "created", created, want)
	read, err := c.client.ReadUser(c.ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, "read", read, want)

	// A rename that manages no flag must not wipe the email or any flag (PATCH replaces everything).
	renamed, err := c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{Email: "Ada@Example.com", Name: "Ada King"})
	if err != nil {
		t.Fatal(err)
	}
	want.Name = "Ada King"
	assertEqual(t, "renamed", renamed, want)
	read, _ = c.client.ReadUser(c.ctx, created.ID)
	assertEqual(t, "read after rename", read, want)

	// Managing one flag changes only that one; demoting an admin clears the admin-only flags it does not manage.
	updated, err := c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{
		Email: "ada@analytical.example", Name: "Ada King", Extra: &UserExtra{IsAdmin: ptrBool(false), ShowChat: ptrBool(false)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want.Email, want.Role = "ada@analytical.example", "Developer"
	want.Extra = UserExtra{IsAdmin: ptrBool(false), ShowChat: ptrBool(false), ShowPortal: ptrBool(true), EmailVerified: ptrBool(true),
		NotificationsEnabled: ptrBool(false), AccessToSSOConfig: ptrBool(false)}
	assertEqual(t, "updated", updated, want)

	// The Default membership every user gets is not reported on the user, and the user is still in it.
	if g, err := c.client.ReadGroup(c.ctx, "1"); err != nil || !slices.Contains(g.Members, created.ID) {
		t.Errorf("Default group members %v (%v), want the new user in it", g.Members, err)
	}

	if err := c.client.DeleteUser(c.ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.ReadUser(c.ctx, created.ID)
	wantNotFound(t, err, "user", created.ID)
	if err := c.client.DeleteUser(c.ctx, created.ID); err != nil {
		t.Errorf("deleting a deleted user: %v", err)
	}
	_, err = c.client.UpdateUser(c.ctx, created.ID, platform.UserSpec{Email: "x@example.com", Name: "x"})
	wantNotFound(t, err, "user", created.ID)
	if err := c.client.DeleteUser(c.ctx, "1"); err == nil || !strings.Contains(err.Error(), "super admin") {
		t.Errorf("deleting the super admin: %v", err)
	}
}

func TestContractUserErrors(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	u := c.user("taken@example.com", nil)

	_, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "TAKEN@example.com", Name: "Dup"})
	var conflict *platform.ConflictError
	if !errors.As(err, &conflict) || conflict.Fields[0].Field != platform.FieldEmail {
		t.Errorf("duplicate email (other case): %T %v, want a ConflictError on email", err, err)
	}
	before := c.writes()
	_, err = c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: "taken@example.com", Name: "N", Password: ptr("new")})
	wantInvalid(t, err, platform.FieldPassword)
	if !strings.Contains(err.Error(), "cannot change a password") {
		t.Errorf("password update error %q", err)
	}
	_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "", Name: "No email"})
	wantInvalid(t, err, platform.FieldEmail)
	if c.writes() != before {
		t.Errorf("%d writes sent for refused requests", c.writes()-before)
	}
	// A flag rule the server enforces with the current state: notifications for a non-admin.
	_, err = c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: u.Email, Name: u.Name, Extra: UserExtra{NotificationsEnabled: ptrBool(true)}})
	wantInvalid(t, err, fieldNotificationsEnabled)
	_, err = c.client.ReadUser(c.ctx, "ada@example.com")
	if err == nil || !strings.Contains(err.Error(), "email=<email>") {
		t.Errorf("read by a non-id: %v", err)
	}
}

func TestContractFindAndListUsers(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	ada := c.user("Ada@Example.com", nil)
	c.user("bob@example.com", nil)
	found, err := c.client.FindUserByEmail(c.ctx, "ada@example.COM")
	if err != nil || found.ID != ada.ID {
		t.Errorf("find by email in another case: %+v %v", found, err)
	}
	_, err = c.client.FindUserByEmail(c.ctx, "nobody@example.com")
	wantNotFound(t, err, "user", "nobody@example.com")

	all, err := c.client.ListUsers(c.ctx, platform.UserFilter{})
	if err != nil || len(all) != 3 {
		t.Errorf("all users: %d %v, want 3 (with the super admin)", len(all), err)
	}
	// The email filter is exact (ignoring case): the server's substring search only fetches candidates.
	some, err := c.client.ListUsers(c.ctx, platform.UserFilter{Email: "ADA@example.com"})
	if err != nil || len(some) != 1 || some[0].ID != ada.ID {
		t.Errorf("users with ada@example.com: %+v %v", some, err)
	}
	none, err := c.client.ListUsers(c.ctx, platform.UserFilter{Email: "example.com"})
	if err != nil || len(none) != 0 {
		t.Errorf("users with the email example.com: %+v %v, want none", none, err)
	}
}

// 30 users come back in one request: the client asks for all=true instead of the default 10 a page.
func TestContractListFollowsNoPagesWithAll(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	var members []string
	for i := range 30 {
		members = append(members, c.user(strings.Repeat("x", i+1)+"@example.com", nil).ID)
	}
	c.mock.Log().Reset()
	users, err := c.client.ListUsers(c.ctx, platform.UserFilter{})
	if err != nil || len(users) != 31 {
		t.Fatalf("listed %d users (%v), want 31", len(users), err)
	}
	if n := c.mock.Log().CountMatching(http.MethodGet, "/api/v1/users"); n != 1 {
		t.Errorf("%d list requests, want 1", n)
	}
	g := c.group("big", members, nil)
	c.mock.Log().Reset()
	read, err := c.client.ReadGroup(c.ctx, g.ID)
	if err != nil || len(read.Members) != 30 {
		t.Fatalf("read %d members (%v), want 30", len(read.Members), err)
	}
	if n := c.mock.Log().Count(); n != 2 {
		t.Errorf("%d requests to read a 30-member group, want 2", n)
	}
}
