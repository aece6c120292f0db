package onyx

// Fuzz targets for what the client reads from the wire: the error decoder, and every read through the
// real client against a server answering with arbitrary statuses and bodies. `go test` runs the seed
// corpora; `go test -fuzz=FuzzXxx ./internal/platform/onyx/` explores further.

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

const fuzzToken = "on_fuzz0onyx0key0Zq8xW2vN5mK7pR1tY4uE6iO9aS3dF0gH"

// knownFields are the attribute names a field error may point at (besides "" for the whole object).
func knownFields() map[platform.Field]bool {
	out := map[platform.Field]bool{{}: true}
	for _, attr := range []platform.Field{platform.FieldName, platform.FieldDescription, platform.FieldMembers, platform.FieldEmail, platform.FieldRole, platform.FieldActive, platform.FieldPassword,
		platform.FieldUserID, platform.FieldExpiresAt, fieldCCPairIDs, fieldCuratorIDs, fieldKeyRole, fieldGroupIDs} {
		out[attr] = true
	}
	return out
}

var errorSeeds = []struct {
	status int
	body   string
}{
	{400, `{"detail":"User group with name 'eng' already exists. Please choose a different name."}`},
	{400, `{"message":"Group IDs do not exist: [77]"}`},
	{400, `{"message":"API key with id 5 does not exist"}`},
	{400, `{"detail":"Invalid email address: x - The email address is not valid. It must have exactly one @-sign."}`},
	{400, `{"detail":"User must be deactivated before deleting"}`},
	{400, `{"error_code":"INVALID_INPUT","detail":"a@x, b@y would be left without a group. Add them to another group first."}`},
	{400, `{"error_code":"INVALID_INPUT","detail":"User '1c8d0b63' is not a member of group '3'"}`},
	{400, ``},
	{402, `{"error_code":"FEATURE_NOT_AVAILABLE","detail":"This feature requires the Business plan.","required_tier":"business"}`},
	{403, `{"detail":"Access denied. User is not authenticated."}`},
	{403, `{"detail":"Access denied. User has limited permissions."}`},
	{403, `{"error_code":"INSUFFICIENT_PERMISSIONS","detail":"You do not have the required permissions for this action."}`},
	{403, `{"detail":"bad key Bearer ` + fuzzToken + `"}`},
	{404, `{"detail":"Not Found"}`},
	{404, `{"error_code":"NOT_FOUND","detail":"UserGroup with id '9' not found"}`},
	{404, `{"error_code":"NOT_FOUND","detail":"Specified user group is currently syncing. Wait until the current sync has finished before editing."}`},
	{404, `{"error_code":"NOT_FOUND","detail":"User(s) not found: 9f9f"}`},
	{404, `{"detail":"User not found"}`},
	{405, `{"detail":"Method Not Allowed"}`},
	{409, `{"error_code":"DUPLICATE_RESOURCE","detail":"User group with name 'eng' already exists. Please choose a different name."}`},
	{409, `{"error_code":"CONFLICT","detail":"Cannot delete a default system group."}`},
	{409, `{"error_code":"CONFLICT","detail":"Specified user group is currently syncing. Wait until the current sync has finished before editing."}`},
	{422, `{"status_code":422,"message":"[{'type': 'missing', 'loc': ('body', 'cc_pair_ids'), 'msg': 'Field required'}]","data":null}`},
	{422, `{"detail":[{"loc":["body","user_ids",0],"msg":"Input should be a valid UUID","type":"uuid_parsing"}]}`},
	{429, `{"error_code":"RATE_LIMITED","detail":"Too many requests"}`},
	{500, `Internal Server Error`},
	{502, `<html><body><h1>502 Bad Gateway</h1>X-Onyx-Authorization: Bearer ` + fuzzToken + `</body></html>`},
	{503, `{"detail":"` + strings.Repeat("maintenance ", 80) + `"}`},
	{504, "\xff\xfe not utf-8 \x00"},
}

