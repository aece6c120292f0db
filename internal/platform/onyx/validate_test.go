package onyx

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

type foreignExtra struct{}

func (foreignExtra) Platform() platform.Name { return "authentik" }

func TestValidateGroup(t *testing.T) {
	c := &Client{}
	cases := []struct {
		name string
		spec platform.GroupSpec
		want []platform.Field
	}{
		{"valid", platform.GroupSpec{Name: "eng", Members: []string{"a@x.io", ""}, Extra: GroupExtra{CCPairIDs: []string{"2"}, CuratorIDs: []string{"A@x.io"}}}, []platform.Field{}},
		{"unknown member may be the curator", platform.GroupSpec{Name: "eng", Members: []string{""}, Extra: &GroupExtra{CuratorIDs: []string{"b@x.io"}}}, []platform.Field{}},
		{"unmanaged members", platform.GroupSpec{Name: "eng", Extra: GroupExtra{CuratorIDs: []string{"b@x.io"}}}, []platform.Field{}},
		{"empty description is fine", platform.GroupSpec{Name: "eng", Description: ptr("")}, []platform.Field{}},
		{"no name", platform.GroupSpec{Name: " "}, []platform.Field{platform.FieldName}},
		{"description", platform.GroupSpec{Name: "eng", Description: ptr("team")}, []platform.Field{platform.FieldDescription}},
		{"uuid member", platform.GroupSpec{Name: "eng", Members: []string{uuidAda}}, []platform.Field{platform.FieldMembers}},
		{"bad cc pair", platform.GroupSpec{Name: "eng", Extra: GroupExtra{CCPairIDs: []string{"x", "0"}}}, []platform.Field{fieldCCPairIDs, fieldCCPairIDs}},
		{"curator not a member", platform.GroupSpec{Name: "eng", Members: []string{"a@x.io"}, Extra: GroupExtra{CuratorIDs: []string{"b@x.io", "c"}}},
			[]platform.Field{fieldCuratorIDs, fieldCuratorIDs, fieldCuratorIDs}},
		{"wrong extra", platform.GroupSpec{Name: "eng", Extra: UserExtra{}}, []platform.Field{{}}},
		{"foreign extra", platform.GroupSpec{Name: "eng", Extra: foreignExtra{}}, []platform.Field{{}}},
	}
	for _, tc := range cases {
		if got := fieldsOf(c.ValidateGroup(tc.spec)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Role rules: without a known generation only what no generation accepts is refused.
func TestValidateUser(t *testing.T) {
	cases := []struct {
		name string
		gen  Generation
		spec platform.UserSpec
		want []platform.Field
	}{
		{"valid", "", platform.UserSpec{Email: "a@x.io", Role: ptr("Admin"), Active: ptr(false)}, []platform.Field{}},
		{"name is not checked", "", platform.UserSpec{Email: "a@x.io", Name: "from state"}, []platform.Field{}},
		{"status is ignored", "", platform.UserSpec{Email: "a@x.io", Extra: UserExtra{Status: "x"}}, []platform.Field{}},
		{"bad email", "", platform.UserSpec{Email: "ada"}, []platform.Field{platform.FieldEmail}},
		{"password", "", platform.UserSpec{Email: "a@x.io", Password: ptr("p")}, []platform.Field{platform.FieldPassword}},
		{"unknown generation, v4.6 role", "", platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")}, []platform.Field{}},
		{"unknown generation, curator", "", platform.UserSpec{Email: "a@x.io", Role: ptr("curator")}, []platform.Field{platform.FieldRole}},
		{"unknown generation, unknown role", "", platform.UserSpec{Email: "a@x.io", Role: ptr("owner")}, []platform.Field{platform.FieldRole}},
		{"v4.6 global_curator", GenerationV46, platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")}, []platform.Field{}},
		{"v4.6 limited", GenerationV46, platform.UserSpec{Email: "a@x.io", Role: ptr("limited")}, []platform.Field{platform.FieldRole}},
		{"v4.6 slack_user", GenerationV46, platform.UserSpec{Email: "a@x.io", Role: ptr("slack_user")}, []platform.Field{platform.FieldRole}},
		{"current admin", GenerationCurrent, platform.UserSpec{Email: "a@x.io", Role: ptr("ADMIN")}, []platform.Field{}},
		{"current global_curator", GenerationCurrent, platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")}, []platform.Field{platform.FieldRole}},
		{"current unknown", GenerationCurrent, platform.UserSpec{Email: "a@x.io", Role: ptr("viewer")}, []platform.Field{platform.FieldRole}},
		{"foreign extra", "", platform.UserSpec{Email: "a@x.io", Extra: foreignExtra{}}, []platform.Field{{}}},
	}
	for _, tc := range cases {
		if got := fieldsOf(validateUser(tc.spec, tc.gen)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
	forced := &Client{forced: GenerationCurrent}
	if got := fieldsOf(forced.ValidateUser(platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")})); !slices.Equal(got, []platform.Field{platform.FieldRole}) {
		t.Errorf("forced generation not used at plan time: %v", got)
	}
}

func TestValidateAPIKey(t *testing.T) {
	expires := time.Now()
	cases := []struct {
		name string
		gen  Generation
		spec platform.APIKeySpec
		want []platform.Field
	}{
		{"valid v4.6", GenerationV46, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "admin"}}, []platform.Field{}},
		{"valid current", GenerationCurrent, platform.APIKeySpec{Name: "ci", Extra: &APIKeyExtra{GroupIDs: []string{"1"}}}, []platform.Field{}},
		{"unknown generation, either", "", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{"1"}}}, []platform.Field{}},
		{"unknown generation, both", "", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "admin", GroupIDs: []string{}}}, []platform.Field{fieldKeyRole}},
		{"current role", GenerationCurrent, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "admin"}}, []platform.Field{fieldKeyRole}},
		{"v4.6 groups", GenerationV46, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{}}}, []platform.Field{fieldGroupIDs}},
		{"v4.6 bad role", GenerationV46, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "owner"}}, []platform.Field{fieldKeyRole}},
		{"bad group id", GenerationCurrent, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{"Admin", ""}}}, []platform.Field{fieldGroupIDs}},
		{"portable fields Onyx lacks", "", platform.APIKeySpec{Name: " ", UserID: "a@x.io", Description: "d", ExpiresAt: &expires},
			[]platform.Field{platform.FieldName, platform.FieldUserID, platform.FieldDescription, platform.FieldExpiresAt}},
		{"foreign extra", "", platform.APIKeySpec{Name: "ci", Extra: foreignExtra{}}, []platform.Field{{}}},
	}
	for _, tc := range cases {
		if got := fieldsOf(validateAPIKey(tc.spec, tc.gen)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}
