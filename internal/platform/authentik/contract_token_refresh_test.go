package authentik

import (
	"net/http"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// hook calls one of the mock's /__mock/authentik/ routes.
func (c *contract) hook(method, path string) {
	c.t.Helper()
	req, err := http.NewRequestWithContext(c.ctx, method, c.url+"/__mock/authentik/"+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode >= 300 {
		c.t.Fatalf("hook %s %s: %d", method, path, resp.StatusCode)
	}
}

// RefreshAPIKey reads the current key, so a rotation behind the client's back shows, with one view_key.
func TestContractRefreshAPIKeyReadsTheCurrentKey(t *testing.T) {
	c := newContract(t)
	created, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "svc", UserID: c.user("svc@example.com").ID})
	if err != nil {
		t.Fatal(err)
	}
	c.hook(http.MethodPost, "tokens/svc/rotate")
	c.mock.Log().Reset()
	got, err := c.client.RefreshAPIKey(c.ctx, "svc")
	if err != nil {
		t.Fatal(err)
	}
	if got.Secret == "" || got.Secret == created.Secret || got.ID != "svc" || got.ExpiresAt == nil {
		t.Errorf("refreshed = %+v, the rotated key was not read", got)
	}
	if n := c.mock.Log().Count(); n != 2 {
		t.Errorf("refresh took %d requests, want 2 (the token and its key)", n)
	}
	c.hook(http.MethodDelete, "tokens/svc")
	_, err = c.client.RefreshAPIKey(c.ctx, "svc")
	wantNotFound(t, err, "api_key", "svc")
}

// expiring = false: a superuser's client gets it; authentik gives a non-superuser's client an expiring token
// instead, which the client reports and deletes.
func TestContractNonExpiringToken(t *testing.T) {
	c := newContract(t)
	never := false
	forever, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "forever", Extra: APIKeyExtra{Expiring: &never}})
	if err != nil {
		t.Fatal(err)
	}
	if e := forever.Extra.(APIKeyExtra); e.Expiring == nil || *e.Expiring || forever.ExpiresAt != nil {
		t.Errorf("superuser's non-expiring token = %+v %+v", forever, e)
	}

	dev := c.user("dev@example.com")
	devKey, err := c.client.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "dev-token", UserID: dev.ID})
	if err != nil {
		t.Fatal(err)
	}
	devClient, err := New(Config{Endpoint: c.url, Token: devKey.Secret, HTTP: httpclient.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = devClient.CreateAPIKey(c.ctx, platform.APIKeySpec{Name: "dev-forever", Extra: APIKeyExtra{Expiring: &never}})
	wantInvalid(t, err, fieldExpiring)
	_, err = c.client.ReadAPIKey(c.ctx, "dev-forever")
	wantNotFound(t, err, "api_key", "dev-forever")
}
