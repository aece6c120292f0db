package provider_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// TestAccImport_generateConfig imports each resource with an import block by natural key and lets
// Terraform write its configuration (-generate-config-out), on every platform: the generated
// configuration must plan the import and nothing else.
func TestAccImport_generateConfig(t *testing.T) {
	t.Parallel()
	const objects = `
resource "roster_user" "u" {
  email = "gen@example.com"
  name  = "Gen Config"
}
resource "roster_user_group" "g" {
  name    = "generated"
  members = [roster_user.u.id]
}
`
	platforms := []struct {
		name     string
		provider func(t *testing.T) string
		extra    string
		imports  map[string]string
		// objects replaces the shared users and group where the platform needs others.
		objects string
		// importedByStateID are resources imported by the id their state holds (no natural key).
		importedByStateID []string
	}{
		{"authentik", func(t *testing.T) string { return acctest.NewAuthentik(t).Provider() }, `
resource "roster_api_key" "k" {
  name    = "generated-key"
  user_id = roster_user.u.id
}
resource "roster_user_group" "sso" {
  name = "sso-managed"
}
resource "roster_user_group_membership" "m" {
  group_id = roster_user_group.sso.id
  user_id  = roster_user.u.id
}
resource "roster_user" "svc" {
  service_account = true
  name            = "Generated bot"
  authentik       = { username = "gen-bot" }
}`, map[string]string{"roster_api_key.k": "name=generated-key"}, "", []string{"roster_user_group_membership.m", "roster_user.svc"}},
		{"secoda", func(t *testing.T) string { return acctest.NewSecoda(t, -1).Provider() }, "", nil, "", nil},
		{"unleash", func(t *testing.T) string { return acctest.NewUnleash(t, unleashmock.EditionEnterprise).Provider() }, `
resource "roster_api_key" "k" {
  name = "generated-key"
}
resource "roster_user" "svc" {
  service_account = true
  name            = "Generated bot"
  unleash         = { username = "gen-bot" }
}
resource "roster_api_key" "svc" {
  name       = "generated-bot-key"
  user_id    = roster_user.svc.id
  expires_at = "2099-01-01T00:00:00Z"
}`, map[string]string{"roster_api_key.k": "name=generated-key", "roster_api_key.svc": "name=generated-bot-key"}, "", []string{"roster_user.svc"}},
		// The Default group is imported too: its members stay unmanaged (TestAccTykAIStudio_generatedConfig
		// applies and changes the generated configuration).
		{"tyk_ai_studio", func(t *testing.T) string { return acctest.NewTyk(t, tykmock.Enterprise).Provider() }, "",
			map[string]string{"roster_user_group.default": "name=Default"}, "", nil},
		{"onyx", func(t *testing.T) string { return acctest.NewOnyx(t, onyxmock.GenerationV46).Provider() }, `
resource "roster_api_key" "k" {
  name = "generated-key"
  onyx = { role = "basic" }
}`, map[string]string{"roster_api_key.k": "name=generated-key"}, `
resource "roster_user" "u" {
  email = "gen@example.com" # an invitation: Onyx takes names from profiles
}
resource "roster_user_group" "g" {
  name    = "generated"
  members = ["ada@example.com"] # only people who signed up can be members
}
`, nil},
	}
	for _, p := range platforms {
		t.Run(p.name, func(t *testing.T) {
			shared := objects
			if p.objects != "" {
				shared = p.objects
			}
			config := p.provider(t) + shared + p.extra
			imports := map[string]string{"roster_user.u": "email=GEN@example.com", "roster_user_group.g": "name=generated"}
			for r, id := range p.imports {
				imports[r] = id
			}
			steps := []resource.TestStep{{Config: config}}
			importStep := func(r string) resource.TestStep {
				return resource.TestStep{
					Config:          config,
					ResourceName:    r,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
					GenerateConfig:  true,
					ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(r[:len(r)-len(r[indexDot(r):])]+".generated", plancheck.ResourceActionNoop),
					}},
				}
			}
			for r, id := range imports {
				step := importStep(r)
				step.ImportStateId = id
				steps = append(steps, step)
			}
			for _, r := range p.importedByStateID {
				steps = append(steps, importStep(r)) // the id comes from the resource's state
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    steps,
			})
		})
	}
}

func indexDot(s string) int {
	for i := range s {
		if s[i] == '.' {
			return i
		}
	}
	return len(s)
}
