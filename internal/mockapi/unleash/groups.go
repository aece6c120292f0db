package unleash

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// groupJSON is groupSchema. Null descriptions read back as "", null SSO mappings as [] (the Group model's
// defaults); rootRole stays null when unset. withUsers adds the embedded members (GET only: writes answer
// without them), withProjects the projects list (the list endpoint only).
func (s *Server) groupJSON(g *group, withUsers, withProjects bool) map[string]any {
	description := ""
	if g.description != nil {
		description = *g.description
	}
	mappings := g.mappingsSSO
	if mappings == nil {
		mappings = []string{}
	}
	var rootRole any
	if g.rootRole != nil {
		rootRole = *g.rootRole
	}
	out := map[string]any{
		"id":          g.id,
		"name":        g.name,
		"description": description,
		"mappingsSSO": mappings,
		"rootRole":    rootRole,
		"createdBy":   g.createdBy,
		"createdAt":   formatTime(g.createdAt),
		"scimId":      nil,
	}
	if withUsers {
		members := s.st.users.Select(func(u *user) bool { _, ok := g.members[u.id]; return ok })
		out["users"] = mockapi.Each(members, func(u *user) map[string]any {
			m := g.members[u.id]
			return map[string]any{"user": userJSON(u), "joinedAt": formatTime(m.joinedAt), "createdBy": m.createdBy}
		})
	}
	if withProjects {
		out["projects"] = g.projects()
	}
	return out
}

func (s *Server) listGroups(w http.ResponseWriter, _ *http.Request, _ map[string]any) {
	groups := mockapi.Each(s.st.groups.InOrder(), func(g *group) map[string]any { return s.groupJSON(g, true, true) })
	writeJSON(w, http.StatusOK, map[string]any{"groups": groups})
}

func (s *Server) groupFromPath(w http.ResponseWriter, r *http.Request) *group {
	id, ok := pathID(r)
	if g := s.st.groups.Get(id); ok && g != nil {
		return g
	}
	notFound(w, "Could not find group with id "+r.PathValue("id"))
	return nil
}

func (s *Server) getGroup(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	if g := s.groupFromPath(w, r); g != nil {
		writeJSON(w, http.StatusOK, s.groupJSON(g, true, false))
	}
}

// groupWrite is a checked createGroupSchema body.
type groupWrite struct {
	name        string
	description *string
	mappingsSSO []string
	rootRole    *int
	users       []int
	hasUsers    bool
}

// parseGroupWrite applies createGroupSchema (name required; users items need user.id) and answers on error.
func parseGroupWrite(w http.ResponseWriter, body map[string]any) (groupWrite, bool) {
	var gw groupWrite
	var details []detail
	gw.name = requiredString(body, "name", &details)
	if v, present := body["description"]; present && v != nil {
		d, ok := v.(string)
		if !ok {
			details = append(details, wrongType("/body/description", "string", v))
		}
		gw.description = &d
	}
	if v, present := body["mappingsSSO"]; present {
		m, ok := stringList(v)
		if !ok {
			details = append(details, wrongType("/body/mappingsSSO", "array", v))
		}
		gw.mappingsSSO = m
	}
	if v, present := body["rootRole"]; present && v != nil {
		// rootRole || null: 0 clears the role, as a missing value does.
		if id, ok := intValue(v); !ok {
			details = append(details, wrongType("/body/rootRole", "number", v))
		} else if id != 0 {
			gw.rootRole = &id
		}
	}
	if v, present := body["users"]; present {
		gw.hasUsers = true
		items, ok := v.([]any)
		if !ok {
			details = append(details, wrongType("/body/users", "array", v))
		}
		for i, it := range items {
			obj, _ := it.(map[string]any)
			inner, _ := obj["user"].(map[string]any)
			id, ok := intValue(inner["id"])
			if !ok || id < 0 {
				details = append(details, requiredProperty(fmt.Sprintf("/body/users/%d/user/id", i)))
				continue
			}
			gw.users = append(gw.users, id)
		}
	}
	if len(details) > 0 {
		schemaError(w, details...)
		return gw, false
	}
	return gw, true
}

// checkGroupWrite is GroupService.validateGroup plus the foreign keys the store would break. existing is nil
// on create.
func (s *Server) checkGroupWrite(w http.ResponseWriter, gw groupWrite, existing *group) bool {
	if gw.name == "" {
		badData(w, "Group name cannot be empty")
		return false
	}
	if existing == nil || existing.name != gw.name {
		if s.st.groups.Find(func(g *group) bool { return g.name == gw.name }) != nil {
			writeServiceError(w, http.StatusConflict, "NameExistsError", "Group name already exists")
			return false
		}
	}
	if gw.rootRole != nil {
		if !s.st.isRootRole(*gw.rootRole) {
			badData(w, "Incorrect role id "+strconv.Itoa(*gw.rootRole))
			return false
		}
	}
	for _, id := range gw.users {
		if !s.st.users.Has(id) {
			badData(w, "Incorrect user id in the users group")
			return false
		}
	}
	return true
}

func (s *Server) createGroup(w http.ResponseWriter, _ *http.Request, body map[string]any) {
	gw, ok := parseGroupWrite(w, body)
	if !ok || !s.checkGroupWrite(w, gw, nil) {
		return
	}
	now := s.clock()
	g := &group{
		id: s.st.groupIDs.Next(), name: gw.name, description: gw.description, mappingsSSO: gw.mappingsSSO,
		rootRole: gw.rootRole, createdBy: createdByAdminAPI, createdAt: now, members: map[int]membership{},
		projectRoles: map[string]map[int]time.Time{},
	}
	for _, id := range gw.users {
		g.members[id] = membership{joinedAt: now, createdBy: createdByAdminAPI}
	}
	s.st.groups.Put(g.id, g)
	w.Header().Set("Location", "groups/"+strconv.Itoa(g.id))
	writeJSON(w, http.StatusCreated, s.groupJSON(g, false, false))
}

// updateGroup replaces every field and makes the members match users. The enterprise controller's answer to
// a PUT without users is unverified; the service would fail reading it, so the mock answers 500 (the client
// must always send users).
func (s *Server) updateGroup(w http.ResponseWriter, r *http.Request, body map[string]any) {
	gw, ok := parseGroupWrite(w, body)
	if !ok {
		return
	}
	g := s.groupFromPath(w, r)
	if g == nil || !s.checkGroupWrite(w, gw, g) {
		return
	}
	if !gw.hasUsers {
		unknownError(w, "Cannot read properties of undefined (reading 'some')")
		return
	}
	g.name, g.description, g.mappingsSSO, g.rootRole = gw.name, gw.description, gw.mappingsSSO, gw.rootRole
	want := map[int]bool{}
	now := s.clock()
	for _, id := range gw.users {
		want[id] = true
		if _, member := g.members[id]; !member {
			g.members[id] = membership{joinedAt: now, createdBy: createdByAdminAPI}
		}
	}
	for id := range g.members {
		if !want[id] {
			delete(g.members, id)
		}
	}
	writeJSON(w, http.StatusOK, s.groupJSON(g, false, false))
}

// deleteGroup answers 200 for a missing group too: the service returns early.
func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	if id, ok := pathID(r); ok {
		s.st.groups.Delete(id)
	}
	writeEmpty(w)
}
