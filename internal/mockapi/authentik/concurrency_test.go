package authentik

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

func TestConcurrentCreatesOfOneNameMakeExactlyOneGroup(t *testing.T) {
	h := newHarness(t)
	var wg sync.WaitGroup
	statuses := make(chan int, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", h.srv.URL+"/api/v3/core/groups/", strings.NewReader(`{"name":"race"}`))
			req.Header.Set("Authorization", "Bearer "+adminKey)
			resp, err := h.srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	wg.Wait()
	close(statuses)
	created := 0
	for s := range statuses {
		if s == 201 {
			created++
		} else if s != 400 {
			t.Errorf("unexpected status %d", s)
		}
	}
	if created != 1 {
		t.Fatalf("%d concurrent creates of one name succeeded, want 1", created)
	}
}

func TestConcurrentMixedTrafficIsRaceFree(t *testing.T) {
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "shared"})
	gpath := "/core/groups/" + g["pk"].(string)
	// Parallel subtests, not bare goroutines: the harness's checks call t.Fatalf, which must run on the
	// goroutine of the test they fail. The group returns once every subtest is done.
	t.Run("clients", func(t *testing.T) {
		for i := 0; i < 8; i++ {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				c := h.on(t)
				for j := 0; j < 10; j++ {
					u := c.createUser(fmt.Sprintf("u%d-%d", i, j), nil)
					c.expect(c.api("POST", gpath+"/add_user/", map[string]any{"pk": pk(u)}), 204)
					c.expect(c.api("GET", gpath+"/", nil), 200)
					c.expect(c.api("GET", "/core/users/?groups_by_pk="+g["pk"].(string), nil), 200)
					c.expect(c.hook("GET", "/state", nil), 200)
				}
			})
		}
	})
	if n := len(h.api("GET", gpath+"/", nil).obj()["users"].([]any)); n != 80 {
		t.Fatalf("group has %d members after 80 concurrent add_user calls", n)
	}
}

func TestLostResponseOnCreateLeavesTheObjectForAdoption(t *testing.T) {
	h := newHarness(t)
	if err := h.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: "POST", PathPrefix: "/api/v3/core/groups/", Times: 1}); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", h.srv.URL+"/api/v3/core/groups/", strings.NewReader(`{"name":"adopt-me"}`))
	req.Header.Set("Authorization", "Bearer "+adminKey)
	if resp, err := h.srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("lost response answered %d", resp.StatusCode)
	}
	found := h.listAll("/core/groups/?name=adopt-me")
	if len(found) != 1 {
		t.Fatalf("the create was applied %d times, want once", len(found))
	}
	entries := h.mock.Log().Matching("POST", "/api/v3/core/groups/")
	if len(entries) != 1 || entries[0].Status != 201 || entries[0].Fault != mockapi.FaultLostResponse {
		t.Fatalf("log = %+v", entries)
	}
}
