package tykaistudio

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

const hookPrefix = mockapi.HookPrefix + "tyk_ai_studio"

func (c *tester) hook(method, path string, body any, wantStatus int) any {
	c.t.Helper()
	resp, raw := c.send(method, hookPrefix+path, "", body)
	if resp.StatusCode != wantStatus {
		c.t.Fatalf("hook %s %s: %d, want %d: %s", method, path, resp.StatusCode, wantStatus, raw)
	}
	var v any
	_ = json.Unmarshal(raw, &v)
	return v
}

func TestHooks(t *testing.T) {
	c := newTester(t, Options{})
	u := c.createUser(map[string]any{"email": "a@example.test", "name": "A"})
	gid := c.createGroup(map[string]any{"name": "ops"})

	// Out-of-band roll.
	key := jget(c.hook("POST", "/users/"+u+"/roll", nil, http.StatusOK), "api_key").(string)
	if got := jget(c.api("GET", "/api/v1/users/"+u, nil, http.StatusOK), "data", "attributes", "api_key"); got != key || len(key) != 44 {
		t.Errorf("key after hook roll %v, want %q", got, key)
	}
	// PATCH overwrites only what it is given, without the API's rules.
	c.hook("PATCH", "/users/"+u, map[string]any{"notifications_enabled": true, "groups": []int{2}}, http.StatusOK)
	got := c.api("GET", "/api/v1/users/"+u, nil, http.StatusOK)
	if jget(got, "data", "attributes", "notifications_enabled") != true || jget(got, "data", "attributes", "email") != "a@example.test" ||
		!slices.Equal(ids(jget(got, "data", "attributes", "groups")), []string{gid}) {
		t.Errorf("user after hook PATCH %v", jget(got, "data", "attributes"))
	}
	c.hook("PATCH", "/groups/"+gid, map[string]any{"catalogues": []int{1, 2}, "members": []int{1}}, http.StatusOK)
	if got := ids(jget(c.api("GET", "/api/v1/groups/"+gid, nil, http.StatusOK), "data", "attributes", "catalogues")); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("catalogues after hook PATCH %v", got)
	}
	c.hook("PATCH", "/users/"+u, map[string]any{"emial": "typo"}, http.StatusBadRequest)
	c.hook("PATCH", "/groups/"+gid, map[string]any{"members": []int{999}}, http.StatusBadRequest)
	c.hook("PATCH", "/groups/"+gid, map[string]any{"catalogues": []int{99}}, http.StatusBadRequest)

	state := c.hook("GET", "/state", nil, http.StatusOK)
	if jget(state, "users", "count") != float64(2) || jget(state, "groups", "count") != float64(2) ||
		jget(state, "edition") != "enterprise" || jget(state, "users_with_api_key") != float64(2) || jget(state, "memberships") != float64(2) {
		t.Errorf("state %v", state)
	}
	c.hook("DELETE", "/users/"+u, nil, http.StatusNoContent)
	c.hook("DELETE", "/groups/"+gid, nil, http.StatusNoContent)
	c.hook("DELETE", "/users/"+u, nil, http.StatusNotFound)
	state = c.hook("GET", "/state", nil, http.StatusOK)
	if names := jget(state, "groups", "names").([]any); len(names) != 1 || names[0] != DefaultGroupName {
		t.Errorf("groups after hook delete %v", names)
	}
	if emails := jget(state, "users", "emails").([]any); len(emails) != 1 || emails[0] != SuperAdminEmail {
		t.Errorf("users after hook delete %v", emails)
	}
	c.apiError("GET", "/api/v1/users/"+u, nil, http.StatusNotFound, msgUserNotFound)
	for _, e := range c.mock.Log().Entries() {
		if strings.HasPrefix(e.Path, mockapi.HookPrefix) {
			t.Errorf("hook request logged: %+v", e)
		}
	}
}

// A lost response still applies the create: the case a client must resolve by natural key.
func TestLostResponseAppliesTheWrite(t *testing.T) {
	c := newTester(t, Options{Now: func() time.Time { return time.Date(2026, 3, 27, 0, 0, 0, 0, time.UTC) }})
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: "POST", PathPrefix: "/api/v1/users", Times: 1}); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	raw, _ := json.Marshal(usersBody(map[string]any{"email": "lost@example.test"}))
	r, _ := http.NewRequest("POST", c.url+"/api/v1/users", bytes.NewReader(raw))
	r.Header.Set("Authorization", "Bearer "+testToken)
	if resp, err := client.Do(r); err == nil {
		resp.Body.Close()
		t.Fatal("the lost response arrived")
	}
	if emails := jget(c.hook("GET", "/state", nil, http.StatusOK), "users", "emails").([]any); !slices.Contains(emails, any("lost@example.test")) {
		t.Errorf("users %v: the lost create was not applied", emails)
	}
	entries := c.mock.Log().Matching("POST", "/api/v1/users")
	if len(entries) != 1 || entries[0].Fault != mockapi.FaultLostResponse || entries[0].Status != http.StatusCreated {
		t.Errorf("log %+v, want one lost 201", entries)
	}
}
