package onyx

import (
	"context"
	"fmt"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// maxSyncRetries bounds how often one write is resent after "currently syncing" answers; each retry
// first waits for the sync, so this only guards against a server that never lets go.
const maxSyncRetries = 10

// waitSynced polls the group list (shared with the client's other waits) until the group's background
// sync has finished, and returns the group as it is then. A group that disappears or is marked for
// deletion meanwhile is not found.
func (c *Client) waitSynced(ctx context.Context, id int) (groupWire, error) {
	var out groupWire
	look := c.looks()
	err := c.pollUntil(ctx, fmt.Sprintf("user group %d has finished syncing", id), func(ctx context.Context) (bool, error) {
		g, err := c.liveGroup(ctx, look, id)
		if err != nil {
			return false, err
		}
		out = g
		return g.IsUpToDate, nil
	})
	if err == nil {
		c.keepGroup(out)
	} else {
		c.forgetGroups()
	}
	return out, err
}

// waitGone polls the group list (shared with the client's other waits) until the group's row is gone,
// which ends its pending deletion and frees its name.
func (c *Client) waitGone(ctx context.Context, id int) error {
	look := c.looks()
	err := c.pollUntil(ctx, fmt.Sprintf("user group %d, marked for deletion, is removed (its name stays taken until then)", id),
		func(ctx context.Context) (bool, error) {
			// Default groups cannot be deleted, so the group waited for is a user-made one.
			_, found, err := look.find(ctx, id, false)
			return !found, err
		})
	if err == nil {
		c.forgetGroup(id)
	} else {
		c.forgetGroups()
	}
	return err
}

// groupWrite sends a write to a group. An answer that the group is still syncing (404, or 409 on
// rename) is not an error and not "gone": the write waits for the sync and is sent again.
func (c *Client) groupWrite(ctx context.Context, id int, req httpclient.Request, out any) error {
	for attempt := 0; ; attempt++ {
		err := c.HTTP.DoJSON(ctx, req, out)
		if !isSyncing(err) || attempt == maxSyncRetries {
			return platform.WithKind(err, platform.KindUserGroup, strconv.Itoa(id))
		}
		if _, err := c.waitSynced(ctx, id); err != nil {
			return err
		}
	}
}
