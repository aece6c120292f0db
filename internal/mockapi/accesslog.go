package mockapi

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// AccessLog writes one line per request to out: method, path, status and duration. Headers are
// never written, so the Authorization header cannot leak into a terminal or a CI log.
// A request whose connection was dropped by a fault shows "closed" instead of a status.
func AccessLog(next http.Handler, out io.Writer) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w}
		start := time.Now()
		defer func() {
			status := "closed"
			if rec.status != 0 {
				status = strconv.Itoa(rec.status)
			}
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(out, "%s %s %s %s %s\n", start.UTC().Format(time.RFC3339), r.Method, r.URL.Path, status, time.Since(start).Round(time.Microsecond))
		}()
		next.ServeHTTP(rec, r)
	})
}
