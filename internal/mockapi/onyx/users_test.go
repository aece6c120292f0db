package onyx

import (
	"net/http"
	"slices"
	"testing"
)

// Users exist only once an invitation is accepted; until then the address is an invitation without
// an id. The signup hook plays the person accepting it.
func TestInviteAndSignup(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		v := c.api("PUT", "/manage/admin/users", map[string]any{"emails": []string{"Linus@Example.COM", "ada@example.com"}}, http.StatusOK)
		if gen == GenerationCurrent {
			if jget(v, "invited_count") != float64(1) || jget(v, "email_invite_status") != "DISABLED" {
				t.Errorf("invite answer %v", v)
			}
		} else if v != float64(1) {
			t.Errorf("invite answer %v, want the count 1 (v4.6 answers an integer)", v)
		}
		// Re-inviting is a no-op; the count is the whole list.
		v = c.api("PUT", "/manage/admin/users", map[string]any{"emails": []string{"linus@example.com", "new@example.com"}}, http.StatusOK)
		if gen == GenerationV46 && v != float64(2) {
			t.Errorf("second invite answer %v, want 2", v)
		}
		if got := emails(c.api("GET", "/manage/users/invited", nil, http.StatusOK)); !slices.Equal(got, []string{"Linus@example.com", "new@example.com"}) {
			t.Errorf("invited %v (the domain is lower-cased, the local part kept)", got)
		}
		all := c.api("GET", "/manage/users", nil, http.StatusOK)
		if !slices.Equal(emails(jget(all, "accepted")), []string{AdaEmail, AdminEmail, GraceEmail}) ||
			!slices.Equal(emails(jget(all, "invited")), []string{"Linus@example.com", "new@example.com"}) ||
			jget(all, "accepted_pages") != float64(1) {
			t.Errorf("/manage/users %v", all)
		}
		// All or nothing.
		c.apiError("PUT", "/manage/admin/users", map[string]any{"emails": []string{"ok@example.com", "broken"}}, http.StatusBadRequest, "",
			"Invalid email address: broken - The email address is not valid. It must have exactly one @-sign.")
		if got := emails(c.api("GET", "/manage/users/invited", nil, http.StatusOK)); len(got) != 2 {
			t.Errorf("a failed invite added addresses: %v", got)
		}
		// Accepting: the invitation goes, a user appears in Basic.
		u := c.hook("POST", "/users/linus@example.com/signup", map[string]any{"personal_name": "Linus"}, http.StatusOK)
		if jget(u, "email") != "Linus@example.com" || jget(u, "is_active") != true || jget(u, "personal_name") != "Linus" {
			t.Errorf("signed-up user %v", u)
		}
		if gen == GenerationCurrent && (jget(u, "account_type") != accountStandard || jget(u, "is_admin") != false) {
			t.Errorf("current snapshot %v", u)
		} else if gen == GenerationV46 && (jget(u, "role") != roleBasic || jget(u, "is_admin") != nil) {
			t.Errorf("v4.6 snapshot %v", u)
		}
		if got := emails(c.api("GET", "/manage/users/invited", nil, http.StatusOK)); !slices.Equal(got, []string{"new@example.com"}) {
			t.Errorf("invited after signup %v", got)
		}
		if got := emails(jget(c.group(float64(BasicGroupID)), "users")); !slices.Contains(got, "Linus@example.com") {
			t.Errorf("Basic members %v", got)
		}
		c.hook("POST", "/users/nobody@example.com/signup", nil, http.StatusNotFound)
		// Uninvite matches the stored address exactly; anything else is a no-op.
		if v := c.api("PATCH", "/manage/admin/remove-invited-user", map[string]any{"user_email": "NEW@example.com"}, http.StatusOK); v != float64(1) {
			t.Errorf("uninvite with other case: %v", v)
		}
		if v := c.api("PATCH", "/manage/admin/remove-invited-user", map[string]any{"user_email": "new@example.com"}, http.StatusOK); v != float64(0) {
			t.Errorf("uninvite: %v", v)
		}
	})
}

// Deactivate, activate and delete are keyed by email; only a deactivated user can be deleted.
func TestUserLifecycle(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		body := map[string]any{"user_email": "ADA@example.com"}
		c.apiError("DELETE", "/manage/admin/delete-user", body, http.StatusBadRequest, "", msgDeactivateFirst)
		c.apiError("PATCH", "/manage/admin/deactivate-user", map[string]any{"user_email": AdminEmail}, http.StatusBadRequest, "", msgCannotDeactivateSelf)
		c.apiError("PATCH", "/manage/admin/deactivate-user", map[string]any{"user_email": "x@example.com"}, http.StatusNotFound, "", msgUserNotFound)
		c.api("PATCH", "/manage/admin/deactivate-user", map[string]any{}, http.StatusUnprocessableEntity)
		for range 2 {
			if v := c.api("PATCH", "/manage/admin/deactivate-user", body, http.StatusOK); v != nil {
				t.Errorf("deactivate answers %v", v)
			}
		}
		page := c.api("GET", "/manage/users/accepted?is_active=false", nil, http.StatusOK)
		if !slices.Equal(emails(jget(page, "items")), []string{AdaEmail}) || jget(page, "total_items") != float64(1) {
			t.Errorf("inactive users %v", page)
		}
		c.api("PATCH", "/manage/admin/activate-user", body, http.StatusOK)
		c.api("PATCH", "/manage/admin/deactivate-user", body, http.StatusOK)
		c.api("DELETE", "/manage/admin/delete-user", body, http.StatusOK)
		c.apiError("DELETE", "/manage/admin/delete-user", body, http.StatusNotFound, "", msgUserNotFound)
		if got := emails(jget(c.group(float64(BasicGroupID)), "users")); !slices.Equal(got, []string{GraceEmail}) {
			t.Errorf("Basic after delete %v", got)
		}
	})
}

