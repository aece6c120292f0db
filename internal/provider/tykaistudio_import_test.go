package provider_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	tykmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/tykaistudio"
)

// tykRoleNotImported: Tyk AI Studio derives a user's role, so an import leaves it null (the next
// refresh fills it) and generated configuration does not set it.
func tykRoleNotImported(states []*terraform.InstanceState) error {
	for _, s := range states {
		if role := s.Attributes["role"]; role != "" {
			return fmt.Errorf("imported user %s has role %q in state; generated configuration would set it", s.ID, role)
		}
	}
	return nil
}

// TestAccTykAIStudio_generatedConfig imports a user and the Default group with -generate-config-out,
// then plans and applies with exactly the configuration Terraform wrote: the import is all it does; a
// change made in the UI shows as drift and is repaired; a deleted user is planned for creation without
// a plan-time error. The generated configuration leaves the derived role and Default's members alone.
func TestAccTykAIStudio_generatedConfig(t *testing.T) {
	mock := acctest.NewTyk(t, tykmock.Enterprise)
	var created struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	mock.API("POST", "/users", map[string]any{"data": map[string]any{"type": "users", "attributes": map[string]any{
		"email": "gen@example.com", "name": "Gen Config", "show_chat": true, "email_verified": true,
	}}}, &created)
	userID := created.Data.ID

	gen := newGeneratedConfig(t, mock.Provider(), map[string]string{
		"roster_user.generated": "email=gen@example.com", "roster_user_group.generated": "name=Default",
	})
	user, def := "roster_user.generated", "roster_user_group.generated"
	importStep := func(resourceName, id string, unset *regexp.Regexp) resource.TestStep {
		return resource.TestStep{
			Config: mock.Provider(), ResourceName: resourceName, ImportState: true, ImportStateId: id,
			ImportStateKind: resource.ImportBlockWithID, GenerateConfig: true,
			ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{gen.capture(unset)}},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { acctest.PreCheck(t) },
		ProtoV6ProviderFactories: acctest.ProviderFactories(),
		TerraformVersionChecks:   acctest.TerraformVersionChecks,
		Steps: []resource.TestStep{
			{Config: mock.Provider()},
			// The import steps rename the resource to <type>.generated.
			importStep("roster_user.u", "email=gen@example.com", regexp.MustCompile(`(?m)^\s*role\s*=\s*null\s*$`)),
			importStep("roster_user_group.d", "name=Default", regexp.MustCompile(`(?m)^\s*members\s*=\s*null\s*$`)),
			{ // the generated configuration plans the imports and nothing else, then an empty plan
				ConfigFile:       gen.file(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(user, plancheck.ResourceActionNoop), plancheck.ExpectResourceAction(def, plancheck.ResourceActionNoop)}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(def, tfjsonpath.New("members"), knownvalue.Null()),
					statecheck.ExpectKnownValue(def, tfjsonpath.New("tyk_ai_studio").AtMapKey("catalogue_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("1")})),
					statecheck.ExpectKnownValue(def, tfjsonpath.New("tyk_ai_studio").AtMapKey("data_catalogue_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("1")})),
					statecheck.ExpectKnownValue(def, tfjsonpath.New("tyk_ai_studio").AtMapKey("tool_catalogue_ids"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("1")})),
				},
			},
			{ // after a refresh the role is read, still with nothing to change
				ConfigFile:        gen.file(false),
				ConfigPlanChecks:  noChanges,
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Chat user"))},
			},
			{ // made an admin in the UI: drift, which the generated configuration repairs
				PreConfig:          func() { mock.Hook("PATCH", "users/"+userID, map[string]any{"is_admin": true}) },
				ConfigFile:         gen.file(false),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{
				ConfigFile:        gen.file(false),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(user, plancheck.ResourceActionUpdate)}},
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(user, tfjsonpath.New("role"), knownvalue.StringExact("Chat user"))},
			},
			{ // deleted in the UI: the generated configuration plans a create, without a plan-time error
				PreConfig:          func() { mock.Hook("DELETE", "users/"+userID, nil) },
				ConfigFile:         gen.file(false),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
			},
			{Config: mock.Provider() + `
removed {
  from = roster_user_group.generated
  lifecycle {
    destroy = false
  }
}
`},
		},
	})
}

// generatedConfig collects what -generate-config-out wrote in import steps and serves it, behind the
// provider block, as a configuration file for later steps (with or without the import blocks).
type generatedConfig struct {
	t        *testing.T
	provider string
	imports  map[string]string // resource address -> import id
	dir      string
	mu       sync.Mutex
	written  map[string]string // resource address -> generated configuration
}

func newGeneratedConfig(t *testing.T, provider string, imports map[string]string) *generatedConfig {
	g := &generatedConfig{t: t, provider: provider, imports: imports, dir: t.TempDir(), written: map[string]string{}}
	// The harness reads each step's file before any step runs, and refuses one with a provider block
	// when the test case has provider factories; the files get their content from capture.
	for _, withImports := range []bool{true, false} {
		if err := os.WriteFile(g.path(withImports), []byte("# filled by the import steps\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func (g *generatedConfig) file(withImports bool) config.TestStepConfigFunc {
	name := g.path(withImports)
	return func(config.TestStepConfigRequest) string { return name }
}

func (g *generatedConfig) path(withImports bool) string {
	if withImports {
		return filepath.Join(g.dir, "with_imports.tf")
	}
	return filepath.Join(g.dir, "generated.tf")
}

func (g *generatedConfig) save() {
	var resources, imports strings.Builder
	for addr, text := range g.written {
		resources.WriteString(text + "\n")
		fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n", addr, g.imports[addr])
	}
	for withImports, extra := range map[bool]string{true: imports.String(), false: ""} {
		if err := os.WriteFile(g.path(withImports), []byte(g.provider+resources.String()+extra), 0o600); err != nil {
			g.t.Fatal(err)
		}
	}
}

// capture is a plan check that keeps the configuration generated in an import step and requires it to
// match unset (an attribute written as null, so not managed).
func (g *generatedConfig) capture(unset *regexp.Regexp) plancheck.PlanCheck {
	return capturePlanCheck(func(addr, text string) error {
		if !unset.MatchString(text) {
			return fmt.Errorf("generated configuration of %s does not match %s:\n%s", addr, unset, text)
		}
		g.mu.Lock()
		defer g.mu.Unlock()
		g.written[addr] = text
		g.save()
		return nil
	})
}

type capturePlanCheck func(addr, text string) error

func (c capturePlanCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Change != nil && rc.Change.GeneratedConfig != "" {
			resp.Error = c(rc.Address, rc.Change.GeneratedConfig)
			return
		}
	}
	resp.Error = fmt.Errorf("the plan has no generated configuration")
}
