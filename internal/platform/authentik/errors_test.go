package authentik

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const testToken = "s3cr3t-token-value-0123456789"

func decode(status int, body string) error {
	apiErr := &platform.APIError{Method: http.MethodPost, Path: "/api/v3/core/groups/", Status: status}
	return newErrorDecoder(testToken)(apiErr, &httpclient.Response{Status: status, Body: []byte(body)})
}

func TestDecodeValidationErrors(t *testing.T) {
	cases := []struct {
		name     string
		body     string
		conflict bool
		fields   []platform.FieldError
		message  string // what the APIError quotes
	}{
		{
			name:     "duplicate group name",
			body:     `{"name":["Group with this name already exists."]}`,
			conflict: true,
			fields:   []platform.FieldError{{Field: platform.FieldName, Message: "Group with this name already exists."}},
			message:  "name: Group with this name already exists.",
		},
		{
			name:     "duplicate username",
			body:     `{"username":["This field must be unique."]}`,
			conflict: true,
			fields:   []platform.FieldError{{Field: fieldUsername, Message: "This field must be unique."}},
		},
		{
			name:     "duplicate token identifier",
			body:     `{"identifier":["Token with this identifier already exists."]}`,
			conflict: true,
			fields:   []platform.FieldError{{Field: platform.FieldName, Message: "Token with this identifier already exists."}},
		},
		{
			name:     "uniqueness in non_field_errors",
			body:     `{"non_field_errors":["A user/group with these details already exists"]}`,
			conflict: true,
			fields:   []platform.FieldError{{Field: platform.Field{}, Message: "A user/group with these details already exists"}},
			message:  "A user/group with these details already exists",
		},
		{
			name:    "unknown member",
			body:    `{"users":["Invalid pk \"99\" - object does not exist."]}`,
			fields:  []platform.FieldError{{Field: platform.FieldMembers, Message: `Invalid pk "99" - object does not exist.`}},
			message: `users: Invalid pk "99" - object does not exist.`,
		},
		{
			name: "several fields, sorted, code skipped, nested object flattened",
			body: `{"is_superuser":["User does not have permission to set superuser status to True."],"code":"invalid","attributes":{"k":["bad value"]}}`,
			fields: []platform.FieldError{
				{Field: fieldAttributes, Message: "k: bad value"},
				{Field: fieldIsSuperuser, Message: "User does not have permission to set superuser status to True."},
			},
		},
		{
			name:   "string instead of list",
			body:   `{"intent":"Invalid intent verification"}`,
			fields: []platform.FieldError{{Field: fieldIntent, Message: "Invalid intent verification"}},
		},
		{
			name:    "non_field_errors",
			body:    `{"non_field_errors":["Cannot edit internal service accounts."]}`,
			fields:  []platform.FieldError{{Field: platform.Field{}, Message: "Cannot edit internal service accounts."}},
			message: "Cannot edit internal service accounts.",
		},
		{
			name:    "list body from a bad filter",
			body:    `["Invalid JSON", "second"]`,
			fields:  []platform.FieldError{{Message: "Invalid JSON"}, {Message: "second"}},
			message: "Invalid JSON; second",
		},
		{
			name:   "field without a Terraform attribute keeps its name in the text",
			body:   `{"managed":["This field may not be blank."]}`,
			fields: []platform.FieldError{{Field: platform.Field{}, Message: "managed: This field may not be blank."}},
		},
		{
			name:   "not JSON",
			body:   "<html><body>Bad   Request</body></html>",
			fields: []platform.FieldError{{Message: "<html><body>Bad Request</body></html>"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := decode(http.StatusBadRequest, tc.body)
			var conflict *platform.ConflictError
			var invalid *platform.InvalidError
			var apiErr *platform.APIError
			switch {
			case tc.conflict && !errors.As(err, &conflict):
				t.Fatalf("got %T (%v), want *platform.ConflictError", err, err)
			case !tc.conflict && !errors.As(err, &invalid):
				t.Fatalf("got %T (%v), want *platform.InvalidError", err, err)
			}
			if got := platform.FieldErrorsOf(err); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("fields = %#v, want %#v", got, tc.fields)
			}
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
				t.Fatalf("no 400 APIError wrapped: %v", err)
			}
			if tc.message != "" && apiErr.Message != tc.message {
				t.Errorf("message = %q, want %q", apiErr.Message, tc.message)
			}
		})
	}
}

