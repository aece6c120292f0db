package provider_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// apiKeysRow is one platform's roster_api_keys run. Its config holds roster_api_keys, a key that the
// data source's filter leaves out, and data.roster_api_keys.ci, which must list exactly the keys of listed.
type apiKeysRow struct {
	name string
	// platform is the nested attribute the items carry; "" where the platform's keys have none.
	platform string
	start    func(t *testing.T) (config string)
	// listed are the roster_api_key resources data.roster_api_keys.ci lists, in order; one and two unless set.
	listed []string
	checks []statecheck.StateCheck
}

// authentikExpiry is within the maximum lifetime authentik gives app passwords (a day).
var authentikExpiry = time.Now().UTC().Add(12 * time.Hour).Truncate(time.Second).Format(time.RFC3339)

var apiKeysRows = []apiKeysRow{
	{
		name: "authentik", platform: "authentik", start: authentikAPIKeys,
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("expires_at"), knownvalue.StringExact(authentikExpiry)),
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("description"), knownvalue.StringExact("first")),
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("authentik").AtMapKey("intent"), knownvalue.StringExact("app_password")),
			statecheck.CompareValuePairs("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(1).AtMapKey("user_id"), "roster_user.bot", tfjsonpath.New("id"), compareEqual),
			// one, two and other; not the admin's bootstrap and bulk tokens.
			statecheck.ExpectKnownValue("data.roster_api_keys.of_bot", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(3)),
			// 105 seeded tokens: more than one page.
			statecheck.ExpectKnownValue("data.roster_api_keys.bulk", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(105)),
		},
	},
	{
		name: "onyx", platform: "onyx", start: onyxAPIKeys,
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("onyx").AtMapKey("group_ids"), knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("2")})),
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("user_id"), knownvalue.Null()),
		},
	},
	{
		name: "tyk_ai_studio", start: tykAPIKeys, // its keys have no nested attribute
		listed: []string{"roster_api_key.one"},
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_api_keys.b", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(1)),
			statecheck.CompareValuePairs("data.roster_api_keys.b", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("id"), "roster_api_key.two", tfjsonpath.New("id"), compareEqual),
			statecheck.CompareValuePairs("data.roster_api_keys.b", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("user_id"), "roster_user.b", tfjsonpath.New("id"), compareEqual),
		},
	},
	{
		name: "unleash", platform: "unleash", start: unleashAPIKeys(unleashEnterprise),
		checks: []statecheck.StateCheck{
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("expires_at"), knownvalue.StringExact("2031-01-02T03:04:05Z")),
			statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(1).AtMapKey("unleash").AtMapKey("environment"), knownvalue.StringExact("development")),
		},
	},
	{name: "unleash-real", platform: "unleash", start: unleashAPIKeys(acctest.RealUnleash)},
}

// TestAccDataSourceAPIKeys lists exactly the keys asked for on every platform that has keys, with their ids,
// the platform's nested attribute, and no secret anywhere in the data source.
func TestAccDataSourceAPIKeys(t *testing.T) {
	t.Parallel()
	for _, row := range apiKeysRows {
		t.Run(row.name, func(t *testing.T) {
			listed := row.listed
			if listed == nil {
				listed = []string{"roster_api_key.one", "roster_api_key.two"}
			}
			checks := []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(len(listed))),
			}
			for i, key := range listed {
				checks = append(checks, statecheck.CompareValuePairs("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(i).AtMapKey("id"), key, tfjsonpath.New("id"), compareEqual))
			}
			if row.platform != "" {
				checks = append(checks,
					statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey(row.platform), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.roster_api_keys.ci", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey(otherPlatform(row.platform)), knownvalue.Null()))
			}
			checks = append(checks, row.checks...)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:            row.start(t),
					ConfigStateChecks: checks,
					Check:             checkNoSecretInDataSources,
				}},
			})
		})
	}
}

