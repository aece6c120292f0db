package authentik

import (
	"slices"
	"testing"
	"time"
)

func (h *harness) hook(method, path string, body any) response {
	h.t.Helper()
	return h.do(method, "/__mock/authentik"+path, body, "")
}

type mockState struct {
	groups, users, tokens []string
	memberships           int
}

func (h *harness) state() mockState {
	h.t.Helper()
	s := h.expect(h.hook("GET", "/state", nil), 200).obj()
	get := func(kind, list string) []string {
		obj := s[kind].(map[string]any)
		items := strList(obj[list])
		if int(obj["count"].(float64)) != len(items) {
			h.t.Fatalf("state %s count %v != %d items", kind, obj["count"], len(items))
		}
		return items
	}
	return mockState{
		groups: get("groups", "names"), users: get("users", "usernames"), tokens: get("tokens", "identifiers"),
		memberships: int(s["memberships"].(float64)),
	}
}

func TestHooksDeleteBehindTheClientsBack(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("gone", nil)
	g := h.createGroup(map[string]any{"name": "gone-group", "users": []int{pk(u)}})
	h.createToken(map[string]any{"identifier": "gone-token", "user": pk(u)})
	h.createToken(map[string]any{"identifier": "admin-extra"})
	h.mock.Log().Reset()

	h.expect(h.hook("DELETE", "/groups/"+g["pk"].(string), nil), 204)
	h.expect(h.hook("DELETE", "/tokens/admin-extra", nil), 204)
	h.expect(h.hook("DELETE", "/users/"+pkPath(u), nil), 204)
	h.expect(h.hook("DELETE", "/users/"+pkPath(u), nil), 404)
	if n := h.mock.Log().Count(); n != 0 {
		t.Fatalf("hook calls were logged as API requests: %d", n)
	}

	h.expect(h.api("GET", "/core/groups/"+g["pk"].(string)+"/", nil), 404)
	h.expect(h.api("GET", "/core/tokens/gone-token/", nil), 404) // cascaded with its user
	st := h.state()
	if !slices.Equal(st.groups, []string{AdminGroupName}) || !slices.Equal(st.users, []string{AdminUsername}) ||
		!slices.Equal(st.tokens, []string{AdminTokenID}) || st.memberships != 1 {
		t.Fatalf("state after hook deletes = %+v", st)
	}
}

func TestHookPatchOverwritesWithoutValidation(t *testing.T) {
	h := newHarness(t)
	a, b := h.createUser("a", nil), h.createUser("b", nil)
	g := h.createGroup(map[string]any{"name": "drift", "users": []int{pk(a)}})
	path := "/groups/" + g["pk"].(string)

	// A duplicate name is exactly what the API forbids and a drift test may need.
	h.expect(h.hook("PATCH", path, map[string]any{"name": AdminGroupName, "users": []int{pk(a), pk(b)}, "is_superuser": true}), 200)
	got := h.api("GET", "/core/groups/"+g["pk"].(string)+"/", nil).obj()
	if got["name"] != AdminGroupName || got["is_superuser"] != true || !slices.Equal(intList(got["users"]), []int{pk(a), pk(b)}) {
		t.Fatalf("group after hook PATCH = %s", jsonText(got))
	}
	if h.api("GET", "/core/users/"+pkPath(b)+"/", nil).obj()["is_superuser"] != true {
		t.Fatal("membership set by the hook must count for is_superuser")
	}

	h.expect(h.hook("PATCH", path, map[string]any{"users": []int{999}}), 400)
	h.expect(h.hook("PATCH", path, map[string]any{"colour": "an unknown key"}), 400)
	h.expect(h.hook("PATCH", path, map[string]any{"name": 5}), 400)
	if h.api("GET", "/core/groups/"+g["pk"].(string)+"/", nil).obj()["name"] != AdminGroupName {
		t.Fatal("a rejected hook PATCH changed the group")
	}

	h.expect(h.hook("PATCH", "/users/"+pkPath(a), map[string]any{"email": "x@y.z", "roles": []string{SeedRoleViewerUUID}, "groups": []string{}}), 200)
	user := h.api("GET", "/core/users/"+pkPath(a)+"/", nil).obj()
	if user["email"] != "x@y.z" || !slices.Equal(strList(user["roles"]), []string{SeedRoleViewerUUID}) || len(strList(user["groups"])) != 0 {
		t.Fatalf("user after hook PATCH = %s", jsonText(user))
	}
}

