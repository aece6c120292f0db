package unleash

// Fuzz targets for what the client reads from the wire: the error decoder, token ids, and every read through
// the real client against a server answering with arbitrary statuses and bodies. `go test` runs the seed
// corpora; `go test -fuzz=FuzzXxx ./internal/platform/unleash/` explores further.

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platform/platformtest"
)

const fuzzToken = "*:*.f0227e5a9c31d04b8c6a2e1f5b7d9c3a0e4f6a8b"

func knownFields() map[platform.Field]bool {
	out := map[platform.Field]bool{{}: true}
	for _, attr := range []platform.Field{platform.FieldName, platform.FieldEmail, platform.FieldRole, platform.FieldActive, platform.FieldPassword, platform.FieldMembers, platform.FieldDescription,
		platform.FieldExpiresAt, platform.FieldUserID, fieldUsername, fieldSendEmail, fieldRootRole, fieldSSOMappings, fieldType, fieldEnvironment, fieldProjects} {
		out[attr] = true
	}
	return out
}

var errorSeeds = []struct {
	status int
	body   string
}{
	{400, `{"id":"1d0b7c58-5d5d-4b7c-9c2d-2f3f5a6b7c8d","name":"ValidationError","message":"Request validation failed: your request body or params contain invalid data. Refer to the error details for more information.","details":[{"message":"The 'email' property must match format 'email'.","path":"/body/email"}]}`},
	{400, `{"name":"BadDataError","message":"Request validation failed","details":[{"message":"User already exists"}]}`},
	{400, `{"name":"OwaspValidationError","message":"The password must be at least 10 characters long.","details":[{"message":"The password must be at least 10 characters long.","validationErrors":["The password must be at least 10 characters long.","The password must contain at least one uppercase letter."]}]}`},
	{400, `{"name":"ValidationError","message":"Request validation failed","details":[{"message":"must match exactly one schema in oneOf","path":"/body/rootRole"},{"message":"must be integer","path":"/body/users/0/user/id"}]}`},
	{400, `<!DOCTYPE html><html><head><title>SyntaxError: Unexpected token } in JSON at position 12</title></head><body><pre>at JSON.parse (&lt;anonymous&gt;)</pre></body></html>`},
	{400, `{"error":{"message":"Unexpected end of JSON input"}}`},
	{401, `{"id":"x","name":"AuthenticationRequired","message":"You must log in to use Unleash. Your request had no authorization header, so we could not authorize you. Try logging in at /auth/simple/login."}`},
	{403, `{"message":"You need permission=ADMIN to perform this action"}`},
	{403, `{"message":"token ` + fuzzToken + ` lacks permission"}`},
	{404, `{"id":"x","name":"NotFoundError","message":"Could not find group with id 7"}`},
	{404, `{"id":"x","name":"NotFoundError","message":"The path you were looking for (/api/admin/groups) is not available."}`},
	{409, `{"id":"x","name":"NameExistsError","message":"Group name already exists"}`},
	{415, `{"name":"ContentTypeError","message":"We do not accept the content-type you provided (text/plain)."}`},
	{429, `<html><head><title>Too many requests</title></head></html>`},
	{500, `{"name":"UnknownError","message":"insert into \"users\" (\"email\") values ($1) - duplicate key value violates unique constraint \"users_email_key\""}`},
	{500, `{"name":"UnknownError","message":"insert into \"api_token_project\" - insert or update on table \"api_token_project\" violates foreign key constraint \"api_token_project_project_fkey\""}`},
	{502, `Bad gateway: upstream sent Authorization: ` + fuzzToken},
	{503, ``},
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
		Method: http.MethodPost, Path: "/api/admin/user-admin",
		Kinds: platformtest.StatusKinds{ConflictOn409: true},
	})
}

// FuzzTokenID: a token's id never contains its secret, is stable, and is accepted back as an id.
func FuzzTokenID(f *testing.F) {
	f.Add("*:development.4f2e8b1c9a7d3e5f6b0c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c")
	f.Add("default:production.v2_AbCdEfGhIjKlMnOpQrStUv_9f8e7d6c5b4a3928171605f4e3d2c1b0")
	f.Add("AbCdEfGhIjKlMnOpQrStUv")
	f.Add("[]:development.x")
	f.Add("")
	f.Fuzz(func(t *testing.T, secret string) {
		id := tokenID(secret)
		if id != tokenID(secret) {
			t.Fatal("tokenID is not stable")
		}
		if !selectorPattern.MatchString(secret) && len(secret) >= 8 && strings.Contains(id, secret) {
			t.Fatalf("the id %q contains the secret", id)
		}
		if got, err := normalizeTokenID(id); err != nil || got != id {
			t.Fatalf("the id %q is not accepted back: %q, %v", id, got, err)
		}
	})
}