// checkNoSecretInDataSources: no data source has an attribute named key, and none holds a key that a
// roster_api_key resource holds.
func checkNoSecretInDataSources(s *terraform.State) error {
	var keys []string
	for _, rs := range s.RootModule().Resources {
		if k := rs.Primary.Attributes["key"]; rs.Type == "roster_api_key" && k != "" {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return fmt.Errorf("no roster_api_key holds a key: the check would prove nothing")
	}
	for name, rs := range s.RootModule().Resources {
		if !strings.HasPrefix(name, "data.") {
			continue
		}
		for attr, v := range rs.Primary.Attributes {
			if attr == "key" || strings.HasSuffix(attr, ".key") {
				return fmt.Errorf("%s has an attribute %s", name, attr)
			}
			for _, k := range keys {
				if strings.Contains(v, k) {
					return fmt.Errorf("%s.%s holds an API key", name, attr)
				}
			}
		}
	}
	return nil
}

func authentikAPIKeys(t *testing.T) string {
	mock := acctest.NewAuthentik(t)
	for i := range 105 {
		body := map[string]any{"identifier": fmt.Sprintf("bulk-%03d", i), "intent": "api", "user": 1}
		if code := mock.API("POST", "/core/tokens/", body, nil); code != 201 {
			t.Fatalf("seeding token %d: %d", i, code)
		}
	}
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "bot" {
  email = "bot@example.com"
}

resource "roster_api_key" "one" {
  name        = "ci-one"
  user_id     = roster_user.bot.id
  description = "first"
  expires_at  = "%s"
  authentik   = { intent = "app_password" }
}

resource "roster_api_key" "two" {
  name       = "ci-two"
  user_id    = roster_user.bot.id
  depends_on = [roster_api_key.one] # listed second
}

resource "roster_api_key" "other" {
  name    = "deploy"
  user_id = roster_user.bot.id
}

data "roster_api_keys" "ci" {
  name_regex = "^ci-"
  depends_on = [roster_api_key.one, roster_api_key.two, roster_api_key.other]
}

data "roster_api_keys" "of_bot" {
  user_id    = roster_user.bot.id
  depends_on = [roster_api_key.one, roster_api_key.two, roster_api_key.other]
}

data "roster_api_keys" "bulk" {
  name_regex = "^bulk-"
}
`, authentikExpiry)
}

func onyxAPIKeys(t *testing.T) string {
	mock := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
	return mock.Provider() + `
resource "roster_api_key" "one" {
  name = "ci-one"
  onyx = { group_ids = ["2"] }
}

resource "roster_api_key" "two" {
  name       = "ci-two"
  onyx       = { group_ids = ["2"] }
  depends_on = [roster_api_key.one]
}

resource "roster_api_key" "other" {
  name = "deploy"
  onyx = { group_ids = ["2"] }
}

data "roster_api_keys" "ci" {
  name_regex = "^ci-"
  depends_on = [roster_api_key.one, roster_api_key.two, roster_api_key.other]
}
`
}

// tykAPIKeys: Tyk AI Studio stores no key names and gives each user one key, so the filter is the owner.
func tykAPIKeys(t *testing.T) string {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	return mock.Provider() + `
resource "roster_user" "a" {
  email = "a@example.com"
  name  = "A"
}

resource "roster_user" "b" {
  email = "b@example.com"
  name  = "B"
}

resource "roster_api_key" "one" {
  name    = "a-key"
  user_id = roster_user.a.id
}

resource "roster_api_key" "two" {
  name    = "b-key"
  user_id = roster_user.b.id
}

data "roster_api_keys" "ci" {
  user_id    = roster_user.a.id
  depends_on = [roster_api_key.one, roster_api_key.two]
}

data "roster_api_keys" "b" {
  user_id    = roster_user.b.id
  depends_on = [roster_api_key.one, roster_api_key.two]
}
`
}

func unleashAPIKeys(start func(*testing.T) *acctest.Unleash) func(*testing.T) string {
	return func(t *testing.T) string {
		suffix := uniqueSuffix()
		return start(t).Provider() + fmt.Sprintf(`
resource "roster_api_key" "one" {
  name       = "ci-one-%[1]s"
  expires_at = "2031-01-02T03:04:05Z"
  unleash    = { type = "client", environment = "development" }
}

resource "roster_api_key" "two" {
  name       = "ci-two-%[1]s"
  unleash    = { type = "client", environment = "development" }
  depends_on = [roster_api_key.one]
}

resource "roster_api_key" "other" {
  name    = "deploy-%[1]s"
  unleash = { type = "client", environment = "development" }
}

data "roster_api_keys" "ci" {
  name_regex = "^ci-(one|two)-%[1]s$"
  depends_on = [roster_api_key.one, roster_api_key.two, roster_api_key.other]
}
`, suffix)
	}
}

// TestAccDataSourceAPIKeys_secretsNeverLeak lists keys with TRACE logging on and proves that no key a
// roster_api_key created appears in the logs, although the list answers of Unleash and Tyk AI Studio carry
// them.
func TestAccDataSourceAPIKeys_secretsNeverLeak(t *testing.T) {
	for _, row := range apiKeysRows {
		if row.name == "unleash-real" {
			continue // the mock row covers the same answers; the real server is shared by parallel tests
		}
		t.Run(row.name, func(t *testing.T) {
			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			config := row.start(t)
			var keys []string
			// serial: TF_LOG and TF_ACC_LOG_PATH are process-wide; a parallel test would log into this file.
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config: config,
					Check: resource.ComposeTestCheckFunc(checkNoSecretInDataSources, func(s *terraform.State) error {
						for _, rs := range s.RootModule().Resources {
							if k := rs.Primary.Attributes["key"]; rs.Type == "roster_api_key" && k != "" {
								keys = append(keys, k)
							}
						}
						return nil
					}),
				}, {Config: config, PlanOnly: true}}, // refresh: every data source lists again
			})
			logs := withoutHarnessConfig(readAll(t, logPath))
			if !strings.Contains(logs, "received response") || !strings.Contains(logs, "[REDACTED]") {
				t.Fatal("the TRACE log has no redacted answer: the test would prove nothing")
			}
			for _, k := range keys {
				if strings.Contains(logs, k) {
					t.Errorf("an API key (%d chars) appears in the TRACE logs", len(k))
				}
			}
		})
	}
}
