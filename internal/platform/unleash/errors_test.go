package unleash

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Bodies below are what a real Unleash 8.2 server answered (ids shortened).
func TestErrorDecoder(t *testing.T) {
	cases := []struct {
		name      string
		status    int
		body      string
		wantType  string // invalid | conflict | notfound | api
		wantField string
		wantMsg   string
	}{
		{"schema: missing rootRole", 400,
			`{"id":"0072","name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data. Refer to the ` + "`details`" + ` list for more information.","details":[{"path":"/body/rootRole","message":"The ` + "`/body/rootRole`" + ` property is required. It was not present on the data you sent."}]}`,
			"invalid", "role", "The `/body/rootRole` property is required. It was not present on the data you sent."},
		{"schema: bare path and oneOf noise", 400,
			`{"id":"ef41","name":"BadDataError","message":"Request validation failed: x. Refer to the details","details":[{"message":"The rootRole property must be equal to one of the allowed values","path":"rootRole"},{"message":"The \"/body/rootRole\" property must match exactly one schema in oneOf. ...","path":"/body/rootRole"}]}`,
			"invalid", "role", "The rootRole property must be equal to one of the allowed values"},
		{"schema: token type", 400,
			`{"id":"b207","name":"BadDataError","message":"Request validation failed: ...","details":[{"message":"The /body/type property must match pattern","path":"/body/type"},{"message":"The \"/body\" property must match exactly one schema in oneOf.","path":"/body"}]}`,
			"invalid", "unleash.type", "The /body/type property must match pattern"},
		{"service: duplicate email", 400,
			`{"name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data: User already exists","details":[{"message":"User already exists"}]}`,
			"conflict", "email", "User already exists"},
		{"service: unknown role", 400,
			`{"name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data: Could not find rootRole=Owner","details":[{"message":"Could not find rootRole=Owner"}]}`,
			"invalid", "role", "Could not find rootRole=Owner"},
		{"joi: email", 400,
			`{"name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data. Refer to the ` + "`details`" + ` list for more information.","details":[{"message":"\"value\" must be a valid email. You provided \"x@foo.test\"."}]}`,
			"invalid", "email", `"value" must be a valid email. You provided "x@foo.test".`},
		{"service: environment", 400,
			`{"name":"BadDataError","message":"Request validation failed: your request body or params contain invalid data: Environment=nope does not exist","details":[{"message":"Environment=nope does not exist"}]}`,
			"invalid", "unleash.environment", "Environment=nope does not exist"},
		{"owasp", 400,
			`{"name":"OwaspValidationError","message":"The password must be at least 10 characters long.","details":[{"validationErrors":["The password must be at least 10 characters long.","The password must contain at least one number."],"message":"The password must be at least 10 characters long."}]}`,
			"invalid", "password", "The password must be at least 10 characters long."},
		{"html: malformed JSON", 400,
			"<html>\n  <head>\n    <meta charset='utf-8'> \n    <title>SyntaxError: Expected property name or &#39;}&#39; in JSON at position 1</title>\n</head><body><ul id=\"stacktrace\"><li>at /srv/node_modules/body-parser</li></ul></body></html>",
			"invalid", "", "SyntaxError: Expected property name or '}' in JSON at position 1"},
		{"express json: malformed JSON", 400,
			`{"error":{"message":"Expected property name or '}' in JSON at position 1","stack":"SyntaxError: ...","expose":true,"statusCode":400,"status":400,"body":"{bad","type":"entity.parse.failed"}}`,
			"invalid", "", "Expected property name or '}' in JSON at position 1"},
		{"route 404", 404,
			`{"id":"68d9","name":"NotFoundError","message":"The path you were looking for (/api/admin/groups) is not available.","details":[{"message":"The path you were looking for (/api/admin/groups) is not available."}]}`,
			"notfound", "", "The path you were looking for (/api/admin/groups) is not available."},
		{"user 404", 404, `{"name":"NotFoundError","message":"No user found","details":[{"message":"No user found"}]}`,
			"notfound", "", "No user found"},
		{"group name taken", 409, `{"name":"NameExistsError","message":"Group name already exists","details":[{"message":"Group name already exists"}]}`,
			"conflict", "name", "Group name already exists"},
		{"duplicate username", 500,
			`{"name":"UnknownError","message":"insert into \"users\" (\"email\") values ($1) - duplicate key value violates unique constraint \"users_username_key\"","details":[{"message":"..."}]}`,
			"conflict", "unleash.username", `duplicate key value violates unique constraint "users_username_key"`},
		{"unknown project, secure tokens", 500,
			`{"name":"UnknownError","message":"insert into \"api_tokens_v2_project\" (\"project\") values ($1) - insert or update on table \"api_tokens_v2_project\" violates foreign key constraint \"api_tokens_v2_project_project_fkey\"","details":[{"message":"..."}]}`,
			"invalid", "unleash.projects", `insert or update on table "api_tokens_v2_project" violates foreign key constraint "api_tokens_v2_project_project_fkey"`},
		{"other 500", 500, `{"name":"UnknownError","message":"select 1 - connection terminated","details":[]}`,
			"api", "", "connection terminated"},
		{"429 html", 429, "Too many requests, please try again later.", "api", "", "Too many requests, please try again later."},
		{"403 wrong token kind", 403, `{"message":"invalid token: expected a different token type for this endpoint"}`,
			"api", "", "invalid token: expected a different token type for this endpoint"},
	}
	decode := newErrorDecoder("*:*.secret")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			apiErr := &platform.APIError{Method: http.MethodPost, Path: "/api/admin/x", Status: tc.status}
			err := decode(apiErr, &httpclient.Response{Status: tc.status, Body: []byte(tc.body)})
			var (
				inv *platform.InvalidError
				con *platform.ConflictError
				nf  *platform.NotFoundError
			)
			got := "api"
			switch {
			case errors.As(err, &inv):
				got = "invalid"
			case errors.As(err, &con):
				got = "conflict"
			case errors.As(err, &nf):
				got = "notfound"
			}
			if got != tc.wantType {
				t.Fatalf("got %s (%v), want %s", got, err, tc.wantType)
			}
			if apiErr.Message != tc.wantMsg {
				t.Errorf("message %q, want %q", apiErr.Message, tc.wantMsg)
			}
			if fields := platform.FieldErrorsOf(err); tc.wantType == "invalid" || tc.wantType == "conflict" {
				if len(fields) == 0 || fields[0].Field.String() != tc.wantField {
					t.Errorf("fields %v, want the first on %q", fields, tc.wantField)
				}
				for _, f := range fields {
					if strings.Contains(f.Message, "oneOf") {
						t.Errorf("oneOf noise kept: %v", fields)
					}
				}
			}
		})
	}
}

