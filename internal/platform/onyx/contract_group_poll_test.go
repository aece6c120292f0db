package onyx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// frozen is a mock clock that stands still, so a background sync completes only when the test says.
func frozen() func() time.Time {
	now := time.Now()
	return func() time.Time { return now }
}

// groupLists counts the lists of the groups the mock answered (both include_default values).
func (c *contract) groupLists() int {
	return c.mock.Log().CountMatching(http.MethodGet, "/api"+groupsPath)
}

// groupsInMock lists the user-made groups past the client.
func (c *contract) groupsInMock() []groupWire {
	c.t.Helper()
	var out []groupWire
	asJSON(c.t, c.raw(http.MethodGet, groupsPath+"?include_default=false"), &out)
	return out
}

// asJSON converts a decoded JSON value into out.
func asJSON(t *testing.T, v, out any) {
	t.Helper()
	raw, err := json.Marshal(v)
	if err == nil {
		err = json.Unmarshal(raw, out)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// syncPollInterval is the client's poll interval in these tests: fixed (min = max), so a wait per group
// listing on its own would list once per interval per group.
const syncPollInterval = 40 * time.Millisecond

// concurrentGroupWaits runs op for n groups at once while the mock's sync stands still, for at least
// `hold`; then completes the syncs and waits for every op. It fails the test if an op returned before the
// sync (it must wait) or failed, and reports how many lists of the groups the client may have made while the
// ops were held (the snapshot the ops read first, then one per poll interval) and how many it made.
func concurrentGroupWaits(t *testing.T, c *contract, n int, hold time.Duration, op func(i int) error) (most, lists int) {
	t.Helper()
	c.client.poll = pollPolicy{min: syncPollInterval, max: syncPollInterval, limit: 10 * time.Second}
	before, start := c.groupLists(), time.Now()
	var returned atomic.Int32
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			errs[i] = op(i)
			returned.Add(1)
		})
	}
	time.Sleep(hold)
	if r := returned.Load(); r != 0 {
		t.Errorf("%d of %d returned while Onyx's sync was still pending", r, n)
	}
	lists = c.groupLists() - before
	held := time.Since(start)
	most = 1 + int(held/syncPollInterval) + 1
	t.Logf("%d lists of the groups while %d waits were held for %s", lists, n, held)
	c.hook(http.MethodPost, "/sync", nil)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("group %d: %v", i, err)
		}
	}
	return most, lists
}

// N groups updated at once while their syncs are pending wait for them together: while they wait, the client
// lists the groups about once per poll interval, not once per interval per group.
func TestContractConcurrentUpdatesShareTheirPolls(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{SyncDelay: time.Second, Now: frozen()})
		const n, hold = 20, 400 * time.Millisecond
		ids := make([]string, n)
		for i := range n {
			var g groupWire
			asJSON(t, c.send(http.MethodPost, "/api"+groupsPath, map[string]any{"name": fmt.Sprintf("g%d", i), "user_ids": []string{}, "cc_pair_ids": []int{}}, true), &g)
			ids[i] = strconv.Itoa(g.ID)
		}
		c.nextCommand()
		most, lists := concurrentGroupWaits(t, c, n, hold, func(i int) error {
			_, err := c.client.UpdateGroup(c.ctx, ids[i], platform.GroupSpec{Name: fmt.Sprintf("g%d", i), Members: []string{ada}})
			return err
		})
		// A poll per group would be n lists per interval.
		if lists > most || lists < 2 {
			t.Errorf("%d updates waiting %s for their sync listed the groups %d times, want 2 to %d", n, hold, lists, most)
		}
		for _, g := range c.groupsInMock() {
			if len(g.Users) != 1 {
				t.Errorf("group %d has %d members after its update returned, want 1", g.ID, len(g.Users))
			}
		}
	})
}

// N groups created at once do not wait for their first sync: each costs its POST, and all of them together one
// list of the groups (the snapshot their names are checked against), whatever N.
func TestContractConcurrentCreatesDoNotWait(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{SyncDelay: time.Second, Now: frozen()})
		const n = 20
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				_, errs[i] = c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: fmt.Sprintf("g%d", i), Members: []string{ada}})
			})
		}
		wg.Wait() // the clock stands still: a create that waited for its sync would never return
		for i, err := range errs {
			if err != nil {
				t.Errorf("group %d: %v", i, err)
			}
		}
		if posts, lists := c.mock.Log().CountMatching(http.MethodPost, "/api"+groupsPath), c.groupLists(); posts != n || lists != 1 {
			t.Errorf("%d creates sent %d POSTs and %d lists of the groups, want %d and 1", n, posts, lists, n)
		}
		if s := c.state(); s.PendingSyncs != n {
			t.Errorf("%d syncs pending, want %d", s.PendingSyncs, n)
		}
	})
}

