package authentik

import (
	"net/http"
	"testing"
	"time"
)

func TestMissingOrNonBearerHeaderIs403NotProvided(t *testing.T) {
	h := newHarness(t)
	for _, path := range []string{"/api/v3/core/groups/", "/api/v3/core/users/1/", "/api/v3/core/tokens/"} {
		h.expectBody(h.do("GET", path, nil, ""), 403, `{"detail":"Authentication credentials were not provided."}`)
	}
	req, _ := http.NewRequest("GET", h.srv.URL+"/api/v3/core/groups/", nil)
	req.Header.Set("Authorization", "Basic "+adminKey)
	resp, err := h.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("Basic auth answered %d, want 403", resp.StatusCode)
	}
}

func TestUnknownKeyIs403InvalidNever401(t *testing.T) {
	h := newHarness(t)
	for _, method := range []string{"GET", "POST", "DELETE"} {
		r := h.do(method, "/api/v3/core/groups/", nil, "not-a-real-key")
		h.expectBody(r, 403, `{"detail":"Token invalid/expired"}`)
		if r.header.Get("WWW-Authenticate") != "" {
			t.Fatal("authentik sends no WWW-Authenticate challenge")
		}
	}
}

func TestAnyActiveAPITokenAuthenticatesUntilItExpires(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("bot", nil)
	h.createToken(map[string]any{"identifier": "bot-api", "user": pk(u), "intent": "api"})
	key := h.viewKey("bot-api")

	h.expect(h.do("GET", "/api/v3/core/users/", nil, key), 200)

	h.clock.Advance(24*time.Hour + time.Second) // past the default 24h token duration
	h.expectBody(h.do("GET", "/api/v3/core/users/", nil, key), 403, `{"detail":"Token invalid/expired"}`)
	// Expired tokens stay listable for whoever still can authenticate.
	h.expect(h.api("GET", "/core/tokens/bot-api/", nil), 200)

	h.expect(h.api("PATCH", "/core/tokens/bot-api/", map[string]any{"user": pk(u), "expiring": false}), 200)
	h.clock.Advance(48 * time.Hour)
	h.expect(h.do("GET", "/api/v3/core/users/", nil, key), 200) // expiring=false never expires
}

func TestAppPasswordAndInactiveOwnerCannotAuthenticate(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("human", nil)
	h.createToken(map[string]any{"identifier": "human-app", "user": pk(u), "intent": "app_password"})
	h.expectBody(h.do("GET", "/api/v3/core/groups/", nil, h.viewKey("human-app")), 403, `{"detail":"Token invalid/expired"}`)

	h.createToken(map[string]any{"identifier": "human-api", "user": pk(u), "intent": "api"})
	key := h.viewKey("human-api")
	h.expect(h.do("GET", "/api/v3/core/groups/", nil, key), 200)
	h.expect(h.api("PATCH", "/core/users/"+pkPath(u)+"/", map[string]any{"is_active": false}), 200)
	h.expectBody(h.do("GET", "/api/v3/core/groups/", nil, key), 403, `{"detail":"Token invalid/expired"}`)
}

func TestWrongMethodIs405AfterAuthAndUnknownPathIs404(t *testing.T) {
	h := newHarness(t)
	h.expectBody(h.api("DELETE", "/core/groups/", nil), 405, `{"detail":"Method \"DELETE\" not allowed."}`)
	h.expectBody(h.api("GET", "/core/users/1/set_password/", nil), 405, `{"detail":"Method \"GET\" not allowed."}`)
	// DRF authenticates before it dispatches, so anonymous callers see 403, not 405.
	h.expect(h.do("DELETE", "/api/v3/core/groups/", nil, ""), 403)

	h.expectBody(h.api("GET", "/core/nothing/", nil), 404, `{"detail":"Not found."}`)
	h.expect(h.api("GET", "/core/groups/abc/used_by/", nil), 404) // outside the mock's scope

	// Like Django's APPEND_SLASH, a path without its trailing slash is redirected, never served.
	noFollow := *h.srv.Client()
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	req, _ := http.NewRequest("POST", h.srv.URL+"/api/v3/core/groups", nil)
	req.Header.Set("Authorization", "Bearer "+adminKey)
	resp, err := noFollow.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/api/v3/core/groups/" {
		t.Fatalf("no trailing slash: %d Location=%q, want a 301 to the slashed path", resp.StatusCode, resp.Header.Get("Location"))
	}
	if n := h.mock.Log().CountMatching("POST", "/api/v3/core/groups/"); n != 0 {
		t.Fatalf("the redirect must not reach the handler, log has %d POSTs", n)
	}
}

func TestRootConfigAllowsAnonymousButNotBadTokens(t *testing.T) {
	h := newHarness(t)
	r := h.expect(h.do("GET", "/api/v3/root/config/", nil, ""), 200)
	if enabled := r.obj()["error_reporting"].(map[string]any)["enabled"]; enabled != false {
		t.Fatalf("error_reporting.enabled = %v", enabled)
	}
	h.expect(h.do("GET", "/api/v3/root/config/", nil, "bogus"), 403)
	h.expect(h.api("GET", "/root/config/", nil), 200)
}

func TestNonSuperuserSeesAndCreatesOnlyOwnTokens(t *testing.T) {
	h := newHarness(t)
	plain := h.createUser("plain", map[string]any{"attributes": map[string]any{"goauthentik.io/user/token-expires": false}})
	other := h.createUser("other", nil)
	h.createToken(map[string]any{"identifier": "plain-api", "user": pk(plain)})
	h.createToken(map[string]any{"identifier": "other-api", "user": pk(other)})
	key := h.viewKey("plain-api")

	list := h.expect(h.do("GET", "/api/v3/core/tokens/", nil, key), 200).obj()
	if got := list["pagination"].(map[string]any)["count"]; got != 1.0 {
		t.Fatalf("non-superuser sees %v tokens, want only its own", got)
	}
	h.expect(h.do("GET", "/api/v3/core/tokens/other-api/", nil, key), 404)

	created := h.expect(h.do("POST", "/api/v3/core/tokens/", map[string]any{"identifier": "sneaky", "user": pk(other), "expiring": true}, key), 201).obj()
	if pk := int(created["user"].(float64)); pk != int(plain["pk"].(float64)) {
		t.Fatalf("token created by a non-superuser belongs to %d, want the caller", pk)
	}
	if created["expiring"] != false {
		t.Fatal("a non-superuser's token expiring flag comes from its token-expires attribute")
	}
}
