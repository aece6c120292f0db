package secoda

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func ptr[T any](v T) *T { return &v }

const (
	uuidA = "0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10"
	uuidB = "1c4e4f7f-7d2f-4a68-8a3b-7b9d2c9f3a21"
)

func marshal(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// Unmanaged fields stay out of the body; managed empty membership is sent as [] so it empties the group.
func TestGroupWriteBody(t *testing.T) {
	cases := []struct {
		name string
		spec platform.GroupSpec
		want string
	}{
		{"name only", platform.GroupSpec{Name: "ops"}, `{"name":"ops"}`},
		{"everything", platform.GroupSpec{Name: "ops", Description: ptr("on call"), Members: []string{uuidB, uuidA}, Extra: GroupExtra{Icon: ptr("🚀")}},
			`{"name":"ops","description":"on call","icon":"🚀","users":["` + uuidB + `","` + uuidA + `"]}`},
		{"no members", platform.GroupSpec{Name: "ops", Members: []string{}}, `{"name":"ops","users":[]}`},
		{"blank description and icon", platform.GroupSpec{Name: "ops", Description: ptr(""), Extra: &GroupExtra{Icon: ptr("")}},
			`{"name":"ops","description":"","icon":""}`},
	}
	for _, tc := range cases {
		body, err := groupWriteFrom(tc.spec)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := marshal(t, body); got != tc.want {
			t.Errorf("%s: body %s, want %s", tc.name, got, tc.want)
		}
	}
	if _, err := groupWriteFrom(platform.GroupSpec{Name: "ops", Members: []string{"ada"}}); err == nil {
		t.Error("a member id that is not a uuid was sent")
	}
}

func TestUserWriteBody(t *testing.T) {
	cases := []struct {
		name string
		spec platform.UserSpec
		want string
	}{
		{"email only", platform.UserSpec{Email: "ada@example.com"}, `{"email":"ada@example.com"}`},
		{"full", platform.UserSpec{Email: " ada@example.com ", Name: "Ada King Lovelace", Role: ptr(" Admin "), Active: ptr(true)},
			`{"email":"ada@example.com","first_name":"Ada","last_name":"King Lovelace","role":"admin"}`},
		{"one word clears the last name", platform.UserSpec{Email: "a@b.co", Name: "Ada"}, `{"email":"a@b.co","first_name":"Ada","last_name":""}`},
		{"guest with teams", platform.UserSpec{Email: "a@b.co", Role: ptr("guest"), Extra: UserExtra{Teams: []string{uuidA}, Pending: true}},
			`{"email":"a@b.co","role":"guest","teams":["` + uuidA + `"]}`},
		{"teams emptied", platform.UserSpec{Email: "a@b.co", Extra: &UserExtra{Teams: []string{}}}, `{"email":"a@b.co","teams":[]}`},
		{"no activation field", platform.UserSpec{Email: "a@b.co", Active: ptr(false)}, `{"email":"a@b.co"}`},
	}
	for _, tc := range cases {
		body, err := userWriteFrom(tc.spec)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if got := marshal(t, body); got != tc.want {
			t.Errorf("%s: body %s, want %s", tc.name, got, tc.want)
		}
	}
}

// Active has no field in the body (CreateUser and UpdateUser check it against the member's state).
func TestUserWriteRefusesWhatSecodaCannotDo(t *testing.T) {
	_, err := userWriteFrom(platform.UserSpec{Email: "a@b.co", Password: ptr("hunter2")})
	var u *platform.UnsupportedError
	if !errors.As(err, &u) || u.Feature != (platform.Feature{Kind: platform.KindUser, Field: platform.FieldPassword}) {
		t.Errorf("password: %v, want an UnsupportedError for it", err)
	}
	if _, err := userWriteFrom(platform.UserSpec{Email: "a@b.co", Extra: GroupExtra{}}); err == nil {
		t.Error("a group block was accepted on a user")
	}
}
