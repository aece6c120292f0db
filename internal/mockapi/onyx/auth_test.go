package onyx

import (
	"net/http"
	"testing"
)

// A missing or unknown key is 403, never 401; X-Onyx-Authorization wins over Authorization.
func TestAuth(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		for name, h := range map[string]http.Header{
			"none":                    nil,
			"unknown":                 bearer("on_nope"),
			"empty bearer":            {"Authorization": {"Bearer "}},
			"onyx header wins":        {"X-Onyx-Authorization": {"Bearer on_nope"}, "Authorization": {"Bearer " + testToken}},
			"basic auth is not a key": {"Authorization": {"Basic " + testToken}},
		} {
			resp, raw := c.send("GET", "/api/manage/admin/user-group", h, nil)
			if resp.StatusCode != http.StatusForbidden || string(raw) != `{"detail":"`+msgNotAuthenticated+`"}` {
				t.Errorf("%s: %d %s", name, resp.StatusCode, raw)
			}
		}
		resp, _ := c.send("GET", "/api/manage/admin/user-group", http.Header{"X-Onyx-Authorization": {testToken}}, nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("X-Onyx-Authorization alone: %d", resp.StatusCode)
		}
		// /version needs no key; /me reports the caller in the generation's shape.
		v := c.call("", "GET", "/api/version", nil, http.StatusOK)
		want := map[string]string{GenerationV46: BackendVersionV46, GenerationCurrent: BackendVersionCurrent}[gen]
		if jget(v, "backend_version") != want {
			t.Errorf("version %v", v)
		}
		me := c.api("GET", "/me", nil, http.StatusOK)
		if jget(me, "email") != AdminEmail || (gen == GenerationCurrent) != (jget(me, "account_type") == accountStandard) ||
			(gen == GenerationV46) != (jget(me, "role") == roleAdmin) {
			t.Errorf("/me %v", me)
		}
		// A deactivated admin's key stops working.
		c.hook("PATCH", "/users/"+AdminEmail, map[string]any{"is_active": false}, http.StatusOK)
		c.call(testToken, "GET", "/api/me", nil, http.StatusForbidden)
	})
}

// v4.6 refuses non-admins in its own words.
func TestNotAdminV46(t *testing.T) {
	c := newTester(t, Options{})
	basic := jget(c.api("POST", "/admin/api-key", map[string]any{"name": "b"}, http.StatusOK), "api_key").(string)
	if v := c.call(basic, "GET", "/api/admin/api-key", nil, http.StatusForbidden); jget(v, "detail") != msgNotAdmin {
		t.Errorf("admin route: %v", v)
	}
	if v := c.call(basic, "GET", "/api/manage/admin/user-group", nil, http.StatusForbidden); jget(v, "detail") != msgNotCuratorOrAdmin {
		t.Errorf("curator route: %v", v)
	}
	limited := jget(c.api("POST", "/admin/api-key", map[string]any{"name": "l", "role": "limited"}, http.StatusOK), "api_key").(string)
	if v := c.call(limited, "GET", "/api/me", nil, http.StatusForbidden); jget(v, "detail") != msgLimited {
		t.Errorf("limited: %v", v)
	}
}
