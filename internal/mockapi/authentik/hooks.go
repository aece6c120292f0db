package authentik

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// hookRoutes are the mock-only routes for drift and expiry tests. They need no token and skip the
// API's validation (a hook may, on purpose, create a duplicate name), but they refuse unknown keys
// and references to objects that do not exist, since the real database could never hold those.
//
//	DELETE /__mock/authentik/groups/{uuid}              delete, with the API's cascades
//	DELETE /__mock/authentik/users/{id}
//	DELETE /__mock/authentik/tokens/{identifier}
//	PATCH  /__mock/authentik/groups/{uuid}              overwrite fields: name, is_superuser, attributes, parents, roles, users
//	PATCH  /__mock/authentik/users/{id}                 overwrite fields: username, name, email, is_active, path, type, attributes, groups, roles
//	POST   /__mock/authentik/tokens/{identifier}/rotate new key, returned as {"key": ...}
//	POST   /__mock/authentik/tokens/{identifier}/expire expires one second ago (an expiring=false token still works, as in authentik)
//	POST   /__mock/authentik/expiry-job                 run the background cleanup now, as answered {"rotated": [...], "deleted": [...]}
//	GET    /__mock/authentik/state                      counts and natural keys of everything
func (s *Server) hookRoutes() {
	s.Hook("DELETE groups/{uuid}", mockapi.HookDelete(s.hookGroup, s.st.deleteGroup))
	s.Hook("DELETE users/{id}", mockapi.HookDelete(s.hookUser, s.st.deleteUser))
	s.Hook("DELETE tokens/{identifier}", mockapi.HookDelete(s.hookToken, s.st.deleteToken))
	s.Hook("PATCH groups/{uuid}", s.hookPatchGroup)
	s.Hook("PATCH users/{id}", s.hookPatchUser)
	s.Hook("POST tokens/{identifier}/rotate", func(w http.ResponseWriter, r *http.Request) {
		if t := s.hookToken(w, r); t != nil {
			t.key = newTokenKey()
			mockapi.WriteJSON(w, http.StatusOK, map[string]string{"key": t.key})
		}
	})
	s.Hook("POST tokens/{identifier}/expire", func(w http.ResponseWriter, r *http.Request) {
		if t := s.hookToken(w, r); t != nil {
			past := s.clock().Add(-time.Second)
			t.expires = &past
			mockapi.WriteJSON(w, http.StatusOK, map[string]any{"expires": formatTime(past), "expiring": t.expiring})
		}
	})
	s.Hook("POST expiry-job", func(w http.ResponseWriter, _ *http.Request) {
		rotated, deleted := s.expireTokens()
		mockapi.WriteJSON(w, http.StatusOK, map[string][]string{"rotated": rotated, "deleted": deleted})
	})
	s.Hook("GET state", s.hookState)
}

func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	return mockapi.HookFind(w, r, "uuid", "group", func(raw string) *group {
		uuid, _ := canonicalUUID(raw)
		return s.st.groups.Get(uuid)
	})
}

func (s *Server) hookUser(w http.ResponseWriter, r *http.Request) *user {
	return mockapi.HookFind(w, r, "id", "user", func(raw string) *user {
		pk, _ := strconv.Atoi(raw)
		return s.st.users.Get(pk)
	})
}

func (s *Server) hookToken(w http.ResponseWriter, r *http.Request) *token {
	return mockapi.HookFind(w, r, "identifier", "token", s.st.tokens.Get)
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	c := *g // decoded into a copy, so that a refused body changes nothing
	var attrs map[string]any
	var parents, roles []string
	var users []int
	set, ok := mockapi.DecodeHookFields(w, r, map[string]any{"name": &c.name, "is_superuser": &c.isSuperuser,
		"attributes": &attrs, "parents": &parents, "roles": &roles, "users": &users})
	if !ok || !s.hookRefs(w, "parents", &parents) || !s.hookRefs(w, "roles", &roles) || !s.hookUsers(w, users) {
		return
	}
	*g = c
	if set["attributes"] {
		g.attributes = compactObject(attrs)
	}
	if set["parents"] {
		g.parents = mockapi.SetOf(parents)
	}
	if set["roles"] {
		g.roles = mockapi.SetOf(roles)
	}
	if set["users"] {
		s.st.members.SetOf(g.uuid, users)
	}
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderGroup(g, groupFlags{users: true, parents: true, children: true}))
}

