package onyx

import (
	"fmt"
	"maps"
	"net/http"
	"sync"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// roster_user is an invitation that becomes a user when the person signs up; its id is the
// lower-cased email before and after.
func TestContractInviteSignUpLifecycle(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "Linus@Example.com", Role: ptr("BASIC"), Active: ptr(true)})
		if err != nil {
			t.Fatal(err)
		}
		want := platform.User{ID: "linus@example.com", Email: "Linus@example.com", Role: "basic", Active: true, Extra: UserExtra{Status: StatusInvited}}
		assertEqual(t, "invited", u, want)
		read, err := c.client.ReadUser(c.ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, "read invited", read, want)
		if found, err := c.client.FindUserByEmail(c.ctx, "LINUS@example.COM"); err != nil || found.ID != u.ID {
			t.Errorf("find: %+v %v", found, err)
		}
		// One user is read with the server's search, in one request.
		c.mock.Log().Reset()
		if _, err := c.client.ReadUser(c.ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if entries := c.mock.Log().Entries(); len(entries) != 1 || entries[0].RawQuery != "q=linus%40example.com" {
			t.Errorf("ReadUser sent %+v, want one search", entries)
		}

		c.hook(http.MethodPost, "/users/linus@example.com/signup", map[string]any{"personal_name": "Linus T"})
		read, err = c.client.ReadUser(c.ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		want.Name, want.Extra = "Linus T", UserExtra{Status: StatusActive}
		assertEqual(t, "after sign-up", read, want)

		// Admin rights through the generation's own mechanism.
		updated, err := c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: "linus@example.com", Role: ptr("Admin")})
		if err != nil {
			t.Fatal(err)
		}
		want.Role = "admin"
		assertEqual(t, "admin", updated, want)
		route := map[Generation]string{GenerationV46: "/api/manage/set-user-role", GenerationCurrent: "/api/manage/admin/users/admin-access"}[gen]
		if n := c.mock.Log().CountMatching(http.MethodPatch, route); n != 1 {
			t.Errorf("%d requests to %s", n, route)
		}
		updated, err = c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: "linus@example.com", Role: ptr("basic"), Active: ptr(false)})
		if err != nil {
			t.Fatal(err)
		}
		want.Role, want.Active, want.Extra = "basic", false, UserExtra{Status: StatusDeactivated}
		assertEqual(t, "deactivated", updated, want)
		updated, err = c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: "linus@example.com", Active: ptr(true)})
		if err != nil || !updated.Active {
			t.Errorf("reactivated: %+v %v", updated, err)
		}

		users, err := c.client.ListUsers(c.ctx, platform.UserFilter{})
		if err != nil || len(users) != 4 || users[3].ID != "linus@example.com" {
			t.Errorf("list: %+v %v", users, err)
		}
		// Delete deactivates first (Onyx deletes only deactivated users).
		if err := c.client.DeleteUser(c.ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		_, err = c.client.ReadUser(c.ctx, u.ID)
		wantNotFound(t, err, "user", u.ID)
		if err := c.client.DeleteUser(c.ctx, u.ID); err != nil {
			t.Errorf("deleting a deleted user: %v", err)
		}
	})
}

func TestContractUninvite(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "Pending@EXAMPLE.com"})
		if err != nil {
			t.Fatal(err)
		}
		// Uninviting must repeat the stored form exactly (the domain is lower-cased by Onyx).
		if err := c.client.DeleteUser(c.ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		if s := c.state(); s.Users.Count != 3 {
			t.Errorf("users %v: the invitation was not withdrawn", s.Users.Emails)
		}
	})
}

