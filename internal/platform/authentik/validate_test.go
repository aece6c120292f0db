package authentik

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// wantFields checks that errs name exactly the fields in want (in order), and that each message contains
// the given fragment.
func wantFields(t *testing.T, name string, errs []platform.FieldError, want map[string]string) {
	t.Helper()
	if len(errs) != len(want) {
		t.Errorf("%s: got %v, want errors on %v", name, errs, want)
		return
	}
	for _, e := range errs {
		fragment, ok := want[e.Field.String()]
		if !ok {
			t.Errorf("%s: unexpected error %v", name, e)
			continue
		}
		if !strings.Contains(e.Message, fragment) {
			t.Errorf("%s: %q does not mention %q", name, e.Message, fragment)
		}
	}
}

func TestValidateGroup(t *testing.T) {
	c := &Client{}
	cases := []struct {
		name string
		spec platform.GroupSpec
		want map[string]string
	}{
		{"valid", platform.GroupSpec{Name: "ops", Members: []string{"1", "22"}, Extra: GroupExtra{Attributes: json.RawMessage(`{"a":1}`)}}, nil},
		{"unknown member skipped", platform.GroupSpec{Name: "ops", Members: []string{""}}, nil},
		{"empty name", platform.GroupSpec{Name: " "}, map[string]string{"name": "empty"}},
		{"member not an id", platform.GroupSpec{Name: "ops", Members: []string{"ada"}}, map[string]string{"members": "integers"}},
		{"attributes a list", platform.GroupSpec{Name: "ops", Extra: &GroupExtra{Attributes: json.RawMessage(`[1]`)}}, map[string]string{"authentik.attributes": "JSON object"}},
		{"attributes not JSON", platform.GroupSpec{Name: "ops", Extra: GroupExtra{Attributes: json.RawMessage(`{`)}}, map[string]string{"authentik.attributes": "JSON object"}},
		{"attributes null", platform.GroupSpec{Name: "ops", Extra: GroupExtra{Attributes: json.RawMessage(`null`)}}, map[string]string{"authentik.attributes": "JSON object"}},
		{"foreign block", platform.GroupSpec{Name: "ops", Extra: otherExtra{}}, map[string]string{"": "Other Product"}},
	}
	for _, tc := range cases {
		wantFields(t, tc.name, c.ValidateGroup(tc.spec), tc.want)
	}
}

func TestValidateUser(t *testing.T) {
	c := &Client{}
	long := strings.Repeat("a", 151)
	cases := []struct {
		name string
		spec platform.UserSpec
		want map[string]string
	}{
		{"valid, username from email", platform.UserSpec{Email: "ada@example.com", Name: "Ada"}, nil},
		{"valid, full", platform.UserSpec{Email: "Ada.L+x@sub.example.co", ServiceAccount: true, Extra: UserExtra{Username: "ada", Path: "users/eng/london", Type: "service_account", Attributes: json.RawMessage(`{}`)}}, nil},
		{"valid, localhost", platform.UserSpec{Email: "root@localhost"}, nil},
		{"valid, username without email", platform.UserSpec{Extra: UserExtra{Username: "bot"}}, nil},
		{"no username, no email", platform.UserSpec{Name: "x"}, map[string]string{"authentik.username": "set authentik.username or email"}},
		{"username too long", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Username: long}}, map[string]string{"authentik.username": "1-150"}},
		{"username 150 runes", platform.UserSpec{Extra: UserExtra{Username: strings.Repeat("é", 150)}}, nil},
		{"email too long to be the username", platform.UserSpec{Email: long + "@example.com"}, map[string]string{"authentik.username": "150"}},
		{"email too long", platform.UserSpec{Email: strings.Repeat("a", 250) + "@b.co", Extra: UserExtra{Username: "a"}}, map[string]string{"email": "254"}},
		{"email without at", platform.UserSpec{Email: "ada", Extra: UserExtra{Username: "a"}}, map[string]string{"email": "email address"}},
		{"email with display name", platform.UserSpec{Email: "Ada <ada@example.com>", Extra: UserExtra{Username: "a"}}, map[string]string{"email": "email address"}},
		{"email without dot", platform.UserSpec{Email: "ada@example", Extra: UserExtra{Username: "a"}}, map[string]string{"email": "dot"}},
		{"path leading slash", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Path: "/users"}}, map[string]string{"authentik.path": "slash"}},
		{"path trailing slash", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Path: "users/"}}, map[string]string{"authentik.path": "slash"}},
		{"path empty segment", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Path: "users//eng"}}, map[string]string{"authentik.path": "empty segments"}},
		{"internal service account", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Type: "internal_service_account"}}, map[string]string{"authentik.type": "cannot be set"}},
		{"unknown type", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Type: "robot"}}, map[string]string{"authentik.type": "internal, external, service_account"}},
		{"service account without email", platform.UserSpec{ServiceAccount: true, Extra: UserExtra{Username: "ci-bot"}}, nil},
		{"service account typed", platform.UserSpec{ServiceAccount: true, Extra: UserExtra{Username: "ci-bot", Type: "service_account"}}, nil},
		{"service account of another type", platform.UserSpec{ServiceAccount: true, Extra: UserExtra{Username: "ci-bot", Type: "internal"}}, map[string]string{"authentik.type": `must be "service_account" (or left out) for a service account`}},
		{"service account type on a person", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Type: "service_account"}}, map[string]string{"authentik.type": "set service_account = true"}},
		{"attributes string", platform.UserSpec{Email: "a@b.c", Extra: UserExtra{Attributes: json.RawMessage(`"x"`)}}, map[string]string{"authentik.attributes": "JSON object"}},
		{"blank password", platform.UserSpec{Email: "a@b.c", Password: ptr("")}, map[string]string{"password": "empty"}},
		{"foreign block", platform.UserSpec{Email: "a@b.c", Extra: GroupExtra{}}, map[string]string{"": "expected"}},
	}
	for _, tc := range cases {
		wantFields(t, tc.name, c.ValidateUser(tc.spec), tc.want)
	}
}

