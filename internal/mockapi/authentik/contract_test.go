package authentik

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// schemaPath is shared/specs/authentik-schema.yml; shared/ is a sibling of the repository
// directory, four levels above this package.
func schemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "specs", "authentik-schema.yml")
}

var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRouter routers.Router
	specErr    error
)

// loadSpec parses the 1.6 MB schema once per test binary.
func loadSpec(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	path := schemaPath()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the authentik OpenAPI schema is missing at %s (%v): the contract test needs shared/ checked out next to the repository", path, err)
	}
	specOnce.Do(func() {
		// Formats the schema uses that kin-openapi does not check by default. authentik sends "" for
		// a user without an email although the schema says format: email, so blank is accepted.
		openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC4122))
		email := regexp.MustCompile(openapi3.FormatOfStringForEmail)
		openapi3.DefineStringFormatValidator("email", openapi3.NewCallbackValidator(func(s string) error {
			if s == "" || email.MatchString(s) {
				return nil
			}
			return &openapi3.SchemaError{Reason: "not an email address: " + s}
		}))
		loader := openapi3.NewLoader()
		specDoc, specErr = loader.LoadFromFile(path)
		if specErr != nil {
			return
		}
		specRouter, specErr = gorillamux.NewRouter(specDoc)
	})
	if specErr != nil {
		t.Fatalf("loading %s: %v", path, specErr)
	}
	return specDoc, specRouter
}

// contract drives the mock and validates every response against the schema.
type contract struct {
	*harness
	doc       *openapi3.T
	router    routers.Router
	validated map[string]int // operationId -> responses checked
	statuses  map[int]bool
}

// call sends a request and validates the response. Statuses the operation declares are
// validated by kin-openapi; the schema declares no 404/405 for most operations, so those bodies
// are checked against GenericError, which is what authentik sends for them. wellFormed requests
// are also validated against the schema, so the test cannot drift into requests the API would
// never see.
func (c *contract) call(method, path string, body any, key string, wellFormed bool) response {
	c.t.Helper()
	r := c.do(method, path, body, key)

	var reqBody []byte
	switch b := body.(type) {
	case nil:
	case string:
		reqBody = []byte(b)
	default:
		reqBody, _ = json.Marshal(b)
	}
	req := httptest.NewRequest(method, path, bytes.NewReader(reqBody))
	if reqBody != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	route, params, err := c.router.FindRoute(req)
	if errors.Is(err, routers.ErrMethodNotAllowed) && r.status == http.StatusMethodNotAllowed {
		// No operation to validate against: the schema has no such method, which is the point.
		if err := c.validateGenericError(r); err != nil {
			c.t.Errorf("%s %s -> 405 body is not a GenericError: %v", method, path, err)
		}
		c.statuses[r.status] = true
		return r
	}
	if err != nil {
		c.t.Fatalf("%s %s has no operation in the schema: %v", method, path, err)
	}
	input := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	ctx := context.Background()
	if wellFormed {
		if err := openapi3filter.ValidateRequest(ctx, input); err != nil {
			c.t.Fatalf("the test sent a request the schema rejects, %s %s: %v", method, path, err)
		}
	}

	if route.Operation.Responses.Status(r.status) != nil {
		err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
			RequestValidationInput: input,
			Status:                 r.status,
			Header:                 r.header,
			Body:                   io.NopCloser(strings.NewReader(r.raw)),
			Options:                &openapi3filter.Options{MultiError: true, IncludeResponseStatus: true},
		})
	} else {
		err = c.validateGenericError(r)
	}
	if err != nil {
		c.t.Errorf("%s %s -> %d does not match the schema: %v\nbody: %s", method, path, r.status, err, r.raw)
	}
	c.validated[route.Operation.OperationID]++
	c.statuses[r.status] = true
	return r
}

func (c *contract) validateGenericError(r response) error {
	if r.header.Get("Content-Type") != "application/json" {
		return &openapi3.SchemaError{Reason: "undeclared status without a JSON body"}
	}
	var v any
	if err := json.Unmarshal([]byte(r.raw), &v); err != nil {
		return err
	}
	return c.doc.Components.Schemas["GenericError"].Value.VisitJSON(v, openapi3.MultiErrors())
}

func (c *contract) ok(method, path string, body any, status int) map[string]any {
	c.t.Helper()
	return c.expect(c.call(method, "/api/v3"+path, body, adminKey, true), status).obj()
}

func (c *contract) fail(method, path string, body any, key string, status int) {
	c.t.Helper()
	c.expect(c.call(method, "/api/v3"+path, body, key, false), status)
}

