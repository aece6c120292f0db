package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// TestAccUser_lifecycle runs every platform's roster_user lifecycle: one row per platform (and per API
// generation or server where those differ).
func TestAccUser_lifecycle(t *testing.T) {
	t.Parallel()
	runLifecycles(t, userLifecycles)
}

// userLifecycles are the rows of TestAccUser_lifecycle; TestEveryPlatformHasLifecycleRows holds them to the registry.
var userLifecycles = []lifecycleRow{
	{"authentik", authentikUser},
	{"authentik-service-account", authentikServiceAccount},
	{"onyx-v4.6", onyxUser(onyxmock.GenerationV46)},
	{"onyx-current", onyxUser(onyxmock.GenerationCurrent)},
	{"secoda", secodaUser},
	{"tyk_ai_studio", tykUser},
	{"unleash-mock", unleashUser(unleashEnterprise)},
	{"unleash-service-account", unleashServiceAccount},
	{"unleash-real", unleashUser(acctest.RealUnleash)},
}

func authentikUser(t *testing.T) lifecycle {
	mock := acctest.NewAuthentik(t)
	config := func(name string, active bool, passwordVersion int) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email               = "ada@example.com"
  name                = %q
  active              = %t
  password_wo         = "correct-horse-battery-%d"
  password_wo_version = %d
  authentik = {
    username   = "ada"
    attributes = jsonencode({ department = "analytics" })
  }
}
`, name, active, passwordVersion, passwordVersion)
	}
	user := "roster_user.ada"
	var userID string
	setPasswordCalls := func(want int, when string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			n := 0
			for _, e := range mock.Mock.Log().Entries() {
				if strings.HasSuffix(e.Path, "/set_password/") && e.Status == 204 {
					n++
				}
			}
			if n != want {
				return fmt.Errorf("set_password called %d times %s, want %d", n, when, want)
			}
			return nil
		}
	}
	updated := config("Ada King", false, 2)
	return lifecycle{
		address: user,
		create:  config("Ada Lovelace", true, 1),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("active"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("password_wo"), knownvalue.Null()),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.Null()),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("username"), knownvalue.StringExact("ada")),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("path"), knownvalue.StringExact("users")),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("type"), knownvalue.StringExact("internal")),
		},
		createdCheck: resource.ComposeTestCheckFunc(saveID(user, &userID), setPasswordCalls(1, "on create")),
		// name, active, and a new password version, which writes the password again
		update: updated,
		updated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(user, tfjsonpath.New("name"), knownvalue.StringExact("Ada King")),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("active"), knownvalue.Bool(false)),
		},
		updatedCheck: resource.ComposeTestCheckFunc(setPasswordCalls(2, "after the version change"), func(*terraform.State) error {
			var u map[string]any
			mock.API("GET", "/core/users/"+userID+"/", nil, &u)
			if u["name"] != "Ada King" || u["is_active"] != false {
				return fmt.Errorf("server has name=%v is_active=%v", u["name"], u["is_active"])
			}
			return nil
		}),
		afterUpdate: []resource.TestStep{{ // the server storing the email in another case is no drift
			PreConfig:        func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"email": "ADA@EXAMPLE.COM"}) },
			Config:           updated,
			ConfigPlanChecks: noChanges,
		}},
		// email is ignored: the server now spells it ADA@EXAMPLE.COM, equal to the state ignoring case
		imports: []resource.TestStep{
			{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version", "email"}},
			{ImportStateId: "email=ada@example.com", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version", "email"}},
		},
		drift:        func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"name": "Someone Else"}) },
		remove:       func() { mock.Hook("DELETE", "users/"+userID, nil) },
		checkDestroy: checkAuthentikGone(mock, "users", "ada"),
	}
}

// onyxUser: an invitation, whose id is the email from the start, through sign-up to deactivation.
func onyxUser(generation string) func(*testing.T) lifecycle {
	return func(t *testing.T) lifecycle {
		mock := acctest.NewOnyx(t, generation)
		config := func(active bool) string {
			return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "new" {
  email  = "newcomer@example.com"
  active = %t
}
`, active)
		}
		user := "roster_user.new"
		return lifecycle{
			address: user,
			create:  config(true),
			created: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
				statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("invited")),
			},
			afterCreate: []resource.TestStep{{ // the invitee signs up: the same id, status active, nothing to change
				PreConfig:        func() { mock.Hook("POST", "users/newcomer@example.com/signup", nil) },
				Config:           config(true),
				ConfigPlanChecks: plansFor(user, plancheck.ResourceActionNoop),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringExact("newcomer@example.com")),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("active")),
				},
			}},
			update: config(false),
			updated: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(user, tfjsonpath.New("onyx").AtMapKey("status"), knownvalue.StringExact("deactivated")),
			},
			imports: []resource.TestStep{{ImportStateId: "email=NEWCOMER@example.com", ImportStateVerify: true}},
		}
	}
}

