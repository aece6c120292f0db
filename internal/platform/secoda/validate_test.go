package secoda

import (
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// otherExtra stands for another platform's block.
type otherExtra struct{}

// otherPlatform is a platform of the tests' own, registered so that messages can name it.
var otherPlatform = platform.Register(platform.Descriptor{Name: "other", DisplayName: "Other Product"})

func (otherExtra) Platform() platform.Name { return otherPlatform.Name }

// wantFields checks that errs name exactly the fields in want, each message containing the fragment.
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
		{"valid", platform.GroupSpec{Name: "ops", Description: ptr(""), Members: []string{uuidA, strings.ToUpper(uuidB)}, Extra: GroupExtra{Icon: ptr("🚀")}}, nil},
		{"member not known yet", platform.GroupSpec{Name: "ops", Members: []string{""}}, nil},
		{"empty name", platform.GroupSpec{Name: " "}, map[string]string{"name": "empty"}},
		{"padded name", platform.GroupSpec{Name: "ops "}, map[string]string{"name": "whitespace"}},
		{"member not a uuid", platform.GroupSpec{Name: "ops", Members: []string{"42"}}, map[string]string{"members": "uuids"}},
		{"foreign block", platform.GroupSpec{Name: "ops", Extra: otherExtra{}}, map[string]string{"": "Other Product"}},
	}
	for _, tc := range cases {
		wantFields(t, tc.name, c.ValidateGroup(tc.spec), tc.want)
	}
}

func TestValidateUser(t *testing.T) {
	c := &Client{}
	teams := UserExtra{Teams: []string{uuidA}}
	cases := []struct {
		name string
		spec platform.UserSpec
		want map[string]string
	}{
		{"valid", platform.UserSpec{Email: "ada@example.com", Name: "Ada Lovelace", Role: ptr("editor"), Active: ptr(true)}, nil},
		{"roles in any case", platform.UserSpec{Email: "ada@example.com", Role: ptr("Admin")}, nil},
		{"unknown values", platform.UserSpec{Role: ptr("")}, nil},
		{"guest with a team", platform.UserSpec{Email: "g@example.com", Role: ptr("Guest"), Extra: teams}, nil},
		{"guest with a team not known yet", platform.UserSpec{Email: "g@example.com", Role: ptr("guest"), Extra: &UserExtra{Teams: []string{""}}}, nil},
		{"bad role", platform.UserSpec{Email: "a@example.com", Role: ptr("owner")}, map[string]string{"role": "admin, editor, viewer, guest"}},
		{"guest without teams", platform.UserSpec{Email: "g@example.com", Role: ptr("guest")}, map[string]string{"secoda.teams": "guest"}},
		{"guest with no teams", platform.UserSpec{Email: "g@example.com", Role: ptr("guest"), Extra: UserExtra{Teams: []string{}}}, map[string]string{"secoda.teams": "guest"}},
		{"team not a uuid", platform.UserSpec{Email: "a@example.com", Extra: UserExtra{Teams: []string{"General"}}}, map[string]string{"secoda.teams": "uuids"}},
		{"bad email", platform.UserSpec{Email: "ada"}, map[string]string{"email": "email address"}},
		{"email with display name", platform.UserSpec{Email: "Ada <ada@example.com>"}, map[string]string{"email": "email address"}},
		{"email without a dot", platform.UserSpec{Email: "ada@localhost"}, map[string]string{"email": "dot"}},
		{"double space at the split", platform.UserSpec{Email: "a@example.com", Name: "Ada  Lovelace"}, map[string]string{"name": `"Ada Lovelace"`}},
		{"padded name", platform.UserSpec{Email: "a@example.com", Name: " Ada"}, map[string]string{"name": "first_name"}},
		{"password", platform.UserSpec{Email: "a@example.com", Password: ptr("x")}, map[string]string{"password": "no passwords"}},
		{"inactive", platform.UserSpec{Email: "a@example.com", Active: ptr(false)}, map[string]string{"active": "deactivate"}},
		{"foreign block", platform.UserSpec{Email: "a@example.com", Extra: otherExtra{}}, map[string]string{"": "expected"}},
	}
	for _, tc := range cases {
		wantFields(t, tc.name, c.ValidateUser(tc.spec), tc.want)
	}
}
