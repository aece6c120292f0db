package secoda_test

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	secodamock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/secoda"
)

func TestContractUserLifecycle(t *testing.T) {
	e := newEnv(t)
	created, err := e.client.CreateUser(e.ctx, platform.UserSpec{
		Email: "ada@example.com", Name: "Ada King Lovelace", Role: ptr("Editor"), Active: ptr(true),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := platform.User{ID: created.ID, Email: "ada@example.com", Name: "Ada King Lovelace", Role: "editor", Active: true,
		Extra: secoda.UserExtra{Pending: true}}
	if !reflect.DeepEqual(created, want) {
		t.Errorf("created = %#v, want %#v", created, want)
	}
	if read, err := e.client.ReadUser(e.ctx, created.ID); err != nil || !reflect.DeepEqual(read, want) {
		t.Errorf("read = %#v, %v", read, err)
	}

	updated, err := e.client.UpdateUser(e.ctx, created.ID, platform.UserSpec{Email: "ada@example.com", Name: "Ada", Role: ptr("viewer")})
	if err != nil || updated.Name != "Ada" || updated.Role != "viewer" {
		t.Errorf("updated = %#v, %v", updated, err)
	}
	// An unmanaged role and an unset name are not sent.
	if updated, err = e.client.UpdateUser(e.ctx, created.ID, platform.UserSpec{Email: "ada@example.com"}); err != nil || updated.Name != "Ada" || updated.Role != "viewer" {
		t.Errorf("update of nothing = %#v, %v", updated, err)
	}

	// The invitee signs in.
	e.hook("POST", "users/"+created.ID+"/accept", nil)
	if read, _ := e.client.ReadUser(e.ctx, created.ID); read.Extra.(secoda.UserExtra).Pending {
		t.Error("pending after the invitee signed in")
	}

	if err := e.client.DeleteUser(e.ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.client.ReadUser(e.ctx, created.ID)
	var nf *platform.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "user" || nf.ID != created.ID {
		t.Errorf("read after delete: %#v", err)
	}
	if err := e.client.DeleteUser(e.ctx, created.ID); err != nil {
		t.Errorf("deleting a deleted user: %v", err)
	}
	e.requireWirePaths()
}

// Guests need a team; the documented user object does not return teams, so Read leaves them unset.
func TestContractGuestUser(t *testing.T) {
	e := newEnv(t)
	guest, err := e.client.CreateUser(e.ctx, platform.UserSpec{
		Email: "guest@example.com", Role: ptr("guest"), Extra: &secoda.UserExtra{Teams: []string{secodamock.DefaultTeamID}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if guest.Role != "guest" || guest.Extra.(secoda.UserExtra).Teams != nil {
		t.Errorf("guest = %#v", guest)
	}
	_, err = e.client.CreateUser(e.ctx, platform.UserSpec{Email: "g2@example.com", Role: ptr("guest")})
	if fields := platform.FieldErrorsOf(err); len(fields) != 1 || fields[0].Field.String() != "secoda.teams" {
		t.Errorf("guest without teams: %v (fields %v)", err, fields)
	}
	_, err = e.client.CreateUser(e.ctx, platform.UserSpec{Email: "r@example.com", Role: ptr("owner")})
	if fields := platform.FieldErrorsOf(err); len(fields) != 1 || fields[0].Field != platform.FieldRole {
		t.Errorf("bad role: %v (fields %v)", err, fields)
	}
}

func TestContractUserNotFound(t *testing.T) {
	e := newEnv(t)
	u := e.createUser("ada@example.com")
	if _, err := e.client.ReadUser(e.ctx, "00000000-0000-4000-8000-000000000000"); !platform.IsNotFound(err) {
		t.Errorf("unknown id: %v", err)
	}
	e.hook("DELETE", "users/"+u.ID, nil)
	_, err := e.client.ReadUser(e.ctx, u.ID)
	var nf *platform.NotFoundError
	if !errors.As(err, &nf) || nf.ID != u.ID || nf.Kind != "user" {
		t.Errorf("deleted behind Terraform's back: %#v, want a NotFoundError", err)
	}
}

// A member deactivated in Secoda's UI is still a member holding its address: Read, List and Find report it
// with Active false, a second invitation is refused, and the API can change neither way.
func TestContractDeactivatedMember(t *testing.T) {
	e := newEnv(t)
	u := e.createUser("ada@example.com")
	e.hook("PATCH", "users/"+u.ID, map[string]any{"disabled": true})

	want := u
	want.Active = false
	if read, err := e.client.ReadUser(e.ctx, u.ID); err != nil || !reflect.DeepEqual(read, want) {
		t.Errorf("ReadUser = %#v, %v; want %#v", read, err, want)
	}
	if found, err := e.client.FindUserByEmail(e.ctx, "ADA@example.com"); err != nil || !reflect.DeepEqual(found, want) {
		t.Errorf("FindUserByEmail = %#v, %v", found, err)
	}
	users, err := e.client.ListUsers(e.ctx, platform.UserFilter{})
	if err != nil || len(users) != 2 || !reflect.DeepEqual(users[1], want) || !users[0].Active {
		t.Errorf("ListUsers = %#v, %v; want the admin and ada, inactive", users, err)
	}
	var conflict *platform.ConflictError
	if _, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: "ada@example.com"}); !errors.As(err, &conflict) {
		t.Errorf("re-inviting a deactivated member: %#v, want Secoda's duplicate-email refusal", err)
	}

	// Other fields can still be managed; activation is reported, not changed.
	updated, err := e.client.UpdateUser(e.ctx, u.ID, platform.UserSpec{Email: "ada@example.com", Role: ptr("viewer")})
	if err != nil || updated.Role != "viewer" || updated.Active {
		t.Errorf("UpdateUser of a deactivated member = %#v, %v", updated, err)
	}
	requireActivationRefused(t, "re-activating", "is deactivated: Secoda's API has no field to re-activate", func() error {
		_, err := e.client.UpdateUser(e.ctx, u.ID, platform.UserSpec{Email: "ada@example.com", Active: ptr(true)})
		return err
	})
	if _, err := e.client.UpdateUser(e.ctx, u.ID, platform.UserSpec{Email: "ada@example.com", Active: ptr(false)}); err != nil {
		t.Errorf("keeping a deactivated member deactivated: %v", err)
	}

	// Re-activated in the UI.
	e.hook("PATCH", "users/"+u.ID, map[string]any{"disabled": false})
	if read, err := e.client.ReadUser(e.ctx, u.ID); err != nil || !read.Active {
		t.Errorf("ReadUser after re-activation = %#v, %v", read, err)
	}
	requireActivationRefused(t, "deactivating", "is active: Secoda's API has no field to deactivate", func() error {
		_, err := e.client.UpdateUser(e.ctx, u.ID, platform.UserSpec{Email: "ada@example.com", Active: ptr(false)})
		return err
	})
	before := e.mock.Log().Count()
	requireActivationRefused(t, "inviting a deactivated member", "no field to deactivate", func() error {
		_, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: "bob@example.com", Active: ptr(false)})
		return err
	})
	if n := e.mock.Log().Count() - before; n != 0 {
		t.Errorf("an invitation that cannot start deactivated sent %d requests", n)
	}
}

// requireActivationRefused wants an UnsupportedError for active whose reason contains why.
func requireActivationRefused(t *testing.T, what, why string, do func() error) {
	t.Helper()
	err := do()
	var u *platform.UnsupportedError
	if !errors.As(err, &u) || u.Feature != (platform.Feature{Kind: platform.KindUser, Field: platform.FieldActive}) || !strings.Contains(u.Reason, why) {
		t.Errorf("%s: %v, want an UnsupportedError for active saying %q", what, err, why)
	}
}

func TestContractDuplicateEmail(t *testing.T) {
	e := newEnv(t)
	e.createUser("ada@example.com")
	_, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: "ADA@example.com"})
	var conflict *platform.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("duplicate email: %#v, want a ConflictError", err)
	}
	if len(conflict.Fields) != 1 || conflict.Fields[0].Field != platform.FieldEmail || !strings.Contains(conflict.Fields[0].Message, "already exists") {
		t.Errorf("fields = %#v", conflict.Fields)
	}
	if got := e.state().Counts["users"]; got != 2 {
		t.Errorf("users = %d, want the admin and ada", got)
	}
}

