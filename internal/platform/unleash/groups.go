package unleash

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const groupsPath = "/api/admin/groups"

func groupPath(id int) string { return groupsPath + "/" + strconv.Itoa(id) }

// groupsUnsupportedReason is the message a user of the open-source edition sees for any group operation.
const groupsUnsupportedReason = "user groups need Unleash Enterprise; this server is the open-source edition"

func (c *Client) unsupportedGroups() error {
	return &platform.UnsupportedError{
		Platform: Name,
		Feature:  platform.Feature{Kind: platform.KindUserGroup},
		Reason:   groupsUnsupportedReason,
	}
}

// groupCall sends a request to the groups API. The open-source edition has no such routes: the generic route
// 404 becomes *platform.UnsupportedError (remembered, so later calls fail without a request). Any other
// answer is returned as is; a 404 for a missing group stays a *platform.NotFoundError.
func (c *Client) groupCall(ctx context.Context, req httpclient.Request, out any) error {
	if c.groupsUnsupported.Load() {
		return c.unsupportedGroups()
	}
	err := c.HTTP.DoJSON(ctx, req, out)
	if isRouteNotFound(err) {
		c.groupsUnsupported.Store(true)
		return c.unsupportedGroups()
	}
	return renameField(err, platform.FieldRole, fieldRootRole)
}

// CreateGroup implements platform.Backend. The answer carries no users, so the group is read back (if only
// that read fails, the id is returned with the error). A create whose answer was lost is resolved by the
// group's name (Unleash refuses duplicates with a 409).
func (c *Client) CreateGroup(ctx context.Context, spec platform.GroupSpec) (platform.Group, error) {
	body, err := groupWriteFrom(spec, nil)
	if err != nil {
		return platform.Group{}, err
	}
	// Role names the server lacks are refused before the group exists, not after it was made.
	if want, _ := platform.ExtraAs[GroupExtra](spec.Extra); want.ProjectRoles != nil {
		if _, err := c.resolveProjectRoles(ctx, want.ProjectRoles); err != nil {
			return platform.Group{}, err
		}
	}
	create := func() (platform.Group, error) {
		var w groupWire
		if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodPost, Path: groupsPath, Body: body}, &w); err != nil {
			return platform.Group{}, certain(err)
		}
		return platform.Group{ID: strconv.Itoa(w.ID)}, nil
	}
	find := func(ctx context.Context) (platform.Group, error) { return c.FindGroupByName(ctx, spec.Name) }
	created, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil {
		return platform.Group{}, err
	}
	// If a later step fails, the group exists: its id goes back so the provider records it instead of
	// orphaning it.
	group, err := c.ReadGroup(ctx, created.ID)
	if err != nil {
		return platform.Group{ID: created.ID}, fmt.Errorf("the Unleash group %s was created, but reading it back failed: %w", created.ID, err)
	}
	if group, err = c.withProjectRoles(ctx, group, spec, true); err != nil {
		return platform.Group{ID: created.ID}, fmt.Errorf("the Unleash group %s was created, but giving it its project roles failed: %w", created.ID, err)
	}
	return group, nil
}

// withProjectRoles writes the project roles spec manages, if any, and reports them in g.
func (c *Client) withProjectRoles(ctx context.Context, g platform.Group, spec platform.GroupSpec, isNew bool) (platform.Group, error) {
	want, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil || want.ProjectRoles == nil {
		return g, err
	}
	id, err := parseNumericID("group", g.ID)
	if err != nil {
		return g, err
	}
	roles, err := c.writeProjectRoles(ctx, id, want.ProjectRoles, isNew)
	if err != nil {
		return g, err
	}
	extra, _ := g.Extra.(GroupExtra)
	extra.ProjectRoles = roles
	g.Extra = extra
	return g, nil
}

// ReadGroup implements platform.Backend with one request, members included.
func (c *Client) ReadGroup(ctx context.Context, id string) (platform.Group, error) {
	n, err := parseNumericID("group", id)
	if err != nil {
		return platform.Group{}, err
	}
	return c.readGroup(ctx, n)
}

func (c *Client) readGroup(ctx context.Context, id int) (platform.Group, error) {
	var w groupWire
	if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodGet, Path: groupPath(id)}, &w); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, strconv.Itoa(id))
	}
	return groupFromWire(w), nil
}

