package tykaistudio

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const testToken = "s3cr3t-key-value-0123456789abcdefghijklmnop="

func decode(status int, body string) error {
	apiErr := &platform.APIError{Method: http.MethodPost, Path: "/api/v1/groups", Status: status}
	return newErrorDecoder(testToken)(apiErr, &httpclient.Response{Status: status, Body: []byte(body)})
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name     string
		status   int
		body     string
		kind     string // "api", "notfound", "invalid", "conflict", "unsupported"
		field    platform.Field
		contains string
	}{
		{"401", 401, `{"error":"Unauthorized"}`, "api", platform.Field{}, "email is verified"},
		{"403 middleware", 403, `{"error":"Forbidden"}`, "api", platform.Field{}, "not an admin"},
		{"403 handler", 403, `{"errors":[{"title":"Forbidden","detail":"super admin user cannot be deleted"}]}`, "api", platform.Field{}, "super admin user cannot be deleted"},
		{"402", 402, `{"errors":[{"detail":"Group management requires Enterprise Edition","title":"Payment Required"}]}`, "unsupported", platform.Field{}, "Tyk AI Studio Enterprise Edition"},
		{"404", 404, `{"errors":[{"title":"Not Found","detail":"User not found"}]}`, "notfound", platform.Field{}, "User not found"},
		{"500 record not found", 500, `{"errors":[{"title":"Internal Server Error","detail":"record not found"}]}`, "notfound", platform.Field{}, "record not found"},
		{"500 PUT users", 500, `{"errors":[{"detail":"Failed to update group users: record not found","title":"Internal Server Error"}]}`, "notfound", platform.Field{}, "record not found"},
		{"500 other", 500, `{"errors":[{"title":"Internal Server Error","detail":"no such column: x"}]}`, "api", platform.Field{}, "no such column: x"},
		{"500 email domain", 500, `{"errors":[{"title":"Internal Server Error","detail":"email domain 'evil.test' is not permitted"}]}`, "invalid", platform.FieldEmail, "not permitted"},
		{"email taken", 400, `{"errors":[{"title":"Bad Request","detail":"Email is already in use"}]}`, "conflict", platform.FieldEmail, "Email is already in use"},
		{"group name taken", 400, `{"errors":[{"detail":"group name already exists","title":"Bad Request"}]}`, "conflict", platform.FieldName, "already exists"},
		{"group name missing", 400, `{"errors":[{"title":"Bad Request","detail":"group name is required"}]}`, "invalid", platform.FieldName, "required"},
		{"notifications", 400, `{"errors":[{"title":"Bad Request","detail":"notifications can only be enabled for admin users"}]}`, "invalid", fieldNotificationsEnabled, "admin"},
		{"sso", 400, `{"errors":[{"title":"Bad Request","detail":"access to IdP configuration can only be enabled for admin users"}]}`, "invalid", fieldAccessToSSOConfig, "IdP"},
		{"json type", 400, `{"errors":[{"title":"Bad Request","detail":"json: cannot unmarshal string into Go struct field .data.attributes.is_admin of type bool"}]}`, "invalid", fieldIsAdmin, "cannot unmarshal"},
		{"unknown 400", 400, `{"errors":[{"title":"Bad Request","detail":"groups not found"}]}`, "invalid", platform.Field{}, "groups not found"},
		{"page=0 double body", 400, `{"errors":[{"title":"Bad Request","detail":"Invalid page number"}]}{"data":[]}`, "invalid", platform.Field{}, "Invalid page number"},
		{"html from a proxy", 502, "<html><body>Bad   Gateway</body></html>", "api", platform.Field{}, "<html><body>Bad Gateway</body></html>"},
		{"token redacted", 500, `{"errors":[{"title":"x","detail":"header was Bearer ` + testToken + `"}]}`, "api", platform.Field{}, "[REDACTED]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := decode(tc.status, tc.body)
			if !strings.Contains(err.Error(), tc.contains) || strings.Contains(err.Error(), testToken) {
				t.Errorf("message %q, want it to contain %q (and never the token)", err, tc.contains)
			}
			var (
				apiErr      *platform.APIError
				nf          *platform.NotFoundError
				invalid     *platform.InvalidError
				conflict    *platform.ConflictError
				unsupported *platform.UnsupportedError
				fields      []platform.FieldError
			)
			switch tc.kind {
			case "api":
				if !errors.As(err, &apiErr) || errors.As(err, &nf) || errors.As(err, &invalid) {
					t.Errorf("got %T, want a plain *platform.APIError", err)
				}
			case "notfound":
				if !errors.As(err, &nf) {
					t.Errorf("got %T, want *platform.NotFoundError", err)
				}
			case "invalid":
				if !errors.As(err, &invalid) {
					t.Fatalf("got %T, want *platform.InvalidError", err)
				}
				fields = invalid.Fields
			case "conflict":
				if !errors.As(err, &conflict) {
					t.Fatalf("got %T, want *platform.ConflictError", err)
				}
				fields = conflict.Fields
			case "unsupported":
				if !errors.As(err, &unsupported) || unsupported.Feature != (platform.Feature{Kind: platform.KindUserGroup}) {
					t.Errorf("got %T %+v, want *platform.UnsupportedError for roster_user_group", err, unsupported)
				}
			}
			if fields != nil && (len(fields) != 1 || fields[0].Field != tc.field) {
				t.Errorf("fields %+v, want one on %q", fields, tc.field)
			}
		})
	}
}

// newStubClient points a client at handler, with fast retries.
func newStubClient(t *testing.T, handler http.HandlerFunc) (*Client, string) {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	c, err := New(Config{Endpoint: srv.URL, Token: testToken,
		HTTP: httpclient.Config{MaxRetries: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	return c, srv.URL
}

// A wrong endpoint reaches the admin UI, which answers every path with 200 text/html: that must
// fail, naming the endpoint, for reads and writes alike.
func TestHTMLSuccessIsAnError(t *testing.T) {
	c, url := newStubClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<!doctype html><html><body><div id=root></div></body></html>"))
	})
	ctx := context.Background()
	_, readErr := c.ReadUser(ctx, "1")
	deleteErr := c.DeleteGroup(ctx, "5")
	_, listErr := c.ListUsers(ctx, platform.UserFilter{})
	for _, err := range []error{readErr, deleteErr, listErr} {
		if err == nil || !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), "text/html") || platform.IsNotFound(err) {
			t.Errorf("got %v, want an error naming endpoint %s and the HTML answer", err, url)
		}
	}
}

func TestEmptySuccessIsFine(t *testing.T) {
	c, _ := newStubClient(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	if err := c.DeleteGroup(context.Background(), "5"); err != nil {
		t.Errorf("204 without a body: %v", err)
	}
}

func TestRefusedErrorsRender(t *testing.T) {
	err := apiutil.Refused(http.MethodPut, "/api/v1/groups/3/users", platform.FieldError{Field: platform.FieldMembers, Message: "no user 42"})
	if msg := err.Error(); !strings.Contains(msg, "not sent") || !strings.Contains(msg, "PUT /api/v1/groups/3/users") {
		t.Errorf("refused error %q", msg)
	}
}
