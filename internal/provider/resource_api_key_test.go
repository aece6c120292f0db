package provider_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// TestAccAPIKey_lifecycle runs every platform's roster_api_key lifecycle: one row per platform that has API
// keys (and per API generation or server where those differ). Secoda has none: TestAccAPIKey_planTimeErrors
// shows the plan-time error.
func TestAccAPIKey_lifecycle(t *testing.T) {
	t.Parallel()
	runLifecycles(t, apiKeyLifecycles)
}

// apiKeyLifecycles are the rows of TestAccAPIKey_lifecycle; TestEveryPlatformHasLifecycleRows holds them to the registry.
var apiKeyLifecycles = []lifecycleRow{
	{"authentik", authentikAPIKey},
	{"onyx-v4.6", onyxAPIKey(onyxmock.GenerationV46)},
	{"onyx-current", onyxAPIKey(onyxmock.GenerationCurrent)},
	{"tyk_ai_studio", tykAPIKey},
	{"unleash-mock", unleashAPIKey(unleashEnterprise)},
	{"unleash-service-account", unleashServiceAccountKey},
	{"unleash-real", unleashAPIKey(acctest.RealUnleash)},
}

// authentikAPIKey: a token of a service account, whose secret the server shows through view_key.
func authentikAPIKey(t *testing.T) lifecycle {
	mock := acctest.NewAuthentik(t)
	config := func(name, description, rotation string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  service_account = true
  name            = "CI"
  authentik       = { username = "ci-bot" }
}

resource "roster_api_key" "ci" {
  name              = %q
  user_id           = roster_user.ci.id
  description       = %q
  rotation_triggers = { rotated = %q }
}
`, name, description, rotation)
	}
	key := "roster_api_key.ci"
	var secret string
	serverKey := func(s *terraform.State) (stateKey, server string, err error) {
		rs := s.RootModule().Resources[key]
		var out struct {
			Key string `json:"key"`
		}
		if code := mock.API("GET", "/core/tokens/"+rs.Primary.ID+"/view_key/", nil, &out); code != 200 {
			return "", "", fmt.Errorf("view_key answered %d", code)
		}
		return rs.Primary.Attributes["key"], out.Key, nil
	}
	prod := config("ci-deployer", "deploys from CI (prod)", "2026-q4")
	return lifecycle{
		address: key,
		create:  config("ci-deployer", "deploys from CI", "2026-q4"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(key, tfjsonpath.New("id"), knownvalue.StringExact("ci-deployer")),
			statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
			statecheck.ExpectKnownValue(key, tfjsonpath.New("authentik").AtMapKey("intent"), knownvalue.StringExact("api")),
			statecheck.ExpectKnownValue(key, tfjsonpath.New("expires_at"), knownvalue.NotNull()),
			statecheck.CompareValuePairs(key, tfjsonpath.New("user_id"), "roster_user.ci", tfjsonpath.New("id"), compareEqual),
		},
		createdCheck: func(s *terraform.State) error {
			stateKey, server, err := serverKey(s)
			if err != nil {
				return err
			}
			if len(stateKey) != 60 || stateKey != server {
				return fmt.Errorf("state key (%d chars) does not match the server's key", len(stateKey))
			}
			secret = stateKey
			return nil
		},
		// the description changes in place; the server re-sets expires, which must not break the apply
		update:       prod,
		updatedCheck: keptSecret(key, &secret),
		// refresh only: no perpetual diff from the server-managed expiry
		afterUpdate: []resource.TestStep{{Config: prod, ConfigPlanChecks: noChanges}},
		// a rotation trigger, and renaming, replace the key with a new secret
		replace: []string{
			config("ci-deployer", "deploys from CI (prod)", "2027-q1"),
			config("ci-deployer-2", "deploys from CI (prod)", "2027-q1"),
		},
		replacedCheck: func(s *terraform.State) error {
			stateKey, server, err := serverKey(s)
			if err != nil {
				return err
			}
			if stateKey == secret || stateKey != server {
				return fmt.Errorf("the replacement did not store the new server key")
			}
			secret = stateKey
			return nil
		},
		imports: []resource.TestStep{
			{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"key", "rotation_triggers"}},
			{ImportStateId: "name=ci-deployer-2", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"key", "rotation_triggers"}},
		},
		remove:       func() { mock.Hook("DELETE", "tokens/ci-deployer-2", nil) }, // revoked behind Terraform's back
		checkDestroy: checkAuthentikGone(mock, "tokens", "ci-deployer", "ci-deployer-2"),
	}
}

// onyxAPIKey: a key set up the way the generation allows (a role on v4.6, groups on current); Onyx creates
// a service account for it.
func onyxAPIKey(generation string) func(*testing.T) lifecycle {
	return func(t *testing.T) lifecycle {
		mock := acctest.NewOnyx(t, generation)
		access := `onyx = { role = "basic" }`
		if generation == onyxmock.GenerationCurrent {
			access = `onyx = { group_ids = ["2"] }` // the Basic group
		}
		config := func(rotation string) string {
			return mock.Provider() + fmt.Sprintf(`
resource "roster_api_key" "bot" {
  name              = "eng-bot"
  rotation_triggers = { rotated = %q }
  %s
}
`, rotation, access)
		}
		key := "roster_api_key.bot"
		var secret string
		return lifecycle{
			address: key,
			create:  config("q4"),
			created: []statecheck.StateCheck{statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key"))},
			createdCheck: func(s *terraform.State) error {
				if secret = s.RootModule().Resources[key].Primary.Attributes["key"]; secret == "" {
					return fmt.Errorf("no API key secret stored")
				}
				return nil
			},
			// the API key's service account does not show as drift
			afterCreate: []resource.TestStep{{Config: config("q4"), ConfigPlanChecks: noChanges}},
			replace:     []string{config("q1")},
			replacedCheck: func(s *terraform.State) error {
				if s.RootModule().Resources[key].Primary.Attributes["key"] == secret {
					return fmt.Errorf("rotation kept the old secret")
				}
				return nil
			},
		}
	}
}

// tykAPIKey: a user's one key, which rolling replaces.
func tykAPIKey(t *testing.T) lifecycle {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	config := func(rotation string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}

resource "roster_api_key" "ada" {
  name              = "ada-key"
  user_id           = roster_user.ada.id
  rotation_triggers = { rotated = %q }
}
`, rotation)
	}
	key, ada := "roster_api_key.ada", "roster_user.ada"
	var adaID, secret string
	currentKey := func() string {
		var u struct {
			Data struct {
				Attributes struct {
					APIKey string `json:"api_key"`
				} `json:"attributes"`
			} `json:"data"`
		}
		mock.API("GET", "/users/"+adaID, nil, &u)
		return u.Data.Attributes.APIKey
	}
	return lifecycle{
		address: key,
		create:  config("q4"),
		created: []statecheck.StateCheck{
			statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
			statecheck.CompareValuePairs(key, tfjsonpath.New("user_id"), ada, tfjsonpath.New("id"), compareEqual),
		},
		createdCheck: resource.ComposeTestCheckFunc(saveID(ada, &adaID), func(s *terraform.State) error {
			secret = s.RootModule().Resources[key].Primary.Attributes["key"]
			if secret == "" || secret != currentKey() {
				return fmt.Errorf("the key in state is not the user's current key")
			}
			return nil
		}),
		// rotation trigger: a new roll
		replace: []string{config("q1")},
		replacedCheck: func(s *terraform.State) error {
			got := s.RootModule().Resources[key].Primary.Attributes["key"]
			if got == secret || got != currentKey() {
				return fmt.Errorf("rotation did not store the new current key")
			}
			return nil
		},
		// rolled outside Terraform: the next plan rolls again
		remove:       func() { mock.Hook("POST", "users/"+adaID+"/roll", nil) },
		checkDestroy: checkTykGone(mock, "ada@example.com"),
	}
}

