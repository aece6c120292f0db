package secoda

import (
	"fmt"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// hookRoutes are the mock-only routes that change state behind a client's back (no auth, not logged,
// never faulted, never rate limited):
//
//	DELETE /__mock/secoda/groups/{id}        delete with the API's cascades
//	DELETE /__mock/secoda/users/{id}
//	PATCH  /__mock/secoda/groups/{id}        overwrite fields without the API's validation:
//	                                         name, description, icon, users
//	PATCH  /__mock/secoda/users/{id}         first_name, last_name, email, role, pending, disabled,
//	                                         user_groups, teams
//	POST   /__mock/secoda/users/{id}/accept  the invitee signs in: pending=false, last_login=now
//	GET    /__mock/secoda/state              {"groups": [names], "users": [emails], "counts": {...}}
//
// Unknown keys in a PATCH body are refused, so a misspelled drift is a failing test, not a no-op.
// Membership lists must name existing objects: the relation is kept symmetric even here.
func (s *Server) hookRoutes() {
	s.Hook("DELETE groups/{id}", mockapi.HookDelete(s.hookGroup, s.st.deleteGroup))
	s.Hook("DELETE users/{id}", mockapi.HookDelete(s.hookUser, s.st.deleteUser))
	s.Hook("PATCH groups/{id}", s.hookPatchGroup)
	s.Hook("PATCH users/{id}", s.hookPatchUser)
	s.Hook("POST users/{id}/accept", func(w http.ResponseWriter, r *http.Request) {
		if u := s.hookUser(w, r); u != nil {
			now := s.clock()
			u.pending = false
			u.lastLogin = &now
			mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
		}
	})
	s.Hook("GET state", s.hookState)
}

func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	return mockapi.HookFind(w, r, "id", "group", func(raw string) *group { return s.st.groups.Get(canonical(raw)) })
}

func (s *Server) hookUser(w http.ResponseWriter, r *http.Request) *user {
	return mockapi.HookFind(w, r, "id", "user", func(raw string) *user { return s.st.users.Get(canonical(raw)) })
}

func canonical(raw string) string {
	id, _ := mockapi.CanonicalUUID(raw)
	return id
}

type groupDrift struct {
	Name        *string   `json:"name"`
	Description *string   `json:"description"`
	Icon        *string   `json:"icon"`
	Users       *[]string `json:"users"`
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	var d groupDrift
	if !mockapi.DecodeHook(w, r, &d) {
		return
	}
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	members, ok := existingIDs(w, "users", d.Users, s.st.users.Has)
	if !ok {
		return
	}
	mockapi.SetIf(&g.name, d.Name)
	mockapi.SetIf(&g.description, d.Description)
	mockapi.SetIf(&g.icon, d.Icon)
	if d.Users != nil {
		s.st.members.SetOf(g.id, members)
	}
	g.updatedAt = s.clock()
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g))
}

type userDrift struct {
	FirstName  *string   `json:"first_name"`
	LastName   *string   `json:"last_name"`
	Email      *string   `json:"email"`
	Role       *string   `json:"role"`
	Pending    *bool     `json:"pending"`
	Disabled   *bool     `json:"disabled"`
	UserGroups *[]string `json:"user_groups"`
	Teams      *[]string `json:"teams"`
}

func (s *Server) hookPatchUser(w http.ResponseWriter, r *http.Request) {
	var d userDrift
	if !mockapi.DecodeHook(w, r, &d) {
		return
	}
	u := s.hookUser(w, r)
	if u == nil {
		return
	}
	groups, ok := existingIDs(w, "user_groups", d.UserGroups, s.st.groups.Has)
	if !ok {
		return
	}
	teams, ok := existingIDs(w, "teams", d.Teams, s.st.teams.Has)
	if !ok {
		return
	}
	mockapi.SetIf(&u.firstName, d.FirstName)
	mockapi.SetIf(&u.lastName, d.LastName)
	mockapi.SetIf(&u.email, d.Email)
	mockapi.SetIf(&u.role, d.Role)
	mockapi.SetIf(&u.pending, d.Pending)
	mockapi.SetIf(&u.disabled, d.Disabled)
	if d.UserGroups != nil {
		s.st.members.SetTo(u.id, groups)
	}
	if d.Teams != nil {
		u.teams = mockapi.SetOf(teams)
	}
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
}

type stateJSON struct {
	Groups []string       `json:"groups"`
	Users  []string       `json:"users"`
	Counts map[string]int `json:"counts"`
}

// hookState summarises the state by natural keys, sorted, so a test can assert "no duplicate, no
// orphan" without knowing ids. Deactivated users are listed (they still exist) and counted apart.
func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	out := stateJSON{
		Groups: mockapi.SortedNames(s.st.groups.Rows(), func(g *group) string { return g.name }),
		Users:  mockapi.SortedNames(s.st.users.Rows(), func(u *user) string { return u.email }),
		Counts: map[string]int{"groups": s.st.groups.Len(), "users": s.st.users.Len(), "teams": s.st.teams.Len()},
	}
	for _, u := range s.st.users.Rows() {
		switch {
		case u.disabled:
			out.Counts["disabled_users"]++
		case u.pending:
			out.Counts["pending_users"]++
		}
	}
	mockapi.WriteJSON(w, http.StatusOK, out)
}

// existingIDs canonicalises the ids of a hook's list (nil: not sent) and checks that each names an
// object; it has answered 400 when it returns false.
func existingIDs(w http.ResponseWriter, field string, ids *[]string, exists func(string) bool) ([]string, bool) {
	if ids == nil {
		return nil, true
	}
	out := make([]string, 0, len(*ids))
	for _, raw := range *ids {
		id, ok := mockapi.CanonicalUUID(raw)
		if !ok || !exists(id) {
			mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("%s: %q names no object", field, raw))
			return nil, false
		}
		out = append(out, id)
	}
	return out, true
}
