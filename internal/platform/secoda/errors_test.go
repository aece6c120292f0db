package secoda

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const testToken = "d736dd50-1111-4222-8333-444455556666"

func decode(status int, body string) error {
	apiErr := &platform.APIError{Method: http.MethodPost, Path: "/api/v1/user/", Status: status}
	return newErrorDecoder(testToken)(apiErr, &httpclient.Response{Status: status, Body: []byte(body)})
}

func TestDecodeValidationErrors(t *testing.T) {
	cases := []struct {
		name     string
		body     string
		conflict bool
		fields   []platform.FieldError
		message  string // what the APIError quotes, when checked
	}{
		{
			name:     "duplicate email",
			body:     `{"email":["user with this email already exists."]}`,
			conflict: true,
			fields:   []platform.FieldError{{Field: platform.FieldEmail, Message: "user with this email already exists."}},
			message:  "email: user with this email already exists.",
		},
		{
			name:   "bad role",
			body:   `{"role":["\"owner\" is not a valid choice."]}`,
			fields: []platform.FieldError{{Field: platform.FieldRole, Message: `"owner" is not a valid choice.`}},
		},
		{
			name:   "bad _role",
			body:   `{"_role":["\"owner\" is not a valid choice."]}`,
			fields: []platform.FieldError{{Field: platform.FieldRole, Message: `"owner" is not a valid choice.`}},
		},
		{
			name:    "guest without teams",
			body:    `{"teams":["Guests must be added to at least one team."]}`,
			fields:  []platform.FieldError{{Field: fieldTeams, Message: "Guests must be added to at least one team."}},
			message: "teams: Guests must be added to at least one team.",
		},
		{
			name:   "unknown member",
			body:   `{"users":["Invalid pk \"0000\" - object does not exist."]}`,
			fields: []platform.FieldError{{Field: platform.FieldMembers, Message: `Invalid pk "0000" - object does not exist.`}},
		},
		{
			name: "name halves and icon, sorted, code skipped",
			body: `{"last_name":["Ensure this field has no more than 150 characters."],"code":"invalid","first_name":["Not a valid string."],"icon":["bad"]}`,
			fields: []platform.FieldError{
				{Field: platform.FieldName, Message: "Not a valid string."},
				{Field: fieldIcon, Message: "bad"},
				{Field: platform.FieldName, Message: "Ensure this field has no more than 150 characters."},
			},
		},
		{
			name:   "string instead of a list; description",
			body:   `{"description":"too long"}`,
			fields: []platform.FieldError{{Field: platform.FieldDescription, Message: "too long"}},
		},
		{
			name:    "non_field_errors",
			body:    `{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}`,
			fields:  []platform.FieldError{{Message: "Invalid data. Expected a dictionary, but got list."}},
			message: "Invalid data. Expected a dictionary, but got list.",
		},
		{
			name:    "detail only",
			body:    `{"detail":"JSON parse error - Expecting value"}`,
			fields:  []platform.FieldError{{Message: "JSON parse error - Expecting value"}},
			message: "JSON parse error - Expecting value",
		},
		{
			name:     "uniqueness in detail",
			body:     `{"detail":"User is already a member of this workspace."}`,
			conflict: true,
			fields:   []platform.FieldError{{Message: "User is already a member of this workspace."}},
		},
		{
			name:   "field without a Terraform attribute keeps its name",
			body:   `{"user_groups":["Invalid pk \"x\" - object does not exist."]}`,
			fields: []platform.FieldError{{Message: `user_groups: Invalid pk "x" - object does not exist.`}},
		},
		{
			name:   "nested errors about list items",
			body:   `{"teams":{"0":["Not a valid UUID."]}}`,
			fields: []platform.FieldError{{Field: fieldTeams, Message: "0: Not a valid UUID."}},
		},
		{
			name:    "list body",
			body:    `["first", "second"]`,
			fields:  []platform.FieldError{{Message: "first"}, {Message: "second"}},
			message: "first; second",
		},
		{
			name:   "not JSON",
			body:   "<html><body>Bad   Request</body></html>",
			fields: []platform.FieldError{{Message: "<html><body>Bad Request</body></html>"}},
		},
		{
			name:   "empty",
			body:   "  ",
			fields: []platform.FieldError{{Message: "Secoda rejected the request without saying why"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := decode(http.StatusBadRequest, tc.body)
			var conflict *platform.ConflictError
			var invalid *platform.InvalidError
			switch {
			case tc.conflict && !errors.As(err, &conflict):
				t.Fatalf("got %T (%v), want *platform.ConflictError", err, err)
			case !tc.conflict && !errors.As(err, &invalid):
				t.Fatalf("got %T (%v), want *platform.InvalidError", err, err)
			}
			if got := platform.FieldErrorsOf(err); !reflect.DeepEqual(got, tc.fields) {
				t.Errorf("fields = %#v, want %#v", got, tc.fields)
			}
			var apiErr *platform.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
				t.Fatalf("no 400 APIError wrapped: %v", err)
			}
			if tc.message != "" && apiErr.Message != tc.message {
				t.Errorf("message = %q, want %q", apiErr.Message, tc.message)
			}
		})
	}
}

