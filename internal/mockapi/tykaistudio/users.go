package tykaistudio

import (
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// checkUserRules applies the service layer's rules to a create or update; except is the user being
// updated (0 on create). There is no required field and no email format check.
func (s *Server) checkUserRules(w http.ResponseWriter, f userFields, except uint32) bool {
	switch {
	case s.st.emailTaken(f.Email, except):
		writeError(w, http.StatusBadRequest, msgEmailInUse)
	case f.NotificationsEnabled && !f.IsAdmin:
		writeError(w, http.StatusBadRequest, msgNotificationsAdmin)
	case f.AccessToSSOConfig && !f.IsAdmin:
		writeError(w, http.StatusBadRequest, msgSSOConfigAdmin)
	default:
		for _, id := range f.Groups {
			if s.st.liveGroup(id) == nil {
				writeError(w, http.StatusBadRequest, msgGroupsNotFound)
				return false
			}
		}
		return true
	}
	return false
}

// applyUserFields overwrites every scalar: PATCH is a full replacement, so what the body leaves out
// becomes "" or false. The password is not touched here; only create sets it.
func applyUserFields(u *user, f userFields) {
	u.email, u.name = f.Email, f.Name
	u.isAdmin, u.showChat, u.showPortal = f.IsAdmin, f.ShowChat, f.ShowPortal
	u.emailVerified, u.notificationsEnabled, u.accessToSSOConfig = f.EmailVerified, f.NotificationsEnabled, f.AccessToSSOConfig
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	f, ok := readUserFields(w, r)
	if !ok || !s.checkUserRules(w, f, 0) {
		return
	}
	now := s.Now()
	u := &user{id: uint32(s.st.userIDs.Next()), password: f.Password, createdAt: now, updatedAt: now}
	applyUserFields(u, f)
	s.st.users.Put(u.id, u)

	// Every new user joins Default, appended after the requested groups unless already there.
	groups := append([]uint32(nil), f.Groups...)
	if def := s.st.defaultGroup(); def != nil && !containsID(groups, def.id) {
		groups = append(groups, def.id)
	}
	s.st.setUserGroups(u.id, groups)

	mockapi.WriteJSON(w, http.StatusCreated, map[string]any{"data": renderUserEcho(u, groups)})
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidUserID)
	if !ok {
		return
	}
	u := s.st.liveUser(id)
	if u == nil {
		writeError(w, http.StatusNotFound, msgUserNotFound)
		return
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": s.renderUserWithGroups(u)})
}

// patchUser loads the user without its groups, so the old set always counts as empty: an omitted
// or empty `groups` leaves memberships alone, a non-empty one replaces them exactly (Default is not
// re-added). The password in the body is ignored.
func (s *Server) patchUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidUserID)
	if !ok {
		return
	}
	f, ok := readUserFields(w, r)
	if !ok {
		return
	}
	u := s.st.liveUser(id)
	if u == nil {
		writeRecordNotFound(w)
		return
	}
	if !s.checkUserRules(w, f, u.id) {
		return
	}
	applyUserFields(u, f)
	u.updatedAt = s.Now()
	if len(f.Groups) > 0 {
		s.st.setUserGroups(u.id, f.Groups)
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": renderUserEcho(u, f.Groups)})
}

// deleteUser soft-deletes: the id is never reused, the email becomes free, the key stops working.
func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidUserID)
	if !ok {
		return
	}
	if id == superAdminID {
		writeError(w, http.StatusForbidden, msgSuperAdminUndelete)
		return
	}
	u := s.st.liveUser(id)
	if u == nil {
		writeRecordNotFound(w)
		return
	}
	s.softDeleteUser(u)
	mockapi.WriteNoContent(w)
}

// rollAPIKey replaces the key at once; the old one stops working. The answer has no groups.
func (s *Server) rollAPIKey(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidUserID)
	if !ok {
		return
	}
	u := s.st.liveUser(id)
	if u == nil {
		writeRecordNotFound(w)
		return
	}
	u.apiKey = newAPIKey()
	u.updatedAt = s.Now()
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": renderUser(u)})
}

// userGroups is GET /users/{id}/groups: names only, unpaginated.
func (s *Server) userGroups(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "id", msgInvalidUserID)
	if !ok {
		return
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": mockapi.Each(s.st.groupsOf(id), groupRef)})
}

// listUsers serves page/page_size/all/sort/search and exclude_group_id. List items carry no groups.
func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	search := q.Get("search")
	exclude, excluding := parseID(q.Get("exclude_group_id"))
	users := s.st.users.Select(func(u *user) bool {
		return u.live() && (search == "" || likeFold(u.email, search) || likeFold(u.name, search)) &&
			(!excluding || !s.st.members.Has(exclude, u.id))
	})
	if !sortBy(w, r, users, userColumns) {
		return
	}
	writePage(w, readPageParams(r), users, renderUser)
}

// softDeleteUser marks the row deleted: the id is never reused, the email becomes free, the key stops
// working.
func (s *Server) softDeleteUser(u *user) {
	now := s.Now()
	u.deletedAt = &now
}

func containsID(ids []uint32, id uint32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
