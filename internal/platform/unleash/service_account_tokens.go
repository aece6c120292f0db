package unleash

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Service-account tokens (Enterprise): roster_api_key with user_id naming a service account. A token has one
// label, its description, which roster_api_key's name sets (Unleash keeps it unique per account), and an
// expiry that is required and cannot change. The service-account list embeds each account's tokens, so one
// list per process answers every read (c.serviceAccountTokens, a snapshot of that list's tokens).

// serviceAccountTokenID is a token's id in state, "service-account/<account id>/token/<token id>": the
// route it lives at, and distinct from an API token's id.
func serviceAccountTokenID(account, token int) string {
	return fmt.Sprintf("service-account/%d/token/%d", account, token)
}

var serviceAccountTokenIDPattern = regexp.MustCompile(`^service-account/([1-9][0-9]*)/token/([1-9][0-9]*)$`)

// parseServiceAccountTokenID reports whether id is a service-account token's id, and its two numbers.
func parseServiceAccountTokenID(id string) (account, token int, ok bool) {
	m := serviceAccountTokenIDPattern.FindStringSubmatch(id)
	if m == nil {
		return 0, 0, false
	}
	account, errA := strconv.Atoi(m[1])
	token, errT := strconv.Atoi(m[2])
	return account, token, errA == nil && errT == nil
}

var serviceAccountTokenFeature = platform.Feature{Kind: platform.KindAPIKey, Field: platform.FieldUserID}

// createServiceAccountToken is CreateAPIKey with a user_id. A create whose answer was lost is resolved by
// the description, unique per account; the secret of an adopted token is gone for good, so a token of that
// description made since this create started is deleted and created again rather than handed over without
// one. One made before it (the lost answer was a refusal of the name) is not this create's to delete: that
// is a conflict, reported.
func (c *Client) createServiceAccountToken(ctx context.Context, spec platform.APIKeySpec) (platform.APIKey, error) {
	started := time.Now().Truncate(time.Millisecond) // Unleash keeps createdAt to the millisecond
	account, err := parseNumericID("user", spec.UserID)
	if err != nil {
		return platform.APIKey{}, platform.InvalidField(platform.FieldUserID, err.Error())
	}
	if spec.ExpiresAt == nil {
		return platform.APIKey{}, platform.InvalidField(platform.FieldExpiresAt, serviceAccountTokenExpiryRequired)
	}
	body := patCreate{Description: spec.Name, ExpiresAt: spec.ExpiresAt.UTC()}
	path := serviceAccountPath(account) + "/token"
	create := func() (platform.APIKey, error) {
		var w patWire
		req := httpclient.Request{Method: http.MethodPost, Path: path, Body: body}
		if err := c.serviceAccountCall(ctx, serviceAccountTokenFeature, req, &w); err != nil {
			return platform.APIKey{}, certain(platform.WithKind(err, platform.KindUser, spec.UserID))
		}
		secret := w.Secret
		w.Secret = ""
		c.serviceAccountTokens.Put(accountToken{account: account, patWire: w})
		key := keyFromPAT(account, w)
		key.Secret = secret
		return key, nil
	}
	find := func(ctx context.Context) (platform.APIKey, error) {
		var list patsWire
		if err := c.serviceAccountCall(ctx, serviceAccountTokenFeature, httpclient.Request{Method: http.MethodGet, Path: path}, &list); err != nil {
			return platform.APIKey{}, err
		}
		for _, w := range list.PATs {
			switch {
			case w.Description != spec.Name:
			case w.CreatedAt.Before(started):
				return platform.APIKey{}, &platform.ConflictError{Fields: []platform.FieldError{{Field: platform.FieldName, Message: fmt.Sprintf(
					"service account %d already has a token named %q (id %d), made before this apply; Unleash cannot show its secret again, so delete it or choose another name",
					account, spec.Name, w.ID)}}}
			default:
				if err := c.deleteServiceAccountToken(ctx, account, w.ID); err != nil {
					return platform.APIKey{}, err
				}
			}
		}
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, spec.Name)
	}
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

const serviceAccountTokenExpiryRequired = "is required for an Unleash service-account token (with user_id): Unleash needs an expiry and cannot change it later"

// accountToken is a service-account token with the account it belongs to.
type accountToken struct {
	account int
	patWire
}

func (t accountToken) id() string { return serviceAccountTokenID(t.account, t.ID) }

// loadServiceAccountTokens lists the service accounts and takes their tokens; reads go through
// c.serviceAccountTokens instead.
func (c *Client) loadServiceAccountTokens(ctx context.Context) ([]accountToken, error) {
	accounts, err := c.loadServiceAccounts(ctx)
	var out []accountToken
	for _, sa := range accounts {
		for _, w := range sa.Tokens {
			out = append(out, accountToken{account: sa.ID, patWire: w})
		}
	}
	return out, err
}

// readServiceAccountToken reads a token from this process's list.
func (c *Client) readServiceAccountToken(ctx context.Context, id string) (platform.APIKey, error) {
	t, found, err := c.serviceAccountTokens.Find(ctx, c.loadServiceAccountTokens, id)
	switch {
	case err != nil:
		return platform.APIKey{}, err
	case !found:
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, id)
	}
	return keyFromPAT(t.account, t.patWire), nil
}

// updateServiceAccountToken changes nothing: Unleash cannot change a service-account token, and a new name
// (its description) replaces the key. A new expiry is refused with the way out.
func (c *Client) updateServiceAccountToken(ctx context.Context, id string, spec platform.APIKeySpec) (platform.APIKey, error) {
	current, err := c.readServiceAccountToken(ctx, id)
	if err != nil {
		return platform.APIKey{}, err
	}
	if spec.ExpiresAt != nil && (current.ExpiresAt == nil || !current.ExpiresAt.Equal(spec.ExpiresAt.Truncate(time.Millisecond))) {
		return platform.APIKey{}, platform.InvalidField(platform.FieldExpiresAt,
			"Unleash cannot change the expiry of a service-account token; change rotation_triggers as well to replace the key")
	}
	return current, nil
}

// deleteServiceAccountToken answers 200 whether or not the token exists; an account that is gone took its
// tokens with it.
func (c *Client) deleteServiceAccountToken(ctx context.Context, account, token int) error {
	req := httpclient.Request{Method: http.MethodDelete, Path: fmt.Sprintf("%s/token/%d", serviceAccountPath(account), token)}
	err := c.serviceAccountCall(ctx, serviceAccountTokenFeature, req, nil)
	if err != nil && !platform.IsNotFound(err) {
		c.serviceAccountTokens.Invalidate() // a write may have been applied
		return platform.WithKind(err, platform.KindAPIKey, serviceAccountTokenID(account, token))
	}
	c.serviceAccountTokens.Remove(serviceAccountTokenID(account, token))
	return nil
}

func keyFromPAT(account int, w patWire) platform.APIKey {
	key := platform.APIKey{ID: serviceAccountTokenID(account, w.ID), Name: w.Description, UserID: strconv.Itoa(account), Extra: APIKeyExtra{}}
	if w.ExpiresAt != nil {
		at := w.ExpiresAt.UTC()
		key.ExpiresAt = &at
	}
	return key
}
