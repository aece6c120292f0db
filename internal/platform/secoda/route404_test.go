package secoda

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

// A 404 to a create (a server without this API's routes, or an endpoint with a wrong path) names the
// platform, the request and the missing route.
func TestCreate404NamesPlatformAndPath(t *testing.T) {
	answer := platformtest.Missing404{ContentType: "application/json", Body: `{"detail":"Not found."}`}
	// Secoda has no API-key endpoints.
	platformtest.CheckCreatesName404Routes(t, answer, func(url string) platform.Backend {
		c, err := New(Config{Endpoint: url, Token: "route-404-test-token-0123456789", HTTP: httpclient.Config{WritesPerMinute: -1}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}, Name, "group", "user")
}
