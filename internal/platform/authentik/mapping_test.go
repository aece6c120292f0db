package authentik

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// otherExtra stands in for another platform's nested block.
type otherExtra struct{}

// otherPlatform is a platform of the tests' own, registered so that messages can name it.
var otherPlatform = platform.Register(platform.Descriptor{Name: "other", DisplayName: "Other Product"})

func (otherExtra) Platform() platform.Name { return otherPlatform.Name }

func ptr[T any](v T) *T { return &v }

// wireJSON renders a write body the way the HTTP client will send it.
func wireJSON(t *testing.T, body any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGroupFromWire(t *testing.T) {
	var w groupWire
	raw := `{"pk":"5a1f3c2e-8d4b-4e0a-9a51-0f2b7d3c9e11","num_pk":12345,"name":"ops","is_superuser":true,
		"parents":["b","a"],"users":[10,9,100,1],"users_obj":null,"attributes":{ "k" : [1, 2] },
		"roles":["r2","r1"],"roles_obj":[],"children":[]}`
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		t.Fatal(err)
	}
	got := groupFromWire(w)
	want := platform.Group{
		ID:      "5a1f3c2e-8d4b-4e0a-9a51-0f2b7d3c9e11",
		Name:    "ops",
		Members: []string{"1", "9", "10", "100"}, // numeric, not lexical, order
		Extra: GroupExtra{
			IsSuperuser: ptr(true),
			Parents:     []string{"a", "b"},
			Roles:       []string{"r1", "r2"},
			Attributes:  json.RawMessage(`{"k":[1,2]}`),
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

// On the Read side every field is filled, even when the server sends nulls or nothing.
func TestGroupFromWireFillsEverything(t *testing.T) {
	got := groupFromWire(groupWire{PK: "x", Name: "n"})
	extra := got.Extra.(GroupExtra)
	if got.Members == nil || extra.Parents == nil || extra.Roles == nil || extra.IsSuperuser == nil || *extra.IsSuperuser {
		t.Errorf("unfilled: %#v", got)
	}
	if string(extra.Attributes) != "{}" {
		t.Errorf("attributes = %s", extra.Attributes)
	}
	var w groupWire
	_ = json.Unmarshal([]byte(`{"pk":"x","name":"n","attributes":null,"users":[]}`), &w)
	if a := groupFromWire(w).Extra.(GroupExtra).Attributes; string(a) != "{}" {
		t.Errorf("null attributes = %s", a)
	}
}

func TestGroupWriteSendsOnlyManagedFields(t *testing.T) {
	unmanaged, err := groupWriteFrom(platform.GroupSpec{Name: "ops", Description: ptr("ignored")})
	if err != nil {
		t.Fatal(err)
	}
	if got := wireJSON(t, unmanaged); !reflect.DeepEqual(got, map[string]any{"name": "ops"}) {
		t.Errorf("unmanaged group body = %v", got)
	}

	// Empty but managed lists are sent as [], which clears them on the server.
	empty, err := groupWriteFrom(platform.GroupSpec{
		Name:    "ops",
		Members: []string{},
		Extra:   &GroupExtra{IsSuperuser: ptr(false), Parents: []string{}, Roles: []string{}, Attributes: json.RawMessage(`{}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"name": "ops", "users": []any{}, "is_superuser": false, "parents": []any{}, "roles": []any{}, "attributes": map[string]any{}}
	if got := wireJSON(t, empty); !reflect.DeepEqual(got, want) {
		t.Errorf("empty managed body = %v, want %v", got, want)
	}

	full, err := groupWriteFrom(platform.GroupSpec{
		Name:    "ops",
		Members: []string{"7", "3"},
		Extra:   GroupExtra{Parents: []string{"p"}, Attributes: json.RawMessage(`{"a":1}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]any{"name": "ops", "users": []any{7.0, 3.0}, "parents": []any{"p"}, "attributes": map[string]any{"a": 1.0}}
	if got := wireJSON(t, full); !reflect.DeepEqual(got, want) {
		t.Errorf("full body = %v, want %v", got, want)
	}
}

func TestGroupWriteRejectsBadInput(t *testing.T) {
	if _, err := groupWriteFrom(platform.GroupSpec{Name: "ops", Members: []string{"ada"}}); err == nil || !strings.Contains(err.Error(), "members") {
		t.Errorf("non-numeric member: %v", err)
	}
	if _, err := groupWriteFrom(platform.GroupSpec{Name: "ops", Extra: otherExtra{}}); err == nil || !strings.Contains(err.Error(), "Other Product") {
		t.Errorf("foreign extra: %v", err)
	}
}

func TestUserMapping(t *testing.T) {
	var w userWire
	raw := `{"pk":42,"username":"ada","name":"Ada Lovelace","is_active":false,"email":"ada@example.com",
		"attributes":{},"path":"users/eng","type":"external","groups":[],"roles":["r2","r1"],"uid":"abc","is_superuser":false}`
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		t.Fatal(err)
	}
	want := platform.User{
		ID: "42", Email: "ada@example.com", Name: "Ada Lovelace", Active: false,
		Extra: UserExtra{Username: "ada", Path: "users/eng", Type: "external", Attributes: json.RawMessage(`{}`), Roles: []string{"r1", "r2"}},
	}
	if got := userFromWire(w); !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}

	spec := platform.UserSpec{Email: "ada@example.com", Name: "Ada", Password: ptr("pw"), Role: ptr("ignored")}
	create, err := userWriteFrom(spec, true)
	if err != nil {
		t.Fatal(err)
	}
	// The email stands in for a missing username on create; nothing unmanaged, no password, no groups.
	wantCreate := map[string]any{"username": "ada@example.com", "name": "Ada", "email": "ada@example.com"}
	if got := wireJSON(t, create); !reflect.DeepEqual(got, wantCreate) {
		t.Errorf("create body = %v, want %v", got, wantCreate)
	}
	update, err := userWriteFrom(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := wireJSON(t, update); !reflect.DeepEqual(got, map[string]any{"name": "Ada", "email": "ada@example.com"}) {
		t.Errorf("update body = %v", got)
	}

	spec.Active = ptr(false)
	spec.Extra = UserExtra{Username: "ada", Path: "users/eng", Type: "service_account", Attributes: json.RawMessage(`{"x":true}`)}
	full, err := userWriteFrom(spec, false)
	if err != nil {
		t.Fatal(err)
	}
	wantFull := map[string]any{
		"username": "ada", "name": "Ada", "email": "ada@example.com", "is_active": false,
		"path": "users/eng", "type": "service_account", "attributes": map[string]any{"x": true},
	}
	if got := wireJSON(t, full); !reflect.DeepEqual(got, wantFull) {
		t.Errorf("full body = %v, want %v", got, wantFull)
	}
}

// A service account is a user of type service_account on the plain users endpoint, and reads back as one
// (authentik's own outpost accounts too).
func TestServiceAccountMapping(t *testing.T) {
	create, err := userWriteFrom(platform.UserSpec{Name: "CI", ServiceAccount: true, Extra: UserExtra{Username: "ci"}}, true)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"username": "ci", "name": "CI", "email": "", "type": "service_account"}
	if got := wireJSON(t, create); !reflect.DeepEqual(got, want) {
		t.Errorf("create body = %v, want %v", got, want)
	}
	for userType, serviceAccount := range map[string]bool{"internal": false, "external": false, "service_account": true, "internal_service_account": true} {
		if got := userFromWire(userWire{PK: 1, Type: userType}).ServiceAccount; got != serviceAccount {
			t.Errorf("type %s: ServiceAccount = %t, want %t", userType, got, serviceAccount)
		}
	}
}

func TestTokenFromWire(t *testing.T) {
	expires := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	var w tokenWire
	raw := `{"pk":"u","identifier":"ci","intent":"app_password","user":7,"description":"d",
		"expires":"2030-01-02T03:04:05Z","expiring":true,"managed":null,"user_obj":{"pk":7}}`
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		t.Fatal(err)
	}
	want := platform.APIKey{
		ID: "ci", Name: "ci", UserID: "7", Description: "d", ExpiresAt: &expires,
		Extra: APIKeyExtra{Intent: "app_password", Expiring: ptr(true)},
	}
	if got := tokenFromWire(w); !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}

	// A token that never expires has no expiry, whatever date the server kept.
	w.Expiring = false
	if got := tokenFromWire(w); got.ExpiresAt != nil || *got.Extra.(APIKeyExtra).Expiring {
		t.Errorf("non-expiring token: %#v", got)
	}
	w.Expiring, w.Expires = true, nil
	if got := tokenFromWire(w); got.ExpiresAt != nil {
		t.Errorf("null expires: %#v", got)
	}
}

func TestTokenWrite(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 600, time.FixedZone("CET", 3600))

	// Intent is always sent (authentik resets it otherwise); the user only when known; the expiry of an api
	// token never, because the server ignores it.
	api, err := tokenWriteFrom(platform.APIKeySpec{Name: "ci", ExpiresAt: &at})
	if err != nil {
		t.Fatal(err)
	}
	if got := wireJSON(t, api); !reflect.DeepEqual(got, map[string]any{"identifier": "ci", "intent": "api", "description": ""}) {
		t.Errorf("api body = %v", got)
	}

	app, err := tokenWriteFrom(platform.APIKeySpec{
		Name: "ci", UserID: "7", Description: "deploys", ExpiresAt: &at,
		Extra: &APIKeyExtra{Intent: "app_password", Expiring: ptr(true)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"identifier": "ci", "intent": "app_password", "user": 7.0, "description": "deploys",
		"expiring": true, "expires": "2030-01-02T02:04:05Z",
	}
	if got := wireJSON(t, app); !reflect.DeepEqual(got, want) {
		t.Errorf("app_password body = %v, want %v", got, want)
	}

	never, err := tokenWriteFrom(platform.APIKeySpec{Name: "ci", UserID: "7", Extra: APIKeyExtra{Expiring: ptr(false)}})
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]any{"identifier": "ci", "intent": "api", "user": 7.0, "description": "", "expiring": false}
	if got := wireJSON(t, never); !reflect.DeepEqual(got, want) {
		t.Errorf("non-expiring body = %v, want %v", got, want)
	}

	if _, err := tokenWriteFrom(platform.APIKeySpec{Name: "ci", UserID: "ada"}); err == nil {
		t.Error("non-numeric user id accepted")
	}
}

func TestExtraAs(t *testing.T) {
	if got, err := platform.ExtraAs[UserExtra](nil); err != nil || !reflect.DeepEqual(got, UserExtra{}) {
		t.Errorf("nil: %#v %v", got, err)
	}
	if got, err := platform.ExtraAs[UserExtra]((*UserExtra)(nil)); err != nil || !reflect.DeepEqual(got, UserExtra{}) {
		t.Errorf("typed nil: %#v %v", got, err)
	}
	if got, err := platform.ExtraAs[UserExtra](&UserExtra{Username: "a"}); err != nil || got.Username != "a" {
		t.Errorf("pointer: %#v %v", got, err)
	}
	if _, err := platform.ExtraAs[UserExtra](GroupExtra{}); err == nil {
		t.Error("a group's fields were accepted for a user")
	}
	if _, err := platform.ExtraAs[UserExtra](otherExtra{}); err == nil {
		t.Error("another platform's fields were accepted")
	}
}
