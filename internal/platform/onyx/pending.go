package onyx

import (
	"context"
	"slices"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A person who has been invited but has not signed up has no user id, so no group can take them yet. A
// group write adds the members who can join and leaves the others pending; the group keeps them as members
// (Terraform asked for them, and an apply cannot do more) and lists them in GroupExtra.PendingMembers. Onyx
// stores nothing about them, so a refresh learns them from Terraform's state (KeepPendingMembers). Once they
// have signed up they are no longer pending, the refresh reports the group without them, and the plan shows
// the update that adds them.

var _ platform.PendingMemberKeeper = (*Client)(nil)

// withPending reports pending as members of g, waiting.
func withPending(g platform.Group, pending []string) platform.Group {
	if len(pending) == 0 {
		return g
	}
	extra, _ := g.Extra.(GroupExtra)
	extra.PendingMembers = sortedSet(pending)
	g.Extra = extra
	g.Members = sortedSet(append(slices.Clone(g.Members), pending...))
	return g
}

// KeepPendingMembers implements platform.PendingMemberKeeper: those of want missing from g who still have
// a pending invitation stay members, listed as pending. It reads the user directory (once per process) only
// when a member is missing.
func (c *Client) KeepPendingMembers(ctx context.Context, g platform.Group, want []string) (platform.Group, error) {
	in := make(map[string]bool, len(g.Members))
	for _, m := range g.Members {
		in[m] = true
	}
	var missing []string
	for _, m := range want {
		if !in[userID(m)] {
			missing = append(missing, userID(m))
		}
	}
	if len(missing) == 0 {
		return g, nil
	}
	var pending []string
	err := c.inDirectory(ctx, false, func(d *directory) {
		for _, id := range missing {
			if _, invited := d.invited[id]; invited {
				pending = append(pending, id)
			}
		}
	})
	if err != nil {
		return platform.Group{}, err
	}
	return withPending(g, pending), nil
}
