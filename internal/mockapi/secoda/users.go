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
func (s *Server) validateUser(b *mockapi.DRFBody, existing *user, _ mockapi.WriteMode, _ string) (userChanges, bool) {
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

func (s *Server) applyUser(u *user, c userChanges, _ mockapi.WriteMode) {
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

// users is the view of /user/; create invites a member, who exists at once, pending until the
// invitee first signs in. Deactivated users are answered too, with disabled=true: deactivation keeps
// the member. Whether Secoda's DELETE removes or deactivates is undocumented; here it removes for good
// (the PATCH hook's {"disabled": true} covers deactivation).
func (s *Server) users() mockapi.ModelView[string, *user, userChanges] {
	return mockapi.ModelView[string, *user, userChanges]{
		Find:     func(w http.ResponseWriter, _ *http.Request, id string) *user { return byID(w, s.st.users, id) },
		Validate: s.validateUser,
		New: func(c userChanges, _ string) *user {
			u := &user{id: mockapi.NewUUID(), role: defaultRole, pending: true}
			s.st.users.Put(u.id, u)
			s.applyUser(u, c, mockapi.ModeCreate)
			return u
		},
		Apply:  s.applyUser,
		Render: func(_ *http.Request, u *user) any { return s.st.renderUser(u) },
		Delete: s.st.deleteUser,
	}
}

// listUsers lists every member, deactivated ones included, in the order they were invited.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.users.InOrder(), s.st.renderUser)
}
