package provider_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// Unleash tokens and Onyx groups and keys have no read by id: each terraform command reads them from one list
// (platform.Snapshot), which the command's own writes update. These runs prove that list is never stale. Within
// one command, a list data source read after a create, an update in place and a replacement (a delete, then a
// create) sees each write; between two commands, a change made behind Terraform's back shows as drift.
func TestAccListOnlyCollectionsAreNeverStale(t *testing.T) {
	t.Parallel()
	for _, row := range []struct {
		name  string
		start func(t *testing.T) listOnly
	}{
		{"unleash-tokens", unleashTokensFresh},
		{"onyx-keys", onyxKeysFresh},
		{"onyx-groups", onyxGroupsFresh},
	} {
		t.Run(row.name, func(t *testing.T) {
			l := row.start(t)
			item := func(attr string) string { return l.list + ".0." + attr }
			var firstID string
			listsOnly := func(value string) resource.TestCheckFunc {
				return resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(l.data, l.list+".#", "1"),
					resource.TestCheckResourceAttrPair(l.data, item("id"), l.address, "id"),
					resource.TestCheckResourceAttr(l.data, item(l.attr), value),
				)
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{ // create, then read in the same command
						Config: l.config("1", l.values[0]),
						Check: resource.ComposeAggregateTestCheckFunc(listsOnly(l.values[0]), func(s *terraform.State) error {
							firstID = s.RootModule().Resources[l.address].Primary.ID
							return nil
						}),
					},
					{ // update in place, then read in the same command
						Config:           l.config("1", l.values[1]),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(l.address, plancheck.ResourceActionUpdate)}},
						Check:            listsOnly(l.values[1]),
					},
					{ // delete and create again, then read in the same command: only the new object is listed
						Config:           l.config("2", l.values[1]),
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(l.address, plancheck.ResourceActionDestroyBeforeCreate)}},
						Check: resource.ComposeAggregateTestCheckFunc(listsOnly(l.values[1]), func(s *terraform.State) error {
							if id := s.RootModule().Resources[l.address].Primary.ID; id == firstID {
								return fmt.Errorf("the replacement kept id %s", id)
							}
							l.state = s.RootModule().Resources[l.address].Primary.Attributes
							return nil
						}),
					},
					{ // a change behind Terraform's back, between two commands, is drift
						PreConfig:          func() { l.outOfBand(l.state) },
						Config:             l.config("2", l.values[1]),
						PlanOnly:           true,
						ExpectNonEmptyPlan: true,
					},
				},
			})
		})
	}
}

// listOnly is one list-only collection's run: a resource whose attr changes in place from values[0] to
// values[1], replaced when terraform_data.generation changes, and a list data source that must list it alone.
type listOnly struct {
	address, data, list, attr string
	values                    [2]string
	config                    func(generation, value string) string
	// outOfBand changes the object on the server, given its attributes in state.
	outOfBand func(attrs map[string]string)
	state     map[string]string
}

// generation is the replacement trigger of every listOnly configuration.
func generation(g string) string {
	return fmt.Sprintf("resource \"terraform_data\" \"generation\" {\n  input = %q\n}\n", g)
}

func unleashTokensFresh(t *testing.T) listOnly {
	mock := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	return listOnly{
		address: "roster_api_key.ci", data: "data.roster_api_keys.ci", list: "api_keys", attr: "expires_at",
		values: [2]string{"2030-01-01T00:00:00Z", "2031-06-30T12:00:00Z"},
		config: func(g, expires string) string {
			return mock.Provider() + generation(g) + fmt.Sprintf(`
resource "roster_api_key" "ci" {
  name       = "ci-deployer"
  expires_at = %q
  unleash    = { type = "backend", environment = "development", projects = ["*"] }
  lifecycle {
    replace_triggered_by = [terraform_data.generation]
  }
}

data "roster_api_keys" "ci" {
  name_regex = "^ci-"
  depends_on = [roster_api_key.ci]
}
`, expires)
		},
		outOfBand: func(attrs map[string]string) {
			if code := mock.API(http.MethodPut, "/api/admin/api-tokens/"+attrs["key"], map[string]any{"expiresAt": "2032-01-01T00:00:00.000Z"}, nil); code != http.StatusOK {
				t.Errorf("changing the token's expiry: %d", code)
			}
		},
	}
}

func onyxKeysFresh(t *testing.T) listOnly {
	mock := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	return listOnly{
		// A key's name cannot change in place; its groups can (Basic, then Admin).
		address: "roster_api_key.ci", data: "data.roster_api_keys.ci", list: "api_keys", attr: "onyx.group_ids.0",
		values: [2]string{"2", "1"},
		config: func(g, group string) string {
			return mock.Provider() + generation(g) + fmt.Sprintf(`
resource "roster_api_key" "ci" {
  name = "ci-deployer"
  onyx = { group_ids = [%q] }
  lifecycle {
    replace_triggered_by = [terraform_data.generation]
  }
}

data "roster_api_keys" "ci" {
  name_regex = "^ci-"
  depends_on = [roster_api_key.ci]
}
`, group)
		},
		outOfBand: func(attrs map[string]string) {
			if code := mock.API(http.MethodPatch, "/admin/api-key/"+attrs["id"], map[string]any{"name": "ci-deployer", "group_ids": []int{2}}, nil); code != http.StatusOK {
				t.Errorf("moving the key to another group: %d", code)
			}
		},
	}
}

func onyxGroupsFresh(t *testing.T) listOnly {
	mock := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	return listOnly{
		address: "roster_user_group.ci", data: "data.roster_user_groups.ci", list: "groups", attr: "name",
		values: [2]string{"ci-team", "ci-renamed"},
		config: func(g, name string) string {
			return mock.Provider() + generation(g) + fmt.Sprintf(`
resource "roster_user_group" "ci" {
  name    = %q
  members = [%q]
  lifecycle {
    replace_triggered_by = [terraform_data.generation]
  }
}

data "roster_user_groups" "ci" {
  name_regex = "^ci-"
  depends_on = [roster_user_group.ci]
}
`, name, onyxmock.AdaEmail)
		},
		outOfBand: func(attrs map[string]string) {
			mock.Hook(http.MethodPatch, "groups/"+attrs["id"], map[string]any{"name": "ci-edited"}) // renamed in the UI
		},
	}
}
