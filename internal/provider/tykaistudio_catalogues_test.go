package provider_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// TestAccTykAIStudio_unknownCatalogue: Tyk AI Studio accepts an unknown catalogue id and creates an empty
// catalogue for it. The provider refuses the id on its attribute, on create and on update, and the mock
// ends with only the catalogues it was seeded with.
func TestAccTykAIStudio_unknownCatalogue(t *testing.T) {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	group := func(name, lists string) string {
		return fmt.Sprintf(`
resource "roster_user_group" %[1]q {
  name = %[1]q
  tyk_ai_studio = {
%[2]s
  }
}
`, name, lists)
	}
	valid := mock.Provider() + group("ml", `    data_catalogue_ids = ["1"]`)
	onlySeeded := func(*terraform.State) error {
		state := mock.State()
		for kind, ids := range state.Catalogues {
			if !slices.Equal(ids, []int{1, 2, 3}) {
				return fmt.Errorf("%s in Tyk AI Studio: %v, want only the seeded 1, 2, 3", kind, ids)
			}
		}
		if len(state.Catalogues) != 3 || slices.Contains(state.Groups.Names, "typo") {
			return fmt.Errorf("mock state %+v", state)
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: valid},
			{ // update: the error sits on data_catalogue_ids and names the missing ids, not the existing one
				Config: mock.Provider() + group("ml", `    catalogue_ids      = ["2"]
    data_catalogue_ids = ["1", "42", "41"]`),
				ExpectError: errorRE(`Cannot update user group`, `with roster_user_group.ml`,
					"tyk_ai_studio.data_catalogue_ids: no Tyk AI Studio data catalogue has ids 41, 42"),
			},
			{ // create: nothing is created
				Config:      valid + group("typo", `    tool_catalogue_ids = ["7"]`),
				ExpectError: errorRE(`Cannot create user group`, `with roster_user_group.typo`, "tyk_ai_studio.tool_catalogue_ids: no Tyk AI Studio tool catalogue has id 7"),
			},
			{
				Config: valid,
				Check:  onlySeeded,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("roster_user_group.ml", tfjsonpath.New("tyk_ai_studio").AtMapKey("catalogue_ids"), knownvalue.SetExact(nil)),
				},
			},
		},
	})
}
