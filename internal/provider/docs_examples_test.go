package provider

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/zclconf/go-cty/cty"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// examplesDir holds the configurations the docs render and `make examples-check` validates.
var examplesDir = filepath.Join("..", "..", "examples")

// TestExamplesUseOnlyWhatTheirPlatformHas holds every example configuration to the capability row of the
// platform its provider block names: terraform validate cannot, since it never learns the platform. An
// example without a platform must do for every platform that has its type.
func TestExamplesUseOnlyWhatTheirPlatformHas(t *testing.T) {
	dirs := exampleModules(t)
	if len(dirs) == 0 {
		t.Fatalf("no example configurations under %s", examplesDir)
	}
	for _, dir := range dirs {
		for _, problem := range checkExampleModule(t, dir) {
			t.Errorf("%s: %s", dir, problem)
		}
	}
}

// TestEveryTypeHasAnExamplePerPlatform: examples/<resources|data-sources|ephemeral-resources>/<type>/<platform>/
// exists for every platform whose capability row has the type, and names that platform in its provider block.
func TestEveryTypeHasAnExamplePerPlatform(t *testing.T) {
	ctx := context.Background()
	p := &rosterProvider{}
	types := map[string][]string{}
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "roster"}, &resp)
		types["resources"] = append(types["resources"], resp.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "roster"}, &resp)
		types["data-sources"] = append(types["data-sources"], resp.TypeName)
	}
	for _, f := range p.EphemeralResources(ctx) {
		var resp ephemeral.MetadataResponse
		f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "roster"}, &resp)
		types["ephemeral-resources"] = append(types["ephemeral-resources"], resp.TypeName)
	}
	for section, names := range types {
		for _, typeName := range names {
			kind := exampleKind(section, typeName)
			for _, d := range platforms.All {
				if !d.Capabilities.Available || hasType(d.Capabilities, kind) != nil {
					continue
				}
				dir := filepath.Join(examplesDir, section, typeName, string(d.Name))
				if _, err := os.Stat(dir); err != nil {
					t.Errorf("%s %s has no example for %s: want one in %s", section, typeName, d.Name, dir)
					continue
				}
				if got := providerPlatforms(t, dir)[""]; got != string(d.Name) {
					t.Errorf("%s: the provider block's platform is %q, want %q", dir, got, d.Name)
				}
			}
		}
	}
}

