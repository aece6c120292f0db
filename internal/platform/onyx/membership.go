package onyx

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// roster_user_group_membership adds one person to a group. Unlike a group's members, such a membership cannot
// wait for a person who has only been invited: it is one object that exists or not, with no state to keep it
// pending in, so that is an error. Adding goes through add-users, which keeps the other members; removing
// rewrites the group, so both are serialised per group within this process.

var _ platform.MembershipManager = (*Client)(nil)

// addUsersRequest is the body of POST /manage/admin/user-group/{id}/add-users.
type addUsersRequest struct {
	UserIDs []string `json:"user_ids"`
}

// AddGroupMember implements platform.MembershipManager.
func (c *Client) AddGroupMember(ctx context.Context, groupID, userID string) error {
	n, err := checkGroupID(groupID)
	if err != nil {
		return err
	}
	uuids, err := c.memberUUIDs(ctx, []string{userID}, nil)
	if err != nil {
		return err
	}
	if len(uuids.pending) > 0 {
		return &platform.InvalidError{Fields: []platform.FieldError{{Message: fmt.Sprintf("%s has been invited but has not accepted the invitation yet: "+
			"Onyx adds only people who have signed up to a group. List them in the roster_user_group's members instead, which wait "+
			"for the sign-up, or apply again once they have signed up", userID)}}}
	}
	defer c.lockMembers(n)()
	var g groupWire
	req := httpclient.Request{Method: http.MethodPost, Path: groupPath(n) + "/add-users", Body: addUsersRequest{UserIDs: uuids.members}, Idempotent: true}
	if err := c.groupWrite(ctx, n, req, &g); err != nil {
		c.forgetGroups()
		return err
	}
	c.keepGroup(g)
	return nil
}

// RemoveGroupMember implements platform.MembershipManager: the group is read now and written without the
// user (Onyx has no route that removes one member).
func (c *Client) RemoveGroupMember(ctx context.Context, groupID, userID string) error {
	n, err := checkGroupID(groupID)
	if err != nil {
		return err
	}
	defer c.lockMembers(n)()
	g, err := c.ReadGroupFresh(ctx, groupID)
	if err != nil || !slices.Contains(g.Members, userID) {
		return err
	}
	rest := slices.DeleteFunc(slices.Clone(g.Members), func(id string) bool { return id == userID })
	_, err = c.UpdateGroup(ctx, groupID, platform.GroupSpec{Name: g.Name, Members: rest})
	return err
}

// lockMembers serialises this process's membership changes of one group: a removal rewrites the members,
// and must not drop one added meanwhile.
func (c *Client) lockMembers(groupID int) func() {
	m, _ := c.memberLocks.LoadOrStore(groupID, &sync.Mutex{})
	mu := m.(*sync.Mutex) //nolint:forcetypeassert // only *sync.Mutex is stored
	mu.Lock()
	return mu.Unlock
}
