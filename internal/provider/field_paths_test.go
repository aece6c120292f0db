package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	ephemeralschema "github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/rosterhq/terraform-provider-roster/internal/platform"
	"github.com/rosterhq/terraform-provider-roster/internal/platforms"
)

// Every field a client can name must be an attribute of the schema of each type it belongs to: the common
// fields and every platform's own (platform.DeclaredFields; the client packages declare theirs as they are
// linked in through internal/platforms), and every field of every platform's capability row. A misspelt one
// would silently switch a plan-time check, a replacement or the placement of an error off.
func TestEveryPlatformFieldIsInTheSchema(t *testing.T) {
	for _, problem := range fieldProblems(t) {
		t.Error(problem)
	}
}

func fieldProblems(t *testing.T) []string {
	t.Helper()
	schemas := map[platform.Kind]schema.Schema{
		platform.KindUserGroup: resourceSchema(t, newUserGroupResource),
		platform.KindUser:      resourceSchema(t, newUserResource),
		platform.KindAPIKey:    resourceSchema(t, newAPIKeyResource),
	}
	known := map[platform.Name]bool{}
	for _, d := range platforms.All {
		known[d.Name] = true
	}
	var problems []string
	has := func(kind platform.Kind, f platform.Field) bool {
		if f.IsZero() {
			return true
		}
		p, ok := fieldPath(f)
		if !ok {
			return false
		}
		if kind == platform.KindEphemeralAPIKey {
			return hasEphemeralAttributePath(ephemeralSchema(t).Attributes, p.String())
		}
		s, ok := schemas[kind]
		return ok && hasAttributePath(s.Attributes, p.String())
	}
	declared := platform.DeclaredFields()
	if len(declared) == 0 {
		problems = append(problems, "no field is declared")
	}
	for _, decl := range declared {
		if p := decl.Field.Platform(); p != "" && !known[p] {
			problems = append(problems, fmt.Sprintf("field %s belongs to %q, which is no registered platform", decl.Field, p))
		}
		if len(decl.Kinds) == 0 {
			problems = append(problems, fmt.Sprintf("field %s is declared for no type", decl.Field))
		}
		for _, kind := range decl.Kinds {
			if !has(kind, decl.Field) {
				problems = append(problems, fmt.Sprintf("field %s is declared for %s, whose schema has no attribute %q",
					decl.Field, kind, attributeName(decl.Field)))
			}
		}
	}
	for _, d := range platforms.All {
		for _, f := range capabilityFeatures(d.Capabilities) {
			if _, ok := schemas[f.Kind]; !ok && f.Kind != platform.KindEphemeralAPIKey {
				problems = append(problems, fmt.Sprintf("%s: the capability row names type %q, which has no resource", d.Name, f.Kind))
				continue
			}
			if !has(f.Kind, f.Field) {
				problems = append(problems, fmt.Sprintf("%s: the capability row names %s.%s, which the %s schema does not have",
					d.Name, f.Kind, attributeName(f.Field), f.Kind))
			}
		}
	}
	return problems
}

// capabilityFeatures lists every (type, field) a capability row names.
func capabilityFeatures(caps platform.Capabilities) []platform.Feature {
	var named []platform.Feature
	for _, table := range []map[platform.Feature]string{caps.Unsupported, caps.ReadOnly, caps.CreateOnly} {
		for f := range table {
			named = append(named, f)
		}
	}
	for kind, fields := range caps.ReplaceOnChange {
		for _, f := range fields {
			named = append(named, platform.Feature{Kind: kind, Field: f})
		}
	}
	return named
}

func resourceSchema(t *testing.T, newResource func() resource.Resource) schema.Schema {
	t.Helper()
	var resp resource.SchemaResponse
	newResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}

// hasAttributePath resolves a dotted path ("onyx.cc_pair_ids") through single nested attributes.
func hasAttributePath(attrs map[string]schema.Attribute, path string) bool {
	return hasPath(attrs, path, func(a schema.Attribute) (map[string]schema.Attribute, bool) {
		obj, ok := a.(schema.SingleNestedAttribute)
		return obj.Attributes, ok
	})
}

func hasEphemeralAttributePath(attrs map[string]ephemeralschema.Attribute, path string) bool {
	return hasPath(attrs, path, func(a ephemeralschema.Attribute) (map[string]ephemeralschema.Attribute, bool) {
		obj, ok := a.(ephemeralschema.SingleNestedAttribute)
		return obj.Attributes, ok
	})
}

func hasPath[A any](attrs map[string]A, path string, nested func(A) (map[string]A, bool)) bool {
	head, rest, dotted := strings.Cut(path, ".")
	a, ok := attrs[head]
	if !ok || !dotted {
		return ok
	}
	inner, isObject := nested(a)
	return isObject && hasPath(inner, rest, nested)
}

func ephemeralSchema(t *testing.T) ephemeralschema.Schema {
	t.Helper()
	var resp ephemeral.SchemaResponse
	newEphemeralAPIKey().Schema(context.Background(), ephemeral.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	return resp.Schema
}