// exampleModules lists the directories holding .tf files: each is one Terraform configuration.
func exampleModules(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	err := filepath.WalkDir(examplesDir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".tf") {
			seen[filepath.Dir(path)] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dirs := make([]string, 0, len(seen))
	for d := range seen {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	return dirs
}

// exampleKind is the capability kind of a Terraform type: roster_users reads users, a membership needs
// groups, the ephemeral key has a row of its own.
func exampleKind(section, typeName string) platform.Kind {
	if section == "ephemeral-resources" {
		return platform.KindEphemeralAPIKey
	}
	name := strings.TrimPrefix(typeName, "roster_")
	if name == "user_group_membership" {
		return platform.KindUserGroup
	}
	if section == "data-sources" {
		name = strings.TrimSuffix(name, "s")
	}
	return platform.Kind(name)
}

// hasType reports why a platform lacks a type, or nil; the ephemeral key needs API keys too.
func hasType(caps platform.Capabilities, kind platform.Kind) error {
	if err := caps.Check(platform.Feature{Kind: kind}); err != nil || kind != platform.KindEphemeralAPIKey {
		return err
	}
	return caps.Check(platform.Feature{Kind: platform.KindAPIKey})
}

// exampleBlock is one roster resource, data source or ephemeral resource of an example.
type exampleBlock struct {
	section, typeName, name string
	platform                string // "" when the configuration names none
	body                    *hclsyntax.Body
}

func (b exampleBlock) address() string {
	switch b.section {
	case "data-sources":
		return "data." + b.typeName + "." + b.name
	case "ephemeral-resources":
		return "ephemeral." + b.typeName + "." + b.name
	}
	return b.typeName + "." + b.name
}

func parseExampleModule(t *testing.T, dir string) []*hclsyntax.Body {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		t.Fatal(err)
	}
	parser := hclparse.NewParser()
	var bodies []*hclsyntax.Body
	for _, f := range files {
		file, diags := parser.ParseHCLFile(f)
		if diags.HasErrors() {
			t.Fatalf("%s: %s", f, diags.Error())
		}
		bodies = append(bodies, file.Body.(*hclsyntax.Body))
	}
	return bodies
}

// providerPlatforms maps each roster provider configuration of a module, by alias ("" for the default),
// to the platform it names.
func providerPlatforms(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, body := range parseExampleModule(t, dir) {
		for _, b := range body.Blocks {
			if b.Type != "provider" || len(b.Labels) != 1 || b.Labels[0] != "roster" {
				continue
			}
			out[literalString(t, b.Body, "alias")] = literalString(t, b.Body, "platform")
		}
	}
	return out
}

func literalString(t *testing.T, body *hclsyntax.Body, name string) string {
	t.Helper()
	a, ok := body.Attributes[name]
	if !ok {
		return ""
	}
	v, diags := a.Expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.String {
		t.Fatalf("%s must be a literal string in examples: %s", name, diags.Error())
	}
	return v.AsString()
}

// checkExampleModule lists what the module's roster blocks use that their platform lacks.
func checkExampleModule(t *testing.T, dir string) []string {
	t.Helper()
	providers := providerPlatforms(t, dir)
	bodies := parseExampleModule(t, dir)
	blocks := map[string]exampleBlock{}
	var problems []string
	for _, body := range bodies {
		for _, b := range body.Blocks {
			section := map[string]string{"resource": "resources", "data": "data-sources", "ephemeral": "ephemeral-resources"}[b.Type]
			if section == "" || len(b.Labels) != 2 || !strings.HasPrefix(b.Labels[0], "roster_") {
				continue
			}
			alias := ""
			if a, ok := b.Body.Attributes["provider"]; ok {
				traversal, diags := hcl.AbsTraversalForExpr(a.Expr)
				if diags.HasErrors() || len(traversal) != 2 {
					t.Fatalf("%s: %s.%s: provider must be roster.<alias>", dir, b.Labels[0], b.Labels[1])
				}
				alias = traversal[1].(hcl.TraverseAttr).Name
			}
			p, ok := providers[alias]
			if alias != "" && !ok {
				problems = append(problems, "no provider roster."+alias)
			}
			eb := exampleBlock{section: section, typeName: b.Labels[0], name: b.Labels[1], platform: p, body: b.Body}
			blocks[eb.address()] = eb
			problems = append(problems, checkExampleBlock(eb)...)
		}
	}
	for _, body := range bodies {
		problems = append(problems, checkReferences(body, blocks)...)
	}
	return problems
}

// checkExampleBlock holds one block to its platform's row, or to every row that has its type.
func checkExampleBlock(b exampleBlock) []string {
	var problems []string
	if b.platform == "" {
		for name := range b.body.Attributes {
			if isPlatformName(name) {
				problems = append(problems, b.address()+" sets "+name+" = {...} in an example that names no platform")
			}
		}
	}
	kind := exampleKind(b.section, b.typeName)
	fieldKind := kind
	if kind == platform.KindEphemeralAPIKey {
		fieldKind = platform.KindAPIKey // its user_id and description are an API key's
	}
	for _, d := range platforms.All {
		if !d.Capabilities.Available || (b.platform != "" && string(d.Name) != b.platform) {
			continue
		}
		caps := d.Capabilities
		if err := hasType(caps, kind); err != nil {
			if b.platform != "" {
				problems = append(problems, b.address()+": "+err.Error())
			}
			continue // an example for every platform does not apply where the type is missing
		}
		for name := range b.body.Attributes {
			if isPlatformName(name) && name != b.platform {
				if b.platform != "" {
					problems = append(problems, b.address()+" sets "+name+" = {...} on "+string(d.Name))
				}
				continue
			}
			field, ok := fieldOfAttribute(name)
			if !ok || b.section == "data-sources" {
				continue
			}
			if err := caps.CheckSettable(platform.Feature{Kind: fieldKind, Field: field}); err != nil {
				problems = append(problems, b.address()+" sets "+name+" on "+string(d.Name)+": "+err.Error())
			}
		}
	}
	return problems
}

// checkReferences finds expressions that read another platform's nested attribute of a roster block, such
// as data.roster_user.ada.onyx.status in an authentik example.
func checkReferences(body *hclsyntax.Body, blocks map[string]exampleBlock) []string {
	var problems []string
	for _, a := range body.Attributes {
		for _, traversal := range a.Expr.Variables() {
			address, attr := referencedAttribute(traversal)
			b, ok := blocks[address]
			if ok && isPlatformName(attr) && attr != b.platform {
				problems = append(problems, "a reference to "+address+"."+attr+", which is null unless the platform is "+attr)
			}
		}
	}
	for _, nested := range body.Blocks {
		problems = append(problems, checkReferences(nested.Body, blocks)...)
	}
	return problems
}

// referencedAttribute splits data.roster_user.ada.onyx... into "data.roster_user.ada" and "onyx".
func referencedAttribute(traversal hcl.Traversal) (address, attr string) {
	var parts []string
	for _, step := range traversal {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			parts = append(parts, s.Name)
		case hcl.TraverseAttr:
			parts = append(parts, s.Name)
		default:
			parts = append(parts, "")
		}
	}
	n := 2
	if len(parts) > 0 && (parts[0] == "data" || parts[0] == "ephemeral") {
		n = 3
	}
	if len(parts) <= n {
		return "", ""
	}
	return strings.Join(parts[:n], "."), parts[n]
}

func isPlatformName(name string) bool {
	return slices.ContainsFunc(platforms.All, func(d platform.Descriptor) bool { return string(d.Name) == name })
}
