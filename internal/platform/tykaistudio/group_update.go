package tykaistudio

import (
	"context"
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
// Member ids, and catalogue ids the group does not hold yet, are checked before anything is written.
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
	method, path := http.MethodPut, groupPath(id)+"/catalogues"
	if renamed {
		method, path = http.MethodPatch, groupPath(id)
	}
	if err := c.checkCatalogues(ctx, method, path, want, have); err != nil {
		return platform.Group{}, err
	}

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
			return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
		}
	default:
		if !want.equal(have) {
			if err := c.putCatalogues(ctx, id, want); err != nil {
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
// would be cleared, so all three are sent). The ids must have been checked: the server accepts unknown
// ones, so a "record not found" here means the group itself.
func (c *Client) putCatalogues(ctx context.Context, id string, want catalogueLists) error {
	body := newRequest("groups", groupCataloguesInput{Catalogues: want.llm, DataCatalogues: want.data, ToolCatalogues: want.tool})
	err := c.call(ctx, httpclient.Request{Method: http.MethodPut, Path: groupPath(id) + "/catalogues", Body: body}, nil)
	return platform.WithKind(err, platform.KindUserGroup, id)
}
