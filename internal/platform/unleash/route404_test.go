package unleash

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

// A 404 to a create (a server without this API's routes, or an endpoint with a wrong path) names the
// platform, the request and the missing route.
func TestCreate404NamesPlatformAndPath(t *testing.T) {
	answer := platformtest.Missing404{ContentType: "application/json", Body: `{"id":"6d1b4e1c","name":"NotFoundError","message":"The path you were looking for (/api/admin/x) is not available."}`}
	// Unleash answers the open-source edition's missing group routes with this very 404: a group create
	// reports the edition instead (groups_test.go).
	platformtest.CheckCreatesName404Routes(t, answer, func(url string) platform.Backend {
		c, err := New(Config{Endpoint: url, Token: "route-404-test-token-0123456789", UserCreatesPerMinute: -1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}, Name, "user", "api key")
}