// What an invitation cannot do yet, and what is taken, is refused before anything is sent.
func TestContractUserRefusals(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		before := c.writes()
		_, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "new@example.com", Role: ptr("admin")})
		wantInvalid(t, err, platform.FieldRole, "accept the invitation")
		_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "new@example.com", Active: ptr(false)})
		wantInvalid(t, err, platform.FieldActive)
		_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "ADA@example.com"})
		wantConflict(t, err, platform.FieldEmail)
		_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "x@example.com", Password: ptr("secret")})
		wantInvalid(t, err, platform.FieldPassword)
		if c.writes() != before {
			t.Errorf("%d writes sent", c.writes()-before)
		}
		u, _ := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "new@example.com"})
		_, err = c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: u.Email, Role: ptr("admin")})
		wantInvalid(t, err, platform.FieldRole, "new@example.com", "accept the invitation")
		_, err = c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: "other@example.com"})
		wantInvalid(t, err, platform.FieldEmail)
		_, err = c.client.UpdateUser(c.ctx, "gone@example.com", platform.UserSpec{Email: "gone@example.com"})
		wantNotFound(t, err, "user", "gone@example.com")
		// The provider's own user cannot deactivate itself: the server's refusal comes back on active.
		_, err = c.client.UpdateUser(c.ctx, onyxmock.AdminEmail, platform.UserSpec{Email: onyxmock.AdminEmail, Active: ptr(false)})
		wantInvalid(t, err, platform.FieldActive)
		_, err = c.client.ReadUser(c.ctx, "not-an-email")
		if err == nil || platform.IsNotFound(err) {
			t.Errorf("malformed id: %v", err)
		}
	})
}

// Roles the generation does not have are refused at apply time, after detecting it, with the role
// attribute named; the plan-time check cannot know the generation.
func TestContractRolesPerGeneration(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		spec := platform.UserSpec{Email: ada, Role: ptr("global_curator")}
		if errs := c.client.ValidateUser(spec); len(errs) != 0 {
			t.Errorf("plan-time check without a known generation refused global_curator: %v", errs)
		}
		u, err := c.client.UpdateUser(c.ctx, ada, spec)
		if gen == GenerationCurrent {
			wantInvalid(t, err, platform.FieldRole, "Onyx v4.6")
			// Now that the generation is known, the plan-time check knows it too.
			if errs := c.client.ValidateUser(spec); len(errs) != 1 || errs[0].Field != platform.FieldRole {
				t.Errorf("plan-time check after detection: %v", errs)
			}
			return
		}
		if err != nil || u.Role != "global_curator" {
			t.Errorf("v4.6 global_curator: %+v %v", u, err)
		}
		_, err = c.client.UpdateUser(c.ctx, ada, platform.UserSpec{Email: ada, Role: ptr("curator")})
		wantInvalid(t, err, platform.FieldRole, "curator_ids")
	})
}

// Invitations are linear (issue 18): N sent at once cost one read of the directory and N PUTs, where each
// used to list everyone. The process's own invitations are recorded, so a group write of the invitees in the
// same process reads nothing more, and a second invitation of an address is refused without a request.
func TestContractInvitationsAreLinear(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		const n = 40
		emails := make([]string, n)
		users := make([]platform.User, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		c.mock.Log().Reset()
		for i := range n {
			emails[i] = fmt.Sprintf("person%02d@example.com", i)
			wg.Add(1)
			go func() {
				defer wg.Done()
				users[i], errs[i] = c.client.CreateUser(c.ctx, platform.UserSpec{Email: fmt.Sprintf("Person%02d@Example.COM", i)})
			}()
		}
		wg.Wait()
		for i := range n {
			want := platform.User{ID: emails[i], Email: fmt.Sprintf("Person%02d@example.com", i), Role: "basic", Active: true, Extra: UserExtra{Status: StatusInvited}}
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			assertEqual(t, "invited", users[i], want)
		}
		if got := requestsByRoute(c.mock.Log().Entries()); !maps.Equal(got, map[string]int{"GET /api/manage/users": 1, "PUT /api/manage/admin/users": n}) {
			t.Errorf("%d invitations sent %v, want one directory read and one PUT each", n, got)
		}
		if s := c.state(); s.Users.Count != 3+n {
			t.Errorf("%d users and invitations, want %d", s.Users.Count, 3+n)
		}

		c.mock.Log().Reset()
		g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "newcomers", Members: append([]string{ada}, emails...)})
		if err != nil || len(g.Extra.(GroupExtra).PendingMembers) != n {
			t.Fatalf("group of invitees: %+v %v", g, err)
		}
		_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: emails[3]})
		wantConflict(t, err, platform.FieldEmail)
		if got := requestsByRoute(c.mock.Log().Entries()); got["GET /api/manage/users"] != 0 || got["PUT /api/manage/admin/users"] != 0 {
			t.Errorf("the group and the repeated invitation sent %v", got)
		}
	})
}

func requestsByRoute(entries []mockapi.Entry) map[string]int {
	out := map[string]int{}
	for _, e := range entries {
		out[e.Method+" "+e.Path]++
	}
	return out
}
