package tykaistudio

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// hookRoutes are the mock-only routes for drift tests. They need no token and skip the API's rules
// (a hook may make a non-admin receive notifications, or delete the super admin), but they refuse
// unknown keys and references to objects that do not exist, so a typo in a test fails loudly.
//
//	DELETE /__mock/tyk_ai_studio/users/{id}       soft delete
//	DELETE /__mock/tyk_ai_studio/groups/{id}      soft delete (the Default group too)
//	PATCH  /__mock/tyk_ai_studio/users/{id}       overwrite the given attributes: email, name, password, is_admin, show_chat,
//	                                              show_portal, email_verified, notifications_enabled, access_to_sso_config,
//	                                              api_key, groups
//	PATCH  /__mock/tyk_ai_studio/groups/{id}      overwrite the given attributes: name, members, catalogues, data_catalogues,
//	                                              tool_catalogues
//	POST   /__mock/tyk_ai_studio/users/{id}/roll  roll the key out of band; answers {"api_key": ...}
//	GET    /__mock/tyk_ai_studio/state            edition, live group names and user emails, catalogue ids by kind, counts
func (s *Server) registerHooks() {
	s.Hook("DELETE users/{id}", mockapi.HookDelete(s.hookUser, s.softDeleteUser))
	s.Hook("DELETE groups/{id}", mockapi.HookDelete(s.hookGroup, s.softDeleteGroup))
	s.Hook("PATCH users/{id}", s.hookPatchUser)
	s.Hook("PATCH groups/{id}", s.hookPatchGroup)
	s.Hook("POST users/{id}/roll", s.hookRoll)
	s.Hook("GET state", s.hookState)
}

func (s *Server) hookUser(w http.ResponseWriter, r *http.Request) *user {
	return mockapi.HookFind(w, r, "id", "live user", func(raw string) *user {
		id, _ := parseID(raw)
		return s.st.liveUser(id)
	})
}

func (s *Server) hookGroup(w http.ResponseWriter, r *http.Request) *group {
	return mockapi.HookFind(w, r, "id", "live group", func(raw string) *group {
		id, _ := parseID(raw)
		return s.st.liveGroup(id)
	})
}

func (s *Server) hookRoll(w http.ResponseWriter, r *http.Request) {
	if u := s.hookUser(w, r); u != nil {
		u.apiKey = newAPIKey()
		mockapi.WriteJSON(w, http.StatusOK, map[string]string{"api_key": u.apiKey})
	}
}

func (s *Server) hookPatchUser(w http.ResponseWriter, r *http.Request) {
	u := s.hookUser(w, r)
	if u == nil {
		return
	}
	next := *u
	var groups []uint32
	set, ok := mockapi.DecodeHookFields(w, r, map[string]any{
		"email": &next.email, "name": &next.name, "password": &next.password, "is_admin": &next.isAdmin,
		"show_chat": &next.showChat, "show_portal": &next.showPortal, "email_verified": &next.emailVerified,
		"notifications_enabled": &next.notificationsEnabled, "access_to_sso_config": &next.accessToSSOConfig,
		"api_key": &next.apiKey, "groups": &groups,
	})
	if !ok {
		return
	}
	for _, id := range groups {
		if s.st.liveGroup(id) == nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("groups: no live group %d", id))
			return
		}
	}
	next.updatedAt = s.Now()
	*u = next
	if set["groups"] {
		s.st.setUserGroups(u.id, groups)
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": s.renderUserWithGroups(u)})
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	var f groupFields
	set, ok := mockapi.DecodeHookFields(w, r, map[string]any{
		"name": &f.Name, "members": &f.Members, "catalogues": &f.Catalogues,
		"data_catalogues": &f.DataCatalogues, "tool_catalogues": &f.ToolCatalogues,
	})
	if !ok {
		return
	}
	for _, id := range f.Members {
		if s.st.liveUser(id) == nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("members: no live user %d", id))
			return
		}
	}
	for _, k := range catalogueKinds {
		if missing := s.st.missingCatalogues(k, f.list(k)); len(missing) > 0 {
			mockapi.WriteHookError(w, http.StatusBadRequest, fmt.Sprintf("%s: no catalogue %v", k.attribute(), missing))
			return
		}
	}
	if set["name"] {
		g.name = f.Name
	}
	if set["members"] {
		s.st.members.SetOf(g.id, f.Members)
	}
	for _, k := range catalogueKinds {
		if set[k.attribute()] {
			g.lists[k] = mockapi.SetOf(f.list(k))
		}
	}
	mockapi.WriteJSON(w, http.StatusOK, map[string]any{"data": s.renderGroup(g, true)})
}

// stateJSON is what tests assert "no duplicates, no orphans, no phantoms" against. Only live
// objects count.
type stateJSON struct {
	Edition     Edition    `json:"edition"`
	Groups      stateNames `json:"groups"`
	Users       stateUsers `json:"users"`
	Memberships int        `json:"memberships"`
	KeyedUsers  int        `json:"users_with_api_key"`
	// Catalogues lists every catalogue id by kind ("catalogues", "data_catalogues",
	// "tool_catalogues"), so a test sees an empty one a group write created.
	Catalogues map[string][]uint32 `json:"catalogues"`
}

type stateNames struct {
	Count int      `json:"count"`
	Names []string `json:"names"`
}

type stateUsers struct {
	Count  int      `json:"count"`
	Emails []string `json:"emails"`
}

func (s *Server) hookState(w http.ResponseWriter, _ *http.Request) {
	out := stateJSON{Edition: s.edition, Groups: stateNames{Names: []string{}}, Users: stateUsers{Emails: []string{}}, Catalogues: map[string][]uint32{}}
	for _, k := range catalogueKinds {
		out.Catalogues[k.attribute()] = slices.Sorted(maps.Keys(s.st.catalogues[k]))
	}
	for _, g := range s.st.groups.Rows() {
		if g.live() {
			out.Groups.Names = append(out.Groups.Names, g.name)
			out.Memberships += len(s.st.liveMembers(g))
		}
	}
	for _, u := range s.st.users.Rows() {
		if u.live() {
			out.Users.Emails = append(out.Users.Emails, u.email)
			if u.apiKey != "" {
				out.KeyedUsers++
			}
		}
	}
	sort.Strings(out.Groups.Names)
	sort.Strings(out.Users.Emails)
	out.Groups.Count, out.Users.Count = len(out.Groups.Names), len(out.Users.Emails)
	mockapi.WriteJSON(w, http.StatusOK, out)
}
