package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

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
