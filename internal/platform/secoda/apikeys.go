package secoda

import (
	"context"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Secoda manages API keys only in its web UI (Settings -> API); its API has no endpoint to create, list or
// revoke them. Every API-key method says so, with the same reason as the capability table, without a request.

const reasonNoAPIKeys = "Secoda's API has no API-key endpoints; manage keys in Settings -> API"

func errNoAPIKeys() error {
	return &platform.UnsupportedError{
		Platform: Name,
		Feature:  platform.Feature{Kind: platform.KindAPIKey},
		Reason:   reasonNoAPIKeys,
	}
}

// CreateAPIKey implements platform.Backend; it is unsupported.
func (c *Client) CreateAPIKey(context.Context, platform.APIKeySpec) (platform.APIKey, error) {
	return platform.APIKey{}, errNoAPIKeys()
}

// ReadAPIKey implements platform.Backend; it is unsupported.
func (c *Client) ReadAPIKey(context.Context, string) (platform.APIKey, error) {
	return platform.APIKey{}, errNoAPIKeys()
}

// UpdateAPIKey implements platform.Backend; it is unsupported.
func (c *Client) UpdateAPIKey(context.Context, string, platform.APIKeySpec) (platform.APIKey, error) {
	return platform.APIKey{}, errNoAPIKeys()
}

// DeleteAPIKey implements platform.Backend; it is unsupported.
func (c *Client) DeleteAPIKey(context.Context, string) error { return errNoAPIKeys() }

// ListAPIKeys implements platform.Backend; it is unsupported.
func (c *Client) ListAPIKeys(context.Context) ([]platform.APIKey, error) { return nil, errNoAPIKeys() }

// FindAPIKeyByName implements platform.Backend; it is unsupported.
func (c *Client) FindAPIKeyByName(context.Context, string) (platform.APIKey, error) {
	return platform.APIKey{}, errNoAPIKeys()
}
