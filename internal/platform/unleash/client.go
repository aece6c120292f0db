package unleash

import (
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// Config configures a Client.
type Config struct {
	// Endpoint is the server root (https://unleash.example.com, or with a sub-path when Unleash runs under
	// one). A trailing /api or /api/admin is tolerated, since users paste those too.
	Endpoint string
	// Token is an admin API token or a personal access token. It is sent as "Authorization: <token>"; a
	// "Bearer " prefix in the configuration is stripped, since the raw form works for every token kind.
	Token string
	// HTTP carries the provider's transport settings. New overrides BaseURL, Authorization and DecodeError.
	HTTP httpclient.Config
	// UserCreatesPerMinute caps user creates and password changes, which Unleash limits per client IP
	// (CREATE_USER_RATE_LIMIT_PER_MINUTE). They are always paced by the server's own RateLimit headers; a
	// positive value also keeps them to that many a minute, a negative one turns pacing off (a 429 is still
	// waited out).
	UserCreatesPerMinute int
}

// Client talks to one Unleash instance.
type Client struct {
	apiutil.Conn
	token string
	// pacer and serverPacer gate the requests that count against the user-admin POST budget: the first at
	// the user's writes_per_minute (nil when unset), the second by the server's answers (nil when pacing is
	// off).
	pacer       *windowPacer
	serverPacer *serverPacer
	// groupsUnsupported is set once the server has shown that it is the open-source edition, so that a plan
	// with many groups fails fast instead of asking again for each one.
	groupsUnsupported atomic.Bool
	// tokens is the token list of this process: Unleash has no read of one token (see platform.Snapshot).
	tokens *platform.Snapshot[string, tokenWire]
	// access is the project access of groups this process has read and written.
	access *projectAccess
	// serviceAccounts is the service-account list of this process: Unleash has no read of one account.
	serviceAccounts *platform.Snapshot[int, serviceAccountWire]
	// serviceAccountTokens are the tokens of that list, by their id in state.
	serviceAccountTokens *platform.Snapshot[string, accountToken]
	// serviceAccountsUnsupported is set once the server has shown that it is the open-source edition.
	serviceAccountsUnsupported atomic.Bool
}

var (
	_ platform.GroupBackend      = (*Client)(nil)
	_ platform.UserBackend       = (*Client)(nil)
	_ platform.APIKeyBackend     = (*Client)(nil)
	_ platform.GroupValidator    = (*Client)(nil)
	_ platform.GroupDetailReader = (*Client)(nil)
	_ platform.UserValidator     = (*Client)(nil)
	_ platform.APIKeyValidator   = (*Client)(nil)
)

var bearerPrefix = regexp.MustCompile(`(?i)^bearer(\s+|$)`)

// New builds a Client. It makes no request, so a provider can be configured before the server is reachable.
func New(cfg Config) (*Client, error) {
	base, err := baseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	token := bearerPrefix.ReplaceAllString(strings.TrimSpace(cfg.Token), "")
	if token == "" {
		return nil, errors.New("unleash: an API token is required (an admin API token or a personal access token)")
	}
	conn, err := apiutil.Connect(cfg.HTTP, apiutil.Wiring{
		Platform: Name, BaseURL: base, Authorization: token,
		DecodeError: newErrorDecoder(token), Identity: &identity,
	})
	if err != nil {
		return nil, err
	}
	c := &Client{
		Conn: conn, token: token,
		tokens:               platform.NewSnapshot(func(w tokenWire) string { return tokenID(w.Secret) }),
		serviceAccounts:      platform.NewSnapshot(func(w serviceAccountWire) int { return w.ID }),
		serviceAccountTokens: platform.NewSnapshot(accountToken.id),
		access:               newProjectAccess(),
	}
	if limit := cfg.UserCreatesPerMinute; limit >= 0 {
		c.serverPacer = newServerPacer()
		if limit > 0 {
			c.pacer = newWindowPacer(limit, time.Minute)
		}
	}
	return c, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return Name }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return Descriptor.Capabilities
}

// apiEndpoint says how the endpoint argument is checked. It has no API prefix: request paths carry the full
// /api/admin/... path themselves.
var apiEndpoint = httpclient.Endpoint{Platform: "unleash", Example: "https://unleash.example.com"}

// baseURL checks the endpoint and strips a pasted /api or /api/admin suffix.
func baseURL(endpoint string) (string, error) {
	u, err := apiEndpoint.BaseURL(endpoint)
	if err != nil {
		return "", err
	}
	for _, suffix := range []string{"/api/admin", "/api"} {
		if strings.HasSuffix(u.Path, suffix) {
			u.Path = strings.TrimSuffix(u.Path, suffix)
			break
		}
	}
	return u.String(), nil
}
