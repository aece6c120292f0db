package authentik

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const tokensPath = "/core/tokens/"

func tokenPath(identifier string) string { return tokensPath + identifier + "/" }

// CreateAPIKey implements platform.Backend. authentik never returns the key in the create answer; it is read
// once, right after, through view_key. If that read fails, the key is returned without its secret together
// with the error, so the provider records the token instead of orphaning it.
//
// A create whose answer was lost is resolved by reading the token by its identifier, which is unique.
func (c *Client) CreateAPIKey(ctx context.Context, spec platform.APIKeySpec) (platform.APIKey, error) {
	body, err := tokenWriteFrom(spec)
	if err != nil {
		return platform.APIKey{}, err
	}
	create := func() (platform.APIKey, error) {
		var w tokenWire
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: tokensPath, Body: body}, &w); err != nil {
			return platform.APIKey{}, err
		}
		return tokenFromWire(w), nil
	}
	find := func(ctx context.Context) (platform.APIKey, error) { return c.ReadAPIKey(ctx, spec.Name) }
	key, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil {
		return platform.APIKey{}, err
	}
	if err := keptExpiring(body.Expiring, key); err != nil {
		// Nothing was asked for but a key that never expires: take the expiring one back.
		if derr := c.DeleteAPIKey(ctx, key.ID); derr != nil {
			return key, fmt.Errorf("%w (deleting the expiring token %q it made instead failed: %v)", err, key.ID, derr)
		}
		return platform.APIKey{}, err
	}
	secret, err := c.viewKey(ctx, key.ID)
	if err != nil {
		return key, fmt.Errorf("authentik token %q was created, but reading its key failed: %w", key.ID, err)
	}
	key.Secret = secret
	return key, nil
}

// keptExpiring reports a write that asked for a token that never expires and got one that does. authentik
// does not refuse expiring=false from a caller who is not a superuser: it makes the token the caller's own
// and takes "expiring" from the caller's attribute goauthentik.io/user/token-expires (default true).
func keptExpiring(asked *bool, got platform.APIKey) error {
	if asked == nil || *asked {
		return nil
	}
	if e, ok := got.Extra.(APIKeyExtra); ok && e.Expiring != nil && !*e.Expiring {
		return nil
	}
	return platform.InvalidField(fieldExpiring, "authentik made the token expiring anyway: only a superuser, or a user whose "+
		"attribute goauthentik.io/user/token-expires is false, may create tokens that never expire. Give the provider a "+
		"superuser's token, or leave expiring unset")
}

// viewKey reads a token's key. authentik records each read as a secret_view event.
func (c *Client) viewKey(ctx context.Context, identifier string) (string, error) {
	var w tokenKeyWire
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: tokenPath(identifier) + "view_key/"}, &w)
	if err != nil {
		return "", platform.WithKind(err, platform.KindAPIKey, identifier)
	}
	return w.Key, nil
}

// RefreshAPIKey implements platform.APIKeyRefresher: the token, then its current key. Nothing in the token says
// that its key changed (the background rotation of an expired api token, or set_key), so the key itself is
// read: one view_key per token and refresh, each a secret_view event in authentik's log.
func (c *Client) RefreshAPIKey(ctx context.Context, id string) (platform.APIKey, error) {
	key, err := c.ReadAPIKey(ctx, id)
	if err != nil {
		return platform.APIKey{}, err
	}
	if key.Secret, err = c.viewKey(ctx, id); err != nil {
		return platform.APIKey{}, err
	}
	return key, nil
}

// ReadAPIKey implements platform.Backend. The secret is not read (Secret stays empty).
func (c *Client) ReadAPIKey(ctx context.Context, id string) (platform.APIKey, error) {
	if err := checkTokenID(id); err != nil {
		return platform.APIKey{}, err
	}
	var w tokenWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: tokenPath(id)}, &w); err != nil {
		return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, id)
	}
	return tokenFromWire(w), nil
}

// UpdateAPIKey implements platform.Backend with a PATCH that always carries intent and owner: authentik
// re-applies its create defaults on every write, so an omitted intent would turn an app password into an api
// token and an omitted user would hand the token to the caller. When the spec leaves the owner empty, the
// current owner is read first and sent back unchanged. A new Name renames the token (its id changes).
func (c *Client) UpdateAPIKey(ctx context.Context, id string, spec platform.APIKeySpec) (platform.APIKey, error) {
	if err := checkTokenID(id); err != nil {
		return platform.APIKey{}, err
	}
	body, err := tokenWriteFrom(spec)
	if err != nil {
		return platform.APIKey{}, err
	}
	if body.User == nil {
		current, err := c.ReadAPIKey(ctx, id)
		if err != nil {
			return platform.APIKey{}, err
		}
		if current.UserID != "" {
			pk, err := strconv.ParseInt(current.UserID, 10, 64)
			if err != nil {
				return platform.APIKey{}, fmt.Errorf("authentik token %q: unexpected owner %q", id, current.UserID)
			}
			body.User = &pk
		}
	}
	var w tokenWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: tokenPath(id), Body: body}, &w); err != nil {
		return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, id)
	}
	key := tokenFromWire(w)
	return key, keptExpiring(body.Expiring, key)
}

// DeleteAPIKey implements platform.Backend; a token that is already gone counts as deleted.
func (c *Client) DeleteAPIKey(ctx context.Context, id string) error {
	if err := checkTokenID(id); err != nil {
		return err
	}
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: tokenPath(id)}, nil)
	return apiutil.Deleted(err, platform.KindAPIKey, id)
}

// ListAPIKeys implements platform.Backend: every api token and app password the caller can see. Verification
// and recovery tokens belong to flows and are left out. The `intent` filter takes one value only, so the
// list is fetched whole and filtered here (one pass instead of one per intent).
func (c *Client) ListAPIKeys(ctx context.Context) ([]platform.APIKey, error) {
	wires, err := listAll[tokenWire](ctx, c, tokensPath, nil)
	if err != nil {
		return nil, err
	}
	keys := make([]platform.APIKey, 0, len(wires))
	for _, w := range wires {
		if isManagedIntent(w.Intent) {
			keys = append(keys, tokenFromWire(w))
		}
	}
	return keys, nil
}

// FindAPIKeyByName implements platform.Backend. The name is the token identifier, so this is one read; a
// verification or recovery token of that name is reported as not found, like in ListAPIKeys.
func (c *Client) FindAPIKeyByName(ctx context.Context, name string) (platform.APIKey, error) {
	if !isValidIdentifier(name) {
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, name)
	}
	key, err := c.ReadAPIKey(ctx, name)
	if err != nil {
		return platform.APIKey{}, err
	}
	if extra, ok := key.Extra.(APIKeyExtra); ok && !isManagedIntent(extra.Intent) {
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, name)
	}
	return key, nil
}

func isManagedIntent(intent string) bool { return intent == intentAPI || intent == intentAppPassword }
