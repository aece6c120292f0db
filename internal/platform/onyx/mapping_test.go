package onyx

import (
	"encoding/json"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const (
	uuidAda   = "1c8d0b63-7e2f-4a4b-9d3c-0f5e6a7b8c02"
	uuidGrace = "2d9e1c74-8f30-4b5c-ae4d-1a6f7b8c9d03"
	uuidKey   = "3e0f2d85-9041-4c6d-bf5e-2b7a8c9dae04"
)

func mustGroup(t *testing.T, raw string) groupWire {
	t.Helper()
	var g groupWire
	if err := json.Unmarshal([]byte(raw), &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// Members come back as lower-cased emails; curators/managers are mapped from uuids to emails; API
// keys' service accounts are no members, recognised by account_type (current) or address (v4.6).
func TestGroupFromWire(t *testing.T) {
	want := platform.Group{ID: "7", Name: "eng", Members: []string{"ada@example.com", "grace@example.com"},
		Extra: GroupExtra{CCPairIDs: []string{"2", "10"}, CuratorIDs: []string{"grace@example.com"}, IncognitoEnabled: ptr(false)}}
	v46 := mustGroup(t, `{"id":7,"name":"eng","is_up_to_date":true,"curator_ids":["`+uuidGrace+`"],
		"users":[{"id":"`+uuidGrace+`","email":"Grace@Example.com","role":"curator"},{"id":"`+uuidAda+`","email":"ada@example.com","role":"basic"},
		{"id":"`+uuidKey+`","email":"API_KEY__ci@`+uuidKey+`onyxapikey.ai","role":"basic"}],
		"cc_pairs":[{"id":10},{"id":2}]}`)
	assertEqual(t, "v4.6", groupFromWire(v46), want)
	current := mustGroup(t, `{"id":7,"name":"eng","is_up_to_date":true,"manager_ids":["`+uuidGrace+`"],"permissions":{},
		"users":[{"id":"`+uuidAda+`","email":"ada@example.com","account_type":"STANDARD"},{"id":"`+uuidGrace+`","email":"grace@example.com","account_type":"STANDARD"},
		{"id":"`+uuidKey+`","email":"renamed-by-someone@example.com","account_type":"SERVICE_ACCOUNT"}],
		"cc_pairs":[{"id":2},{"id":10}]}`)
	assertEqual(t, "current", groupFromWire(current), want)
	if got := current.serviceAccountIDs(); len(got) != 1 || got[0] != uuidKey {
		t.Errorf("service accounts %v", got)
	}
	if got := v46.serviceAccountIDs(); len(got) != 1 || got[0] != uuidKey {
		t.Errorf("v4.6 service accounts %v", got)
	}
	empty := groupFromWire(mustGroup(t, `{"id":1,"name":"e","users":[],"cc_pairs":[]}`))
	if empty.Members == nil || empty.Extra.(GroupExtra).CCPairIDs == nil || empty.Extra.(GroupExtra).CuratorIDs == nil {
		t.Errorf("an empty group must read as empty lists, not nil: %#v", empty)
	}
}

func TestUserMapping(t *testing.T) {
	var v46, current, inactive fullUserWire
	_ = json.Unmarshal([]byte(`{"id":"`+uuidAda+`","email":"Ada@Example.com","role":"GLOBAL_CURATOR","is_active":true,"personal_name":"Ada"}`), &v46)
	_ = json.Unmarshal([]byte(`{"id":"`+uuidAda+`","email":"ada@example.com","account_type":"STANDARD","is_admin":true,"is_active":true,"personal_name":null}`), &current)
	_ = json.Unmarshal([]byte(`{"id":"`+uuidAda+`","email":"ada@example.com","is_admin":false,"is_active":false}`), &inactive)
	assertEqual(t, "v4.6", userFromWire(v46), platform.User{ID: "ada@example.com", Email: "Ada@Example.com", Name: "Ada", Role: "global_curator",
		Active: true, Extra: UserExtra{Status: StatusActive}})
	assertEqual(t, "current", userFromWire(current), platform.User{ID: "ada@example.com", Email: "ada@example.com", Role: "admin",
		Active: true, Extra: UserExtra{Status: StatusActive}})
	assertEqual(t, "deactivated", userFromWire(inactive), platform.User{ID: "ada@example.com", Email: "ada@example.com", Role: "basic",
		Extra: UserExtra{Status: StatusDeactivated}})
	assertEqual(t, "invited", invitedUser("New@example.com"), platform.User{ID: "new@example.com", Email: "New@example.com", Role: "basic",
		Active: true, Extra: UserExtra{Status: StatusInvited}})
}

func TestKeyFromWire(t *testing.T) {
	var v46, current keyWire
	_ = json.Unmarshal([]byte(`{"api_key_id":4,"api_key_display":"on_abcd********wxyz","api_key":"on_secret","api_key_name":null,"api_key_role":"admin","user_id":"`+uuidKey+`"}`), &v46)
	_ = json.Unmarshal([]byte(`{"api_key_id":4,"api_key_display":"on_abcd********wxyz","api_key":null,"api_key_name":"ci","groups":[{"id":9,"name":"x"},{"id":1,"name":"Admin"}],"user_id":"`+uuidKey+`"}`), &current)
	assertEqual(t, "v4.6", keyFromWire(v46), platform.APIKey{ID: "4", Secret: "on_secret", Extra: APIKeyExtra{Role: "admin"}})
	assertEqual(t, "current", keyFromWire(current), platform.APIKey{ID: "4", Name: "ci", Extra: APIKeyExtra{GroupIDs: []string{"1", "9"}}})
	var none keyWire
	_ = json.Unmarshal([]byte(`{"api_key_id":5,"groups":[]}`), &none)
	if got := keyFromWire(none).Extra.(APIKeyExtra).GroupIDs; got == nil || len(got) != 0 {
		t.Errorf("a key in no group reads as %#v, want [] (managed, empty)", got)
	}
}

func TestKeyBodies(t *testing.T) {
	spec := platform.APIKeySpec{Name: "ci"}
	admin := "admin"
	current := &keyWire{Role: &admin, Groups: &[]idOnly{{ID: 3}, {ID: 1}}}
	for _, tc := range []struct {
		name  string
		gen   Generation
		extra APIKeyExtra
		cur   *keyWire
		want  string
	}{
		{"v4.6 create default", GenerationV46, APIKeyExtra{}, nil, `{"name":"ci"}`},
		{"v4.6 create", GenerationV46, APIKeyExtra{Role: "Admin"}, nil, `{"name":"ci","role":"admin"}`},
		{"v4.6 update keeps the role", GenerationV46, APIKeyExtra{}, current, `{"name":"ci","role":"admin"}`},
		{"current create default", GenerationCurrent, APIKeyExtra{}, nil, `{"name":"ci","group_ids":[]}`},
		{"current update keeps groups", GenerationCurrent, APIKeyExtra{}, current, `{"name":"ci","group_ids":[3,1]}`},
		{"current update replaces groups", GenerationCurrent, APIKeyExtra{GroupIDs: []string{"2"}}, current, `{"name":"ci","group_ids":[2]}`},
		{"current update empties groups", GenerationCurrent, APIKeyExtra{GroupIDs: []string{}}, current, `{"name":"ci","group_ids":[]}`},
	} {
		got, _ := json.Marshal(keyBody(tc.gen, spec, tc.extra, tc.cur))
		if string(got) != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
