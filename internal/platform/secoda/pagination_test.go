package secoda

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// pagedServer serves canned pages of /api/v1/user/ by their ?page and records every request. {ORIGIN} in a
// page stands for the server's own origin.
type pagedServer struct {
	mu       sync.Mutex
	requests []string
	pages    map[string]string // raw query -> body
}

func (p *pagedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.requests = append(p.requests, r.Host+" "+r.URL.Path+"?"+r.URL.RawQuery)
	body, ok := p.pages[r.URL.RawQuery]
	p.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		http.Error(w, `{"detail":"Invalid token."}`, http.StatusUnauthorized)
		return
	}
	if !ok {
		http.Error(w, `{"detail":"Invalid page."}`, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(strings.ReplaceAll(body, "{ORIGIN}", "http://"+r.Host)))
}

func userJSON(i int) string {
	return fmt.Sprintf(`{"id":"00000000-0000-4000-8000-%012d","email":"u%d@example.com","first_name":"U","last_name":"%d","role":"viewer","pending":"False","disabled":false}`, i, i, i)
}

func newTestClient(t *testing.T, url string) *Client {
	t.Helper()
	c, err := New(Config{Endpoint: url, Token: testToken, HTTP: httpclient.Config{MaxRetries: 0, WritesPerMinute: -1}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The next link is followed by its page number on the configured server, whatever path it names, across
// links.next, a top-level next, a relative link, "None" and null.
func TestListFollowsNextLinks(t *testing.T) {
	stub := &pagedServer{pages: map[string]string{
		"": `{"links":{"next":"{ORIGIN}/resource/all/?page=2","previous":"None"},"meta":{"page":1,"previous_page":null,"next_page":2},
			"count":5,"total_pages":3,"results":[` + userJSON(1) + `,` + userJSON(2) + `]}`,
		"page=2": `{"links":{"next":null,"previous":null},"next":"/api/v1/user/?page=3&page_size=2","meta":{"page":"2","next_page":"3"},
			"count":"5","total_pages":3,"results":[` + userJSON(3) + `,` + userJSON(4) + `]}`,
		"page=3&page_size=2": `{"links":{"next":"None","previous":"None"},"meta":{"page":3,"previous_page":2,"next_page":"None"},
			"count":5,"total_pages":3,"results":[` + userJSON(5) + `]}`,
	}}
	srv := httptest.NewServer(stub)
	defer srv.Close()
	users, err := newTestClient(t, srv.URL).ListUsers(t.Context(), platform.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 5 || users[4].Name != "U 5" {
		t.Fatalf("got %d users: %+v", len(users), users)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	want := []string{host + " /api/v1/user/?", host + " /api/v1/user/?page=2", host + " /api/v1/user/?page=3&page_size=2"}
	if !reflect.DeepEqual(stub.requests, want) {
		t.Errorf("requests = %q, want %q", stub.requests, want)
	}
}

func TestListStopsOnBrokenNextLinks(t *testing.T) {
	for name, page1 := range map[string]string{
		"points back":    `{"links":{"next":"{ORIGIN}/api/v1/user/?page=1"},"results":[]}`,
		"no page number": `{"links":{"next":"{ORIGIN}/api/v1/user/?cursor=abc"},"results":[]}`,
		"not a URL":      `{"links":{"next":"{ORIGIN}/%zz"},"results":[]}`,
	} {
		stub := &pagedServer{pages: map[string]string{"": page1}}
		srv := httptest.NewServer(stub)
		_, err := newTestClient(t, srv.URL).ListGroups(t.Context(), platform.GroupFilter{})
		srv.Close()
		if err == nil {
			t.Errorf("%s: no error", name)
		}
		if len(stub.requests) != 1 {
			t.Errorf("%s: %d requests, want 1", name, len(stub.requests))
		}
	}
}

func TestNextPageQuery(t *testing.T) {
	cases := []struct {
		name           string
		link, topLevel string
		metaNext       int
		current        int
		wantQuery      string
		wantPage       int
		wantErr        bool
	}{
		{name: "none", link: "None"},
		{name: "empty", link: ""},
		{name: "links.next", link: "https://api.secoda.co/api/v1/user/?page=2", current: 1, wantQuery: "page=2", wantPage: 2},
		{name: "top-level next", topLevel: "https://x/?page=4&page_size=10", current: 3, wantQuery: "page=4&page_size=10", wantPage: 4},
		{name: "relative link", link: "/api/v1/user/?page=2", current: 1, wantQuery: "page=2", wantPage: 2},
		{name: "meta fallback", link: "https://x/resource/all/", metaNext: 3, current: 2, wantQuery: "page=3", wantPage: 3},
		{name: "backwards", link: "https://x/?page=2", current: 2, wantErr: true},
		{name: "no page at all", link: "https://x/", current: 1, wantErr: true},
	}
	for _, tc := range cases {
		q, page, err := nextPageQuery(looseString(tc.link), looseString(tc.topLevel), tc.metaNext, tc.current)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: err = %v", tc.name, err)
			continue
		}
		if tc.wantErr {
			continue
		}
		got := ""
		if q != nil {
			got = q.Encode()
		}
		if got != tc.wantQuery || page != tc.wantPage {
			t.Errorf("%s: query %q page %d, want %q %d", tc.name, got, page, tc.wantQuery, tc.wantPage)
		}
	}
}
