package platformtest

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// WrongServer is something other than the platform's API at the endpoint a client is given: a reverse proxy
// that knows no such path, another application, or the platform itself under a wrong path. Reads through it
// must fail, and never as "not found", which would make Terraform forget the object.
type WrongServer struct {
	Name string
	// Endpoint starts it in front of (or instead of) the mock served at mockURL and returns the endpoint to
	// give the client.
	Endpoint func(t *testing.T, mockURL string) string
	// Want is how reads through it must fail.
	Want Refusal
	// Answers200 marks a server that answers 200 to everything. A read of one object then gets a body, which
	// is no "not found" (what a 200 of the wrong shape reads as is another matter); a lookup in a listing
	// that comes back empty must fail like a 404 from a wrong server.
	Answers200 bool
}

// Refusal is how a read through a WrongServer fails; never as "not found".
type Refusal int

const (
	// NotTheAPI is a *httpclient.NotTheAPIError.
	NotTheAPI Refusal = iota
	// EndpointRefused is any error that asks to check the endpoint: Onyx and Tyk AI Studio tell their own
	// unknown-route answers apart already.
	EndpointRefused
	// NotTheAPIOrUndecodable is a *httpclient.NotTheAPIError, unless the answer (a 200 of the wrong shape)
	// did not even decode.
	NotTheAPIOrUndecodable
)

// EmptyEverything is a JSON object every platform's list would read as an empty page.
const EmptyEverything = `{"results":[],"pagination":{"next":0,"previous":0,"count":0,"current":1,"total_pages":1},` +
	`"links":{"next":null},"count":0,"total_pages":1,"users":[],"rootRoles":[],"tokens":[],"groups":[],"data":[],` +
	`"accepted":[],"invited":[],"slack_users":[],"accepted_pages":1,"invited_pages":1}`

// WrongServers are the servers every platform's client is held against.
func WrongServers() []WrongServer {
	return []WrongServer{
		{Name: "html 404 proxy", Endpoint: constant(http.StatusNotFound, "text/html; charset=utf-8",
			`<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>`)},
		{Name: "foreign json 404", Endpoint: constant(http.StatusNotFound, "application/json", `{"error":"Not Found","status":404}`)},
		{Name: "mock under a wrong path", Endpoint: func(_ *testing.T, mockURL string) string { return mockURL + "/wrongpath" }, Want: EndpointRefused},
		{Name: "200 to everything", Endpoint: constant(http.StatusOK, "application/json", EmptyEverything), Want: NotTheAPIOrUndecodable, Answers200: true},
	}
}

// constant is a server answering every request alike.
func constant(status int, contentType, body string) func(t *testing.T, _ string) string {
	return func(t *testing.T, _ string) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}))
		t.Cleanup(srv.Close)
		return srv.URL
	}
}

// CheckWrongEndpoint fails unless err is an error, no *platform.NotFoundError, and refused as want says: a
// *httpclient.NotTheAPIError must name the platform's API and ask to check the endpoint.
func CheckWrongEndpoint(t *testing.T, read string, err error, api string, want Refusal) {
	t.Helper()
	if err == nil || platform.IsNotFound(err) {
		t.Fatalf("%s: got %T (%v), want an error that is no NotFoundError", read, err, err)
	}
	switch want {
	case NotTheAPIOrUndecodable:
		if strings.Contains(err.Error(), "decoding response body") {
			return
		}
	case EndpointRefused:
		if !strings.Contains(err.Error(), "endpoint") {
			t.Fatalf("%s: %v does not point at the endpoint", read, err)
		}
		return
	}
	var notAPI *httpclient.NotTheAPIError
	if !errors.As(err, &notAPI) {
		t.Fatalf("%s: got %T (%v), want a *httpclient.NotTheAPIError", read, err, err)
	}
	if msg := err.Error(); !strings.Contains(msg, "does not answer like the "+api+" API (") || !strings.Contains(msg, "check `endpoint`") {
		t.Fatalf("%s: message %q", read, msg)
	}
}

// Objects name what a platform's mock holds, for the reads CheckWrongEndpoints makes; an empty field skips
// the reads of that kind.
type Objects struct {
	UserID, Email, GroupID, GroupName, KeyID, KeyName string
}

