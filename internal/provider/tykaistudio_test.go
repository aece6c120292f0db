package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

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
