package unleash

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

var apiKeyCases = []contractCase{
	{name: "APIKeyCRUD", run: func(e *env) {
		name := e.name("ci-deployer")
		created := e.createKey(platform.APIKeySpec{Name: name})
		if !strings.Contains(created.Secret, ":development.") {
			e.t.Errorf("secret %q does not look like an Unleash token", created.Secret)
		}
		// The id is a hash of a v1 secret, or the selector of a v2 one: never the credential itself.
		if tail := created.Secret[len(created.Secret)-20:]; created.ID == "" || strings.Contains(created.ID, tail) {
			e.t.Errorf("id %q must not contain the secret", created.ID)
		}
		wantExtra := APIKeyExtra{Type: "client", Environment: "development", Projects: []string{"*"}}
		checkKey(e, "created", created, name, nil, wantExtra)

		read, err := e.client.ReadAPIKey(e.ctx, created.ID)
		if err != nil {
			e.t.Fatal(err)
		}
		if read.Secret != "" {
			e.t.Error("Read returned the secret")
		}
		checkKey(e, "read", read, name, nil, wantExtra)
		bySecret, err := e.client.ReadAPIKey(e.ctx, created.Secret)
		if err != nil || bySecret.ID != created.ID {
			e.t.Errorf("read by secret (import) = %+v, %v", bySecret, err)
		}

		expires := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
		updated, err := e.client.UpdateAPIKey(e.ctx, created.ID, platform.APIKeySpec{Name: name, ExpiresAt: &expires, Extra: APIKeyExtra{Type: "backend"}})
		if err != nil {
			e.t.Fatal(err)
		}
		checkKey(e, "updated", updated, name, &expires, wantExtra)
		_, err = e.client.UpdateAPIKey(e.ctx, created.ID, platform.APIKeySpec{Name: name})
		wantInvalid(e.t, err, platform.FieldExpiresAt) // removing the expiry
		_, err = e.client.UpdateAPIKey(e.ctx, created.ID, platform.APIKeySpec{Name: name + "-renamed", ExpiresAt: &expires})
		if err == nil || !strings.Contains(err.Error(), "replaced") {
			e.t.Errorf("renaming in place: %v", err)
		}

		found, err := e.client.FindAPIKeyByName(e.ctx, name)
		if err != nil || found.ID != created.ID {
			e.t.Errorf("FindAPIKeyByName = %+v, %v", found, err)
		}
		keys, err := e.client.ListAPIKeys(e.ctx)
		if err != nil {
			e.t.Fatal(err)
		}
		if !slices.ContainsFunc(keys, func(k platform.APIKey) bool { return k.ID == created.ID && k.Secret == "" }) {
			e.t.Errorf("ListAPIKeys misses %s", created.ID)
		}
		if !slices.ContainsFunc(keys, func(k platform.APIKey) bool { return k.Extra.(APIKeyExtra).Type == "admin" }) {
			e.t.Errorf("ListAPIKeys misses the admin bootstrap token")
		}

		if err := e.client.DeleteAPIKey(e.ctx, created.ID); err != nil {
			e.t.Fatal(err)
		}
		_, err = e.client.ReadAPIKey(e.ctx, created.ID)
		wantNotFound(e.t, err, "api_key", created.ID)
		// PUT answers 200 for a token that is gone: Update must still say NotFound.
		_, err = e.client.UpdateAPIKey(e.ctx, created.ID, platform.APIKeySpec{Name: name, ExpiresAt: &expires})
		wantNotFound(e.t, err, "api_key", created.ID)
		if err := e.client.DeleteAPIKey(e.ctx, created.ID); err != nil {
			e.t.Errorf("deleting a deleted key: %v", err)
		}
		_, err = e.client.FindAPIKeyByName(e.ctx, name)
		wantNotFound(e.t, err, "api_key", name)
	}},
	{name: "APIKeyTypesEnvironmentsProjects", run: func(e *env) {
		expires := time.Now().Add(time.Hour).UTC().Truncate(time.Millisecond)
		fe := e.createKey(platform.APIKeySpec{Name: e.name("fe"), ExpiresAt: &expires,
			Extra: APIKeyExtra{Type: "frontend", Environment: "production", Projects: []string{"default"}}})
		checkKey(e, "frontend", fe, e.name("fe"), &expires, APIKeyExtra{Type: "frontend", Environment: "production", Projects: []string{"default"}})
		if !strings.HasPrefix(fe.Secret, "default:production.") {
			e.t.Errorf("frontend secret %q", fe.Secret)
		}
		all := e.createKey(platform.APIKeySpec{Name: e.name("all"), Extra: &APIKeyExtra{Type: "client", Projects: []string{"default", "*"}}})
		checkKey(e, "collapsed", all, e.name("all"), nil, APIKeyExtra{Type: "client", Environment: "development", Projects: []string{"*"}})
	}},
	{name: "APIKeyServerValidation", run: func(e *env) {
		_, err := e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: e.name("x"), Extra: APIKeyExtra{Environment: "nope"}})
		wantInvalid(e.t, err, fieldEnvironment)
		_, err = e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: e.name("x"), Extra: APIKeyExtra{Environment: "*"}})
		wantInvalid(e.t, err, fieldEnvironment)
		_, err = e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: e.name("x"), Extra: APIKeyExtra{Projects: []string{"nope"}}})
		wantInvalid(e.t, err, fieldProjects)
		_, err = e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: e.name("x"), Extra: APIKeyExtra{Type: "admin"}})
		wantInvalid(e.t, err, fieldType)
	}},
	{name: "DuplicateTokenNamesAreAmbiguous", run: func(e *env) {
		e.createKey(platform.APIKeySpec{Name: e.name("twin")})
		e.createKey(platform.APIKeySpec{Name: e.name("twin")})
		_, err := e.client.FindAPIKeyByName(e.ctx, e.name("twin"))
		if err == nil || platform.IsNotFound(err) || !strings.Contains(err.Error(), "ambiguous") {
			e.t.Errorf("two tokens of one name: %v", err)
		}
	}},
	{name: "LostTokenCreateIsAdopted", mockOnly: true, run: func(e *env) {
		err := e.target.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, PathPrefix: tokensPath, Times: 1})
		if err != nil {
			e.t.Fatal(err)
		}
		k := e.createKey(platform.APIKeySpec{Name: e.name("lost")})
		if k.Secret == "" || k.ID == "" {
			e.t.Errorf("adopted key = %+v", k)
		}
		if n := countExact(e.target.mock.Log().Matching(http.MethodPost, tokensPath), tokensPath); n != 1 {
			e.t.Errorf("%d token POSTs, want 1", n)
		}
	}},
	{name: "TokenDeletedBehindTheBack", mockOnly: true, run: func(e *env) {
		k := e.createKey(platform.APIKeySpec{Name: e.name("gone")})
		hook(e, http.MethodDelete, "/__mock/unleash/tokens/"+k.ID, "")
		_, err := e.client.ReadAPIKey(e.ctx, k.ID)
		wantNotFound(e.t, err, "api_key", k.ID)
	}},
}

