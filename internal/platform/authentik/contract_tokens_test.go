package authentik

import (
	"slices"
	"testing"
	"time"

	authentikmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/authentik"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestContractAPIKeyCRUD(t *testing.T) {
	c := newContract(t)
	owner := c.user("ci@example.com")
	before := time.Now().Add(-time.Minute)

	created, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-deployer", UserID: owner.ID, Description: "deploys"})
	if err != nil {
		t.Fatal(err)
	}
	if len(created.Secret) < 20 {
		t.Errorf("secret %q looks wrong", created.Secret)
	}
	if created.ID != "ci-deployer" || created.Name != "ci-deployer" || created.UserID != owner.ID || created.Description != "deploys" {
		t.Errorf("created = %+v", created)
	}
	// authentik sets the expiry of api tokens itself (now + default token duration).
	if created.ExpiresAt == nil || created.ExpiresAt.Before(before) {
		t.Errorf("api token expiry = %v", created.ExpiresAt)
	}
	if extra := created.Extra.(APIKeyExtra); extra.Intent != "api" || extra.Expiring == nil || !*extra.Expiring {
		t.Errorf("extra = %+v", extra)
	}

	read, err := c.client.ReadAPIKey(c.ctx, "ci-deployer")
	if err != nil {
		t.Fatal(err)
	}
	if read.Secret != "" {
		t.Error("Read returned the secret")
	}
	created.Secret = ""
	assertEqual(t, "read", read, created)

	// The update leaves the owner out of the spec: the client must keep it rather than let authentik hand the
	// token to the caller.
	updated, err := c.client.UpdateAPIKey(c.ctx, "ci-deployer", platform.APIKeySpec{Name: "ci-deployer", Description: "deploys prod"})
	if err != nil {
		t.Fatal(err)
	}
	if updated.UserID != owner.ID || updated.Description != "deploys prod" {
		t.Errorf("updated = %+v", updated)
	}

	renamed, err := c.client.UpdateAPIKey(c.ctx, "ci-deployer", platform.APIKeySpec{Name: "ci-prod", UserID: owner.ID, Description: "deploys prod"})
	if err != nil {
		t.Fatal(err)
	}
	if renamed.ID != "ci-prod" {
		t.Errorf("renamed id = %q", renamed.ID)
	}
	_, err = c.client.ReadAPIKey(c.ctx, "ci-deployer")
	wantNotFound(t, err, "api_key", "ci-deployer")

	if err := c.client.DeleteAPIKey(c.ctx, "ci-prod"); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.ReadAPIKey(c.ctx, "ci-prod")
	wantNotFound(t, err, "api_key", "ci-prod")
	if err := c.client.DeleteAPIKey(c.ctx, "ci-prod"); err != nil {
		t.Errorf("deleting a deleted key: %v", err)
	}
}

func TestContractAPIKeyExpiryAndIntent(t *testing.T) {
	c := newContract(t)
	owner := c.user("app@example.com")
	expires := time.Now().Add(6 * time.Hour).UTC().Truncate(time.Second)

	app, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{
		Name: "mail-client", UserID: owner.ID, ExpiresAt: &expires, Extra: APIKeyExtra{Intent: "app_password"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if app.ExpiresAt == nil || !app.ExpiresAt.Equal(expires) {
		t.Errorf("app password expiry = %v, want %v", app.ExpiresAt, expires)
	}
	// An update that keeps the intent must not turn the app password into an api token.
	updated, err := c.client.UpdateAPIKey(c.ctx, app.ID, platform.APIKeySpec{
		Name: "mail-client", UserID: owner.ID, Description: "imap", ExpiresAt: &expires, Extra: APIKeyExtra{Intent: "app_password"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if intent := updated.Extra.(APIKeyExtra).Intent; intent != "app_password" {
		t.Errorf("intent after update = %q", intent)
	}

	forever, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{
		Name: "forever", UserID: owner.ID, Extra: APIKeyExtra{Expiring: ptr(false)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if forever.ExpiresAt != nil || *forever.Extra.(APIKeyExtra).Expiring {
		t.Errorf("non-expiring key = %+v", forever)
	}

	// Without a user the server makes the caller (the seeded admin, pk 1) the owner.
	mine, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "mine"})
	if err != nil {
		t.Fatal(err)
	}
	if mine.UserID != "1" {
		t.Errorf("owner of a key created without user = %q, want the caller 1", mine.UserID)
	}

	keys, err := c.client.ListAPIKeys(c.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range keys {
		ids = append(ids, k.ID)
		if k.Secret != "" {
			t.Errorf("list returned the secret of %s", k.ID)
		}
	}
	for _, id := range []string{"mail-client", "forever", "mine", authentikmock.AdminTokenID} {
		if !slices.Contains(ids, id) {
			t.Errorf("ListAPIKeys misses %s: %v", id, ids)
		}
	}
	found, err := c.client.FindAPIKeyByName(c.ctx, "forever")
	if err != nil || found.ID != "forever" {
		t.Errorf("FindAPIKeyByName = %+v, %v", found, err)
	}
	_, err = c.client.FindAPIKeyByName(c.ctx, "nope")
	wantNotFound(t, err, "api_key", "nope")
	_, err = c.client.FindAPIKeyByName(c.ctx, "not a slug")
	wantNotFound(t, err, "api_key", "not a slug")
}
