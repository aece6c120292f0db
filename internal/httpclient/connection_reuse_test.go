package httpclient

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// Terraform refreshes up to 10 objects at once through one client: each of those requests keeps its
// connection (for a TLS server, its handshake) from one object to the next.
func TestConcurrentRequestsReuseTheirConnections(t *testing.T) {
	var opened atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(`{}`))
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, Authorization: "Bearer s3cret-token", InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	const parallelism = 10
	refresh := func(each int) {
		var wg sync.WaitGroup
		for range parallelism {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range each {
					if _, err := c.Do(context.Background(), Request{Method: http.MethodGet, Path: "/things/"}); err != nil {
						t.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
	}
	// The first requests open the connections (a few more than 10 when dials race); after that, none.
	refresh(5)
	opened.Store(0)
	refresh(50)
	if got := opened.Load(); got > 0 {
		t.Fatalf("%d more requests from %d goroutines opened %d more connections, want none", parallelism*50, parallelism, got)
	}
}
