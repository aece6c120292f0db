package acctest

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// TykToken is the seeded super admin's API key in every Tyk AI Studio mock the harness starts.
const TykToken = "acctest-tyk-super-admin-key"

// Tyk is a Tyk AI Studio mock served on 127.0.0.1 for one test.
type Tyk struct {
	*Server
	Mock *tykmock.Server
}

// NewTyk starts a fresh mock of the given edition; it stops when the test ends.
func NewTyk(t *testing.T, edition tykmock.Edition) *Tyk {
	t.Helper()
	s, mock := startAs[*tykmock.Server](t, tykmock.Descriptor, mockapi.Options{Token: TykToken, Variant: string(edition)})
	return &Tyk{Server: s, Mock: mock}
}

// TykState is the mock's /__mock/tyk_ai_studio/state summary.
type TykState struct {
	Groups struct {
		Names []string `json:"names"`
	} `json:"groups"`
	Users struct {
		Emails []string `json:"emails"`
	} `json:"users"`
	// Catalogues are every catalogue id by kind: "catalogues", "data_catalogues", "tool_catalogues".
	Catalogues map[string][]int `json:"catalogues"`
}

// State returns what the mock holds now.
func (s *Tyk) State() TykState {
	s.t.Helper()
	var out TykState
	s.hookJSON("state", &out)
	return out
}
