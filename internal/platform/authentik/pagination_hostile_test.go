package authentik

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

// hostilePages serves /api/v3/core/users/ from page(n), which returns the page's users (by number) and its
// pagination; it counts the requests.
func hostilePages(t *testing.T, page func(n int) (users []int, next, totalPages int)) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) > 50 {
			t.Errorf("request %d: the walk did not stop", calls.Load())
			http.Error(w, "enough", http.StatusGone)
			return
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("page"))
		users, next, total := page(n)
		results := make([]string, len(users))
		for i, u := range users {
			results[i] = fmt.Sprintf(`{"pk":%d,"username":"u%d","email":"u%d@example.com","is_active":true,"type":"internal"}`, u, u, u)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"pagination":{"next":%d,"previous":%d,"count":%d,"current":%d,"total_pages":%d,"start_index":1,"end_index":1},"results":[%s]}`,
			next, n-1, total, n, total, strings.Join(results, ","))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, Token: "hostile-pages-token-0123456789", HTTP: httpclient.Config{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	return c, &calls
}

func TestListStopsOnHostilePagination(t *testing.T) {
	cases := []struct {
		name     string
		page     func(n int) (users []int, next, totalPages int)
		want     string
		requests int32
	}{
		{
			name:     "next is always page+1",
			page:     func(n int) ([]int, int, int) { return []int{n}, n + 1, 3 },
			want:     "authentik GET /api/v3/core/users/: the server announced 3 pages and points past the last one",
			requests: 3,
		},
		{
			name:     "the total grows on every page",
			page:     func(n int) ([]int, int, int) { return []int{n}, n + 1, n + 1 },
			want:     "authentik GET /api/v3/core/users/: page 3 announces 4 pages where the first announced 2",
			requests: 3,
		},
		{
			name:     "the page parameter is ignored",
			page:     func(int) ([]int, int, int) { return []int{1, 2}, 2, 1000 },
			want:     "authentik GET /api/v3/core/users/: page 2 repeats page 1; the server ignores the page parameter",
			requests: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, calls := hostilePages(t, tc.page)
			_, err := c.ListUsers(context.Background(), platform.UserFilter{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
			if n := calls.Load(); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}
