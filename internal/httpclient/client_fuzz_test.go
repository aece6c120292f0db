package httpclient

// Fuzz targets for what the shared HTTP stack reads from the wire: Retry-After, the redaction of logged
// bodies, message trimming, and Do's handling of any answer. `go test` runs the seed corpora;
// `go test -fuzz=FuzzXxx ./internal/httpclient/` explores further.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// FuzzParseRetryAfter: any header value yields no wait or a wait between 0 and the cap; whole seconds are
// read as such.
func FuzzParseRetryAfter(f *testing.F) {
	for _, v := range []string{"0", "3", " 120 ", "-5", "99999999999", "Wed, 21 Oct 2015 07:28:00 GMT",
		"Mon, 02 Jan 2006 15:04:05 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "1.5", "", "soon", "\x00"} {
		f.Add(v)
	}
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, value string) {
		d, ok := parseRetryAfter(value, now)
		if !ok {
			if d != 0 {
				t.Fatalf("no wait parsed but %v returned", d)
			}
			return
		}
		if d < 0 || d > maxRetryAfter {
			t.Fatalf("Retry-After %q gave %v, outside [0, %v]", value, d, maxRetryAfter)
		}
		if secs, err := strconv.Atoi(strings.TrimSpace(value)); err == nil && secs >= 0 && secs <= int(maxRetryAfter/time.Second) {
			if d != time.Duration(secs)*time.Second {
				t.Fatalf("Retry-After %q gave %v", value, d)
			}
		}
	})
}

// FuzzRedactJSON: whatever a body holds, the logged form is empty, a placeholder or JSON in which every
// secret-named key holds "[REDACTED]" (or null), at any depth.
func FuzzRedactJSON(f *testing.F) {
	for _, b := range []string{
		`{"key":"k3y","name":"ci"}`,
		`{"data":{"attributes":{"api_key":"abc","email":"a@example.com"}}}`,
		`[{"password":"x"},{"Secret":null},{"tokens":[{"secret":"s"}]}]`,
		`{"inviteLink":"https://x/invite/abc","resetPasswordUrl":"https://x/reset"}`,
		`{"token":{"nested":"object"}}`,
		`"just a string"`, `42`, `null`, ``, `<html>not json</html>`, `{"a":`,
	} {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		out := RedactJSON(body)
		switch out {
		case "", "<non-JSON body>", "<unprintable body>":
			if out == "" && len(body) != 0 {
				t.Fatalf("a %d-byte body logged as nothing", len(body))
			}
			return
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("the logged form is not JSON: %q", out)
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				for k, val := range x {
					if IsSecretKey(k) && val != nil && val != redacted {
						t.Fatalf("secret key %q logged as %v", k, val)
					}
					walk(val)
				}
			case []any:
				for _, item := range x {
					walk(item)
				}
			}
		}
		walk(v)
	})
}

// FuzzServerText: trimmed server text is valid where the input was, never longer than the cap plus the
// ellipsis, and has no line breaks.
func FuzzServerText(f *testing.F) {
	for _, b := range []string{"<html>\n<title>502</title>\n</html>", strings.Repeat("é", 400), "a\tb\r\nc", ""} {
		f.Add([]byte(b))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		s := ServerText(body)
		if len(s) > MaxMessageLength+len("…") {
			t.Fatalf("%d bytes, cap %d", len(s), MaxMessageLength)
		}
		if strings.ContainsAny(s, "\n\r\t") {
			t.Fatalf("white space kept: %q", s)
		}
		if utf8.Valid(body) && !utf8.ValidString(s) {
			t.Fatalf("valid UTF-8 was cut inside a rune: %q", s)
		}
	})
}

// fuzzAnswer is what the fuzz server sends.
type fuzzAnswer struct {
	status     int
	retryAfter string
	body       []byte
}

