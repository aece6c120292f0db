package platform

import (
	"context"
	"errors"
)

// CreateOrAdopt runs create. When create fails ambiguously (the server may have applied it but the answer was
// lost), it looks the object up by its natural key with find: a match is adopted instead of created twice, and
// a certain absence lets create run again. It gives up after attempts tries and returns the last error.
func CreateOrAdopt[T any](ctx context.Context, attempts int, create func() (T, error), find func() (T, error)) (T, error) {
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
		if ctx.Err() != nil {
			return zero, errors.Join(lastErr, ctx.Err())
		}
		found, findErr := find()
		if findErr == nil {
			return found, nil
		}
		if !IsNotFound(findErr) {
			return zero, errors.Join(lastErr, findErr)
		}
	}
	return zero, lastErr
}
