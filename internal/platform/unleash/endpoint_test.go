package unleash

import (
	"context"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

// A wrong endpoint (a proxy's 404 page, another application, Unleash under a wrong path) never reads an
// object as gone.
func TestContractWrongEndpointNeverReadsAsNotFound(t *testing.T) {
	e := groupEnv(t)
	u := e.createUser(platform.UserSpec{Email: e.email("ada"), Name: "Ada"})
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: e.name("platform"), Members: []string{u.ID}})
	if err != nil {
		t.Fatal(err)
	}
	k := e.createKey(platform.APIKeySpec{Name: e.name("ci")})
	newClient := func(t *testing.T, endpoint string) platform.Backend {
		c, err := New(Config{Endpoint: endpoint, Token: e.target.token,
			HTTP: httpclient.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	platformtest.CheckWrongEndpoints(t, "Unleash", e.target.endpoint, newClient, platformtest.Objects{
		UserID: u.ID, Email: u.Email, GroupID: g.ID, GroupName: g.Name, KeyID: k.ID, KeyName: k.Name,
	})
	if _, err := e.client.ReadUser(e.ctx, u.ID); err != nil {
		t.Fatalf("the user is gone after the wrong endpoints: %v", err)
	}
}

// Against Unleash itself (the mock, and the real server when there is one), deleted objects still read as
// not found, and GET /api/admin/user goes out once however many reads.
func TestContractNotFoundIsTrustedAfterOneProbe(t *testing.T) {
	for name, tg := range map[string]func(*testing.T) target{
		"mock": func(t *testing.T) target {
			return mockTarget(t, unleashmock.Options{Edition: unleashmock.EditionEnterprise})
		},
		"real": realTarget,
	} {
		t.Run(name, func(t *testing.T) {
			target := tg(t)
			e := &env{t: t, ctx: context.Background(), target: target, client: target.newClient(t), suffix: randomSuffix()}
			u := e.createUser(platform.UserSpec{Email: e.email("gone"), Name: "Gone"})
			k := e.createKey(platform.APIKeySpec{Name: e.name("gone")})
			if err := e.client.DeleteAPIKey(e.ctx, k.ID); err != nil {
				t.Fatal(err)
			}
			if err := e.client.DeleteUser(e.ctx, u.ID); err != nil {
				t.Fatal(err)
			}
			for range 3 {
				_, err := e.client.ReadUser(e.ctx, u.ID)
				wantNotFound(t, err, "user", u.ID)
				_, err = e.client.ReadAPIKey(e.ctx, k.ID)
				wantNotFound(t, err, "api_key", k.ID)
				_, err = e.client.FindUserByEmail(e.ctx, u.Email)
				wantNotFound(t, err, "user", u.Email)
			}
			if target.mock != nil {
				n := 0
				for _, entry := range target.mock.Log().Matching("GET", "/api/admin/user") {
					if entry.Path == "/api/admin/user" {
						n++
					}
				}
				if n != 1 {
					t.Errorf("GET /api/admin/user sent %d times, want once", n)
				}
			}
		})
	}
}

// The platform's documented "not found" answers are its own; a proxy's or another application's are not.
func TestIdentityKnowsItsOwnNotFound(t *testing.T) {
	platformtest.CheckOwnNotFound(t, &identity,
		`{"name":"NotFoundError","message":"No user found","details":[{"message":"No user found"}]}`, `{"name":"NotFoundError","message":"Could not find group with id 7","details":[{"message":"Could not find group with id 7"}]}`)
}
