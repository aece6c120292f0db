package onyx

import (
	"context"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The user directory is one unpaginated list of everyone, so reading it per invitation or per group write
// made N of them cost N lists of N people. This process reads it once (concurrent callers wait for that one
// read), keeps it up to date with its own invitations and deletions, and reads it again only when asked to
// (a miss that must not become an error). It is never kept across terraform commands: each has its own
// provider process.

// inDirectory runs f on the directory as this process knows it, read now when fresh is set or when there is
// none yet. f runs with the directory locked and may record this process's own writes in it.
func (c *Client) inDirectory(ctx context.Context, fresh bool, f func(d *directory)) error {
	c.dirMu.Lock()
	defer c.dirMu.Unlock()
	if c.dir == nil || fresh {
		d, err := c.readDirectory(ctx, "")
		if err != nil {
			return err
		}
		c.dir = &d
	}
	f(c.dir)
	return nil
}

// claimInvitation records an invitation about to be sent, unless the directory already has the address: then
// it returns that user or invitation and taken. Recording it before the request makes a second create of the
// same address in this process a conflict, as it is after the first one's answer.
func (c *Client) claimInvitation(ctx context.Context, email string) (existing platform.User, taken bool, err error) {
	err = c.inDirectory(ctx, false, func(d *directory) {
		if existing, taken = d.lookup(userID(email)); !taken {
			d.invited[userID(email)] = normalizedEmail(email)
		}
	})
	return existing, taken, err
}

// forgetPerson records that the user or invitation with that id is gone.
func (c *Client) forgetPerson(id string) {
	c.dirMu.Lock()
	defer c.dirMu.Unlock()
	if c.dir != nil {
		delete(c.dir.users, id)
		delete(c.dir.invited, id)
	}
}

// forgetDirectory drops the directory, after a write whose outcome is not known.
func (c *Client) forgetDirectory() {
	c.dirMu.Lock()
	defer c.dirMu.Unlock()
	c.dir = nil
}
