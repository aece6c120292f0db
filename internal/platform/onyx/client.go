package onyx

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// apiPrefix is where Onyx's nginx serves the backend below the server root.
const apiPrefix = "/api"

// Config configures a Client.
type Config struct {
	// Endpoint is the server root (https://onyx.example.com, https://cloud.onyx.app). The client
	// appends /api unless the endpoint already ends with it.
	Endpoint string
	// Token is an Onyx API key with admin rights, sent as "Authorization: Bearer <key>".
	Token string
	// Generation forces the API generation; "" detects it from the server once.
	Generation Generation
	// HTTP carries the provider's transport settings. New overrides BaseURL, Authorization and
	// DecodeError.
	HTTP httpclient.Config
}

// Client talks to one Onyx server.
type Client struct {
	apiutil.Conn
	basePath   string // URL path of the API root, e.g. /api, for messages
	ownDisplay string // how the server masks the provider's own key, to refuse deleting it
	forced     Generation
	poll       pollPolicy

	genMu    sync.Mutex
	detected Generation

	// Onyx has no read of one group or key: reads go through these lists, one each per process (see
	// platform.Snapshot). userGroups leaves out the default groups, whose member lists are the directory.
	userGroups, allGroups *platform.Snapshot[int, groupWire]
	keys                  *platform.Snapshot[int, keyWire]
	// The waits for the background sync share their lists of the groups, one per include_default (groupPoll).
	userPoll, allPoll *groupPoll
	// highestGroupID is the highest group id a list has shown (sawGroupID).
	highestGroupID atomic.Int64

	// dir is the user directory as this process knows it (inDirectory).
	dirMu sync.Mutex
	dir   *directory

	memberLocks sync.Map // group id -> *sync.Mutex (lockMembers)
}

var (
	_ platform.GroupBackend     = (*Client)(nil)
	_ platform.UserBackend      = (*Client)(nil)
	_ platform.APIKeyBackend    = (*Client)(nil)
	_ platform.GroupValidator   = (*Client)(nil)
	_ platform.UserValidator    = (*Client)(nil)
	_ platform.APIKeyValidator  = (*Client)(nil)
	_ platform.DeletionGuard    = (*Client)(nil)
	_ platform.FreshGroupReader = (*Client)(nil)
)

// New builds a Client. It makes no request, so a provider can be configured before the server is up.
func New(cfg Config) (*Client, error) {
	base, err := apiEndpoint.BaseURL(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	token := strings.TrimSpace(cfg.Token)
	if token == "" {
		return nil, errors.New("onyx: an API key with admin rights is required as the token")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		return nil, errors.New("onyx: the token must not contain spaces; use the API key alone, without \"Bearer\"")
	}
	if cfg.Generation != "" && cfg.Generation != GenerationV46 && cfg.Generation != GenerationCurrent {
		return nil, fmt.Errorf("onyx: unknown API generation %q: use %q (self-hosted v4.6.x and older), %q (Onyx Cloud and v4.7 on), or leave it empty to detect it",
			cfg.Generation, GenerationV46, GenerationCurrent)
	}
	httpCfg := cfg.HTTP
	// Onyx reads X-Onyx-Authorization before Authorization; sending both survives proxies that
	// consume the standard header, as the official client does.
	headers := map[string]string{}
	for k, v := range cfg.HTTP.Headers {
		headers[k] = v
	}
	headers["X-Onyx-Authorization"] = "Bearer " + token
	httpCfg.Headers = headers
	conn, err := apiutil.Connect(httpCfg, apiutil.Wiring{
		Platform: Name, BaseURL: base.String(), Authorization: "Bearer " + token,
		DecodeError: newErrorDecoder(token), Identity: &identity,
	})
	if err != nil {
		return nil, err
	}
	c := &Client{
		Conn: conn, basePath: base.Path, ownDisplay: keyDisplay(token), forced: cfg.Generation, poll: defaultPoll,
		userGroups: platform.NewSnapshot(groupID), allGroups: platform.NewSnapshot(groupID), keys: platform.NewSnapshot(keyID),
	}
	c.userPoll, c.allPoll = newGroupPoll(c.loadUserGroups), newGroupPoll(c.loadAllGroups)
	return c, nil
}

// Platform implements platform.Backend.
func (c *Client) Platform() platform.Name { return Name }

// Capabilities implements platform.Backend.
func (c *Client) Capabilities() platform.Capabilities { return Descriptor.Capabilities }

// apiEndpoint says how the endpoint argument is checked: users paste either the root (where the UI lives) or
// the API URL; both end up the same.
var apiEndpoint = httpclient.Endpoint{Platform: "onyx", Example: "https://onyx.example.com", APIPrefix: apiPrefix}

// keyDisplay is how Onyx masks an API key in listings: "on_", the first and last 4 characters of
// the part after the prefix, 8 stars between. "" for a token that is not an API key.
func keyDisplay(token string) string {
	body, ok := strings.CutPrefix(token, "on_")
	if !ok || len(body) < 8 {
		return ""
	}
	return "on_" + body[:4] + "********" + body[len(body)-4:]
}
