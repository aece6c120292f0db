package unleash

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// defaultUserCreatesPerMinute is Unleash's CREATE_USER_RATE_LIMIT_PER_MINUTE default.
const defaultUserCreatesPerMinute = 20

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
	// UserCreatesPerMinute paces user creates and password changes, which Unleash limits per client IP: 0
	// means 20 (the server's default), a negative value turns pacing off (a 429 is still waited out).
	UserCreatesPerMinute int
}

// Client talks to one Unleash instance.
type Client struct {
	http  *httpclient.Client
	token string
	// pacer gates the requests that count against the user-admin POST budget; nil when pacing is off.
	pacer *windowPacer
	// groupsUnsupported is set once the server has shown that it is the open-source edition, so that a plan
	// with many groups fails fast instead of asking again for each one.
	groupsUnsupported atomic.Bool
}

var (
	_ platform.Backend       = (*Client)(nil)
	_ platform.SpecValidator = (*Client)(nil)
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
	httpCfg := cfg.HTTP
	httpCfg.BaseURL = base
	httpCfg.Platform = "unleash"
	httpCfg.Authorization = token
	httpCfg.DecodeError = newErrorDecoder(token)
	httpCfg.Identity = &identity
	hc, err := httpclient.New(httpCfg)
	if err != nil {
		return nil, fmt.Errorf("unleash: %w", err)
	}
	c := &Client{http: hc, token: token}
	switch limit := cfg.UserCreatesPerMinute; {
	case limit == 0:
		c.pacer = newWindowPacer(defaultUserCreatesPerMinute, time.Minute)
	case limit > 0:
		c.pacer = newWindowPacer(limit, time.Minute)
	}
	return c, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return platform.Unleash }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return platform.CapabilitiesOf(platform.Unleash)
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

// call sends one request and decodes a JSON answer into out (when out is non-nil).
func (c *Client) call(ctx context.Context, req httpclient.Request, out any) error {
	return c.http.DoJSON(ctx, req, out)
}
