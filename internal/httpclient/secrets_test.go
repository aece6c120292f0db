package httpclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// The secrets of the echo tests hold characters that JSON encoders escape ("&", "<", "/", "é").
const (
	echoToken    = "tok/en&<1>"
	echoHeader   = "hdr/s3cret&<2>é"
	echoPassword = "pw/s3cret&<3>é"
)

// spellings are the forms a server may echo a secret in: as it is, as Go's encoder escapes it, with only
// quotes escaped, with "/" escaped (PHP), non-ASCII escaped (Python), or every character escaped.
func spellings(secret string) []string {
	goEscaped, _ := json.Marshal(secret)
	var plain bytes.Buffer
	enc := json.NewEncoder(&plain)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(secret)
	var ascii, every strings.Builder
	for _, r := range secret {
		if r > 127 {
			fmt.Fprintf(&ascii, `\u%04X`, r)
		} else {
			ascii.WriteRune(r)
		}
		fmt.Fprintf(&every, `\u%04x`, r)
	}
	return []string{
		secret,
		strings.Trim(string(goEscaped), `"`),
		strings.Trim(strings.TrimSpace(plain.String()), `"`),
		strings.ReplaceAll(secret, "/", `\/`),
		ascii.String(),
		every.String(),
	}
}

func TestSecretSetMaskEverySpelling(t *testing.T) {
	s := newSecretSet(echoToken, echoPassword, "ab") // "ab" is too short to mask
	for _, secret := range []string{echoToken, echoPassword} {
		for _, spelled := range spellings(secret) {
			text := `{"detail":"before ` + spelled + ` after ab"}`
			got := s.mask(text)
			if got != `{"detail":"before [REDACTED] after ab"}` {
				t.Errorf("mask(%s) = %s", text, got)
			}
		}
	}
	if got := s.mask("nothing to hide"); got != "nothing to hide" {
		t.Errorf("mask changed a text without secrets: %q", got)
	}
	// A secret that holds another is masked whole; overlapping occurrences leave nothing of either.
	s = newSecretSet("abcd", "xxabcdyy")
	if got := s.mask("1 xxabcdyy 2 abcd 3 abcdabcd"); got != "1 [REDACTED] 2 [REDACTED] 3 [REDACTED][REDACTED]" {
		t.Errorf("got %q", got)
	}
	// A surrogate pair escaped as two \u sequences.
	s = newSecretSet("k😀ey")
	if got := s.mask(`"k\ud83d\ude00ey"`); got != `"[REDACTED]"` {
		t.Errorf("got %q", got)
	}
}

func TestBodySecretsFindsSecretFieldsAtAnyDepth(t *testing.T) {
	got := bodySecrets([]byte(`{"name":"ada","password":"p1","user":{"api_key":"k2","keys":["x"]},"credentials":{"secret":{"value":"s3"}}}`))
	want := map[string]bool{"p1": true, "k2": true, "s3": true}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %v", got, want)
	}
	for _, v := range got {
		if !want[v] {
			t.Errorf("%q is not a secret", v)
		}
	}
}

// echoServer answers every request with status and an error that echoes the request: its body as a JSON
// string and as a field message, and its headers, in JSON or in plain text.
func echoServer(t *testing.T, status int, plain bool) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req struct{ Password string }
		_ = json.Unmarshal(body, &req)
		headers := "Authorization=" + r.Header.Get("Authorization") + " X-Api-Key=" + r.Header.Get("X-Api-Key")
		w.WriteHeader(status)
		if plain {
			_, _ = w.Write([]byte("bad request " + string(body) + " " + headers))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"detail":   "bad request " + string(body) + " " + headers,
			"password": []string{"'" + req.Password + "' is too common for ada"},
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// echoDecoder decodes the echo server's errors as platform decoders do: field messages from JSON, the
// text itself otherwise.
func echoDecoder(apiErr *platform.APIError, resp *Response) error {
	var body struct {
		Detail   string   `json:"detail"`
		Password []string `json:"password"`
	}
	if resp.JSON(&body) != nil {
		apiErr.Message = ServerText(resp.Body)
		return apiErr
	}
	apiErr.Message = body.Detail
	return &platform.InvalidError{Fields: []platform.FieldError{{Field: platform.FieldPassword, Message: body.Password[0]}}, Err: apiErr}
}

// No secret a request carried (the token, a header value, a password in its body) is in the error of an
// answer that echoes the request, in any spelling, for a 400 or a 500, in JSON or in text; nor in the
// TRACE log. The rest of the message is kept.
func TestEchoedSecretsAreMaskedInErrorsAndLogs(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusInternalServerError} {
		for _, plain := range []bool{false, true} {
			srv := echoServer(t, status, plain)
			c, err := New(Config{BaseURL: srv.URL, Authorization: "Bearer " + echoToken, MaxRetries: 0, RequestTimeout: 2 * time.Second,
				Headers: map[string]string{"X-Api-Key": echoHeader}, DecodeError: echoDecoder})
			if err != nil {
				t.Fatal(err)
			}
			var logged bytes.Buffer
			ctx := tflogtest.RootLogger(context.Background(), &logged)
			_, err = c.Do(ctx, Request{Method: http.MethodPost, Path: "/users/", Body: map[string]string{"name": "ada", "password": echoPassword}})
			if err == nil {
				t.Fatalf("%d: no error", status)
			}
			texts := map[string]string{"error": err.Error(), "log": logged.String(), "decoded log": decodedLog(t, logged.Bytes())}
			for _, f := range platform.FieldErrorsOf(err) {
				texts["field "+f.Field.String()] = f.Message
			}
			for where, text := range texts {
				for _, secret := range []string{echoToken, echoHeader, echoPassword} {
					for _, spelled := range spellings(secret) {
						if strings.Contains(text, spelled) {
							t.Errorf("%d (plain %v): the %s holds %q: %s", status, plain, where, spelled, text)
						}
					}
				}
			}
			if !strings.Contains(err.Error(), "ada") || !strings.Contains(err.Error(), "[REDACTED]") {
				t.Errorf("%d (plain %v): the message lost what is not secret, or masked nothing: %s", status, plain, err)
			}
			if !strings.Contains(logged.String(), "request failed") {
				t.Errorf("nothing was logged: %s", logged.String())
			}
		}
	}
}

// decodedLog is the string fields of a JSON log, decoded: a logged body is JSON inside a JSON line, which
// spells a secret in the body escaped twice.
func decodedLog(t *testing.T, log []byte) string {
	t.Helper()
	var out strings.Builder
	for _, line := range bytes.Split(bytes.TrimSpace(log), []byte("\n")) {
		var fields map[string]any
		if err := json.Unmarshal(line, &fields); err != nil {
			t.Fatalf("log line %s: %v", line, err)
		}
		for _, v := range fields {
			if s, ok := v.(string); ok {
				out.WriteString(s + "\n")
			}
		}
	}
	return out.String()
}
