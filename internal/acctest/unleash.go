package acctest

import (
	"os"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// UnleashToken is the admin API token in every Unleash mock the harness starts.
const UnleashToken = "*:*.acctest0unleash0admin0token"

// Unleash is an Unleash API for one test: the in-process mock, or the real server `make test` starts.
type Unleash struct {
	*Server
	// Mock is nil for the real server.
	Mock *unleashmock.Server
	// Name says which target this is, for subtest names.
	Name string
}

// NewUnleash starts a fresh Unleash mock of the given edition with user creation unthrottled (tests about
// pacing set their own limit); it stops when the test ends.
func NewUnleash(t *testing.T, edition unleashmock.Edition) *Unleash {
	t.Helper()
	s, mock := startAs[*unleashmock.Server](t, unleashmock.Descriptor, mockapi.Options{Token: UnleashToken, Variant: string(edition), WritesPerMinute: -1})
	return &Unleash{Server: s, Mock: mock, Name: "mock"}
}

// RealUnleash returns the real open-source Unleash server that scripts/unleash-server.sh started
// (UNLEASH_URL, UNLEASH_TOKEN). Without one the test is skipped, unless ROSTER_REQUIRE_REAL_UNLEASH is set
// (make test sets it), in which case the test fails: the real server is part of the suite.
func RealUnleash(t *testing.T) *Unleash {
	t.Helper()
	url, token := os.Getenv("UNLEASH_URL"), os.Getenv("UNLEASH_TOKEN")
	if url == "" || token == "" {
		if os.Getenv("ROSTER_REQUIRE_REAL_UNLEASH") != "" {
			t.Fatal("UNLEASH_URL/UNLEASH_TOKEN are not set: the real Unleash server did not start (see scripts/unleash-server.sh)")
		}
		t.Skip(`no real Unleash server: run eval "$(scripts/unleash-server.sh start)" first, or use make test`)
	}
	return &Unleash{Server: &Server{t: t, URL: url, Token: token, platform: "unleash", apiPath: ""}, Name: "real"}
}

// UnleashTarget names a way to get an Unleash API for one subtest.
type UnleashTarget struct {
	Name  string
	Start func(t *testing.T) *Unleash
}

// UnleashTargets are the Enterprise mock and the real open-source server, for tests that must pass
// against both.
var UnleashTargets = []UnleashTarget{
	{Name: "mock", Start: func(t *testing.T) *Unleash { return NewUnleash(t, unleashmock.EditionEnterprise) }},
	{Name: "real", Start: RealUnleash},
}
