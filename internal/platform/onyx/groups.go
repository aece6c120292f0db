package onyx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const groupsPath = "/manage/admin/user-group"

func groupPath(id int) string { return groupsPath + "/" + strconv.Itoa(id) }

// Names of the default groups every Onyx has; they cannot be deleted or renamed.
const (
	AdminGroupName = "Admin"
	BasicGroupName = "Basic"
)

// IsDefaultGroupName reports whether name is that of a default group. A user-made group cannot have
// either name while the default groups exist (names are unique).
func IsDefaultGroupName(name string) bool { return name == AdminGroupName || name == BasicGroupName }

// listGroups reads every group, those being deleted included, and the default ones when
// includeDefault. The list is unpaginated and is the only way to read a group. Lookups after a lost answer
// use it; polls share it (groupPoll); plain reads go through the snapshots (cachedGroup).
func (c *Client) listGroups(ctx context.Context, includeDefault bool) ([]groupWire, error) {
	var out []groupWire
	q := url.Values{"include_default": {strconv.FormatBool(includeDefault)}}
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: groupsPath, Query: q}, &out); err != nil {
		return nil, err
	}
	for _, g := range out {
		c.sawGroupID(g.ID)
	}
	return out, nil
}

// sawGroupID records the highest group id any list has shown this client. Onyx's group ids are a database
// sequence, so a group made later has a higher id than every group listed before it.
func (c *Client) sawGroupID(id int) {
	for {
		seen := c.highestGroupID.Load()
		if int64(id) <= seen || c.highestGroupID.CompareAndSwap(seen, int64(id)) {
			return
		}
	}
}

// groupsBefore returns the highest id of the groups that exist before a create (of this process's list of
// every group, read once), so that a lookup after a lost answer tells the group it made from those.
func (c *Client) groupsBefore(ctx context.Context) (int, error) {
	if err := c.allGroups.Fill(ctx, c.loadAllGroups); err != nil {
		return 0, err
	}
	return int(c.highestGroupID.Load()), nil
}

func groupID(g groupWire) int { return g.ID }

func (c *Client) loadUserGroups(ctx context.Context) ([]groupWire, error) {
	return c.listGroups(ctx, false)
}
func (c *Client) loadAllGroups(ctx context.Context) ([]groupWire, error) {
	return c.listGroups(ctx, true)
}

// cachedGroup is findGroup through this process's snapshots: the user-made groups first, then all.
func (c *Client) cachedGroup(ctx context.Context, id int) (groupWire, bool, error) {
	g, found, err := c.userGroups.Find(ctx, c.loadUserGroups, id)
	if err != nil || found {
		return g, found, err
	}
	return c.allGroups.Find(ctx, c.loadAllGroups, id)
}

// keepGroup records a group as a poll of this client last saw it.
func (c *Client) keepGroup(g groupWire) {
	if !g.IsDefault {
		c.userGroups.Put(g)
	}
	c.allGroups.Put(g)
}

// forgetGroup records that a group has left the list.
func (c *Client) forgetGroup(id int) {
	c.userGroups.Remove(id)
	c.allGroups.Remove(id)
}

// keepDeleting records that this client's DELETE of g was answered: Onyx has emptied the group and keeps its
// row, marked for deletion, until the next sync.
func (c *Client) keepDeleting(g groupWire) {
	g = groupWire{ID: g.ID, Name: g.Name, IsUpForDeletion: true}
	c.userGroups.Put(g)
	c.allGroups.Put(g)
}

// forgetGroups drops both snapshots, after a write whose outcome is not known.
func (c *Client) forgetGroups() {
	c.userGroups.Invalidate()
	c.allGroups.Invalidate()
}

// liveGroup looks a group up with look, among the user-made groups first, then, when it is not there, among
// all of them (the default group Basic holds every user of the instance, so listing it with every look at
// another group would ship the whole directory each time). One marked for deletion is gone: Terraform can no
// longer manage it.
func (c *Client) liveGroup(ctx context.Context, look *groupLooks, id int) (groupWire, error) {
	g, found, err := look.find(ctx, id, false, true)
	switch {
	case err != nil:
		return groupWire{}, err
	case !found || g.IsUpForDeletion:
		return groupWire{}, c.NotFound(ctx, platform.KindUserGroup, strconv.Itoa(id))
	}
	return g, nil
}

// ReadGroup implements platform.Backend: list and filter (there is no get-one route). A group marked
// for deletion is reported as not found.
func (c *Client) ReadGroup(ctx context.Context, id string) (platform.Group, error) {
	n, err := checkGroupID(id)
	if err != nil {
		return platform.Group{}, err
	}
	g, found, err := c.cachedGroup(ctx, n)
	switch {
	case err != nil:
		return platform.Group{}, err
	case !found || g.IsUpForDeletion:
		return platform.Group{}, c.NotFound(ctx, platform.KindUserGroup, id)
	}
	return groupFromWire(g), nil
}

