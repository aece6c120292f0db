package onyx

import (
	"errors"
	"slices"
	"strings"
	"testing"

	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// adminKeyExtra is how each generation makes an admin key: the admin role, or the Admin group.
func adminKeyExtra(gen Generation) APIKeyExtra {
	if gen == GenerationCurrent {
		return APIKeyExtra{GroupIDs: []string{"1"}}
	}
	return APIKeyExtra{Role: "admin"}
}

func TestContractAPIKeyLifecycle(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		key, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci", Extra: adminKeyExtra(gen)})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(key.Secret, "on_") || key.ID == "" || key.Name != "ci" {
			t.Fatalf("created %+v", key)
		}
		assertEqual(t, "extra", key.Extra, platform.Extra(adminKeyExtra(gen)))
		// The secret works, as an admin.
		if _, err := c.newClient(key.Secret, "").ListGroups(c.ctx, platform.GroupFilter{}); err != nil {
			t.Errorf("the new key cannot list groups: %v", err)
		}
		read, err := c.client.ReadAPIKey(c.ctx, key.ID)
		if err != nil || read.Secret != "" || read.Name != "ci" {
			t.Errorf("read %+v %v", read, err)
		}
		assertEqual(t, "read extra", read.Extra, platform.Extra(adminKeyExtra(gen)))

		// Update in place: name, and rights when managed; unmanaged rights are kept.
		updated, err := c.client.UpdateAPIKey(c.ctx, key.ID, platform.APIKeySpec{Name: "ci-2"})
		if err != nil || updated.ID != key.ID || updated.Name != "ci-2" || updated.Secret != "" {
			t.Fatalf("renamed %+v %v", updated, err)
		}
		assertEqual(t, "rights kept", updated.Extra, platform.Extra(adminKeyExtra(gen)))
		basic := APIKeyExtra{Role: "basic"}
		if gen == GenerationCurrent {
			basic = APIKeyExtra{GroupIDs: []string{"2"}}
		}
		updated, err = c.client.UpdateAPIKey(c.ctx, key.ID, platform.APIKeySpec{Name: "ci-2", Extra: &basic})
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, "rights changed", updated.Extra, platform.Extra(basic))
		if _, err := c.newClient(key.Secret, "").ListAPIKeys(c.ctx); err == nil {
			t.Error("a key without admin rights can still list keys")
		}

		// Rotation is replacement: a new key with the same name, then the old one goes.
		rotated, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "ci-2", Extra: adminKeyExtra(gen)})
		if err != nil || rotated.ID == key.ID || rotated.Secret == key.Secret {
			t.Fatalf("rotated %+v %v", rotated, err)
		}
		if _, err := c.client.FindAPIKeyByName(c.ctx, "ci-2"); err == nil || platform.IsNotFound(err) || !strings.Contains(err.Error(), "ambiguous") {
			t.Errorf("two keys with one name: %v", err)
		}
		if err := c.client.DeleteAPIKey(c.ctx, key.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := c.newClient(key.Secret, "").ListGroups(c.ctx, platform.GroupFilter{}); err == nil {
			t.Error("the deleted key still works")
		}
		if _, err := c.newClient(rotated.Secret, "").ListGroups(c.ctx, platform.GroupFilter{}); err != nil {
			t.Errorf("the rotated key does not work: %v", err)
		}
		_, err = c.client.ReadAPIKey(c.ctx, key.ID)
		wantNotFound(t, err, "api_key", key.ID)
		if err := c.client.DeleteAPIKey(c.ctx, key.ID); err != nil {
			t.Errorf("deleting a deleted key: %v", err)
		}
		found, err := c.client.FindAPIKeyByName(c.ctx, "ci-2")
		if err != nil || found.ID != rotated.ID || found.Secret != "" {
			t.Errorf("find by name: %+v %v", found, err)
		}
		if s := c.state(); s.APIKeys.Count != 1 || s.ServiceAccounts != 1 {
			t.Errorf("state %+v: want one key and its service account", s)
		}
	})
}

// Onyx answers 400 "does not exist" for a key that is gone; deleting one counts as done.
func TestContractDeleteKeyGoneMeanwhile(t *testing.T) {
	c := newContract(t, GenerationV46, onyxmock.Options{})
	key, _ := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k"})
	c.raw("DELETE", "/admin/api-key/"+key.ID)
	if err := c.client.DeleteAPIKey(c.ctx, key.ID); err != nil {
		t.Errorf("delete of a vanished key: %v", err)
	}
	_, err := c.client.UpdateAPIKey(c.ctx, key.ID, platform.APIKeySpec{Name: "k"})
	wantNotFound(t, err, "api_key", key.ID)
}

// A generation's missing field is refused at apply time with its attribute named.
func TestContractKeyFieldsPerGeneration(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		spec, field := platform.APIKeySpec{Name: "k", Extra: APIKeyExtra{GroupIDs: []string{"1"}}}, fieldGroupIDs
		if gen == GenerationCurrent {
			spec, field = platform.APIKeySpec{Name: "k", Extra: APIKeyExtra{Role: "admin"}}, fieldKeyRole
		}
		if errs := c.client.ValidateAPIKey(spec); len(errs) != 0 {
			t.Errorf("plan-time check without a known generation: %v", errs)
		}
		before := c.writes()
		_, err := c.client.CreateAPIKey(c.ctx, spec)
		wantInvalid(t, err, field)
		if c.writes() != before {
			t.Error("a key with the other generation's field was sent")
		}
		if gen == GenerationCurrent {
			_, err = c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "k", Extra: APIKeyExtra{GroupIDs: []string{"77"}}})
			wantInvalid(t, err, fieldGroupIDs, "77")
		}
	})
}

// The provider never deletes the key it authenticates with.
func TestContractOwnKeyIsNotDeleted(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen Generation) {
		c := newContract(t, gen, onyxmock.Options{})
		key, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "self", Extra: adminKeyExtra(gen)})
		if err != nil {
			t.Fatal(err)
		}
		self := c.newClient(key.Secret, "")
		err = self.DeleteAPIKey(c.ctx, key.ID)
		var invalid *platform.InvalidError
		if !errors.As(err, &invalid) || !strings.Contains(err.Error(), "authenticates with") {
			t.Errorf("deleting the own key: %v", err)
		}
		if keys, _ := c.client.ListAPIKeys(c.ctx); !slices.ContainsFunc(keys, func(k platform.APIKey) bool { return k.ID == key.ID }) {
			t.Error("the own key was deleted")
		}
	})
}