// secodaUser: an invitation (beside a guest, who needs a team) that is accepted, deactivated and
// re-activated in the UI.
func secodaUser(t *testing.T) lifecycle {
	mock := acctest.NewSecoda(t, -1)
	config := func(role string) string { return secodaUsersConfig(mock, role) }
	ada := "roster_user.ada"
	var adaID string
	return lifecycle{
		address: ada,
		create:  config("Editor"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.StringExact("Editor")),
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("secoda").AtMapKey("pending"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("authentik"), knownvalue.Null()),
		},
		createdCheck: resource.ComposeTestCheckFunc(saveID(ada, &adaID), func(*terraform.State) error {
			var u map[string]any
			mock.API("GET", "/user/"+adaID+"/", nil, &u)
			if u["first_name"] != "Ada" || u["last_name"] != "Lovelace" || u["role"] != "editor" {
				return fmt.Errorf("server user = %v", u)
			}
			return nil
		}),
		afterCreate: []resource.TestStep{{ // the invitee signs in: no diff
			PreConfig:        func() { mock.Hook("POST", "users/"+adaID+"/accept", nil) },
			Config:           config("Editor"),
			ConfigPlanChecks: noChanges,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ada, tfjsonpath.New("secoda").AtMapKey("pending"), knownvalue.Bool(false)),
			},
		}},
		update: config("admin"),
		updated: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.StringExact("admin")),
		},
		imports: []resource.TestStep{
			{ImportStateVerify: true},
			{ImportStateId: "email=Ada@Example.com", ImportStateVerify: true},
		},
		// deactivated in the UI: drift on `active` (secoda_deactivated_test.go has the details)
		drift: func() { mock.Hook("PATCH", "users/"+adaID, map[string]any{"disabled": true}) },
		extra: []resource.TestStep{{ // re-activated in the UI: nothing left to do
			PreConfig:        func() { mock.Hook("PATCH", "users/"+adaID, map[string]any{"disabled": false}) },
			Config:           config("admin"),
			ConfigPlanChecks: plansFor(ada, plancheck.ResourceActionNoop),
		}},
		remove:       func() { mock.Hook("DELETE", "users/"+adaID, nil) }, // re-invited
		checkDestroy: checkSecodaGone(mock, "ada@example.com", "guest@example.com"),
	}
}