func (s *Server) hookPatchUser(w http.ResponseWriter, r *http.Request) {
	u := s.hookUser(w, r)
	if u == nil {
		return
	}
	c := *u // decoded into a copy, so that a refused body changes nothing
	var attrs map[string]any
	var groups, roles []string
	set, ok := mockapi.DecodeHookFields(w, r, map[string]any{"username": &c.username, "name": &c.name,
		"email": &c.email, "is_active": &c.isActive, "path": &c.path, "type": &c.userType,
		"attributes": &attrs, "groups": &groups, "roles": &roles})
	if !ok || !s.hookRefs(w, "groups", &groups) || !s.hookRefs(w, "roles", &roles) {
		return
	}
	*u = c
	if set["attributes"] {
		u.attributes = compactObject(attrs)
	}
	if set["groups"] {
		s.st.members.SetTo(u.pk, groups)
	}
	if set["roles"] {
		u.roles = mockapi.SetOf(roles)
	}
	u.lastUpdated = s.clock()
	mockapi.WriteJSON(w, http.StatusOK, s.st.renderUser(u, userFlags{groups: true, roles: true}))
}

// hookRefs canonicalises a hook's list of group or role uuids in place and refuses unknown ones:
// hooks skip validation, but the real database could never hold a link to a missing object. It has
// answered 400 when it returns false.
func (s *Server) hookRefs(w http.ResponseWriter, field string, refs *[]string) bool {
	kind, exists := "group", s.st.groups.Has
	if field == "roles" {
		kind, exists = "role", s.st.roles.Has
	}
	for i, ref := range *refs {
		uuid, ok := canonicalUUID(ref)
		if !ok || !exists(uuid) {
			mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("%s: no %s %s", field, kind, ref))
			return false
		}
		(*refs)[i] = uuid
	}
	return true
}

func (s *Server) hookUsers(w http.ResponseWriter, pks []int) bool {
	for _, pk := range pks {
		if !s.st.users.Has(pk) {
			mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("users: no user %d", pk))
			return false
		}
	}
	return true
}

func compactObject(m map[string]any) json.RawMessage {
	if m == nil {
		return emptyObject
	}
	b, _ := json.Marshal(m)
	return b
}

// stateJSON is what tests assert "no duplicates, no orphans" against: the natural keys are listed
// sorted, so a duplicate shows up as two equal neighbours.
type stateJSON struct {
	Groups struct {
		Count int      `json:"count"`
		Names []string `json:"names"`
	} `json:"groups"`
	Users struct {
		Count     int      `json:"count"`
		Usernames []string `json:"usernames"`
	} `json:"users"`
	Tokens struct {
		Count       int      `json:"count"`
		Identifiers []string `json:"identifiers"`
	} `json:"tokens"`
	Memberships int        `json:"memberships"`
	Roles       []roleJSON `json:"roles"`
}

func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	var out stateJSON
	out.Groups.Count = s.st.groups.Len()
	out.Groups.Names = mockapi.SortedNames(s.st.groups.Rows(), func(g *group) string { return g.name })
	out.Users.Count = s.st.users.Len()
	out.Users.Usernames = mockapi.SortedNames(s.st.users.Rows(), func(u *user) string { return u.username })
	out.Tokens.Count = s.st.tokens.Len()
	out.Tokens.Identifiers = mockapi.SortedNames(s.st.tokens.Rows(), func(t *token) string { return t.identifier })
	out.Memberships = s.st.members.Len()
	out.Roles = roleObjs(sortRoles(s.st.roles.InOrder()))
	mockapi.WriteJSON(w, http.StatusOK, out)
}
