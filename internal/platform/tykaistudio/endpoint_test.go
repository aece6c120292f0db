package tykaistudio

import (
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

func endpointClient(t *testing.T, endpoint string) platform.Backend {
	t.Helper()
	c, err := New(Config{Endpoint: endpoint, Token: mockToken,
		HTTP: httpclient.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// contractObjects creates a user, a group and the user's API key on the mock.
func contractObjects(c *contract) (platform.User, platform.Group, platform.APIKey) {
	c.t.Helper()
	u := c.user("ada@example.com", nil)
	g := c.group("platform-team", []string{u.ID}, nil)
	k, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-deployer", UserID: u.ID})
	if err != nil {
		c.t.Fatal(err)
	}
	return u, g, k
}

// A wrong endpoint (a proxy's 404 page, another application, Tyk AI Studio under a wrong path) never reads
// an object as gone.
func TestContractWrongEndpointNeverReadsAsNotFound(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	u, g, k := contractObjects(c)
	platformtest.CheckWrongEndpoints(t, "Tyk AI Studio", c.url, endpointClient, platformtest.Objects{
		UserID: u.ID, Email: u.Email, GroupID: g.ID, GroupName: g.Name, KeyID: k.ID,
	})
	if _, err := c.client.ReadUser(c.ctx, u.ID); err != nil {
		t.Fatalf("the user is gone after the wrong endpoints: %v", err)
	}
}

// Against Tyk AI Studio itself, deleted objects still read as not found (404s and 500 "record not found"
// alike), and the probe goes out once however many reads.
func TestContractNotFoundIsTrustedAfterOneProbe(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	u, g, k := contractObjects(c)
	if err := c.client.DeleteGroup(c.ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.client.DeleteUser(c.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	probes := func() int {
		n := 0
		for _, e := range c.mock.Log().Matching("GET", "/api/v1/users") {
			if e.Path == "/api/v1/users" && e.RawQuery == "page=1&page_size=1" {
				n++
			}
		}
		return n
	}
	for range 3 {
		for name, read := range map[string]func() error{
			"ReadUser":   func() error { _, err := c.client.ReadUser(c.ctx, u.ID); return err },
			"ReadGroup":  func() error { _, err := c.client.ReadGroup(c.ctx, g.ID); return err },
			"ReadAPIKey": func() error { _, err := c.client.ReadAPIKey(c.ctx, k.ID); return err },
			"UpdateUser": func() error {
				_, err := c.client.UpdateUser(c.ctx, u.ID, platform.UserSpec{Email: u.Email, Name: "x"})
				return err
			},
			"DeleteUser":   func() error { return c.client.DeleteUser(c.ctx, u.ID) },
			"FindByEmail":  func() error { _, err := c.client.FindUserByEmail(c.ctx, u.Email); return err },
			"FindByName":   func() error { _, err := c.client.FindGroupByName(c.ctx, g.Name); return err },
			"DeleteGroup":  func() error { return c.client.DeleteGroup(c.ctx, g.ID) },
			"DeleteAPIKey": func() error { return c.client.DeleteAPIKey(c.ctx, k.ID) },
		} {
			err := read()
			if name[:6] == "Delete" {
				if err != nil {
					t.Fatalf("%s of a deleted object: %v", name, err)
				}
			} else if !platform.IsNotFound(err) {
				t.Fatalf("%s: got %T (%v), want a NotFoundError", name, err, err)
			}
		}
	}
	if n := probes(); n != 1 {
		t.Errorf("the probe was sent %d times, want once", n)
	}
}

// The platform's documented "not found" answers are its own; a proxy's or another application's are not.
func TestIdentityKnowsItsOwnNotFound(t *testing.T) {
	platformtest.CheckOwnNotFound(t, &identity,
		`{"errors":[{"title":"Not Found","detail":"User not found"}]}`, `{"errors":[{"detail":"record not found","title":"Internal Server Error"}]}`)
}
