package secoda

import (
	"net/http"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// DocumentedWritesPerMinute is Secoda's documented limit on write calls.
const DocumentedWritesPerMinute = 30

// Options configures a mock server.
type Options struct {
	// Token is the API key of the seeded admin (AdminEmail). When empty a random UUID-shaped key is
	// generated, the shape of Secoda's keys; see AdminToken.
	Token string
	// WritesPerMinute limits POST/PUT/PATCH/DELETE requests per sliding minute: 0 means the documented
	// 30, a negative value means unlimited. Tests that do many writes raise or lift it.
	WritesPerMinute int
	// Now is the server's clock, for timestamps and the write limit; nil means time.Now.
	Now func() time.Time
}

// kit is embedded under a lower-case name so that only its methods are promoted.
type kit = mockapi.Mock

// Server is the mock. It is safe for concurrent use: every request runs under the kit's lock, which
// also guards st and limiter.
type Server struct {
	*kit
	st      *store
	limiter *writeLimiter
}

// Seeded objects. Their ids are fixed so tests can name them without a lookup.
const (
	WorkspaceID     = "5e0c7d4a-1b2f-4c3d-9e8f-0a1b2c3d4e5f"
	AdminUserID     = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9"
	AdminEmail      = "admin@roster-mock.example.com"
	DefaultTeamID   = "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d"
	DefaultTeamName = "General"
)

// New returns a mock seeded with the admin behind the token and the default "General" team.
func New(opts Options) *Server {
	s := &Server{
		kit:     mockapi.NewMock(mockapi.Config{Platform: "secoda", Token: opts.Token, NewToken: mockapi.NewUUID, Now: opts.Now}),
		st:      newStore(),
		limiter: newWriteLimiter(opts.WritesPerMinute),
	}
	s.seed()
	s.hookRoutes()
	s.Serve(s.apiRoutes())
	return s
}

// SetWritesPerMinute changes the write limit with the same meaning as Options.WritesPerMinute. Writes
// already counted stay counted.
func (s *Server) SetWritesPerMinute(n int) {
	defer s.Lock(http.MethodPut)()
	s.limiter.setLimit(n)
}

// clock returns the current time at the precision Django stores (microseconds), in UTC.
func (s *Server) clock() time.Time { return s.Now().Truncate(time.Microsecond) }

func (s *Server) seed() {
	now := s.clock()
	s.st.teams.Put(DefaultTeamID, &team{id: DefaultTeamID, name: DefaultTeamName, icon: "🏠", teamType: "OPEN",
		isDefault: true, createdAt: now, updatedAt: now})
	s.st.users.Put(AdminUserID, &user{id: AdminUserID, firstName: "Roster", lastName: "Admin", email: AdminEmail,
		role: roleAdmin, teams: mockapi.SetOf([]string{DefaultTeamID}), lastLogin: &now})
}
