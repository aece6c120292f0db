package onyx

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// groupPoll shares lists of the groups among this client's waits for Onyx's background sync. Only the
// unpaginated list shows whether a group has synced or gone, so a wait per group listing on its own made N
// groups waited for at once cost N lists of N groups per poll interval. A wait needs an answer to a list sent
// after the write it waits on (or after its own previous look), but any such list will do, whoever sent it: a
// look takes the latest answer when it is recent enough, joins a list on its way when that was sent late
// enough, and otherwise sends one, at most one per poll interval. N waits then cost one list per interval.
type groupPoll struct {
	load func(context.Context) ([]groupWire, error)

	mu     sync.Mutex
	sent   uint64    // lists sent so far: a list's number is its place in that order
	sentAt time.Time // when the latest list was sent
	latest *polledList
	flight *polledList
}

// polledList is one list of the groups: its number, and its answer once done is closed.
type polledList struct {
	seq    uint64
	done   chan struct{}
	groups []groupWire
	err    error
}

func newGroupPoll(load func(context.Context) ([]groupWire, error)) *groupPoll {
	return &groupPoll{load: load}
}

// mark is where a wait starts: the lists sent from now on have numbers above it.
func (p *groupPoll) mark() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sent
}

// after returns the groups as answered to a list sent after mark (sending one if need be, no sooner than
// interval after the previous one), and that list's number, the mark of the caller's next look. The groups
// are shared: callers must not change them.
func (p *groupPoll) after(ctx context.Context, mark uint64, interval time.Duration) ([]groupWire, uint64, error) {
	for {
		p.mu.Lock()
		if l := p.latest; l != nil && l.seq > mark {
			p.mu.Unlock()
			return l.groups, l.seq, nil
		}
		if f := p.flight; f != nil {
			p.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return nil, 0, ctx.Err()
			}
			// A list that failed for its sender's own cancellation is no answer: look again.
			if f.seq > mark && f.err != nil && !isContextErr(f.err) {
				return nil, 0, f.err
			}
			continue
		}
		if wait := interval - time.Since(p.sentAt); wait > 0 {
			p.mu.Unlock()
			timer := time.NewTimer(wait)
			select {
			case <-timer.C:
			case <-ctx.Done():
				timer.Stop()
				return nil, 0, ctx.Err()
			}
			continue
		}
		p.sent++
		f := &polledList{seq: p.sent, done: make(chan struct{})}
		p.sentAt, p.flight = time.Now(), f
		p.mu.Unlock()

		f.groups, f.err = p.load(ctx)
		p.mu.Lock()
		p.flight = nil
		if f.err == nil {
			p.latest = f
		}
		p.mu.Unlock()
		close(f.done)
		return f.groups, f.seq, f.err
	}
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// groupLooks are one wait's looks at the group lists: each at a list sent after the wait began and after the
// wait's previous look at the same list.
type groupLooks struct {
	c                 *Client
	userMark, allMark uint64
}

// looks starts a wait: call it after the write waited on has been answered.
func (c *Client) looks() *groupLooks {
	return &groupLooks{c: c, userMark: c.userPoll.mark(), allMark: c.allPoll.mark()}
}

// find looks a group up by id, whatever its state, in the list read with each include_default in turn,
// stopping at the first list that has it.
func (l *groupLooks) find(ctx context.Context, id int, includeDefault ...bool) (groupWire, bool, error) {
	for _, withDefaults := range includeDefault {
		p, mark := l.c.userPoll, &l.userMark
		if withDefaults {
			p, mark = l.c.allPoll, &l.allMark
		}
		groups, seq, err := p.after(ctx, *mark, l.c.poll.min)
		if err != nil {
			return groupWire{}, false, err
		}
		*mark = seq
		for _, g := range groups {
			if g.ID == id {
				return g.clone(), true, nil
			}
		}
	}
	return groupWire{}, false, nil
}

// clone copies g's lists: a caller that decodes a write's answer into its copy must leave the shared answer
// (and the snapshots) alone.
func (g groupWire) clone() groupWire {
	g.Users = slices.Clone(g.Users)
	g.CuratorIDs = slices.Clone(g.CuratorIDs)
	g.ManagerIDs = slices.Clone(g.ManagerIDs)
	g.CCPairs = slices.Clone(g.CCPairs)
	return g
}
