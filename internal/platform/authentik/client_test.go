package authentik

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestAPIBaseURL(t *testing.T) {
	cases := []struct {
		endpoint string
		want     string
	}{
		{"https://x", "https://x/api/v3"},
		{"https://x/", "https://x/api/v3"},
		{"https://x/api/v3", "https://x/api/v3"},
		{"https://x/api/v3/", "https://x/api/v3"},
		{"https://x/sub/path", "https://x/sub/path/api/v3"},
		{"https://x/sub/path/", "https://x/sub/path/api/v3"},
		{"https://x/sub/api/v3", "https://x/sub/api/v3"},
		{"http://127.0.0.1:9000", "http://127.0.0.1:9000/api/v3"},
		{"  https://x  ", "https://x/api/v3"},
		// Only a whole "/api/v3" segment counts as the prefix.
		{"https://x/myapi/v3", "https://x/myapi/v3/api/v3"},
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
}

func TestAPIBaseURLRejects(t *testing.T) {
	for _, endpoint := range []string{"", "auth.example.com", "ftp://x", "https://", "https://u:p@x", "https://x?a=b", "https://x#frag"} {
		if got, err := apiEndpoint.BaseURL(endpoint); err == nil {
			t.Errorf("BaseURL(%q) = %q, want an error", endpoint, got)
		}
	}
}

func TestNewRequiresToken(t *testing.T) {
	if _, err := New(Config{Endpoint: "https://x", Token: " "}); err == nil {
		t.Fatal("New without a token succeeded")
	}
	if _, err := New(Config{Endpoint: "not a url", Token: "t"}); err == nil {
		t.Fatal("New with a bad endpoint succeeded")
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
	caps := c.Capabilities()
	if caps.Platform != Name || !caps.Available {
		t.Errorf("Capabilities() = %+v", caps)
	}
	if caps.Check(platform.Feature{Kind: platform.KindUserGroup, Field: platform.FieldDescription}) == nil {
		t.Error("group description should be unsupported on authentik")
	}
	if caps.Check(platform.Feature{Kind: platform.KindUser, Field: platform.FieldRole}) == nil {
		t.Error("user role should be unsupported on authentik")
	}
}
