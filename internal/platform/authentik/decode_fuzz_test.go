package authentik

// Fuzz targets for what the client reads from the wire: the error decoder, and every read of a resource
// through the real client against a server answering with arbitrary statuses and bodies. `go test` runs
// the seed corpora; `go test -fuzz=FuzzXxx ./internal/platform/authentik/` explores further.

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

const fuzzToken = "fuzz-authentik-token-5f2c9a7e31d04b8c"

// knownFields are the attribute names a field error may point at (besides "" for the whole object).
func knownFields() map[platform.Field]bool {
	out := map[platform.Field]bool{{}: true, platform.FieldPassword: true}
	for _, attr := range apiFields {
		out[attr] = true
	}
	return out
}

var errorSeeds = []struct {
	status int
	body   string
}{
	{400, `{"name":["Group with this name already exists."]}`},
	{400, `{"username":["This field must be unique."],"code":"unique"}`},
	{400, `{"users":["Invalid pk \"99\" - object does not exist."]}`},
	{400, `{"non_field_errors":["A user/group with these details already exists"]}`},
	{400, `{"attributes":{"team":["Not a valid string."]}}`},
	{400, `["Invalid filter: page_size must be an integer"]`},
	{400, ``},
	{400, `{"password":["Password is too common.","Password must contain a digit."]}`},
	{400, `{"detail":"JSON parse error - Expecting value: line 1 column 1 (char 0)"}`},
	{400, `{"identifier":["Ensure this field has no more than 255 characters."],"intent":["\"recovery\" is not a valid choice."]}`},
	{403, `{"detail":"Token invalid/expired"}`},
	{403, `{"detail":"Token invalid/expired: Bearer ` + fuzzToken + `"}`},
	{403, `{"detail":"You do not have permission to perform this action."}`},
	{404, `{"detail":"No Group matches the given query."}`},
	{404, `<!DOCTYPE html><html><head><title>Not Found</title></head><body>Not Found</body></html>`},
	{405, `{"detail":"Method \"PUT\" not allowed."}`},
	{429, `{"detail":"Request was throttled. Expected available in 3 seconds."}`},
	{500, `<html><head><title>Server Error (500)</title></head><body><h1>Server Error (500)</h1></body></html>`},
	{502, `upstream connect error or disconnect/reset before headers. Authorization: Bearer ` + fuzzToken},
	{503, `{"detail":"` + strings.Repeat("maintenance ", 80) + `"}`},
	{504, "\xff\xfe not utf-8 \x00"},
}

// FuzzErrorDecoder: whatever a non-2xx answer holds, the decoded error names the request's method and path,
// keeps the status, classifies 400 and 404 as the provider expects, points field errors only at known
// attributes, and never shows the token.
func FuzzErrorDecoder(f *testing.F) {
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	platformtest.FuzzErrorDecoder(f, platformtest.ErrorDecoder{
		Token: fuzzToken, Decode: newErrorDecoder(fuzzToken), KnownFields: knownFields(),
		Method: http.MethodPatch, Path: "/api/v3/core/groups/0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10/",
	})
}

var readSeeds = []struct {
	status int
	body   string
}{
	{200, `{"pk":"0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10","num_pk":2,"name":"platform-team","is_superuser":false,"parent":null,"parents":[],"users":[3,2,10],"attributes":{"team":"platform"},"roles":[]}`},
	{200, `{"pagination":{"next":0,"previous":0,"count":1,"current":1,"total_pages":1,"start_index":1,"end_index":1},"results":[{"pk":"0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10","name":"g","users":[2]}]}`},
	{200, `{"pagination":{"next":2,"current":1},"results":[]}`},
	{200, `{"pagination":{"next":1,"current":1},"results":[{"pk":7}]}`},
	{200, `{"pk":7,"username":"ada","name":"Ada Lovelace","is_active":true,"email":"ada@example.com","attributes":null,"path":"users","type":"internal"}`},
	{200, `{"pagination":{"next":0},"results":[{"pk":7,"username":"ada","email":"ADA@example.com"},{"pk":8,"username":"ada2","email":"ada@example.com"}]}`},
	{200, `{"identifier":"ci-key","intent":"api","user":1,"description":"","expires":"2030-01-01T00:00:00Z","expiring":true,"key":"` + fuzzToken + `"}`},
	{200, `{"identifier":"ci-key","intent":"app_password","user":0,"expires":"not a time","expiring":false}`},
	{200, `{"users":[9223372036854775807,-1,0]}`},
	{200, `null`},
	{200, `[]`},
	{200, ``},
	{204, ``},
	{404, `{"detail":"Not found."}`},
	{403, `{"detail":"Token invalid/expired ` + fuzzToken + `"}`},
	{500, `<html><title>Server Error (500)</title></html>`},
}

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status and body. Nothing panics, every read finishes within a few requests, errors about a request name
// it and never show the token, and what a read returns is normalised (members sorted, no secret on a
// token read).
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, []byte(s.body))
	}
	srv := platformtest.NewFuzzServer(f, fuzzToken,
		platformtest.Answer{Status: http.StatusOK, ContentType: "application/json", Body: []byte(`{}`)})
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, HTTP: platformtest.FuzzHTTPConfig()})
	if err != nil {
		f.Fatal(err)
	}
	const groupID = "0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10"
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		srv.Serve(platformtest.Answer{Status: platformtest.FuzzStatus(status, 200), ContentType: "application/json", Body: body})
		ctx := context.Background()
		read := func(name, path string, op func() error) {
			t.Helper()
			err := srv.CheckRead(t, name, op)
			var apiErr *platform.APIError
			if errors.As(err, &apiErr) && !strings.HasSuffix(apiErr.Path, path) && !strings.Contains(apiErr.Path, path) {
				t.Fatalf("%s: the error names %s, not %s", name, apiErr.Path, path)
			}
		}
		read("ReadGroup", groupsPath, func() error {
			g, err := client.ReadGroup(ctx, groupID)
			if err == nil {
				checkSortedPKs(t, g.Members)
			}
			return err
		})
		read("ListGroups", groupsPath, func() error {
			groups, err := client.ListGroups(ctx, platform.GroupFilter{Name: "g"})
			for _, g := range groups {
				checkSortedPKs(t, g.Members)
			}
			return err
		})
		read("ReadUser", usersPath, func() error { _, err := client.ReadUser(ctx, "7"); return err })
		read("FindUserByEmail", usersPath, func() error {
			u, err := client.FindUserByEmail(ctx, "ada@example.com")
			if err == nil && !strings.EqualFold(u.Email, "ada@example.com") {
				t.Fatalf("FindUserByEmail returned a user with email %q", u.Email)
			}
			return err
		})
		read("ReadAPIKey", tokensPath, func() error {
			k, err := client.ReadAPIKey(ctx, "ci-key")
			if err == nil && k.Secret != "" {
				t.Fatalf("a token read returned a secret")
			}
			return err
		})
	})
}

func checkSortedPKs(t *testing.T, members []string) {
	t.Helper()
	pks := make([]int64, len(members))
	for i, m := range members {
		pk, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			t.Fatalf("member %q is not a pk", m)
		}
		pks[i] = pk
	}
	if !slices.IsSorted(pks) {
		t.Fatalf("members are not sorted: %v", members)
	}
}

// A token echoed across the message length limit is cut out before the text is shortened.
func TestDecodeCutsAnEchoedTokenBeforeShortening(t *testing.T) {
	platformtest.CheckCutEcho(t, newErrorDecoder(fuzzToken), fuzzToken)
}
