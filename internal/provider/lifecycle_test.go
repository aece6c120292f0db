package provider_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// lifecycleRow is one platform's row in a resource's acceptance table (resource_<type>_test.go). start
// starts a fresh mock (or reaches the real server) for one subtest and describes the resource's life on it.
type lifecycleRow struct {
	name  string
	start func(t *testing.T) lifecycle
}

// lifecycle is the life of one resource on one platform. Its steps run in this order: create, afterCreate,
// update in place, afterUpdate, each replacement, the imports, drift, extra, and removal behind Terraform's
// back. Configurations are complete, provider block included. Optional parts are left empty.
type lifecycle struct {
	// address is the resource under test, such as roster_user.ada.
	address string

	create  string
	created []statecheck.StateCheck
	// createdCheck looks at the server, and notes the ids that the row's hooks need.
	createdCheck resource.TestCheckFunc
	// afterCreate and afterUpdate hold the platform's quirks (an invitation accepted, a server-side sync):
	// steps that must plan what they say.
	afterCreate []resource.TestStep

	// update changes the resource in place (the plan must say update).
	update       string
	updated      []statecheck.StateCheck
	updatedCheck resource.TestCheckFunc
	afterUpdate  []resource.TestStep

	// replace holds configurations, each of which must plan a replacement; replacedCheck runs after each.
	replace       []string
	replacedCheck resource.TestCheckFunc

	// imports are import steps: ResourceName and ImportState are set here, and an import block gets the
	// latest configuration unless it has its own.
	imports []resource.TestStep

	// drift changes the object behind Terraform's back: the next plan must not be empty.
	drift func()
	// extra holds steps that fit no phase; they run after the drift.
	extra []resource.TestStep
	// remove deletes the object behind Terraform's back: the next apply must create it, and recreated holds.
	remove         func()
	recreated      []statecheck.StateCheck
	recreatedCheck resource.TestCheckFunc

	checkDestroy resource.TestCheckFunc
}

// runLifecycles runs every row as a parallel subtest against its own mock. The caller calls t.Parallel.
func runLifecycles(t *testing.T, rows []lifecycleRow) {
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			lc := row.start(t)
			steps, phases := lc.steps()
			// Which phase each step is, for the reader of a failure ("Step 6/11 error: ...").
			t.Cleanup(func() {
				if t.Failed() {
					numbered := make([]string, len(phases))
					for i, phase := range phases {
						numbered[i] = fmt.Sprintf("%d %s", i+1, phase)
					}
					t.Logf("steps: %s", strings.Join(numbered, ", "))
				}
			})
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				CheckDestroy:             lc.checkDestroy,
				Steps:                    steps,
			})
		})
	}
}

// steps returns the test steps and the phase each belongs to.
func (lc lifecycle) steps() (steps []resource.TestStep, phases []string) {
	add := func(phase string, s ...resource.TestStep) {
		steps = append(steps, s...)
		for range s {
			phases = append(phases, phase)
		}
	}
	latest := lc.create
	add("create", resource.TestStep{Config: lc.create, ConfigStateChecks: lc.created, Check: lc.createdCheck})
	add("afterCreate", lc.afterCreate...)
	if lc.update != "" {
		latest = lc.update
		add("update", resource.TestStep{
			Config:            lc.update,
			ConfigPlanChecks:  lc.plans(plancheck.ResourceActionUpdate),
			ConfigStateChecks: lc.updated,
			Check:             lc.updatedCheck,
		})
	}
	add("afterUpdate", lc.afterUpdate...)
	for _, config := range lc.replace {
		latest = config
		add("replace", resource.TestStep{
			Config:           config,
			ConfigPlanChecks: lc.plans(plancheck.ResourceActionDestroyBeforeCreate),
			Check:            lc.replacedCheck,
		})
	}
	for _, step := range lc.imports {
		step.ResourceName, step.ImportState = lc.address, true
		if step.ImportStateKind == resource.ImportBlockWithID && step.Config == "" {
			step.Config = latest
		}
		add("import", step)
	}
	if lc.drift != nil {
		add("drift", resource.TestStep{PreConfig: lc.drift, Config: latest, PlanOnly: true, ExpectNonEmptyPlan: true})
	}
	add("extra", lc.extra...)
	if lc.remove != nil {
		add("remove", resource.TestStep{
			PreConfig:         lc.remove,
			Config:            latest,
			ConfigPlanChecks:  lc.plans(plancheck.ResourceActionCreate),
			ConfigStateChecks: lc.recreated,
			Check:             lc.recreatedCheck,
		})
	}
	return steps, phases
}

// plans expects the resource under test to plan action.
func (lc lifecycle) plans(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return plansFor(lc.address, action)
}

func plansFor(address string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, action)}}
}

// noChanges expects an empty plan.
var noChanges = resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}

// saveID is a check that notes the resource's id in *into, for hooks of later steps.
func saveID(address string, into *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		*into = s.RootModule().Resources[address].Primary.ID
		return nil
	}
}

// TestEveryPlatformHasLifecycleRows fails when a registered platform has no row in the lifecycle table of a
// resource type it supports, or a row where its capability row says the type is missing: a new platform joins
// the acceptance tests by adding its rows.
func TestEveryPlatformHasLifecycleRows(t *testing.T) {
	tables := map[platform.Kind][]lifecycleRow{
		platform.KindUser:      userLifecycles,
		platform.KindUserGroup: groupLifecycles,
		platform.KindAPIKey:    apiKeyLifecycles,
	}
	for kind, rows := range tables {
		for _, d := range platforms.All {
			name := string(d.Name)
			hasRow := slices.ContainsFunc(rows, func(r lifecycleRow) bool {
				return r.name == name || strings.HasPrefix(r.name, name+"-")
			})
			supported := d.Capabilities.Check(platform.Feature{Kind: kind}) == nil
			if hasRow != supported {
				t.Errorf("roster_%s on %s: lifecycle row %t, capability row supports it %t", kind, name, hasRow, supported)
			}
		}
	}
}
