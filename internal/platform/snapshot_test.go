package platform

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type item struct {
	ID   int
	Name string
}

func itemID(i item) int { return i.ID }

// lister is a collection on a server: each load is one list request.
type lister struct {
	mu    sync.Mutex
	items []item
	loads atomic.Int32
	// gate, when set, holds every load until it is closed.
	gate chan struct{}
}

func (l *lister) load(ctx context.Context) ([]item, error) {
	// The answer is what the server held when the request arrived, however late it comes back.
	l.mu.Lock()
	answer := slices.Clone(l.items)
	l.mu.Unlock()
	l.loads.Add(1)
	if l.gate != nil {
		select {
		case <-l.gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return answer, nil
}

func TestSnapshotListsOnceForManyReads(t *testing.T) {
	l := &lister{items: []item{{1, "a"}, {2, "b"}, {3, "c"}}}
	s := NewSnapshot(itemID)
	for _, id := range []int{1, 2, 3, 4} {
		got, found, err := s.Find(context.Background(), l.load, id)
		if err != nil {
			t.Fatal(err)
		}
		if found != (id != 4) || (found && got.ID != id) {
			t.Fatalf("Find(%d) = %v, %v", id, got, found)
		}
	}
	if n := l.loads.Load(); n != 1 {
		t.Fatalf("%d list requests for 4 reads, want 1", n)
	}
}

func TestSnapshotSeesThisClientsWrites(t *testing.T) {
	l := &lister{items: []item{{1, "a"}, {2, "b"}}}
	s := NewSnapshot(itemID)
	ctx := context.Background()
	if _, err := s.All(ctx, l.load); err != nil {
		t.Fatal(err)
	}
	s.Put(item{3, "new"})     // created
	s.Put(item{1, "renamed"}) // updated
	s.Remove(2)               // deleted
	all, err := s.All(ctx, l.load)
	if err != nil {
		t.Fatal(err)
	}
	if want := []item{{1, "renamed"}, {3, "new"}}; !slices.Equal(all, want) {
		t.Fatalf("All = %v, want %v", all, want)
	}
	if _, found, _ := s.Find(ctx, l.load, 2); found {
		t.Fatal("a removed object is still found")
	}
	if got, found, _ := s.Find(ctx, l.load, 3); !found || got.Name != "new" {
		t.Fatalf("a created object reads as %v, %v", got, found)
	}
	if n := l.loads.Load(); n != 1 {
		t.Fatalf("%d list requests, want 1: writes are recorded, not re-listed", n)
	}
}

func TestSnapshotInvalidateListsAgain(t *testing.T) {
	l := &lister{items: []item{{1, "a"}}}
	s := NewSnapshot(itemID)
	ctx := context.Background()
	if _, _, err := s.Find(ctx, l.load, 1); err != nil {
		t.Fatal(err)
	}
	l.mu.Lock()
	l.items = []item{{1, "changed"}}
	l.mu.Unlock()
	s.Invalidate()
	got, _, err := s.Find(ctx, l.load, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "changed" || l.loads.Load() != 2 {
		t.Fatalf("after Invalidate: %v with %d loads, want the server's new answer from a second list", got, l.loads.Load())
	}
}

func TestSnapshotConcurrentReadsShareOneList(t *testing.T) {
	l := &lister{items: []item{{1, "a"}}, gate: make(chan struct{})}
	s := NewSnapshot(itemID)
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, found, err := s.Find(context.Background(), l.load, 1); err != nil || !found {
				errs <- fmt.Errorf("found %v, err %v", found, err)
			}
		}()
	}
	waitFor(t, func() bool { return l.loads.Load() == 1 })
	time.Sleep(20 * time.Millisecond) // let the others queue behind the one list
	close(l.gate)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := l.loads.Load(); n != 1 {
		t.Fatalf("%d list requests for 20 concurrent reads, want 1", n)
	}
}

func TestSnapshotDoesNotKeepAnAnswerOlderThanAWrite(t *testing.T) {
	l := &lister{items: []item{{1, "a"}}, gate: make(chan struct{})}
	s := NewSnapshot(itemID)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _, _ = s.Find(context.Background(), l.load, 1)
	}()
	waitFor(t, func() bool { return l.loads.Load() == 1 })
	// The list is on its way; meanwhile this client deletes object 1 on the server.
	l.mu.Lock()
	l.items = nil
	l.mu.Unlock()
	s.Remove(1)
	close(l.gate)
	<-done
	if _, found, err := s.Find(context.Background(), l.load, 1); err != nil || found {
		t.Fatalf("after a delete during the fill: found %v, err %v; want gone", found, err)
	}
}

