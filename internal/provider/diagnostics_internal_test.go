package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// A field error lands on the field's attribute, a platform's own field inside its nested attribute, and
// quotes the server only when there was an answer.
func TestPlatformErrorLandsOnTheFieldsAttribute(t *testing.T) {
	answered := &platform.InvalidError{
		Fields: []platform.FieldError{{Field: platform.FieldPassword, Message: "too short"}},
		Err:    &platform.APIError{Method: "POST", Path: "/api/v3/core/users/1/set_password/", Status: 400, Message: "password: too short"},
	}
	cases := []struct {
		name   string
		err    error
		path   path.Path
		quotes bool
	}{
		{"answered", answered, path.Root("password_wo"), true},
		{"refused before asking", platform.InvalidField(platform.FieldExpiresAt, "cannot remove the expiry"), path.Root("expires_at"), false},
		{"own field", platform.InvalidField(declaredField(t, "unleash", "projects"), "no such project"), path.Root("unleash").AtName("projects"), false},
	}
	for _, tc := range cases {
		var diags diag.Diagnostics
		addPlatformError(&diags, "Cannot do it", tc.err)
		if len(diags) != 1 {
			t.Fatalf("%s: %d diagnostics: %v", tc.name, len(diags), diags)
		}
		withPath, ok := diags[0].(diag.DiagnosticWithPath)
		if !ok || !withPath.Path().Equal(tc.path) {
			t.Errorf("%s: diagnostic %v is not on %s", tc.name, diags[0], tc.path)
		}
		if got := strings.Contains(diags[0].Detail(), "The server answered"); got != tc.quotes {
			t.Errorf("%s: quotes the server = %v, want %v: %q", tc.name, got, tc.quotes, diags[0].Detail())
		}
	}
}

// declaredField is the field a client declared for its platform.
func declaredField(t *testing.T, p platform.Name, name string) platform.Field {
	t.Helper()
	for _, d := range platform.DeclaredFields() {
		if d.Field.Platform() == p && d.Field.Name() == name {
			return d.Field
		}
	}
	t.Fatalf("%s declares no field %q", p, name)
	return platform.Field{}
}
