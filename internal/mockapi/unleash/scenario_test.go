package unleash

// The scenario is the request sequence the OpenAPI test sends to the mock and the fidelity test sends to the
// mock and to a real server: every endpoint and quirk the roster client relies on, success and error paths.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// step is one request. {name} placeholders in path and body are filled from the run's variables.
type step struct {
	name   string
	method string
	path   string
	body   string
	// contentType overrides application/json (sent with every body); "-" sends none.
	contentType string
	// auth overrides the Authorization header; "-" sends none.
	auth string
	// capture stores values of the JSON answer as variables for later steps.
	capture func(v any, vars map[string]string)
	// pick narrows a list answer to the objects this run created, since a real server keeps older ones.
	pick func(v any, vars map[string]string) any
	// status is what Unleash answers.
	status int
}

// exchange is one answered step.
type exchange struct {
	step
	req       *http.Request
	reqBody   []byte
	status    int
	header    http.Header
	body      []byte
	mediaType string
	// vars are the run's variables (the pick needs the suffix).
	vars map[string]string
}

// realServer returns the URL and token of a real Unleash, or skips.
func realServer(t *testing.T) (string, string) {
	t.Helper()
	url := os.Getenv("UNLEASH_URL")
	if url == "" {
		t.Skip(`UNLEASH_URL is not set; start a real server with: eval "$(scripts/unleash-server.sh start)"`)
	}
	return strings.TrimRight(url, "/"), os.Getenv("UNLEASH_TOKEN")
}

func newSuffix() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// run sends the steps in order to base and returns the exchanges. It stops the test at a transport error.
func run(t *testing.T, base, token string, steps []step, vars map[string]string) []exchange {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second}
	var out []exchange
	for _, s := range steps {
		path := fill(s.path, vars)
		var body []byte
		if s.body != "" {
			body = []byte(fill(s.body, vars))
		}
		req, err := http.NewRequest(s.method, base+path, bytes.NewReader(body))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		switch {
		case s.contentType == "-":
		case s.contentType != "":
			req.Header.Set("Content-Type", s.contentType)
		case body != nil:
			req.Header.Set("Content-Type", "application/json")
		}
		switch s.auth {
		case "-":
		case "":
			req.Header.Set("Authorization", token)
		default:
			req.Header.Set("Authorization", fill(s.auth, vars))
		}
		req.Header.Set("Accept", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		respBody, _ := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		ex := exchange{step: s, req: req, reqBody: body, status: resp.StatusCode, header: resp.Header, body: respBody, mediaType: mt, vars: vars}
		if s.capture != nil && mt == "application/json" {
			var v any
			if json.Unmarshal(respBody, &v) == nil {
				s.capture(v, vars)
			}
		}
		out = append(out, ex)
	}
	return out
}

