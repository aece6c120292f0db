package onyx

import (
	"net/http"
	"slices"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func (c *contract) lose(method, path string) {
	c.t.Helper()
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: method, PathPrefix: path, Times: 1}); err != nil {
		c.t.Fatal(err)
	}
}

// posts counts POSTs to exactly path.
func (c *contract) posts(path string) int {
	n := 0
	for _, e := range c.mock.Log().Matching(http.MethodPost, path) {
		if e.Path == path {
			n++
		}
	}
	return n
}

// Creates whose answer is lost after the server applied them are adopted by natural key: no
// duplicate, no orphan, and a POST is never resent blindly.
func TestContractLostCreateResponsesAreAdopted(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})

		c.lose(http.MethodPost, "/api/manage/admin/user-group")
		g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "lost", Members: []string{ada}, Extra: GroupExtra{CuratorIDs: []string{ada}}})
		if err != nil {
			t.Fatalf("create group with a lost answer: %v", err)
		}
		if g.ID == "" || !slices.Equal(g.Members, []string{ada}) || !slices.Equal(g.Extra.(GroupExtra).CuratorIDs, []string{ada}) {
			t.Errorf("adopted group %+v", g)
		}
		if n := c.posts("/api/manage/admin/user-group"); n != 1 {
			t.Errorf("%d group POSTs", n)
		}

		c.lose(http.MethodPost, "/api/admin/api-key")
		key, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "lost", Extra: adminKeyExtra(gen)})
		if err != nil {
			t.Fatalf("create key with a lost answer: %v", err)
		}
		// The plaintext went with the lost answer; the adopted key was regenerated to get one.
		if key.Secret == "" {
			t.Fatal("adopted key without a secret")
		}
		if _, err := c.newClient(key.Secret, "").ListAPIKeys(c.ctx); err != nil {
			t.Errorf("the adopted key's secret does not work: %v", err)
		}
		if n := c.posts("/api/admin/api-key"); n != 1 {
			t.Errorf("%d key POSTs", n)
		}

		c.lose(http.MethodPut, "/api/manage/admin/users")
		u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "lost@example.com"})
		if err != nil || u.ID != "lost@example.com" {
			t.Fatalf("invite with a lost answer: %+v %v", u, err)
		}

		s := c.state()
		if s.Groups.Count != 3 || s.APIKeys.Count != 1 || s.Users.Count != 4 {
			t.Errorf("state %+v: want no duplicates", s)
		}
	})
}

// A lost answer to a create the server refused, because a group it listed before already has the name, does not
// adopt that group: it existed before the create. The create is reported as the conflict it is.
func TestContractLostRefusalDoesNotAdoptAnOlderGroup(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		older := c.group("taken", []string{ada}, nil)
		c.nextCommand() // a client that has listed nothing yet
		c.lose(http.MethodPost, "/api/manage/admin/user-group")
		g, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "taken", Members: []string{grace}})
		if err == nil {
			t.Fatalf("adopted %+v, the group %s that existed before the create", g, older.ID)
		}
		wantConflict(t, err, platform.FieldName)
	})
}

// When the server never saw the create (a 502 from a proxy), the lookup finds nothing and the
// create runs again.
func TestContractFailedCreateIsRetriedAfterLookup(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusBadGateway, Method: http.MethodPost, Times: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "ops"}); err != nil {
		t.Fatal(err)
	}
	if s := c.state(); s.Groups.Count != 3 || c.posts("/api/manage/admin/user-group") != 2 {
		t.Errorf("state %+v after %d POSTs", s.Groups, c.posts("/api/manage/admin/user-group"))
	}
}

// Reads and idempotent writes go through 5xx answers and resets.
func TestContractRetriesSafeRequests(t *testing.T) {
	c := newContract(t, GenerationV46, onyxmock.Options{})
	g := c.group("team", nil, nil)
	err := c.mock.Faults().Set(
		mockapi.FaultRule{Kind: mockapi.FaultStatus, Status: http.StatusServiceUnavailable, Method: http.MethodGet, Times: 1},
		mockapi.FaultRule{Kind: mockapi.FaultReset, Method: http.MethodPatch, Times: 1},
	)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.client.UpdateGroup(c.ctx, g.ID, platform.GroupSpec{Name: "team", Members: []string{grace}})
	if err != nil || !slices.Equal(got.Members, []string{grace}) {
		t.Errorf("update through faults: %+v %v", got, err)
	}
}

// An invitation whose every answer is lost (the client resends the PUT, which changes nothing) is
// looked up by its address and adopted.
func TestContractInvitationWithEveryAnswerLostIsAdopted(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPut, Path: "/api/manage/admin/users"}); err != nil {
		t.Fatal(err)
	}
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "lost@example.com"})
	if err != nil || u.ID != "lost@example.com" || u.Extra.(UserExtra).Status != StatusInvited {
		t.Fatalf("invite with every answer lost: %+v %v", u, err)
	}
	lost := 0
	for _, e := range c.mock.Log().Matching(http.MethodPut, "/api/manage/admin/users") {
		if e.Fault == mockapi.FaultLostResponse {
			lost++
		}
	}
	if s := c.state(); lost < 2 || s.Users.Count != 4 || s.Users.Status["lost@example.com"] != StatusInvited {
		t.Errorf("%d lost answers; state %+v: want one invitation besides the 3 seeded users", lost, s.Users)
	}
}

// A key whose create answer was lost is adopted and regenerated; when the regeneration fails, the key
// is returned without a secret along with the error, so the provider records it instead of orphaning it.
func TestContractAdoptedKeyWhoseRegenerationFailsIsReturned(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	err := c.mock.Faults().Set(
		mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, Path: "/api/admin/api-key", Times: 1},
		mockapi.FaultRule{Kind: mockapi.FaultStatus, Method: http.MethodPost, PathPrefix: "/api/admin/api-key/", Status: http.StatusBadGateway},
	)
	if err != nil {
		t.Fatal(err)
	}
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "lost", Extra: adminKeyExtra(GenerationCurrent)})
	if err == nil || !containsAll(err.Error(), "API key 1 was created on Onyx, but its answer was lost and regenerating its secret failed",
		"POST /api/admin/api-key/1/regenerate: 502 Bad Gateway") {
		t.Fatalf("error %v", err)
	}
	if k.ID != "1" || k.Name != "lost" || k.Secret != "" {
		t.Errorf("returned key %+v, want key 1 without a secret", k)
	}
	if s := c.state(); s.APIKeys.Count != 1 || c.posts("/api/admin/api-key") != 1 {
		t.Errorf("%d keys after %d create POSTs, want 1 and 1", s.APIKeys.Count, c.posts("/api/admin/api-key"))
	}
}
