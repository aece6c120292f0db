package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// TestAccDataSourceUsers_unleashUsernameAndRole: the username and role filters on the Enterprise mock and
// on the real open-source server (which has no groups, so the group filters are the mock's, in
// TestAccDataSources_filters). Names carry a suffix: the real server is shared.
func TestAccDataSourceUsers_unleashUsernameAndRole(t *testing.T) {
	t.Parallel()
	for _, target := range acctest.UnleashTargets {
		t.Run(target.Name, func(t *testing.T) {
			suffix := uniqueSuffix()
			config := target.Start(t).Provider() + fmt.Sprintf(`
resource "roster_user" "dev" {
  email   = "ds-dev-%[1]s@example.com"
  name    = "Dev"
  role    = "Editor"
  unleash = { username = "ds-dev-%[1]s" }
}

data "roster_users" "by_username" {
  username   = "ds-dev-%[1]s"
  depends_on = [roster_user.dev]
}

data "roster_users" "by_username_and_role" {
  username   = "ds-dev-%[1]s"
  role       = "editor"
  depends_on = [roster_user.dev]
}

data "roster_users" "by_username_other_role" {
  username   = "ds-dev-%[1]s"
  role       = "Viewer"
  depends_on = [roster_user.dev]
}
`, suffix)
			dev := usersWithEmails("ds-dev-" + suffix + "@example.com")
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config: config,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data.roster_users.by_username", tfjsonpath.New("users"), dev),
						statecheck.ExpectKnownValue("data.roster_users.by_username", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("unleash").AtMapKey("username"), knownvalue.StringExact("ds-dev-"+suffix)),
						statecheck.ExpectKnownValue("data.roster_users.by_username_and_role", tfjsonpath.New("users"), dev),
						statecheck.ExpectKnownValue("data.roster_users.by_username_other_role", tfjsonpath.New("users"), knownvalue.ListSizeExact(0)),
					},
				}},
			})
		})
	}
}
