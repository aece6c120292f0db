package tykaistudio

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// On Tyk AI Studio a user has exactly one API key, stored and shown to admins in plaintext, with no
// name, expiry or revoke: it can only be rolled (replaced at once by a new random key). roster_api_key
// is therefore "the user's current key": its id is the user's id, its name is echoed from the spec
// (the server has nowhere to keep it), and its secret is the key rolled on create.

func rollPath(userID string) string { return userPath(userID) + "/roll-api-key" }

// msgOwnKey explains why a key of the provider's own user is never rolled.
const msgOwnKey = "this is the user the provider authenticates as: rolling its key would lock the provider out " +
	"(the provider's token would stop working at once); manage another user's key, or roll this one in the UI"

// CreateAPIKey implements platform.Backend by rolling the user's key (POST /users/{id}/roll-api-key).
// The user is read first, which reports a missing user as such (the roll itself would answer 500) and
// tells a later lookup whether a lost roll was applied: if the key then differs from the one read
// before, the roll happened and that key is adopted; if not, the roll is sent again.
func (c *Client) CreateAPIKey(ctx context.Context, spec platform.APIKeySpec) (platform.APIKey, error) {
	path := c.basePath + rollPath(spec.UserID)
	if errs := c.ValidateAPIKey(spec); len(errs) > 0 {
		return platform.APIKey{}, apiutil.Refused(http.MethodPost, path, errs...)
	}
	before, err := c.getUser(ctx, spec.UserID)
	if err != nil {
		var apiErr *platform.APIError
		if platform.IsNotFound(err) && errors.As(err, &apiErr) {
			return platform.APIKey{}, &platform.InvalidError{
				Fields: []platform.FieldError{{Field: platform.FieldUserID, Message: "no Tyk AI Studio user has id " + spec.UserID}}, Err: apiErr,
			}
		}
		return platform.APIKey{}, err
	}
	if before.Attributes.APIKey == c.token {
		return platform.APIKey{}, apiutil.Refused(http.MethodPost, path, platform.FieldError{Field: platform.FieldUserID, Message: msgOwnKey})
	}
	create := func() (platform.APIKey, error) {
		var env envelope[userWire]
		if err := c.call(ctx, httpclient.Request{Method: http.MethodPost, Path: rollPath(spec.UserID)}, &env); err != nil {
			return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, spec.UserID)
		}
		return keyFromUser(env.Data, spec.Name), nil
	}
	find := func(ctx context.Context) (platform.APIKey, error) {
		now, err := c.getUser(ctx, spec.UserID)
		if err != nil {
			return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, spec.UserID)
		}
		if now.Attributes.APIKey == "" || now.Attributes.APIKey == before.Attributes.APIKey {
			return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, spec.UserID) // not rolled: roll again
		}
		return keyFromUser(now, spec.Name), nil
	}
	return platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
}

// ReadAPIKey implements platform.Backend. Secret is the user's CURRENT key: when it differs from the
// one in state, the key was rolled outside Terraform. A user without a key (never rolled) has no
// key to manage, so that reads as not found, like a deleted user.
func (c *Client) ReadAPIKey(ctx context.Context, id string) (platform.APIKey, error) {
	if err := checkKeyID(id); err != nil {
		return platform.APIKey{}, err
	}
	w, err := c.getUser(ctx, id)
	if err != nil {
		return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, id)
	}
	if w.Attributes.APIKey == "" {
		return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, id)
	}
	return keyFromUser(w, ""), nil
}

// UpdateAPIKey implements platform.Backend. A key has nothing to update (its name is not stored),
// so this only echoes the spec, without a request and without the secret.
func (c *Client) UpdateAPIKey(_ context.Context, id string, spec platform.APIKeySpec) (platform.APIKey, error) {
	if err := checkKeyID(id); err != nil {
		return platform.APIKey{}, err
	}
	return platform.APIKey{ID: id, Name: spec.Name, UserID: id, Extra: APIKeyExtra{}}, nil
}

// DeleteAPIKey implements platform.Backend. There is no revoke, so the key is rolled once more: the
// key Terraform knew stops working, and a new one nobody has seen takes its place. A missing user
// counts as deleted. Rolling again after an unclear failure only replaces an unseen key by another,
// so this roll may be resent.
func (c *Client) DeleteAPIKey(ctx context.Context, id string) error {
	if err := checkKeyID(id); err != nil {
		return err
	}
	w, err := c.getUser(ctx, id)
	if platform.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if w.Attributes.APIKey == c.token {
		return apiutil.Refused(http.MethodPost, c.basePath+rollPath(id), platform.FieldError{Message: msgOwnKey})
	}
	err = c.call(ctx, httpclient.Request{Method: http.MethodPost, Path: rollPath(id), Idempotent: true}, nil)
	return apiutil.Deleted(err, platform.KindAPIKey, id)
}

// ListAPIKeys implements platform.Backend: one key per user that has one. Secrets are left out of
// lists.
func (c *Client) ListAPIKeys(ctx context.Context) ([]platform.APIKey, error) {
	wires, err := listAll[userWire](ctx, c, usersPath, nil)
	if err != nil {
		return nil, err
	}
	keys := make([]platform.APIKey, 0, len(wires))
	for _, w := range wires {
		if w.Attributes.APIKey != "" {
			key := keyFromUser(w, "")
			key.Secret = ""
			keys = append(keys, key)
		}
	}
	return keys, nil
}

// FindAPIKeyByName implements platform.Backend. It cannot work: the server stores no key names.
func (c *Client) FindAPIKeyByName(_ context.Context, name string) (platform.APIKey, error) {
	return platform.APIKey{}, fmt.Errorf("a key cannot be found by name: Tyk AI Studio does not store API key names; "+
		"import roster_api_key by the id of the user whose key it is: %w", &platform.NotFoundError{Kind: string(platform.KindAPIKey), ID: name})
}

func keyFromUser(w userWire, name string) platform.APIKey {
	return platform.APIKey{ID: w.ID, Name: name, UserID: w.ID, Secret: w.Attributes.APIKey, Extra: APIKeyExtra{}}
}
