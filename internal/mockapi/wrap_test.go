package mockapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRequestsHookReportsAndResetsTheLog(t *testing.T) {
	srv, log, _ := newTestServer(t, &countingAPI{}, nil)
	mustDo(t, "GET", srv.URL+"/api/v3/core/groups/?page=2", "")
	mustDo(t, "POST", srv.URL+"/api/v3/core/groups/", "{}")
	mustDo(t, "POST", srv.URL+"/api/v3/core/users/", "{}")

	var got struct {
		Count   int     `json:"count"`
		Entries []Entry `json:"entries"`
	}
	_, body := mustDo(t, "GET", srv.URL+"/__mock/requests", "")
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Count != 3 || len(got.Entries) != 3 {
		t.Fatalf("count %d, %d entries; want 3", got.Count, len(got.Entries))
	}
	if e := got.Entries[0]; e.Method != "GET" || e.Path != "/api/v3/core/groups/" || e.RawQuery != "page=2" || e.Status != 201 {
		t.Fatalf("first entry = %+v", e)
	}

	_, body = mustDo(t, "GET", srv.URL+"/__mock/requests?method=POST&path_prefix=/api/v3/core/users/", "")
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	if got.Count != 1 {
		t.Fatalf("filtered count = %d, want 1", got.Count)
	}

	if resp, _ := mustDo(t, "DELETE", srv.URL+"/__mock/requests", ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE /__mock/requests = %d", resp.StatusCode)
	}
	if log.Count() != 0 {
		t.Fatalf("log has %d entries after reset", log.Count())
	}
	_, body = mustDo(t, "GET", srv.URL+"/__mock/requests", "")
	if !strings.Contains(body, `"count":0`) || !strings.Contains(body, `"entries":[]`) {
		t.Fatalf("empty log body = %s", body)
	}
}

func TestFaultsHookReplacesAndClearsRules(t *testing.T) {
	srv, _, faults := newTestServer(t, &countingAPI{}, nil)

	resp, body := mustDo(t, "POST", srv.URL+"/__mock/faults?seed=7",
		`[{"kind":"status","status":503,"method":"GET","times":2},{"kind":"slow","delay":"5ms"}]`)
	if resp.StatusCode != 200 {
		t.Fatalf("POST /__mock/faults = %d %s", resp.StatusCode, body)
	}
	rules := faults.Rules()
	if len(rules) != 2 || rules[0].Status != 503 || rules[0].Times != 2 || rules[1].Delay != Duration(5e6) {
		t.Fatalf("rules = %+v", rules)
	}
	if resp, _ := mustDo(t, "GET", srv.URL+"/api/x/", ""); resp.StatusCode != 503 {
		t.Fatalf("rule set over HTTP did not apply: %d", resp.StatusCode)
	}

	for _, bad := range []string{
		`{"kind":"reset"}`,                     // not a list
		`[{"kind":"reset","pathprefix":"/x"}]`, // misspelled key
		`[{"kind":"status","status":42}]`,      // invalid rule
	} {
		if resp, body := mustDo(t, "POST", srv.URL+"/__mock/faults", bad); resp.StatusCode != 400 || !strings.Contains(body, `"error"`) {
			t.Errorf("POST %s = %d %s, want 400 with an error", bad, resp.StatusCode, body)
		}
	}
	if len(faults.Rules()) != 2 {
		t.Fatal("a rejected POST changed the rules")
	}

	_, body = mustDo(t, "GET", srv.URL+"/__mock/faults", "")
	if !strings.Contains(body, `"kind":"status"`) {
		t.Fatalf("GET /__mock/faults = %s", body)
	}
	if resp, _ := mustDo(t, "DELETE", srv.URL+"/__mock/faults", ""); resp.StatusCode != 204 || len(faults.Rules()) != 0 {
		t.Fatalf("DELETE /__mock/faults = %d, rules left %d", resp.StatusCode, len(faults.Rules()))
	}
}

func TestPlatformHooksAreDelegatedAndUnknownHooksAre404(t *testing.T) {
	hooks := http.NewServeMux()
	hooks.HandleFunc("GET /__mock/demo/state", func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, map[string]int{"things": 3})
	})
	srv, log, _ := newTestServer(t, &countingAPI{}, hooks)
	if resp, body := mustDo(t, "GET", srv.URL+"/__mock/demo/state", ""); resp.StatusCode != 200 || body != `{"things":3}` {
		t.Fatalf("platform hook = %d %s", resp.StatusCode, body)
	}
	if resp, _ := mustDo(t, "GET", srv.URL+"/__mock/nothing-here", ""); resp.StatusCode != 404 {
		t.Fatalf("unknown hook = %d, want 404", resp.StatusCode)
	}
	if log.Count() != 0 {
		t.Fatal("hook requests must not be logged")
	}

	bare, _, _ := newTestServer(t, &countingAPI{}, nil)
	if resp, _ := mustDo(t, "GET", bare.URL+"/__mock/demo/state", ""); resp.StatusCode != 404 {
		t.Fatalf("hook on a server without platform hooks = %d, want 404", resp.StatusCode)
	}
}

func TestDecodeHookFields(t *testing.T) {
	decode := func(body string) (map[string]bool, bool, *httptest.ResponseRecorder, string) {
		var name string
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPatch, "/__mock/x", strings.NewReader(body))
		set, ok := DecodeHookFields(rec, req, map[string]any{"name": &name})
		return set, ok, rec, name
	}
	if set, ok, _, name := decode(`{"name":"ops"}`); !ok || !set["name"] || name != "ops" {
		t.Errorf("a known field: set %v ok %v name %q; want name set to ops", set, ok, name)
	}
	if set, ok, _, _ := decode(``); !ok || len(set) != 0 {
		t.Errorf("an empty body: set %v ok %v; want nothing set and no error", set, ok)
	}
	for _, body := range []string{`{"nme":"ops"}`, `{"name":3}`, `[1]`} {
		if _, ok, rec, name := decode(body); ok || rec.Code != http.StatusBadRequest || name != "" {
			t.Errorf("%s: ok %v status %d name %q; want a 400 and nothing changed", body, ok, rec.Code, name)
		}
	}
}
