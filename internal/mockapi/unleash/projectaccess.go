package unleash

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Project access of groups (Enterprise): the group_role rows the OSS access store keeps, served by the
// enterprise project-access controller. The controller is closed source: its shapes come from the enterprise
// OpenAPI document (projectAccessSchema, setRolesForGroup, removeGroupAccess), the UI's calls (PUT
// {"roles": [ids]}) and the OSS services it calls (AccessService.getProjectRoleAccess,
// AccessStore.setProjectRolesForGroup and removeGroupAccess).

// projects lists the projects a group has any role in (GroupStore.getGroupProjects: distinct, here sorted).
func (g *group) projects() []string {
	return append([]string{}, slices.Sorted(maps.Keys(g.projectRoles))...) // [], never null
}

// projectAccess is getProjectRoleAccess: every project role (whatever the project), and the groups holding
// roles in this project with those roles. The service does not look the project up, so an unknown project
// reads as one nobody has access to. The mock keeps no user project roles: users is empty.
func (s *Server) projectAccess(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	project := r.PathValue("project")
	groups := []map[string]any{}
	for _, g := range s.st.groups.InOrder() {
		rows := g.projectRoles[project]
		if len(rows) == 0 {
			continue
		}
		ids := slices.Sorted(maps.Keys(rows))
		out := s.groupJSON(g, true, false)
		out["addedAt"] = formatTime(rows[ids[0]])
		out["roleId"] = ids[0]
		out["roles"] = ids
		groups = append(groups, out)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"roles":  mockapi.Each(s.st.projectRoles(), roleJSON),
		"users":  []any{},
		"groups": groups,
	})
}

// accessTarget finds the project and the group a project-access route names, answering 404 for either.
func (s *Server) accessTarget(w http.ResponseWriter, r *http.Request) (string, *group) {
	project := r.PathValue("project")
	if !s.st.projects[project] {
		notFound(w, "Could not find project with id "+project)
		return "", nil
	}
	g := s.groupFromPath(w, r)
	return project, g
}

// setGroupProjectRoles is setRolesForGroup: the group's roles in the project become exactly the ones sent.
// Like AccessStore.setProjectRolesForGroup, ids that are not project roles (unknown ones, root roles) are
// dropped without a word; an empty list removes the group from the project.
func (s *Server) setGroupProjectRoles(w http.ResponseWriter, r *http.Request, body map[string]any) {
	roles, ok := parseRoleIDs(w, body)
	if !ok {
		return
	}
	project, g := s.accessTarget(w, r)
	if g == nil {
		return
	}
	valid := map[int]bool{}
	for _, pr := range s.st.projectRoles() {
		valid[pr.id] = true
	}
	before := g.projectRoles[project]
	rows := map[int]time.Time{}
	now := s.clock()
	for _, id := range roles {
		if !valid[id] {
			continue
		}
		if at, kept := before[id]; kept {
			rows[id] = at
		} else {
			rows[id] = now
		}
	}
	switch {
	case len(rows) == 0:
		delete(g.projectRoles, project)
	case g.projectRoles == nil:
		g.projectRoles = map[string]map[int]time.Time{project: rows}
	default:
		g.projectRoles[project] = rows
	}
	writeEmpty(w)
}

// removeGroupProjectAccess is removeGroupAccess: every role of the group in the project goes. A group with
// none is no error.
func (s *Server) removeGroupProjectAccess(w http.ResponseWriter, r *http.Request, _ map[string]any) {
	project, g := s.accessTarget(w, r)
	if g == nil {
		return
	}
	delete(g.projectRoles, project)
	writeEmpty(w)
}

// parseRoleIDs applies the request schema: roles, an array of integers, is required.
func parseRoleIDs(w http.ResponseWriter, body map[string]any) ([]int, bool) {
	v, present := body["roles"]
	if !present {
		schemaError(w, requiredProperty("/body/roles"))
		return nil, false
	}
	items, ok := v.([]any)
	if !ok {
		schemaError(w, wrongType("/body/roles", "array", v))
		return nil, false
	}
	ids := make([]int, 0, len(items))
	for i, it := range items {
		id, ok := intValue(it)
		if !ok {
			schemaError(w, wrongType(fmt.Sprintf("/body/roles/%d", i), "integer", it))
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, true
}

// hookPutProject creates a project, as POST /api/admin/projects does on Enterprise (the open-source edition
// has only default; the mock serves no project routes).
func (s *Server) hookPutProject(w http.ResponseWriter, r *http.Request) {
	s.st.projects[r.PathValue("id")] = true
	mockapi.WriteNoContent(w)
}
