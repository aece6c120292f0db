package provider_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// uniqueSuffix keeps names apart on the real server, which outlives a test run's objects.
func uniqueSuffix() string { return fmt.Sprintf("%06d", rand.IntN(1000000)) }

func unleashUserConfig(target *acctest.Unleash, suffix, name, role, username string) string {
	return target.Provider() + fmt.Sprintf(`
resource "roster_user" "dev" {
  email               = "dev-%[1]s@example.com"
  name                = %[2]q
  role                = %[3]q
  password_wo         = "Correct-Horse-Battery-9"
  password_wo_version = 1
  unleash = {
    username = %[4]q
  }
}
`, suffix, name, role, username)
}

// TestAccUnleash_users runs unchanged against the mock and the real open-source server.
func TestAccUnleash_users(t *testing.T) {
	t.Parallel()
	for _, tt := range acctest.UnleashTargets {
		t.Run(tt.Name, func(t *testing.T) {
			target := tt.Start(t)
			suffix := uniqueSuffix()
			user := "roster_user.dev"
			var userID string
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy: func(*terraform.State) error {
					if code := target.API("GET", "/api/admin/user-admin/"+userID, nil, nil); code != 404 {
						return fmt.Errorf("%s: user %s still answers %d after destroy", target.Name, userID, code)
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						Config: unleashUserConfig(target, suffix, "Dev One", "Editor", "dev"+suffix),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Editor")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("unleash").AtMapKey("send_email"), knownvalue.Bool(false)),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("active"), knownvalue.Bool(true)),
						},
						Check: func(s *terraform.State) error {
							userID = s.RootModule().Resources[user].Primary.ID
							var u map[string]any
							target.API("GET", "/api/admin/user-admin/"+userID, nil, &u)
							if u["name"] != "Dev One" {
								return fmt.Errorf("%s: server user = %v", target.Name, u)
							}
							return nil
						},
					},
					{ // role and name change in place; the role is stored as read back
						Config: unleashUserConfig(target, suffix, "Dev Uno", "Viewer", "dev"+suffix),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(user, plancheck.ResourceActionUpdate),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Viewer")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("name"), knownvalue.StringExact("Dev Uno")),
						},
					},
					{ResourceName: user, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version", "unleash.send_email"}},
					{ResourceName: user, ImportState: true, ImportStateId: "email=DEV-" + suffix + "@example.com", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version", "unleash.send_email"}},
					{ // Unleash cannot rename a username: replacement
						Config: unleashUserConfig(target, suffix, "Dev Uno", "Viewer", "dev-renamed"+suffix),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(user, plancheck.ResourceActionDestroyBeforeCreate),
						}},
						Check: func(s *terraform.State) error {
							userID = s.RootModule().Resources[user].Primary.ID
							return nil
						},
					},
					{ // removed behind Terraform's back: recreated
						PreConfig: func() { target.API("DELETE", "/api/admin/user-admin/"+userID, nil, nil) },
						Config:    unleashUserConfig(target, suffix, "Dev Uno", "Viewer", "dev-renamed"+suffix),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(user, plancheck.ResourceActionCreate),
						}},
						Check: func(s *terraform.State) error {
							userID = s.RootModule().Resources[user].Primary.ID
							return nil
						},
					},
				},
			})
		})
	}
}

func unleashTokenConfig(target *acctest.Unleash, name, environment, expires string) string {
	return target.Provider() + fmt.Sprintf(`
resource "roster_api_key" "sdk" {
  name       = %q
  expires_at = %q
  unleash = {
    type        = "backend"
    environment = %q
    projects    = ["*"]
  }
}
`, name, expires, environment)
}

// TestAccUnleash_apiTokens runs unchanged against the mock and the real open-source server.
func TestAccUnleash_apiTokens(t *testing.T) {
	t.Parallel()
	for _, tt := range acctest.UnleashTargets {
		t.Run(tt.Name, func(t *testing.T) {
			target := tt.Start(t)
			name := "sdk-" + uniqueSuffix()
			key := "roster_api_key.sdk"
			var secret string
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{
						Config: unleashTokenConfig(target, name, "development", "2030-01-01T00:00:00Z"),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
							statecheck.ExpectKnownValue(key, tfjsonpath.New("unleash").AtMapKey("type"), knownvalue.StringExact("backend")),
							statecheck.ExpectKnownValue(key, tfjsonpath.New("user_id"), knownvalue.StringExact("")),
						},
						Check: func(s *terraform.State) error {
							secret = s.RootModule().Resources[key].Primary.Attributes["key"]
							if secret == "" {
								return fmt.Errorf("%s: no secret stored", target.Name)
							}
							// The stored secret is the token's: the admin list shows it (non-secure storage).
							var list struct {
								Tokens []struct {
									Secret    string `json:"secret"`
									TokenName string `json:"tokenName"`
								} `json:"tokens"`
							}
							target.API("GET", "/api/admin/api-tokens", nil, &list)
							found := false
							for _, tok := range list.Tokens {
								found = found || (tok.TokenName == name && tok.Secret == secret)
							}
							if !found {
								return fmt.Errorf("%s: no token named %s with the stored secret", target.Name, name)
							}
							// On the real server the secret also works for an SDK request.
							if target.Mock == nil {
								probe := *target.Server
								probe.Token = secret
								if code := probe.API("GET", "/api/client/features", nil, nil); code != 200 {
									return fmt.Errorf("%s: the stored secret is refused: %d", target.Name, code)
								}
							}
							return nil
						},
					},
					{ // refresh keeps the secret (Read never sees it) and shows no diff for backend = client
						Config: unleashTokenConfig(target, name, "development", "2030-01-01T00:00:00Z"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
						}},
					},
					{ // expiry changes in place
						Config: unleashTokenConfig(target, name, "development", "2031-06-30T12:00:00Z"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(key, plancheck.ResourceActionUpdate),
						}},
						Check: func(s *terraform.State) error {
							if got := s.RootModule().Resources[key].Primary.Attributes["key"]; got != secret {
								return fmt.Errorf("%s: the secret changed on an in-place update", target.Name)
							}
							return nil
						},
					},
					{ResourceName: key, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"key", "unleash.type"}},
					{ResourceName: key, ImportState: true, ImportStateId: "name=" + name, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"key", "unleash.type"}},
					{ // the environment cannot change in place: replacement
						Config: unleashTokenConfig(target, name, "production", "2031-06-30T12:00:00Z"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(key, plancheck.ResourceActionDestroyBeforeCreate),
						}},
						Check: func(s *terraform.State) error {
							secret = s.RootModule().Resources[key].Primary.Attributes["key"]
							return nil
						},
					},
					{ // revoked behind Terraform's back: recreated
						PreConfig: func() { target.API("DELETE", "/api/admin/api-tokens/"+secret, nil, nil) },
						Config:    unleashTokenConfig(target, name, "production", "2031-06-30T12:00:00Z"),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(key, plancheck.ResourceActionCreate),
						}},
					},
				},
			})
		})
	}
}