// FuzzDo: whatever status, Retry-After and body the server sends, Do returns the body of a 2xx and otherwise
// an error that names the method and path and keeps the status; it resends a GET after 429 and 5xx (but
// 501), a POST only after 429, and marks a POST's 5xx as ambiguous. The decoder sees every non-2xx answer.
func FuzzDo(f *testing.F) {
	for _, s := range []struct {
		status      int
		retryAfter  string
		body        string
		post, known bool
	}{
		{200, "", `{"pk":1}`, false, false},
		{201, "", `{"pk":1}`, true, false},
		{204, "", ``, false, false},
		{400, "", `{"name":["taken"]}`, true, false},
		{404, "", `{"detail":"Not found."}`, false, true},
		{429, "0", `{"detail":"slow down"}`, true, false},
		{429, "Wed, 21 Oct 2015 07:28:00 GMT", ``, false, false},
		{500, "", `<html>oops</html>`, true, false},
		{501, "", `not implemented`, false, false},
		{503, "0", `{"detail":"maintenance"}`, false, true},
		{302, "", `redirect`, false, false},
	} {
		f.Add(s.status, s.retryAfter, []byte(s.body), s.post, s.known)
	}
	var answer atomic.Pointer[fuzzAnswer]
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		a := answer.Load()
		if a.retryAfter != "" {
			w.Header().Set("Retry-After", a.retryAfter)
		}
		w.WriteHeader(a.status)
		_, _ = w.Write(a.body)
	}))
	f.Cleanup(srv.Close)
	var decoded atomic.Int64
	client, err := New(Config{
		BaseURL: srv.URL + "/api/v3", Authorization: "Bearer fuzz-token", MaxRetries: 1,
		RetryWaitMin: time.Microsecond, RetryWaitMax: time.Microsecond, RequestTimeout: 5 * time.Second,
		DecodeError: func(apiErr *platform.APIError, resp *Response) error {
			decoded.Add(1)
			apiErr.Message = ServerText(resp.Body)
			if resp.Status == http.StatusNotFound {
				return &platform.NotFoundError{Kind: "group", ID: "x", Err: apiErr}
			}
			return apiErr
		},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, retryAfter string, body []byte, post, idempotent bool) {
		status = 200 + ((status-200)%400+400)%400 // 200..599; a 3xx without Location is an answer like any other
		// Only short waits: Retry-After is honoured up to five minutes.
		if d, ok := parseRetryAfter(retryAfter, time.Now()); ok && d > 10*time.Millisecond {
			retryAfter = "0"
		}
		if strings.ContainsFunc(retryAfter, func(r rune) bool { return r < 0x20 || r == 0x7f || r >= utf8.RuneSelf }) {
			retryAfter = "" // not a header value the server could send
		}
		answer.Store(&fuzzAnswer{status: status, retryAfter: retryAfter, body: body})
		requests.Store(0)
		decoded.Store(0)
		method := http.MethodGet
		if post {
			method = http.MethodPost
		}
		resp, err := client.Do(context.Background(), Request{Method: method, Path: "/core/groups/", Body: map[string]string{"name": "g"}, Idempotent: idempotent})
		n := requests.Load()
		safe := !post || idempotent
		retryable := status == http.StatusTooManyRequests || (status >= 500 && status != http.StatusNotImplemented && safe)
		switch {
		case retryable && n != 2, !retryable && n != 1:
			t.Fatalf("%s answered %d: %d requests (retryable %v)", method, status, n, retryable)
		case status < 300:
			want := string(body)
			if status == http.StatusNoContent {
				want = "" // net/http sends no body with these
			}
			if err != nil || resp == nil || string(resp.Body) != want || resp.Status != status {
				t.Fatalf("%d: got %v, %v", status, resp, err)
			}
			return
		case err == nil:
			t.Fatalf("%d gave no error", status)
		case decoded.Load() != 1:
			t.Fatalf("the decoder saw %d answers", decoded.Load())
		}
		if !strings.Contains(err.Error(), method+" /api/v3/core/groups/") {
			t.Fatalf("the error does not name the request: %v", err)
		}
		var apiErr *platform.APIError
		if !errors.As(err, &apiErr) || apiErr.Status != status {
			t.Fatalf("the error lost the status %d: %v", status, err)
		}
		if ambiguous := platform.IsAmbiguous(err); ambiguous != (!safe && status >= 500) {
			t.Fatalf("%s %d: ambiguous = %v", method, status, ambiguous)
		}
		if strings.Contains(err.Error(), "fuzz-token") {
			t.Fatalf("the error shows the token: %v", err)
		}
	})
}
