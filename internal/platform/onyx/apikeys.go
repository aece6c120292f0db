package onyx

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

// An Onyx API key owns a service-account user and carries its rights: a role on v4.6, group
// memberships on the current generation. The plaintext is answered once, on create (and on
// regenerate); there is no get-one route, so reads list and scan.

const keysPath = "/admin/api-key"

func keyPath(id int) string { return keysPath + "/" + strconv.Itoa(id) }

// msgOwnKey explains why the provider's own key is never deleted.
const msgOwnKey = "this looks like the key the provider authenticates with (same masked value): deleting it would lock the provider out mid-apply; " +
	"manage another key, or delete this one in Onyx's admin UI"

func keyID(k keyWire) int { return k.ID }

// loadKeys asks the server for every key; reads go through c.keys instead.
func (c *Client) loadKeys(ctx context.Context) ([]keyWire, error) {
	var out []keyWire
	if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodGet, Path: keysPath}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

func (c *Client) findKey(ctx context.Context, id int) (keyWire, error) {
	k, found, err := c.keys.Find(ctx, c.loadKeys, id)
	switch {
	case err != nil:
		return keyWire{}, err
	case !found:
		return keyWire{}, c.NotFound(ctx, platform.KindAPIKey, strconv.Itoa(id))
	}
	return k, nil
}

// keep records a key this client wrote, without its plaintext: the list never carries one.
func (c *Client) keep(k keyWire) {
	k.Secret = nil
	c.keys.Put(k)
}

// keyBody is the create/update body of the server's generation. An update replaces everything, so
// unmanaged fields carry the current values (current is nil on create). The spec has been validated
// for gen.
func keyBody(gen Generation, spec platform.APIKeySpec, extra APIKeyExtra, current *keyWire) any {
	if gen == GenerationCurrent {
		ids, _ := parseIDs(extra.GroupIDs, fieldGroupIDs)
		if ids == nil && current != nil {
			ids = current.groupIDs()
		}
		return keyArgsCurrent{Name: spec.Name, GroupIDs: nonNilInts(ids)}
	}
	role := normalRole(extra.Role)
	if role == "" && current != nil && current.Role != nil {
		role = *current.Role
	}
	return keyArgsV46{Name: spec.Name, Role: role}
}

func (k keyWire) groupIDs() []int {
	if k.Groups == nil {
		return nil
	}
	ids := make([]int, 0, len(*k.Groups))
	for _, g := range *k.Groups {
		ids = append(ids, g.ID)
	}
	return ids
}

// checkKeySpec validates a spec for the server's generation, detecting it.
func (c *Client) checkKeySpec(ctx context.Context, method, path string, spec platform.APIKeySpec) (Generation, APIKeyExtra, error) {
	gen, err := c.Generation(ctx)
	if err != nil {
		return "", APIKeyExtra{}, err
	}
	if errs := validateAPIKey(spec, gen); len(errs) > 0 {
		return "", APIKeyExtra{}, apiutil.Refused(method, c.basePath+path, errs...)
	}
	extra, _ := platform.ExtraAs[APIKeyExtra](spec.Extra)
	return gen, extra, nil
}

// CreateAPIKey implements platform.Backend. Key names are not unique, so a create whose answer was
// lost is resolved by a key with the name that was not there before; its plaintext was lost with the
// answer, so it is regenerated (the only way to see a key again). If that fails, the key is returned
// without its secret along with the error, so the provider records it instead of orphaning it.
func (c *Client) CreateAPIKey(ctx context.Context, spec platform.APIKeySpec) (platform.APIKey, error) {
	gen, extra, err := c.checkKeySpec(ctx, http.MethodPost, keysPath, spec)
	if err != nil {
		return platform.APIKey{}, err
	}
	// The keys there before, so that a lost create is not resolved by an older key of the same name.
	existing, err := c.keys.All(ctx, c.loadKeys)
	if err != nil {
		return platform.APIKey{}, err
	}
	before := map[int]bool{}
	for _, k := range existing {
		before[k.ID] = true
	}
	body := keyBody(gen, spec, extra, nil)
	var adopted *keyWire
	create := func() (platform.APIKey, error) {
		var k keyWire
		if err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: keysPath, Body: body}, &k); err != nil {
			return platform.APIKey{}, err
		}
		c.keep(k)
		return keyFromWire(k), nil
	}
	find := func(ctx context.Context) (platform.APIKey, error) {
		keys, err := c.loadKeys(ctx)
		if err != nil {
			return platform.APIKey{}, err
		}
		var found []keyWire
		for _, k := range keys {
			if !before[k.ID] && k.Name != nil && *k.Name == spec.Name {
				found = append(found, k)
			}
		}
		switch len(found) {
		case 0:
			return platform.APIKey{}, c.NotFound(ctx, platform.KindAPIKey, spec.Name)
		case 1:
			adopted = &found[0]
			return c.regenerate(ctx, found[0].ID)
		}
		return platform.APIKey{}, fmt.Errorf("onyx: %d new keys named %q appeared while the create's answer was lost; delete the extra ones in Onyx", len(found), spec.Name)
	}
	key, err := platform.CreateOrAdopt(ctx, c.HTTP.CreateAttempts(), create, find)
	if err != nil && adopted != nil {
		partial := keyFromWire(*adopted)
		partial.Secret = ""
		return partial, fmt.Errorf("API key %d was created on Onyx, but its answer was lost and regenerating its secret failed: %w", adopted.ID, err)
	}
	return key, err
}