// unleashAPIKey runs unchanged against the mock and the real open-source server.
func unleashAPIKey(start func(*testing.T) *acctest.Unleash) func(*testing.T) lifecycle {
	return func(t *testing.T) lifecycle {
		target := start(t)
		name := "sdk-" + uniqueSuffix()
		config := func(environment, expires string) string {
			return target.Provider() + fmt.Sprintf(`
resource "roster_api_key" "sdk" {
  name       = %q
  expires_at = %q
  unleash = {
    type        = "backend"
    environment = %q
    projects    = ["*"]
  }
}
`, name, expires, environment)
		}
		key := "roster_api_key.sdk"
		var secret string
		saveSecret := func(s *terraform.State) error {
			secret = s.RootModule().Resources[key].Primary.Attributes["key"]
			return nil
		}
		ignore := []string{"key", "unleash.type"}
		return lifecycle{
			address: key,
			create:  config("development", "2030-01-01T00:00:00Z"),
			created: []statecheck.StateCheck{
				statecheck.ExpectSensitiveValue(key, tfjsonpath.New("key")),
				statecheck.ExpectKnownValue(key, tfjsonpath.New("unleash").AtMapKey("type"), knownvalue.StringExact("backend")),
				statecheck.ExpectKnownValue(key, tfjsonpath.New("user_id"), knownvalue.StringExact("")),
			},
			createdCheck: resource.ComposeTestCheckFunc(saveSecret, func(*terraform.State) error {
				if secret == "" {
					return fmt.Errorf("%s: no secret stored", target.Name)
				}
				// The stored secret is the token's: the admin list shows it (non-secure storage).
				var list struct {
					Tokens []struct {
						Secret    string `json:"secret"`
						TokenName string `json:"tokenName"`
					} `json:"tokens"`
				}
				target.API("GET", "/api/admin/api-tokens", nil, &list)
				found := false
				for _, tok := range list.Tokens {
					found = found || (tok.TokenName == name && tok.Secret == secret)
				}
				if !found {
					return fmt.Errorf("%s: no token named %s with the stored secret", target.Name, name)
				}
				// On the real server the secret also works for an SDK request.
				if target.Mock == nil {
					probe := *target.Server
					probe.Token = secret
					if code := probe.API("GET", "/api/client/features", nil, nil); code != 200 {
						return fmt.Errorf("%s: the stored secret is refused: %d", target.Name, code)
					}
				}
				return nil
			}),
			// refresh keeps the secret (Read never sees it) and shows no diff for backend = client
			afterCreate: []resource.TestStep{{Config: config("development", "2030-01-01T00:00:00Z"), ConfigPlanChecks: noChanges}},
			// the expiry changes in place
			update:       config("development", "2031-06-30T12:00:00Z"),
			updatedCheck: keptSecret(key, &secret),
			// the environment cannot change in place: replacement
			replace:       []string{config("production", "2031-06-30T12:00:00Z")},
			replacedCheck: saveSecret,
			imports: []resource.TestStep{
				{ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
				{ImportStateId: "name=" + name, ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
			},
			// revoked behind Terraform's back
			remove: func() { target.API("DELETE", "/api/admin/api-tokens/"+secret, nil, nil) },
		}
	}
}

// keptSecret is a check that the key's secret is still *secret (an in-place update must not change it).
func keptSecret(address string, secret *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if got := s.RootModule().Resources[address].Primary.Attributes["key"]; got != *secret {
			return fmt.Errorf("the secret changed on an in-place update")
		}
		return nil
	}
}

func TestAccAPIKey_planTimeErrors(t *testing.T) {
	t.Parallel()
	runPlanTimeErrors(t, "roster_api_key", map[string]planTimeError{
		"identifier with spaces": {"authentik", `name = "ci key"`, []string{"name: authentik token identifiers are", "letters, digits"}},
		"expiry on an api token": {"authentik", "name = \"k\"\n  expires_at = \"2030-01-01T00:00:00Z\"", []string{"expires_at:", `intent "app_password"`}},
		"bad timestamp":          {"authentik", "name = \"k\"\n  expires_at = \"tomorrow\"", []string{"RFC3339"}},
		"unknown intent":         {"authentik", "name = \"k\"\n  authentik = { intent = \"recovery\" }", []string{"authentik.intent", "value must be one of"}},
		"api keys": {"secoda", `name = "ci"`, []string{"roster_api_key is not available on Secoda",
			"Secoda's API has no API-key endpoints; manage keys in Settings -> API"}},
		"key without user": {"tyk_ai_studio", `name = "k"`, []string{"Invalid value for Tyk AI Studio", "user_id"}},
		"key expiry": {"tyk_ai_studio", `name       = "k"
  user_id    = "2"
  expires_at = "2030-01-01T00:00:00Z"`, []string{"Attribute not supported on Tyk AI Studio", "do not expire"}},
		"service-account token without expiry": {"unleash", `name    = "k"
  user_id = "1"`, []string{"Invalid value for Unleash", "expires_at: is required for an Unleash service-account token"}},
		"service-account token with a scope": {"unleash", `name       = "k"
  user_id    = "1"
  expires_at = "2099-01-01T00:00:00Z"
  unleash    = { environment = "production" }`, []string{"unleash.environment: must be left out with user_id"}},
		"service-account token owner not an id": {"unleash", `name       = "k"
  user_id    = "ci-bot"
  expires_at = "2099-01-01T00:00:00Z"`, []string{"user_id: unleash user ids are positive integers", "service_account = true"}},
		"token description": {"unleash", `name        = "k"
  description = "x"`, []string{"Attribute not supported on Unleash", "no description"}},
		"unknown token type": {"unleash", `name    = "k"
  unleash = { type = "server" }`, []string{"unleash.type", "value must be one of"}},
	})
}
