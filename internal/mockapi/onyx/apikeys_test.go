package onyx

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestAPIKeysV46(t *testing.T) {
	c := newTester(t, Options{})
	v := c.api("POST", "/admin/api-key", map[string]any{"name": "ci", "role": "admin"}, http.StatusOK)
	secret, _ := jget(v, "api_key").(string)
	if !strings.HasPrefix(secret, "on_") || len(secret) != 259 || jget(v, "api_key_role") != roleAdmin || jget(v, "groups") != nil {
		t.Fatalf("create answer %v", v)
	}
	if d := jget(v, "api_key_display").(string); d != "on_"+secret[3:7]+"********"+secret[len(secret)-4:] {
		t.Errorf("display %q", d)
	}
	id := jget(v, "api_key_id").(float64)
	sa := jget(v, "user_id").(string)
	list := c.api("GET", "/admin/api-key", nil, http.StatusOK)
	if jget(list, 0, "api_key") != nil || jget(list, 0, "api_key_name") != "ci" {
		t.Errorf("list shows %v", list)
	}
	// The key's service account: in the Admin default group, hidden from the user lists.
	admins := jget(c.group(float64(AdminGroupID)), "users")
	if got := emails(admins); !slices.Contains(got, "API_KEY__ci@"+sa+"onyxapikey.ai") {
		t.Errorf("Admin members %v", got)
	}
	if got := emails(jget(c.api("GET", "/manage/users", nil, http.StatusOK), "accepted")); len(got) != 3 {
		t.Errorf("service account listed: %v", got)
	}
	if got := emails(jget(c.api("GET", "/manage/users?include_api_keys=true", nil, http.StatusOK), "accepted")); len(got) != 4 {
		t.Errorf("include_api_keys: %v", got)
	}
	// The key works as an admin, without "Bearer " too.
	c.call(secret, "GET", "/api/admin/api-key", nil, http.StatusOK)
	resp, _ := c.send("GET", "/api/manage/users", http.Header{"Authorization": {secret}}, nil)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("raw key: %d", resp.StatusCode)
	}
	// Update replaces everything: an omitted name becomes null, an omitted role basic.
	v = c.api("PATCH", "/admin/api-key/1", map[string]any{}, http.StatusOK)
	if jget(v, "api_key_name") != nil || jget(v, "api_key_role") != roleBasic || jget(v, "api_key") != nil {
		t.Errorf("update answer %v", v)
	}
	c.call(secret, "GET", "/api/admin/api-key", nil, http.StatusForbidden)
	if got := emails(jget(c.group(float64(BasicGroupID)), "users")); !slices.Contains(got, "API_KEY__Unnamed@"+sa+"onyxapikey.ai") {
		t.Errorf("Basic members after update %v", got)
	}
	c.api("PATCH", "/admin/api-key/1", map[string]any{"name": "ci", "role": "owner"}, http.StatusUnprocessableEntity)
	// Regenerate.
	c.api("PATCH", "/admin/api-key/1", map[string]any{"name": "ci", "role": "admin"}, http.StatusOK)
	v = c.api("POST", "/admin/api-key/1/regenerate", nil, http.StatusOK)
	if fresh := jget(v, "api_key").(string); fresh == secret || jget(v, "api_key_id") != id || jget(v, "user_id") != sa {
		t.Errorf("regenerate answer %v", v)
	} else {
		c.call(secret, "GET", "/api/admin/api-key", nil, http.StatusForbidden)
		c.call(fresh, "GET", "/api/admin/api-key", nil, http.StatusOK)
	}
	// Unknown ids are a ValueError: 400 {"message"}.
	for _, m := range []string{"PATCH", "DELETE"} {
		c.apiError(m, "/admin/api-key/9", map[string]any{"name": "x"}, http.StatusBadRequest, "", msgKeyNotFound(9))
	}
	c.apiError("POST", "/admin/api-key/9/regenerate", nil, http.StatusBadRequest, "", msgKeyNotFound(9))
	// Delete takes the service account and its memberships along.
	c.api("DELETE", "/admin/api-key/1", nil, http.StatusOK)
	if got := emails(jget(c.group(float64(AdminGroupID)), "users")); !slices.Equal(got, []string{AdminEmail}) {
		t.Errorf("Admin members after delete %v", got)
	}
	if s := c.hook("GET", "/state", nil, http.StatusOK); jget(s, "service_accounts") != float64(0) || jget(s, "api_keys", "count") != float64(0) {
		t.Errorf("state %v", s)
	}
}

func TestAPIKeysCurrent(t *testing.T) {
	c := newTester(t, Options{Generation: GenerationCurrent})
	gid := c.createGroup("eng", []string{AdaID}, nil)["id"].(float64)
	v := c.api("POST", "/admin/api-key", map[string]any{"name": "ci", "group_ids": []any{gid, 1}}, http.StatusOK)
	if jget(v, "api_key_role") != nil || jget(v, "groups", 0, "name") != AdminGroupName || jget(v, "groups", 1, "id") != gid {
		t.Fatalf("create answer %v", v)
	}
	secret := jget(v, "api_key").(string)
	users := jget(c.group(gid), "users").([]any)
	if len(users) != 2 || jget(users, 0, "account_type") != accountServiceAccount || jget(users, 0, "role") != nil {
		t.Errorf("eng members %v", users)
	}
	c.call(secret, "GET", "/api/manage/admin/user-group", nil, http.StatusOK)
	c.apiError("POST", "/admin/api-key", map[string]any{"group_ids": []int{77, 78}}, http.StatusBadRequest, "", "Group IDs do not exist: [77, 78]")
	c.api("POST", "/admin/api-key", map[string]any{"group_ids": nil}, http.StatusUnprocessableEntity)
	// A key in no group is "limited".
	limited := jget(c.api("POST", "/admin/api-key", map[string]any{"name": "none"}, http.StatusOK), "api_key").(string)
	v = c.call(limited, "GET", "/api/admin/api-key", nil, http.StatusForbidden)
	if jget(v, "detail") != msgLimited {
		t.Errorf("limited key: %v", v)
	}
	// Not an admin: OnyxError.
	basic := jget(c.api("POST", "/admin/api-key", map[string]any{"name": "basic", "group_ids": []int{BasicGroupID}}, http.StatusOK), "api_key").(string)
	v = c.call(basic, "GET", "/api/admin/api-key", nil, http.StatusForbidden)
	if jget(v, "error_code") != codeInsufficientPerms || jget(v, "detail") != msgInsufficient {
		t.Errorf("basic key: %v", v)
	}
	c.call(basic, "GET", "/api/me", nil, http.StatusOK)
	// Update replaces the groups.
	v = c.api("PATCH", "/admin/api-key/1", map[string]any{"name": "ci"}, http.StatusOK)
	if len(jget(v, "groups").([]any)) != 0 {
		t.Errorf("update answer %v", v)
	}
	if len(jget(c.group(gid), "users").([]any)) != 1 {
		t.Error("service account still in the group after its key lost it")
	}
}
