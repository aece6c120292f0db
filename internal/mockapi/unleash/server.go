package unleash

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

// Edition selects which Unleash the mock pretends to be.
type Edition string

const (
	// EditionEnterprise serves the /api/admin/groups routes.
	EditionEnterprise Edition = "enterprise"
	// EditionOpenSource answers every /api/admin/groups route with the generic route 404, like an OSS server.
	EditionOpenSource Edition = "open-source"
)

// DefaultUserCreatesPerMinute is Unleash's CREATE_USER_RATE_LIMIT_PER_MINUTE default.
const DefaultUserCreatesPerMinute = 20

// Options configures a mock server.
type Options struct {
	// Token is the admin API token (as INIT_ADMIN_API_TOKENS would create it). When empty a random
	// "*:*.<hex>" token is generated; see AdminToken.
	Token string
	// Edition is EditionEnterprise when empty, so groups work unless a test asks for open source.
	Edition Edition
	// UserCreatesPerMinute limits POSTs under /api/admin/user-admin: 0 means 20 (the server default), a
	// negative value means unlimited.
	UserCreatesPerMinute int
	// Now is the server's clock (timestamps and the rate-limit window); nil means time.Now.
	Now func() time.Time
}

// Server is the mock. It is safe for concurrent use.
type Server struct {
	edition    Edition
	adminToken string
	now        func() time.Time
	limiter    *rateLimiter

	// mu guards st. API handlers run entirely under it, so every request sees and leaves a consistent
	// state, as the real server's transactions do.
	mu sync.Mutex
	st *store

	log     *mockapi.RequestLog
	faults  *mockapi.Faults
	handler http.Handler
}

// New returns a mock seeded like a fresh Unleash: user 1 "admin", the admin API token, the root roles
// Admin (1), Editor (2) and Viewer (3), the environments development and production, the project default.
func New(opts Options) *Server {
	s := &Server{
		edition:    opts.Edition,
		adminToken: opts.Token,
		now:        opts.Now,
		log:        mockapi.NewRequestLog(),
		faults:     mockapi.NewFaults(),
	}
	if s.edition == "" {
		s.edition = EditionEnterprise
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.adminToken == "" {
		s.adminToken = "*:*." + randomHex(24)
	}
	limit := opts.UserCreatesPerMinute
	if limit == 0 {
		limit = DefaultUserCreatesPerMinute
	}
	if limit > 0 {
		s.limiter = &rateLimiter{limit: limit, window: time.Minute}
	}
	s.st = newStore(s.clock(), s.adminToken)
	s.handler = mockapi.Wrap(s.apiRoutes(), s.hookRoutes(), s.log, s.faults)
	return s
}

// ServeHTTP serves the API, the /__mock/ hooks, fault injection and request logging.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Log is the record of API requests (hook requests are not in it).
func (s *Server) Log() *mockapi.RequestLog { return s.log }

// Faults is the fault injection in front of the API.
func (s *Server) Faults() *mockapi.Faults { return s.faults }

// AdminToken is the admin API token: Options.Token, or the generated one.
func (s *Server) AdminToken() string { return s.adminToken }

// Edition is the edition the mock serves.
func (s *Server) Edition() Edition { return s.edition }

// clock returns the current time at the precision Unleash serialises (milliseconds), in UTC.
func (s *Server) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// newUUID makes the id of a middleware error, which Unleash generates per error for log searches.
func newUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