// ReadGroupFresh implements platform.FreshGroupReader: the group from a list read now, for a change of its
// members that must not drop those added since this process's snapshot.
func (c *Client) ReadGroupFresh(ctx context.Context, id string) (platform.Group, error) {
	n, err := checkGroupID(id)
	if err != nil {
		return platform.Group{}, err
	}
	g, err := c.liveGroup(ctx, c.looks(), n)
	if err != nil {
		return platform.Group{}, err
	}
	c.keepGroup(g)
	return groupFromWire(g), nil
}

// ListGroups implements platform.Backend: every group not being deleted, the default ones included.
// Onyx filters on nothing, so the filter is applied here.
func (c *Client) ListGroups(ctx context.Context, filter platform.GroupFilter) ([]platform.Group, error) {
	groups, err := c.allGroups.All(ctx, c.loadAllGroups)
	if err != nil {
		return nil, err
	}
	out := make([]platform.Group, 0, len(groups))
	for _, g := range groups {
		if group := groupFromWire(g); !g.IsUpForDeletion && filter.Match(group) {
			out = append(out, group)
		}
	}
	return out, nil
}

// FindGroupByName implements platform.Backend. Names are unique and case-sensitive.
func (c *Client) FindGroupByName(ctx context.Context, name string) (platform.Group, error) {
	groups, err := c.ListGroups(ctx, platform.GroupFilter{Name: name})
	if err != nil {
		return platform.Group{}, err
	}
	if name == "" || len(groups) == 0 {
		return platform.Group{}, c.NotFound(ctx, platform.KindUserGroup, name)
	}
	return groups[0], nil
}

// DeleteGroup implements platform.Backend. Onyx empties the group at once, answers 200, and removes the row
// after its next background sync; the row is then marked is_up_for_deletion, which reads as gone. So the
// DELETE's own answer confirms the delete: waiting for the row would cost a list of every group per round of
// deletes. The name stays taken until the row is removed, which only a create with the same name needs to wait
// for (CreateGroup does). A group that is syncing is waited for first; one already gone counts as deleted.
func (c *Client) DeleteGroup(ctx context.Context, id string) error {
	n, err := checkGroupID(id)
	if err != nil {
		return err
	}
	g, found, err := c.cachedGroup(ctx, n)
	switch {
	case err != nil:
		return err
	case !found || g.IsUpForDeletion:
		return nil
	case g.IsDefault:
		return apiutil.Refused(http.MethodDelete, c.basePath+groupPath(n), platform.FieldError{Message: c.GroupDeletionRefused(g.Name)})
	}
	err = c.groupWrite(ctx, n, httpclient.Request{Method: http.MethodDelete, Path: groupPath(n)}, nil)
	switch {
	case platform.IsNotFound(err):
		c.forgetGroup(n)
	case err != nil:
		c.forgetGroups()
		return err
	default:
		c.keepDeleting(g)
	}
	return nil
}

// CreateGroup implements platform.Backend. Members and curators are emails, mapped to user uuids
// first; members who have only been invited are left pending (see withPending), curators must have
// signed up. The POST is resolved after a lost answer by looking the name up among groups that did not
// exist before. A POST refused for the name is a conflict when a live group has it. A POST
// refused for the name while a group of that name is being deleted waits for that row and is sent again
// (a replacement: the name stays taken until Onyx removes the row). The create does not wait for the group's
// first sync: a later write that meets it waits then (groupWrite). Curators, incognito access and permissions follow;
// if those fail the created group is returned with the error, so the provider records it instead of
// orphaning it.
func (c *Client) CreateGroup(ctx context.Context, spec platform.GroupSpec) (platform.Group, error) {
	if errs := c.ValidateGroup(spec); len(errs) > 0 {
		return platform.Group{}, apiutil.Refused(http.MethodPost, c.basePath+groupsPath, errs...)
	}
	extra, _ := platform.ExtraAs[GroupExtra](spec.Extra) // checked by ValidateGroup
	if err := c.checkSettings(ctx, http.MethodPost, groupsPath, spec, extra); err != nil {
		return platform.Group{}, err
	}
	ccPairs, _ := parseIDs(extra.CCPairIDs, fieldCCPairIDs)
	members, err := c.memberUUIDs(ctx, spec.Members, extra.CuratorIDs)
	if err != nil {
		return platform.Group{}, err
	}
	before, err := c.groupsBefore(ctx)
	if err != nil {
		return platform.Group{}, err
	}
	body := groupCreate{Name: spec.Name, UserIDs: nonNil(members.members), CCPairIDs: nonNilInts(ccPairs)}
	create := func() (groupWire, error) {
		for attempt := 0; ; attempt++ {
			var g groupWire
			err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: groupsPath, Body: body}, &g)
			if err == nil || attempt == maxSyncRetries {
				return g, err
			}
			if err = c.nameRefused(ctx, err, spec.Name); err != nil {
				return g, err
			}
		}
	}
	find := func(ctx context.Context) (groupWire, error) {
		groups, err := c.listGroups(ctx, false) // the group just made is not a default one
		if err != nil {
			return groupWire{}, err
		}
		for _, g := range groups {
			if g.Name == spec.Name && g.ID > before && !g.IsUpForDeletion {
				return g, nil
			}
		}
		return groupWire{}, c.NotFound(ctx, platform.KindUserGroup, spec.Name)
	}
	created, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil {
		c.forgetGroups()
		return platform.Group{}, err
	}
	c.keepGroup(created)
	if len(members.curators) > 0 {
		if err := c.setCurators(ctx, created, members.curators); err != nil {
			return withPending(groupFromWire(created), members.pending), fmt.Errorf("user group %d was created on Onyx, but setting its curators failed: %w", created.ID, err)
		}
		// The curators set since show only in a list (not a wait for the sync: one look).
		listed, err := c.liveGroup(ctx, c.looks(), created.ID)
		if err != nil {
			return withPending(groupFromWire(created), members.pending), fmt.Errorf("user group %d was created on Onyx, but reading its curators failed: %w", created.ID, err)
		}
		c.keepGroup(listed)
		created = listed
	}
	created, grants, err := c.applySettings(ctx, created, extra)
	if err != nil {
		return withPending(groupFromWire(created), members.pending), fmt.Errorf("user group %d was created on Onyx, but setting its permissions or incognito access failed: %w", created.ID, err)
	}
	return withGrants(withPending(groupFromWire(created), members.pending), grants), nil
}