func TestErrorDecoderRedactsTheToken(t *testing.T) {
	const token = "*:*.do-not-print-me"
	apiErr := &platform.APIError{Status: 500}
	err := newErrorDecoder(token)(apiErr, &httpclient.Response{Status: 500, Body: []byte(`{"name":"X","message":"header was ` + token + `"}`)})
	if strings.Contains(err.Error(), token) {
		t.Errorf("token in %v", err)
	}
}

func TestIsRouteNotFound(t *testing.T) {
	route := &platform.NotFoundError{Err: &platform.APIError{Status: 404, Message: "The path you were looking for (/api/admin/groups/1) is not available."}}
	entity := &platform.NotFoundError{Err: &platform.APIError{Status: 404, Message: "Could not find group with id 1"}}
	if !isRouteNotFound(route) || isRouteNotFound(entity) || isRouteNotFound(errors.New("x")) {
		t.Error("isRouteNotFound does not tell a missing route from a missing group")
	}
}

func TestCertainUnwrapsAmbiguous(t *testing.T) {
	conflict := &platform.ConflictError{Err: &platform.APIError{Status: 500}}
	if err := certain(&platform.AmbiguousError{Err: conflict}); platform.IsAmbiguous(err) {
		t.Errorf("a duplicate key stays ambiguous: %v", err)
	}
	invalid := &platform.InvalidError{Err: &platform.APIError{Status: 500}}
	if err := certain(&platform.AmbiguousError{Err: invalid}); platform.IsAmbiguous(err) {
		t.Errorf("a foreign key violation stays ambiguous: %v", err)
	}
	other := &platform.AmbiguousError{Err: &platform.APIError{Status: 502}}
	if err := certain(other); !platform.IsAmbiguous(err) {
		t.Errorf("a 502 lost its ambiguity: %v", err)
	}
}

func TestTokenPathIsRedacted(t *testing.T) {
	secret := "*:development.abcdef0123456789"
	err := redactPath(&platform.APIError{Method: "DELETE", Path: tokensPath + "/" + secret, Status: 500}, secret)
	if strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), tokenID(secret)) {
		t.Errorf("redacted error: %v", err)
	}
}
