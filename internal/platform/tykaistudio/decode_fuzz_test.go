package tykaistudio

// Fuzz targets for what the client reads from the wire: the error decoder, and every read through the real
// client against a server answering with arbitrary statuses, content types, totals and bodies. `go test`
// runs the seed corpora; `go test -fuzz=FuzzXxx ./internal/platform/tykaistudio/` explores further.

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

const fuzzToken = "ZnV6ei10eWstYWRtaW4ta2V5LTAxMjM0NTY3ODlhYmM="

// fuzzStatus maps any integer onto an HTTP status from min up to 599; a status in that range stays itself,
// so a seed's status is the one served.
func fuzzStatus(n, minStatus int) int {
	span := 600 - minStatus
	return minStatus + (((n-minStatus)%span)+span)%span
}

func knownFields() map[string]bool {
	out := map[string]bool{"": true, attrName: true, attrDescription: true, attrMembers: true, attrEmail: true,
		attrRole: true, attrActive: true, attrPassword: true, attrUserID: true, attrExpiresAt: true}
	for _, attr := range wireAttribute {
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
	known := knownFields()
	decode := newErrorDecoder(fuzzToken)
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = fuzzStatus(status, 400)
		const method, path = http.MethodPatch, "/api/v1/users/7"
		err := decode(&platform.APIError{Method: method, Path: path, Status: status},
			&httpclient.Response{Status: status, Header: http.Header{}, Body: body})
		if err == nil {
			t.Fatalf("status %d decoded to no error", status)
		}
		if !strings.Contains(err.Error(), method+" "+path) {
			t.Fatalf("the error does not name the request: %v", err)
		}
		checkLeakFree(t, err)
		var unsupported *platform.UnsupportedError
		if status == http.StatusPaymentRequired {
			if !errors.As(err, &unsupported) {
				t.Fatalf("a 402 is not an UnsupportedError: %T", err)
			}
			return
		}
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
		case status < 500 && status != http.StatusNotFound && platform.IsNotFound(err):
			t.Fatalf("status %d became a NotFoundError", status)
		}
		for _, fe := range platform.FieldErrorsOf(err) {
			if !known[fe.Field] {
				t.Fatalf("a field error points at %q, which is no attribute", fe.Field)
			}
		}
	})
}

type fuzzServer struct {
	*httptest.Server
	answer   atomic.Pointer[fuzzAnswer]
	requests atomic.Int64
}

type fuzzAnswer struct {
	status      int
	contentType string
	total       string
	body        []byte
}

func newFuzzServer(f *testing.F) *fuzzServer {
	s := &fuzzServer{}
	s.answer.Store(&fuzzAnswer{status: http.StatusOK, contentType: "application/json", body: []byte(`{}`)})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		a := s.answer.Load()
		w.Header().Set("Content-Type", a.contentType)
		if a.total != "" {
			w.Header().Set("X-Total-Count", a.total)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	}))
	f.Cleanup(s.Close)
	return s
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

const maxRequestsPerRead = 50

// FuzzClientReads runs the client's reads against a server that answers every request with one fuzzed
// status, content type, X-Total-Count and body. Nothing panics, every read finishes within a few requests,
// errors about a request name it and never show the token, and group members come back sorted.
func FuzzClientReads(f *testing.F) {
	for _, s := range readSeeds {
		f.Add(s.status, s.html, s.total, []byte(s.body))
	}
	srv := newFuzzServer(f)
	client, err := New(Config{Endpoint: srv.URL, Token: fuzzToken, HTTP: httpclient.Config{
		MaxRetries: 0, RetryWaitMin: time.Microsecond, RetryWaitMax: time.Microsecond, RequestTimeout: 5 * time.Second,
	}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, html bool, total string, body []byte) {
		contentType := "application/json"
		if html {
			contentType = "text/html; charset=utf-8"
		}
		srv.answer.Store(&fuzzAnswer{status: fuzzStatus(status, 200), contentType: contentType, total: total, body: body})
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
