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
)

func userConfig(mock *acctest.Authentik, name string, active bool, passwordVersion int) string {
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

func TestAccUser_authentik(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	user := "roster_user.ada"
	var userID string
	setPasswordCalls := func() int {
		n := 0
		for _, e := range mock.Mock.Log().Entries() {
			if strings.HasSuffix(e.Path, "/set_password/") && e.Status == 204 {
				n++
			}
		}
		return n
	}

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy:             checkAuthentikGone(mock, "users", "ada"),
		Steps: []resource.TestStep{
			{
				Config: userConfig(mock, "Ada Lovelace", true, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.Null()),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("username"), knownvalue.StringExact("ada")),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("path"), knownvalue.StringExact("users")),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("type"), knownvalue.StringExact("internal")),
				},
				Check: func(s *terraform.State) error {
					userID = s.RootModule().Resources[user].Primary.ID
					if n := setPasswordCalls(); n != 1 {
						return fmt.Errorf("set_password called %d times on create, want 1", n)
					}
					return nil
				},
			},
			{ // in-place update: name, active, and a new password version writes the password again
				Config: userConfig(mock, "Ada King", false, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(user, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(user, tfjsonpath.New("name"), knownvalue.StringExact("Ada King")),
					statecheck.ExpectKnownValue(user, tfjsonpath.New("active"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					if n := setPasswordCalls(); n != 2 {
						return fmt.Errorf("set_password called %d times after the version change, want 2", n)
					}
					var u map[string]any
					mock.API("GET", "/core/users/"+userID+"/", nil, &u)
					if u["name"] != "Ada King" || u["is_active"] != false {
						return fmt.Errorf("server has name=%v is_active=%v", u["name"], u["is_active"])
					}
					return nil
				},
			},
			{ // the server storing the email in another case is no drift
				PreConfig: func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"email": "ADA@EXAMPLE.COM"}) },
				Config:    userConfig(mock, "Ada King", false, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
			},
			{ // email is ignored: the server now spells it ADA@EXAMPLE.COM, equal to the state ignoring case
				ResourceName:            user,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password_wo_version", "email"},
			},
			{
				ResourceName:            user,
				ImportState:             true,
				ImportStateId:           "email=ada@example.com",
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password_wo_version", "email"},
			},
			{ // renamed behind Terraform's back
				PreConfig:          func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"name": "Someone Else"}) },
				Config:             userConfig(mock, "Ada King", false, 2),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // deleted behind Terraform's back: recreated
				PreConfig: func() { mock.Hook("DELETE", "users/"+userID, nil) },
				Config:    userConfig(mock, "Ada King", false, 2),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(user, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccUser_planTimeErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		body string
		want []string
	}{
		"bad email":                {`email = "not-an-email"`, []string{"must be an email address"}},
		"role on authentik":        {"email = \"a@example.com\"\n  role = \"admin\"", []string{"Attribute not supported on authentik", "authentik users have no single role"}},
		"password without version": {"email = \"a@example.com\"\n  password_wo = \"x\"", []string{`Attribute "password_wo_version" must be specified when "password_wo" is specified`}},
		"unknown user type":        {"email = \"a@example.com\"\n  authentik = { type = \"internal_service_account\" }", []string{"authentik.type", "value must be one of"}},
		"path with slashes":        {"email = \"a@example.com\"\n  authentik = { path = \"/users/\" }", []string{"authentik.path: must not start or end with a slash"}},
		"username too long":        {"email = \"a@example.com\"\n  authentik = { username = \"" + strings.Repeat("u", 151) + "\" }", []string{"authentik.username", "length must be between 1 and 150"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			mock := acctest.NewAuthentik(t)
			before := mock.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps: []resource.TestStep{{
					Config:      mock.Provider() + "resource \"roster_user\" \"bad\" {\n  " + tc.body + "\n}\n",
					PlanOnly:    true,
					ExpectError: errorRE(tc.want...),
				}},
			})
			if after := mock.Requests(); after != before {
				t.Errorf("a bad configuration made %d API requests, want 0", after-before)
			}
		})
	}
}
