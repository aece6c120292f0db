package tykaistudio

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// TestListStopsWhenTheServerIgnoresPage: a server that answers every page with the same data while its
// total promises a million items must not be asked a million times.
func TestListStopsWhenTheServerIgnoresPage(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Total-Count", "1000000")
		_, _ = w.Write([]byte(`{"data":[{"type":"users","id":"1","attributes":{"email":"a@example.com"}}]}`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, Token: "t", HTTP: httpclient.Config{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListUsers(context.Background(), platform.UserFilter{})
	if err == nil || !strings.Contains(err.Error(), "ignores the page parameter") {
		t.Fatalf("want an error about the ignored page parameter, got %v", err)
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}
