package platform

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var errLost = &AmbiguousError{Err: &APIError{Method: "POST", Path: "/x/", Message: "connection reset"}}

func TestCreateOrAdoptAdoptsAfterALostResponse(t *testing.T) {
	creates, finds := 0, 0
	got, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) { creates++; return "", errLost },
		func(context.Context) (string, error) { finds++; return "adopted", nil })
	if err != nil || got != "adopted" {
		t.Fatalf("got %q, %v; want the adopted object", got, err)
	}
	if creates != 1 || finds != 1 {
		t.Errorf("creates=%d finds=%d, want 1 and 1 (no second POST)", creates, finds)
	}
}

func TestCreateOrAdoptCreatesAgainOnlyWhenCertainlyAbsent(t *testing.T) {
	creates := 0
	got, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) {
			creates++
			if creates == 1 {
				return "", errLost
			}
			return "created", nil
		},
		func(context.Context) (string, error) { return "", &NotFoundError{Kind: "user_group", ID: "x"} })
	if err != nil || got != "created" || creates != 2 {
		t.Fatalf("got %q, %v after %d creates; want created after 2", got, err, creates)
	}
}

func TestCreateOrAdoptStopsOnLookupFailure(t *testing.T) {
	creates := 0
	_, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) { creates++; return "", errLost },
		func(context.Context) (string, error) { return "", errors.New("lookup broke") })
	if err == nil || creates != 1 {
		t.Fatalf("want an error after one create, got %v after %d", err, creates)
	}
}

func TestCreateOrAdoptReturnsPlainErrorsAtOnce(t *testing.T) {
	invalid := &InvalidError{Fields: []FieldError{{Field: FieldName, Message: "taken"}}, Err: &APIError{Status: 400}}
	finds := 0
	_, err := CreateOrAdopt(context.Background(), 3,
		func() (string, error) { return "", invalid },
		func(context.Context) (string, error) { finds++; return "", nil })
	if !errors.Is(err, invalid) || finds != 0 {
		t.Fatalf("got %v with %d lookups; want the validation error and no lookup", err, finds)
	}
}

func TestCreateOrAdoptGivesUpAfterAttempts(t *testing.T) {
	creates := 0
	_, err := CreateOrAdopt(context.Background(), 2,
		func() (string, error) { creates++; return "", errLost },
		func(context.Context) (string, error) { return "", &NotFoundError{Kind: "user", ID: "a"} })
	if !IsAmbiguous(err) || creates != 2 {
		t.Fatalf("got %v after %d creates; want the ambiguous error after 2", err, creates)
	}
}

// A create abandoned by Ctrl-C (its request cancelled mid-flight) may have been applied: the lookup still
// runs, on a context that is not cancelled with the caller's, and a match is adopted.
func TestCreateOrAdoptLooksUpAfterCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	creates := 0
	got, err := CreateOrAdopt(ctx, 3,
		func() (string, error) { creates++; cancel(); return "", errLost },
		func(lookupCtx context.Context) (string, error) {
			if lookupCtx.Err() != nil {
				return "", lookupCtx.Err()
			}
			return "adopted", nil
		})
	if err != nil || got != "adopted" || creates != 1 {
		t.Fatalf("got %q, %v after %d creates; want the object adopted after one create", got, err, creates)
	}
}

// After a cancellation, a lookup that finds nothing ends the create: nothing is sent again.
func TestCreateOrAdoptDoesNotCreateAgainAfterCancellation(t *testing.T) {
	defer shortSettle(t)()
	ctx, cancel := context.WithCancel(context.Background())
	creates, finds := 0, 0
	_, err := CreateOrAdopt(ctx, 3,
		func() (string, error) { creates++; cancel(); return "", errLost },
		func(context.Context) (string, error) { finds++; return "", &NotFoundError{Kind: "user", ID: "a"} })
	if err == nil || creates != 1 || finds != 2 || !strings.Contains(err.Error(), "not created") {
		t.Fatalf("got %v after %d creates and %d lookups; want one create, two lookups and an error saying it was not created", err, creates, finds)
	}
}

// A server may finish applying a request after its client went away: a lookup that finds nothing after a
// cancellation looks again a moment later, and adopts what it finds then.
func TestCreateOrAdoptLooksAgainAfterCancellation(t *testing.T) {
	defer shortSettle(t)()
	ctx, cancel := context.WithCancel(context.Background())
	finds := 0
	got, err := CreateOrAdopt(ctx, 3,
		func() (string, error) { cancel(); return "", errLost },
		func(context.Context) (string, error) {
			finds++
			if finds == 1 {
				return "", &NotFoundError{Kind: "user", ID: "a"}
			}
			return "adopted", nil
		})
	if err != nil || got != "adopted" {
		t.Fatalf("got %q, %v after %d lookups; want the object adopted by the second lookup", got, err, finds)
	}
}

func shortSettle(t *testing.T) (restore func()) {
	t.Helper()
	saved := settleDelay
	settleDelay = time.Millisecond
	return func() { settleDelay = saved }
}

// The lookup after a cancellation is bounded: it is cancelled adoptGrace after the caller's context.
func TestCreateOrAdoptBoundsTheLookupAfterCancellation(t *testing.T) {
	saved := adoptGrace
	adoptGrace = 50 * time.Millisecond
	defer func() { adoptGrace = saved }()
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	_, err := CreateOrAdopt(ctx, 3,
		func() (string, error) { cancel(); return "", errLost },
		func(lookupCtx context.Context) (string, error) {
			select {
			case <-lookupCtx.Done():
				return "", lookupCtx.Err()
			case <-time.After(5 * time.Second):
				return "", errors.New("the lookup was not bounded")
			}
		})
	if elapsed := time.Since(start); err == nil || !errors.Is(err, context.Canceled) || elapsed > 2*time.Second {
		t.Fatalf("got %v after %s; want the lookup cancelled about %s after the caller", err, elapsed, adoptGrace)
	}
}
