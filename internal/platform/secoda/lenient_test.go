package secoda

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

func TestLooseBool(t *testing.T) {
	cases := map[string]bool{
		`true`: true, `false`: false, `"True"`: true, `"False"`: false, `"true"`: true, `"FALSE"`: false,
		`"1"`: true, `"0"`: false, `1`: true, `0`: false, `null`: false, `"None"`: false, `""`: false,
	}
	for raw, want := range cases {
		var b looseBool
		if err := json.Unmarshal([]byte(raw), &b); err != nil || bool(b) != want {
			t.Errorf("looseBool(%s) = %v, %v; want %v", raw, b, err, want)
		}
	}
	for _, bad := range []string{`"maybe"`, `2`, `[]`, `{}`} {
		var b looseBool
		if err := json.Unmarshal([]byte(bad), &b); err == nil {
			t.Errorf("looseBool(%s) = %v, want an error", bad, b)
		}
	}
}

func TestLooseStringAndInt(t *testing.T) {
	for raw, want := range map[string]string{`"x"`: "x", `null`: "", `"None"`: "", `""`: "", `"none"`: "none"} {
		var s looseString
		if err := json.Unmarshal([]byte(raw), &s); err != nil || string(s) != want {
			t.Errorf("looseString(%s) = %q, %v; want %q", raw, s, err, want)
		}
	}
	var s looseString
	if err := json.Unmarshal([]byte(`5`), &s); err == nil {
		t.Error("looseString accepted a number")
	}
	for raw, want := range map[string]int{`2`: 2, `"3"`: 3, `null`: 0, `"None"`: 0, `2.0`: 2} {
		var n looseInt
		if err := json.Unmarshal([]byte(raw), &n); err != nil || int(n) != want {
			t.Errorf("looseInt(%s) = %v, %v; want %d", raw, n, err, want)
		}
	}
	for _, bad := range []string{`"x"`, `1.5`, `true`} {
		var n looseInt
		if err := json.Unmarshal([]byte(bad), &n); err == nil {
			t.Errorf("looseInt(%s) = %v, want an error", bad, n)
		}
	}
}

// The user object exactly as Secoda's reference shows it, string booleans and "None" included.
func TestDecodeDocumentedUserExample(t *testing.T) {
	raw := `{"id":"0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9","first_name":"Ada","last_name":"Lovelace","email":"ada@example.com",
		"role":"Editor","workspace_id":"w","workspace":"w","profile_picture":"","pending":"False","user_groups":["b","a"],
		"bookmarks":[],"is_service_account":false,"service_account_count_popularity":true,"last_login":"None",
		"new_feature_acknowledged":false,"disabled":false}`
	var w userWire
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		t.Fatal(err)
	}
	got := userFromWire(w)
	want := platform.User{
		ID: "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9", Email: "ada@example.com", Name: "Ada Lovelace", Role: "editor",
		Active: true, Extra: UserExtra{Pending: false},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("userFromWire = %#v, want %#v", got, want)
	}
	// The same with proper JSON types and the model's field name for the role.
	raw2 := `{"id":"u","first_name":"Ada","last_name":null,"email":"a@b.co","_role":"ADMIN","pending":true,"disabled":null,"teams":["t2","t1"]}`
	var w2 userWire
	if err := json.Unmarshal([]byte(raw2), &w2); err != nil {
		t.Fatal(err)
	}
	got2 := userFromWire(w2)
	if got2.Name != "Ada" || got2.Role != "admin" || !got2.Active || !reflect.DeepEqual(got2.Extra, UserExtra{Teams: []string{"t1", "t2"}, Pending: true}) {
		t.Errorf("userFromWire = %#v", got2)
	}
}

func TestDecodeDocumentedGroupExample(t *testing.T) {
	raw := `{"id":"g","created_at":"2023-05-10T14:27:23.797657Z","updated_at":"2023-05-10T14:27:23.797657Z",
		"users":["u2","u1"],"name":"ops","icon":"💼","description":null,"workspace_id":"w","snowflake_role":null}`
	var w groupWire
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		t.Fatal(err)
	}
	icon := "💼"
	want := platform.Group{ID: "g", Name: "ops", Members: []string{"u1", "u2"}, Extra: GroupExtra{Icon: &icon}}
	if got := groupFromWire(w); !reflect.DeepEqual(got, want) {
		t.Errorf("groupFromWire = %#v, want %#v", got, want)
	}
	// No users and no icon still read as an empty set and "".
	var bare groupWire
	_ = json.Unmarshal([]byte(`{"id":"g","name":"x"}`), &bare)
	got := groupFromWire(bare)
	if got.Members == nil || len(got.Members) != 0 || got.Extra.(GroupExtra).Icon == nil || *got.Extra.(GroupExtra).Icon != "" {
		t.Errorf("bare group = %#v", got)
	}
}
