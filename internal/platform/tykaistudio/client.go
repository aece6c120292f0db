package tykaistudio

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// apiPrefix is where Tyk AI Studio serves its admin API below the server root.
const apiPrefix = "/api/v1"

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
	apiutil.Conn
	endpoint string // as configured, for messages
	basePath string // URL path of the API root, e.g. /api/v1, for messages
	token    string // to refuse rolling the key the client itself authenticates with
}

var (
	_ platform.GroupBackend    = (*Client)(nil)
	_ platform.UserBackend     = (*Client)(nil)
	_ platform.APIKeyBackend   = (*Client)(nil)
	_ platform.GroupValidator  = (*Client)(nil)
	_ platform.UserValidator   = (*Client)(nil)
	_ platform.APIKeyValidator = (*Client)(nil)
)

// New builds a Client. It makes no request, so a provider can be configured before the server is up.
func New(cfg Config) (*Client, error) {
	base, err := apiEndpoint.BaseURL(cfg.Endpoint)
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
	conn, err := apiutil.Connect(cfg.HTTP, apiutil.Wiring{
		Platform: Name, BaseURL: base.String(), Authorization: "Bearer " + token,
		DecodeError: newErrorDecoder(token), Identity: &identity,
	})
	if err != nil {
		return nil, err
	}
	return &Client{Conn: conn, endpoint: strings.TrimSpace(cfg.Endpoint), basePath: base.Path, token: token}, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return Name }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities {
	return Descriptor.Capabilities
}

// apiEndpoint says how the endpoint argument is checked: users paste either the root (where the admin UI
// lives) or the API URL; both end up the same.
var apiEndpoint = httpclient.Endpoint{Platform: "tyk_ai_studio", Example: "https://studio.example.com", APIPrefix: apiPrefix}

// do sends one request. A 2xx answer with a body that is not JSON is an error: it is what the
// admin UI's HTML fallback looks like when the endpoint is wrong. httpclient's DecodeJSON refuses HTML
// pages too, but not other text, and with words that do not name the endpoint; this check runs first.
func (c *Client) do(ctx context.Context, req httpclient.Request) (*httpclient.Response, error) {
	resp, err := c.HTTP.Do(ctx, req)
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
	return c.HTTP.DecodeJSON(req, resp, out)
}

func orUnknown(s string) string {
	if s == "" {
		return "no Content-Type"
	}
	return s
}
