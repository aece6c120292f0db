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

func TestAccDataSources_authentik(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	// More groups than one page holds (100), created straight through the API, so the list data source must
	// follow pagination.
	for i := 0; i < 105; i++ {
		if code := mock.API("POST", "/core/groups/", map[string]any{"name": fmt.Sprintf("bulk-%03d", i)}, nil); code != 201 {
			t.Fatalf("seeding group %d: %d", i, code)
		}
	}
	config := mock.Provider() + `
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_user_group" "eng" {
  name    = "eng"
  members = [roster_user.ada.id]
}

data "roster_user_group" "by_name" {
  name       = roster_user_group.eng.name
}

data "roster_user_group" "by_id" {
  id = roster_user_group.eng.id
}

data "roster_user" "by_email" {
  email = upper(roster_user.ada.email)
}

data "roster_user" "by_id" {
  id = roster_user.ada.id
}

data "roster_user_groups" "bulk" {
  name_prefix = "bulk-"
  depends_on  = [roster_user_group.eng]
}

data "roster_user_groups" "regex" {
  name_regex = "^bulk-10[0-4]$"
  depends_on = [roster_user_group.eng]
}

data "roster_users" "ada" {
  email_regex = "^ada@"
  depends_on  = [roster_user.ada]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.roster_user_group.by_name", tfjsonpath.New("id"), "roster_user_group.eng", tfjsonpath.New("id"), compareEqual),
				statecheck.ExpectKnownValue("data.roster_user_group.by_id", tfjsonpath.New("name"), knownvalue.StringExact("eng")),
				statecheck.ExpectKnownValue("data.roster_user_group.by_id", tfjsonpath.New("members"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.roster_user_group.by_id", tfjsonpath.New("authentik").AtMapKey("is_superuser"), knownvalue.Bool(false)),
				statecheck.CompareValuePairs("data.roster_user.by_email", tfjsonpath.New("id"), "roster_user.ada", tfjsonpath.New("id"), compareEqual),
				statecheck.ExpectKnownValue("data.roster_user.by_id", tfjsonpath.New("email"), knownvalue.StringExact("ada@example.com")),
				statecheck.ExpectKnownValue("data.roster_user.by_id", tfjsonpath.New("authentik").AtMapKey("username"), knownvalue.StringExact("ada@example.com")),
				statecheck.ExpectKnownValue("data.roster_user_groups.bulk", tfjsonpath.New("groups"), knownvalue.ListSizeExact(105)),
				statecheck.ExpectKnownValue("data.roster_user_groups.regex", tfjsonpath.New("groups"), knownvalue.ListSizeExact(5)),
				statecheck.ExpectKnownValue("data.roster_users.ada", tfjsonpath.New("users"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.roster_users.ada", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Ada Lovelace")),
			},
		}},
	})
}
