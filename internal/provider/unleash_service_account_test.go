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

data "roster_user" "ci" {
  id = roster_user.ci.id
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
			statecheck.ExpectKnownValue("data.roster_user.ci", tfjsonpath.New("service_account"), knownvalue.Bool(true)),
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
// one) a service account, or a token with a user_id, is a clear "needs Enterprise" error at apply time.
func TestAccUnleash_serviceAccountsNeedEnterprise(t *testing.T) {
	t.Parallel()
	for _, tt := range openSourceUnleashTargets() {
		t.Run(tt.Name, func(t *testing.T) {
			target := tt.Start(t)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{
					{
						Config: target.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  service_account = true
  name            = "CI"
  unleash         = { username = "ci-%s" }
}
`, uniqueSuffix()),
						ExpectError: errorRE("Cannot create user", "service accounts need Unleash Enterprise"),
					},
					{
						Config: target.Provider() + `
resource "roster_api_key" "k" {
  name       = "owned"
  user_id    = "1" # the admin user every server has
  expires_at = "2099-01-01T00:00:00Z"
}
`,
						ExpectError: errorRE("Cannot create API key", "service accounts need Unleash Enterprise"),
					},
				},
			})
		})
	}
}

// unleashServiceAccountKey: a token of an Unleash Enterprise service account (roster_api_key with user_id),
// whose name is the token's description and whose expiry cannot change: a new name or rotation replaces it.
func unleashServiceAccountKey(t *testing.T) lifecycle {
	mock := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
	config := func(name, rotation string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  service_account = true
  name            = "CI"
  unleash         = { username = "ci-bot" }
}

resource "roster_api_key" "ci" {
  name              = %q
  user_id           = roster_user.ci.id
  expires_at        = "2099-01-01T00:00:00Z"
  rotation_triggers = { rotated = %q }
}
`, name, rotation)
	}
	key := "roster_api_key.ci"
	var keyID, secret string
	type pat struct {
		ID          int    `json:"id"`
		Description string `json:"description"`
		ExpiresAt   string `json:"expiresAt"`
	}
	serverTokens := func(s *terraform.State) ([]pat, error) {
		var out struct {
			PATs []pat `json:"pats"`
		}
		owner := s.RootModule().Resources["roster_user.ci"].Primary.ID
		if code := mock.API("GET", "/api/admin/service-account/"+owner+"/token", nil, &out); code != 200 {
			return nil, fmt.Errorf("token list answered %d", code)
		}
		return out.PATs, nil
	}
	onlyToken := func(name string) resource.TestCheckFunc {
		return func(s *terraform.State) error {
			pats, err := serverTokens(s)
			if err != nil {
				return err
			}
			rs := s.RootModule().Resources[key].Primary
			if len(pats) != 1 || pats[0].Description != name || pats[0].ExpiresAt != "2099-01-01T00:00:00.000Z" ||
				rs.ID != fmt.Sprintf("service-account/%s/token/%d", s.RootModule().Resources["roster_user.ci"].Primary.ID, pats[0].ID) {
				return fmt.Errorf("server tokens %+v, state id %s", pats, rs.ID)
			}
			if rs.Attributes["key"] == "" || rs.Attributes["key"] == secret {
				return fmt.Errorf("state has no new secret")
			}
			keyID, secret = rs.ID, rs.Attributes["key"]
			return nil
		}
	}
	return lifecycle{
		address: key,
		create:  config("deploy", "1"),
		created: []statecheck.StateCheck{
			statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
			statecheck.ExpectKnownValue(key, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^service-account/\d+/token/\d+$`))),
			statecheck.CompareValuePairs(key, tfjsonpath.New("user_id"), "roster_user.ci", tfjsonpath.New("id"), compareEqual),
		},
		createdCheck: onlyToken("deploy"),
		afterCreate:  []resource.TestStep{{Config: config("deploy", "1"), ConfigPlanChecks: noChanges}},
		replace:      []string{config("deploy", "2"), config("release", "2")},
		replacedCheck: func(s *terraform.State) error {
			return onlyToken(s.RootModule().Resources[key].Primary.Attributes["name"])(s)
		},
		imports: []resource.TestStep{{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"key", "rotation_triggers"}}},
		remove: func() {
			mock.API("DELETE", "/api/admin/"+keyID, nil, nil) // the id is the token's route
		},
		checkDestroy: func(*terraform.State) error {
			var list struct {
				ServiceAccounts []any `json:"serviceAccounts"`
			}
			mock.API("GET", "/api/admin/service-account", nil, &list)
			if len(list.ServiceAccounts) != 0 {
				return fmt.Errorf("service accounts left after destroy: %v", list.ServiceAccounts)
			}
			return nil
		},
	}
}
