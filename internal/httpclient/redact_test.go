package httpclient

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRedactJSONHidesSecretsAtAnyDepth(t *testing.T) {
	body := `{"name":"ci","key":"k-123","results":[{"token":"t-456","user":{"password":"p-789","api_key":"a-000"}}],"client_secret":"c-111","inviteLink":"https://u/invite/i-222","description":"keep me"}`
	out := RedactJSON([]byte(body))
	for _, secret := range []string{"k-123", "t-456", "p-789", "a-000", "c-111", "i-222"} {
		if strings.Contains(out, secret) {
			t.Errorf("redacted body still contains %q: %s", secret, out)
		}
	}
	for _, kept := range []string{`"name":"ci"`, `"description":"keep me"`} {
		if !strings.Contains(out, kept) {
			t.Errorf("redacted body lost %s: %s", kept, out)
		}
	}
}

func TestRedactJSONNeverEchoesNonJSON(t *testing.T) {
	if out := RedactJSON([]byte("password=hunter2")); strings.Contains(out, "hunter2") {
		t.Errorf("non-JSON body echoed: %s", out)
	}
}

func TestLoggedBodyRedactsWhenWritten(t *testing.T) {
	const token = "tok-123-secret"
	b := loggedBody{body: []byte(`{"name":"ada","password":"hunter2","note":"echo tok-123-secret"}`), secrets: newSecretSet(token)}
	for name, got := range map[string]string{"String": b.String(), "MarshalJSON": mustMarshal(t, b)} {
		if strings.Contains(got, "hunter2") || strings.Contains(got, token) {
			t.Errorf("%s: a secret is in the logged body: %s", name, got)
		}
		if !strings.Contains(got, "ada") {
			t.Errorf("%s: the body's other fields are gone: %s", name, got)
		}
	}
}

// A token with characters JSON escapes reaches the log body escaped ("\u0026" for "&"), by the server's
// encoder or by ours: it must be masked all the same.
func TestLoggedBodyMasksATokenJSONEscapes(t *testing.T) {
	const token = "tok&<secret>"
	for _, body := range []string{
		`{"note":"echo tok&<secret>"}`,
		`{"note":"echo tok\u0026\u003csecret\u003e"}`,
		`["tok&<secret>"]`,
	} {
		b := loggedBody{body: []byte(body), secrets: newSecretSet(token)}
		for name, got := range map[string]string{"String": b.String(), "MarshalJSON": mustMarshal(t, b)} {
			if strings.Contains(got, "secret") {
				t.Errorf("%s of %s: the token is in the logged body: %s", name, body, got)
			}
		}
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
