package tykaistudio

import (
	"net/http"
	"slices"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func countPosts(c *contract, path string) int {
	n := 0
	for _, e := range c.mock.Log().Matching(http.MethodPost, path) {
		if e.Path == path {
			n++
		}
	}
	return n
}

// A create whose answer is lost after the server applied it is adopted by natural key: no
// duplicate, no orphan, and the POST is never resent blindly.
func TestContractLostCreateResponseIsAdopted(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	lose := func(path string) {
		t.Helper()
		if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, PathPrefix: path, Times: 1}); err != nil {
			t.Fatal(err)
		}
	}

	lose("/api/v1/users")
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "Lost@Example.com", Name: "Lost", Extra: UserExtra{ShowChat: ptrBool(true)}})
	if err != nil {
		t.Fatalf("create user with a lost answer: %v", err)
	}
	if u.ID == "" || u.Email != "Lost@Example.com" || !*u.Extra.(UserExtra).ShowChat {
		t.Errorf("adopted user %+v", u)
	}

	lose("/api/v1/groups")
	g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "lost", Members: []string{u.ID}, Extra: GroupExtra{CatalogueIDs: []string{"1"}}})
	if err != nil {
		t.Fatalf("create group with a lost answer: %v", err)
	}
	if g.Name != "lost" || !slices.Equal(g.Members, []string{u.ID}) || !slices.Equal(g.Extra.(GroupExtra).CatalogueIDs, []string{"1"}) {
		t.Errorf("adopted group %+v", g)
	}

	lose("/api/v1/users/" + u.ID + "/roll-api-key")
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "lost", UserID: u.ID})
	if err != nil {
		t.Fatalf("roll with a lost answer: %v", err)
	}
	if current, _ := c.client.ReadAPIKey(c.ctx, u.ID); k.Secret == "" || current.Secret != k.Secret {
		t.Errorf("adopted key %q, current %q", k.Secret, current.Secret)
	}

	groups, emails := c.state()
	wantEmails := []string{tykmock.SuperAdminEmail, "Lost@Example.com"}
	slices.Sort(wantEmails)
	if !slices.Equal(groups, []string{"Default", "lost"}) || !slices.Equal(emails, wantEmails) {
		t.Errorf("state groups %v users %v: duplicates or orphans", groups, emails)
	}
	for _, path := range []string{"/api/v1/users", "/api/v1/groups", "/api/v1/users/" + u.ID + "/roll-api-key"} {
		if n := countPosts(c, path); n != 1 {
			t.Errorf("%d POSTs to %s, want 1 (never resent blindly)", n, path)
		}
	}
}

// A 5xx to a POST is ambiguous too: the client looks first, finds nothing, and creates again, once.
func TestContractFailedCreateIsRetriedAfterLookup(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusBadGateway, Method: http.MethodPost, PathPrefix: "/api/v1/users", Times: 1}); err != nil {
		t.Fatal(err)
	}
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "retry@example.com", Name: "Retry"})
	if err != nil {
		t.Fatal(err)
	}
	if _, emails := c.state(); !slices.Equal(emails, []string{tykmock.SuperAdminEmail, "retry@example.com"}) {
		t.Errorf("users %v", emails)
	}
	if n := countPosts(c, "/api/v1/users"); n != 2 || u.ID == "" {
		t.Errorf("%d POSTs, want 2 (the failed one and the one after the lookup)", n)
	}
}

// A roll that failed with a 5xx was not applied: the lookup sees the old key, so the key is rolled
// again instead of the old one being adopted.
func TestContractFailedRollIsRetriedAfterLookup(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	u := c.user("k@example.com", nil)
	first, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k", UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/users/" + u.ID + "/roll-api-key"
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusBadGateway, Method: http.MethodPost, PathPrefix: path, Times: 1}); err != nil {
		t.Fatal(err)
	}
	second, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k", UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if second.Secret == first.Secret {
		t.Error("the old key was adopted although the roll failed")
	}
	if n := countPosts(c, path); n != 3 {
		t.Errorf("%d rolls, want 3 (first create, the failed one, the one after the lookup)", n)
	}
}

// Reads and idempotent writes ride out 5xx and resets through the transport's retries.
func TestContractRetriesSafeRequests(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	g := c.group("team", nil, nil)
	err := c.mock.Faults().Set(
		mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusServiceUnavailable, Method: http.MethodGet, Times: 1},
		mockapi.FaultRule{Kind: mockapi.FaultReset, Method: http.MethodPut, Times: 1},
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "team", Members: []string{"1"}}); err != nil {
		t.Fatalf("update through faults: %v", err)
	}
	read, err := c.client.ReadGroup(c.ctx, g.ID)
	if err != nil || !slices.Equal(read.Members, []string{"1"}) {
		t.Errorf("after faults: %+v %v", read, err)
	}
}
