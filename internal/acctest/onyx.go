package acctest

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
)

// OnyxToken is the seeded admin's API key in every Onyx mock the harness starts.
const OnyxToken = "on_acctest0onyx0admin0key"

// Onyx is an Onyx mock served on 127.0.0.1 for one test.
type Onyx struct {
	*Server
	Mock *onyxmock.Server
}

// NewOnyx starts a fresh mock of the API generation ("v4.6" or "current") with its default, short but
// non-zero, background sync so the provider's waiting is exercised; it stops when the test ends.
func NewOnyx(t *testing.T, generation string) *Onyx {
	t.Helper()
	s, mock := startAs[*onyxmock.Server](t, onyxmock.Descriptor, mockapi.Options{Token: OnyxToken, Variant: generation})
	return &Onyx{Server: s, Mock: mock}
}
