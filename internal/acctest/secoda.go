package acctest

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	secodamock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
)

// SecodaToken is the seeded admin's API key in every Secoda mock the harness starts.
const SecodaToken = "5d0c7a4e-acc7-4e5b-9c1a-7e57000000aa"

// Secoda is a Secoda mock served on 127.0.0.1 for one test. Its write limit is lifted unless a test sets
// one, and the provider block paces writes to match.
type Secoda struct {
	*Server
	Mock *secodamock.Server
}

// NewSecoda starts a fresh mock that allows writesPerMinute writes (negative: unlimited); it stops when
// the test ends.
func NewSecoda(t *testing.T, writesPerMinute int) *Secoda {
	t.Helper()
	srv, mock := startAs[*secodamock.Server](t, secodamock.Descriptor, mockapi.Options{Token: SecodaToken, WritesPerMinute: writesPerMinute})
	s := &Secoda{Server: srv, Mock: mock}
	if writesPerMinute < 0 {
		s.ProviderExtra = "writes_per_minute = 100000"
	}
	return s
}

// SecodaState is the mock's /__mock/secoda/state summary.
type SecodaState struct {
	Groups []string `json:"groups"`
	Users  []string `json:"users"`
}

// State returns what the mock holds now.
func (s *Secoda) State() SecodaState {
	s.t.Helper()
	var out SecodaState
	s.hookJSON("state", &out)
	return out
}
