package secoda

import (
	"net/http"
	"time"
)

// rateWindow is the window of Secoda's "30 calls per minute".
const rateWindow = time.Minute

// writeLimiter enforces the write limit the way DRF's throttles do: a sliding window holding the times
// of the writes it let through; a write arriving when the window is full is refused, with a wait until
// the oldest one leaves it. Refused writes are not counted, so a client that backs off recovers.
// Methods expect the Server's write lock.
type writeLimiter struct {
	limit   int         // writes per window, > 0; -1 means unlimited
	history []time.Time // admitted writes, oldest first
}

func newWriteLimiter(perMinute int) *writeLimiter {
	l := &writeLimiter{}
	l.setLimit(perMinute)
	return l
}

func (l *writeLimiter) setLimit(perMinute int) {
	switch {
	case perMinute == 0:
		l.limit = DocumentedWritesPerMinute
	case perMinute < 0:
		l.limit = -1
	default:
		l.limit = perMinute
	}
}

// admit records a write at now, or returns false and how long until one would be admitted.
func (l *writeLimiter) admit(now time.Time) (bool, time.Duration) {
	if l.limit < 0 {
		return true, 0
	}
	cutoff := now.Add(-rateWindow)
	drop := 0
	for drop < len(l.history) && !l.history[drop].After(cutoff) {
		drop++
	}
	l.history = l.history[drop:]
	if len(l.history) >= l.limit {
		return false, rateWindow - now.Sub(l.history[0])
	}
	l.history = append(l.history, now)
	return true, 0
}

// isWrite says which methods the limit applies to. The docs name POST, PUT and PATCH; DELETE is counted
// too, the stricter reading, so a client paced for the mock is paced for the service.
func isWrite(method string) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		return true
	}
	return false
}
