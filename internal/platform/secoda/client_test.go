package secoda

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestAPIBaseURL(t *testing.T) {
	cases := []struct{ endpoint, want string }{
		{"https://api.secoda.co", "https://api.secoda.co/api/v1"},
		{"https://api.secoda.co/", "https://api.secoda.co/api/v1"},
		{"https://api.secoda.co/api/v1", "https://api.secoda.co/api/v1"},
		{"https://api.secoda.co/api/v1/", "https://api.secoda.co/api/v1"},
		{"https://eapi.secoda.co", "https://eapi.secoda.co/api/v1"},
		{"https://data.example.com/secoda", "https://data.example.com/secoda/api/v1"},
		{"http://127.0.0.1:9000", "http://127.0.0.1:9000/api/v1"},
		{"  https://api.secoda.co  ", "https://api.secoda.co/api/v1"},
		// Only a whole "/api/v1" segment counts as the prefix.
		{"https://x/myapi/v1", "https://x/myapi/v1/api/v1"},
	}
	for _, tc := range cases {
		got, err := apiEndpoint.BaseURL(tc.endpoint)
		if err != nil || got.String() != tc.want {
			t.Errorf("BaseURL(%q) = %q, %v; want %q", tc.endpoint, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "api.secoda.co", "ftp://x", "https://", "https://u:p@x", "https://x?a=b", "https://x#f"} {
		if got, err := apiEndpoint.BaseURL(bad); err == nil {
			t.Errorf("BaseURL(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNewRequiresTokenAndEndpoint(t *testing.T) {
	if _, err := New(Config{Endpoint: "https://api.secoda.co", Token: " "}); err == nil {
		t.Error("New without a token succeeded")
	}
	if _, err := New(Config{Endpoint: "not a url", Token: "t"}); err == nil {
		t.Error("New with a bad endpoint succeeded")
	}
}

// Secoda refuses more than 30 writes a minute, so "not configured" must mean 30, never "unlimited".
func TestWritesPerMinute(t *testing.T) {
	for configured, want := range map[float64]float64{0: 30, 10: 10, 600: 600, -1: 0} {
		if got := writesPerMinute(configured); got != want {
			t.Errorf("writesPerMinute(%v) = %v, want %v", configured, got, want)
		}
	}
}

func TestPlatformAndCapabilities(t *testing.T) {
	c, err := New(Config{Endpoint: "https://api.secoda.co", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Platform() != Name || (GroupExtra{}).Platform() != Name || (UserExtra{}).Platform() != Name {
		t.Error("Platform() is not secoda")
	}
	caps := c.Capabilities()
	if caps.Platform != Name || caps.Check(platform.Feature{Kind: platform.KindAPIKey, Field: platform.FieldName}) == nil {
		t.Errorf("Capabilities() = %+v; API keys should be unsupported", caps)
	}
}

// Every API-key method answers with the capability table's reason, without a request.
func TestAPIKeysUnsupported(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
	}))
	defer srv.Close()
	c, err := New(Config{Endpoint: srv.URL, Token: "t", HTTP: httpclient.Config{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	_, e1 := c.CreateAPIKey(ctx, platform.APIKeySpec{Name: "ci"})
	_, e2 := c.ReadAPIKey(ctx, "x")
	_, e3 := c.UpdateAPIKey(ctx, "x", platform.APIKeySpec{})
	e4 := c.DeleteAPIKey(ctx, "x")
	_, e5 := c.ListAPIKeys(ctx)
	_, e6 := c.FindAPIKeyByName(ctx, "ci")
	tableReason := Descriptor.Capabilities.Unsupported[platform.Feature{Kind: platform.KindAPIKey}]
	for i, err := range []error{e1, e2, e3, e4, e5, e6} {
		var u *platform.UnsupportedError
		if !errors.As(err, &u) || u.Platform != Name || u.Feature != (platform.Feature{Kind: platform.KindAPIKey}) ||
			u.Reason != reasonNoAPIKeys || u.Reason != tableReason {
			t.Errorf("method %d: %#v, want the UnsupportedError of the capability table", i+1, err)
		}
	}
	if errs := c.ValidateAPIKey(platform.APIKeySpec{Name: "ci"}); len(errs) != 1 || errs[0].Message != reasonNoAPIKeys {
		t.Errorf("ValidateAPIKey = %v", errs)
	}
}

func TestExtraAs(t *testing.T) {
	icon := "🚀"
	for _, e := range []platform.Extra{GroupExtra{Icon: &icon}, &GroupExtra{Icon: &icon}} {
		got, err := platform.ExtraAs[GroupExtra](e)
		if err != nil || got.Icon == nil || *got.Icon != icon {
			t.Errorf("extraAs(%#v) = %#v, %v", e, got, err)
		}
	}
	if got, err := platform.ExtraAs[GroupExtra](nil); err != nil || got.Icon != nil {
		t.Errorf("extraAs(nil) = %#v, %v", got, err)
	}
	if got, err := platform.ExtraAs[GroupExtra]((*GroupExtra)(nil)); err != nil || got.Icon != nil {
		t.Errorf("extraAs(nil pointer) = %#v, %v", got, err)
	}
	if _, err := platform.ExtraAs[GroupExtra](UserExtra{}); err == nil {
		t.Error("extraAs accepted a UserExtra as GroupExtra")
	}
}