func fill(s string, vars map[string]string) string {
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// captureID stores the "id" of a created object.
func captureID(into string) func(any, map[string]string) {
	return func(v any, vars map[string]string) {
		if obj, ok := v.(map[string]any); ok {
			if n, ok := obj["id"].(float64); ok {
				vars[into] = jsonNumber(n)
			}
		}
	}
}

func captureString(key, into string) func(any, map[string]string) {
	return func(v any, vars map[string]string) {
		if obj, ok := v.(map[string]any); ok {
			if s, ok := obj[key].(string); ok {
				vars[into] = s
			}
		}
	}
}

func jsonNumber(f float64) string { b, _ := json.Marshal(f); return string(b) }

// pickList keeps, in the array under listKey (or the top-level array when listKey is ""), the objects whose
// field contains the run's suffix.
func pickList(listKey, field string) func(any, map[string]string) any {
	return func(v any, vars map[string]string) any {
		list := v
		obj, isObj := v.(map[string]any)
		if isObj && listKey != "" {
			list = obj[listKey]
		}
		items, _ := list.([]any)
		var mine []any
		for _, it := range items {
			if m, ok := it.(map[string]any); ok {
				if s, _ := m[field].(string); strings.Contains(s, vars["sfx"]) {
					mine = append(mine, it)
				}
			}
		}
		if isObj && listKey != "" {
			copied := map[string]any{}
			for k, val := range obj {
				copied[k] = val
			}
			copied[listKey] = mine
			return copied
		}
		return mine
	}
}

// userAndTokenSteps are the endpoints roster's Unleash client uses, on any edition.
func userAndTokenSteps() []step {
	create := `{"email":"Ada.{sfx}@Example.com","name":"Ada","username":"ada-{sfx}","rootRole":"Editor","sendEmail":false}`
	return []step{
		{name: "current user", method: "GET", path: "/api/admin/user", status: 200},
		{name: "create user", method: "POST", path: "/api/admin/user-admin", body: create, status: 201, capture: captureID("uid")},
		{name: "get user", method: "GET", path: "/api/admin/user-admin/{uid}", status: 200},
		{name: "list users", method: "GET", path: "/api/admin/user-admin", status: 200, pick: pickList("users", "email")},
		{name: "search users", method: "GET", path: "/api/admin/user-admin/search?q=ada.{sfx}", status: 200},
		{name: "search too short", method: "GET", path: "/api/admin/user-admin/search?q=a", status: 200},
		{name: "update user role by id", method: "PUT", path: "/api/admin/user-admin/{uid}", body: `{"name":"Ada King","rootRole":1}`, status: 200},
		{name: "update user empty email keeps", method: "PUT", path: "/api/admin/user-admin/{uid}", body: `{"email":"","username":"ignored"}`, status: 200},
		{name: "update user unknown role", method: "PUT", path: "/api/admin/user-admin/{uid}", body: `{"rootRole":99}`, status: 400},
		{name: "weak password", method: "POST", path: "/api/admin/user-admin/{uid}/change-password", body: `{"password":"weak"}`, status: 400},
		{name: "strong password", method: "POST", path: "/api/admin/user-admin/{uid}/change-password", body: `{"password":"Str0ng!Passw0rd"}`, status: 200},
		{name: "duplicate email", method: "POST", path: "/api/admin/user-admin", body: `{"email":"ADA.{sfx}@example.com","rootRole":3}`, status: 400},
		{name: "duplicate username", method: "POST", path: "/api/admin/user-admin", body: `{"email":"other.{sfx}@example.com","username":"ada-{sfx}","rootRole":3}`, status: 500},
		{name: "missing rootRole", method: "POST", path: "/api/admin/user-admin", body: `{"email":"x.{sfx}@example.com"}`, status: 400},
		{name: "unknown key", method: "POST", path: "/api/admin/user-admin", body: `{"email":"x.{sfx}@example.com","rootRole":3,"extra":1}`, status: 400},
		{name: "project role name", method: "POST", path: "/api/admin/user-admin", body: `{"email":"x.{sfx}@example.com","rootRole":"Owner"}`, status: 400},
		{name: "lower-case role name", method: "POST", path: "/api/admin/user-admin", body: `{"email":"x.{sfx}@example.com","rootRole":"viewer"}`, status: 400},
		{name: "no email nor username", method: "POST", path: "/api/admin/user-admin", body: `{"name":"x","rootRole":3}`, status: 400},
		{name: "reserved tld", method: "POST", path: "/api/admin/user-admin", body: `{"email":"x.{sfx}@foo.test","rootRole":3}`, status: 400},
		{name: "username-only user", method: "POST", path: "/api/admin/user-admin", body: `{"username":"grace-{sfx}","rootRole":"3","sendEmail":false}`, status: 201, capture: captureID("uid2")},
		{name: "get username-only user", method: "GET", path: "/api/admin/user-admin/{uid2}", status: 200},
		{name: "update to a taken email", method: "PUT", path: "/api/admin/user-admin/{uid2}", body: `{"email":"ada.{sfx}@example.com"}`, status: 500},
		{name: "non-integer id", method: "GET", path: "/api/admin/user-admin/abc", status: 400},
		{name: "unknown user", method: "GET", path: "/api/admin/user-admin/987654321", status: 404},
		{name: "update unknown user", method: "PUT", path: "/api/admin/user-admin/987654321", body: `{"name":"x"}`, status: 404},
		{name: "no content type", method: "POST", path: "/api/admin/user-admin", body: `{"rootRole":3}`, contentType: "-", status: 415},
		{name: "malformed JSON", method: "POST", path: "/api/admin/user-admin", body: `{bad`, status: 400},
		{name: "no PATCH route", method: "PATCH", path: "/api/admin/user-admin/{uid}", status: 404},
		{name: "delete user", method: "DELETE", path: "/api/admin/user-admin/{uid}", status: 200},
		{name: "delete user again", method: "DELETE", path: "/api/admin/user-admin/{uid}", status: 404},
		{name: "get deleted user", method: "GET", path: "/api/admin/user-admin/{uid}", status: 404},
		{name: "delete username-only user", method: "DELETE", path: "/api/admin/user-admin/{uid2}", status: 200},

		{name: "create backend token", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"ci-{sfx}","type":"backend"}`, status: 201, capture: captureString("secret", "secret")},
		{name: "create frontend token", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"fe-{sfx}","type":"FrontEnd","environment":"production","projects":["default"],"expiresAt":"2030-01-02T03:04:05+02:00"}`, status: 201, capture: captureString("secret", "secret2")},
		{name: "create token all projects collapse", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"all-{sfx}","type":"client","projects":["default","*"],"project":"default"}`, status: 201, capture: captureString("secret", "secret3")},
		{name: "list tokens", method: "GET", path: "/api/admin/api-tokens", status: 200, pick: pickList("tokens", "tokenName")},
		{name: "tokens by name", method: "GET", path: "/api/admin/api-tokens/ci-{sfx}", status: 200},
		{name: "tokens by unknown name", method: "GET", path: "/api/admin/api-tokens/none-{sfx}", status: 200},
		{name: "set expiry", method: "PUT", path: "/api/admin/api-tokens/{secret}", body: `{"expiresAt":"2031-01-01T00:00:00Z"}`, status: 200},
		{name: "set expiry of unknown token", method: "PUT", path: "/api/admin/api-tokens/none-{sfx}", body: `{"expiresAt":"2031-01-01T00:00:00Z"}`, status: 200},
		{name: "expiry missing", method: "PUT", path: "/api/admin/api-tokens/{secret}", body: `{}`, status: 400},
		{name: "expiry malformed", method: "PUT", path: "/api/admin/api-tokens/{secret}", body: `{"expiresAt":"soon"}`, status: 400},
		{name: "list after expiry", method: "GET", path: "/api/admin/api-tokens/ci-{sfx}", status: 200},
		{name: "admin token refused", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"x-{sfx}","type":"admin"}`, status: 400},
		{name: "token name missing", method: "POST", path: "/api/admin/api-tokens", body: `{"type":"client"}`, status: 400},
		{name: "all environments refused", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"x-{sfx}","type":"client","environment":"*"}`, status: 400},
		{name: "unknown environment", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"x-{sfx}","type":"client","environment":"nope"}`, status: 400},
		{name: "unknown project", method: "POST", path: "/api/admin/api-tokens", body: `{"tokenName":"x-{sfx}","type":"client","projects":["nope"]}`, status: 400},
		{name: "delete token", method: "DELETE", path: "/api/admin/api-tokens/{secret}", status: 200},
		{name: "delete token again", method: "DELETE", path: "/api/admin/api-tokens/{secret}", status: 200},
		{name: "delete frontend token", method: "DELETE", path: "/api/admin/api-tokens/{secret2}", status: 200},
		{name: "delete collapsed token", method: "DELETE", path: "/api/admin/api-tokens/{secret3}", status: 200},
		{name: "tokens after delete", method: "GET", path: "/api/admin/api-tokens/ci-{sfx}", status: 200},

		{name: "no authorization", method: "GET", path: "/api/admin/user-admin", auth: "-", status: 401},
		{name: "wrong token", method: "GET", path: "/api/admin/user-admin", auth: "*:*.wrong", status: 401},
		{name: "bearer prefix", method: "GET", path: "/api/admin/api-tokens/none-{sfx}", auth: "bearer {token}", status: 200},
		{name: "unknown route", method: "GET", path: "/api/admin/nonexistent", status: 404},
	}
}

