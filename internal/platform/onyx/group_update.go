package onyx

import (
	"context"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// msgDefaultRename explains why UpdateGroup refuses to rename a default group.
const msgDefaultRename = "Onyx's default groups (Admin, Basic) cannot be renamed"

// UpdateGroup implements platform.Backend, in the order the API's locking allows:
//  1. the group is read (and, if a sync is pending, waited for);
//  2. members and connectors go in one PATCH, which replaces both: the spec's values where Terraform
//     manages them, the stored ones elsewhere; the API keys' service accounts in the group stay; members
//     who have only been invited wait (withPending);
//  3. a rename, after the sync a connector change starts;
//  4. curators, one call each, once the members are in;
//  5. incognito access and permissions (applySettings), which no sync locks;
//  6. the wait for the sync, and the group as it then is.
//
// Writes answered "currently syncing" wait and are sent again.
func (c *Client) UpdateGroup(ctx context.Context, id string, spec platform.GroupSpec) (_ platform.Group, err error) {
	defer func() {
		if err != nil {
			c.forgetGroups() // a write may have been applied: the snapshots no longer say what the server holds
		}
	}()
	n, err := checkGroupID(id)
	if err != nil {
		return platform.Group{}, err
	}
	if errs := c.ValidateGroup(spec); len(errs) > 0 {
		return platform.Group{}, apiutil.Refused(http.MethodPatch, c.basePath+groupPath(n), errs...)
	}
	extra, _ := platform.ExtraAs[GroupExtra](spec.Extra)
	if err := c.checkSettings(ctx, http.MethodPatch, groupPath(n), spec, extra); err != nil {
		return platform.Group{}, err
	}
	ccPairs, _ := parseIDs(extra.CCPairIDs, fieldCCPairIDs)

	current, err := c.waitSynced(ctx, n)
	if err != nil {
		return platform.Group{}, err
	}
	renamed := spec.Name != current.Name
	if renamed && current.IsDefault {
		return platform.Group{}, apiutil.Refused(http.MethodPatch, c.basePath+groupsPath+"/rename", platform.FieldError{Field: platform.FieldName, Message: msgDefaultRename})
	}
	uuids, err := c.memberUUIDs(ctx, spec.Members, extra.CuratorIDs)
	if err != nil {
		return platform.Group{}, err
	}

	wantUsers := current.userIDs()
	if uuids.members != nil {
		wantUsers = append(uuids.members, current.serviceAccountIDs()...)
	}
	wantCC := current.ccPairIDs()
	if ccPairs != nil {
		wantCC = ccPairs
	}
	if !sameStrings(wantUsers, current.userIDs()) || !sameInts(wantCC, current.ccPairIDs()) {
		body := groupPatch{UserIDs: sortedSet(wantUsers), CCPairIDs: nonNilInts(wantCC)}
		if err := c.groupWrite(ctx, n, httpclient.Request{Method: http.MethodPatch, Path: groupPath(n), Body: body}, &current); err != nil {
			return platform.Group{}, err
		}
	}
	if renamed {
		if !current.IsUpToDate {
			if current, err = c.waitSynced(ctx, n); err != nil {
				return platform.Group{}, err
			}
		}
		body := groupRename{ID: n, Name: spec.Name}
		if err := c.groupWrite(ctx, n, httpclient.Request{Method: http.MethodPatch, Path: groupsPath + "/rename", Body: body}, &current); err != nil {
			return platform.Group{}, err
		}
	}
	if err := c.setCurators(ctx, current, uuids.curators); err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	current, grants, err := c.applySettings(ctx, current, extra)
	if err != nil {
		return platform.Group{}, platform.WithKind(err, platform.KindUserGroup, id)
	}
	final, err := c.waitSynced(ctx, n)
	if err != nil {
		return platform.Group{}, err
	}
	return withGrants(withPending(groupFromWire(final), uuids.pending), grants), nil
}
