package acctest

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
)

// AuthentikToken is the seeded admin's API token in every authentik mock the harness starts.
const AuthentikToken = "acctest-authentik-admin-token"

// Authentik is an authentik mock served on 127.0.0.1 for one test.
type Authentik struct {
	*Server
	Mock *authentikmock.Server
}

// NewAuthentik starts a fresh mock; it stops when the test ends.
func NewAuthentik(t *testing.T) *Authentik {
	t.Helper()
	s, mock := startAs[*authentikmock.Server](t, authentikmock.Descriptor, mockapi.Options{Token: AuthentikToken})
	return &Authentik{Server: s, Mock: mock}
}

// AuthentikState is the mock's /__mock/authentik/state summary: counts and sorted natural keys.
type AuthentikState struct {
	Groups struct {
		Count int      `json:"count"`
		Names []string `json:"names"`
	} `json:"groups"`
	Users struct {
		Count     int      `json:"count"`
		Usernames []string `json:"usernames"`
	} `json:"users"`
	Tokens struct {
		Count       int      `json:"count"`
		Identifiers []string `json:"identifiers"`
	} `json:"tokens"`
}

// State returns what the mock holds now.
func (a *Authentik) State() AuthentikState {
	a.t.Helper()
	var out AuthentikState
	a.hookJSON("state", &out)
	return out
}
