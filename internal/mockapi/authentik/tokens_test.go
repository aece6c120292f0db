package authentik

import (
	"strings"
	"testing"
	"time"
)

func TestTokenKeyOnlyThroughViewKey(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("owner", nil)
	tok := h.createToken(map[string]any{"identifier": "deploy", "user": pk(u)})
	if _, has := tok["key"]; has {
		t.Fatal("create response must not contain the key")
	}
	for _, path := range []string{"/core/tokens/deploy/", "/core/tokens/"} {
		if raw := h.api("GET", path, nil).raw; strings.Contains(raw, `"key"`) {
			t.Fatalf("GET %s leaks a key: %s", path, raw)
		}
	}
	key := h.viewKey("deploy")
	if len(key) != 60 || strings.Trim(key, keyAlphabet) != "" {
		t.Fatalf("key %q is not 60 alphanumerics", key)
	}
	h.expectBody(h.api("GET", "/core/tokens/nope/view_key/", nil), 404, `{"detail":"No Token matches the given query."}`)

	h.expect(h.api("POST", "/core/tokens/deploy/set_key/", map[string]any{"key": "my-own-key"}), 204)
	if h.viewKey("deploy") != "my-own-key" {
		t.Fatal("set_key did not replace the key")
	}
	r := h.api("POST", "/core/tokens/deploy/set_key/", map[string]any{"key": ""})
	if r.status != 400 || r.raw != "" {
		t.Fatalf("blank set_key = %d %q, want a bare 400", r.status, r.raw)
	}
}

func TestAPITokenExpiryIsResetOnEveryWrite(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("owner", nil)
	tok := h.createToken(map[string]any{"identifier": "ci", "user": pk(u), "expires": "2030-01-01T00:00:00Z"})
	if tok["expires"] != "2026-05-02T12:00:00Z" {
		t.Fatalf("api token expires %v, want now+24h whatever the client sent", tok["expires"])
	}
	h.clock.Advance(5 * time.Hour)
	put := h.expect(h.api("PUT", "/core/tokens/ci/", map[string]any{"identifier": "ci", "user": pk(u), "description": "d", "expires": "2030-01-01T00:00:00Z"}), 200).obj()
	if put["expires"] != "2026-05-02T17:00:00Z" {
		t.Fatalf("after PUT expires = %v, want now+24h", put["expires"])
	}
	h.clock.Advance(time.Hour)
	patch := h.expect(h.api("PATCH", "/core/tokens/ci/", map[string]any{"description": "e"}), 200).obj()
	if patch["expires"] != "2026-05-02T18:00:00Z" {
		t.Fatalf("after PATCH expires = %v, want now+24h", patch["expires"])
	}
}

func TestCustomDefaultTokenDuration(t *testing.T) {
	h := newHarnessWith(t, Options{DefaultTokenDuration: time.Hour})
	tok := h.createToken(map[string]any{"identifier": "short"})
	if tok["expires"] != "2026-05-01T13:00:00Z" {
		t.Fatalf("expires %v with a 1h DefaultTokenDuration", tok["expires"])
	}
}

func TestAppPasswordKeepsSuppliedExpiryWithinTheLimit(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("owner", nil)
	tok := h.createToken(map[string]any{"identifier": "app", "user": pk(u), "intent": "app_password", "expires": "2026-05-01T18:30:00Z"})
	if tok["expires"] != "2026-05-01T18:30:00Z" || tok["intent"] != "app_password" {
		t.Fatalf("app_password token = %s", jsonText(tok))
	}
	h.expectBody(h.api("POST", "/core/tokens/", map[string]any{"identifier": "app2", "user": pk(u), "intent": "app_password", "expires": "2026-06-01T00:00:00Z"}),
		400, `{"expires":["Token expires exceeds maximum lifetime (2026-05-02 12:00:00+00:00 UTC)."]}`)
	defaulted := h.createToken(map[string]any{"identifier": "app3", "user": pk(u), "intent": "app_password"})
	if defaulted["expires"] != "2026-05-02T12:00:00Z" {
		t.Fatalf("app_password without expires got %v, want the model default now+24h", defaulted["expires"])
	}
}

func TestTokenDefaultsAreReappliedOnUpdate(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("owner", nil)
	h.createToken(map[string]any{"identifier": "app", "user": pk(u), "intent": "app_password", "expires": "2026-05-01T18:00:00Z"})

	// PATCH without intent turns the app password into an api token, with a server-set expiry.
	patched := h.expect(h.api("PATCH", "/core/tokens/app/", map[string]any{"user": pk(u), "description": "x"}), 200).obj()
	if patched["intent"] != "api" || patched["expires"] != "2026-05-02T12:00:00Z" {
		t.Fatalf("after PATCH without intent: %s", jsonText(patched))
	}
	// PUT without user moves the token to the caller (the quirk of authentik.md §4 rule 6).
	put := h.expect(h.api("PUT", "/core/tokens/app/", map[string]any{"identifier": "app"}), 200).obj()
	if int(put["user"].(float64)) != 1 {
		t.Fatalf("PUT without user left owner %v, want the caller (1)", put["user"])
	}
	h.expectBody(h.api("PATCH", "/core/tokens/app/", map[string]any{"user": pk(u)}), 400, `{"user":["User cannot be changed"]}`)
}

func TestTokenValidationErrors(t *testing.T) {
	h := newHarness(t)
	h.createToken(map[string]any{"identifier": "taken"})
	cases := []struct {
		body map[string]any
		want string
	}{
		{map[string]any{}, `{"identifier":["This field is required."]}`},
		{map[string]any{"identifier": "has space"}, `{"identifier":["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."]}`},
		{map[string]any{"identifier": "taken"}, `{"identifier":["Token with this identifier already exists."]}`},
		{map[string]any{"identifier": strings.Repeat("a", 256)}, `{"identifier":["Ensure this field has no more than 255 characters."]}`},
		{map[string]any{"identifier": "x", "intent": "recovery"}, `{"intent":["Invalid intent recovery"]}`},
		{map[string]any{"identifier": "x", "intent": "bogus"}, `{"intent":["\"bogus\" is not a valid choice."]}`},
		{map[string]any{"identifier": "x", "user": 99}, `{"user":["Invalid pk \"99\" - object does not exist."]}`},
	}
	for _, c := range cases {
		h.expectBody(h.api("POST", "/core/tokens/", c.body), 400, c.want)
	}
}

func TestTokenRenameAndDelete(t *testing.T) {
	h := newHarness(t)
	h.createToken(map[string]any{"identifier": "old"})
	key := h.viewKey("old")
	h.expect(h.api("PATCH", "/core/tokens/old/", map[string]any{"identifier": "new", "user": 1}), 200)
	h.expect(h.api("GET", "/core/tokens/old/", nil), 404)
	if h.viewKey("new") != key {
		t.Fatal("renaming a token must keep its key")
	}
	h.expect(h.api("DELETE", "/core/tokens/new/", nil), 204)
	h.expectBody(h.api("DELETE", "/core/tokens/new/", nil), 404, `{"detail":"No Token matches the given query."}`)
}
