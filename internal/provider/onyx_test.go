package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
)

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
		"v4.6 permission on a current-generation group": {current.Provider()[:len(current.Provider())-2] + "  onyx_api_generation = \"current\"\n}\n", `resource "roster_user_group" "g" {
  name = "g"
  onyx = { permissions = ["add:connectors"] }
}`, []string{"onyx.permissions: add:connectors is a permission of Onyx v4.6; current Onyx has no such permission"}},
		"current permission on a v4.6 group": {mock.Provider()[:len(mock.Provider())-2] + "  onyx_api_generation = \"v4.6\"\n}\n", `resource "roster_user_group" "g" {
  name = "g"
  onyx = { permissions = ["manage:bots"] }
}`, []string{"onyx.permissions: manage:bots is a permission of current Onyx; Onyx v4.6 has no such permission"}},
		"incognito on a current default group": {current.Provider()[:len(current.Provider())-2] + "  onyx_api_generation = \"current\"\n}\n", `resource "roster_user_group" "g" {
  name = "Basic"
  onyx = { incognito_enabled = true }
}`, []string{"onyx.incognito_enabled: current Onyx keeps its default groups (Admin, Basic) to members only"}},
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

// TestAccOnyx_defaultGroupSettingsRefused: current Onyx keeps its default groups to members only, so asking
// for incognito access on the imported Basic group fails with the reason, and no write reaches the server.
func TestAccOnyx_defaultGroupSettingsRefused(t *testing.T) {
	mock := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{
				Config: mock.Provider() + `
import {
  to = roster_user_group.basic
  id = "name=Basic"
}
resource "roster_user_group" "basic" {
  name = "Basic"
  onyx = { incognito_enabled = true }
}
`,
				ExpectError: errorRE("onyx.incognito_enabled", "current Onyx keeps its default groups (Admin, Basic) to members only"),
			},
			{
				Config: mock.Provider() + `
removed {
  from = roster_user_group.basic
  lifecycle {
    destroy = false
  }
}
`,
				Check: func(*terraform.State) error {
					if n := mock.Log().Writes(); n != 0 {
						return fmt.Errorf("%d writes reached the server: %v", n, mock.Log().Entries())
					}
					return nil
				},
			},
		},
	})
}