// tykUser: a user with a password and flags; updates are full replacements on the server, which must not
// wipe what the update does not change.
func tykUser(t *testing.T) lifecycle {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	config := func(name string, showChat bool) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email               = "ada@example.com"
  name                = %q
  password_wo         = "initial-secret"
  password_wo_version = 1
  tyk_ai_studio = {
    show_chat      = %t
    show_portal    = true
    email_verified = true
  }
}
`, name, showChat)
	}
	ada := "roster_user.ada"
	var adaID string
	return lifecycle{
		address: ada,
		create:  config("Ada Lovelace", true),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.NotNull()),
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("tyk_ai_studio").AtMapKey("show_chat"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(ada, tfjsonpath.New("tyk_ai_studio").AtMapKey("is_admin"), knownvalue.Bool(false)),
		},
		createdCheck: saveID(ada, &adaID),
		// every new user joins the Default group: no drift from that
		afterCreate: []resource.TestStep{{Config: config("Ada Lovelace", true), ConfigPlanChecks: noChanges}},
		// one flag and the name; nothing else is wiped (full-replacement PATCH)
		update: config("Ada King", false),
		updatedCheck: func(*terraform.State) error {
			var u struct {
				Data struct {
					Attributes map[string]any `json:"attributes"`
				} `json:"data"`
			}
			mock.API("GET", "/users/"+adaID, nil, &u)
			a := u.Data.Attributes
			if a["email"] != "ada@example.com" || a["show_portal"] != true || a["email_verified"] != true || a["name"] != "Ada King" {
				return fmt.Errorf("the update wiped fields: %v", a)
			}
			return nil
		},
		// the derived role is left null by an import (the next refresh fills it), so that generated
		// configuration does not set it
		imports: []resource.TestStep{
			{ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version", "role"}, ImportStateCheck: tykRoleNotImported},
			{ImportStateId: "email=ADA@example.com", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"password_wo_version", "role"}},
		},
		checkDestroy: checkTykGone(mock, "ada@example.com"),
	}
}

// unleashUser runs unchanged against the mock and the real open-source server.
func unleashUser(start func(*testing.T) *acctest.Unleash) func(*testing.T) lifecycle {
	return func(t *testing.T) lifecycle {
		target := start(t)
		suffix := uniqueSuffix()
		config := func(name, role, username string) string {
			return target.Provider() + fmt.Sprintf(`
