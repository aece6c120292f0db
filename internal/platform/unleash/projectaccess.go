package unleash

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A group's roles in projects (Enterprise). Unleash keeps them per group and project: PUT
// /api/admin/projects/{project}/groups/{group}/roles sets one group's roles in one project (other groups and
// users keep theirs), DELETE removes them. No read answers per group: the group list names the projects
// each group is in, and a project's access read gives the roles of every group there and the catalogue of
// project roles. Both are read once per process (platform.Snapshot) and kept up to date with this process's
// own writes, so refreshing N groups costs one list and one read per project, whatever N.

const projectsPath = "/api/admin/projects"

func projectAccessPath(project string) string {
	return projectsPath + "/" + url.PathEscape(project) + "/access"
}

func groupProjectRolesPath(project string, group int) string {
	return projectsPath + "/" + url.PathEscape(project) + "/groups/" + strconv.Itoa(group) + "/roles"
}

// projectAccess is this process's view of project access.
type projectAccess struct {
	// groups holds each group's projects, from the group list.
	groups *platform.Snapshot[int, groupProjectsWire]

	mu sync.Mutex
	// projects holds, per project, the groups with roles there and their roles.
	projects map[string]*platform.Snapshot[int, accessGroupWire]
	// roles is the catalogue of project roles, from the first access answer (every project lists them all).
	roles []projectRoleWire
}

func newProjectAccess() *projectAccess {
	return &projectAccess{
		groups:   platform.NewSnapshot(func(w groupProjectsWire) int { return w.ID }),
		projects: map[string]*platform.Snapshot[int, accessGroupWire]{},
	}
}

func (a *projectAccess) project(p string) *platform.Snapshot[int, accessGroupWire] {
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.projects[p]
	if !ok {
		s = platform.NewSnapshot(func(w accessGroupWire) int { return w.ID })
		a.projects[p] = s
	}
	return s
}

func (a *projectAccess) catalogue() []projectRoleWire {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.roles
}

// forget drops what this process knew of a group (deleted) from every kept answer.
func (a *projectAccess) forget(id int) {
	a.groups.Remove(id)
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, s := range a.projects {
		s.Remove(id)
	}
}

func (c *Client) loadGroupProjects(ctx context.Context) ([]groupProjectsWire, error) {
	var w groupProjectsList
	if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodGet, Path: groupsPath}, &w); err != nil {
		return nil, err
	}
	return w.Groups, nil
}

func (c *Client) accessLoader(project string) func(context.Context) ([]accessGroupWire, error) {
	return func(ctx context.Context) ([]accessGroupWire, error) {
		var w accessWire
		if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodGet, Path: projectAccessPath(project)}, &w); err != nil {
			return nil, err
		}
		c.access.mu.Lock()
		if c.access.roles == nil {
			c.access.roles = append([]projectRoleWire{}, w.Roles...)
		}
		c.access.mu.Unlock()
		return w.Groups, nil
	}
}

// ReadGroupDetails implements platform.GroupDetailReader: g's roles in every project it has any in, read
// where tracked manages project roles or tracked is nil, unless g carries them from the write that returned it.
func (c *Client) ReadGroupDetails(ctx context.Context, g platform.Group, tracked platform.Extra) (platform.Group, error) {
	imported := tracked == nil
	have, _ := g.Extra.(GroupExtra)
	want, _ := platform.ExtraAs[GroupExtra](tracked) // another platform's fields track nothing here
	if have.ProjectRoles != nil || (!imported && want.ProjectRoles == nil) {
		return g, nil
	}
	id, err := parseNumericID("group", g.ID)
	if err != nil {
		return g, err
	}
	entry, _, err := c.access.groups.Find(ctx, c.loadGroupProjects, id)
	if err != nil {
		return g, err
	}
	roles := map[string][]string{}
	for _, project := range entry.Projects {
		row, found, err := c.access.project(project).Find(ctx, c.accessLoader(project), id)
		if err != nil {
			return g, err
		}
		if found && len(row.Roles) > 0 {
			roles[project] = c.roleNames(row.Roles)
		}
	}
	if imported && len(roles) == 0 {
		return g, nil
	}
	extra, _ := g.Extra.(GroupExtra)
	extra.ProjectRoles = roles
	g.Extra = extra
	return g, nil
}