// openSourceGroupSteps are what an open-source server answers on the groups API.
func openSourceGroupSteps() []step {
	return []step{
		{name: "list groups (OSS)", method: "GET", path: "/api/admin/groups", status: 404},
		{name: "create group (OSS)", method: "POST", path: "/api/admin/groups", body: `{"name":"g-{sfx}","users":[]}`, status: 404},
		{name: "get group (OSS)", method: "GET", path: "/api/admin/groups/1", status: 404},
		{name: "put group (OSS)", method: "PUT", path: "/api/admin/groups/1", body: `{"name":"g-{sfx}","users":[]}`, status: 404},
		{name: "delete group (OSS)", method: "DELETE", path: "/api/admin/groups/1", status: 404},
	}
}

// openSourceServiceAccountSteps are what an open-source server answers on the service-account API.
func openSourceServiceAccountSteps() []step {
	return []step{
		{name: "list service accounts (OSS)", method: "GET", path: "/api/admin/service-account", status: 404},
		{name: "create service account (OSS)", method: "POST", path: "/api/admin/service-account", body: `{"username":"sa-{sfx}","name":"SA","rootRole":3}`, status: 404},
		{name: "create service-account token (OSS)", method: "POST", path: "/api/admin/service-account/1/token", body: `{"description":"d","expiresAt":"2099-01-01T00:00:00Z"}`, status: 404},
	}
}

