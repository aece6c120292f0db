package onyx

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// specPath is the OpenAPI document Onyx publishes with its API reference (backend v1.2.1-cloud.2),
// saved in the shared folder. It describes the seed's generation, v4.6.
const specPath = "../../../../shared/specs/onyx-openapi.json"

// notInSpec are v4.6 routes the mock serves (the reference documents them for v4.6.1) that the
// published document, older than v4.6.1, lacks. Their answers are checked against the component
// schema the route returns.
var notInSpec = map[string]string{
	"PATCH /manage/admin/user-group/rename":        "UserGroup",
	"POST /manage/admin/user-group/{id}/add-users": "UserGroup",
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatalf("the Onyx OpenAPI document must be at %s (shared/specs): %v", specPath, err)
	}
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC4122))
	doc, err := openapi3.NewLoader().LoadFromData(repairRefs(t, data))
	if err != nil {
		t.Fatalf("loading %s: %v", specPath, err)
	}
	return doc
}

var schemaRef = regexp.MustCompile(`"#/components/schemas/([^"]+)"`)

// repairRefs points references that miss their component only by letter case at the component
// (the published document refers to "adminSearchRequest" but defines "AdminSearchRequest", which
// kin-openapi refuses to load). Any other dangling reference fails the test.
func repairRefs(t *testing.T, data []byte) []byte {
	t.Helper()
	var doc struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s is not JSON: %v", specPath, err)
	}
	return schemaRef.ReplaceAllFunc(data, func(ref []byte) []byte {
		name := string(schemaRef.FindSubmatch(ref)[1])
		if _, ok := doc.Components.Schemas[name]; ok {
			return ref
		}
		for have := range doc.Components.Schemas {
			if strings.EqualFold(have, name) {
				return []byte(`"#/components/schemas/` + have + `"`)
			}
		}
		t.Fatalf("%s refers to a schema it does not define: %s", specPath, name)
		return ref
	})
}

// exchange is one request of the scenario and the mock's answer.
type exchange struct {
	name     string
	method   string
	path     string // below /api, with its query
	reqBody  []byte
	status   int
	header   http.Header
	body     []byte
	template string // the mock's route, for coverage
}

// scenario drives the mock through every v4.6 route and the error answers a client meets.
type scenario struct {
	*tester
	exchanges []exchange
}

func (sc *scenario) do(name, method, path, template string, body any, status int, token string) {
	sc.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	default:
		raw, _ = json.Marshal(b)
	}
	h := http.Header{}
	if token != "" {
		h.Set("Authorization", "Bearer "+token)
	}
	var reqBody any
	if raw != nil {
		reqBody = string(raw)
	}
	resp, got := sc.send(method, "/api"+path, h, reqBody)
	if resp.StatusCode != status {
		sc.t.Errorf("%s: %s %s answered %d, want %d: %s", name, method, path, resp.StatusCode, status, got)
	}
	sc.exchanges = append(sc.exchanges, exchange{name: name, method: method, path: path, reqBody: raw, status: resp.StatusCode,
		header: resp.Header, body: got, template: method + " " + template})
}

func (sc *scenario) ok(name, method, path, template string, body any) {
	sc.t.Helper()
	sc.do(name, method, path, template, body, http.StatusOK, testToken)
}

func (sc *scenario) fail(name, method, path, template string, body any, status int) {
	sc.t.Helper()
	sc.do(name, method, path, template, body, status, testToken)
}

const (
	tGroups   = "/manage/admin/user-group"
	tGroup    = "/manage/admin/user-group/{id}"
	tKey      = "/admin/api-key/{id}"
	tKeys     = "/admin/api-key"
	tRename   = "/manage/admin/user-group/rename"
	tAddUsers = "/manage/admin/user-group/{id}/add-users"
	tCurator  = "/manage/admin/user-group/{id}/set-curator"
)

