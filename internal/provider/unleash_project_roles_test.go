package provider_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// groupRolesIn reads, through the mock's API, the role ids each group holds in a project.
func groupRolesIn(target *acctest.Unleash, project string) map[string][]int {
	var access struct {
		Groups []struct {
			ID    int   `json:"id"`
			Roles []int `json:"roles"`
		} `json:"groups"`
	}
	target.API(http.MethodGet, "/api/admin/projects/"+project+"/access", nil, &access)
	out := map[string][]int{}
	for _, g := range access.Groups {
		out[strconv.Itoa(g.ID)] = slices.Sorted(slices.Values(g.Roles))
	}
	return out
}

// expectRoles checks a group's role ids in a project (none: the group is not there).
func expectRoles(target *acctest.Unleash, project string, groupID *string, want ...int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := groupRolesIn(target, project)[*groupID]
		if !slices.Equal(got, want) {
			return fmt.Errorf("group %s in project %s: roles %v, want %v", *groupID, project, got, want)
		}
		return nil
	}
}

// TestAccUnleash_groupProjectRoles: a group's roles in projects (Enterprise) are set per group, so another
// group's access to the same project stays; drift made in Unleash shows in the plan; a project dropped from
// the map loses the group, and removing the attribute clears its access everywhere.
func TestAccUnleash_groupProjectRoles(t *testing.T) {
	target := unleashEnterprise(t)
	target.Hook(http.MethodPut, "projects/web", nil)
	// Another group with its own access to web, which roster must leave alone.
	var other struct {
		ID int `json:"id"`
	}
	target.API(http.MethodPost, "/api/admin/groups", map[string]any{"name": "others", "users": []any{}}, &other)
	otherID := strconv.Itoa(other.ID)
	target.API(http.MethodPut, "/api/admin/projects/web/groups/"+otherID+"/roles", map[string]any{"roles": []int{4}}, nil)

	config := func(projectRoles string) string {
		return target.Provider() + fmt.Sprintf(`
resource "roster_user_group" "g" {
  name = "flag-owners"
  unleash = {
%s
  }
}

data "roster_user_groups" "flag" {
  name_prefix = "flag"
  depends_on  = [roster_user_group.g]
}
`, projectRoles)
	}
	const owner, member, reader = 4, 5, 6
	group := "roster_user_group.g"
	roles := tfjsonpath.New("unleash").AtMapKey("project_roles")
	var groupID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy: func(s *terraform.State) error {
			if err := expectRoles(target, "web", &otherID, owner)(s); err != nil {
				return err
			}
			if got := groupRolesIn(target, "web")[groupID]; got != nil {
				return fmt.Errorf("the destroyed group still has roles in web: %v", got)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config(`    project_roles = { default = ["Owner"], web = ["Member", "Reader"] }`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, roles, knownvalue.MapExact(map[string]knownvalue.Check{
						"default": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Owner")}),
						"web":     knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Member"), knownvalue.StringExact("Reader")}),
					})),
					// The data source reads them too.
					statecheck.ExpectKnownValue("data.roster_user_groups.flag", tfjsonpath.New("groups").AtSliceIndex(0).AtMapKey("unleash").AtMapKey("project_roles"),
						knownvalue.MapExact(map[string]knownvalue.Check{
							"default": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Owner")}),
							"web":     knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Member"), knownvalue.StringExact("Reader")}),
						})),
				},
				Check: resource.ComposeTestCheckFunc(
					saveID(group, &groupID),
					expectRoles(target, "default", &groupID, owner),
					expectRoles(target, "web", &groupID, member, reader),
					expectRoles(target, "web", &otherID, owner),
				),
			},
			{ResourceName: group, ImportState: true, ImportStateId: "name=flag-owners", ImportStateVerify: true},
			{
				// Changed in Unleash's UI: the group became Owner of web.
				PreConfig: func() {
					target.API(http.MethodPut, "/api/admin/projects/web/groups/"+groupID+"/roles", map[string]any{"roles": []int{owner}}, nil)
				},
				Config:             config(`    project_roles = { default = ["Owner"], web = ["Member", "Reader"] }`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				// Dropping default removes the group from it; web is set back.
				Config: config(`    project_roles = { web = ["Member"] }`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, roles, knownvalue.MapExact(map[string]knownvalue.Check{
						"web": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Member")}),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					expectRoles(target, "default", &groupID),
					expectRoles(target, "web", &groupID, member),
					expectRoles(target, "web", &otherID, owner),
				),
			},
			{
				// Removing the attribute clears the group's project access.
				Config: config(`    root_role = ""`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, roles, knownvalue.MapExact(map[string]knownvalue.Check{})),
				},
				Check: resource.ComposeTestCheckFunc(
					expectRoles(target, "web", &groupID),
					expectRoles(target, "web", &otherID, owner),
				),
			},
		},
	})
}

// TestAccUnleash_groupProjectRolesReadOnlyWhereHeld: refreshing groups that do not set project_roles reads
// no project access, so their refresh costs what it did before project roles existed.
func TestAccUnleash_groupProjectRolesReadOnlyWhereHeld(t *testing.T) {
	target := unleashEnterprise(t)
	config := target.Provider() + `
resource "roster_user_group" "plain" {
  name = "plain"
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// The plan's refresh is what is counted: the checks run before the (empty) apply.
				PreConfig: target.Log().Reset,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), requestCheck(func() error {
						if n := target.Log().CountMatching(http.MethodGet, "/api/admin/projects"); n != 0 {
							return fmt.Errorf("a refresh without project_roles read project access %d times", n)
						}
						if n := target.Log().CountMatching(http.MethodGet, "/api/admin/groups"); n != 1 {
							return fmt.Errorf("a refresh of one group sent %d group reads, want 1", n)
						}
						return nil
					})},
				},
			},
		},
	})
}

// requestCheck is a plan check that looks at the mock's request log, not at the plan.
type requestCheck func() error

func (c requestCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c()
}