resource "roster_user" "dev" {
  email               = "dev-%[1]s@example.com"
  name                = %[2]q
  role                = %[3]q
  password_wo         = "Correct-Horse-Battery-9"
  password_wo_version = 1
  unleash = {
    username = %[4]q
  }
}
`, suffix, name, role, username)
		}
		user := "roster_user.dev"
		var userID string
		ignore := []string{"password_wo_version", "unleash.send_email"}
		return lifecycle{
			address: user,
			create:  config("Dev One", "Editor", "dev"+suffix),
			created: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Editor")),
				statecheck.ExpectKnownValue(user, tfjsonpath.New("unleash").AtMapKey("send_email"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(user, tfjsonpath.New("active"), knownvalue.Bool(true)),
			},
			createdCheck: resource.ComposeTestCheckFunc(saveID(user, &userID), func(*terraform.State) error {
				var u map[string]any
				target.API("GET", "/api/admin/user-admin/"+userID, nil, &u)
				if u["name"] != "Dev One" {
					return fmt.Errorf("%s: server user = %v", target.Name, u)
				}
				return nil
			}),
			// role and name change in place; the role is stored as read back
			update: config("Dev Uno", "Viewer", "dev"+suffix),
			updated: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Viewer")),
				statecheck.ExpectKnownValue(user, tfjsonpath.New("name"), knownvalue.StringExact("Dev Uno")),
			},
			// Unleash cannot rename a username: replacement
			replace:       []string{config("Dev Uno", "Viewer", "dev-renamed"+suffix)},
			replacedCheck: saveID(user, &userID),
			imports: []resource.TestStep{
				{ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
				{ImportStateId: "email=DEV-" + suffix + "@example.com", ImportStateVerify: true, ImportStateVerifyIgnore: ignore},
			},
			remove:         func() { target.API("DELETE", "/api/admin/user-admin/"+userID, nil, nil) },
			recreatedCheck: saveID(user, &userID), // the recreated user is the one destroy must remove
			checkDestroy: func(*terraform.State) error {
				if code := target.API("GET", "/api/admin/user-admin/"+userID, nil, nil); code != 404 {
					return fmt.Errorf("%s: user %s still answers %d after destroy", target.Name, userID, code)
				}
				return nil
			},
		}
	}
}

func TestAccUser_planTimeErrors(t *testing.T) {
	t.Parallel()
	runPlanTimeErrors(t, "roster_user", map[string]planTimeError{
		"bad email":                {"authentik", `email = "not-an-email"`, []string{"must be an email address"}},
		"role on authentik":        {"authentik", "email = \"a@example.com\"\n  role = \"admin\"", []string{"Attribute not supported on authentik", "authentik users have no single role"}},
		"password without version": {"authentik", "email = \"a@example.com\"\n  password_wo = \"x\"", []string{`Attribute "password_wo_version" must be specified when "password_wo" is specified`}},
		"unknown user type":        {"authentik", "email = \"a@example.com\"\n  authentik = { type = \"internal_service_account\" }", []string{"authentik.type", "value must be one of"}},
		"path with slashes":        {"authentik", "email = \"a@example.com\"\n  authentik = { path = \"/users/\" }", []string{"authentik.path: must not start or end with a slash"}},
		"username too long":        {"authentik", "email = \"a@example.com\"\n  authentik = { username = \"" + strings.Repeat("u", 151) + "\" }", []string{"authentik.username", "length must be between 1 and 150"}},
		"active on secoda": {"secoda", `email  = "a@example.com"
  role   = "viewer"
  active = false`, []string{"Attribute not supported on Secoda", "cannot deactivate"}},
		"guest without teams": {"secoda", `email = "a@example.com"
  role  = "guest"`, []string{"Invalid value for Secoda", "teams"}},
		"unknown role": {"secoda", `email = "a@example.com"
  role  = "owner"`, []string{"role", "admin", "editor", "viewer", "guest"}},
		"role is derived": {"tyk_ai_studio", `email = "a@example.com"
  name  = "A"
  role  = "Admin"`, []string{"Attribute not supported on Tyk AI Studio", "derives the role"}},
		"name is required": {"tyk_ai_studio", `email = "a@example.com"`, []string{"Invalid value for Tyk AI Studio", "name"}},
		"no deactivation on tyk": {"tyk_ai_studio", `email  = "a@example.com"
  name   = "A"
  active = false`, []string{"Invalid value for Tyk AI Studio", "active: Tyk AI Studio has no activation flag", "email_verified = false"}},
		"person without email":      {"authentik", `name = "Ada"`, []string{"Missing email", "email is required for a person", "service_account = true"}},
		"person without email, set": {"authentik", "name = \"Ada\"\n  service_account = false", []string{"Missing email", "email is required for a person"}},
		"service account of another type": {"authentik", "service_account = true\n  authentik = { username = \"ci\", type = \"internal\" }",
			[]string{"authentik.type", `must be "service_account" (or left out) for a service account`}},
		"service account type on a person": {"authentik", "email = \"a@example.com\"\n  authentik = { type = \"service_account\" }",
			[]string{"authentik.type", "set service_account = true"}},
		"service account without username": {"authentik", "service_account = true", []string{"authentik.username", "set authentik.username or email"}},
		"service account on onyx":          {"onyx", "service_account = true", []string{"Attribute not supported on Onyx", "roster_user.service_account", "service-account user for each API key"}},
		"service account on secoda":        {"secoda", "service_account = true\n  role = \"viewer\"", []string{"Attribute not supported on Secoda", "roster_user.service_account", "cannot create a service account"}},
		"service account on tyk":           {"tyk_ai_studio", "service_account = true\n  name = \"CI\"", []string{"Attribute not supported on Tyk AI Studio", "roster_user.service_account", "no service accounts"}},
		"unleash service account with a person's fields": {"unleash", `service_account = true
  name            = "CI"
  email           = "ci@example.com"
  unleash         = { username = "ci", send_email = true }`, []string{"unleash.send_email: must be left out", "email: must be left out: Unleash service accounts have no email"}},
		"unleash service account without username": {"unleash", "service_account = true\n  name = \"CI\"", []string{"unleash.username: is required for an Unleash service account"}},
		"deactivated user": {"unleash", `email  = "a@example.com"
  active = false`, []string{"Attribute not supported on Unleash", "cannot be deactivated"}},
		"tyk flags under unleash": {"unleash", `email         = "a@example.com"
  tyk_ai_studio = { is_admin = true }`, []string{"Attribute for another platform", "configured for Unleash"}},
	})
}
