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

// onyxStack describes one step's configuration on an Onyx mock.
type onyxStack struct {
	groupName, curator, rotation string
	members                      []string
	withGroup, newcomerActive    bool
}

// onyxConfig: an invitation, a group of signed-up users with a curator and a connector, an API key set
// up the way the generation allows, and a data source reading the group back.
func onyxConfig(mock *acctest.Onyx, generation string, st onyxStack) string {
	key := `onyx = { role = "basic" }`
	if generation == onyxmock.GenerationCurrent {
		key = `onyx = { group_ids = ["2"] }` // the Basic group
	}
	cfg := mock.Provider() + fmt.Sprintf(`
resource "roster_user" "new" {
  email  = "newcomer@example.com"
  active = %t
}

resource "roster_api_key" "bot" {
  name              = "eng-bot"
  rotation_triggers = { rotated = %q }
  %s
}
`, st.newcomerActive, st.rotation, key)
	if st.withGroup {
		members := ""
		for _, m := range st.members {
			members += fmt.Sprintf("%q, ", m)
		}
		cfg += fmt.Sprintf(`
resource "roster_user_group" "eng" {
  name    = %q
  members = [%s]
  onyx = {
    cc_pair_ids = ["1"]
    curator_ids = [%q]
  }
}

data "roster_user_group" "eng" {
  id = roster_user_group.eng.id
}
`, st.groupName, members, st.curator)
	}
	return cfg
}

func TestAccOnyx(t *testing.T) {
	t.Parallel()
	for _, gen := range onyxGenerations {
		t.Run(gen, func(t *testing.T) {
			mock := acctest.NewOnyx(t, gen)
			group, user, key := "roster_user_group.eng", "roster_user.new", "roster_api_key.bot"
			var groupID, firstKey string
			base := onyxStack{groupName: "eng", curator: onyxmock.AdaEmail, rotation: "q4", members: []string{onyxmock.AdaEmail}, withGroup: true, newcomerActive: true}
			with := func(change func(*onyxStack)) string {
				st := base
				change(&st)
				return onyxConfig(mock, gen, st)
			}
			afterSignup := func(st *onyxStack) {
				st.members = []string{onyxmock.AdaEmail, onyxmock.GraceEmail, "newcomer@example.com"}
			}
			renamed := func(st *onyxStack) {
				afterSignup(st)
				st.groupName, st.curator = "engineering", onyxmock.GraceEmail
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{ // create waits for the group's background sync; the invitee has an id at once
						Config: with(func(*onyxStack) {}),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(1)),
							statecheck.ExpectKnownValue(group, tfjsonpath.New("onyx").AtMapKey("curator_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(onyxmock.AdaEmail)})),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("invited")),
							statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
							statecheck.CompareValuePairs("data.roster_user_group.eng", tfjsonpath.New("members"), group, tfjsonpath.New("members"), compareEqual),
						},
						Check: func(s *terraform.State) error {
							groupID = s.RootModule().Resources[group].Primary.ID
							firstKey = s.RootModule().Resources[key].Primary.Attributes["key"]
							if firstKey == "" {
								return fmt.Errorf("no API key secret stored")
							}
							return nil
						},
					},
					{ // the API key's service account and the sync do not show as drift
						Config: with(func(*onyxStack) {}),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectEmptyPlan(),
						}},
					},
					{ // the invitee signs up (same id, status active), then joins the group with grace
						PreConfig: func() { mock.Hook("POST", "users/newcomer@example.com/signup", nil) },
						Config:    with(afterSignup),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(user, plancheck.ResourceActionNoop),
							plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("active")),
							statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(3)),
							// The data source is read after the update, in the same process: it sees the write.
							statecheck.CompareValuePairs("data.roster_user_group.eng", tfjsonpath.New("members"), group, tfjsonpath.New("members"), compareEqual),
						},
					},
					{ // rename, a new curator (manager), a deactivated user and a rotated key
						Config: with(func(st *onyxStack) { renamed(st); st.newcomerActive = false; st.rotation = "q1" }),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
							plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction(user, plancheck.ResourceActionUpdate),
							plancheck.ExpectResourceAction(key, plancheck.ResourceActionDestroyBeforeCreate),
						}},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
							statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("deactivated")),
							statecheck.ExpectKnownValue("data.roster_user_group.eng", tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
						},
						Check: func(s *terraform.State) error {
							if s.RootModule().Resources[key].Primary.Attributes["key"] == firstKey {
								return fmt.Errorf("rotation kept the old secret")
							}
							return nil
						},
					},
					{ResourceName: group, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts", "members"}},
					{ResourceName: group, ImportState: true, ImportStateId: "name=engineering", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
					{ResourceName: user, ImportState: true, ImportStateId: "email=NEWCOMER@example.com", ImportStateVerify: true},
					{ // renamed in the UI: drift
						PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed"}) },
						Config:             with(func(st *onyxStack) { renamed(st); st.newcomerActive = false; st.rotation = "q1" }),
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
					},
					{ // delete the group (waiting until Onyx has really removed it) ...
						Config: with(func(st *onyxStack) { renamed(st); st.newcomerActive = false; st.rotation = "q1"; st.withGroup = false }),
					},
					{ // ... so that one with the same name can be created right away
						Config: with(func(st *onyxStack) { renamed(st); st.newcomerActive = false; st.rotation = "q1" }),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("engineering")),
						},
					},
				},
			})
		})
	}
}

func TestAccOnyx_planTimeErrors(t *testing.T) {
	t.Parallel()
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
			resource.ParallelTest(t, resource.TestCase{
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
	resource.ParallelTest(t, resource.TestCase{
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
