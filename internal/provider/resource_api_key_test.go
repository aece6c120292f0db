package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

func apiKeyConfig(mock *acctest.Authentik, name, description, rotation string) string {
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  email = "ci@example.com"
  name  = "CI"
  authentik = { username = "ci-bot", type = "service_account" }
}

resource "roster_api_key" "ci" {
  name              = %q
  user_id           = roster_user.ci.id
  description       = %q
  rotation_triggers = { rotated = %q }
}
`, name, description, rotation)
}

func TestAccAPIKey_authentik(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	key := "roster_api_key.ci"
	var firstSecret string
	serverKey := func(s *terraform.State) (stateKey, server string, err error) {
		rs := s.RootModule().Resources[key]
		var out struct {
			Key string `json:"key"`
		}
		if code := mock.API("GET", "/core/tokens/"+rs.Primary.ID+"/view_key/", nil, &out); code != 200 {
			return "", "", fmt.Errorf("view_key answered %d", code)
		}
		return rs.Primary.Attributes["key"], out.Key, nil
	}

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy:             checkAuthentikGone(mock, "tokens", "ci-deployer", "ci-deployer-2"),
		Steps: []resource.TestStep{
			{
				Config: apiKeyConfig(mock, "ci-deployer", "deploys from CI", "2026-q4"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(key, tfjsonpath.New("id"), knownvalue.StringExact("ci-deployer")),
					statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
					statecheck.ExpectKnownValue(key, tfjsonpath.New("authentik").AtMapKey("intent"), knownvalue.StringExact("api")),
					statecheck.ExpectKnownValue(key, tfjsonpath.New("expires_at"), knownvalue.NotNull()),
					statecheck.CompareValuePairs(key, tfjsonpath.New("user_id"), "roster_user.ci", tfjsonpath.New("id"), compareEqual),
				},
				Check: func(s *terraform.State) error {
					stateKey, server, err := serverKey(s)
					if err != nil {
						return err
					}
					if len(stateKey) != 60 || stateKey != server {
						return fmt.Errorf("state key (%d chars) does not match the server's key", len(stateKey))
					}
					firstSecret = stateKey
					return nil
				},
			},
			{ // description changes in place; the server re-sets expires, which must not break the apply
				Config: apiKeyConfig(mock, "ci-deployer", "deploys from CI (prod)", "2026-q4"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionUpdate),
				}},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources[key].Primary.Attributes["key"]; got != firstSecret {
						return fmt.Errorf("the secret changed on an in-place update")
					}
					return nil
				},
			},
			{ // refresh only: no perpetual diff from the server-managed expiry
				Config: apiKeyConfig(mock, "ci-deployer", "deploys from CI (prod)", "2026-q4"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ // a rotation trigger replaces the key with a new secret
				Config: apiKeyConfig(mock, "ci-deployer", "deploys from CI (prod)", "2027-q1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					stateKey, server, err := serverKey(s)
					if err != nil {
						return err
					}
					if stateKey == firstSecret || stateKey != server {
						return fmt.Errorf("rotation did not store the new server key")
					}
					return nil
				},
			},
			{ // renaming replaces too
				Config: apiKeyConfig(mock, "ci-deployer-2", "deploys from CI (prod)", "2027-q1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
			{
				ResourceName:            key,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"key", "rotation_triggers"},
			},
			{
				ResourceName:            key,
				ImportState:             true,
				ImportStateId:           "name=ci-deployer-2",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"key", "rotation_triggers"},
			},
			{ // revoked behind Terraform's back: recreated
				PreConfig: func() { mock.Hook("DELETE", "tokens/ci-deployer-2", nil) },
				Config:    apiKeyConfig(mock, "ci-deployer-2", "deploys from CI (prod)", "2027-q1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccAPIKey_planTimeErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		want []string
	}{
		"identifier with spaces": {`name = "ci key"`, []string{"name: authentik token identifiers are", "letters, digits"}},
		"expiry on an api token": {"name = \"k\"\n  expires_at = \"2030-01-01T00:00:00Z\"", []string{"expires_at:", `intent "app_password"`}},
		"bad timestamp":          {"name = \"k\"\n  expires_at = \"tomorrow\"", []string{"RFC3339"}},
		"unknown intent":         {"name = \"k\"\n  authentik = { intent = \"recovery\" }", []string{"authentik.intent", "value must be one of"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			mock := acctest.NewAuthentik(t)
			before := mock.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      mock.Provider() + "resource \"roster_api_key\" \"bad\" {\n  " + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: errorRE(tc.want...),
				}},
			})
			if after := mock.Requests(); after != before {
				t.Errorf("a bad configuration made %d API requests, want 0", after-before)
			}
		})
	}
}
