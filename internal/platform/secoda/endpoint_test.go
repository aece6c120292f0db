package secoda_test

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

// contractObjects creates a user and a group (Secoda has no API keys) on the mock.
func contractObjects(e *env) (platform.User, platform.Group) {
	e.t.Helper()
	u, err := e.client.CreateUser(e.ctx, platform.UserSpec{Email: "new.hire@example.com", Name: "New Hire", Role: ptrTo("editor")})
	if err != nil {
		e.t.Fatal(err)
	}
	g, err := e.client.CreateGroup(e.ctx, platform.GroupSpec{Name: "platform-team", Members: []string{u.ID}})
	if err != nil {
		e.t.Fatal(err)
	}
	return u, g
}

func ptrTo[T any](v T) *T { return &v }

// A wrong endpoint (a proxy's 404 page, another application, Secoda under a wrong path) never reads an
// object as gone.
func TestContractWrongEndpointNeverReadsAsNotFound(t *testing.T) {
	e := newEnv(t)
	u, g := contractObjects(e)
	newBackend := func(t *testing.T, endpoint string) platform.Backend {
		return newClient(t, endpoint, mockToken, envOptions{clientWritesPerMinute: -1, maxRetries: 1})
	}
	platformtest.CheckWrongEndpoints(t, "Secoda", e.url, newBackend, platformtest.Objects{
		UserID: u.ID, Email: u.Email, GroupID: g.ID, GroupName: g.Name,
	})
	if _, err := e.client.ReadUser(e.ctx, u.ID); err != nil {
		t.Fatalf("the user is gone after the wrong endpoints: %v", err)
	}
}

// Against Secoda itself, deleted objects still read as not found, and the probe (GET /api/v1/user/) goes out
// once however many reads.
func TestContractNotFoundIsTrustedAfterOneProbe(t *testing.T) {
	e := newEnv(t)
	u, g := contractObjects(e)
	if err := e.client.DeleteGroup(e.ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.client.DeleteUser(e.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	listings := func() int {
		n := 0
		for _, entry := range e.mock.Log().Matching("GET", "/api/v1/user/") {
			if entry.Path == "/api/v1/user/" {
				n++
			}
		}
		return n
	}
	before := listings()
	for range 3 {
		for name, read := range map[string]func() error{
			"ReadUser":  func() error { _, err := e.client.ReadUser(e.ctx, u.ID); return err },
			"ReadGroup": func() error { _, err := e.client.ReadGroup(e.ctx, g.ID); return err },
		} {
			if err := read(); !platform.IsNotFound(err) {
				t.Fatalf("%s: got %T (%v), want a NotFoundError", name, err, err)
			}
		}
	}
	if n := listings() - before; n != 1 {
		t.Errorf("GET /api/v1/user/ sent %d times, want once", n)
	}
}
