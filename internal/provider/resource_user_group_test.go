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

func groupConfig(mock *acctest.Authentik, groupName, members string) string {
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_user" "grace" {
  email = "grace@example.com"
  name  = "Grace Hopper"
}

resource "roster_user_group" "platform" {
  name    = %q
  members = %s
  authentik = { attributes = jsonencode({ team = "platform" }) }
}
`, groupName, members)
}

func TestAccUserGroup_authentik(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	group := "roster_user_group.platform"
	var groupID string

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy:             checkAuthentikGone(mock, "groups", "platform-team", "platform-core"),
		Steps: []resource.TestStep{
			{ // create with members and authentik-only fields
				Config: groupConfig(mock, "platform-team", "[roster_user.ada.id]"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("platform-team")),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("authentik").AtMapKey("is_superuser"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("authentik").AtMapKey("attributes"), knownvalue.StringExact(`{"team":"platform"}`)),
					statecheck.CompareValuePairs(group, tfjsonpath.New("members").AtSliceIndex(0),
						"roster_user.ada", tfjsonpath.New("id"), compareEqual),
				},
				Check: func(s *terraform.State) error {
					groupID = s.RootModule().Resources[group].Primary.ID
					var g map[string]any
					if code := mock.API("GET", "/core/groups/"+groupID+"/", nil, &g); code != 200 {
						return fmt.Errorf("group not on the server: %d", code)
					}
					if users := g["users"].([]any); len(users) != 1 {
						return fmt.Errorf("server has %d members, want 1", len(users))
					}
					return nil
				},
			},
			{ // rename and change members in place
				Config: groupConfig(mock, "platform-core", "[roster_user.ada.id, roster_user.grace.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("platform-core")),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
				},
			},
			{ // import by id. The import lists members sorted, which ImportStateVerify (comparing list
				// positions) cannot judge; the import block below shows they plan no change.
				ResourceName:            group,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"members"},
			},
			{ // import by natural key
				ResourceName:            group,
				ImportState:             true,
				ImportStateId:           "name=platform-core",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"members"},
			},
			{ // an import block with the configuration (members in another order than the import's) is a no-op
				Config:          groupConfig(mock, "platform-core", "[roster_user.grace.id, roster_user.ada.id]"),
				ResourceName:    group,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
			{ // membership changed behind Terraform's back: the plan shows it
				PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"users": []int{1}}) },
				Config:             groupConfig(mock, "platform-core", "[roster_user.ada.id, roster_user.grace.id]"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // apply repairs it, and the next plan is empty
				Config: groupConfig(mock, "platform-core", "[roster_user.ada.id, roster_user.grace.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
				},
			},
			{ // the same members in another order: no change
				Config: groupConfig(mock, "platform-core", "[roster_user.grace.id, roster_user.ada.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ // the server lists the members in another order: no drift
				PreConfig: func() {
					var g map[string]any
					mock.API("GET", "/core/groups/"+groupID+"/", nil, &g)
					users := g["users"].([]any)
					mock.Hook("PATCH", "groups/"+groupID, map[string]any{"users": []any{users[1], users[0]}})
				},
				Config:   groupConfig(mock, "platform-core", "[roster_user.ada.id, roster_user.grace.id]"),
				PlanOnly: true,
			},
			{ // renamed in the UI: drift
				PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed-in-ui"}) },
				Config:             groupConfig(mock, "platform-core", "[roster_user.ada.id, roster_user.grace.id]"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // deleted behind Terraform's back: the next apply recreates it
				PreConfig: func() { mock.Hook("DELETE", "groups/"+groupID, nil) },
				Config:    groupConfig(mock, "platform-core", "[roster_user.ada.id, roster_user.grace.id]"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("platform-core")),
				},
			},
		},
	})
}

// TestAccUserGroup_unmanagedMembers: without `members`, members added elsewhere are no drift.
func TestAccUserGroup_unmanagedMembers(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := mock.Provider() + `
resource "roster_user_group" "sso" {
  name = "sso-synced"
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("roster_user_group.sso", tfjsonpath.New("members"), knownvalue.Null()),
				},
			},
			{
				PreConfig: func() {
					var list struct {
						Results []struct {
							PK string `json:"pk"`
						} `json:"results"`
					}
					mock.API("GET", "/core/groups/?name=sso-synced", nil, &list)
					if len(list.Results) != 1 {
						t.Fatalf("want the group on the server, got %d", len(list.Results))
					}
					mock.API("POST", "/core/groups/"+list.Results[0].PK+"/add_user/", map[string]any{"pk": 1}, nil)
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
		},
	})
}

func TestAccUserGroup_planTimeErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		want []string
	}{
		"empty name": {`name = ""`, []string{"Attribute name string length must be at least 1"}},
		"description on authentik": {`
  name        = "g"
  description = "not stored by authentik"`, []string{"Attribute not supported on authentik", "authentik groups have no description"}},
		"secoda block under authentik": {`
  name   = "g"
  secoda = { icon = "x" }`, []string{"Attribute for another platform", `"secoda" holds Secoda-only settings`, "configured for authentik"}},
		"parent that is not a uuid": {`
  name      = "g"
  authentik = { parents = ["not-a-uuid"] }`, []string{"must be a UUID"}},
		"attributes that are not an object": {`
  name      = "g"
  authentik = { attributes = jsonencode(["a"]) }`, []string{"authentik.attributes: must be a JSON object"}},
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
					Config:      mock.Provider() + "resource \"roster_user_group\" \"bad\" {\n" + tc.body + "\n}\n",
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
