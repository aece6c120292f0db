package tykaistudio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const groupsPath = "/groups"

func groupPath(id string) string { return groupsPath + "/" + id }

// defaultGroupName is the built-in group every new user joins.
const defaultGroupName = "Default"

// IsDefaultGroupName reports whether name is that of the built-in Default group, which every new user
// joins and which cannot be deleted. The server recognises it by this exact name.
func IsDefaultGroupName(name string) bool { return name == defaultGroupName }

// CreateGroup implements platform.Backend. Member and catalogue ids are checked first: the server
// would create a blank user or an empty catalogue for an unknown one. The POST carries the name and
// members, so a lost answer is resolved by looking the group up by its (unique) name. Catalogues
// follow in a second request (the PUT, whose handling of catalogue ids is the observed one). If that
// second step fails, the created group is returned with the error so the provider records it instead
// of orphaning it.
func (c *Client) CreateGroup(ctx context.Context, spec platform.GroupSpec) (platform.Group, error) {
	if errs := c.ValidateGroup(spec); len(errs) > 0 {
		return platform.Group{}, apiutil.Refused(http.MethodPost, c.basePath+groupsPath, errs...)
	}
	extra, _ := platform.ExtraAs[GroupExtra](spec.Extra) // checked by ValidateGroup
	members, _ := parseIDs(spec.Members)
	if err := c.checkMembers(ctx, http.MethodPost, groupsPath, members); err != nil {
		return platform.Group{}, err
	}
	wanted, _ := desiredCatalogues(extra, GroupExtra{}) // ids checked by ValidateGroup
	if err := c.checkCatalogues(ctx, http.MethodPost, groupsPath, wanted, catalogueLists{}); err != nil {
		return platform.Group{}, err
	}
	body := newRequest("groups", groupInput{
		Name: spec.Name, Members: nonNil(members), Catalogues: []uint32{}, DataCatalogues: []uint32{}, ToolCatalogues: []uint32{},
	})
	create := func() (platform.Group, error) {
		var env envelope[groupWire]
		if err := c.call(ctx, httpclient.Request{Method: http.MethodPost, Path: groupsPath, Body: body}, &env); err != nil {
			return platform.Group{}, err
		}
		// The answer echoes stubs of the members (ids only), which is all the mapping needs.
		return groupFromWire(env.Data, idsOf(env.Data.Attributes.Users)), nil
	}
	find := func(ctx context.Context) (platform.Group, error) { return c.FindGroupByName(ctx, spec.Name) }
	group, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil {
		return platform.Group{}, err
	}
	current, _ := group.Extra.(GroupExtra) // always a GroupExtra: from the create answer or ReadGroup
	want, _ := desiredCatalogues(extra, current)
	have, _ := desiredCatalogues(GroupExtra{}, current)
	if !want.equal(have) {
		if err := c.putCatalogues(ctx, group.ID, want); err != nil {
			return group, fmt.Errorf("group %s was created on Tyk AI Studio, but setting its catalogues failed: %w", group.ID, err)
		}
		group.Extra = want.extra()
	}
	return group, nil
}

// ReadGroup implements platform.Backend: the group (name, catalogues) and its members, which the
// single-group view never includes, from GET /groups/{id}/users?all=true.
func (c *Client) ReadGroup(ctx context.Context, id string) (platform.Group, error) {
	w, err := c.getGroup(ctx, id)
	if err != nil {
		return platform.Group{}, err
	}
	members, err := c.groupMembers(ctx, id, w)
	if err != nil {
		return platform.Group{}, err
	}
	return groupFromWire(w, members), nil
}

func (c *Client) getGroup(ctx context.Context, id string) (groupWire, error) {
	if err := checkGroupID(id); err != nil {
		return groupWire{}, err
	}
	var env envelope[groupWire]
	if err := c.call(ctx, httpclient.Request{Method: http.MethodGet, Path: groupPath(id)}, &env); err != nil {
		return groupWire{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	return env.Data, nil
}

// groupMembers lists the member ids. On the Community Edition the membership route answers 402, but
// the Default group (the only one there) embeds its users in the single-group view, so a data source
// can still read it.
func (c *Client) groupMembers(ctx context.Context, id string, w groupWire) ([]string, error) {
	users, err := listAll[idOnly](ctx, c, groupPath(id)+"/users", nil)
	var unsupported *platform.UnsupportedError
	switch {
	case errors.As(err, &unsupported) && w.Attributes.Users != nil:
		return idsOf(w.Attributes.Users), nil
	case err != nil:
		return nil, platform.WithKind(err, platform.KindUserGroup, id)
	}
	return idsOf(users), nil
}

// DeleteGroup implements platform.Backend. The server soft-deletes at once; a group that is already
// gone counts as deleted. The Default group cannot be deleted.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	if err := checkGroupID(id); err != nil {
		return err
	}
	err := c.call(ctx, httpclient.Request{Method: http.MethodDelete, Path: groupPath(id)}, nil)
	if platform.IsNotFound(err) {
		return nil
	}
	var invalid *platform.InvalidError
	if errors.As(err, &invalid) && strings.Contains(strings.ToLower(invalid.Err.Message), "default group") {
		return &platform.InvalidError{
			Fields: []platform.FieldError{{Message: "the Default group cannot be deleted: Tyk AI Studio puts every new user in it. " +
				"Stop managing it with a `removed` block (or terraform state rm) instead of destroying it"}},
			Err: invalid.Err,
		}
	}
	return platform.WithKind(err, platform.KindUserGroup, id)
}

// ListGroups implements platform.Backend. List items carry neither member nor catalogue ids, so each
// group is read in full (two requests per group). A name filter is exact (the server's `search` is a
// substring match and only narrows the candidates); a member filter reads only that user's groups.
func (c *Client) ListGroups(ctx context.Context, filter platform.GroupFilter) ([]platform.Group, error) {
	items, err := c.listGroupCandidates(ctx, filter)
	if err != nil {
		return nil, err
	}
	groups := make([]platform.Group, 0, len(items))
	for _, item := range items {
		if filter.Name != "" && item.Attributes.Name != filter.Name {
			continue
		}
		g, err := c.ReadGroup(ctx, item.ID)
		if platform.IsNotFound(err) {
			continue // deleted since the list was read
		}
		if err != nil {
			return nil, err
		}
		if filter.Match(g) {
			groups = append(groups, g)
		}
	}
	return groups, nil
}

// FindGroupByName implements platform.Backend. Group names are unique (case-sensitively).
func (c *Client) FindGroupByName(ctx context.Context, name string) (platform.Group, error) {
	return apiutil.GroupNamed(ctx, c.Conn, name, c.ListGroups)
}
