package platform

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// adoptGrace bounds how long the natural-key lookup after an ambiguous create may run once the caller's
// context is done (Ctrl-C, a timeout): long enough for a list request or two, short enough that an
// interrupted apply still stops promptly. A variable so that tests can shorten it.
var adoptGrace = 20 * time.Second

// CreateOrAdopt runs create. When create fails ambiguously (the server may have applied it but the answer was
// lost, cut off, or abandoned because ctx was cancelled), it looks the object up by its natural key with find:
// a match is adopted instead of created twice, and a certain absence lets create run again. It gives up after
// attempts tries and returns the last error.
//
// find gets a context that outlives ctx by at most adoptGrace: an apply interrupted while a create was in
// flight still learns whether the object was made, so the object ends up in state rather than orphaned. Once
// ctx is done nothing is created again.
func CreateOrAdopt[T any](ctx context.Context, attempts int, create func() (T, error), find func(context.Context) (T, error)) (T, error) {
	var zero T
	if attempts < 1 {
		attempts = 1
	}
	var lastErr error
	for i := 0; i < attempts; i++ {
		obj, err := create()
		if err == nil {
			return obj, nil
		}
		if !IsAmbiguous(err) {
			return zero, err
		}
		lastErr = err
		found, findErr := lookUpAfter(ctx, find)
		if findErr == nil {
			return found, nil
		}
		if !IsNotFound(findErr) {
			return zero, errors.Join(lastErr, fmt.Errorf("looking it up to adopt it failed: %w", findErr))
		}
		if ctx.Err() != nil {
			var amb *AmbiguousError
			errors.As(lastErr, &amb)
			return zero, fmt.Errorf("%w; a lookup found no such object, so it was not created", amb.Err)
		}
	}
	return zero, lastErr
}

// settleDelay is how long a lookup that found nothing after a cancellation waits before it looks again: a
// server may still be applying a request whose client has just gone away.
var settleDelay = time.Second

// lookUpAfter runs find on a context that is cancelled adoptGrace after ctx is, or when find returns. When
// ctx is done and find finds nothing, it looks once more after settleDelay.
func lookUpAfter[T any](ctx context.Context, find func(context.Context) (T, error)) (T, error) {
	lookupCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	grace := adoptGrace // read now: the callback runs later, on another goroutine
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	defer stop()
	found, err := find(lookupCtx)
	if !IsNotFound(err) || ctx.Err() == nil {
		return found, err
	}
	select {
	case <-time.After(settleDelay):
		return find(lookupCtx)
	case <-lookupCtx.Done():
		return found, err
	}
}