// enterpriseGroupSteps exercise the groups API, which only the mock (as Enterprise) can serve here.
func enterpriseGroupSteps() []step {
	return []step{
		{name: "member for groups", method: "POST", path: "/api/admin/user-admin", body: `{"email":"m.{sfx}@example.com","name":"M","rootRole":3,"sendEmail":false}`, status: 201, capture: captureID("mid")},
		{name: "create group", method: "POST", path: "/api/admin/groups", body: `{"name":"g-{sfx}","description":"d","mappingsSSO":["sso"],"rootRole":2,"users":[{"user":{"id":{mid}}}]}`, status: 201, capture: captureID("gid")},
		{name: "create group minimal", method: "POST", path: "/api/admin/groups", body: `{"name":"h-{sfx}"}`, status: 201, capture: captureID("gid2")},
		{name: "get group", method: "GET", path: "/api/admin/groups/{gid}", status: 200},
		{name: "get minimal group", method: "GET", path: "/api/admin/groups/{gid2}", status: 200},
		{name: "list groups", method: "GET", path: "/api/admin/groups", status: 200},
		{name: "put group", method: "PUT", path: "/api/admin/groups/{gid}", body: `{"name":"g2-{sfx}","description":null,"mappingsSSO":[],"rootRole":null,"users":[]}`, status: 200},
		{name: "duplicate group name", method: "POST", path: "/api/admin/groups", body: `{"name":"h-{sfx}"}`, status: 409},
		{name: "empty group name", method: "POST", path: "/api/admin/groups", body: `{"name":""}`, status: 400},
		{name: "unknown member", method: "POST", path: "/api/admin/groups", body: `{"name":"u-{sfx}","users":[{"user":{"id":987654}}]}`, status: 400},
		{name: "unknown group role", method: "POST", path: "/api/admin/groups", body: `{"name":"r-{sfx}","rootRole":42}`, status: 400},
		{name: "missing group", method: "GET", path: "/api/admin/groups/987654", status: 404},
		{name: "delete group", method: "DELETE", path: "/api/admin/groups/{gid}", status: 200},
		{name: "delete missing group", method: "DELETE", path: "/api/admin/groups/{gid}", status: 200},
		{name: "ui config", method: "GET", path: "/api/admin/ui-config", status: 200},
	}
}