var readSeeds = []struct {
	status int
	body   string
}{
	{200, `{"id":5,"name":"owners","description":null,"mappingsSSO":["okta"],"rootRole":2,"users":[{"user":{"id":9}},{"user":{"id":3}}]}`},
	{200, `{"groups":[{"id":5,"name":"owners","users":[{"user":{"id":3}}],"rootRole":1.5}]}`},
	{200, `{"id":7,"name":"Dev","email":"dev@example.com","username":"dev","rootRole":3}`},
	{200, `[{"id":7,"email":"DEV@example.com","username":"dev"},{"id":8,"email":"dev@example.com"}]`},
	{200, `{"users":[{"id":7,"email":"dev@example.com","rootRole":99}]}`},
	{200, `{"tokens":[{"secret":"` + fuzzToken + `","tokenName":"admin","type":"admin","environment":"*","projects":["*"],"createdAt":"2025-01-01T00:00:00.000Z"},{"secret":"*:development.0123456789abcdef0123456789abcdef0123456789abcdef0123","tokenName":"sdk","type":"backend","environment":"development","projects":["default","*"],"expiresAt":"2030-01-01T00:00:00.000Z"}]}`},
	{200, `{"tokens":[{"secret":"AbCdEfGhIjKlMnOpQrStUv","tokenName":"secure","type":"client","expiresAt":"nope"}]}`},
	{200, `null`},
	{200, ``},
	{404, `{"name":"NotFoundError","message":"The path you were looking for (/api/admin/groups/5) is not available."}`},
	{404, `{"name":"NotFoundError","message":"No user found"}`},
	{401, `{"name":"AuthenticationRequired","message":"bad token ` + fuzzToken + `"}`},
	{500, `{"name":"UnknownError","message":"connection terminated"}`},
}

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status and body. Nothing panics, every read finishes within a few requests, errors about a request name
// it and never show the token, token reads never return a secret, and members come back sorted.
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, []byte(s.body))
	}
	const contentType = "application/json; charset=utf-8"
	srv := platformtest.NewFuzzServer(f, fuzzToken,
		platformtest.Answer{Status: http.StatusOK, ContentType: contentType, Body: []byte(`{}`)})
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, UserCreatesPerMinute: -1, HTTP: platformtest.FuzzHTTPConfig()})
	if err != nil {
		f.Fatal(err)
	}
	sortedIDs := func(t *testing.T, members []string) {
		t.Helper()
		ids := make([]int, len(members))
		for i, m := range members {
			n, err := strconv.Atoi(m)
			if err != nil {
				t.Fatalf("member %q is not an id", m)
			}
			ids[i] = n
		}
		if !slices.IsSorted(ids) {
			t.Fatalf("members are not sorted: %v", members)
		}
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		srv.Serve(platformtest.Answer{Status: platformtest.FuzzStatus(status, 200), ContentType: contentType, Body: body})
		ctx := context.Background()
		read := srv.Reader(t)
		read("ReadGroup", func() error {
			g, err := client.ReadGroup(ctx, "5")
			if err == nil {
				sortedIDs(t, g.Members)
			}
			return err
		})
		read("ListGroups", func() error {
			groups, err := client.ListGroups(ctx, platform.GroupFilter{})
			for _, g := range groups {
				sortedIDs(t, g.Members)
			}
			return err
		})
		read("ReadUser", func() error { _, err := client.ReadUser(ctx, "7"); return err })
		read("FindUserByEmail", func() error {
			u, err := client.FindUserByEmail(ctx, "dev@example.com")
			if err == nil && !strings.EqualFold(u.Email, "dev@example.com") {
				t.Fatalf("FindUserByEmail returned a user with email %q", u.Email)
			}
			return err
		})
		read("ReadAPIKey", func() error {
			k, err := client.ReadAPIKey(ctx, tokenID("*:development.0123456789abcdef0123456789abcdef0123456789abcdef0123"))
			if err == nil && k.Secret != "" {
				t.Fatal("a token read returned a secret")
			}
			return err
		})
		read("ListAPIKeys", func() error {
			keys, err := client.ListAPIKeys(ctx)
			for _, k := range keys {
				if k.Secret != "" || strings.Contains(k.ID, fuzzToken) {
					t.Fatalf("a token list shows a secret: %+v", k)
				}
			}
			return err
		})
	})
}

// A token echoed across the message length limit is cut out before the text is shortened.
func TestDecodeCutsAnEchoedTokenBeforeShortening(t *testing.T) {
	platformtest.CheckCutEcho(t, newErrorDecoder(fuzzToken), fuzzToken)
}
