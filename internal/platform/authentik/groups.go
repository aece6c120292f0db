package authentik

import (
	"context"
	"net/http"
	"net/url"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const groupsPath = "/core/groups/"

func groupPath(id string) string { return groupsPath + id + "/" }

// withoutUserObjects asks for the plain `users` pk list only. By default authentik also embeds every member as
// a full object (users_obj), which for a group of 10,000 members is most of the response.
func withoutUserObjects() url.Values { return url.Values{"include_users": {"false"}} }

// CreateGroup implements platform.Backend. A create whose answer was lost is resolved by looking the group up
// by its (unique) name.
func (c *Client) CreateGroup(ctx context.Context, spec platform.GroupSpec) (platform.Group, error) {
	body, err := groupWriteFrom(spec)
	if err != nil {
		return platform.Group{}, err
	}
	create := func() (platform.Group, error) {
		var w groupWire
		req := httpclient.Request{Method: http.MethodPost, Path: groupsPath, Query: withoutUserObjects(), Body: body}
		if err := c.HTTP.DoJSON(ctx, req, &w); err != nil {
			return platform.Group{}, err
		}
		return groupFromWire(w), nil
	}
	find := func(ctx context.Context) (platform.Group, error) { return c.FindGroupByName(ctx, spec.Name) }
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// ReadGroup implements platform.Backend with one request, whatever the group's size.
func (c *Client) ReadGroup(ctx context.Context, id string) (platform.Group, error) {
	if err := checkGroupID(id); err != nil {
		return platform.Group{}, err
	}
	var w groupWire
	req := httpclient.Request{Method: http.MethodGet, Path: groupPath(id), Query: withoutUserObjects()}
	if err := c.HTTP.DoJSON(ctx, req, &w); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	return groupFromWire(w), nil
}

// UpdateGroup implements platform.Backend with a PATCH of the managed fields. A PUT would be wrong: it
// resets an omitted `users` to [] and so would empty a group whose membership Terraform does not manage.
func (c *Client) UpdateGroup(ctx context.Context, id string, spec platform.GroupSpec) (platform.Group, error) {
	if err := checkGroupID(id); err != nil {
		return platform.Group{}, err
	}
	body, err := groupWriteFrom(spec)
	if err != nil {
		return platform.Group{}, err
	}
	var w groupWire
	req := httpclient.Request{Method: http.MethodPatch, Path: groupPath(id), Query: withoutUserObjects(), Body: body}
	if err := c.HTTP.DoJSON(ctx, req, &w); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	return groupFromWire(w), nil
}

// DeleteGroup implements platform.Backend. authentik deletes synchronously; a group that is already gone
// counts as deleted.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	if err := checkGroupID(id); err != nil {
		return err
	}
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: groupPath(id)}, nil)
	return apiutil.Deleted(err, platform.KindUserGroup, id)
}

// ListGroups implements platform.Backend. The server filters by name (exact) and member (`members_by_pk`,
// which refuses a pk that names no user).
func (c *Client) ListGroups(ctx context.Context, filter platform.GroupFilter) ([]platform.Group, error) {
	query := withoutUserObjects()
	if filter.Name != "" {
		query.Set("name", filter.Name)
	}
	if filter.MemberID != "" {
		if err := checkUserID(filter.MemberID); err != nil {
			return nil, err
		}
		query.Set("members_by_pk", filter.MemberID)
	}
	wires, err := listAll[groupWire](ctx, c, groupsPath, query)
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

// FindGroupByName implements platform.Backend. Group names are unique in authentik.
func (c *Client) FindGroupByName(ctx context.Context, name string) (platform.Group, error) {
	return apiutil.GroupNamed(ctx, c.Conn, name, c.ListGroups)
}
