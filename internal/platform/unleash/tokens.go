package unleash

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const tokensPath = "/api/admin/api-tokens"

// CreateAPIKey implements platform.Backend. The secret is in the create answer only; with secure token
// storage no read ever shows it again.
//
// Token names are not unique, so a create whose answer was lost is resolved by a token of that name created
// since the attempt began. A v1 token is adopted (the list shows its secret); a secure token cannot be, since
// its secret is gone for good, so it is deleted and created again rather than handed over without a secret.
func (c *Client) CreateAPIKey(ctx context.Context, spec platform.APIKeySpec) (platform.APIKey, error) {
	if spec.UserID != "" {
		return c.createServiceAccountToken(ctx, spec)
	}
	body, err := tokenCreateFrom(spec)
	if err != nil {
		return platform.APIKey{}, err
	}
	var since time.Time
	create := func() (platform.APIKey, error) {
		// Minus a minute of clock skew: the server stamps createdAt with its own clock.
		since = time.Now().Add(-time.Minute)
		var w tokenWire
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: tokensPath, Body: body}, &w); err != nil {
			return platform.APIKey{}, certain(err)
		}
		c.tokens.Put(listEntry(w))
		key := tokenFromWire(w)
		key.Secret = w.Secret
		return key, nil
	}
	find := func(ctx context.Context) (platform.APIKey, error) { return c.adoptToken(ctx, spec.Name, since) }
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// listEntry is a created token as the list shows it: a v2 token's list entry carries its selector, not the
// secret, and that is the address PUT and DELETE take.
func listEntry(created tokenWire) tokenWire {
	if m := v2Selector.FindStringSubmatch(created.Secret); m != nil {
		created.Secret = m[1]
	}
	return created
}

// adoptToken finds the token a lost create made. It returns *platform.NotFoundError when there is none (or
// when a secure one had to be removed), so that CreateOrAdopt creates again.
func (c *Client) adoptToken(ctx context.Context, name string, since time.Time) (platform.APIKey, error) {
	wires, err := c.loadTokens(ctx)
	if err != nil {
		return platform.APIKey{}, err
	}
	var recent []tokenWire
	for _, w := range wires {
		if w.TokenName == name && w.CreatedAt != nil && !w.CreatedAt.Before(since) {
			recent = append(recent, w)
		}
	}
	switch {
	case len(recent) == 0:
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, name)
	case len(recent) > 1:
		return platform.APIKey{}, fmt.Errorf("unleash has %d API tokens named %q created in the last minutes; the lost create cannot be told apart, so none was adopted: delete the extra ones", len(recent), name)
	}
	w := recent[0]
	if secretHidden(w.Secret) {
		if err := c.deleteToken(ctx, w.Secret); err != nil {
			return platform.APIKey{}, err
		}
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, name)
	}
	c.tokens.Put(w)
	key := tokenFromWire(w)
	key.Secret = w.Secret
	return key, nil
}

// ReadAPIKey implements platform.Backend by listing the tokens (Unleash has no read by id). The secret is not
// returned, although a v1 list shows it: secure-token servers do not, and Read must behave the same on both.
// id may also be a full secret (an import by secret).
func (c *Client) ReadAPIKey(ctx context.Context, id string) (platform.APIKey, error) {
	if _, _, ok := parseServiceAccountTokenID(id); ok {
		return c.readServiceAccountToken(ctx, id)
	}
	w, err := c.findToken(ctx, id)
	if err != nil {
		return platform.APIKey{}, err
	}
	return tokenFromWire(w), nil
}

// findToken returns the token with that id, including its list "secret" (the address PUT and DELETE take).
func (c *Client) findToken(ctx context.Context, id string) (tokenWire, error) {
	want, err := normalizeTokenID(id)
	if err != nil {
		return tokenWire{}, err
	}
	w, found, err := c.tokens.Find(ctx, c.loadTokens, want)
	switch {
	case err != nil:
		return tokenWire{}, err
	case !found:
		return tokenWire{}, c.NotFound(ctx, platform.KindAPIKey, id)
	}
	return w, nil
}

