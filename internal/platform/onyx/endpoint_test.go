package onyx

import (
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

func endpointClient(t *testing.T, endpoint string) platform.Backend {
	t.Helper()
	c, err := New(Config{Endpoint: endpoint, Token: mockToken, Generation: GenerationCurrent,
		HTTP: httpclient.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	c.poll = fastPoll
	return c
}

// contractObjects creates a user, a group and an API key on the mock.
func contractObjects(c *contract) (platform.User, platform.Group, platform.APIKey) {
	c.t.Helper()
	u, err := c.client.CreateUser(c.ctx, platform.UserSpec{Email: "new.hire@example.com"})
	if err != nil {
		c.t.Fatal(err)
	}
	g := c.group("platform-team", nil, nil)
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-deployer", Extra: adminKeyExtra(c.gen)})
	if err != nil {
		c.t.Fatal(err)
	}
	return u, g, k
}

// A wrong endpoint (a proxy's 404 page, another application, Onyx under a wrong path) never reads an object
// as gone, not even one that Onyx finds by listing.
func TestContractWrongEndpointNeverReadsAsNotFound(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	u, g, k := contractObjects(c)
	platformtest.CheckWrongEndpoints(t, "Onyx", c.url, endpointClient, platformtest.Objects{
		UserID: u.ID, Email: u.Email, GroupID: g.ID, GroupName: g.Name, KeyID: k.ID, KeyName: k.Name,
	})
	if _, err := c.client.ReadUser(c.ctx, u.ID); err != nil {
		t.Fatalf("the user is gone after the wrong endpoints: %v", err)
	}
}

// Against Onyx itself, deleted objects still read as not found, and GET /me goes out once however many
// reads.
func TestContractNotFoundIsTrustedAfterOneProbe(t *testing.T) {
	c := newContract(t, GenerationCurrent, onyxmock.Options{})
	u, g, k := contractObjects(c)
	if err := c.client.DeleteAPIKey(c.ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.client.DeleteGroup(c.ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.client.DeleteUser(c.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	before := c.mock.Log().CountMatching("GET", "/api/me")
	for range 3 {
		for name, read := range map[string]func() error{
			"ReadUser":   func() error { _, err := c.client.ReadUser(c.ctx, u.ID); return err },
			"ReadGroup":  func() error { _, err := c.client.ReadGroup(c.ctx, g.ID); return err },
			"ReadAPIKey": func() error { _, err := c.client.ReadAPIKey(c.ctx, k.ID); return err },
		} {
			if err := read(); !platform.IsNotFound(err) {
				t.Fatalf("%s: got %T (%v), want a NotFoundError", name, err, err)
			}
		}
	}
	if n := c.mock.Log().CountMatching("GET", "/api/me") - before; n != 1 {
		t.Errorf("GET /api/me sent %d times, want once", n)
	}
}

// The platform's documented "not found" answers are its own; a proxy's or another application's are not.
func TestIdentityKnowsItsOwnNotFound(t *testing.T) {
	platformtest.CheckOwnNotFound(t, &identity,
		`{"detail":"User not found"}`, `{"error_code":"NOT_FOUND","detail":"UserGroup with id '7' not found"}`, `{"message":"API key with id 3 does not exist"}`)
}
