package tykaistudio

import (
	"net/http"
	"strings"
	"testing"

	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestContractAPIKeyLifecycle(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	u := c.user("ci@example.com", &UserExtra{IsAdmin: ptrBool(true), EmailVerified: ptrBool(true)})

	// A user created through the API has no key yet.
	_, err := c.client.ReadAPIKey(c.ctx, u.ID)
	wantNotFound(t, err, "api_key", u.ID)

	key, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-deployer", UserID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if key.ID != u.ID || key.UserID != u.ID || key.Name != "ci-deployer" || len(key.Secret) != 44 {
		t.Errorf("created key %+v", key)
	}
	// The new key works against the API.
	probe, err := New(Config{Endpoint: c.url, Token: key.Secret})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := probe.ReadUser(c.ctx, "1"); err != nil {
		t.Errorf("the rolled key does not authenticate: %v", err)
	}

	read, err := c.client.ReadAPIKey(c.ctx, u.ID)
	if err != nil || read.Secret != key.Secret || read.UserID != u.ID {
		t.Errorf("read %+v %v, want the current key", read, err)
	}
	// Rolled behind Terraform's back: Read reports the new key, so the provider sees the drift.
	rolled := c.hook(http.MethodPost, "/users/"+u.ID+"/roll", nil)["api_key"].(string)
	read, err = c.client.ReadAPIKey(c.ctx, u.ID)
	if err != nil || read.Secret != rolled || read.Secret == key.Secret {
		t.Errorf("read after an out-of-band roll: %+v %v, want %q", read, err, rolled)
	}

	before := c.writes()
	updated, err := c.client.UpdateAPIKey(c.ctx, u.ID, platform.APIKeySpec{Name: "renamed", UserID: u.ID})
	if err != nil || updated.Name != "renamed" || updated.ID != u.ID || updated.Secret != "" || c.writes() != before {
		t.Errorf("update %+v %v (%d writes), want an echo without requests", updated, err, c.writes()-before)
	}

	keys, err := c.client.ListAPIKeys(c.ctx)
	if err != nil || len(keys) != 2 { // the super admin's and this one
		t.Errorf("list %+v %v", keys, err)
	}
	for _, k := range keys {
		if k.Secret != "" {
			t.Errorf("a list carries the secret of key %s", k.ID)
		}
	}

	// Delete rolls once more: the last known key stops working.
	if err := c.client.DeleteAPIKey(c.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	read, _ = c.client.ReadAPIKey(c.ctx, u.ID)
	if read.Secret == rolled || read.Secret == "" {
		t.Errorf("key after delete %q, want a new unknown one", read.Secret)
	}
	if err := c.client.DeleteUser(c.ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if err := c.client.DeleteAPIKey(c.ctx, u.ID); err != nil {
		t.Errorf("deleting the key of a deleted user: %v", err)
	}
	_, err = c.client.ReadAPIKey(c.ctx, u.ID)
	wantNotFound(t, err, "api_key", u.ID)
}

func TestContractAPIKeyErrors(t *testing.T) {
	c := newContract(t, tykmock.Enterprise)
	_, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "no-user"})
	wantInvalid(t, err, platform.FieldUserID)
	_, err = c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ghost", UserID: "77"})
	wantInvalid(t, err, platform.FieldUserID)

	// The provider's own key is never rolled: that would lock it out.
	before := c.writes()
	_, err = c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "mine", UserID: "1"})
	wantInvalid(t, err, platform.FieldUserID)
	if err := c.client.DeleteAPIKey(c.ctx, "1"); err == nil {
		t.Error("deleting the provider's own key was allowed")
	}
	if c.writes() != before {
		t.Error("the provider's own key was rolled")
	}
	if _, err := c.client.ReadUser(c.ctx, "1"); err != nil {
		t.Fatalf("the provider is locked out: %v", err)
	}

	_, err = c.client.FindAPIKeyByName(c.ctx, "ci-deployer")
	wantNotFound(t, err, "api_key", "ci-deployer")
	if !strings.Contains(err.Error(), "user") || !strings.Contains(err.Error(), "import") {
		t.Errorf("find by name %q should say to import by user id", err)
	}
	_, err = c.client.ReadAPIKey(c.ctx, "key-name")
	if err == nil || platform.IsNotFound(err) {
		t.Errorf("read with a malformed id: %v, want a plain error", err)
	}
}