// roleNames names role ids from the catalogue (an id it lacks stays a number), sorted.
func (c *Client) roleNames(ids []int) []string {
	catalogue := c.access.catalogue()
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		name := strconv.Itoa(id)
		for _, r := range catalogue {
			if r.ID == id {
				name = r.Name
			}
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// resolveProjectRoles turns the wanted role names into ids, with the catalogue read (once) from the first
// project's access. Unleash drops ids that are not project roles without a word, so names are checked here.
func (c *Client) resolveProjectRoles(ctx context.Context, want map[string][]string) (map[string][]int, error) {
	out := make(map[string][]int, len(want))
	for _, project := range slices.Sorted(maps.Keys(want)) {
		if c.access.catalogue() == nil {
			if _, err := c.access.project(project).All(ctx, c.accessLoader(project)); err != nil {
				return nil, err
			}
		}
		ids := make([]int, 0, len(want[project]))
		for _, name := range want[project] {
			id, err := projectRoleID(c.access.catalogue(), name)
			if err != nil {
				return nil, platform.InvalidField(fieldProjectRoles, fmt.Sprintf("project %q: %v", project, err))
			}
			ids = append(ids, id)
		}
		slices.Sort(ids)
		out[project] = slices.Compact(ids)
	}
	return out, nil
}

// projectRoleID finds a project role by its exact name, as Unleash spells it (names are case-sensitive, as
// for root roles).
func projectRoleID(catalogue []projectRoleWire, name string) (int, error) {
	names := make([]string, 0, len(catalogue))
	hint := ""
	for _, r := range catalogue {
		if r.Name == name {
			return r.ID, nil
		}
		if strings.EqualFold(r.Name, name) {
			hint = fmt.Sprintf(" (did you mean %q? Unleash role names are case-sensitive)", r.Name)
		}
		names = append(names, r.Name)
	}
	return 0, fmt.Errorf("%q is not a project role of this Unleash; it has %s%s", name, strings.Join(names, ", "), hint)
}

// writeProjectRoles makes the group's project roles match want: a PUT per wanted project, a DELETE for each
// project the group is in but want leaves out. isNew skips reading the group's current projects. It
// returns the roles as Unleash names them.
func (c *Client) writeProjectRoles(ctx context.Context, id int, want map[string][]string, isNew bool) (map[string][]string, error) {
	ids, err := c.resolveProjectRoles(ctx, want)
	if err != nil {
		return nil, err
	}
	var current []string
	if !isNew {
		entry, _, err := c.access.groups.Find(ctx, c.loadGroupProjects, id)
		if err != nil {
			return nil, err
		}
		current = entry.Projects
	}
	got := make(map[string][]string, len(ids))
	for _, project := range slices.Sorted(maps.Keys(ids)) {
		got[project] = c.roleNames(ids[project])
		if same, err := c.holdsRoles(ctx, project, id, ids[project], current); err != nil || same {
			if err != nil {
				return nil, err
			}
			continue // each write is an event in Unleash's audit log: none for what did not change
		}
		req := httpclient.Request{Method: http.MethodPut, Path: groupProjectRolesPath(project, id), Body: setRolesWire{Roles: ids[project]}}
		if err := c.accessWrite(ctx, req, project, id); err != nil {
			return nil, err
		}
		c.access.project(project).Put(accessGroupWire{ID: id, Roles: ids[project]})
	}
	for _, project := range current {
		if _, kept := ids[project]; kept {
			continue
		}
		req := httpclient.Request{Method: http.MethodDelete, Path: groupProjectRolesPath(project, id)}
		if err := c.accessWrite(ctx, req, project, id); err != nil {
			return nil, err
		}
		c.access.project(project).Remove(id)
	}
	c.access.groups.Put(groupProjectsWire{ID: id, Projects: slices.Sorted(maps.Keys(ids))})
	return got, nil
}

// holdsRoles reports whether the group already has exactly roles (sorted) in project, as this process knows
// it; a project the group is not in (current) needs no read.
func (c *Client) holdsRoles(ctx context.Context, project string, id int, roles []int, current []string) (bool, error) {
	if !slices.Contains(current, project) {
		return false, nil
	}
	row, found, err := c.access.project(project).Find(ctx, c.accessLoader(project), id)
	if err != nil || !found {
		return false, err
	}
	return slices.Equal(slices.Sorted(slices.Values(row.Roles)), roles), nil
}

// accessWrite sends one project-access write. A failed one may still have been applied, so the kept
// answers it touches are dropped.
func (c *Client) accessWrite(ctx context.Context, req httpclient.Request, project string, id int) error {
	err := c.groupCall(ctx, req, nil)
	if err == nil {
		return nil
	}
	c.access.groups.Invalidate()
	c.access.project(project).Invalidate()
	// A missing project is a mistake in the configuration, not a sign that the group is gone.
	var nf *platform.NotFoundError
	if errors.As(err, &nf) && nf.Err != nil && strings.Contains(nf.Err.Message, "Could not find project") {
		return platform.InvalidField(fieldProjectRoles, fmt.Sprintf("project %q does not exist on this Unleash (%s)", project, nf.Err.Message))
	}
	return platform.WithKind(renameField(err, platform.FieldRole, fieldProjectRoles), platform.KindUserGroup, strconv.Itoa(id))
}
