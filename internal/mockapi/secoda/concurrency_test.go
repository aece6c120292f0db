package secoda

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// Concurrent invites to one address: the lock makes the uniqueness check and the insert one step, so
// exactly one succeeds, as the database's unique constraint would have it.
func TestConcurrentInvitesOfOneEmailMakeExactlyOneUser(t *testing.T) {
	h := newHarness(t)
	var wg sync.WaitGroup
	statuses := make(chan int, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses <- h.do("POST", "/api/v1/user/", map[string]any{"email": "race@example.com"}).status
		}()
	}
	wg.Wait()
	close(statuses)
	created := 0
	for s := range statuses {
		if s == http.StatusCreated {
			created++
		} else if s != http.StatusBadRequest {
			t.Errorf("unexpected status %d", s)
		}
	}
	if created != 1 {
		t.Fatalf("%d concurrent invites of one address succeeded, want 1", created)
	}
}

// Mixed reads and writes from many clients; under -race any state access outside the lock fails.
func TestConcurrentMixedTrafficIsRaceFree(t *testing.T) {
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "shared"})
	gpath := "/api/v1/auth/group/" + g["id"].(string) + "/"
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 10 {
				u := h.do("POST", "/api/v1/user/", map[string]any{"email": fmt.Sprintf("u%d-%d@example.com", i, j), "user_groups": []string{g["id"].(string)}})
				id, _ := u.obj()["id"].(string)
				for _, r := range []result{u, h.do("GET", gpath, nil), h.do("GET", "/api/v1/user/?page_size=100", nil),
					h.do("PATCH", "/api/v1/user/"+id+"/", map[string]any{"first_name": "n"})} {
					if r.status >= 300 {
						t.Errorf("status %d: %s", r.status, r.raw)
					}
				}
			}
		}()
	}
	wg.Wait()
	if got := len(strs(h.getGroup(g["id"])["users"])); got != 80 {
		t.Fatalf("group has %d members after 80 concurrent joins, want 80", got)
	}
}
