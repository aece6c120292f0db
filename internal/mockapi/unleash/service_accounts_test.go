package unleash

import (
	"strings"
	"testing"
	"time"
)

// Service accounts: absent from the open-source edition like groups; on Enterprise the shapes of the
// enterprise OpenAPI document, a 409 for a taken username, tokens with their secret on create only, and no
// trace of them in the user-admin routes.
func TestServiceAccountsByEdition(t *testing.T) {
	oss := newTestServer(t, Options{Edition: EditionOpenSource})
	for _, path := range []string{"/api/admin/service-account", "/api/admin/service-account/2/token"} {
		status, _, body := oss.do("GET", path, "")
		msg, _ := body.(map[string]any)["message"].(string)
		if status != 404 || !strings.Contains(msg, "is not available") {
			t.Errorf("OSS GET %s: %d %v", path, status, body)
		}
	}

	ent := newTestServer(t, Options{})
	status, _, body := ent.do("POST", "/api/admin/service-account", `{"username":"ci","name":"CI","rootRole":2}`)
	sa, _ := body.(map[string]any)
	if status != 201 || sa["username"] != "ci" || sa["rootRole"] != float64(2) || sa["email"] != nil {
		t.Fatalf("create: %d %v", status, body)
	}
	id := jsonText(sa["id"])
	if status, _, body := ent.do("POST", "/api/admin/service-account", `{"username":"ci","name":"Other","rootRole":3}`); status != 409 || body.(map[string]any)["name"] != "NameExistsError" {
		t.Errorf("duplicate username: %d %v", status, body)
	}
	if status, _, body := ent.do("POST", "/api/admin/service-account", `{"username":"x","rootRole":3}`); status != 400 || !strings.Contains(jsonText(body), "/body/name") {
		t.Errorf("missing name: %d %v", status, body)
	}
	if status, _, _ := ent.do("GET", "/api/admin/user-admin/"+id, ""); status != 404 {
		t.Errorf("user-admin shows the service account: %d", status)
	}
	if _, _, body := ent.do("GET", "/api/admin/user-admin", ""); strings.Contains(jsonText(body), `"ci"`) {
		t.Errorf("user-admin lists the service account: %v", body)
	}
	if status, _, body := ent.do("PUT", "/api/admin/service-account/"+id, `{"name":"CI bot","rootRole":3}`); status != 200 || body.(map[string]any)["name"] != "CI bot" || body.(map[string]any)["rootRole"] != float64(3) {
		t.Errorf("update: %d %v", status, body)
	}

	expires := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	status, _, body = ent.do("POST", "/api/admin/service-account/"+id+"/token", `{"description":"deploy","expiresAt":"`+expires+`"}`)
	tok, _ := body.(map[string]any)
	if secret, _ := tok["secret"].(string); status != 201 || !strings.HasPrefix(secret, "user:") || len(secret) != 61 {
		t.Fatalf("token create: %d %v", status, body)
	}
	if status, _, _ := ent.do("POST", "/api/admin/service-account/"+id+"/token", `{"description":"deploy","expiresAt":"`+expires+`"}`); status != 409 {
		t.Errorf("duplicate token description: %d", status)
	}
	if status, _, body := ent.do("POST", "/api/admin/service-account/"+id+"/token", `{"description":"late"}`); status != 400 || !strings.Contains(jsonText(body), "/body/expiresAt") {
		t.Errorf("token without expiry: %d %v", status, body)
	}
	if status, _, body := ent.do("POST", "/api/admin/service-account/"+id+"/token", `{"description":"old","expiresAt":"2000-01-01T00:00:00Z"}`); status != 400 {
		t.Errorf("token expired at birth: %d %v", status, body)
	}
	_, _, body = ent.do("GET", "/api/admin/service-account", "")
	list := jsonText(body)
	if !strings.Contains(list, `"serviceAccounts"`) || !strings.Contains(list, `"deploy"`) || strings.Contains(list, "user:") {
		t.Errorf("list (tokens embedded, no secrets): %s", list)
	}
	tokenID := jsonText(tok["id"])
	if status, _, _ := ent.do("DELETE", "/api/admin/service-account/"+id+"/token/"+tokenID, ""); status != 200 {
		t.Errorf("token delete: %d", status)
	}
	if _, _, body := ent.do("GET", "/api/admin/service-account/"+id+"/token", ""); jsonText(body) != `{"pats":[]}` {
		t.Errorf("tokens after delete: %v", jsonText(body))
	}
	if status, _, _ := ent.do("DELETE", "/api/admin/service-account/"+id, ""); status != 200 {
		t.Errorf("delete: %d", status)
	}
	if status, _, _ := ent.do("PUT", "/api/admin/service-account/"+id, `{"name":"gone"}`); status != 404 {
		t.Errorf("update of a deleted account: %d", status)
	}
}
