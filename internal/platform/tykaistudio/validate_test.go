package tykaistudio

import (
	"slices"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func fieldsOf(errs []platform.FieldError) []platform.Field {
	out := []platform.Field{}
	for _, e := range errs {
		out = append(out, e.Field)
	}
	return out
}

func TestValidateUser(t *testing.T) {
	c := &Client{}
	ok := platform.UserSpec{Email: "a@example.com", Name: "A"}
	cases := []struct {
		name string
		spec platform.UserSpec
		want []platform.Field
	}{
		{"valid", ok, []platform.Field{}},
		{"admin with admin-only flags", platform.UserSpec{Email: "a@x", Name: "A",
			Extra: UserExtra{IsAdmin: ptr(true), NotificationsEnabled: ptr(true), AccessToSSOConfig: ptr(true)}}, []platform.Field{}},
		{"flags false without admin", platform.UserSpec{Email: "a@x", Name: "A",
			Extra: &UserExtra{NotificationsEnabled: ptr(false), AccessToSSOConfig: ptr(false)}}, []platform.Field{}},
		{"missing email and name", platform.UserSpec{Email: " ", Name: ""}, []platform.Field{platform.FieldEmail, platform.FieldName}},
		{"notifications without admin", platform.UserSpec{Email: "a@x", Name: "A", Extra: UserExtra{NotificationsEnabled: ptr(true)}},
			[]platform.Field{fieldNotificationsEnabled}},
		{"sso config for a non-admin", platform.UserSpec{Email: "a@x", Name: "A",
			Extra: UserExtra{IsAdmin: ptr(false), AccessToSSOConfig: ptr(true)}}, []platform.Field{fieldAccessToSSOConfig}},
		{"role is computed", platform.UserSpec{Email: "a@x", Name: "A", Role: ptr("Admin")}, []platform.Field{platform.FieldRole}},
		{"no deactivation", platform.UserSpec{Email: "a@x", Name: "A", Active: ptr(false)}, []platform.Field{platform.FieldActive}},
		{"active true is fine", platform.UserSpec{Email: "a@x", Name: "A", Active: ptr(true)}, []platform.Field{}},
		{"empty password", platform.UserSpec{Email: "a@x", Name: "A", Password: ptr("")}, []platform.Field{platform.FieldPassword}},
		{"foreign extra", platform.UserSpec{Email: "a@x", Name: "A", Extra: foreignExtra{}}, []platform.Field{{}}},
	}
	for _, tc := range cases {
		if got := fieldsOf(c.ValidateUser(tc.spec)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestValidateGroup(t *testing.T) {
	c := &Client{}
	cases := []struct {
		name string
		spec platform.GroupSpec
		want []platform.Field
	}{
		{"valid", platform.GroupSpec{Name: "eng", Members: []string{"1", ""}, Extra: GroupExtra{CatalogueIDs: []string{"2"}}}, []platform.Field{}},
		{"empty description is fine", platform.GroupSpec{Name: "eng", Description: ptr("")}, []platform.Field{}},
		{"no name", platform.GroupSpec{Name: "  "}, []platform.Field{platform.FieldName}},
		{"description", platform.GroupSpec{Name: "eng", Description: ptr("team")}, []platform.Field{platform.FieldDescription}},
		{"bad member ids", platform.GroupSpec{Name: "eng", Members: []string{"ada@example.com", "0"}}, []platform.Field{platform.FieldMembers, platform.FieldMembers}},
		{"bad catalogue ids", platform.GroupSpec{Name: "eng", Extra: &GroupExtra{
			CatalogueIDs: []string{"x"}, DataCatalogueIDs: []string{"-1"}, ToolCatalogueIDs: []string{"4294967296"}}},
			[]platform.Field{fieldCatalogueIDs, fieldDataCatalogueIDs, fieldToolCatalogueIDs}},
		{"wrong extra", platform.GroupSpec{Name: "eng", Extra: UserExtra{}}, []platform.Field{{}}},
	}
	for _, tc := range cases {
		if got := fieldsOf(c.ValidateGroup(tc.spec)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestValidateAPIKey(t *testing.T) {
	c := &Client{}
	expires := time.Now()
	cases := []struct {
		name string
		spec platform.APIKeySpec
		want []platform.Field
	}{
		{"valid", platform.APIKeySpec{Name: "ci", UserID: "3", Extra: APIKeyExtra{}}, []platform.Field{}},
		{"no user", platform.APIKeySpec{Name: "ci"}, []platform.Field{platform.FieldUserID}},
		{"bad user", platform.APIKeySpec{Name: "ci", UserID: "ada"}, []platform.Field{platform.FieldUserID}},
		{"description and expiry", platform.APIKeySpec{Name: "ci", UserID: "3", Description: "x", ExpiresAt: &expires},
			[]platform.Field{platform.FieldDescription, platform.FieldExpiresAt}},
		{"foreign extra", platform.APIKeySpec{Name: "ci", UserID: "3", Extra: foreignExtra{}}, []platform.Field{{}}},
	}
	for _, tc := range cases {
		if got := fieldsOf(c.ValidateAPIKey(tc.spec)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}
