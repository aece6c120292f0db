package onyx

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// hostileDirectory serves /manage/users from page(n) (n = 0 without page parameters): the accepted users'
// numbers and the number of pages announced. It counts the requests.
func hostileDirectory(t *testing.T, page func(n int) (users []int, pages int)) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	c := stubClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/manage/users" {
			http.NotFound(w, r)
			return
		}
		if calls.Add(1) > 50 {
			t.Errorf("request %d: the walk did not stop", calls.Load())
			http.Error(w, "enough", http.StatusGone)
			return
		}
		n, _ := strconv.Atoi(r.URL.Query().Get("accepted_page"))
		users, pages := page(n)
		accepted := make([]map[string]any, len(users))
		for i, u := range users {
			accepted[i] = map[string]any{"id": fmt.Sprintf("00000000-0000-4000-8000-%012d", u), "email": fmt.Sprintf("u%d@example.com", u),
				"is_active": true, "role": "basic"}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"accepted": accepted, "invited": []any{}, "slack_users": []any{},
			"accepted_pages": pages, "invited_pages": 1, "slack_users_pages": 0})
	}))
	return c, &calls
}

func TestDirectoryStopsOnHostilePagination(t *testing.T) {
	cases := []struct {
		name     string
		page     func(n int) (users []int, pages int)
		want     string
		requests int32
	}{
		{
			name:     "one more page announced on every page",
			page:     func(n int) ([]int, int) { return []int{n}, n + 2 },
			want:     "onyx GET /api/manage/users: page 3 announces 4 pages where the first announced 2",
			requests: 3,
		},
		{
			name:     "the page parameters are ignored",
			page:     func(int) ([]int, int) { return []int{1, 2}, 5 },
			want:     "onyx GET /api/manage/users: page 2 repeats page 1; the server ignores the page parameter",
			requests: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, calls := hostileDirectory(t, tc.page)
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
