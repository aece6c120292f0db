package secoda

// Fuzz targets for what the client reads from the wire: the error decoder, the next-page logic, and every
// read through the real client against a server answering with arbitrary statuses and bodies. `go test`
// runs the seed corpora; `go test -fuzz=FuzzXxx ./internal/platform/secoda/` explores further.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

const fuzzToken = "5d0c7a4e-acc7-4e5b-9c1a-f022f022f022"

// fuzzStatus maps any integer onto an HTTP status from min up to 599; a status in that range stays itself,
// so a seed's status is the one served.
func fuzzStatus(n, minStatus int) int {
	span := 600 - minStatus
	return minStatus + (((n-minStatus)%span)+span)%span
}

func knownFields() map[string]bool {
	out := map[string]bool{"": true, attrPassword: true, attrActive: true}
	for _, attr := range terraformAttribute {
		out[attr] = true
	}
	return out
}

func checkLeakFree(t *testing.T, err error) {
	t.Helper()
	if strings.Contains(err.Error(), fuzzToken) {
		t.Fatalf("the error shows the token: %v", err)
	}
	for _, f := range platform.FieldErrorsOf(err) {
		if strings.Contains(f.Message, fuzzToken) || strings.Contains(f.Field, fuzzToken) {
			t.Fatalf("a field error shows the token: %+v", f)
		}
	}
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
	known := knownFields()
	decode := newErrorDecoder(fuzzToken)
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = fuzzStatus(status, 400)
		const method, path = http.MethodPost, "/api/v1/user/"
		err := decode(&platform.APIError{Method: method, Path: path, Status: status},
			&httpclient.Response{Status: status, Header: http.Header{}, Body: body})
		if err == nil {
			t.Fatalf("status %d decoded to no error", status)
		}
		if !strings.Contains(err.Error(), method+" "+path) {
			t.Fatalf("the error does not name the request: %v", err)
		}
		checkLeakFree(t, err)
		var apiErr *platform.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != status || apiErr.Method != method || apiErr.Path != path {
			t.Fatalf("the error lost the request or status: %#v", apiErr)
		}
		var invalid *platform.InvalidError
		var conflict *platform.ConflictError
		switch {
		case status == http.StatusNotFound && !platform.IsNotFound(err):
			t.Fatalf("a 404 is not a NotFoundError: %T", err)
		case status == http.StatusBadRequest && !errors.As(err, &invalid) && !errors.As(err, &conflict):
			t.Fatalf("a 400 is neither invalid nor a conflict: %T", err)
		case status == http.StatusConflict && !errors.As(err, &conflict):
			t.Fatalf("a 409 is not a conflict: %T", err)
		case status != http.StatusNotFound && platform.IsNotFound(err):
			t.Fatalf("status %d became a NotFoundError", status)
		}
		for _, fe := range platform.FieldErrorsOf(err) {
			if !known[fe.Field] {
				t.Fatalf("a field error points at %q, which is no attribute", fe.Field)
			}
		}
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

type fuzzServer struct {
	*httptest.Server
	answer   atomic.Pointer[fuzzAnswer]
	requests atomic.Int64
}

type fuzzAnswer struct {
	status int
	body   []byte
}

func newFuzzServer(f *testing.F) *fuzzServer {
	s := &fuzzServer{}
	s.answer.Store(&fuzzAnswer{status: http.StatusOK, body: []byte(`{}`)})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		a := s.answer.Load()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	}))
	f.Cleanup(s.Close)
	return s
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

const maxRequestsPerRead = 50

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status and body. Nothing panics, every read finishes within a few requests, errors about a request name
// it and never show the token, and what a read returns is normalised (members sorted).
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, []byte(s.body))
	}
	srv := newFuzzServer(f)
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, HTTP: httpclient.Config{
		MaxRetries: 0, RetryWaitMin: time.Microsecond, RetryWaitMax: time.Microsecond, RequestTimeout: 5 * time.Second,
		WritesPerMinute: -1,
	}})
	if err != nil {
		f.Fatal(err)
	}
	const id = "0b3d3e6e-6c1e-4f57-9f2a-6a8c1b8e2f10"
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		srv.answer.Store(&fuzzAnswer{status: fuzzStatus(status, 200), body: body})
		ctx := context.Background()
		read := func(name string, op func() error) {
			t.Helper()
			srv.requests.Store(0)
			err := op()
			if n := srv.requests.Load(); n > maxRequestsPerRead {
				t.Fatalf("%s made %d requests", name, n)
			}
			if err == nil {
				return
			}
			checkLeakFree(t, err)
			var apiErr *platform.APIError
			if errors.As(err, &apiErr) && !strings.Contains(err.Error(), apiErr.Method+" "+apiErr.Path) {
				t.Fatalf("%s: the error does not name its request: %v", name, err)
			}
		}
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
