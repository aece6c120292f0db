package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

const secretPassword = "Pw-must-never-leak-7f3a9c"

// secretCase is one platform's configuration holding every kind of secret it supports.
type secretCase struct {
	name     string
	provider func(t *testing.T) (providerBlock, token string)
	config   string
	// resources are imported after apply, by id.
	resources []string
	// importIgnore lists attributes the platform does not store, so an import cannot restore them.
	importIgnore []string
}

var secretCases = []secretCase{
	{
		name: "authentik",
		provider: func(t *testing.T) (string, string) {
			m := acctest.NewAuthentik(t)
			return m.Provider(), acctest.AuthentikToken
		},
		config: `
resource "roster_user" "u" {
  email               = "leak@example.com"
  password_wo         = "` + secretPassword + `"
  password_wo_version = 1
}
resource "roster_api_key" "k" {
  name    = "leak-check"
  user_id = roster_user.u.id
}`,
		resources: []string{"roster_user.u", "roster_api_key.k"},
	},
	{
		name: "secoda",
		provider: func(t *testing.T) (string, string) {
			m := acctest.NewSecoda(t, -1)
			return m.Provider(), acctest.SecodaToken
		},
		config: `
resource "roster_user" "u" {
  email = "leak@example.com"
  role  = "viewer"
}
resource "roster_user_group" "g" {
  name    = "leak-check"
  members = [roster_user.u.id]
}`,
		resources: []string{"roster_user.u", "roster_user_group.g"},
	},
	{
		name: "unleash",
		provider: func(t *testing.T) (string, string) {
			m := acctest.NewUnleash(t, unleashmock.EditionEnterprise)
			return m.Provider(), acctest.UnleashToken
		},
		config: `
resource "roster_user" "u" {
  email               = "leak@example.com"
  name                = "Leak Check"
  password_wo         = "` + secretPassword + `"
  password_wo_version = 1
}
resource "roster_api_key" "k" {
  name    = "leak-check"
  unleash = { type = "client", environment = "development" }
}`,
		resources: []string{"roster_user.u", "roster_api_key.k"},
	},
	{
		name: "tyk_ai_studio",
		provider: func(t *testing.T) (string, string) {
			m := acctest.NewTyk(t, tykmock.Enterprise)
			return m.Provider(), acctest.TykToken
		},
		config: `
resource "roster_user" "u" {
  email               = "leak@example.com"
  name                = "Leak Check"
  password_wo         = "` + secretPassword + `"
  password_wo_version = 1
}
resource "roster_api_key" "k" {
  name    = "leak-check"
  user_id = roster_user.u.id
}`,
		resources: []string{"roster_user.u", "roster_api_key.k"},
		// Tyk AI Studio keeps no key name, and an import leaves the derived role to the first refresh.
		importIgnore: []string{"name", "role"},
	},
	{
		name: "onyx",
		provider: func(t *testing.T) (string, string) {
			m := acctest.NewOnyx(t, onyxmock.GenerationCurrent)
			return m.Provider(), acctest.OnyxToken
		},
		// Onyx sets no passwords (people sign up themselves): the secrets are the token and the key.
		config: `
resource "roster_user" "u" {
  email = "leak@example.com"
}
resource "roster_api_key" "k" {
  name = "leak-check"
  onyx = { group_ids = ["2"] }
}
resource "roster_user_group" "g" {
  name    = "leak-check"
  members = ["ada@example.com"]
}`,
		resources: []string{"roster_user.u", "roster_api_key.k", "roster_user_group.g"},
	},
}