func nameTaken(name string, id int, err *platform.APIError) error {
	return &platform.ConflictError{
		Fields: []platform.FieldError{{Field: platform.FieldName, Message: fmt.Sprintf("Onyx already has a user group named %q (id %d); import it or choose another name", name, id)}},
		Err:    err,
	}
}

// nameRefused decides what a create refused for its name does next, from a list of every group read now:
// nil when a group of that name was being deleted and is now gone (send the create again); a conflict when
// a live group has it; otherwise the server's answer to an unknown user or cc_pair id, which Onyx reports as
// the name being taken. Any other error is returned as it is.
func (c *Client) nameRefused(ctx context.Context, err error, name string) error {
	var conflict *platform.ConflictError
	if !errors.As(err, &conflict) {
		return err
	}
	c.forgetGroups()
	groups, listErr := c.allGroups.All(ctx, c.loadAllGroups)
	if listErr != nil {
		return err
	}
	for _, g := range groups {
		switch {
		case g.Name != name:
		case !g.IsUpForDeletion:
			return nameTaken(name, g.ID, conflict.Err)
		default:
			return c.waitGone(ctx, g.ID)
		}
	}
	return &platform.InvalidError{
		Fields: []platform.FieldError{{Field: fieldCCPairIDs, Message: "Onyx reported the name as taken, but no group has it: that is its answer " +
			"to an id that does not exist, here one of onyx.cc_pair_ids (members were checked)"}},
		Err: conflict.Err,
	}
}

// groupUUIDs are a spec's members and curators as user uuids. nil members stay nil (unmanaged). pending
// are the members who have been invited but have not signed up: they join a later write, once they have.
type groupUUIDs struct {
	members  []string
	curators []string
	pending  []string
}

// memberUUIDs maps member and curator emails to uuids, made only when there is something to map. It reads
// the user directory once per process (inDirectory); a miss reads it again before it is an error, since the
// person may have been invited since.
func (c *Client) memberUUIDs(ctx context.Context, members, curators []string) (groupUUIDs, error) {
	if len(members) == 0 && len(curators) == 0 {
		out := groupUUIDs{}
		if members != nil {
			out.members = []string{}
		}
		if curators != nil { // an empty list removes every curator
			out.curators = []string{}
		}
		return out, nil
	}
	out, err := c.mapMembers(ctx, false, members, curators)
	if err != nil {
		out, err = c.mapMembers(ctx, true, members, curators)
	}
	return out, err
}

func (c *Client) mapMembers(ctx context.Context, fresh bool, members, curators []string) (groupUUIDs, error) {
	var out groupUUIDs
	var mapErr error
	err := c.inDirectory(ctx, fresh, func(dir *directory) {
		if members != nil {
			if out.members, out.pending, mapErr = dir.uuids(members, platform.FieldMembers, true); mapErr != nil {
				return
			}
		}
		if curators != nil {
			out.curators, _, mapErr = dir.uuids(curators, fieldCuratorIDs, false)
		}
	})
	if err == nil {
		err = mapErr
	}
	if err != nil {
		return groupUUIDs{}, err
	}
	return out, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilInts(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}
