package unleash

import (
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func testClient(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{Endpoint: "https://unleash.example.com", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func fieldsNamed(errs []platform.FieldError) string {
	var names []string
	for _, e := range errs {
		names = append(names, e.Field.String())
	}
	return strings.Join(names, ",")
}

func TestValidateUser(t *testing.T) {
	c := testClient(t)
	good := "Str0ng!Passw0rd"
	cases := []struct {
		name string
		spec platform.UserSpec
		want string // comma-separated fields, "" for valid
	}{
		{"valid", platform.UserSpec{Email: "Ada@Example.com", Name: "Ada", Role: ptr("Editor"), Password: &good}, ""},
		{"pointer extra", platform.UserSpec{Name: "Svc", Extra: &UserExtra{Username: "svc"}}, ""},
		{"custom role id", platform.UserSpec{Email: "a@example.com", Name: "A", Role: ptr("7")}, ""},
		{"empty name", platform.UserSpec{Email: "a@example.com"}, "name"},
		{"no email nor username", platform.UserSpec{Name: "A"}, "email"},
		{"bad email", platform.UserSpec{Email: "nodomain", Name: "A"}, "email"},
		{"reserved tld", platform.UserSpec{Email: "a@corp.test", Name: "A"}, "email"},
		{"lower-case role", platform.UserSpec{Email: "a@example.com", Name: "A", Role: ptr("editor")}, "role"},
		{"built-in role by id", platform.UserSpec{Email: "a@example.com", Name: "A", Role: ptr("2")}, "role"},
		{"project role", platform.UserSpec{Email: "a@example.com", Name: "A", Role: ptr("Owner")}, "role"},
		{"inactive", platform.UserSpec{Email: "a@example.com", Name: "A", Active: ptr(false)}, "active"},
		{"active", platform.UserSpec{Email: "a@example.com", Name: "A", Active: ptr(true)}, ""},
		{"weak password", platform.UserSpec{Email: "a@example.com", Name: "A", Password: ptr("weak")},
			"password,password,password,password"},
		{"service account", platform.UserSpec{Name: "CI", Role: ptr("Editor"), ServiceAccount: true, Extra: UserExtra{Username: "ci"}}, ""},
		{"service account without username", platform.UserSpec{Name: "CI", ServiceAccount: true}, "unleash.username"},
		{"service account with a person's fields", platform.UserSpec{Email: "ci@example.com", Name: "CI", Password: &good, ServiceAccount: true,
			Extra: UserExtra{Username: "ci", SendEmail: ptr(true)}}, "email,password,unleash.send_email"},
		{"repeated characters", platform.UserSpec{Email: "a@example.com", Name: "A", Password: ptr("Paaass#word1")}, "password"},
	}
	for _, tc := range cases {
		if got := fieldsNamed(c.ValidateUser(tc.spec)); got != tc.want {
			t.Errorf("%s: fields %q, want %q (%v)", tc.name, got, tc.want, c.ValidateUser(tc.spec))
		}
	}
	// Another platform's block is an error, not silently dropped.
	if errs := c.ValidateUser(platform.UserSpec{Email: "a@example.com", Name: "A", Extra: GroupExtra{}}); len(errs) != 1 {
		t.Errorf("foreign extra: %v", errs)
	}
	if msg := c.ValidateUser(platform.UserSpec{Email: "a@example.com", Name: "A", Role: ptr("editor")})[0].Message; !strings.Contains(msg, `"Editor"`) {
		t.Errorf("no hint for the case: %s", msg)
	}
}

func TestValidateGroup(t *testing.T) {
	c := testClient(t)
	cases := []struct {
		name string
		spec platform.GroupSpec
		want string
	}{
		{"valid", platform.GroupSpec{Name: "g", Members: []string{"1", ""}, Extra: GroupExtra{RootRole: ptr("Viewer"), SSOMappings: []string{"x"}}}, ""},
		{"clear role", platform.GroupSpec{Name: "g", Extra: GroupExtra{RootRole: ptr("")}}, ""},
		{"empty name", platform.GroupSpec{Name: " "}, "name"},
		{"bad member", platform.GroupSpec{Name: "g", Members: []string{"ada@example.com"}}, "members"},
		{"bad role", platform.GroupSpec{Name: "g", Extra: GroupExtra{RootRole: ptr("admin")}}, "unleash.root_role"},
		{"empty mapping", platform.GroupSpec{Name: "g", Extra: &GroupExtra{SSOMappings: []string{""}}}, "unleash.sso_mappings"},
	}
	for _, tc := range cases {
		if got := fieldsNamed(c.ValidateGroup(tc.spec)); got != tc.want {
			t.Errorf("%s: fields %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestValidateAPIKey(t *testing.T) {
	c := testClient(t)
	cases := []struct {
		name string
		spec platform.APIKeySpec
		want string
	}{
		{"valid", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Type: "frontend", Environment: "production", Projects: []string{"default"}}}, ""},
		{"defaults", platform.APIKeySpec{Name: "ci"}, ""},
		{"empty name", platform.APIKeySpec{}, "name"},
		{"service-account token", platform.APIKeySpec{Name: "ci", UserID: "7", ExpiresAt: ptr(time.Now().Add(time.Hour))}, ""},
		{"service-account token without expiry", platform.APIKeySpec{Name: "ci", UserID: "7"}, "expiry"},
		{"service-account token with a scope", platform.APIKeySpec{Name: "ci", UserID: "7", ExpiresAt: ptr(time.Now().Add(time.Hour)),
			Extra: APIKeyExtra{Type: "client", Environment: "production", Projects: []string{"default"}}}, "unleash.type,unleash.environment,unleash.projects"},
		{"user id not a number", platform.APIKeySpec{Name: "ci", UserID: "ci-bot", ExpiresAt: ptr(time.Now().Add(time.Hour))}, "owner"},
		{"description", platform.APIKeySpec{Name: "ci", Description: "d"}, "description"},
		{"admin", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Type: "admin"}}, "unleash.type"},
		{"upper case type", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Type: "Backend"}}, "unleash.type"},
		{"all environments", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Environment: "*"}}, "unleash.environment"},
		{"no projects", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Projects: []string{}}}, "unleash.projects"},
	}
	for _, tc := range cases {
		if got := fieldsNamed(c.ValidateAPIKey(tc.spec)); got != tc.want {
			t.Errorf("%s: fields %q, want %q", tc.name, got, tc.want)
		}
	}
}