func TestSetUserRoleV46(t *testing.T) {
	c := newTester(t, Options{})
	set := func(email, role string, override bool, status int) {
		t.Helper()
		c.api("PATCH", "/manage/set-user-role", map[string]any{"user_email": email, "new_role": role, "explicit_override": override}, status)
	}
	set(AdaEmail, roleAdmin, false, http.StatusOK)
	set(AdaEmail, roleAdmin, false, http.StatusOK) // no-op
	set(AdaEmail, roleGlobalCurator, false, http.StatusOK)
	set(AdaEmail, roleCurator, false, http.StatusBadRequest)
	set(AdaEmail, roleLimited, false, http.StatusBadRequest)
	set(AdaEmail, roleSlackUser, false, http.StatusBadRequest)
	set(AdaEmail, roleLimited, true, http.StatusOK)
	set(AdaEmail, "owner", false, http.StatusUnprocessableEntity)
	set(AdminEmail, roleBasic, false, http.StatusBadRequest)
	set("x@example.com", roleBasic, false, http.StatusNotFound)
	if got := jget(c.api("GET", "/manage/users", nil, http.StatusOK), "accepted", 0, "role"); got != roleLimited {
		t.Errorf("role %v", got)
	}
	c.api("PATCH", "/manage/admin/users/admin-access", map[string]any{"user_email": AdaEmail, "is_admin": true}, http.StatusNotFound)
}

func TestAdminAccessCurrent(t *testing.T) {
	c := newTester(t, Options{Generation: GenerationCurrent})
	access := func(email string, on bool, status int) {
		t.Helper()
		c.api("PATCH", "/manage/admin/users/admin-access", map[string]any{"user_email": email, "is_admin": on}, status)
	}
	access(AdaEmail, true, http.StatusOK)
	if got := jget(c.api("GET", "/manage/users", nil, http.StatusOK), "accepted", 0); jget(got, "is_admin") != true || jget(got, "role") != nil {
		t.Errorf("snapshot %v", got)
	}
	if got := emails(jget(c.group(float64(AdminGroupID)), "users")); !slices.Equal(got, []string{AdaEmail, AdminEmail}) {
		t.Errorf("Admin group %v", got)
	}
	access(AdaEmail, false, http.StatusOK)
	access(AdaEmail, false, http.StatusOK)
	access(AdminEmail, false, http.StatusBadRequest)
	access("x@example.com", true, http.StatusNotFound)
	c.api("PATCH", "/manage/set-user-role", map[string]any{"user_email": AdaEmail, "new_role": roleAdmin}, http.StatusNotFound)
}

// /manage/users pages only when all three page parameters are given; /manage/users/accepted pages by
// page_num and page_size.
func TestUserPagination(t *testing.T) {
	c := newTester(t, Options{})
	var invites []string
	for i := range 12 {
		invites = append(invites, string(rune('a'+i))+"@example.com")
	}
	c.api("PUT", "/manage/admin/users", map[string]any{"emails": invites}, http.StatusOK)
	v := c.api("GET", "/manage/users?accepted_page=0&invited_page=1", nil, http.StatusOK)
	if len(jget(v, "invited").([]any)) != 12 || jget(v, "invited_pages") != float64(1) {
		t.Errorf("two page parameters page nothing: %v", jget(v, "invited_pages"))
	}
	v = c.api("GET", "/manage/users?accepted_page=0&slack_users_page=0&invited_page=1", nil, http.StatusOK)
	if got := emails(jget(v, "invited")); !slices.Equal(got, []string{"k@example.com", "l@example.com"}) || jget(v, "invited_pages") != float64(2) ||
		len(jget(v, "accepted").([]any)) != 3 || jget(v, "accepted_pages") != float64(1) || jget(v, "slack_users_pages") != float64(0) {
		t.Errorf("page 1: %v", v)
	}
	page := c.api("GET", "/manage/users/accepted?page_num=1&page_size=2", nil, http.StatusOK)
	if got := emails(jget(page, "items")); !slices.Equal(got, []string{GraceEmail}) || jget(page, "total_items") != float64(3) {
		t.Errorf("accepted page 1: %v", page)
	}
	c.api("GET", "/manage/users/accepted?page_size=1001", nil, http.StatusUnprocessableEntity)
	c.api("GET", "/manage/users?q=ADA", nil, http.StatusOK)
	if got := emails(jget(c.api("GET", "/manage/users?q=ADA", nil, http.StatusOK), "accepted")); !slices.Equal(got, []string{AdaEmail}) {
		t.Errorf("q filter %v", got)
	}
	if got := c.api("GET", "/users", nil, http.StatusOK).([]any); len(got) != 3 || jget(got, 0, "id") != AdaID {
		t.Errorf("/users %v", got)
	}
}
