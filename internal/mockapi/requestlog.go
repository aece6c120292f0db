package mockapi

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// Entry is one API request as the mock saw it.
type Entry struct {
	Method   string    `json:"method"`
	Path     string    `json:"path"`
	RawQuery string    `json:"query,omitempty"`
	Status   int       `json:"status"` // status the API handler chose; 0 when the connection was closed before handling
	Fault    FaultKind `json:"fault,omitempty"`
	Time     time.Time `json:"time"`
	Duration Duration  `json:"duration"`
}

// RequestLog is a thread-safe, append-only record of API requests.
type RequestLog struct {
	mu      sync.Mutex
	entries []Entry
}

// NewRequestLog returns an empty log.
func NewRequestLog() *RequestLog { return &RequestLog{} }

// Record appends one entry.
func (l *RequestLog) Record(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, e)
}

// Entries returns a copy of every entry in arrival order.
func (l *RequestLog) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Entry(nil), l.entries...)
}

// Count returns the number of recorded requests.
func (l *RequestLog) Count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// CountMatching counts requests whose method equals method (any method when empty) and whose path
// starts with pathPrefix (any path when empty).
func (l *RequestLog) CountMatching(method, pathPrefix string) int {
	return len(l.Matching(method, pathPrefix))
}

// Matching returns the entries CountMatching counts.
func (l *RequestLog) Matching(method, pathPrefix string) []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Entry
	for _, e := range l.entries {
		if entryMatches(e, method, pathPrefix) {
			out = append(out, e)
		}
	}
	return out
}

// Writes counts the requests that are not GETs.
func (l *RequestLog) Writes() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, e := range l.entries {
		if e.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// Reset forgets every entry.
func (l *RequestLog) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = nil
}

func entryMatches(e Entry, method, pathPrefix string) bool {
	if method != "" && !strings.EqualFold(e.Method, method) {
		return false
	}
	return strings.HasPrefix(e.Path, pathPrefix)
}
