package secoda

// Fuzz targets for what the client reads from the wire: the error decoder, the next-page logic, and every
// read through the real client against a server answering with arbitrary statuses and bodies. `go test`
// runs the seed corpora; `go test -fuzz=FuzzXxx ./internal/platform/secoda/` explores further.

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

const fuzzToken = "5d0c7a4e-acc7-4e5b-9c1a-f022f022f022"

func knownFields() map[platform.Field]bool {
	out := map[platform.Field]bool{{}: true, platform.FieldPassword: true, platform.FieldActive: true}
	for _, attr := range apiFields {
		out[attr] = true
	}
	return out
}

var errorSeeds = []struct {
	status int
	body   string
}{
	{400, `{"email":["user with this email already exists."]}`},
	{400, `{"role":["\"owner\" is not a valid choice."],"status_code":400}`},
	{400, `{"users":{"0":["Invalid pk \"x\" - object does not exist."]}}`},
	{400, `{"detail":"Malformed request."}`},
	{400, `["Invitations can only be sent to business email addresses."]`},
	{400, `{"emails":["Enter a valid email address."],"first_name":["This field may not be blank."]}`},
	{400, ``},
	{400, `None`},
	{401, `{"detail":"Invalid token."}`},
	{401, `{"detail":"Invalid token: Bearer ` + fuzzToken + `"}`},
	{403, `{"detail":"You do not have permission to perform this action."}`},
	{404, `{"detail":"Not found."}`},
	{404, `<html><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>`},
	{409, `{"error":"A member with this email has already been invited."}`},
	{429, `{"message":"Rate limit exceeded: 30 writes per minute"}`},
	{500, `<!doctype html><html lang="en"><head><title>Server Error (500)</title></head><body></body></html>`},
	{502, `Bad Gateway ` + fuzzToken},
	{503, `{"detail":"` + strings.Repeat("down for maintenance ", 40) + `"}`},
}

// FuzzErrorDecoder: whatever a non-2xx answer holds, the decoded error names the request's method and path,
// keeps the status, classifies 400, 404 and 409 as the provider expects, points field errors only at known
// attributes, and never shows the token.
func FuzzErrorDecoder(f *testing.F) {
	for _, s := range errorSeeds {
		f.Add(s.status, []byte(s.body))
	}
	platformtest.FuzzErrorDecoder(f, platformtest.ErrorDecoder{
		Token: fuzzToken, Decode: newErrorDecoder(fuzzToken), KnownFields: knownFields(),
		Method: http.MethodPost, Path: "/api/v1/user/",
		Kinds: platformtest.StatusKinds{ConflictOn409: true},
	})
}

// FuzzNextPage: the next-page logic either stops, fails, or moves strictly forward, so no answer can make a
// list loop.
func FuzzNextPage(f *testing.F) {
	f.Add("https://api.secoda.co/api/v1/user/?page=2", "None", 0, 1)
	f.Add("None", "https://api.secoda.co/api/v1/auth/group/?page=3", 0, 2)
	f.Add("https://api.secoda.co/api/v1/user/?cursor=abc", "", 5, 4)
	f.Add("", "", 0, 1)
	f.Add("://bad url", "", 0, 1)
	f.Add("/api/v1/user/?page=1", "", 0, 1)
	f.Fuzz(func(t *testing.T, link, top string, metaNext, current int) {
		if current < 1 {
			current = 1
		}
		query, page, err := nextPageQuery(looseString(link), looseString(top), metaNext, current)
		switch {
		case err != nil:
			if query != nil {
				t.Fatalf("an error with a next page: %v", query)
			}
		case query == nil:
			// the last page
		case page <= current:
			t.Fatalf("page %d leads to page %d", current, page)
		case query.Get("page") == "":
			t.Fatalf("the next query %v has no page", query)
		}
	})
}

var readSeeds = []struct {
	status int
	body   string
}{
	{200, `{"id":"0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10","name":"data","description":"None","icon":"📊","users":["b","a"]}`},
	{200, `{"links":{"next":"None","previous":"None"},"meta":{"page":1,"next_page":"None"},"count":1,"total_pages":1,"results":[{"id":"0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10","name":"data","users":[]}]}`},
	{200, `{"links":{"next":"https://api.secoda.co/api/v1/auth/group/?page=2"},"results":[]}`},
	{200, `{"next":"https://api.secoda.co/api/v1/user/?page=1","results":[]}`},
	{200, `{"id":"0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f11","first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","role":"editor","pending":"False","disabled":"None"}`},
	{200, `{"results":[{"id":"1","email":"ADA@example.com","disabled":false},{"id":"2","email":"ada@example.com","disabled":"True"}]}`},
	{200, `{"results":[{"email":"ada@example.com","pending":"maybe"}]}`},
	{200, `{"meta":{"next_page":"7"},"links":{"next":"https://x/?cursor=1"},"results":[]}`},
	{200, `null`},
	{200, ``},
	{404, `{"detail":"Not found."}`},
	{401, `{"detail":"Invalid token ` + fuzzToken + `"}`},
	{500, `<html><title>Server Error (500)</title></html>`},
}

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status and body. Nothing panics, every read finishes within a few requests, errors about a request name
// it and never show the token, and what a read returns is normalised (members sorted).
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, []byte(s.body))
	}
	srv := platformtest.NewFuzzServer(f, fuzzToken,
		platformtest.Answer{Status: http.StatusOK, ContentType: "application/json", Body: []byte(`{}`)})
	httpConfig := platformtest.FuzzHTTPConfig()
	httpConfig.WritesPerMinute = -1
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, HTTP: httpConfig})
	if err != nil {
		f.Fatal(err)
	}
	const id = "0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10"
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		srv.Serve(platformtest.Answer{Status: platformtest.FuzzStatus(status, 200), ContentType: "application/json", Body: body})
		ctx := context.Background()
		read := srv.Reader(t)
		read("ReadGroup", func() error {
			g, err := client.ReadGroup(ctx, id)
			if err == nil && !slices.IsSorted(g.Members) {
				t.Fatalf("members are not sorted: %v", g.Members)
			}
			return err
		})
		read("ListGroups", func() error {
			groups, err := client.ListGroups(ctx, platform.GroupFilter{})
			for _, g := range groups {
				if !slices.IsSorted(g.Members) {
					t.Fatalf("members are not sorted: %v", g.Members)
				}
			}
			return err
		})
		read("ReadUser", func() error { _, err := client.ReadUser(ctx, id); return err })
		read("FindUserByEmail", func() error {
			u, err := client.FindUserByEmail(ctx, "ada@example.com")
			if err == nil && !strings.EqualFold(u.Email, "ada@example.com") {
				t.Fatalf("FindUserByEmail returned a user with email %q", u.Email)
			}
			return err
		})
	})
}

// A token echoed across the message length limit is cut out before the text is shortened.
func TestDecodeCutsAnEchoedTokenBeforeShortening(t *testing.T) {
	platformtest.CheckCutEcho(t, newErrorDecoder(fuzzToken), fuzzToken)
}