func (sc *scenario) run() {
	users := func(ids ...string) map[string]any {
		return map[string]any{"user_ids": append([]string{}, ids...), "cc_pair_ids": []int{1}}
	}
	sc.do("version", "GET", "/version", "/version", nil, 200, "")
	sc.ok("me", "GET", "/me", "/me", nil)
	sc.ok("list groups", "GET", tGroups, tGroups, nil)
	sc.ok("list with defaults", "GET", tGroups+"?include_default=true", tGroups, nil)
	sc.ok("create group", "POST", tGroups, tGroups, map[string]any{"name": "eng", "user_ids": []string{AdaID}, "cc_pair_ids": []int{1}})
	sc.fail("patch while syncing", "PATCH", "/manage/admin/user-group/3", tGroup, users(AdaID), 404)
	sc.fail("add while syncing", "POST", "/manage/admin/user-group/3/add-users", tAddUsers, map[string]any{"user_ids": []string{GraceID}}, 404)
	sc.fail("rename while syncing", "PATCH", tRename, tRename, map[string]any{"id": 3, "name": "x"}, 409)
	sc.fail("delete while syncing", "DELETE", "/manage/admin/user-group/3", tGroup, nil, 404)
	sc.ok("list stale", "GET", tGroups, tGroups, nil)
	sc.hook("POST", "/sync", nil, http.StatusOK)
	sc.ok("patch", "PATCH", "/manage/admin/user-group/3", tGroup, users(AdaID))
	sc.ok("add users", "POST", "/manage/admin/user-group/3/add-users", tAddUsers, map[string]any{"user_ids": []string{GraceID}})
	sc.ok("rename", "PATCH", tRename, tRename, map[string]any{"id": 3, "name": "engineering"})
	sc.hook("POST", "/sync", nil, http.StatusOK)
	sc.ok("set curator", "POST", "/manage/admin/user-group/3/set-curator", tCurator, map[string]any{"user_id": AdaID, "is_curator": true})
	sc.ok("list with curator", "GET", tGroups, tGroups, nil)
	sc.fail("curator not a member", "POST", "/manage/admin/user-group/3/set-curator", tCurator, map[string]any{"user_id": AdminID, "is_curator": true}, 404)
	sc.fail("duplicate name", "POST", tGroups, tGroups, map[string]any{"name": "engineering", "user_ids": []string{}, "cc_pair_ids": []int{}}, 400)
	sc.fail("unknown cc pair", "POST", tGroups, tGroups, map[string]any{"name": "new", "user_ids": []string{}, "cc_pair_ids": []int{9}}, 400)
	sc.fail("missing field", "POST", tGroups, tGroups, map[string]any{"name": "new"}, 422)
	sc.fail("malformed id", "PATCH", "/manage/admin/user-group/x", tGroup, users(), 422)
	sc.fail("unknown group", "PATCH", "/manage/admin/user-group/99", tGroup, users(), 404)
	sc.fail("unknown member", "PATCH", "/manage/admin/user-group/3", tGroup, users("9f9f9f9f-0000-4000-8000-000000000000"), 404)
	sc.fail("delete default", "DELETE", "/manage/admin/user-group/1", tGroup, nil, 409)
	sc.fail("rename default", "PATCH", tRename, tRename, map[string]any{"id": 2, "name": "x"}, 409)
	sc.fail("get one", "GET", "/manage/admin/user-group/3", tGroup, nil, 405)
	sc.fail("unknown route", "GET", "/manage/admin/nothing", "", nil, 404)
	sc.do("no key", "GET", tGroups, tGroups, nil, 403, "")
	sc.do("bad key", "GET", tKeys, tKeys, nil, 403, "on_nope")

	sc.ok("invite", "PUT", "/manage/admin/users", "/manage/admin/users", map[string]any{"emails": []string{"new@example.com", "old@example.com"}})
	sc.fail("invite invalid", "PUT", "/manage/admin/users", "/manage/admin/users", map[string]any{"emails": []string{"nope"}}, 400)
	sc.ok("invited", "GET", "/manage/users/invited", "/manage/users/invited", nil)
	sc.ok("uninvite", "PATCH", "/manage/admin/remove-invited-user", "/manage/admin/remove-invited-user", map[string]any{"user_email": "old@example.com"})
	sc.hook("POST", "/users/new@example.com/signup", nil, http.StatusOK)
	sc.ok("all users", "GET", "/manage/users", "/manage/users", nil)
	sc.ok("all users paged", "GET", "/manage/users?q=example&accepted_page=0&slack_users_page=0&invited_page=0&include_api_keys=true", "/manage/users", nil)
	sc.ok("accepted", "GET", "/manage/users/accepted?page_num=0&page_size=2&is_active=true", "/manage/users/accepted", nil)
	sc.ok("directory", "GET", "/users", "/users", nil)
	sc.ok("set role", "PATCH", "/manage/set-user-role", "/manage/set-user-role", map[string]any{"user_email": "new@example.com", "new_role": "global_curator"})
	sc.fail("set curator role", "PATCH", "/manage/set-user-role", "/manage/set-user-role", map[string]any{"user_email": "new@example.com", "new_role": "curator"}, 400)
	sc.fail("set role unknown user", "PATCH", "/manage/set-user-role", "/manage/set-user-role", map[string]any{"user_email": "x@example.com", "new_role": "basic"}, 404)
	sc.fail("set bad role", "PATCH", "/manage/set-user-role", "/manage/set-user-role", map[string]any{"user_email": "new@example.com", "new_role": "owner"}, 422)
	sc.fail("delete active", "DELETE", "/manage/admin/delete-user", "/manage/admin/delete-user", map[string]any{"user_email": "new@example.com"}, 400)
	sc.fail("deactivate self", "PATCH", "/manage/admin/deactivate-user", "/manage/admin/deactivate-user", map[string]any{"user_email": AdminEmail}, 400)
	sc.ok("deactivate", "PATCH", "/manage/admin/deactivate-user", "/manage/admin/deactivate-user", map[string]any{"user_email": "new@example.com"})
	sc.ok("activate", "PATCH", "/manage/admin/activate-user", "/manage/admin/activate-user", map[string]any{"user_email": "new@example.com"})
	sc.ok("deactivate again", "PATCH", "/manage/admin/deactivate-user", "/manage/admin/deactivate-user", map[string]any{"user_email": "new@example.com"})
	sc.ok("delete user", "DELETE", "/manage/admin/delete-user", "/manage/admin/delete-user", map[string]any{"user_email": "new@example.com"})
	sc.fail("delete unknown user", "DELETE", "/manage/admin/delete-user", "/manage/admin/delete-user", map[string]any{"user_email": "new@example.com"}, 404)

	sc.ok("create key", "POST", tKeys, tKeys, map[string]any{"name": "ci", "role": "admin"})
	sc.ok("create unnamed key", "POST", tKeys, tKeys, map[string]any{})
	sc.ok("list keys", "GET", tKeys, tKeys, nil)
	sc.ok("list groups with a service account", "GET", tGroups+"?include_default=true", tGroups, nil)
	sc.ok("update key", "PATCH", "/admin/api-key/1", tKey, map[string]any{"name": "ci2", "role": "basic"})
	sc.ok("regenerate key", "POST", "/admin/api-key/1/regenerate", tKey+"/regenerate", nil)
	sc.fail("update unknown key", "PATCH", "/admin/api-key/9", tKey, map[string]any{"name": "x"}, 400)
	sc.fail("bad key role", "POST", tKeys, tKeys, map[string]any{"role": "owner"}, 422)
	sc.ok("delete key", "DELETE", "/admin/api-key/1", tKey, nil)
	sc.fail("delete unknown key", "DELETE", "/admin/api-key/1", tKey, nil, 400)

	sc.ok("delete group", "DELETE", "/manage/admin/user-group/3", tGroup, nil)
	sc.ok("list deleting", "GET", tGroups, tGroups, nil)
}

