package provider_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

func factoriesWithEcho() map[string]func() (tfprotov6.ProviderServer, error) {
	f := acctest.ProviderFactories()
	f["echo"] = echoprovider.NewProviderServer()
	return f
}

const ephemeralKeyConfig = `
ephemeral "roster_api_key" "ci" {
  name_prefix = "ci-run"
  description = "one deploy"
}

provider "echo" {
  data = ephemeral.roster_api_key.ci
}

resource "echo" "key" {}
`

// TestAccEphemeralAPIKey_authentik: the key exists while Terraform uses it and is revoked afterwards.
func TestAccEphemeralAPIKey_authentik(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	var minted string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: factoriesWithEcho(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks, // ephemeral resources: Terraform 1.10, OpenTofu 1.11
		Steps: []resource.TestStep{{
			Config: mock.Provider() + ephemeralKeyConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.key", tfjsonpath.New("data").AtMapKey("name"), knownvalue.StringRegexp(ciRunName)),
				statecheck.ExpectKnownValue("echo.key", tfjsonpath.New("data").AtMapKey("key"), knownvalue.StringRegexp(sixtyAlnum)),
			},
			Check: func(s *terraform.State) error {
				minted = s.RootModule().Resources["echo.key"].Primary.Attributes["data.name"]
				for _, id := range mock.State().Tokens.Identifiers {
					if strings.HasPrefix(id, "ci-run-") {
						return fmt.Errorf("token %s still exists after Terraform closed it", id)
					}
				}
				// It did exist: the mock's log shows a create and a delete of that very token.
				created, deleted := false, false
				for _, e := range mock.Log().Entries() {
					created = created || (e.Method == "POST" && e.Path == "/api/v3/core/tokens/" && e.Status == 201)
					deleted = deleted || (e.Method == "DELETE" && e.Path == "/api/v3/core/tokens/"+minted+"/" && e.Status == 204)
				}
				if !created || !deleted {
					return fmt.Errorf("want the key created and revoked: created=%t deleted=%t", created, deleted)
				}
				return nil
			},
		}},
	})
}

// TestAccEphemeralAPIKey_unavailable: platforms that cannot revoke a key say so.
func TestAccEphemeralAPIKey_unavailable(t *testing.T) {
	t.Parallel()
	tyk := acctest.NewTyk(t, tykmock.Enterprise)
	secoda := acctest.NewSecoda(t, -1)
	cases := map[string]struct {
		provider string
		want     []string
	}{
		"tyk_ai_studio": {tyk.Provider(), []string{"Ephemeral roster_api_key is not available on Tyk AI Studio", "cannot revoke it"}},
		"secoda":        {secoda.Provider(), []string{"Ephemeral roster_api_key is not available on Secoda", "Settings -> API"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: factoriesWithEcho(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks, // ephemeral resources: Terraform 1.10, OpenTofu 1.11
				Steps:                    []resource.TestStep{{Config: tc.provider + ephemeralKeyConfig, ExpectError: errorRE(tc.want...)}},
			})
		})
	}
}

// TestAccEphemeralAPIKey_refusesWhatThePlatformCannotStore: what a roster_api_key's plan refuses, the
// ephemeral key refuses before anything is minted, on the attribute at fault.
func TestAccEphemeralAPIKey_refusesWhatThePlatformCannotStore(t *testing.T) {
	t.Parallel()
	key := func(attrs string) string {
		return "\nephemeral \"roster_api_key\" \"ci\" {\n" + attrs + "\n}\n\nprovider \"echo\" {\n  data = ephemeral.roster_api_key.ci\n}\n\nresource \"echo\" \"key\" {}\n"
	}
	cases := map[string]struct {
		server func(t *testing.T) *acctest.Server
		config string
		want   []string
	}{
		"onyx description": {
			func(t *testing.T) *acctest.Server { return acctest.NewOnyx(t, onyxmock.GenerationCurrent).Server },
			ephemeralKeyConfig, []string{"Attribute not supported on Onyx", "Onyx API keys have no description"},
		},
		"onyx user_id": {
			func(t *testing.T) *acctest.Server { return acctest.NewOnyx(t, onyxmock.GenerationCurrent).Server },
			key(`  name_prefix = "ci-run"` + "\n" + `  user_id = "5"`), []string{"Attribute not supported on Onyx", "service-account user of its own"},
		},
		"unleash description": {
			func(t *testing.T) *acctest.Server { return acctest.NewUnleash(t, unleashmock.EditionEnterprise).Server },
			ephemeralKeyConfig, []string{"Attribute not supported on Unleash", "Unleash API tokens have no description"},
		},
		"unleash service-account token": {
			func(t *testing.T) *acctest.Server { return acctest.NewUnleash(t, unleashmock.EditionEnterprise).Server },
			key(`  name_prefix = "ci-run"` + "\n" + `  user_id = "5"`), []string{"Invalid value for Unleash", "expires_at: is required", "ephemeral roster_api_key has no", "expires_at"},
		},
		"authentik name_prefix": {
			func(t *testing.T) *acctest.Server { return acctest.NewAuthentik(t).Server },
			key(`  name_prefix = "ci run"`), []string{"Invalid value for authentik", "name_prefix: authentik token identifiers"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			server := tc.server(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: factoriesWithEcho(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks, // ephemeral resources: Terraform 1.10, OpenTofu 1.11
				Steps:                    []resource.TestStep{{Config: server.Provider() + tc.config, ExpectError: errorRE(tc.want...)}},
			})
			for _, e := range server.Log().Entries() {
				if e.Method == "POST" || e.Method == "PUT" {
					t.Errorf("%s %s was sent: nothing may be minted", e.Method, e.Path)
				}
			}
		})
	}
}
