package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// unleashServiceAccount: an Unleash Enterprise service account (the mock: the open-source server has none),
// managed through /api/admin/service-account and read from its list.
func unleashServiceAccount(t *testing.T) lifecycle {
	mock := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	config := func(name, role string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  service_account = true
  name            = %q
  role            = %q
  unleash         = { username = "ci-bot" }
}
`, name, role)
	}
	user := "roster_user.ci"
	var userID string
	serverAccount := func(name string, role int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			var list struct {
				ServiceAccounts []struct {
					ID       int    `json:"id"`
					Name     string `json:"name"`
					Username string `json:"username"`
					RootRole int    `json:"rootRole"`
				} `json:"serviceAccounts"`
			}
			mock.API("GET", "/api/admin/service-account", nil, &list)
			for _, sa := range list.ServiceAccounts {
				if fmt.Sprint(sa.ID) == userID {
					if sa.Name != name || sa.RootRole != role || sa.Username != "ci-bot" {
						return fmt.Errorf("server has %+v, want name %q role %d", sa, name, role)
					}
					return nil
				}
			}
			return fmt.Errorf("service account %s is not on the server: %+v", userID, list.ServiceAccounts)
		}
	}
	updated := config("CI deployer", "Viewer")
	return lifecycle{
		address: user,
		create:  config("CI", "Editor"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("service_account"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("email"), knownvalue.Null()),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Editor")),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("unleash").AtMapKey("username"), knownvalue.StringExact("ci-bot")),
		},
		createdCheck: resource.ComposeTestCheckFunc(saveID(user, &userID), serverAccount("CI", 2)),
		update:       updated,
		updated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(user, tfjsonpath.New("name"), knownvalue.StringExact("CI deployer")),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Viewer")),
		},
		updatedCheck: serverAccount("CI deployer", 3),
		afterUpdate:  []resource.TestStep{{Config: updated, ConfigPlanChecks: noChanges}},
		imports:      []resource.TestStep{{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"unleash.send_email"}}},
		// renamed in Unleash's UI, through the API
		drift:          func() { mock.API("PUT", "/api/admin/service-account/"+userID, map[string]any{"name": "Renamed"}, nil) },
		remove:         func() { mock.API("DELETE", "/api/admin/service-account/"+userID, nil, nil) },
		recreatedCheck: saveID(user, &userID),
		checkDestroy: func(*terraform.State) error {
			if code := mock.API("PUT", "/api/admin/service-account/"+userID, map[string]any{"name": "x"}, nil); code != 404 {
				return fmt.Errorf("service account %s still answers %d after destroy", userID, code)
			}
			return nil
		},
	}
}

// TestAccUnleash_serviceAccountsNeedEnterprise: on an open-source server (the mock's switch, and the real
// one) a service account is a clear "needs Enterprise" error at apply time.
func TestAccUnleash_serviceAccountsNeedEnterprise(t *testing.T) {
	t.Parallel()
	targets := []acctest.UnleashTarget{
		{Name: "open-source mock", Start: func(t *testing.T) *acctest.Unleash { return acctest.NewUnleash(t, unleashmock.EditionOpenSource) }},
		{Name: "real", Start: acctest.RealUnleash},
	}
	for _, tt := range targets {
		t.Run(tt.Name, func(t *testing.T) {
			target := tt.Start(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config: target.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  service_account = true
  name            = "CI"
  unleash         = { username = "ci-%s" }
}
`, uniqueSuffix()),
					ExpectError: errorRE("service accounts need Unleash Enterprise"),
				}},
			})
		})
	}
}
