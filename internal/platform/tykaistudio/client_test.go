package tykaistudio

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestAPIBaseURL(t *testing.T) {
	cases := []struct{ endpoint, want string }{
		{"https://x", "https://x/api/v1"},
		{"https://x/", "https://x/api/v1"},
		{"https://x/api/v1", "https://x/api/v1"},
		{"https://x/api/v1/", "https://x/api/v1"},
		{"https://x/studio", "https://x/studio/api/v1"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v1"},
		{"  https://x  ", "https://x/api/v1"},
		{"https://x/myapi/v1", "https://x/myapi/v1/api/v1"}, // only a whole /api/v1 segment counts
	}
	for _, tc := range cases {
		got, err := apiEndpoint.BaseURL(tc.endpoint)
		if err != nil {
			t.Errorf("BaseURL(%q): %v", tc.endpoint, err)
			continue
		}
		if got.String() != tc.want {
			t.Errorf("BaseURL(%q) = %q, want %q", tc.endpoint, got, tc.want)
		}
	}
	for _, endpoint := range []string{"", "studio.example.com", "ftp://x", "https://", "https://u:p@x", "https://x?a=b", "https://x#f"} {
		if got, err := apiEndpoint.BaseURL(endpoint); err == nil {
			t.Errorf("BaseURL(%q) = %q, want an error", endpoint, got)
		}
	}
}

func TestNewChecksToken(t *testing.T) {
	for _, token := range []string{"", "  ", "Bearer abc", "a b"} {
		if _, err := New(Config{Endpoint: "https://x", Token: token}); err == nil {
			t.Errorf("New with token %q succeeded", token)
		}
	}
	if _, err := New(Config{Endpoint: "not a url", Token: "t"}); err == nil {
		t.Error("New with a bad endpoint succeeded")
	}
}

func TestPlatformAndCapabilities(t *testing.T) {
	c, err := New(Config{Endpoint: "https://x", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Platform() != Name {
		t.Errorf("Platform() = %q", c.Platform())
	}
	if caps := c.Capabilities(); caps.Platform != Name {
		t.Errorf("Capabilities() = %+v", caps)
	}
	for _, e := range []platform.Extra{UserExtra{}, GroupExtra{}, APIKeyExtra{}} {
		if e.Platform() != Name {
			t.Errorf("%T.Platform() = %q", e, e.Platform())
		}
	}
}

func TestIsDefaultGroupName(t *testing.T) {
	if !IsDefaultGroupName("Default") || IsDefaultGroupName("default") || IsDefaultGroupName("Default ") {
		t.Error("the server recognises the Default group by its exact name")
	}
}

func TestExtraAs(t *testing.T) {
	want := UserExtra{IsAdmin: ptr(true)}
	for _, in := range []platform.Extra{want, &want} {
		got, err := platform.ExtraAs[UserExtra](in)
		if err != nil || got.IsAdmin == nil || !*got.IsAdmin {
			t.Errorf("extraAs(%T) = %+v, %v", in, got, err)
		}
	}
	if got, err := platform.ExtraAs[UserExtra](nil); err != nil || got.IsAdmin != nil {
		t.Errorf("extraAs(nil) = %+v, %v", got, err)
	}
	if got, err := platform.ExtraAs[UserExtra]((*UserExtra)(nil)); err != nil || got.IsAdmin != nil {
		t.Errorf("extraAs(typed nil) = %+v, %v", got, err)
	}
	if _, err := platform.ExtraAs[UserExtra](GroupExtra{}); err == nil {
		t.Error("extraAs accepted another type's fields")
	}
	if _, err := platform.ExtraAs[UserExtra](foreignExtra{}); err == nil {
		t.Error("extraAs accepted another platform's fields")
	}
}

type foreignExtra struct{}

func (foreignExtra) Platform() platform.Name { return "authentik" }