// Every field name the API uses in its validation errors lands on the Terraform attribute that caused it.
func TestDecodeMapsEveryFieldName(t *testing.T) {
	want := map[string]string{
		"name": "name", "users": "members", "email": "email", "is_active": "active",
		"username": "authentik.username", "path": "authentik.path", "type": "authentik.type",
		"attributes": "authentik.attributes", "is_superuser": "authentik.is_superuser",
		"parents": "authentik.parents", "roles": "authentik.roles", "identifier": "name", "user": "owner",
		"description": "description", "expires": "expiry", "intent": "authentik.intent",
		"expiring": "authentik.expiring", "password": "password", "non_field_errors": "",
	}
	for server, attr := range want {
		err := decode(http.StatusBadRequest, `{"`+server+`":["Not valid."]}`)
		got := platform.FieldErrorsOf(err)
		if len(got) != 1 || got[0].Field.String() != attr || got[0].Message != "Not valid." {
			t.Errorf("%s: fields = %#v, want one error on %q", server, got, attr)
		}
	}
}

func TestDecodeEmptyValidationBody(t *testing.T) {
	err := decode(http.StatusBadRequest, "")
	var invalid *platform.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("got %T, want *platform.InvalidError", err)
	}
	if len(invalid.Fields) != 1 || !invalid.Fields[0].Field.IsZero() || !strings.Contains(invalid.Fields[0].Message, "policy") {
		t.Errorf("fields = %#v", invalid.Fields)
	}
}

func TestDecodeOtherStatuses(t *testing.T) {
	long := "<html>" + strings.Repeat("x ", 400) + "</html>"
	cases := []struct {
		status   int
		body     string
		notFound bool
		message  string
	}{
		{404, `{"detail":"No Group matches the given query."}`, true, "No Group matches the given query."},
		{403, `{"detail":"Token invalid/expired"}`, false, "Token invalid/expired"},
		{403, `{"detail":"You do not have permission to perform this action.","code":"permission_denied"}`, false, "You do not have permission to perform this action."},
		{405, `{"detail":"Method \"PUT\" not allowed."}`, false, `Method "PUT" not allowed.`},
		{500, "Internal\n\n Server Error", false, "Internal Server Error"},
		{502, "", false, ""},
		{418, `{"other":"shape"}`, false, `{"other":"shape"}`},
	}
	for _, tc := range cases {
		err := decode(tc.status, tc.body)
		if got := platform.IsNotFound(err); got != tc.notFound {
			t.Errorf("%d %s: IsNotFound = %v", tc.status, tc.body, got)
		}
		var apiErr *platform.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%d: got %T, want an APIError inside", tc.status, err)
		}
		if apiErr.Message != tc.message || apiErr.Status != tc.status {
			t.Errorf("%d: status %d message %q, want %q", tc.status, apiErr.Status, apiErr.Message, tc.message)
		}
	}

	var apiErr *platform.APIError
	if !errors.As(decode(502, long), &apiErr) {
		t.Fatal("no APIError")
	}
	if n := len([]rune(apiErr.Message)); n > httpclient.MaxMessageLength+1 || !strings.HasSuffix(apiErr.Message, "…") {
		t.Errorf("long body not shortened: %d runes, %q", n, apiErr.Message)
	}
}

// A server (or a proxy in front of it) that echoes the token must not get it into an error message.
func TestDecodeNeverQuotesTheToken(t *testing.T) {
	bodies := map[int]string{
		400: `{"name":["` + testToken + ` is taken"], "non_field_errors":["Bearer ` + testToken + `"]}`,
		403: `{"detail":"Token invalid/expired: ` + testToken + `"}`,
		404: `{"detail":"` + testToken + `"}`,
		500: `Authorization: Bearer ` + testToken,
	}
	for status, body := range bodies {
		err := decode(status, body)
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("%d: token in error: %v", status, err)
		}
		for _, f := range platform.FieldErrorsOf(err) {
			if strings.Contains(f.Message, testToken) {
				t.Errorf("%d: token in field error: %v", status, f)
			}
		}
	}
}

// seenRequests records what a test server was asked.
type seenRequests struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (s *seenRequests) all() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