func TestContractFindUserByEmailAndPagination(t *testing.T) {
	e := newEnv(t)
	for i := range 120 {
		e.createUser(fmt.Sprintf("u%03d@example.com", i))
	}
	e.mock.Log().Reset()
	users, err := e.client.ListUsers(e.ctx, platform.UserFilter{})
	if err != nil || len(users) != 121 {
		t.Fatalf("ListUsers = %d, %v", len(users), err)
	}
	if n := count(e, http.MethodGet, "/api/v1/user/"); n != 3 {
		t.Errorf("%d GETs for 121 users, want 3 (pages of 50)", n)
	}
	found, err := e.client.FindUserByEmail(e.ctx, "U119@EXAMPLE.com")
	if err != nil || found.Email != "u119@example.com" {
		t.Errorf("FindUserByEmail = %#v, %v", found, err)
	}
	if _, err := e.client.FindUserByEmail(e.ctx, "nobody@example.com"); !platform.IsNotFound(err) {
		t.Errorf("missing email: %v", err)
	}
	filtered, err := e.client.ListUsers(e.ctx, platform.UserFilter{Email: "U007@example.com"})
	if err != nil || len(filtered) != 1 || filtered[0].Email != "u007@example.com" {
		t.Errorf("ListUsers(email) = %#v, %v", filtered, err)
	}
}

func TestContractUnauthorized(t *testing.T) {
	e := newEnv(t)
	c := newClient(t, e.url, "wrong-key", envOptions{maxRetries: 2, clientWritesPerMinute: -1})
	_, err := c.ListGroups(e.ctx, platform.GroupFilter{})
	var apiErr *platform.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized || !strings.Contains(apiErr.Message, "Invalid token.") ||
		!strings.Contains(apiErr.Message, "Settings -> API") {
		t.Errorf("bad key: %#v", err)
	}
	if n := e.mock.Log().Count(); n != 1 {
		t.Errorf("a 401 was retried: %d requests", n)
	}
}
