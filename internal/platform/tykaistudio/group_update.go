package tykaistudio

import (
	"context"
	"errors"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// msgDefaultRename explains why UpdateGroup refuses to rename the Default group.
const msgDefaultRename = "the Default group cannot be renamed: Tyk AI Studio recognises it by its name, so a renamed " +
	"Default group becomes deletable and the server creates a new Default group on its next start"

// UpdateGroup implements platform.Backend. Every group write of the API replaces what it covers, so
// the group is read just before and the write carries the complete state:
//   - a rename is a PATCH, which needs all four lists: the spec's where managed, otherwise the
//     current members and catalogues (someone changing them between the read and the PATCH loses
//     that change);
//   - without a rename, catalogues go through PUT /groups/{id}/catalogues (all three lists) and
//     managed members through PUT /groups/{id}/users, so an unmanaged side is never rewritten.
//
// Member ids are checked before anything is written.
func (c *Client) UpdateGroup(ctx context.Context, id string, spec platform.GroupSpec) (platform.Group, error) {
	if err := checkGroupID(id); err != nil {
		return platform.Group{}, err
	}
	if errs := c.ValidateGroup(spec); len(errs) > 0 {
		return platform.Group{}, apiutil.Refused(http.MethodPatch, c.basePath+groupPath(id), errs...)
	}
	extra, _ := platform.ExtraAs[GroupExtra](spec.Extra)
	members, _ := parseIDs(spec.Members)

	current, err := c.getGroup(ctx, id)
	if err != nil {
		return platform.Group{}, err
	}
	renamed := spec.Name != current.Attributes.Name
	if renamed && IsDefaultGroupName(current.Attributes.Name) {
		return platform.Group{}, apiutil.Refused(http.MethodPatch, c.basePath+groupPath(id), platform.FieldError{Field: platform.FieldName, Message: msgDefaultRename})
	}
	currentExtra := groupExtraOf(current)
	want, _ := desiredCatalogues(extra, currentExtra)
	have, _ := desiredCatalogues(GroupExtra{}, currentExtra)

	var resultMembers []string
	if members != nil {
		if err := c.checkMembers(ctx, http.MethodPut, groupPath(id)+"/users", members); err != nil {
			return platform.Group{}, err
		}
		resultMembers = formatIDs(members)
	} else {
		// Unmanaged: a rename must send them back, and the result reports them either way.
		if resultMembers, err = c.groupMembers(ctx, id, current); err != nil {
			return platform.Group{}, err
		}
		if members, err = parseIDs(resultMembers); err != nil {
			return platform.Group{}, err
		}
	}

	switch {
	case renamed:
		body := newRequest("groups", groupInput{
			Name: spec.Name, Members: nonNil(members), Catalogues: want.llm, DataCatalogues: want.data, ToolCatalogues: want.tool,
		})
		err := c.call(ctx, httpclient.Request{Method: http.MethodPatch, Path: groupPath(id), Body: body}, nil)
		if err != nil {
			return platform.Group{}, catalogueError(err, id, extra)
		}
	default:
		if !want.equal(have) {
			if err := c.putCatalogues(ctx, id, want, extra); err != nil {
				return platform.Group{}, err
			}
		}
		if spec.Members != nil {
			if err := c.putMembers(ctx, id, members); err != nil {
				return platform.Group{}, err
			}
		}
	}
	return platform.Group{ID: id, Name: spec.Name, Members: sortIDStrings(resultMembers), Extra: want.extra()}, nil
}

// putMembers makes the members exactly ids (PUT /groups/{id}/users). The ids must have been checked.
func (c *Client) putMembers(ctx context.Context, id string, ids []uint32) error {
	body := newRequest("groups", groupMembersInput{Members: nonNil(ids)})
	err := c.call(ctx, httpclient.Request{Method: http.MethodPut, Path: groupPath(id) + "/users", Body: body}, nil)
	return platform.WithKind(err, platform.KindUserGroup, id)
}

// putCatalogues replaces all three catalogue lists (PUT /groups/{id}/catalogues; an omitted list
// would be cleared, so all three are sent).
func (c *Client) putCatalogues(ctx context.Context, id string, want catalogueLists, extra GroupExtra) error {
	body := newRequest("groups", groupCataloguesInput{Catalogues: want.llm, DataCatalogues: want.data, ToolCatalogues: want.tool})
	err := c.call(ctx, httpclient.Request{Method: http.MethodPut, Path: groupPath(id) + "/catalogues", Body: body}, nil)
	return catalogueError(err, id, extra)
}

// catalogueError reads a "record not found" on a group write that follows a successful read of the
// group: the missing record is then one of the catalogues the spec names (or the group vanished in
// between, which the message admits). When the spec names no catalogue it is the group.
func catalogueError(err error, id string, extra GroupExtra) error {
	if err == nil || !platform.IsNotFound(err) {
		return platform.WithKind(err, platform.KindUserGroup, id)
	}
	var fields []platform.FieldError
	for _, l := range []struct {
		ids   []string
		field platform.Field
	}{{extra.CatalogueIDs, fieldCatalogueIDs}, {extra.DataCatalogueIDs, fieldDataCatalogueIDs}, {extra.ToolCatalogueIDs, fieldToolCatalogueIDs}} {
		if len(l.ids) > 0 {
			fields = append(fields, platform.FieldError{Field: l.field,
				Message: "Tyk AI Studio answered \"record not found\": one of these catalogue ids does not exist (or the group was deleted meanwhile)"})
		}
	}
	var apiErr *platform.APIError
	if len(fields) == 0 || !errors.As(err, &apiErr) {
		return platform.WithKind(err, platform.KindUserGroup, id)
	}
	return &platform.InvalidError{Fields: fields, Err: apiErr}
}
