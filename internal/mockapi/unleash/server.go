package unleash

import (
	"crypto/rand"
	"encoding/hex"
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

// Server is the mock. It is safe for concurrent use: handlers run under the Mock's lock.
type Server struct {
	*mockapi.Mock
	edition Edition
	limiter *rateLimiter
	st      *store
}

// New returns a mock seeded like a fresh Unleash: user 1 "admin", the admin API token, the root roles
// Admin (1), Editor (2) and Viewer (3), the project roles Owner (4), Member (5) and Reader (6), the
// environments development and production, the project default.
func New(opts Options) *Server {
	s := &Server{edition: opts.Edition}
	if s.edition == "" {
		s.edition = EditionEnterprise
	}
	limit := opts.UserCreatesPerMinute
	if limit == 0 {
		limit = DefaultUserCreatesPerMinute
	}
	if limit > 0 {
		s.limiter = &rateLimiter{limit: limit, window: time.Minute}
	}
	s.Mock = mockapi.NewMock(mockapi.Config{
		Platform: "unleash", Token: opts.Token, Now: opts.Now,
		NewToken: func() string { return "*:*." + randomHex(24) },
	})
	s.st = newStore(s.clock(), s.AdminToken())
	s.registerHooks()
	s.Serve(s.apiRoutes())
	return s
}

// Edition is the edition the mock serves.
func (s *Server) Edition() Edition { return s.edition }

// clock returns the current time at the precision Unleash serialises (milliseconds), in UTC.
func (s *Server) clock() time.Time { return s.Now().Truncate(time.Millisecond) }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
