package secoda

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

// Secoda's (DRF's) "not found" answer is its own; a proxy's or another application's are not.
func TestIdentityKnowsItsOwnNotFound(t *testing.T) {
	platformtest.CheckOwnNotFound(t, &identity, `{"detail":"Not found."}`)
}
