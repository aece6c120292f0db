package unleash

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// userPatch is what PATCH /__mock/unleash/users/{id} may overwrite; absent fields stay.
type userPatch struct {
	Name     *string `json:"name"`
	Email    *string `json:"email"`
	Username *string `json:"username"`
	RootRole *int    `json:"rootRole"`
}

func (s *Server) hookPatchUser(w http.ResponseWriter, r *http.Request) {
	var p userPatch
	if !mockapi.DecodeHook(w, r, &p) {
		return
	}
	u := s.hookUser(w, r)
	if u == nil {
		return
	}
	if p.RootRole != nil {
		if !s.st.isRootRole(*p.RootRole) {
			mockapi.WriteHookError(w, http.StatusBadRequest, "no root role with that id")
			return
		}
		u.rootRole = *p.RootRole
	}
	if p.Name != nil {
		u.name = *p.Name
	}
	if p.Email != nil {
		u.email = strings.ToLower(*p.Email)
	}
	if p.Username != nil {
		u.username = *p.Username
	}
	mockapi.WriteJSON(w, http.StatusOK, userJSON(u))
}

// groupPatch is what PATCH /__mock/unleash/groups/{id} may overwrite. RootRole is raw so that null can clear it.
type groupPatch struct {
	Name        *string         `json:"name"`
	Description *string         `json:"description"`
	MappingsSSO []string        `json:"mappingsSSO"`
	RootRole    json.RawMessage `json:"rootRole"`
	Users       []int           `json:"users"`
}

func (s *Server) hookPatchGroup(w http.ResponseWriter, r *http.Request) {
	var p groupPatch
	if !mockapi.DecodeHook(w, r, &p) {
		return
	}
	g := s.hookGroup(w, r)
	if g == nil {
		return
	}
	for _, id := range p.Users {
		if !s.st.users.Has(id) {
			mockapi.WriteHookError(w, http.StatusBadRequest, "users: no such user")
			return
		}
	}
	if len(p.RootRole) > 0 {
		var role *int
		if err := json.Unmarshal(p.RootRole, &role); err != nil {
			mockapi.WriteHookError(w, http.StatusBadRequest, "rootRole must be a role id or null")
			return
		}
		g.rootRole = role
	}
	if p.Name != nil {
		g.name = *p.Name
	}
	if p.Description != nil {
		g.description = p.Description
	}
	if p.MappingsSSO != nil {
		g.mappingsSSO = p.MappingsSSO
	}
	if p.Users != nil {
		now := s.clock()
		members := map[int]membership{}
		for _, id := range p.Users {
			if m, ok := g.members[id]; ok {
				members[id] = m
			} else {
				members[id] = membership{joinedAt: now, createdBy: "SSO"}
			}
		}
		g.members = members
	}
	mockapi.WriteJSON(w, http.StatusOK, s.groupJSON(g, true, false))
}
