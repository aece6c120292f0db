package secoda

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// userChanges is a validated user write; nil fields were not sent.
type userChanges struct {
	email      *string
	firstName  *string
	lastName   *string
	role       *string
	teams      []string
	hasTeams   bool
	groups     []string
	hasGroups  bool
	roleSentAs string // "role" or "_role", for the error key
}

// validateUser reads a user POST (an invite) or PATCH body. existing is nil on create. The schema marks
// everything optional, but an invite needs an address, so email is required on create. The role is
// accepted in any case and under `_role` too (the name of the model field, which leaks into one schema
// listing); guests must belong to a team.
func (s *Server) validateUser(b *body, existing *user) (userChanges, bool) {
	var c userChanges
	if existing == nil && !b.has("email") {
		b.errs.add("email", msgRequired)
	}
	if email, ok := b.str("email", false); ok {
		email = normalizeEmail(email)
		switch other := s.st.userByEmail(email); {
		case !validEmail(email):
			b.errs.add("email", msgInvalidEmail)
		case other != nil && other != existing:
			b.errs.add("email", msgEmailTaken)
		default:
			c.email = &email
		}
	}
	if v, ok := b.str("first_name", true); ok {
		c.firstName = &v
	}
	if v, ok := b.str("last_name", true); ok {
		c.lastName = &v
	}
	c.roleSentAs = "role"
	if !b.has("role") && b.has("_role") {
		c.roleSentAs = "_role"
	}
	if v, ok := b.choiceFold(c.roleSentAs, roles); ok {
		c.role = &v
	}
	c.teams, c.hasTeams = b.uuidRefs("teams", func(id string) bool { return s.st.teams[id] != nil })
	c.groups, c.hasGroups = b.uuidRefs("user_groups", func(id string) bool { return s.st.groups[id] != nil })
	if len(b.errs) > 0 {
		return c, false
	}

	role, teams := defaultRole, 0
	if existing != nil {
		role, teams = existing.role, len(existing.teams)
	}
	if c.role != nil {
		role = *c.role
	}
	if c.hasTeams {
		teams = len(c.teams)
	}
	if role == roleGuest && teams == 0 {
		b.errs.add("teams", msgGuestNeedsTeams)
	}
	return c, len(b.errs) == 0
}

func (s *Server) applyUser(u *user, c userChanges) {
	if c.email != nil {
		u.email = *c.email
	}
	if c.firstName != nil {
		u.firstName = *c.firstName
	}
	if c.lastName != nil {
		u.lastName = *c.lastName
	}
	if c.role != nil {
		u.role = *c.role
	}
	if c.hasTeams {
		u.teams = setOf(c.teams)
	}
	if c.hasGroups {
		s.st.setUserGroups(u.id, c.groups)
	}
}

// createUser invites a member: the user exists at once, pending until the invitee first signs in.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request, _ string) {
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	c, valid := s.validateUser(b, nil)
	if !valid {
		writeValidationErrors(w, b.errs)
		return
	}
	u := &user{id: newUUID(), role: defaultRole, pending: true}
	s.st.addUser(u)
	s.applyUser(u, c)
	mockapi.WriteJSON(w, http.StatusCreated, s.st.renderUser(u))
}

func (s *Server) userByID(w http.ResponseWriter, id string) *user {
	if canonical, ok := canonicalUUID(id); ok {
		if u := s.st.users[canonical]; u != nil {
			return u
		}
	}
	writeDetail(w, http.StatusNotFound, msgNotFound)
	return nil
}

// retrieveUser answers deactivated users too, with disabled=true: deactivation keeps the member.
func (s *Server) retrieveUser(w http.ResponseWriter, _ *http.Request, id string) {
	if u := s.userByID(w, id); u != nil {
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
	}
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, id string) {
	u := s.userByID(w, id)
	if u == nil {
		return
	}
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	c, valid := s.validateUser(b, u)
	if !valid {
		writeValidationErrors(w, b.errs)
		return
	}
	s.applyUser(u, c)
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
}

// destroyUser removes the member for good (whether Secoda's DELETE removes or deactivates is
// undocumented; the PATCH hook's {"disabled": true} covers deactivation).
func (s *Server) destroyUser(w http.ResponseWriter, _ *http.Request, id string) {
	if u := s.userByID(w, id); u != nil {
		s.st.deleteUser(u.id)
		mockapi.WriteNoContent(w)
	}
}

// listUsers lists every member, deactivated ones included, in the order they were invited.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, _ string) {
	writePage(w, r, s.st.sortedUsers(), func(u *user) any { return s.st.renderUser(u) })
}
