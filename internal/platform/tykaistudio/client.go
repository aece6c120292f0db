package tykaistudio

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// apiPrefix is where Tyk AI Studio serves its admin API below the server root.
const apiPrefix = "/api/v1"

// createAttempts bounds how often a create whose answer was lost is tried again after the lookup by
// natural key found nothing.
const createAttempts = 3

// Config configures a Client.
type Config struct {
	// Endpoint is the server root (https://studio.example.com, or a sub-path behind a proxy). The
	// client appends /api/v1 unless the endpoint already ends with it.
	Endpoint string
	// Token is the API key of an admin user whose email is verified. It is sent as
	// "Authorization: Bearer <key>".
	Token string
	// HTTP carries the provider's transport settings. New overrides BaseURL, Authorization and
	// DecodeError.
	HTTP httpclient.Config
}

// Client talks to one Tyk AI Studio server.
type Client struct {
	http     *httpclient.Client
	endpoint string // as configured, for messages
	basePath string // URL path of the API root, e.g. /api/v1, for messages
	token    string // to refuse rolling the key the client itself authenticates with
}

var (
	_ platform.Backend       = (*Client)(nil)
	_ platform.SpecValidator = (*Client)(nil)
)

// New builds a Client. It makes no request, so a provider can be configured before the server is up.
func New(cfg Config) (*Client, error) {
	base, err := apiBaseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	token := strings.TrimSpace(cfg.Token)
	if token == "" {
		return nil, errors.New("tyk_ai_studio: an API key of an admin user is required as the token")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		// The server splits the header on single spaces and wants exactly two parts.
		return nil, errors.New("tyk_ai_studio: the token must not contain spaces; use the user's API key alone, without \"Bearer\"")
	}
	httpCfg := cfg.HTTP
	httpCfg.BaseURL = base.String()
	httpCfg.Authorization = "Bearer " + token
	httpCfg.DecodeError = newErrorDecoder(token)
	hc, err := httpclient.New(httpCfg)
	if err != nil {
		return nil, fmt.Errorf("tyk_ai_studio: %w", err)
	}
	return &Client{http: hc, endpoint: strings.TrimSpace(cfg.Endpoint), basePath: base.Path, token: token}, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return platform.TykAIStudio }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return platform.CapabilitiesOf(platform.TykAIStudio)
}

// apiBaseURL joins the server root with /api/v1. Users paste either the root (where the admin UI
// lives) or the API URL; both end up the same.
func apiBaseURL(endpoint string) (*url.URL, error) {
	raw := strings.TrimSpace(endpoint)
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("tyk_ai_studio endpoint %q: want the server root, such as https://studio.example.com", endpoint)
	}
	if u.User != nil {
		// Credentials in the URL would end up in error messages and logs.
		return nil, errors.New("tyk_ai_studio endpoint: must not contain credentials; use the token argument")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("tyk_ai_studio endpoint %q: must not contain a query or fragment", endpoint)
	}
	path := strings.TrimRight(u.Path, "/")
	if !strings.HasSuffix(path, apiPrefix) {
		path += apiPrefix
	}
	u.Path, u.RawPath = path, ""
	return u, nil
}

// do sends one request. A 2xx answer with a body that is not JSON is an error: it is what the
// admin UI's HTML fallback looks like when the endpoint is wrong.
func (c *Client) do(ctx context.Context, req httpclient.Request) (*httpclient.Response, error) {
	resp, err := c.http.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(strings.TrimSpace(string(resp.Body))) == 0 {
		return resp, nil
	}
	if mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mediaType != "application/json" {
		return nil, &platform.APIError{
			Method: req.Method, Path: c.basePath + req.Path, Status: resp.Status,
			Message: fmt.Sprintf("the answer is %q, not JSON: endpoint %q does not look like the root of a Tyk AI Studio server "+
				"(its admin UI answers unknown paths with an HTML page)", orUnknown(resp.Header.Get("Content-Type")), c.endpoint),
		}
	}
	return resp, nil
}

// call sends one request and decodes the JSON answer into out (when out is non-nil).
func (c *Client) call(ctx context.Context, req httpclient.Request, out any) error {
	resp, err := c.do(ctx, req)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := resp.JSON(out); err != nil {
		return fmt.Errorf("tyk_ai_studio %s %s%s: %w", req.Method, c.basePath, req.Path, err)
	}
	return nil
}

func orUnknown(s string) string {
	if s == "" {
		return "no Content-Type"
	}
	return s
}