// UpdateGroup implements platform.Backend. A PUT replaces the whole group, users included, so the current
// group is read first and every field the spec leaves unmanaged (members, description, root role, SSO
// mappings) is sent back as it is; the group is read again after, since the answer has no users.
func (c *Client) UpdateGroup(ctx context.Context, id string, spec platform.GroupSpec) (platform.Group, error) {
	n, err := parseNumericID("group", id)
	if err != nil {
		return platform.Group{}, err
	}
	var current groupWire
	if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodGet, Path: groupPath(n)}, &current); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	body, err := groupWriteFrom(spec, &current)
	if err != nil {
		return platform.Group{}, err
	}
	if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodPut, Path: groupPath(n), Body: body}, nil); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	g, err := c.readGroup(ctx, n)
	if err != nil {
		return g, err
	}
	return c.withProjectRoles(ctx, g, spec, false)
}

// DeleteGroup implements platform.Backend. Unleash deletes at once and answers 200 for a missing group too.
// On the open-source edition it is *platform.UnsupportedError, never a silent success.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	n, err := parseNumericID("group", id)
	if err != nil {
		return err
	}
	err = c.groupCall(ctx, httpclient.Request{Method: http.MethodDelete, Path: groupPath(n)}, nil)
	if err == nil {
		c.access.forget(n) // its project roles go with it
	}
	return apiutil.Deleted(err, platform.KindUserGroup, id)
}

// ListGroups implements platform.Backend with one request (Unleash does not paginate groups, and filters on
// nothing): the filter is applied here.
func (c *Client) ListGroups(ctx context.Context, filter platform.GroupFilter) ([]platform.Group, error) {
	var w groupsWire
	if err := c.groupCall(ctx, httpclient.Request{Method: http.MethodGet, Path: groupsPath}, &w); err != nil {
		return nil, err
	}
	groups := make([]platform.Group, 0, len(w.Groups))
	for _, g := range w.Groups {
		if group := groupFromWire(g); filter.Match(group) {
			groups = append(groups, group)
		}
	}
	return groups, nil
}

// FindGroupByName implements platform.Backend. Unleash refuses a second group of the same name (exact,
// case-sensitive match).
func (c *Client) FindGroupByName(ctx context.Context, name string) (platform.Group, error) {
	return apiutil.GroupNamed(ctx, c.Conn, name, c.ListGroups)
}

// groupFromWire maps a group read by GET. Members are sorted numerically, SSO mappings lexically, so the same
// server state always reads the same.
func groupFromWire(w groupWire) platform.Group {
	ids := make([]int, 0, len(w.Users))
	for _, u := range w.Users {
		ids = append(ids, u.User.ID)
	}
	slices.Sort(ids)
	members := make([]string, len(ids))
	for i, id := range ids {
		members[i] = strconv.Itoa(id)
	}
	extra := GroupExtra{SSOMappings: slices.Sorted(slices.Values(w.MappingsSSO))}
	if extra.SSOMappings == nil {
		extra.SSOMappings = []string{}
	}
	if w.RootRole != nil && *w.RootRole != 0 {
		role := roleFromID(int(*w.RootRole))
		extra.RootRole = &role
	}
	g := platform.Group{ID: strconv.Itoa(w.ID), Name: w.Name, Members: members, Extra: extra}
	if w.Description != nil {
		g.Description = *w.Description
	}
	return g
}

// groupWriteFrom builds the POST/PUT body. current is the group as it is (nil on create): a PUT replaces
// every field, so what the spec leaves unmanaged is copied from it.
func groupWriteFrom(spec platform.GroupSpec, current *groupWire) (groupWrite, error) {
	extra, err := platform.ExtraAs[GroupExtra](spec.Extra)
	if err != nil {
		return groupWrite{}, err
	}
	body := groupWrite{Name: spec.Name, MappingsSSO: extra.SSOMappings, Users: []groupUserWrite{}}
	switch {
	case spec.Description != nil:
		if *spec.Description != "" {
			body.Description = spec.Description
		}
	case current != nil:
		body.Description = current.Description
	}
	if body.MappingsSSO == nil && current != nil {
		body.MappingsSSO = current.MappingsSSO
	}
	if body.MappingsSSO == nil {
		body.MappingsSSO = []string{} // the schema has no null here
	}
	switch {
	case extra.RootRole != nil:
		if *extra.RootRole != "" {
			id, err := roleID(*extra.RootRole)
			if err != nil {
				return groupWrite{}, err
			}
			body.RootRole = &id
		}
	case current != nil && current.RootRole != nil && *current.RootRole != 0:
		id := int(*current.RootRole)
		body.RootRole = &id
	}
	switch {
	case spec.Members != nil:
		for _, m := range spec.Members {
			id, err := parseNumericID("user", m)
			if err != nil {
				return groupWrite{}, err
			}
			body.Users = append(body.Users, groupUserWrite{User: groupUserRef{ID: id}})
		}
	case current != nil:
		for _, u := range current.Users {
			body.Users = append(body.Users, groupUserWrite{User: groupUserRef{ID: u.User.ID}})
		}
	}
	return body, nil
}
