package unleash

import (
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestBaseURL(t *testing.T) {
	cases := map[string]string{
		"https://x":               "https://x",
		"https://x/":              "https://x",
		"https://x/api":           "https://x",
		"https://x/api/admin/":    "https://x",
		"https://x/unleash":       "https://x/unleash",
		"https://x/unleash/api/":  "https://x/unleash",
		"http://127.0.0.1:4242 ":  "http://127.0.0.1:4242",
		"https://x/myapi":         "https://x/myapi",
		"https://x/sub/api/admin": "https://x/sub",
	}
	for in, want := range cases {
		if got, err := baseURL(in); err != nil || got != want {
			t.Errorf("baseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "unleash.example.com", "ftp://x", "https://", "https://u:p@x", "https://x?a=b", "https://x#f"} {
		if got, err := baseURL(bad); err == nil {
			t.Errorf("baseURL(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNewStripsBearerAndRequiresToken(t *testing.T) {
	c, err := New(Config{Endpoint: "https://x", Token: "  Bearer   *:*.abc "})
	if err != nil || c.token != "*:*.abc" {
		t.Fatalf("token = %q, %v", c.token, err)
	}
	if c, _ := New(Config{Endpoint: "https://x", Token: "bearer user:abc"}); c.token != "user:abc" {
		t.Errorf("lower-case bearer: %q", c.token)
	}
	for _, tok := range []string{"", "  ", "Bearer "} {
		if _, err := New(Config{Endpoint: "https://x", Token: tok}); err == nil {
			t.Errorf("New with token %q succeeded", tok)
		}
	}
	if _, err := New(Config{Endpoint: "nope", Token: "t"}); err == nil {
		t.Error("New with a bad endpoint succeeded")
	}
}

// 0 paces by the server's answers alone, a positive value caps as well, a negative one turns pacing off.
func TestPacingConfig(t *testing.T) {
	for limit, want := range map[int]struct {
		cap    int
		server bool
	}{0: {0, true}, 5: {5, true}, -1: {0, false}} {
		c, err := New(Config{Endpoint: "https://x", Token: "t", UserCreatesPerMinute: limit})
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		if c.pacer != nil {
			got = c.pacer.limit
		}
		if got != want.cap || (c.serverPacer != nil) != want.server {
			t.Errorf("UserCreatesPerMinute %d: cap %d, server pacing %v; want %+v", limit, got, c.serverPacer != nil, want)
		}
	}
}

func TestPlatformAndCapabilities(t *testing.T) {
	c := testClient(t)
	if c.Platform() != Name {
		t.Errorf("Platform() = %q", c.Platform())
	}
	caps := c.Capabilities()
	if caps.Platform != Name {
		t.Errorf("Capabilities() = %+v", caps)
	}
	if caps.Check(platform.Feature{Kind: platform.KindAPIKey, Field: platform.FieldUserID}) != nil {
		t.Error("api key user_id (a service-account token) should be supported on Unleash")
	}
	if caps.Check(platform.Feature{Kind: platform.KindUser, Field: platform.FieldActive}) == nil {
		t.Error("user active should be unsupported on Unleash")
	}
}

func TestTokenID(t *testing.T) {
	v1 := "*:development.4156bff5b0e7aa96b6424c709676311a4d3e8bd14fdf871cf976551c"
	id := tokenID(v1)
	if len(id) != v1IDLength || strings.Contains(v1, id) || tokenID(v1) != id {
		t.Errorf("v1 id %q", id)
	}
	v2 := "*:development.v2_AB7w-uF17La_fIQfdb3-Aw_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"
	if got := tokenID(v2); got != "AB7w-uF17La_fIQfdb3-Aw" {
		t.Errorf("v2 id %q, want the selector", got)
	}
	if got := tokenID("AB7w-uF17La_fIQfdb3-Aw"); got != "AB7w-uF17La_fIQfdb3-Aw" {
		t.Errorf("a listed selector maps to %q", got)
	}
	for in, want := range map[string]string{id: id, v1: id, "AB7w-uF17La_fIQfdb3-Aw": "AB7w-uF17La_fIQfdb3-Aw", v2: "AB7w-uF17La_fIQfdb3-Aw"} {
		if got, err := normalizeTokenID(in); err != nil || got != want {
			t.Errorf("normalizeTokenID(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "ci-deployer", "12"} {
		if _, err := normalizeTokenID(bad); err == nil {
			t.Errorf("normalizeTokenID(%q) accepted", bad)
		}
	}
}

func TestRoles(t *testing.T) {
	for id, want := range map[int]string{1: "Admin", 2: "Editor", 3: "Viewer", 7: "7"} {
		if got := roleFromID(id); got != want {
			t.Errorf("roleFromID(%d) = %q", id, got)
		}
	}
	if v, _ := userRoleValue("Editor"); v != "Editor" {
		t.Errorf("Editor is sent as %v", v)
	}
	if v, _ := userRoleValue("7"); v != 7 {
		t.Errorf("7 is sent as %v (%T)", v, v)
	}
	for _, bad := range []string{"editor", "Owner", "0", "-1", "07", ""} {
		if _, err := roleID(bad); err == nil {
			t.Errorf("roleID(%q) accepted", bad)
		}
	}
}
