package onyx

import (
	"net/http"
	"strings"
)

// caller resolves the request's key to a user: X-Onyx-Authorization is read first and wins over
// Authorization; "Bearer " is optional for API keys. The configured token is the seeded admin's
// key. An unknown key, or the key of a user who is no longer active, resolves to nil. Needs the lock held.
func (s *Server) caller(r *http.Request) *user {
	key := r.Header.Get("X-Onyx-Authorization")
	if key == "" {
		key = r.Header.Get("Authorization")
	}
	key = strings.TrimSpace(key)
	if rest, ok := strings.CutPrefix(key, "Bearer "); ok {
		key = strings.TrimSpace(rest)
	}
	var u *user
	switch key {
	case "":
	case s.AdminToken():
		u = s.st.users.Get(AdminID)
	default:
		for _, k := range s.st.keys.Rows() {
			if k.secret == key {
				u = s.st.users.Get(k.userID)
				break
			}
		}
	}
	if u == nil || !u.active {
		return nil
	}
	return u
}

// isAdmin: on v4.6 the role says it; on the current generation only membership of the Admin
// default group grants admin rights (the role column is dead).
func (s *Server) isAdmin(u *user) bool {
	if !s.current() {
		return u.role == roleAdmin
	}
	admin := s.st.defaultGroup(AdminGroupName)
	if admin == nil {
		return false
	}
	_, ok := admin.members[u.id]
	return ok
}

// isLimited: a v4.6 user with role limited, or on the current generation an API key's service
// account that is in no group (a key created with group_ids []).
func (s *Server) isLimited(u *user) bool {
	if !s.current() {
		return u.role == roleLimited
	}
	return u.serviceAccount() && len(s.st.groupsOf(u.id)) == 0
}

// authorize answers 403 and returns false when the caller may not use a route of that access.
// Onyx never answers 401 to a bad API key: fastapi-users resolves no user and current_user raises
// a 403.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, a access) bool {
	if a == public {
		return true
	}
	u := s.caller(r)
	switch {
	case u == nil:
		writeDetail(w, http.StatusForbidden, msgNotAuthenticated)
		return false
	case s.isLimited(u):
		writeDetail(w, http.StatusForbidden, msgLimited)
		return false
	case a == anyUser || s.isAdmin(u):
		return true
	case s.current():
		s.writeOnyxError(w, http.StatusForbidden, codeInsufficientPerms, msgInsufficient)
	case a == curatorRoute:
		writeDetail(w, http.StatusForbidden, msgNotCuratorOrAdmin)
	default:
		writeDetail(w, http.StatusForbidden, msgNotAdmin)
	}
	return false
}
