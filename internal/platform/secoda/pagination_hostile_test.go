package secoda

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// hostileSecoda serves /api/v1/user/ from page(origin, n): the page's users (by number), its next link and
// total_pages. It counts the requests.
func hostileSecoda(t *testing.T, page func(origin string, n int) (users []int, next string, totalPages int)) (*Client, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) > 50 {
			t.Errorf("request %d: the walk did not stop", calls.Load())
			http.Error(w, "enough", http.StatusGone)
			return
		}
		n, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil {
			n = 1
		}
		users, next, total := page("http://"+r.Host, n)
		results := make([]string, len(users))
		for i, u := range users {
			results[i] = userJSON(u)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"links":{"next":%q,"previous":null},"meta":{"page":%d,"next_page":%d},"count":%d,"total_pages":%d,"results":[%s]}`,
			next, n, n+1, total*len(users), total, strings.Join(results, ","))
	}))
	t.Cleanup(srv.Close)
	return newTestClient(t, srv.URL), &calls
}

func TestListStopsOnHostilePagination(t *testing.T) {
	cases := []struct {
		name     string
		page     func(origin string, n int) (users []int, next string, totalPages int)
		want     string
		requests int32
	}{
		{
			name: "next is always page+1",
			page: func(origin string, n int) ([]int, string, int) {
				return []int{n}, fmt.Sprintf("%s/api/v1/user/?page=%d", origin, n+1), 3
			},
			want:     "secoda GET /api/v1/user/: the server announced 3 pages and points past the last one",
			requests: 3,
		},
		{
			name: "the page parameter is ignored",
			page: func(origin string, n int) ([]int, string, int) {
				return []int{1, 2}, fmt.Sprintf("%s/api/v1/user/?page=%d", origin, n+1), 500
			},
			want:     "secoda GET /api/v1/user/: page 2 repeats page 1; the server ignores the page parameter",
			requests: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, calls := hostileSecoda(t, tc.page)
			_, err := c.ListUsers(t.Context(), platform.UserFilter{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want %q", err, tc.want)
			}
			if n := calls.Load(); n != tc.requests {
				t.Errorf("%d requests, want %d", n, tc.requests)
			}
		})
	}
}

// A next link to another origin (another port here, as a proxy or a misconfigured server would write it)
// fails the list; nothing reaches the other server.
func TestListRefusesANextLinkToAnotherOrigin(t *testing.T) {
	var other atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		other.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"links":{"next":null},"results":[]}`))
	}))
	t.Cleanup(elsewhere.Close)
	c, calls := hostileSecoda(t, func(_ string, n int) ([]int, string, int) {
		return []int{n}, fmt.Sprintf("%s/api/v1/user/?page=%d", elsewhere.URL, n+1), 2
	})
	_, err := c.ListUsers(t.Context(), platform.UserFilter{})
	want := "secoda GET /api/v1/user/: page 1 links the next page to " + elsewhere.URL + "/api/v1/user/?page=2, outside the endpoint"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error = %v, want %q", err, want)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("%d requests to the endpoint, want 1", n)
	}
	if n := other.Load(); n != 0 {
		t.Errorf("%d requests reached the other origin, want 0", n)
	}
}
