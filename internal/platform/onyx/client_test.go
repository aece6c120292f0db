package onyx

import (
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestAPIBaseURL(t *testing.T) {
	cases := []struct{ endpoint, want string }{
		{"https://x", "https://x/api"},
		{"https://x/", "https://x/api"},
		{"https://x/api", "https://x/api"},
		{"https://x/api/", "https://x/api"},
		{"https://x/onyx", "https://x/onyx/api"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080/api"},
		{"  https://cloud.onyx.app  ", "https://cloud.onyx.app/api"},
		{"https://x/myapi", "https://x/myapi/api"},
	}
	for _, tc := range cases {
		got, err := apiEndpoint.BaseURL(tc.endpoint)
		if err != nil || got.String() != tc.want {
			t.Errorf("BaseURL(%q) = %v, %v; want %q", tc.endpoint, got, err, tc.want)
		}
	}
	for _, endpoint := range []string{"", "onyx.example.com", "ftp://x", "https://", "https://u:p@x", "https://x?a=b", "https://x#f"} {
		if got, err := apiEndpoint.BaseURL(endpoint); err == nil {
			t.Errorf("BaseURL(%q) = %q, want an error", endpoint, got)
		}
	}
}

func TestNewChecksTokenAndMakesNoRequest(t *testing.T) {
	for _, token := range []string{"", "  ", "Bearer on_abc", "a b"} {
		if _, err := New(Config{Endpoint: "https://x", Token: token}); err == nil {
			t.Errorf("New with token %q succeeded", token)
		}
	}
	// An unreachable endpoint is fine: New makes no request.
	c, err := New(Config{Endpoint: "http://127.0.0.1:1", Token: "on_abcdefghijkl"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Platform() != Name || c.Capabilities().Platform != Name {
		t.Errorf("platform %q", c.Platform())
	}
	for _, e := range []platform.Extra{UserExtra{}, GroupExtra{}, APIKeyExtra{}} {
		if e.Platform() != Name {
			t.Errorf("%T.Platform() = %q", e, e.Platform())
		}
	}
}

func TestKeyDisplay(t *testing.T) {
	if got := keyDisplay("on_abcdEFGHijklmnop1234"); got != "on_abcd********1234" {
		t.Errorf("display %q", got)
	}
	if keyDisplay("dn_abcdefghijkl") != "" || keyDisplay("on_short") != "" {
		t.Error("tokens that are not on_ keys have no display")
	}
}

func TestExtraAs(t *testing.T) {
	want := GroupExtra{CCPairIDs: []string{"1"}}
	for _, in := range []platform.Extra{want, &want} {
		got, err := platform.ExtraAs[GroupExtra](in)
		if err != nil || len(got.CCPairIDs) != 1 {
			t.Errorf("extraAs(%T) = %+v, %v", in, got, err)
		}
	}
	if got, err := platform.ExtraAs[GroupExtra](nil); err != nil || got.CCPairIDs != nil {
		t.Errorf("extraAs(nil) = %+v, %v", got, err)
	}
	if got, err := platform.ExtraAs[GroupExtra]((*GroupExtra)(nil)); err != nil || got.CCPairIDs != nil {
		t.Errorf("extraAs(typed nil) = %+v, %v", got, err)
	}
	if _, err := platform.ExtraAs[GroupExtra](APIKeyExtra{}); err == nil {
		t.Error("extraAs accepted another type's fields")
	}
}

func TestDeletionGuard(t *testing.T) {
	c := &Client{}
	for _, name := range []string{"Admin", "Basic"} {
		if c.GroupDeletionRefused(name) == "" {
			t.Errorf("%s may be deleted", name)
		}
	}
	for _, name := range []string{"admin", "Basic team", "eng"} {
		if c.GroupDeletionRefused(name) != "" {
			t.Errorf("%s refused", name)
		}
	}
}

func TestIDChecks(t *testing.T) {
	for _, id := range []string{"", "0", "-1", "x", "1.5"} {
		if _, err := checkGroupID(id); err == nil {
			t.Errorf("group id %q accepted", id)
		}
		if _, err := checkKeyID(id); err == nil {
			t.Errorf("key id %q accepted", id)
		}
	}
	for _, id := range []string{"", "ada", "@x", "a@", "a b@x"} {
		if checkUserID(id) == nil {
			t.Errorf("user id %q accepted", id)
		}
	}
	if checkUserID("ada@example.com") != nil {
		t.Error("an email is a user id")
	}
}