// errorServer answers every request but the current-user probe with one status and body, and records what it
// was asked.
func errorServer(t *testing.T, status int, body string) (*Client, *seenRequests) {
	t.Helper()
	seen := &seenRequests{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/sub/api/v3/core/users/me/" {
			// The current user, which confirms the server is authentik's API before a 404 is trusted.
			_, _ = w.Write([]byte(`{"user":{"pk":1,"username":"akadmin"}}`))
			return
		}
		seen.mu.Lock()
		seen.reqs = append(seen.reqs, r)
		seen.mu.Unlock()
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL + "/sub/", Token: testToken, HTTP: httpclient.Config{MaxRetries: 0}})
	if err != nil {
		t.Fatal(err)
	}
	return c, seen
}

func TestClientFillsNotFoundKindAndID(t *testing.T) {
	const groupID = "5a1f3c2e-8d4b-4e0a-9a51-0f2b7d3c9e11"
	c, seen := errorServer(t, 404, `{"detail":"No Group matches the given query."}`)
	_, err := c.ReadGroup(context.Background(), groupID)
	var nf *platform.NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("got %T (%v), want *platform.NotFoundError", err, err)
	}
	if nf.Kind != "user_group" || nf.ID != groupID || nf.Err == nil || nf.Err.Message != "No Group matches the given query." {
		t.Errorf("NotFoundError = %+v", nf)
	}
	r := seen.all()[0]
	if r.URL.Path != "/sub/api/v3/core/groups/"+groupID+"/" || r.URL.Query().Get("include_users") != "false" {
		t.Errorf("asked %s", r.URL)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("Authorization = %q", got)
	}

	for name, call := range map[string]func() error{
		"user":    func() error { _, err := c.ReadUser(context.Background(), "7"); return err },
		"api_key": func() error { _, err := c.ReadAPIKey(context.Background(), "ci-key"); return err },
	} {
		if err := call(); !errors.As(err, &nf) || nf.Kind != name {
			t.Errorf("%s: got %v", name, err)
		}
	}
	for name, del := range map[string]func() error{
		"group":   func() error { return c.DeleteGroup(context.Background(), groupID) },
		"user":    func() error { return c.DeleteUser(context.Background(), "7") },
		"api_key": func() error { return c.DeleteAPIKey(context.Background(), "ci-key") },
	} {
		if err := del(); err != nil {
			t.Errorf("delete %s of a missing object: %v", name, err)
		}
	}
}

func TestSetPasswordPolicyRefusalPointsAtPassword(t *testing.T) {
	c, _ := errorServer(t, 400, "")
	err := c.setPassword(context.Background(), "7", "hunter2")
	fields := platform.FieldErrorsOf(err)
	if len(fields) != 1 || fields[0].Field != platform.FieldPassword {
		t.Fatalf("fields = %#v (err %v)", fields, err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("password in error: %v", err)
	}
}

func TestForbiddenStaysAnAPIError(t *testing.T) {
	c, _ := errorServer(t, 403, `{"detail":"You do not have permission to perform this action."}`)
	_, err := c.ListGroups(context.Background(), platform.GroupFilter{})
	var apiErr *platform.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 403 || platform.IsNotFound(err) || platform.FieldErrorsOf(err) != nil {
		t.Fatalf("got %T %v", err, err)
	}
	if !strings.Contains(err.Error(), "You do not have permission") {
		t.Errorf("server's words missing: %v", err)
	}
}

func TestMalformedIDsAreRejectedBeforeAnyRequest(t *testing.T) {
	c, seen := errorServer(t, 500, "")
	ctx := context.Background()
	calls := map[string]func() error{
		"group traversal": func() error { _, err := c.ReadGroup(ctx, "../users/1"); return err },
		"group name":      func() error { _, err := c.ReadGroup(ctx, "platform-team"); return err },
		"user email":      func() error { _, err := c.ReadUser(ctx, "ada@example.com"); return err },
		"user zero":       func() error { return c.DeleteUser(ctx, "0") },
		"token slash":     func() error { _, err := c.ReadAPIKey(ctx, "a/b"); return err },
		"token empty":     func() error { return c.DeleteAPIKey(ctx, "") },
	}
	for name, call := range calls {
		if err := call(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if n := len(seen.all()); n != 0 {
		t.Errorf("%d requests sent for malformed ids", n)
	}
}
