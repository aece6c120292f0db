package unleash

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateLimiter is express-rate-limit's memory store as Unleash configures it for user creation: a fixed
// window that starts at the first request after the previous window ended, draft-6 RateLimit-* headers on
// every limited request, and a text/html 429 with Retry-After (the seconds until the window ends) once the
// window's budget is spent. Every request counts, rejected ones included. All callers share one budget: the
// real key is the client IP, and a mock's clients are all on 127.0.0.1.
type rateLimiter struct {
	limit  int
	window time.Duration

	mu      sync.Mutex
	hits    int
	resetAt time.Time
}

// allow counts the request, sets the headers and reports whether it may proceed; when not, it has answered.
func (l *rateLimiter) allow(w http.ResponseWriter, now time.Time) bool {
	l.mu.Lock()
	if !now.Before(l.resetAt) {
		l.hits = 0
		l.resetAt = now.Add(l.window)
	}
	l.hits++
	hits, resetAt := l.hits, l.resetAt
	l.mu.Unlock()

	resetSeconds := int((resetAt.Sub(now) + time.Second - 1) / time.Second) // Math.ceil
	h := w.Header()
	h.Set("RateLimit-Policy", strconv.Itoa(l.limit)+";w="+strconv.Itoa(int(l.window/time.Second)))
	h.Set("RateLimit-Limit", strconv.Itoa(l.limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(max(l.limit-hits, 0)))
	h.Set("RateLimit-Reset", strconv.Itoa(resetSeconds))
	if hits <= l.limit {
		return true
	}
	h.Set("Retry-After", strconv.Itoa(resetSeconds))
	h.Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte("Too many requests, please try again later."))
	return false
}