func TestContractResponsesMatchTheOpenAPISchema(t *testing.T) {
	doc, router := loadSpec(t)
	c := &contract{harness: newHarness(t), doc: doc, router: router, validated: map[string]int{}, statuses: map[int]bool{}}

	c.expect(c.call("GET", "/api/v3/root/config/", nil, "", true), 200)

	// Groups and users, wired to each other.
	parent := c.ok("POST", "/core/groups/", map[string]any{"name": "parent", "is_superuser": true, "attributes": map[string]any{"a": 1}, "roles": []string{SeedRoleEditorUUID}}, 201)
	ppk := parent["pk"].(string)
	user := c.ok("POST", "/core/users/", map[string]any{"username": "ada", "name": "Ada", "email": "ada@example.com", "groups": []string{ppk}, "roles": []string{SeedRoleViewerUUID}, "attributes": map[string]any{"x": true}}, 201)
	upk := pkPath(user)
	child := c.ok("POST", "/core/groups/", map[string]any{"name": "child", "parents": []string{ppk}, "users": []int{pk(user)}}, 201)
	cpk := child["pk"].(string)
	c.ok("POST", "/core/users/", map[string]any{"username": "no-mail", "name": ""}, 201)

	c.ok("GET", "/core/groups/", nil, 200)
	c.ok("GET", "/core/groups/?include_users=false&include_children=true&include_parents=true&include_inherited_roles=true", nil, 200)
	c.ok("GET", "/core/groups/?members_by_pk="+upk+"&search=child&ordering=-name&page=1&page_size=1", nil, 200)
	c.ok("GET", "/core/groups/?name=none-such", nil, 200)
	c.ok("GET", "/core/groups/"+cpk+"/?include_parents=true&include_inherited_roles=true&include_children=true", nil, 200)
	c.ok("PUT", "/core/groups/"+cpk+"/", map[string]any{"name": "child-2", "users": []int{pk(user)}, "parents": []string{ppk}}, 200)
	c.ok("PATCH", "/core/groups/"+cpk+"/", map[string]any{"attributes": map[string]any{"b": []int{1, 2}}}, 200)
	c.ok("POST", "/core/groups/"+cpk+"/remove_user/", map[string]any{"pk": pk(user)}, 204)
	c.ok("POST", "/core/groups/"+cpk+"/add_user/", map[string]any{"pk": pk(user)}, 204)

	c.ok("GET", "/core/users/", nil, 200)
	c.ok("GET", "/core/users/?include_groups=false&include_roles=false&type=internal&is_active=true&search=ada", nil, 200)
	c.ok("GET", "/core/users/"+upk+"/", nil, 200)
	c.ok("GET", "/core/users/me/", nil, 200)
	c.ok("PUT", "/core/users/"+upk+"/", map[string]any{"username": "ada", "name": "Ada L", "groups": []string{ppk}, "path": "users/eng", "type": "external"}, 200)
	c.ok("PATCH", "/core/users/"+upk+"/", map[string]any{"last_login": "2026-04-01T10:00:00.5Z", "is_active": true}, 200)
	c.ok("POST", "/core/users/"+upk+"/set_password/", map[string]any{"password": "s3cret"}, 204)
	c.ok("POST", "/core/users/service_account/", map[string]any{"name": "robot", "create_group": true, "expiring": false}, 200)

	// Tokens.
	c.ok("POST", "/core/tokens/", map[string]any{"identifier": "ada-api", "user": pk(user), "intent": "api", "description": "d"}, 201)
	c.ok("POST", "/core/tokens/", map[string]any{"identifier": "ada-app", "user": pk(user), "intent": "app_password", "expires": "2026-05-01T20:00:00Z"}, 201)
	c.ok("GET", "/core/tokens/", nil, 200)
	c.ok("GET", "/core/tokens/?intent=api&user__username=ada&ordering=-expires", nil, 200)
	c.ok("GET", "/core/tokens/ada-api/", nil, 200)
	c.ok("PUT", "/core/tokens/ada-api/", map[string]any{"identifier": "ada-api", "user": pk(user), "intent": "api", "expiring": true}, 200)
	c.ok("PATCH", "/core/tokens/ada-api/", map[string]any{"user": pk(user), "intent": "api", "description": "e"}, 200)
	c.ok("GET", "/core/tokens/ada-api/view_key/", nil, 200)
	c.ok("POST", "/core/tokens/ada-api/set_key/", map[string]any{"key": "replacement-key"}, 204)

	// Errors: 400 validation, 403 auth, 404 unknown objects and pages, 405 methods.
	c.fail("POST", "/core/groups/", map[string]any{"name": "parent"}, adminKey, 400)
	c.fail("POST", "/core/groups/", `[]`, adminKey, 400)
	c.fail("PUT", "/core/groups/"+cpk+"/", map[string]any{"name": "x", "users": []int{999}}, adminKey, 400)
	c.fail("POST", "/core/groups/"+cpk+"/add_user/", map[string]any{}, adminKey, 400)
	c.fail("POST", "/core/groups/"+cpk+"/add_user/", map[string]any{"pk": 999}, adminKey, 404)
	c.fail("GET", "/core/groups/?members_by_pk=999", nil, adminKey, 400)
	c.fail("POST", "/core/users/", map[string]any{"username": "ada", "email": "bad", "path": "/x/", "type": "internal_service_account"}, adminKey, 400)
	c.fail("PATCH", "/core/users/"+upk+"/", map[string]any{"groups": "nope"}, adminKey, 400)
	c.fail("POST", "/core/users/"+upk+"/set_password/", map[string]any{"password": ""}, adminKey, 400)
	c.fail("POST", "/core/users/service_account/", map[string]any{"name": "robot"}, adminKey, 400)
	c.fail("POST", "/core/tokens/", map[string]any{"identifier": "bad id", "intent": "recovery"}, adminKey, 400)
	c.fail("POST", "/core/tokens/", map[string]any{"identifier": "ok-id", "intent": "recovery"}, adminKey, 400)
	c.fail("PATCH", "/core/tokens/ada-api/", map[string]any{"user": 1}, adminKey, 400)
	c.fail("POST", "/core/tokens/ada-api/set_key/", map[string]any{"key": ""}, adminKey, 400)
	c.fail("GET", "/core/groups/", nil, "", 403)
	c.fail("POST", "/core/users/", map[string]any{"username": "x", "name": "x"}, "wrong-key", 403)
	c.fail("GET", "/core/tokens/ada-api/view_key/", nil, "wrong-key", 403)
	c.fail("GET", "/core/groups/00000000-0000-4000-8000-000000000000/", nil, adminKey, 404)
	c.fail("GET", "/core/users/999/", nil, adminKey, 404)
	c.fail("GET", "/core/tokens/none/", nil, adminKey, 404)
	c.fail("GET", "/core/tokens/none/view_key/", nil, adminKey, 404)
	c.fail("GET", "/core/users/?page=9", nil, adminKey, 404)
	c.fail("PATCH", "/core/users/service_account/", nil, adminKey, 405)

	// Deletes, last.
	c.ok("DELETE", "/core/tokens/ada-app/", nil, 204)
	c.ok("DELETE", "/core/groups/"+cpk+"/", nil, 204)
	c.ok("DELETE", "/core/users/"+upk+"/", nil, 204)

	// The run must have covered every operation the provider relies on and every status class.
	want := []string{
		"root_config_retrieve",
		"core_groups_list", "core_groups_create", "core_groups_retrieve", "core_groups_update", "core_groups_partial_update",
		"core_groups_destroy", "core_groups_add_user_create", "core_groups_remove_user_create",
		"core_users_list", "core_users_create", "core_users_retrieve", "core_users_update", "core_users_partial_update",
		"core_users_destroy", "core_users_set_password_create", "core_users_service_account_create", "core_users_me_retrieve",
		"core_tokens_list", "core_tokens_create", "core_tokens_retrieve", "core_tokens_update", "core_tokens_partial_update",
		"core_tokens_destroy", "core_tokens_view_key_retrieve", "core_tokens_set_key_create",
	}
	var missing []string
	for _, op := range want {
		if c.validated[op] == 0 {
			missing = append(missing, op)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("operations never validated: %v", missing)
	}
	for _, status := range []int{200, 201, 204, 400, 403, 404, 405} {
		if !c.statuses[status] {
			t.Errorf("no %d response was validated", status)
		}
	}
	total := 0
	for _, n := range c.validated {
		total += n
	}
	t.Logf("validated %d responses over %d operations", total, len(c.validated))
}

// TestContractCheckRejectsAMisnamedField proves the contract test can fail: a response with a
// renamed required field must not pass the same validation.
func TestContractCheckRejectsAMisnamedField(t *testing.T) {
	doc, _ := loadSpec(t)
	h := newHarness(t)
	g := h.createGroup(map[string]any{"name": "g"})
	g["group_name"] = g["name"]
	delete(g, "name")
	if err := doc.Components.Schemas["Group"].Value.VisitJSON(g); err == nil {
		t.Fatal("a Group without name passed schema validation")
	}
	bad := h.api("GET", "/core/tokens/", nil).obj()
	bad["pagination"].(map[string]any)["next"] = "2" // a string where the schema wants a number
	if err := doc.Components.Schemas["PaginatedTokenList"].Value.VisitJSON(bad); err == nil {
		t.Fatal("a pagination with a string page number passed schema validation")
	}
}