func unleashGroupConfig(target *acctest.Unleash, groupName, rootRole string) string {
	return target.Provider() + fmt.Sprintf(`
resource "roster_user" "a" {
  email = "a@example.com"
  name  = "Ann"
  role  = "Viewer"
}

resource "roster_user" "b" {
  email = "b@example.com"
  name  = "Ben"
  role  = "Viewer"
}

resource "roster_user_group" "team" {
  name        = %q
  description = "feature owners"
  members     = [roster_user.a.id, roster_user.b.id]
  unleash = {
    root_role    = %q
    sso_mappings = ["okta-feature-owners"]
  }
}
`, groupName, rootRole)
}

// TestAccUnleash_groups runs on the Enterprise mock: the open-source server has no groups.
func TestAccUnleash_groups(t *testing.T) {
	target := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	group := "roster_user_group.team"
	var groupID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{
				Config: unleashGroupConfig(target, "owners", "Editor"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("unleash").AtMapKey("root_role"), knownvalue.StringExact("Editor")),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("unleash").AtMapKey("sso_mappings"), knownvalue.SetSizeExact(1)),
				},
				Check: func(s *terraform.State) error {
					groupID = s.RootModule().Resources[group].Primary.ID
					return nil
				},
			},
			{
				Config: unleashGroupConfig(target, "feature-owners", "Viewer"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("feature-owners")),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
				},
			},
			{ResourceName: group, ImportState: true, ImportStateKind: resource.ImportBlockWithID, Config: unleashGroupConfig(target, "feature-owners", "Viewer")},
			{ResourceName: group, ImportState: true, ImportStateId: "name=feature-owners", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
			{
				PreConfig:          func() { target.Hook("PATCH", "groups/"+groupID, map[string]any{"description": "edited in the UI"}) },
				Config:             unleashGroupConfig(target, "feature-owners", "Viewer"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				PreConfig: func() { target.Hook("DELETE", "groups/"+groupID, nil) },
				Config:    unleashGroupConfig(target, "feature-owners", "Viewer"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

// TestAccUnleash_groupsNeedEnterprise: on an open-source server (the mock's switch, and the real one) a
// group is a clear "needs Enterprise" error, never "deleted".
func TestAccUnleash_groupsNeedEnterprise(t *testing.T) {
	t.Parallel()
	targets := []acctest.UnleashTarget{
		{Name: "open-source mock", Start: func(t *testing.T) *acctest.Unleash { return acctest.NewUnleash(t, unleashmock.EditionOpenSource) }},
		{Name: "real", Start: acctest.RealUnleash},
	}
	for _, tt := range targets {
		t.Run(tt.Name, func(t *testing.T) {
			target := tt.Start(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      target.Provider() + "resource \"roster_user_group\" \"g\" {\n  name = \"g-" + uniqueSuffix() + "\"\n}\n",
					ExpectError: errorRE("user groups need Unleash Enterprise"),
				}},
			})
		})
	}
}

func TestAccUnleash_planTimeErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		resource string
		want     []string
	}{
		"token owned by a user": {`resource "roster_api_key" "k" {
  name    = "k"
  user_id = "1"
}`, []string{"Attribute not supported on Unleash", "belong to the instance"}},
		"token description": {`resource "roster_api_key" "k" {
  name        = "k"
  description = "x"
}`, []string{"Attribute not supported on Unleash", "no description"}},
		"deactivated user": {`resource "roster_user" "u" {
  email  = "a@example.com"
  active = false
}`, []string{"Attribute not supported on Unleash", "cannot be deactivated"}},
		"unknown token type": {`resource "roster_api_key" "k" {
  name    = "k"
  unleash = { type = "server" }
}`, []string{"unleash.type", "value must be one of"}},
		"tyk flags under unleash": {`resource "roster_user" "u" {
  email         = "a@example.com"
  tyk_ai_studio = { is_admin = true }
}`, []string{"Attribute for another platform", "configured for Unleash"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			target := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
			before := target.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    []resource.TestStep{{Config: target.Provider() + tc.resource, PlanOnly: true, ExpectError: errorRE(tc.want...)}},
			})
			if after := target.Requests(); after != before {
				t.Errorf("a bad configuration made %d API requests, want 0", after-before)
			}
		})
	}
}