func checkKey(e *env, what string, got platform.APIKey, name string, expires *time.Time, extra APIKeyExtra) {
	e.t.Helper()
	if got.Name != name || got.UserID != "" || got.Description != "" {
		e.t.Errorf("%s: %+v", what, got)
	}
	switch {
	case expires == nil && got.ExpiresAt != nil:
		e.t.Errorf("%s: expires %v, want none", what, got.ExpiresAt)
	case expires != nil && (got.ExpiresAt == nil || !got.ExpiresAt.Equal(*expires)):
		e.t.Errorf("%s: expires %v, want %v", what, got.ExpiresAt, expires)
	}
	g := got.Extra.(APIKeyExtra)
	if g.Type != extra.Type || g.Environment != extra.Environment || !slices.Equal(g.Projects, extra.Projects) {
		e.t.Errorf("%s extra: got %+v, want %+v", what, g, extra)
	}
}

// tokenSnapshotCases hold the client to one token list per process (Unleash has no read of one token), and
// to reads that see the process's own writes without listing again.
var tokenSnapshotCases = []contractCase{
	{name: "TokenReadsShareOneList", mockOnly: true, run: func(e *env) {
		var ids []string
		for i := range 5 {
			ids = append(ids, e.createKey(platform.APIKeySpec{Name: e.name("snap-" + string(rune('a'+i)))}).ID)
		}
		lists := func() int { return e.target.mock.Log().CountMatching(http.MethodGet, tokensPath) }
		process := e.target.newClient(e.t) // the next terraform command's provider
		before := lists()
		for _, id := range ids {
			if _, err := process.ReadAPIKey(e.ctx, id); err != nil {
				e.t.Fatal(err)
			}
		}
		if n := lists() - before; n != 1 {
			e.t.Errorf("reading 5 tokens listed %d times, want 1", n)
		}

		expires := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
		if _, err := process.UpdateAPIKey(e.ctx, ids[0], platform.APIKeySpec{Name: e.name("snap-a"), ExpiresAt: &expires}); err != nil {
			e.t.Fatal(err)
		}
		read, err := process.ReadAPIKey(e.ctx, ids[0])
		if err != nil || read.ExpiresAt == nil || !read.ExpiresAt.Equal(expires) {
			e.t.Errorf("read after update: %+v, %v; want expiry %s", read, err, expires)
		}
		created, err := process.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: e.name("snap-new")})
		if err != nil {
			e.t.Fatal(err)
		}
		if _, err := process.ReadAPIKey(e.ctx, created.ID); err != nil {
			e.t.Errorf("read after create: %v", err)
		}
		for _, id := range append(ids, created.ID) {
			if err := process.DeleteAPIKey(e.ctx, id); err != nil {
				e.t.Fatal(err)
			}
			_, err := process.ReadAPIKey(e.ctx, id)
			wantNotFound(e.t, err, "api_key", id)
		}
		if n := lists() - before; n != 1 {
			e.t.Errorf("reads, an update, a create and 6 deletes listed %d times in one process, want 1", n)
		}

		// A change made elsewhere shows in the next process.
		if _, err := e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: e.name("elsewhere")}); err != nil {
			e.t.Fatal(err)
		}
		found, err := e.target.newClient(e.t).FindAPIKeyByName(e.ctx, e.name("elsewhere"))
		if err != nil || found.ID == "" {
			e.t.Errorf("a new process does not see a token made elsewhere: %+v, %v", found, err)
		}
		if _, err := process.FindAPIKeyByName(e.ctx, e.name("elsewhere")); !platform.IsNotFound(err) {
			e.t.Errorf("within one process the list is read once (got %v); the next command sees the change", err)
		}
	}},
}
