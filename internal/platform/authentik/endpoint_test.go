package authentik

import (
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

const mePath = "/api/v3/core/users/me/"

func endpointClient(t *testing.T, endpoint string) platform.Backend {
	t.Helper()
	c, err := New(Config{Endpoint: endpoint, Token: mockToken,
		HTTP: httpclient.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A wrong endpoint (a proxy's 404 page, another application, authentik under a wrong path) never reads an
// object as gone.
func TestContractWrongEndpointNeverReadsAsNotFound(t *testing.T) {
	c := newContract(t)
	u := c.user("ada@example.com")
	g := c.group("platform-team", []string{u.ID})
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-deployer", UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	platformtest.CheckWrongEndpoints(t, "authentik", c.url, endpointClient, platformtest.Objects{
		UserID: u.ID, Email: u.Email, GroupID: g.ID, GroupName: g.Name, KeyID: k.ID, KeyName: k.Name,
	})
	if _, err := c.client.ReadUser(c.ctx, u.ID); err != nil {
		t.Fatalf("the user is gone after the wrong endpoints: %v", err)
	}
}

// Against authentik itself, deleted objects still read as not found, and the
// current-user probe goes out once however many reads.
func TestContractNotFoundIsTrustedAfterOneProbe(t *testing.T) {
	c := newContract(t)
	u := c.user("ada@example.com")
	g := c.group("platform-team", nil)
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-deployer", UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, del := range []func() error{
		func() error { return c.client.DeleteAPIKey(c.ctx, k.ID) },
		func() error { return c.client.DeleteGroup(c.ctx, g.ID) },
		func() error { return c.client.DeleteUser(c.ctx, u.ID) },
	} {
		if err := del(); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		_, err := c.client.ReadUser(c.ctx, u.ID)
		wantNotFound(t, err, "user", u.ID)
		_, err = c.client.ReadGroup(c.ctx, g.ID)
		wantNotFound(t, err, "user_group", g.ID)
		_, err = c.client.ReadAPIKey(c.ctx, k.ID)
		wantNotFound(t, err, "api_key", k.ID)
		_, err = c.client.FindUserByEmail(c.ctx, u.Email)
		wantNotFound(t, err, "user", u.Email)
	}
	if n := countPath(c.requests("GET"), mePath, 200); n != 1 {
		t.Errorf("GET %s sent %d times, want once", mePath, n)
	}
}

// The platform's documented "not found" answers are its own; a proxy's or another application's are not.
func TestIdentityKnowsItsOwnNotFound(t *testing.T) {
	platformtest.CheckOwnNotFound(t, &identity,
		`{"detail":"No User matches the given query."}`, `{"detail":"Not found."}`)
}
