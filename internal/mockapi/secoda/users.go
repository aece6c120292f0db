package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// userChanges is a validated user write; nil fields were not sent.
type userChanges struct {
	email, firstName, lastName, role *string
	teams, groups                    []string
	hasTeams, hasGroups              bool
}

// validateUser reads a user POST (an invite) or PATCH body. existing is nil on create. The schema marks
// everything optional, but an invite needs an address, so email is required on create. The role is
// accepted in any case and under `_role` too (the name of the model field, which leaks into one schema
// listing); guests must belong to a team.
func (s *Server) validateUser(b *mockapi.DRFBody, existing *user) (userChanges, bool) {
	var c userChanges
	if existing == nil {
		b.Require("email")
	}
	if email, ok := b.Str("email", mockapi.StrRule{}); ok {
		email = normalizeEmail(email)
		switch other := s.st.userByEmail(email); {
		case !validEmail(email):
			b.Errs.Add("email", msgInvalidEmail)
		case other != nil && other != existing:
			b.Errs.Add("email", msgEmailTaken)
		default:
			c.email = &email
		}
	}
	c.firstName = optStr(b, "first_name")
	c.lastName = optStr(b, "last_name")
	roleKey := "role"
	if !b.Has("role") && b.Has("_role") {
		roleKey = "_role"
	}
	if v, ok := b.Choice(roleKey, true, roles...); ok {
		c.role = &v
	}
	c.teams, c.hasTeams = uuidRefs(b, "teams", s.st.teams.Has)
	c.groups, c.hasGroups = uuidRefs(b, "user_groups", s.st.groups.Has)
	if len(b.Errs) > 0 {
		return c, false
	}

	role, teams := defaultRole, 0
	if existing != nil {
		role, teams = existing.role, len(existing.teams)
	}
	mockapi.SetIf(&role, c.role)
	if c.hasTeams {
		teams = len(c.teams)
	}
	if role == roleGuest && teams == 0 {
		b.Errs.Add("teams", msgGuestNeedsTeams)
	}
	return c, len(b.Errs) == 0
}

func (s *Server) applyUser(u *user, c userChanges) {
	mockapi.SetIf(&u.email, c.email)
	mockapi.SetIf(&u.firstName, c.firstName)
	mockapi.SetIf(&u.lastName, c.lastName)
	mockapi.SetIf(&u.role, c.role)
	if c.hasTeams {
		u.teams = mockapi.SetOf(c.teams)
	}
	if c.hasGroups {
		s.st.members.SetTo(u.id, c.groups)
	}
}

// createUser invites a member: the user exists at once, pending until the invitee first signs in.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request, _ string) {
	c, ok := mockapi.ReadValid(w, r, func(b *mockapi.DRFBody) (userChanges, bool) { return s.validateUser(b, nil) })
	if !ok {
		return
	}
	u := &user{id: mockapi.NewUUID(), role: defaultRole, pending: true}
	s.st.users.Put(u.id, u)
	s.applyUser(u, c)
	mockapi.WriteJSON(w, http.StatusCreated, s.st.renderUser(u))
}

// retrieveUser answers deactivated users too, with disabled=true: deactivation keeps the member.
func (s *Server) retrieveUser(w http.ResponseWriter, _ *http.Request, id string) {
	if u := byID(w, s.st.users, id); u != nil {
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
	}
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, id string) {
	u := byID(w, s.st.users, id)
	if u == nil {
		return
	}
	c, ok := mockapi.ReadValid(w, r, func(b *mockapi.DRFBody) (userChanges, bool) { return s.validateUser(b, u) })
	if !ok {
		return
	}
	s.applyUser(u, c)
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
}

// destroyUser removes the member for good (whether Secoda's DELETE removes or deactivates is
// undocumented; the PATCH hook's {"disabled": true} covers deactivation).
func (s *Server) destroyUser(w http.ResponseWriter, _ *http.Request, id string) {
	if u := byID(w, s.st.users, id); u != nil {
		s.st.deleteUser(u.id)
		mockapi.WriteNoContent(w)
	}
}

// listUsers lists every member, deactivated ones included, in the order they were invited.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.users.InOrder(), s.st.renderUser)
}
