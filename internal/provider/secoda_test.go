package provider_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	secodamock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/secoda"
)

// secodaUsersConfig: an invitee with a role, and a guest, who needs a team.
func secodaUsersConfig(mock *acctest.Secoda, role string) string {
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
`, role, secodamock.DefaultTeamID)
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