// CheckWrongEndpoints points a client made by newClient at each of WrongServers in front of the mock at
// mockURL and holds every read of objs to CheckWrongEndpoint (see WrongServer.Answers200 for the exception),
// and every delete too: deleting a missing object succeeds, so a wrong server must not pass for the API there
// either.
func CheckWrongEndpoints(t *testing.T, api, mockURL string, newClient func(t *testing.T, endpoint string) platform.Backend, objs Objects) {
	t.Helper()
	for _, ws := range WrongServers() {
		t.Run(ws.Name, func(t *testing.T) {
			b := newClient(t, ws.Endpoint(t, mockURL))
			users, _ := b.(platform.UserBackend)
			groups, _ := b.(platform.GroupBackend)
			keys, _ := b.(platform.APIKeyBackend)
			ctx := t.Context()
			// read runs one read of an object named by key (skipped when key is empty); lookup says it
			// searches a listing rather than fetching the object by id.
			read := func(name, key string, part platform.Backend, lookup bool, run func() error) {
				t.Helper()
				if key == "" {
					return
				}
				if part == nil {
					t.Fatalf("%s: objs names an object of a kind the client does not manage", name)
				}
				switch err := run(); {
				case !ws.Answers200 || lookup:
					CheckWrongEndpoint(t, name, err, api, ws.Want)
				case platform.IsNotFound(err):
					t.Fatalf("%s: a 200 answer read as not found: %v", name, err)
				}
			}
			read("ReadUser", objs.UserID, users, false, func() error { _, err := users.ReadUser(ctx, objs.UserID); return err })
			read("FindUserByEmail", objs.Email, users, true, func() error { _, err := users.FindUserByEmail(ctx, objs.Email); return err })
			read("ReadGroup", objs.GroupID, groups, false, func() error { _, err := groups.ReadGroup(ctx, objs.GroupID); return err })
			read("FindGroupByName", objs.GroupName, groups, true, func() error { _, err := groups.FindGroupByName(ctx, objs.GroupName); return err })
			read("ReadAPIKey", objs.KeyID, keys, false, func() error { _, err := keys.ReadAPIKey(ctx, objs.KeyID); return err })
			read("FindAPIKeyByName", objs.KeyName, keys, true, func() error { _, err := keys.FindAPIKeyByName(ctx, objs.KeyName); return err })
			// A membership whose group reads with no members is gone only if the API says so.
			membership := ""
			if objs.GroupID != "" && objs.UserID != "" {
				membership = objs.GroupID + "/" + objs.UserID
			}
			read("IsMember", membership, groups, true, func() error { _, err := platform.IsMember(ctx, groups, objs.GroupID, objs.UserID); return err })
			if !ws.Answers200 { // a 200 to a delete is a success, whoever sends it
				read("DeleteUser", objs.UserID, users, false, func() error { return users.DeleteUser(ctx, objs.UserID) })
				read("DeleteGroup", objs.GroupID, groups, false, func() error { return groups.DeleteGroup(ctx, objs.GroupID) })
				read("DeleteAPIKey", objs.KeyID, keys, false, func() error { return keys.DeleteAPIKey(ctx, objs.KeyID) })
			}
		})
	}
}

// Foreign404s are 404 answers no platform sends: a proxy's page, another application's JSON error, a JSON
// error without its Content-Type.
var Foreign404s = []httpclient.Response{
	{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"text/html; charset=utf-8"}}, Body: []byte(`<html><title>404 Not Found</title></html>`)},
	{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"error":"Not Found","status":404}`)},
	{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`["Not Found"]`)},
	{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"text/plain"}}, Body: []byte(`{"detail":"Not found."}`)},
}

// CheckOwnNotFound fails unless id recognises each of own (the platform's documented "not found" answers,
// Content-Type application/json) and none of Foreign404s.
func CheckOwnNotFound(t *testing.T, id *httpclient.Identity, own ...string) {
	t.Helper()
	for _, body := range own {
		resp := &httpclient.Response{Status: http.StatusNotFound, Header: http.Header{"Content-Type": {"application/json; charset=utf-8"}}, Body: []byte(body)}
		if !id.OwnNotFound(resp) {
			t.Errorf("%s's own answer %s is not recognised", id.API, body)
		}
	}
	for _, resp := range Foreign404s {
		if id.OwnNotFound(&resp) {
			t.Errorf("%s takes %s (%s) for its own", id.API, resp.Body, resp.Header.Get("Content-Type"))
		}
	}
}