// TestAccSecrets_neverLeak runs apply, refresh, import and destroy with TRACE logging on every platform and
// asserts that the provider token, every API key and every password appear nowhere in the provider's or
// Terraform's logs, and that keys sit only in sensitive attributes.
func TestAccSecrets_neverLeak(t *testing.T) {
	for _, tc := range secretCases {
		t.Run(tc.name, func(t *testing.T) {
			// TF_ACC_LOG_PATH collects the in-process provider's log and, through TF_LOG_PATH, Terraform's own.
			logPath := filepath.Join(t.TempDir(), "trace.log")
			t.Setenv("TF_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG", "TRACE")
			t.Setenv("TF_ACC_LOG_PATH", logPath)
			block, token := tc.provider(t)
			config := block + tc.config
			var keys []string
			steps := []resource.TestStep{{
				Config: config,
				Check: func(s *terraform.State) error {
					for _, rs := range s.RootModule().Resources {
						if k := rs.Primary.Attributes["key"]; k != "" {
							keys = append(keys, k)
						}
					}
					return nil
				},
			}, {
				Config:   config,
				PlanOnly: true, // refresh
			}}
			for _, r := range tc.resources {
				steps = append(steps, resource.TestStep{
					ResourceName: r, ImportState: true, ImportStateVerify: true,
					ImportStateVerifyIgnore: append([]string{"key", "password_wo_version", "unleash.send_email"}, tc.importIgnore...),
				})
			}
			final := resource.TestStep{Config: config, Check: checkKeysOnlyInAttributeKey}
			for _, r := range tc.resources {
				if strings.HasPrefix(r, "roster_api_key.") {
					final.ConfigStateChecks = append(final.ConfigStateChecks, statecheck.ExpectSensitiveValue(r, tfjsonpath.New("key")))
				}
				if strings.HasPrefix(r, "roster_user.") {
					final.ConfigStateChecks = append(final.ConfigStateChecks, statecheck.ExpectKnownValue(r, tfjsonpath.New("password_wo"), knownvalue.Null()))
				}
			}
			steps = append(steps, final)
			// serial: TF_LOG and TF_ACC_LOG_PATH are process-wide; a parallel test would log into this file.
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    steps,
			})

			logs := withoutHarnessConfig(readAll(t, logPath))
			for _, want := range []string{"sending request", "received response", "GRPCProvider.v6"} {
				if !strings.Contains(logs, want) {
					t.Fatalf("the TRACE log lacks %q: the test would prove nothing", want)
				}
			}
			// The CLI's own log is there too: Terraform writes "Terraform version: 1.11.4", OpenTofu
			// "OpenTofu version: 1.12.6".
			if !strings.Contains(logs, "Terraform version:") && !strings.Contains(logs, "OpenTofu version:") {
				t.Fatal("the TRACE log lacks the CLI's own version line: the test would prove nothing")
			}
			// An API key crossed the wire in a response body: the log must show that body, redacted. (A body
			// that was never rendered, or rendered as raw bytes, would hide secrets by accident.)
			if len(keys) > 0 && !strings.Contains(logs, "[REDACTED]") {
				t.Fatal("no redacted body in the TRACE log although API keys were created: bodies are not logged")
			}
			secrets := append([]string{token, secretPassword}, keys...)
			for _, secret := range secrets {
				if strings.Contains(logs, secret) {
					t.Errorf("a secret (%d chars, starting %q) appears in the TRACE logs", len(secret), secret[:4])
				}
			}
			t.Logf("%s: %d bytes of TRACE logs, %d secrets checked (token, password, %d keys): none found",
				tc.name, len(logs), len(secrets), len(keys))
		})
	}
}

// withoutHarnessConfig drops the test framework's own log entries that print each step's configuration
// verbatim: the test writes the token and password into that configuration, which a real user's logs
// never contain. Every other entry, the provider's and Terraform's, is kept.
func withoutHarnessConfig(log string) string {
	var out strings.Builder
	skipping := false
	for _, line := range strings.SplitAfter(log, "\n") {
		if isLogEntryStart(line) {
			skipping = strings.Contains(line, "sdk.helper_resource: Setting Terraform configuration")
		}
		if !skipping {
			out.WriteString(line)
		}
	}
	return out.String()
}

// isLogEntryStart reports whether a line opens a log entry (2026-11-23T11:57:20.066Z [TRACE] ...).
func isLogEntryStart(line string) bool {
	return len(line) > 25 && line[4] == '-' && line[10] == 'T' && strings.Contains(line[:40], " [")
}

func readAll(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return string(raw)
}

// checkKeysOnlyInAttributeKey asserts no attribute other than the sensitive `key` holds a key.
func checkKeysOnlyInAttributeKey(s *terraform.State) error {
	for name, rs := range s.RootModule().Resources {
		key := rs.Primary.Attributes["key"]
		if key == "" {
			continue
		}
		for attr, v := range rs.Primary.Attributes {
			if attr != "key" && strings.Contains(v, key) {
				return fmt.Errorf("%s.%s holds the key", name, attr)
			}
		}
	}
	return nil
}
