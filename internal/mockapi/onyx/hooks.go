package onyx

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// hookRoutes are the mock-only routes for drift tests and for what the API cannot do (a person
// signing up). They need no token and skip the API's rules (a hook may delete a default group or
// change a syncing one), but refuse unknown keys and references to objects that do not exist, so a
// typo in a test fails loudly.
//
//	DELETE /__mock/onyx/groups/{id}              remove the group at once (no pending deletion)
//	PATCH  /__mock/onyx/groups/{id}              overwrite: name, members (emails), curators (emails),
//	                                             cc_pair_ids, is_up_to_date, incognito_enabled,
//	                                             permissions (the grants besides the system grant basic)
//	DELETE /__mock/onyx/users/{email}            remove the user (and memberships) or the invitation
//	PATCH  /__mock/onyx/users/{email}            overwrite: is_active, role, personal_name, is_admin
//	POST   /__mock/onyx/users/{email}/signup     the invited person signs up: a standard user appears,
//	                                             joins Basic; body {"personal_name": …} is optional
//	POST   /__mock/onyx/sync                     complete every pending sync now
//	GET    /__mock/onyx/state                    natural keys and counts
func (s *Server) registerHooks() {
	s.Hook("DELETE groups/{id}", mockapi.HookDelete(s.hookGroup, func(g *group) { s.st.groups.Delete(g.id) }))
	s.Hook("PATCH groups/{id}", s.hookPatchGroup)
	s.Hook("DELETE users/{email}", s.hookDeleteUser)
	s.Hook("PATCH users/{email}", s.hookPatchUser)
	s.Hook("POST users/{email}/signup", s.hookSignup)
	s.Hook("POST sync", func(w http.ResponseWriter, _ *http.Request) {
		mockapi.WriteJSON(w, http.StatusOK, map[string]int{"completed": s.settleAll()})
	})
	s.Hook("GET state", s.hookState)
}

func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	return mockapi.HookFind(w, r, "id", "group", func(raw string) *group {
		id, _ := strconv.Atoi(raw)
		return s.st.groups.Get(id)
	})
}

// usersByEmail maps emails to user ids, failing on any unknown one. It has answered when false.
func (s *Server) usersByEmail(w http.ResponseWriter, field string, emails []string) ([]string, bool) {
	ids := make([]string, 0, len(emails))
	for _, e := range emails {
		u := s.st.userByEmail(e)
		if u == nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, field+": no user "+e)
			return nil, false
		}
		ids = append(ids, u.id)
	}
	return ids, true
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	var (
		name              string
		members, curators []string
		ccPairs           []int
		upToDate          bool
		incognito         bool
		grants            []string
	)
	set, ok := mockapi.DecodeHookFields(w, r, map[string]any{
		"name": &name, "members": &members, "curators": &curators, "cc_pair_ids": &ccPairs, "is_up_to_date": &upToDate,
		"incognito_enabled": &incognito, "permissions": &grants,
	})
	if !ok {
		return
	}
	memberIDs, ok := s.usersByEmail(w, "members", members)
	if !ok {
		return
	}
	curatorIDs, ok := s.usersByEmail(w, "curators", curators)
	if !ok {
		return
	}
	if missing := s.unknownCCPairs(ccPairs); len(missing) > 0 {
		mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("cc_pair_ids: no pair %v", missing))
		return
	}
	for _, p := range grants {
		if _, ok := s.permissionValue([]byte(strconv.Quote(p))); !ok {
			mockapi.WriteHookError(w, http.StatusBadRequest, "permissions: no permission "+p)
			return
		}
	}
	if set["name"] {
		g.name = name
	}
	if set["members"] {
		before := g.members
		g.members = map[string]bool{}
		for _, id := range memberIDs {
			g.members[id] = before[id]
		}
	}
	if set["curators"] {
		for id := range g.members {
			g.members[id] = false
		}
		for _, id := range curatorIDs {
			g.members[id] = true
		}
	}
	if set["cc_pair_ids"] {
		g.ccPairs = map[int]bool{}
		for _, id := range ccPairs {
			g.ccPairs[id] = true
		}
	}
	if set["incognito_enabled"] {
		g.incognito = incognito
	}
	if set["permissions"] {
		g.grants = map[string]bool{permBasic: true}
		for _, p := range grants {
			g.grants[p] = true
		}
	}
	if set["is_up_to_date"] {
		g.upToDate = upToDate
		if !upToDate {
			s.startSync(g, s.Now().Add(max(s.syncDelay, 0)))
		}
	}
	mockapi.WriteJSON(w, http.StatusOK, s.renderGroup(g, false))
}

func (s *Server) hookDeleteUser(w http.ResponseWriter, r *http.Request) {
	email := r.PathValue("email")
	if u := s.st.userByEmail(email); u != nil {
		s.st.removeUser(u.id)
		mockapi.WriteNoContent(w)
		return
	}
	if stored, ok := s.st.invitation(email); ok {
		s.st.removeInvitation(stored)
		mockapi.WriteNoContent(w)
		return
	}
	mockapi.WriteHookError(w, http.StatusNotFound, "no user or invitation "+email)
}

func (s *Server) hookPatchUser(w http.ResponseWriter, r *http.Request) {
	u := s.st.userByEmail(r.PathValue("email"))
	if u == nil {
		mockapi.WriteHookError(w, http.StatusNotFound, "no user "+r.PathValue("email"))
		return
	}
	next := *u
	var isAdmin bool
	set, ok := mockapi.DecodeHookFields(w, r, map[string]any{
		"is_active": &next.active, "role": &next.role, "personal_name": &next.personalName, "is_admin": &isAdmin,
	})
	if !ok {
		return
	}
	next.updatedAt = s.Now()
	*u = next
	if admin := s.st.defaultGroup(AdminGroupName); set["is_admin"] && admin != nil {
		if _, in := admin.members[u.id]; isAdmin && !in {
			admin.members[u.id] = false
		} else if !isAdmin {
			delete(admin.members, u.id)
		}
	}
	mockapi.WriteJSON(w, http.StatusOK, s.renderFullUser(u))
}

// hookSignup plays the invited person signing up: the invitation goes, a standard, active, basic
// user appears in the Basic group.
func (s *Server) hookSignup(w http.ResponseWriter, r *http.Request) {
	stored, ok := s.st.invitation(r.PathValue("email"))
	if !ok {
		mockapi.WriteHookError(w, http.StatusNotFound, "no invitation for "+r.PathValue("email"))
		return
	}
	var name string
	if _, ok := mockapi.DecodeHookFields(w, r, map[string]any{"personal_name": &name}); !ok {
		return
	}
	now := s.Now()
	u := &user{id: mockapi.NewUUID(), email: stored, accountType: accountStandard, role: roleBasic, active: true, personalName: name,
		createdAt: now, updatedAt: now}
	s.st.users.Put(u.id, u)
	s.st.removeInvitation(stored)
	if basic := s.st.defaultGroup(BasicGroupName); basic != nil {
		basic.members[u.id] = false
	}
	mockapi.WriteJSON(w, http.StatusOK, s.renderFullUser(u))
}
