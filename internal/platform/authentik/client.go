package authentik

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
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
	http     *httpclient.Client
	basePath string // URL path of the API root, e.g. /api/v3, for messages
}

var (
	_ platform.GroupBackend    = (*Client)(nil)
	_ platform.UserBackend     = (*Client)(nil)
	_ platform.APIKeyBackend   = (*Client)(nil)
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
	httpCfg := cfg.HTTP
	httpCfg.BaseURL = base.String()
	httpCfg.Platform = "authentik"
	httpCfg.Authorization = "Bearer " + cfg.Token
	httpCfg.DecodeError = newErrorDecoder(cfg.Token)
	httpCfg.Identity = &identity
	hc, err := httpclient.New(httpCfg)
	if err != nil {
		return nil, fmt.Errorf("authentik: %w", err)
	}
	return &Client{http: hc, basePath: base.Path}, nil
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

// call sends one request and decodes a JSON answer into out (when out is non-nil).
func (c *Client) call(ctx context.Context, req httpclient.Request, out any) error {
	return c.http.DoJSON(ctx, req, out)
}
