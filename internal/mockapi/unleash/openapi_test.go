package unleash

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// specPath is the OpenAPI document a real Unleash 8.2 (open source) serves, saved in the shared folder.
const specPath = "../../../../shared/specs/unleash-openapi.json"

// undocumented are the scenario steps whose status the document does not list for the operation although a
// real server sends it (checked by TestFidelity). Their bodies are checked against the generic error shape.
var undocumented = map[string]bool{
	"duplicate username":       true, // 500 from the database
	"update to a taken email":  true, // 500 from the database
	"no content type":          true, // 415 on user create is not listed
	"admin token refused":      true, // token create lists no 400
	"token name missing":       true,
	"all environments refused": true,
	"unknown environment":      true,
	"unknown project":          true,
	"expiry missing":           true, // token update lists no 400
	"expiry malformed":         true,
}

// offSchema are the scenario steps whose body a real server sends outside the document: GET /api/admin/user
// with an admin API token answers a pseudo-user that is no userSchema. TestFidelity checks their shape.
var offSchema = map[string]bool{
	"current user": true,
}

// groupSchemas maps the group operations (absent from the open-source document) to the component schemas
// the document still carries for them.
var groupSchemas = map[string]string{
	"create group":         "groupWriteResponseSchema",
	"create group minimal": "groupWriteResponseSchema",
	"put group":            "groupWriteResponseSchema",
	"get group":            "groupSchema",
	"get minimal group":    "groupSchema",
	"list groups":          "groupsSchema",
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatalf("the Unleash OpenAPI document must be at %s (shared/specs): %v", specPath, err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("loading %s: %v", specPath, err)
	}
	return doc
}

// TestMockResponsesMatchOpenAPI validates every answer of the mock to the scenario (users, API tokens, and the
// Enterprise groups) against the published document: status documented for the operation, JSON valid against
// its schema (additionalProperties: false included), headers as declared.
func TestMockResponsesMatchOpenAPI(t *testing.T) {
	doc := loadSpec(t)
	mock := New(Options{UserCreatesPerMinute: -1})
	srv := httptest.NewServer(mock)
	defer srv.Close()

	steps := append(userAndTokenSteps(), enterpriseGroupSteps()...)
	exchanges := run(t, srv.URL, mock.AdminToken(), steps, map[string]string{"sfx": newSuffix(), "token": mock.AdminToken()})
	validated := 0
	for _, ex := range exchanges {
		if ex.status != ex.step.status {
			t.Errorf("%s: mock answered %d, want %d: %s", ex.name, ex.status, ex.step.status, clip(ex.body))
			continue
		}
		if offSchema[ex.name] {
			continue
		}
		if schema, ok := groupSchemas[ex.name]; ok {
			validateAgainstComponent(t, doc, ex, schema)
			validated++
			continue
		}
		ex.req.Body = io.NopCloser(bytes.NewReader(ex.reqBody))
		route, params, err := findRoute(doc, ex.req)
		if err != nil {
			// Only the unknown-route steps (and the groups API on error paths) may miss the document.
			if ex.status != 404 && !strings.HasPrefix(ex.req.URL.Path, "/api/admin/groups") {
				t.Errorf("%s: %s %s is not in the document: %v", ex.name, ex.method, ex.req.URL.Path, err)
			}
			checkErrorShape(t, ex)
			continue
		}
		err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: ex.req, PathParams: params, Route: route},
			Status:                 ex.status,
			Header:                 ex.header,
			Body:                   io.NopCloser(bytes.NewReader(ex.body)),
			Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		})
		var respErr *openapi3filter.ResponseError
		switch {
		case undocumented[ex.name]:
			if err == nil {
				t.Errorf("%s: status %d is documented now; drop the step from the undocumented list", ex.name, ex.status)
			} else if !errors.As(err, &respErr) || respErr.Reason != "status is not supported" {
				t.Errorf("%s: %v", ex.name, err)
			}
			checkErrorShape(t, ex)
		case err != nil:
			t.Errorf("%s (%s %s -> %d): %v\nbody: %s", ex.name, ex.method, ex.req.URL.Path, ex.status, err, clip(ex.body))
		default:
			validated++
		}
	}
	if validated < 40 {
		t.Errorf("only %d answers were validated against the document; the scenario lost its coverage", validated)
	}
}

func validateAgainstComponent(t *testing.T, doc *openapi3.T, ex exchange, name string) {
	t.Helper()
	ref := doc.Components.Schemas[name]
	if ref == nil || ref.Value == nil {
		t.Fatalf("%s: the document has no component %s", ex.name, name)
	}
	var v any
	if err := json.Unmarshal(ex.body, &v); err != nil {
		t.Errorf("%s: %v", ex.name, err)
		return
	}
	if err := ref.Value.VisitJSON(v, openapi3.MultiErrors()); err != nil {
		t.Errorf("%s: not a valid %s: %v\nbody: %s", ex.name, name, err, clip(ex.body))
	}
}

// checkErrorShape holds every JSON error to Unleash's {id?, name, message, details[]} shape.
func checkErrorShape(t *testing.T, ex exchange) {
	t.Helper()
	if ex.mediaType != "application/json" {
		return
	}
	var e struct {
		Name    *string `json:"name"`
		Message *string `json:"message"`
		Details []struct {
			Message *string `json:"message"`
		} `json:"details"`
	}
	if err := json.Unmarshal(ex.body, &e); err != nil || e.Name == nil || e.Message == nil || len(e.Details) == 0 || e.Details[0].Message == nil {
		t.Errorf("%s: not an Unleash error body: %s", ex.name, clip(ex.body))
	}
}

// findRoute matches a request against the document's path templates. kin-openapi's routers refuse this
// document: it declares /api/admin/api-tokens/{name} (GET) and /api/admin/api-tokens/{token} (PUT, DELETE),
// one path under two parameter names. A template with more literal segments wins, as in Express.
func findRoute(doc *openapi3.T, req *http.Request) (*routers.Route, map[string]string, error) {
	segments := strings.Split(strings.Trim(req.URL.Path, "/"), "/")
	var best *routers.Route
	var bestParams map[string]string
	bestLiterals := -1
	for template, item := range doc.Paths.Map() {
		parts := strings.Split(strings.Trim(template, "/"), "/")
		if len(parts) != len(segments) || item.GetOperation(req.Method) == nil {
			continue
		}
		params, literals, ok := map[string]string{}, 0, true
		for i, p := range parts {
			switch {
			case strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}"):
				params[p[1:len(p)-1]] = segments[i]
			case p == segments[i]:
				literals++
			default:
				ok = false
			}
		}
		if ok && literals > bestLiterals {
			best = &routers.Route{Spec: doc, Path: template, PathItem: item, Method: req.Method, Operation: item.GetOperation(req.Method)}
			bestParams, bestLiterals = params, literals
		}
	}
	if best == nil {
		return nil, nil, fmt.Errorf("no operation for %s %s", req.Method, req.URL.Path)
	}
	return best, bestParams, nil
}
