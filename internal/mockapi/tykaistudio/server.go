package tykaistudio

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"sync"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Edition selects which build of Tyk AI Studio the mock behaves like.
type Edition string

const (
	// Enterprise serves the full group ("Teams") API.
	Enterprise Edition = "enterprise"
	// Community is what the public repository builds: group writes and every membership or
	// catalogue sub-route answer 402, and only the Default group is readable.
	Community Edition = "community"
)

// Options configures a mock server.
type Options struct {
	// Token is the API key of the seeded super admin (user #1, admin, email verified). When empty a
	// random key is generated; see AdminToken.
	Token string
	// Edition defaults to Enterprise.
	Edition Edition
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
}

// Seeded objects.
const (
	SuperAdminEmail = "admin@tyk-ai-studio.test"
	SuperAdminName  = "Super Admin"
	// SeedCatalogues is how many catalogues of each kind (LLM, data, tool) exist, with ids 1..N, so
	// that groups can reference them; the mock has no catalogue CRUD.
	SeedCatalogues = 3
)

const (
	superAdminID   = 1
	defaultGroupID = 1
)

// Server is the mock. It is safe for concurrent use.
type Server struct {
	edition    Edition
	now        func() time.Time
	adminToken string

	// mu guards st. Every API handler runs entirely under it, so each request sees and leaves a
	// consistent state, as the real server's transactions do.
	mu sync.Mutex
	st *store

	log     *mockapi.RequestLog
	faults  *mockapi.Faults
	handler http.Handler
}

// New returns a mock seeded with the super admin, the Default group and the catalogues.
func New(opts Options) *Server {
	s := &Server{
		edition:    opts.Edition,
		now:        opts.Now,
		adminToken: opts.Token,
		st:         newStore(),
		log:        mockapi.NewRequestLog(),
		faults:     mockapi.NewFaults(),
	}
	if s.edition == "" {
		s.edition = Enterprise
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.adminToken == "" {
		s.adminToken = newAPIKey()
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

// AdminToken is the super admin's API key: Options.Token, or the generated one.
func (s *Server) AdminToken() string { return s.adminToken }

// Edition is the edition the mock serves.
func (s *Server) Edition() Edition { return s.edition }

func (s *Server) clock() time.Time { return s.now().UTC() }

func (s *Server) seed() {
	now := s.clock()
	admin := &user{
		id: superAdminID, email: SuperAdminEmail, name: SuperAdminName, isAdmin: true, showChat: true,
		showPortal: true, emailVerified: true, notificationsEnabled: true, accessToSSOConfig: true,
		apiKey: s.adminToken, createdAt: now, updatedAt: now,
	}
	s.st.users[admin.id] = admin
	s.st.nextUserID = superAdminID + 1

	def := newGroup(defaultGroupID, DefaultGroupName)
	def.members[admin.id] = struct{}{}
	s.st.groups[def.id] = def
	s.st.nextGroupID = defaultGroupID + 1

	names := map[catalogueKind][]string{
		kindCatalogues:     {"Default", "Research LLMs", "Premium LLMs"},
		kindDataCatalogues: {"Docs", "Support KB", "Finance"},
		kindToolCatalogues: {"Web tools", "Jira", "GitHub"},
	}
	for _, k := range catalogueKinds {
		for i := range SeedCatalogues {
			id := uint32(i + 1)
			s.st.catalogues[k][id] = &catalogue{id: id, name: names[k][i]}
		}
	}
}

// newAPIKey makes a key in the server's format: base64url of 32 random bytes, 44 characters ending
// in one "=".
func newAPIKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.URLEncoding.EncodeToString(b)
}
