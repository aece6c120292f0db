package provider_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/rosterhq/terraform-provider-roster/internal/acctest"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi"
	"github.com/rosterhq/terraform-provider-roster/internal/mockapi/mocks"
	onyxmock "github.com/rosterhq/terraform-provider-roster/internal/mockapi/onyx"
)

// builtinGroups are the groups a fresh mock already has, as the real servers do: examples read them
// without creating them.
var builtinGroups = map[string][]string{
	"authentik":     {"authentik Admins"},
	"onyx":          {"Admin", "Basic"},
	"tyk_ai_studio": {"Default"},
}

// signedUp are the people a fresh mock already has. On Onyx they cannot be created: roster can only invite,
// and the examples manage people who have signed up.
var signedUp = map[string][]string{"onyx": {"ada@example.com", "grace@example.com"}}

// TestAccExamples_planOnTheirPlatform plans every per-platform example (examples/<section>/<type>/<platform>/)
// against a mock of its platform, with the provider block pointed at the mock: the platform's own plan-time
// rules (role names, required names, generation rules) hold for the examples too, which terraform validate
// cannot check. Objects an example reads (data sources, import blocks) are created first, unless the mock
// has them built in like the real server. Onyx plays its current generation, whose keys take group_ids.
func TestAccExamples_planOnTheirPlatform(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob(filepath.Join("..", "..", "examples", "*", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for _, dir := range dirs {
		d, ok := mocks.Lookup(filepath.Base(dir))
		if !ok {
			continue // import files, not a platform's example
		}
		ran++
		name := strings.TrimPrefix(filepath.ToSlash(dir), "../../examples/")
		t.Run(name, func(t *testing.T) {
			opts := mockapi.Options{WritesPerMinute: -1}
			if d.Name == "onyx" {
				opts.Variant = onyxmock.GenerationCurrent
			}
			mock, _ := acctest.Start(t, d, opts)
			mock.ProviderExtra = "writes_per_minute = 100000"
			example, seeds := exampleWithoutProvider(t, dir, d.Name)
			variables := config.Variables{
				"initial_password": config.StringVariable("Sw0rdfish-Tango!"),
				"deployer_id":      config.StringVariable("1"), // the mock's seeded admin
			}
			steps := []resource.TestStep{}
			if seeds != "" {
				steps = append(steps, resource.TestStep{Config: mock.Provider() + seeds})
			}
			steps = append(steps, resource.TestStep{
				Config:          mock.Provider() + seeds + example,
				ConfigVariables: variables,
				PlanOnly:        true,
				// An ephemeral key is opened and closed during the plan, which changes nothing.
				ExpectNonEmptyPlan: !strings.HasPrefix(name, "ephemeral-resources/"),
			})
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { acctest.PreCheck(t) },
				ProtoV6ProviderFactories: acctest.ProviderFactories(),
				TerraformVersionChecks:   acctest.TerraformVersionChecks,
				Steps:                    steps,
			})
		})
	}
	if ran == 0 {
		t.Fatal("no per-platform examples found")
	}
}

// exampleWithoutProvider returns the example's configuration without its provider block, and resources
// that create what it reads: the groups and users its data sources name, the users its import blocks take.
func exampleWithoutProvider(t *testing.T, dir, platformName string) (example, seeds string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	var out, seed strings.Builder
	for i, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		for _, b := range f.Body().Blocks() {
			if b.Type() == "provider" {
				f.Body().RemoveBlock(b)
			}
		}
		out.Write(f.Bytes())
		parsed, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
		if diags.HasErrors() {
			t.Fatal(diags.Error())
		}
		for j, b := range parsed.Body.(*hclsyntax.Body).Blocks {
			seedFor(t, &seed, b, platformName, i*100+j)
		}
	}
	return out.String(), seed.String()
}

func seedFor(t *testing.T, seed *strings.Builder, b *hclsyntax.Block, platformName string, n int) {
	literal := func(name string) string {
		a, ok := b.Body.Attributes[name]
		if !ok {
			return ""
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatalf("%s of %s must be a literal for the seed", name, strings.Join(b.Labels, "."))
		}
		return v.AsString()
	}
	user := func(email string) {
		if slices.Contains(signedUp[platformName], email) {
			return
		}
		name := "\n  name  = \"Seed User\"" // required on Unleash and Tyk AI Studio
		if platformName == "onyx" {
			name = "" // Onyx takes names from profiles
		}
		seed.WriteString("resource \"roster_user\" \"seed_" + strconv.Itoa(n) + "\" {\n  email = \"" + email + "\"" + name + "\n}\n")
	}
	switch {
	case b.Type == "data" && b.Labels[0] == "roster_user_group":
		if name := literal("name"); name != "" && !slices.Contains(builtinGroups[platformName], name) {
			seed.WriteString("resource \"roster_user_group\" \"seed_" + strconv.Itoa(n) + "\" {\n  name = \"" + name + "\"\n}\n")
		}
	case b.Type == "data" && b.Labels[0] == "roster_user":
		email := literal("email")
		if email == "" {
			email = literal("id") // Onyx: the id is the email
		}
		user(email)
	case b.Type == "import":
		user(literal("id")) // the Onyx example imports a person by email
	}
}
