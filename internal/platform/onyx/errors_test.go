package onyx

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/apiutil"
)

const testToken = "on_s3cr3t-key-value-0123456789abcdefghijklmnop"

func decode(status int, path, body string) error {
	apiErr := &platform.APIError{Method: http.MethodPost, Path: "/api" + path, Status: status}
	return newErrorDecoder(testToken)(apiErr, &httpclient.Response{Status: status, Body: []byte(body)})
}

// Every error shape Onyx uses, from both generations, becomes a typed error carrying the server's text.
func TestDecodeErrors(t *testing.T) {
	const groups = "/manage/admin/user-group"
	cases := []struct {
		name     string
		status   int
		path     string
		body     string
		kind     string // api, notfound, invalid, conflict, unsupported, syncing
		field    platform.Field
		contains string
	}{
		{"403 no key", 403, groups, `{"detail":"Access denied. User is not authenticated."}`, "api", platform.Field{}, "not authenticated"},
		{"403 hint", 403, groups, `{"detail":"Access denied. User has limited permissions."}`, "api", platform.Field{}, "Admin group"},
		{"403 OnyxError", 403, groups, `{"error_code":"INSUFFICIENT_PERMISSIONS","detail":"You do not have the required permissions for this action."}`,
			"api", platform.Field{}, "required permissions for this action. [INSUFFICIENT_PERMISSIONS]"},
		{"401", 401, groups, `{"error_code":"INVALID_TOKEN","detail":"Invalid token"}`, "api", platform.Field{}, "Invalid token"},
		{"duplicate current", 409, groups, `{"error_code":"DUPLICATE_RESOURCE","detail":"User group with name 'x' already exists. Please choose a different name."}`,
			"conflict", platform.FieldName, "already exists"},
		{"duplicate v4.6", 400, groups, `{"detail":"User group with name 'x' already exists. Please choose a different name."}`, "conflict", platform.FieldName, "already exists"},
		{"syncing 404 current", 404, groups + "/3", `{"error_code":"NOT_FOUND","detail":"Specified user group is currently syncing. Wait until the current sync has finished before editing."}`,
			"syncing", platform.Field{}, "currently syncing"},
		{"syncing 404 v4.6", 404, groups + "/3", `{"detail":"Specified user group is currently syncing. Wait until the current sync has finished before editing."}`,
			"syncing", platform.Field{}, "currently syncing"},
		{"syncing 409 rename", 409, groups + "/rename", `{"error_code":"CONFLICT","detail":"Specified user group is currently syncing. Wait until the current sync has finished before editing."}`,
			"syncing", platform.Field{}, "currently syncing"},
		{"group not found", 404, groups + "/9", `{"error_code":"NOT_FOUND","detail":"UserGroup with id '9' not found"}`, "notfound", platform.Field{}, "UserGroup with id '9' not found"},
		{"user not found", 404, "/manage/admin/deactivate-user", `{"detail":"User not found"}`, "notfound", platform.Field{}, "User not found"},
		{"unknown members", 404, groups + "/3", `{"error_code":"NOT_FOUND","detail":"User(s) not found: 9f9f"}`, "invalid", platform.FieldMembers, "9f9f"},
		{"curator not member v4.6", 404, groups + "/3/set-curator", `{"detail":"User 'u' is not a member of group '3'"}`, "invalid", fieldCuratorIDs, "not a member"},
		{"manager not member current", 400, groups + "/3/manager", `{"error_code":"INVALID_INPUT","detail":"User 'u' is not a member of group '3'"}`,
			"invalid", fieldCuratorIDs, "not a member"},
		{"delete default", 409, groups + "/1", `{"error_code":"CONFLICT","detail":"Cannot delete a default system group."}`, "invalid", platform.Field{}, "default system group"},
		{"rename default", 409, groups + "/rename", `{"error_code":"CONFLICT","detail":"Cannot rename a default system group."}`, "invalid", platform.FieldName, "default"},
		{"default connectors", 409, groups + "/2", `{"error_code":"CONFLICT","detail":"A default system group holds only members, so it can't take connectors."}`,
			"invalid", fieldCCPairIDs, "connectors"},
		{"stranded", 400, groups + "/3", `{"error_code":"INVALID_INPUT","detail":"a@x would be left without a group. Add them to another group first."}`,
			"invalid", platform.FieldMembers, "left without a group"},
		{"ValueError message", 400, "/admin/api-key", `{"message":"Group IDs do not exist: [77]"}`, "invalid", fieldGroupIDs, "[77]"},
		{"key gone", 400, "/admin/api-key/5", `{"message":"API key with id 5 does not exist"}`, "notfound", platform.Field{}, "does not exist"},
		{"invalid email", 400, "/manage/admin/users", `{"detail":"Invalid email address: x - The email address is not valid."}`, "invalid", platform.FieldEmail, "Invalid email"},
		{"self deactivate", 400, "/manage/admin/deactivate-user", `{"detail":"You cannot deactivate yourself"}`, "invalid", platform.FieldActive, "yourself"},
		{"delete active", 400, "/manage/admin/delete-user", `{"detail":"User must be deactivated before deleting"}`, "invalid", platform.FieldActive, "deactivated"},
		{"curator role", 400, "/manage/set-user-role", `{"detail":"Curator role must be set via the User Group Menu"}`, "invalid", platform.FieldRole, "User Group Menu"},
		{"422 custom", 422, groups, `{"status_code":422,"message":"[{'type': 'missing', 'loc': ('body', 'user_ids'), 'msg': 'Field required'}]","data":null}`,
			"invalid", platform.Field{}, "Field required"},
		{"422 FastAPI default", 422, groups, `{"detail":[{"loc":["body","name"],"msg":"Field required","type":"missing"}]}`, "invalid", platform.Field{}, "[body name]: Field required"},
		{"community edition", 404, groups, `{"detail":"Not Found"}`, "unsupported", platform.Field{}, "Enterprise"},
		{"other generation's route", 404, groups + "/3/manager", `{"detail":"Not Found"}`, "api", platform.Field{}, "generation"},
		{"route missing elsewhere", 404, "/manage/set-user-role", `{"detail":"Not Found"}`, "api", platform.Field{}, "generation"},
		{"tier", 402, groups, `{"error_code":"FEATURE_NOT_AVAILABLE","detail":"This feature requires the Business plan.","required_tier":"business"}`,
			"unsupported", platform.Field{}, "Business plan"},
		{"seats", 402, "/manage/admin/activate-user", `{"error_code":"SEAT_LIMIT_EXCEEDED","detail":"No seats left."}`, "api", platform.Field{}, "No seats left"},
		{"500 text", 500, groups + "/3", "Internal Server Error", "api", platform.Field{}, "Internal Server Error"},
		{"html from a proxy", 502, groups, "<html><body>Bad   Gateway</body></html>", "api", platform.Field{}, "<html><body>Bad Gateway</body></html>"},
		{"token redacted", 400, groups, `{"detail":"header was Bearer ` + testToken + `"}`, "invalid", platform.Field{}, "[REDACTED]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := decode(tc.status, tc.path, tc.body)
			if !strings.Contains(err.Error(), tc.contains) || strings.Contains(err.Error(), testToken) {
				t.Errorf("message %q, want it to contain %q (and never the token)", err, tc.contains)
			}
			var (
				apiErr      *platform.APIError
				invalid     *platform.InvalidError
				conflict    *platform.ConflictError
				unsupported *platform.UnsupportedError
				fields      []platform.FieldError
			)
			isNotFound := platform.IsNotFound(err)
			switch tc.kind {
			case "api":
				if !errors.As(err, &apiErr) || isNotFound || errors.As(err, &invalid) || isSyncing(err) {
					t.Errorf("got %T, want a plain *platform.APIError", err)
				}
			case "notfound":
				if !isNotFound {
					t.Errorf("got %T, want *platform.NotFoundError", err)
				}
			case "syncing":
				if !isSyncing(err) || isNotFound {
					t.Errorf("got %T, want a syncing error that is not a NotFoundError", err)
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
				if !errors.As(err, &unsupported) || unsupported.Platform != Name {
					t.Errorf("got %T, want *platform.UnsupportedError", err)
				}
			}
			if fields != nil && (len(fields) != 1 || fields[0].Field != tc.field) {
				t.Errorf("fields %+v, want one on %q", fields, tc.field)
			}
		})
	}
}

func TestRefusedErrorsRender(t *testing.T) {
	err := apiutil.Refused(http.MethodPut, "/api/manage/admin/users", platform.FieldError{Field: platform.FieldRole, Message: "must accept first"})
	if msg := err.Error(); !strings.Contains(msg, "not sent") || !strings.Contains(msg, "PUT /api/manage/admin/users") {
		t.Errorf("refused error %q", msg)
	}
}
