package unleash

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/rosterhq/terraform-provider-roster/internal/httpclient"
)

// A token is addressed by its secret in the path. When something that is not Unleash answers the DELETE (a
// proxy's HTML 404), or redirects it, the error names the request without the secret.
func TestTokenSecretInThePathStaysOutOfErrors(t *testing.T) {
	const secret = "*:development.0123456789abcdef0123456789abcdef0123456789abcdef01234567"
	for name, answer := range map[string]func(http.ResponseWriter){
		"proxy 404": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte("<html>not here</html>"))
		},
		"redirect": func(w http.ResponseWriter) {
			w.Header().Set("Location", "http://elsewhere.example/api/admin/api-tokens/"+secret)
			w.WriteHeader(http.StatusTemporaryRedirect)
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet && r.URL.Path == tokensPath {
					w.Header().Set("Content-Type", "application/json")
					_, _ = w.Write([]byte(`{"tokens":[{"secret":"` + secret + `","tokenName":"t","type":"client","environment":"development","projects":["*"]}]}`))
					return
				}
				answer(w)
			}))
			defer srv.Close()
			c, err := New(Config{Endpoint: srv.URL, Token: mockToken, HTTP: httpclient.Config{MaxRetries: 0}})
			if err != nil {
				t.Fatal(err)
			}
			err = c.DeleteAPIKey(context.Background(), tokenID(secret))
			if err == nil {
				t.Fatal("the delete succeeded")
			}
			if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "0123456789abcdef0123") {
				t.Errorf("the token's secret is in the error: %v", err)
			}
		})
	}
}
