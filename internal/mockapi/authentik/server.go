package authentik

import (
	"net/http"
	"sync"
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

// Server is the mock. It is safe for concurrent use.
type Server struct {
	tokenDuration time.Duration
	now           func() time.Time
	adminToken    string

	// mu guards st. API handlers run entirely under it (read lock for GET), so every request sees
	// and leaves a consistent state, as the real server's transactions do.
	mu sync.RWMutex
	st *store

	log     *mockapi.RequestLog
	faults  *mockapi.Faults
	handler http.Handler
}

// New returns a mock seeded with the admin, its group, its token and two roles.
func New(opts Options) *Server {
	s := &Server{
		tokenDuration: opts.DefaultTokenDuration,
		now:           opts.Now,
		adminToken:    opts.Token,
		st:            newStore(),
		log:           mockapi.NewRequestLog(),
		faults:        mockapi.NewFaults(),
	}
	if s.tokenDuration <= 0 {
		s.tokenDuration = 24 * time.Hour
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.adminToken == "" {
		s.adminToken = newTokenKey()
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

// clock returns the current time at the precision authentik stores (microseconds), in UTC.
func (s *Server) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Seeded objects. The role uuids are fixed so tests can reference them without a roles endpoint.
const (
	AdminUsername      = "akadmin"
	AdminGroupName     = "authentik Admins"
	AdminTokenID       = "authentik-bootstrap-token"
	SeedRoleEditorUUID = "3f6b7c1e-2a4d-4e8f-9b0a-1c2d3e4f5a61"
	SeedRoleViewerUUID = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f02"
)

func (s *Server) seed() {
	now := s.clock()
	st := s.st
	st.roles[SeedRoleEditorUUID] = &role{uuid: SeedRoleEditorUUID, name: "editor"}
	st.roles[SeedRoleViewerUUID] = &role{uuid: SeedRoleViewerUUID, name: "viewer"}

	admin := &user{
		pk: st.nextUserPK, uuid: newUUID(), username: AdminUsername, name: "authentik Default Admin",
		email: "root@localhost", isActive: true, path: "users", userType: "internal",
		attributes: emptyObject, roles: map[string]struct{}{},
		dateJoined: now, lastUpdated: now, passwordChangeDate: now,
	}
	st.nextUserPK++
	st.users[admin.pk] = admin

	admins := &group{uuid: newUUID(), name: AdminGroupName, isSuperuser: true, attributes: emptyObject,
		parents: map[string]struct{}{}, roles: map[string]struct{}{}}
	st.groups[admins.uuid] = admins
	st.addMember(admins.uuid, admin.pk)

	// Like authentik's bootstrap token: intent api, never expiring, so a long mock run keeps working.
	st.tokens[AdminTokenID] = &token{
		uuid: newUUID(), identifier: AdminTokenID, key: s.adminToken, intent: intentAPI,
		user: admin.pk, description: "", expiring: false,
	}
}
