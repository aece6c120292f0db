package onyx

import (
	"context"
	"fmt"
	"time"
)

// pollPolicy paces the waits for Onyx's background sync: exponential from min to max between looks,
// for at most limit when the caller's context has no deadline of its own (Terraform's resource
// timeouts give one).
type pollPolicy struct {
	min, max, limit time.Duration
}

// defaultPoll starts fast, because a server without a vector index syncs at once, and backs off to a
// few seconds, because a normal one takes one or two 20-second beat cycles. Upstream tests wait up
// to 300 s; the limit leaves room for a busy server.
var defaultPoll = pollPolicy{min: 100 * time.Millisecond, max: 5 * time.Second, limit: 10 * time.Minute}

// pollUntil calls check until it reports done, fails, or the time is up. what names the wait in the
// timeout error.
func (c *Client) pollUntil(ctx context.Context, what string, check func(ctx context.Context) (bool, error)) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.poll.limit)
		defer cancel()
	}
	start := time.Now()
	wait := c.poll.min
	gaveUp := func(err error) error {
		return fmt.Errorf("onyx: gave up waiting after %s until %s: %w", time.Since(start).Round(time.Millisecond), what, err)
	}
	for {
		done, err := check(ctx)
		if err != nil && ctx.Err() != nil {
			return gaveUp(err) // the time ran out during a look
		}
		if err != nil || done {
			return err
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return gaveUp(ctx.Err())
		case <-timer.C:
		}
		wait = min(2*wait, c.poll.max)
	}
}