// TestMockResponsesMatchOpenAPI validates every answer the v4.6 mock gives to the scenario against
// the published document: a documented status against its schema, an undocumented error status
// against the error shapes Onyx uses.
func TestMockResponsesMatchOpenAPI(t *testing.T) {
	doc := loadSpec(t)
	sc := &scenario{tester: newTester(t, Options{Generation: GenerationV46})}
	sc.run()
	validated := 0
	covered := map[string]bool{}
	for _, ex := range sc.exchanges {
		if ex.status < 300 {
			covered[ex.template] = true
		}
		if ex.status == http.StatusUnprocessableEntity {
			checkValidationShape(t, ex)
		}
		req := httptest.NewRequest(ex.method, "/api"+ex.path, bytes.NewReader(ex.reqBody))
		if ex.reqBody != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if schema, ok := notInSpec[ex.template]; ok {
			// Checked before the route lookup: PATCH …/rename would match …/{user_group_id}.
			if ex.status == http.StatusOK {
				validateComponent(t, doc, ex, schema)
				validated++
			} else {
				checkErrorShape(t, ex)
			}
			continue
		}
		route, params, err := findRoute(doc, req)
		if err != nil {
			if ex.status != http.StatusNotFound && ex.status != http.StatusConflict && ex.status != http.StatusMethodNotAllowed {
				t.Errorf("%s: %s %s is not in the document: %v", ex.name, ex.method, ex.path, err)
			}
			checkErrorShape(t, ex)
			continue
		}
		input := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
		if ex.status < 300 {
			// The scenario only sends requests the document allows, so it cannot drift into requests
			// the API would never see.
			if err := openapi3filter.ValidateRequest(context.Background(), input); err != nil {
				t.Errorf("%s: the scenario sent a request the document rejects: %v", ex.name, err)
			}
		}
		if route.Operation.Responses.Status(ex.status) == nil {
			checkErrorShape(t, ex)
			continue
		}
		err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: input, Status: ex.status, Header: ex.header, Body: io.NopCloser(bytes.NewReader(ex.body)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		})
		if err != nil {
			t.Errorf("%s (%s %s -> %d): %v\nbody: %s", ex.name, ex.method, ex.path, ex.status, err, clip(string(ex.body)))
			continue
		}
		validated++
	}
	// Every route the v4.6 mock serves must have answered with success at least once.
	var missing []string
	for _, r := range v46Routes {
		if !covered[r] {
			missing = append(missing, r)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes never validated with a success: %v", missing)
	}
	if validated < 35 {
		t.Errorf("only %d answers validated; the scenario lost its coverage", validated)
	}
	t.Logf("validated %d of %d answers against the document", validated, len(sc.exchanges))
}

