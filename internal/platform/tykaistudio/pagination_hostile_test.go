package tykaistudio

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A server that pages one user at a time and raises X-Total-Count by one on every page would always have
// one more page to give: the walk stops when the total grows past what the first page announced and one
// page of growth.
func TestListStopsWhenTheTotalKeepsGrowing(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) > 50 {
			t.Errorf("request %d: the walk did not stop", calls.Load())
			http.Error(w, "enough", http.StatusGone)
			return
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Total-Count", strconv.Itoa(n+1))
		fmt.Fprintf(w, `{"data":[{"type":"users","id":"%d","attributes":{"email":"u%d@example.com"}}]}`, n, n)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, Token: "t", HTTP: httpclient.Config{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListUsers(context.Background(), platform.UserFilter{})
	want := "tyk_ai_studio GET /api/v1/users: page 3 announces 4 pages where the first announced 2"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error = %v, want %q", err, want)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}
