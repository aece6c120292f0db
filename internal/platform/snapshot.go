package platform

import (
	"context"
	"errors"
	"sync"
)

// Snapshot keeps one answer of a list-only collection (an API with no read by id) for the life of one
// client, which is one provider process and so one terraform command: N reads of N objects then cost one
// list, not N lists of N objects each. Concurrent first reads share one request. The client's own writes are
// recorded on top of the answer (Put, Remove), so a read after a write sees it without listing again; so are
// the writes made while the list is on its way, since its answer may or may not include them.
//
// Whatever needs the server's current word (polling for a change, finding what a lost create made) lists
// without the snapshot.
type Snapshot[K comparable, T any] struct {
	key func(T) K

	mu      sync.Mutex
	filled  bool
	base    []T
	index   map[K]int
	changed map[K]change[T]
	added   []K // keys Put that the answer did not have, in order
	flight  *fill[K, T]
}

// change is one write of this client on top of the answer: the new object, or its removal.
type change[T any] struct {
	item    T
	removed bool
}

type fill[K comparable, T any] struct {
	done  chan struct{}
	items []T
	err   error
	// writes are this client's writes made while the list was on its way, in order; the answer is kept with
	// them on top.
	writes  map[K]change[T]
	written []K
}

// NewSnapshot makes an empty snapshot whose objects are told apart by key.
func NewSnapshot[K comparable, T any](key func(T) K) *Snapshot[K, T] {
	return &Snapshot[K, T]{key: key}
}

// Find returns the object with key k, listing with load first unless an answer is kept.
func (s *Snapshot[K, T]) Find(ctx context.Context, load func(context.Context) ([]T, error), k K) (T, bool, error) {
	var zero T
	if err := s.ensure(ctx, load); err != nil {
		return zero, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.changed[k]; ok {
		return c.item, !c.removed, nil
	}
	if i, ok := s.index[k]; ok {
		return s.base[i], true, nil
	}
	return zero, false, nil
}

// All returns every object: the kept answer with this client's writes applied, in the answer's order and new
// objects last. The slice is the caller's.
func (s *Snapshot[K, T]) All(ctx context.Context, load func(context.Context) ([]T, error)) ([]T, error) {
	if err := s.ensure(ctx, load); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]T, 0, len(s.base)+len(s.added))
	for _, item := range s.base {
		c, ok := s.changed[s.key(item)]
		switch {
		case !ok:
			out = append(out, item)
		case !c.removed:
			out = append(out, c.item)
		}
	}
	for _, k := range s.added {
		if c := s.changed[k]; !c.removed {
			out = append(out, c.item)
		}
	}
	return out, nil
}

// Put records an object this client created or changed.
func (s *Snapshot[K, T]) Put(item T) {
	s.write(s.key(item), change[T]{item: item})
}

// Remove records an object this client deleted.
func (s *Snapshot[K, T]) Remove(k K) {
	s.write(k, change[T]{removed: true})
}

// Invalidate drops the kept answer: the next read lists again. For writes whose effect on the collection is
// not known exactly.
func (s *Snapshot[K, T]) Invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.filled, s.base, s.index, s.changed, s.added, s.flight = false, nil, nil, nil, nil, nil
}

func (s *Snapshot[K, T]) write(k K, c change[T]) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch f := s.flight; {
	case s.filled:
		s.apply(k, c)
	case f != nil:
		// An answer still on its way may or may not include this write: it goes on top of it.
		if _, seen := f.writes[k]; !seen {
			f.written = append(f.written, k)
		}
		f.writes[k] = c
	}
	// With neither, the next list is sent after this write and shows it.
}

// apply records a write on top of the kept answer. Needs s.mu held.
func (s *Snapshot[K, T]) apply(k K, c change[T]) {
	if _, seen := s.changed[k]; !seen {
		if _, inBase := s.index[k]; !inBase {
			s.added = append(s.added, k)
		}
	}
	s.changed[k] = c
}

// Fill lists the collection if the snapshot has no answer yet, as the first read does, without copying it.
func (s *Snapshot[K, T]) Fill(ctx context.Context, load func(context.Context) ([]T, error)) error {
	return s.ensure(ctx, load)
}

// ensure fills the snapshot once; callers that arrive during the fill wait for it rather than list again.
func (s *Snapshot[K, T]) ensure(ctx context.Context, load func(context.Context) ([]T, error)) error {
	for {
		s.mu.Lock()
		if s.filled {
			s.mu.Unlock()
			return nil
		}
		f := s.flight
		if f == nil {
			f = &fill[K, T]{done: make(chan struct{}), writes: map[K]change[T]{}}
			s.flight = f
			s.mu.Unlock()
			return s.run(ctx, load, f)
		}
		s.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		// The filler's own cancellation is not this caller's failure: try again (and fill, if need be).
		if f.err != nil && !isContextErr(f.err) {
			return f.err
		}
	}
}

func (s *Snapshot[K, T]) run(ctx context.Context, load func(context.Context) ([]T, error), f *fill[K, T]) error {
	f.items, f.err = load(ctx)
	s.mu.Lock()
	if s.flight == f {
		s.flight = nil
		if f.err == nil {
			s.filled, s.base, s.changed, s.added = true, f.items, map[K]change[T]{}, nil
			s.index = make(map[K]int, len(f.items))
			for i, item := range f.items {
				s.index[s.key(item)] = i
			}
			for _, k := range f.written {
				s.apply(k, f.writes[k])
			}
		}
	}
	s.mu.Unlock()
	close(f.done)
	if f.err != nil {
		return f.err
	}
	// An Invalidate during the fill left this answer unkept; this caller may still use it, being concurrent
	// with the write that called it, but reads it through the snapshot like everyone else: fill again.
	s.mu.Lock()
	filled := s.filled
	s.mu.Unlock()
	if !filled {
		return s.ensure(ctx, load)
	}
	return nil
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