// Writes made while the list is on its way go on top of its answer, whether it shows them or not: no second
// list.
func TestSnapshotKeepsAnAnswerOvertakenByWrites(t *testing.T) {
	l := &lister{items: []item{{1, "a"}, {3, "c"}}, gate: make(chan struct{})}
	s := NewSnapshot(itemID)
	done := make(chan error)
	go func() {
		_, err := s.All(context.Background(), l.load)
		done <- err
	}()
	waitFor(t, func() bool { return l.loads.Load() == 1 })
	// The answer holds 1 and 3 as they were; meanwhile this client deletes 1, creates 2 and renames 3 (then 2).
	l.mu.Lock()
	l.items = []item{{2, "b2"}, {3, "c2"}}
	l.mu.Unlock()
	s.Remove(1)
	s.Put(item{2, "b"})
	s.Put(item{3, "c2"})
	s.Put(item{2, "b2"})
	close(l.gate)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	got, err := s.All(context.Background(), l.load)
	slices.SortFunc(got, func(a, b item) int { return a.ID - b.ID })
	if want := []item{{2, "b2"}, {3, "c2"}}; err != nil || !slices.Equal(got, want) {
		t.Errorf("All = %v, %v; want %v", got, err, want)
	}
	if _, found, _ := s.Find(context.Background(), l.load, 1); found {
		t.Error("the object deleted during the fill is still there")
	}
	if n := l.loads.Load(); n != 1 {
		t.Errorf("%d lists, want 1: the writes during the fill go on top of its answer", n)
	}
}

func TestSnapshotWaiterOutlivesTheFillersCancellation(t *testing.T) {
	l := &lister{items: []item{{1, "a"}}, gate: make(chan struct{})}
	s := NewSnapshot(itemID)
	leaderCtx, cancel := context.WithCancel(context.Background())
	leaderErr := make(chan error, 1)
	go func() {
		_, _, err := s.Find(leaderCtx, l.load, 1)
		leaderErr <- err
	}()
	waitFor(t, func() bool { return l.loads.Load() == 1 })
	waiter := make(chan error, 1)
	go func() {
		_, found, err := s.Find(context.Background(), l.load, 1)
		if err == nil && !found {
			err = errors.New("not found")
		}
		waiter <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-leaderErr; !errors.Is(err, context.Canceled) {
		t.Fatalf("the cancelled filler got %v", err)
	}
	close(l.gate)
	if err := <-waiter; err != nil {
		t.Fatalf("a waiter failed with the filler's cancellation: %v", err)
	}
}

func TestSnapshotKeepsNoFailedAnswer(t *testing.T) {
	s := NewSnapshot(itemID)
	calls := 0
	failing := func(context.Context) ([]item, error) {
		calls++
		if calls == 1 {
			return nil, errors.New("503")
		}
		return []item{{1, "a"}}, nil
	}
	if _, _, err := s.Find(context.Background(), failing, 1); err == nil {
		t.Fatal("the failed list did not fail the read")
	}
	if _, found, err := s.Find(context.Background(), failing, 1); err != nil || !found {
		t.Fatalf("the read after a failed list: found %v, err %v", found, err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(time.Millisecond)
	}
}
