package authentik

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A create whose response is lost after the server applied it is adopted by natural key: no duplicate, no
// orphan, and only one POST.
func TestContractLostCreateResponseIsAdopted(t *testing.T) {
	c := newContract(t)
	loseNextPost := func(path string) {
		t.Helper()
		err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, PathPrefix: "/api/v3" + path, Times: 1})
		if err != nil {
			t.Fatal(err)
		}
	}

	loseNextPost("/core/groups/")
	g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "lost", Members: []string{"1"}})
	if err != nil {
		t.Fatalf("create with lost response: %v", err)
	}
	if g.Name != "lost" || !slices.Equal(g.Members, []string{"1"}) {
		t.Errorf("adopted group = %+v", g)
	}
	if groups, _ := c.client.ListGroups(c.ctx, platform.GroupFilter{Name: "lost"}); len(groups) != 1 {
		t.Errorf("%d groups named lost", len(groups))
	}

	loseNextPost("/core/users/")
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "lost@example.com", Name: "Lost", Password: ptr("pw-123456")})
	if err != nil {
		t.Fatalf("create user with lost response: %v", err)
	}
	if u.Email != "lost@example.com" || u.ID == "" {
		t.Errorf("adopted user = %+v", u)
	}
	if users, _ := c.client.ListUsers(c.ctx, platform.UserFilter{Email: "lost@example.com"}); len(users) != 1 {
		t.Errorf("%d users with the email", len(users))
	}
	if n := countPath(c.requests(http.MethodPost), "/api/v3/core/users/"+u.ID+"/set_password/", http.StatusNoContent); n != 1 {
		t.Errorf("adopted user's password set %d times, want 1", n)
	}

	loseNextPost("/core/tokens/")
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "lost-key"})
	if err != nil {
		t.Fatalf("create key with lost response: %v", err)
	}
	if k.ID != "lost-key" || k.Secret == "" {
		t.Errorf("adopted key = %+v", k)
	}

	for _, path := range []string{"/api/v3/core/groups/", "/api/v3/core/users/", "/api/v3/core/tokens/"} {
		if n := countPath(c.requests(http.MethodPost), path, 0); n != 1 {
			t.Errorf("%d POSTs to %s, want 1 (never resent blindly)", n, path)
		}
	}
}

// A 5xx to a POST is ambiguous too: the client looks first, finds nothing, and creates again, once.
func TestContractFailedCreateIsRetriedAfterLookup(t *testing.T) {
	c := newContract(t)
	err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusBadGateway, Method: http.MethodPost, PathPrefix: "/api/v3/core/groups/", Times: 1})
	if err != nil {
		t.Fatal(err)
	}
	g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "retried"})
	if err != nil {
		t.Fatal(err)
	}
	if groups, _ := c.client.ListGroups(c.ctx, platform.GroupFilter{Name: "retried"}); len(groups) != 1 || groups[0].ID != g.ID {
		t.Errorf("groups named retried: %+v", groups)
	}
	if n := countPath(c.requests(http.MethodPost), "/api/v3/core/groups/", 0); n != 2 {
		t.Errorf("%d POSTs, want 2 (the failed one and the one after the lookup)", n)
	}
}

// Setting a password is safe to repeat, so a 5xx on it is retried instead of failing the apply.
func TestContractSetPasswordIsRetried(t *testing.T) {
	c := newContract(t)
	u := c.user("retry@example.com")
	path := "/api/v3/core/users/" + u.ID + "/set_password/"
	err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusServiceUnavailable, Method: http.MethodPost, PathPrefix: path, Times: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: u.Email, Name: u.Name, Password: ptr("pw-retried")}); err != nil {
		t.Fatalf("update with a transient set_password failure: %v", err)
	}
	if n := countPath(c.requests(http.MethodPost), path, 0); n != 2 {
		t.Errorf("%d set_password requests, want 2", n)
	}
}

// When the step after the create fails, the created object comes back with the error so nothing is orphaned.
func TestContractPartialCreateReturnsTheObject(t *testing.T) {
	c := newContract(t)
	err := c.mock.Faults().Set(
		mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusForbidden, Method: http.MethodPost, PathPrefix: "/api/v3/core/users/2/set_password/", Times: 1},
		mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusForbidden, Method: http.MethodGet, PathPrefix: "/api/v3/core/tokens/half/view_key/", Times: 1},
	)
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "half@example.com", Password: ptr("pw")})
	if err == nil || u.ID != "2" || !strings.Contains(err.Error(), "password") {
		t.Errorf("user = %+v, err = %v; want the created user 2 and a password error", u, err)
	}
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "half"})
	if err == nil || k.ID != "half" || k.Secret != "" {
		t.Errorf("key = %+v, err = %v; want the created key without secret and an error", k, err)
	}
}

// --- helpers ---
