package authentik

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestContractDuplicatesAreConflicts(t *testing.T) {
	c := newContract(t)
	c.group("dup", nil)
	_, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "dup"})
	wantConflict(t, err, platform.FieldName)

	c.user("dup@example.com")
	_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "dup@example.com"})
	wantConflict(t, err, fieldUsername)

	if _, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "dup"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "dup"})
	wantConflict(t, err, platform.FieldName)
}

func TestContractValidationErrorsNameTheAttribute(t *testing.T) {
	c := newContract(t)
	_, err := c.client.CreateGroup(c.ctx, platform.GroupSpec{Name: "g", Members: []string{"9999"}})
	wantInvalid(t, err, platform.FieldMembers)

	_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "svc@example.com", Extra: UserExtra{Type: "internal_service_account"}})
	wantInvalid(t, err, fieldType)

	_, err = c.client.CreateUser(c.ctx, platform.UserSpec{Email: "p@example.com", Extra: UserExtra{Path: "/bad/"}})
	wantInvalid(t, err, fieldPath)

	owner := c.user("owner@example.com")
	other := c.user("other@example.com")
	key, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "owned", UserID: owner.ID})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.client.UpdateAPIKey(c.ctx, key.ID, platform.APIKeySpec{Name: "owned", UserID: other.ID})
	wantInvalid(t, err, platform.FieldUserID)
}

func TestContractBadTokenIsForbidden(t *testing.T) {
	c := newContract(t)
	const wrong = "wrong-token-value-that-must-not-leak"
	client, err := New(Config{Endpoint: c.url + "/", Token: wrong})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.ListGroups(c.ctx, platform.GroupFilter{})
	var apiErr *platform.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusForbidden {
		t.Fatalf("got %T %v, want a 403 APIError", err, err)
	}
	if apiErr.Message != "Token invalid/expired" {
		t.Errorf("message %q does not quote the server", apiErr.Message)
	}
	if strings.Contains(err.Error(), wrong) {
		t.Errorf("token leaked: %v", err)
	}
}
