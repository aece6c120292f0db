package tykaistudio

import (
	"slices"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func fieldsOf(errs []platform.FieldError) []string {
	out := []string{}
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
		want []string
	}{
		{"valid", ok, []string{}},
		{"admin with admin-only flags", platform.UserSpec{Email: "a@x", Name: "A",
			Extra: UserExtra{IsAdmin: ptr(true), NotificationsEnabled: ptr(true), AccessToSSOConfig: ptr(true)}}, []string{}},
		{"flags false without admin", platform.UserSpec{Email: "a@x", Name: "A",
			Extra: &UserExtra{NotificationsEnabled: ptr(false), AccessToSSOConfig: ptr(false)}}, []string{}},
		{"missing email and name", platform.UserSpec{Email: " ", Name: ""}, []string{attrEmail, attrName}},
		{"notifications without admin", platform.UserSpec{Email: "a@x", Name: "A", Extra: UserExtra{NotificationsEnabled: ptr(true)}},
			[]string{attrNotificationsEnabled}},
		{"sso config for a non-admin", platform.UserSpec{Email: "a@x", Name: "A",
			Extra: UserExtra{IsAdmin: ptr(false), AccessToSSOConfig: ptr(true)}}, []string{attrAccessToSSOConfig}},
		{"role is computed", platform.UserSpec{Email: "a@x", Name: "A", Role: ptr("Admin")}, []string{attrRole}},
		{"no deactivation", platform.UserSpec{Email: "a@x", Name: "A", Active: ptr(false)}, []string{attrActive}},
		{"active true is fine", platform.UserSpec{Email: "a@x", Name: "A", Active: ptr(true)}, []string{}},
		{"empty password", platform.UserSpec{Email: "a@x", Name: "A", Password: ptr("")}, []string{attrPassword}},
		{"foreign extra", platform.UserSpec{Email: "a@x", Name: "A", Extra: foreignExtra{}}, []string{""}},
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
		want []string
	}{
		{"valid", platform.GroupSpec{Name: "eng", Members: []string{"1", ""}, Extra: GroupExtra{CatalogueIDs: []string{"2"}}}, []string{}},
		{"empty description is fine", platform.GroupSpec{Name: "eng", Description: ptr("")}, []string{}},
		{"no name", platform.GroupSpec{Name: "  "}, []string{attrName}},
		{"description", platform.GroupSpec{Name: "eng", Description: ptr("team")}, []string{attrDescription}},
		{"bad member ids", platform.GroupSpec{Name: "eng", Members: []string{"ada@example.com", "0"}}, []string{attrMembers, attrMembers}},
		{"bad catalogue ids", platform.GroupSpec{Name: "eng", Extra: &GroupExtra{
			CatalogueIDs: []string{"x"}, DataCatalogueIDs: []string{"-1"}, ToolCatalogueIDs: []string{"4294967296"}}},
			[]string{attrCatalogueIDs, attrDataCatalogueIDs, attrToolCatalogueIDs}},
		{"wrong extra", platform.GroupSpec{Name: "eng", Extra: UserExtra{}}, []string{""}},
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
		want []string
	}{
		{"valid", platform.APIKeySpec{Name: "ci", UserID: "3", Extra: APIKeyExtra{}}, []string{}},
		{"no user", platform.APIKeySpec{Name: "ci"}, []string{attrUserID}},
		{"bad user", platform.APIKeySpec{Name: "ci", UserID: "ada"}, []string{attrUserID}},
		{"description and expiry", platform.APIKeySpec{Name: "ci", UserID: "3", Description: "x", ExpiresAt: &expires},
			[]string{attrDescription, attrExpiresAt}},
		{"foreign extra", platform.APIKeySpec{Name: "ci", UserID: "3", Extra: foreignExtra{}}, []string{""}},
	}
	for _, tc := range cases {
		if got := fieldsOf(c.ValidateAPIKey(tc.spec)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}