func TestValidateAPIKey(t *testing.T) {
	c := &Client{}
	at := time.Now().Add(time.Hour)
	cases := []struct {
		name string
		spec platform.APIKeySpec
		want map[string]string
	}{
		{"valid api", platform.APIKeySpec{Name: "ci-deployer_2", UserID: "7"}, nil},
		{"valid app password with expiry", platform.APIKeySpec{Name: "ci", ExpiresAt: &at, Extra: APIKeyExtra{Intent: "app_password"}}, nil},
		{"valid never expiring", platform.APIKeySpec{Name: "ci", Extra: &APIKeyExtra{Expiring: ptr(false)}}, nil},
		{"valid 255 chars", platform.APIKeySpec{Name: strings.Repeat("a", 255)}, nil},
		{"empty identifier", platform.APIKeySpec{Name: ""}, map[string]string{"name": "1-255"}},
		{"identifier too long", platform.APIKeySpec{Name: strings.Repeat("a", 256)}, map[string]string{"name": "1-255"}},
		{"identifier with space", platform.APIKeySpec{Name: "ci key"}, map[string]string{"name": "letters, digits"}},
		{"identifier with dot", platform.APIKeySpec{Name: "ci.key"}, map[string]string{"name": "letters, digits"}},
		{"user not an id", platform.APIKeySpec{Name: "ci", UserID: "ada"}, map[string]string{"owner": "integers"}},
		{"bad intent", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Intent: "recovery"}}, map[string]string{"authentik.intent": "app_password"}},
		{"expiry on api token", platform.APIKeySpec{Name: "ci", ExpiresAt: &at}, map[string]string{"expiry": "default token duration"}},
		{"expiry on explicit api token", platform.APIKeySpec{Name: "ci", ExpiresAt: &at, Extra: APIKeyExtra{Intent: "api"}}, map[string]string{"expiry": `"app_password"`}},
		{"expiry on non-expiring", platform.APIKeySpec{Name: "ci", ExpiresAt: &at, Extra: APIKeyExtra{Intent: "app_password", Expiring: ptr(false)}}, map[string]string{"expiry": "expiring is false"}},
		{"foreign block", platform.APIKeySpec{Name: "ci", Extra: otherExtra{}}, map[string]string{"": "Other Product"}},
	}
	for _, tc := range cases {
		wantFields(t, tc.name, c.ValidateAPIKey(tc.spec), tc.want)
	}
}
