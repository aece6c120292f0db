package provider_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// edgeProvider is a provider block with a headers setting and no retries, so that a failure shows at once.
func edgeProvider(platformName, endpoint, token, extra string) string {
	return fmt.Sprintf(`
provider "roster" {
  platform          = %q
  endpoint          = %q
  token             = %q
  max_retries       = 0
  writes_per_minute = 100000
  headers           = { "X-Proxy-Key" = "proxy-s3cret-value\n" }
  %s
}
`, platformName, endpoint, token, extra)
}

// A token and a header value read with file() end with a line break: they work on every platform.
func TestAccEdge_tokenWithALineBreakWorks(t *testing.T) {
	t.Parallel()
	for _, platformName := range []string{"authentik", "secoda", "tyk_ai_studio", "unleash", "onyx"} {
		t.Run(platformName, func(t *testing.T) {
			srv := badInputMock(t, platformName)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config: edgeProvider(platformName, srv.URL, srv.Token+"\n", "") + `data "roster_users" "all" {}`,
					Check:  resource.TestCheckResourceAttrSet("data.roster_users.all", "users.0.id"),
				}},
			})
		})
	}
}

// A proxy that redirects the API to another port (here: to the real mock) gets an error naming the
// redirect, for a write and for a read, and the mock receives nothing: no token, no header, no password.
func TestAccEdge_redirectOffTheOriginIsRefused(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	var redirected atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		redirected.Add(1)
		http.Redirect(w, r, mock.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	t.Cleanup(proxy.Close)
	provider := edgeProvider("authentik", proxy.URL, acctest.AuthentikToken, "")
	hint := "set `endpoint` to the final address (" + mock.URL + "/api/v3)"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{
				Config: provider + `
resource "roster_user" "u" {
  email               = "ada@example.com"
  password_wo         = "Pw-redirect-7f3a9c"
  password_wo_version = 1
}`,
				ExpectError: errorRE("the server redirected POST /api/v3/core/users/ to "+mock.URL+"/api/v3/core/users/;", hint),
			},
			{
				Config:      provider + `data "roster_users" "all" {}`,
				ExpectError: errorRE("the server redirected GET /api/v3/core/users/", "to "+mock.URL+"/api/v3/core/users/", hint),
			},
		},
	})
	if n := mock.Requests(); n != 0 {
		t.Errorf("the redirect target received %d requests: %v", n, mock.Log().Entries())
	}
	if n := redirected.Load(); n != 2 {
		t.Errorf("the proxy answered %d requests, want 2 (one write, one read, none retried)", n)
	}
}

// max_response_size_mib reaches the client: an answer longer than it fails with the setting's name.
func TestAccEdge_answerLargerThanTheCapFails(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"results":[` + strings.Repeat(`{"pk":1},`, 300_000)))
	}))
	t.Cleanup(srv.Close)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config:      edgeProvider("authentik", srv.URL, "t0ken", "max_response_size_mib = 2") + `data "roster_users" "all" {}`,
			ExpectError: errorRE("GET /api/v3/core/users/: 200 OK: the answer is larger than 2 MiB;", "raise the provider's `max_response_size_mib`"),
		}},
	})
}

// A server error that echoes the request (a debugging proxy in front of Unleash) shows the token, the
// headers value and the password_wo of the create masked, and the rest of what it said.
func TestAccEdge_echoedSecretsAreMasked(t *testing.T) {
	mock := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	target, err := url.Parse(mock.URL)
	if err != nil {
		t.Fatal(err)
	}
	forward := httputil.NewSingleHostReverseProxy(target)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/user-admin") {
			forward.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, "rejected: Authorization=%s X-Proxy-Key=%s body=%s", r.Header.Get("Authorization"), r.Header.Get("X-Proxy-Key"), body)
	}))
	t.Cleanup(proxy.Close)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config: edgeProvider("unleash", proxy.URL, acctest.UnleashToken, "") + `
resource "roster_user" "u" {
  email               = "ada@example.com"
  name                = "Ada"
  password_wo         = "Pw-echoed-7f3a9c"
  password_wo_version = 1
}`,
			ExpectError: errorRE("400 Bad Request: rejected: Authorization=[REDACTED] X-Proxy-Key=[REDACTED] body=",
				`"email":"ada@example.com"`, `"password":"[REDACTED]"`),
		}},
	})
}
