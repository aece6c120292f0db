package provider_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
	unleashmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/unleash"
)

// badInputCase is one invalid configuration. It must fail at plan time, with the attribute and what is
// allowed, before a single request reaches the platform.
type badInputCase struct {
	name     string
	platform string
	// provider replaces the body of the provider block when set; {URL} and {TOKEN} are the mock's.
	provider string
	config   string
	// want are phrases the error must contain, in order: the attribute, then what is allowed.
	want []string
}

// badInputMock starts a fresh mock of the platform and returns its server.
func badInputMock(t *testing.T, platformName string) *acctest.Server {
	t.Helper()
	switch platformName {
	case "authentik":
		return acctest.NewAuthentik(t).Server
	case "secoda":
		s := acctest.NewSecoda(t, -1)
		return s.Server
	case "tyk_ai_studio":
		return acctest.NewTyk(t, tykmock.Enterprise).Server
	case "unleash":
		return acctest.NewUnleash(t, unleashmock.EditionEnterprise).Server
	case "onyx":
		return acctest.NewOnyx(t, onyxmock.GenerationCurrent).Server
	}
	t.Fatalf("no mock for %q", platformName)
	return nil
}

const longEmail = "a-very-long-local-part"

var badInputCases = []badInputCase{
	// Provider settings.
	{name: "unknown platform", platform: "authentik", provider: `platform = "okta"
  endpoint = "{URL}"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"platform", "value must be one of", `"authentik"`, `got: "okta"`}},
	{name: "platform in the wrong case", platform: "unleash", provider: `platform = "Unleash"
  endpoint = "{URL}"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"platform", "value must be one of", `"unleash"`, `got: "Unleash"`}},
	{name: "endpoint without scheme", platform: "authentik", provider: `platform = "authentik"
  endpoint = "auth.example.com"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"endpoint", `endpoint "auth.example.com" has no scheme: write https://auth.example.com`}},
	{name: "endpoint with a port but no scheme", platform: "unleash", provider: `platform = "unleash"
  endpoint = "unleash.example.com:4242/api"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"endpoint", `endpoint "unleash.example.com:4242/api" has no scheme: write https://unleash.example.com:4242/api`}},
	{name: "endpoint without host", platform: "authentik", provider: `platform = "authentik"
  endpoint = "https://"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"endpoint", "has no host", "such as https://auth.example.com"}},
	{name: "endpoint with credentials", platform: "authentik", provider: `platform = "authentik"
  endpoint = "https://admin:hunter2@auth.example.com"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"endpoint", "must not contain credentials", "token argument"}},
	{name: "endpoint with a query", platform: "authentik", provider: `platform = "authentik"
  endpoint = "https://auth.example.com/?org=1"
  token = "{TOKEN}"`, config: anyGroup, want: []string{"endpoint", "must not have a query or fragment", "server root"}},
	{name: "empty token", platform: "authentik", provider: `platform = "authentik"
  endpoint = "{URL}"
  token = ""`, config: anyGroup, want: []string{"token", "string length must be at least 1"}},
	{name: "negative retries", platform: "authentik", provider: `platform = "authentik"
  endpoint = "{URL}"
  token = "{TOKEN}"
  max_retries = -1`, config: anyGroup, want: []string{"max_retries", "between 0 and 20", "got: -1"}},
	{name: "too many retries", platform: "secoda", provider: `platform = "secoda"
  endpoint = "{URL}"
  token = "{TOKEN}"
  max_retries = 21`, config: anyGroup, want: []string{"max_retries", "between 0 and 20", "got: 21"}},
	{name: "timeout that is not a duration", platform: "unleash", provider: `platform = "unleash"
  endpoint = "{URL}"
  token = "{TOKEN}"
  request_timeout = "soon"`, config: anyGroup, want: []string{"request_timeout", `"soon" is not a positive duration`, "30s, 2m or 1m30s"}},
	{name: "negative write pacing", platform: "secoda", provider: `platform = "secoda"
  endpoint = "{URL}"
  token = "{TOKEN}"
  writes_per_minute = -1`, config: anyGroup, want: []string{"writes_per_minute", "must be at least 0", "got: -1"}},
	{name: "header value with a line break", platform: "authentik", provider: `platform = "authentik"
  endpoint = "{URL}"
  token = "{TOKEN}"
  headers = { "X-Proxy-Key" = "abc\ndef" }`, config: anyGroup, want: []string{"Invalid header value", "X-Proxy-Key", "holds a line break"}},
	{name: "header name with a space", platform: "secoda", provider: `platform = "secoda"
  endpoint = "{URL}"
  token = "{TOKEN}"
  headers = { "X Proxy" = "abc" }`, config: anyGroup, want: []string{"Invalid header name", `"X Proxy" is not an HTTP header name`}},
	{name: "response cap of zero", platform: "unleash", provider: `platform = "unleash"
  endpoint = "{URL}"
  token = "{TOKEN}"
  max_response_size_mib = 0`, config: anyGroup, want: []string{"max_response_size_mib", "between 1 and 4096", "got: 0"}},
	{name: "token of white space", platform: "onyx", provider: `platform = "onyx"
  endpoint = "{URL}"
  token = " \n"`, config: anyGroup, want: []string{"Empty token", "only white space"}},
	{name: "token with a line break inside", platform: "tyk_ai_studio", provider: `platform = "tyk_ai_studio"
  endpoint = "{URL}"
  token = "abc\ndef"`, config: anyGroup, want: []string{"Invalid token", "holds a line break"}},

	// roster_user_group.
	{name: "empty group name", platform: "authentik", config: `resource "roster_user_group" "bad" {
  name = ""
}`, want: []string{"name", "string length must be at least 1"}},
	{name: "blank group name", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name = "   "
}`, want: []string{"Invalid value for Unleash", "name: must not be empty"}},
	{name: "group name with surrounding whitespace", platform: "secoda", config: `resource "roster_user_group" "bad" {
  name = " data "
}`, want: []string{"Invalid value for Secoda", "name: must not start or end with whitespace"}},
	{name: "description on authentik", platform: "authentik", config: `resource "roster_user_group" "bad" {
  name        = "g"
  description = "not stored"
}`, want: []string{"Attribute not supported on authentik", "description", "authentik groups have no description"}},
	{name: "description on Tyk AI Studio", platform: "tyk_ai_studio", config: `resource "roster_user_group" "bad" {
  name        = "g"
  description = "not stored"
}`, want: []string{"Attribute not supported on Tyk AI Studio", "description", "have no description"}},
	{name: "secoda settings on an authentik group", platform: "authentik", config: `resource "roster_user_group" "bad" {
  name   = "g"
  secoda = { icon = "x" }
}`, want: []string{"Attribute for another platform", `"secoda" holds Secoda-only settings`, "configured for authentik", `platform = "secoda"`}},
	{name: "authentik member that is not a pk", platform: "authentik", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = ["ada"]
}`, want: []string{"Invalid value for authentik", "members: authentik user ids are positive integers", `got "ada"`}},
	{name: "secoda member that is not a uuid", platform: "secoda", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = ["42"]
}`, want: []string{"Invalid value for Secoda", "members: Secoda user ids are uuids", `got "42"`}},
	{name: "unleash member that is not a number", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = ["ada"]
}`, want: []string{"Invalid value for Unleash", "members: unleash user ids are positive integers", `got "ada"`}},
	{name: "empty member id", platform: "authentik", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = [""]
}`, want: []string{"members", "string length must be at least 1"}},
	{name: "member listed twice", platform: "authentik", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = ["7", "8", "7"]
}`, want: []string{"Duplicate member", `"7" is listed more than once`}},
	{name: "Tyk AI Studio catalogue id that is a name", platform: "tyk_ai_studio", config: `resource "roster_user_group" "bad" {
  name          = "g"
  tyk_ai_studio = { catalogue_ids = ["premium-llms"] }
}`, want: []string{"tyk_ai_studio.catalogue_ids", `must be a numeric id such as "3"`}},
	{name: "unleash root role that does not exist", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name    = "g"
  unleash = { root_role = "editor" }
}`, want: []string{"Invalid value for Unleash", `unleash.root_role: "editor" is not a root role`, "Admin, Editor, Viewer", `did you mean "Editor"`}},
	{name: "unleash empty sso mapping", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name    = "g"
  unleash = { sso_mappings = [" "] }
}`, want: []string{"Invalid value for Unleash", "unleash.sso_mappings: must not contain empty names"}},
	{name: "unleash project with no roles", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name    = "g"
  unleash = { project_roles = { default = [] } }
}`, want: []string{`unleash.project_roles["default"]`, "set must contain at least 1 elements"}},
	{name: "unleash blank project", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name    = "g"
  unleash = { project_roles = { " " = ["Owner"] } }
}`, want: []string{"unleash.project_roles", "must be a project id (not blank, no spaces)"}},
	{name: "unleash blank project role", platform: "unleash", config: `resource "roster_user_group" "bad" {
  name    = "g"
  unleash = { project_roles = { default = [""] } }
}`, want: []string{`unleash.project_roles["default"]`, "must be a role name, not blank"}},
	{name: "Onyx member that is not an email", platform: "onyx", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = ["42"]
}`, want: []string{"Invalid value for Onyx", "members: members are users, named by their id: the email address", `got "42"`}},
	{name: "Onyx curator who is not a member", platform: "onyx", config: `resource "roster_user_group" "bad" {
  name    = "g"
  members = ["ada@example.com"]
  onyx    = { curator_ids = ["grace@example.com"] }
}`, want: []string{"Invalid value for Onyx", "onyx.curator_ids: grace@example.com is not in members", "makes only members curators"}},
	{name: "Onyx connector id that is a name", platform: "onyx", config: `resource "roster_user_group" "bad" {
  name = "g"
  onyx = { cc_pair_ids = ["web"] }
}`, want: []string{"Invalid value for Onyx", "onyx.cc_pair_ids: connector-credential pair ids are positive integers", `got "web"`}},
	{name: "description on an Onyx group", platform: "onyx", config: `resource "roster_user_group" "bad" {
  name        = "g"
  description = "not stored"
}`, want: []string{"Attribute not supported on Onyx", "description", "Onyx user groups have no description"}},

	// roster_user.
	{name: "email without at sign", platform: "authentik", config: `resource "roster_user" "bad" {
  email = "not-an-email"
}`, want: []string{"email", "must be an email address such as ada@example.com"}},
	{name: "over-long email", platform: "tyk_ai_studio", config: `resource "roster_user" "bad" {
  email = "` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `-` + longEmail + `@example.com"
  name  = "Long"
}`, want: []string{"email", "string length must be between 3 and 254"}},
	{name: "email under a reserved top-level domain", platform: "unleash", config: `resource "roster_user" "bad" {
  email = "dev@example.test"
  name  = "Dev"
}`, want: []string{"Invalid value for Unleash", "email: Unleash refuses addresses under the reserved top-level domain .test"}},
	{name: "role on Tyk AI Studio", platform: "tyk_ai_studio", config: `resource "roster_user" "bad" {
  email = "a@example.com"
  name  = "A"
  role  = "Admin"
}`, want: []string{"Attribute not supported on Tyk AI Studio", "role", "tyk_ai_studio.is_admin and show_portal"}},
	{name: "unknown Secoda role", platform: "secoda", config: `resource "roster_user" "bad" {
  email = "a@example.com"
  role  = "owner"
}`, want: []string{"Invalid value for Secoda", "role: must be one of admin, editor, viewer, guest", `got "owner"`}},
	{name: "unknown Unleash role", platform: "unleash", config: `resource "roster_user" "bad" {
  email = "a@example.com"
  name  = "A"
  role  = "Superuser"
}`, want: []string{"Invalid value for Unleash", `role: "Superuser" is not a root role`, "Admin, Editor, Viewer"}},
	{name: "Secoda guest without teams", platform: "secoda", config: `resource "roster_user" "bad" {
  email = "a@example.com"
  role  = "guest"
}`, want: []string{"Invalid value for Secoda", "secoda.teams: must name at least one team when the role is guest"}},
	{name: "deactivating a Secoda member", platform: "secoda", config: `resource "roster_user" "bad" {
  email  = "a@example.com"
  active = false
}`, want: []string{"Attribute not supported on Secoda", "active", "cannot deactivate a member"}},
	{name: "password on Secoda", platform: "secoda", config: `resource "roster_user" "bad" {
  email               = "a@example.com"
  password_wo         = "Pw-never-sent-1"
  password_wo_version = 1
}`, want: []string{"Attribute not supported on Secoda", "password_wo", "the API sets no passwords"}},
	{name: "Unleash user without a name", platform: "unleash", config: `resource "roster_user" "bad" {
  email = "a@example.com"
}`, want: []string{"Invalid value for Unleash", "name: must not be empty"}},
	{name: "Tyk AI Studio user without a name", platform: "tyk_ai_studio", config: `resource "roster_user" "bad" {
  email = "a@example.com"
}`, want: []string{"Invalid value for Tyk AI Studio", "name: is required on Tyk AI Studio"}},
	{name: "Tyk AI Studio notifications for a non-admin", platform: "tyk_ai_studio", config: `resource "roster_user" "bad" {
  email         = "a@example.com"
  name          = "A"
  tyk_ai_studio = { notifications_enabled = true }
}`, want: []string{"Invalid value for Tyk AI Studio", "tyk_ai_studio.notifications_enabled: can be true only for admins", "is_admin = true"}},
	{name: "Tyk AI Studio SSO access for a non-admin", platform: "tyk_ai_studio", config: `resource "roster_user" "bad" {
  email         = "a@example.com"
  name          = "A"
  tyk_ai_studio = { is_admin = false, access_to_sso_config = true }
}`, want: []string{"Invalid value for Tyk AI Studio", "tyk_ai_studio.access_to_sso_config: can be true only for admins"}},
	{name: "password version without a password", platform: "unleash", config: `resource "roster_user" "bad" {
  email               = "a@example.com"
  name                = "A"
  password_wo_version = 1
}`, want: []string{`Attribute "password_wo" must be specified when "password_wo_version" is specified`}},
	{name: "Secoda team that is not a uuid", platform: "secoda", config: `resource "roster_user" "bad" {
  email  = "a@example.com"
  role   = "guest"
  secoda = { teams = ["analytics"] }
}`, want: []string{"secoda.teams", "must be a UUID"}},
	{name: "password without a version", platform: "authentik", config: `resource "roster_user" "bad" {
  email       = "a@example.com"
  password_wo = "Pw-some-secret-1"
}`, want: []string{`Attribute "password_wo_version" must be specified when "password_wo" is specified`}},
	{name: "empty password", platform: "tyk_ai_studio", config: `resource "roster_user" "bad" {
  email               = "a@example.com"
  name                = "A"
  password_wo         = ""
  password_wo_version = 1
}`, want: []string{"password_wo", "string length must be at least 1"}},
	{name: "over-long authentik username", platform: "authentik", config: `resource "roster_user" "bad" {
  email     = "a@example.com"
  authentik = { username = "` + strings.Repeat("u", 151) + `" }
}`, want: []string{"authentik.username", "length must be between 1 and 150"}},
	{name: "password on Onyx", platform: "onyx", config: `resource "roster_user" "bad" {
  email               = "a@example.com"
  password_wo         = "Pw-never-sent-1"
  password_wo_version = 1
}`, want: []string{"Attribute not supported on Onyx", "password_wo", "set their own password"}},
	{name: "Tyk AI Studio flags on an Unleash user", platform: "unleash", config: `resource "roster_user" "bad" {
  email         = "a@example.com"
  name          = "A"
  tyk_ai_studio = { is_admin = true }
}`, want: []string{"Attribute for another platform", `"tyk_ai_studio" holds Tyk AI Studio-only settings`, "configured for Unleash"}},

	// roster_api_key.
	{name: "API keys on Secoda", platform: "secoda", config: `resource "roster_api_key" "bad" {
  name = "ci"
}`, want: []string{"roster_api_key is not available on Secoda", "Settings -> API"}},
	{name: "empty key name", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name = ""
}`, want: []string{"name", "string length must be at least 1"}},
	{name: "expiry on an authentik api token", platform: "authentik", config: `resource "roster_api_key" "bad" {
  name       = "k"
  expires_at = "2030-01-01T00:00:00Z"
}`, want: []string{"Invalid value for authentik", "expires_at: cannot be chosen", `Use intent "app_password"`}},
	{name: "expiry on a key that never expires", platform: "authentik", config: `resource "roster_api_key" "bad" {
  name       = "k"
  expires_at = "2030-01-01T00:00:00Z"
  authentik  = { intent = "app_password", expiring = false }
}`, want: []string{"Invalid value for authentik", "expires_at: cannot be set when authentik.expiring is false"}},
	{name: "expiry that is not a timestamp", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name       = "k"
  expires_at = "tomorrow"
}`, want: []string{"expires_at", "RFC3339"}},
	{name: "Unleash service-account token without expiry", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name    = "k"
  user_id = "1"
}`, want: []string{"Invalid value for Unleash", "expires_at", "service-account token"}},
	{name: "Unleash admin token", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name    = "k"
  unleash = { type = "admin" }
}`, want: []string{"unleash.type", `value must be one of: ["client" "backend" "frontend"]`, `got: "admin"`}},
	{name: "Unleash token type in the wrong case", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name    = "k"
  unleash = { type = "Client" }
}`, want: []string{"unleash.type", "value must be one of", `got: "Client"`}},
	{name: "Unleash token for all environments", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name    = "k"
  unleash = { environment = "*" }
}`, want: []string{"Invalid value for Unleash", "unleash.environment: Unleash tokens cannot span all environments"}},
	{name: "Unleash token for no project", platform: "unleash", config: `resource "roster_api_key" "bad" {
  name    = "k"
  unleash = { projects = [] }
}`, want: []string{"Invalid value for Unleash", `unleash.projects: must name at least one project; use ["*"] for all`}},
	{name: "Tyk AI Studio key without a user", platform: "tyk_ai_studio", config: `resource "roster_api_key" "bad" {
  name = "k"
}`, want: []string{"Invalid value for Tyk AI Studio", "user_id: is required on Tyk AI Studio"}},
	{name: "Onyx key for an existing user", platform: "onyx", config: `resource "roster_api_key" "bad" {
  name    = "k"
  user_id = "ada@example.com"
}`, want: []string{"Attribute not supported on Onyx", "user_id", "gets a service-account user of its own"}},
	{name: "Onyx key with a role and groups", platform: "onyx", config: `resource "roster_api_key" "bad" {
  name = "k"
  onyx = { role = "basic", group_ids = ["2"] }
}`, want: []string{"Invalid value for Onyx", "onyx.role: set onyx.role (Onyx v4.6) or onyx.group_ids (current Onyx), not both"}},
	{name: "unleash settings on an authentik key", platform: "authentik", config: `resource "roster_api_key" "bad" {
  name    = "k"
  unleash = { type = "client" }
}`, want: []string{"Attribute for another platform", `"unleash" holds Unleash-only settings`, "configured for authentik"}},

	// roster_user_group_membership, data sources and the ephemeral key.
	{name: "membership without a group", platform: "authentik", config: `resource "roster_user_group_membership" "bad" {
  group_id = ""
  user_id  = "2"
}`, want: []string{"group_id", "string length must be at least 1"}},
	{name: "group lookup by id and name at once", platform: "secoda", config: `data "roster_user_group" "bad" {
  id   = "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d"
  name = "data"
}`, want: []string{"Invalid Attribute Combination", "Exactly one of these attributes must be configured", "id", "name"}},
	{name: "user lookup without a key", platform: "tyk_ai_studio", config: `data "roster_user" "bad" {
}`, want: []string{"Missing Attribute Configuration", "Exactly one of these attributes must be configured: [id,email]"}},
	{name: "user list with a broken regular expression", platform: "unleash", config: `data "roster_users" "bad" {
  email_regex = "(@example"
}`, want: []string{"Invalid regular expression", "email_regex", "missing closing )"}},
	{name: "group list with an empty regular expression", platform: "authentik", config: `data "roster_user_groups" "bad" {
  name_regex = ""
}`, want: []string{"name_regex", "string length must be at least 1"}},
	{name: "ephemeral key on Secoda", platform: "secoda", config: `ephemeral "roster_api_key" "bad" {
  name_prefix = "ci"
}`, want: []string{"Ephemeral roster_api_key is not available on Secoda", "Settings -> API"}},
	{name: "ephemeral key with an empty prefix", platform: "unleash", config: `ephemeral "roster_api_key" "bad" {
  name_prefix = ""
}`, want: []string{"name_prefix", "string length must be between 1 and 200"}},
	{name: "ephemeral key on Tyk AI Studio", platform: "tyk_ai_studio", config: `ephemeral "roster_api_key" "bad" {
  name_prefix = "ci"
  user_id     = "2"
}`, want: []string{"Ephemeral roster_api_key is not available on Tyk AI Studio", "the API cannot revoke it"}},
}

// TestAccBadInput_planTimeErrors runs every invalid configuration above against a mock of its platform, as
// one plan-only step each (one test case per platform, so terraform init runs once per platform): each fails
// at plan time naming the attribute and what is allowed, and the mock's request log stays empty, checked
// after every step.
func TestAccBadInput_planTimeErrors(t *testing.T) {
	t.Parallel()
	if len(badInputCases) < 40 {
		t.Fatalf("%d cases; the suite promises at least 40", len(badInputCases))
	}
	seen := map[string]bool{}
	byPlatform := map[string][]badInputCase{}
	for _, tc := range badInputCases {
		key := tc.platform + "\x00" + tc.provider + "\x00" + tc.config
		if seen[key] || seen[tc.name] {
			t.Fatalf("case %q repeats another case", tc.name)
		}
		seen[key], seen[tc.name] = true, true
		byPlatform[tc.platform] = append(byPlatform[tc.platform], tc)
	}
	t.Logf("%d invalid configurations across %d platforms", len(badInputCases), len(byPlatform))
	for _, platformName := range []string{"authentik", "secoda", "tyk_ai_studio", "unleash", "onyx"} {
		cases := byPlatform[platformName]
		t.Run(platformName, func(t *testing.T) {
			srv := badInputMock(t, platformName)
			// Which case each step is, for the reader of a failure ("Step 7/15 error: ...").
			t.Cleanup(func() {
				if t.Failed() {
					for i, tc := range cases {
						t.Logf("step %d: %s", i+1, tc.name)
					}
				}
			})
			zeroRequests := func(after string) {
				if n := srv.Requests(); n != 0 {
					t.Errorf("%s: a configuration that fails at plan time made %d API requests, want 0: %v", after, n, srv.Log().Entries())
					srv.Log().Reset()
				}
			}
			steps := make([]resource.TestStep, len(cases))
			for i, tc := range cases {
				provider := srv.Provider()
				if tc.provider != "" {
					body := strings.NewReplacer("{URL}", srv.URL, "{TOKEN}", srv.Token).Replace(tc.provider)
					provider = "provider \"roster\" {\n  " + body + "\n}\n"
				}
				previous := "the start"
				if i > 0 {
					previous = "case " + cases[i-1].name
				}
				steps[i] = resource.TestStep{
					PreConfig:   func() { zeroRequests(previous) },
					Config:      provider + tc.config + "\n",
					PlanOnly:    true,
					ExpectError: errorRE(tc.want...),
				}
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    steps,
			})
			zeroRequests("case " + cases[len(cases)-1].name)
			t.Logf("%s: %d invalid configurations failed at plan time with %d API requests", platformName, len(cases), srv.Requests())
		})
	}
}

// serverErrorCase is a configuration the provider cannot tell is wrong, which the server refuses: the
// diagnostic names the attribute and quotes the server.
type serverErrorCase struct {
	name     string
	platform string
	// setup creates the clashing object through the API (or injects the server's refusal).
	setup  func(t *testing.T, f *faultTarget)
	config string
	want   []string
}

var serverErrorCases = []serverErrorCase{
	{
		name: "authentik duplicate group name", platform: "authentik",
		setup: func(t *testing.T, f *faultTarget) {
			if code := f.srv.API("POST", "/core/groups/", map[string]any{"name": "platform-team"}, nil); code != http.StatusCreated {
				t.Fatalf("creating the clashing group: %d", code)
			}
		},
		config: `resource "roster_user_group" "g" {
  name = "platform-team"
}`,
		want: []string{"Cannot create user group", "name", "The server answered", "POST /api/v3/core/groups/: 400 Bad Request",
			"name: Group with this name already exists."},
	},
	{
		name: "Unleash duplicate group name", platform: "unleash",
		setup: func(t *testing.T, f *faultTarget) {
			if code := f.srv.API("POST", "/api/admin/groups", map[string]any{"name": "platform-team", "users": []any{}}, nil); code != http.StatusCreated {
				t.Fatalf("creating the clashing group: %d", code)
			}
		},
		config: `resource "roster_user_group" "g" {
  name = "platform-team"
}`,
		want: []string{"Cannot create user group", "name", "The server answered", "conflict: POST /api/admin/groups: 409 Conflict"},
	},
	{
		name: "Tyk AI Studio duplicate email", platform: "tyk_ai_studio",
		setup: func(t *testing.T, f *faultTarget) {
			body := map[string]any{"data": map[string]any{"type": "users", "attributes": map[string]any{
				"email": "ada@example.com", "name": "Ada", "password": "Pw-clash-secret-1"}}}
			if code := f.srv.API("POST", "/users", body, nil); code >= 300 {
				t.Fatalf("creating the clashing user: %d", code)
			}
		},
		config: `resource "roster_user" "u" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
}`,
		want: []string{"Cannot create user", "email", "The server answered", "POST /api/v1/users: 400 Bad Request", "already in use"},
	},
	{
		name: "Secoda field error", platform: "secoda",
		setup: func(t *testing.T, f *faultTarget) {
			// The mock accepts any business address; the refusal of a free-mail domain is Secoda's own 400.
			f.setFaults(mockapiStatus(http.MethodPost, "/api/v1/user/", http.StatusBadRequest,
				`{"email": ["Invitations can only be sent to business email addresses."]}`))
		},
		config: `resource "roster_user" "u" {
  email = "ada@example.com"
  role  = "viewer"
}`,
		want: []string{"Cannot create user", "email", "Invitations can only be sent to business email addresses.",
			"The server answered", "POST /api/v1/user/: 400 Bad Request", "email: Invitations can only be sent"},
	},
	{
		name: "authentik password policy", platform: "authentik",
		setup: func(t *testing.T, f *faultTarget) {
			f.setFaults(mockapiStatus(http.MethodPost, "/api/v3/core/users/2/set_password/", http.StatusBadRequest,
				`{"password": ["Password is too common."]}`))
		},
		config: `resource "roster_user" "u" {
  email               = "ada@example.com"
  password_wo         = "password1234"
  password_wo_version = 1
}`,
		want: []string{"Cannot create user", "password_wo", "Password is too common.", "The server answered",
			"POST /api/v3/core/users/2/set_password/: 400 Bad Request: password: Password is too common."},
	},
	{
		name: "Onyx duplicate group name", platform: "onyx",
		setup: func(t *testing.T, f *faultTarget) {
			body := map[string]any{"name": "platform-team", "user_ids": []string{}, "cc_pair_ids": []int{}}
			if code := f.srv.API("POST", "/manage/admin/user-group", body, nil); code != http.StatusOK {
				t.Fatalf("creating the clashing group: %d", code)
			}
		},
		config: `resource "roster_user_group" "g" {
  name = "platform-team"
}`,
		// Onyx's own answer to a duplicate name is also its answer to an unknown id, so the client lists the
		// groups after the refusal: a live group has the name, so the diagnostic names it and quotes the server.
		want: []string{"Cannot create user group", `Onyx already has a user group named "platform-team" (id 3)`, "import it",
			"The server answered", "POST /api/manage/admin/user-group: 409 Conflict", "User group with name 'platform-team' already exists"},
	},
	{
		name: "Onyx connector that does not exist", platform: "onyx",
		setup: func(*testing.T, *faultTarget) {}, // the mock has connector pairs 1 to 3
		config: `resource "roster_user_group" "g" {
  name = "platform-team"
  onyx = { cc_pair_ids = ["99"] }
}`,
		// Onyx answers an unknown id with its duplicate-name error; no group has the name, so the
		// diagnostic points at the connector ids and still quotes the server.
		want: []string{"Cannot create user group", "Onyx reported the name as taken, but no group has it", "onyx.cc_pair_ids",
			"The server answered", "POST /api/manage/admin/user-group: 409 Conflict", "User group with name 'platform-team' already exists"},
	},
	{
		name: "Onyx key in a group that does not exist", platform: "onyx",
		setup: func(*testing.T, *faultTarget) {},
		config: `resource "roster_api_key" "k" {
  name = "ci"
  onyx = { group_ids = ["77"] }
}`,
		want: []string{"Cannot create API key", "Group IDs do not exist: [77]", "The server answered",
			"POST /api/admin/api-key: 400 Bad Request: Group IDs do not exist: [77]"},
	},
}

// TestAccBadInput_serverValidationErrors: what only the server can refuse (a name or email taken, a field
// the platform's own rules reject) fails the apply with a diagnostic on the attribute that quotes the server,
// names the request and leaves nothing half-made behind.
func TestAccBadInput_serverValidationErrors(t *testing.T) {
	starts := map[string]func(t *testing.T) *faultTarget{
		"authentik": newAuthentikTarget, "secoda": newSecodaTarget, "tyk_ai_studio": newTykTarget, "unleash": newUnleashTarget,
		"onyx": newOnyxTarget,
	}
	t.Parallel()
	for _, tc := range serverErrorCases {
		t.Run(tc.name, func(t *testing.T) {
			f := starts[tc.platform](t)
			tc.setup(t, f)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      f.provider(1) + tc.config + "\n",
					ExpectError: errorRE(tc.want...),
				}},
			})
		})
	}
}

// mockapiStatus is a fault rule answering every matching request with status and body, as the server would.
func mockapiStatus(method, path string, status int, body string) mockapi.FaultRule {
	return mockapi.FaultRule{Kind: mockapi.FaultStatus, Method: method, PathPrefix: path, Status: status, Body: json.RawMessage(body)}
}
