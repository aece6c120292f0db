package provider_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

func tykConfig(mock *acctest.Tyk, userName string, showChat bool, groupName, rotation string) string {
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email               = "ada@example.com"
  name                = %q
  password_wo         = "initial-secret"
  password_wo_version = 1
  tyk_ai_studio = {
    show_chat      = %t
    show_portal    = true
    email_verified = true
  }
}

resource "roster_user" "grace" {
  email = "grace@example.com"
  name  = "Grace Hopper"
}

resource "roster_user_group" "ml" {
  name    = %q
  members = [roster_user.ada.id, roster_user.grace.id]
  tyk_ai_studio = {
    catalogue_ids      = ["1", "2"]
    data_catalogue_ids = ["3"]
  }
}

resource "roster_api_key" "ada" {
  name              = "ada-key"
  user_id           = roster_user.ada.id
  rotation_triggers = { rotated = %q }
}
`, userName, showChat, groupName, rotation)
}

func TestAccTykAIStudio_usersGroupsAndKeys(t *testing.T) {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	ada, group, key := "roster_user.ada", "roster_user_group.ml", "roster_api_key.ada"
	var adaID, groupID, firstKey string
	currentKey := func() string {
		var u struct {
			Data struct {
				Attributes struct {
					APIKey string `json:"api_key"`
				} `json:"attributes"`
			} `json:"data"`
		}
		mock.API("GET", "/users/"+adaID, nil, &u)
		return u.Data.Attributes.APIKey
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy: func(*terraform.State) error {
			state := mock.State()
			if slices.Contains(state.Users.Emails, "ada@example.com") || slices.Contains(state.Groups.Names, "ml-team") ||
				slices.Contains(state.Groups.Names, "ml-platform") {
				return fmt.Errorf("objects left after destroy: %+v", state)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: tykConfig(mock, "Ada Lovelace", true, "ml-team", "q4"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("tyk_ai_studio").AtMapKey("show_chat"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("tyk_ai_studio").AtMapKey("is_admin"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("tyk_ai_studio").AtMapKey("catalogue_ids"), knownvalue.SetSizeExact(2)),
					statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
					statecheck.CompareValuePairs(key, tfjsonpath.New("user_id"), ada, tfjsonpath.New("id"), compareEqual),
				},
				Check: func(s *terraform.State) error {
					adaID = s.RootModule().Resources[ada].Primary.ID
					groupID = s.RootModule().Resources[group].Primary.ID
					firstKey = s.RootModule().Resources[key].Primary.Attributes["key"]
					if firstKey == "" || firstKey != currentKey() {
						return fmt.Errorf("the key in state is not the user's current key")
					}
					return nil
				},
			},
			{ // every new user joins the Default group: no drift from that
				Config: tykConfig(mock, "Ada Lovelace", true, "ml-team", "q4"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ // an update changes one flag and the name; nothing else is wiped (full-replacement PATCH)
				Config: tykConfig(mock, "Ada King", false, "ml-platform", "q4"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ada, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
				}},
				Check: func(*terraform.State) error {
					var u struct {
						Data struct {
							Attributes map[string]any `json:"attributes"`
						} `json:"data"`
					}
					mock.API("GET", "/users/"+adaID, nil, &u)
					a := u.Data.Attributes
					if a["email"] != "ada@example.com" || a["show_portal"] != true || a["email_verified"] != true || a["name"] != "Ada King" {
						return fmt.Errorf("the update wiped fields: %v", a)
					}
					var members struct {
						Data []any `json:"data"`
					}
					mock.API("GET", "/groups/"+groupID+"/users?all=true", nil, &members)
					if len(members.Data) != 2 {
						return fmt.Errorf("the rename lost members: %d left", len(members.Data))
					}
					return nil
				},
			},
			{ // rotation trigger: a new roll
				Config: tykConfig(mock, "Ada King", false, "ml-platform", "q1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					got := s.RootModule().Resources[key].Primary.Attributes["key"]
					if got == firstKey || got != currentKey() {
						return fmt.Errorf("rotation did not store the new current key")
					}
					return nil
				},
			},
			{ // rolled outside Terraform: the next plan rolls again
				PreConfig: func() { mock.Hook("POST", "users/"+adaID+"/roll", nil) },
				Config:    tykConfig(mock, "Ada King", false, "ml-platform", "q1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(key, plancheck.ResourceActionCreate),
				}},
			},
			{ResourceName: group, ImportState: true, ImportStateKind: resource.ImportBlockWithID, Config: tykConfig(mock, "Ada King", false, "ml-platform", "q1")},
			{ResourceName: group, ImportState: true, ImportStateId: "name=ml-platform", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
			{ResourceName: ada, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version"}},
			{ResourceName: ada, ImportState: true, ImportStateId: "email=ADA@example.com", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version"}},
			{ // renamed in the UI
				PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"name": "renamed"}) },
				Config:             tykConfig(mock, "Ada King", false, "ml-platform", "q1"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
		},
	})
}

func TestAccTykAIStudio_planTimeErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		resource string
		want     []string
	}{
		"role is derived": {`resource "roster_user" "u" {
  email = "a@example.com"
  name  = "A"
  role  = "Admin"
}`, []string{"Attribute not supported on Tyk AI Studio", "derives the role"}},
		"name is required": {`resource "roster_user" "u" {
  email = "a@example.com"
}`, []string{"Invalid value for Tyk AI Studio", "name"}},
		"key without user": {`resource "roster_api_key" "k" {
  name = "k"
}`, []string{"Invalid value for Tyk AI Studio", "user_id"}},
		"key expiry": {`resource "roster_api_key" "k" {
  name       = "k"
  user_id    = "2"
  expires_at = "2030-01-01T00:00:00Z"
}`, []string{"Attribute not supported on Tyk AI Studio", "do not expire"}},
		"group description": {`resource "roster_user_group" "g" {
  name        = "g"
  description = "x"
}`, []string{"Attribute not supported on Tyk AI Studio", "have no description"}},
		"catalogue id not numeric": {`resource "roster_user_group" "g" {
  name          = "g"
  tyk_ai_studio = { catalogue_ids = ["llm-1"] }
}`, []string{"must be a numeric id"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			mock := acctest.NewTyk(t, tykmock.Enterprise)
			before := mock.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    []resource.TestStep{{Config: mock.Provider() + tc.resource, PlanOnly: true, ExpectError: errorRE(tc.want...)}},
			})
			if after := mock.Requests(); after != before {
				t.Errorf("a bad configuration made %d API requests, want 0", after-before)
			}
		})
	}
}

// TestAccTykAIStudio_passwordVersionChange: Tyk AI Studio ignores passwords on update, so a new
// password_wo_version fails the plan instead of pretending to apply.
func TestAccTykAIStudio_passwordVersionChange(t *testing.T) {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	config := func(version int) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "u" {
  email               = "pw@example.com"
  name                = "Pat Word"
  password_wo         = "secret-%d"
  password_wo_version = %d
}
`, version, version)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: config(1)},
			{Config: config(2), PlanOnly: true, ExpectError: errorRE("password_wo_version cannot change on Tyk AI Studio", "only when the user is created")},
		},
	})
}

func TestAccTykAIStudio_communityEditionGroups(t *testing.T) {
	mock := acctest.NewTyk(t, tykmock.Community)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config:      mock.Provider() + "resource \"roster_user_group\" \"g\" {\n  name = \"ml\"\n}\n",
			ExpectError: errorRE("Enterprise Edition"),
		}},
	})
}
