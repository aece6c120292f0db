package authentik

import (
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Options configures a mock server.
type Options struct {
	// Token is the API key of the seeded admin (pk 1, username "akadmin", member of the seeded
	// superuser group "authentik Admins"). When empty a random key is generated; see AdminToken.
	Token string
	// DefaultTokenDuration is the tenant's default_token_duration: the expiry the server gives api
	// tokens on every write. 0 means 24h, authentik's default.
	DefaultTokenDuration time.Duration
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
}

// kit is embedded under a lower-case name so that only its methods are promoted.
type kit = mockapi.Mock

// Server is the mock. It is safe for concurrent use: every request runs under the kit's lock, which
// also guards st.
type Server struct {
	*kit
	tokenDuration time.Duration
	st            *store
}

// New returns a mock seeded with the admin, its group, its token and two roles.
func New(opts Options) *Server {
	s := &Server{
		kit:           mockapi.NewMock(mockapi.Config{Platform: "authentik", Token: opts.Token, NewToken: newTokenKey, Now: opts.Now}),
		tokenDuration: opts.DefaultTokenDuration,
		st:            newStore(),
	}
	if s.tokenDuration <= 0 {
		s.tokenDuration = 24 * time.Hour
	}
	s.seed()
	s.hookRoutes()
	s.Serve(s.apiRoutes())
	return s
}

// clock returns the current time at the precision authentik stores (microseconds), in UTC.
func (s *Server) clock() time.Time { return s.Now().Truncate(time.Microsecond) }

// Seeded objects. The role uuids are fixed so tests can reference them without a roles endpoint.
const (
	AdminUsername      = "akadmin"
	AdminGroupName     = "authentik Admins"
	AdminTokenID       = "authentik-bootstrap-token"
	SeedRoleEditorUUID = "3f6b7c1e-2a4d-4e8f-9b0a-1c2d3e4f5a61"
	SeedRoleViewerUUID = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f02"
)

func (s *Server) seed() {
	st := s.st
	st.roles.Put(SeedRoleEditorUUID, &role{uuid: SeedRoleEditorUUID, name: "editor"})
	st.roles.Put(SeedRoleViewerUUID, &role{uuid: SeedRoleViewerUUID, name: "viewer"})

	admin := s.newUser()
	admin.username, admin.name, admin.email = AdminUsername, "authentik Default Admin", "root@localhost"
	admins := st.newGroup(AdminGroupName)
	admins.isSuperuser = true
	st.members.Add(admins.uuid, admin.pk)

	// Like authentik's bootstrap token: intent api, never expiring, so a long mock run keeps working.
	st.tokens.Put(AdminTokenID, &token{
		uuid: mockapi.NewUUID(), identifier: AdminTokenID, key: s.AdminToken(), intent: intentAPI,
		user: admin.pk, description: "", expiring: false,
	})
}
