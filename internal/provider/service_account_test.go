package provider_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
)

// authentikServiceAccount: a user of type service_account without an email, on the plain users endpoint
// (no app_password token or group made behind its back), with a token of its own.
func authentikServiceAccount(t *testing.T) lifecycle {
	mock := acctest.NewAuthentik(t)
	config := func(name string) string {
		return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ci" {
  service_account = true
  name            = %q
  authentik       = { username = "ci-bot" }
}

resource "roster_api_key" "ci" {
  name    = "ci-bot-key"
  user_id = roster_user.ci.id
}

data "roster_user" "ci" {
  id = roster_user.ci.id
}

data "roster_users" "bots" {
  username   = "ci-bot"
  depends_on = [roster_user.ci]
}
`, name)
	}
	user := "roster_user.ci"
	var userID string
	serverUser := func(wantName string) resource.TestCheckFunc {
		return func(*terraform.State) error {
			var u struct {
				Type  string `json:"type"`
				Email string `json:"email"`
				Name  string `json:"name"`
			}
			if code := mock.API("GET", "/core/users/"+userID+"/", nil, &u); code != 200 {
				return fmt.Errorf("GET user answered %d", code)
			}
			if u.Type != "service_account" || u.Email != "" || u.Name != wantName {
				return fmt.Errorf("server has type=%q email=%q name=%q", u.Type, u.Email, u.Name)
			}
			return nil
		}
	}
	onlyOwnToken := func(*terraform.State) error {
		var page struct {
			Results []struct {
				Identifier string `json:"identifier"`
				User       int    `json:"user"`
			} `json:"results"`
		}
		mock.API("GET", "/core/tokens/?user__username=ci-bot", nil, &page)
		var ids []string
		for _, tok := range page.Results {
			if strconv.Itoa(tok.User) != userID {
				return fmt.Errorf("token %s belongs to user %d, want %s", tok.Identifier, tok.User, userID)
			}
			ids = append(ids, tok.Identifier)
		}
		if !slices.Equal(ids, []string{"ci-bot-key"}) {
			return fmt.Errorf("the service account has tokens %v, want only ci-bot-key", ids)
		}
		return nil
	}
	updated := config("CI deployer")
	return lifecycle{
		address: user,
		create:  config("CI"),
		created: []statecheck.StateCheck{
			statecheck.ExpectKnownValue(user, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\d+$`))),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("service_account"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("email"), knownvalue.Null()),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("type"), knownvalue.StringExact("service_account")),
			statecheck.ExpectKnownValue(user, tfjsonpath.New("authentik").AtMapKey("path"), knownvalue.StringExact("users")),
			statecheck.CompareValuePairs("roster_api_key.ci", tfjsonpath.New("user_id"), user, tfjsonpath.New("id"), compareEqual),
			statecheck.ExpectKnownValue("data.roster_user.ci", tfjsonpath.New("service_account"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue("data.roster_users.bots", tfjsonpath.New("users").AtSliceIndex(0).AtMapKey("service_account"), knownvalue.Bool(true)),
		},
		createdCheck: resource.ComposeTestCheckFunc(saveID(user, &userID), serverUser("CI"), onlyOwnToken),
		update:       updated,
		updated:      []statecheck.StateCheck{statecheck.ExpectKnownValue(user, tfjsonpath.New("name"), knownvalue.StringExact("CI deployer"))},
		updatedCheck: serverUser("CI deployer"),
		afterUpdate:  []resource.TestStep{{Config: updated, ConfigPlanChecks: noChanges}},
		imports:      []resource.TestStep{{ImportStateVerify: true}},
		// made a person in authentik's UI: the service account must come back
		drift:        func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"type": "internal"}) },
		remove:       func() { mock.Hook("DELETE", "users/"+userID, nil) },
		checkDestroy: resource.ComposeTestCheckFunc(checkAuthentikGone(mock, "users", "ci-bot"), checkAuthentikGone(mock, "tokens", "ci-bot-key")),
	}
}

// A service account changed to a person (or back) is replaced: the platforms keep them apart.
func TestAccUser_serviceAccountFlipReplaces(t *testing.T) {
	mock := acctest.NewAuthentik(t)
	config := func(body string) string {
		return mock.Provider() + "resource \"roster_user\" \"x\" {\n  authentik = { username = \"x\" }\n  " + body + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		CheckDestroy:             checkAuthentikGone(mock, "users", "x"),
		Steps: []resource.TestStep{
			{Config: config("service_account = true")},
			{
				Config:            config(`email = "x@example.com"`),
				ConfigPlanChecks:  plansFor("roster_user.x", plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue("roster_user.x", tfjsonpath.New("service_account"), knownvalue.Bool(false))},
			},
		},
	})
}
