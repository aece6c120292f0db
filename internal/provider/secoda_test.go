package provider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	secodamock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
)

func secodaConfig(mock *acctest.Secoda, groupName, role, description string) string {
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  role  = %q
}

resource "roster_user" "guest" {
  email  = "guest@example.com"
  name   = "Gus Guest"
  role   = "guest"
  secoda = { teams = [%q] }
}

resource "roster_user_group" "data" {
  name        = %q
  description = %q
  members     = [roster_user.ada.id, roster_user.guest.id]
  secoda      = { icon = "📊" }
}
`, role, secodamock.DefaultTeamID, groupName, description)
}

func TestAccSecoda_groupsAndUsers(t *testing.T) {
	mock := acctest.NewSecoda(t, -1)
	group, ada := "roster_user_group.data", "roster_user.ada"
	var groupID, adaID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy: func(*terraform.State) error {
			state := mock.State()
			if slices.Contains(state.Groups, "data-team") || slices.Contains(state.Groups, "data-platform") ||
				slices.Contains(state.Users, "ada@example.com") || slices.Contains(state.Users, "guest@example.com") {
				return fmt.Errorf("objects left after destroy: %+v", state)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{ // invite two users (one guest with a team) and a group with both
				Config: secodaConfig(mock, "data-team", "Editor", "Analytics"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("id"), knownvalue.StringRegexp(uuidRE)),
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.StringExact("Editor")),
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("secoda").AtMapKey("pending"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("authentik"), knownvalue.Null()),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("members"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("description"), knownvalue.StringExact("Analytics")),
					statecheck.ExpectKnownValue(group, tfjsonpath.New("secoda").AtMapKey("icon"), knownvalue.StringExact("📊")),
				},
				Check: func(s *terraform.State) error {
					groupID = s.RootModule().Resources[group].Primary.ID
					adaID = s.RootModule().Resources[ada].Primary.ID
					var u map[string]any
					mock.API("GET", "/user/"+adaID+"/", nil, &u)
					if u["first_name"] != "Ada" || u["last_name"] != "Lovelace" || u["role"] != "editor" {
						return fmt.Errorf("server user = %v", u)
					}
					return nil
				},
			},
			{ // the invitee signs in: no diff
				PreConfig: func() { mock.Hook("POST", "users/"+adaID+"/accept", nil) },
				Config:    secodaConfig(mock, "data-team", "Editor", "Analytics"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("secoda").AtMapKey("pending"), knownvalue.Bool(false)),
				},
			},
			{ // update in place: role, group name and description
				Config: secodaConfig(mock, "data-platform", "admin", "Analytics and BI"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ada, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(group, tfjsonpath.New("name"), knownvalue.StringExact("data-platform")),
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.StringExact("admin")),
				},
			},
			{ResourceName: group, ImportState: true, ImportStateKind: resource.ImportBlockWithID, Config: secodaConfig(mock, "data-platform", "admin", "Analytics and BI")},
			{ResourceName: group, ImportState: true, ImportStateId: "name=data-platform", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"members"}},
			{ResourceName: ada, ImportState: true, ImportStateVerify: true},
			{ResourceName: ada, ImportState: true, ImportStateId: "email=Ada@Example.com", ImportStateVerify: true},
			{ // membership changed in the UI
				PreConfig:          func() { mock.Hook("PATCH", "groups/"+groupID, map[string]any{"users": []string{}}) },
				Config:             secodaConfig(mock, "data-platform", "admin", "Analytics and BI"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // a deactivated member is gone for Terraform: the plan re-invites them
				PreConfig:          func() { mock.Hook("PATCH", "users/"+adaID, map[string]any{"disabled": true}) },
				Config:             secodaConfig(mock, "data-platform", "admin", "Analytics and BI"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{ // re-activated in the UI: nothing left to do but restore the membership removed above
				PreConfig: func() { mock.Hook("PATCH", "users/"+adaID, map[string]any{"disabled": false}) },
				Config:    secodaConfig(mock, "data-platform", "admin", "Analytics and BI"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ada, plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction(group, plancheck.ResourceActionUpdate),
				}},
			},
			{ // removed behind Terraform's back: re-invited
				PreConfig: func() { mock.Hook("DELETE", "users/"+adaID, nil) },
				Config:    secodaConfig(mock, "data-platform", "admin", "Analytics and BI"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(ada, plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

func TestAccSecoda_planTimeErrors(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		resource string
		want     []string
	}{
		"api keys": {`resource "roster_api_key" "k" {
  name = "ci"
}`, []string{"roster_api_key is not available on Secoda", "Secoda's API has no API-key endpoints; manage keys in Settings -> API"}},
		"active on secoda": {`resource "roster_user" "u" {
  email  = "a@example.com"
  role   = "viewer"
  active = false
}`, []string{"Attribute not supported on Secoda", "cannot deactivate"}},
		"guest without teams": {`resource "roster_user" "u" {
  email = "a@example.com"
  role  = "guest"
}`, []string{"Invalid value for Secoda", "teams"}},
		"unknown role": {`resource "roster_user" "u" {
  email = "a@example.com"
  role  = "owner"
}`, []string{"role", "admin", "editor", "viewer", "guest"}},
		"authentik attribute under secoda": {`resource "roster_user_group" "g" {
  name      = "g"
  authentik = { is_superuser = true }
}`, []string{"Attribute for another platform", "configured for Secoda"}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			mock := acctest.NewSecoda(t, -1)
			before := mock.Requests()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    []resource.TestStep{{Config: mock.Provider() + tc.resource, PlanOnly: true, ExpectError: errorRE(tc.want...)}},
			})
			if after := mock.Requests(); after != before {
				t.Errorf("a bad configuration made %d API requests, want 0", after-before)
			}
		})
	}
}

// TestAccSecoda_rateLimitedApply applies 100 objects against a mock that enforces a write limit (scaled
// from Secoda's 30/minute to 1200/minute so the run stays short) with the provider pacing at the same
// rate: every write succeeds and no sliding minute holds more writes than allowed.
func TestAccSecoda_rateLimitedApply(t *testing.T) {
	const limit = 1200
	mock := acctest.NewSecoda(t, limit)
	mock.ProviderExtra = fmt.Sprintf("writes_per_minute = %d", limit)
	var b strings.Builder
	b.WriteString(mock.Provider())
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "resource \"roster_user_group\" \"g%d\" {\n  name = \"bulk-%03d\"\n}\n", i, i)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config: b.String(),
			Check: func(*terraform.State) error {
				var writes []time.Time
				throttled := 0
				for _, e := range mock.Log().Entries() {
					if e.Method == "POST" {
						writes = append(writes, e.Time)
					}
					if e.Status == 429 {
						throttled++
					}
				}
				if len(writes) != 100 {
					return fmt.Errorf("%d creates, want exactly 100 (no duplicates)", len(writes))
				}
				if n := len(mock.State().Groups); n != 100 {
					return fmt.Errorf("mock holds %d groups, want 100", n)
				}
				// No more than limit/60 writes may start within any second, allowing arrival jitter of a
				// loaded machine; unpaced writes would land within milliseconds of each other. The average
				// rate below is the precise check.
				perSecond := limit / 60
				for i := 0; i+perSecond < len(writes); i++ {
					if gap := writes[i+perSecond].Sub(writes[i]); gap < 500*time.Millisecond {
						return fmt.Errorf("writes %d..%d arrived within %v, limit is %d per second", i, i+perSecond, gap, perSecond)
					}
				}
				achieved := float64(len(writes)-1) / writes[len(writes)-1].Sub(writes[0]).Seconds()
				if achieved > float64(perSecond)*1.02 {
					return fmt.Errorf("%.1f writes/s on average, limit %d/s", achieved, perSecond)
				}
				t.Logf("100 creates, %d answered 429 and retried, %.1f writes/s achieved (limit %d/s)", throttled, achieved, perSecond)
				return nil
			},
		}},
	})
}

func TestAccSecoda_dataSources(t *testing.T) {
	mock := acctest.NewSecoda(t, -1)
	config := mock.Provider() + `
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  role  = "viewer"
}

