package onyx

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
)

func TestHooks(t *testing.T) {
	c := newTester(t, Options{Generation: GenerationCurrent})
	id := c.createGroup("eng", []string{AdaID}, []int{1})["id"].(float64)
	c.api("PUT", "/manage/admin/users", map[string]any{"emails": []string{"new@example.com"}}, http.StatusOK)
	c.api("POST", "/admin/api-key", map[string]any{"name": "ci", "group_ids": []any{id}}, http.StatusOK)
	c.api("PATCH", "/manage/admin/deactivate-user", map[string]any{"user_email": GraceEmail}, http.StatusOK)

	s := c.hook("GET", "/state", nil, http.StatusOK)
	if jget(s, "generation") != GenerationCurrent || jget(s, "groups", "count") != float64(3) || jget(s, "pending_syncs") != float64(1) ||
		jget(s, "users", "status", "new@example.com") != "invited" || jget(s, "users", "status", GraceEmail) != "deactivated" ||
		jget(s, "users", "status", AdaEmail) != "active" || jget(s, "users", "count") != float64(4) ||
		jget(s, "api_keys", "names", 0) != "ci" || jget(s, "service_accounts") != float64(1) {
		t.Errorf("state %v", s)
	}
	if v := c.hook("POST", "/sync", nil, http.StatusOK); jget(v, "completed") != float64(1) {
		t.Errorf("sync %v", v)
	}
	// Drift on a group: members and curators by email, connectors, the sync flag.
	g := c.hook("PATCH", "/groups/3", map[string]any{"name": "eng2", "members": []string{"GRACE@example.com", AdaEmail}, "curators": []string{AdaEmail},
		"cc_pair_ids": []int{2, 3}, "is_up_to_date": false}, http.StatusOK)
	if jget(g, "name") != "eng2" || !slices.Equal(emails(jget(g, "users")), []string{AdaEmail, GraceEmail}) ||
		jget(g, "manager_ids", 0) != AdaID || len(jget(g, "cc_pairs").([]any)) != 2 || jget(g, "is_up_to_date") != false {
		t.Errorf("patched group %v", g)
	}
	c.hook("PATCH", "/groups/3", map[string]any{"members": []string{"nobody@example.com"}}, http.StatusBadRequest)
	c.hook("PATCH", "/groups/3", map[string]any{"colour": "red"}, http.StatusBadRequest)
	c.hook("PATCH", "/groups/99", map[string]any{}, http.StatusNotFound)
	c.hook("DELETE", "/groups/2", nil, http.StatusNoContent) // even a default group, at once
	if c.group(float64(2)) != nil {
		t.Error("hook delete left the group listed")
	}
	// Drift on users.
	u := c.hook("PATCH", "/users/ada@example.com", map[string]any{"is_active": false, "personal_name": "Countess"}, http.StatusOK)
	if jget(u, "is_active") != false || jget(u, "personal_name") != "Countess" {
		t.Errorf("patched user %v", u)
	}
	c.hook("DELETE", "/users/new@example.com", nil, http.StatusNoContent)
	c.hook("DELETE", "/users/"+GraceEmail, nil, http.StatusNoContent)
	c.hook("DELETE", "/users/"+GraceEmail, nil, http.StatusNotFound)
	s = c.hook("GET", "/state", nil, http.StatusOK)
	if got := jget(s, "users", "emails"); len(got.([]any)) != 2 {
		t.Errorf("users after hook deletes %v", got)
	}
	for _, e := range c.mock.Log().Entries() {
		if strings.HasPrefix(e.Path, mockapi.HookPrefix) {
			t.Errorf("hook request logged: %+v", e)
		}
	}
}

// A lost response still applies the create: the case a client must resolve by natural key.
func TestLostResponseAppliesTheWrite(t *testing.T) {
	c := newTester(t, Options{})
	if err := c.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: "POST", PathPrefix: "/api/manage/admin/user-group", Times: 1}); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	raw, _ := json.Marshal(map[string]any{"name": "lost", "user_ids": []string{}, "cc_pair_ids": []int{}})
	r, _ := http.NewRequest("POST", c.url+"/api/manage/admin/user-group", bytes.NewReader(raw))
	r.Header.Set("Authorization", "Bearer "+testToken)
	if resp, err := client.Do(r); err == nil {
		resp.Body.Close()
		t.Fatal("the lost response arrived")
	}
	if names := jget(c.hook("GET", "/state", nil, http.StatusOK), "groups", "names").([]any); !slices.Contains(names, any("lost")) {
		t.Errorf("groups %v: the lost create was not applied", names)
	}
	entries := c.mock.Log().Matching("POST", "/api/manage/admin/user-group")
	if len(entries) != 1 || entries[0].Fault != mockapi.FaultLostResponse || entries[0].Status != http.StatusOK {
		t.Errorf("log %+v, want one lost 200", entries)
	}
}

func TestUnknownGenerationPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("New accepted an unknown generation")
		}
	}()
	New(Options{Generation: "v5"})
}
