package onyx

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
)

// permissionError checks an answer of the permission and incognito routes: an OnyxError in both generations.
func (c *tester) permissionError(method, path string, body any, status int, code, detail string) {
	c.t.Helper()
	v := c.api(method, path, body, status)
	if jget(v, "error_code") != code || jget(v, "detail") != detail {
		c.t.Errorf("%s %s: %v, want %s %q", method, path, v, code, detail)
	}
}

func strs(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, s.(string))
	}
	return out
}

// Grants: every new group has basic, which GET lists on v4.6 and leaves out on the current generation unless
// asked; v4.6 toggles one permission at a time, the current generation sets the toggleable ones at once.
func TestGroupPermissions(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		id := int(c.createGroup("eng", []string{AdaID}, nil)["id"].(float64))
		path := fmt.Sprintf("/manage/admin/user-group/%d/permissions", id)
		basic := []string{}
		if gen == GenerationV46 {
			basic = []string{"basic"}
		}
		if got := strs(c.api("GET", path, nil, http.StatusOK)); !slices.Equal(got, basic) {
			t.Errorf("a new group's grants: %v, want %v", got, basic)
		}
		// Not locked while the group syncs (it was just created).
		if gen == GenerationV46 {
			got := c.api("PUT", path, map[string]any{"permission": "manage:connectors", "enabled": true}, http.StatusOK)
			if jget(got, "permission") != "manage:connectors" || jget(got, "enabled") != true {
				t.Errorf("toggle answer: %v", got)
			}
			c.api("PUT", path, map[string]any{"permission": "add:connectors", "enabled": true}, http.StatusOK)
			c.api("PUT", path, map[string]any{"permission": "add:connectors", "enabled": false}, http.StatusOK)
			c.api("PUT", path, map[string]any{"permissions": []string{"manage:llms"}}, http.StatusUnprocessableEntity)
			c.api("PUT", path, map[string]any{"permission": "manage:bots", "enabled": true}, http.StatusUnprocessableEntity) // current only
			c.permissionError("PUT", path, map[string]any{"permission": "basic", "enabled": false}, http.StatusBadRequest, codeInvalidInput,
				"Permission 'Permission.BASIC_ACCESS' cannot be toggled via this endpoint")
			if got := strs(c.api("GET", path, nil, http.StatusOK)); !slices.Equal(got, []string{"basic", "manage:connectors"}) {
				t.Errorf("grants after toggles: %v", got)
			}
		} else {
			got := strs(c.api("PUT", path, map[string]any{"permissions": []string{"manage:llms", "manage:connectors"}}, http.StatusOK))
			if !slices.Equal(got, []string{"basic", "manage:connectors", "manage:llms"}) {
				t.Errorf("desired-state answer: %v", got)
			}
			c.api("PUT", path, map[string]any{"permissions": []string{"manage:bots"}}, http.StatusOK)
			c.api("PUT", path, map[string]any{"permission": "manage:llms", "enabled": true}, http.StatusUnprocessableEntity)
			c.api("PUT", path, map[string]any{"permissions": []string{"add:connectors"}}, http.StatusUnprocessableEntity) // v4.6 only
			c.permissionError("PUT", path, map[string]any{"permissions": []string{"admin", "manage:llms"}}, http.StatusBadRequest, codeInvalidInput,
				"Permissions [<Permission.FULL_ADMIN_PANEL_ACCESS: 'admin'>] cannot be toggled via this endpoint")
			if got := strs(c.api("GET", path, nil, http.StatusOK)); !slices.Equal(got, []string{"manage:bots"}) {
				t.Errorf("grants after a second set: %v", got)
			}
			if got := strs(c.api("GET", path+"?include_non_toggleable=true", nil, http.StatusOK)); !slices.Equal(got, []string{"basic", "manage:bots"}) {
				t.Errorf("grants with the non-toggleable ones: %v", got)
			}
			c.permissionError("PUT", "/manage/admin/user-group/1/permissions", map[string]any{"permissions": []string{}}, http.StatusConflict, codeConflict,
				"Cannot change the permissions of a default system group.")
		}
		c.permissionError("GET", "/manage/admin/user-group/99/permissions", nil, http.StatusNotFound, codeNotFound, "User group not found")
		c.call("on_not-a-key", "GET", apiPrefix+path, nil, http.StatusForbidden)
	})
}

// Incognito: both generations store it and report it in the group; only the current one guards the default
// groups. A missing group is 404 with the group's own not-found message.
func TestGroupIncognito(t *testing.T) {
	eachGeneration(t, func(t *testing.T, gen string) {
		c := newTester(t, Options{Generation: gen})
		created := c.createGroup("eng", []string{AdaID}, nil)
		if created["incognito_enabled"] != false {
			t.Errorf("a new group: incognito_enabled %v", created["incognito_enabled"])
		}
		id := int(created["id"].(float64))
		path := fmt.Sprintf("/manage/admin/user-group/%d/incognito", id)
		if got := c.api("PATCH", path, map[string]any{"enabled": true}, http.StatusOK); jget(got, "incognito_enabled") != true {
			t.Errorf("the answer: %v", got)
		}
		if got := c.group(float64(id)); got["incognito_enabled"] != true {
			t.Errorf("listed: %v", got["incognito_enabled"])
		}
		c.api("PATCH", path, map[string]any{}, http.StatusUnprocessableEntity)
		c.permissionError("PATCH", "/manage/admin/user-group/99/incognito", map[string]any{"enabled": true}, http.StatusNotFound, codeNotFound, msgGroupNotFound(99))
		if gen == GenerationCurrent {
			c.permissionError("PATCH", "/manage/admin/user-group/2/incognito", map[string]any{"enabled": true}, http.StatusConflict, codeConflict,
				"Cannot change incognito access on a default system group.")
		} else {
			c.api("PATCH", "/manage/admin/user-group/2/incognito", map[string]any{"enabled": true}, http.StatusOK)
		}
	})
}

// The hook changes grants and incognito behind a client's back.
func TestHookGroupPermissions(t *testing.T) {
	c := newTester(t, Options{Generation: GenerationCurrent})
	id := int(c.createGroup("eng", []string{AdaID}, nil)["id"].(float64))
	c.hook("PATCH", fmt.Sprintf("/groups/%d", id), map[string]any{"permissions": []string{"manage:llms"}, "incognito_enabled": true}, http.StatusOK)
	if got := strs(c.api("GET", fmt.Sprintf("/manage/admin/user-group/%d/permissions?include_non_toggleable=true", id), nil, http.StatusOK)); !slices.Equal(got, []string{"basic", "manage:llms"}) {
		t.Errorf("grants: %v", got)
	}
	if c.group(float64(id))["incognito_enabled"] != true {
		t.Error("incognito not set")
	}
	c.hook("PATCH", fmt.Sprintf("/groups/%d", id), map[string]any{"permissions": []string{"nope"}}, http.StatusBadRequest)
}
