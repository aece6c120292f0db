package secoda

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const groupsPath = "/auth/group/"

// groupPath always ends with a slash: Secoda's docs say requests without one may misbehave.
func groupPath(id string) string { return groupsPath + id + "/" }

// CreateGroup implements platform.Backend. A create whose answer was lost is resolved by looking the group
// up by name, so a retry adopts the group instead of making a second one.
func (c *Client) CreateGroup(ctx context.Context, spec platform.GroupSpec) (platform.Group, error) {
	body, err := groupWriteFrom(spec)
	if err != nil {
		return platform.Group{}, err
	}
	create := func() (platform.Group, error) {
		var w groupWire
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: groupsPath, Body: body}, &w); err != nil {
			return platform.Group{}, err
		}
		return groupFromWire(w), nil
	}
	find := func(ctx context.Context) (platform.Group, error) { return c.FindGroupByName(ctx, spec.Name) }
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// ReadGroup implements platform.Backend with one request; the group object lists its members' ids.
func (c *Client) ReadGroup(ctx context.Context, id string) (platform.Group, error) {
	if err := checkGroupID(id); err != nil {
		return platform.Group{}, err
	}
	var w groupWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: groupPath(id)}, &w); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	return groupFromWire(w), nil
}

// UpdateGroup implements platform.Backend with a PATCH of the managed fields. `users` replaces the whole
// membership, so it is sent whole, and only when Terraform manages membership.
func (c *Client) UpdateGroup(ctx context.Context, id string, spec platform.GroupSpec) (platform.Group, error) {
	if err := checkGroupID(id); err != nil {
		return platform.Group{}, err
	}
	body, err := groupWriteFrom(spec)
	if err != nil {
		return platform.Group{}, err
	}
	var w groupWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: groupPath(id), Body: body}, &w); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	return groupFromWire(w), nil
}

// DeleteGroup implements platform.Backend. Secoda deletes synchronously (204); a group that is already gone
// counts as deleted.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	if err := checkGroupID(id); err != nil {
		return err
	}
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: groupPath(id)}, nil)
	return apiutil.Deleted(err, platform.KindUserGroup, id)
}

// ListGroups implements platform.Backend. Secoda documents no filters, so every page is read and the filter
// is applied here.
func (c *Client) ListGroups(ctx context.Context, filter platform.GroupFilter) ([]platform.Group, error) {
	wires, err := listAll[groupWire](ctx, c, groupsPath)
	if err != nil {
		return nil, err
	}
	groups := make([]platform.Group, 0, len(wires))
	for _, w := range wires {
		if g := groupFromWire(w); filter.Match(g) {
			groups = append(groups, g)
		}
	}
	return groups, nil
}

// FindGroupByName implements platform.Backend. Secoda does not say group names are unique; two groups with
// the name are an error that asks for an import by id rather than a guess.
func (c *Client) FindGroupByName(ctx context.Context, name string) (platform.Group, error) {
	if name == "" {
		return platform.Group{}, c.NotFound(ctx, platform.KindUserGroup, name)
	}
	matches, err := c.ListGroups(ctx, platform.GroupFilter{Name: name})
	if err != nil {
		return platform.Group{}, err
	}
	return apiutil.One(ctx, c.Conn, platform.KindUserGroup, name, matches, apiutil.GroupID, func(ids []string) error {
		return fmt.Errorf("the group name %q is ambiguous: Secoda groups %s all have it; import the group by its id instead",
			name, strings.Join(ids, ", "))
	})
}