// Every field name the API uses lands on the Terraform attribute that caused it.
func TestDecodeMapsEveryFieldName(t *testing.T) {
	want := map[string]string{
		"name": "name", "description": "description", "users": "members", "icon": "secoda.icon",
		"email": "email", "emails": "email", "first_name": "name", "last_name": "name", "role": "role", "_role": "role",
		"teams": "secoda.teams", "non_field_errors": "", "detail": "",
	}
	for server, attr := range want {
		got := platform.FieldErrorsOf(decode(http.StatusBadRequest, `{"`+server+`":["Not valid."]}`))
		if len(got) != 1 || got[0].Field.String() != attr || got[0].Message != "Not valid." {
			t.Errorf("%s: fields = %#v, want one error on %q", server, got, attr)
		}
	}
}

func TestDecodeOtherStatuses(t *testing.T) {
	html := "<!doctype html><html><body><h1>Not Found</h1>" + strings.Repeat("x ", 400) + "</body></html>"
	cases := []struct {
		status   int
		body     string
		notFound bool
		conflict bool
		contains []string
	}{
		{404, `{"detail":"Not found."}`, true, false, []string{"Not found."}},
		{404, html, true, false, []string{"<h1>Not Found</h1>", "…"}},
		{401, `{"detail":"Invalid token."}`, false, false, []string{"Invalid token.", "Settings -> API"}},
		{401, "", false, false, []string{"check the token"}},
		{403, `{"detail":"You do not have permission to perform this action."}`, false, false, []string{"permission", "Admin"}},
		{429, `{"detail":"Request was throttled. Expected available in 12 seconds."}`, false, false, []string{"12 seconds", "30 writes per minute", "writes_per_minute"}},
		{409, `{"error":"conflict"}`, false, true, []string{"conflict"}},
		{500, `{"message":"boom"}`, false, false, []string{"boom"}},
		{502, "Bad\n\n  Gateway", false, false, []string{"Bad Gateway"}},
	}
	for _, tc := range cases {
		err := decode(tc.status, tc.body)
		if got := platform.IsNotFound(err); got != tc.notFound {
			t.Errorf("%d: IsNotFound = %v (%v)", tc.status, got, err)
		}
		var conflict *platform.ConflictError
		if got := errors.As(err, &conflict); got != tc.conflict {
			t.Errorf("%d: conflict = %v (%v)", tc.status, got, err)
		}
		var apiErr *platform.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != tc.status {
			t.Fatalf("%d: no APIError: %#v", tc.status, err)
		}
		for _, frag := range tc.contains {
			if !strings.Contains(apiErr.Message, frag) {
				t.Errorf("%d: message %q does not contain %q", tc.status, apiErr.Message, frag)
			}
		}
		if len(apiErr.Message) > httpclient.MaxMessageLength+100 {
			t.Errorf("%d: message not truncated (%d bytes)", tc.status, len(apiErr.Message))
		}
	}
}

func TestDecodeRedactsToken(t *testing.T) {
	for _, status := range []int{400, 401, 404, 500} {
		err := decode(status, `{"detail":"bad header Bearer `+testToken+`"}`)
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("%d: token leaked: %v", status, err)
		}
	}
}

func TestWithKind(t *testing.T) {
	err := platform.WithKind(decode(http.StatusNotFound, `{"detail":"Not found."}`), platform.KindUser, "abc")
	var nf *platform.NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "user" || nf.ID != "abc" {
		t.Errorf("withKind = %#v", err)
	}
	if other := platform.WithKind(errors.New("x"), platform.KindUser, "abc"); other.Error() != "x" {
		t.Errorf("withKind changed a non-404 error: %v", other)
	}
}