// UpdateAPIKey implements platform.Backend. Unleash can only change a token's expiry; name, type,
// environment and projects need a new token (the provider plans a replacement), so a change there is an
// error rather than silently ignored. PUT answers 200 even for a token that is gone, so the token is looked
// up first (a vanished one is *platform.NotFoundError) and read again after.
func (c *Client) UpdateAPIKey(ctx context.Context, id string, spec platform.APIKeySpec) (_ platform.APIKey, err error) {
	if _, _, ok := parseServiceAccountTokenID(id); ok {
		return c.updateServiceAccountToken(ctx, id, spec)
	}
	defer func() {
		if err != nil {
			c.tokens.Invalidate() // a write may have been applied: the snapshot no longer says what the server holds
		}
	}()
	current, err := c.findToken(ctx, id)
	if err != nil {
		return platform.APIKey{}, err
	}
	if err := checkTokenUnchanged(current, spec); err != nil {
		return platform.APIKey{}, err
	}
	switch {
	case spec.ExpiresAt == nil && current.ExpiresAt != nil:
		return platform.APIKey{}, platform.InvalidField(platform.FieldExpiresAt, "Unleash cannot remove a token's expiry; replace the token instead")
	case spec.ExpiresAt != nil && (current.ExpiresAt == nil || !current.ExpiresAt.Equal(spec.ExpiresAt.Truncate(time.Millisecond))):
		req := httpclient.Request{Method: http.MethodPut, Path: tokensPath + "/" + current.Secret, Body: tokenUpdate{ExpiresAt: spec.ExpiresAt.UTC()},
			Secrets: []string{current.Secret}}
		if err := c.HTTP.DoJSON(ctx, req, nil); err != nil {
			return platform.APIKey{}, platform.WithKind(redactPath(err, current.Secret), platform.KindAPIKey, id)
		}
		// The PUT answers without the token; what it changed is known.
		expires := spec.ExpiresAt.UTC().Truncate(time.Millisecond)
		current.ExpiresAt = &expires
		c.tokens.Put(current)
	}
	return tokenFromWire(current), nil
}

// checkTokenUnchanged reports the fields Unleash cannot change in place.
func checkTokenUnchanged(current tokenWire, spec platform.APIKeySpec) error {
	extra, err := platform.ExtraAs[APIKeyExtra](spec.Extra)
	if err != nil {
		return err
	}
	var changed []platform.Field
	if spec.Name != current.TokenName {
		changed = append(changed, platform.FieldName)
	}
	if extra.Type != "" && normalizeType(extra.Type) != normalizeType(current.Type) {
		changed = append(changed, fieldType)
	}
	if extra.Environment != "" && extra.Environment != current.Environment {
		changed = append(changed, fieldEnvironment)
	}
	if extra.Projects != nil && !slices.Equal(normalizeProjects(extra.Projects), normalizeProjects(current.Projects)) {
		changed = append(changed, fieldProjects)
	}
	if len(changed) > 0 {
		return fmt.Errorf("unleash cannot change %v of an existing API token; it has to be replaced", changed)
	}
	return nil
}

// DeleteAPIKey implements platform.Backend. DELETE answers 200 whether or not the token exists, so a token
// that is already gone needs no special case; the lookup first is what turns the id into the address.
func (c *Client) DeleteAPIKey(ctx context.Context, id string) (err error) {
	if account, token, ok := parseServiceAccountTokenID(id); ok {
		return c.deleteServiceAccountToken(ctx, account, token)
	}
	defer func() {
		if err != nil {
			c.tokens.Invalidate() // a write may have been applied: the snapshot no longer says what the server holds
		}
	}()
	w, err := c.findToken(ctx, id)
	if platform.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return platform.WithKind(c.deleteToken(ctx, w.Secret), platform.KindAPIKey, id)
}

func (c *Client) deleteToken(ctx context.Context, secret string) error {
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: tokensPath + "/" + secret, Secrets: []string{secret}}, nil)
	if err == nil {
		c.tokens.Remove(tokenID(secret))
	}
	return redactPath(err, secret)
}

// ListAPIKeys implements platform.Backend: every API token, the admin bootstrap token included, then every
// service-account token (Enterprise; the open-source edition has none).
func (c *Client) ListAPIKeys(ctx context.Context) ([]platform.APIKey, error) {
	wires, err := c.tokens.All(ctx, c.loadTokens)
	if err != nil {
		return nil, err
	}
	keys := make([]platform.APIKey, 0, len(wires))
	for _, w := range wires {
		keys = append(keys, tokenFromWire(w))
	}
	owned, err := c.serviceAccountTokens.All(ctx, c.loadServiceAccountTokens)
	var unsupported *platform.UnsupportedError
	if err != nil && !errors.As(err, &unsupported) {
		return nil, err
	}
	for _, t := range owned {
		keys = append(keys, keyFromPAT(t.account, t.patWire))
	}
	return keys, nil
}

// FindAPIKeyByName implements platform.Backend. Token names are not unique in Unleash: two tokens of one name
// are an error that asks for an import by id.
func (c *Client) FindAPIKeyByName(ctx context.Context, name string) (platform.APIKey, error) {
	keys, err := c.ListAPIKeys(ctx)
	if err != nil {
		return platform.APIKey{}, err
	}
	var matches []platform.APIKey
	for _, k := range keys {
		if k.Name == name {
			matches = append(matches, k)
		}
	}
	return apiutil.One(ctx, c.Conn, platform.KindAPIKey, name, matches, apiutil.APIKeyID, func(ids []string) error {
		return fmt.Errorf("the name %q is ambiguous: Unleash API tokens %v all have it; import the token by its id or secret instead", name, ids)
	})
}

// loadTokens asks the server for every token; reads go through c.tokens instead. The list is never logged
// with its secrets: httpclient redacts "secret".
func (c *Client) loadTokens(ctx context.Context) ([]tokenWire, error) {
	var w tokensWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: tokensPath}, &w); err != nil {
		return nil, err
	}
	return w.Tokens, nil
}
