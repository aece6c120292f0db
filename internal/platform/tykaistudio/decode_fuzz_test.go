package tykaistudio

// Fuzz targets for what the client reads from the wire: the error decoder, and every read through the real
// client against a server answering with arbitrary statuses, content types, totals and bodies. `go test`
// runs the seed corpora; `go test -fuzz=FuzzXxx ./internal/platform/tykaistudio/` explores further.

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

const fuzzToken = "ZnV6ei10eWstYWRtaW4ta2V5LTAxMjM0NTY3ODlhYmM="

func knownFields() map[platform.Field]bool {
	out := map[platform.Field]bool{{}: true, platform.FieldName: true, platform.FieldDescription: true, platform.FieldMembers: true, platform.FieldEmail: true,
		platform.FieldRole: true, platform.FieldActive: true, platform.FieldPassword: true, platform.FieldUserID: true, platform.FieldExpiresAt: true}
	for _, attr := range wireFields {
		out[attr] = true
	}
	return out
}

var errorSeeds = []struct {
	status int
	body   string
}{
	{400, `{"errors":[{"title":"Bad Request","detail":"email is already in use"}]}`},
	{400, `{"errors":[{"title":"Bad Request","detail":"group name already exists"}]}`},
	{400, `{"errors":[{"title":"Bad Request","detail":"json: cannot unmarshal string into Go struct field .data.attributes.is_admin of type bool"}]}`},
	{400, `{"errors":[{"title":"Bad Request","detail":"notifications can only be enabled for admin users"}]}`},
	{400, `{"errors":[{"title":"Bad Request","detail":"cannot delete the default group"}]}`},
	{400, `{"errors":[{"title":"Bad Request","detail":"invalid page"}]}{"data":[]}`},
	{400, `{"errors":[]}`},
	{401, `{"error":"Unauthorized"}`},
	{401, `{"error":"Unauthorized: key ` + fuzzToken + ` is not valid"}`},
	{402, `{"errors":[{"title":"Payment Required","detail":"this feature requires an Enterprise licence"}]}`},
	{403, `{"error":"Forbidden"}`},
	{403, `{"errors":[{"title":"Forbidden","detail":"cannot delete the super admin"}]}`},
	{404, `{"errors":[{"title":"Not Found","detail":"record not found"}]}`},
	{404, `404 page not found`},
	{500, `{"errors":[{"title":"Internal Server Error","detail":"record not found"}]}`},
	{500, `{"errors":[{"title":"Internal Server Error","detail":"the email domain example.org is not permitted (FILTER_SIGNUP_DOMAINS)"}]}`},
	{502, `<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>`},
	{503, `Service Unavailable: Authorization: Bearer ` + fuzzToken},
}

// FuzzErrorDecoder: whatever a non-2xx answer holds, the decoded error names the request's method and path,
// keeps the status, classifies 400, 402 and 404 as the provider expects, points field errors only at known
// attributes, and never shows the token.
func FuzzErrorDecoder(f *testing.F) {
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	platformtest.FuzzErrorDecoder(f, platformtest.ErrorDecoder{
		Token: fuzzToken, Decode: newErrorDecoder(fuzzToken), KnownFields: knownFields(),
		Method: http.MethodPatch, Path: "/api/v1/users/7",
		Kinds: platformtest.StatusKinds{NotFoundOn5xx: true, UnsupportedOn402: true},
	})
}

var readSeeds = []struct {
	status int
	html   bool
	total  string
	body   string
}{
	{200, false, "", `{"data":{"type":"groups","id":"2","attributes":{"name":"ml","users":[{"id":"10"},{"id":"9"}],"catalogues":[{"id":"1"}],"data_catalogues":[],"tool_catalogues":[]}}}`},
	{200, false, "2", `{"data":[{"type":"users","id":"9","attributes":{}},{"type":"users","id":"10","attributes":{}}]}`},
	{200, false, "", `{"data":[{"type":"groups","id":"2","attributes":{"name":"ml","user_count":2}}],"meta":{"total_count":1}}`},
	{200, false, "3", `{"data":[{"type":"users","id":"3","attributes":{"email":"ada@example.com","name":"Ada","api_key":"` + fuzzToken + `","role":"Chat user"}}]}`},
	{200, false, "", `{"data":{"type":"users","id":"3","attributes":{"email":"ada@example.com","name":"Ada","api_key":"k3y","is_admin":false,"show_chat":true}}}`},
	{200, false, "x", `{"data":[]}`},
	{200, false, "", `{"data":null,"meta":null}`},
	{200, true, "", `<!doctype html><html><body><div id="root"></div></body></html>`},
	{200, false, "", ``},
	{402, false, "", `{"errors":[{"title":"Payment Required","detail":"Enterprise Edition required"}]}`},
	{404, false, "", `{"errors":[{"title":"Not Found","detail":"record not found"}]}`},
	{401, false, "", `{"error":"Unauthorized ` + fuzzToken + `"}`},
	{500, false, "", `{"errors":[{"title":"Internal Server Error","detail":"record not found"}]}`},
}

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status, content type, X-Total-Count and body. Nothing panics, every read finishes within a few requests,
// errors about a request name it and never show the token, and group members come back sorted.
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, s.html, s.total, []byte(s.body))
	}
	srv := platformtest.NewFuzzServer(f, fuzzToken,
		platformtest.Answer{Status: http.StatusOK, ContentType: "application/json", Body: []byte(`{}`)})
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, HTTP: platformtest.FuzzHTTPConfig()})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, html bool, total string, body []byte) {
		contentType := "application/json"
		if html {
			contentType = "text/html; charset=utf-8"
		}
		a := platformtest.Answer{Status: platformtest.FuzzStatus(status, 200), ContentType: contentType, Body: body}
		if total != "" {
			a.Header = http.Header{"X-Total-Count": {total}}
		}
		srv.Serve(a)
		ctx := context.Background()
		read := srv.Reader(t)
		sorted := func(ids []string) {
			if !slices.Equal(ids, sortIDStrings(ids)) {
				t.Fatalf("members are not sorted or repeat: %v", ids)
			}
		}
		read("ReadGroup", func() error {
			g, err := client.ReadGroup(ctx, "2")
			if err == nil {
				sorted(g.Members)
			}
			return err
		})
		read("ListGroups", func() error {
			groups, err := client.ListGroups(ctx, platform.GroupFilter{})
			for _, g := range groups {
				sorted(g.Members)
			}
			return err
		})
		read("ReadUser", func() error { _, err := client.ReadUser(ctx, "3"); return err })
		read("FindUserByEmail", func() error {
			u, err := client.FindUserByEmail(ctx, "ada@example.com")
			if err == nil && !strings.EqualFold(u.Email, "ada@example.com") {
				t.Fatalf("FindUserByEmail returned a user with email %q", u.Email)
			}
			return err
		})
		read("ReadAPIKey", func() error { _, err := client.ReadAPIKey(ctx, "3"); return err })
	})
}

// A token echoed across the message length limit is cut out before the text is shortened.
func TestDecodeCutsAnEchoedTokenBeforeShortening(t *testing.T) {
	platformtest.CheckCutEcho(t, newErrorDecoder(fuzzToken), fuzzToken)
}