// N groups deleted at once are confirmed by their DELETEs' answers: each costs its DELETE, all of them
// together one list of the groups (the snapshot that tells a group's state), and they return while Onyx still
// lists the rows as being deleted. A read then finds each gone.
func TestContractConcurrentDeletesDoNotWait(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{SyncDelay: time.Second, Now: frozen()})
		const n = 20
		ids := make([]string, n)
		for i := range n {
			var g groupWire
			asJSON(t, c.send(http.MethodPost, "/api"+groupsPath, map[string]any{"name": fmt.Sprintf("d%d", i), "user_ids": []string{}, "cc_pair_ids": []int{}}, true), &g)
			ids[i] = strconv.Itoa(g.ID)
		}
		c.hook(http.MethodPost, "/sync", nil)
		c.nextCommand()
		c.mock.Log().Reset()
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() { errs[i] = c.client.DeleteGroup(c.ctx, ids[i]) })
		}
		wg.Wait() // the clock stands still: a delete that waited for the row to go would never return
		for i, err := range errs {
			if err != nil {
				t.Errorf("group %d: %v", i, err)
			}
		}
		if dels, lists := c.mock.Log().CountMatching(http.MethodDelete, "/api"+groupsPath), c.groupLists(); dels != n || lists != 1 {
			t.Errorf("%d deletes sent %d DELETEs and %d lists of the groups, want %d and 1", n, dels, lists, n)
		}
		if s := c.state(); len(s.Groups.Deleting) != n {
			t.Errorf("%d groups being deleted, want %d", len(s.Groups.Deleting), n)
		}
		for _, id := range ids {
			_, err := c.client.ReadGroup(c.ctx, id)
			wantNotFound(t, err, "user_group", id)
		}
		c.nextCommand()
		_, err := c.client.ReadGroup(c.ctx, ids[0])
		wantNotFound(t, err, "user_group", ids[0])
	})
}

// A wait's look never takes a list sent before the write it waits on: that list may predate the write.
func TestGroupPollLooksAtListsSentAfterTheMark(t *testing.T) {
	var loads atomic.Int32
	release := make(chan struct{})
	p := newGroupPoll(func(context.Context) ([]groupWire, error) {
		n := loads.Add(1)
		if n == 1 {
			<-release
		}
		return []groupWire{{ID: int(n)}}, nil
	})
	ctx := context.Background()
	first := make(chan uint64)
	go func() {
		_, seq, _ := p.after(ctx, p.mark(), 0)
		first <- seq
	}()
	for loads.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	// The first list is on its way; a write answered now may or may not be in it.
	mark := p.mark()
	second := make(chan []groupWire)
	go func() {
		groups, _, _ := p.after(ctx, mark, 0)
		second <- groups
	}()
	time.Sleep(20 * time.Millisecond)
	close(release)
	if seq := <-first; seq != 1 {
		t.Errorf("the first look got list %d, want 1", seq)
	}
	if groups := <-second; len(groups) != 1 || groups[0].ID != 2 {
		t.Errorf("a look marked while list 1 was on its way got %+v, want the answer to list 2", groups)
	}
	// A later look from an older mark takes the latest answer without listing again.
	if groups, seq, err := p.after(ctx, 1, time.Hour); err != nil || seq != 2 || groups[0].ID != 2 || loads.Load() != 2 {
		t.Errorf("look after list 1: %+v, list %d, %v; %d lists", groups, seq, err, loads.Load())
	}
}

// A create never polls: its one list is the snapshot the name is checked against. Curators set after the
// create show only in a list: one more look, not a wait for the sync.
func TestContractCreateAnsweredSyncedDoesNotPoll(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{SyncDelay: -1})
		c.group("instant", []string{ada}, nil)
		// The one list is the snapshot the create checks the name against.
		if n := c.groupLists(); n != 1 {
			t.Errorf("a create answered up to date listed the groups %d times, want 1", n)
		}
		g := c.group("curated", []string{ada}, &GroupExtra{CuratorIDs: []string{ada}})
		if extra, _ := g.Extra.(GroupExtra); !slices.Equal(extra.CuratorIDs, []string{ada}) {
			t.Errorf("created with curators %v, want [%s]", extra.CuratorIDs, ada)
		}
	})
}
