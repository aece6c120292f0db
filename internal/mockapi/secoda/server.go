package secoda

import (
	"net/http"
	"sync"
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

// Server is the mock. It is safe for concurrent use.
type Server struct {
	now        func() time.Time
	adminToken string

	// mu guards st and limiter. API handlers run entirely under it (read lock for GET), so every
	// request sees and leaves a consistent state, as the real server's transactions do.
	mu      sync.RWMutex
	st      *store
	limiter *writeLimiter

	log     *mockapi.RequestLog
	faults  *mockapi.Faults
	handler http.Handler
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
		now:        opts.Now,
		adminToken: opts.Token,
		st:         newStore(),
		limiter:    newWriteLimiter(opts.WritesPerMinute),
		log:        mockapi.NewRequestLog(),
		faults:     mockapi.NewFaults(),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.adminToken == "" {
		s.adminToken = newUUID()
	}
	s.seed()
	s.handler = mockapi.Wrap(s.apiRoutes(), s.hookRoutes(), s.log, s.faults)
	return s
}

// ServeHTTP serves the API, the /__mock/ hooks, fault injection and request logging.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Log is the record of API requests (hook requests are not in it).
func (s *Server) Log() *mockapi.RequestLog { return s.log }

// Faults is the fault injection in front of the API.
func (s *Server) Faults() *mockapi.Faults { return s.faults }

// AdminToken is the seeded admin's API key: Options.Token, or the generated one.
func (s *Server) AdminToken() string { return s.adminToken }

// SetWritesPerMinute changes the write limit with the same meaning as Options.WritesPerMinute. Writes
// already counted stay counted.
func (s *Server) SetWritesPerMinute(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limiter.setLimit(n)
}

// clock returns the current time at the precision Django stores (microseconds), in UTC.
func (s *Server) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func (s *Server) seed() {
	now := s.clock()
	s.st.addTeam(&team{id: DefaultTeamID, name: DefaultTeamName, icon: "🏠", teamType: "OPEN",
		isDefault: true, createdAt: now, updatedAt: now})
	s.st.addUser(&user{id: AdminUserID, firstName: "Roster", lastName: "Admin", email: AdminEmail,
		role: roleAdmin, teams: setOf([]string{DefaultTeamID}), lastLogin: &now})
}
