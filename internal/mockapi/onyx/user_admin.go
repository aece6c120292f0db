package onyx

import (
	"net/http"
	"slices"
)

// targetUser reads {"user_email": …} and finds the user (case-insensitively); it has answered 404
// (or 422) when it returns nil.
func (s *Server) targetUser(w http.ResponseWriter, b *bodyReader) *user {
	email, _ := b.str("user_email", true)
	if !b.ok(w) {
		return nil
	}
	u := s.st.userByEmail(email)
	if u == nil {
		writeDetail(w, http.StatusNotFound, msgUserNotFound)
	}
	return u
}

func (s *Server) userByEmailBody(w http.ResponseWriter, r *http.Request) *user {
	b, ok := readBody(w, r)
	if !ok {
		return nil
	}
	return s.targetUser(w, b)
}

// deactivateUser is PATCH /manage/admin/deactivate-user; an inactive user is left as is.
func (s *Server) deactivateUser(w http.ResponseWriter, r *http.Request) {
	caller := s.caller(r)
	u := s.userByEmailBody(w, r)
	if u == nil {
		return
	}
	if caller != nil && caller.id == u.id {
		writeDetail(w, http.StatusBadRequest, msgCannotDeactivateSelf)
		return
	}
	if u.active {
		u.active = false
		u.updatedAt = s.Now()
	}
	writeNull(w)
}

// activateUser is PATCH /manage/admin/activate-user; an active user is left as is.
func (s *Server) activateUser(w http.ResponseWriter, r *http.Request) {
	u := s.userByEmailBody(w, r)
	if u == nil {
		return
	}
	if !u.active {
		u.active = true
		u.updatedAt = s.Now()
	}
	writeNull(w)
}

// deleteUser is DELETE /manage/admin/delete-user, with a JSON body. Only a deactivated user can be
// deleted; the row and its group edges go at once.
func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	u := s.userByEmailBody(w, r)
	if u == nil {
		return
	}
	if u.active {
		writeDetail(w, http.StatusBadRequest, msgDeactivateFirst)
		return
	}
	s.st.removeUser(u.id)
	writeNull(w)
}

// setUserRole is v4.6's PATCH /manage/set-user-role. Roles Onyx assigns by itself need
// explicit_override; an unchanged role is a no-op; an admin cannot demote themselves. (The refusal
// texts are inferred; the reference names the cases.)
func (s *Server) setUserRole(w http.ResponseWriter, r *http.Request) {
	caller := s.caller(r)
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	role, present := b.str("new_role", true)
	if present && !slices.Contains(userRoles, role) {
		b.fail("new_role", "enum", "Input should be 'limited', 'basic', 'admin', 'curator', 'global_curator', 'slack_user' or 'ext_perm_user'")
	}
	override := b.boolean("explicit_override", false)
	u := s.targetUser(w, b)
	if u == nil {
		return
	}
	switch {
	case u.role == role:
	case u.accountType != accountStandard:
		writeDetail(w, http.StatusBadRequest, "Cannot change the role of a "+u.accountType+" account.")
	case !override && role == roleCurator:
		writeDetail(w, http.StatusBadRequest, "Curator role must be set via the User Group Menu")
	case !override && (role == roleLimited || role == roleSlackUser || role == roleExtPermUser):
		writeDetail(w, http.StatusBadRequest, "A user cannot be set to the "+role+" role; Onyx assigns it automatically.")
	case caller != nil && caller.id == u.id && role != roleAdmin:
		writeDetail(w, http.StatusBadRequest, "An admin cannot demote themselves from admin role!")
	default:
		u.role = role
		u.updatedAt = s.Now()
	}
	if u.role == role {
		writeNull(w)
	}
}

// setAdminAccess is the current generation's PATCH /manage/admin/users/admin-access: it adds the
// user to, or removes them from, the Admin default group.
func (s *Server) setAdminAccess(w http.ResponseWriter, r *http.Request) {
	caller := s.caller(r)
	b, ok := readBody(w, r)
	if !ok {
		return
	}
	email, _ := b.str("user_email", true)
	isAdmin := b.boolean("is_admin", true)
	if !b.ok(w) {
		return
	}
	u := s.st.userByEmail(email)
	admin := s.st.defaultGroup(AdminGroupName)
	switch {
	case u == nil:
		s.writeOnyxError(w, http.StatusNotFound, codeNotFound, msgUserNotFound)
		return
	case u.accountType != accountStandard:
		s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "Only standard accounts can be given admin access; this is a "+u.accountType+" account.")
		return
	case admin == nil:
		s.writeOnyxError(w, http.StatusNotFound, codeNotFound, "User group not found")
		return
	}
	if isAdmin {
		if _, ok := admin.members[u.id]; !ok {
			admin.members[u.id] = false
		}
		writeNull(w)
		return
	}
	if _, ok := admin.members[u.id]; !ok {
		writeNull(w)
		return
	}
	keep := map[string]bool{}
	for id := range admin.members {
		if id != u.id {
			keep[id] = true
		}
	}
	switch {
	case caller != nil && caller.id == u.id:
		s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "You can't remove yourself from the admin group.")
	case !s.anyStandard(keep):
		s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "You can't remove the last admin.")
	default:
		delete(admin.members, u.id)
		writeNull(w)
	}
}
