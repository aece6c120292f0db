package provider_test

import (
	"bytes"
	"context"
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

// secodaMemberConfig is one Secoda member; extra lines go into the resource.
func secodaMemberConfig(mock *acctest.Secoda, role, extra string) string {
	return mock.Provider() + fmt.Sprintf(`
resource "roster_user" "ada" {
  email = "ada@example.com"
  name  = "Ada Lovelace"
  role  = %q
  %s
}
`, role, extra)
}

// noWritesSince fails when the mock received anything but reads since its log was last reset: no invitation
// (POST) and no PATCH of a member the API cannot re-activate.
func noWritesSince(mock *acctest.Secoda, when string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, e := range mock.Log().Entries() {
			if e.Method != "GET" {
				return fmt.Errorf("%s: %s %s was sent; want reads only", when, e.Method, e.Path)
			}
		}
		return nil
	}
}

// TestAccSecoda_deactivatedMember: a member deactivated in Secoda's UI stays in state and shows as drift,
// since Secoda's API cannot re-activate them: the plan updates `active` to unknown (never a create), the
// apply writes nothing and reads `active = false` back, and the plan stays non-empty. `active = false`
// accepts the deactivation (empty plan, other fields still managed); re-activation in the UI clears it.
func TestAccSecoda_deactivatedMember(t *testing.T) {
	mock := acctest.NewSecoda(t, -1)
	ada := "roster_user.ada"
	var adaID string
	deactivated := statecheck.ExpectKnownValue(ada, tfjsonpath.New("active"), knownvalue.Bool(false))
	drift := []plancheck.PlanCheck{plancheck.ExpectResourceAction(ada, plancheck.ResourceActionUpdate), plancheck.ExpectUnknownValue(ada, tfjsonpath.New("active"))}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		CheckDestroy:             checkSecodaGone(mock, "ada@example.com"),
		Steps: []resource.TestStep{
			{
				Config:            secodaMemberConfig(mock, "editor", ""),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(ada, tfjsonpath.New("active"), knownvalue.Bool(true))},
				Check:             saveID(ada, &adaID),
			},
			{ // deactivated in the UI: drift, no invitation, nothing written, and the drift remains
				PreConfig: func() {
					mock.Hook("PATCH", "users/"+adaID, map[string]any{"disabled": true})
					mock.Log().Reset()
				},
				Config: secodaMemberConfig(mock, "editor", ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             drift,
					PostApplyPostRefresh: drift,
				},
				ConfigStateChecks: []statecheck.StateCheck{
					deactivated,
					statecheck.ExpectKnownValue(ada, tfjsonpath.New("id"), knownvalue.StringFunc(func(id string) error {
						if id != adaID {
							return fmt.Errorf("id %s, want the member's %s", id, adaID)
						}
						return nil
					})),
				},
				Check:              noWritesSince(mock, "applying the drift of a deactivated member"),
				ExpectNonEmptyPlan: true,
			},
			{ // `active = true` written out asks for what the API cannot do: a plan-time error that says so
				Config:      secodaMemberConfig(mock, "editor", "active = true"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute not supported on Secoda.*cannot\s+deactivate\s+a\s+member\s+or\s+re-activate\s+one`),
			},
			{ // the deactivation accepted in the configuration: a quiet plan
				Config:           secodaMemberConfig(mock, "editor", "active = false"),
				ConfigPlanChecks: noChanges,
			},
			{ // other fields are still managed while the member is deactivated
				Config:            secodaMemberConfig(mock, "viewer", "active = false"),
				ConfigPlanChecks:  plansFor(ada, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{deactivated, statecheck.ExpectKnownValue(ada, tfjsonpath.New("role"), knownvalue.StringExact("viewer"))},
				Check: func(*terraform.State) error {
					var u map[string]any
					mock.API("GET", "/user/"+adaID+"/", nil, &u)
					if u["role"] != "viewer" || u["disabled"] != true {
						return fmt.Errorf("server user = %v", u)
					}
					return nil
				},
			},
			{ // re-activated in the UI: nothing left to do
				PreConfig:         func() { mock.Hook("PATCH", "users/"+adaID, map[string]any{"disabled": false}) },
				Config:            secodaMemberConfig(mock, "viewer", ""),
				ConfigPlanChecks:  noChanges,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(ada, tfjsonpath.New("active"), knownvalue.Bool(true))},
			},
		},
	})
}

// TestAccSecoda_deactivatedMemberDriftRun is the scheduled drift run of issue 17: `terraform plan
// -detailed-exitcode` after a member was deactivated in Secoda's UI exits 2 (changes), not 1, plans no
// create, and warns with the member's address and id and what to do. TestAccSecoda_deactivatedMember
// cannot see warnings; terraform's own output shows them.
func TestAccSecoda_deactivatedMemberDriftRun(t *testing.T) {
	t.Parallel()
	mock := acctest.NewSecoda(t, -1)
	wd := acctest.NewWorkdir(t, secodaMemberConfig(mock, "editor", ""))
	ctx := context.Background()
	t.Cleanup(func() {
		if err := wd.Destroy(context.Background(), wd.Reattach); err != nil {
			t.Errorf("terraform destroy: %v", err)
		}
	})
	if err := wd.Apply(ctx, wd.Reattach); err != nil {
		t.Fatalf("apply: %v", err)
	}
	id := stateOf(t, wd).RootModule().Resources["roster_user.ada"].Primary.ID
	mock.Hook("PATCH", "users/"+id, map[string]any{"disabled": true})

	var out bytes.Buffer
	wd.SetStdout(&out)
	wd.SetStderr(&out)
	changes, err := wd.Plan(ctx, wd.Reattach) // tfexec runs plan with -detailed-exitcode
	wd.SetStdout(nil)
	wd.SetStderr(nil)
	if err != nil || !changes {
		t.Fatalf("plan -detailed-exitcode: changes %t, error %v; want exit code 2:\n%s", changes, err, out.String())
	}
	// Terraform wraps diagnostics at its terminal width: compare with the line breaks and borders gone.
	msg := strings.Join(strings.Fields(strings.ReplaceAll(out.String(), "│", " ")), " ")
	for _, want := range []string{
		"Warning: User deactivated outside Terraform",
		fmt.Sprintf("ada@example.com (id %s) is deactivated on Secoda", id),
		"re-activate one; do it in Secoda's UI",
		"set `active = false`",
		"roster_user.ada will be updated in-place",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the plan does not say %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(msg, "will be created") {
		t.Errorf("the plan creates something:\n%s", out.String())
	}

	// A configured `active = true` is refused at plan time (the API cannot re-activate), with no warning that
	// pretends the plan could go on.
	wd.Write(t, secodaMemberConfig(mock, "editor", "active = true"))
	out.Reset()
	wd.SetStdout(&out)
	wd.SetStderr(&out)
	_, err = wd.Plan(ctx, wd.Reattach)
	wd.SetStdout(nil)
	wd.SetStderr(nil)
	msg = strings.Join(strings.Fields(strings.ReplaceAll(out.String(), "│", " ")), " ")
	if err == nil || !strings.Contains(msg, "Error: Attribute not supported on Secoda") || strings.Contains(msg, "User deactivated outside Terraform") {
		t.Errorf("plan with active = true: error %v, want only the plan-time error:\n%s", err, out.String())
	}
	wd.Write(t, secodaMemberConfig(mock, "editor", "")) // for the cleanup's destroy
}
