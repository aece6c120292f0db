package tykaistudio

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A server (or proxy) that ignores all=true and serves pages of page_size: the client follows the
// pages until X-Total-Count items have arrived, ignoring X-Total-Pages.
func TestListFollowsPagesWhenAllIsIgnored(t *testing.T) {
	const total = 250
	var requests atomic.Int32
	c, _ := newStubClient(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		q := r.URL.Query()
		if q.Get("all") != "true" {
			t.Errorf("all=%q, want true", q.Get("all"))
		}
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("page_size"))
		var items []string
		for id := (page-1)*size + 1; id <= min(page*size, total); id++ {
			items = append(items, fmt.Sprintf(`{"type":"users","id":"%d","attributes":{"email":"u%d@x","api_key":""}}`, id, id))
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Total-Count", strconv.Itoa(total))
		w.Header().Set("X-Total-Pages", "99") // misleading on purpose
		_, _ = w.Write([]byte(`{"data":[` + strings.Join(items, ",") + `]}`))
	})
	users, err := c.ListUsers(context.Background(), platform.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != total || users[0].ID != "1" || users[total-1].ID != strconv.Itoa(total) {
		t.Errorf("listed %d users", len(users))
	}
	if n := requests.Load(); n != 3 {
		t.Errorf("%d requests, want 3 pages of %d", n, pageSize)
	}
}

// The Community group list has its total in body meta and no headers.
func TestListReadsBodyMeta(t *testing.T) {
	var requests atomic.Int32
	c, _ := newStubClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/v1/groups" {
			requests.Add(1)
			_, _ = w.Write([]byte(`{"data":[{"type":"groups","id":"1","attributes":{"name":"Default","user_count":1}}],` +
				`"meta":{"total_count":1,"page_size":1,"page_number":1,"total_pages":1}}`))
			return
		}
		w.WriteHeader(http.StatusNotFound)
		_, _ = w.Write([]byte(`{"errors":[{"title":"Not Found","detail":"Group not found"}]}`))
	})
	items, err := listAll[groupListWire](context.Background(), c, groupsPath, nil)
	if err != nil || len(items) != 1 || items[0].Attributes.Name != "Default" || requests.Load() != 1 {
		t.Errorf("items %+v err %v requests %d", items, err, requests.Load())
	}
}
