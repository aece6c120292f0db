package httpclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
)

// An HTML page where JSON was expected (a login proxy, a wrong endpoint) says so, with the platform, the
// request and the status, whether or not the answer's body was wanted, labelled text/html or not. After a
// POST it may hide an applied write.
func TestHTMLAnswerSaysSo(t *testing.T) {
	for _, contentType := range []string{"text/html; charset=utf-8", "application/json", ""} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			if contentType != "" {
				w.Header().Set("Content-Type", contentType)
			}
			_, _ = w.Write([]byte("\n<!DOCTYPE html><html><title>Sign in</title></html>"))
		}))
		c, err := New(Config{BaseURL: srv.URL + "/api", Platform: "authentik"})
		if err != nil {
			t.Fatal(err)
		}
		for _, method := range []string{http.MethodGet, http.MethodDelete, http.MethodPost} {
			var out map[string]any
			for _, target := range []any{&out, nil} {
				err := c.DoJSON(context.Background(), Request{Method: method, Path: "/core/users/"}, target)
				want := "authentik " + method + " /api/core/users/: the server answered an HTML page with status 200: a login proxy or a wrong endpoint?"
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%q, %s: got %v, want %q", contentType, method, err, want)
				}
				if platform.IsAmbiguous(err) != (method == http.MethodPost) {
					t.Errorf("%q, %s: ambiguous = %v", contentType, method, platform.IsAmbiguous(err))
				}
			}
		}
		srv.Close()
	}
}

// JSON, and an empty body, are not mistaken for a page.
func TestJSONIsNotHTML(t *testing.T) {
	for _, body := range []string{`{"a":"<b>"}`, "", "  "} {
		resp := &Response{Status: 200, Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte(body)}
		if body != "" && body != "  " {
			resp.Header.Set("Content-Type", "application/json")
		}
		if isHTML(resp) {
			t.Errorf("%q taken for HTML", body)
		}
	}
}
