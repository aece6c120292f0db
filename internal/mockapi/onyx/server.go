package onyx

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// The two API generations the mock serves (see the package documentation).
const (
	GenerationV46     = "v4.6"
	GenerationCurrent = "current"
)

// DefaultSyncDelay is how long a group stays stale after a write when Options.SyncDelay is 0: short
// for tests, but not zero, so a client's wait for the sync is always exercised.
const DefaultSyncDelay = 150 * time.Millisecond

// Options configures a mock server.
type Options struct {
	// Token is the API key that authenticates as the seeded admin (AdminEmail). When empty a random
	// key in Onyx's format is generated; see AdminToken.
	Token string
	// Generation is GenerationV46 (the default) or GenerationCurrent; anything else panics.
	Generation string
	// SyncDelay is how long a group stays stale (and locked) after create, rename, a connector change
	// or delete: 0 means DefaultSyncDelay, a negative value means no background sync at all (the
	// server's DISABLE_VECTOR_DB: groups are up to date at once and deleted at once).
	SyncDelay time.Duration
	// DeleteDelay is how long a deleted group stays listed: 0 means SyncDelay, negative means at once.
	DeleteDelay time.Duration
	// Now is the server's clock, for the sync and for timestamps; nil means time.Now.
	Now func() time.Time
}

// Seeded objects, with fixed ids so tests can name them without a lookup.
const (
	AdminEmail = "admin@onyx.test"
	AdminID    = "0b7c9a52-6d1e-4f3a-8c2b-9e4d5f6a7b01"
	AdaEmail   = "ada@example.com"
	AdaID      = "1c8d0b63-7e2f-4a4b-9d3c-0f5e6a7b8c02"
	GraceEmail = "grace@example.com"
	GraceID    = "2d9e1c74-8f30-4b5c-ae4d-1a6f7b8c9d03"

	AdminGroupID   = 1
	BasicGroupID   = 2
	AdminGroupName = "Admin"
	BasicGroupName = "Basic"

	// SeedCCPairs is how many connector-credential pairs exist (ids 1..N), so groups can reference
	// them; the mock has no connector API.
	SeedCCPairs = 3

	// Versions /api/version reports per generation.
	BackendVersionV46     = "v4.6.1"
	BackendVersionCurrent = "v4.7.0-cloud.1"
)

// Server is the mock. It is safe for concurrent use: every API and hook handler runs under the
// Mock's lock, after the due background syncs have been applied, so each request sees and leaves a
// consistent state.
type Server struct {
	*mockapi.Mock
	generation  string
	syncDelay   time.Duration
	deleteDelay time.Duration
	st          *store
}

// New returns a mock seeded with the admin behind the token, Ada and Grace (accepted users), the
// default groups Admin and Basic, and SeedCCPairs connector-credential pairs.
func New(opts Options) *Server {
	s := &Server{generation: opts.Generation, syncDelay: opts.SyncDelay, deleteDelay: opts.DeleteDelay, st: newStore()}
	switch s.generation {
	case "":
		s.generation = GenerationV46
	case GenerationV46, GenerationCurrent:
	default:
		panic(fmt.Sprintf("onyx mock: unknown generation %q (want %q or %q)", opts.Generation, GenerationV46, GenerationCurrent))
	}
	if s.syncDelay == 0 {
		s.syncDelay = DefaultSyncDelay
	}
	if s.deleteDelay == 0 {
		s.deleteDelay = s.syncDelay
	}
	s.Mock = mockapi.NewMock(mockapi.Config{Platform: "onyx", Token: opts.Token, NewToken: newAPIKey, Now: opts.Now, Settle: s.settle})
	s.seed()
	s.registerHooks()
	s.Serve(s.apiRoutes())
	return s
}

// Generation is the API generation the mock serves.
func (s *Server) Generation() string { return s.generation }

func (s *Server) current() bool { return s.generation == GenerationCurrent }

func (s *Server) seed() {
	now := s.Now()
	for _, u := range []*user{
		{id: AdminID, email: AdminEmail, role: roleAdmin, personalName: "Onyx Admin"},
		{id: AdaID, email: AdaEmail, role: roleBasic, personalName: "Ada Lovelace"},
		{id: GraceID, email: GraceEmail, role: roleBasic, personalName: "Grace Hopper"},
	} {
		u.accountType, u.active, u.createdAt, u.updatedAt = accountStandard, true, now, now
		s.st.users.Put(u.id, u)
	}
	admin := newGroup(AdminGroupID, AdminGroupName)
	admin.members[AdminID] = false
	admin.grants = map[string]bool{permAdmin: true}
	basic := newGroup(BasicGroupID, BasicGroupName)
	basic.members[AdaID], basic.members[GraceID] = false, false
	for _, g := range []*group{admin, basic} {
		g.isDefault, g.upToDate = true, true
		s.st.groups.Put(g.id, g)
	}
	s.st.groupIDs.Skip(BasicGroupID)
	for id := 1; id <= SeedCCPairs; id++ {
		s.st.ccPairs[id] = now
	}
}

// newAPIKey makes a key in Onyx's format: "on_" and secrets.token_urlsafe(192), 256 characters.
func newAPIKey() string {
	b := make([]byte, 192)
	_, _ = rand.Read(b)
	return "on_" + base64.RawURLEncoding.EncodeToString(b)
}