func TestHookRotateAndExpireToken(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("svc", nil)
	h.createToken(map[string]any{"identifier": "svc-key", "user": pk(u)})
	old := h.viewKey("svc-key")
	h.expect(h.do("GET", "/api/v3/core/groups/", nil, old), 200)

	rotated := h.expect(h.hook("POST", "/tokens/svc-key/rotate", nil), 200).obj()["key"].(string)
	if rotated == old || h.viewKey("svc-key") != rotated {
		t.Fatal("rotate must replace the key and return the new one")
	}
	h.expect(h.do("GET", "/api/v3/core/groups/", nil, old), 403)
	h.expect(h.do("GET", "/api/v3/core/groups/", nil, rotated), 200)

	h.expect(h.hook("POST", "/tokens/svc-key/expire", nil), 200)
	h.expectBody(h.do("GET", "/api/v3/core/groups/", nil, rotated), 403, `{"detail":"Token invalid/expired"}`)
	if h.api("GET", "/core/tokens/svc-key/", nil).obj()["expires"] != "2026-05-01T11:59:59Z" {
		t.Fatal("expire sets expires one second in the past")
	}
	h.expect(h.hook("POST", "/tokens/nope/rotate", nil), 404)
}

func TestCommonHooksAreServedToo(t *testing.T) {
	h := newHarness(t)
	h.api("GET", "/core/groups/", nil)
	r := h.expect(h.do("GET", "/__mock/requests", nil, ""), 200).obj()
	if r["count"] != 1.0 {
		t.Fatalf("/__mock/requests count = %v, want 1", r["count"])
	}
	h.expect(h.do("POST", "/__mock/faults", `[{"kind":"status","status":503,"times":1}]`, ""), 200)
	h.expect(h.api("GET", "/core/groups/", nil), 503)
	h.expect(h.api("GET", "/core/groups/", nil), 200)
}

// The background cleanup rotates an expired api token (new key, new expiry) and deletes an expired token
// of another intent; a token with expiring=false, or not yet expired, is left alone.
func TestHookExpiryJobRotatesExpiredAPITokens(t *testing.T) {
	h := newHarness(t)
	u := h.createUser("svc", nil)
	h.createToken(map[string]any{"identifier": "old-api", "user": pk(u)})
	h.createToken(map[string]any{"identifier": "old-app", "user": pk(u), "intent": "app_password"})
	h.createToken(map[string]any{"identifier": "forever", "user": pk(u), "expiring": false})
	h.clock.Advance(25 * time.Hour) // past the default duration of one day
	h.createToken(map[string]any{"identifier": "fresh", "user": pk(u)})
	old, fresh := h.viewKey("old-api"), h.viewKey("fresh")
	h.expect(h.do("GET", "/api/v3/core/groups/", nil, old), 403)

	job := h.expect(h.hook("POST", "/expiry-job", nil), 200).obj()
	if !slices.Equal(strList(job["rotated"]), []string{"old-api"}) || !slices.Equal(strList(job["deleted"]), []string{"old-app"}) {
		t.Fatalf("expiry job = %s", jsonText(job))
	}
	rotated := h.viewKey("old-api")
	if rotated == old || h.viewKey("fresh") != fresh {
		t.Fatal("only the expired api token gets a new key")
	}
	h.expect(h.do("GET", "/api/v3/core/groups/", nil, rotated), 200)
	if got := h.api("GET", "/core/tokens/old-api/", nil).obj()["expires"]; got != "2026-05-03T13:00:00Z" {
		t.Fatalf("rotated token expires %v, want now + 1 day", got)
	}
	h.expect(h.api("GET", "/core/tokens/old-app/", nil), 404)
	h.expect(h.api("GET", "/core/tokens/forever/", nil), 200)
}
