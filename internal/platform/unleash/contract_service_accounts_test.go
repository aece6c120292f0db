package unleash

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// Service accounts on the Enterprise mock: created, read, updated and deleted through their own routes, read
// from one list per process however many there are, and told apart from people by id alone.
func TestServiceAccountContract(t *testing.T) {
	tg := mockTarget(t, unleashmock.Options{})
	e := &env{t: t, ctx: t.Context(), target: tg, client: tg.newClient(t), suffix: randomSuffix()}
	var ids []string
	for _, n := range []string{"a", "b", "c"} {
		u := e.createUser(platform.UserSpec{Name: "CI " + n, Role: ptr("Editor"), ServiceAccount: true, Extra: UserExtra{Username: e.name("ci-" + n)}})
		want := platform.User{ID: u.ID, Name: "CI " + n, Role: "Editor", Active: true, ServiceAccount: true, Extra: UserExtra{Username: e.name("ci-" + n)}}
		assertUser(t, "created", u, want)
		if !u.ServiceAccount {
			t.Errorf("created %+v is not a service account", u)
		}
		ids = append(ids, u.ID)
	}
	person := e.createUser(platform.UserSpec{Email: e.email("ada"), Name: "Ada"})

	process := tg.newClient(t) // the next terraform command's provider
	lists := func() int { return tg.mock.Log().CountMatching(http.MethodGet, serviceAccountsPath) }
	before := lists()
	for _, id := range ids {
		u, err := process.ReadUser(e.ctx, id)
		if err != nil || !u.ServiceAccount || u.Email != "" {
			t.Fatalf("read %s: %+v, %v", id, u, err)
		}
	}
	if n := lists() - before; n != 1 {
		t.Errorf("reading 3 service accounts listed them %d times, want 1", n)
	}
	if u, err := process.ReadUser(e.ctx, person.ID); err != nil || u.ServiceAccount {
		t.Errorf("a person read as %+v, %v", u, err)
	}

	updated, err := process.UpdateUser(e.ctx, ids[0], platform.UserSpec{Name: "CI renamed", Role: ptr("Viewer"), ServiceAccount: true,
		Extra: UserExtra{Username: e.name("ci-a")}})
	if err != nil || updated.Name != "CI renamed" || updated.Role != "Viewer" {
		t.Errorf("update: %+v, %v", updated, err)
	}
	if read, err := process.ReadUser(e.ctx, ids[0]); err != nil || read.Name != "CI renamed" {
		t.Errorf("read after update: %+v, %v", read, err)
	}

	_, err = e.client.CreateUser(e.ctx, platform.UserSpec{Name: "Again", ServiceAccount: true, Extra: UserExtra{Username: e.name("ci-b")}})
	var conflict *platform.ConflictError
	if !errors.As(err, &conflict) && !strings.Contains(err.Error(), "409") {
		t.Errorf("a taken username: %v", err)
	}

	for _, id := range append(ids, person.ID) {
		if err := process.DeleteUser(e.ctx, id); err != nil {
			t.Fatal(err)
		}
		_, err := process.ReadUser(e.ctx, id)
		wantNotFound(t, err, "user", id)
	}
	if n := lists() - before; n != 1 {
		t.Errorf("reads, writes and deletes listed the service accounts %d times, want 1", n)
	}
}

// On the open-source edition a service account is *platform.UnsupportedError naming Enterprise, asked once,
// and people are read and deleted as before.
func TestServiceAccountsOnOpenSource(t *testing.T) {
	tg := mockTarget(t, unleashmock.Options{Edition: unleashmock.EditionOpenSource})
	e := &env{t: t, ctx: t.Context(), target: tg, client: tg.newClient(t), suffix: randomSuffix()}
	for range 2 {
		_, err := e.client.CreateUser(e.ctx, platform.UserSpec{Name: "CI", ServiceAccount: true, Extra: UserExtra{Username: "ci"}})
		var unsupported *platform.UnsupportedError
		if !errors.As(err, &unsupported) || !strings.Contains(err.Error(), "service accounts need Unleash Enterprise") {
			t.Fatalf("create on OSS: %v", err)
		}
	}
	if n := tg.mock.Log().CountMatching(http.MethodPost, serviceAccountsPath); n != 1 {
		t.Errorf("asked the open-source server %d times, want once", n)
	}
	person := e.createUser(platform.UserSpec{Email: e.email("ada"), Name: "Ada"})
	if err := e.client.DeleteUser(e.ctx, person.ID); err != nil {
		t.Fatal(err)
	}
	_, err := e.client.ReadUser(e.ctx, person.ID)
	wantNotFound(t, err, "user", person.ID)
}

