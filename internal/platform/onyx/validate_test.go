package onyx

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

type foreignExtra struct{}

func (foreignExtra) Platform() platform.Name { return "authentik" }

func TestValidateGroup(t *testing.T) {
	c := &Client{}
	cases := []struct {
		name string
		spec platform.GroupSpec
		want []string
	}{
		{"valid", platform.GroupSpec{Name: "eng", Members: []string{"a@x.io", ""}, Extra: GroupExtra{CCPairIDs: []string{"2"}, CuratorIDs: []string{"A@x.io"}}}, []string{}},
		{"unknown member may be the curator", platform.GroupSpec{Name: "eng", Members: []string{""}, Extra: &GroupExtra{CuratorIDs: []string{"b@x.io"}}}, []string{}},
		{"unmanaged members", platform.GroupSpec{Name: "eng", Extra: GroupExtra{CuratorIDs: []string{"b@x.io"}}}, []string{}},
		{"empty description is fine", platform.GroupSpec{Name: "eng", Description: ptr("")}, []string{}},
		{"no name", platform.GroupSpec{Name: " "}, []string{attrName}},
		{"description", platform.GroupSpec{Name: "eng", Description: ptr("team")}, []string{attrDescription}},
		{"uuid member", platform.GroupSpec{Name: "eng", Members: []string{uuidAda}}, []string{attrMembers}},
		{"bad cc pair", platform.GroupSpec{Name: "eng", Extra: GroupExtra{CCPairIDs: []string{"x", "0"}}}, []string{attrCCPairIDs, attrCCPairIDs}},
		{"curator not a member", platform.GroupSpec{Name: "eng", Members: []string{"a@x.io"}, Extra: GroupExtra{CuratorIDs: []string{"b@x.io", "c"}}},
			[]string{attrCuratorIDs, attrCuratorIDs, attrCuratorIDs}},
		{"wrong extra", platform.GroupSpec{Name: "eng", Extra: UserExtra{}}, []string{""}},
		{"foreign extra", platform.GroupSpec{Name: "eng", Extra: foreignExtra{}}, []string{""}},
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
		want []string
	}{
		{"valid", "", platform.UserSpec{Email: "a@x.io", Role: ptr("Admin"), Active: ptr(false)}, []string{}},
		{"name is not checked", "", platform.UserSpec{Email: "a@x.io", Name: "from state"}, []string{}},
		{"status is ignored", "", platform.UserSpec{Email: "a@x.io", Extra: UserExtra{Status: "x"}}, []string{}},
		{"bad email", "", platform.UserSpec{Email: "ada"}, []string{attrEmail}},
		{"password", "", platform.UserSpec{Email: "a@x.io", Password: ptr("p")}, []string{attrPassword}},
		{"unknown generation, v4.6 role", "", platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")}, []string{}},
		{"unknown generation, curator", "", platform.UserSpec{Email: "a@x.io", Role: ptr("curator")}, []string{attrRole}},
		{"unknown generation, unknown role", "", platform.UserSpec{Email: "a@x.io", Role: ptr("owner")}, []string{attrRole}},
		{"v4.6 global_curator", GenerationV46, platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")}, []string{}},
		{"v4.6 limited", GenerationV46, platform.UserSpec{Email: "a@x.io", Role: ptr("limited")}, []string{attrRole}},
		{"v4.6 slack_user", GenerationV46, platform.UserSpec{Email: "a@x.io", Role: ptr("slack_user")}, []string{attrRole}},
		{"current admin", GenerationCurrent, platform.UserSpec{Email: "a@x.io", Role: ptr("ADMIN")}, []string{}},
		{"current global_curator", GenerationCurrent, platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")}, []string{attrRole}},
		{"current unknown", GenerationCurrent, platform.UserSpec{Email: "a@x.io", Role: ptr("viewer")}, []string{attrRole}},
		{"foreign extra", "", platform.UserSpec{Email: "a@x.io", Extra: foreignExtra{}}, []string{""}},
	}
	for _, tc := range cases {
		if got := fieldsOf(validateUser(tc.spec, tc.gen)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
	forced := &Client{forced: GenerationCurrent}
	if got := fieldsOf(forced.ValidateUser(platform.UserSpec{Email: "a@x.io", Role: ptr("global_curator")})); !slices.Equal(got, []string{attrRole}) {
		t.Errorf("forced generation not used at plan time: %v", got)
	}
}

func TestValidateAPIKey(t *testing.T) {
	expires := time.Now()
	cases := []struct {
		name string
		gen  Generation
		spec platform.APIKeySpec
		want []string
	}{
		{"valid v4.6", GenerationV46, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "admin"}}, []string{}},
		{"valid current", GenerationCurrent, platform.APIKeySpec{Name: "ci", Extra: &APIKeyExtra{GroupIDs: []string{"1"}}}, []string{}},
		{"unknown generation, either", "", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{"1"}}}, []string{}},
		{"unknown generation, both", "", platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "admin", GroupIDs: []string{}}}, []string{attrKeyRole}},
		{"current role", GenerationCurrent, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "admin"}}, []string{attrKeyRole}},
		{"v4.6 groups", GenerationV46, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{}}}, []string{attrGroupIDs}},
		{"v4.6 bad role", GenerationV46, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{Role: "owner"}}, []string{attrKeyRole}},
		{"bad group id", GenerationCurrent, platform.APIKeySpec{Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{"Admin", ""}}}, []string{attrGroupIDs}},
		{"portable fields Onyx lacks", "", platform.APIKeySpec{Name: " ", UserID: "a@x.io", Description: "d", ExpiresAt: &expires},
			[]string{attrName, attrUserID, attrDescription, attrExpiresAt}},
		{"foreign extra", "", platform.APIKeySpec{Name: "ci", Extra: foreignExtra{}}, []string{""}},
	}
	for _, tc := range cases {
		if got := fieldsOf(validateAPIKey(tc.spec, tc.gen)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: fields %v, want %v", tc.name, got, tc.want)
		}
	}
}
