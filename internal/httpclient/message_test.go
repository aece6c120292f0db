package httpclient

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRedactSecretCutsEveryOccurrence(t *testing.T) {
	got := string(RedactSecret([]byte(`{"auth":"Bearer s3cret","echo":"s3cret"}`), "s3cret"))
	if want := `{"auth":"Bearer [REDACTED]","echo":"[REDACTED]"}`; got != want {
		t.Errorf("RedactSecret = %s, want %s", got, want)
	}
	body := []byte("nothing to hide")
	if got := RedactSecret(body, "s3cret"); !bytes.Equal(got, body) {
		t.Errorf("RedactSecret changed a body without the secret: %s", got)
	}
	if got := RedactSecret(body, ""); !bytes.Equal(got, body) {
		t.Errorf("RedactSecret with an empty secret changed the body: %s", got)
	}
}

func TestServerTextCollapsesSpaceAndTruncates(t *testing.T) {
	if got := ServerText([]byte("  <html>\n\t<h1>Bad   Gateway</h1>\r\n</html>  ")); got != "<html> <h1>Bad Gateway</h1> </html>" {
		t.Errorf("ServerText = %q", got)
	}
	if got := ServerText(nil); got != "" {
		t.Errorf("ServerText(nil) = %q, want empty", got)
	}
	long := ServerText([]byte(strings.Repeat("é", MaxMessageLength)))
	if !strings.HasSuffix(long, "…") || len(long) > MaxMessageLength+len("…") || !utf8.ValidString(long) {
		t.Errorf("ServerText of a long body = %d bytes, valid UTF-8 %v: %q", len(long), utf8.ValidString(long), long)
	}
}

func TestTruncateMessageKeepsShortTextAndCutsOnARune(t *testing.T) {
	exact := strings.Repeat("a", MaxMessageLength)
	if got := TruncateMessage(exact); got != exact {
		t.Errorf("TruncateMessage cut a message of exactly MaxMessageLength")
	}
	got := TruncateMessage("a" + strings.Repeat("€", MaxMessageLength)) // 1 + 3n bytes: byte 300 is inside a rune
	if want := "a" + strings.Repeat("€", (MaxMessageLength-1)/3) + "…"; got != want {
		t.Errorf("TruncateMessage = %q, want %q", got, want)
	}
}

func TestAppendHint(t *testing.T) {
	if got := AppendHint("Forbidden", "use an admin's key"); got != "Forbidden: use an admin's key" {
		t.Errorf("AppendHint = %q", got)
	}
	if got := AppendHint("", "use an admin's key"); got != "use an admin's key" {
		t.Errorf("AppendHint without a message = %q", got)
	}
}

func TestDoJSONDecodesTheAnswerAndNamesTheRequestWhenItCannot(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/good" {
			_, _ = w.Write([]byte(`{"name":"ci"}`))
			return
		}
		_, _ = w.Write([]byte(`not json`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL + "/api", Platform: "onyx"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	var out struct{ Name string }
	if err := c.DoJSON(ctx, Request{Method: http.MethodGet, Path: "/good"}, &out); err != nil || out.Name != "ci" {
		t.Errorf("DoJSON = %v, decoded %+v", err, out)
	}
	if err := c.DoJSON(ctx, Request{Method: http.MethodDelete, Path: "/bad"}, nil); err != nil {
		t.Errorf("DoJSON with nil out decoded the body: %v", err)
	}
	err = c.DoJSON(ctx, Request{Method: http.MethodGet, Path: "/bad"}, &out)
	if err == nil || !strings.HasPrefix(err.Error(), "onyx GET /api/bad: decoding response body: ") {
		t.Errorf("DoJSON of a non-JSON answer = %v, want it to name platform, method and full path", err)
	}
}

func TestDoJSONPassesRequestErrorsThrough(t *testing.T) {
	srv, _ := scripted(t, http.StatusNotFound)
	c := newTestClient(t, srv.URL, 0)
	var out map[string]any
	err := c.DoJSON(context.Background(), Request{Method: http.MethodGet, Path: "/x"}, &out)
	if err == nil || !strings.Contains(err.Error(), "404") || out != nil {
		t.Errorf("DoJSON of a 404 = %v (out %v), want the request error", err, out)
	}
}
