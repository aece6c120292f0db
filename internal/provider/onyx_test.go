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
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
)

var onyxGenerations = []string{onyxmock.GenerationV46, onyxmock.GenerationCurrent}

// onyxConfig: an invitation, a group of the two seeded (signed-up) users with a curator and a
// connector, and an API key set up the way the generation allows.
func onyxConfig(mock *acctest.Onyx, generation, groupName, curator string, withInvitee bool) string {
	key := `onyx = { role = "basic" }`
	if generation == onyxmock.GenerationCurrent {
		key = `onyx = { group_ids = [roster_user_group.eng.id] }`
	}
	cfg := mock.Provider() + fmt.Sprintf(`
resource "roster_user_group" "eng" {
  name    = %q
  members = [%q, %q]
  onyx = {
    cc_pair_ids = ["1"]
    curator_ids = [%q]
  }
}

resource "roster_api_key" "bot" {
  name = "eng-bot"
  %s
}
`, groupName, onyxmock.AdaEmail, onyxmock.GraceEmail, curator, key)
	if withInvitee {
		cfg += `
resource "roster_user" "new" {
  email = "newcomer@example.com"
}
`
	}
	return cfg
}

func TestAccOnyx(t *testing.T) {
	for _, gen := range onyxGenerations {
		t.Run(gen, func(t *testing.T) {
			mock := acctest.NewOnyx(t, gen)
			group, user, key := "roster_user_group.eng", "roster_user.new", "roster_api_key.bot"
			var groupID string
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{ // create waits for the group's background sync
						Config: onyxConfig(mock, gen, "eng", onyxmock.AdaEmail, true),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.SetSizeExact(2)),
							statecheck.ExpectKnownValue(group, tfjsonpath.New("onyx").AtMapKey("curator_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(onyxmock.AdaEmail)})),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("invited")),
							statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
						},
						Check: func(s *terraform.State) error {
							groupID = s.RootModule().Resources[group].Primary.ID
							if s.RootModule().Resources[key].Primary.Attributes["key"] == "" {
								return fmt.Errorf("no API key secret stored")
							}
							return nil
						},
					},
					{ // the API key's service account joins the group: not drift
						Config: onyxConfig(mock, gen, "eng", onyxmock.AdaEmail, true),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
						}},
					},
					{ // the invitee signs up: same id, status active, no diff
						PreConfig: func() { mock.Hook("POST", "users/newcomer@example.com/signup", nil) },
						Config:    onyxConfig(mock, gen, "eng", onyxmock.AdaEmail, true),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("active")),
						},
					},
					{ // rename and a new curator (manager), waiting for the sync
						Config: onyxConfig(mock, gen, "engineering", onyxmock.GraceEmail, true),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
						},
					},
					{ResourceName: group, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
					{ResourceName: group, ImportState: true, ImportStateId: "name=engineering", ImportStateVerify: true},
					{ResourceName: user, ImportState: true, ImportStateId: "email=NEWCOMER@example.com", ImportStateVerify: true},
					{ // deactivated in the UI: drift
						PreConfig:          func() { mock.Hook("PATCH", "users/newcomer@example.com", map[string]any{"is_active": false}) },
						Config:             onyxConfig(mock, gen, "engineering", onyxmock.GraceEmail, true),
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
					},
					{ // renamed in the UI: drift
						PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed"}) },
						Config:             onyxConfig(mock, gen, "engineering", onyxmock.GraceEmail, true),
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
					},
					{ // delete then re-create with the same name: the provider waits for the async delete
						Config: onyxConfig(mock, gen, "engineering", onyxmock.GraceEmail, false),
					},
				},
			})
		})
	}
}

func TestAccOnyx_planTimeErrors(t *testing.T) {
	mock := acctest.NewOnyx(t, onyxmock.GenerationV46)
	current := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	cases := map[string]struct {
		provider, resource string
		want               []string
	}{
		"generation setting on another platform": {acctest.ProviderBlock("authentik", mock.URL, "t")[:len(acctest.ProviderBlock("authentik", mock.URL, "t"))-2] + "  onyx_api_generation = \"v4.6\"\n}\n", `resource "roster_user_group" "g" {
  name = "g"
}`, []string{"onyx_api_generation only applies when platform = \"onyx\""}},
		"role on a current-generation key": {current.Provider()[:len(current.Provider())-2] + "  onyx_api_generation = \"current\"\n}\n", `resource "roster_api_key" "k" {
  name = "k"
  onyx = { role = "admin" }
}`, []string{"onyx.role"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    []resource.TestStep{{Config: tc.provider + tc.resource, PlanOnly: true, ExpectError: errorRE(tc.want...)}},
			})
		})
	}
}

// TestAccOnyx_defaultGroupNotDeleted: a plan that would delete Onyx's built-in Admin group fails before
// anything is deleted; a removed block lets Terraform forget it instead.
func TestAccOnyx_defaultGroupNotDeleted(t *testing.T) {
	mock := acctest.NewOnyx(t, onyxmock.GenerationV46)
	managed := mock.Provider() + `
import {
  to = roster_user_group.admin
  id = "name=Admin"
}
resource "roster_user_group" "admin" {
  name = "Admin"
}
`
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: managed},
			{Config: mock.Provider(), PlanOnly: true, ExpectError: errorRE("Cannot delete user group Admin")},
			{Config: mock.Provider() + `
removed {
  from = roster_user_group.admin
  lifecycle {
    destroy = false
  }
}
`},
		},
	})
}
