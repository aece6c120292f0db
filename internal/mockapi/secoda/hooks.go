package secoda

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const hookPrefix = mockapi.HookPrefix + "secoda/"

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
func (s *Server) hookRoutes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("DELETE "+hookPrefix+"groups/{id}", s.hookDeleteGroup)
	mux.HandleFunc("DELETE "+hookPrefix+"users/{id}", s.hookDeleteUser)
	mux.HandleFunc("PATCH "+hookPrefix+"groups/{id}", s.hookPatchGroup)
	mux.HandleFunc("PATCH "+hookPrefix+"users/{id}", s.hookPatchUser)
	mux.HandleFunc("POST "+hookPrefix+"users/{id}/accept", s.hookAccept)
	mux.HandleFunc("GET "+hookPrefix+"state", s.hookState)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mockapi.WriteHookError(w, http.StatusNotFound, "no mock hook at "+r.Method+" "+r.URL.Path)
	})
	return mux
}

// hookGroup and hookUser find the object of the {id} segment with s.mu held, or answer 404.
func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	id, _ := canonicalUUID(r.PathValue("id"))
	g := s.st.groups[id]
	if g == nil {
		mockapi.WriteHookError(w, http.StatusNotFound, "no group "+r.PathValue("id"))
	}
	return g
}

func (s *Server) hookUser(w http.ResponseWriter, r *http.Request) *user {
	id, _ := canonicalUUID(r.PathValue("id"))
	u := s.st.users[id]
	if u == nil {
		mockapi.WriteHookError(w, http.StatusNotFound, "no user "+r.PathValue("id"))
	}
	return u
}

func (s *Server) hookDeleteGroup(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g := s.hookGroup(w, r); g != nil {
		s.st.deleteGroup(g.id)
		mockapi.WriteNoContent(w)
	}
}

func (s *Server) hookDeleteUser(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.hookUser(w, r); u != nil {
		s.st.deleteUser(u.id)
		mockapi.WriteNoContent(w)
	}
}

type groupDrift struct {
	Name        *string   `json:"name"`
	Description *string   `json:"description"`
	Icon        *string   `json:"icon"`
	Users       *[]string `json:"users"`
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	var d groupDrift
	if !decodeHook(w, r, &d) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	var members []string
	if d.Users != nil {
		var err error
		if members, err = existingIDs(*d.Users, func(id string) bool { return s.st.users[id] != nil }); err != nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, "users: "+err.Error())
			return
		}
	}
	setIf(&g.name, d.Name)
	setIf(&g.description, d.Description)
	setIf(&g.icon, d.Icon)
	if d.Users != nil {
		s.st.setGroupUsers(g.id, members)
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
	if !decodeHook(w, r, &d) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.hookUser(w, r)
	if u == nil {
		return
	}
	var groups, teams []string
	var err error
	if d.UserGroups != nil {
		if groups, err = existingIDs(*d.UserGroups, func(id string) bool { return s.st.groups[id] != nil }); err != nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, "user_groups: "+err.Error())
			return
		}
	}
	if d.Teams != nil {
		if teams, err = existingIDs(*d.Teams, func(id string) bool { return s.st.teams[id] != nil }); err != nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, "teams: "+err.Error())
			return
		}
	}
	setIf(&u.firstName, d.FirstName)
	setIf(&u.lastName, d.LastName)
	setIf(&u.email, d.Email)
	setIf(&u.role, d.Role)
	setIf(&u.pending, d.Pending)
	setIf(&u.disabled, d.Disabled)
	if d.UserGroups != nil {
		s.st.setUserGroups(u.id, groups)
	}
	if d.Teams != nil {
		u.teams = setOf(teams)
	}
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
}

func (s *Server) hookAccept(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.hookUser(w, r); u != nil {
		now := s.clock()
		u.pending = false
		u.lastLogin = &now
		mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u))
	}
}

type stateJSON struct {
	Groups []string       `json:"groups"`
	Users  []string       `json:"users"`
	Counts map[string]int `json:"counts"`
}

// hookState summarises the state by natural keys, sorted, so a test can assert "no duplicate, no
// orphan" without knowing ids. Deactivated users are listed (they still exist) and counted apart.
func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := stateJSON{Groups: []string{}, Users: []string{}, Counts: map[string]int{}}
	for _, g := range s.st.groups {
		out.Groups = append(out.Groups, g.name)
	}
	for _, u := range s.st.users {
		out.Users = append(out.Users, u.email)
		switch {
		case u.disabled:
			out.Counts["disabled_users"]++
		case u.pending:
			out.Counts["pending_users"]++
		}
	}
	sort.Strings(out.Groups)
	sort.Strings(out.Users)
	out.Counts["groups"] = len(out.Groups)
	out.Counts["users"] = len(out.Users)
	out.Counts["teams"] = len(s.st.teams)
	mockapi.WriteJSON(w, http.StatusOK, out)
}

func decodeHook(w http.ResponseWriter, r *http.Request, out any) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(out); err != nil {
		mockapi.WriteHookError(w, http.StatusBadRequest, "body must be a JSON object of known fields: "+err.Error())
		return false
	}
	return true
}

// existingIDs canonicalises ids and checks that each names an object.
func existingIDs(ids []string, exists func(string) bool) ([]string, error) {
	out := make([]string, 0, len(ids))
	for _, raw := range ids {
		id, ok := canonicalUUID(raw)
		if !ok || !exists(id) {
			return nil, fmt.Errorf("%q names no object", raw)
		}
		out = append(out, id)
	}
	return out, nil
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
