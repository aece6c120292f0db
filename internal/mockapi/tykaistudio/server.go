package tykaistudio

import (
	"crypto/rand"
	"encoding/base64"
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
	superAdminID       = 1
	defaultGroupID     = 1
	defaultCatalogueID = 1
)

// Server is the mock. It is safe for concurrent use: handlers run under the Mock's lock.
type Server struct {
	*mockapi.Mock
	edition Edition
	st      *store
}

// New returns a mock seeded with the super admin, the catalogues and the Default group, which holds
// catalogue 1 of each kind.
func New(opts Options) *Server {
	s := &Server{edition: opts.Edition, st: newStore()}
	if s.edition == "" {
		s.edition = Enterprise
	}
	s.Mock = mockapi.NewMock(mockapi.Config{Platform: "tyk_ai_studio", Token: opts.Token, NewToken: newAPIKey, Now: opts.Now})
	s.seed()
	s.registerHooks()
	s.Serve(s.apiRoutes())
	return s
}

// Edition is the edition the mock serves.
func (s *Server) Edition() Edition { return s.edition }

func (s *Server) seed() {
	now := s.Now()
	admin := &user{
		id: superAdminID, email: SuperAdminEmail, name: SuperAdminName, isAdmin: true, showChat: true,
		showPortal: true, emailVerified: true, notificationsEnabled: true, accessToSSOConfig: true,
		apiKey: s.AdminToken(), createdAt: now, updatedAt: now,
	}
	s.st.users.Put(admin.id, admin)
	s.st.userIDs.Skip(superAdminID)
	def := newGroup(defaultGroupID, DefaultGroupName)
	s.st.groups.Put(defaultGroupID, def)
	s.st.groupIDs.Skip(defaultGroupID)
	s.st.members.Add(defaultGroupID, admin.id)

	// The server seeds catalogue 1 of each kind, named "Default", and links it to the Default group.
	names := map[catalogueKind][]string{
		kindCatalogues:     {"Default", "Research LLMs", "Premium LLMs"},
		kindDataCatalogues: {"Default", "Support KB", "Finance"},
		kindToolCatalogues: {"Default", "Jira", "GitHub"},
	}
	for _, k := range catalogueKinds {
		for i := range SeedCatalogues {
			id := uint32(i + 1)
			s.st.catalogues[k][id] = &catalogue{id: id, name: names[k][i]}
		}
		def.lists[k][defaultCatalogueID] = struct{}{}
	}
}

// newAPIKey makes a key in the server's format: base64url of 32 random bytes, 44 characters ending
// in one "=".
func newAPIKey() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.URLEncoding.EncodeToString(b)
}