// v46Routes are the routes of the v4.6 mock, as METHOD template.
var v46Routes = []string{
	"GET /version", "GET /me",
	"GET " + tGroups, "POST " + tGroups, "PATCH " + tGroup, "DELETE " + tGroup, "PATCH " + tRename, "POST " + tAddUsers, "POST " + tCurator,
	"GET /manage/users", "GET /manage/users/accepted", "GET /manage/users/invited", "GET /users", "PUT /manage/admin/users",
	"PATCH /manage/admin/remove-invited-user", "PATCH /manage/admin/deactivate-user", "PATCH /manage/admin/activate-user",
	"DELETE /manage/admin/delete-user", "PATCH /manage/set-user-role",
	"GET " + tKeys, "POST " + tKeys, "PATCH " + tKey, "DELETE " + tKey, "POST " + tKey + "/regenerate",
}

func validateComponent(t *testing.T, doc *openapi3.T, ex exchange, name string) {
	t.Helper()
	var v any
	if err := json.Unmarshal(ex.body, &v); err != nil {
		t.Errorf("%s: %v", ex.name, err)
		return
	}
	if err := doc.Components.Schemas[name].Value.VisitJSON(v, openapi3.MultiErrors()); err != nil {
		t.Errorf("%s: not a valid %s: %v", ex.name, name, err)
	}
}