resource "roster_user_group" "bi" {
  name    = "bi"
  members = [roster_user.ada.id]
}

data "roster_user_group" "bi" {
  name = roster_user_group.bi.name
}

data "roster_user" "ada" {
  email = "ADA@example.com"
  depends_on = [roster_user.ada]
}

data "roster_users" "all" {
  depends_on = [roster_user.ada]
}

data "roster_user_groups" "all" {
  depends_on = [roster_user_group.bi]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.CompareValuePairs("data.roster_user_group.bi", tfjsonpath.New("id"), "roster_user_group.bi", tfjsonpath.New("id"), compareEqual),
				statecheck.ExpectKnownValue("data.roster_user_group.bi", tfjsonpath.New("members"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.roster_user_group.bi", tfjsonpath.New("secoda").AtMapKey("icon"), knownvalue.NotNull()),
				statecheck.CompareValuePairs("data.roster_user.ada", tfjsonpath.New("id"), "roster_user.ada", tfjsonpath.New("id"), compareEqual),
				statecheck.ExpectKnownValue("data.roster_user.ada", tfjsonpath.New("role"), knownvalue.StringExact("viewer")),
				statecheck.ExpectKnownValue("data.roster_users.all", tfjsonpath.New("users"), knownvalue.ListSizeExact(2)), // ada and the seeded admin
				statecheck.ExpectKnownValue("data.roster_user_groups.all", tfjsonpath.New("groups"), knownvalue.ListSizeExact(1)),
			},
		}},
	})
}