// regenerate replaces a key's secret and returns the key with the new plaintext. Sending it twice
// only replaces an unseen secret with another, so it may be resent after an unclear failure.
func (c *Client) regenerate(ctx context.Context, id int) (platform.APIKey, error) {
	var k keyWire
	err := c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPost, Path: keyPath(id) + "/regenerate", Idempotent: true}, &k)
	if err != nil {
		return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, strconv.Itoa(id))
	}
	c.keep(k)
	return keyFromWire(k), nil
}

// ReadAPIKey implements platform.Backend: list and scan. The secret is never readable again.
func (c *Client) ReadAPIKey(ctx context.Context, id string) (platform.APIKey, error) {
	n, err := checkKeyID(id)
	if err != nil {
		return platform.APIKey{}, err
	}
	k, err := c.findKey(ctx, n)
	if err != nil {
		return platform.APIKey{}, err
	}
	out := keyFromWire(k)
	out.Secret = "" // a listing never carries it; one that did would not be the key Terraform holds
	return out, nil
}

// UpdateAPIKey implements platform.Backend in place. The PATCH replaces name and rights (an omitted
// name becomes null), so the key is read first and unmanaged rights are sent back as they are.
func (c *Client) UpdateAPIKey(ctx context.Context, id string, spec platform.APIKeySpec) (_ platform.APIKey, err error) {
	defer func() {
		if err != nil {
			c.keys.Invalidate() // a write may have been applied: the snapshot no longer says what the server holds
		}
	}()
	n, err := checkKeyID(id)
	if err != nil {
		return platform.APIKey{}, err
	}
	gen, extra, err := c.checkKeySpec(ctx, http.MethodPatch, keyPath(n), spec)
	if err != nil {
		return platform.APIKey{}, err
	}
	current, err := c.findKey(ctx, n)
	if err != nil {
		return platform.APIKey{}, err
	}
	var k keyWire
	err = c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodPatch, Path: keyPath(n), Body: keyBody(gen, spec, extra, &current)}, &k)
	if err != nil {
		return platform.APIKey{}, platform.WithKind(err, platform.KindAPIKey, id)
	}
	c.keep(k)
	out := keyFromWire(k)
	out.Secret = ""
	return out, nil
}

// DeleteAPIKey implements platform.Backend. Onyx answers 400 "does not exist" for an unknown id,
// which counts as deleted. The provider's own key is refused.
func (c *Client) DeleteAPIKey(ctx context.Context, id string) (err error) {
	defer func() {
		if err != nil {
			c.keys.Invalidate() // a write may have been applied: the snapshot no longer says what the server holds
		}
	}()
	n, err := checkKeyID(id)
	if err != nil {
		return err
	}
	k, err := c.findKey(ctx, n)
	if platform.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if c.ownDisplay != "" && k.Display == c.ownDisplay {
		return apiutil.Refused(http.MethodDelete, c.basePath+keyPath(n), platform.FieldError{Message: msgOwnKey})
	}
	err = c.HTTP.DoJSON(ctx, httpclient.Request{Method: http.MethodDelete, Path: keyPath(n)}, nil)
	if err == nil || platform.IsNotFound(err) {
		c.keys.Remove(n)
		return nil
	}
	return platform.WithKind(err, platform.KindAPIKey, id)
}

// ListAPIKeys implements platform.Backend. Secrets are never listed.
func (c *Client) ListAPIKeys(ctx context.Context) ([]platform.APIKey, error) {
	keys, err := c.keys.All(ctx, c.loadKeys)
	if err != nil {
		return nil, err
	}
	out := make([]platform.APIKey, 0, len(keys))
	for _, k := range keys {
		key := keyFromWire(k)
		key.Secret = ""
		out = append(out, key)
	}
	return out, nil
}

// FindAPIKeyByName implements platform.Backend. Onyx does not keep names unique; more than one key
// with the name is an error that says so.
func (c *Client) FindAPIKeyByName(ctx context.Context, name string) (platform.APIKey, error) {
	keys, err := c.ListAPIKeys(ctx)
	if err != nil {
		return platform.APIKey{}, err
	}
	var matches []platform.APIKey
	for _, k := range keys {
		if name != "" && k.Name == name {
			matches = append(matches, k)
		}
	}
	return apiutil.One(ctx, c.Conn, platform.KindAPIKey, name, matches, apiutil.APIKeyID, func(ids []string) error {
		return fmt.Errorf("the API key name %q is ambiguous: Onyx keys %s all have it (names are not unique); import the key by its id instead",
			name, strings.Join(ids, ", "))
	})
}