// checkErrorShape holds an undocumented error answer to the shapes Onyx uses: {"detail": str},
// {"error_code", "detail"} or the ValueError handler's {"message": str}.
func checkErrorShape(t *testing.T, ex exchange) {
	t.Helper()
	if ex.header.Get("Content-Type") != "application/json" {
		t.Errorf("%s: error answer is %q, not JSON", ex.name, ex.header.Get("Content-Type"))
		return
	}
	var e map[string]any
	if err := json.Unmarshal(ex.body, &e); err != nil {
		t.Errorf("%s: %v", ex.name, err)
		return
	}
	_, detail := e["detail"].(string)
	_, message := e["message"].(string)
	if detail == message {
		t.Errorf("%s: not an Onyx error body: %s", ex.name, ex.body)
	}
}

// checkValidationShape: Onyx answers 422 with {"status_code": 422, "message", "data": null}.
func checkValidationShape(t *testing.T, ex exchange) {
	t.Helper()
	var e map[string]any
	if err := json.Unmarshal(ex.body, &e); err != nil || e["status_code"] != float64(422) || e["data"] != nil || e["message"] == nil {
		t.Errorf("%s: not Onyx's 422 shape: %s", ex.name, ex.body)
	}
}

var paramSegment = regexp.MustCompile(`^\{[^}]+\}$`)

// findRoute matches a request against the document's path templates below the /api server prefix;
// a template with more literal segments wins. (kin-openapi's routers match the servers' host too,
// https://cloud.onyx.app/api, which a test server never has.)
func findRoute(doc *openapi3.T, req *http.Request) (*routers.Route, map[string]string, error) {
	p, ok := strings.CutPrefix(req.URL.Path, "/api")
	if !ok {
		return nil, nil, fmt.Errorf("no /api prefix")
	}
	segments := strings.Split(strings.Trim(p, "/"), "/")
	var best *routers.Route
	var bestParams map[string]string
	bestLiterals := -1
	for template, item := range doc.Paths.Map() {
		parts := strings.Split(strings.Trim(template, "/"), "/")
		if len(parts) != len(segments) || item.GetOperation(req.Method) == nil {
			continue
		}
		params, literals, match := map[string]string{}, 0, true
		for i, part := range parts {
			switch {
			case paramSegment.MatchString(part):
				params[part[1:len(part)-1]] = segments[i]
			case part == segments[i]:
				literals++
			default:
				match = false
			}
		}
		if match && literals > bestLiterals {
			best = &routers.Route{Spec: doc, Path: template, PathItem: item, Method: req.Method, Operation: item.GetOperation(req.Method)}
			bestParams, bestLiterals = params, literals
		}
	}
	if best == nil {
		return nil, nil, fmt.Errorf("no operation for %s %s", req.Method, p)
	}
	return best, bestParams, nil
}

// TestOpenAPICheckCanFail proves the validation bites: a group answer with a renamed field, a
// snapshot with a role outside the enum, and a key without its role are rejected.
func TestOpenAPICheckCanFail(t *testing.T) {
	doc := loadSpec(t)
	c := newTester(t, Options{})
	g := c.createGroup("g", []string{AdaID}, nil)
	g["users"].([]any)[0].(map[string]any)["role"] = "owner"
	if err := doc.Components.Schemas["UserGroup"].Value.VisitJSON(g); err == nil {
		t.Error("a member with role owner passed")
	}
	delete(g["users"].([]any)[0].(map[string]any), "role")
	if err := doc.Components.Schemas["UserGroup"].Value.VisitJSON(g); err == nil {
		t.Error("a member without a role passed")
	}
	k := c.api("POST", "/admin/api-key", map[string]any{"name": "k"}, http.StatusOK).(map[string]any)
	delete(k, "api_key_role")
	if err := doc.Components.Schemas["ApiKeyDescriptor"].Value.VisitJSON(k); err == nil {
		t.Error("a key without api_key_role passed")
	}
}
