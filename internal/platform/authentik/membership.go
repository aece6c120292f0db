package authentik

import (
	"context"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var _ platform.MembershipManager = (*Client)(nil)

// AddGroupMember implements platform.MembershipManager with add_user, which touches only this membership
// (idempotent on the server, so safe to retry).
func (c *Client) AddGroupMember(ctx context.Context, groupID, userID string) error {
	return c.memberAction(ctx, groupID, userID, "add_user/")
}

// RemoveGroupMember implements platform.MembershipManager with remove_user.
func (c *Client) RemoveGroupMember(ctx context.Context, groupID, userID string) error {
	return c.memberAction(ctx, groupID, userID, "remove_user/")
}

func (c *Client) memberAction(ctx context.Context, groupID, userID, action string) error {
	if err := checkGroupID(groupID); err != nil {
		return err
	}
	pk, err := parseUserID(userID)
	if err != nil {
		return err
	}
	req := httpclient.Request{Method: http.MethodPost, Path: groupPath(groupID) + action, Body: map[string]int64{"pk": pk}, Idempotent: true}
	return platform.WithKind(c.HTTP.DoJSON(ctx, req, nil), platform.KindUserGroup, groupID)
}
