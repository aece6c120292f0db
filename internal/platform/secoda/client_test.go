package secoda

import (
	"testing"

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

// Secoda's client has no API-key part: the capability table says why.
func TestNoAPIKeyPart(t *testing.T) {
	var b platform.Backend = &Client{}
	if _, ok := b.(platform.APIKeyBackend); ok {
		t.Error("the client implements API keys, which Secoda's API does not have")
	}
	if _, ok := b.(platform.APIKeyValidator); ok {
		t.Error("the client validates API keys, which Secoda's API does not have")
	}
	if Descriptor.Capabilities.Unsupported[platform.Feature{Kind: platform.KindAPIKey}] == "" {
		t.Error("the capability table does not explain the missing API keys")
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