// FuzzErrorDecoder: whatever a non-2xx answer holds, the decoded error names the request's method and
// path and never shows the token; it keeps the status (or, for a plan without the feature, says so);
// a "currently syncing" answer is never "not found"; only a 404 (or Onyx's 400 for an unknown key id)
// is "not found"; 400, 409 and 422 are invalid or a conflict unless the group is syncing; and field
// errors point only at known attributes.
func FuzzErrorDecoder(f *testing.F) {
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	const method, path = http.MethodPatch, "/api/manage/admin/user-group/3"
	platformtest.FuzzErrorDecoder(f, platformtest.ErrorDecoder{
		Token: fuzzToken, Decode: newErrorDecoder(fuzzToken), KnownFields: knownFields(),
		Method: method, Path: path,
		Check: func(t *testing.T, status int, err error) {
			var (
				invalid     *platform.InvalidError
				conflict    *platform.ConflictError
				unsupported *platform.UnsupportedError
			)
			if errors.As(err, &unsupported) {
				if status != http.StatusPaymentRequired {
					t.Fatalf("status %d became %T", status, err)
				}
			} else {
				platformtest.CheckRequestKept(t, err, method, path, status)
			}
			syncing := isSyncing(err)
			switch {
			case syncing && platform.IsNotFound(err):
				t.Fatalf("a syncing answer is a NotFoundError: %v", err)
			case platform.IsNotFound(err) && status != http.StatusNotFound && status != http.StatusBadRequest:
				t.Fatalf("status %d became a NotFoundError", status)
			case syncing:
			case (status == http.StatusBadRequest || status == http.StatusConflict || status == http.StatusUnprocessableEntity) &&
				!errors.As(err, &invalid) && !errors.As(err, &conflict) && !platform.IsNotFound(err):
				t.Fatalf("a %d is neither invalid, a conflict nor not found: %T", status, err)
			}
		},
	})
}

