// Package platformtest is what the platform clients' fuzz targets (internal/platform/<name>/decode_fuzz_test.go)
// share: folding a fuzzed integer onto an HTTP status, the driver of an error decoder's fuzz target, a server
// that answers every request with one fuzzed answer, and the checks every decoded error and every read must
// pass whatever the server said. What differs between platforms (the token, the known attributes, the seeds,
// the reads and their own rules) stays in each platform's test file. The clients' unit tests also share the
// check that a 404 to a create names the missing route (route404.go).
//
// Only tests import it. It is no _test.go file because a _test.go file cannot be imported by another
// package's tests.
package platformtest

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// FuzzStatus maps any integer onto an HTTP status from minStatus up to 599; a status in that range stays
// itself, so a seed's status is the one served.
func FuzzStatus(n, minStatus int) int {
	span := 600 - minStatus
	return minStatus + (((n-minStatus)%span)+span)%span
}

// checkLeakFree fails when token appears anywhere a diagnostic could show it: the error's text, or a field
// error's field or message.
func checkLeakFree(t *testing.T, err error, token string) {
	t.Helper()
	if strings.Contains(err.Error(), token) {
		t.Fatalf("the error shows the token: %v", err)
	}
	for _, f := range platform.FieldErrorsOf(err) {
		if strings.Contains(f.Message, token) || strings.Contains(f.Field.String(), token) {
			t.Fatalf("a field error shows the token: %+v", f)
		}
	}
}

// checkFieldsKnown fails when a field error of err points at a field that known does not hold (the zero
// Field is the whole object).
func checkFieldsKnown(t *testing.T, err error, known map[platform.Field]bool) {
	t.Helper()
	for _, fe := range platform.FieldErrorsOf(err) {
		if !known[fe.Field] {
			t.Fatalf("a field error points at %q, which is no known field", fe.Field)
		}
	}
}

// CheckRequestKept fails unless err is, or wraps, a *platform.APIError that keeps the request's method and
// path and the answer's status.
func CheckRequestKept(t *testing.T, err error, method, path string, status int) {
	t.Helper()
	var apiErr *platform.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != status || apiErr.Method != method || apiErr.Path != path {
		t.Fatalf("the error lost the request or status: %#v", apiErr)
	}
}

// StatusKinds are the platform-specific variations of checkStatusKinds.
type StatusKinds struct {
	// ConflictOn409 requires a 409 to decode to a *platform.ConflictError.
	ConflictOn409 bool
	// NotFoundOn5xx lets a 5xx decode to a *platform.NotFoundError (Tyk AI Studio answers some lookups of
	// a missing record with a 500).
	NotFoundOn5xx bool
	// UnsupportedOn402 requires a 402 to decode to a *platform.UnsupportedError; FuzzErrorDecoder checks
	// nothing more of such an answer.
	UnsupportedOn402 bool
}

// checkStatusKinds fails unless a 404 decodes to a *platform.NotFoundError, a 400 to a
// *platform.InvalidError or *platform.ConflictError, a 409 (with kinds.ConflictOn409) to a
// *platform.ConflictError, and no other status (but a 5xx, with kinds.NotFoundOn5xx) to a NotFoundError.
func checkStatusKinds(t *testing.T, status int, err error, kinds StatusKinds) {
	t.Helper()
	var invalid *platform.InvalidError
	var conflict *platform.ConflictError
	switch {
	case status == http.StatusNotFound && !platform.IsNotFound(err):
		t.Fatalf("a 404 is not a NotFoundError: %T", err)
	case status == http.StatusBadRequest && !errors.As(err, &invalid) && !errors.As(err, &conflict):
		t.Fatalf("a 400 is neither invalid nor a conflict: %T", err)
	case kinds.ConflictOn409 && status == http.StatusConflict && !errors.As(err, &conflict):
		t.Fatalf("a 409 is not a conflict: %T", err)
	case status != http.StatusNotFound && (!kinds.NotFoundOn5xx || status < 500) && platform.IsNotFound(err):
		t.Fatalf("status %d became a NotFoundError", status)
	}
}

// ErrorDecoder is one platform's error decoder, as FuzzErrorDecoder fuzzes it.
type ErrorDecoder struct {
	// Token is the client's token, which no decoded error may show.
	Token string
	// Method and Path are the request every fuzzed answer is decoded for.
	Method, Path string
	Decode       httpclient.ErrorDecoder
	// KnownFields are the attributes a field error may point at ("" is the whole object).
	KnownFields map[platform.Field]bool
	// Kinds are the platform's variations of the kinds of error a status decodes to.
	Kinds StatusKinds
	// Check, when set, replaces CheckRequestKept and checkStatusKinds with the platform's own rules.
	Check func(t *testing.T, status int, err error)
}

