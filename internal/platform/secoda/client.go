package secoda

import (
	"errors"
	"net/url"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// apiPrefix is where Secoda serves its API below the server root (https://api.secoda.co, the EU and APAC
// hosts, or a self-hosted domain).
const apiPrefix = "/api/v1"

// DefaultWritesPerMinute is Secoda's documented limit on write calls, and the pace the client keeps when
// the provider does not choose one.
const DefaultWritesPerMinute = 30

// Config configures a Client.
type Config struct {
	// Endpoint is the server root, such as https://api.secoda.co. The client appends /api/v1 unless the
	// endpoint already ends with it.
	Endpoint string
	// Token is a Secoda API key; it is sent as a bearer token.
	Token string
	// HTTP carries the provider's transport settings. New overrides BaseURL, Authorization and DecodeError.
	// WritesPerMinute 0 means DefaultWritesPerMinute; a negative value turns pacing off (for tests against
	// an unlimited mock).
	HTTP httpclient.Config
}

// Client talks to one Secoda workspace.
type Client struct {
	apiutil.Conn
	// base is the API's URL; next-page links must stay on its origin.
	base *url.URL
}

var (
	_ platform.GroupBackend   = (*Client)(nil)
	_ platform.UserBackend    = (*Client)(nil)
	_ platform.GroupValidator = (*Client)(nil)
	_ platform.UserValidator  = (*Client)(nil)
)

// New builds a Client. It makes no request, so a provider can be configured before the server is reachable.
func New(cfg Config) (*Client, error) {
	base, err := apiEndpoint.BaseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("secoda: an API key is required (Settings -> API in Secoda)")
	}
	httpCfg := cfg.HTTP
	httpCfg.WritesPerMinute = writesPerMinute(cfg.HTTP.WritesPerMinute)
	conn, err := apiutil.Connect(httpCfg, apiutil.Wiring{
		Platform: Name, BaseURL: base.String(), Authorization: "Bearer " + cfg.Token,
		DecodeError: newErrorDecoder(cfg.Token), Identity: &identity,
	})
	if err != nil {
		return nil, err
	}
	return &Client{Conn: conn, base: base}, nil
}

// writesPerMinute picks the pace of writes: Secoda refuses more than 30 a minute, so an unset pace means
// exactly that, never "unlimited".
func writesPerMinute(configured float64) float64 {
	switch {
	case configured == 0:
		return DefaultWritesPerMinute
	case configured < 0:
		return 0 // httpclient: no pacing
	}
	return configured
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return Name }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return Descriptor.Capabilities
}

// apiEndpoint says how the endpoint argument is checked: users paste either the root or the API URL the docs
// show (https://<host>/api/v1/); both end up the same.
var apiEndpoint = httpclient.Endpoint{Platform: "secoda", Example: "https://api.secoda.co", APIPrefix: apiPrefix}
