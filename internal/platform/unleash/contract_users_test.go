package unleash

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var userCases = []contractCase{
	{name: "UserCRUD", run: func(e *env) {
		email := e.email("ada")
		created := e.createUser(platform.UserSpec{
			Email: email, Name: "Ada Lovelace", Role: ptr("Editor"), Password: ptr("Analytical#Engine1"),
			Extra: UserExtra{Username: e.name("ada"), SendEmail: ptr(false)},
		})
		want := platform.User{
			ID: created.ID, Email: strings.ToLower(email), Name: "Ada Lovelace", Role: "Editor", Active: true,
			Extra: UserExtra{Username: e.name("ada")},
		}
		assertUser(e.t, "created", created, want)
		read, err := e.client.ReadUser(e.ctx, created.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		assertUser(e.t, "read", read, want)

		newEmail := e.email("ada.king")
		updated, err := e.client.UpdateUser(e.ctx, created.ID, platform.UserSpec{
			Email: newEmail, Name: "Ada King", Role: ptr("Admin"), Password: ptr("Difference#Engine2"),
			Extra: &UserExtra{Username: e.name("ada")},
		})
		if err != nil {
			e.t.Fatal(err)
		}
		want.Email, want.Name, want.Role = strings.ToLower(newEmail), "Ada King", "Admin"
		assertUser(e.t, "updated", updated, want)

		// An update that leaves the role unmanaged keeps it.
		kept, err := e.client.UpdateUser(e.ctx, created.ID, platform.UserSpec{Email: newEmail, Name: "Ada King"})
		if err != nil {
			e.t.Fatal(err)
		}
		assertUser(e.t, "role unmanaged", kept, want)

		found, err := e.client.FindUserByEmail(e.ctx, strings.ToUpper(newEmail))
		if err != nil {
			e.t.Fatal(err)
		}
		assertUser(e.t, "found", found, want)
		listed, err := e.client.ListUsers(e.ctx, platform.UserFilter{Email: strings.ToUpper(newEmail)})
		if err != nil {
			e.t.Fatal(err)
		}
		if len(listed) != 1 {
			e.t.Fatalf("email filter listed %+v", listed)
		}
		assertUser(e.t, "listed", listed[0], want)

		if err := e.client.DeleteUser(e.ctx, created.ID); err != nil {
			e.t.Fatal(err)
		}
		_, err = e.client.ReadUser(e.ctx, created.ID)
		wantNotFound(e.t, err, "user", created.ID)
		_, err = e.client.UpdateUser(e.ctx, created.ID, platform.UserSpec{Name: "x"})
		wantNotFound(e.t, err, "user", created.ID)
		if err := e.client.DeleteUser(e.ctx, created.ID); err != nil {
			e.t.Errorf("deleting a deleted user: %v", err)
		}
		_, err = e.client.FindUserByEmail(e.ctx, newEmail)
		wantNotFound(e.t, err, "user", newEmail)
	}},
	{name: "UserRoleDefaultsAndCustomIDs", run: func(e *env) {
		// Unleash requires a role; an unmanaged one is created as the least privileged.
		viewer := e.createUser(platform.UserSpec{Email: e.email("viewer"), Name: "V"})
		if viewer.Role != "Viewer" {
			e.t.Errorf("default role = %q, want Viewer", viewer.Role)
		}
		// A built-in role given by id reads back by name; an unknown id is the server's 400 on role.
		_, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: e.email("r99"), Name: "R", Role: ptr("99")})
		wantInvalid(e.t, err, platform.FieldRole)
		updated, err := e.client.UpdateUser(e.ctx, viewer.ID, platform.UserSpec{Name: "V", Role: ptr("2")})
		if err != nil {
			e.t.Fatal(err)
		}
		if updated.Role != "Editor" {
			e.t.Errorf("role after update to id 2 = %q, want Editor", updated.Role)
		}
	}},
	{name: "UsernameOnlyUser", run: func(e *env) {
		u := e.createUser(platform.UserSpec{Name: "Service", Extra: UserExtra{Username: e.name("svc")}})
		if u.Email != "" || u.Extra.(UserExtra).Username != e.name("svc") {
			e.t.Errorf("username-only user = %+v", u)
		}
	}},
	{name: "DuplicatesAreConflicts", run: func(e *env) {
		first := e.createUser(platform.UserSpec{Email: e.email("dup"), Name: "D", Extra: UserExtra{Username: e.name("dup")}})
		// Same email in another case: Unleash's 400 "User already exists".
		_, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: strings.ToUpper(e.email("dup")), Name: "D"})
		wantConflict(e.t, err, platform.FieldEmail)
		// New email, taken username: Unleash's database 500, which must not be retried as ambiguous.
		_, err = e.client.CreateUser(e.ctx, platform.UserSpec{Email: e.email("dup2"), Name: "D", Extra: UserExtra{Username: e.name("dup")}})
		wantConflict(e.t, err, fieldUsername)
		// Taking another user's email on update.
		second := e.createUser(platform.UserSpec{Email: e.email("other"), Name: "O"})
		_, err = e.client.UpdateUser(e.ctx, second.ID, platform.UserSpec{Email: first.Email, Name: "O"})
		wantConflict(e.t, err, platform.FieldEmail)
	}},
	{name: "ServerValidationNamesTheAttribute", run: func(e *env) {
		// The validator would catch these at plan time; the server's answer must still point at the attribute.
		_, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: "ada@foo.test", Name: "A"})
		wantInvalid(e.t, err, platform.FieldEmail)
		u := e.createUser(platform.UserSpec{Email: e.email("pw"), Name: "P", Password: ptr("weak")})
		_, err = e.client.UpdateUser(e.ctx, u.ID, platform.UserSpec{Email: u.Email, Name: "P", Password: ptr("weak")})
		if err == nil || !strings.Contains(err.Error(), "password") {
			e.t.Fatalf("weak password on change: %v", err)
		}
		wantInvalid(e.t, err, platform.FieldPassword)
	}},
	{name: "LostUserCreateIsAdopted", mockOnly: true, run: func(e *env) {
		err := e.target.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, PathPrefix: usersPath, Times: 1})
		if err != nil {
			e.t.Fatal(err)
		}
		u := e.createUser(platform.UserSpec{Email: e.email("lost"), Name: "Lost", Role: ptr("Editor")})
		if u.Role != "Editor" || u.Email != strings.ToLower(e.email("lost")) {
			e.t.Errorf("adopted user = %+v", u)
		}
		if n := countExact(e.target.mock.Log().Matching(http.MethodPost, usersPath), usersPath); n != 1 {
			e.t.Errorf("%d user POSTs, want 1 (a lost create is looked up, not resent)", n)
		}
	}},
	{name: "CreateAnswerIsTheUser", run: func(e *env) {
		// The create answer carries the user (its role echoed as sent): no GET follows it.
		before := 0
		if e.target.mock != nil {
			before = e.target.mock.Log().CountMatching(http.MethodGet, usersPath+"/")
		}
		u := e.createUser(platform.UserSpec{Email: e.email("whole"), Name: "Whole", Role: ptr("Editor")})
		if u.Role != "Editor" || u.Name != "Whole" || u.Email != strings.ToLower(e.email("whole")) {
			e.t.Errorf("created user = %+v", u)
		}
		read, err := e.client.ReadUser(e.ctx, u.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		assertUser(e.t, "read after create", read, u)
		if e.target.mock != nil {
			if n := e.target.mock.Log().CountMatching(http.MethodGet, usersPath+"/") - before; n != 1 {
				e.t.Errorf("%d user GETs, want 1 (the test's own read): the create answer is the user", n)
			}
		}
	}},
	{name: "UserDriftIsRead", mockOnly: true, run: func(e *env) {
		u := e.createUser(platform.UserSpec{Email: e.email("drift"), Name: "Drift", Role: ptr("Viewer")})
		hook(e, http.MethodPatch, "/__mock/unleash/users/"+u.ID, `{"rootRole": 1, "name": "Changed"}`)
		read, err := e.client.ReadUser(e.ctx, u.ID)
		if err != nil || read.Role != "Admin" || read.Name != "Changed" {
			e.t.Errorf("after drift: %+v, %v", read, err)
		}
		hook(e, http.MethodDelete, "/__mock/unleash/users/"+u.ID, "")
		_, err = e.client.ReadUser(e.ctx, u.ID)
		wantNotFound(e.t, err, "user", u.ID)
	}},
}

func countExact(entries []mockapi.Entry, path string) int {
	return len(slices.DeleteFunc(entries, func(x mockapi.Entry) bool { return x.Path != path }))
}

// hook calls a mock-only route.
func hook(e *env, method, path, body string) {
	e.t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, e.target.endpoint+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode >= 300 {
		e.t.Fatalf("hook %s %s: %s", method, path, resp.Status)
	}
}
