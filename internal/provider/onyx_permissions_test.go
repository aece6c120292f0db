package provider_test

import (
	"fmt"
	"net/http"
	"slices"
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

// onyxGroupSettings asks the mock's API what a group grants (basic left out) and whether incognito is on.
func onyxGroupSettings(mock *acctest.Onyx, id string) (grants []string, incognito bool, err error) {
	var listed []string
	if status := mock.API(http.MethodGet, "/manage/admin/user-group/"+id+"/permissions", nil, &listed); status != http.StatusOK {
		return nil, false, fmt.Errorf("reading the grants of group %s: status %d", id, status)
	}
	for _, p := range listed {
		if p != "basic" {
			grants = append(grants, p)
		}
	}
	slices.Sort(grants)
	var groups []struct {
		ID        int  `json:"id"`
		Incognito bool `json:"incognito_enabled"`
	}
	mock.API(http.MethodGet, "/manage/admin/user-group", nil, &groups)
	for _, g := range groups {
		if fmt.Sprint(g.ID) == id {
			return grants, g.Incognito, nil
		}
	}
	return nil, false, fmt.Errorf("group %s is not listed", id)
}

// checkOnyxGroupSettings is a check that the server holds exactly these grants and this incognito flag.
func checkOnyxGroupSettings(mock *acctest.Onyx, id *string, grants []string, incognito bool) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, gotIncognito, err := onyxGroupSettings(mock, *id)
		if err != nil {
			return err
		}
		if !slices.Equal(got, grants) || gotIncognito != incognito {
			return fmt.Errorf("server: grants %v, incognito %t; want %v, %t", got, gotIncognito, grants, incognito)
		}
		return nil
	}
}

// TestAccOnyx_groupPermissions: a group's permission grants and incognito access on both API generations
// (v4.6 writes one toggle per change, current Onyx one desired-state PUT): create, a clean plan, import,
// drift made in the UI and put right, an update, and removal from the configuration, which leaves only
// basic and incognito off. A group that never sets permissions costs no request for them.
func TestAccOnyx_groupPermissions(t *testing.T) {
	t.Parallel()
	for _, gen := range []string{onyxmock.GenerationV46, onyxmock.GenerationCurrent} {
		t.Run(gen, func(t *testing.T) {
			mock := acctest.NewOnyx(t, gen)
			plain := `
resource "roster_user_group" "plain" {
  name = "plain"
}
`
			config := func(settings string) string {
				return mock.Provider() + plain + fmt.Sprintf(`
resource "roster_user_group" "eng" {
  name    = "eng"
  members = [%q]
%s}
`, onyxmock.AdaEmail, settings)
			}
			granted := config(`  onyx = {
    permissions       = ["manage:llms", "manage:connectors"]
    incognito_enabled = true
  }
`)
			changed := config(`  onyx = {
    permissions       = ["manage:agents"]
    incognito_enabled = false
  }
`)
			removed := config("")
			group := "roster_user_group.eng"
			permissions := tfjsonpath.New("onyx").AtMapKey("permissions")
			incognito := tfjsonpath.New("onyx").AtMapKey("incognito_enabled")
			set := func(values ...string) knownvalue.Check {
				checks := make([]knownvalue.Check, len(values))
				for i, v := range values {
					checks[i] = knownvalue.StringExact(v)
				}
				return knownvalue.SetExact(checks)
			}
			var groupID, plainID string
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy: func(*terraform.State) error {
					var groups []struct {
						Name            string `json:"name"`
						IsUpForDeletion bool   `json:"is_up_for_deletion"`
					}
					mock.API(http.MethodGet, "/manage/admin/user-group", nil, &groups)
					for _, g := range groups { // a deleted group stays listed until Onyx's background sync removes it
						if !g.IsUpForDeletion {
							return fmt.Errorf("group %q left after destroy", g.Name)
						}
					}
					return nil
				},
				Steps: []resource.TestStep{
					{
						Config: granted,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, permissions, set("manage:connectors", "manage:llms")),
							statecheck.ExpectKnownValue(group, incognito, knownvalue.Bool(true)),
							// never configured: not read, so null; incognito comes with the list
							statecheck.ExpectKnownValue("roster_user_group.plain", permissions, knownvalue.Null()),
							statecheck.ExpectKnownValue("roster_user_group.plain", incognito, knownvalue.Bool(false)),
						},
						Check: resource.ComposeTestCheckFunc(saveID(group, &groupID), saveID("roster_user_group.plain", &plainID),
							checkOnyxGroupSettings(mock, &groupID, []string{"manage:connectors", "manage:llms"}, true)),
					},
					{Config: granted, ConfigPlanChecks: noChanges},
					{ // a data source reports the grants, which cost it a read of their own
						Config: granted + `
data "roster_user_group" "read" {
  name       = "eng"
  depends_on = [roster_user_group.eng]
}
`,
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("data.roster_user_group.read", permissions, set("manage:connectors", "manage:llms")),
						},
					},
					{ResourceName: group, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}, Config: granted},
					{ // grants changed in the UI: the refresh sees it and the apply puts it right
						PreConfig: func() {
							mock.Hook(http.MethodPatch, "groups/"+groupID, map[string]any{"permissions": []string{"manage:agents"}})
						},
						Config:           granted,
						ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate),
						Check:            checkOnyxGroupSettings(mock, &groupID, []string{"manage:connectors", "manage:llms"}, true),
					},
					{ // and incognito access
						PreConfig:        func() { mock.Hook(http.MethodPatch, "groups/"+groupID, map[string]any{"incognito_enabled": false}) },
						Config:           granted,
						ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate),
						Check:            checkOnyxGroupSettings(mock, &groupID, []string{"manage:connectors", "manage:llms"}, true),
					},
					{
						Config:           changed,
						ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, permissions, set("manage:agents")),
							statecheck.ExpectKnownValue(group, incognito, knownvalue.Bool(false)),
						},
						Check: checkOnyxGroupSettings(mock, &groupID, []string{"manage:agents"}, false),
					},
					{Config: granted, ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate)},
					{ // removed from the configuration: cleared, basic alone stays
						Config:           removed,
						ConfigPlanChecks: plansFor(group, plancheck.ResourceActionUpdate),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue(group, permissions, set()),
							statecheck.ExpectKnownValue(group, incognito, knownvalue.Bool(false)),
						},
						Check: checkOnyxGroupSettings(mock, &groupID, nil, false),
					},
					{
						Config:           removed,
						ConfigPlanChecks: noChanges,
						Check: func(*terraform.State) error {
							if n := mock.Log().CountMatching(http.MethodGet, "/api/manage/admin/user-group/"+plainID+"/permissions"); n != 0 {
								return fmt.Errorf("%d reads of the grants of a group that never set them", n)
							}
							return nil
						},
					},
				},
			})
		})
	}
}
