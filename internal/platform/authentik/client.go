package authentik

import (
	"errors"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// apiPrefix is where authentik serves its API below the server root.
const apiPrefix = "/api/v3"

// Config configures a Client.
type Config struct {
	// Endpoint is the server root as the user wrote it (https://auth.example.com or https://x/sub/path). The
	// client appends /api/v3 unless the endpoint already ends with it.
	Endpoint string
	// Token is an authentik API token (intent "api"); it is sent as a bearer token.
	Token string
	// HTTP carries the provider's transport settings (retries, timeout, TLS, User-Agent, extra headers). New
	// overrides BaseURL, Authorization and DecodeError.
	HTTP httpclient.Config
}

// Client talks to one authentik instance.
type Client struct {
	apiutil.Conn
	basePath string // URL path of the API root, e.g. /api/v3, for messages
}

var (
	_ platform.GroupBackend    = (*Client)(nil)
	_ platform.UserBackend     = (*Client)(nil)
	_ platform.APIKeyBackend   = (*Client)(nil)
	_ platform.APIKeyRefresher = (*Client)(nil)
	_ platform.GroupValidator  = (*Client)(nil)
	_ platform.UserValidator   = (*Client)(nil)
	_ platform.APIKeyValidator = (*Client)(nil)
)

// New builds a Client. It makes no request, so a provider can be configured before the server is reachable.
func New(cfg Config) (*Client, error) {
	base, err := apiEndpoint.BaseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("authentik: an API token is required")
	}
	conn, err := apiutil.Connect(cfg.HTTP, apiutil.Wiring{
		Platform: Name, BaseURL: base.String(), Authorization: "Bearer " + cfg.Token,
		DecodeError: newErrorDecoder(cfg.Token), Identity: &identity,
	})
	if err != nil {
		return nil, err
	}
	return &Client{Conn: conn, basePath: base.Path}, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return Name }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return Descriptor.Capabilities
}

// apiEndpoint says how the endpoint argument is checked: users paste either the server root (as in the authentik
// UI) or the API URL (as other tools want it); both, with or without a trailing slash or a sub-path, end up the
// same.
var apiEndpoint = httpclient.Endpoint{Platform: "authentik", Example: "https://auth.example.com", APIPrefix: apiPrefix}