var readSeeds = []struct {
	status int
	body   string
}{
	{200, `[{"id":3,"name":"eng","users":[{"id":"u2","email":"Grace@Example.com"},{"id":"u1","email":"ada@example.com"},{"id":"sa","email":"API_KEY__ci@saonyxapikey.ai","account_type":"SERVICE_ACCOUNT"}],"manager_ids":["u1"],"cc_pairs":[{"id":2},{"id":1}],"is_up_to_date":true,"is_up_for_deletion":false,"is_default":false}]`},
	{200, `[{"id":3,"name":"eng","users":[],"curator_ids":["ghost"],"is_up_for_deletion":true},{"id":3,"name":"eng"}]`},
	{200, `[{"id":1,"name":"Admin","is_default":true,"users":[{"id":"a","email":"admin@onyx.test"}]}]`},
	{200, `{"accepted":[{"id":"u1","email":"Ada@Example.com","is_active":true,"role":"admin","personal_name":"Ada"}],"invited":[{"email":"new@example.com"},{"email":"ada@example.com"}],"slack_users":[],"accepted_pages":1,"invited_pages":1,"slack_users_pages":1}`},
	{200, `{"accepted":[{"id":"u1","email":"ada@example.com","is_active":false,"is_admin":true,"account_type":"STANDARD"}],"invited":[],"accepted_pages":1000000000,"invited_pages":3}`},
	{200, `{"accepted":[],"invited":[],"accepted_pages":-5,"invited_pages":0}`},
	{200, `[{"api_key_id":5,"api_key_display":"on_fuzz********0gH","api_key":"` + fuzzToken + `","api_key_name":"ci","groups":[{"id":1,"name":"Admin"}],"user_id":"sa"}]`},
	{200, `[{"api_key_id":5,"api_key_display":"on_abcd********wxyz","api_key":null,"api_key_name":null,"api_key_role":"ADMIN","user_id":"sa"},{"api_key_id":6,"api_key_name":"ci"},{"api_key_id":7,"api_key_name":"ci"}]`},
	{200, `{"backend_version":"v4.6.1"}`},
	{200, `null`},
	{200, `{}`},
	{200, ``},
	{404, `{"detail":"Not Found"}`},
	{403, `{"detail":"Access denied. User is not authenticated. ` + fuzzToken + `"}`},
	{500, `<html><title>Internal Server Error</title></html>`},
}

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status and body. Nothing panics, every read finishes within a few requests, errors about a request name
// it and never show the token, lookups return what was asked for, members and curators come back as
// sorted emails without API keys' service accounts, and key reads never return a secret.
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, []byte(s.body))
	}
	srv := platformtest.NewFuzzServer(f, fuzzToken,
		platformtest.Answer{Status: http.StatusOK, ContentType: "application/json", Body: []byte(`[]`)})
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, HTTP: platformtest.FuzzHTTPConfig()})
	if err != nil {
		f.Fatal(err)
	}
	checkGroup := func(t *testing.T, g platform.Group) {
		t.Helper()
		x, _ := g.Extra.(GroupExtra)
		for _, list := range [][]string{g.Members, x.CuratorIDs, x.CCPairIDs} {
			if !slices.IsSorted(list) || len(slices.Compact(slices.Clone(list))) != len(list) {
				t.Fatalf("group %s: %v is not a sorted set", g.ID, list)
			}
		}
		for _, m := range g.Members {
			if m != strings.ToLower(m) || strings.HasPrefix(m, "api_key__") {
				t.Fatalf("group %s: member %q is not a person's lower-cased email", g.ID, m)
			}
		}
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		srv.Serve(platformtest.Answer{Status: platformtest.FuzzStatus(status, 200), ContentType: "application/json", Body: body})
		ctx := context.Background()
		read := srv.Reader(t)
		read("ReadGroup", func() error {
			g, err := client.ReadGroup(ctx, "3")
			if err == nil {
				if g.ID != "3" {
					t.Fatalf("ReadGroup(3) returned group %s", g.ID)
				}
				checkGroup(t, g)
			}
			return err
		})
		read("ListGroups", func() error {
			groups, err := client.ListGroups(ctx, platform.GroupFilter{})
			for _, g := range groups {
				checkGroup(t, g)
			}
			return err
		})
		read("FindGroupByName", func() error {
			g, err := client.FindGroupByName(ctx, "eng")
			if err == nil && g.Name != "eng" {
				t.Fatalf("FindGroupByName returned a group named %q", g.Name)
			}
			return err
		})
		read("ReadUser", func() error {
			u, err := client.ReadUser(ctx, "ada@example.com")
			if err == nil && u.ID != "ada@example.com" {
				t.Fatalf("ReadUser returned user %q", u.ID)
			}
			return err
		})
		read("FindUserByEmail", func() error {
			u, err := client.FindUserByEmail(ctx, "Ada@Example.com")
			if err == nil && !strings.EqualFold(u.Email, "ada@example.com") {
				t.Fatalf("FindUserByEmail returned a user with email %q", u.Email)
			}
			return err
		})
		read("ListUsers", func() error {
			users, err := client.ListUsers(ctx, platform.UserFilter{})
			for _, u := range users {
				if u.ID != strings.ToLower(strings.TrimSpace(u.Email)) {
					t.Fatalf("user id %q is not its lower-cased email %q", u.ID, u.Email)
				}
			}
			return err
		})
		read("ReadAPIKey", func() error {
			k, err := client.ReadAPIKey(ctx, "5")
			if err == nil && (k.ID != "5" || k.Secret != "") {
				t.Fatalf("ReadAPIKey(5) returned key %s with a secret: %v", k.ID, k.Secret != "")
			}
			return err
		})
		read("ListAPIKeys", func() error {
			keys, err := client.ListAPIKeys(ctx)
			for _, k := range keys {
				if k.Secret != "" {
					t.Fatalf("a key list shows a secret: key %s", k.ID)
				}
			}
			return err
		})
		read("FindAPIKeyByName", func() error {
			k, err := client.FindAPIKeyByName(ctx, "ci")
			if err == nil && (k.Name != "ci" || k.Secret != "") {
				t.Fatalf("FindAPIKeyByName returned key %q with a secret: %v", k.Name, k.Secret != "")
			}
			return err
		})
	})
}

// A token echoed across the message length limit is cut out before the text is shortened.
func TestDecodeCutsAnEchoedTokenBeforeShortening(t *testing.T) {
	platformtest.CheckCutEcho(t, newErrorDecoder(fuzzToken), fuzzToken)
}
