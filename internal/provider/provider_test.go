package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

const anyGroup = `
resource "roster_user_group" "g" {
  name = "g"
}
`

func TestAccProvider_badSettingsFailAtPlanWithoutRequests(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	t.Setenv("ROSTER_TOKEN", "")
	t.Setenv("ROSTER_ENDPOINT", "")
	t.Setenv("ROSTER_PLATFORM", "")
	t.Setenv("AUTHENTIK_URL", "")
	t.Setenv("AUTHENTIK_TOKEN", "")
	cases := map[string]struct {
		provider string
		want     []string
	}{
		"unknown platform": {`platform = "okta"
  endpoint = "` + mock.URL + `"
  token = "t"`, []string{"platform", "value must be one of"}},
		"missing platform": {`endpoint = "` + mock.URL + `"
  token = "t"`, []string{"Missing platform", "ROSTER_PLATFORM"}},
		"missing token": {`platform = "authentik"
  endpoint = "` + mock.URL + `"`, []string{"Missing token", "ROSTER_TOKEN, AUTHENTIK_TOKEN"}},
		"missing endpoint": {`platform = "authentik"
  token = "t"`, []string{"Missing endpoint", "ROSTER_ENDPOINT, AUTHENTIK_URL"}},
		"endpoint without scheme": {`platform = "authentik"
  endpoint = "auth.example.com"
  token = "t"`, []string{"endpoint", `"auth.example.com" has no scheme: write https://auth.example.com`}},
		"negative retries": {`platform = "authentik"
  endpoint = "` + mock.URL + `"
  token = "t"
  max_retries = -1`, []string{"max_retries", "between 0 and 20"}},
		"bad timeout": {`platform = "authentik"
  endpoint = "` + mock.URL + `"
  token = "t"
  request_timeout = "soon"`, []string{"request_timeout", "is not a positive duration"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			before := mock.Requests()
			// serial: the t.Setenv above clears the provider's environment variables for the whole process.
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      "provider \"roster\" {\n  " + tc.provider + "\n}\n" + anyGroup,
					PlanOnly:    true,
					ExpectError: errorRE(tc.want...),
				}},
			})
			if after := mock.Requests(); after != before {
				t.Errorf("a bad provider configuration made %d API requests, want 0", after-before)
			}
		})
	}
}

// TestAccProvider_authentikEnvironment: authentik's customary variables configure the provider.
func TestAccProvider_authentikEnvironment(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	t.Setenv("ROSTER_PLATFORM", "authentik")
	t.Setenv("ROSTER_ENDPOINT", "")
	t.Setenv("ROSTER_TOKEN", "")
	t.Setenv("AUTHENTIK_URL", mock.URL)
	t.Setenv("AUTHENTIK_TOKEN", acctest.AuthentikToken)
	// serial: t.Setenv points the provider's environment variables at this test's mock, process-wide.
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config: "provider \"roster\" {}\n" + anyGroup,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("roster_user_group.g", tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
			},
		}},
	})
}

// TestAccProvider_badTokenSurfacesServerMessage: a rejected token gives the server's words, method and path.
func TestAccProvider_badTokenSurfacesServerMessage(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config:      acctest.ProviderBlock("authentik", mock.URL, "wrong-token") + anyGroup,
			ExpectError: errorRE("POST /api/v3/core/groups/: 403 Forbidden: Token invalid/expired"),
		}},
	})
}