// FuzzErrorDecoder fuzzes d from the seeds (status int, body []byte) already added to f. Whatever the status
// (folded onto 400-599) and body, the decoded error is an error, names the request's method and path, and
// never shows the token; then (but for a 402 with d.Kinds.UnsupportedOn402) it keeps the request and status
// and is of the kind its status calls for (CheckRequestKept and checkStatusKinds, or d.Check), and its field
// errors point only at d.KnownFields.
func FuzzErrorDecoder(f *testing.F, d ErrorDecoder) {
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		status = FuzzStatus(status, 400)
		err := d.Decode(&platform.APIError{Method: d.Method, Path: d.Path, Status: status},
			&httpclient.Response{Status: status, Header: http.Header{}, Body: body})
		if err == nil {
			t.Fatalf("status %d decoded to no error", status)
		}
		if !strings.Contains(err.Error(), d.Method+" "+d.Path) {
			t.Fatalf("the error does not name the request: %v", err)
		}
		checkLeakFree(t, err, d.Token)
		if d.Kinds.UnsupportedOn402 && status == http.StatusPaymentRequired {
			var unsupported *platform.UnsupportedError
			if !errors.As(err, &unsupported) {
				t.Fatalf("a 402 is not an UnsupportedError: %T", err)
			}
			return
		}
		if d.Check != nil {
			d.Check(t, status, err)
		} else {
			CheckRequestKept(t, err, d.Method, d.Path, status)
			checkStatusKinds(t, status, err, d.Kinds)
		}
		checkFieldsKnown(t, err, d.KnownFields)
	})
}

// FuzzHTTPConfig is the transport of a client under fuzzing: no retries, no waits, so every fuzz input costs
// few requests and little time.
func FuzzHTTPConfig() httpclient.Config {
	return httpclient.Config{
		MaxRetries: 0, RetryWaitMin: time.Microsecond, RetryWaitMax: time.Microsecond, RequestTimeout: 5 * time.Second,
	}
}

// Answer is what a FuzzServer sends to every request.
type Answer struct {
	Status int
	// ContentType, when not empty, is the answer's Content-Type.
	ContentType string
	// Header holds further headers, e.g. a page total.
	Header http.Header
	Body   []byte
}

// maxRequestsPerRead bounds one read: a list follows pages, but must stop however the server answers.
const maxRequestsPerRead = 50

// FuzzServer answers every request with the same Answer, which a fuzz target swaps per input, and counts
// requests, so that CheckRead can bound them.
type FuzzServer struct {
	*httptest.Server
	token    string
	answer   atomic.Pointer[Answer]
	requests atomic.Int64
}

// NewFuzzServer starts a FuzzServer for a client sending token, answering first until Serve says otherwise.
// f's cleanup closes it.
func NewFuzzServer(f *testing.F, token string, first Answer) *FuzzServer {
	s := &FuzzServer{token: token}
	s.answer.Store(&first)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		a := s.answer.Load()
		if a.ContentType != "" {
			w.Header().Set("Content-Type", a.ContentType)
		}
		for k, vs := range a.Header {
			for _, v := range vs {
				w.Header().Add(k, v)
			}
		}
		w.WriteHeader(a.Status)
		_, _ = w.Write(a.Body)
	}))
	f.Cleanup(s.Close)
	return s
}

// Serve makes s answer every request with a from now on.
func (s *FuzzServer) Serve(a Answer) {
	s.answer.Store(&a)
}

// CheckRead runs op, one read through the client, and fails when it made more than maxRequestsPerRead
// requests, or when its error shows the token or, being about a request, does not name it. It returns op's
// error, for the platform's own checks.
func (s *FuzzServer) CheckRead(t *testing.T, name string, op func() error) error {
	t.Helper()
	s.requests.Store(0)
	err := op()
	if n := s.requests.Load(); n > maxRequestsPerRead {
		t.Fatalf("%s made %d requests", name, n)
	}
	if err == nil {
		return nil
	}
	checkLeakFree(t, err, s.token)
	var apiErr *platform.APIError
	if errors.As(err, &apiErr) && !strings.Contains(err.Error(), apiErr.Method+" "+apiErr.Path) {
		t.Fatalf("%s: the error does not name its request: %v", name, err)
	}
	return err
}

// Reader is CheckRead bound to t, for a fuzz input's reads.
func (s *FuzzServer) Reader(t *testing.T) func(name string, op func() error) error {
	return func(name string, op func() error) error {
		t.Helper()
		return s.CheckRead(t, name, op)
	}
}