// Tokens of a service account: created with their secret, read from the accounts' list (once per process),
// listed with their owner, never changed in place, deleted.
func TestServiceAccountTokenContract(t *testing.T) {
	tg := mockTarget(t, unleashmock.Options{})
	e := &env{t: t, ctx: t.Context(), target: tg, client: tg.newClient(t), suffix: randomSuffix()}
	sa := e.createUser(platform.UserSpec{Name: "CI", ServiceAccount: true, Extra: UserExtra{Username: e.name("ci")}})
	expires := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	var ids []string
	for _, n := range []string{"deploy", "release", "audit"} {
		key, err := e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: n, UserID: sa.ID, ExpiresAt: &expires})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(key.Secret, "user:") || key.UserID != sa.ID || key.Name != n || key.ExpiresAt == nil || !key.ExpiresAt.Equal(expires) {
			t.Errorf("created %+v", key)
		}
		ids = append(ids, key.ID)
	}
	if _, err := e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: "deploy", UserID: sa.ID, ExpiresAt: &expires}); err == nil {
		t.Error("a second token of the same name (description) was created")
	}

	process := tg.newClient(t)
	lists := func() int { return tg.mock.Log().CountMatching(http.MethodGet, serviceAccountsPath) }
	before := lists()
	for i, id := range ids {
		key, err := process.ReadAPIKey(e.ctx, id)
		if err != nil || key.Secret != "" || key.UserID != sa.ID || key.Name != []string{"deploy", "release", "audit"}[i] {
			t.Errorf("read %s: %+v, %v", id, key, err)
		}
	}
	if n := lists() - before; n != 1 {
		t.Errorf("reading 3 tokens listed the service accounts %d times, want 1", n)
	}
	all, err := process.ListAPIKeys(e.ctx)
	owned := 0
	for _, k := range all {
		if k.UserID == sa.ID {
			owned++
		}
	}
	if err != nil || owned != 3 {
		t.Errorf("ListAPIKeys has %d tokens of the account (%v)", owned, err)
	}

	if _, err := process.UpdateAPIKey(e.ctx, ids[0], platform.APIKeySpec{Name: "deploy", UserID: sa.ID, ExpiresAt: &expires}); err != nil {
		t.Errorf("an update that changes nothing: %v", err)
	}
	later := expires.Add(time.Hour)
	if _, err := process.UpdateAPIKey(e.ctx, ids[0], platform.APIKeySpec{Name: "deploy", UserID: sa.ID, ExpiresAt: &later}); err == nil ||
		!strings.Contains(err.Error(), "cannot change the expiry") {
		t.Errorf("a new expiry: %v", err)
	}
	for _, id := range ids {
		if err := process.DeleteAPIKey(e.ctx, id); err != nil {
			t.Fatal(err)
		}
		_, err := process.ReadAPIKey(e.ctx, id)
		wantNotFound(t, err, "api_key", id)
	}
	if n := lists() - before; n != 1 {
		t.Errorf("reads and deletes listed the service accounts %d times, want 1", n)
	}
	if _, err := tg.newClient(t).ReadAPIKey(e.ctx, ids[1]); !platform.IsNotFound(err) {
		t.Errorf("the server still has token %s: %v", ids[1], err)
	}
}

// A token create whose answer was lost: a token of the name made by that create is deleted and made again
// (its secret cannot be read back), while one that existed before the create is reported, never deleted.
func TestServiceAccountTokenLostCreate(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	setClock := func(at time.Time) { mu.Lock(); defer mu.Unlock(); now = at }
	tg := mockTarget(t, unleashmock.Options{Now: clock})
	e := &env{t: t, ctx: t.Context(), target: tg, client: tg.newClient(t), suffix: randomSuffix()}
	sa := e.createUser(platform.UserSpec{Name: "CI", ServiceAccount: true, Extra: UserExtra{Username: e.name("ci")}})
	account, _ := strconv.Atoi(sa.ID)
	expires := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	loseNextCreate := func() {
		err := tg.mock.Faults().Set(mockapi.FaultRule{Kind: mockapi.FaultLostResponse, Method: http.MethodPost, PathPrefix: serviceAccountsPath, Times: 1})
		if err != nil {
			t.Fatal(err)
		}
	}
	tokens := func() []patWire {
		var list patsWire
		if err := e.client.HTTP.DoJSON(e.ctx, httpclient.Request{Method: http.MethodGet, Path: serviceAccountPath(account) + "/token"}, &list); err != nil {
			t.Fatal(err)
		}
		return list.PATs
	}

	setClock(time.Now())
	loseNextCreate()
	key, err := e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: "deploy", UserID: sa.ID, ExpiresAt: &expires})
	if err != nil || !strings.HasPrefix(key.Secret, "user:") {
		t.Fatalf("a lost create: %+v, %v", key, err)
	}
	if got := tokens(); len(got) != 1 || serviceAccountTokenID(account, got[0].ID) != key.ID {
		t.Errorf("after a lost create the account has %+v, want only the key returned (%s)", got, key.ID)
	}

	setClock(time.Now().Add(-time.Hour)) // the account's older token, made an hour ago by the server's clock
	older, err := e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: "release", UserID: sa.ID, ExpiresAt: &expires})
	if err != nil {
		t.Fatal(err)
	}
	setClock(time.Now())
	loseNextCreate() // the server refuses the name, and that answer is lost
	_, err = e.client.CreateAPIKey(e.ctx, platform.APIKeySpec{Name: "release", UserID: sa.ID, ExpiresAt: &expires})
	if err == nil || !strings.Contains(err.Error(), "already has a token named") {
		t.Errorf("a lost refusal of a taken name: %v", err)
	}
	found := false
	for _, w := range tokens() {
		found = found || serviceAccountTokenID(account, w.ID) == older.ID
	}
	if !found {
		t.Errorf("the older token %s was deleted", older.ID)
	}
}
