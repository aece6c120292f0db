package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// wrongEndpointRefusals is what each platform says when the endpoint has an extra path: authentik, Secoda
// and Unleash answer it with a 404 (their own, or a proxy's page) that the probe unmasks; Onyx and Tyk AI
// Studio recognise their own unknown-route answers.
var wrongEndpointRefusals = map[string]string{
	"authentik":     "does not answer like the authentik API",
	"secoda":        "does not answer like the Secoda API",
	"unleash":       "does not answer like the Unleash API",
	"onyx":          "this server has no such Onyx route: check that endpoint",
	"tyk_ai_studio": "does not look like the root of a Tyk AI Studio server",
}

// wrapped matches phrase in Terraform's output, which wraps diagnostics at any space.
func wrapped(phrase string) *regexp.Regexp {
	words := strings.Fields(phrase)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// TestAccWrongEndpointKeepsEveryObject applies users, a group and API keys, then applies the same
// configuration with an extra path in the provider's endpoint: that must fail, saying the endpoint is wrong,
// instead of reading every object as deleted and planning to create it again (which used to leave state
// empty). With the endpoint put right, the plan is empty and every object is still in state and on the
// server.
func TestAccWrongEndpointKeepsEveryObject(t *testing.T) {
	t.Parallel()
	for _, tt := range faultTargets {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.start(t)
			n := objectCounts{Users: 2, Groups: 1}
			if f.supportsKeys {
				n.Keys = 1
			}
			body, want := f.config("we", n)
			right := f.provider(1) + body
			wrong := strings.Replace(right, fmt.Sprintf("%q", f.srv.URL), fmt.Sprintf("%q", f.srv.URL+"/wrongpath"), 1)
			if wrong == right {
				t.Fatal("the provider block does not name the endpoint")
			}
			baseline := f.keys()
			kept := func(s *terraform.State) error {
				if err := countInState(s, n); err != nil {
					return err
				}
				return sameKeys(f.keys().minus(baseline), want)
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{Config: right, Check: kept},
					{Config: wrong, ExpectError: wrapped(wrongEndpointRefusals[f.platform])},
					{
						Config:           right,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						Check:            kept,
					},
				},
			})
		})
	}
}

// TestAccWrongEndpointKeepsEveryObject_realUnleash does the same against the real open-source Unleash, which
// answers an unknown path with its web UI's HTML page, status 200: the read fails on the answer, whatever
// words it uses, and the state keeps the user and the API key.
func TestAccWrongEndpointKeepsEveryObject_realUnleash(t *testing.T) {
	target := acctest.RealUnleash(t)
	suffix := uniqueSuffix()
	config := func(endpoint string) string {
		return acctest.ProviderBlock("unleash", endpoint, target.Token) + fmt.Sprintf(`
resource "roster_user" "dev" {
  email = "wrong-endpoint-%[1]s@example.com"
  name  = "Wrong Endpoint"
  role  = "Viewer"
}

resource "roster_api_key" "sdk" {
  name    = "wrong-endpoint-%[1]s"
  unleash = { type = "client", environment = "development" }
}
`, suffix)
	}
	kept := func(s *terraform.State) error {
		rs := s.RootModule().Resources
		if rs["roster_user.dev"] == nil || rs["roster_api_key.sdk"] == nil {
			return fmt.Errorf("state lost an object: %d resources", len(rs))
		}
		if code := target.API("GET", "/api/admin/user-admin/"+rs["roster_user.dev"].Primary.ID, nil, nil); code != 200 {
			return fmt.Errorf("the user answers %d", code)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: config(target.URL), Check: kept},
			{Config: config(target.URL + "/wrongpath"), ExpectError: regexp.MustCompile(`/wrongpath/api/admin/`)},
			{
				Config:           config(target.URL),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				Check:            kept,
			},
		},
	})
}
