package authentik

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// apiPrefix is where authentik serves its API below the server root.
const apiPrefix = "/api/v3"

// createAttempts bounds how often a create whose answer was lost is tried again after the lookup by natural
// key found nothing.
const createAttempts = 3

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
	http *httpclient.Client
}

var (
	_ platform.Backend       = (*Client)(nil)
	_ platform.SpecValidator = (*Client)(nil)
)

// New builds a Client. It makes no request, so a provider can be configured before the server is reachable.
func New(cfg Config) (*Client, error) {
	base, err := apiBaseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("authentik: an API token is required")
	}
	httpCfg := cfg.HTTP
	httpCfg.BaseURL = base
	httpCfg.Authorization = "Bearer " + cfg.Token
	httpCfg.DecodeError = newErrorDecoder(cfg.Token)
	hc, err := httpclient.New(httpCfg)
	if err != nil {
		return nil, fmt.Errorf("authentik: %w", err)
	}
	return &Client{http: hc}, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return platform.Authentik }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return platform.CapabilitiesOf(platform.Authentik)
}

// apiBaseURL joins the server root with /api/v3. Users paste either the root (as in the authentik UI) or the
// API URL (as other tools want it); both, with or without a trailing slash or a sub-path, end up the same.
func apiBaseURL(endpoint string) (string, error) {
	raw := strings.TrimSpace(endpoint)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("authentik endpoint %q: want the server root, such as https://auth.example.com", endpoint)
	}
	if u.User != nil {
		// Credentials in the URL would end up in error messages and logs; the token argument is the way in.
		return "", fmt.Errorf("authentik endpoint: must not contain credentials; use the token argument")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("authentik endpoint %q: must not contain a query or fragment", endpoint)
	}
	path := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(path, apiPrefix) {
		path += apiPrefix
	}
	u.Path = path
	u.RawPath = ""
	return u.String(), nil
}

// call sends one request and decodes a JSON answer into out (when out is non-nil).
func (c *Client) call(ctx context.Context, req httpclient.Request, out any) error {
	resp, err := c.http.Do(ctx, req)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := resp.JSON(out); err != nil {
		return fmt.Errorf("authentik %s %s: %w", req.Method, req.Path, err)
	}
	return nil
}
