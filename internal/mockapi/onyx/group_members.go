package onyx

import (
	"net/http"
	"sort"
	"strings"
)

// checkNewMembers refuses unknown user ids (404) and, on the current generation, accounts that can
// never be in a group (400). It has answered when it returns false.
func (s *Server) checkNewMembers(w http.ResponseWriter, ids []string) bool {
	if missing := s.unknownUsers(ids); len(missing) > 0 {
		s.writeOnyxError(w, http.StatusNotFound, codeNotFound, "User(s) not found: "+strings.Join(missing, ", "))
		return false
	}
	if !s.current() {
		return true
	}
	var refused []string
	for _, id := range ids {
		switch u := s.st.users.Get(id); u.accountType {
		case accountBot, accountExtPermUser, accountAnonymous:
			refused = append(refused, u.email+" ("+u.accountType+")")
		}
	}
	if len(refused) > 0 {
		s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "These accounts can't join a group: "+strings.Join(refused, ", "))
		return false
	}
	return true
}

// checkRemovals applies the current generation's guards on members leaving g (keep are the ids that
// stay): nobody may lose the Admin group if that leaves no admin or if it is the caller, and no
// standard user may be left in no group at all. It has answered when it returns false.
func (s *Server) checkRemovals(w http.ResponseWriter, r *http.Request, g *group, keep map[string]bool) bool {
	if !s.current() {
		return true
	}
	var removed []*user
	for id := range g.members {
		if u := s.st.users.Get(id); u != nil && !keep[id] {
			removed = append(removed, u)
		}
	}
	if len(removed) == 0 {
		return true
	}
	if g.isDefault && g.name == AdminGroupName {
		if caller := s.caller(r); caller != nil && !keep[caller.id] {
			s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "You can't remove yourself from the admin group.")
			return false
		}
		if !s.anyStandard(keep) {
			s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, "You can't remove the last admin.")
			return false
		}
	}
	var stranded []string
	for _, u := range removed {
		if u.accountType != accountStandard {
			continue
		}
		others := 0
		for _, other := range s.st.groupsOf(u.id) {
			if other != g {
				others++
			}
		}
		if others == 0 {
			stranded = append(stranded, u.email)
		}
	}
	if len(stranded) > 0 {
		sort.Strings(stranded)
		s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput,
			strings.Join(stranded, ", ")+" would be left without a group. Add them to another group first.")
		return false
	}
	return true
}

func (s *Server) anyStandard(ids map[string]bool) bool {
	for id := range ids {
		if u := s.st.users.Get(id); u != nil && u.accountType == accountStandard && u.active {
			return true
		}
	}
	return false
}

// setCurator is v4.6's POST …/{id}/set-curator. Its ValueErrors come back as 404 {"detail"}.
func (s *Server) setCurator(w http.ResponseWriter, r *http.Request) {
	s.setGroupManager(w, r, "is_curator")
}

// setManager is the current generation's PUT …/{id}/manager. The target must already be a member;
// the call is idempotent and answers null.
func (s *Server) setManager(w http.ResponseWriter, r *http.Request) {
	s.setGroupManager(w, r, "is_manager")
}

func (s *Server) setGroupManager(w http.ResponseWriter, r *http.Request, flag string) {
	id, b, ok := pathBody(w, r)
	if !ok {
		return
	}
	userID := b.uuid("user_id", true)
	on := b.boolean(flag, true)
	if !b.ok(w) {
		return
	}
	g := s.st.groups.Get(id)
	switch {
	case g == nil:
		s.writeOnyxError(w, http.StatusNotFound, codeNotFound, msgGroupNotFound(id))
		return
	case s.current() && g.isDefault:
		s.writeOnyxError(w, http.StatusConflict, codeConflict, msgManagerDefault)
		return
	}
	if _, member := g.members[userID]; !member {
		if s.current() {
			s.writeOnyxError(w, http.StatusBadRequest, codeInvalidInput, msgNotMember(userID, id))
		} else {
			writeDetail(w, http.StatusNotFound, msgNotMember(userID, id))
		}
		return
	}
	g.members[userID] = on
	s.recomputeCuratorRole(userID)
	writeNull(w)
}

// recomputeCuratorRole keeps v4.6's role in step with curatorship: a basic user who curates a group
// becomes curator, a curator who curates none goes back to basic. This is inferred from v4.x's
// curator handling (the reference does not spell it out); the current generation has no roles.
func (s *Server) recomputeCuratorRole(userID string) {
	u := s.st.users.Get(userID)
	if s.current() || u == nil {
		return
	}
	curates := false
	for _, g := range s.st.groupsOf(userID) {
		if g.members[userID] {
			curates = true
		}
	}
	switch {
	case curates && u.role == roleBasic:
		u.role = roleCurator
	case !curates && u.role == roleCurator:
		u.role = roleBasic
	}
}
